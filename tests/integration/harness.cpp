#include "tests/integration/harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <librdkafka/rdkafka.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace connectd::it {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace fs = std::filesystem;

std::string kafkaBootstrap() {
  if (const char* b = std::getenv("KAFKA_BOOTSTRAP")) return b;
  const char* port = std::getenv("KAFKA_PORT");
  return std::string("127.0.0.1:") + (port ? port : "9092");
}

std::string uniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(rd() % 100000);
}

fs::path scratchDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / "connectd-it" / uniqueName(name);
  fs::create_directories(dir);
  return dir;
}

int freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind failed");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool waitFor(const std::function<bool()>& cond, std::chrono::milliseconds timeout, std::chrono::milliseconds every) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    try {
      if (cond()) return true;
    } catch (const std::exception&) {
      // The condition may probe a service that is not up yet.
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(every);
  }
}

Json HttpResponse::json() const { return Json::parse(body); }

HttpResponse http(int port, const std::string& method, const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(120));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(bhttp::field::user_agent, "connectd-it");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.body() = body;
    req.prepare_payload();
  }
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(stream, buffer, parser);
  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

std::string rawHttp(int port, const std::string& bytes, std::chrono::milliseconds timeout) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  asio::write(stream.socket(), asio::buffer(bytes));
  std::string out;
  char buf[4096];
  while (true) {
    beast::error_code ec;
    size_t n = stream.read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

namespace {
void writeProperties(const fs::path& file, const std::map<std::string, std::string>& props) {
  std::ofstream out(file);
  for (const auto& [k, v] : props) out << k << "=" << v << "\n";
}
}  // namespace

Connectd::Connectd(fs::path dir, std::map<std::string, std::string> worker,
                   std::vector<std::map<std::string, std::string>> connector_files)
    : dir_(std::move(dir)), port_(freePort()) {
  worker.try_emplace("bootstrap.servers", kafkaBootstrap());
  worker.try_emplace("key.converter", "org.apache.kafka.connect.storage.StringConverter");
  worker.try_emplace("value.converter", "org.apache.kafka.connect.storage.StringConverter");
  worker.try_emplace("offset.storage.file.filename", (dir_ / "connect.offsets").string());
  worker.try_emplace("offset.flush.interval.ms", "500");
  if (worker.count("listeners")) {
    auto l = worker["listeners"];
    port_ = std::stoi(l.substr(l.rfind(':') + 1));
  } else {
    worker["listeners"] = "http://127.0.0.1:" + std::to_string(port_);
  }
  props_ = dir_ / "worker.properties";
  writeProperties(props_, worker);
  for (size_t i = 0; i < connector_files.size(); ++i) {
    auto p = dir_ / ("connector-" + std::to_string(i) + ".properties");
    writeProperties(p, connector_files[i]);
    connector_props_.push_back(p);
  }
}

Connectd::Connectd(Distributed mode, fs::path dir, std::map<std::string, std::string> worker)
    : dir_(std::move(dir)), distributed_(std::move(mode)), port_(distributed_->port ? distributed_->port : freePort()) {
  if (distributed_->properties_file) {
    worker.try_emplace("bootstrap.servers", kafkaBootstrap());
    worker.try_emplace("offset.flush.interval.ms", "500");
    worker.try_emplace("listeners", "http://127.0.0.1:" + std::to_string(port_));
    props_ = dir_ / "worker.properties";
    writeProperties(props_, worker);
  }
}

Connectd::~Connectd() {
  if (pid_ > 0) stop();
}

void Connectd::start() {
  std::vector<std::string> args = {CONNECTD_BINARY};
  if (!distributed_) args.push_back("--standalone");
  if (!props_.empty()) args.push_back(props_.string());
  for (const auto& p : connector_props_) args.push_back(p.string());
  std::map<std::string, std::string> env = distributed_ ? distributed_->env : std::map<std::string, std::string>{};
  std::string logfile = (dir_ / "connectd.log").string();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(logfile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
}

int Connectd::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (true) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      return -9;
    }
    std::this_thread::sleep_for(20ms);
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

void Connectd::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

bool Connectd::running() {
  if (pid_ <= 0) return false;
  int status;
  return ::waitpid(pid_, &status, WNOHANG) == 0;
}

void Connectd::waitReady(std::chrono::milliseconds timeout) {
  // A distributed worker is ready once its herder joined the group and answers /health.
  const char* probe = distributed_ ? "/health" : "/";
  if (distributed_ && timeout < 120s) timeout = 120s;
  bool ok = waitFor([&] { return running() && get(probe).status == 200; }, timeout, 50ms);
  if (!ok) throw std::runtime_error("connectd did not become ready; log:\n" + log());
}

std::string Connectd::log() const {
  std::ifstream in(dir_ / "connectd.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Connectd::waitForState(const std::string& name, const std::string& state, size_t tasks,
                            std::chrono::milliseconds timeout) {
  return waitFor(
      [&] {
        auto r = get("/connectors/" + name + "/status");
        if (r.status != 200) return false;
        auto j = r.json();
        if (j["connector"]["state"] != state) return false;
        if (j["tasks"].size() != tasks) return false;
        for (const auto& t : j["tasks"])
          if (t["state"] != state) return false;
        return true;
      },
      timeout);
}

namespace {
rd_kafka_conf_t* baseConf() {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  rd_kafka_conf_set(conf, "bootstrap.servers", kafkaBootstrap().c_str(), err, sizeof err);
  return conf;
}
}  // namespace

void createTopic(const std::string& topic, int partitions) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, baseConf(), err, sizeof err);
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof err);
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &nt, 1, nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  std::string error;
  if (!ev) {
    error = "CreateTopics timed out";
  } else {
    const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev);
    size_t n;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      auto code = rd_kafka_topic_result_error(results[i]);
      if (code && code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) error = rd_kafka_err2str(code);
    }
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_NewTopic_destroy(nt);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
  if (!error.empty()) throw std::runtime_error("create topic " + topic + ": " + error);
}

