#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/api/headers.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::api {

// A source partition or offset: a string-keyed map of primitive values, insertion-ordered
// (its JSON form is an offsets-topic key, so the order is part of the bytes).
using OffsetMap = std::vector<std::pair<std::string, Value>>;

// Connect's ConnectRecord. Transformations change a record in place (Kafka's newRecord()
// copy is replaced by mutation of the record the runtime owns; the effect is the same).
class ConnectRecord {
 public:
  ConnectRecord() = default;
  ConnectRecord(std::string topic, std::optional<int32_t> partition, SchemaPtr key_schema, Value key,
                SchemaPtr value_schema, Value value, std::optional<int64_t> timestamp = std::nullopt)
      : topic(std::move(topic)),
        kafkaPartition(partition),
        keySchema(std::move(key_schema)),
        key(std::move(key)),
        valueSchema(std::move(value_schema)),
        value(std::move(value)),
        timestamp(timestamp) {}
  virtual ~ConnectRecord() = default;
  ConnectRecord(const ConnectRecord&) = default;
  ConnectRecord& operator=(const ConnectRecord&) = default;
  ConnectRecord(ConnectRecord&&) = default;
  ConnectRecord& operator=(ConnectRecord&&) = default;

  std::string topic;
  std::optional<int32_t> kafkaPartition;
  SchemaPtr keySchema;
  Value key;
  SchemaPtr valueSchema;
  Value value;
  std::optional<int64_t> timestamp;
  Headers headers;
};

class SourceRecord : public ConnectRecord {
 public:
  SourceRecord() = default;
  SourceRecord(OffsetMap source_partition, OffsetMap source_offset, std::string topic,
               std::optional<int32_t> partition, SchemaPtr key_schema, Value key, SchemaPtr value_schema,
               Value value, std::optional<int64_t> timestamp = std::nullopt)
      : ConnectRecord(std::move(topic), partition, std::move(key_schema), std::move(key),
                      std::move(value_schema), std::move(value), timestamp),
        sourcePartition(std::move(source_partition)),
        sourceOffset(std::move(source_offset)) {}

  OffsetMap sourcePartition;
  OffsetMap sourceOffset;
};

enum class TimestampType { NoTimestampType, CreateTime, LogAppendTime };

class SinkRecord : public ConnectRecord {
 public:
  int64_t kafkaOffset = 0;
  TimestampType timestampType = TimestampType::NoTimestampType;
  // Where the record was read from, kept even when a transform changes topic/partition (KIP-793).
  std::string originalTopic;
  int32_t originalKafkaPartition = 0;
  int64_t originalKafkaOffset = 0;
};

}  // namespace connectd::api
