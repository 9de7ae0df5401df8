#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/api/errors.h"
#include "server/api/plugin_registry.h"
#include "server/runtime/herder.h"

namespace connectd::rest::testing {

// An in-memory Herder for REST tests. Callback-style methods complete on the fake's own
// "herder thread", as the real herder does, unless `hold_callbacks` is set: then they are kept
// and never answered (timeouts), until releaseHeld() answers them late.
class FakeHerder : public runtime::Herder {
 public:
  FakeHerder() : thread_([this] { run(); }) {
    plugins_.addSinkConnector("org.apache.kafka.connect.file.FileStreamSinkConnector", "3.9.0",
                              [] { return api::ConfigDef(); }, [] { return nullptr; });
    plugins_.addSourceConnector("org.apache.kafka.connect.file.FileStreamSourceConnector", "3.9.0",
                                [] { return api::ConfigDef(); }, [] { return nullptr; });
    plugins_.addTransformation("org.apache.kafka.connect.transforms.InsertField$Value", "undefined",
                               [] { return api::ConfigDef(); }, [] { return nullptr; });
    plugins_.addConverter("org.apache.kafka.connect.json.JsonConverter", "3.9.0", [] { return api::ConfigDef(); },
                          [] { return nullptr; });
  }
  ~FakeHerder() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  // Test controls (set before requests; read under the lock by the fake).
  bool hold_callbacks = false;
  bool is_ready = true;
  bool topic_tracking = true;
  bool topic_reset = true;
  std::exception_ptr validate_error;
  std::vector<std::string> active_topics = {"t1", "t2"};
  // Callback-style methods named here (e.g. "putConnectorConfig") fail with the exception, as a
  // distributed herder fails writes on a worker that is not the leader.
  std::map<std::string, std::exception_ptr> errors;

  // What the fake saw.
  struct PutCall {
    std::string name;
    api::ConfigMap config;
    bool allow_replace = false;
    std::optional<runtime::TargetState> initial_state;
  };
  std::optional<PutCall> last_put;
  std::optional<std::map<std::string, std::optional<std::string>>> last_patch;
  std::optional<runtime::RestartRequest> last_restart;
  std::optional<api::ConfigMap> last_validate;
  std::optional<runtime::ConnectorOffsets> last_alter;
  std::vector<std::string> paused, resumed, stopped, reset_topics;
  struct TaskConfigsCall {
    std::string name;
    std::vector<api::ConfigMap> configs;
    std::optional<InternalRequestSignature> signature;
  };
  std::optional<TaskConfigsCall> last_task_configs;
  struct FenceCall {
    std::string name;
    std::optional<InternalRequestSignature> signature;
  };
  std::optional<FenceCall> last_fence;

  void addConnector(const std::string& name, runtime::ConnectorType type, int tasks, bool with_status = true) {
    std::lock_guard lock(mu_);
    runtime::ConnectorInfo info;
    info.name = name;
    info.config = {{"connector.class", type == runtime::ConnectorType::Sink ? "FileStreamSink" : "FileStreamSource"},
                   {"name", name},
                   {"tasks.max", std::to_string(tasks)}};
    for (int t = 0; t < tasks; ++t) info.tasks.push_back({name, t});
    info.type = type;
    connectors_[name] = info;
    if (with_status) {
      runtime::ConnectorStateInfo st;
      st.name = name;
      st.connector = {"RUNNING", "127.0.0.1:8083", ""};
      for (int t = tasks - 1; t >= 0; --t) {
        runtime::TaskStateInfo ts;
        ts.id = t;
        ts.state = t == 0 ? "FAILED" : "RUNNING";
        ts.worker_id = "127.0.0.1:8083";
        if (t == 0) ts.trace = "org.apache.kafka.connect.errors.ConnectException: boom\n\tat x";
        st.tasks.push_back(ts);
      }
      st.type = type;
      statuses_[name] = st;
    }
  }

