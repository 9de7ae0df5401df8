#pragma once

#include <string>

#include "server/runtime/herder.h"

namespace connectd::runtime {

// Receives a connector's lifecycle events (ConnectorStatus.Listener); the herder turns them
// into status records. Called from the connector's thread.
class ConnectorStatusListener {
 public:
  virtual ~ConnectorStatusListener() = default;
  virtual void onStartup(const std::string& connector) = 0;   // RUNNING
  virtual void onPause(const std::string& connector) = 0;     // PAUSED
  virtual void onResume(const std::string& connector) = 0;    // RUNNING
  virtual void onStop(const std::string& connector) = 0;      // STOPPED
  virtual void onFailure(const std::string& connector, const std::string& trace) = 0;  // FAILED
  virtual void onShutdown(const std::string& connector) = 0;  // UNASSIGNED
};

// A task's lifecycle events (TaskStatus.Listener). Called from the task's thread, or the
// herder thread when a task fails to start.
class TaskStatusListener {
 public:
  virtual ~TaskStatusListener() = default;
  virtual void onStartup(const ConnectorTaskId& id) = 0;
  virtual void onPause(const ConnectorTaskId& id) = 0;
  virtual void onResume(const ConnectorTaskId& id) = 0;
  virtual void onFailure(const ConnectorTaskId& id, const std::string& trace) = 0;
  virtual void onShutdown(const ConnectorTaskId& id) = 0;
};

// "<connector>-<task>", ConnectorTaskId.toString.
inline std::string toString(const ConnectorTaskId& id) { return id.connector + "-" + std::to_string(id.task); }

}  // namespace connectd::runtime
