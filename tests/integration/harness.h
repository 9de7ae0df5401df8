#pragma once

// Test harness for integration tests: starts connectd as a child process, talks HTTP to it,
// and reads/writes Kafka topics with a plain librdkafka client, the way a user's tools would.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace connectd::it {

using Json = nlohmann::json;
using namespace std::chrono_literals;

// Kafka bootstrap of the local stack (env KAFKA_BOOTSTRAP, default 127.0.0.1:${KAFKA_PORT:-9092}).
std::string kafkaBootstrap();
// A fresh, unique name for topics/connectors/files of one test.
std::string uniqueName(const std::string& prefix);
// A fresh scratch directory for one test (removed by nobody: under the build tree).
std::filesystem::path scratchDir(const std::string& name);
// A free TCP port on 127.0.0.1.
int freePort();

// Polls `cond` until it returns true or `timeout` passes; returns the last result.
bool waitFor(const std::function<bool()>& cond, std::chrono::milliseconds timeout = 60s,
             std::chrono::milliseconds every = 100ms);

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  Json json() const;  // parses body (throws on bad JSON)
};

// A blocking HTTP/1.1 client (one connection per request).
HttpResponse http(int port, const std::string& method, const std::string& target, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {{"Content-Type", "application/json"}});
// Sends raw bytes and returns whatever comes back before the peer closes (or timeout).
std::string rawHttp(int port, const std::string& bytes, std::chrono::milliseconds timeout = 5s);

// A connectd child process.
class Connectd {
 public:
  // Writes `worker` (plus listeners/offset file defaults) to a properties file in `dir`.
  Connectd(std::filesystem::path dir, std::map<std::string, std::string> worker,
           std::vector<std::map<std::string, std::string>> connector_files = {});
  // A distributed worker (`connectd [worker.properties]`): `env` is added to the child's
  // environment; without a properties file the worker is configured by `env` alone (then set
  // CONNECT_LISTENERS to http://127.0.0.1:<port> with `port`).
  struct Distributed {
    std::map<std::string, std::string> env;
    bool properties_file = true;
    int port = 0;  // 0: a free port
  };
  Connectd(Distributed mode, std::filesystem::path dir, std::map<std::string, std::string> worker);
  ~Connectd();
  Connectd(const Connectd&) = delete;
  Connectd& operator=(const Connectd&) = delete;

  void start();
  // SIGTERM and wait (returns exit status), or SIGKILL.
  int stop();
  void kill9();
  bool running();
  // Waits until GET / answers 200.
  void waitReady(std::chrono::milliseconds timeout = 30s);

  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string log() const;
  HttpResponse get(const std::string& target) { return http(port_, "GET", target); }
  HttpResponse del(const std::string& target) { return http(port_, "DELETE", target); }
  HttpResponse post(const std::string& target, const Json& body) { return http(port_, "POST", target, body.dump()); }
  HttpResponse put(const std::string& target, const Json& body) { return http(port_, "PUT", target, body.dump()); }
  HttpResponse put(const std::string& target) { return http(port_, "PUT", target, ""); }
  HttpResponse patch(const std::string& target, const Json& body) {
    return http(port_, "PATCH", target, body.dump());
  }
  // Waits for /connectors/<name>/status to show the connector and all its tasks in `state`.
  bool waitForState(const std::string& name, const std::string& state, size_t tasks = 1,
                    std::chrono::milliseconds timeout = 60s);

 private:
  std::filesystem::path dir_;
  std::filesystem::path props_;
  std::vector<std::filesystem::path> connector_props_;
  std::optional<Distributed> distributed_;
  int port_;
  pid_t pid_ = -1;
};

struct KafkaRecord {
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;
  int32_t partition = 0;
  int64_t offset = 0;
};

void createTopic(const std::string& topic, int partitions = 1);
// Deletes the topics that exist (missing ones are fine) and waits until they are gone.
void deleteTopics(const std::vector<std::string>& topics);
// Creates a topic with topic configs (e.g. cleanup.policy=compact).
void createTopic(const std::string& topic, int partitions, const std::map<std::string, std::string>& configs);
// Produces keyed records (nullopt value: tombstone) with Java's partitioner (murmur2).
void produceKeyed(const std::string& topic,
                  const std::vector<std::pair<std::string, std::optional<std::string>>>& records);
// The partition Java's default partitioner picks for `key` (murmur2, as librdkafka implements it).
int32_t javaPartition(const std::string& key, int32_t partitions);
// Number of partitions of `topic` and its topic configs (describe).
int32_t partitionCount(const std::string& topic);
std::map<std::string, std::string> topicConfigs(const std::string& topic);
void produce(const std::string& topic, const std::vector<std::pair<std::optional<std::string>, std::string>>& records);
// Produces one record with a null key and a null value (a tombstone).
void produceTombstone(const std::string& topic);
// Reads the topic from the beginning until `count` records arrived or `timeout` passed.
std::vector<KafkaRecord> consume(const std::string& topic, size_t count, std::chrono::milliseconds timeout = 60s);
// Every record of every partition of `topic` up to its current end (no consumer group;
// partition by partition, in offset order).
std::vector<KafkaRecord> readTopic(const std::string& topic);
// Sum of the high watermarks of `topic`'s partitions (0 when it does not exist yet).
int64_t endOffset(const std::string& topic);
// Committed offsets of a consumer group for `topic` partition 0 (-1 when none).
int64_t committedOffset(const std::string& group, const std::string& topic, int32_t partition = 0);

// Writes/appends lines to a file.
void appendLines(const std::filesystem::path& file, const std::vector<std::string>& lines);
std::vector<std::string> readLines(const std::filesystem::path& file);

}  // namespace connectd::it
