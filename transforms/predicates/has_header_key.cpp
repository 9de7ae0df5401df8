#include "transforms/predicates/has_header_key.h"

#include "server/api/headers.h"

namespace connectd::transforms {

const api::ConfigDef& HasHeaderKey::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kNameConfig, ConfigDef::Type::String, ConfigDef::nonEmptyString(),
             ConfigDef::Importance::Medium, "The header name.");
    return d;
  }();
  return def;
}

void HasHeaderKey::configure(const std::map<std::string, std::string>& configs) {
  name_ = api::ParsedConfig(configDef(), configs).getString(kNameConfig);
}

bool HasHeaderKey::test(const api::ConnectRecord& record) {
  return record.headers.lastWithName(name_) != nullptr;
}

std::string HasHeaderKey::toString() const { return "HasHeaderKey{name='" + name_ + "'}"; }

}  // namespace connectd::transforms
