#pragma once

#include <map>
#include <string>
#include <string_view>

#include "server/api/config_def.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::api {

// Connect's Converter: Connect data <-> bytes for record keys and values.
// One instance per task and per role (key or value); used from that task's thread only.
class Converter {
 public:
  virtual ~Converter() = default;
  virtual void configure(const std::map<std::string, std::string>& configs, bool is_key) = 0;
  // Serializes into `out` (cleared first). Returns false for a null result (a tombstone).
  virtual bool fromConnectData(std::string_view topic, const SchemaPtr& schema, const Value& value,
                               std::string& out) = 0;
  // `data == nullptr` is a null record (tombstone).
  virtual SchemaAndValue toConnectData(std::string_view topic, const char* data, size_t size) = 0;
  virtual ConfigDef config() const = 0;
};

// Connect's HeaderConverter.
class HeaderConverter {
 public:
  virtual ~HeaderConverter() = default;
  virtual void configure(const std::map<std::string, std::string>& configs) = 0;
  // Returns false for a null header value.
  virtual bool fromConnectHeader(std::string_view topic, std::string_view header_key, const SchemaPtr& schema,
                                 const Value& value, std::string& out) = 0;
  virtual SchemaAndValue toConnectHeader(std::string_view topic, std::string_view header_key, const char* data,
                                         size_t size) = 0;
  virtual ConfigDef config() const = 0;
};

}  // namespace connectd::api
