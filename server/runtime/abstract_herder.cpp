#include "server/runtime/abstract_herder.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/runtime/connector_config.h"
#include "server/runtime/sink_connector_config.h"
#include "server/runtime/source_connector_config.h"

namespace connectd::runtime {

using api::ConfigDef;

namespace {

StateInfo state(std::string s, const std::string& worker_id, std::string trace = {}) {
  return StateInfo{std::move(s), worker_id, std::move(trace)};
}

// Java's AbstractMap.toString, for "Connector config {...} contains no connector type".
std::string javaMapString(const ConfigMap& m) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out += ", ";
    first = false;
    out += k + "=" + v;
  }
  return out + "}";
}

ConfigValueInfo convertConfigValue(const api::ConfigValue& v, const std::string& prefix = {}) {
  ConfigValueInfo info;
  info.name = prefix + v.name;
  info.value = v.value;
  info.recommended_values = v.recommended_values;
  info.errors = v.error_messages;
  info.visible = v.visible;
  return info;
}

// ConfigInfos of a plugin's own config under a prefix (prefixedConfigInfos).
ConfigInfos prefixedConfigInfos(const ConfigDef& def, const std::vector<api::ConfigValue>& values,
                                const std::string& prefix) {
  ConfigInfos out;
  std::vector<std::string> groups;
  for (const auto& v : values) {
    ConfigInfo info;
    if (const auto* key = def.find(v.name)) {
      if (!key->group.empty() && std::find(groups.begin(), groups.end(), key->group) == groups.end()) {
        groups.push_back(key->group);
      }
      info.definition = AbstractHerder::convertConfigKey(*key, prefix);
    }
    if (!v.error_messages.empty()) ++out.error_count;
    info.value = convertConfigValue(v, prefix);
    out.configs.push_back(std::move(info));
  }
  out.groups = std::move(groups);
  return out;
}

bool hiddenClientKey(const std::string& key) {
  return key.find("password") != std::string::npos || key == "sasl.jaas.config" || key == "ssl.key.pem" ||
         key == "sasl.oauthbearer.client.secret";
}

// Client overrides as the worker's override policy judges them (All / None / Principal).
ConfigInfos validateClientOverrides(const ConfigMap& props, const std::string& prefix, const std::string& policy) {
  std::vector<api::ConfigValue> values;
  static const std::set<std::string> kPrincipalKeys = {"sasl.jaas.config", "sasl.mechanism", "security.protocol"};
  for (const auto& [k, v] : props) {
    if (!common::startsWith(k, prefix)) continue;
    std::string key = k.substr(prefix.size());
    api::ConfigValue cv;
    cv.name = key;
    cv.value = hiddenClientKey(key) ? std::string("[hidden]") : v;
    std::string simple = policy.substr(policy.rfind('.') == std::string::npos ? 0 : policy.rfind('.') + 1);
    bool allowed = true;
    std::string policy_name = "All";
    if (simple == "None" || simple == "NoneConnectorClientConfigOverridePolicy") {
      allowed = false;
      policy_name = "None";
    } else if (simple == "Principal" || simple == "PrincipalConnectorClientConfigOverridePolicy") {
      allowed = kPrincipalKeys.count(key) > 0;
      policy_name = "Principal";
    }
    if (!allowed) {
      cv.addErrorMessage("The '" + policy_name + "' policy does not allow '" + key +
                         "' to be overridden in the connector configuration.");
    }
    values.push_back(std::move(cv));
  }
  return prefixedConfigInfos(ConfigDef(), values, prefix);
}

void mergeInto(ConfigInfos& into, const std::optional<ConfigInfos>& other) {
  if (!other) return;
  into.error_count += other->error_count;
  for (const auto& g : other->groups)
    if (std::find(into.groups.begin(), into.groups.end(), g) == into.groups.end()) into.groups.push_back(g);
  into.configs.insert(into.configs.end(), other->configs.begin(), other->configs.end());
}

}  // namespace

AbstractHerder::AbstractHerder(std::string worker_id, const WorkerConfig& config, const api::PluginRegistry& plugins,
                               std::unique_ptr<StatusBackingStore> status_store)
    : worker_id_(std::move(worker_id)), config_(config), plugins_(plugins), status_store_(std::move(status_store)) {}

ConfigKeyInfo AbstractHerder::convertConfigKey(const ConfigDef::Key& key, const std::string& prefix) {
  ConfigKeyInfo info;
  info.name = prefix + key.name;
  info.type = ConfigDef::typeName(key.type);
  info.required = key.required;
  if (!key.required && key.default_value) {
    info.default_value = key.type == ConfigDef::Type::Password ? std::string("[hidden]") : *key.default_value;
  }
  info.importance = ConfigDef::importanceName(key.importance);
  info.documentation = key.documentation;
  if (!key.group.empty()) info.group = key.group;
  info.order = key.order_in_group;
  info.width = ConfigDef::widthName(key.width);
  info.display_name = key.display_name.empty() ? key.name : key.display_name;
  info.dependents = key.dependents;
  return info;
}

