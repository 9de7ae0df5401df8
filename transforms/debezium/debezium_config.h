#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/config_def.h"

namespace connectd::transforms {

// The Debezium release whose SMTs (io.debezium.transforms.*) this module reproduces; reported
// as their plugin version.
inline constexpr const char* kDebeziumVersion = "3.6.1.Final";

// A Debezium SMT's view of its configuration (io.debezium.config.Configuration): raw string
// values read leniently, as Debezium does — a boolean or integer that does not parse falls back
// to the field's default — and validated by the SMT itself in configure().
class DebeziumConfig {
 public:
  explicit DebeziumConfig(const std::map<std::string, std::string>& props) : props_(props) {}

  bool hasKey(const std::string& key) const { return props_.count(key) != 0; }
  // The value, or nullopt when the key is absent.
  std::optional<std::string> getString(const std::string& key) const;
  // The value, or `default_value` when the key is absent.
  std::string getString(const std::string& key, const std::string& default_value) const;
  // "true"/"false" in any case with surrounding blanks; anything else is `default_value`.
  bool getBoolean(const std::string& key, bool default_value) const;
  // Integer.valueOf; anything else is `default_value`.
  int32_t getInteger(const std::string& key, int32_t default_value) const;

 private:
  std::map<std::string, std::string> props_;
};

// Configuration.validateAndRecord: collects the problems of a configure() call and fails it.
class DebeziumConfigProblems {
 public:
  // Debezium's wording: "The 'name' value 'v' is invalid: problem" (or "The 'name' value is
  // invalid: problem" without a value).
  void add(const std::string& name, const std::optional<std::string>& value,
           const std::string& problem);
  bool empty() const { return problems_.empty(); }
  // Logs every problem at ERROR (as Debezium does) and throws ConnectException("Unable to
  // validate config.") with the problems appended, when there are any.
  void throwIfAny() const;

 private:
  std::vector<std::string> problems_;
};

// String.split(String.valueOf(sep)): inner empty pieces kept, trailing ones dropped, and a
// string without `sep` returned whole.
std::vector<std::string> javaSplit(std::string_view s, char sep);

// The ConfigDef entry io.debezium.config.Field.group(config, null, field) produces: the field's
// default (a Java null default when nullopt; Debezium never declares a key as required in the
// ConfigDef), no group, order 1, width and display name.
void defineDebeziumField(api::ConfigDef& def, const std::string& name, api::ConfigDef::Type type,
                         std::optional<std::string> default_value,
                         api::ConfigDef::Importance importance, api::ConfigDef::Width width,
                         const std::string& display_name, const std::string& doc,
                         std::optional<api::ConfigDef::ValidatorSpec> validator = std::nullopt);

// Field.EnumRecommender as a ConfigDef validator: the value, trimmed and lower-cased, must be
// one of `literals`, else ConfigException(name, value, "Value must be one of a, b, c").
api::ConfigDef::ValidatorSpec debeziumEnumValidator(std::vector<std::string> literals);

// The literal among `literals` that `value` names (trimmed, case-insensitive), if any.
std::optional<std::string> parseDebeziumEnum(const std::vector<std::string>& literals,
                                             std::string_view value);

}  // namespace connectd::transforms
