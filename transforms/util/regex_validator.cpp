#include "transforms/util/regex_validator.h"

#include <string>
#include <variant>

#include "server/api/errors.h"
#include "server/common/java_regex.h"

namespace connectd::transforms {

api::ConfigDef::ValidatorSpec regexValidator() {
  auto check = [](const std::string& name, const api::ConfigDef::Parsed& value) {
    const auto* text = std::get_if<std::string>(&value);
    // Pattern.compile(null) throws a NullPointerException whose message is null.
    if (text == nullptr) throw api::ConfigException(name, "null", "Invalid regex: null");
    try {
      common::JavaRegex regex(*text);
    } catch (const common::PatternSyntaxException& e) {
      throw api::ConfigException(name, *text, std::string("Invalid regex: ") + e.what());
    }
  };
  return api::ConfigDef::custom(check, "valid regex");
}

}  // namespace connectd::transforms
