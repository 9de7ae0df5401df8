#pragma once

#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/simple_date_format.h"

namespace connectd::transforms {

// Kafka's TimestampRouter: the topic becomes `topic.format` with every "${topic}" replaced by
// the record's topic and every "${timestamp}" by the record timestamp formatted with the
// SimpleDateFormat pattern `timestamp.format` in UTC. Everything else about the record is left
// as it is. A record without a timestamp fails with a DataException.
class TimestampRouter : public api::Transformation {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.transforms.TimestampRouter";
  static constexpr const char* kTopicFormatConfig = "topic.format";
  static constexpr const char* kTimestampFormatConfig = "timestamp.format";
  static constexpr const char* kOverviewDoc =
      "Update the record's topic field as a function of the original topic value and the record "
      "timestamp.<p/>This is mainly useful for sink connectors, since the topic field is often "
      "used to determine the equivalent entity name in the destination system(e.g. database "
      "table or search index name).";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 private:
  std::string topic_format_;
  std::optional<SimpleDateFormat> timestamp_format_;
  // Kafka builds the SimpleDateFormat lazily, so a bad pattern fails the first record, not
  // configure(); this keeps that message until then.
  std::string timestamp_format_error_;
};

}  // namespace connectd::transforms
