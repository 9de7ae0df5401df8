#include "server/api/config_def.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::api {

using common::trim;

ConfigDef& ConfigDef::define(Key key) {
  auto it = index_.find(key.name);
  if (it != index_.end()) throw ConfigException("Configuration " + key.name + " is defined twice.");
  if (key.validator && key.default_value && !key.required) {
    key.validator->fn(key.name, parseType(key.name, *key.default_value, key.type));
  }
  index_[key.name] = keys_.size();
  keys_.push_back(std::move(key));
  return *this;
}

ConfigDef& ConfigDef::define(const std::string& name, Type type, Importance importance, const std::string& doc) {
  Key k;
  k.name = name;
  k.type = type;
  k.required = true;
  k.importance = importance;
  k.documentation = doc;
  return define(std::move(k));
}

ConfigDef& ConfigDef::define(const std::string& name, Type type, ValidatorSpec validator, Importance importance,
                             const std::string& doc) {
  Key k;
  k.name = name;
  k.type = type;
  k.required = true;
  k.validator = std::move(validator);
  k.importance = importance;
  k.documentation = doc;
  return define(std::move(k));
}

ConfigDef& ConfigDef::define(const std::string& name, Type type, const std::string& default_value,
                             Importance importance, const std::string& doc) {
  Key k;
  k.name = name;
  k.type = type;
  k.default_value = default_value;
  k.importance = importance;
  k.documentation = doc;
  return define(std::move(k));
}

ConfigDef& ConfigDef::define(const std::string& name, Type type, const std::string& default_value,
                             ValidatorSpec validator, Importance importance, const std::string& doc) {
  Key k;
  k.name = name;
  k.type = type;
  k.default_value = default_value;
  k.validator = std::move(validator);
  k.importance = importance;
  k.documentation = doc;
  return define(std::move(k));
}

ConfigDef& ConfigDef::defineNullDefault(const std::string& name, Type type, Importance importance,
                                        const std::string& doc) {
  Key k;
  k.name = name;
  k.type = type;
  k.importance = importance;
  k.documentation = doc;
  return define(std::move(k));
}

ConfigDef& ConfigDef::withGroup(const std::string& group, int order, Width width, const std::string& display_name) {
  if (keys_.empty()) return *this;
  auto& k = keys_.back();
  k.group = group;
  k.order_in_group = order;
  k.width = width;
  k.display_name = display_name;
  return *this;
}

ConfigDef& ConfigDef::merge(const ConfigDef& other) {
  for (const auto& k : other.keys_)
    if (!index_.count(k.name)) {
      index_[k.name] = keys_.size();
      keys_.push_back(k);
    }
  return *this;
}

const ConfigDef::Key* ConfigDef::find(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &keys_[it->second];
}

std::vector<std::string> ConfigDef::groups() const {
  std::vector<std::string> out;
  for (const auto& k : keys_)
    if (!k.group.empty() && std::find(out.begin(), out.end(), k.group) == out.end()) out.push_back(k.group);
  return out;
}

std::string ConfigDef::toMarkdownTable() const {
  std::string out =
      "| Key | Type | Default | Valid values | Importance | Description |\n|---|---|---|---|---|---|\n";
  for (const auto& k : keys_) {
    std::string def_value = k.required ? "(required)" : k.default_value ? "`" + *k.default_value + "`" : "null";
    out += "| `" + k.name + "` | " + typeName(k.type) + " | " + def_value + " | " +
           (k.validator ? k.validator->description : "") + " | " + importanceName(k.importance) + " | " +
           k.documentation + " |\n";
  }
  return out;
}

std::string ConfigDef::typeName(Type t) {
  switch (t) {
    case Type::Boolean: return "BOOLEAN";
    case Type::String: return "STRING";
    case Type::Int: return "INT";
    case Type::Short: return "SHORT";
    case Type::Long: return "LONG";
    case Type::Double: return "DOUBLE";
    case Type::List: return "LIST";
    case Type::Class: return "CLASS";
    case Type::Password: return "PASSWORD";
  }
  return "STRING";
}

std::string ConfigDef::importanceName(Importance i) {
  switch (i) {
    case Importance::High: return "HIGH";
    case Importance::Medium: return "MEDIUM";
    case Importance::Low: return "LOW";
  }
  return "LOW";
}

std::string ConfigDef::widthName(Width w) {
  switch (w) {
    case Width::None: return "NONE";
    case Width::Short: return "SHORT";
    case Width::Medium: return "MEDIUM";
    case Width::Long: return "LONG";
  }
  return "NONE";
}

