#pragma once

#include <string>
#include <string_view>

namespace connectd::mysql::binlog {

// Renders the value of a MySQL JSON column as it appears in a binlog row image (MySQL's binary
// JSON, sql/json_binary.h) into the text Debezium puts in the io.debezium.data.Json field during
// streaming: the output of mysql-binlog-connector-java's JsonBinary.parseAsString, byte for byte.
//
// That text is compact (no spaces), keeps the stored key order, prints doubles with Java's
// Double.toString unless that would use an exponent (then the exact BigDecimal expansion of the
// double, plain notation), uint64 and DECIMAL as plain numbers, DATE/TIME/DATETIME/TIMESTAMP
// opaque values as quoted "yyyy-MM-dd HH:mm:ss[.ffffff]" text (trailing fraction zeros dropped),
// other opaque values (BLOB, BIT, GEOMETRY, ...) as quoted Base64. Strings are decoded as Java
// decodes UTF-8 (malformed bytes become U+FFFD) and escaped like JsonStringFormatter: `"`, `\`,
// \b \t \n \f \r, other control characters as \u00XX; everything else, including non-ASCII, is
// copied. Input whose first byte is above 0x0f is not binary JSON but JSON text (MariaDB stores
// JSON as LONGTEXT) and is returned decoded, unchanged.
//
// Debezium quirks are reproduced on purpose so records stay identical:
//  * uint32 values of 2^31 and more print as negative int32 (4294967295 → -1);
//  * in a large (>64 KiB) object or array, an inlined uint32 value prints nothing (`{"a":}`);
//  * TIME values before 00:00:00 are split field by field from the packed value the way the Java
//    code does, which yields odd text for negative times with a fraction.
//
// An empty value is not handled here: Debezium turns it into null for a nullable column and "{}"
// otherwise before parsing, so callers must do the same and never pass an empty view.
//
// Throws std::runtime_error naming the problem and byte offset when the value is truncated or
// malformed (unknown type codes, offsets outside the value, nesting deeper than MySQL allows);
// `out` is left as it was. Pure function, safe to call from any thread.
void appendJsonText(std::string_view mysql_binary_json, std::string& out);

// Convenience form of appendJsonText returning a new string.
std::string jsonText(std::string_view mysql_binary_json);

}  // namespace connectd::mysql::binlog
