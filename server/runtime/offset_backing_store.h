#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/api/connect_record.h"

namespace connectd::runtime {

// Where source offsets live (Kafka's OffsetBackingStore), keyed by the raw key bytes of
// OffsetUtils::keyFor. Thread-safe: tasks, connectors and the herder share one store.
class OffsetBackingStore {
 public:
  using Entries = std::vector<std::pair<std::string, std::optional<std::string>>>;

  virtual ~OffsetBackingStore() = default;
  virtual void start() = 0;
  virtual void stop() = 0;
  // Values of the given keys that exist.
  virtual std::map<std::string, std::string> get(const std::vector<std::string>& keys) = 0;
  // Writes all entries durably (a nullopt value deletes the key); throws ConnectException
  // when they could not be written, leaving earlier state in place.
  virtual void set(const Entries& entries) = 0;
  // Every source partition with a stored (non-deleted) offset for `connector`.
  virtual std::vector<api::OffsetMap> connectorPartitions(const std::string& connector) = 0;
};

}  // namespace connectd::runtime