void deleteTopics(const std::vector<std::string>& topics) {
  if (topics.empty()) return;
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, baseConf(), err, sizeof err);
  std::vector<rd_kafka_DeleteTopic_t*> dts;
  for (const auto& t : topics) dts.push_back(rd_kafka_DeleteTopic_new(t.c_str()));
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_DeleteTopics(rk, dts.data(), dts.size(), nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  std::string error;
  if (!ev) {
    error = "DeleteTopics timed out";
  } else {
    const rd_kafka_DeleteTopics_result_t* res = rd_kafka_event_DeleteTopics_result(ev);
    size_t n;
    const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      auto code = rd_kafka_topic_result_error(results[i]);
      if (code && code != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) error = rd_kafka_err2str(code);
    }
    rd_kafka_event_destroy(ev);
  }
  for (auto* d : dts) rd_kafka_DeleteTopic_destroy(d);
  rd_kafka_queue_destroy(q);
  // Deletion is asynchronous on the broker: wait until the metadata no longer lists them.
  for (int i = 0; i < 300 && error.empty(); ++i) {
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(rk, 1, nullptr, &md, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    bool any = false;
    for (int t = 0; t < md->topic_cnt; ++t) {
      for (const auto& name : topics) {
        if (name == md->topics[t].topic && md->topics[t].err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) any = true;
      }
    }
    rd_kafka_metadata_destroy(md);
    if (!any) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  rd_kafka_destroy(rk);
  if (!error.empty()) throw std::runtime_error("delete topics: " + error);
}

void createTopic(const std::string& topic, int partitions, const std::map<std::string, std::string>& configs) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, baseConf(), err, sizeof err);
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof err);
  for (const auto& [k, v] : configs) rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &nt, 1, nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  std::string error;
  if (!ev) {
    error = "CreateTopics timed out";
  } else {
    const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev);
    size_t n;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      if (auto code = rd_kafka_topic_result_error(results[i])) error = rd_kafka_err2str(code);
    }
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_NewTopic_destroy(nt);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
  if (!error.empty()) throw std::runtime_error("create topic " + topic + ": " + error);
}