ConnectorType AbstractHerder::connectorType(const std::optional<ConfigMap>& config) const {
  if (!config) return ConnectorType::Unknown;
  auto it = config->find(ConnectorConfig::kConnectorClass);
  if (it == config->end()) return ConnectorType::Unknown;
  const api::PluginDesc* desc = plugins_.find(it->second, {api::PluginKind::Source, api::PluginKind::Sink});
  if (desc == nullptr) return ConnectorType::Unknown;
  return desc->kind == api::PluginKind::Sink ? ConnectorType::Sink : ConnectorType::Source;
}

ConnectorStateInfo AbstractHerder::connectorStatus(const std::string& name) {
  auto connector = status_store_->get(name);
  if (!connector) throw api::NotFoundException("No status found for connector " + name);
  ConnectorStateInfo info;
  info.name = name;
  info.connector = *connector;
  info.tasks = status_store_->getAll(name);
  info.type = connectorType(rawConfig(name));
  return info;
}

TaskStateInfo AbstractHerder::taskStatus(const ConnectorTaskId& id) {
  auto task = status_store_->get(id);
  if (!task) throw api::NotFoundException("No status found for task " + toString(id));
  TaskStateInfo info;
  static_cast<StateInfo&>(info) = *task;
  info.id = id.task;
  return info;
}

std::vector<std::string> AbstractHerder::connectorActiveTopics(const std::string& name) {
  if (!topicTrackingEnabled()) throw api::ConnectRestException(403, "Topic tracking is disabled.");
  std::vector<std::string> out;
  for (const auto& t : status_store_->getAllTopics(name)) out.push_back(t.topic);
  std::sort(out.begin(), out.end());
  return out;
}

void AbstractHerder::resetConnectorActiveTopics(const std::string& name) {
  if (!topicTrackingEnabled()) throw api::ConnectRestException(403, "Topic tracking is disabled.");
  if (!topicTrackingResetAllowed()) throw api::ConnectRestException(403, "Topic tracking reset is disabled.");
  for (const auto& t : status_store_->getAllTopics(name)) status_store_->deleteTopic(t.connector, t.topic);
}

void AbstractHerder::alterConnectorOffsets(const std::string& name, const ConnectorOffsets& offsets,
                                           Callback<std::string> cb) {
  if (offsets.offsets.empty()) {
    if (cb) cb(std::make_exception_ptr(api::ConnectException("The offsets to be altered may not be null or empty")), {});
    return;
  }
  modifyConnectorOffsets(name, offsets, std::move(cb));
}

void AbstractHerder::resetConnectorOffsets(const std::string& name, Callback<std::string> cb) {
  modifyConnectorOffsets(name, std::nullopt, std::move(cb));
}

api::BadRequestException AbstractHerder::notStoppedForOffsets(const std::string& name) {
  return api::BadRequestException(
      "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the "
      "specified connector by issuing a 'PUT' request to the '/connectors/" +
      name + "/stop' endpoint");
}

std::vector<ConfigKeyInfo> AbstractHerder::connectorPluginConfig(const std::string& plugin) {
  const api::PluginDesc* desc =
      plugins_.find(plugin, {api::PluginKind::Source, api::PluginKind::Sink, api::PluginKind::Converter,
                             api::PluginKind::HeaderConverter, api::PluginKind::Transformation,
                             api::PluginKind::Predicate});
  if (desc == nullptr) {
    if (plugins_.find(plugin, {api::PluginKind::Task}) != nullptr) {
      throw api::BadRequestException("Invalid plugin class " + plugin +
                                     ". Valid types are sink, source, converter, header_converter, transformation, "
                                     "predicate.");
    }
    throw api::NotFoundException("Unknown plugin " + plugin + ".");
  }
  std::vector<ConfigKeyInfo> out;
  std::set<std::string> seen;
  if (desc->config_def) {
    const ConfigDef plugin_def = desc->config_def();
    for (const auto& k : plugin_def.keys()) {
      if (seen.insert(k.name).second) out.push_back(convertConfigKey(k));
    }
  }
  if (desc->kind == api::PluginKind::Source || desc->kind == api::PluginKind::Sink) {
    ConfigDef base =
        desc->kind == api::PluginKind::Sink ? SinkConnectorConfig::configDef() : SourceConnectorConfig::configDef();
    for (const auto& k : base.keys()) {
      if (seen.insert(k.name).second) out.push_back(convertConfigKey(k));
    }
  }
  return out;
}

