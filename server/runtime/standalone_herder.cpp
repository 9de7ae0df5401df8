#include "server/runtime/standalone_herder.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "server/runtime/connector_config.h"
#include "server/runtime/file_offset_backing_store.h"

namespace connectd::runtime {

namespace {

template <typename T>
void fail(const Callback<T>& cb, std::exception_ptr e) {
  if (cb) cb(std::move(e), T{});
}

template <typename T, typename E>
void fail(const Callback<T>& cb, const E& e) {
  fail(cb, std::make_exception_ptr(e));
}

std::shared_ptr<OffsetBackingStore> defaultOffsetStore(const WorkerConfig& config) {
  return std::make_shared<FileOffsetBackingStore>(config.offsetStorageFile());
}

}  // namespace

StandaloneHerder::StandaloneHerder(const WorkerConfig& config, const api::PluginRegistry& plugins, std::string worker_id,
                                   std::shared_ptr<OffsetBackingStore> offset_store)
    : AbstractHerder(std::move(worker_id), config, plugins, std::make_unique<MemoryStatusBackingStore>()),
      worker_(config, plugins, offset_store ? std::move(offset_store) : defaultOffsetStore(config), *status_store_),
      validation_executor_(std::make_unique<SerialExecutor>("validation")) {}

StandaloneHerder::~StandaloneHerder() { stop(); }

void StandaloneHerder::start() {
  spdlog::info("Herder starting");
  worker_.start();
  thread_ = std::thread([this] { run(); });
  ready_ = true;
  spdlog::info("Herder started");
}

void StandaloneHerder::stop() {
  if (!thread_.joinable()) {
    if (validation_executor_) validation_executor_->shutdown();
    return;
  }
  spdlog::info("Herder stopping");
  ready_ = false;
  if (validation_executor_) validation_executor_->shutdown();
  {
    std::lock_guard lock(queue_mu_);
    // Whatever is queued is dropped; the final job below runs next.
    queue_.clear();
    queue_.push_back([this] { shutdownAll(); });
    stopping_ = true;
  }
  queue_cv_.notify_all();
  thread_.join();
  worker_.stop();
  spdlog::info("Herder stopped");
}

bool StandaloneHerder::post(std::function<void()> job) {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return false;
    queue_.push_back(std::move(job));
  }
  queue_cv_.notify_one();
  return true;
}

void StandaloneHerder::run() {
  pthread_setname_np(pthread_self(), "herder");
  for (;;) {
    std::function<void()> job;
    bool last = false;
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return !queue_.empty(); });
      job = std::move(queue_.front());
      queue_.pop_front();
      last = stopping_ && queue_.empty();
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("Uncaught exception in herder request: {}", e.what());
    }
    if (last) return;
  }
}

void StandaloneHerder::shutdownAll() {
  std::vector<ConnectorTaskId> all;
  for (const auto& [name, state] : configs_) {
    auto ids = taskIds(name);
    all.insert(all.end(), ids.begin(), ids.end());
  }
  // One graceful budget for every task: they stop in parallel, then are awaited in turn.
  worker_.stopAndAwaitTasks(all);
  for (const auto& id : all) onDeletion(id);
  for (const auto& [name, state] : configs_) worker_.stopAndAwaitConnector(name);
}

std::optional<ConfigMap> StandaloneHerder::rawConfig(const std::string& name) {
  std::lock_guard lock(mu_);
  auto it = configs_.find(name);
  if (it == configs_.end()) return std::nullopt;
  return it->second.config;
}

std::vector<ConnectorTaskId> StandaloneHerder::taskIds(const std::string& name) const {
  std::vector<ConnectorTaskId> out;
  auto it = configs_.find(name);
  if (it == configs_.end()) return out;
  for (size_t i = 0; i < it->second.task_configs.size(); ++i) out.push_back({name, static_cast<int>(i)});
  return out;
}

ConnectorInfo StandaloneHerder::infoOf(const std::string& name, const ConnectorState& state) const {
  ConnectorInfo info;
  info.name = name;
  info.config = state.config;
  for (size_t i = 0; i < state.task_configs.size(); ++i) info.tasks.push_back({name, static_cast<int>(i)});
  info.type = connectorType(state.config);
  return info;
}

// ---------------------------------------------------------------- reads

std::vector<std::string> StandaloneHerder::connectors() {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [name, state] : configs_) out.push_back(name);
  return out;
}

