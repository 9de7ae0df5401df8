#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "server/api/config_def.h"
#include "transforms/insert_field.h"
#include "transforms/predicates/topic_name_matches.h"
#include "transforms/regex_router.h"

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

}  // namespace
}  // namespace connectd::transforms