ConfigInfos AbstractHerder::validateConnectorConfigNow(const ConfigMap& props) const {
  auto cls_it = props.find(ConnectorConfig::kConnectorClass);
  if (cls_it == props.end()) {
    throw api::BadRequestException("Connector config " + javaMapString(props) + " contains no connector type");
  }
  const std::string& cls = cls_it->second;
  const api::PluginDesc& desc = plugins_.connector(cls);
  bool sink = desc.kind == api::PluginKind::Sink;

  ConfigDef base = sink ? SinkConnectorConfig::configDef(&plugins_) : SourceConnectorConfig::configDef(&plugins_);
  ConfigDef enriched = ConnectorConfig::enrich(plugins_, base, props, false);
  std::vector<api::ConfigValue> values = enriched.validate(props);
  if (sink) SinkConnectorConfig::validate(props, values);

  auto connector = plugins_.newConnector(cls);
  ConfigDef connector_def = connector->config();
  std::vector<api::ConfigValue> connector_values = connector->validate(props);

  // Keys: the framework's (enriched) first, the connector's own replacing same-named ones in
  // place or appended (LinkedHashMap.putAll).
  std::vector<ConfigDef::Key> keys = enriched.keys();
  std::map<std::string, size_t> key_index;
  for (size_t i = 0; i < keys.size(); ++i) key_index[keys[i].name] = i;
  for (const auto& k : connector_def.keys()) {
    if (auto it = key_index.find(k.name); it != key_index.end()) {
      keys[it->second] = k;
    } else {
      key_index[k.name] = keys.size();
      keys.push_back(k);
    }
  }
  std::vector<std::string> groups = enriched.groups();
  for (const auto& g : connector_def.groups())
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);

  // generateResult: values of undefined keys first, then every key with its (last) value.
  std::vector<api::ConfigValue> all_values = values;
  all_values.insert(all_values.end(), connector_values.begin(), connector_values.end());
  std::map<std::string, const api::ConfigValue*> value_by_name;
  ConfigInfos result;
  result.name = cls;
  for (const auto& v : all_values) {
    value_by_name[v.name] = &v;
    if (!key_index.count(v.name)) {
      result.configs.push_back(ConfigInfo{std::nullopt, convertConfigValue(v)});
      result.error_count += static_cast<int>(v.error_messages.size());
    }
  }
  for (const auto& k : keys) {
    ConfigInfo info;
    info.definition = convertConfigKey(k);
    if (auto it = value_by_name.find(k.name); it != value_by_name.end()) {
      info.value = convertConfigValue(*it->second);
      result.error_count += static_cast<int>(it->second->error_messages.size());
    }
    result.configs.push_back(std::move(info));
  }
  result.groups = groups;

  // Converters set by the connector itself, validated against their own ConfigDef.
  auto validateConverter = [&](const char* property, const char* type, bool header) -> std::optional<ConfigInfos> {
    auto it = props.find(property);
    if (it == props.end()) return std::nullopt;
    auto v = value_by_name.find(property);
    if (v == value_by_name.end() || !v->second->error_messages.empty()) return std::nullopt;
    ConfigDef def;
    try {
      def = header ? plugins_.newHeaderConverter(it->second)->config() : plugins_.newConverter(it->second)->config();
    } catch (const std::exception& e) {
      spdlog::error("Failed to load ConfigDef from {} {}: {}", property, it->second, e.what());
      return std::nullopt;
    }
    std::string prefix = std::string(property) + ".";
    std::map<std::string, std::string> sub;
    for (const auto& [k, val] : props)
      if (common::startsWith(k, prefix)) sub[k.substr(prefix.size())] = val;
    sub.try_emplace("converter.type", type);
    auto infos = prefixedConfigInfos(def, def.validate(sub), prefix);
    infos.name.clear();
    return infos;
  };
  std::optional<ConfigInfos> header_infos = validateConverter(ConnectorConfig::kHeaderConverter, "header", true);
  std::optional<ConfigInfos> key_infos = validateConverter(ConnectorConfig::kKeyConverter, "key", false);
  std::optional<ConfigInfos> value_infos = validateConverter(ConnectorConfig::kValueConverter, "value", false);

  std::string policy = config_.connectorClientPolicy();
  bool dlq = SinkConnectorConfig::hasDlqTopicConfig(props);
  std::optional<ConfigInfos> producer_infos, consumer_infos, admin_infos;
  if (!sink || dlq) producer_infos = validateClientOverrides(props, ConnectorConfig::kProducerOverridesPrefix, policy);
  if (sink ? dlq : SourceConnectorConfig::usesTopicCreation(props)) {
    admin_infos = validateClientOverrides(props, ConnectorConfig::kAdminOverridesPrefix, policy);
  }
  if (sink) consumer_infos = validateClientOverrides(props, ConnectorConfig::kConsumerOverridesPrefix, policy);

  mergeInto(result, producer_infos);
  mergeInto(result, consumer_infos);
  mergeInto(result, admin_infos);
  mergeInto(result, header_infos);
  mergeInto(result, key_infos);
  mergeInto(result, value_infos);
  return result;
}