  // Answers every held callback now (the request already timed out).
  void releaseHeld() {
    std::vector<std::function<void()>> held;
    {
      std::lock_guard lock(mu_);
      held.swap(held_);
    }
    for (auto& h : held) h();
  }
  size_t heldCount() {
    std::lock_guard lock(mu_);
    return held_.size();
  }

  std::vector<std::string> connectors() override {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& [n, i] : connectors_) out.push_back(n);
    return out;
  }

  void connectorInfo(const std::string& name, runtime::Callback<runtime::ConnectorInfo> cb) override {
    complete(cb, [this, name] { return infoOrThrow(name); });
  }

  std::optional<runtime::ConnectorInfo> connectorInfoSnapshot(const std::string& name) override {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return std::nullopt;
    return it->second;
  }

  void connectorConfig(const std::string& name, runtime::Callback<api::ConfigMap> cb) override {
    complete(cb, "connectorConfig", [this, name] { return infoOrThrow(name).config; });
  }

  void putConnectorConfig(const std::string& name, const api::ConfigMap& config, bool allow_replace,
                          std::optional<runtime::TargetState> initial_state,
                          runtime::Callback<runtime::Created> cb) override {
    {
      std::lock_guard lock(mu_);
      last_put = PutCall{name, config, allow_replace, initial_state};
    }
    complete(cb, "putConnectorConfig", [this, name, config, allow_replace] {
      std::lock_guard lock(mu_);
      bool exists = connectors_.count(name) > 0;
      if (exists && !allow_replace) throw api::AlreadyExistsException("Connector " + name + " already exists");
      runtime::ConnectorInfo info;
      info.name = name;
      info.config = config;
      auto cls = config.count("connector.class") ? config.at("connector.class") : "";
      info.type = cls.find("Sink") != std::string::npos ? runtime::ConnectorType::Sink : runtime::ConnectorType::Source;
      connectors_[name] = info;
      return runtime::Created{!exists, info};
    });
  }

  void patchConnectorConfig(const std::string& name, const std::map<std::string, std::optional<std::string>>& patch,
                            runtime::Callback<runtime::Created> cb) override {
    {
      std::lock_guard lock(mu_);
      last_patch = patch;
    }
    complete(cb, "patchConnectorConfig", [this, name, patch] {
      auto info = infoOrThrow(name);
      for (const auto& [k, v] : patch) {
        if (v) {
          info.config[k] = *v;
        } else {
          info.config.erase(k);
        }
      }
      std::lock_guard lock(mu_);
      connectors_[name] = info;
      return runtime::Created{false, info};
    });
  }

  void deleteConnectorConfig(const std::string& name, runtime::Callback<bool> cb) override {
    complete(cb, "deleteConnectorConfig", [this, name] {
      infoOrThrow(name);
      std::lock_guard lock(mu_);
      connectors_.erase(name);
      statuses_.erase(name);
      return true;
    });
  }

  runtime::ConnectorStateInfo connectorStatus(const std::string& name) override {
    std::lock_guard lock(mu_);
    auto it = statuses_.find(name);
    if (it == statuses_.end()) throw api::NotFoundException("No status found for connector " + name);
    return it->second;
  }

  runtime::TaskStateInfo taskStatus(const runtime::ConnectorTaskId& id) override {
    std::lock_guard lock(mu_);
    auto it = statuses_.find(id.connector);
    if (it != statuses_.end()) {
      for (const auto& t : it->second.tasks) {
        if (t.id == id.task) return t;
      }
    }
    throw api::NotFoundException("No status found for task " + id.connector + "-" + std::to_string(id.task));
  }

  void restartConnector(const std::string& name, runtime::Callback<bool> cb) override {
    complete(cb, "restartConnector", [this, name] {
      if (!exists(name)) throw api::NotFoundException("Unknown connector: " + name);
      return true;
    });
  }

