#include "server/runtime/sink_connector_config.h"

#include <algorithm>
#include <optional>

#include "server/api/errors.h"
#include "server/common/java_regex.h"
#include "server/common/strings.h"

namespace connectd::runtime {

using api::ConfigDef;
using Importance = ConfigDef::Importance;
using Type = ConfigDef::Type;
using Width = ConfigDef::Width;

namespace {

bool isBlank(const ConfigMap& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() || common::trim(it->second).empty();
}

std::string valueOr(const ConfigMap& props, const char* key, const std::string& fallback) {
  auto it = props.find(key);
  return it == props.end() ? fallback : it->second;
}

void addError(std::vector<api::ConfigValue>& values, const std::string& name, const std::optional<std::string>& value,
              const std::string& message) {
  for (auto& v : values) {
    if (v.name == name) {
      v.addErrorMessage(message);
      return;
    }
  }
  api::ConfigValue cv;
  cv.name = name;
  cv.value = value;
  cv.addErrorMessage(message);
  values.push_back(std::move(cv));
}

}  // namespace

ConfigDef SinkConnectorConfig::configDef(const api::PluginRegistry* registry) {
  ConfigDef def = ConnectorConfig::configDef(registry);
  def.define(kTopics, Type::List, "", Importance::High, "List of topics to consume, separated by commas")
      .withGroup(ConnectorConfig::kCommonGroup, 4, Width::Long, "Topics");
  auto regex_validator = ConfigDef::custom(
      [](const std::string& name, const ConfigDef::Parsed& v) {
        const auto* s = std::get_if<std::string>(&v);
        if (s == nullptr) return;
        try {
          common::JavaRegex regex(*s);
        } catch (const common::PatternSyntaxException& e) {
          throw api::ConfigException(name, *s, std::string("Invalid regex: ") + e.what());
        }
      },
      "valid regex");
  def.define(kTopicsRegex, Type::String, "", regex_validator, Importance::High,
             "Regular expression giving topics to consume. Under the hood, the regex is compiled to a "
             "<code>java.util.regex.Pattern</code>. Only one of topics or topics.regex should be specified.")
      .withGroup(ConnectorConfig::kCommonGroup, 4, Width::Long, "Topics regex");
  def.define(kDlqTopicName, Type::String, "", Importance::Medium,
             "The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error "
             "when processed by this sink connector, or its transformations or converters. The topic name is blank by "
             "default, which means that no messages are to be recorded in the DLQ.")
      .withGroup(ConnectorConfig::kErrorGroup, 6, Width::Medium, "Dead Letter Queue Topic Name");
  def.define(kDlqTopicReplicationFactor, Type::Short, "3", Importance::Medium,
             "Replication factor used to create the dead letter queue topic when it doesn't already exist.")
      .withGroup(ConnectorConfig::kErrorGroup, 7, Width::Medium, "Dead Letter Queue Topic Replication Factor");
  def.define(kDlqContextHeadersEnable, Type::Boolean, "false", Importance::Medium,
             "If true, add headers containing error context to the messages written to the dead letter queue. To "
             "avoid clashing with headers from the original record, all error context header keys, all error context "
             "header keys will start with <code>__connect.errors.</code>")
      .withGroup(ConnectorConfig::kErrorGroup, 8, Width::Medium, "Enable Error Context Headers");
  return def;
}

void SinkConnectorConfig::validate(const ConfigMap& props, std::vector<api::ConfigValue>& values) {
  bool has_topics = !isBlank(props, kTopics);
  bool has_regex = !isBlank(props, kTopicsRegex);
  bool has_dlq = !isBlank(props, kDlqTopicName);
  auto topics_value = props.count(kTopics) ? std::optional<std::string>(props.at(kTopics)) : std::nullopt;
  auto regex_value = props.count(kTopicsRegex) ? std::optional<std::string>(props.at(kTopicsRegex)) : std::nullopt;

  if (has_topics && has_regex) {
    std::string msg = std::string(kTopics) + " and " + kTopicsRegex + " are mutually exclusive options, but both are set.";
    addError(values, kTopics, topics_value, msg);
    addError(values, kTopicsRegex, regex_value, msg);
  }
  if (!has_topics && !has_regex) {
    std::string msg = std::string("Must configure one of ") + kTopics + " or " + kTopicsRegex;
    addError(values, kTopics, topics_value, msg);
    addError(values, kTopicsRegex, regex_value, msg);
  }
  if (has_dlq) {
    std::string dlq(common::trim(valueOr(props, kDlqTopicName, "")));
    if (has_topics) {
      auto topics = parseTopicsList(props);
      if (std::find(topics.begin(), topics.end(), dlq) != topics.end()) {
        addError(values, kTopics, topics_value,
                 "The DLQ topic '" + dlq + "' may not be included in the list of topics ('" + kTopics + "=" +
                     ConnectorConfig::listToString(topics) + "') consumed by the connector");
      }
    }
    if (has_regex) {
      std::optional<common::JavaRegex> regex;
      try {
        regex.emplace(*regex_value);
      } catch (const common::PatternSyntaxException&) {
        // The topics.regex validator has already reported the syntax error on that key.
      }
      if (regex && regex->matches(dlq)) {
        addError(values, kTopicsRegex, regex_value,
                 "The DLQ topic '" + dlq + "' may not be matched by the regex for the topics ('" + kTopicsRegex + "=" +
                     *regex_value + "') consumed by the connector");
      }
    }
  }
}

void SinkConnectorConfig::validate(const ConfigMap& props) {
  std::vector<api::ConfigValue> values;
  validate(props, values);
  for (const auto& v : values) {
    if (!v.error_messages.empty()) {
      throw api::ConfigException(v.name, v.value.value_or("null"), v.error_messages.front());
    }
  }
}

bool SinkConnectorConfig::hasTopicsConfig(const ConfigMap& props) { return !isBlank(props, kTopics); }

bool SinkConnectorConfig::hasDlqTopicConfig(const ConfigMap& props) { return !isBlank(props, kDlqTopicName); }

std::vector<std::string> SinkConnectorConfig::parseTopicsList(const ConfigMap& props) {
  std::vector<std::string> out;
  auto it = props.find(kTopics);
  if (it == props.end()) return out;
  for (auto& t : common::splitList(it->second)) {
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

}  // namespace connectd::runtime
