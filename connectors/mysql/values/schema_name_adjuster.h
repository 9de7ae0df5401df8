#pragma once

#include <string>
#include <string_view>

namespace connectd::mysql {

// schema.name.adjustment.mode / field.name.adjustment.mode: none, avro, avro_unicode.
enum class NameAdjustmentMode { None, Avro, AvroUnicode };

// Debezium's SchemaNameAdjuster for record schema names (Key/Value/Envelope): Avro full names
// keep '.', invalid characters become '_' (avro) or "_uXXXX" (avro_unicode); a leading digit is
// kept after the '_' in avro mode. Works on UTF-16 code units like the Java code.
std::string adjustSchemaName(std::string_view name, NameAdjustmentMode mode);
// The field-name variant (FieldNameUnderscoreReplacementFunction / FieldNameUnicodeReplacement-
// Function): like adjustSchemaName but '.' is not allowed either.
std::string adjustFieldName(std::string_view name, NameAdjustmentMode mode);

}  // namespace connectd::mysql