std::optional<ConnectorInfo> StandaloneHerder::connectorInfoSnapshot(const std::string& name) {
  std::lock_guard lock(mu_);
  auto it = configs_.find(name);
  if (it == configs_.end()) return std::nullopt;
  return infoOf(name, it->second);
}

void StandaloneHerder::connectorInfo(const std::string& name, Callback<ConnectorInfo> cb) {
  auto info = connectorInfoSnapshot(name);
  if (!info) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  cb(nullptr, std::move(*info));
}

void StandaloneHerder::connectorConfig(const std::string& name, Callback<ConfigMap> cb) {
  auto config = rawConfig(name);
  if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  cb(nullptr, std::move(*config));
}

void StandaloneHerder::taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb) {
  std::vector<TaskInfo> out;
  {
    std::lock_guard lock(mu_);
    auto it = configs_.find(name);
    if (it == configs_.end()) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    for (size_t i = 0; i < it->second.task_configs.size(); ++i) {
      out.push_back(TaskInfo{{name, static_cast<int>(i)}, it->second.task_configs[i]});
    }
  }
  cb(nullptr, std::move(out));
}

void StandaloneHerder::putTaskConfigs(const std::string&, const std::vector<ConfigMap>&,
                                      const std::optional<InternalRequestSignature>&, Callback<bool> cb) {
  fail(cb, api::ConnectException(
               "Kafka Connect in standalone mode does not support externally setting task configurations."));
}

void StandaloneHerder::fenceZombieSourceTasks(const std::string&, const std::optional<InternalRequestSignature>&,
                                              Callback<bool> cb) {
  fail(cb, api::ConnectException("Exactly-once source connectors are not supported in standalone mode"));
}

std::string StandaloneHerder::kafkaClusterId() { return worker_.kafkaClusterId(); }

void StandaloneHerder::healthCheck(Callback<bool> cb) {
  if (!post([cb] { cb(nullptr, true); })) {
    fail(cb, api::ConnectException("Worker is shutting down"));
  }
}

// ---------------------------------------------------------------- config changes

void StandaloneHerder::validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) {
  bool submitted = validation_executor_ && validation_executor_->submit([this, config, cb] {
    ConfigInfos infos;
    try {
      infos = validateConnectorConfigNow(config);
    } catch (...) {
      return fail(cb, std::current_exception());
    }
    cb(nullptr, std::move(infos));
  });
  if (!submitted) fail(cb, api::ConnectException("Worker is shutting down"));
}

void StandaloneHerder::putConnectorConfig(const std::string& name, const ConfigMap& config, bool allow_replace,
                                          std::optional<TargetState> initial_state, Callback<Created> cb) {
  validateConnectorConfig(config, [this, name, config, allow_replace, initial_state, cb](std::exception_ptr error,
                                                                                       ConfigInfos infos) {
    if (error) return fail(cb, error);
    bool posted = post([this, name, config, allow_replace, initial_state, cb, infos = std::move(infos)] {
      doPutConnectorConfig(name, config, initial_state, allow_replace, infos, cb);
    });
    if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
  });
}

void StandaloneHerder::patchConnectorConfig(const std::string& name,
                                            const std::map<std::string, std::optional<std::string>>& patch,
                                            Callback<Created> cb) {
  auto config = rawConfig(name);
  if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  for (const auto& [k, v] : patch) {
    if (v) {
      (*config)[k] = *v;
    } else {
      config->erase(k);
    }
  }
  putConnectorConfig(name, *config, true, std::nullopt, std::move(cb));
}

void StandaloneHerder::doPutConnectorConfig(const std::string& name, const ConfigMap& config,
                                            std::optional<TargetState> initial, bool allow_replace,
                                            const ConfigInfos& infos, Callback<Created> cb) {
  if (auto msg = configErrorsMessage(infos)) return fail(cb, api::BadRequestException(*msg));
  bool exists = configs_.count(name) > 0;
  if (exists && !allow_replace) return fail(cb, api::AlreadyExistsException("Connector " + name + " already exists"));
  if (exists) worker_.stopAndAwaitConnector(name);
  {
    std::lock_guard lock(mu_);
    ConnectorState& state = configs_[name];
    state.config = config;
    if (initial) {
      state.target = *initial;
    } else if (!exists) {
      state.target = TargetState::Started;
    }
  }
  bool created = !exists;
  startConnector(name, [this, name, created, cb](std::exception_ptr error, std::optional<TargetState>) {
    if (error) return fail(cb, error);
    bool posted = post([this, name, created, cb] {
      updateConnectorTasks(name, [this, name, created, cb] {
        auto info = connectorInfoSnapshot(name);
        if (!info) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
        cb(nullptr, Created{created, std::move(*info)});
      });
    });
    if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
  });
}

