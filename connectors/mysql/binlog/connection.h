#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

typedef struct st_mysql MYSQL;

namespace connectd::mysql {

// Error from the server or the client library; code 0 for client-side problems that have no
// MySQL error number. Server errors keep their code (e.g. 1045, 1236) and SQLSTATE.
class MysqlException : public std::runtime_error {
 public:
  MysqlException(std::string msg, unsigned code, std::string sqlstate)
      : std::runtime_error(std::move(msg)), code_(code), sqlstate_(std::move(sqlstate)) {}
  unsigned code() const { return code_; }
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  unsigned code_;
  std::string sqlstate_;
};

struct ConnectionOptions {
  std::string host = "localhost";
  int port = 3306;
  std::string user;
  std::string password;
  // TLS, with Debezium's modes: MySQL names disabled|preferred|required|verify_ca|verify_identity
  // and MariaDB names disable|trust|verify-ca|verify-full.
  //  - disabled: plain text.
  //  - preferred: TLS when the server offers it, else plain text; the certificate is not checked.
  //  - required (trust): TLS or fail; the certificate is not checked.
  //  - verify_ca (verify-ca): as required, and the server's certificate chain must lead to a
  //    trusted CA; the host name is not checked.
  //  - verify_identity (verify-full): as verify_ca, and the certificate must name `host`.
  // The modes that must encrypt fail when the server has no TLS.
  std::string ssl_mode = "disabled";
  // Trusted CA certificates (used by verify_ca/verify_identity only): PEM text, else a PEM file,
  // else the system's CA certificates (OpenSSL's default locations, SSL_CERT_FILE/SSL_CERT_DIR).
  std::string ssl_ca_pem;
  std::string ssl_ca;
  // Where ssl_ca_pem came from (e.g. "database.ssl.truststore '/etc/ts.p12'"), for messages.
  std::string ssl_ca_origin;
  // The client certificate chain and its private key, presented in every TLS mode when set:
  // PEM text (ssl_cert_pem/ssl_key_pem, the key unencrypted), else PEM files.
  std::string ssl_cert_pem, ssl_key_pem;
  std::string ssl_cert, ssl_key;
  int connect_timeout_ms = 30000;
  int read_timeout_ms = 0;                   // 0 = none; libmariadb rounds up to whole seconds
  std::vector<std::string> init_statements;  // run after connect (database.initial.statements)
};

// One libmariadb connection (MYSQL*), RAII. Used from one thread at a time, except interrupt(),
// which any thread may call to unblock that thread.
class Connection {
 public:
  explicit Connection(ConnectionOptions options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens the connection (utf8mb4) and runs the init statements. Throws MysqlException:
  // "Failed to authenticate to the database at h:p with user 'u': <cause>" for access denied,
  // "Unable to connect to the database at h:p with user 'u': <cause>" otherwise (TLS failures
  // add what the ssl mode checked). PEM text options reach libmariadb as anonymous in-memory
  // files (memfd) that exist only during the call; nothing is written to disk.
  void connect();
  bool isConnected() const { return mysql_ != nullptr; }
  // The TLS cipher of the open connection; nullopt when it is not encrypted (or not open).
  std::optional<std::string> sslCipher() const;
  bool isMariaDb() const;
  std::string serverVersion() const;
  unsigned long threadId() const;
  const ConnectionOptions& options() const { return options_; }

  // Runs a statement; any result sets are read and discarded.
  void execute(const std::string& sql);
  // Small results: every row, NULL as std::nullopt.
  using Row = std::vector<std::optional<std::string>>;
  std::vector<Row> query(const std::string& sql, std::vector<std::string>* column_names = nullptr);
  // First column of the first row; nullopt for no row or NULL.
  std::optional<std::string> queryScalar(const std::string& sql);
  // Large results, streamed (mysql_use_result): the callback sees each row's raw cells and
  // lengths (nullptr = NULL), valid during the call only; the result is never buffered whole.
  // An exception from the callback stops the scan and propagates after the result is discarded.
  void queryStreaming(
      const std::string& sql,
      const std::function<void(char** row, unsigned long* lengths, unsigned num_fields)>& on_row);
  // Escapes for use inside a '...' literal, in the connection's character set.
  std::string escape(std::string_view s) const;

  // Thread-safe: shuts the socket down so a call blocked in another thread returns with an
  // error (which the blocked call reports as MysqlException; see wasInterrupted()).
  void interrupt();
  bool wasInterrupted() const { return interrupted_.load(); }
  void close();
  MYSQL* handle();

  // "h:p with user 'u'", the way Debezium's messages name a connection.
  std::string describe() const;
  // Throws MysqlException built from the handle's last error, prefixed with `context`.
  [[noreturn]] void throwError(const std::string& context) const;

 private:
  void checkConnected() const;

  ConnectionOptions options_;
  MYSQL* mysql_ = nullptr;
  mutable std::mutex socket_mu_;  // guards socket_ against close() racing interrupt()
  int socket_ = -1;
  std::atomic<bool> interrupted_{false};
};

}  // namespace connectd::mysql