std::optional<std::string> AbstractHerder::configErrorsMessage(const ConfigInfos& infos) {
  if (infos.error_count <= 0) return std::nullopt;
  std::string msg = "Connector configuration is invalid and contains the following " +
                    std::to_string(infos.error_count) + " error(s):";
  for (const auto& c : infos.configs) {
    if (!c.value) continue;
    for (const auto& e : c.value->errors) msg += "\n" + e;
  }
  msg += "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
  return msg;
}

std::optional<ConnectorStateInfo> AbstractHerder::buildRestartPlan(const RestartRequest& request,
                                                                  bool& restart_connector,
                                                                  std::vector<ConnectorTaskId>& restart_tasks) {
  auto connector = status_store_->get(request.connector);
  if (!connector) return std::nullopt;
  auto failed = [](const StateInfo& s) { return s.state == "FAILED"; };
  restart_connector = !request.only_failed || failed(*connector);
  ConnectorStateInfo plan;
  plan.name = request.connector;
  plan.connector = *connector;
  if (restart_connector) plan.connector.state = "RESTARTING";
  restart_tasks.clear();
  for (auto task : status_store_->getAll(request.connector)) {
    bool restart = request.include_tasks && (!request.only_failed || failed(task));
    if (restart) {
      task.state = "RESTARTING";
      restart_tasks.push_back({request.connector, task.id});
    }
    plan.tasks.push_back(std::move(task));
  }
  plan.type = connectorType(rawConfig(request.connector));
  return plan;
}

// As Java's AbstractHerder: states a worker reaches on its own are put(); UNASSIGNED and FAILED
// use putSafe() so a worker that lost its assignment cannot overwrite the new owner's status.
void AbstractHerder::onStartup(const std::string& c) { status_store_->put(c, state("RUNNING", worker_id_), generation()); }
void AbstractHerder::onPause(const std::string& c) { status_store_->put(c, state("PAUSED", worker_id_), generation()); }
void AbstractHerder::onResume(const std::string& c) { status_store_->put(c, state("RUNNING", worker_id_), generation()); }
void AbstractHerder::onStop(const std::string& c) { status_store_->put(c, state("STOPPED", worker_id_), generation()); }
void AbstractHerder::onFailure(const std::string& c, const std::string& trace) {
  status_store_->putSafe(c, state("FAILED", worker_id_, trace), generation());
}
void AbstractHerder::onShutdown(const std::string& c) {
  status_store_->putSafe(c, state("UNASSIGNED", worker_id_), generation());
}

void AbstractHerder::onStartup(const ConnectorTaskId& id) {
  status_store_->put(id, state("RUNNING", worker_id_), generation());
}
void AbstractHerder::onPause(const ConnectorTaskId& id) { status_store_->put(id, state("PAUSED", worker_id_), generation()); }
void AbstractHerder::onResume(const ConnectorTaskId& id) {
  status_store_->put(id, state("RUNNING", worker_id_), generation());
}
void AbstractHerder::onFailure(const ConnectorTaskId& id, const std::string& trace) {
  status_store_->putSafe(id, state("FAILED", worker_id_, trace), generation());
}
void AbstractHerder::onShutdown(const ConnectorTaskId& id) {
  status_store_->putSafe(id, state("UNASSIGNED", worker_id_), generation());
}

void AbstractHerder::onDeletion(const std::string& connector) {
  for (const auto& t : status_store_->getAll(connector)) {
    status_store_->put(ConnectorTaskId{connector, t.id}, state("DESTROYED", worker_id_), generation());
  }
  status_store_->put(connector, state("DESTROYED", worker_id_), generation());
  for (const auto& t : status_store_->getAllTopics(connector)) status_store_->deleteTopic(t.connector, t.topic);
}

void AbstractHerder::onDeletion(const ConnectorTaskId& id) {
  status_store_->put(id, state("DESTROYED", worker_id_), generation());
}

void AbstractHerder::onRestart(const std::string& connector) {
  status_store_->put(connector, state("RESTARTING", worker_id_), generation());
}

void AbstractHerder::onRestart(const ConnectorTaskId& id) {
  status_store_->put(id, state("RESTARTING", worker_id_), generation());
}

}  // namespace connectd::runtime
