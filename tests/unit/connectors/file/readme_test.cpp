#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "connectors/file/file_stream_sink_connector.h"
#include "connectors/file/file_stream_source_connector.h"
#include "server/api/config_def.h"

namespace connectd::file {
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

TEST(FileConnectorsReadmeTest, ConfigTablesMatchConfigDefs) {
  std::ifstream in(std::string(CONNECTD_SOURCE_DIR) + "/connectors/file/README.md");
  ASSERT_TRUE(in) << "connectors/file/README.md missing";
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto* def :
       {&FileStreamSourceConnector::configDef(), &FileStreamSinkConnector::configDef()}) {
    std::string table = markdownTable(*def);
    EXPECT_NE(std::string::npos, readme.find(table)) << "README lacks the table:\n" << table;
  }
}

}  // namespace
}  // namespace connectd::file
