#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/predicate.h"

namespace connectd::transforms {

// Kafka's HasHeaderKey predicate: true when the record has at least one header named `name`.
class HasHeaderKey : public api::Predicate {
 public:
  static constexpr const char* kClassName =
      "org.apache.kafka.connect.transforms.predicates.HasHeaderKey";
  static constexpr const char* kNameConfig = "name";
  static constexpr const char* kOverviewDoc =
      "A predicate which is true for records with at least one header with the configured name.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool test(const api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

  // "HasHeaderKey{name='<name>'}", as Kafka's toString.
  std::string toString() const;

 private:
  std::string name_;
};

}  // namespace connectd::transforms
