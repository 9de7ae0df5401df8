#pragma once

// Checks that a module README carries the config table of each ConfigDef, exactly as
// ConfigDef::toMarkdownTable() renders it, so the documentation cannot drift from the code.

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>

#include "server/api/config_def.h"

namespace connectd::test_support {

inline void expectReadmeHasConfigTables(const std::string& readme_path,
                                        std::initializer_list<const api::ConfigDef*> defs) {
  std::ifstream in(std::string(CONNECTD_SOURCE_DIR) + "/" + readme_path);
  ASSERT_TRUE(in) << readme_path << " missing";
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto* def : defs) {
    std::string table = def->toMarkdownTable();
    EXPECT_NE(std::string::npos, readme.find(table)) << readme_path << " lacks the table:\n"
                                                     << table;
  }
}

}  // namespace connectd::test_support
