// TLS between connectd's MySQL/MariaDB source and the local MariaDB, which compose/local/stack.sh
// starts with a certificate of its own CA (STACK_DIR/mariadb/tls: ca.pem, a server certificate
// for IP:127.0.0.1 and DNS:localhost, a client certificate). Covers Debezium's database.ssl.mode
// values on the query and the binlog replication connection, database.ssl.truststore /
// database.ssl.keystore, and the failures an operator sees.
//
// Env: MARIADB_PORT (default 3306), STACK_DIR (default <repo>/.local-stack: the state folder of
// the stack that runs that MariaDB), KAFKA_BOOTSTRAP/KAFKA_PORT. A MariaDB without TLS (one
// started before stack.sh configured TLS) fails every test with how to restart it.

#include <gtest/gtest.h>
#include <netdb.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "connectors/mysql/binlog/binlog_client.h"
#include "connectors/mysql/binlog/connection.h"
#include "connectors/mysql/binlog/table_map_event.h"
#include "tests/integration/harness.h"
#include "tests/integration/mysql_it_support.h"

namespace connectd::it {
namespace {

namespace fs = std::filesystem;

fs::path stackDir() {
  const char* d = std::getenv("STACK_DIR");
  return d != nullptr && *d != '\0' ? fs::path(d) : fs::path(CONNECTD_DEFAULT_STACK_DIR);
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void writeFile(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

mysql::ConnectionOptions plainOptions(const std::string& user = "root", const std::string& password = "root") {
  mysql::ConnectionOptions o;
  o.host = "127.0.0.1";
  o.port = mariadbPort();
  o.user = user;
  o.password = password;
  o.connect_timeout_ms = 5000;
  return o;
}

// The stack's TLS material, or why these tests cannot run against the MariaDB on MARIADB_PORT.
struct TlsStack {
  fs::path dir;
  fs::path ca, client_cert, client_key;
  std::string problem;
};

TlsStack probeStack() {
  TlsStack s;
  s.dir = stackDir() / "mariadb" / "tls";
  s.ca = s.dir / "ca.pem";
  s.client_cert = s.dir / "client-cert.pem";
  s.client_key = s.dir / "client-key.pem";
  const std::string where = "MariaDB at 127.0.0.1:" + std::to_string(mariadbPort());
  std::string have_ssl;
  try {
    have_ssl = mariadb()->queryScalar("SELECT @@have_ssl").value_or("");
  } catch (const std::exception& e) {
    s.problem = "cannot reach " + where + " as root/root: " + e.what();
    return s;
  }
  if (have_ssl != "YES") {
    s.problem = where + " has no TLS (@@have_ssl=" + have_ssl +
                "): it was started before compose/local/stack.sh configured TLS. Restart it "
                "(SERVICES=mariadb compose/local/stack.sh down && SERVICES=mariadb compose/local/stack.sh up) "
                "or point MARIADB_PORT/STACK_DIR at a stack that has TLS.";
    return s;
  }
  for (const fs::path& f : {s.ca, s.client_cert, s.client_key})
    if (!fs::exists(f)) {
      s.problem = f.string() + " does not exist: STACK_DIR (now " + stackDir().string() +
                  ") must be the state folder of the stack that runs " + where;
      return s;
    }
  try {
    mysql::ConnectionOptions o = plainOptions();
    o.ssl_mode = "verify_ca";
    o.ssl_ca = s.ca.string();
    mysql::Connection c(o);
    c.connect();
  } catch (const std::exception& e) {
    s.problem = where + " does not present a certificate issued by " + s.ca.string() +
                " (does STACK_DIR belong to this MariaDB?): " + e.what();
  }
  return s;
}

const TlsStack& tlsStack() {
  static const TlsStack stack = probeStack();
  return stack;
}

// A self-signed CA that signed nothing the server presents.
std::string unrelatedCaPem() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509* c = cert.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), 7);
  X509_gmtime_adj(X509_getm_notBefore(c), 0);
  X509_gmtime_adj(X509_getm_notAfter(c), 3600);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(c), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("an unrelated CA"), -1, -1, 0);
  X509_set_issuer_name(c, X509_get_subject_name(c));
  X509_set_pubkey(c, key.get());
  X509_sign(c, key.get(), EVP_sha256());
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), c);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

