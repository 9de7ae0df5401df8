#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/task.h"
#include "server/kafka/client_config.h"

namespace connectd::kafka {

using api::TopicPartition;
using OffsetMap = std::map<TopicPartition, int64_t>;

// One consumed record (ConsumerRecord<byte[], byte[]>), owning librdkafka's message.
class ConsumerMessage {
 public:
  explicit ConsumerMessage(rd_kafka_message_t* msg) : msg_(msg) {}
  ConsumerMessage(ConsumerMessage&&) noexcept = default;
  ConsumerMessage& operator=(ConsumerMessage&&) noexcept = default;

  rd_kafka_resp_err_t error() const { return msg_->err; }
  std::string errorString() const;
  std::string_view topic() const;
  int32_t partition() const { return msg_->partition; }
  int64_t offset() const { return msg_->offset; }
  // nullopt for a Kafka null.
  std::optional<std::string_view> key() const;
  std::optional<std::string_view> value() const;
  // Milliseconds and type (CreateTime / LogAppendTime / none).
  int64_t timestamp(rd_kafka_timestamp_type_t* type) const;
  // Headers in wire order; a null header value is nullopt.
  std::vector<std::pair<std::string_view, std::optional<std::string_view>>> headers() const;

 private:
  struct Deleter {
    void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
  };
  std::unique_ptr<rd_kafka_message_t, Deleter> msg_;
};

// ConsumerRebalanceListener. Called on the thread that calls Consumer::poll()/close(); an
// exception it throws is rethrown from that poll()/close() call.
class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  // Before the partitions are taken away: the place to commit their offsets.
  virtual void onPartitionsRevoked(const std::vector<TopicPartition>& partitions) = 0;
  // After the partitions were assigned (positions are the committed offsets).
  virtual void onPartitionsAssigned(const std::vector<TopicPartition>& partitions) = 0;
  // The partitions were lost (session timed out): they may already belong to another member.
  virtual void onPartitionsLost(const std::vector<TopicPartition>& partitions) { onPartitionsRevoked(partitions); }
};

// A librdkafka high-level consumer (KafkaConsumer<byte[], byte[]>). Not thread-safe: one
// owner thread calls everything, and callbacks run on that thread inside poll()/close().
class Consumer {
 public:
  // Completion of commitAsync(): the offsets it committed and the error, if any.
  using CommitCallback = std::function<void(rd_kafka_resp_err_t error, const OffsetMap& offsets)>;

  // Throws KafkaException when librdkafka refuses the configuration.
  Consumer(const ClientProps& props, RebalanceListener* listener = nullptr, CommitCallback on_commit = {});
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Group subscription to the listed topics.
  void subscribe(const std::vector<std::string>& topics);
  // Group subscription by regular expression (librdkafka regexes start with '^'; one is
  // added when missing, since Java's Pattern subscription matches the whole name).
  void subscribePattern(const std::string& regex);
  // Manual assignment (no group): each partition starts at its offset, or at the committed
  // offset / auto.offset.reset when the offset is RD_KAFKA_OFFSET_INVALID.
  void assign(const OffsetMap& partitions);

  // Appends up to `max` messages, waiting at most `timeout_ms` for the first one. Error
  // events (other than partition EOF) are logged and skipped, as the Java client retries
  // them internally; fatal errors throw KafkaException.
  size_t poll(std::vector<ConsumerMessage>& out, size_t max, int timeout_ms);

  // Offsets are "next offset to read", as in Java's OffsetAndMetadata.
  void commitSync(const OffsetMap& offsets);
  void commitAsync(const OffsetMap& offsets);

  void pause(const std::vector<TopicPartition>& partitions);
  void resume(const std::vector<TopicPartition>& partitions);
  void seek(const TopicPartition& partition, int64_t offset, int timeout_ms = 10000);
  std::vector<TopicPartition> assignment() const;
  // The group's committed offsets for `partitions` (absent when none).
  OffsetMap committed(const std::vector<TopicPartition>& partitions, int timeout_ms) const;
  // The next offset to be fetched (nullopt when unknown).
  std::optional<int64_t> position(const TopicPartition& partition) const;

  // Makes a poll() blocked in another thread return now. Thread-safe.
  void wakeup();

  // Leaves the group (revoking partitions through the listener) and stops fetching.
  void close();

  rd_kafka_t* handle() const { return rk_; }

 private:
  static void onRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                          void* opaque);
  static void onCommit(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* offsets,
                       void* opaque);
  void subscribeList(const std::vector<std::string>& topics);
  void rethrowCallbackError();

  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* consumer_queue_ = nullptr;
  // An exception thrown by a callback, kept until control is back in C++ frames.
  std::exception_ptr callback_error_;
  RebalanceListener* listener_;
  CommitCallback on_commit_;
  bool closed_ = false;
};

// librdkafka list <-> map helpers.
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
PartitionListPtr toPartitionList(const OffsetMap& offsets);
PartitionListPtr toPartitionList(const std::vector<TopicPartition>& partitions);
std::vector<TopicPartition> fromPartitionList(const rd_kafka_topic_partition_list_t* list);
// Entries with a real offset (>= 0); per-partition errors are skipped.
OffsetMap offsetsFromPartitionList(const rd_kafka_topic_partition_list_t* list);

}  // namespace connectd::kafka
