#include "server/runtime/worker_sink_task.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "server/api/errors.h"
#include "server/runtime/caused_connect_exception.h"

namespace connectd::runtime {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// How long a batch waits before redelivery after put() threw RetriableException, when the
// task did not set a timeout through its context.
constexpr int64_t kRedeliveryBackoffMs = 1000;

std::string tpString(const api::TopicPartition& tp) { return tp.topic + "-" + std::to_string(tp.partition); }

}  // namespace

WorkerSinkTask::WorkerSinkTask(ConnectorTaskId id, TaskStatusListener& listener, TargetState initial_state,
                               Components components)
    : WorkerTask(std::move(id), listener, initial_state), c_(std::move(components)) {
  kafka::RebalanceListener* listener_self = this;
  consumer_ = std::make_unique<kafka::Consumer>(
      c_.consumer_props, listener_self,
      [this](rd_kafka_resp_err_t error, const kafka::OffsetMap& offsets) { onCommitCompleted(error, offsets); });
}

WorkerSinkTask::~WorkerSinkTask() = default;

void WorkerSinkTask::stop() {
  WorkerTask::stop();
  if (c_.retry_operator) c_.retry_operator->stop();
}

// The consumer lives as long as this object, so waking it from another thread is safe.
void WorkerSinkTask::onWakeup() {
  if (consumer_) consumer_->wakeup();
}

void WorkerSinkTask::initializeAndStart() {
  if (!c_.topics_regex.empty()) {
    spdlog::debug("{} Initializing and starting task for topics regex {}", toString(id_), c_.topics_regex);
    consumer_->subscribePattern(c_.topics_regex);
  } else {
    spdlog::debug("{} Initializing and starting task for topics {}", toString(id_), c_.topics.size());
    consumer_->subscribe(c_.topics);
  }
  c_.task->initialize(this);
  started_ = true;
  c_.task->start(c_.task_config);
  spdlog::info("{} Sink task finished initialization and start", toString(id_));
}

void WorkerSinkTask::execute() {
  next_commit_ms_ = nowMs() + c_.offset_flush_interval_ms;
  while (!isStopping()) iteration();
}

void WorkerSinkTask::iteration() {
  bool should_pause = shouldPause();
  if (should_pause != target_paused_) {
    target_paused_ = should_pause;
    if (should_pause) {
      pauseAll();
      onPause();
    } else {
      if (!paused_for_redelivery_) resumeAll();
      onResume();
    }
  }

  int64_t now = nowMs();
  bool commit_requested;
  {
    std::lock_guard lock(context_mu_);
    commit_requested = commit_requested_;
  }
  if (commit_requested || now >= next_commit_ms_) {
    commitOffsets(false);
    next_commit_ms_ = now + c_.offset_flush_interval_ms;
    std::lock_guard lock(context_mu_);
    commit_requested_ = false;
  }

  int64_t timeout = std::max<int64_t>(0, next_commit_ms_ - now);
  {
    std::lock_guard lock(context_mu_);
    if (timeout_ms_ > 0) {
      timeout = std::min(timeout, timeout_ms_);
      timeout_ms_ = -1;
    } else if (paused_for_redelivery_) {
      timeout = std::min(timeout, kRedeliveryBackoffMs);
    }
  }
  pollAndDeliver(timeout);
}

void WorkerSinkTask::pollAndDeliver(int64_t timeout_ms) {
  rewind();
  msgs_.clear();
  consumer_->poll(msgs_, c_.max_poll_records, static_cast<int>(timeout_ms));
  if (target_paused_) {
    // Partitions are paused; anything fetched before the pause is re-read after resume.
    if (!msgs_.empty()) {
      for (const auto& m : msgs_) {
        api::TopicPartition tp{std::string(m.topic()), m.partition()};
        std::lock_guard lock(context_mu_);
        pending_rewinds_.try_emplace(tp, m.offset());
      }
    }
    return;
  }
  if (!msgs_.empty()) convertMessages(msgs_);
  if (paused_for_redelivery_ && isStopping()) return;
  deliverMessages();
}

