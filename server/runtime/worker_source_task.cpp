#include "server/runtime/worker_source_task.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "server/api/errors.h"
#include "server/kafka/kafka_exception.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/offset_utils.h"

namespace connectd::runtime {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

WorkerSourceTask::WorkerSourceTask(ConnectorTaskId id, TaskStatusListener& listener, TargetState initial_state,
                                   Components components)
    : WorkerTask(std::move(id), listener, initial_state),
      c_(std::move(components)),
      offset_reader_(c_.offset_store, id_.connector) {
  producer_ = std::make_unique<kafka::Producer>(
      c_.producer_props, [this](void* opaque, const kafka::DeliveryReport& report) { onDelivery(opaque, report); });
}

WorkerSourceTask::~WorkerSourceTask() = default;

void WorkerSourceTask::stop() {
  WorkerTask::stop();
  if (c_.retry_operator) c_.retry_operator->stop();
  bool call_stop = false;
  {
    std::lock_guard lock(stop_mu_);
    if (started_ && !task_stop_called_) {
      task_stop_called_ = true;
      call_stop = true;
    }
  }
  // SourceTask::stop() is the task's signal to return from a blocking poll().
  if (call_stop) {
    try {
      c_.task->stop();
    } catch (const std::exception& e) {
      spdlog::error("{} Failed to stop task: {}", toString(id_), e.what());
    }
  }
}

void WorkerSourceTask::initializeAndStart() {
  c_.offset_store->start();
  c_.task->initialize(this);
  wants_commit_record_ = c_.task->wantsCommitRecord();
  {
    std::lock_guard lock(stop_mu_);
    started_ = true;
  }
  c_.task->start(c_.task_config);
  spdlog::info("{} Source task finished initialization and start", toString(id_));
}

void WorkerSourceTask::execute() {
  next_commit_ms_ = nowMs() + c_.offset_flush_interval_ms;
  try {
    while (!isStopping()) {
      maybeThrowProducerSendException();
      if (shouldPause()) {
        onPause();
        bool resumed = awaitUnpause(200, [this] {
          producer_->poll(0);
          maybeCommitOffsets();
        });
        if (resumed) onResume();
        continue;
      }
      maybeCommitOffsets();
      if (batch_.empty()) {
        try {
          c_.task->poll(batch_);
        } catch (const api::RetriableException& e) {
          spdlog::warn("{} failed to poll records from SourceTask. Will retry operation. {}", toString(id_), e.what());
          batch_.clear();
        }
      }
      if (batch_.empty()) {
        // A task that returns at once with nothing must not turn this loop into a spin.
        producer_->poll(1);
        continue;
      }
      sendRecords();
      producer_->poll(0);
    }
  } catch (const std::exception&) {
    if (!isCancelled()) {
      try {
        finalOffsetCommit();
      } catch (const std::exception& e) {
        spdlog::error("{} Failed to commit offsets for already-failing task: {}", toString(id_), e.what());
      }
    }
    throw;
  }
  if (!isCancelled()) finalOffsetCommit();
}

void WorkerSourceTask::sendRecords() {
  for (auto& record : batch_) {
    if (isStopping()) break;
    if (record.topic.empty() && record.value.isNull() && !record.valueSchema && !record.sourceOffset.empty()) {
      // An offset-only record (the shape KIP-910 proposed): nothing to produce, but its offset
      // commits in order with the records before it, so a source reading past events it
      // filters out (a CDC task on a busy database) does not pin its position.
      recordDropped(record);
      continue;
    }
    if (!c_.transformation_chain.apply(record, *c_.retry_operator)) {
      recordDropped(record);
      continue;
    }
    if (!convert(record)) {
      recordDropped(record);
      continue;
    }
    if (record.timestamp && *record.timestamp < 0) {
      throw api::ConnectException("Invalid record timestamp " + std::to_string(*record.timestamp));
    }
    maybeCreateTopic(record.topic);

    auto inflight = std::make_unique<InFlight>();
    int32_t partition = record.kafkaPartition ? *record.kafkaPartition : -1;
    std::optional<std::string_view> key;
    std::optional<std::string_view> value;
    if (!key_null_) key = key_;
    if (!value_null_) value = value_;
    rd_kafka_resp_err_t err;
    for (;;) {
      err = producer_->send(record.topic, partition, key, value, headers_, record.timestamp.value_or(0),
                            inflight.get());
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
      // The producer's buffer is full (Java's send() blocks here): serve acks and retry.
      producer_->poll(100);
      if (isStopping()) return;
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      kafka::KafkaException e(err, std::string("Failed to send record to topic ") + record.topic + ": " +
                                       rd_kafka_err2str(err));
      spdlog::error("{} failed to send record to {}: {}", toString(id_), record.topic, e.what());
      if (!c_.retry_operator->toleratesAll()) throw CausedConnectException("Unrecoverable exception trying to send", e);
      recordDropped(record);
      continue;
    }
    inflight->topic = internTopic(record.topic);
    if (wants_commit_record_) {
      inflight->submitted = submitted_.submit(record.sourcePartition, record.sourceOffset);
      inflight->record = std::make_unique<api::SourceRecord>(std::move(record));
    } else {
      inflight->submitted = submitted_.submit(record.sourcePartition, std::move(record.sourceOffset));
    }
    inflight.release();  // owned by the producer until its delivery report
  }
  batch_.clear();
}

bool WorkerSourceTask::convert(const api::SourceRecord& record) {
  auto& op = *c_.retry_operator;
  headers_.clear();
  size_t n = record.headers.size();
  if (header_values_.size() < n) {
    header_values_.resize(n);
    header_nulls_.resize(n);
  }
  if (n > 0) {
    bool ok = op.execute(Stage::HeaderConverter, c_.header_converter_class, [&] {
      size_t i = 0;
      for (const auto& h : record.headers) {
        header_nulls_[i] =
            !c_.header_converter->fromConnectHeader(record.topic, h.key, h.schema, h.value, header_values_[i]);
        ++i;
      }
    });
    if (!ok) return false;
    size_t i = 0;
    for (const auto& h : record.headers) {
      std::optional<std::string_view> v;
      if (!header_nulls_[i]) v = header_values_[i];
      headers_.push_back({h.key, v});
      ++i;
    }
  }
  if (!op.execute(Stage::KeyConverter, c_.key_converter_class, [&] {
        key_null_ = !c_.key_converter->fromConnectData(record.topic, record.keySchema, record.key, key_);
      })) {
    return false;
  }
  return op.execute(Stage::ValueConverter, c_.value_converter_class, [&] {
    value_null_ = !c_.value_converter->fromConnectData(record.topic, record.valueSchema, record.value, value_);
  });
}

const std::string* WorkerSourceTask::internTopic(const std::string& topic) {
  if (last_topic_ == nullptr || *last_topic_ != topic) last_topic_ = &*topic_names_.insert(topic).first;
  return last_topic_;
}

void WorkerSourceTask::recordDropped(api::SourceRecord& record) {
  // A dropped record's offset still counts as processed.
  if (!wants_commit_record_) {
    if (auto* submitted = submitted_.submit(record.sourcePartition, std::move(record.sourceOffset))) submitted->ack();
    return;
  }
  if (auto* submitted = submitted_.submit(record.sourcePartition, record.sourceOffset)) submitted->ack();
  try {
    c_.task->commitRecord(record);
  } catch (const std::exception& e) {
    spdlog::error("{} Exception thrown while calling task.commitRecord(): {}", toString(id_), e.what());
  }
}

void WorkerSourceTask::maybeCreateTopic(const std::string& topic) {
  if (c_.topic_creation_groups.empty() || created_topics_.count(topic)) return;
  if (!admin_) admin_ = std::make_unique<kafka::Admin>(c_.admin_props);
  spdlog::info("The task will send records to topic '{}' for the first time. Checking whether topic exists", topic);
  if (admin_->partitionCount(topic, 30000)) {
    spdlog::info("Topic '{}' already exists.", topic);
    created_topics_.insert(topic);
    return;
  }
  const SourceConnectorConfig::TopicCreationGroup* group = &c_.topic_creation_groups.back();
  for (const auto& g : c_.topic_creation_groups) {
    if (g.name == "default") continue;
    if (g.matches(topic)) {
      group = &g;
      break;
    }
  }
  kafka::NewTopic nt{topic, group->partitions, group->replication_factor, group->other_configs};
  std::string description = "NewTopic(name=" + topic + ", numPartitions=" +
                            (nt.partitions < 0 ? std::string("default") : std::to_string(nt.partitions)) +
                            ", replicationFactor=" +
                            (nt.replication_factor < 0 ? std::string("default") : std::to_string(nt.replication_factor)) +
                            ")";
  try {
    if (admin_->createTopic(nt, 30000)) {
      spdlog::info("Created topic '{}' using creation group {}", description, group->name);
    } else {
      spdlog::info("Found existing topic '{}'", description);
    }
  } catch (const std::exception& e) {
    spdlog::warn("Request to create new topic '{}' failed: {}", topic, e.what());
    throw CausedConnectException("Task failed to create new topic " + description +
                                     ". Ensure that the task is authorized to create topics or that the topic exists "
                                     "and restart the task",
                                 e);
  }
  created_topics_.insert(topic);
}

void WorkerSourceTask::onDelivery(void* opaque, const kafka::DeliveryReport& report) {
  std::unique_ptr<InFlight> inflight(static_cast<InFlight*>(opaque));
  if (!inflight) return;
  if (report.error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    bool purged = report.error == RD_KAFKA_RESP_ERR__PURGE_QUEUE || report.error == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT;
    if (purged) return;
    std::string msg = std::string(rd_kafka_err2str(report.error));
    spdlog::error("{} failed to send record to {}: {}", toString(id_), *inflight->topic, msg);
    if (c_.retry_operator->toleratesAll()) {
      if (inflight->submitted) inflight->submitted->ack();
    } else if (!producer_send_error_) {
      producer_send_error_ = "org.apache.kafka.common.KafkaException: " + msg;
    }
    return;
  }
  if (inflight->submitted) inflight->submitted->ack();
  if (inflight->record) {
    try {
      c_.task->commitRecord(*inflight->record);
    } catch (const std::exception& e) {
      spdlog::error("{} Exception thrown while calling task.commitRecord(): {}", toString(id_), e.what());
    }
  }
  if (c_.on_topic_used && active_topics_.insert(*inflight->topic).second) c_.on_topic_used(*inflight->topic);
}

void WorkerSourceTask::maybeThrowProducerSendException() {
  if (producer_send_error_) {
    api::ConnectException cause(*producer_send_error_);
    throw CausedConnectException("Unrecoverable exception from producer send callback", cause);
  }
}

void WorkerSourceTask::maybeCommitOffsets() {
  int64_t now = nowMs();
  if (now < next_commit_ms_) return;
  next_commit_ms_ = now + c_.offset_flush_interval_ms;
  commitOffsets();
}

bool WorkerSourceTask::commitOffsets() {
  producer_->poll(0);
  auto committable = submitted_.committableOffsets();
  for (auto& [key, entry] : committable.offsets) uncommitted_offsets_[key] = std::move(entry);
  if (committable.num_pending > 0) {
    spdlog::debug("{} There are currently {} pending messages spread across {} source partitions whose offsets will "
                  "not be committed.",
                  toString(id_), committable.num_pending, committable.offsets.size());
  }
  if (!uncommitted_offsets_.empty()) {
    OffsetBackingStore::Entries entries;
    entries.reserve(uncommitted_offsets_.size());
    for (const auto& [key, entry] : uncommitted_offsets_) {
      entries.emplace_back(OffsetUtils::keyFor(id_.connector, entry.first), OffsetUtils::toJson(entry.second));
    }
    try {
      c_.offset_store->set(entries);
    } catch (const std::exception& e) {
      // Kept for the next attempt, as Kafka's OffsetStorageWriter does after a failed flush.
      spdlog::error("{} Failed to commit offsets: {}", toString(id_), e.what());
      return false;
    }
    spdlog::debug("{} Committed offsets of {} source partitions", toString(id_), entries.size());
    uncommitted_offsets_.clear();
  }
  try {
    c_.task->commit();
  } catch (const std::exception& e) {
    spdlog::error("{} Exception thrown while calling task.commit(): {}", toString(id_), e.what());
  }
  return true;
}

void WorkerSourceTask::finalOffsetCommit() {
  // Wait (bounded) for outstanding sends so their offsets can be committed too.
  producer_->flush(static_cast<int>(std::min<int64_t>(c_.offset_flush_timeout_ms, INT32_MAX)));
  commitOffsets();
}

void WorkerSourceTask::close() {
  bool call_stop = false;
  {
    std::lock_guard lock(stop_mu_);
    if (started_ && !task_stop_called_) {
      task_stop_called_ = true;
      call_stop = true;
    }
  }
  if (call_stop) {
    try {
      c_.task->stop();
    } catch (const std::exception& e) {
      spdlog::error("{} Failed to stop task: {}", toString(id_), e.what());
    }
  }
  if (producer_) {
    // Fail whatever is still queued so every InFlight is released by its report.
    producer_->purge();
    producer_->poll(0);
    producer_->flush(0);
    producer_.reset();
  }
  admin_.reset();
  c_.transformation_chain.close();
}

}  // namespace connectd::runtime
