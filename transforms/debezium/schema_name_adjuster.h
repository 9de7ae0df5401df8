#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace connectd::transforms {

// io.debezium.schema.SchemaNameAdjuster for the schema.name.adjustment.mode values: "none"
// keeps names; "avro" replaces every UTF-16 unit outside [A-Za-z0-9_.] (a first character
// outside [A-Za-z_]) with '_', keeping a leading digit after it ("1a" -> "_1a"); "avro_unicode"
// writes such a unit as "_uXXXX" (hex, at least four digits) and also escapes '_'.
//
// When two different names adjust to the same one, adjust() throws ConnectException as
// Debezium does ("... conflicts with another different schema ..."). Debezium remembers names
// per JVM; this remembers them per adjuster. Not thread-safe.
class SchemaNameAdjuster {
 public:
  enum class Mode { None, Avro, AvroUnicode };

  // The mode named by `value` ("none", "avro", "avro_unicode"; trimmed, case-insensitive).
  static std::optional<Mode> parseMode(std::string_view value);

  explicit SchemaNameAdjuster(Mode mode = Mode::None) : mode_(mode) {}

  std::string adjust(std::string_view proposed_name);

 private:
  Mode mode_;
  // Replacement -> the first original that produced it (ReplacementOccurred.firstTimeOnly).
  std::map<std::string, std::string, std::less<>> original_by_replacement_;
};

}  // namespace connectd::transforms