// A PKCS#12 file (as keytool writes: AES-protected, MAC'ed with `password`) holding the PEM
// certificates of `certs_pem` and, when given, the private key of `key_pem` with its certificate.
void writePkcs12(const fs::path& path, const std::string& password, const std::string& certs_pem,
                 const std::string& key_pem = "") {
  std::unique_ptr<BIO, decltype(&BIO_free)> cb(BIO_new_mem_buf(certs_pem.data(), static_cast<int>(certs_pem.size())),
                                               BIO_free);
  std::vector<X509*> certs;
  while (X509* x = PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr)) certs.push_back(x);
  EVP_PKEY* key = nullptr;
  if (!key_pem.empty()) {
    std::unique_ptr<BIO, decltype(&BIO_free)> kb(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())),
                                                 BIO_free);
    key = PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr);
  }
  X509* own = key != nullptr && !certs.empty() ? certs.front() : nullptr;
  STACK_OF(X509)* others = sk_X509_new_null();
  for (size_t i = own ? 1 : 0; i < certs.size(); ++i) sk_X509_push(others, certs[i]);
  PKCS12* p12 = PKCS12_create(password.c_str(), "connectd-it", key, own, others, NID_aes_256_cbc, NID_aes_256_cbc,
                              10000, 10000, 0);
  if (p12 == nullptr) throw std::runtime_error("PKCS12_create failed");
  unsigned char* der = nullptr;
  int n = i2d_PKCS12(p12, &der);
  writeFile(path, std::string(reinterpret_cast<char*>(der), static_cast<size_t>(n)));
  OPENSSL_free(der);
  PKCS12_free(p12);
  sk_X509_free(others);
  for (X509* x : certs) X509_free(x);
  EVP_PKEY_free(key);
}

// MariaDB accounts created by a test, dropped however the test ends.
class Accounts {
 public:
  Accounts() = default;
  ~Accounts() {
    try {
      auto db = mariadb();
      for (const auto& u : users_) db->execute("DROP USER IF EXISTS '" + u + "'@'%'");
      for (const auto& d : databases_) db->execute("DROP DATABASE IF EXISTS " + d);
    } catch (const std::exception&) {
    }
  }
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // A connector account (Debezium's documented grants) with `require` ("SSL", "X509", "NONE").
  void user(const std::string& name, const std::string& password, const std::string& require) {
    auto db = mariadb();
    users_.push_back(name);
    db->execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + password + "' REQUIRE " + require);
    db->execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + name +
                "'@'%'");
  }
  // A database with table t (id INT PRIMARY KEY, v VARCHAR(20)) holding one row.
  void database(const std::string& name) {
    auto db = mariadb();
    databases_.push_back(name);
    db->execute("CREATE DATABASE " + name);
    db->execute("CREATE TABLE " + name + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
    db->execute("INSERT INTO " + name + ".t VALUES (1, 'snapshot')");
  }

 private:
  std::vector<std::string> users_;
  std::vector<std::string> databases_;
};

// Why `options` cannot connect ("" when it can).
std::string connectFailure(const mysql::ConnectionOptions& options) {
  try {
    mysql::Connection c(options);
    c.connect();
    return "";
  } catch (const mysql::MysqlException& e) {
    return e.what();
  }
}

class MySqlTlsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tlsStack().problem.empty()) << tlsStack().problem; }
  const TlsStack& stack() const { return tlsStack(); }

  mysql::ConnectionOptions tlsOptions(const std::string& mode, const std::string& host = "127.0.0.1") const {
    mysql::ConnectionOptions o = plainOptions();
    o.host = host;
    o.ssl_mode = mode;
    return o;
  }
};

