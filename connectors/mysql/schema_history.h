#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "connectors/mysql/schema/history_record.h"

namespace connectd::mysql {

// Debezium's SchemaHistory: the DDL log the connector replays at start to know every table's
// structure at its offset. Records are written synchronously, before the change events that
// depend on them.
class SchemaHistory {
 public:
  virtual ~SchemaHistory() = default;
  // The storage is there (the topic/file exists), possibly empty.
  virtual bool storageExists() = 0;
  // The storage exists and holds at least one record.
  virtual bool exists() = 0;
  virtual void initializeStorage() = 0;
  // Throws ConnectException when the record cannot be stored.
  virtual void storeRecord(const HistoryRecord& record) = 0;
  // Every stored record, oldest first.
  virtual void recover(const std::function<void(HistoryRecord&&)>& on_record) = 0;
  virtual void stop() {}
};

// io.debezium.storage.kafka.history.KafkaSchemaHistory: a single-partition topic with infinite
// retention; each record is the pretty-printed JSON document as a string value, null key.
class KafkaSchemaHistory : public SchemaHistory {
 public:
  struct Options {
    std::string topic;
    std::string bootstrap_servers;
    std::string client_id;  // "<connector name>-schemahistory"
    std::map<std::string, std::string> producer;  // schema.history.internal.producer.*
    std::map<std::string, std::string> consumer;  // schema.history.internal.consumer.*
    int recovery_attempts = 100;
    int64_t recovery_poll_interval_ms = 100;
    int64_t query_timeout_ms = 3000;
    int64_t create_timeout_ms = 30000;
  };
  explicit KafkaSchemaHistory(Options options);
  ~KafkaSchemaHistory() override;

  bool storageExists() override;
  bool exists() override;
  void initializeStorage() override;
  void storeRecord(const HistoryRecord& record) override;
  void recover(const std::function<void(HistoryRecord&&)>& on_record) override;
  void stop() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// io.debezium.storage.file.history.FileSchemaHistory: one JSON document per line.
class FileSchemaHistory : public SchemaHistory {
 public:
  explicit FileSchemaHistory(std::string path) : path_(std::move(path)) {}
  bool storageExists() override;
  bool exists() override;
  void initializeStorage() override;
  void storeRecord(const HistoryRecord& record) override;
  void recover(const std::function<void(HistoryRecord&&)>& on_record) override;

 private:
  std::string path_;
};

}  // namespace connectd::mysql
