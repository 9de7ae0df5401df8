#pragma once

// Helpers shared by the MySQL/MariaDB source integration tests: the stack's MariaDB, the seed
// connector's configuration, databases that clean up after themselves, and reading what the
// connector wrote to Kafka and to its offsets.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "connectors/mysql/binlog/connection.h"
#include "tests/integration/harness.h"

namespace connectd::it {

// The stack's MariaDB port (env MARIADB_PORT, default 3306).
int mariadbPort();
// A connected session to the stack's MariaDB on 127.0.0.1.
std::unique_ptr<mysql::Connection> mariadb(const std::string& user = "root", const std::string& password = "root");

// A database name (and topic prefix) of its own for one test: uniqueName with '_' for '-'.
std::string uniqueDatabase(const std::string& prefix);

// The seed connector (fixtures/connectors/seed-002-mysql-source.json: name and config) posted
// verbatim but for the host names: MariaDB and Kafka of the local stack.
Json seedConnector();
// Its "config" object.
Json seedConfig();
// The seed config for one test's topic prefix, captured database, replica server id and
// history topic ("history.<prefix>").
Json mysqlConnectorConfig(const std::string& prefix, const std::string& database, int server_id);

// A standalone connector properties file's content (needed when connectd restarts: standalone
// REST-created connectors live in memory only).
std::map<std::string, std::string> connectorFile(const std::string& name, const Json& cfg);

// Worker properties of the MySQL tests: JSON converters with schemas, offsets flushed every 500 ms.
std::map<std::string, std::string> mysqlWorkerProps();

// Creates the databases (unless they exist already, when `create` is false) and drops them
// however the test ends.
class Databases {
 public:
  explicit Databases(std::vector<std::string> names, bool create = true);
  ~Databases();
  Databases(const Databases&) = delete;
  Databases& operator=(const Databases&) = delete;

 private:
  std::vector<std::string> names_;
};

// Drops a MariaDB user ('name'@'%') however the test ends.
class DropUserOnExit {
 public:
  explicit DropUserOnExit(std::string user) : user_(std::move(user)) {}
  ~DropUserOnExit();
  DropUserOnExit(const DropUserOnExit&) = delete;
  DropUserOnExit& operator=(const DropUserOnExit&) = delete;

 private:
  std::string user_;
};

// Every record of `topic`, or none while the topic does not exist yet.
std::vector<KafkaRecord> readIfExists(const std::string& topic);
// Change event payloads (tombstones skipped) of a data topic.
std::vector<Json> payloads(const std::string& topic);
// Waits for the snapshot's last 'r' event: streaming has started once it is in Kafka.
bool waitForSnapshotEnd(const std::string& topic);

// A record header's value ("<null>" for a null value, "<absent>" when missing).
std::string header(const KafkaRecord& r, const std::string& key);

struct BinlogPosition {
  std::string file;
  int64_t pos = -1;
};
std::ostream& operator<<(std::ostream& os, const BinlogPosition& p);
// The number a binlog file name ends in (mysql-bin.000003 → 3), -1 when none.
int64_t binlogIndex(const std::string& file);
bool atOrAfter(const BinlogPosition& a, const BinlogPosition& b);
// The server's current end of binlog (SHOW MASTER STATUS).
BinlogPosition masterPosition(mysql::Connection& db);

// The connector's stored offset (GET /connectors/<n>/offsets): nullopt while there is none.
std::optional<Json> storedOffset(Connectd& w, const std::string& connector);
// The connector's committed streaming offset; pos -1 while none is committed or it still
// belongs to the snapshot.
BinlogPosition committedPosition(Connectd& w, const std::string& connector);

// Local TCP ports of the sockets the test process's children (the connectd it started) hold.
std::set<int> childProcessPorts();
// Ids of the server's binlog dump threads serving connections from the connectd this test
// started.
std::set<std::string> ourBinlogDumpThreads(mysql::Connection& db);

}  // namespace connectd::it
