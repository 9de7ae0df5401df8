#pragma once

#include <string_view>

#include "server/api/schema.h"

namespace connectd::transforms {

// The part of org.apache.kafka.connect.data.Values the SMTs need: Values.parseString, which
// turns a config literal (InsertHeader's value.literal) into a schema and value.
//
// server/converters has a simplified copy for SimpleHeaderConverter; plugins may not depend on
// each other, so this is the full port of Kafka 3.9's ValueParser: "" -> STRING ""; "null" ->
// null schema and value; true/false -> BOOLEAN; integers -> the smallest of INT8/16/32/64 that
// holds them, else FLOAT32/FLOAT64 (when the literal has a non-zero scale) or Decimal;
// ISO-8601 "yyyy-MM-dd" / "HH:mm:ss.SSS'Z'" / "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" -> Date / Time /
// Timestamp (read as UTC, the usual JVM default of a Connect worker); "[...]" -> ARRAY and
// "{...}" -> MAP of parsed elements with a common schema (numbers widened to it), or the whole
// text as a STRING when the brackets do not parse; anything else -> STRING of the whole input.
// A top-level literal followed by more tokens stays a string ("true}" is the string "true}").
//
// One gap: a map whose keys share a schema but whose values are all null gets a map schema
// without key and value schemas (Kafka keeps the key schema); api::SchemaBuilder cannot build
// a map schema with only a key schema.
class Values {
 public:
  static api::SchemaAndValue parseString(std::string_view value);
};

}  // namespace connectd::transforms
