#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/api/schema.h"
#include "server/api/struct.h"
#include "server/api/value.h"
#include "transforms/field/field_syntax_version.h"

namespace connectd::transforms {

// Kafka's transforms.field.SingleFieldPath: one or more field names ("steps") leading to a
// value inside a Struct or a schemaless map.
//
// V1 keeps the whole text as one step. V2 splits on dots; a step wrapped in backticks may
// contain dots, and a backtick closes a step only when followed by a dot or the end (a
// backslash before it makes it literal). A trailing dot adds an empty last step and an empty
// text has no steps at all. An unclosed backtick is a ConfigException.
class SingleFieldPath {
 public:
  SingleFieldPath(std::string_view path_text, FieldSyntaxVersion version);

  // The field at the path within `schema`, or null when a step is missing (also for a null
  // schema). DataException("Cannot look up fields on non-struct type") when a step meets a
  // schema that is not a struct.
  const api::Field* fieldFrom(const api::SchemaPtr& schema) const;
  // The value at the path within `structure` (null when a step is missing or an intermediate
  // struct is null). Intermediate steps read with defaults; the last one with them only when
  // `with_default`. DataException for an intermediate value that is not a Struct.
  api::Value valueFrom(const api::Struct* structure, bool with_default = true) const;
  // The value at the path within a schemaless map (null when a step is missing or null);
  // DataException for an intermediate value that is not a map.
  api::Value valueFrom(const api::Map* map) const;

  const std::vector<std::string>& path() const { return steps_; }
  bool operator==(const SingleFieldPath& other) const { return steps_ == other.steps_; }

 private:
  // Kafka's stepsWithoutLast() on an empty path: List.subList(0, -1).
  void requireSteps() const;

  std::vector<std::string> steps_;
};

}  // namespace connectd::transforms
