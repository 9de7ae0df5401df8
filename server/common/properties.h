#pragma once

#include <map>
#include <string>
#include <string_view>

namespace connectd::common {

// java.util.Properties.load: '#'/'!' comment lines, key=value / key:value / "key value",
// logical lines continued with a trailing odd number of backslashes, \t \n \r \f \uXXXX
// and \<any> escapes, leading whitespace skipped on every natural line. A later duplicate
// key wins, as in Java's Hashtable.
//
// One deliberate difference: Java reads a .properties stream as ISO-8859-1; bytes >= 0x80
// here pass through unchanged, so UTF-8 files keep their text (and \uXXXX becomes UTF-8).
std::map<std::string, std::string> parseProperties(std::string_view text);

// Reads and parses a file; throws std::runtime_error("<path>: <reason>") when it cannot be read.
std::map<std::string, std::string> loadPropertiesFile(const std::string& path);

}  // namespace connectd::common
