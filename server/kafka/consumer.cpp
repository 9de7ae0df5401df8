#include "server/kafka/consumer.h"

#include <spdlog/spdlog.h>

#include <cstring>

#include "server/kafka/kafka_exception.h"

namespace connectd::kafka {

std::string ConsumerMessage::errorString() const {
  if (msg_->err == RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  return rd_kafka_message_errstr(msg_.get());
}

std::string_view ConsumerMessage::topic() const {
  return msg_->rkt != nullptr ? std::string_view(rd_kafka_topic_name(msg_->rkt)) : std::string_view();
}

std::optional<std::string_view> ConsumerMessage::key() const {
  if (msg_->key == nullptr) return std::nullopt;
  return std::string_view(static_cast<const char*>(msg_->key), msg_->key_len);
}

std::optional<std::string_view> ConsumerMessage::value() const {
  if (msg_->payload == nullptr) return std::nullopt;
  return std::string_view(static_cast<const char*>(msg_->payload), msg_->len);
}

int64_t ConsumerMessage::timestamp(rd_kafka_timestamp_type_t* type) const {
  return rd_kafka_message_timestamp(msg_.get(), type);
}

std::vector<std::pair<std::string_view, std::optional<std::string_view>>> ConsumerMessage::headers() const {
  std::vector<std::pair<std::string_view, std::optional<std::string_view>>> out;
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(msg_.get(), &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR || hdrs == nullptr) return out;
  const char* name;
  const void* value;
  size_t size;
  for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
    std::optional<std::string_view> v;
    if (value != nullptr) v = std::string_view(static_cast<const char*>(value), size);
    out.emplace_back(std::string_view(name), v);
  }
  return out;
}

PartitionListPtr toPartitionList(const OffsetMap& offsets) {
  PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
  for (const auto& [tp, offset] : offsets) {
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = offset;
  }
  return list;
}

PartitionListPtr toPartitionList(const std::vector<TopicPartition>& partitions) {
  PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& tp : partitions) rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
  return list;
}

std::vector<TopicPartition> fromPartitionList(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  if (list == nullptr) return out;
  out.reserve(list->cnt);
  for (int i = 0; i < list->cnt; ++i) out.push_back({list->elems[i].topic, list->elems[i].partition});
  return out;
}

OffsetMap offsetsFromPartitionList(const rd_kafka_topic_partition_list_t* list) {
  OffsetMap out;
  if (list == nullptr) return out;
  for (int i = 0; i < list->cnt; ++i) {
    const auto& e = list->elems[i];
    if (e.err == RD_KAFKA_RESP_ERR_NO_ERROR && e.offset >= 0) out[{e.topic, e.partition}] = e.offset;
  }
  return out;
}

Consumer::Consumer(const ClientProps& props, RebalanceListener* listener, CommitCallback on_commit)
    : listener_(listener), on_commit_(std::move(on_commit)) {
  ConfPtr conf = ClientConfig::build(ClientType::Consumer, props);
  rd_kafka_conf_set_opaque(conf.get(), this);
  rd_kafka_conf_set_rebalance_cb(conf.get(), &Consumer::onRebalance);
  rd_kafka_conf_set_offset_commit_cb(conf.get(), &Consumer::onCommit);
  char err[512];
  rk_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof(err));
  if (rk_ == nullptr) throw KafkaException(RD_KAFKA_RESP_ERR__INVALID_ARG, std::string("Failed to construct kafka consumer: ") + err);
  conf.release();
  rd_kafka_poll_set_consumer(rk_);
  consumer_queue_ = rd_kafka_queue_get_consumer(rk_);
}

Consumer::~Consumer() {
  if (rk_ == nullptr) return;
  if (!closed_) {
    // Callbacks must not reach an owner that is being destroyed.
    listener_ = nullptr;
    on_commit_ = nullptr;
    rd_kafka_consumer_close(rk_);
  }
  if (consumer_queue_ != nullptr) rd_kafka_queue_destroy(consumer_queue_);
  rd_kafka_destroy(rk_);
}

void Consumer::onRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                           void* opaque) {
  auto* self = static_cast<Consumer*>(opaque);
  bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  auto partitions = fromPartitionList(parts);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_error_t* error = nullptr;
    if (cooperative) {
      error = rd_kafka_incremental_assign(rk, parts);
    } else {
      rd_kafka_assign(rk, parts);
    }
    if (error != nullptr) {
      spdlog::error("Partition assignment failed: {}", rd_kafka_error_string(error));
      rd_kafka_error_destroy(error);
    }
    if (self->listener_ != nullptr && !self->callback_error_) {
      try {
        self->listener_->onPartitionsAssigned(partitions);
      } catch (...) {
        self->callback_error_ = std::current_exception();
      }
    }
  } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    if (self->listener_ != nullptr && !self->callback_error_) {
      try {
        if (rd_kafka_assignment_lost(rk)) {
          self->listener_->onPartitionsLost(partitions);
        } else {
          self->listener_->onPartitionsRevoked(partitions);
        }
      } catch (...) {
        self->callback_error_ = std::current_exception();
      }
    }
    if (cooperative) {
      rd_kafka_error_t* error = rd_kafka_incremental_unassign(rk, parts);
      if (error != nullptr) rd_kafka_error_destroy(error);
    } else {
      rd_kafka_assign(rk, nullptr);
    }
  } else {
    spdlog::error("Rebalance failed: {}", rd_kafka_err2str(err));
    rd_kafka_assign(rk, nullptr);
  }
}

