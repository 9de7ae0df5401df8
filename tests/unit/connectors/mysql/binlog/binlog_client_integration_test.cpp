// Runs against the local MariaDB of compose/local (MARIADB_HOST, MARIADB_PORT, MARIADB_USER,
// MARIADB_PASSWORD; defaults 127.0.0.1:3306 root/root). Fails when the server is unreachable.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <thread>

#include "connectors/mysql/binlog/binlog_client.h"
#include "connectors/mysql/binlog/connection.h"

namespace connectd::mysql::binlog {
namespace {

std::string env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

ConnectionOptions serverOptions() {
  ConnectionOptions o;
  o.host = env("MARIADB_HOST", "127.0.0.1");
  o.port = std::stoi(env("MARIADB_PORT", "3306"));
  o.user = env("MARIADB_USER", "root");
  o.password = env("MARIADB_PASSWORD", "root");
  o.connect_timeout_ms = 5000;
  return o;
}

// A replica id per test process so concurrent runs do not kick each other's dump threads.
uint32_t replicaId(uint32_t offset) {
  return 5000000u + static_cast<uint32_t>(getpid() % 100000) * 10 + offset;
}

constexpr auto kDeadline = std::chrono::seconds(30);

class BinlogClientIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = std::make_unique<Connection>(serverOptions());
    admin_->connect();  // throws, failing the test, when MariaDB is down
    ASSERT_TRUE(admin_->isMariaDb());
    admin_->execute("CREATE DATABASE IF NOT EXISTS h1_it");
    admin_->execute("DROP TABLE IF EXISTS h1_it.t");
    admin_->execute("CREATE TABLE h1_it.t (id INT PRIMARY KEY, v VARCHAR(20), d DECIMAL(10,2))");
  }

  StartPosition currentPosition() {
    auto rows = admin_->query("SHOW MASTER STATUS");
    EXPECT_EQ(1u, rows.size());
    StartPosition p;
    p.file = *rows.at(0).at(0);
    p.pos = std::stoull(*rows.at(0).at(1));
    return p;
  }

  static BinlogClientOptions clientOptions(uint32_t offset) {
    BinlogClientOptions o;
    o.connection = serverOptions();
    o.connection.read_timeout_ms = 60000;
    o.server_id = replicaId(offset);
    o.heartbeat_interval_ms = 500;  // idle streams still return, so deadlines are checked
    o.request_annotate_rows = true;
    return o;
  }

  // Reads events until `stop` says so; fails at the deadline. Calls `on` for each event.
  static void readUntil(BinlogClient& client, const std::function<bool(const Event&)>& stop) {
    auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (std::chrono::steady_clock::now() < deadline) {
      std::optional<Event> ev = client.next();
      ASSERT_TRUE(ev.has_value()) << "stream ended";
      if (stop(*ev)) return;
    }
    FAIL() << "deadline passed before the expected event";
  }

  std::unique_ptr<Connection> admin_;
};

// What the test saw of one transaction on h1_it.t.
struct SeenTransaction {
  std::string gtid;
  std::vector<std::string> annotations;
  std::vector<std::string> operations;  // "W:1:a:1.50", "U:1:a->b", "D:1:b"
  bool committed = false;
};

// Follows the stream and records the transactions that touch h1_it.t.
class Tracker {
 public:
  explicit Tracker(BinlogClient& client) : client_(client) {}

