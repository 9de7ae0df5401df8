#pragma once

#include <memory>
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
// Copies share the list until one of them changes it (copy-on-write): a source stamps the same
// few headers on every record, and a copy then costs a reference count, not a list of strings.
class Headers {
 public:
  Headers& add(std::string key, SchemaPtr schema, Value value);
  Headers& addString(std::string key, std::string value);
  // The last header with `key`, or nullptr.
  const Header* lastWithName(std::string_view key) const;
  std::vector<const Header*> allWithName(std::string_view key) const;
  Headers& remove(std::string_view key);
  Headers& clear() {
    headers_.reset();
    return *this;
  }
  size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  std::vector<Header>::const_iterator begin() const { return list().begin(); }
  std::vector<Header>::const_iterator end() const { return list().end(); }
  bool operator==(const Headers& o) const;

 private:
  const std::vector<Header>& list() const;
  // The list, unshared first when another Headers holds it too.
  std::vector<Header>& mutableList();

  std::shared_ptr<std::vector<Header>> headers_;
};

}  // namespace connectd::api
