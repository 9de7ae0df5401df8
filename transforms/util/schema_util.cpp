#include "transforms/util/schema_util.h"

namespace connectd::transforms {

api::SchemaBuilder& copySchemaBasics(const api::Schema& source, api::SchemaBuilder& builder) {
  if (source.name()) builder.name(*source.name());
  if (source.version()) builder.version(*source.version());
  if (source.doc()) builder.doc(*source.doc());
  for (const auto& [key, value] : source.parameters()) builder.parameter(key, value);
  return builder;
}

api::SchemaBuilder copySchemaBasics(const api::Schema& source) {
  api::SchemaBuilder builder = source.type() == api::Type::Array
                                   ? api::SchemaBuilder::array(source.valueSchema())
                                   : api::SchemaBuilder(source.type());
  copySchemaBasics(source, builder);
  return builder;
}

}  // namespace connectd::transforms
