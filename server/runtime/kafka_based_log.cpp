#include "server/runtime/kafka_based_log.h"

#include <spdlog/spdlog.h>

#include <future>

#include "server/api/errors.h"
#include "server/kafka/kafka_exception.h"
#include "server/runtime/topic_admin.h"

namespace connectd::runtime {

namespace {

constexpr int kMetadataTimeoutMs = 30000;
constexpr int kFlushTimeoutMs = 30000;
constexpr int kStopFlushTimeoutMs = 5000;

void deliver(void* opaque, const kafka::DeliveryReport& report) {
  std::unique_ptr<KafkaBasedLog::SendCallback> cb(static_cast<KafkaBasedLog::SendCallback*>(opaque));
  if (!cb || !*cb) return;
  try {
    (*cb)(report.error, report.error == RD_KAFKA_RESP_ERR_NO_ERROR ? std::string() : rd_kafka_err2str(report.error));
  } catch (const std::exception& e) {
    spdlog::error("Unexpected exception in a send callback of an internal topic: {}", e.what());
  }
}

}  // namespace

KafkaBasedLog::KafkaBasedLog(std::string topic, kafka::ClientProps producer_props, kafka::ClientProps consumer_props,
                             kafka::ClientProps admin_props, ConsumedCallback consumed, TopicInitializer initializer)
    : topic_(std::move(topic)),
      producer_props_(std::move(producer_props)),
      consumer_props_(std::move(consumer_props)),
      admin_props_(std::move(admin_props)),
      consumed_(std::move(consumed)),
      initializer_(std::move(initializer)) {
  // Internal-topic clients, whatever the worker says: keyed records must land where Java's
  // partitioner puts them, and the log is the single source of truth, so every write is
  // fully replicated and never reordered by idempotent retries Connect does not expect.
  producer_props_["enable.idempotence"] = "false";
  producer_props_["acks"] = "all";
  producer_props_["partitioner"] = "murmur2_random";
  // Java's log consumer has no group. librdkafka's consumer needs a group.id even for
  // assign(); the log never subscribes or commits, so this id never joins a group or stores
  // offsets, and it must not be the Connect cluster's group.id.
  consumer_props_["group.id"] = "connectd-kafka-based-log-" + topic_;
  consumer_props_["enable.auto.commit"] = "false";
  consumer_props_["auto.offset.reset"] = "earliest";
}

std::unique_ptr<KafkaBasedLog> KafkaBasedLog::forInternalTopic(const InternalTopicSettings& settings,
                                                               ConsumedCallback consumed) {
  auto initializer = [settings] {
    TopicAdmin admin(settings.admin, settings.admin_timeout_ms);
    kafka::NewTopic topic{settings.topic, settings.partitions, settings.replication_factor, settings.topic_configs};
    admin.createOrFindTopic(topic);
    admin.verifyTopicCleanupPolicyOnlyCompact(settings.topic, settings.worker_topic_config, settings.purpose);
  };
  return std::make_unique<KafkaBasedLog>(settings.topic, settings.producer, settings.consumer, settings.admin,
                                         std::move(consumed), std::move(initializer));
}

KafkaBasedLog::~KafkaBasedLog() {
  try {
    stop();
  } catch (const std::exception& e) {
    spdlog::warn("Failed to stop the log of topic {}: {}", topic_, e.what());
  }
}

bool KafkaBasedLog::started() const {
  std::lock_guard lock(mu_);
  return started_;
}

void KafkaBasedLog::start(std::optional<std::chrono::milliseconds> timeout) {
  spdlog::info("Starting KafkaBasedLog with topic {}", topic_);
  auto deadline = timeout ? std::chrono::steady_clock::now() + *timeout : std::chrono::steady_clock::time_point::max();
  if (initializer_) initializer_();

  producer_ = std::make_unique<kafka::Producer>(producer_props_, &deliver);
  consumer_ = std::make_unique<kafka::Consumer>(consumer_props_);

  // Metadata of a topic that was just created may take a moment to reach every broker.
  {
    kafka::Admin admin(admin_props_);
    while (true) {
      std::optional<int32_t> count;
      try {
        count = admin.partitionCount(topic_, kMetadataTimeoutMs);
      } catch (const kafka::KafkaException& e) {
        spdlog::debug("Metadata of topic {} not available yet: {}", topic_, e.what());
      }
      if (count && *count > 0) {
        partition_count_ = *count;
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        throw api::ConnectException("Could not look up partition metadata for offset backing store topic in allotted "
                                    "period. This could indicate a connectivity issue, unavailable topic partitions, "
                                    "or if this is your first use of the topic it may have taken too long to create.");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  kafka::OffsetMap assignment;
  for (int32_t p = 0; p < partition_count_; ++p) {
    assignment[{topic_, p}] = RD_KAFKA_OFFSET_BEGINNING;
    positions_[p] = 0;
  }
  consumer_->assign(assignment);
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });

  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  readToEnd([done](std::exception_ptr error) {
    if (error) {
      done->set_exception(error);
    } else {
      done->set_value();
    }
  });
  if (future.wait_until(deadline) != std::future_status::ready) {
    stop();
    throw api::ConnectException("Timed out reading the topic " + topic_ + " to its end");
  }
  try {
    future.get();
  } catch (...) {
    stop();
    throw;
  }
  {
    std::lock_guard lock(mu_);
    started_ = true;
  }
  spdlog::info("Finished reading KafkaBasedLog for topic {}", topic_);
  spdlog::info("Started KafkaBasedLog for topic {}", topic_);
}

void KafkaBasedLog::stop() {
  {
    std::lock_guard lock(mu_);
    if (!thread_.joinable() && !producer_ && !consumer_) return;
    stopping_ = true;
  }
  spdlog::info("Stopping KafkaBasedLog for topic {}", topic_);
  if (consumer_) consumer_->wakeup();
  if (thread_.joinable()) thread_.join();

  std::deque<PendingRead> leftover;
  {
    std::lock_guard lock(mu_);
    leftover.swap(pending_reads_);
    started_ = false;
  }
  auto stopped = std::make_exception_ptr(api::ConnectException("The log of topic " + topic_ + " was stopped"));
  for (auto& r : active_reads_) leftover.push_back(std::move(r));
  active_reads_.clear();
  for (auto& r : leftover) {
    if (r.cb) r.cb(stopped);
  }

  if (producer_) {
    try {
      if (producer_->flush(kStopFlushTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        spdlog::warn("Failed to flush the producer of topic {} within {} ms; dropping unsent records", topic_,
                     kStopFlushTimeoutMs);
        producer_->purge();
        producer_->poll(0);
      }
    } catch (const std::exception& e) {
      spdlog::warn("Failed to flush the producer of topic {}: {}", topic_, e.what());
    }
    producer_.reset();
  }
  if (consumer_) {
    try {
      consumer_->close();
    } catch (const std::exception& e) {
      spdlog::warn("Failed to close the consumer of topic {}: {}", topic_, e.what());
    }
    consumer_.reset();
  }
  spdlog::info("Stopped KafkaBasedLog for topic {}", topic_);
}

void KafkaBasedLog::readToEnd(ReadCallback cb) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || !thread_.joinable()) {
      if (cb) cb(std::make_exception_ptr(api::ConnectException("The log of topic " + topic_ + " is not running")));
      return;
    }
    pending_reads_.push_back({std::move(cb)});
    // Under the lock: stop() cannot have released the consumer yet.
    consumer_->wakeup();
  }
}

