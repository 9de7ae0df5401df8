#include "tests/integration/mysql_it_support.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace connectd::it {

int mariadbPort() {
  const char* p = std::getenv("MARIADB_PORT");
  return p != nullptr ? std::atoi(p) : 3306;
}

std::unique_ptr<mysql::Connection> mariadb(const std::string& user, const std::string& password) {
  mysql::ConnectionOptions o;
  o.host = "127.0.0.1";
  o.port = mariadbPort();
  o.user = user;
  o.password = password;
  auto c = std::make_unique<mysql::Connection>(o);
  c->connect();
  return c;
}

std::string uniqueDatabase(const std::string& prefix) {
  std::string name = uniqueName(prefix);
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

Json seedConnector() {
  std::ifstream in(std::string(CONNECTD_SHARED_DIR) + "/fixtures/connectors/seed-002-mysql-source.json");
  Json j = Json::parse(in);
  j["config"]["database.hostname"] = "127.0.0.1";
  j["config"]["database.port"] = std::to_string(mariadbPort());
  j["config"]["schema.history.internal.kafka.bootstrap.servers"] = kafkaBootstrap();
  return j;
}

Json seedConfig() { return seedConnector()["config"]; }

Json mysqlConnectorConfig(const std::string& prefix, const std::string& database, int server_id) {
  Json cfg = seedConfig();
  cfg["topic.prefix"] = prefix;
  cfg["database.include.list"] = database;
  cfg["database.server.id"] = std::to_string(server_id);
  cfg["schema.history.internal.kafka.topic"] = "history." + prefix;
  return cfg;
}

std::map<std::string, std::string> connectorFile(const std::string& name, const Json& cfg) {
  std::map<std::string, std::string> props = {{"name", name}};
  for (auto it = cfg.begin(); it != cfg.end(); ++it) props[it.key()] = it.value().get<std::string>();
  return props;
}

std::map<std::string, std::string> mysqlWorkerProps() {
  return {{"offset.flush.interval.ms", "500"},
          {"key.converter", "org.apache.kafka.connect.json.JsonConverter"},
          {"value.converter", "org.apache.kafka.connect.json.JsonConverter"}};
}

Databases::Databases(std::vector<std::string> names, bool create) : names_(std::move(names)) {
  if (!create) return;
  auto db = mariadb();
  for (const auto& n : names_) db->execute("CREATE DATABASE " + n);
}

Databases::~Databases() {
  try {
    auto db = mariadb();
    for (const auto& n : names_) db->execute("DROP DATABASE IF EXISTS " + n);
  } catch (const std::exception&) {
    // The server is gone: nothing left to clean up from here.
  }
}

DropUserOnExit::~DropUserOnExit() {
  try {
    mariadb()->execute("DROP USER IF EXISTS '" + user_ + "'@'%'");
  } catch (const std::exception&) {
    // As above.
  }
}

std::vector<KafkaRecord> readIfExists(const std::string& topic) {
  try {
    if (partitionCount(topic) <= 0) return {};
    return readTopic(topic);
  } catch (const std::exception&) {
    return {};
  }
}

std::vector<Json> payloads(const std::string& topic) {
  std::vector<Json> out;
  for (const auto& r : readIfExists(topic))
    if (r.value) out.push_back(Json::parse(*r.value)["payload"]);
  return out;
}

bool waitForSnapshotEnd(const std::string& topic) {
  return waitFor([&] {
    for (const auto& p : payloads(topic))
      if (p["op"] == "r" && p["source"]["snapshot"] == "last") return true;
    return false;
  }, 90s);
}

std::string header(const KafkaRecord& r, const std::string& key) {
  for (const auto& [k, v] : r.headers)
    if (k == key) return v.value_or("<null>");
  return "<absent>";
}

std::ostream& operator<<(std::ostream& os, const BinlogPosition& p) { return os << p.file << ":" << p.pos; }

int64_t binlogIndex(const std::string& file) {
  auto dot = file.rfind('.');
  return dot == std::string::npos ? -1 : std::atoll(file.c_str() + dot + 1);
}

bool atOrAfter(const BinlogPosition& a, const BinlogPosition& b) {
  if (binlogIndex(a.file) != binlogIndex(b.file)) return binlogIndex(a.file) > binlogIndex(b.file);
  return a.pos >= b.pos;
}

BinlogPosition masterPosition(mysql::Connection& db) {
  auto rows = db.query("SHOW MASTER STATUS");
  if (rows.empty() || rows[0].size() < 2 || !rows[0][0] || !rows[0][1]) throw std::runtime_error("no binlog status");
  return {*rows[0][0], std::atoll(rows[0][1]->c_str())};
}

std::optional<Json> storedOffset(Connectd& w, const std::string& connector) {
  auto r = w.get("/connectors/" + connector + "/offsets");
  if (r.status != 200) return std::nullopt;
  Json j = r.json();
  if (!j.contains("offsets") || j["offsets"].size() != 1) return std::nullopt;
  return j["offsets"][0]["offset"];
}

BinlogPosition committedPosition(Connectd& w, const std::string& connector) {
  std::optional<Json> o = storedOffset(w, connector);
  if (!o || o->contains("snapshot") || !o->contains("file") || !o->contains("pos")) return {};
  return {(*o)["file"].get<std::string>(), (*o)["pos"].get<int64_t>()};
}

// Local TCP ports of the sockets the test process's children (the connectd it started) hold,
// from /proc: a child's socket inodes matched against /proc/net/tcp{,6}.
std::set<int> childProcessPorts() {
  std::set<std::string> inodes;
  const std::string self = std::to_string(::getpid());
  for (const auto& proc : std::filesystem::directory_iterator("/proc")) {
    const std::string pid = proc.path().filename();
    if (pid.empty() || !std::isdigit(static_cast<unsigned char>(pid[0]))) continue;
    std::ifstream stat(proc.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // "pid (comm) state ppid ...": comm may hold spaces, so parse after the last ')'.
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state;
    std::string ppid;
    rest >> state >> ppid;
    if (ppid != self) continue;
    std::error_code ec;
    for (const auto& fd : std::filesystem::directory_iterator(proc.path() / "fd", ec)) {
      const std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
      if (!ec && target.rfind("socket:[", 0) == 0) inodes.insert(target.substr(8, target.size() - 9));
    }
  }
  std::set<int> ports;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::istringstream f(line);
      std::string sl, local, remote, st, queues, timer, retr, uid, timeout, inode;
      f >> sl >> local >> remote >> st >> queues >> timer >> retr >> uid >> timeout >> inode;
      if (inodes.count(inode) == 0) continue;
      ports.insert(std::stoi(local.substr(local.rfind(':') + 1), nullptr, 16));
    }
  }
  return ports;
}

// Ids of the server's binlog dump threads serving connections from the connectd this test
// started (the processlist HOST is "ip:port" of the client's end).
std::set<std::string> ourBinlogDumpThreads(mysql::Connection& db) {
  const std::set<int> ports = childProcessPorts();
  std::set<std::string> ids;
  for (const auto& row :
       db.query("SELECT ID, HOST FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'")) {
    if (row.size() < 2 || !row[0] || !row[1]) continue;
    auto colon = row[1]->rfind(':');
    if (colon == std::string::npos) continue;
    if (ports.count(std::atoi(row[1]->c_str() + colon + 1)) != 0) ids.insert(*row[0]);
  }
  return ids;
}

}  // namespace connectd::it
