#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"

namespace connectd::transforms {

// Kafka's Filter: drops every record it is applied to. Meant to be used with a predicate
// (transforms.<alias>.predicate / negate), so that only matching records are dropped.
class Filter : public api::Transformation {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.transforms.Filter";
  static constexpr const char* kOverviewDoc =
      "Drops all records, filtering them from subsequent transformations in the chain. This is "
      "intended to be used conditionally to filter out records matching (or not matching) a "
      "particular Predicate.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& /*configs*/) override {}
  bool apply(api::ConnectRecord& /*record*/) override { return false; }
  api::ConfigDef config() const override { return configDef(); }
};

}  // namespace connectd::transforms
