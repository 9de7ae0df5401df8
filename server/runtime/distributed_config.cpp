#include "server/runtime/distributed_config.h"

#include <charconv>
#include <limits>

#include "server/api/errors.h"
#include "server/common/properties.h"
#include "server/common/strings.h"

extern char** environ;

namespace connectd::runtime {

namespace {

const std::string& required(const std::map<std::string, std::string>& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end()) {
    throw api::ConfigException(std::string("Missing required configuration \"") + key +
                               "\" which has no default value.");
  }
  return it->second;
}

int64_t integer(const std::map<std::string, std::string>& props, const char* key, int64_t def, int64_t min,
                int64_t max) {
  auto it = props.find(key);
  if (it == props.end()) return def;
  auto text = common::trim(it->second);
  int64_t v = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || res.ec != std::errc() || res.ptr != text.data() + text.size()) {
    throw api::ConfigException(key, it->second, "Not a number of type " + std::string(max > 32767 ? "INT" : "SHORT"));
  }
  if (v < min || v > max) throw api::ConfigException(key, it->second, "Value out of range");
  return v;
}

// Partitions and replication factors: -1 (broker default) or a positive number.
void checkPositiveOrDefault(const char* key, int64_t v) {
  if (v == 0 || v < -1) {
    throw api::ConfigException(key, std::to_string(v),
                               "Value must be -1 (use the broker's default) or a positive number");
  }
}

// Worker keys that also configure the internal-topic clients (connection and security).
bool isClientKey(const std::string& key) {
  static const char* kExact[] = {"bootstrap.servers", "security.protocol", "client.dns.lookup",
                                 "metadata.max.age.ms", "request.timeout.ms", "connections.max.idle.ms",
                                 "reconnect.backoff.ms", "reconnect.backoff.max.ms", "retry.backoff.ms",
                                 "receive.buffer.bytes", "send.buffer.bytes", "socket.connection.setup.timeout.ms",
                                 "socket.connection.setup.timeout.max.ms"};
  for (const char* k : kExact) {
    if (key == k) return true;
  }
  return common::startsWith(key, "sasl.") || common::startsWith(key, "ssl.");
}

}  // namespace

DistributedConfig::DistributedConfig(std::map<std::string, std::string> props) : props_(std::move(props)) {
  group_id_ = required(props_, kGroupId);
  config_topic_ = required(props_, kConfigTopic);
  offset_topic_ = required(props_, kOffsetTopic);
  status_topic_ = required(props_, kStatusTopic);
  constexpr int64_t kShortMax = std::numeric_limits<int16_t>::max();
  constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
  config_rf_ = static_cast<int16_t>(integer(props_, kConfigReplicationFactor, 3, -kShortMax - 1, kShortMax));
  offset_partitions_ = static_cast<int32_t>(integer(props_, kOffsetPartitions, 25, -kIntMax - 1, kIntMax));
  offset_rf_ = static_cast<int16_t>(integer(props_, kOffsetReplicationFactor, 3, -kShortMax - 1, kShortMax));
  status_partitions_ = static_cast<int32_t>(integer(props_, kStatusPartitions, 5, -kIntMax - 1, kIntMax));
  status_rf_ = static_cast<int16_t>(integer(props_, kStatusReplicationFactor, 3, -kShortMax - 1, kShortMax));
  checkPositiveOrDefault(kConfigReplicationFactor, config_rf_);
  checkPositiveOrDefault(kOffsetPartitions, offset_partitions_);
  checkPositiveOrDefault(kOffsetReplicationFactor, offset_rf_);
  checkPositiveOrDefault(kStatusPartitions, status_partitions_);
  checkPositiveOrDefault(kStatusReplicationFactor, status_rf_);
}

std::string DistributedConfig::bootstrapServers() const {
  auto it = props_.find("bootstrap.servers");
  if (it == props_.end()) return "localhost:9092";
  return common::join(common::splitList(it->second), ",");
}

std::string DistributedConfig::clientIdBase() const {
  auto it = props_.find(kClientId);
  std::string base = group_id_ + "-";
  if (it != props_.end() && !common::trim(it->second).empty()) base += std::string(common::trim(it->second)) + "-";
  return base;
}

