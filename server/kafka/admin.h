#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/kafka/client_config.h"
#include "server/kafka/consumer.h"

namespace connectd::kafka {

struct NewTopic {
  std::string name;
  int32_t partitions = -1;          // -1: broker default
  int16_t replication_factor = -1;  // -1: broker default
  std::map<std::string, std::string> configs;
};

// The admin operations the runtime needs (a slice of Java's Admin). Every call blocks the
// calling thread for at most `timeout_ms` and throws KafkaException on failure, so callers
// run them off the herder and REST threads. Thread-safe.
class Admin {
 public:
  explicit Admin(const ClientProps& props);
  ~Admin();
  Admin(const Admin&) = delete;
  Admin& operator=(const Admin&) = delete;

  // The cluster id (DescribeCluster / Metadata); throws on timeout.
  std::string clusterId(int timeout_ms);
  // Creates the topic; returns false when it already existed.
  bool createTopic(const NewTopic& topic, int timeout_ms);
  // The partition count of `topic`, or nullopt when it does not exist.
  std::optional<int32_t> partitionCount(const std::string& topic, int timeout_ms);

  // Committed offsets of every partition of the group (empty for an unknown group).
  OffsetMap listConsumerGroupOffsets(const std::string& group, int timeout_ms);
  void alterConsumerGroupOffsets(const std::string& group, const OffsetMap& offsets, int timeout_ms);
  void deleteConsumerGroupOffsets(const std::string& group, const std::vector<TopicPartition>& partitions,
                                  int timeout_ms);
  // Returns the group-level error (e.g. RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP)
  // instead of throwing it, since callers treat some of them as success.
  rd_kafka_resp_err_t deleteConsumerGroup(const std::string& group, int timeout_ms);

  rd_kafka_t* handle() const { return rk_; }

 private:
  rd_kafka_t* rk_ = nullptr;
};

}  // namespace connectd::kafka
