// StandaloneHerder driven as the REST layer drives it, with in-test connectors on librdkafka's
// mock cluster.

#include "server/runtime/standalone_herder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "tests/unit/mock_cluster.h"
#include "server/api/errors.h"
#include "test_plugins.h"

using connectd::api::ConfigMap;
using connectd::api::Value;
using connectd::runtime::Callback;
using connectd::runtime::ConnectorTaskId;
using connectd::runtime::StandaloneHerder;
using connectd::runtime::TargetState;
using connectd::testing::MockCluster;
using connectd::testing::waitUntil;

namespace {

// Emits one record per poll up to `count` (config), partition {"task": id}, offset {"n": i}.
class TickSourceTask : public connectd::api::SourceTask {
 public:
  std::string version() const override { return "1"; }
  void start(const ConfigMap& props) override {
    topic_ = props.at("topic");
    id_ = props.at("task.id");
    count_ = std::stoi(props.at("count"));
  }
  void poll(std::vector<connectd::api::SourceRecord>& out) override {
    if (n_ < count_) {
      out.emplace_back(connectd::api::OffsetMap{{"task", Value(id_)}}, connectd::api::OffsetMap{{"n", Value(n_)}},
                       topic_, std::nullopt, nullptr, Value(), nullptr, Value("tick"));
      ++n_;
      return;
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stopped_; });
  }
  void stop() override {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  std::string topic_;
  std::string id_;
  int count_ = 0;
  int64_t n_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

class TickSourceConnector : public connectd::api::SourceConnector {
 public:
  static connectd::api::ConfigDef configDef() {
    connectd::api::ConfigDef def;
    def.define("topic", connectd::api::ConfigDef::Type::String, connectd::api::ConfigDef::Importance::High,
               "Where to write");
    def.define("count", connectd::api::ConfigDef::Type::Int, "3", connectd::api::ConfigDef::Importance::Low,
               "Records per task");
    return def;
  }
  std::string version() const override { return "1"; }
  void start(const ConfigMap& props) override { props_ = props; }
  std::string taskClass() const override { return "test.TickSourceTask"; }
  std::vector<ConfigMap> taskConfigs(int max_tasks) override {
    std::vector<ConfigMap> out;
    for (int i = 0; i < max_tasks; ++i) {
      ConfigMap c{{"topic", props_.at("topic")}, {"task.id", std::to_string(i)},
                  {"count", props_.count("count") ? props_.at("count") : "3"}};
      out.push_back(c);
    }
    return out;
  }
  void stop() override {}
  connectd::api::ConfigDef config() const override { return configDef(); }

 private:
  ConfigMap props_;
};

class NullSinkTask : public connectd::api::SinkTask {
 public:
  std::string version() const override { return "1"; }
  void start(const ConfigMap&) override {}
  void put(std::vector<connectd::api::SinkRecord>&) override {}
  void stop() override {}
};

class NullSinkConnector : public connectd::api::SinkConnector {
 public:
  std::string version() const override { return "1"; }
  void start(const ConfigMap&) override {}
  std::string taskClass() const override { return "test.NullSinkTask"; }
  std::vector<ConfigMap> taskConfigs(int max_tasks) override { return std::vector<ConfigMap>(max_tasks); }
  void stop() override {}
  connectd::api::ConfigDef config() const override { return {}; }
};

template <typename T>
T await(const std::function<void(Callback<T>)>& call) {
  std::promise<T> promise;
  call([&promise](std::exception_ptr error, T result) {
    if (error) {
      promise.set_exception(error);
    } else {
      promise.set_value(std::move(result));
    }
  });
  auto future = promise.get_future();
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) throw std::runtime_error("timed out");
  return future.get();
}

template <typename E, typename F>
std::string messageOf(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("unexpected exception: ") + e.what();
  }
  return "no exception";
}

class StandaloneHerderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    connectd::testing::registerTestPlugins(plugins_);
    plugins_.addSourceConnector("test.TickSourceConnector", "1", &TickSourceConnector::configDef,
                                [] { return std::make_unique<TickSourceConnector>(); });
    plugins_.addTask("test.TickSourceTask", [] { return std::make_unique<TickSourceTask>(); });
    plugins_.addSinkConnector("test.NullSinkConnector", "1", [] { return connectd::api::ConfigDef(); },
                              [] { return std::make_unique<NullSinkConnector>(); });
    plugins_.addTask("test.NullSinkTask", [] { return std::make_unique<NullSinkTask>(); });
    cluster_.createTopic("ticks");
    offsets_ = (std::filesystem::temp_directory_path() /
                ("connectd_herder_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                   .string();
    std::filesystem::remove(offsets_);
    config_ = std::make_unique<connectd::runtime::WorkerConfig>(
        std::map<std::string, std::string>{{"bootstrap.servers", cluster_.bootstraps()},
                                           {"key.converter", "test.PlainStringConverter"},
                                           {"value.converter", "test.PlainStringConverter"},
                                           {"header.converter", "test.PlainStringConverter"},
                                           {"offset.storage.file.filename", offsets_},
                                           {"offset.flush.interval.ms", "100"},
                                           {"task.shutdown.graceful.timeout.ms", "5000"}});
    herder_ = std::make_unique<StandaloneHerder>(*config_, plugins_, "worker-1:8083");
    herder_->start();
  }
  void TearDown() override {
    herder_->stop();
    herder_.reset();
    std::filesystem::remove(offsets_);
  }

  connectd::runtime::Created put(const std::string& name, ConfigMap config, bool replace = false,
                                 std::optional<TargetState> initial = std::nullopt) {
    config["name"] = name;
    return await<connectd::runtime::Created>(
        [&](auto cb) { herder_->putConnectorConfig(name, config, replace, initial, cb); });
  }
  std::string connectorState(const std::string& name) {
    try {
      return herder_->connectorStatus(name).connector.state;
    } catch (const std::exception&) {
      return "";
    }
  }
  std::string taskState(const std::string& name, int task) {
    try {
      return herder_->taskStatus(ConnectorTaskId{name, task}).state;
    } catch (const std::exception&) {
      return "";
    }
  }

  MockCluster cluster_;
  connectd::api::PluginRegistry plugins_;
  std::string offsets_;
  std::unique_ptr<connectd::runtime::WorkerConfig> config_;
  std::unique_ptr<StandaloneHerder> herder_;
};

const ConfigMap kTicks{{"connector.class", "test.TickSourceConnector"}, {"topic", "ticks"}, {"tasks.max", "2"}};

}  // namespace

TEST_F(StandaloneHerderTest, CreatesConnectorWithTasksAndReportsStatuses) {
  auto created = put("ticks", kTicks);
  EXPECT_TRUE(created.created);
  EXPECT_EQ(created.info.name, "ticks");
  EXPECT_EQ(created.info.type, connectd::runtime::ConnectorType::Source);
  ASSERT_EQ(created.info.tasks.size(), 2u);
  EXPECT_EQ(herder_->connectors(), std::vector<std::string>{"ticks"});

  ASSERT_TRUE(waitUntil([&] { return taskState("ticks", 0) == "RUNNING" && taskState("ticks", 1) == "RUNNING"; }));
  auto status = herder_->connectorStatus("ticks");
  EXPECT_EQ(status.connector.state, "RUNNING");
  EXPECT_EQ(status.connector.worker_id, "worker-1:8083");
  EXPECT_EQ(status.tasks.size(), 2u);

  auto tasks = await<std::vector<connectd::runtime::TaskInfo>>([&](auto cb) { herder_->taskConfigs("ticks", cb); });
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1].config.at("task.class"), "test.TickSourceTask");
  EXPECT_EQ(tasks[1].config.at("task.id"), "1");

  ASSERT_TRUE(waitUntil([&] { return herder_->connectorActiveTopics("ticks") == std::vector<std::string>{"ticks"}; }));
  herder_->resetConnectorActiveTopics("ticks");
  EXPECT_TRUE(herder_->connectorActiveTopics("ticks").empty());

  EXPECT_EQ(messageOf<connectd::api::AlreadyExistsException>([&] { put("ticks", kTicks); }),
            "Connector ticks already exists");
  EXPECT_FALSE(put("ticks", kTicks, true).created);
}

TEST_F(StandaloneHerderTest, PauseResumeStopAndDelete) {
  put("ticks", kTicks);
  ASSERT_TRUE(waitUntil([&] { return taskState("ticks", 1) == "RUNNING"; }));

  herder_->pauseConnector("ticks");
  ASSERT_TRUE(waitUntil([&] {
    return connectorState("ticks") == "PAUSED" && taskState("ticks", 0) == "PAUSED" && taskState("ticks", 1) == "PAUSED";
  }));
  herder_->resumeConnector("ticks");
  ASSERT_TRUE(waitUntil([&] { return connectorState("ticks") == "RUNNING" && taskState("ticks", 0) == "RUNNING"; }));

  await<bool>([&](auto cb) { herder_->stopConnector("ticks", cb); });
  ASSERT_TRUE(waitUntil([&] { return connectorState("ticks") == "STOPPED"; }));
  EXPECT_TRUE(herder_->connectorStatus("ticks").tasks.empty());
  EXPECT_TRUE(herder_->connectorInfoSnapshot("ticks")->tasks.empty());

  herder_->resumeConnector("ticks");
  ASSERT_TRUE(waitUntil([&] { return taskState("ticks", 1) == "RUNNING"; }));

  EXPECT_EQ(messageOf<connectd::api::NotFoundException>([&] { herder_->pauseConnector("nope"); }),
            "Unknown connector nope");
  await<bool>([&](auto cb) { herder_->deleteConnectorConfig("ticks", cb); });
  EXPECT_TRUE(herder_->connectors().empty());
  EXPECT_EQ(messageOf<connectd::api::NotFoundException>([&] { herder_->connectorStatus("ticks"); }),
            "No status found for connector ticks");
  EXPECT_EQ(messageOf<connectd::api::NotFoundException>(
                [&] { await<bool>([&](auto cb) { herder_->deleteConnectorConfig("ticks", cb); }); }),
            "Connector ticks not found");
}