std::map<std::string, std::string> DistributedConfig::topicSettings(const std::string& prefix) const {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : props_) {
    if (!common::startsWith(k, prefix)) continue;
    std::string name = k.substr(prefix.size());
    if (name == "topic" || name == "partitions" || name == "replication.factor" || name == "cleanup.policy") continue;
    out[name] = v;
  }
  return out;
}

kafka::ClientProps DistributedConfig::clientProps() const {
  kafka::ClientProps out;
  for (const auto& [k, v] : props_) {
    if (isClientKey(k)) out[k] = v;
  }
  out["bootstrap.servers"] = bootstrapServers();
  return out;
}

InternalTopicSettings DistributedConfig::topicSettings(const std::string& topic, const std::string& topic_key,
                                                       const std::string& purpose, const std::string& prefix,
                                                       int32_t partitions, int16_t replication_factor,
                                                       const std::string& client_suffix) const {
  InternalTopicSettings s;
  s.topic = topic;
  s.worker_topic_config = topic_key;
  s.purpose = purpose;
  s.partitions = partitions;
  s.replication_factor = replication_factor;
  s.topic_configs = topicSettings(prefix);
  auto base = clientProps();
  s.producer = base;
  s.consumer = base;
  s.admin = base;
  s.producer["client.id"] = clientIdBase() + client_suffix;
  s.consumer["client.id"] = clientIdBase() + client_suffix;
  s.admin["client.id"] = clientIdBase() + "shared-admin";
  return s;
}

InternalTopicSettings DistributedConfig::configTopicSettings() const {
  auto s = topicSettings(config_topic_, kConfigTopic, "connector configurations", "config.storage.", 1, config_rf_,
                         "configs");
  s.single_partition = true;
  return s;
}

InternalTopicSettings DistributedConfig::offsetTopicSettings() const {
  return topicSettings(offset_topic_, kOffsetTopic, "source connector offsets", "offset.storage.", offset_partitions_,
                       offset_rf_, "offsets");
}

InternalTopicSettings DistributedConfig::statusTopicSettings() const {
  return topicSettings(status_topic_, kStatusTopic, "connector and task statuses", "status.storage.",
                       status_partitions_, status_rf_, "statuses");
}

std::map<std::string, std::string> distributedWorkerProps(const std::map<std::string, std::string>& env,
                                                          const std::optional<std::string>& properties_file) {
  std::map<std::string, std::string> props;
  if (properties_file) props = common::loadPropertiesFile(*properties_file);

  for (const auto& [name, value] : env) {
    if (!common::startsWith(name, "CONNECT_") || name.size() == 8) continue;
    std::string key = common::toLower(name.substr(8));
    for (char& c : key) {
      if (c == '_') c = '.';
    }
    props[key] = value;
  }

  static const std::pair<const char*, const char*> kNamed[] = {
      {"BOOTSTRAP_SERVERS", "bootstrap.servers"},
      {"GROUP_ID", "group.id"},
      {"CONFIG_STORAGE_TOPIC", "config.storage.topic"},
      {"OFFSET_STORAGE_TOPIC", "offset.storage.topic"},
      {"STATUS_STORAGE_TOPIC", "status.storage.topic"},
      {"CONFIG_STORAGE_REPLICATION_FACTOR", "config.storage.replication.factor"},
      {"OFFSET_STORAGE_REPLICATION_FACTOR", "offset.storage.replication.factor"},
      {"STATUS_STORAGE_REPLICATION_FACTOR", "status.storage.replication.factor"},
      {"KEY_CONVERTER", "key.converter"},
      {"VALUE_CONVERTER", "value.converter"},
      {"ADVERTISED_HOST_NAME", "rest.advertised.host.name"},
      {"ADVERTISED_PORT", "rest.advertised.port"},
  };
  for (const auto& [var, key] : kNamed) {
    auto it = env.find(var);
    if (it != env.end() && !it->second.empty()) props[key] = it->second;
  }

  static const std::pair<const char*, const char*> kDefaults[] = {
      {"bootstrap.servers", "localhost:9092"},
      {"group.id", "connect-cluster"},
      {"config.storage.topic", "connect-configs"},
      {"offset.storage.topic", "connect-offsets"},
      {"status.storage.topic", "connect-status"},
      {"key.converter", "org.apache.kafka.connect.json.JsonConverter"},
      {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
  };
  for (const auto& [key, value] : kDefaults) props.emplace(key, value);
  return props;
}

std::map<std::string, std::string> processEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

}  // namespace connectd::runtime
