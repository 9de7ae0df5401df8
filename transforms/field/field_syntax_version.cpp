#include "transforms/field/field_syntax_version.h"

#include <string>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::transforms {

api::ConfigDef& appendFieldSyntaxVersionConfigTo(api::ConfigDef& def) {
  // ConfigDef.CaseInsensitiveValidString describes itself with a "(case insensitive)" prefix.
  api::ConfigDef::ValidatorSpec validator = api::ConfigDef::validString({"V1", "V2"}, true);
  validator.description = "(case insensitive) [V1, V2]";
  return def.define(kFieldSyntaxVersionConfig, api::ConfigDef::Type::String,
                    kFieldSyntaxVersionDefaultValue, std::move(validator),
                    api::ConfigDef::Importance::High, kFieldSyntaxVersionDoc);
}

FieldSyntaxVersion fieldSyntaxVersionFromConfig(const api::ParsedConfig& config) {
  const std::string version = config.getString(kFieldSyntaxVersionConfig);
  const std::string upper = common::toUpper(version);
  if (upper == "V1") return FieldSyntaxVersion::V1;
  if (upper == "V2") return FieldSyntaxVersion::V2;
  throw api::ConfigException(kFieldSyntaxVersionConfig, version,
                             "Unrecognized field syntax version");
}

}  // namespace connectd::transforms
