#include "connectors/mysql/binlog_connection_configuration.h"

#include "connectors/mysql/binlog/key_store.h"
#include "server/api/errors.h"

namespace connectd::mysql {

namespace {

constexpr const char* kTruststore = "database.ssl.truststore";
constexpr const char* kTruststorePassword = "database.ssl.truststore.password";
constexpr const char* kKeystore = "database.ssl.keystore";
constexpr const char* kKeystorePassword = "database.ssl.keystore.password";

bool isBlank(const std::optional<std::string>& s) {
  return !s || s->find_first_not_of(" \t\r\n") == std::string::npos;
}

KeyStore loadStore(const char* key, const std::string& path, const char* password_key,
                   const std::optional<std::string>& password) {
  try {
    return KeyStore::load(path, password);
  } catch (const KeyStoreException& e) {
    if (e.passwordProblem()) throw api::ConfigException(password_key, "[hidden]", e.what());
    throw api::ConfigException(key, path, e.what());
  }
}

}  // namespace

ConnectionOptions binlogConnectionOptions(const MySqlConnectorConfig& config) {
  ConnectionOptions o;
  o.host = config.hostname();
  o.port = config.port();
  o.user = config.user();
  o.password = config.password();
  o.ssl_mode = config.sslMode();
  o.connect_timeout_ms = static_cast<int>(config.connectTimeoutMs());
  if (!config.sslEnabled()) return o;

  if (auto path = config.sslTruststore(); !isBlank(path)) {
    KeyStore store = loadStore(kTruststore, *path, kTruststorePassword, config.sslTruststorePassword());
    o.ssl_ca_pem = store.certificatesPem();
    o.ssl_ca_origin = std::string(kTruststore) + " '" + *path + "'";
  }
  if (auto path = config.sslKeystore(); !isBlank(path)) {
    KeyStore store = loadStore(kKeystore, *path, kKeystorePassword, config.sslKeystorePassword());
    if (!store.hasPrivateKey())
      throw api::ConfigException(kKeystore, *path,
                                 "the key store has no private key; it must hold the client certificate and its key");
    o.ssl_cert_pem = store.certificatesPem();
    o.ssl_key_pem = store.privateKeyPem();
  }
  return o;
}

}  // namespace connectd::mysql
