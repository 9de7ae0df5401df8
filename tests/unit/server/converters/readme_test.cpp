#include <gtest/gtest.h>

#include "server/converters/byte_array_converter.h"
#include "server/converters/json_converter_config.h"
#include "server/converters/simple_header_converter.h"
#include "server/converters/string_converter.h"
#include "tests/unit/readme_check.h"

namespace connectd::converters {
namespace {

TEST(ConvertersReadmeTest, ConfigTablesMatchConfigDefs) {
  test_support::expectReadmeHasConfigTables(
      "server/converters/README.md",
      {&JsonConverterConfig::configDef(), &StringConverter::configDef(),
       &ByteArrayConverter::configDef()});
  EXPECT_TRUE(SimpleHeaderConverter::configDef().keys().empty());
}

}  // namespace
}  // namespace connectd::converters
