#pragma once

#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "server/common/java_regex.h"

namespace connectd::transforms {

// Kafka's RegexRouter: when the whole topic matches `regex` (Matcher.matches()), the topic
// becomes Matcher.replaceFirst(`replacement`), with Java's $n / ${name} group references.
// Everything else about the record is left as it is.
class RegexRouter : public api::Transformation {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.transforms.RegexRouter";
  static constexpr const char* kRegexConfig = "regex";
  static constexpr const char* kReplacementConfig = "replacement";
  static constexpr const char* kOverviewDoc =
      "Update the record topic using the configured regular expression and replacement "
      "string.<p/>Under the "
      "hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. If the pattern "
      "matches the input "
      "topic, <code>java.util.regex.Matcher#replaceFirst()</code> is used with the replacement "
      "string to obtain "
      "the new topic.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 private:
  std::optional<common::JavaRegex> regex_;
  std::string replacement_;
};

}  // namespace connectd::transforms
