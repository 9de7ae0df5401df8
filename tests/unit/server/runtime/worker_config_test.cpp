#include "server/runtime/worker_config.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"

using connectd::api::ConfigException;
using connectd::runtime::WorkerConfig;

namespace {

std::map<std::string, std::string> minimal() {
  return {{"key.converter", "org.apache.kafka.connect.json.JsonConverter"},
          {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
          {"offset.storage.file.filename", "/tmp/connect.offsets"}};
}

std::string errorOf(std::map<std::string, std::string> props) {
  try {
    WorkerConfig config(std::move(props));
  } catch (const ConfigException& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(WorkerConfigTest, MissingKeyConverterIsKafkasConfigException) {
  auto props = minimal();
  props.erase("key.converter");
  EXPECT_EQ(errorOf(props), "Missing required configuration \"key.converter\" which has no default value.");
}

TEST(WorkerConfigTest, MissingValueConverterIsKafkasConfigException) {
  auto props = minimal();
  props.erase("value.converter");
  EXPECT_EQ(errorOf(props), "Missing required configuration \"value.converter\" which has no default value.");
}

TEST(WorkerConfigTest, MissingOffsetFileIsRequiredInStandalone) {
  auto props = minimal();
  props.erase("offset.storage.file.filename");
  EXPECT_EQ(errorOf(props),
            "Missing required configuration \"offset.storage.file.filename\" which has no default value.");
}

TEST(WorkerConfigTest, InvalidNumberNamesKeyAndValue) {
  auto props = minimal();
  props["offset.flush.interval.ms"] = "soon";
  EXPECT_EQ(errorOf(props), "Invalid value soon for configuration offset.flush.interval.ms: Not a number of type LONG");
}

TEST(WorkerConfigTest, AppliesKafkaDefaults) {
  WorkerConfig config(minimal());
  EXPECT_EQ(config.bootstrapServers(), "localhost:9092");
  EXPECT_EQ(config.offsetFlushIntervalMs(), 60000);
  EXPECT_EQ(config.offsetFlushTimeoutMs(), 5000);
  EXPECT_EQ(config.taskShutdownGracefulTimeoutMs(), 5000);
  EXPECT_EQ(config.headerConverter(), "org.apache.kafka.connect.storage.SimpleHeaderConverter");
  EXPECT_EQ(config.listeners(), std::vector<std::string>{"http://:8083"});
  EXPECT_TRUE(config.topicTrackingEnabled());
  EXPECT_TRUE(config.topicTrackingResetAllowed());
  EXPECT_TRUE(config.topicCreationEnabled());
}

TEST(WorkerConfigTest, KeepsClientPrefixesAndJoinsBootstrapList) {
  auto props = minimal();
  props["bootstrap.servers"] = "a:9092, b:9092";
  props["producer.linger.ms"] = "10";
  props["consumer.max.poll.records"] = "100";
  props["plugin.path"] = "/usr/share/java";
  WorkerConfig config(props);
  EXPECT_EQ(config.bootstrapServers(), "a:9092,b:9092");
  EXPECT_EQ(config.originalsWithPrefix("producer."), (std::map<std::string, std::string>{{"linger.ms", "10"}}));
  EXPECT_EQ(config.originalsWithPrefix("consumer.").at("max.poll.records"), "100");
}

TEST(WorkerConfigTest, WorkerIdPrefersAdvertisedHostAndPort) {
  auto props = minimal();
  props["listeners"] = "http://0.0.0.0:9000";
  props["rest.advertised.host.name"] = "connect-1";
  EXPECT_EQ(WorkerConfig(props).workerId(), "connect-1:9000");
  props["rest.advertised.port"] = "18083";
  EXPECT_EQ(WorkerConfig(props).workerId(), "connect-1:18083");
}

TEST(WorkerConfigTest, WorkerIdUsesListenerHostAndBoundPort) {
  auto props = minimal();
  props["listeners"] = "http://127.0.0.1:0";
  EXPECT_EQ(WorkerConfig(props).workerId(41234), "127.0.0.1:41234");
}

TEST(WorkerConfigTest, UnreadableFileIsConfigException) {
  EXPECT_THROW(WorkerConfig::fromFile("/nonexistent/connect-standalone.properties"), ConfigException);
}
