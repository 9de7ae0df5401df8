#include "transforms/insert_header.h"

#include "server/api/headers.h"
#include "transforms/util/values.h"

namespace connectd::transforms {

const api::ConfigDef& InsertHeader::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kHeaderConfig, ConfigDef::Type::String, ConfigDef::nonNull(),
             ConfigDef::Importance::High, "The name of the header.");
    d.define(kValueLiteralConfig, ConfigDef::Type::String, ConfigDef::nonNull(),
             ConfigDef::Importance::High,
             "The literal value that is to be set as the header value on all records.");
    return d;
  }();
  return def;
}

void InsertHeader::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  header_ = config.getString(kHeaderConfig);
  literal_value_ = Values::parseString(config.getString(kValueLiteralConfig));
}

bool InsertHeader::apply(api::ConnectRecord& record) {
  record.headers.add(header_, literal_value_.schema, literal_value_.value);
  return true;
}

}  // namespace connectd::transforms