TEST_F(StandaloneHerderTest, InitialStateStoppedCreatesNoTasks) {
  auto created = put("ticks", kTicks, false, TargetState::Stopped);
  EXPECT_TRUE(created.info.tasks.empty());
  ASSERT_TRUE(waitUntil([&] { return connectorState("ticks") == "STOPPED"; }));
}

TEST_F(StandaloneHerderTest, SourceOffsetsCanBeReadAndModifiedOnlyWhenStopped) {
  put("ticks", kTicks);
  auto offsets_of = [&] {
    return await<connectd::runtime::ConnectorOffsets>([&](auto cb) { herder_->connectorOffsets("ticks", cb); });
  };
  ASSERT_TRUE(waitUntil([&] {
    auto o = offsets_of();
    return o.offsets.size() == 2 && o.offsets[0].offset_json == std::optional<std::string>(R"({"n":2})") &&
           o.offsets[1].offset_json == std::optional<std::string>(R"({"n":2})");
  }));
  EXPECT_EQ(offsets_of().offsets[0].partition_json, R"({"task":"0"})");

  connectd::runtime::ConnectorOffsets change{{{R"({"task":"0"})", std::string(R"({"n":0})")}}};
  EXPECT_EQ(messageOf<connectd::api::BadRequestException>(
                [&] { await<std::string>([&](auto cb) { herder_->alterConnectorOffsets("ticks", change, cb); }); }),
            "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the "
            "specified connector by issuing a 'PUT' request to the '/connectors/ticks/stop' endpoint");

  await<bool>([&](auto cb) { herder_->stopConnector("ticks", cb); });
  EXPECT_EQ(await<std::string>([&](auto cb) { herder_->alterConnectorOffsets("ticks", change, cb); }),
            "The Connect framework-managed offsets for this connector have been altered successfully. However, if this "
            "connector manages offsets externally, they will need to be manually altered in the system that the "
            "connector uses.");
  auto after = offsets_of();
  ASSERT_EQ(after.offsets.size(), 2u);
  EXPECT_EQ(after.offsets[0].offset_json, std::optional<std::string>(R"({"n":0})"));

  EXPECT_EQ(await<std::string>([&](auto cb) { herder_->resetConnectorOffsets("ticks", cb); }),
            "The Connect framework-managed offsets for this connector have been reset successfully. However, if this "
            "connector manages offsets externally, they will need to be manually reset in the system that the "
            "connector uses.");
  EXPECT_TRUE(offsets_of().offsets.empty());
}

TEST_F(StandaloneHerderTest, RestartPlanMarksWhatRestarts) {
  put("ticks", kTicks);
  ASSERT_TRUE(waitUntil([&] { return taskState("ticks", 0) == "RUNNING" && taskState("ticks", 1) == "RUNNING"; }));

  auto only_failed = await<connectd::runtime::ConnectorStateInfo>(
      [&](auto cb) { herder_->restartConnectorAndTasks({"ticks", true, true}, cb); });
  EXPECT_EQ(only_failed.connector.state, "RUNNING");
  EXPECT_EQ(only_failed.tasks.at(0).state, "RUNNING");

  auto all = await<connectd::runtime::ConnectorStateInfo>(
      [&](auto cb) { herder_->restartConnectorAndTasks({"ticks", true, false}, cb); });
  EXPECT_EQ(all.connector.state, "RESTARTING");
  ASSERT_EQ(all.tasks.size(), 2u);
  EXPECT_EQ(all.tasks[0].state, "RESTARTING");
  EXPECT_EQ(all.tasks[1].state, "RESTARTING");
  ASSERT_TRUE(waitUntil([&] { return connectorState("ticks") == "RUNNING" && taskState("ticks", 1) == "RUNNING"; }));

  EXPECT_TRUE(await<bool>([&](auto cb) { herder_->restartTask(ConnectorTaskId{"ticks", 1}, cb); }));
  EXPECT_EQ(messageOf<connectd::api::NotFoundException>(
                [&] { await<bool>([&](auto cb) { herder_->restartTask(ConnectorTaskId{"ticks", 7}, cb); }); }),
            "Task ticks-7 not found");
  EXPECT_EQ(messageOf<connectd::api::NotFoundException>([&] {
              await<connectd::runtime::ConnectorStateInfo>(
                  [&](auto cb) { herder_->restartConnectorAndTasks({"nope", false, false}, cb); });
            }),
            "Unknown connector: nope");
  EXPECT_TRUE(await<bool>([&](auto cb) { herder_->restartConnector("ticks", cb); }));
  ASSERT_TRUE(waitUntil([&] { return connectorState("ticks") == "RUNNING"; }));
}

