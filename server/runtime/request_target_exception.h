#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/api/errors.h"

namespace connectd::runtime {

// A request this worker cannot serve but another can (Kafka's RequestTargetException): the
// REST layer forwards it to forwardUrl() (a worker's advertised URL), or answers 409 when
// there is none or the request was already forwarded.
class RequestTargetException : public api::ConnectException {
 public:
  RequestTargetException(const std::string& message, std::optional<std::string> forward_url)
      : api::ConnectException(message), forward_url_(std::move(forward_url)) {}
  const std::optional<std::string>& forwardUrl() const { return forward_url_; }
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.runtime.distributed.RequestTargetException";
  }

 private:
  std::optional<std::string> forward_url_;
};

// Only the group leader may do this (it writes to the config topic); forwardUrl() is the leader's URL.
class NotLeaderException : public RequestTargetException {
 public:
  using RequestTargetException::RequestTargetException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.runtime.distributed.NotLeaderException";
  }
};

// The connector or task runs on another worker; forwardUrl() is its owner's URL.
class NotAssignedException : public RequestTargetException {
 public:
  using RequestTargetException::RequestTargetException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.runtime.distributed.NotAssignedException";
  }
};

// This worker's config snapshot is stale (REST answers 409, Kafka's RebalanceNeededException).
class RebalanceNeededException : public api::ConnectException {
 public:
  using api::ConnectException::ConnectException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.runtime.distributed.RebalanceNeededException";
  }
};

}  // namespace connectd::runtime
