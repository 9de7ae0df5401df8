#pragma once

#include "server/api/schema.h"

namespace connectd::transforms {

// SchemaUtil.copySchemaBasics: copies name, version, doc and parameters of `source` onto
// `builder` — not optionality and not the default value, exactly as Kafka does (so a struct
// rebuilt this way is required even when the input was optional).
api::SchemaBuilder& copySchemaBasics(const api::Schema& source, api::SchemaBuilder& builder);
// A builder of the same type (an array keeps its value schema) with the basics copied.
api::SchemaBuilder copySchemaBasics(const api::Schema& source);

}  // namespace connectd::transforms
