#include "connectors/mysql/schema_history.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include "server/api/errors.h"
#include "server/kafka/admin.h"
#include "server/kafka/consumer.h"
#include "server/kafka/kafka_exception.h"
#include "server/kafka/producer.h"

namespace connectd::mysql {

namespace {

constexpr int32_t kPartition = 0;

}  // namespace

struct KafkaSchemaHistory::Impl {
  Options options;
  std::unique_ptr<kafka::Producer> producer;
  std::optional<rd_kafka_resp_err_t> last_delivery;

  kafka::ClientProps baseProps() const {
    kafka::ClientProps props;
    props["bootstrap.servers"] = options.bootstrap_servers;
    props["client.id"] = options.client_id;
    return props;
  }

  kafka::Producer& ensureProducer() {
    if (!producer) {
      kafka::ClientProps props = baseProps();
      // KafkaSchemaHistory's producer: every record acknowledged before the events that need it.
      props["acks"] = "1";
      props["retries"] = "1";
      props["linger.ms"] = "0";
      for (const auto& [k, v] : options.producer) props[k] = v;
      producer = std::make_unique<kafka::Producer>(props, [this](void*, const kafka::DeliveryReport& report) {
        last_delivery = report.error;
      });
    }
    return *producer;
  }

  // (low, high) watermarks of partition 0; nullopt when the topic does not exist.
  std::optional<std::pair<int64_t, int64_t>> watermarks() {
    kafka::Admin admin(baseProps());
    auto partitions = admin.partitionCount(options.topic, static_cast<int>(options.query_timeout_ms));
    if (!partitions) return std::nullopt;
    kafka::Producer& p = ensureProducer();
    int64_t low = 0;
    int64_t high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(p.handle(), options.topic.c_str(), kPartition, &low,
                                                               &high, static_cast<int>(options.query_timeout_ms));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw api::ConnectException("Failed to read the end offset of schema history topic '" + options.topic +
                                  "': " + rd_kafka_err2str(err));
    }
    return std::make_pair(low, high);
  }
};

KafkaSchemaHistory::KafkaSchemaHistory(Options options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

KafkaSchemaHistory::~KafkaSchemaHistory() { stop(); }

bool KafkaSchemaHistory::storageExists() {
  kafka::Admin admin(impl_->baseProps());
  return admin.partitionCount(impl_->options.topic, static_cast<int>(impl_->options.query_timeout_ms)).has_value();
}

bool KafkaSchemaHistory::exists() {
  auto marks = impl_->watermarks();
  return marks && marks->second > marks->first;
}

void KafkaSchemaHistory::initializeStorage() {
  kafka::Admin admin(impl_->baseProps());
  if (admin.partitionCount(impl_->options.topic, static_cast<int>(impl_->options.query_timeout_ms))) return;
  kafka::NewTopic topic;
  topic.name = impl_->options.topic;
  topic.partitions = 1;
  topic.replication_factor = -1;  // the broker's default.replication.factor, as Debezium reads it
  topic.configs = {{"cleanup.policy", "delete"},
                   {"retention.ms", "9223372036854775807"},
                   {"retention.bytes", "-1"}};
  admin.createTopic(topic, static_cast<int>(impl_->options.create_timeout_ms));
  spdlog::info("Database schema history topic '{}' created", topic.name);
}

void KafkaSchemaHistory::storeRecord(const HistoryRecord& record) {
  const std::string value = serializeHistoryRecord(record);
  kafka::Producer& p = impl_->ensureProducer();
  impl_->last_delivery.reset();
  rd_kafka_resp_err_t err;
  while ((err = p.send(impl_->options.topic, kPartition, std::nullopt, std::string_view(value), {}, 0, nullptr)) ==
         RD_KAFKA_RESP_ERR__QUEUE_FULL) {
    p.poll(100);
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw api::ConnectException("Failed to write a record to the schema history topic '" + impl_->options.topic +
                                "': " + rd_kafka_err2str(err));
  }
  if (p.flush(static_cast<int>(std::max<int64_t>(impl_->options.create_timeout_ms, 30000))) != RD_KAFKA_RESP_ERR_NO_ERROR ||
      !impl_->last_delivery) {
    throw api::ConnectException("Timed out writing a record to the schema history topic '" + impl_->options.topic + "'");
  }
  if (*impl_->last_delivery != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw api::ConnectException("Failed to write a record to the schema history topic '" + impl_->options.topic +
                                "': " + rd_kafka_err2str(*impl_->last_delivery));
  }
}

void KafkaSchemaHistory::recover(const std::function<void(HistoryRecord&&)>& on_record) {
  auto marks = impl_->watermarks();
  if (!marks || marks->second <= marks->first) return;
  const int64_t end = marks->second;
  kafka::ClientProps props = impl_->baseProps();
  props["group.id"] = impl_->options.client_id;
  props["enable.auto.commit"] = "false";
  props["auto.offset.reset"] = "earliest";
  for (const auto& [k, v] : impl_->options.consumer) props[k] = v;
  kafka::Consumer consumer(props);
  consumer.assign({{api::TopicPartition{impl_->options.topic, kPartition}, marks->first}});
  int64_t next = marks->first;
  int idle_polls = 0;
  std::vector<kafka::ConsumerMessage> batch;
  while (next < end) {
    batch.clear();
    consumer.poll(batch, 500, static_cast<int>(impl_->options.recovery_poll_interval_ms));
    if (batch.empty()) {
      if (++idle_polls > impl_->options.recovery_attempts) {
        throw api::ConnectException("The schema history couldn't be recovered: no records read from '" +
                                    impl_->options.topic + "' after " + std::to_string(idle_polls) +
                                    " attempts, expected up to offset " + std::to_string(end));
      }
      continue;
    }
    idle_polls = 0;
    for (auto& m : batch) {
      if (m.error() != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
      next = m.offset() + 1;
      auto v = m.value();
      if (!v || v->empty()) continue;
      try {
        on_record(parseHistoryRecord(*v));
      } catch (const api::ConnectException&) {
        throw;
      } catch (const std::exception& e) {
        spdlog::warn("Skipping unreadable schema history record at offset {}: {}", m.offset(), e.what());
      }
    }
  }
  consumer.close();
}

void KafkaSchemaHistory::stop() {
  if (impl_ && impl_->producer) {
    impl_->producer->flush(5000);
    impl_->producer.reset();
  }
}

bool FileSchemaHistory::storageExists() {
  std::ifstream in(path_);
  return in.good();
}

bool FileSchemaHistory::exists() {
  std::ifstream in(path_);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) return true;
  }
  return false;
}

void FileSchemaHistory::initializeStorage() {
  std::ofstream out(path_, std::ios::app);
  if (!out) throw api::ConnectException("Unable to create history file at " + path_);
}

void FileSchemaHistory::storeRecord(const HistoryRecord& record) {
  std::string text = serializeHistoryRecord(record);
  // One document per line: the pretty printer's newlines are folded away.
  std::string line;
  line.reserve(text.size());
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      line.push_back(c);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '\n' || c == '\r') continue;
    line.push_back(c);
  }
  std::ofstream out(path_, std::ios::app);
  out << line << '\n';
  out.flush();
  if (!out) throw api::ConnectException("Unable to write to history file " + path_);
}

void FileSchemaHistory::recover(const std::function<void(HistoryRecord&&)>& on_record) {
  std::ifstream in(path_);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    on_record(parseHistoryRecord(line));
  }
}

}  // namespace connectd::mysql