namespace {
bool parseInteger(std::string_view s, int64_t min, int64_t max, int64_t& out) {
  if (s.empty()) return false;
  std::string str(s);
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(str.c_str(), &end, 10);
  if (errno != 0 || end != str.c_str() + str.size() || v < min || v > max) return false;
  if (str[0] == ' ') return false;
  out = v;
  return true;
}
}  // namespace

ConfigDef::Parsed ConfigDef::parseType(const std::string& name, const std::string& value, Type type) {
  std::string trimmed(trim(value));
  switch (type) {
    case Type::Boolean:
      if (common::iequals(trimmed, "true")) return true;
      if (common::iequals(trimmed, "false")) return false;
      throw ConfigException(name, value, "Expected value to be either true or false");
    case Type::Password:
      return value;
    case Type::String:
      return trimmed;
    case Type::Int: {
      int64_t v;
      if (!parseInteger(trimmed, INT32_MIN, INT32_MAX, v))
        throw ConfigException(name, value, "Not a number of type INT");
      return static_cast<int32_t>(v);
    }
    case Type::Short: {
      int64_t v;
      if (!parseInteger(trimmed, INT16_MIN, INT16_MAX, v))
        throw ConfigException(name, value, "Not a number of type SHORT");
      return static_cast<int32_t>(v);
    }
    case Type::Long: {
      int64_t v;
      if (!parseInteger(trimmed, INT64_MIN, INT64_MAX, v))
        throw ConfigException(name, value, "Not a number of type LONG");
      return v;
    }
    case Type::Double: {
      errno = 0;
      char* end = nullptr;
      double v = std::strtod(trimmed.c_str(), &end);
      if (trimmed.empty() || errno != 0 || end != trimmed.c_str() + trimmed.size())
        throw ConfigException(name, value, "Not a number of type DOUBLE");
      return v;
    }
    case Type::List:
      return common::splitList(trimmed);
    case Type::Class:
      return trimmed;
  }
  return trimmed;
}

std::optional<std::string> ConfigDef::toStringValue(const Parsed& value, Type type) {
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  if (type == Type::Password) return std::string("[hidden]");
  return std::visit(
      [](const auto& v) -> std::optional<std::string> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, bool>) {
          return std::string(v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          std::string out;
          common::appendJavaDouble(v, out);
          return out;
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else {
          return common::join(v, ",");
        }
      },
      value);
}

std::map<std::string, ConfigDef::Parsed> ConfigDef::parse(const std::map<std::string, std::string>& props) const {
  std::map<std::string, Parsed> out;
  for (const auto& k : keys_) {
    Parsed v;
    auto it = props.find(k.name);
    if (it != props.end()) {
      v = parseType(k.name, it->second, k.type);
    } else if (k.required) {
      throw ConfigException("Missing required configuration \"" + k.name + "\" which has no default value.");
    } else if (k.default_value) {
      v = parseType(k.name, *k.default_value, k.type);
    }
    if (k.validator) k.validator->fn(k.name, v);
    out[k.name] = std::move(v);
  }
  return out;
}

std::vector<ConfigValue> ConfigDef::validate(const std::map<std::string, std::string>& props) const {
  std::vector<ConfigValue> out;
  out.reserve(keys_.size());
  for (const auto& k : keys_) {
    ConfigValue cv;
    cv.name = k.name;
    cv.recommended_values = k.recommended_values;
    Parsed v;
    bool ok = true;
    auto it = props.find(k.name);
    try {
      if (it != props.end()) {
        v = parseType(k.name, it->second, k.type);
      } else if (k.required) {
        cv.addErrorMessage("Missing required configuration \"" + k.name + "\" which has no default value.");
        ok = false;
      } else if (k.default_value) {
        v = parseType(k.name, *k.default_value, k.type);
      }
    } catch (const ConfigException& e) {
      cv.addErrorMessage(e.what());
      ok = false;
    }
    if (ok && k.validator) {
      try {
        k.validator->fn(k.name, v);
      } catch (const ConfigException& e) {
        cv.addErrorMessage(e.what());
      }
    }
    if (ok) {
      cv.value = toStringValue(v, k.type);
    } else if (it != props.end()) {
      cv.value = k.type == Type::Password ? std::string("[hidden]") : it->second;
    }
    out.push_back(std::move(cv));
  }
  return out;
}

namespace {
std::string renderValue(const ConfigDef::Parsed& v) {
  auto s = ConfigDef::toStringValue(v, ConfigDef::Type::String);
  return s ? *s : "null";
}
}  // namespace

ConfigDef::ValidatorSpec ConfigDef::atLeast(int64_t min) {
  return {[min](const std::string& name, const Parsed& v) {
            if (std::holds_alternative<std::monostate>(v)) throw ConfigException(name, "null", "Value must be non-null");
            double d = std::holds_alternative<int32_t>(v)   ? std::get<int32_t>(v)
                       : std::holds_alternative<int64_t>(v) ? static_cast<double>(std::get<int64_t>(v))
                       : std::holds_alternative<double>(v)  ? std::get<double>(v)
                                                            : 0.0;
            if (d < static_cast<double>(min))
              throw ConfigException(name, renderValue(v), "Value must be at least " + std::to_string(min));
          },
          "[" + std::to_string(min) + ",...]"};
}

