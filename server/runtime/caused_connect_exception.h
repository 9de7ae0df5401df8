#pragma once

#include <exception>
#include <string>

#include "server/api/errors.h"

namespace connectd::runtime {

// A ConnectException with a cause (Java's new ConnectException(message, cause)). The cause is
// kept as its rendered trace, so the status trace reads like Java's printStackTrace:
//   org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler
//   Caused by: org.apache.kafka.connect.errors.DataException: ...
class CausedConnectException : public api::ConnectException {
 public:
  CausedConnectException(const std::string& message, const std::exception& cause);
  const std::string& causeTrace() const { return cause_trace_; }

 private:
  std::string cause_trace_;
};

// The full trace of `e`: traceOf(e, where) plus "Caused by: " chains.
std::string stackTraceOf(const std::exception& e, std::string_view where = {});

// new ConnectException(cause): Java's message is cause.toString() ("<class>: <message>").
CausedConnectException wrapAsConnectException(const std::exception& cause);

}  // namespace connectd::runtime