  // Returns true once a committed transaction touching h1_it.t has been completed.
  bool onEvent(const Event& ev) {
    const FormatDescription& fd = client_.formatDescription();
    switch (ev.header.type) {
      case MARIADB_GTID:
        current_ = SeenTransaction{};
        current_.gtid = parseMariaDbGtid(ev).gtid(ev.header.server_id);
        break;
      case MARIADB_ANNOTATE_ROWS:
        current_.annotations.emplace_back(parseAnnotateRows(ev));
        break;
      case TABLE_MAP: {
        TableMapEvent map = parseTableMap(ev, fd);
        maps_[map.table_id] = std::move(map);
        break;
      }
      case WRITE_ROWS_V1:
      case UPDATE_ROWS_V1:
      case DELETE_ROWS_V1: {
        const TableMapEvent& map = maps_.at(rowsEventTableId(ev, fd));
        if (map.database != "h1_it" || map.table != "t") break;
        RowsEventReader reader(ev, fd, map);
        while (reader.next(before_, after_)) {
          if (reader.kind() == RowsKind::Write)
            current_.operations.push_back("W:" + std::to_string(after_[0].i) + ":" +
                                          std::string(after_[1].bytes) + ":" +
                                          std::string(after_[2].text));
          else if (reader.kind() == RowsKind::Update)
            current_.operations.push_back("U:" + std::to_string(after_[0].i) + ":" +
                                          std::string(before_[1].bytes) + "->" +
                                          std::string(after_[1].bytes));
          else
            current_.operations.push_back("D:" + std::to_string(before_[0].i) + ":" +
                                          std::string(before_[1].bytes));
        }
        break;
      }
      case XID:
        if (!current_.operations.empty()) {
          current_.committed = true;
          done_.push_back(current_);
          current_ = SeenTransaction{};
          return true;
        }
        break;
      default:
        break;
    }
    return false;
  }

  std::vector<SeenTransaction> done_;

 private:
  BinlogClient& client_;
  SeenTransaction current_;
  std::map<uint64_t, TableMapEvent> maps_;
  std::vector<Cell> before_, after_;
};

TEST_F(BinlogClientIntegrationTest, StreamsDmlRotatesAndResumesFromGtid) {
  StartPosition start = currentPosition();
  BinlogClient client(clientOptions(1));
  client.connect(start);
  EXPECT_TRUE(client.isMariaDb());

  // The dump begins with an artificial ROTATE to the requested file, then its FORMAT_DESCRIPTION.
  std::optional<Event> first = client.next();
  ASSERT_TRUE(first);
  ASSERT_EQ(ROTATE, first->header.type);
  EXPECT_TRUE(first->header.flags & kArtificialEventFlag);
  RotateEvent rotate = parseRotate(*first);
  EXPECT_EQ(start.file, rotate.next_file);
  EXPECT_EQ(start.pos, rotate.position);
  std::optional<Event> second = client.next();
  ASSERT_TRUE(second);
  ASSERT_EQ(FORMAT_DESCRIPTION, second->header.type);
  EXPECT_TRUE(client.formatDescription().isMariaDb());
  EXPECT_TRUE(client.formatDescription().checksum_crc32);

  auto writer = std::make_unique<Connection>(serverOptions());
  writer->connect();
  writer->execute("BEGIN");
  writer->execute("INSERT INTO h1_it.t VALUES (1, 'a', 1.50)");
  writer->execute("UPDATE h1_it.t SET v = 'b' WHERE id = 1");
  writer->execute("DELETE FROM h1_it.t WHERE id = 1");
  writer->execute("COMMIT");

  Tracker tracker(client);
  readUntil(client, [&](const Event& ev) { return tracker.onEvent(ev); });
  ASSERT_EQ(1u, tracker.done_.size());
  const SeenTransaction& tx = tracker.done_[0];
  EXPECT_EQ((std::vector<std::string>{"W:1:a:1.50", "U:1:a->b", "D:1:b"}), tx.operations);
  ASSERT_EQ(3u, tx.annotations.size());
  EXPECT_EQ("INSERT INTO h1_it.t VALUES (1, 'a', 1.50)", tx.annotations[0]);
  std::string gtid_after_first = tx.gtid;
  ASSERT_FALSE(gtid_after_first.empty());
  EXPECT_EQ(2, std::count(gtid_after_first.begin(), gtid_after_first.end(), '-'))
      << gtid_after_first;

  // FLUSH BINARY LOGS: a real ROTATE to the next file, then that file's FORMAT_DESCRIPTION.
  admin_->execute("FLUSH BINARY LOGS");
  std::string next_file;
  readUntil(client, [&](const Event& ev) {
    if (ev.header.type != ROTATE) return false;
    EXPECT_FALSE(ev.header.flags & kArtificialEventFlag);
    next_file = parseRotate(ev).next_file;
    return true;
  });
  EXPECT_EQ(currentPosition().file, next_file);
  readUntil(client, [](const Event& ev) { return ev.header.type == FORMAT_DESCRIPTION; });

  writer->execute("INSERT INTO h1_it.t VALUES (2, 'c', -0.05)");
  readUntil(client, [&](const Event& ev) { return tracker.onEvent(ev); });
  ASSERT_EQ(2u, tracker.done_.size());
  EXPECT_EQ(std::vector<std::string>{"W:2:c:-0.05"}, tracker.done_[1].operations);
  client.close();
  EXPECT_FALSE(client.next().has_value());

  // Reconnecting from the GTID of the first transaction resumes right after it.
  BinlogClient resumed(clientOptions(2));
  StartPosition from_gtid;
  from_gtid.gtids = gtid_after_first;
  resumed.connect(from_gtid);
  Tracker resumed_tracker(resumed);
  readUntil(resumed, [&](const Event& ev) { return resumed_tracker.onEvent(ev); });
  ASSERT_EQ(1u, resumed_tracker.done_.size());
  EXPECT_EQ(std::vector<std::string>{"W:2:c:-0.05"}, resumed_tracker.done_[0].operations);
  EXPECT_EQ(tracker.done_[1].gtid, resumed_tracker.done_[0].gtid);
}

