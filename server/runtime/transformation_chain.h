#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/plugin_registry.h"
#include "server/runtime/retry_with_tolerance_operator.h"

namespace connectd::runtime {

// The configured transformations of a connector (TransformationChain of
// TransformationStages), applied in order, in place, to each record of one task.
class TransformationChain {
 public:
  struct TransformationStage {
    std::string alias;
    std::string class_name;
    std::unique_ptr<api::Transformation> transformation;
    std::unique_ptr<api::Predicate> predicate;  // null: always applies
    bool negate = false;
  };

  TransformationChain() = default;
  TransformationChain(TransformationChain&&) = default;
  TransformationChain& operator=(TransformationChain&&) = default;
  ~TransformationChain();

  // Builds the stages from `transforms` / `predicates` exactly as Kafka's
  // ConnectorConfig.transformationStages(): ConfigException for a missing/unknown class, a
  // negate without predicate, or an invalid SMT config ("Missing required configuration ...");
  // ConnectException wrapping the cause for a predicate alias that is not declared
  // ("org.apache.kafka.common.config.ConfigException: Unknown configuration 'predicates.p.type'")
  // or a configure() that throws.
  static TransformationChain fromConfig(const api::PluginRegistry& registry, const api::ConfigMap& props);

  // Applies every stage; false when a stage dropped the record. Exceptions propagate.
  bool apply(api::ConnectRecord& record);
  // As apply(), each stage under errors.tolerance (Stage::Transformation): false also when a
  // stage failed and the failure was tolerated.
  bool apply(api::ConnectRecord& record, RetryWithToleranceOperator& op);

  bool empty() const { return stages_.empty(); }
  const std::vector<TransformationStage>& stages() const { return stages_; }
  void close();

 private:
  std::vector<TransformationStage> stages_;
};

}  // namespace connectd::runtime
