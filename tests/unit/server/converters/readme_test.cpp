#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "server/api/config_def.h"
#include "server/converters/byte_array_converter.h"
#include "server/converters/json_converter_config.h"
#include "server/converters/simple_header_converter.h"
#include "server/converters/string_converter.h"

namespace connectd::converters {
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

TEST(ConvertersReadmeTest, ConfigTablesMatchConfigDefs) {
  std::ifstream in(std::string(CONNECTD_SOURCE_DIR) + "/server/converters/README.md");
  ASSERT_TRUE(in) << "server/converters/README.md missing";
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto* def : {&JsonConverterConfig::configDef(), &StringConverter::configDef(),
                          &ByteArrayConverter::configDef()}) {
    std::string table = markdownTable(*def);
    EXPECT_NE(std::string::npos, readme.find(table)) << "README lacks the table:\n" << table;
  }
  EXPECT_TRUE(SimpleHeaderConverter::configDef().keys().empty());
}

}  // namespace
}  // namespace connectd::converters
