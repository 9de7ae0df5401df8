#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "server/kafka/admin.h"
#include "server/kafka/consumer.h"
#include "server/kafka/producer.h"

namespace connectd::runtime {

// One record of an internal topic as KafkaBasedLog hands it to its owner.
struct LogRecord {
  std::optional<std::string_view> key;
  std::optional<std::string_view> value;  // nullopt: tombstone
  int32_t partition = -1;
  int64_t offset = -1;
};

// How one internal topic is created, checked and reached (DistributedConfig builds these).
struct InternalTopicSettings {
  std::string topic;
  std::string worker_topic_config;  // e.g. "offset.storage.topic", for error messages
  std::string purpose;              // e.g. "source connector offsets", for error messages
  int32_t partitions = -1;          // -1: broker default
  int16_t replication_factor = -1;  // -1: broker default
  std::map<std::string, std::string> topic_configs;  // cleanup.policy=compact is always added
  bool single_partition = false;    // the config topic
  int admin_timeout_ms = 30000;     // each topic admin request (create, describe)
  kafka::ClientProps producer;
  kafka::ClientProps consumer;
  kafka::ClientProps admin;
};

// A compacted internal topic used as a replicated log (Kafka's KafkaBasedLog).
//
// start() makes sure the topic exists (through the topic initializer), assigns every
// partition from the beginning (no consumer group, no committed offsets), reads to the end,
// then hands the log to a work thread that keeps consuming and delivers each record to the
// consumed callback. readToEnd() requests are served on that thread: the producer is flushed,
// the end offsets are fetched, and the request completes once every partition is read up to
// them, so a readToEnd() issued after a send() observes that send.
//
// The producer uses partitioner=murmur2_random (Java's keyed partitioning),
// enable.idempotence=false and acks=all. send() may be called from any thread; send
// callbacks and consumed callbacks run on the work thread and must not block on readToEnd().
// stop() must not race with send(): owners stop their users first.
class KafkaBasedLog {
 public:
  using ConsumedCallback = std::function<void(const LogRecord&)>;
  // error is RD_KAFKA_RESP_ERR_NO_ERROR on success; `message` describes a failure.
  using SendCallback = std::function<void(rd_kafka_resp_err_t error, const std::string& message)>;
  using ReadCallback = std::function<void(std::exception_ptr error)>;
  // Creates or checks the topic before it is read; throws to abort start().
  using TopicInitializer = std::function<void()>;

  KafkaBasedLog(std::string topic, kafka::ClientProps producer_props, kafka::ClientProps consumer_props,
                kafka::ClientProps admin_props, ConsumedCallback consumed, TopicInitializer initializer = {});
  // A log on an internal topic whose initializer creates the topic when missing and checks
  // that its cleanup policy is only `compact` (TopicAdmin), as Kafka's backing stores do.
  static std::unique_ptr<KafkaBasedLog> forInternalTopic(const InternalTopicSettings& settings,
                                                         ConsumedCallback consumed);
  ~KafkaBasedLog();
  KafkaBasedLog(const KafkaBasedLog&) = delete;
  KafkaBasedLog& operator=(const KafkaBasedLog&) = delete;

  // Blocks until the initial read reached the end (or `timeout` passed: ConnectException).
  void start(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // Stops the work thread, flushes the producer (bounded) and closes the clients.
  void stop();

  // Asynchronous: `cb` runs on the work thread once the end offsets fetched now were read.
  void readToEnd(ReadCallback cb);
  // Blocking; throws ConnectException on failure or timeout.
  void readToEnd(std::chrono::milliseconds timeout);

  // Queues one record; `cb` (optional) sees the delivery result on the work thread. A
  // record librdkafka refuses outright is reported through `cb` as well.
  void send(std::string_view key, std::optional<std::string_view> value, SendCallback cb = {});
  // Sends and waits for the acknowledgement; throws ConnectException on failure or timeout.
  void sendWithReceipt(std::string_view key, std::optional<std::string_view> value, std::chrono::milliseconds timeout);

  const std::string& topic() const { return topic_; }
  int partitionCount() const { return partition_count_; }
  bool started() const;

 private:
  struct PendingRead {
    ReadCallback cb;
  };

  void run();
  void fetchEndOffsets();
  bool reachedEnd() const;
  void completeReads(std::exception_ptr error);

  std::string topic_;
  kafka::ClientProps producer_props_;
  kafka::ClientProps consumer_props_;
  kafka::ClientProps admin_props_;
  ConsumedCallback consumed_;
  TopicInitializer initializer_;

  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::thread thread_;
  int partition_count_ = 0;

  mutable std::mutex mu_;
  bool started_ = false;
  bool stopping_ = false;
  std::deque<PendingRead> pending_reads_;

  // Work-thread state: the reads being served, their target end offsets and the positions.
  std::vector<PendingRead> active_reads_;
  std::map<int32_t, int64_t> end_offsets_;
  std::map<int32_t, int64_t> positions_;
};

}  // namespace connectd::runtime
