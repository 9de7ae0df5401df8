#include "server/runtime/worker_connector.h"

#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/sink_connector_config.h"

namespace connectd::runtime {

namespace {
std::string targetStateName(TargetState s) {
  switch (s) {
    case TargetState::Started: return "STARTED";
    case TargetState::Paused: return "PAUSED";
    case TargetState::Stopped: return "STOPPED";
  }
  return "UNKNOWN";
}
}  // namespace

WorkerConnector::WorkerConnector(std::string name, ConfigMap config, std::unique_ptr<api::Connector> connector,
                                 ConnectorType type, ConnectorStatusListener& listener,
                                 std::function<void()> on_task_reconfiguration)
    : name_(std::move(name)),
      config_(std::move(config)),
      connector_(std::move(connector)),
      type_(type),
      listener_(listener),
      on_task_reconfiguration_(std::move(on_task_reconfiguration)),
      executor_("conn-" + name_) {
  task_class_ = connector_->taskClass();
}

WorkerConnector::~WorkerConnector() {
  shutdown();
  executor_.shutdown();
}

bool WorkerConnector::cancelled() const {
  std::lock_guard lock(mu_);
  return cancelled_;
}

bool WorkerConnector::isRunning() const {
  std::lock_guard lock(mu_);
  return running_;
}

void WorkerConnector::start(TargetState initial, StateCallback cb) {
  executor_.submit([this] {
    try {
      if (type_ == ConnectorType::Sink) SinkConnectorConfig::validate(config_);
      connector_->initialize(this);
    } catch (const std::exception& e) {
      spdlog::error("[{}] Error initializing connector: {}", name_, e.what());
      onFailure(stackTraceOf(e));
    }
  });
  transitionTo(initial, std::move(cb));
}

void WorkerConnector::transitionTo(TargetState target, StateCallback cb) {
  auto shared_cb = std::make_shared<StateCallback>(std::move(cb));
  auto not_started = [this, target] {
    return std::make_exception_ptr(api::ConnectException("Could not begin changing connector state to " +
                                                         targetStateName(target) +
                                                         " as the connector has been scheduled for shutdown"));
  };
  bool submitted = executor_.submit([this, target, shared_cb, not_started] {
    bool stopping;
    {
      std::lock_guard lock(mu_);
      stopping = shutdown_requested_;
    }
    if (stopping) {
      if (*shared_cb) (*shared_cb)(not_started(), std::nullopt);
      return;
    }
    doTransitionTo(target, *shared_cb);
  });
  if (!submitted && *shared_cb) (*shared_cb)(not_started(), std::nullopt);
}

void WorkerConnector::doTransitionTo(TargetState target, const StateCallback& cb) {
  if (state_ == State::Failed && target != TargetState::Stopped) {
    if (cb) {
      cb(std::make_exception_ptr(api::ConnectException("WorkerConnector{id=" + name_ +
                                                       "} Cannot transition connector to " +
                                                       targetStateName(target) + " since it has failed")),
         std::nullopt);
    }
    return;
  }
  try {
    if (target == TargetState::Paused) {
      suspend(true);
    } else if (target == TargetState::Stopped) {
      suspend(false);
    } else {
      bool was_init = state_ == State::Init;
      if (doStart()) {
        if (!cancelled()) was_init ? listener_.onStartup(name_) : listener_.onResume(name_);
      }
    }
    if (cb) cb(nullptr, target);
  } catch (const std::exception& e) {
    if (cb) {
      cb(std::make_exception_ptr(CausedConnectException(
             "Failed to transition connector " + name_ + " to state " + targetStateName(target), e)),
         std::nullopt);
    }
  }
}

bool WorkerConnector::doStart() {
  if (state_ == State::Started) return false;
  try {
    connector_->start(config_);
    state_ = State::Started;
    std::lock_guard lock(mu_);
    running_ = true;
    return true;
  } catch (const std::exception& e) {
    spdlog::error("[{}] Error while starting connector: {}", name_, e.what());
    onFailure(stackTraceOf(e));
    throw;
  }
}

void WorkerConnector::suspend(bool paused) {
  State next = paused ? State::Paused : State::Stopped;
  if (state_ == next) return;
  try {
    if (state_ == State::Started) {
      {
        std::lock_guard lock(mu_);
        running_ = false;
      }
      connector_->stop();
    }
    if (state_ == State::Failed && next != State::Stopped) {
      throw std::invalid_argument("Cannot transition to non-stopped state when connector has already failed");
    }
    if (!cancelled()) paused ? listener_.onPause(name_) : listener_.onStop(name_);
    state_ = next;
  } catch (const std::exception& e) {
    spdlog::error("[{}] Error while {} connector: {}", name_, paused ? "pausing" : "stopping", e.what());
    if (paused) {
      if (!cancelled()) listener_.onFailure(name_, stackTraceOf(e));
      state_ = State::Failed;
    } else {
      state_ = State::Stopped;
      if (!cancelled()) listener_.onStop(name_);
    }
  }
}

void WorkerConnector::taskConfigs(int max_tasks, TaskConfigsCallback cb) {
  auto shared_cb = std::make_shared<TaskConfigsCallback>(std::move(cb));
  bool submitted = executor_.submit([this, max_tasks, shared_cb] {
    auto& cb = *shared_cb;
    if (state_ != State::Started) {
      cb(std::make_exception_ptr(api::ConnectException("Connector " + name_ + " is not running")), {});
      return;
    }
    std::vector<ConfigMap> configs;
    try {
      configs = connector_->taskConfigs(max_tasks);
    } catch (const std::exception& e) {
      spdlog::error("[{}] Failed to generate task configs: {}", name_, e.what());
      cb(std::current_exception(), {});
      return;
    }
    cb(nullptr, std::move(configs));
  });
  if (!submitted) {
    (*shared_cb)(std::make_exception_ptr(api::ConnectException("Connector " + name_ + " is shutting down")), {});
  }
}

void WorkerConnector::shutdown() {
  {
    std::lock_guard lock(mu_);
    if (shutdown_requested_) return;
    shutdown_requested_ = true;
  }
  spdlog::info("Scheduled shutdown for WorkerConnector{{id={}}}", name_);
  if (!executor_.submit([this] { doShutdown(); })) {
    std::lock_guard lock(mu_);
    stopped_ = true;
    stopped_cv_.notify_all();
  }
}

void WorkerConnector::doShutdown() {
  try {
    if (state_ == State::Started) {
      {
        std::lock_guard lock(mu_);
        running_ = false;
      }
      connector_->stop();
    }
    state_ = State::Stopped;
    if (!cancelled()) listener_.onShutdown(name_);
    spdlog::info("Completed shutdown for WorkerConnector{{id={}}}", name_);
  } catch (const std::exception& e) {
    spdlog::error("[{}] Error while shutting down connector: {}", name_, e.what());
    state_ = State::Failed;
    if (!cancelled()) listener_.onFailure(name_, stackTraceOf(e));
  }
  std::lock_guard lock(mu_);
  stopped_ = true;
  stopped_cv_.notify_all();
}

bool WorkerConnector::awaitShutdown(int64_t timeout_ms) {
  std::unique_lock lock(mu_);
  return stopped_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return stopped_; });
}

void WorkerConnector::cancel() {
  listener_.onShutdown(name_);
  std::lock_guard lock(mu_);
  cancelled_ = true;
}

void WorkerConnector::onFailure(const std::string& trace) {
  if (state_ == State::Failed) return;
  state_ = State::Failed;
  {
    std::lock_guard lock(mu_);
    running_ = false;
  }
  if (!cancelled()) listener_.onFailure(name_, trace);
}

void WorkerConnector::requestTaskReconfiguration() {
  if (on_task_reconfiguration_) on_task_reconfiguration_();
}

void WorkerConnector::raiseError(const std::exception& e) {
  std::string trace = stackTraceOf(e);
  spdlog::error("[{}] Connector has failed: {}", name_, e.what());
  executor_.submit([this, trace] { onFailure(trace); });
}

}  // namespace connectd::runtime