void KafkaBasedLog::readToEnd(std::chrono::milliseconds timeout) {
  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  readToEnd([done](std::exception_ptr error) {
    if (error) {
      done->set_exception(error);
    } else {
      done->set_value();
    }
  });
  if (future.wait_for(timeout) != std::future_status::ready) {
    throw api::ConnectException("Timed out after " + std::to_string(timeout.count()) + " ms reading topic " + topic_ +
                                " to its end");
  }
  future.get();
}

void KafkaBasedLog::send(std::string_view key, std::optional<std::string_view> value, SendCallback cb) {
  if (!producer_) throw api::ConnectException("The log of topic " + topic_ + " is not running");
  auto* opaque = new SendCallback(std::move(cb));
  // The local queue only fills when the brokers are unreachable for long; wait for room
  // rather than dropping a state change.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kFlushTimeoutMs);
  rd_kafka_resp_err_t err;
  while (true) {
    err = producer_->send(topic_, -1, key, value, {}, 0, opaque);
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::unique_ptr<SendCallback> owned(opaque);
    if (*owned) (*owned)(err, rd_kafka_err2str(err));
  }
}

void KafkaBasedLog::sendWithReceipt(std::string_view key, std::optional<std::string_view> value,
                                    std::chrono::milliseconds timeout) {
  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  std::string topic = topic_;
  send(key, value, [done, topic](rd_kafka_resp_err_t error, const std::string& message) {
    if (error == RD_KAFKA_RESP_ERR_NO_ERROR) {
      done->set_value();
    } else {
      done->set_exception(
          std::make_exception_ptr(api::ConnectException("Failed to write to topic " + topic + ": " + message)));
    }
  });
  // The work thread serves delivery reports; wake it so the ack is seen promptly.
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && consumer_) consumer_->wakeup();
  }
  if (future.wait_for(timeout) != std::future_status::ready) {
    throw api::ConnectException("Timed out after " + std::to_string(timeout.count()) + " ms writing to topic " + topic_);
  }
  future.get();
}

