#include "transforms/register_transforms.h"

#include <connectd/version.h>

#include <memory>

#include "transforms/insert_field.h"
#include "transforms/predicates/topic_name_matches.h"
#include "transforms/regex_router.h"

namespace connectd::transforms {

void registerTransforms(api::PluginRegistry& registry) {
  const std::string version = kKafkaConnectVersion;
  registry.addTransformation(
      InsertField::kKeyClassName, version, [] { return InsertField::configDef(); },
      [] { return std::make_unique<InsertField::Key>(); });
  registry.addTransformation(
      InsertField::kValueClassName, version, [] { return InsertField::configDef(); },
      [] { return std::make_unique<InsertField::Value>(); });
  registry.addTransformation(
      RegexRouter::kClassName, version, [] { return RegexRouter::configDef(); },
      [] { return std::make_unique<RegexRouter>(); });
  registry.addPredicate(
      TopicNameMatches::kClassName, version, [] { return TopicNameMatches::configDef(); },
      [] { return std::make_unique<TopicNameMatches>(); });
}

}  // namespace connectd::transforms
