#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "server/api/value.h"

namespace connectd::transforms {

// Java Map<String, Object> operations on a schemaless Connect map (an insertion-ordered list
// of entries). Keys are compared as strings; entries with other keys are left alone.

// Map.put: replaces the value under an existing key in place, else appends the entry.
inline void putEntry(api::Map& map, std::string_view key, api::Value value) {
  for (auto& [k, v] : map) {
    if (k.kind() == api::Value::Kind::String && k.asString() == key) {
      v = std::move(value);
      return;
    }
  }
  map.emplace_back(api::Value(key), std::move(value));
}

// Map.get: the value under `key`, or null when absent.
inline api::Value getEntry(const api::Map& map, std::string_view key) {
  for (const auto& [k, v] : map) {
    if (k.kind() == api::Value::Kind::String && k.asString() == key) return v;
  }
  return nullptr;
}

// A new string-keyed map built with Map.put semantics (a repeated key keeps its first position
// and takes the last value) in constant time per put, for SMTs that rebuild whole maps.
class MapBuilder {
 public:
  void put(const std::string& key, api::Value value) {
    auto [it, inserted] = index_.try_emplace(key, map_.size());
    if (inserted) {
      map_.emplace_back(api::Value(key), std::move(value));
    } else {
      map_[it->second].second = std::move(value);
    }
  }
  api::Map build() && { return std::move(map_); }

 private:
  api::Map map_;
  std::unordered_map<std::string, size_t> index_;
};

// The key of an entry an SMT reads as a field name. Kafka iterates a Map<String, Object>, so a
// key of another type fails with the JVM's ClassCastException.
inline const std::string& entryFieldName(const api::Value& key) {
  if (key.kind() != api::Value::Kind::String) {
    throw std::runtime_error("class " + std::string(key.javaClassName()) +
                             " cannot be cast to class java.lang.String");
  }
  return key.asString();
}

}  // namespace connectd::transforms