void WorkerSinkTask::convertMessages(std::vector<kafka::ConsumerMessage>& msgs) {
  auto& op = *c_.retry_operator;
  for (auto& m : msgs) {
    api::TopicPartition tp{std::string(m.topic()), m.partition()};
    batch_offsets_[tp] = m.offset() + 1;
    if (c_.on_topic_used && active_topics_.insert(tp.topic).second) c_.on_topic_used(tp.topic);

    api::SinkRecord record;
    record.topic = tp.topic;
    record.kafkaPartition = tp.partition;
    record.kafkaOffset = m.offset();
    record.originalTopic = tp.topic;
    record.originalKafkaPartition = tp.partition;
    record.originalKafkaOffset = m.offset();
    rd_kafka_timestamp_type_t ts_type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    int64_t ts = m.timestamp(&ts_type);
    if (ts_type == RD_KAFKA_TIMESTAMP_CREATE_TIME) {
      record.timestamp = ts;
      record.timestampType = api::TimestampType::CreateTime;
    } else if (ts_type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME) {
      record.timestamp = ts;
      record.timestampType = api::TimestampType::LogAppendTime;
    }
    auto describe = [&] {
      return "consumed record at topic=" + tp.topic + ", partition=" + std::to_string(tp.partition) +
             ", offset=" + std::to_string(m.offset());
    };
    bool ok = op.execute(
        Stage::KeyConverter, c_.key_converter_class,
        [&] {
          auto key = m.key();
          auto sv = key ? c_.key_converter->toConnectData(record.topic, key->data(), key->size())
                        : c_.key_converter->toConnectData(record.topic, nullptr, 0);
          record.keySchema = std::move(sv.schema);
          record.key = std::move(sv.value);
        },
        describe);
    ok = ok && op.execute(
                   Stage::ValueConverter, c_.value_converter_class,
                   [&] {
                     auto value = m.value();
                     auto sv = value ? c_.value_converter->toConnectData(record.topic, value->data(), value->size())
                                     : c_.value_converter->toConnectData(record.topic, nullptr, 0);
                     record.valueSchema = std::move(sv.schema);
                     record.value = std::move(sv.value);
                   },
                   describe);
    ok = ok && op.execute(
                   Stage::HeaderConverter, c_.header_converter_class,
                   [&] {
                     for (const auto& [key, value] : m.headers()) {
                       std::string k(key);
                       auto sv = value ? c_.header_converter->toConnectHeader(record.topic, k, value->data(), value->size())
                                       : c_.header_converter->toConnectHeader(record.topic, k, nullptr, 0);
                       record.headers.add(std::move(k), std::move(sv.schema), std::move(sv.value));
                     }
                   },
                   describe);
    if (!ok) continue;
    if (!c_.transformation_chain.apply(record, op)) continue;
    batch_.push_back(std::move(record));
  }
}

void WorkerSinkTask::deliverMessages() {
  try {
    c_.task->put(batch_);
    for (const auto& [tp, off] : batch_offsets_) {
      if (open_partitions_.count(tp)) current_offsets_[tp] = off;
    }
    batch_offsets_.clear();
    batch_.clear();
    if (paused_for_redelivery_) {
      if (!target_paused_) resumeAll();
      paused_for_redelivery_ = false;
    }
  } catch (const api::RetriableException& e) {
    spdlog::error("{} RetriableException from SinkTask: {}", toString(id_), e.what());
    // The same batch goes to put() again; stop fetching meanwhile.
    paused_for_redelivery_ = true;
    pauseAll();
  } catch (const std::exception& e) {
    spdlog::error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover "
                  "until manually restarted. Error: {}",
                  toString(id_), e.what());
    throw CausedConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
  }
}

void WorkerSinkTask::rewind() {
  std::map<api::TopicPartition, int64_t> rewinds;
  {
    std::lock_guard lock(context_mu_);
    rewinds.swap(pending_rewinds_);
  }
  for (const auto& [tp, offset] : rewinds) {
    if (!open_partitions_.count(tp)) continue;
    spdlog::trace("{} Rewind {} to offset {}", toString(id_), tpString(tp), offset);
    try {
      consumer_->seek(tp, offset);
      last_committed_offsets_[tp] = offset;
      current_offsets_[tp] = offset;
    } catch (const std::exception& e) {
      spdlog::warn("{} Failed to rewind {} to offset {}: {}", toString(id_), tpString(tp), offset, e.what());
    }
  }
}

void WorkerSinkTask::commitOffsets(bool closing, const std::vector<api::TopicPartition>* only) {
  kafka::OffsetMap current;
  for (const auto& [tp, off] : current_offsets_) {
    if (only == nullptr || std::find(only->begin(), only->end(), tp) != only->end()) current[tp] = off;
  }
  std::map<api::TopicPartition, int64_t> task_provided;
  try {
    task_provided = c_.task->preCommit(current);
  } catch (const std::exception& e) {
    spdlog::error("{} Offset commit failed, rewinding to last committed offsets: {}", toString(id_), e.what());
    for (const auto& [tp, off] : last_committed_offsets_) {
      if (only != nullptr && std::find(only->begin(), only->end(), tp) == only->end()) continue;
      try {
        consumer_->seek(tp, off);
      } catch (const std::exception& se) {
        spdlog::warn("{} Failed to rewind {}: {}", toString(id_), tpString(tp), se.what());
      }
      current_offsets_[tp] = off;
    }
    return;
  }
  if (task_provided.empty()) {
    spdlog::debug("{} Skipping offset commit, task opted-out by returning no offsets from preCommit", toString(id_));
    return;
  }
  // Never commit past what was delivered, nor partitions this task no longer owns.
  kafka::OffsetMap to_commit;
  for (const auto& [tp, off] : task_provided) {
    auto it = current.find(tp);
    if (it == current.end()) continue;
    to_commit[tp] = std::min(off, it->second);
  }
  kafka::OffsetMap last;
  for (const auto& [tp, off] : last_committed_offsets_) {
    if (to_commit.count(tp)) last[tp] = off;
  }
  if (to_commit.empty() || to_commit == last) {
    spdlog::debug("{} Skipping offset commit, no change since last commit", toString(id_));
    return;
  }
  if (closing) {
    try {
      consumer_->commitSync(to_commit);
      for (const auto& [tp, off] : to_commit) last_committed_offsets_[tp] = off;
    } catch (const std::exception& e) {
      spdlog::warn("{} Offset commit failed during close: {}", toString(id_), e.what());
    }
  } else {
    ++commit_seq_;
    try {
      consumer_->commitAsync(to_commit);
    } catch (const std::exception& e) {
      spdlog::error("{} Commit of offsets threw an unexpected exception: {}", toString(id_), e.what());
    }
  }
}