ConfigDef::ValidatorSpec ConfigDef::between(int64_t min, int64_t max) {
  return {[min, max](const std::string& name, const Parsed& v) {
            if (std::holds_alternative<std::monostate>(v)) throw ConfigException(name, "null", "Value must be non-null");
            double d = std::holds_alternative<int32_t>(v)   ? std::get<int32_t>(v)
                       : std::holds_alternative<int64_t>(v) ? static_cast<double>(std::get<int64_t>(v))
                       : std::holds_alternative<double>(v)  ? std::get<double>(v)
                                                            : 0.0;
            if (d < static_cast<double>(min))
              throw ConfigException(name, renderValue(v), "Value must be at least " + std::to_string(min));
            if (d > static_cast<double>(max))
              throw ConfigException(name, renderValue(v), "Value must be no more than " + std::to_string(max));
          },
          "[" + std::to_string(min) + ",...," + std::to_string(max) + "]"};
}

ConfigDef::ValidatorSpec ConfigDef::validString(std::vector<std::string> allowed, bool case_insensitive) {
  std::string joined = common::join(allowed, ", ");
  return {[allowed, case_insensitive, joined](const std::string& name, const Parsed& v) {
            const std::string* s = std::get_if<std::string>(&v);
            bool found = false;
            if (s)
              for (const auto& a : allowed)
                if (case_insensitive ? common::iequals(a, *s) : a == *s) found = true;
            if (!found)
              throw ConfigException(name, s ? *s : "null",
                                    std::string(case_insensitive ? "String must be one of (case insensitive): "
                                                                 : "String must be one of: ") +
                                        joined);
          },
          "[" + joined + "]"};
}

ConfigDef::ValidatorSpec ConfigDef::nonEmptyString() {
  return {[](const std::string& name, const Parsed& v) {
            const std::string* s = std::get_if<std::string>(&v);
            if (!s) throw ConfigException(name, "null", "entry must be non null");
            if (s->empty()) throw ConfigException(name, *s, "String must be non-empty");
          },
          "non-empty string"};
}

ConfigDef::ValidatorSpec ConfigDef::nonNull() {
  return {[](const std::string& name, const Parsed& v) {
            if (std::holds_alternative<std::monostate>(v)) throw ConfigException(name, "null", "entry must be non null");
          },
          "non-null string"};
}

ConfigDef::ValidatorSpec ConfigDef::custom(Validator fn, std::string description) {
  return {std::move(fn), std::move(description)};
}

bool ParsedConfig::has(const std::string& key) const {
  auto it = values_.find(key);
  return it != values_.end() && !std::holds_alternative<std::monostate>(it->second);
}

const ConfigDef::Parsed& ParsedConfig::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw ConfigException("Unknown configuration '" + key + "'");
  return it->second;
}

bool ParsedConfig::getBoolean(const std::string& key) const {
  const auto& v = get(key);
  return std::holds_alternative<bool>(v) && std::get<bool>(v);
}
int32_t ParsedConfig::getInt(const std::string& key) const {
  const auto& v = get(key);
  return std::holds_alternative<int32_t>(v) ? std::get<int32_t>(v) : 0;
}
int64_t ParsedConfig::getLong(const std::string& key) const {
  const auto& v = get(key);
  if (std::holds_alternative<int64_t>(v)) return std::get<int64_t>(v);
  if (std::holds_alternative<int32_t>(v)) return std::get<int32_t>(v);
  return 0;
}
double ParsedConfig::getDouble(const std::string& key) const {
  const auto& v = get(key);
  return std::holds_alternative<double>(v) ? std::get<double>(v) : 0.0;
}
std::string ParsedConfig::getString(const std::string& key) const {
  const auto& v = get(key);
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}
std::optional<std::string> ParsedConfig::getOptionalString(const std::string& key) const {
  const auto& v = get(key);
  if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
  return std::nullopt;
}
std::vector<std::string> ParsedConfig::getList(const std::string& key) const {
  const auto& v = get(key);
  if (std::holds_alternative<std::vector<std::string>>(v)) return std::get<std::vector<std::string>>(v);
  return {};
}
std::map<std::string, std::string> ParsedConfig::originalsWithPrefix(const std::string& prefix) const {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : originals_)
    if (common::startsWith(k, prefix)) out[k.substr(prefix.size())] = v;
  return out;
}

}  // namespace connectd::api
