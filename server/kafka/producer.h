#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/kafka/client_config.h"

namespace connectd::kafka {

// The outcome of one produced message, as the delivery report callback sees it.
struct DeliveryReport {
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string_view topic;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = -1;
};

// A record header; a null `value` is a null header value.
struct ProducerHeader {
  std::string_view key;
  std::optional<std::string_view> value;
};

// An asynchronous librdkafka producer (KafkaProducer<byte[], byte[]>).
//
// send() only enqueues; delivery reports are handed to the DeliveryHandler from poll() or
// flush(), on the thread that calls them, with the opaque pointer given to send(). An
// exception thrown by the handler is rethrown from that poll()/flush(). One
// thread uses a Producer at a time (its owner's); librdkafka's own threads never call back
// into user code.
class Producer {
 public:
  using DeliveryHandler = std::function<void(void* opaque, const DeliveryReport& report)>;

  // Throws KafkaException when librdkafka refuses the configuration.
  Producer(const ClientProps& props, DeliveryHandler on_delivery);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Enqueues one record. `partition` < 0 lets the partitioner (murmur2_random) choose;
  // a null key/value is a Kafka null; `timestamp_ms` <= 0 lets the producer stamp it.
  // Returns RD_KAFKA_RESP_ERR__QUEUE_FULL when the local queue is full (poll and retry),
  // another error code when the record can never be sent (unknown partition, too large).
  rd_kafka_resp_err_t send(std::string_view topic, int32_t partition, std::optional<std::string_view> key,
                           std::optional<std::string_view> value, const std::vector<ProducerHeader>& headers,
                           int64_t timestamp_ms, void* opaque);

  // Serves delivery reports; returns how many were served.
  int poll(int timeout_ms);
  // Waits until everything queued is delivered or failed (reports served), up to timeout.
  // Returns RD_KAFKA_RESP_ERR__TIMED_OUT if messages remain.
  rd_kafka_resp_err_t flush(int timeout_ms);
  // Fails everything still queued or in flight (their reports arrive on the next poll()).
  void purge();
  // Messages not yet acknowledged.
  int outstanding() const;

  rd_kafka_t* handle() const { return rk_; }

 private:
  static void onDelivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);

  void rethrowCallbackError();
  // The topic's handle, made on first use and kept (naming the topic per message costs a
  // lookup under librdkafka's lock and a NUL-terminated copy of the name).
  rd_kafka_topic_t* topicHandle(std::string_view topic);

  rd_kafka_t* rk_ = nullptr;
  std::map<std::string, rd_kafka_topic_t*, std::less<>> topics_;
  rd_kafka_topic_t* last_topic_ = nullptr;
  std::string_view last_topic_name_;
  DeliveryHandler on_delivery_;
  // An exception thrown by the handler, rethrown once control is back in C++ frames.
  std::exception_ptr callback_error_;
};

}  // namespace connectd::kafka