void StandaloneHerder::deleteConnectorConfig(const std::string& name, Callback<bool> cb) {
  bool posted = post([this, name, cb] {
    if (!configs_.count(name)) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    removeConnectorTasks(name);
    worker_.stopAndAwaitConnector(name);
    {
      std::lock_guard lock(mu_);
      configs_.erase(name);
    }
    onDeletion(name);
    cb(nullptr, true);
  });
  if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
}

void StandaloneHerder::startConnector(const std::string& name, WorkerConnector::StateCallback cb) {
  const ConnectorState& state = configs_.at(name);
  worker_.startConnector(
      name, state.config, *this, state.target,
      [this, name] {
        post([this, name] {
          if (!worker_.connectorType(name)) {
            spdlog::error("Task that requested reconfiguration does not exist: {}", name);
            return;
          }
          updateConnectorTasks(name);
        });
      },
      std::move(cb));
}

void StandaloneHerder::updateConnectorTasks(const std::string& name, std::function<void()> done) {
  auto it = configs_.find(name);
  if (it == configs_.end() || !worker_.isRunning(name)) {
    spdlog::info("Skipping update of tasks for connector {} since it is not running", name);
    if (done) done();
    return;
  }
  if (it->second.target != TargetState::Started) {
    spdlog::info("Skipping update of tasks for connector {} since its target state is not STARTED", name);
    if (done) done();
    return;
  }
  worker_.connectorTaskConfigs(
      name, it->second.config,
      [this, name, done](std::exception_ptr error, std::vector<ConfigMap> configs) {
        bool posted = post([this, name, done, error, configs = std::move(configs)]() mutable {
          if (error) {
            try {
              std::rethrow_exception(error);
            } catch (const std::exception& e) {
              spdlog::error("Failed to reconfigure connector's tasks ({}): {}", name, e.what());
            }
          } else {
            applyTaskConfigs(name, std::move(configs));
          }
          if (done) done();
        });
        if (!posted && done) spdlog::debug("Herder stopped before task configs of {} were applied", name);
      });
}

void StandaloneHerder::applyTaskConfigs(const std::string& name, std::vector<ConfigMap> configs) {
  auto it = configs_.find(name);
  if (it == configs_.end() || it->second.target != TargetState::Started) return;
  ConnectorState& state = it->second;
  bool changed = configs.size() != state.task_configs.size() || configs != state.task_configs ||
                 !state.applied_config || *state.applied_config != state.config;
  if (!changed) {
    spdlog::debug("Skipping reconfiguration of connector {} as generated configs appear unchanged", name);
    return;
  }
  removeConnectorTasks(name);
  {
    std::lock_guard lock(mu_);
    state.task_configs = std::move(configs);
    state.applied_config = state.config;
  }
  createConnectorTasks(name, taskIds(name));
}

void StandaloneHerder::createConnectorTasks(const std::string& name, const std::vector<ConnectorTaskId>& ids) {
  const ConnectorState& state = configs_.at(name);
  for (const auto& id : ids) {
    if (id.task < 0 || static_cast<size_t>(id.task) >= state.task_configs.size()) continue;
    worker_.startTask(id, state.config, state.task_configs[id.task], static_cast<int>(state.task_configs.size()),
                      *this, state.target);
  }
}

void StandaloneHerder::removeConnectorTasks(const std::string& name) {
  auto ids = taskIds(name);
  if (ids.empty()) return;
  worker_.stopAndAwaitTasks(ids);
  {
    std::lock_guard lock(mu_);
    configs_.at(name).task_configs.clear();
  }
  for (const auto& id : ids) onDeletion(id);
}

void StandaloneHerder::putTargetState(const std::string& name, TargetState target) {
  auto it = configs_.find(name);
  if (it == configs_.end()) return;
  {
    std::lock_guard lock(mu_);
    it->second.target = target;
  }
  worker_.setTargetState(name, target, [this, name](std::exception_ptr error, std::optional<TargetState> reached) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        spdlog::error("Failed to transition connector {}: {}", name, e.what());
      }
      return;
    }
    if (reached == TargetState::Started) post([this, name] { updateConnectorTasks(name); });
  });
}

// ---------------------------------------------------------------- target states

