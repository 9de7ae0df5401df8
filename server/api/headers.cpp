#include "server/api/headers.h"

#include <algorithm>

namespace connectd::api {

Headers& Headers::add(std::string key, SchemaPtr schema, Value value) {
  headers_.push_back(Header{std::move(key), std::move(schema), std::move(value)});
  return *this;
}

Headers& Headers::addString(std::string key, std::string value) {
  return add(std::move(key), schemas::string(), Value(std::move(value)));
}

const Header* Headers::lastWithName(std::string_view key) const {
  for (auto it = headers_.rbegin(); it != headers_.rend(); ++it)
    if (it->key == key) return &*it;
  return nullptr;
}

std::vector<const Header*> Headers::allWithName(std::string_view key) const {
  std::vector<const Header*> out;
  for (const auto& h : headers_)
    if (h.key == key) out.push_back(&h);
  return out;
}

Headers& Headers::remove(std::string_view key) {
  headers_.erase(std::remove_if(headers_.begin(), headers_.end(), [&](const Header& h) { return h.key == key; }),
                 headers_.end());
  return *this;
}

bool Headers::operator==(const Headers& o) const {
  if (headers_.size() != o.headers_.size()) return false;
  for (size_t i = 0; i < headers_.size(); ++i) {
    const auto& a = headers_[i];
    const auto& b = o.headers_[i];
    if (a.key != b.key || !schemaEquals(a.schema, b.schema) || a.value != b.value) return false;
  }
  return true;
}

}  // namespace connectd::api
