#include "connectors/mysql/binlog_connection_configuration.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "server/api/errors.h"

namespace connectd::mysql {
namespace {

using Props = std::map<std::string, std::string>;

const std::string kFixtures = std::string(CONNECTD_SOURCE_DIR) + "/tests/unit/connectors/mysql/tls/fixtures/";

Props baseProps(Props extra = {}) {
  Props p = {
      {"name", "tls-connector"},
      {"connector.class", "io.debezium.connector.mysql.MySqlConnector"},
      {"topic.prefix", "tls"},
      {"database.hostname", "db.example"},
      {"database.port", "3307"},
      {"database.user", "debezium"},
      {"database.password", "dbz"},
      {"database.server.id", "184054"},
      {"schema.history.internal.kafka.topic", "schema-changes.tls"},
      {"schema.history.internal.kafka.bootstrap.servers", "kafka:9092"},
  };
  for (auto& [k, v] : extra) p[k] = v;
  return p;
}

ConnectionOptions optionsFor(const Props& props, Flavor flavor = Flavor::MySql) {
  MySqlConnectorConfig config(props, flavor);
  return binlogConnectionOptions(config);
}

// The ConfigException binlogConnectionOptions throws for `props`: {key, message}.
std::pair<std::string, std::string> failureOf(const Props& props) {
  try {
    optionsFor(props);
  } catch (const api::ConfigException& e) {
    return {e.configName(), e.what()};
  }
  return {"", ""};
}

TEST(BinlogConnectionConfigurationTest, CopiesTheConnectionKeys) {
  ConnectionOptions o = optionsFor(baseProps({{"connect.timeout.ms", "4500"}}));
  EXPECT_EQ(o.host, "db.example");
  EXPECT_EQ(o.port, 3307);
  EXPECT_EQ(o.user, "debezium");
  EXPECT_EQ(o.password, "dbz");
  EXPECT_EQ(o.connect_timeout_ms, 4500);
  EXPECT_EQ(o.ssl_mode, "preferred") << "Debezium's MySQL default";
  EXPECT_TRUE(o.ssl_ca_pem.empty());
  EXPECT_TRUE(o.ssl_cert_pem.empty());
  EXPECT_TRUE(o.init_statements.empty()) << "the task adds database.initial.statements";
  EXPECT_EQ(optionsFor(baseProps({{"connector.class", "io.debezium.connector.mariadb.MariaDbConnector"}}),
                       Flavor::MariaDb)
                .ssl_mode,
            "disable");
}

TEST(BinlogConnectionConfigurationTest, TruststoreBecomesTheTrustedCas) {
  ConnectionOptions o = optionsFor(baseProps({{"database.ssl.mode", "verify_ca"},
                                              {"database.ssl.truststore", kFixtures + "truststore.p12"},
                                              {"database.ssl.truststore.password", "changeit"}}));
  EXPECT_EQ(o.ssl_mode, "verify_ca");
  EXPECT_NE(o.ssl_ca_pem.find("-----BEGIN CERTIFICATE-----"), std::string::npos);
  EXPECT_EQ(o.ssl_ca_origin, "database.ssl.truststore '" + kFixtures + "truststore.p12'");
  EXPECT_TRUE(o.ssl_cert_pem.empty());
  EXPECT_TRUE(o.ssl_key_pem.empty());
}

TEST(BinlogConnectionConfigurationTest, KeystoreBecomesTheClientCertificate) {
  ConnectionOptions o = optionsFor(baseProps({{"database.ssl.mode", "required"},
                                              {"database.ssl.keystore", kFixtures + "keystore.p12"},
                                              {"database.ssl.keystore.password", "changeit"}}));
  EXPECT_NE(o.ssl_cert_pem.find("-----BEGIN CERTIFICATE-----"), std::string::npos);
  EXPECT_NE(o.ssl_key_pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
}

TEST(BinlogConnectionConfigurationTest, DisabledModeIgnoresTheStores) {
  // Debezium only looks at the stores when TLS is on: a store that does not exist is no error.
  ConnectionOptions o = optionsFor(baseProps({{"database.ssl.mode", "disabled"},
                                              {"database.ssl.truststore", "/nonexistent/ts.p12"},
                                              {"database.ssl.keystore", "/nonexistent/ks.p12"}}));
  EXPECT_EQ(o.ssl_mode, "disabled");
  EXPECT_TRUE(o.ssl_ca_pem.empty());
  EXPECT_TRUE(o.ssl_key_pem.empty());
  EXPECT_TRUE(optionsFor(baseProps({{"database.ssl.truststore", " "}})).ssl_ca_pem.empty()) << "blank = unset";
}

TEST(BinlogConnectionConfigurationTest, JksTruststoreFailsOnItsKey) {
  auto [key, message] = failureOf(baseProps({{"database.ssl.mode", "verify_identity"},
                                             {"database.ssl.truststore", kFixtures + "truststore.jks"},
                                             {"database.ssl.truststore.password", "changeit"}}));
  EXPECT_EQ(key, "database.ssl.truststore");
  EXPECT_NE(message.find("Invalid value " + kFixtures + "truststore.jks for configuration database.ssl.truststore"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("JKS"), std::string::npos) << message;
  EXPECT_NE(message.find("keytool -importkeystore"), std::string::npos) << message;
}

TEST(BinlogConnectionConfigurationTest, WrongPasswordFailsOnThePasswordKeyWithoutShowingIt) {
  auto [key, message] = failureOf(baseProps({{"database.ssl.mode", "required"},
                                             {"database.ssl.keystore", kFixtures + "keystore.p12"},
                                             {"database.ssl.keystore.password", "hunter2"}}));
  EXPECT_EQ(key, "database.ssl.keystore.password");
  EXPECT_NE(message.find("Invalid value [hidden] for configuration database.ssl.keystore.password"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
}

TEST(BinlogConnectionConfigurationTest, KeystoreWithoutPrivateKeyFails) {
  auto [key, message] = failureOf(baseProps({{"database.ssl.mode", "verify_ca"},
                                             {"database.ssl.keystore", kFixtures + "truststore.p12"},
                                             {"database.ssl.keystore.password", "changeit"}}));
  EXPECT_EQ(key, "database.ssl.keystore");
  EXPECT_NE(message.find("no private key"), std::string::npos) << message;
}

TEST(BinlogConnectionConfigurationTest, MissingTruststoreFailsInEveryTlsMode) {
  for (const char* mode : {"preferred", "required", "verify_ca", "verify_identity"}) {
    auto [key, message] =
        failureOf(baseProps({{"database.ssl.mode", mode}, {"database.ssl.truststore", "/nonexistent/ts.p12"}}));
    EXPECT_EQ(key, "database.ssl.truststore") << mode;
    EXPECT_NE(message.find("cannot open '/nonexistent/ts.p12'"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace connectd::mysql