TEST_F(MySqlTlsTest, RequiredEncryptsTheQueryAndTheBinlogConnection) {
  Accounts accounts;
  const std::string dbname = uniqueDatabase("tls_bl");
  accounts.database(dbname);

  mysql::Connection query(tlsOptions("required"));
  query.connect();
  ASSERT_TRUE(query.sslCipher().has_value());
  auto version = query.query("SHOW SESSION STATUS LIKE 'Ssl_version'");
  ASSERT_EQ(version.size(), 1u);
  EXPECT_NE(version[0][1].value_or(""), "") << "the server sees this session encrypted";
  auto cipher = query.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
  EXPECT_EQ(cipher.at(0).at(1).value_or(""), *query.sslCipher());

  auto status = query.query("SHOW MASTER STATUS");
  ASSERT_EQ(status.size(), 1u);
  mysql::binlog::BinlogClientOptions bo;
  bo.connection = tlsOptions("required");
  bo.connection.read_timeout_ms = 30000;
  bo.server_id = 5100000u + static_cast<uint32_t>(::getpid() % 100000);
  bo.heartbeat_interval_ms = 500;
  mysql::binlog::BinlogClient client(bo);
  mysql::binlog::StartPosition start;
  start.file = *status[0][0];
  start.pos = std::stoull(*status[0][1]);
  client.connect(start);
  ASSERT_TRUE(client.sslCipher().has_value()) << "the replication connection is encrypted too";

  query.execute("INSERT INTO " + dbname + ".t VALUES (2, 'streamed')");
  bool seen = false;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!seen && std::chrono::steady_clock::now() < deadline) {
    std::optional<mysql::binlog::Event> ev = client.next();
    ASSERT_TRUE(ev.has_value()) << "stream ended";
    if (ev->header.type == mysql::binlog::TABLE_MAP) {
      auto map = mysql::binlog::parseTableMap(*ev, client.formatDescription());
      seen = map.database == dbname && map.table == "t";
    }
  }
  EXPECT_TRUE(seen) << "the insert's TABLE_MAP arrived over the TLS replication connection";
  client.close();
}

