#include "server/runtime/kafka_offset_backing_store.h"

#include <spdlog/spdlog.h>

#include <condition_variable>

#include "server/api/errors.h"
#include "server/runtime/offset_utils.h"

namespace connectd::runtime {

KafkaOffsetBackingStore::KafkaOffsetBackingStore(InternalTopicSettings settings, std::chrono::milliseconds timeout)
    : settings_(std::move(settings)), timeout_(timeout) {
  if (settings_.topic.empty() || settings_.topic.find_first_not_of(" \t") == std::string::npos) {
    throw api::ConfigException("Offset storage topic must be specified");
  }
}

KafkaOffsetBackingStore::~KafkaOffsetBackingStore() { stop(); }

void KafkaOffsetBackingStore::start() {
  // The worker starts the shared store once; source tasks call start() too (as they would on a
  // connector-specific store), which must not re-read or interrupt the running log.
  std::lock_guard lifecycle(lifecycle_mu_);
  if (log_) return;
  spdlog::info("Starting KafkaOffsetBackingStore");
  log_ = KafkaBasedLog::forInternalTopic(settings_, [this](const LogRecord& r) { onRecord(r); });
  log_->start();
  spdlog::info("Finished reading offsets topic and starting KafkaOffsetBackingStore");
}

void KafkaOffsetBackingStore::stop() {
  std::lock_guard lifecycle(lifecycle_mu_);
  if (!log_) return;
  spdlog::info("Stopping KafkaOffsetBackingStore");
  log_->stop();
  log_.reset();
}

void KafkaOffsetBackingStore::onRecord(const LogRecord& record) {
  if (!record.key) return;
  std::string key(*record.key);
  auto parsed = OffsetUtils::parseKey(key);
  std::lock_guard lock(mu_);
  if (record.value) {
    data_[key] = std::string(*record.value);
  } else {
    data_.erase(key);
  }
  if (!parsed) {
    spdlog::debug("Ignoring offsets-topic key {} when tracking connector partitions: not a [name, partition] pair",
                  key);
    return;
  }
  auto& [connector, partition] = *parsed;
  if (record.value) {
    partitions_[connector][key] = std::move(partition);
  } else {
    auto it = partitions_.find(connector);
    if (it != partitions_.end()) {
      it->second.erase(key);
      if (it->second.empty()) partitions_.erase(it);
    }
  }
}

std::map<std::string, std::string> KafkaOffsetBackingStore::get(const std::vector<std::string>& keys) {
  if (!log_) throw api::ConnectException("KafkaOffsetBackingStore is not running");
  log_->readToEnd(timeout_);
  std::map<std::string, std::string> out;
  std::lock_guard lock(mu_);
  for (const auto& k : keys) {
    auto it = data_.find(k);
    if (it != data_.end()) out.emplace(k, it->second);
  }
  return out;
}

void KafkaOffsetBackingStore::set(const Entries& entries) {
  if (!log_) throw api::ConnectException("KafkaOffsetBackingStore is not running");
  if (entries.empty()) return;
  struct Pending {
    std::mutex mu;
    std::condition_variable cv;
    size_t remaining = 0;
    std::string error;
  };
  auto pending = std::make_shared<Pending>();
  pending->remaining = entries.size();
  for (const auto& [key, value] : entries) {
    std::optional<std::string_view> v;
    if (value) v = *value;
    log_->send(key, v, [pending](rd_kafka_resp_err_t error, const std::string& message) {
      std::lock_guard lock(pending->mu);
      if (error != RD_KAFKA_RESP_ERR_NO_ERROR && pending->error.empty()) pending->error = message;
      if (--pending->remaining == 0) pending->cv.notify_all();
    });
  }
  std::unique_lock lock(pending->mu);
  if (!pending->cv.wait_for(lock, timeout_, [&] { return pending->remaining == 0; })) {
    throw api::ConnectException("Timed out waiting for " + std::to_string(pending->remaining) +
                                " offset writes to topic " + settings_.topic + " to be acknowledged");
  }
  if (!pending->error.empty()) {
    throw api::ConnectException("Failed to write offsets to topic " + settings_.topic + ": " + pending->error);
  }
}

std::vector<api::OffsetMap> KafkaOffsetBackingStore::connectorPartitions(const std::string& connector) {
  if (log_) log_->readToEnd(timeout_);
  std::vector<api::OffsetMap> out;
  std::lock_guard lock(mu_);
  auto it = partitions_.find(connector);
  if (it == partitions_.end()) return out;
  for (const auto& [key, partition] : it->second) out.push_back(partition);
  return out;
}

}  // namespace connectd::runtime
