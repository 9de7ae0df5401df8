#pragma once

#include <string>
#include <string_view>

namespace connectd::common {

// Appends `s` as a JSON string literal escaped exactly as Jackson does (the bytes Kafka
// Connect writes): \" \\ and \b \t \n \f \r, \u00XX (upper-case hex) for other control
// characters, everything else (DEL, non-ASCII UTF-8, '/') raw. Used wherever connectd's output
// must be byte-identical to a Java worker's: record payloads, offsets keys, internal topics.
void appendJsonQuoted(std::string_view s, std::string& out);

}  // namespace connectd::common
