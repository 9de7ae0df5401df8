#pragma once

#include <map>
#include <set>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"

namespace connectd::transforms {

// Kafka's DropHeaders: removes every header whose key is one of `headers` (all occurrences);
// the other headers keep their order.
class DropHeaders : public api::Transformation {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.transforms.DropHeaders";
  static constexpr const char* kHeadersConfig = "headers";
  static constexpr const char* kOverviewDoc = "Removes one or more headers from each record.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 private:
  std::set<std::string, std::less<>> headers_;
};

}  // namespace connectd::transforms
