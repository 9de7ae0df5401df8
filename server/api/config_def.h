#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace connectd::api {

// Kafka's ConfigDef. A definition is built once (usually in a static function) and used to
// parse() a connector/transform config (throws ConfigException at the first bad key) and to
// validate() it (never throws for user input; one ConfigValue per key with every message).
class ConfigDef {
 public:
  enum class Type { Boolean, String, Int, Short, Long, Double, List, Class, Password };
  enum class Importance { High, Medium, Low };
  enum class Width { None, Short, Medium, Long };

  // A parsed value: null, bool, int32 (INT/SHORT), int64 (LONG), double, string
  // (STRING/CLASS/PASSWORD), or a list of strings.
  using Parsed = std::variant<std::monostate, bool, int32_t, int64_t, double, std::string, std::vector<std::string>>;

  // Throws ConfigException(name, value, message) when the parsed value is invalid.
  using Validator = std::function<void(const std::string& name, const Parsed& value)>;
  // Human-readable form of a validator for docs ("[1,...]", "[none, all]").
  struct ValidatorSpec {
    Validator fn;
    std::string description;
  };

  struct Key {
    std::string name;
    Type type = Type::String;
    // No default at all (Java NO_DEFAULT_VALUE): the key must be given.
    bool required = false;
    // The default's string form; nullopt with !required is a Java null default.
    std::optional<std::string> default_value;
    std::optional<ValidatorSpec> validator;
    Importance importance = Importance::Medium;
    std::string documentation;
    std::string group;
    int order_in_group = -1;
    Width width = Width::None;
    std::string display_name;
    std::vector<std::string> dependents;
    std::vector<std::string> recommended_values;
    bool internal = false;
  };

  ConfigDef() = default;

  ConfigDef& define(Key key);
  // A required key (no default).
  ConfigDef& define(const std::string& name, Type type, Importance importance, const std::string& doc);
  ConfigDef& define(const std::string& name, Type type, ValidatorSpec validator, Importance importance,
                    const std::string& doc);
  // A key with a default (its string form, as Kafka prints it).
  ConfigDef& define(const std::string& name, Type type, const std::string& default_value, Importance importance,
                    const std::string& doc);
  ConfigDef& define(const std::string& name, Type type, const std::string& default_value, ValidatorSpec validator,
                    Importance importance, const std::string& doc);
  // A key whose default is Java null (optional, no value).
  ConfigDef& defineNullDefault(const std::string& name, Type type, Importance importance, const std::string& doc);
  // Sets group/order/width/display name on the last defined key.
  ConfigDef& withGroup(const std::string& group, int order, Width width, const std::string& display_name);
  // Adds every key of `other` not already defined here (ConfigDef(base) + define).
  ConfigDef& merge(const ConfigDef& other);

  const std::vector<Key>& keys() const { return keys_; }
  const Key* find(const std::string& name) const;
  std::vector<std::string> groups() const;

  // Parses `props` (unknown keys are ignored). Throws ConfigException.
  std::map<std::string, Parsed> parse(const std::map<std::string, std::string>& props) const;

  // One ConfigValue per defined key (in definition order), plus error entries from validators.
  std::vector<struct ConfigValue> validate(const std::map<std::string, std::string>& props) const;

  static Parsed parseType(const std::string& name, const std::string& value, Type type);
  // The key table a module README shows (Kafka's ConfigDef.toRst, in Markdown): one row per key
  // with name, type, default, valid values, importance and documentation.
  std::string toMarkdownTable() const;

  static std::string typeName(Type t);  // "BOOLEAN", "STRING", ...
  static std::string importanceName(Importance i);
  static std::string widthName(Width w);
  // The string form of a parsed value as Kafka prints it (lists comma-joined, [hidden] for passwords).
  static std::optional<std::string> toStringValue(const Parsed& value, Type type);

  // Validators, with Kafka's messages.
  static ValidatorSpec atLeast(int64_t min);
  static ValidatorSpec between(int64_t min, int64_t max);
  static ValidatorSpec validString(std::vector<std::string> allowed, bool case_insensitive = false);
  static ValidatorSpec nonEmptyString();
  static ValidatorSpec nonNull();
  static ValidatorSpec custom(Validator fn, std::string description = {});

 private:
  std::vector<Key> keys_;
  std::map<std::string, size_t> index_;
};

// Kafka's ConfigValue: the outcome of validating one key.
struct ConfigValue {
  std::string name;
  std::optional<std::string> value;  // string form of the parsed value
  std::vector<std::string> recommended_values;
  std::vector<std::string> error_messages;
  bool visible = true;
  void addErrorMessage(std::string m) { error_messages.push_back(std::move(m)); }
};

// Typed access to a parsed config (AbstractConfig).
class ParsedConfig {
 public:
  ParsedConfig() = default;
  ParsedConfig(const ConfigDef& def, const std::map<std::string, std::string>& props)
      : values_(def.parse(props)), originals_(props) {}
  bool has(const std::string& key) const;
  bool getBoolean(const std::string& key) const;
  int32_t getInt(const std::string& key) const;
  int64_t getLong(const std::string& key) const;
  double getDouble(const std::string& key) const;
  // STRING/CLASS/PASSWORD; empty string when null.
  std::string getString(const std::string& key) const;
  std::optional<std::string> getOptionalString(const std::string& key) const;
  std::vector<std::string> getList(const std::string& key) const;
  const std::map<std::string, std::string>& originals() const { return originals_; }
  // Original entries under `prefix`, with the prefix stripped (originalsWithPrefix).
  std::map<std::string, std::string> originalsWithPrefix(const std::string& prefix) const;

 private:
  const ConfigDef::Parsed& get(const std::string& key) const;
  std::map<std::string, ConfigDef::Parsed> values_;
  std::map<std::string, std::string> originals_;
};

}  // namespace connectd::api