void Consumer::onCommit(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* offsets,
                        void* opaque) {
  auto* self = static_cast<Consumer*>(opaque);
  if (!self->on_commit_ || self->callback_error_) return;
  try {
    self->on_commit_(err, offsetsFromPartitionList(offsets));
  } catch (...) {
    self->callback_error_ = std::current_exception();
  }
}

void Consumer::rethrowCallbackError() {
  if (callback_error_) {
    auto e = callback_error_;
    callback_error_ = nullptr;
    std::rethrow_exception(e);
  }
}

void Consumer::wakeup() {
  if (consumer_queue_ != nullptr) rd_kafka_queue_yield(consumer_queue_);
}

void Consumer::subscribeList(const std::vector<std::string>& topics) {
  PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
  for (const auto& t : topics) rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk_, list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) throw KafkaException(err, std::string("Failed to subscribe: ") + rd_kafka_err2str(err));
}

void Consumer::subscribe(const std::vector<std::string>& topics) { subscribeList(topics); }

void Consumer::subscribePattern(const std::string& regex) {
  // Java's Pattern.matcher(topic).matches() anchors both ends; librdkafka treats a topic
  // starting with '^' as a regex and searches it (POSIX ERE: no non-capturing groups).
  std::string body = regex;
  if (!body.empty() && body[0] == '^') body.erase(0, 1);
  if (!body.empty() && body.back() == '$') body.pop_back();
  subscribeList({"^(" + body + ")$"});
}

void Consumer::assign(const OffsetMap& partitions) {
  auto list = toPartitionList(partitions);
  rd_kafka_resp_err_t err = rd_kafka_assign(rk_, list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) throw KafkaException(err, std::string("Failed to assign: ") + rd_kafka_err2str(err));
}

size_t Consumer::poll(std::vector<ConsumerMessage>& out, size_t max, int timeout_ms) {
  size_t added = 0;
  int wait = timeout_ms;
  while (added < max) {
    rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk_, wait);
    rethrowCallbackError();
    if (msg == nullptr) break;
    wait = 0;
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      ConsumerMessage m(msg);
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
      if (msg->err == RD_KAFKA_RESP_ERR__FATAL) {
        char reason[512];
        rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk_, reason, sizeof(reason));
        throw KafkaException(orig, std::string("Fatal consumer error: ") + reason);
      }
      spdlog::warn("Consumer error: {}", m.errorString());
      continue;
    }
    out.emplace_back(msg);
    ++added;
  }
  return added;
}

void Consumer::commitSync(const OffsetMap& offsets) {
  if (offsets.empty()) return;
  auto list = toPartitionList(offsets);
  rd_kafka_resp_err_t err = rd_kafka_commit(rk_, list.get(), 0);
  rethrowCallbackError();
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
    throw KafkaException(err, std::string("Offset commit failed: ") + rd_kafka_err2str(err));
  }
}

void Consumer::commitAsync(const OffsetMap& offsets) {
  if (offsets.empty()) return;
  auto list = toPartitionList(offsets);
  rd_kafka_resp_err_t err = rd_kafka_commit(rk_, list.get(), 1);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) throw KafkaException(err, std::string("Offset commit failed: ") + rd_kafka_err2str(err));
}

void Consumer::pause(const std::vector<TopicPartition>& partitions) {
  if (partitions.empty()) return;
  auto list = toPartitionList(partitions);
  rd_kafka_pause_partitions(rk_, list.get());
}

void Consumer::resume(const std::vector<TopicPartition>& partitions) {
  if (partitions.empty()) return;
  auto list = toPartitionList(partitions);
  rd_kafka_resume_partitions(rk_, list.get());
}

void Consumer::seek(const TopicPartition& partition, int64_t offset, int timeout_ms) {
  auto list = toPartitionList(OffsetMap{{partition, offset}});
  rd_kafka_error_t* error = rd_kafka_seek_partitions(rk_, list.get(), timeout_ms);
  if (error != nullptr) {
    std::string msg = rd_kafka_error_string(error);
    rd_kafka_resp_err_t code = rd_kafka_error_code(error);
    rd_kafka_error_destroy(error);
    throw KafkaException(code, "Seek failed: " + msg);
  }
  if (list->elems[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaException(list->elems[0].err, std::string("Seek failed: ") + rd_kafka_err2str(list->elems[0].err));
  }
}

std::vector<TopicPartition> Consumer::assignment() const {
  rd_kafka_topic_partition_list_t* list = nullptr;
  if (rd_kafka_assignment(rk_, &list) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  PartitionListPtr owned(list);
  return fromPartitionList(list);
}

OffsetMap Consumer::committed(const std::vector<TopicPartition>& partitions, int timeout_ms) const {
  auto list = toPartitionList(partitions);
  rd_kafka_resp_err_t err = rd_kafka_committed(rk_, list.get(), timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaException(err, std::string("Failed to fetch committed offsets: ") + rd_kafka_err2str(err));
  }
  return offsetsFromPartitionList(list.get());
}

std::optional<int64_t> Consumer::position(const TopicPartition& partition) const {
  auto list = toPartitionList(std::vector<TopicPartition>{partition});
  if (rd_kafka_position(rk_, list.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  if (list->elems[0].offset < 0) return std::nullopt;
  return list->elems[0].offset;
}

void Consumer::close() {
  if (closed_) return;
  closed_ = true;
  rd_kafka_consumer_close(rk_);
  rethrowCallbackError();
}

}  // namespace connectd::kafka
