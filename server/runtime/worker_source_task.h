#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "server/api/converter.h"
#include "server/api/task.h"
#include "server/kafka/admin.h"
#include "server/kafka/producer.h"
#include "server/runtime/offset_backing_store.h"
#include "server/runtime/offset_storage_reader_impl.h"
#include "server/runtime/retry_with_tolerance_operator.h"
#include "server/runtime/source_connector_config.h"
#include "server/runtime/submitted_records.h"
#include "server/runtime/transformation_chain.h"
#include "server/runtime/worker_task.h"

namespace connectd::runtime {

// Runs a SourceTask with at-least-once delivery (Kafka's WorkerSourceTask, spec §6.1):
// poll → transformation chain → header/key/value converters (into reused buffers) →
// asynchronous producer. Offsets are tracked per source partition and written to the offset
// store every offset.flush.interval.ms and at stop, once acknowledged; then SourceTask::commit()
// runs. Delivery reports (and commitRecord()) are served on the task thread.
class WorkerSourceTask : public WorkerTask, private api::SourceTaskContext {
 public:
  // Everything a source task needs, assembled by the Worker on the herder thread.
  struct Components {
    std::unique_ptr<api::SourceTask> task;
    ConfigMap task_config;
    std::unique_ptr<api::Converter> key_converter;
    std::unique_ptr<api::Converter> value_converter;
    std::unique_ptr<api::HeaderConverter> header_converter;
    std::string key_converter_class;
    std::string value_converter_class;
    std::string header_converter_class;
    TransformationChain transformation_chain;
    std::unique_ptr<RetryWithToleranceOperator> retry_operator;
    kafka::ClientProps producer_props;
    kafka::ClientProps admin_props;
    // Empty when topic creation is off for this connector.
    std::vector<SourceConnectorConfig::TopicCreationGroup> topic_creation_groups;
    std::shared_ptr<OffsetBackingStore> offset_store;
    int64_t offset_flush_interval_ms = 60000;
    int64_t offset_flush_timeout_ms = 5000;
    // Called the first time the task produces to a topic (KIP-558); may be empty.
    std::function<void(const std::string& topic)> on_topic_used;
  };

  // Throws (e.g. KafkaException) when the producer cannot be created.
  WorkerSourceTask(ConnectorTaskId id, TaskStatusListener& listener, TargetState initial_state, Components components);
  ~WorkerSourceTask() override;

  void stop() override;

 protected:
  void initializeAndStart() override;
  void execute() override;
  void close() override;

 private:
  // What the producer holds per message until its delivery report: the offset lives in
  // submitted_; the record itself only when the task wants commitRecord() calls.
  struct InFlight {
    SubmittedRecords::SubmittedRecord* submitted = nullptr;
    const std::string* topic = nullptr;  // interned in topic_names_
    std::unique_ptr<api::SourceRecord> record;
  };

  // api::SourceTaskContext
  const ConfigMap& configs() const override { return c_.task_config; }
  api::OffsetStorageReader& offsetStorageReader() override { return offset_reader_; }

  void sendRecords();
  // Converts `record` into key_/value_/headers; false when a converter failed and the failure
  // was tolerated.
  bool convert(const api::SourceRecord& record);
  // Counts a record that is not produced as processed; its offset may be moved out.
  void recordDropped(api::SourceRecord& record);
  const std::string* internTopic(const std::string& topic);
  void maybeCreateTopic(const std::string& topic);
  void onDelivery(void* opaque, const kafka::DeliveryReport& report);
  void maybeThrowProducerSendException();
  void maybeCommitOffsets();
  bool commitOffsets();
  void finalOffsetCommit();

  Components c_;
  OffsetStorageReaderImpl offset_reader_;
  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<kafka::Admin> admin_;
  SubmittedRecords submitted_;
  std::map<std::string, std::pair<api::OffsetMap, api::OffsetMap>> uncommitted_offsets_;
  std::set<std::string> created_topics_;
  std::set<std::string> active_topics_;
  std::set<std::string> topic_names_;
  const std::string* last_topic_ = nullptr;
  bool wants_commit_record_ = true;
  std::vector<api::SourceRecord> batch_;
  std::optional<std::string> producer_send_error_;
  int64_t next_commit_ms_ = 0;

  // Reused per-record conversion buffers.
  std::string key_;
  std::string value_;
  bool key_null_ = false;
  bool value_null_ = false;
  std::vector<std::string> header_values_;
  std::vector<bool> header_nulls_;
  std::vector<kafka::ProducerHeader> headers_;

  // SourceTask::stop() is called once, from stop() when the task has started, else by close().
  std::mutex stop_mu_;
  bool started_ = false;
  bool task_stop_called_ = false;
};

}  // namespace connectd::runtime
