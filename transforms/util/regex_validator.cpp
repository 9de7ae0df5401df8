#include "transforms/util/regex_validator.h"

#include <string>
#include <variant>

#include "server/api/errors.h"
#include "transforms/java_regex.h"

namespace connectd::transforms {

api::ConfigDef::ValidatorSpec regexValidator() {
  auto check = [](const std::string& name, const api::ConfigDef::Parsed& value) {
    const auto* text = std::get_if<std::string>(&value);
    // Pattern.compile(null) throws a NullPointerException whose message is null.
    if (text == nullptr) throw api::ConfigException(name, "null", "Invalid regex: null");
    try {
      JavaRegex regex(*text);
    } catch (const PatternSyntaxException& e) {
      throw api::ConfigException(name, *text, std::string("Invalid regex: ") + e.what());
    }
  };
  return api::ConfigDef::custom(check, "valid regex");
}

}  // namespace connectd::transforms
