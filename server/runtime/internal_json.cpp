#include "server/runtime/internal_json.h"

namespace connectd::runtime::internal_json {

void appendString(std::string_view s, std::string& out) {
  static const char* kHex = "0123456789ABCDEF";
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\t': out.append("\\t"); break;
      case '\r': out.append("\\r"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

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
