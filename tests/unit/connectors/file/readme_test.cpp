#include <gtest/gtest.h>

#include "connectors/file/file_stream_sink_connector.h"
#include "connectors/file/file_stream_source_connector.h"
#include "tests/unit/readme_check.h"

namespace connectd::file {
namespace {

TEST(FileConnectorsReadmeTest, ConfigTablesMatchConfigDefs) {
  test_support::expectReadmeHasConfigTables(
      "connectors/file/README.md",
      {&FileStreamSourceConnector::configDef(), &FileStreamSinkConnector::configDef()});
}

}  // namespace
}  // namespace connectd::file
