#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/schema.h"
#include "server/api/transformation.h"

namespace connectd::transforms {

// Kafka's InsertHeader: appends the header `header` to every record (an existing header with the
// same key stays). Its value is `value.literal` read once with Values.parseString, so "1" is an
// INT8, "true" a BOOLEAN, "2024-01-31" a Date, "[1,2]" an array and other text a STRING.
class InsertHeader : public api::Transformation {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.transforms.InsertHeader";
  static constexpr const char* kHeaderConfig = "header";
  static constexpr const char* kValueLiteralConfig = "value.literal";
  static constexpr const char* kOverviewDoc = "Add a header to each record.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 private:
  std::string header_;
  api::SchemaAndValue literal_value_;
};

}  // namespace connectd::transforms
