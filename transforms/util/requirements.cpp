#include "transforms/util/requirements.h"

#include <string>

#include "server/api/errors.h"

namespace connectd::transforms {

void requireSchema(const api::SchemaPtr& schema, std::string_view purpose) {
  if (!schema) throw api::DataException("Schema required for [" + std::string(purpose) + "]");
}

const api::Map& requireMap(const api::Value& value, std::string_view purpose) {
  if (value.kind() != api::Value::Kind::Map) {
    throw api::DataException("Only Map objects supported in absence of schema for [" +
                             std::string(purpose) +
                             "], found: " + std::string(value.javaClassName()));
  }
  return value.asMap();
}

const api::Struct& requireStruct(const api::Value& value, std::string_view purpose) {
  if (value.kind() != api::Value::Kind::Struct) {
    throw api::DataException("Only Struct objects supported for [" + std::string(purpose) +
                             "], found: " + std::string(value.javaClassName()));
  }
  return value.asStruct();
}

const api::Map* requireMapOrNull(const api::Value& value, std::string_view purpose) {
  return value.isNull() ? nullptr : &requireMap(value, purpose);
}

const api::Struct* requireStructOrNull(const api::Value& value, std::string_view purpose) {
  return value.isNull() ? nullptr : &requireStruct(value, purpose);
}

const api::SinkRecord& requireSinkRecord(const api::ConnectRecord& record,
                                         std::string_view purpose) {
  const auto* sink = dynamic_cast<const api::SinkRecord*>(&record);
  if (sink == nullptr) {
    throw api::DataException("Only SinkRecord supported for [" + std::string(purpose) +
                             "], found: " + std::string(recordClassName(record)));
  }
  return *sink;
}

std::string_view recordClassName(const api::ConnectRecord& record) {
  if (dynamic_cast<const api::SinkRecord*>(&record) != nullptr)
    return "org.apache.kafka.connect.sink.SinkRecord";
  if (dynamic_cast<const api::SourceRecord*>(&record) != nullptr) {
    return "org.apache.kafka.connect.source.SourceRecord";
  }
  return "org.apache.kafka.connect.connector.ConnectRecord";
}

}  // namespace connectd::transforms