  void restartConnectorAndTasks(const runtime::RestartRequest& request,
                                runtime::Callback<runtime::ConnectorStateInfo> cb) override {
    {
      std::lock_guard lock(mu_);
      last_restart = request;
    }
    complete(cb, "restartConnectorAndTasks", [this, request] {
      if (!exists(request.connector)) throw api::NotFoundException("Unknown connector: " + request.connector);
      auto plan = connectorStatus(request.connector);
      if (!request.only_failed || plan.connector.state == "FAILED") plan.connector.state = "RESTARTING";
      for (auto& t : plan.tasks) {
        if (request.include_tasks && (!request.only_failed || t.state == "FAILED")) t.state = "RESTARTING";
      }
      return plan;
    });
  }

  void restartTask(const runtime::ConnectorTaskId& id, runtime::Callback<bool> cb) override {
    complete(cb, "restartTask", [this, id] {
      if (!exists(id.connector)) throw api::NotFoundException("Unknown connector: " + id.connector);
      taskStatus(id);
      return true;
    });
  }

  void pauseConnector(const std::string& name) override {
    if (!exists(name)) throw api::NotFoundException("Unknown connector " + name);
    std::lock_guard lock(mu_);
    paused.push_back(name);
  }

  void resumeConnector(const std::string& name) override {
    if (!exists(name)) throw api::NotFoundException("Unknown connector " + name);
    std::lock_guard lock(mu_);
    resumed.push_back(name);
  }

  void stopConnector(const std::string& name, runtime::Callback<bool> cb) override {
    complete(cb, "stopConnector", [this, name] {
      if (!exists(name)) throw api::NotFoundException("Unknown connector " + name);
      std::lock_guard lock(mu_);
      stopped.push_back(name);
      return true;
    });
  }

  void taskConfigs(const std::string& name, runtime::Callback<std::vector<runtime::TaskInfo>> cb) override {
    complete(cb, "taskConfigs", [this, name] {
      auto info = infoOrThrow(name);
      std::vector<runtime::TaskInfo> out;
      for (const auto& id : info.tasks) {
        out.push_back({id, {{"task.class", "org.apache.kafka.connect.file.FileStreamSourceTask"}, {"topic", "t1"}}});
      }
      return out;
    });
  }

  void putTaskConfigs(const std::string& name, const std::vector<api::ConfigMap>& configs,
                      const std::optional<InternalRequestSignature>& signature, runtime::Callback<bool> cb) override {
    {
      std::lock_guard lock(mu_);
      last_task_configs = TaskConfigsCall{name, configs, signature};
    }
    complete(cb, "putTaskConfigs", [] { return true; });
  }

  void fenceZombieSourceTasks(const std::string& name, const std::optional<InternalRequestSignature>& signature,
                              runtime::Callback<bool> cb) override {
    {
      std::lock_guard lock(mu_);
      last_fence = FenceCall{name, signature};
    }
    complete(cb, "fenceZombieSourceTasks", [] { return true; });
  }

  std::vector<std::string> connectorActiveTopics(const std::string&) override {
    std::lock_guard lock(mu_);
    return active_topics;
  }
  void resetConnectorActiveTopics(const std::string& name) override {
    std::lock_guard lock(mu_);
    reset_topics.push_back(name);
  }

  void connectorOffsets(const std::string& name, runtime::Callback<runtime::ConnectorOffsets> cb) override {
    complete(cb, "connectorOffsets", [this, name] {
      infoOrThrow(name);
      runtime::ConnectorOffsets offsets;
      offsets.offsets.push_back({R"({"filename":"test.txt"})", std::string(R"({"position":30})")});
      offsets.offsets.push_back({R"({"filename":"gone.txt"})", std::nullopt});
      return offsets;
    });
  }
  void alterConnectorOffsets(const std::string& name, const runtime::ConnectorOffsets& offsets,
                             runtime::Callback<std::string> cb) override {
    {
      std::lock_guard lock(mu_);
      last_alter = offsets;
    }
    complete(cb, "alterConnectorOffsets", [this, name] {
      infoOrThrow(name);
      return std::string("The offsets for this connector have been altered successfully");
    });
  }
  void resetConnectorOffsets(const std::string& name, runtime::Callback<std::string> cb) override {
    complete(cb, "resetConnectorOffsets", [this, name] {
      infoOrThrow(name);
      return std::string("The offsets for this connector have been reset successfully");
    });
  }