void KafkaBasedLog::fetchEndOffsets() {
  end_offsets_.clear();
  for (int32_t p = 0; p < partition_count_; ++p) {
    int64_t low = 0;
    int64_t high = 0;
    rd_kafka_resp_err_t err =
        rd_kafka_query_watermark_offsets(consumer_->handle(), topic_.c_str(), p, &low, &high, kMetadataTimeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw kafka::KafkaException(err, "Failed to fetch the end offsets of topic " + topic_ + ": " + rd_kafka_err2str(err));
    }
    end_offsets_[p] = high;
    // Nothing below the log start offset can be read any more.
    if (positions_[p] < low) positions_[p] = low;
  }
}

bool KafkaBasedLog::reachedEnd() const {
  for (const auto& [p, end] : end_offsets_) {
    auto it = positions_.find(p);
    if (it == positions_.end() || it->second < end) return false;
  }
  return true;
}

void KafkaBasedLog::completeReads(std::exception_ptr error) {
  auto reads = std::move(active_reads_);
  active_reads_.clear();
  for (auto& r : reads) {
    if (!r.cb) continue;
    try {
      r.cb(error);
    } catch (const std::exception& e) {
      spdlog::error("Unexpected exception in a read-to-end callback of topic {}: {}", topic_, e.what());
    }
  }
}

void KafkaBasedLog::run() {
  std::vector<kafka::ConsumerMessage> batch;
  while (true) {
    bool fetch = false;
    {
      std::lock_guard lock(mu_);
      if (stopping_) break;
      if (active_reads_.empty() && !pending_reads_.empty()) {
        while (!pending_reads_.empty()) {
          active_reads_.push_back(std::move(pending_reads_.front()));
          pending_reads_.pop_front();
        }
        fetch = true;
      }
    }
    try {
      if (fetch) {
        // Records this worker sent before asking must be part of what it reads.
        if (producer_->flush(kFlushTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
          spdlog::warn("Records to topic {} still unacknowledged after {} ms", topic_, kFlushTimeoutMs);
        }
        try {
          fetchEndOffsets();
          if (reachedEnd()) completeReads(nullptr);
        } catch (const kafka::KafkaException& e) {
          if (e.code() == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
              e.code() == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED || e.code() == RD_KAFKA_RESP_ERR__FATAL) {
            throw;
          }
          // Leadership moves and fresh topics answer with transient errors: ask again after
          // the poll below; the requester's own timeout bounds the wait.
          spdlog::debug("Retrying the end offsets of topic {}: {}", topic_, e.what());
          std::lock_guard lock(mu_);
          for (auto& r : active_reads_) pending_reads_.push_front(std::move(r));
          active_reads_.clear();
          end_offsets_.clear();
        }
      }
      batch.clear();
      consumer_->poll(batch, 500, 100);
      for (const auto& msg : batch) {
        positions_[msg.partition()] = msg.offset() + 1;
        if (!consumed_) continue;
        try {
          consumed_(LogRecord{msg.key(), msg.value(), msg.partition(), msg.offset()});
        } catch (const std::exception& e) {
          spdlog::error("Unexpected exception processing record {} of topic {}: {}", msg.offset(), topic_, e.what());
        }
      }
      producer_->poll(0);
      if (!active_reads_.empty() && reachedEnd()) completeReads(nullptr);
    } catch (const std::exception& e) {
      spdlog::error("Unexpected exception in the work thread of topic {}: {}", topic_, e.what());
      if (!active_reads_.empty()) completeReads(std::current_exception());
    }
  }
}

}  // namespace connectd::runtime
