#include "transforms/drop_headers.h"

#include "server/api/headers.h"
#include "transforms/util/non_empty_list_validator.h"

namespace connectd::transforms {

const api::ConfigDef& DropHeaders::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kHeadersConfig, ConfigDef::Type::List, nonEmptyListValidator(),
             ConfigDef::Importance::High, "The name of the headers to be removed.");
    return d;
  }();
  return def;
}

void DropHeaders::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  headers_.clear();
  for (auto& name : config.getList(kHeadersConfig)) headers_.insert(std::move(name));
}

bool DropHeaders::apply(api::ConnectRecord& record) {
  api::Headers updated;
  for (const api::Header& header : record.headers) {
    if (headers_.find(header.key) == headers_.end()) {
      updated.add(header.key, header.schema, header.value);
    }
  }
  record.headers = std::move(updated);
  return true;
}

}  // namespace connectd::transforms
