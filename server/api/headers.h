#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::api {

struct Header {
  std::string key;
  SchemaPtr schema;
  Value value;
};

// Connect's Headers: an ordered multi-map of header key to (schema, value).
class Headers {
 public:
  Headers& add(std::string key, SchemaPtr schema, Value value);
  Headers& addString(std::string key, std::string value);
  // The last header with `key`, or nullptr.
  const Header* lastWithName(std::string_view key) const;
  std::vector<const Header*> allWithName(std::string_view key) const;
  Headers& remove(std::string_view key);
  Headers& clear() {
    headers_.clear();
    return *this;
  }
  size_t size() const { return headers_.size(); }
  bool empty() const { return headers_.empty(); }
  auto begin() const { return headers_.begin(); }
  auto end() const { return headers_.end(); }
  bool operator==(const Headers& o) const;

 private:
  std::vector<Header> headers_;
};

}  // namespace connectd::api
