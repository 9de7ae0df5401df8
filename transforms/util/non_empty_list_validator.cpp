#include "transforms/util/non_empty_list_validator.h"

#include <string>
#include <variant>
#include <vector>

#include "server/api/errors.h"

namespace connectd::transforms {

api::ConfigDef::ValidatorSpec nonEmptyListValidator() {
  auto check = [](const std::string& name, const api::ConfigDef::Parsed& value) {
    const auto* list = std::get_if<std::vector<std::string>>(&value);
    if (list == nullptr) throw api::ConfigException(name, "null", "Empty list");
    // Only an empty list gets here, which Java's List.toString prints as "[]".
    if (list->empty()) throw api::ConfigException(name, "[]", "Empty list");
  };
  return api::ConfigDef::custom(check, "non-empty list");
}

}  // namespace connectd::transforms
