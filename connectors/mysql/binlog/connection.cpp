#include "connectors/mysql/binlog/connection.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <openssl/x509.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace connectd::mysql {

namespace {

void initLibrary() {
  // mysql_library_init is not thread-safe; the first mysql_init would call it implicitly.
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

unsigned secondsRoundedUp(int ms) { return static_cast<unsigned>(std::max(1, (ms + 999) / 1000)); }

enum class SslMode { Disabled, Preferred, Required, VerifyCa, VerifyIdentity };

SslMode parseSslMode(const std::string& mode) {
  std::string m;
  for (char c : mode)
    m.push_back(c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (m.empty() || m == "disabled" || m == "disable") return SslMode::Disabled;
  if (m == "preferred" || m == "prefer") return SslMode::Preferred;
  if (m == "required" || m == "require" || m == "trust") return SslMode::Required;
  if (m == "verify_ca") return SslMode::VerifyCa;
  if (m == "verify_identity" || m == "verify_full") return SslMode::VerifyIdentity;
  throw MysqlException(
      "Unknown SSL mode '" + mode +
          "'; expected disabled, preferred, required, verify_ca, verify_identity (MySQL) or "
          "disable, trust, verify-ca, verify-full (MariaDB)",
      0, "");
}

const char* sslModeName(SslMode mode) {
  switch (mode) {
    case SslMode::Disabled: return "disabled";
    case SslMode::Preferred: return "preferred";
    case SslMode::Required: return "required";
    case SslMode::VerifyCa: return "verify_ca";
    case SslMode::VerifyIdentity: return "verify_identity";
  }
  return "";
}

// PEM text handed to libmariadb, which reads certificates and keys from files only: an
// anonymous memory file that never reaches a disk and vanishes with its descriptor. libmariadb
// opens it through /proc/self/fd during the TLS handshake, inside mysql_real_connect.
class MemoryFile {
 public:
  MemoryFile(const char* name, const std::string& text) {
    fd_ = ::memfd_create(name, MFD_CLOEXEC);
    if (fd_ < 0)
      throw MysqlException(std::string("Cannot create an in-memory file for the TLS ") + name + ": " +
                               std::strerror(errno),
                           0, "");
    size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int err = errno;
        ::close(fd_);
        throw MysqlException(std::string("Cannot write the TLS ") + name + " to memory: " + std::strerror(err), 0,
                             "");
      }
      done += static_cast<size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

bool isFile(const char* path) {
  struct stat st {};
  return path != nullptr && *path != '\0' && ::stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

// What OpenSSL itself would trust: SSL_CERT_FILE / SSL_CERT_DIR, else its compiled-in bundle
// and directory (on Debian /usr/lib/ssl/cert.pem -> /etc/ssl/certs/ca-certificates.crt and
// /usr/lib/ssl/certs). verify_ca needs them named explicitly: libmariadb only checks the
// certificate chain when it is given CA certificates (or told to check the host name too).
struct SystemCas {
  std::string file, dir;
};
SystemCas systemCas() {
  SystemCas cas;
  const char* file = std::getenv(X509_get_default_cert_file_env());
  const char* dir = std::getenv(X509_get_default_cert_dir_env());
  if (file == nullptr && dir == nullptr) {
    file = X509_get_default_cert_file();
    dir = X509_get_default_cert_dir();
  }
  if (isFile(file)) cas.file = file;
  // A directory list (colon-separated) is passed on as is: OpenSSL splits it.
  if (dir != nullptr && *dir != '\0') cas.dir = dir;
  return cas;
}

// What libmariadb gets for TLS, prepared before the handle exists so that a failure here leaves
// nothing half-made. The memory files must outlive the handshake.
struct TlsSettings {
  std::unique_ptr<MemoryFile> ca_file, cert_file, key_file;
  std::string ca, capath, cert, key;
  std::string trusted;  // the CA certificates checked against, for messages
};

TlsSettings tlsSettings(SslMode ssl, const ConnectionOptions& o, const std::string& where) {
  TlsSettings t;
  if (ssl == SslMode::Disabled) return t;
  t.cert = o.ssl_cert;
  t.key = o.ssl_key;
  if (!o.ssl_cert_pem.empty()) {
    t.cert_file = std::make_unique<MemoryFile>("client certificate", o.ssl_cert_pem);
    t.cert = t.cert_file->path();
  }
  if (!o.ssl_key_pem.empty()) {
    t.key_file = std::make_unique<MemoryFile>("client key", o.ssl_key_pem);
    t.key = t.key_file->path();
  }
  if (ssl != SslMode::VerifyCa && ssl != SslMode::VerifyIdentity) return t;
  if (!o.ssl_ca_pem.empty()) {
    t.ca_file = std::make_unique<MemoryFile>("CA certificates", o.ssl_ca_pem);
    t.ca = t.ca_file->path();
    t.trusted = o.ssl_ca_origin.empty() ? "the configured CA certificates" : o.ssl_ca_origin;
  } else if (!o.ssl_ca.empty()) {
    t.ca = o.ssl_ca;
    t.trusted = "'" + o.ssl_ca + "'";
  } else {
    SystemCas cas = systemCas();
    if (cas.file.empty() && cas.dir.empty())
      throw MysqlException("Unable to connect to the database at " + where + ": ssl mode " + sslModeName(ssl) +
                               " needs trusted CA certificates, but none are configured and the system has none "
                               "(configure a truststore or set SSL_CERT_FILE)",
                           0, "");
    t.ca = cas.file;
    t.capath = cas.dir;
    t.trusted = "the system's CA certificates (" + (cas.file.empty() ? cas.dir : cas.file) + ")";
  }
  return t;
}

bool isAuthenticationError(unsigned code) {
  return code == ER_ACCESS_DENIED_ERROR || code == ER_ACCESS_DENIED_NO_PASSWORD_ERROR ||
         code == ER_DBACCESS_DENIED_ERROR;
}

// Statements in error messages stay readable even when they carry a long literal.
std::string abbreviate(const std::string& sql) {
  constexpr size_t kMax = 200;
  return sql.size() <= kMax ? sql : sql.substr(0, kMax) + "...";
}

class Result {
 public:
  explicit Result(MYSQL_RES* res) : res_(res) {}
  ~Result() {
    if (res_) mysql_free_result(res_);
  }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  MYSQL_RES* get() const { return res_; }

 private:
  MYSQL_RES* res_;
};

}  // namespace

Connection::Connection(ConnectionOptions options) : options_(std::move(options)) { initLibrary(); }

Connection::~Connection() { close(); }

std::string Connection::describe() const {
  return options_.host + ":" + std::to_string(options_.port) + " with user '" + options_.user + "'";
}

void Connection::throwError(const std::string& context) const {
  unsigned code = mysql_ ? mysql_errno(mysql_) : 0;
  std::string state = mysql_ ? mysql_sqlstate(mysql_) : "";
  std::string msg = mysql_ ? mysql_error(mysql_) : "not connected";
  if (interrupted_.load() && (code == CR_SERVER_LOST || code == CR_SERVER_GONE_ERROR))
    msg += " (interrupted)";
  throw MysqlException(context + ": " + msg, code, state);
}

void Connection::checkConnected() const {
  if (mysql_ == nullptr)
    throw MysqlException("Not connected to the database at " + describe(), 0, "");
}

void Connection::connect() {
  close();
  interrupted_ = false;
  SslMode ssl = parseSslMode(options_.ssl_mode);
  const TlsSettings tls = tlsSettings(ssl, options_, describe());
  mysql_ = mysql_init(nullptr);
  if (mysql_ == nullptr) throw MysqlException("Cannot allocate a MySQL client handle", 0, "");

  unsigned connect_timeout = secondsRoundedUp(options_.connect_timeout_ms);
  mysql_optionsv(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  if (options_.read_timeout_ms > 0) {
    unsigned rw = secondsRoundedUp(options_.read_timeout_ms);
    mysql_optionsv(mysql_, MYSQL_OPT_READ_TIMEOUT, &rw);
    mysql_optionsv(mysql_, MYSQL_OPT_WRITE_TIMEOUT, &rw);
  }
  // "localhost" would otherwise mean the Unix socket; Debezium always speaks TCP.
  unsigned protocol = MYSQL_PROTOCOL_TCP;
  mysql_optionsv(mysql_, MYSQL_OPT_PROTOCOL, &protocol);
  mysql_optionsv(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  my_bool off = 0;
  mysql_optionsv(mysql_, MYSQL_OPT_RECONNECT, &off);
  unsigned local_infile = 0;
  mysql_optionsv(mysql_, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  // Binlog events travel as single packets: allow the largest the protocol can carry.
  unsigned long max_packet = 1024ul * 1024ul * 1024ul;
  mysql_optionsv(mysql_, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
  mysql_optionsv(mysql_, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name", "connectd");

  // libmariadb 3.3 checks the server's certificate chain whenever it has CA certificates
  // (MYSQL_OPT_SSL_CA: SSL_VERIFY_PEER plus the verify result, during the handshake, before
  // any credentials are sent) and checks the host name only with
  // MYSQL_OPT_SSL_VERIFY_SERVER_CERT. So verify_ca = CA certificates without that flag,
  // verify_identity = both, and preferred/required get no CA certificates at all.
  if (ssl != SslMode::Disabled) {
    my_bool on = 1;
    mysql_optionsv(mysql_, MYSQL_OPT_SSL_ENFORCE, &on);
    if (!tls.cert.empty()) mysql_optionsv(mysql_, MYSQL_OPT_SSL_CERT, tls.cert.c_str());
    if (!tls.key.empty()) mysql_optionsv(mysql_, MYSQL_OPT_SSL_KEY, tls.key.c_str());
    if (!tls.ca.empty()) mysql_optionsv(mysql_, MYSQL_OPT_SSL_CA, tls.ca.c_str());
    if (!tls.capath.empty()) mysql_optionsv(mysql_, MYSQL_OPT_SSL_CAPATH, tls.capath.c_str());
    my_bool check_host = ssl == SslMode::VerifyIdentity;
    mysql_optionsv(mysql_, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &check_host);
  }

  if (mysql_real_connect(mysql_, options_.host.c_str(), options_.user.c_str(),
                         options_.password.c_str(), nullptr, static_cast<unsigned>(options_.port),
                         nullptr, CLIENT_MULTI_RESULTS) == nullptr) {
    unsigned code = mysql_errno(mysql_);
    std::string state = mysql_sqlstate(mysql_);
    std::string cause = mysql_error(mysql_);
    mysql_close(mysql_);
    mysql_ = nullptr;
    if (isAuthenticationError(code))
      throw MysqlException("Failed to authenticate to the database at " + describe() + ": " + cause,
                           code, state);
    if (code == CR_SSL_CONNECTION_ERROR && !tls.trusted.empty()) {
      cause += " (ssl mode " + std::string(sslModeName(ssl)) + ": the server certificate must be issued by a CA in " +
               tls.trusted;
      if (ssl == SslMode::VerifyIdentity) cause += " and name the host '" + options_.host + "'";
      cause += ")";
    }
    throw MysqlException("Unable to connect to the database at " + describe() + ": " + cause, code,
                         state);
  }
  // Unless it must check the host name, libmariadb silently falls back to plain text when the
  // server offers no TLS; only `preferred` may. (The server's greeting and the authentication
  // exchange already went unencrypted then; with a server that has TLS that never happens.)
  if (ssl != SslMode::Disabled && ssl != SslMode::Preferred && mysql_get_ssl_cipher(mysql_) == nullptr) {
    close();
    throw MysqlException("Unable to connect to the database at " + describe() + ": ssl mode " +
                             sslModeName(ssl) + " requires an encrypted connection but the server does not support SSL",
                         CR_SSL_CONNECTION_ERROR, "HY000");
  }
  {
    std::lock_guard lock(socket_mu_);
    socket_ = static_cast<int>(mysql_get_socket(mysql_));
  }
  for (const auto& statement : options_.init_statements) {
    if (mysql_real_query(mysql_, statement.data(), statement.size()) != 0)
      throwError("Cannot execute initial statement '" + abbreviate(statement) + "' on " +
                 describe());
    // Drain whatever the statement returned so the connection is ready for the next command.
    do {
      Result res(mysql_store_result(mysql_));
    } while (mysql_next_result(mysql_) == 0);
  }
}

std::optional<std::string> Connection::sslCipher() const {
  if (mysql_ == nullptr) return std::nullopt;
  const char* cipher = mysql_get_ssl_cipher(mysql_);
  if (cipher == nullptr) return std::nullopt;
  return std::string(cipher);
}

bool Connection::isMariaDb() const {
  checkConnected();
  if (mariadb_connection(mysql_)) return true;
  std::string v = serverVersion();
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  return v.find("mariadb") != std::string::npos;
}

std::string Connection::serverVersion() const {
  checkConnected();
  const char* v = mysql_get_server_info(mysql_);
  return v ? v : "";
}

unsigned long Connection::threadId() const {
  checkConnected();
  return mysql_thread_id(mysql_);
}

void Connection::execute(const std::string& sql) {
  checkConnected();
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0)
    throwError("Cannot execute '" + abbreviate(sql) + "'");
  for (;;) {
    Result res(mysql_store_result(mysql_));
    if (res.get() == nullptr && mysql_field_count(mysql_) != 0)
      throwError("Cannot read the result of '" + abbreviate(sql) + "'");
    int next = mysql_next_result(mysql_);
    if (next > 0) throwError("Cannot execute '" + abbreviate(sql) + "'");
    if (next < 0) break;
  }
}

std::vector<Connection::Row> Connection::query(const std::string& sql,
                                               std::vector<std::string>* column_names) {
  checkConnected();
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0)
    throwError("Cannot execute '" + abbreviate(sql) + "'");
  std::vector<Row> rows;
  bool first = true;
  for (;;) {
    Result res(mysql_store_result(mysql_));
    if (res.get() == nullptr && mysql_field_count(mysql_) != 0)
      throwError("Cannot read the result of '" + abbreviate(sql) + "'");
    if (first && res.get() != nullptr) {
      first = false;
      unsigned n = mysql_num_fields(res.get());
      if (column_names) {
        column_names->clear();
        MYSQL_FIELD* fields = mysql_fetch_fields(res.get());
        for (unsigned i = 0; i < n; ++i)
          column_names->emplace_back(fields[i].name, fields[i].name_length);
      }
      rows.reserve(static_cast<size_t>(mysql_num_rows(res.get())));
      while (MYSQL_ROW row = mysql_fetch_row(res.get())) {
        unsigned long* lengths = mysql_fetch_lengths(res.get());
        Row& r = rows.emplace_back();
        r.reserve(n);
        for (unsigned i = 0; i < n; ++i) {
          if (row[i] == nullptr)
            r.emplace_back(std::nullopt);
          else
            r.emplace_back(std::string(row[i], lengths[i]));
        }
      }
    }
    int next = mysql_next_result(mysql_);
    if (next > 0) throwError("Cannot execute '" + abbreviate(sql) + "'");
    if (next < 0) break;
  }
  return rows;
}

std::optional<std::string> Connection::queryScalar(const std::string& sql) {
  auto rows = query(sql);
  if (rows.empty() || rows.front().empty()) return std::nullopt;
  return std::move(rows.front().front());
}

void Connection::queryStreaming(
    const std::string& sql,
    const std::function<void(char** row, unsigned long* lengths, unsigned num_fields)>& on_row) {
  checkConnected();
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0)
    throwError("Cannot execute '" + abbreviate(sql) + "'");
  MYSQL_RES* raw = mysql_use_result(mysql_);
  if (raw == nullptr) {
    if (mysql_field_count(mysql_) != 0)
      throwError("Cannot read the result of '" + abbreviate(sql) + "'");
    return;
  }
  {
    // Freeing an unbuffered result reads its remaining rows, so a callback exception leaves
    // the connection usable (an interrupt() makes that immediate).
    Result res(raw);
    unsigned n = mysql_num_fields(raw);
    while (MYSQL_ROW row = mysql_fetch_row(raw)) on_row(row, mysql_fetch_lengths(raw), n);
    if (mysql_errno(mysql_) != 0) throwError("Cannot read the result of '" + abbreviate(sql) + "'");
  }
  while (mysql_next_result(mysql_) == 0) Result res(mysql_store_result(mysql_));
}

std::string Connection::escape(std::string_view s) const {
  std::string out(s.size() * 2 + 1, '\0');
  unsigned long n = mysql_ ? mysql_real_escape_string(mysql_, out.data(), s.data(), s.size())
                           : mysql_escape_string(out.data(), s.data(), s.size());
  out.resize(n);
  return out;
}

void Connection::interrupt() {
  std::lock_guard lock(socket_mu_);
  interrupted_ = true;
  if (socket_ >= 0) ::shutdown(socket_, SHUT_RDWR);
}

void Connection::close() {
  {
    std::lock_guard lock(socket_mu_);
    socket_ = -1;
  }
  if (mysql_ != nullptr) {
    mysql_close(mysql_);
    mysql_ = nullptr;
  }
}

MYSQL* Connection::handle() {
  checkConnected();
  return mysql_;
}

}  // namespace connectd::mysql
