#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace connectd::runtime::internal_json {

// Helpers for the internal topics' values, which Java writes with the schemaless
// JsonConverter (Jackson): compact, struct fields in schema order, strings escaped as
// Jackson does (quote, backslash, \n \t \r \b \f, \u00XX for other control characters;
// non-ASCII as raw UTF-8; '/' unescaped).

void appendString(std::string_view s, std::string& out);
// {"k":"v",...} in the map's order; a null value is written as null.
void appendStringMap(const std::map<std::string, std::string>& map, std::string& out);

// Parses a record value; nullopt (logged by the caller) when it is not JSON.
std::optional<nlohmann::json> parse(std::string_view bytes);
// An INT32/INT64 field as Java's converter hands it back (Integer or Long): nullopt when the
// field is missing or not an integral number.
std::optional<int64_t> integer(const nlohmann::json& object, const char* field);

}  // namespace connectd::runtime::internal_json