TEST_F(BinlogClientIntegrationTest, SendsHeartbeatsWhenIdle) {
  BinlogClient client(clientOptions(3));
  client.connect(currentPosition());
  readUntil(client, [](const Event& ev) { return ev.header.type == HEARTBEAT; });
}

TEST_F(BinlogClientIntegrationTest, InterruptUnblocksNext) {
  BinlogClientOptions options = clientOptions(4);
  options.heartbeat_interval_ms = 0;  // nothing arrives on an idle server: next() blocks
  BinlogClient client(options);
  client.connect(currentPosition());
  std::atomic<bool> started{false};
  std::atomic<int> events{0};
  std::thread reader([&] {
    while (true) {
      started = true;
      std::optional<Event> ev = client.next();
      if (!ev) break;
      ++events;
    }
  });
  while (!started.load() || events.load() < 2) std::this_thread::yield();  // ROTATE + FDE read
  client.interrupt();
  reader.join();
  EXPECT_FALSE(client.next().has_value());
}

TEST_F(BinlogClientIntegrationTest, MissingBinlogFileFailsWithServerError) {
  BinlogClient client(clientOptions(5));
  StartPosition bogus;
  bogus.file = "no-such-binlog.000001";
  bogus.pos = 4;
  try {
    client.connect(bogus);
    client.next();
    FAIL() << "expected an error for a missing binlog file";
  } catch (const MysqlException& e) {
    EXPECT_EQ(1236u, e.code());
    EXPECT_EQ("HY000", e.sqlstate());
  }
}

TEST_F(BinlogClientIntegrationTest, WrongPasswordFailsToAuthenticate) {
  ConnectionOptions o = serverOptions();
  o.password = "definitely-wrong";
  Connection conn(o);
  try {
    conn.connect();
    FAIL() << "expected an authentication failure";
  } catch (const MysqlException& e) {
    EXPECT_EQ(1045u, e.code());
    EXPECT_EQ("28000", e.sqlstate());
    std::string expected = "Failed to authenticate to the database at " + o.host + ":" +
                           std::to_string(o.port) + " with user '" + o.user + "': ";
    EXPECT_EQ(0u, std::string(e.what()).find(expected)) << e.what();
  }
}

