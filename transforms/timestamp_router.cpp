#include "transforms/timestamp_router.h"

#include <stdexcept>
#include <utility>

#include "server/api/errors.h"

namespace connectd::transforms {

namespace {

constexpr std::string_view kTopicPlaceholder = "${topic}";
constexpr std::string_view kTimestampPlaceholder = "${timestamp}";

// Pattern.compile(literal, LITERAL).matcher(s).replaceAll(quoteReplacement(replacement)).
std::string replaceAll(std::string_view s, std::string_view literal, std::string_view replacement) {
  std::string out;
  size_t from = 0;
  for (size_t at = s.find(literal); at != std::string_view::npos; at = s.find(literal, from)) {
    out.append(s.substr(from, at - from));
    out.append(replacement);
    from = at + literal.size();
  }
  out.append(s.substr(from));
  return out;
}

std::string schemaString(const api::SchemaPtr& schema) {
  return schema ? schema->toString() : std::string("null");
}

std::string offsetMapString(const api::OffsetMap& map) {
  std::string out = "{";
  for (size_t i = 0; i < map.size(); ++i) {
    if (i > 0) out += ", ";
    out += map[i].first + "=" + map[i].second.toString();
  }
  return out + "}";
}

// ConnectRecord.toString() (with the SourceRecord / SinkRecord prefix), for the message of a
// record without a timestamp.
std::string recordString(const api::ConnectRecord& record) {
  std::string out;
  if (const auto* source = dynamic_cast<const api::SourceRecord*>(&record)) {
    out += "SourceRecord{sourcePartition=" + offsetMapString(source->sourcePartition) +
           ", sourceOffset=" + offsetMapString(source->sourceOffset) + "} ";
  } else if (const auto* sink = dynamic_cast<const api::SinkRecord*>(&record)) {
    static constexpr const char* kTimestampTypes[] = {"NoTimestampType", "CreateTime",
                                                      "LogAppendTime"};
    out += "SinkRecord{kafkaOffset=" + std::to_string(sink->kafkaOffset) +
           ", timestampType=" + kTimestampTypes[static_cast<int>(sink->timestampType)] +
           ", originalTopic=" + sink->originalTopic +
           ", originalKafkaPartition=" + std::to_string(sink->originalKafkaPartition) +
           ", originalKafkaOffset=" + std::to_string(sink->originalKafkaOffset) + "} ";
  }
  out += "ConnectRecord{topic='" + record.topic + "', kafkaPartition=" +
         (record.kafkaPartition ? std::to_string(*record.kafkaPartition) : "null") +
         ", key=" + record.key.toString() + ", keySchema=" + schemaString(record.keySchema) +
         ", value=" + record.value.toString() + ", valueSchema=" + schemaString(record.valueSchema) +
         ", timestamp=" + (record.timestamp ? std::to_string(*record.timestamp) : "null") +
         ", headers=ConnectHeaders(headers=";
  bool first = true;
  for (const api::Header& h : record.headers) {
    out += first ? "[" : ", ";
    first = false;
    out += "ConnectHeader(key=" + h.key + ", value=" + h.value.toString() +
           ", schema=" + schemaString(h.schema) + ")";
  }
  if (!first) out += "]";
  return out + ")}";
}

}  // namespace

const api::ConfigDef& TimestampRouter::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kTopicFormatConfig, ConfigDef::Type::String, "${topic}-${timestamp}",
             ConfigDef::Importance::High,
             "Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> "
             "as placeholders for the topic and timestamp, respectively.");
    d.define(kTimestampFormatConfig, ConfigDef::Type::String, "yyyyMMdd",
             ConfigDef::Importance::High,
             "Format string for the timestamp that is compatible with "
             "<code>java.text.SimpleDateFormat</code>.");
    return d;
  }();
  return def;
}

void TimestampRouter::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  topic_format_ = config.getString(kTopicFormatConfig);
  timestamp_format_.reset();
  timestamp_format_error_.clear();
  try {
    timestamp_format_.emplace(config.getString(kTimestampFormatConfig));
  } catch (const std::invalid_argument& e) {
    timestamp_format_error_ = e.what();
  }
}

bool TimestampRouter::apply(api::ConnectRecord& record) {
  if (!record.timestamp) {
    throw api::DataException("Timestamp missing on record: " + recordString(record));
  }
  if (!timestamp_format_) {
    if (timestamp_format_error_.empty()) {
      throw api::ConnectException("TimestampRouter used before configure()");
    }
    // Java throws the IllegalArgumentException of new SimpleDateFormat(pattern) here.
    throw api::ConnectException(timestamp_format_error_);
  }
  std::string formatted = timestamp_format_->format(*record.timestamp);
  std::string topic = replaceAll(topic_format_, kTopicPlaceholder, record.topic);
  record.topic = replaceAll(topic, kTimestampPlaceholder, formatted);
  return true;
}

}  // namespace connectd::transforms
