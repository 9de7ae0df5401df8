#pragma once

#include <librdkafka/rdkafka.h>

#include <string>

#include "server/api/errors.h"

namespace connectd::kafka {

// A librdkafka failure surfaced to Connect code (Java: org.apache.kafka.common.KafkaException
// and its subclasses). `code()` keeps the librdkafka error for callers that branch on it.
class KafkaException : public api::ConnectException {
 public:
  KafkaException(rd_kafka_resp_err_t code, const std::string& message)
      : api::ConnectException(message), code_(code) {}
  rd_kafka_resp_err_t code() const { return code_; }
  std::string_view javaClass() const override { return "org.apache.kafka.common.KafkaException"; }

 private:
  rd_kafka_resp_err_t code_;
};

}  // namespace connectd::kafka