TEST_F(StandaloneHerderTest, InvalidConfigsAreRejectedWithConnectMessages) {
  EXPECT_EQ(messageOf<connectd::api::BadRequestException>(
                [&] { put("s", {{"connector.class", "test.NullSinkConnector"}}); }),
            "Connector configuration is invalid and contains the following 2 error(s):\n"
            "Must configure one of topics or topics.regex\n"
            "Must configure one of topics or topics.regex\n"
            "You can also find the above list of errors at the endpoint "
            "`/connector-plugins/{connectorType}/config/validate`");
  EXPECT_EQ(messageOf<connectd::api::BadRequestException>([&] { put("s", {{"topics", "a"}}); }),
            "Connector config {name=s, topics=a} contains no connector type");
  EXPECT_NE(messageOf<connectd::api::ConnectException>([&] { put("s", {{"connector.class", "com.example.Missing"}}); })
                .find("Failed to find any class that implements Connector and which name matches com.example.Missing"),
            std::string::npos);
  EXPECT_EQ(messageOf<connectd::api::BadRequestException>([&] {
              put("ticks", {{"connector.class", "test.TickSourceConnector"}, {"tasks.max", "0"}});
            }),
            "Connector configuration is invalid and contains the following 2 error(s):\n"
            "Invalid value 0 for configuration tasks.max: Value must be at least 1\n"
            "Missing required configuration \"topic\" which has no default value.\n"
            "You can also find the above list of errors at the endpoint "
            "`/connector-plugins/{connectorType}/config/validate`");
  EXPECT_TRUE(herder_->connectors().empty());
}

TEST_F(StandaloneHerderTest, ValidateListsFrameworkAndConnectorKeys) {
  auto infos = await<connectd::runtime::ConfigInfos>([&](auto cb) {
    herder_->validateConnectorConfig({{"connector.class", "test.TickSourceConnector"},
                                      {"name", "v"},
                                      {"transforms", "a"},
                                      {"transforms.a.type", "test.AppendSuffix"}},
                                     cb);
  });
  EXPECT_EQ(infos.name, "test.TickSourceConnector");
  EXPECT_EQ(infos.error_count, 2);  // topic (connector) and transforms.a.suffix (SMT)
  EXPECT_EQ(infos.groups.front(), "Common");
  EXPECT_NE(std::find(infos.groups.begin(), infos.groups.end(), "Transforms: a"), infos.groups.end());
  bool saw_topic = false;
  bool saw_suffix = false;
  for (const auto& c : infos.configs) {
    ASSERT_TRUE(c.definition);
    if (c.definition->name == "topic") saw_topic = !c.value->errors.empty();
    if (c.definition->name == "transforms.a.suffix") saw_suffix = !c.value->errors.empty();
  }
  EXPECT_TRUE(saw_topic);
  EXPECT_TRUE(saw_suffix);
  EXPECT_EQ(messageOf<connectd::api::BadRequestException>([&] {
              await<connectd::runtime::ConfigInfos>([&](auto cb) { herder_->validateConnectorConfig({}, cb); });
            }),
            "Connector config {} contains no connector type");
}

TEST_F(StandaloneHerderTest, PluginConfigListsPluginKeysFirst) {
  auto keys = herder_->connectorPluginConfig("test.TickSourceConnector");
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(keys[0].name, "topic");
  EXPECT_EQ(keys[1].name, "count");
  EXPECT_EQ(keys[2].name, "name");
  EXPECT_EQ(messageOf<connectd::api::NotFoundException>([&] { herder_->connectorPluginConfig("Nope"); }),
            "Unknown plugin Nope.");
  EXPECT_EQ(herder_->connectorPluginConfig("test.AppendSuffix").at(0).name, "suffix");
}

TEST_F(StandaloneHerderTest, HealthCheckAnswersFromTheHerderThread) {
  EXPECT_TRUE(herder_->ready());
  EXPECT_TRUE(await<bool>([&](auto cb) { herder_->healthCheck(cb); }));
}
