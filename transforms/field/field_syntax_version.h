#pragma once

#include "server/api/config_def.h"

namespace connectd::transforms {

// Kafka's transforms.field.FieldSyntaxVersion (KIP-821): how an SMT reads a field path.
// V1: the whole text names one top-level field. V2: dotted steps into nested structs/maps, with
// backtick pairs around names that contain dots.
enum class FieldSyntaxVersion { V1, V2 };

inline constexpr const char* kFieldSyntaxVersionConfig = "field.syntax.version";
inline constexpr const char* kFieldSyntaxVersionDefaultValue = "V1";
inline constexpr const char* kFieldSyntaxVersionDoc =
    "Defines the version of the syntax to access fields. If set to `V1`, then the field paths are "
    "limited to access the elements at the root level of the struct or map. If set to `V2`, the "
    "syntax will support accessing nested elements. To access nested elements, dotted notation is "
    "used. If dots are already included in the field name, then backtick pairs can be used to wrap "
    "field names containing dots. E.g. to access the subfield `baz` from a field named \"foo.bar\" "
    "in a struct/map the following format can be used to access its elements: \"`foo.bar`.baz\".";

// FieldSyntaxVersion.appendConfigTo: defines `field.syntax.version` (STRING, default V1, one of
// V1/V2 case-insensitively, HIGH) on `def`.
api::ConfigDef& appendFieldSyntaxVersionConfigTo(api::ConfigDef& def);
// FieldSyntaxVersion.fromConfig: the version a parsed config names.
FieldSyntaxVersion fieldSyntaxVersionFromConfig(const api::ParsedConfig& config);

}  // namespace connectd::transforms
