#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/runtime/herder.h"

namespace connectd::runtime {

// A KIP-558 active topic of a connector (TopicStatus).
struct TopicStatus {
  std::string topic;
  std::string connector;
  int task = 0;
  int64_t discover_timestamp = 0;
  bool operator==(const TopicStatus&) const = default;
};

// Where connector, task and active-topic statuses live (Kafka's StatusBackingStore).
// `generation` is the worker-group generation of the write. A status whose state is
// "DESTROYED" deletes the entry. putSafe() only writes when there is no previous status, the
// previous one was written by the same worker, or its generation is not newer. Thread-safe.
class StatusBackingStore {
 public:
  virtual ~StatusBackingStore() = default;
  virtual void start() = 0;
  virtual void stop() = 0;

  virtual void put(const std::string& connector, const StateInfo& status, int generation) = 0;
  virtual void putSafe(const std::string& connector, const StateInfo& status, int generation) = 0;
  virtual void put(const ConnectorTaskId& id, const StateInfo& status, int generation) = 0;
  virtual void putSafe(const ConnectorTaskId& id, const StateInfo& status, int generation) = 0;
  virtual void put(const TopicStatus& status) = 0;

  virtual std::optional<StateInfo> get(const std::string& connector) = 0;
  virtual std::optional<StateInfo> get(const ConnectorTaskId& id) = 0;
  // Task statuses of a connector, by id.
  virtual std::vector<TaskStateInfo> getAll(const std::string& connector) = 0;
  virtual std::optional<TopicStatus> getTopic(const std::string& connector, const std::string& topic) = 0;
  virtual std::vector<TopicStatus> getAllTopics(const std::string& connector) = 0;
  virtual void deleteTopic(const std::string& connector, const std::string& topic) = 0;
  // Connectors with a status.
  virtual std::set<std::string> connectors() = 0;
  // Waits for outstanding writes (best effort).
  virtual void flush() = 0;
};

}  // namespace connectd::runtime
