#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace connectd::api {

// Connect's exception hierarchy. javaClass() is the Java class name that appears in REST
// messages and status traces, so operators see the names they know from Kafka Connect.
class ConnectException : public std::runtime_error {
 public:
  explicit ConnectException(const std::string& message) : std::runtime_error(message) {}
  virtual std::string_view javaClass() const { return "org.apache.kafka.connect.errors.ConnectException"; }
};

class DataException : public ConnectException {
 public:
  using ConnectException::ConnectException;
  std::string_view javaClass() const override { return "org.apache.kafka.connect.errors.DataException"; }
};

class SchemaBuilderException : public DataException {
 public:
  using DataException::DataException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.errors.SchemaBuilderException";
  }
};

class RetriableException : public ConnectException {
 public:
  using ConnectException::ConnectException;
  std::string_view javaClass() const override { return "org.apache.kafka.connect.errors.RetriableException"; }
};

class NotFoundException : public ConnectException {
 public:
  using ConnectException::ConnectException;
  std::string_view javaClass() const override { return "org.apache.kafka.connect.errors.NotFoundException"; }
};

class AlreadyExistsException : public ConnectException {
 public:
  using ConnectException::ConnectException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.errors.AlreadyExistsException";
  }
};

class IllegalWorkerStateException : public ConnectException {
 public:
  using ConnectException::ConnectException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.errors.IllegalWorkerStateException";
  }
};

// org.apache.kafka.common.config.ConfigException. The (name, value, message) form renders
// Kafka's "Invalid value <v> for configuration <name>: <message>".
class ConfigException : public ConnectException {
 public:
  explicit ConfigException(const std::string& message) : ConnectException(message) {}
  ConfigException(const std::string& name, const std::string& value, const std::string& message)
      : ConnectException("Invalid value " + value + " for configuration " + name +
                         (message.empty() ? "" : ": " + message)),
        name_(name) {}
  const std::string& configName() const { return name_; }
  std::string_view javaClass() const override { return "org.apache.kafka.common.config.ConfigException"; }

 private:
  std::string name_;
};

// A REST error with an explicit HTTP status (ConnectRestException / BadRequestException).
class ConnectRestException : public ConnectException {
 public:
  ConnectRestException(int status, const std::string& message) : ConnectException(message), status_(status) {}
  int status() const { return status_; }
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.runtime.rest.errors.ConnectRestException";
  }

 private:
  int status_;
};

class BadRequestException : public ConnectRestException {
 public:
  explicit BadRequestException(const std::string& message) : ConnectRestException(400, message) {}
  std::string_view javaClass() const override {
    return "org.apache.kafka.connect.runtime.rest.errors.BadRequestException";
  }
};

// The Java class name of any exception: Connect's own, or a generic name for std ones.
std::string_view javaClassOf(const std::exception& e);
// A Java-printStackTrace-like trace for a status record: "<class>: <message>\n\tat ...".
std::string traceOf(const std::exception& e, std::string_view where = {});

}  // namespace connectd::api