void WorkerSinkTask::onCommitCompleted(rd_kafka_resp_err_t error, const kafka::OffsetMap& offsets) {
  if (error == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
  if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    spdlog::error("{} Commit of offsets threw an unexpected exception: {}", toString(id_), rd_kafka_err2str(error));
    return;
  }
  for (const auto& [tp, off] : offsets) {
    if (open_partitions_.count(tp)) last_committed_offsets_[tp] = off;
  }
  spdlog::debug("{} Finished offset commit successfully", toString(id_));
}

void WorkerSinkTask::onPartitionsAssigned(const std::vector<api::TopicPartition>& partitions) {
  spdlog::debug("{} Partitions assigned {}", toString(id_), partitions.size());
  kafka::OffsetMap committed;
  try {
    committed = consumer_->committed(partitions, 10000);
  } catch (const std::exception& e) {
    spdlog::warn("{} Could not fetch committed offsets of assigned partitions: {}", toString(id_), e.what());
  }
  for (const auto& tp : partitions) {
    open_partitions_.insert(tp);
    auto it = committed.find(tp);
    if (it != committed.end()) {
      last_committed_offsets_[tp] = it->second;
      current_offsets_[tp] = it->second;
    }
  }
  if (target_paused_ || paused_for_redelivery_) consumer_->pause(partitions);
  if (!started_) return;
  try {
    c_.task->open(partitions);
  } catch (const std::exception& e) {
    throw CausedConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
  }
}

void WorkerSinkTask::onPartitionsRevoked(const std::vector<api::TopicPartition>& partitions) {
  closePartitions(partitions, false);
}

void WorkerSinkTask::onPartitionsLost(const std::vector<api::TopicPartition>& partitions) {
  closePartitions(partitions, true);
}

void WorkerSinkTask::closePartitions(const std::vector<api::TopicPartition>& partitions, bool lost) {
  std::vector<api::TopicPartition> owned;
  for (const auto& tp : partitions)
    if (open_partitions_.count(tp)) owned.push_back(tp);
  if (owned.empty()) return;
  if (!lost && started_) commitOffsets(true, &owned);
  if (started_) {
    try {
      c_.task->close(owned);
    } catch (const std::exception& e) {
      spdlog::error("{} Task threw an exception while closing partitions: {}", toString(id_), e.what());
    }
  }
  for (const auto& tp : owned) {
    open_partitions_.erase(tp);
    current_offsets_.erase(tp);
    last_committed_offsets_.erase(tp);
    batch_offsets_.erase(tp);
  }
  // Records of revoked partitions will be consumed again by their new owner.
  batch_.erase(std::remove_if(batch_.begin(), batch_.end(),
                              [&](const api::SinkRecord& r) {
                                return std::find(owned.begin(), owned.end(),
                                                 api::TopicPartition{r.originalTopic, r.originalKafkaPartition}) !=
                                       owned.end();
                              }),
               batch_.end());
}

void WorkerSinkTask::pauseAll() { consumer_->pause(consumer_->assignment()); }

void WorkerSinkTask::resumeAll() { consumer_->resume(consumer_->assignment()); }

void WorkerSinkTask::offset(const std::map<api::TopicPartition, int64_t>& offsets) {
  std::lock_guard lock(context_mu_);
  for (const auto& [tp, off] : offsets) pending_rewinds_[tp] = off;
}

void WorkerSinkTask::timeout(int64_t timeout_ms) {
  std::lock_guard lock(context_mu_);
  timeout_ms_ = timeout_ms;
}

void WorkerSinkTask::requestCommit() {
  std::lock_guard lock(context_mu_);
  commit_requested_ = true;
}

void WorkerSinkTask::close() {
  if (consumer_) {
    if (started_) {
      // Final synchronous commit and close() of every partition, then the task's stop().
      std::vector<api::TopicPartition> all(open_partitions_.begin(), open_partitions_.end());
      if (!isCancelled()) closePartitions(all, false);
      try {
        c_.task->stop();
      } catch (const std::exception& e) {
        spdlog::error("{} Failed to stop task: {}", toString(id_), e.what());
      }
    }
    try {
      consumer_->close();
    } catch (const std::exception& e) {
      spdlog::warn("{} Failed to close consumer: {}", toString(id_), e.what());
    }
  }
  c_.transformation_chain.close();
}

}  // namespace connectd::runtime
