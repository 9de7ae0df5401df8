#include "transforms/register_transforms.h"

#include <connectd/version.h>

#include <memory>

#include "transforms/cast.h"
#include "transforms/extract_field.h"
#include "transforms/flatten.h"
#include "transforms/hoist_field.h"
#include "transforms/insert_field.h"
#include "transforms/mask_field.h"
#include "transforms/replace_field.h"
#include "transforms/value_to_key.h"
#include "transforms/predicates/topic_name_matches.h"
#include "transforms/regex_router.h"
#include "transforms/debezium/by_logical_table_router.h"
#include "transforms/debezium/debezium_config.h"
#include "transforms/debezium/extract_new_record_state.h"
#include "transforms/drop_headers.h"
#include "transforms/filter.h"
#include "transforms/header_from.h"
#include "transforms/insert_header.h"
#include "transforms/predicates/has_header_key.h"
#include "transforms/predicates/record_is_tombstone.h"
#include "transforms/set_schema_metadata.h"
#include "transforms/timestamp_converter.h"
#include "transforms/timestamp_router.h"

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
  registry.addTransformation(
      ReplaceField::kKeyClassName, version, [] { return ReplaceField::configDef(); },
      [] { return std::make_unique<ReplaceField::Key>(); });
  registry.addTransformation(
      ReplaceField::kValueClassName, version, [] { return ReplaceField::configDef(); },
      [] { return std::make_unique<ReplaceField::Value>(); });
  registry.addTransformation(
      MaskField::kKeyClassName, version, [] { return MaskField::configDef(); },
      [] { return std::make_unique<MaskField::Key>(); });
  registry.addTransformation(
      MaskField::kValueClassName, version, [] { return MaskField::configDef(); },
      [] { return std::make_unique<MaskField::Value>(); });
  registry.addTransformation(
      ValueToKey::kClassName, version, [] { return ValueToKey::configDef(); },
      [] { return std::make_unique<ValueToKey>(); });
  registry.addTransformation(
      ExtractField::kKeyClassName, version, [] { return ExtractField::configDef(); },
      [] { return std::make_unique<ExtractField::Key>(); });
  registry.addTransformation(
      ExtractField::kValueClassName, version, [] { return ExtractField::configDef(); },
      [] { return std::make_unique<ExtractField::Value>(); });
  registry.addTransformation(
      HoistField::kKeyClassName, version, [] { return HoistField::configDef(); },
      [] { return std::make_unique<HoistField::Key>(); });
  registry.addTransformation(
      HoistField::kValueClassName, version, [] { return HoistField::configDef(); },
      [] { return std::make_unique<HoistField::Value>(); });
  registry.addTransformation(
      Flatten::kKeyClassName, version, [] { return Flatten::configDef(); },
      [] { return std::make_unique<Flatten::Key>(); });
  registry.addTransformation(
      Flatten::kValueClassName, version, [] { return Flatten::configDef(); },
      [] { return std::make_unique<Flatten::Value>(); });
  registry.addTransformation(
      Cast::kKeyClassName, version, [] { return Cast::configDef(); },
      [] { return std::make_unique<Cast::Key>(); });
  registry.addTransformation(
      Cast::kValueClassName, version, [] { return Cast::configDef(); },
      [] { return std::make_unique<Cast::Value>(); });
  registry.addPredicate(
      TopicNameMatches::kClassName, version, [] { return TopicNameMatches::configDef(); },
      [] { return std::make_unique<TopicNameMatches>(); });
  registry.addTransformation(
      TimestampRouter::kClassName, version, [] { return TimestampRouter::configDef(); },
      [] { return std::make_unique<TimestampRouter>(); });
  registry.addTransformation(
      TimestampConverter::kKeyClassName, version, [] { return TimestampConverter::configDef(); },
      [] { return std::make_unique<TimestampConverter::Key>(); });
  registry.addTransformation(
      TimestampConverter::kValueClassName, version, [] { return TimestampConverter::configDef(); },
      [] { return std::make_unique<TimestampConverter::Value>(); });
  registry.addTransformation(
      SetSchemaMetadata::kKeyClassName, version, [] { return SetSchemaMetadata::configDef(); },
      [] { return std::make_unique<SetSchemaMetadata::Key>(); });
  registry.addTransformation(
      SetSchemaMetadata::kValueClassName, version, [] { return SetSchemaMetadata::configDef(); },
      [] { return std::make_unique<SetSchemaMetadata::Value>(); });
  registry.addTransformation(
      Filter::kClassName, version, [] { return Filter::configDef(); },
      [] { return std::make_unique<Filter>(); });
  registry.addTransformation(
      HeaderFrom::kKeyClassName, version, [] { return HeaderFrom::configDef(); },
      [] { return std::make_unique<HeaderFrom::Key>(); });
  registry.addTransformation(
      HeaderFrom::kValueClassName, version, [] { return HeaderFrom::configDef(); },
      [] { return std::make_unique<HeaderFrom::Value>(); });
  registry.addTransformation(
      InsertHeader::kClassName, version, [] { return InsertHeader::configDef(); },
      [] { return std::make_unique<InsertHeader>(); });
  registry.addTransformation(
      DropHeaders::kClassName, version, [] { return DropHeaders::configDef(); },
      [] { return std::make_unique<DropHeaders>(); });
  registry.addPredicate(
      HasHeaderKey::kClassName, version, [] { return HasHeaderKey::configDef(); },
      [] { return std::make_unique<HasHeaderKey>(); });
  registry.addPredicate(
      RecordIsTombstone::kClassName, version, [] { return RecordIsTombstone::configDef(); },
      [] { return std::make_unique<RecordIsTombstone>(); });
  // Debezium's SMTs report Debezium's version, as they do on a Kafka Connect worker.
  registry.addTransformation(
      ExtractNewRecordState::kClassName, kDebeziumVersion,
      [] { return ExtractNewRecordState::configDef(); },
      [] { return std::make_unique<ExtractNewRecordState>(); });
  registry.addTransformation(
      ByLogicalTableRouter::kClassName, kDebeziumVersion,
      [] { return ByLogicalTableRouter::configDef(); },
      [] { return std::make_unique<ByLogicalTableRouter>(); });
}

}  // namespace connectd::transforms
