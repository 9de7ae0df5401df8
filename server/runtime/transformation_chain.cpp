#include "server/runtime/transformation_chain.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/connector_config.h"

namespace connectd::runtime {

TransformationChain::~TransformationChain() { close(); }

TransformationChain TransformationChain::fromConfig(const api::PluginRegistry& registry, const api::ConfigMap& props) {
  // The enriched definition checks classes and every SMT's own keys first, throwing
  // ConfigException with Kafka's messages.
  api::ConfigDef def;
  const api::ConfigDef common = ConnectorConfig::configDef();
  def.define(*common.find(ConnectorConfig::kTransforms));
  def.define(*common.find(ConnectorConfig::kPredicates));
  ConnectorConfig config(registry, def, props);

  TransformationChain chain;
  auto aliases = config.parsed().getList(ConnectorConfig::kTransforms);
  for (const auto& alias : aliases) {
    const std::string prefix = std::string(ConnectorConfig::kTransforms) + "." + alias + ".";
    try {
      TransformationStage stage;
      stage.alias = alias;
      stage.class_name = std::string(common::trim(props.at(prefix + "type")));
      stage.transformation = registry.newTransformation(stage.class_name);
      auto configs = config.parsed().originalsWithPrefix(prefix);
      std::optional<std::string> predicate_alias;
      std::optional<std::string> negate;
      if (auto it = configs.find("predicate"); it != configs.end()) {
        predicate_alias = it->second;
        configs.erase(it);
      }
      if (auto it = configs.find("negate"); it != configs.end()) {
        negate = it->second;
        configs.erase(it);
      }
      stage.transformation->configure(configs);
      if (predicate_alias) {
        const std::string predicate_prefix = std::string(ConnectorConfig::kPredicates) + "." + *predicate_alias + ".";
        auto type = props.find(predicate_prefix + "type");
        auto declared = config.parsed().getList(ConnectorConfig::kPredicates);
        if (type == props.end() || std::find(declared.begin(), declared.end(), *predicate_alias) == declared.end()) {
          throw api::ConfigException("Unknown configuration '" + predicate_prefix + "type'");
        }
        stage.predicate = registry.newPredicate(std::string(common::trim(type->second)));
        stage.predicate->configure(config.parsed().originalsWithPrefix(predicate_prefix));
        stage.negate = negate && common::iequals(common::trim(*negate), "true");
      }
      chain.stages_.push_back(std::move(stage));
    } catch (const std::exception& e) {
      throw wrapAsConnectException(e);
    }
  }
  return chain;
}

bool TransformationChain::apply(api::ConnectRecord& record) {
  for (auto& stage : stages_) {
    if (stage.predicate && !(stage.negate ^ stage.predicate->test(record))) continue;
    if (!stage.transformation->apply(record)) return false;
  }
  return true;
}

bool TransformationChain::apply(api::ConnectRecord& record, RetryWithToleranceOperator& op) {
  for (auto& stage : stages_) {
    bool keep = true;
    if (!op.execute(Stage::Transformation, stage.class_name, [&] {
          if (stage.predicate && !(stage.negate ^ stage.predicate->test(record))) return;
          keep = stage.transformation->apply(record);
        })) {
      return false;
    }
    if (!keep) return false;
  }
  return true;
}

void TransformationChain::close() {
  for (auto& stage : stages_) {
    try {
      if (stage.transformation) stage.transformation->close();
      if (stage.predicate) stage.predicate->close();
    } catch (const std::exception& e) {
      spdlog::warn("Failed to close transformation {}: {}", stage.alias, e.what());
    }
  }
  stages_.clear();
}

}  // namespace connectd::runtime
