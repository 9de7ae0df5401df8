#pragma once

#include <cstddef>
#include <list>
#include <utility>

#include "server/api/schema.h"

namespace connectd::transforms {

// The per-SMT cache of input schema -> derived output schema (Kafka: SynchronizedCache over
// LRUCache(16)). Keys compare structurally (ConnectSchema.equals), so equal input schemas always
// map to the same output schema object and schema-caching converters downstream stay warm.
//
// Not synchronised: a transformation instance belongs to one task thread.
class SchemaUpdateCache {
 public:
  explicit SchemaUpdateCache(size_t capacity = 16) : capacity_(capacity) {}

  // The cached output for `input`, or null. A hit becomes the most recently used entry.
  api::SchemaPtr get(const api::SchemaPtr& input) {
    // Records usually share their schema object, so identity finds most hits without a deep
    // comparison; the structural pass catches equal schemas built separately.
    auto it = entries_.begin();
    for (; it != entries_.end(); ++it) {
      if (it->first == input) break;
    }
    if (it == entries_.end()) {
      for (it = entries_.begin(); it != entries_.end(); ++it) {
        if (api::schemaEquals(it->first, input)) break;
      }
    }
    if (it == entries_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it);
    return entries_.front().second;
  }

  void put(api::SchemaPtr input, api::SchemaPtr output) {
    entries_.emplace_front(std::move(input), std::move(output));
    if (entries_.size() > capacity_) entries_.pop_back();
  }

  void clear() { entries_.clear(); }
  size_t size() const { return entries_.size(); }

 private:
  size_t capacity_;
  // Most recently used first.
  std::list<std::pair<api::SchemaPtr, api::SchemaPtr>> entries_;
};

}  // namespace connectd::transforms
