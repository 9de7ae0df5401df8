#include "server/kafka/client_config.h"

#include <gtest/gtest.h>

using connectd::kafka::ClientConfig;
using connectd::kafka::ClientProps;
using connectd::kafka::ClientType;

namespace {

std::string get(rd_kafka_conf_t* conf, const char* key) {
  char buf[512];
  size_t size = sizeof(buf);
  if (rd_kafka_conf_get(conf, key, buf, &size) != RD_KAFKA_CONF_OK) return "<unset>";
  return buf;
}

}  // namespace

TEST(ClientConfigTest, ProducersAlwaysUseJavaCompatiblePartitioner) {
  auto conf = ClientConfig::build(ClientType::Producer, {{"bootstrap.servers", "k:9092"}, {"partitioner", "random"}});
  // The partitioner is a topic-level property; it lands in the default topic config.
  rd_kafka_topic_conf_t* topic_conf = rd_kafka_conf_get_default_topic_conf(conf.get());
  ASSERT_NE(topic_conf, nullptr);
  char buf[64];
  size_t size = sizeof(buf);
  ASSERT_EQ(rd_kafka_topic_conf_get(topic_conf, "partitioner", buf, &size), RD_KAFKA_CONF_OK);
  EXPECT_STREQ(buf, "murmur2_random");
  EXPECT_EQ(get(conf.get(), "bootstrap.servers"), "k:9092");
}

TEST(ClientConfigTest, ProducerBufferDefaultsToJavasBufferMemoryAndFollowsIt) {
  auto conf = ClientConfig::build(ClientType::Producer, {{"bootstrap.servers", "k:9092"}});
  EXPECT_EQ(get(conf.get(), "queue.buffering.max.kbytes"), "32768");
  auto set = ClientConfig::build(ClientType::Producer, {{"buffer.memory", "67108864"}});
  EXPECT_EQ(get(set.get(), "queue.buffering.max.kbytes"), "65536");
}

TEST(ClientConfigTest, JavaOnlyKeysAreSkippedNotErrors) {
  ClientProps props{{"key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"},
                    {"max.block.ms", "9223372036854775807"},
                    {"interceptor.classes", "x.Y"},
                    {"totally.unknown.key", "1"},
                    {"client.id", "connector-producer-x-0"}};
  auto conf = ClientConfig::build(ClientType::Producer, props);
  EXPECT_EQ(get(conf.get(), "client.id"), "connector-producer-x-0");
}

TEST(ClientConfigTest, TranslatesJavaNamesAndUnits) {
  ClientProps all;
  EXPECT_EQ(ClientConfig::translate(ClientType::Producer, "sasl.mechanism", "SCRAM-SHA-512", all),
            (std::map<std::string, std::string>{{"sasl.mechanisms", "SCRAM-SHA-512"}}));
  EXPECT_EQ(ClientConfig::translate(ClientType::Producer, "buffer.memory", "33554432", all),
            (std::map<std::string, std::string>{{"queue.buffering.max.kbytes", "32768"}}));
  EXPECT_EQ(ClientConfig::translate(ClientType::Consumer, "fetch.max.wait.ms", "100", all),
            (std::map<std::string, std::string>{{"fetch.wait.max.ms", "100"}}));
  EXPECT_EQ(ClientConfig::translate(ClientType::Producer, "delivery.timeout.ms", "9223372036854775807", all),
            (std::map<std::string, std::string>{{"delivery.timeout.ms", "2147483647"}}));
  EXPECT_EQ(ClientConfig::translate(ClientType::Producer, "ssl.endpoint.identification.algorithm", "", all),
            (std::map<std::string, std::string>{{"ssl.endpoint.identification.algorithm", "none"}}));
  EXPECT_EQ(ClientConfig::translate(ClientType::Producer, "security.protocol", "SASL_SSL", all),
            (std::map<std::string, std::string>{{"security.protocol", "sasl_ssl"}}));
}

TEST(ClientConfigTest, ExtractsPlainAndScramCredentialsFromJaas) {
  auto out = ClientConfig::translate(
      ClientType::Admin, "sasl.jaas.config",
      R"(org.apache.kafka.common.security.plain.PlainLoginModule required username="connect" password="s3\"cret";)",
      {});
  EXPECT_EQ(out.at("sasl.username"), "connect");
  EXPECT_EQ(out.at("sasl.password"), "s3\"cret");
}

TEST(ClientConfigTest, MapsAssignorClassNames) {
  EXPECT_EQ(ClientConfig::translate(ClientType::Consumer, "partition.assignment.strategy",
                                    "org.apache.kafka.clients.consumer.RangeAssignor, "
                                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                                    {}),
            (std::map<std::string, std::string>{{"partition.assignment.strategy", "range"}}));
  EXPECT_EQ(ClientConfig::translate(ClientType::Consumer, "partition.assignment.strategy",
                                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor", {}),
            (std::map<std::string, std::string>{{"partition.assignment.strategy", "cooperative-sticky"}}));
}

TEST(ClientConfigTest, UsesOnlyStoresLibrdkafkaCanRead) {
  ClientProps jks{{"ssl.truststore.location", "/etc/ts.jks"}};
  EXPECT_TRUE(ClientConfig::translate(ClientType::Producer, "ssl.truststore.location", "/etc/ts.jks", jks).empty());
  ClientProps pem{{"ssl.truststore.location", "/etc/ca.pem"}, {"ssl.truststore.type", "PEM"}};
  EXPECT_EQ(ClientConfig::translate(ClientType::Producer, "ssl.truststore.location", "/etc/ca.pem", pem),
            (std::map<std::string, std::string>{{"ssl.ca.location", "/etc/ca.pem"}}));
}
