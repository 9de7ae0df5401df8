#pragma once

#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/predicate.h"
#include "server/common/java_regex.h"

namespace connectd::transforms {

// Kafka's TopicNameMatches predicate: true when the record's whole topic matches `pattern`
// (Matcher.matches()).
class TopicNameMatches : public api::Predicate {
 public:
  static constexpr const char* kClassName =
      "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";
  static constexpr const char* kPatternConfig = "pattern";
  static constexpr const char* kOverviewDoc =
      "A predicate which is true for records with a topic name that matches the configured regular "
      "expression.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool test(const api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

  // "TopicNameMatches{pattern=<regex>}", as Kafka's toString.
  std::string toString() const;

 private:
  std::optional<common::JavaRegex> pattern_;
};

}  // namespace connectd::transforms