TEST_F(MySqlTlsTest, DisabledIsPlainAndPreferredEncryptsWhenTheServerCan) {
  mysql::Connection plain(tlsOptions("disabled"));
  plain.connect();
  EXPECT_FALSE(plain.sslCipher().has_value());
  EXPECT_EQ(plain.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").at(0).at(1).value_or(""), "");

  for (const char* mode : {"preferred", "trust"}) {  // trust: MariaDB's name for required
    mysql::Connection c(tlsOptions(mode));
    c.connect();
    EXPECT_TRUE(c.sslCipher().has_value()) << mode;
  }
}

TEST_F(MySqlTlsTest, RequiredDoesNotCheckTheCertificate) {
  // Neither the unrelated CA nor the host name matter: required only encrypts.
  mysql::ConnectionOptions o = tlsOptions("required", "127.1");
  o.ssl_ca = (fs::temp_directory_path() / "connectd-no-such-ca.pem").string();
  mysql::Connection c(o);
  c.connect();
  EXPECT_TRUE(c.sslCipher().has_value());
}

TEST_F(MySqlTlsTest, VerifyCaChecksTheChainButNotTheHostName) {
  // "127.1" reaches 127.0.0.1 but is neither the IP nor the DNS name in the certificate.
  for (const char* mode : {"verify_ca", "verify-ca"}) {
    mysql::ConnectionOptions o = tlsOptions(mode, "127.1");
    o.ssl_ca = stack().ca.string();
    mysql::Connection c(o);
    c.connect();
    EXPECT_TRUE(c.sslCipher().has_value()) << mode;
  }
  // The same CA as PEM text (what a truststore becomes).
  mysql::ConnectionOptions from_text = tlsOptions("verify_ca", "127.1");
  from_text.ssl_ca_pem = readFile(stack().ca);
  from_text.ssl_ca_origin = "the test's truststore";
  mysql::Connection c(from_text);
  c.connect();
  EXPECT_TRUE(c.sslCipher().has_value());

  mysql::ConnectionOptions wrong = tlsOptions("verify_ca");
  wrong.ssl_ca_pem = unrelatedCaPem();
  wrong.ssl_ca_origin = "database.ssl.truststore '/x/wrong.p12'";
  const std::string failure = connectFailure(wrong);
  EXPECT_NE(failure.find("Unable to connect to the database at 127.0.0.1:" + std::to_string(mariadbPort())),
            std::string::npos)
      << failure;
  EXPECT_NE(failure.find("certificate"), std::string::npos) << failure;
  EXPECT_NE(failure.find("ssl mode verify_ca: the server certificate must be issued by a CA in "
                         "database.ssl.truststore '/x/wrong.p12')"),
            std::string::npos)
      << failure;
}

TEST_F(MySqlTlsTest, VerifyCaWithoutCasUsesTheSystemsWhichDoNotKnowTheStackCa) {
  const std::string failure = connectFailure(tlsOptions("verify_ca"));
  EXPECT_NE(failure.find("certificate"), std::string::npos) << failure;
  EXPECT_NE(failure.find("the system's CA certificates"), std::string::npos) << failure;
}

TEST_F(MySqlTlsTest, VerifyIdentityChecksTheHostName) {
  for (const char* host : {"127.0.0.1", "localhost"}) {
    mysql::ConnectionOptions o = tlsOptions("verify_identity", host);
    o.ssl_ca = stack().ca.string();
    mysql::Connection c(o);
    c.connect();
    EXPECT_TRUE(c.sslCipher().has_value()) << host;
  }
  std::vector<std::string> aliases = {"127.1"};
  // The machine's name, when it is another name for 127.0.0.1 (as in many containers).
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) == 0 && std::string(name) != "localhost") {
    addrinfo hints{};
    hints.ai_family = AF_INET;
    addrinfo* res = nullptr;
    if (::getaddrinfo(name, nullptr, &hints, &res) == 0) {
      char ip[INET_ADDRSTRLEN] = {};
      ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(res->ai_addr)->sin_addr, ip, sizeof ip);
      if (std::string(ip) == "127.0.0.1") aliases.emplace_back(name);
      ::freeaddrinfo(res);
    }
  }
  for (const std::string& alias : aliases) {
    for (const char* mode : {"verify_identity", "verify-full"}) {
      mysql::ConnectionOptions o = tlsOptions(mode, alias);
      o.ssl_ca = stack().ca.string();
      const std::string failure = connectFailure(o);
      EXPECT_NE(failure.find("Unable to connect to the database at " + alias + ":"), std::string::npos) << failure;
      EXPECT_NE(failure.find("and name the host '" + alias + "'"), std::string::npos) << failure;
    }
  }
}

TEST_F(MySqlTlsTest, AccountsRequiringSslOrACertificate) {
  Accounts accounts;
  const std::string ssl_user = uniqueDatabase("tls_rs");
  const std::string x509_user = uniqueDatabase("tls_rx");
  accounts.user(ssl_user, "pw", "SSL");
  accounts.user(x509_user, "pw", "X509");

  mysql::ConnectionOptions plain = plainOptions(ssl_user, "pw");
  const std::string refused = connectFailure(plain);
  EXPECT_NE(refused.find("Failed to authenticate to the database at 127.0.0.1:" + std::to_string(mariadbPort()) +
                         " with user '" + ssl_user + "': Access denied"),
            std::string::npos)
      << refused;
  mysql::ConnectionOptions required = plain;
  required.ssl_mode = "required";
  EXPECT_EQ(connectFailure(required), "");

  mysql::ConnectionOptions no_cert = plainOptions(x509_user, "pw");
  no_cert.ssl_mode = "required";
  EXPECT_NE(connectFailure(no_cert).find("Access denied"), std::string::npos);
  mysql::ConnectionOptions with_cert = no_cert;
  with_cert.ssl_cert_pem = readFile(stack().client_cert);
  with_cert.ssl_key_pem = readFile(stack().client_key);
  EXPECT_EQ(connectFailure(with_cert), "");
  with_cert.ssl_mode = "preferred";
  EXPECT_EQ(connectFailure(with_cert), "") << "the client certificate is sent in every TLS mode";
}

