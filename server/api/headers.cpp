#include "server/api/headers.h"

#include <algorithm>

namespace connectd::api {

const std::vector<Header>& Headers::list() const {
  static const std::vector<Header> kEmpty;
  return headers_ ? *headers_ : kEmpty;
}

std::vector<Header>& Headers::mutableList() {
  if (!headers_) {
    headers_ = std::make_shared<std::vector<Header>>();
  } else if (headers_.use_count() > 1) {
    headers_ = std::make_shared<std::vector<Header>>(*headers_);
  }
  return *headers_;
}

Headers& Headers::add(std::string key, SchemaPtr schema, Value value) {
  mutableList().push_back(Header{std::move(key), std::move(schema), std::move(value)});
  return *this;
}

Headers& Headers::addString(std::string key, std::string value) {
  return add(std::move(key), schemas::string(), Value(std::move(value)));
}

const Header* Headers::lastWithName(std::string_view key) const {
  const auto& headers = list();
  for (auto it = headers.rbegin(); it != headers.rend(); ++it)
    if (it->key == key) return &*it;
  return nullptr;
}

std::vector<const Header*> Headers::allWithName(std::string_view key) const {
  std::vector<const Header*> out;
  for (const auto& h : list())
    if (h.key == key) out.push_back(&h);
  return out;
}

Headers& Headers::remove(std::string_view key) {
  auto matches = [&](const Header& h) { return h.key == key; };
  if (std::none_of(begin(), end(), matches)) return *this;
  auto& headers = mutableList();
  headers.erase(std::remove_if(headers.begin(), headers.end(), matches), headers.end());
  return *this;
}

bool Headers::operator==(const Headers& o) const {
  const auto& mine = list();
  const auto& theirs = o.list();
  if (mine.size() != theirs.size()) return false;
  for (size_t i = 0; i < mine.size(); ++i) {
    const auto& a = mine[i];
    const auto& b = theirs[i];
    if (a.key != b.key || !schemaEquals(a.schema, b.schema) || a.value != b.value) return false;
  }
  return true;
}

}  // namespace connectd::api
