#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/runtime/kafka_based_log.h"
#include "server/runtime/offset_backing_store.h"

namespace connectd::runtime {

// Source offsets in the offsets topic (Kafka's KafkaOffsetBackingStore, spec §2.3): keys are
// OffsetUtils key bytes (["<connector>",{partition}]), values the offset JSON, a tombstone
// deletes. Every worker reads the whole topic and keeps the last value per key; get() and
// connectorPartitions() read to the end first so they see every write made before the call.
class KafkaOffsetBackingStore : public OffsetBackingStore {
 public:
  explicit KafkaOffsetBackingStore(InternalTopicSettings settings,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~KafkaOffsetBackingStore() override;

  // Creates/checks the topic and reads it to the end; a no-op when already started.
  void start() override;
  void stop() override;
  std::map<std::string, std::string> get(const std::vector<std::string>& keys) override;
  // Sends every entry and waits for all acknowledgements (the store's timeout).
  void set(const Entries& entries) override;
  std::vector<api::OffsetMap> connectorPartitions(const std::string& connector) override;

  // The record handler, public so the apply rules can be exercised without Kafka.
  void onRecord(const LogRecord& record);

 private:
  InternalTopicSettings settings_;
  std::chrono::milliseconds timeout_;
  std::mutex lifecycle_mu_;  // start()/stop(); start() is idempotent
  std::unique_ptr<KafkaBasedLog> log_;

  std::mutex mu_;
  std::map<std::string, std::string> data_;
  // connector -> key bytes -> partition, for connectorPartitions().
  std::map<std::string, std::map<std::string, api::OffsetMap>> partitions_;
};

}  // namespace connectd::runtime
