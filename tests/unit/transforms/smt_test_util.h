#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "server/api/connect_record.h"
#include "server/api/schema.h"
#include "server/api/struct.h"
#include "server/api/value.h"

// Helpers shared by the SMT tests ported from Kafka's *Test classes.
namespace connectd::transforms::testing {

// The two shapes Kafka's tests run an SMT on: a Struct with a schema, and a schemaless Map.
enum class Form { Struct, Map };

inline std::string formName(const ::testing::TestParamInfo<Form>& info) {
  return info.param == Form::Struct ? "Struct" : "Map";
}

// new SinkRecord(topic, 0, keySchema, key, valueSchema, value, 0).
inline api::SinkRecord sinkRecord(api::SchemaPtr key_schema, api::Value key,
                                  api::SchemaPtr value_schema, api::Value value) {
  api::SinkRecord r;
  r.topic = "test";
  r.kafkaPartition = 0;
  r.keySchema = std::move(key_schema);
  r.key = std::move(key);
  r.valueSchema = std::move(value_schema);
  r.value = std::move(value);
  return r;
}

// new SourceRecord(null, null, "topic", 0, keySchema, key, valueSchema, value).
inline api::SourceRecord sourceRecord(api::SchemaPtr key_schema, api::Value key,
                                      api::SchemaPtr value_schema, api::Value value) {
  return api::SourceRecord({}, {}, "topic", 0, std::move(key_schema), std::move(key),
                           std::move(value_schema), std::move(value));
}

inline api::Value structValue(api::Struct s) {
  return api::Value(std::make_shared<api::Struct>(std::move(s)));
}

// A field of a transformed Struct (raw, without its default) or a Map entry; nullptr when the
// struct has no such field or the map no such key.
inline const api::Value* fieldOf(const api::Value& v, const std::string& name) {
  if (v.kind() == api::Value::Kind::Struct) {
    if (v.asStruct().schema()->field(name) == nullptr) return nullptr;
    return &v.asStruct().getWithoutDefault(name);
  }
  return v.mapGet(name);
}

// Map.equals: the same entries in any order (Kafka's HashMaps have no order to compare).
inline bool sameEntries(const api::Map& a, const api::Map& b) {
  if (a.size() != b.size()) return false;
  return std::all_of(a.begin(), a.end(), [&](const auto& entry) {
    return std::find(b.begin(), b.end(), entry) != b.end();
  });
}

// The message of the E thrown by `f`; records a failure when nothing (or something else) is
// thrown.
template <typename E, typename F>
std::string thrownMessage(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an exception";
  return {};
}

}  // namespace connectd::transforms::testing