void StandaloneHerder::pauseConnector(const std::string& name) {
  if (!rawConfig(name)) throw api::NotFoundException("Unknown connector " + name);
  post([this, name] { putTargetState(name, TargetState::Paused); });
}

void StandaloneHerder::resumeConnector(const std::string& name) {
  if (!rawConfig(name)) throw api::NotFoundException("Unknown connector " + name);
  post([this, name] { putTargetState(name, TargetState::Started); });
}

void StandaloneHerder::stopConnector(const std::string& name, Callback<bool> cb) {
  bool posted = post([this, name, cb] {
    if (!configs_.count(name)) return fail(cb, api::NotFoundException("Unknown connector " + name));
    removeConnectorTasks(name);
    putTargetState(name, TargetState::Stopped);
    cb(nullptr, true);
  });
  if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
}

// ---------------------------------------------------------------- restarts

void StandaloneHerder::restartConnector(const std::string& name, Callback<bool> cb) {
  bool posted = post([this, name, cb] {
    if (!configs_.count(name)) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    worker_.stopAndAwaitConnector(name);
    startConnector(name, [this, name, cb](std::exception_ptr error, std::optional<TargetState> reached) {
      if (!error && reached == TargetState::Started) post([this, name] { updateConnectorTasks(name); });
      if (error) return fail(cb, error);
      cb(nullptr, true);
    });
  });
  if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
}

void StandaloneHerder::restartConnectorAndTasks(const RestartRequest& request, Callback<ConnectorStateInfo> cb) {
  bool posted = post([this, request, cb] {
    const std::string& name = request.connector;
    if (!configs_.count(name)) return fail(cb, api::NotFoundException("Unknown connector: " + name));
    bool restart_connector = false;
    std::vector<ConnectorTaskId> restart_tasks;
    auto plan = buildRestartPlan(request, restart_connector, restart_tasks);
    if (!plan) return fail(cb, api::NotFoundException("Status for connector " + name + " not found"));
    spdlog::info("Received restart request for {} (connector: {}, tasks: {})", name, restart_connector,
                 restart_tasks.size());
    if (restart_connector) {
      worker_.stopAndAwaitConnector(name);
      onRestart(name);
    }
    if (!restart_tasks.empty()) {
      worker_.stopAndAwaitTasks(restart_tasks);
      for (const auto& id : restart_tasks) onRestart(id);
    }
    if (restart_connector) {
      startConnector(name, [name](std::exception_ptr error, std::optional<TargetState>) {
        if (error) {
          spdlog::error("Connector '{}' restart failed", name);
        } else {
          spdlog::info("Connector '{}' restart successful", name);
        }
      });
    }
    if (!restart_tasks.empty()) createConnectorTasks(name, restart_tasks);
    cb(nullptr, std::move(*plan));
  });
  if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
}

void StandaloneHerder::restartTask(const ConnectorTaskId& id, Callback<bool> cb) {
  bool posted = post([this, id, cb] {
    auto it = configs_.find(id.connector);
    if (it == configs_.end()) return fail(cb, api::NotFoundException("Connector " + id.connector + " not found"));
    if (id.task < 0 || static_cast<size_t>(id.task) >= it->second.task_configs.size()) {
      return fail(cb, api::NotFoundException("Task " + toString(id) + " not found"));
    }
    worker_.stopAndAwaitTasks({id});
    const ConnectorState& state = it->second;
    if (worker_.startTask(id, state.config, state.task_configs[id.task], static_cast<int>(state.task_configs.size()),
                          *this, state.target)) {
      cb(nullptr, true);
    } else {
      fail(cb, api::ConnectException("Failed to start task: " + toString(id)));
    }
  });
  if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
}

// ---------------------------------------------------------------- offsets

void StandaloneHerder::connectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb) {
  auto config = rawConfig(name);
  if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  worker_.connectorOffsets(name, *config, std::move(cb));
}

void StandaloneHerder::modifyConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                                              Callback<std::string> cb) {
  bool posted = post([this, name, offsets = std::move(offsets), cb]() mutable {
    auto it = configs_.find(name);
    if (it == configs_.end()) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    if (it->second.target != TargetState::Stopped || !it->second.task_configs.empty()) {
      return fail(cb, notStoppedForOffsets(name));
    }
    worker_.modifyConnectorOffsets(name, it->second.config, std::move(offsets), cb);
  });
  if (!posted) fail(cb, api::ConnectException("Worker is shutting down"));
}

}  // namespace connectd::runtime
