#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/api/converter.h"
#include "server/api/task.h"
#include "server/kafka/consumer.h"
#include "server/runtime/retry_with_tolerance_operator.h"
#include "server/runtime/transformation_chain.h"
#include "server/runtime/worker_task.h"

namespace connectd::runtime {

// Runs a SinkTask (Kafka's WorkerSinkTask, spec §6.3): a consumer in the connector's group
// polls batches → header/key/value converters → transformation chain → SinkTask::put(). Offsets
// of delivered records become currentOffsets; every offset.flush.interval.ms (or on
// requestCommit()) preCommit() decides what to commit, committed asynchronously; commits on
// partition revocation and at stop are synchronous. A PAUSED target state pauses all partitions
// while the consumer keeps polling (group membership); a RetriableException from put() pauses
// and redelivers the same batch after the task's timeout (or a short backoff).
class WorkerSinkTask : public WorkerTask, private api::SinkTaskContext, private kafka::RebalanceListener {
 public:
  struct Components {
    std::unique_ptr<api::SinkTask> task;
    ConfigMap task_config;
    std::unique_ptr<api::Converter> key_converter;
    std::unique_ptr<api::Converter> value_converter;
    std::unique_ptr<api::HeaderConverter> header_converter;
    std::string key_converter_class;
    std::string value_converter_class;
    std::string header_converter_class;
    TransformationChain transformation_chain;
    std::unique_ptr<RetryWithToleranceOperator> retry_operator;
    kafka::ClientProps consumer_props;
    std::vector<std::string> topics;  // `topics`, or empty when topics_regex is used
    std::string topics_regex;
    int64_t offset_flush_interval_ms = 60000;
    int64_t offset_flush_timeout_ms = 5000;
    size_t max_poll_records = 500;
    std::function<void(const std::string& topic)> on_topic_used;
  };

  // Throws (e.g. KafkaException) when the consumer cannot be created.
  WorkerSinkTask(ConnectorTaskId id, TaskStatusListener& listener, TargetState initial_state, Components components);
  ~WorkerSinkTask() override;

  void stop() override;

 protected:
  void onWakeup() override;
  void initializeAndStart() override;
  void execute() override;
  void close() override;

 private:
  // api::SinkTaskContext
  const ConfigMap& configs() const override { return c_.task_config; }
  void offset(const std::map<api::TopicPartition, int64_t>& offsets) override;
  void timeout(int64_t timeout_ms) override;
  void requestCommit() override;

  // kafka::RebalanceListener
  void onPartitionsRevoked(const std::vector<api::TopicPartition>& partitions) override;
  void onPartitionsAssigned(const std::vector<api::TopicPartition>& partitions) override;
  void onPartitionsLost(const std::vector<api::TopicPartition>& partitions) override;

  void iteration();
  void pollAndDeliver(int64_t timeout_ms);
  void convertMessages(std::vector<kafka::ConsumerMessage>& msgs);
  void deliverMessages();
  void rewind();
  void commitOffsets(bool closing, const std::vector<api::TopicPartition>* only = nullptr);
  void closePartitions(const std::vector<api::TopicPartition>& partitions, bool lost);
  void pauseAll();
  void resumeAll();
  void onCommitCompleted(rd_kafka_resp_err_t error, const kafka::OffsetMap& offsets);

  Components c_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::vector<kafka::ConsumerMessage> msgs_;
  std::vector<api::SinkRecord> batch_;
  kafka::OffsetMap current_offsets_;
  kafka::OffsetMap last_committed_offsets_;
  kafka::OffsetMap batch_offsets_;  // next offsets once the current batch is delivered
  std::set<api::TopicPartition> open_partitions_;
  std::set<std::string> active_topics_;
  bool paused_for_redelivery_ = false;
  bool target_paused_ = false;
  bool started_ = false;
  int64_t next_commit_ms_ = 0;
  int64_t commit_seq_ = 0;

  // Written by the task through its context (its own thread) and read by the loop.
  std::mutex context_mu_;
  std::map<api::TopicPartition, int64_t> pending_rewinds_;
  int64_t timeout_ms_ = -1;
  bool commit_requested_ = false;
};

}  // namespace connectd::runtime