void produceKeyed(const std::string& topic,
                  const std::vector<std::pair<std::string, std::optional<std::string>>>& records) {
  char err[512];
  rd_kafka_conf_t* conf = baseConf();
  rd_kafka_conf_set(conf, "partitioner", "murmur2_random", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  for (const auto& [key, value] : records) {
    const void* key_ptr = key.data();
    size_t key_len = key.size();
    void* value_ptr = value ? const_cast<char*>(value->data()) : nullptr;
    size_t value_len = value ? value->size() : 0;
    rd_kafka_resp_err_t e = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key_ptr, key_len), RD_KAFKA_V_VALUE(value_ptr, value_len), RD_KAFKA_V_END);
    if (e) throw std::runtime_error(std::string("produce: ") + rd_kafka_err2str(e));
  }
  if (rd_kafka_flush(rk, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR) throw std::runtime_error("produce: flush timed out");
  rd_kafka_destroy(rk);
}

int32_t javaPartition(const std::string& key, int32_t partitions) {
  return rd_kafka_msg_partitioner_murmur2(nullptr, key.data(), key.size(), partitions, nullptr, nullptr);
}

namespace {
// Describe of one topic through a throw-away admin client; `fn` reads the result event.
template <typename F>
void describeTopic(const std::string& topic, F fn) {
  // A consumer-type client: its metadata requests never auto-create the topic (a producer's
  // would, racing with the worker that is about to create it compacted).
  char err[512];
  rd_kafka_conf_t* conf = baseConf();
  rd_kafka_conf_set(conf, "allow.auto.create.topics", "false", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  fn(rk);
  rd_kafka_destroy(rk);
}
}  // namespace

int32_t partitionCount(const std::string& topic) {
  int32_t count = -1;
  describeTopic(topic, [&](rd_kafka_t* rk) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR && md->topic_cnt == 1 &&
        !md->topics[0].err) {
      count = md->topics[0].partition_cnt;
    }
    if (md) rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
  });
  return count;
}

std::map<std::string, std::string> topicConfigs(const std::string& topic) {
  std::map<std::string, std::string> out;
  describeTopic(topic, [&](rd_kafka_t* rk) {
    rd_kafka_ConfigResource_t* res = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
    rd_kafka_DescribeConfigs(rk, &res, 1, nullptr, q);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
    if (ev) {
      size_t n = 0;
      const rd_kafka_ConfigResource_t** rs =
          rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), &n);
      for (size_t i = 0; i < n; ++i) {
        size_t cnt = 0;
        const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(rs[i], &cnt);
        for (size_t j = 0; j < cnt; ++j) {
          const char* v = rd_kafka_ConfigEntry_value(entries[j]);
          out[rd_kafka_ConfigEntry_name(entries[j])] = v ? v : "";
        }
      }
      rd_kafka_event_destroy(ev);
    }
    rd_kafka_queue_destroy(q);
    rd_kafka_ConfigResource_destroy(res);
  });
  return out;
}

void produce(const std::string& topic, const std::vector<std::pair<std::optional<std::string>, std::string>>& records) {
  char err[512];
  rd_kafka_conf_t* conf = baseConf();
  rd_kafka_conf_set(conf, "partitioner", "murmur2_random", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  for (const auto& [key, value] : records) {
    // The librdkafka macros cast their arguments textually: pass plain variables.
    const void* key_ptr = key ? key->data() : nullptr;
    size_t key_len = key ? key->size() : 0;
    void* value_ptr = const_cast<char*>(value.data());
    size_t value_len = value.size();
    rd_kafka_resp_err_t e = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key_ptr, key_len), RD_KAFKA_V_VALUE(value_ptr, value_len), RD_KAFKA_V_END);
    if (e) throw std::runtime_error(std::string("produce: ") + rd_kafka_err2str(e));
  }
  rd_kafka_flush(rk, 30000);
  rd_kafka_destroy(rk);
}

void produceTombstone(const std::string& topic) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, baseConf(), err, sizeof err);
  void* null_value = nullptr;
  size_t zero = 0;
  rd_kafka_resp_err_t e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()),
                                            RD_KAFKA_V_VALUE(null_value, zero), RD_KAFKA_V_END);
  if (e) throw std::runtime_error(std::string("produce: ") + rd_kafka_err2str(e));
  rd_kafka_flush(rk, 30000);
  rd_kafka_destroy(rk);
}

