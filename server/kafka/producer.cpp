#include "server/kafka/producer.h"

#include "server/kafka/kafka_exception.h"

namespace connectd::kafka {

Producer::Producer(const ClientProps& props, DeliveryHandler on_delivery) : on_delivery_(std::move(on_delivery)) {
  ConfPtr conf = ClientConfig::build(ClientType::Producer, props);
  rd_kafka_conf_set_opaque(conf.get(), this);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &Producer::onDelivery);
  char err[512];
  rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof(err));
  if (rk_ == nullptr) throw KafkaException(RD_KAFKA_RESP_ERR__INVALID_ARG, std::string("Failed to construct kafka producer: ") + err);
  conf.release();  // owned by rk_ now
}

Producer::~Producer() {
  for (auto& [name, rkt] : topics_) rd_kafka_topic_destroy(rkt);
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

rd_kafka_topic_t* Producer::topicHandle(std::string_view topic) {
  if (last_topic_ != nullptr && topic == last_topic_name_) return last_topic_;
  auto it = topics_.find(topic);
  if (it == topics_.end()) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, std::string(topic).c_str(), nullptr);
    if (rkt == nullptr) return nullptr;
    it = topics_.emplace(std::string(topic), rkt).first;
  }
  last_topic_ = it->second;
  last_topic_name_ = it->first;
  return last_topic_;
}

void Producer::onDelivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  if (!self->on_delivery_) return;
  DeliveryReport report;
  report.error = msg->err;
  if (msg->rkt != nullptr) report.topic = rd_kafka_topic_name(msg->rkt);
  report.partition = msg->partition;
  report.offset = msg->offset;
  rd_kafka_timestamp_type_t tstype;
  report.timestamp = rd_kafka_message_timestamp(msg, &tstype);
  try {
    self->on_delivery_(msg->_private, report);
  } catch (...) {
    if (!self->callback_error_) self->callback_error_ = std::current_exception();
  }
}

void Producer::rethrowCallbackError() {
  if (callback_error_) {
    auto e = callback_error_;
    callback_error_ = nullptr;
    std::rethrow_exception(e);
  }
}

rd_kafka_resp_err_t Producer::send(std::string_view topic, int32_t partition, std::optional<std::string_view> key,
                                   std::optional<std::string_view> value,
                                   const std::vector<ProducerHeader>& headers, int64_t timestamp_ms, void* opaque) {
  rd_kafka_headers_t* hdrs = nullptr;
  if (!headers.empty()) {
    hdrs = rd_kafka_headers_new(headers.size());
    for (const auto& h : headers) {
      rd_kafka_header_add(hdrs, h.key.data(), static_cast<ssize_t>(h.key.size()),
                          h.value ? h.value->data() : nullptr, h.value ? static_cast<ssize_t>(h.value->size()) : 0);
    }
  }
  rd_kafka_topic_t* rkt = topicHandle(topic);
  if (rkt == nullptr) {
    if (hdrs != nullptr) rd_kafka_headers_destroy(hdrs);
    return rd_kafka_last_error();
  }
  void* key_ptr = key ? const_cast<char*>(key->data()) : nullptr;
  size_t key_len = key ? key->size() : 0;
  void* value_ptr = value ? const_cast<char*>(value->data()) : nullptr;
  size_t value_len = value ? value->size() : 0;
  int32_t part = partition < 0 ? RD_KAFKA_PARTITION_UA : partition;
  int64_t ts = timestamp_ms > 0 ? timestamp_ms : 0;
  rd_kafka_resp_err_t err = rd_kafka_producev(
      rk_, RD_KAFKA_V_RKT(rkt),
      RD_KAFKA_V_PARTITION(part), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key_ptr, key_len),
      RD_KAFKA_V_VALUE(value_ptr, value_len), RD_KAFKA_V_TIMESTAMP(ts), RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque),
      RD_KAFKA_V_END);
  // On success librdkafka owns the headers; on failure they are still ours.
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && hdrs != nullptr) rd_kafka_headers_destroy(hdrs);
  return err;
}

int Producer::poll(int timeout_ms) {
  int n = rd_kafka_poll(rk_, timeout_ms);
  rethrowCallbackError();
  return n;
}

rd_kafka_resp_err_t Producer::flush(int timeout_ms) {
  rd_kafka_resp_err_t err = rd_kafka_flush(rk_, timeout_ms);
  rethrowCallbackError();
  return err;
}

void Producer::purge() { rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT); }

int Producer::outstanding() const { return rd_kafka_outq_len(rk_); }

}  // namespace connectd::kafka
