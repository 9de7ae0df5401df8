#include "server/runtime/internal_json.h"

#include "server/common/json_escape.h"

namespace connectd::runtime::internal_json {

void appendString(std::string_view s, std::string& out) { common::appendJsonQuoted(s, out); }

void appendStringMap(const std::map<std::string, std::string>& map, std::string& out) {
  out.push_back('{');
  bool first = true;
  for (const auto& [k, v] : map) {
    if (!first) out.push_back(',');
    first = false;
    appendString(k, out);
    out.push_back(':');
    appendString(v, out);
  }
  out.push_back('}');
}

std::optional<nlohmann::json> parse(std::string_view bytes) {
  auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::optional<int64_t> integer(const nlohmann::json& object, const char* field) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(field);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  return std::nullopt;
}

}  // namespace connectd::runtime::internal_json
