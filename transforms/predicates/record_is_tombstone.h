#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/predicate.h"

namespace connectd::transforms {

// Kafka's RecordIsTombstone predicate: true when the record's value is null, whatever its
// value schema.
class RecordIsTombstone : public api::Predicate {
 public:
  static constexpr const char* kClassName =
      "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone";
  static constexpr const char* kOverviewDoc =
      "A predicate which is true for records which are tombstones (i.e. have null value).";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& /*configs*/) override {}
  bool test(const api::ConnectRecord& record) override { return record.value.isNull(); }
  api::ConfigDef config() const override { return configDef(); }

  std::string toString() const { return "RecordIsTombstone{}"; }
};

}  // namespace connectd::transforms
