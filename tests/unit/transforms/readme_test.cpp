#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "server/api/config_def.h"
#include "transforms/cast.h"
#include "transforms/extract_field.h"
#include "transforms/flatten.h"
#include "transforms/hoist_field.h"
#include "transforms/insert_field.h"
#include "transforms/mask_field.h"
#include "transforms/predicates/topic_name_matches.h"
#include "transforms/regex_router.h"
#include "transforms/replace_field.h"
#include "transforms/value_to_key.h"
#include "transforms/debezium/by_logical_table_router.h"
#include "transforms/debezium/extract_new_record_state.h"
#include "transforms/drop_headers.h"
#include "transforms/header_from.h"
#include "transforms/insert_header.h"
#include "transforms/predicates/has_header_key.h"
#include "transforms/set_schema_metadata.h"
#include "transforms/timestamp_converter.h"
#include "transforms/timestamp_router.h"

namespace connectd::transforms {
namespace {

// The README's config tables must be exactly what the ConfigDefs say.
std::string markdownTable(const api::ConfigDef& def) {
  std::string out =
      "| Key | Type | Default | Valid values | Importance | Description "
      "|\n|---|---|---|---|---|---|\n";
  for (const auto& k : def.keys()) {
    std::string def_value = k.required        ? "(required)"
                            : k.default_value ? "`" + *k.default_value + "`"
                                              : "null";
    out += "| `" + k.name + "` | " + api::ConfigDef::typeName(k.type) + " | " + def_value + " | " +
           (k.validator ? k.validator->description : "") + " | " +
           api::ConfigDef::importanceName(k.importance) + " | " + k.documentation + " |\n";
  }
  return out;
}

TEST(TransformsReadmeTest, ConfigTablesMatchConfigDefs) {
  std::ifstream in(std::string(CONNECTD_SOURCE_DIR) + "/transforms/README.md");
  ASSERT_TRUE(in) << "transforms/README.md missing";
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto* def :
       {&InsertField::configDef(), &RegexRouter::configDef(), &TopicNameMatches::configDef()}) {
    std::string table = markdownTable(*def);
    EXPECT_NE(std::string::npos, readme.find(table)) << "README lacks the table:\n" << table;
  }
}

TEST(TransformsReadmeTest, FieldSmtConfigTablesMatchConfigDefs) {
  std::ifstream in(std::string(CONNECTD_SOURCE_DIR) + "/transforms/README.md");
  ASSERT_TRUE(in) << "transforms/README.md missing";
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto* def : {&ReplaceField::configDef(), &MaskField::configDef(),
                          &ValueToKey::configDef(), &ExtractField::configDef(),
                          &HoistField::configDef(), &Flatten::configDef(), &Cast::configDef()}) {
    std::string table = markdownTable(*def);
    EXPECT_NE(std::string::npos, readme.find(table)) << "README lacks the table:\n" << table;
  }
}

TEST(TransformsReadmeTest, TimestampHeaderAndDebeziumConfigTablesMatchConfigDefs) {
  std::ifstream in(std::string(CONNECTD_SOURCE_DIR) + "/transforms/README.md");
  ASSERT_TRUE(in) << "transforms/README.md missing";
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto* def :
       {&TimestampRouter::configDef(), &TimestampConverter::configDef(),
        &SetSchemaMetadata::configDef(), &HeaderFrom::configDef(), &InsertHeader::configDef(),
        &DropHeaders::configDef(), &HasHeaderKey::configDef(), &ExtractNewRecordState::configDef(),
        &ByLogicalTableRouter::configDef()}) {
    std::string table = markdownTable(*def);
    EXPECT_NE(std::string::npos, readme.find(table)) << "README lacks the table:\n" << table;
  }
}

}  // namespace
}  // namespace connectd::transforms