TEST_F(BinlogClientIntegrationTest, UnreachableServerFailsToConnect) {
  ConnectionOptions o = serverOptions();
  o.port = 1;  // nothing listens there
  Connection conn(o);
  try {
    conn.connect();
    FAIL() << "expected a connection failure";
  } catch (const MysqlException& e) {
    EXPECT_EQ(0u, std::string(e.what()).find("Unable to connect to the database at " + o.host +
                                             ":1 with user '"))
        << e.what();
  }
}

TEST_F(BinlogClientIntegrationTest, SslModesAgainstTheLocalServer) {
  // The local MariaDB offers TLS (compose/local/stack.sh): "preferred" and "trust" encrypt,
  // "disabled" does not. Servers without TLS: tests/unit/connectors/mysql/tls; certificate
  // checks and the binlog connection over TLS: tests/integration/mysql_tls_test.cpp.
  for (const char* mode : {"preferred", "trust"}) {
    ConnectionOptions o = serverOptions();
    o.ssl_mode = mode;
    Connection tls(o);
    tls.connect();
    EXPECT_TRUE(tls.sslCipher().has_value()) << mode;
  }
  ConnectionOptions disabled = serverOptions();
  disabled.ssl_mode = "disabled";
  Connection plain(disabled);
  plain.connect();
  EXPECT_FALSE(plain.sslCipher().has_value());
  ConnectionOptions bad = serverOptions();
  bad.ssl_mode = "sometimes";
  Connection invalid(bad);
  EXPECT_THROW(invalid.connect(), MysqlException);
}

TEST_F(BinlogClientIntegrationTest, ConnectionQueries) {
  ConnectionOptions o = serverOptions();
  o.init_statements = {"SET @h1_marker = 'x''y'"};
  Connection conn(o);
  conn.connect();
  EXPECT_EQ("x'y", conn.queryScalar("SELECT @h1_marker").value());
  EXPECT_GT(conn.threadId(), 0u);
  EXPECT_NE(std::string::npos, conn.serverVersion().find("MariaDB"));
  conn.execute("INSERT INTO h1_it.t VALUES (10, NULL, 1.00), (11, '" +
               conn.escape("it's \xF0\x9F\x98\x80") + "', NULL)");
  std::vector<std::string> names;
  auto rows = conn.query("SELECT id, v, d FROM h1_it.t WHERE id >= 10 ORDER BY id", &names);
  EXPECT_EQ((std::vector<std::string>{"id", "v", "d"}), names);
  ASSERT_EQ(2u, rows.size());
  EXPECT_EQ("10", rows[0][0].value());
  EXPECT_FALSE(rows[0][1].has_value());
  EXPECT_EQ("it's \xF0\x9F\x98\x80", rows[1][1].value());
  EXPECT_FALSE(rows[1][2].has_value());
  EXPECT_FALSE(conn.queryScalar("SELECT v FROM h1_it.t WHERE id = 10").has_value());

  int seen = 0;
  conn.queryStreaming("SELECT id, v FROM h1_it.t WHERE id >= 10 ORDER BY id",
                      [&](char** row, unsigned long* lengths, unsigned n) {
                        EXPECT_EQ(2u, n);
                        if (seen == 0) {
                          EXPECT_EQ(nullptr, row[1]);
                        }
                        if (seen == 1) {
                          EXPECT_EQ(9u, lengths[1]);
                        }
                        ++seen;
                      });
  EXPECT_EQ(2, seen);
  // An exception from the callback propagates and leaves the connection usable.
  EXPECT_THROW(conn.queryStreaming(
                   "SELECT id FROM h1_it.t",
                   [](char**, unsigned long*, unsigned) { throw std::runtime_error("stop"); }),
               std::runtime_error);
  EXPECT_EQ("1", conn.queryScalar("SELECT 1").value());
  try {
    conn.execute("SELECT * FROM h1_it.no_such_table");
    FAIL();
  } catch (const MysqlException& e) {
    EXPECT_EQ(1146u, e.code());
    EXPECT_EQ("42S02", e.sqlstate());
  }
}

}  // namespace
}  // namespace connectd::mysql::binlog
