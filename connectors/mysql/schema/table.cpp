#include "connectors/mysql/schema/table.h"

#include <algorithm>

#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

// TableId.quote: a part that already starts or ends with the quote character is taken as quoted.
std::string quotePart(const std::string& part, char quote) {
  if (part.empty()) return std::string(2, quote);
  if (part.front() == quote || part.back() == quote) return part;
  std::string out;
  out.reserve(part.size() + 2);
  out += quote;
  for (char c : part) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

}  // namespace

std::string TableId::toQuotedString(char quote) const {
  std::string out;
  if (!catalog.empty()) {
    out = quotePart(catalog, quote);
    out += '.';
  }
  out += quotePart(table, quote);
  return out;
}

const Column* Table::columnWithName(std::string_view name) const {
  for (const Column& c : columns) {
    if (common::iequals(c.name, name)) return &c;
  }
  return nullptr;
}

Column* Table::columnWithName(std::string_view name) {
  for (Column& c : columns) {
    if (common::iequals(c.name, name)) return &c;
  }
  return nullptr;
}

bool Table::isPrimaryKeyColumn(std::string_view name) const {
  // Key names keep the spelling of the statement that declared the key, which a later MODIFY
  // may have changed on the column itself.
  return std::any_of(primaryKeyColumnNames.begin(), primaryKeyColumnNames.end(),
                     [&](const std::string& pk) { return common::iequals(pk, name); });
}

}  // namespace connectd::mysql
