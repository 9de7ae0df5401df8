#include "transforms/predicates/topic_name_matches.h"

#include "server/api/errors.h"
#include "transforms/util/regex_validator.h"

namespace connectd::transforms {

const api::ConfigDef& TopicNameMatches::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    // ConfigDef.CompositeValidator.of(NonEmptyString, RegexValidator): the first failure wins.
    ConfigDef::ValidatorSpec non_empty = ConfigDef::nonEmptyString();
    ConfigDef::ValidatorSpec regex = regexValidator();
    auto both = [non_empty, regex](const std::string& name, const ConfigDef::Parsed& value) {
      non_empty.fn(name, value);
      regex.fn(name, value);
    };
    ConfigDef d;
    d.define(kPatternConfig, ConfigDef::Type::String,
             ConfigDef::custom(both, non_empty.description + ", " + regex.description),
             ConfigDef::Importance::Medium,
             "A Java regular expression for matching against the name of a record's topic.");
    return d;
  }();
  return def;
}

void TopicNameMatches::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  std::string value = config.getString(kPatternConfig);
  try {
    pattern_.emplace(value);
  } catch (const common::PatternSyntaxException& e) {
    throw api::ConfigException(
        kPatternConfig, value,
        std::string("entry must be a Java-compatible regular expression: ") + e.what());
  }
}

bool TopicNameMatches::test(const api::ConnectRecord& record) {
  if (!pattern_) throw api::ConnectException("TopicNameMatches used before configure()");
  return pattern_->matches(record.topic);
}

std::string TopicNameMatches::toString() const {
  return "TopicNameMatches{pattern=" + (pattern_ ? pattern_->pattern() : std::string("null")) + "}";
}

}  // namespace connectd::transforms
