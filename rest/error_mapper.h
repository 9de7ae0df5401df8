#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace connectd::rest {

// A JAX-RS WebApplicationException: an HTTP status raised by the routing layer itself (unknown
// path, wrong method, unsupported media type, jakarta.ws.rs.BadRequestException in a resource).
// The message is Jersey's text, e.g. "HTTP 404 Not Found".
class WebApplicationException : public std::runtime_error {
 public:
  WebApplicationException(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

  static WebApplicationException notFound() { return {404, "HTTP 404 Not Found"}; }
  static WebApplicationException methodNotAllowed() { return {405, "HTTP 405 Method Not Allowed"}; }
  static WebApplicationException notAcceptable() { return {406, "HTTP 406 Not Acceptable"}; }
  static WebApplicationException unsupportedMediaType() { return {415, "HTTP 415 Unsupported Media Type"}; }

 private:
  int status_;
};

// An exception whose message must reach the client as JSON null (Java's getMessage() == null).
class NullMessageException : public std::runtime_error {
 public:
  NullMessageException() : std::runtime_error("null") {}
};

// The one place where exceptions become HTTP errors (Kafka's ConnectExceptionMapper). Every
// error body is {"error_code":<status>,"message":<text or null>}.
class ErrorMapper {
 public:
  struct Mapped {
    unsigned status;
    std::optional<std::string> message;
    int error_code;  // the body's error_code: the status, except for a RemoteRestException's own
  };

  // Checked in Connect's order: ConnectRestException (incl. BadRequestException, and
  // RemoteRestException with the other worker's error_code and message) → its status;
  // NotFoundException → 404; AlreadyExistsException → 409; WebApplicationException → its
  // status; anything else (ConnectException, std exceptions, unknown throwables) → 500.
  static Mapped map(std::exception_ptr error);

  // The compact JSON error body.
  static std::string body(int error_code, const std::optional<std::string>& message);

  // Java's Throwable.toString(): "<java class>: <message>" (how ExecutionException wraps causes).
  static std::string javaToString(std::exception_ptr error);
};

}  // namespace connectd::rest
