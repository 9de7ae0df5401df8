#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace connectd::common {

// Splits on `sep`, keeping empty pieces (Java's String.split keeps inner empties).
std::vector<std::string> split(std::string_view s, char sep);
// Kafka's ConfigDef LIST parsing: split on commas, trim each item, an empty/blank string is an empty list.
std::vector<std::string> splitList(std::string_view s);
std::string join(const std::vector<std::string>& items, std::string_view sep);
std::string_view trim(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
std::string toLower(std::string_view s);
std::string toUpper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// Levenshtein distance, used for "did you mean" hints.
size_t editDistance(std::string_view a, std::string_view b);

// RFC 4648 base64, standard alphabet, padded (Java's Base64.getEncoder()).
void base64Encode(const uint8_t* data, size_t len, std::string& out);
std::string base64Encode(std::string_view data);
// Decodes standard (and tolerates missing padding); throws std::invalid_argument on bad input.
std::string base64Decode(std::string_view data);

// Java's Double.toString / Float.toString formatting (shortest repr, "1.0E10" style exponents).
void appendJavaDouble(double v, std::string& out);
void appendJavaFloat(float v, std::string& out);

// Percent-decoding for URL path segments and query strings; `plus_is_space` for query strings.
std::string urlDecode(std::string_view s, bool plus_is_space);
std::string urlEncodePathSegment(std::string_view s);

}  // namespace connectd::common
