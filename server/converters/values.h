#pragma once

#include <string>
#include <string_view>

#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::converters {

// The parts of Connect's org.apache.kafka.connect.data.Values that SimpleHeaderConverter uses.
// It lives here rather than in server/api because only converters need it so far.
class Values {
 public:
  // Values.convertToString: strings as they are, numbers and booleans in Java's toString form,
  // bytes as base64, Date/Time/Timestamp (physical values under a logical schema) in ISO-8601
  // UTC, arrays/maps/structs as [a,b] / {k:v} / {"field":v} with strings inside quoted and
  // escaped. A null value gives "null".
  static std::string convertToString(const api::Schema* schema, const api::Value& value);

  // A simplified Values.parseString (see README): "" -> empty STRING; "null" -> null;
  // "true"/"false" -> BOOLEAN; an integer -> the smallest of INT8/16/32/64 that holds it (a larger
  // one -> Decimal with scale 0); another number -> FLOAT32, or FLOAT64 when it overflows a
  // float; ISO-8601 "yyyy-MM-dd", "HH:mm:ss.SSSZ", "yyyy-MM-ddTHH:mm:ss.SSSZ" -> Date, Time,
  // Timestamp; anything else -> STRING holding the original text.
  static api::SchemaAndValue parseString(std::string_view value);

 private:
  static void append(const api::Schema* schema, const api::Value& value, bool embedded,
                     std::string& out);
};

}  // namespace connectd::converters