  void validateConnectorConfig(const api::ConfigMap& config, runtime::Callback<runtime::ConfigInfos> cb) override {
    std::exception_ptr error;
    {
      std::lock_guard lock(mu_);
      last_validate = config;
      error = validate_error;
    }
    complete(cb, [config, error] {
      if (error) std::rethrow_exception(error);
      runtime::ConfigInfos infos;
      infos.name = config.count("connector.class") ? config.at("connector.class") : "";
      infos.groups = {"Common"};
      runtime::ConfigInfo topics;
      topics.definition = runtime::ConfigKeyInfo{"topics", "LIST", false, std::string(""), "HIGH", "Topics", "Common",
                                                  4, "LONG", "Topics", {}};
      topics.value = runtime::ConfigValueInfo{"topics", config.count("topics") ? config.at("topics") : "", {}, {}, true};
      if (!config.count("topics")) {
        topics.value->errors.push_back("Must configure one of topics or topics.regex");
        infos.error_count = 1;
      }
      infos.configs.push_back(topics);
      return infos;
    });
  }

  std::vector<runtime::ConfigKeyInfo> connectorPluginConfig(const std::string& plugin) override {
    if (!plugins_.find(plugin, {api::PluginKind::Source, api::PluginKind::Sink, api::PluginKind::Transformation,
                                api::PluginKind::Predicate, api::PluginKind::Converter,
                                api::PluginKind::HeaderConverter})) {
      throw api::NotFoundException("Unknown plugin " + plugin + ".");
    }
    return {runtime::ConfigKeyInfo{"file", "STRING", false, std::nullopt, "HIGH", "Source filename.", std::nullopt, -1,
                                   "NONE", "file", {}}};
  }

  const api::PluginRegistry& plugins() const override { return plugins_; }
  std::string kafkaClusterId() override { return "wkXr0dZOQ1q9aLGoq6xBDg"; }
  void healthCheck(runtime::Callback<bool> cb) override {
    complete(cb, [] { return true; });
  }
  bool ready() const override { return is_ready; }
  bool topicTrackingEnabled() const override { return topic_tracking; }
  bool topicTrackingResetAllowed() const override { return topic_reset; }

 private:
  runtime::ConnectorInfo infoOrThrow(const std::string& name) {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) throw api::NotFoundException("Connector " + name + " not found");
    return it->second;
  }
  bool exists(const std::string& name) {
    std::lock_guard lock(mu_);
    return connectors_.count(name) > 0;
  }

  // Runs `produce` on the fake herder thread and answers `cb` with its value or exception; the
  // exception configured in `errors` for `method` wins.
  template <typename T, typename F>
  void complete(runtime::Callback<T> cb, F produce) {
    complete(cb, nullptr, std::move(produce));
  }
  template <typename T, typename F>
  void complete(runtime::Callback<T> cb, const char* method, F produce) {
    std::exception_ptr injected;
    {
      std::lock_guard lock(mu_);
      if (method) {
        auto it = errors.find(method);
        if (it != errors.end()) injected = it->second;
      }
    }
    auto task = [cb, produce, injected]() mutable {
      T value{};
      std::exception_ptr error = injected;
      if (!error) {
        try {
          value = produce();
        } catch (...) {
          error = std::current_exception();
        }
      }
      cb(error, std::move(value));
    };
    std::lock_guard lock(mu_);
    if (hold_callbacks) {
      held_.push_back([cb] { cb(nullptr, T{}); });
      return;
    }
    queue_.push_back(std::move(task));
    cv_.notify_all();
  }

  void run() {
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::function<void()>> held_;
  bool stopping_ = false;
  std::map<std::string, runtime::ConnectorInfo> connectors_;
  std::map<std::string, runtime::ConnectorStateInfo> statuses_;
  api::PluginRegistry plugins_;
  std::thread thread_;
};

}  // namespace connectd::rest::testing
