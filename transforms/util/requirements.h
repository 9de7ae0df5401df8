#pragma once

#include <string_view>

#include "server/api/connect_record.h"
#include "server/api/schema.h"
#include "server/api/struct.h"
#include "server/api/value.h"

namespace connectd::transforms {

// Kafka's transforms.util.Requirements: checks an SMT makes on its input, each failing with
// Kafka's DataException text naming `purpose` (the SMT's purpose tag, e.g. "field insertion").

// DataException("Schema required for [<purpose>]") when `schema` is null.
void requireSchema(const api::SchemaPtr& schema, std::string_view purpose);
// The map inside `value`; DataException("Only Map objects supported in absence of schema for
// [<purpose>], found: <class>") otherwise (null included).
const api::Map& requireMap(const api::Value& value, std::string_view purpose);
// The struct inside `value`; DataException("Only Struct objects supported for [<purpose>],
// found: <class>") otherwise (null included).
const api::Struct& requireStruct(const api::Value& value, std::string_view purpose);
// requireMap / requireStruct that let a null value through (nullptr then).
const api::Map* requireMapOrNull(const api::Value& value, std::string_view purpose);
const api::Struct* requireStructOrNull(const api::Value& value, std::string_view purpose);
// `record` as a SinkRecord; DataException("Only SinkRecord supported for [<purpose>], found:
// <class>") for source records.
const api::SinkRecord& requireSinkRecord(const api::ConnectRecord& record,
                                         std::string_view purpose);

// The Java class name of a record ("org.apache.kafka.connect.source.SourceRecord", ...).
std::string_view recordClassName(const api::ConnectRecord& record);

}  // namespace connectd::transforms