// ---- the connector, through connectd's REST API

// The seed connector's config for one test, logging in as `user`.
Json connectorConfig(const std::string& prefix, const std::string& database, int server_id, const std::string& user,
                     const std::string& password) {
  Json cfg = mysqlConnectorConfig(prefix, database, server_id);
  cfg["database.user"] = user;
  cfg["database.password"] = password;
  return cfg;
}

// Waits for the snapshot row, inserts a row and waits for its create event.
void expectSnapshotAndStreaming(const std::string& prefix, const std::string& dbname) {
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << "no snapshot event on " << topic;
  mariadb()->execute("INSERT INTO " + dbname + ".t VALUES (2, 'streamed')");
  EXPECT_TRUE(waitFor([&] {
    for (const auto& p : payloads(topic))
      if (p["op"] == "c" && p["after"]["id"] == 2 && p["after"]["v"] == "streamed") return true;
    return false;
  }, 60s)) << "the insert did not arrive over the binlog connection";
}

HttpResponse createConnector(Connectd& w, const std::string& name, const Json& cfg) {
  return w.post("/connectors", {{"name", name}, {"config", cfg}});
}

// Restarts the connector and its task and waits for the task to fail; returns its trace.
std::string restartUntilTaskFails(Connectd& w, const std::string& name) {
  auto restart = w.post("/connectors/" + name + "/restart?includeTasks=true", Json::object());
  EXPECT_TRUE(restart.status == 202 || restart.status == 200 || restart.status == 204) << restart.body;
  Json status;
  EXPECT_TRUE(waitFor([&] {
    status = w.get("/connectors/" + name + "/status").json();
    return status["tasks"].size() == 1 && status["tasks"][0]["state"] == "FAILED";
  }, 60s)) << status.dump() << "\n" << w.log();
  return status["tasks"].empty() ? "" : status["tasks"][0].value("trace", "");
}

