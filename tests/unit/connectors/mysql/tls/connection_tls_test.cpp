#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "connectors/mysql/binlog/connection.h"

namespace connectd::mysql {
namespace {

// A MySQL-protocol server without TLS: its greeting lacks CLIENT_SSL and it accepts any login
// and answers every command with OK. Serves connections one after the other on 127.0.0.1.
class ServerWithoutTls {
 public:
  ServerWithoutTls() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 8) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~ServerWithoutTls() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
  }
  int port() const { return port_; }
  // Logins that reached the authentication step (the client sent its handshake response).
  int logins() const { return logins_.load(); }

 private:
  static void put(std::string& s, uint64_t v, int n) {
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }

  static bool sendPacket(int fd, uint8_t seq, const std::string& payload) {
    std::string p;
    put(p, payload.size(), 3);
    p.push_back(static_cast<char>(seq));
    p += payload;
    return ::send(fd, p.data(), p.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(p.size());
  }

  // Reads one packet; false on EOF, error or when the test is over.
  bool readPacket(int fd, uint8_t& seq, std::string& payload) {
    auto readExactly = [&](char* buf, size_t n) {
      size_t done = 0;
      while (done < n) {
        pollfd pfd{fd, POLLIN, 0};
        if (::poll(&pfd, 1, 100) == 0) {
          if (stop_) return false;
          continue;
        }
        ssize_t r = ::recv(fd, buf + done, n - done, 0);
        if (r <= 0) return false;
        done += static_cast<size_t>(r);
      }
      return true;
    };
    unsigned char header[4];
    if (!readExactly(reinterpret_cast<char*>(header), 4)) return false;
    size_t len = header[0] | (header[1] << 8) | (header[2] << 16);
    seq = header[3];
    payload.assign(len, '\0');
    return readExactly(payload.data(), len);
  }

  void serve(int fd) {
    constexpr uint32_t kCapabilities = 0x1 | 0x2 | 0x4 | 0x8 | 0x200 | 0x2000 | 0x8000 |  // no CLIENT_SSL (0x800)
                                       0x10000 | 0x20000 | 0x80000;
    std::string greeting;
    greeting.push_back(10);
    greeting += std::string("5.5.5-10.11.99-MariaDB-without-tls") + '\0';
    put(greeting, 42, 4);
    greeting += "abcdefgh";
    greeting.push_back(0);
    put(greeting, kCapabilities & 0xffff, 2);
    greeting.push_back(45);  // utf8mb4_general_ci
    put(greeting, 2, 2);     // SERVER_STATUS_AUTOCOMMIT
    put(greeting, kCapabilities >> 16, 2);
    greeting.push_back(21);
    greeting += std::string(10, '\0');
    greeting += std::string("ijklmnopqrst") + '\0';
    greeting += std::string("mysql_native_password") + '\0';
    if (!sendPacket(fd, 0, greeting)) return;
    const std::string ok("\x00\x00\x00\x02\x00\x00\x00", 7);
    uint8_t seq = 0;
    std::string payload;
    if (!readPacket(fd, seq, payload)) return;
    ++logins_;
    if (!sendPacket(fd, seq + 1, ok)) return;
    while (readPacket(fd, seq, payload)) {
      if (!payload.empty() && payload[0] == 0x01) return;  // COM_QUIT
      if (!sendPacket(fd, seq + 1, ok)) return;
    }
  }

  void run() {
    while (!stop_) {
      pollfd pfd{listen_fd_, POLLIN, 0};
      if (::poll(&pfd, 1, 100) <= 0) continue;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      serve(fd);
      ::close(fd);
    }
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> logins_{0};
  std::thread thread_;
};

ConnectionOptions optionsFor(const ServerWithoutTls& server, const std::string& mode) {
  ConnectionOptions o;
  o.host = "127.0.0.1";
  o.port = server.port();
  o.user = "u";
  o.password = "p";
  o.ssl_mode = mode;
  o.connect_timeout_ms = 5000;
  o.read_timeout_ms = 5000;
  return o;
}

TEST(ConnectionTlsTest, PreferredAndDisabledUsePlainTextWithAServerWithoutTls) {
  ServerWithoutTls server;
  for (const char* mode : {"preferred", "disabled", "disable"}) {
    Connection c(optionsFor(server, mode));
    ASSERT_NO_THROW(c.connect()) << mode;
    EXPECT_TRUE(c.isConnected()) << mode;
    EXPECT_FALSE(c.sslCipher().has_value()) << mode;
    c.close();
  }
}

TEST(ConnectionTlsTest, ModesThatMustEncryptFailWithAServerWithoutTls) {
  ServerWithoutTls server;
  for (const char* mode : {"required", "trust", "verify_ca", "verify-ca", "verify_identity", "verify-full"}) {
    Connection c(optionsFor(server, mode));
    try {
      c.connect();
      FAIL() << mode << " connected without TLS";
    } catch (const MysqlException& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find("Unable to connect to the database at 127.0.0.1:" + std::to_string(server.port()) +
                       " with user 'u'"),
                std::string::npos)
          << m;
      EXPECT_TRUE(m.find("does not support SSL") != std::string::npos ||
                  m.find("does not support it") != std::string::npos)
          << mode << ": " << m;
      EXPECT_EQ(e.code(), 2026u) << mode << ": CR_SSL_CONNECTION_ERROR";
    }
    EXPECT_FALSE(c.isConnected()) << mode;
  }
  // verify_identity is refused before the login (libmariadb checks the greeting); the others
  // notice after it.
  const int before = server.logins();
  Connection c(optionsFor(server, "verify_identity"));
  EXPECT_THROW(c.connect(), MysqlException);
  EXPECT_EQ(server.logins(), before);
}

TEST(ConnectionTlsTest, UnknownModeIsRefused) {
  ConnectionOptions o;
  o.ssl_mode = "sometimes";
  Connection c(o);
  try {
    c.connect();
    FAIL();
  } catch (const MysqlException& e) {
    EXPECT_NE(std::string(e.what()).find("Unknown SSL mode 'sometimes'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace connectd::mysql
