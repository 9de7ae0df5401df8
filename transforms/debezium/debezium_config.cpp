#include "transforms/debezium/debezium_config.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <variant>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::transforms {

std::optional<std::string> DebeziumConfig::getString(const std::string& key) const {
  auto it = props_.find(key);
  if (it == props_.end()) return std::nullopt;
  return it->second;
}

std::string DebeziumConfig::getString(const std::string& key,
                                      const std::string& default_value) const {
  auto it = props_.find(key);
  return it == props_.end() ? default_value : it->second;
}

bool DebeziumConfig::getBoolean(const std::string& key, bool default_value) const {
  auto it = props_.find(key);
  if (it == props_.end()) return default_value;
  std::string value = common::toLower(common::trim(it->second));
  if (value == "true") return true;
  if (value == "false") return false;
  return default_value;
}

int32_t DebeziumConfig::getInteger(const std::string& key, int32_t default_value) const {
  auto it = props_.find(key);
  if (it == props_.end()) return default_value;
  std::string_view s = it->second;
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int32_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return default_value;
  return value;
}

void DebeziumConfigProblems::add(const std::string& name, const std::optional<std::string>& value,
                                 const std::string& problem) {
  if (value) {
    problems_.push_back("The '" + name + "' value '" + *value + "' is invalid: " + problem);
  } else {
    problems_.push_back("The '" + name + "' value is invalid: " + problem);
  }
}

void DebeziumConfigProblems::throwIfAny() const {
  if (problems_.empty()) return;
  for (const auto& p : problems_) spdlog::error("{}", p);
  throw api::ConnectException("Unable to validate config. " + common::join(problems_, "; "));
}

std::vector<std::string> javaSplit(std::string_view s, char sep) {
  std::vector<std::string> parts = common::split(s, sep);
  if (parts.size() == 1) return parts;
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

void defineDebeziumField(api::ConfigDef& def, const std::string& name, api::ConfigDef::Type type,
                         std::optional<std::string> default_value,
                         api::ConfigDef::Importance importance, api::ConfigDef::Width width,
                         const std::string& display_name, const std::string& doc,
                         std::optional<api::ConfigDef::ValidatorSpec> validator) {
  api::ConfigDef::Key key;
  key.name = name;
  key.type = type;
  key.default_value = std::move(default_value);
  key.validator = std::move(validator);
  key.importance = importance;
  key.documentation = doc;
  key.order_in_group = 1;
  key.width = width;
  key.display_name = display_name;
  def.define(std::move(key));
}

std::optional<std::string> parseDebeziumEnum(const std::vector<std::string>& literals,
                                             std::string_view value) {
  std::string trimmed = common::toLower(common::trim(value));
  for (const auto& literal : literals) {
    if (literal == trimmed) return literal;
  }
  return std::nullopt;
}

api::ConfigDef::ValidatorSpec debeziumEnumValidator(std::vector<std::string> literals) {
  std::string joined = common::join(literals, ", ");
  auto check = [literals, joined](const std::string& name, const api::ConfigDef::Parsed& value) {
    const auto* s = std::get_if<std::string>(&value);
    if (s == nullptr) return;
    if (!parseDebeziumEnum(literals, *s)) {
      throw api::ConfigException(name, *s, "Value must be one of " + joined);
    }
  };
  return api::ConfigDef::custom(check, "one of " + joined + " (case-insensitive)");
}

}  // namespace connectd::transforms
