#include "transforms/regex_router.h"

#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "transforms/util/regex_validator.h"

namespace connectd::transforms {

const api::ConfigDef& RegexRouter::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kRegexConfig, ConfigDef::Type::String, regexValidator(), ConfigDef::Importance::High,
             "Regular expression to use for matching.");
    d.define(kReplacementConfig, ConfigDef::Type::String, ConfigDef::Importance::High,
             "Replacement string.");
    return d;
  }();
  return def;
}

void RegexRouter::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  regex_.emplace(config.getString(kRegexConfig));
  replacement_ = config.getString(kReplacementConfig);
}

bool RegexRouter::apply(api::ConnectRecord& record) {
  if (!regex_) throw api::ConnectException("RegexRouter used before configure()");
  if (regex_->matches(record.topic)) {
    std::string topic = regex_->replaceFirst(record.topic, replacement_);
    spdlog::trace("Rerouting from topic '{}' to new topic '{}'", record.topic, topic);
    record.topic = std::move(topic);
  } else {
    spdlog::trace("Not rerouting topic '{}' as it does not match the configured regex",
                  record.topic);
  }
  return true;
}

}  // namespace connectd::transforms
