#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "server/runtime/kafka_based_log.h"
#include "server/runtime/status_backing_store.h"

namespace connectd::runtime {

// Statuses in the status topic (Kafka's KafkaStatusBackingStore, spec §2.4).
//
//   status-connector-<c>                   {"state":"RUNNING","trace":null,"worker_id":"h:8083","generation":7}
//   status-task-<c>-<n>                    same shape
//   status-topic-<topic>:connector-<c>     {"topic":{"name":..,"connector":..,"task":0,"discoverTimestamp":..}}
//
// DESTROYED is written as a tombstone. Writes are asynchronous and the cache is only updated
// when the record is read back, so every worker (this one included) sees the topic's order.
// A failed write is retried from the work thread as long as no newer write of the same key
// was made (and, for putSafe, while the safe-write rule still holds): the producer itself
// does not retry (retries=0), so a retry can never land after a newer status.
class KafkaStatusBackingStore : public StatusBackingStore {
 public:
  static constexpr std::string_view kConnectorPrefix = "status-connector-";
  static constexpr std::string_view kTaskPrefix = "status-task-";
  static constexpr std::string_view kTopicPrefix = "status-topic-";
  static constexpr std::string_view kTopicConnectorSeparator = ":connector-";

  struct Status {
    StateInfo info;
    int generation = 0;
  };

  explicit KafkaStatusBackingStore(InternalTopicSettings settings,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~KafkaStatusBackingStore() override;

  void start() override;
  void stop() override;

  void put(const std::string& connector, const StateInfo& status, int generation) override;
  void putSafe(const std::string& connector, const StateInfo& status, int generation) override;
  void put(const ConnectorTaskId& id, const StateInfo& status, int generation) override;
  void putSafe(const ConnectorTaskId& id, const StateInfo& status, int generation) override;
  void put(const TopicStatus& status) override;

  std::optional<StateInfo> get(const std::string& connector) override;
  std::optional<StateInfo> get(const ConnectorTaskId& id) override;
  std::vector<TaskStateInfo> getAll(const std::string& connector) override;
  std::optional<TopicStatus> getTopic(const std::string& connector, const std::string& topic) override;
  std::vector<TopicStatus> getAllTopics(const std::string& connector) override;
  void deleteTopic(const std::string& connector, const std::string& topic) override;
  std::set<std::string> connectors() override;
  void flush() override;

  // Record formats (public for tests and tools).
  static std::string connectorKey(const std::string& connector);
  static std::string taskKey(const ConnectorTaskId& id);
  static std::string topicKey(const std::string& topic, const std::string& connector);
  static std::string serializeStatus(const StateInfo& status, int generation);
  static std::string serializeTopicStatus(const TopicStatus& status);
  static std::optional<Status> parseStatus(std::string_view value);
  static std::optional<TopicStatus> parseTopicStatus(std::string_view value);
  // status-task-<c>-<n> → id; nullopt for fewer than 4 '-' pieces or a non-numeric id.
  static std::optional<ConnectorTaskId> parseTaskKey(std::string_view key);
  // status-topic-<topic>:connector-<c> → (topic, connector).
  static std::optional<std::pair<std::string, std::string>> parseTopicKey(std::string_view key);

  // The record handler (the log's consumed callback), public so the read rules can be
  // exercised without Kafka.
  void onRecord(const LogRecord& record);

 private:
  template <typename V>
  struct CacheEntry {
    std::optional<V> value;
    int sequence = 0;
    bool deleted = false;
    bool canWriteSafely(const Status& status) const;
  };

  void sendStatus(const std::string& key, const StateInfo& status, int generation, bool safe,
                  const std::shared_ptr<CacheEntry<Status>>& entry);
  void sendWithRetry(const std::string& key, std::optional<std::string> value, const Status& status, bool safe,
                     std::shared_ptr<CacheEntry<Status>> entry, int sequence);
  std::shared_ptr<CacheEntry<Status>> connectorEntry(const std::string& connector);
  std::shared_ptr<CacheEntry<Status>> taskEntry(const ConnectorTaskId& id);
  void readConnectorStatus(const std::string& connector, std::optional<std::string_view> value);
  void readTaskStatus(const ConnectorTaskId& id, std::optional<std::string_view> value);
  void readTopicStatus(const std::string& topic, const std::string& connector, std::optional<std::string_view> value);
  void removeConnector(const std::string& connector);

  InternalTopicSettings settings_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<KafkaBasedLog> log_;

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<CacheEntry<Status>>> connectors_;
  std::map<std::string, std::map<int, std::shared_ptr<CacheEntry<Status>>>> tasks_;
  std::map<std::string, std::map<std::string, TopicStatus>> topics_;
};

}  // namespace connectd::runtime