TEST_F(MySqlTlsTest, ConnectorWithRequiredStreamsForAnAccountThatRequiresSsl) {
  // The account refuses unencrypted sessions, so a RUNNING connector that streams proves both
  // its query and its binlog connection use TLS.
  const std::string dbname = uniqueDatabase("tls_req");
  Accounts accounts;
  accounts.database(dbname);
  accounts.user(dbname, "pw", "SSL");
  Json cfg = connectorConfig(dbname, dbname, 187101, dbname, "pw");
  cfg["database.ssl.mode"] = "required";
  Connectd w(scratchDir("tls-req"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  auto created = createConnector(w, dbname, cfg);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(w.waitForState(dbname, "RUNNING")) << w.log();
  expectSnapshotAndStreaming(dbname, dbname);
  EXPECT_EQ(w.del("/connectors/" + dbname).status, 204);
}

TEST_F(MySqlTlsTest, ConnectorVerifyCaWithPkcs12TruststoreAndClientKeystore) {
  // REQUIRE X509: the server accepts only a client certificate of its CA, which comes from the
  // keystore; the truststore holds the CA. database.hostname 127.1 is not in the certificate:
  // verify_ca does not care.
  const std::string dbname = uniqueDatabase("tls_vca");
  Accounts accounts;
  accounts.database(dbname);
  accounts.user(dbname, "pw", "X509");
  fs::path dir = scratchDir("tls-vca");
  writePkcs12(dir / "truststore.p12", "trust-pw", readFile(stack().ca));
  writePkcs12(dir / "keystore.p12", "key-pw", readFile(stack().client_cert), readFile(stack().client_key));
  Json cfg = connectorConfig(dbname, dbname, 187102, dbname, "pw");
  cfg["database.hostname"] = "127.1";
  cfg["database.ssl.mode"] = "verify_ca";
  cfg["database.ssl.truststore"] = (dir / "truststore.p12").string();
  cfg["database.ssl.truststore.password"] = "trust-pw";
  cfg["database.ssl.keystore"] = (dir / "keystore.p12").string();
  cfg["database.ssl.keystore.password"] = "key-pw";
  Connectd w(scratchDir("tls-worker"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  auto created = createConnector(w, dbname, cfg);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(w.waitForState(dbname, "RUNNING")) << w.log();
  expectSnapshotAndStreaming(dbname, dbname);
  EXPECT_EQ(w.get("/connectors/" + dbname + "/config").json().value("database.ssl.keystore.password", ""),
            "key-pw");
  EXPECT_EQ(w.log().find("key-pw"), std::string::npos) << "passwords stay out of the log";
  EXPECT_EQ(w.del("/connectors/" + dbname).status, 204);
}

TEST_F(MySqlTlsTest, ConnectorVerifyCaWithTheWrongCaFails) {
  const std::string dbname = uniqueDatabase("tls_bad");
  Accounts accounts;
  accounts.database(dbname);
  fs::path dir = scratchDir("tls-bad");
  const fs::path truststore = dir / "truststore.p12";
  writePkcs12(truststore, "pw", unrelatedCaPem());
  Json cfg = connectorConfig(dbname, dbname, 187103, "root", "root");
  cfg["database.ssl.mode"] = "verify_ca";
  cfg["database.ssl.truststore"] = truststore.string();
  cfg["database.ssl.truststore.password"] = "pw";
  Connectd w(scratchDir("tls-worker"), mysqlWorkerProps());
  w.start();
  w.waitReady();

  // Creating it is refused by the connection check of the validation ...
  auto refused = createConnector(w, dbname, cfg);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("Unable to connect: "), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("database.ssl.truststore '" + truststore.string() + "'"), std::string::npos)
      << refused.body;

  // ... and a running connector whose truststore is replaced by a wrong one fails its task.
  writePkcs12(truststore, "pw", readFile(stack().ca));
  auto created = createConnector(w, dbname, cfg);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(w.waitForState(dbname, "RUNNING")) << w.log();
  writePkcs12(truststore, "pw", unrelatedCaPem());
  const std::string trace = restartUntilTaskFails(w, dbname);
  EXPECT_NE(trace.find("Unable to connect to the database at 127.0.0.1:" + std::to_string(mariadbPort()) +
                       " with user 'root'"),
            std::string::npos)
      << trace;
  EXPECT_NE(trace.find("certificate"), std::string::npos) << trace;
  EXPECT_NE(trace.find("ssl mode verify_ca: the server certificate must be issued by a CA in "
                       "database.ssl.truststore '" +
                       truststore.string() + "'"),
            std::string::npos)
      << trace;
  EXPECT_EQ(w.get("/").status, 200);
  EXPECT_EQ(w.del("/connectors/" + dbname).status, 204);
}

TEST_F(MySqlTlsTest, ConnectorVerifyIdentityNeedsAHostNameOfTheCertificate) {
  const std::string dbname = uniqueDatabase("tls_vid");
  Accounts accounts;
  accounts.database(dbname);
  fs::path dir = scratchDir("tls-vid");
  writePkcs12(dir / "truststore.p12", "pw", readFile(stack().ca));
  Json cfg = connectorConfig(dbname, dbname, 187104, "root", "root");
  cfg["database.ssl.mode"] = "verify_identity";
  cfg["database.ssl.truststore"] = (dir / "truststore.p12").string();
  cfg["database.ssl.truststore.password"] = "pw";
  Connectd w(scratchDir("tls-worker"), mysqlWorkerProps());
  w.start();
  w.waitReady();

  cfg["database.hostname"] = "127.1";
  auto refused = createConnector(w, dbname, cfg);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("Unable to connect: "), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("and name the host '127.1'"), std::string::npos) << refused.body;

  cfg["database.hostname"] = "127.0.0.1";
  auto created = createConnector(w, dbname, cfg);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(w.waitForState(dbname, "RUNNING")) << w.log();
  expectSnapshotAndStreaming(dbname, dbname);
  EXPECT_EQ(w.del("/connectors/" + dbname).status, 204);
}

TEST_F(MySqlTlsTest, ConnectorRefusesAJksTruststoreOnItsKey) {
  const std::string dbname = uniqueDatabase("tls_jks");
  const std::string jks = std::string(CONNECTD_SOURCE_DIR) + "/tests/unit/connectors/mysql/tls/fixtures/truststore.jks";
  Json cfg = connectorConfig(dbname, dbname, 187105, "root", "root");
  cfg["database.ssl.mode"] = "verify_ca";
  cfg["database.ssl.truststore"] = jks;
  cfg["database.ssl.truststore.password"] = "changeit";
  Connectd w(scratchDir("tls-jks"), mysqlWorkerProps());
  w.start();
  w.waitReady();

  Json validate_body = cfg;
  validate_body["name"] = dbname;
  auto validated = w.put("/connector-plugins/MySqlConnector/config/validate", validate_body);
  ASSERT_EQ(validated.status, 200) << validated.body;
  // Errors by key (keys Debezium does not validate, such as its alias keys, have a null value).
  const Json result = validated.json();
  std::map<std::string, std::string> errors;
  for (const auto& c : result["configs"])
    if (c["value"].is_object())
      for (const auto& e : c["value"]["errors"]) errors[c["value"]["name"].get<std::string>()] += e.get<std::string>();
  EXPECT_EQ(result["error_count"], 1) << validated.body;
  EXPECT_EQ(errors.size(), 1u) << validated.body;
  const std::string message = errors["database.ssl.truststore"];
  EXPECT_NE(message.find("Invalid value " + jks + " for configuration database.ssl.truststore: "), std::string::npos)
      << validated.body;
  EXPECT_NE(message.find("Java KeyStore (JKS)"), std::string::npos) << message;
  EXPECT_NE(message.find("keytool -importkeystore"), std::string::npos) << message;

  auto refused = createConnector(w, dbname, cfg);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("JKS"), std::string::npos) << refused.body;
}

TEST_F(MySqlTlsTest, ConnectorWithSslDisabledFailsForAnAccountThatRequiresSsl) {
  const std::string dbname = uniqueDatabase("tls_dis");
  Accounts accounts;
  accounts.database(dbname);
  accounts.user(dbname, "pw", "NONE");
  Json cfg = connectorConfig(dbname, dbname, 187106, dbname, "pw");
  cfg["database.ssl.mode"] = "disabled";
  Connectd w(scratchDir("tls-dis"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  auto created = createConnector(w, dbname, cfg);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(w.waitForState(dbname, "RUNNING")) << w.log();

  mariadb()->execute("ALTER USER '" + dbname + "'@'%' REQUIRE SSL");
  const std::string trace = restartUntilTaskFails(w, dbname);
  EXPECT_NE(trace.find("Failed to authenticate to the database at 127.0.0.1:" + std::to_string(mariadbPort()) +
                       " with user '" + dbname + "': Access denied for user '" + dbname + "'"),
            std::string::npos)
      << trace;
  EXPECT_EQ(w.del("/connectors/" + dbname).status, 204);

  auto refused = createConnector(w, dbname + "_again", cfg);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("Access denied"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace connectd::it