std::vector<KafkaRecord> consume(const std::string& topic, size_t count, std::chrono::milliseconds timeout) {
  char err[512];
  rd_kafka_conf_t* conf = baseConf();
  rd_kafka_conf_set(conf, "group.id", uniqueName("it-reader").c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.partition.eof", "false", err, sizeof err);
  rd_kafka_conf_set(conf, "topic.metadata.refresh.interval.ms", "500", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  std::vector<KafkaRecord> out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < count && std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 200);
    if (!m) continue;
    if (!m->err) {
      KafkaRecord r;
      if (m->key) r.key = std::string(static_cast<const char*>(m->key), m->key_len);
      if (m->payload) r.value = std::string(static_cast<const char*>(m->payload), m->len);
      r.partition = m->partition;
      r.offset = m->offset;
      rd_kafka_headers_t* hdrs = nullptr;
      if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name;
        const void* val;
        size_t size;
        for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
          r.headers.emplace_back(name, val ? std::optional<std::string>(std::string(static_cast<const char*>(val), size))
                                           : std::nullopt);
      }
      out.push_back(std::move(r));
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return out;
}

std::vector<KafkaRecord> readTopic(const std::string& topic) {
  int32_t partitions = partitionCount(topic);
  if (partitions <= 0) throw std::runtime_error("readTopic: no such topic " + topic);
  char err[512];
  rd_kafka_conf_t* conf = baseConf();
  rd_kafka_conf_set(conf, "enable.partition.eof", "false", err, sizeof err);
  // librdkafka's assign() needs a group id; nothing is committed under it.
  rd_kafka_conf_set(conf, "group.id", uniqueName("it-read").c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  rd_kafka_poll_set_consumer(rk);
  std::vector<KafkaRecord> out;
  for (int32_t p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, 10000)) {
      throw std::runtime_error("readTopic: watermarks of " + topic);
    }
    if (high <= low) continue;
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = low;
    rd_kafka_assign(rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    int64_t next = low;
    auto deadline = std::chrono::steady_clock::now() + 30s;
    while (next < high && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 200);
      if (!m) continue;
      if (!m->err && m->partition == p) {
        KafkaRecord r;
        if (m->key) r.key = std::string(static_cast<const char*>(m->key), m->key_len);
        if (m->payload) r.value = std::string(static_cast<const char*>(m->payload), m->len);
        r.partition = m->partition;
        r.offset = m->offset;
        rd_kafka_headers_t* hdrs = nullptr;
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
          const char* name;
          const void* val;
          size_t size;
          for (size_t i = 0; !rd_kafka_header_get_all(hdrs, i, &name, &val, &size); ++i) {
            r.headers.emplace_back(name, val ? std::optional<std::string>(std::string(static_cast<const char*>(val), size))
                                             : std::nullopt);
          }
        }
        next = m->offset + 1;
        out.push_back(std::move(r));
      }
      rd_kafka_message_destroy(m);
    }
    if (next < high) throw std::runtime_error("readTopic: timed out reading " + topic);
  }
  rd_kafka_assign(rk, nullptr);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return out;
}

int64_t endOffset(const std::string& topic) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, baseConf(), err, sizeof err);
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  int64_t total = 0;
  if (rd_kafka_metadata(rk, 0, t, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int i = 0; i < md->topic_cnt; ++i) {
      if (topic != md->topics[i].topic || md->topics[i].err) continue;
      for (int p = 0; p < md->topics[i].partition_cnt; ++p) {
        int64_t low = 0, high = 0;
        if (!rd_kafka_query_watermark_offsets(rk, topic.c_str(), md->topics[i].partitions[p].id, &low, &high, 10000))
          total += high;
      }
    }
    rd_kafka_metadata_destroy(md);
  }
  rd_kafka_topic_destroy(t);
  rd_kafka_destroy(rk);
  return total;
}

int64_t committedOffset(const std::string& group, const std::string& topic, int32_t partition) {
  char err[512];
  rd_kafka_conf_t* conf = baseConf();
  rd_kafka_conf_set(conf, "group.id", group.c_str(), err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
  int64_t result = -1;
  if (rd_kafka_committed(rk, list, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) result = list->elems[0].offset;
  rd_kafka_topic_partition_list_destroy(list);
  rd_kafka_destroy(rk);
  return result < 0 ? -1 : result;
}

void appendLines(const fs::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file, std::ios::app);
  for (const auto& l : lines) out << l << "\n";
}

std::vector<std::string> readLines(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace connectd::it
