#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/api/connector.h"
#include "server/runtime/herder.h"
#include "server/runtime/serial_executor.h"
#include "server/runtime/status_listener.h"

namespace connectd::runtime {

// One running Connector object and its lifecycle (Kafka's WorkerConnector). Every call into
// the connector (initialize, start, stop, taskConfigs) happens on the connector's own thread,
// in request order; results come back through callbacks on that thread.
class WorkerConnector : public api::ConnectorContext {
 public:
  // Completes a state change with the state reached, or an error.
  using StateCallback = std::function<void(std::exception_ptr error, std::optional<TargetState> state)>;
  using TaskConfigsCallback = std::function<void(std::exception_ptr error, std::vector<ConfigMap> configs)>;

  WorkerConnector(std::string name, ConfigMap config, std::unique_ptr<api::Connector> connector,
                  ConnectorType type, ConnectorStatusListener& listener,
                  std::function<void()> on_task_reconfiguration);
  ~WorkerConnector() override;

  // Starts the connector thread: initialize(), then a transition to `initial`.
  void start(TargetState initial, StateCallback cb);
  void transitionTo(TargetState target, StateCallback cb);
  // connector.taskConfigs(max_tasks) on the connector thread; fails when it is not started.
  void taskConfigs(int max_tasks, TaskConfigsCallback cb);
  // Schedules stop (connector.stop() if started, then UNASSIGNED); does not block.
  void shutdown();
  bool awaitShutdown(int64_t timeout_ms);
  // Abandons a connector that did not stop in time: no more status updates from it.
  void cancel();

  bool isRunning() const;
  const std::string& name() const { return name_; }
  ConnectorType type() const { return type_; }
  const std::string& taskClass() const { return task_class_; }

  // api::ConnectorContext
  void requestTaskReconfiguration() override;
  void raiseError(const std::exception& e) override;

 private:
  enum class State { Init, Started, Paused, Stopped, Failed };

  void doTransitionTo(TargetState target, const StateCallback& cb);
  bool doStart();
  void suspend(bool paused);
  void doShutdown();
  void onFailure(const std::string& trace);
  bool cancelled() const;

  std::string name_;
  ConfigMap config_;
  std::unique_ptr<api::Connector> connector_;
  ConnectorType type_;
  std::string task_class_;
  ConnectorStatusListener& listener_;
  std::function<void()> on_task_reconfiguration_;

  // Touched only on the connector thread.
  State state_ = State::Init;

  mutable std::mutex mu_;
  std::condition_variable stopped_cv_;
  bool shutdown_requested_ = false;
  bool stopped_ = false;
  bool cancelled_ = false;
  bool running_ = false;

  // Last: destroyed (joined) first, while the members its jobs use are still alive.
  SerialExecutor executor_;
};

}  // namespace connectd::runtime
