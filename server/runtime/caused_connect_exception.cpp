#include "server/runtime/caused_connect_exception.h"

namespace connectd::runtime {

CausedConnectException::CausedConnectException(const std::string& message, const std::exception& cause)
    : api::ConnectException(message), cause_trace_(stackTraceOf(cause)) {}

std::string stackTraceOf(const std::exception& e, std::string_view where) {
  std::string trace = api::traceOf(e, where);
  if (auto* caused = dynamic_cast<const CausedConnectException*>(&e)) {
    trace += "Caused by: ";
    trace += caused->causeTrace();
  }
  return trace;
}

CausedConnectException wrapAsConnectException(const std::exception& cause) {
  return CausedConnectException(std::string(api::javaClassOf(cause)) + ": " + cause.what(), cause);
}

}  // namespace connectd::runtime
