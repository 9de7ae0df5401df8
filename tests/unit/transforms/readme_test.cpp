#include <gtest/gtest.h>

#include "tests/unit/readme_check.h"
#include "transforms/cast.h"
#include "transforms/debezium/by_logical_table_router.h"
#include "transforms/debezium/extract_new_record_state.h"
#include "transforms/drop_headers.h"
#include "transforms/extract_field.h"
#include "transforms/flatten.h"
#include "transforms/header_from.h"
#include "transforms/hoist_field.h"
#include "transforms/insert_field.h"
#include "transforms/insert_header.h"
#include "transforms/mask_field.h"
#include "transforms/predicates/has_header_key.h"
#include "transforms/predicates/topic_name_matches.h"
#include "transforms/regex_router.h"
#include "transforms/replace_field.h"
#include "transforms/set_schema_metadata.h"
#include "transforms/timestamp_converter.h"
#include "transforms/timestamp_router.h"
#include "transforms/value_to_key.h"

namespace connectd::transforms {
namespace {

TEST(TransformsReadmeTest, ConfigTablesMatchConfigDefs) {
  test_support::expectReadmeHasConfigTables(
      "transforms/README.md",
      {&InsertField::configDef(), &RegexRouter::configDef(), &TopicNameMatches::configDef()});
}

TEST(TransformsReadmeTest, FieldSmtConfigTablesMatchConfigDefs) {
  test_support::expectReadmeHasConfigTables(
      "transforms/README.md",
      {&ReplaceField::configDef(), &MaskField::configDef(), &ValueToKey::configDef(),
       &ExtractField::configDef(), &HoistField::configDef(), &Flatten::configDef(),
       &Cast::configDef()});
}

TEST(TransformsReadmeTest, TimestampHeaderAndDebeziumConfigTablesMatchConfigDefs) {
  test_support::expectReadmeHasConfigTables(
      "transforms/README.md",
      {&TimestampRouter::configDef(), &TimestampConverter::configDef(),
       &SetSchemaMetadata::configDef(), &HeaderFrom::configDef(), &InsertHeader::configDef(),
       &DropHeaders::configDef(), &HasHeaderKey::configDef(), &ExtractNewRecordState::configDef(),
       &ByLogicalTableRouter::configDef()});
}

}  // namespace
}  // namespace connectd::transforms
