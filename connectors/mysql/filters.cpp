#include "connectors/mysql/filters.h"

#include <stdexcept>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

bool isJavaWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
         (c >= 0x1C && c <= 0x1F);
}

const char* const kBuiltInDatabases[] = {"mysql", "performance_schema", "sys",
                                         "information_schema"};

std::optional<std::string> get(const std::map<std::string, std::string>& props,
                               const std::string& key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  return it->second;
}

// Configuration.getBoolean(field): trimmed, case-insensitive "true"/"false", else the default.
bool getBoolean(const std::map<std::string, std::string>& props, const std::string& key,
                bool default_value) {
  auto v = get(props, key);
  if (!v) return default_value;
  std::string lowered = common::toLower(javaTrim(*v));
  if (lowered == "true") return true;
  if (lowered == "false") return false;
  return default_value;
}

// Selectors' isEmpty(): null or blank means "no list".
bool isBlank(const std::optional<std::string>& v) { return !v || javaTrim(*v).empty(); }

// TableId.toString() (tableId(catalog, schema, table)): empty parts are left out.
std::string tableIdString(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    bool last = i + 1 == parts.size();
    if (!last && parts[i].empty()) continue;
    if (!out.empty()) out += '.';
    out += parts[i];
  }
  return out;
}

// TableId.quote(part, '"', '"'): parts already starting or ending with a quote are kept as is.
std::string doubleQuoted(const std::string& part) {
  if (part.empty()) return "\"\"";
  if (part.front() == '"' || part.back() == '"') return part;
  std::string out = "\"";
  for (char c : part) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

std::string invalidRegexMessage(const std::string& key, const std::string& detail) {
  return "The '" + key +
         "' value is invalid: A comma-separated list of valid regular expressions is expected, "
         "but " +
         detail;
}

RegexList regexListFor(const std::string& key, const std::string& value) {
  try {
    return RegexList(value);
  } catch (const common::PatternSyntaxException& e) {
    throw api::ConfigException(invalidRegexMessage(key, e.what()));
  } catch (const std::invalid_argument& e) {
    throw api::ConfigException(invalidRegexMessage(key, e.what()));
  }
}

}  // namespace

std::string_view javaTrim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> javaSplit(std::string_view s, char separator) {
  std::vector<std::string> out = common::split(s, separator);
  if (s.empty()) return {std::string()};
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::vector<std::string> splitRegexList(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  auto emit = [&](size_t end) {
    if (end == start) return;
    std::string part(javaTrim(list.substr(start, end - start)));
    std::string unescaped;
    unescaped.reserve(part.size());
    for (size_t i = 0; i < part.size(); ++i) {
      if (part[i] == '\\' && i + 1 < part.size() && part[i + 1] == ',') {
        unescaped += ',';
        ++i;
      } else {
        unescaped += part[i];
      }
    }
    out.push_back(std::move(unescaped));
  };
  for (size_t i = 0; i < list.size(); ++i) {
    char c = list[i];
    if (c == '\\') {
      if (i + 1 >= list.size())
        throw std::invalid_argument("Unterminated escape sequence at the end of the string");
      ++i;
    } else if (c == ',') {
      emit(i);
      start = i + 1;
    }
  }
  emit(list.size());
  return out;
}

std::vector<std::string> parseTableIdParts(std::string_view text) {
  enum class State { Initial, InIdentifier, BeforeSeparator, AfterSeparator, InQuoted };
  auto isQuote = [](char c) { return c == '"' || c == '\'' || c == '`'; };
  auto unexpected = [](char c) {
    return std::invalid_argument(std::string("Unexpected input: ") + c);
  };
  std::vector<std::string> parts;
  State state = State::Initial;
  size_t token_start = 0;
  size_t last_end = 0;
  char quote = 0;
  bool escaped = false;
  auto closeToken = [&](State s) {
    if (s == State::InIdentifier)
      parts.emplace_back(text.substr(token_start, last_end + 1 - token_start));
    if (s == State::InQuoted)
      parts.emplace_back(text.substr(token_start + 1, last_end - token_start - 1));
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    State next = state;
    switch (state) {
      case State::Initial:
      case State::AfterSeparator:
        if (isJavaWhitespace(c)) break;
        if (c == '.') throw unexpected(c);
        token_start = i;
        if (isQuote(c)) {
          quote = c;
          next = State::InQuoted;
        } else {
          last_end = i;
          next = State::InIdentifier;
        }
        break;
      case State::InIdentifier:
        if (isJavaWhitespace(c)) {
          next = State::BeforeSeparator;
        } else if (c == '.') {
          next = State::AfterSeparator;
        } else {
          last_end = i;
        }
        break;
      case State::BeforeSeparator:
        if (isJavaWhitespace(c)) break;
        if (c == '.') {
          next = State::AfterSeparator;
          break;
        }
        throw unexpected(c);
      case State::InQuoted:
        if (c != quote) break;
        if (escaped) {
          escaped = false;
        } else if (i + 1 < text.size() && text[i + 1] == quote) {
          escaped = true;
        } else {
          last_end = i;
          next = State::BeforeSeparator;
        }
        break;
    }
    if (next != state) {
      closeToken(state);
      state = next;
    }
  }
  closeToken(state);
  if (state != State::BeforeSeparator && state != State::InIdentifier) {
    throw std::invalid_argument("Invalid identifier: " + std::string(text));
  }
  for (auto& part : parts) {
    for (const char* q : {"''", "\"\"", "``"}) {
      std::string doubled(q);
      size_t pos = 0;
      while ((pos = part.find(doubled, pos)) != std::string::npos) {
        part.replace(pos, 2, 1, doubled[0]);
        pos += 1;
      }
    }
  }
  return parts;
}

std::optional<TableId> parseTableId(std::string_view text) {
  std::vector<std::string> parts;
  try {
    parts = parseTableIdParts(text);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (parts.size() == 1) return TableId{"", parts[0]};
  if (parts.size() == 2) return TableId{parts[0], parts[1]};
  return std::nullopt;
}

RegexList::RegexList(std::string_view list) {
  for (const auto& p : splitRegexList(list)) add(p, false);
}

RegexList RegexList::ofPatterns(const std::vector<std::string>& patterns) {
  RegexList out;
  for (const auto& p : patterns) out.add(p, false);
  return out;
}

RegexList RegexList::dotAll(std::string_view list) {
  RegexList out;
  for (const auto& p : splitRegexList(list)) out.add(p, true);
  return out;
}

void RegexList::add(const std::string& pattern, bool dot_all) {
  // The plain pattern is compiled first so a syntax error reports Java's description and index
  // for the expression as the user wrote it; the flags then go in front as an inline group,
  // which Java and PCRE2 both apply to the whole expression.
  common::JavaRegex plain(pattern);
  (void)plain;
  patterns_.push_back(
      std::make_shared<const common::JavaRegex>((dot_all ? "(?is)" : "(?i)") + pattern));
}

bool RegexList::matches(std::string_view subject) const {
  for (const auto& p : patterns_)
    if (p->matches(subject)) return true;
  return false;
}

bool Filters::NameFilter::test(std::string_view name) const {
  if (include) return include->matches(name);
  if (exclude) return !exclude->matches(name);
  return true;
}

Filters::Filters(const std::map<std::string, std::string>& props) {
  auto list = [&](const std::string& key) -> std::optional<RegexList> {
    auto v = get(props, key);
    if (isBlank(v)) return std::nullopt;
    return regexListFor(key, *v);
  };
  databases_.include = list("database.include.list");
  databases_.exclude = list("database.exclude.list");
  tables_.include = list("table.include.list");
  tables_.exclude = list("table.exclude.list");
  ignore_builtin_ = getBoolean(props, "table.ignore.builtin", true);
  store_only_captured_tables_ =
      getBoolean(props, "schema.history.internal.store.only.captured.tables.ddl", false);
  store_only_captured_databases_ =
      getBoolean(props, "schema.history.internal.store.only.captured.databases.ddl", false);

  if (auto signal = get(props, "signal.data.collection")) {
    for (const auto& item : javaSplit(*signal, ',')) {
      std::string_view trimmed = javaTrim(item);
      if (trimmed.empty()) continue;
      std::vector<std::string> parts;
      try {
        parts = parseTableIdParts(trimmed);
      } catch (const std::invalid_argument& e) {
        throw api::ConfigException("Invalid signal.data.collection '" + std::string(trimmed) +
                                   "': " + e.what());
      }
      if (parts.empty()) continue;
      // RelationalTableFilters adds the signal table's id as one more include-table regex.
      signal_patterns_.push_back(regexListFor("signal.data.collection", tableIdString(parts)));
      if (parts.size() == 1) signal_collections_.push_back(TableId{"", parts[0]});
      if (parts.size() == 2) signal_collections_.push_back(TableId{parts[0], parts[1]});
    }
  }

  auto column_include = get(props, "column.include.list");
  auto column_exclude = get(props, "column.exclude.list");
  columns_filtered_ =
      (column_include && !column_include->empty()) || (column_exclude && !column_exclude->empty());
  // A present include list, even an empty one, selects the include filter (and an empty include
  // list then matches no column), as RelationalDatabaseConnectorConfig does.
  if (column_include) {
    column_include_ = regexListFor("column.include.list", *column_include);
  } else if (column_exclude) {
    column_exclude_ = regexListFor("column.exclude.list", *column_exclude);
  }

  if (auto snapshot = get(props, "snapshot.include.collection.list")) {
    // getDataCollectionsToBeSnapshotted splits the list and setOfRegex splits each item again.
    std::vector<std::string> patterns;
    try {
      for (const auto& item : splitRegexList(*snapshot))
        for (const auto& p : splitRegexList(item)) patterns.push_back(p);
    } catch (const std::invalid_argument& e) {
      throw api::ConfigException(invalidRegexMessage("snapshot.include.collection.list", e.what()));
    }
    try {
      snapshot_include_ = RegexList::ofPatterns(patterns);
    } catch (const common::PatternSyntaxException& e) {
      throw api::ConfigException(invalidRegexMessage("snapshot.include.collection.list", e.what()));
    }
  }
}

bool Filters::isBuiltInDatabase(const std::string& db) {
  std::string lowered = common::toLower(db);
  for (const char* name : kBuiltInDatabases)
    if (lowered == name) return true;
  return false;
}

bool Filters::databaseIncluded(const std::string& db) const { return databases_.test(db); }

bool Filters::tableListsAccept(const TableId& id) const {
  if (databases_.active() && !databases_.test(id.catalog)) return false;
  return tables_.test(tableIdString({id.catalog, id.table}));
}

bool Filters::tableIncluded(const TableId& id) const {
  bool included = tableListsAccept(id) && !(ignore_builtin_ && isBuiltInDatabase(id.catalog));
  if (included) return true;
  std::string name = tableIdString({id.catalog, id.table});
  for (const auto& p : signal_patterns_)
    if (p.matches(name)) return true;
  return false;
}

bool Filters::eligibleTable(const TableId& id) const {
  if (databases_.active() && !databases_.test(id.catalog)) return false;
  return !(ignore_builtin_ && isBuiltInDatabase(id.catalog));
}

bool Filters::eligibleForSchema(const TableId& id) const {
  bool eligible = !(ignore_builtin_ && isBuiltInDatabase(id.catalog));
  if (store_only_captured_tables_) return eligible && tableIncluded(id);
  if (store_only_captured_databases_) return eligibleTable(id);
  return eligible;
}

bool Filters::columnIncluded(const TableId& id, const std::string& column) const {
  std::string name = tableIdString({id.catalog, id.table}) + "." + column;
  if (column_include_) return column_include_->matches(name);
  return !column_exclude_.matches(name);
}

bool Filters::snapshotIncluded(const TableId& id) const {
  if (snapshot_include_.empty()) return true;
  if (snapshot_include_.matches(tableIdString({id.catalog, id.table}))) return true;
  std::string quoted = id.catalog.empty() ? doubleQuoted(id.table)
                                          : doubleQuoted(id.catalog) + "." + doubleQuoted(id.table);
  return snapshot_include_.matches(quoted);
}

}  // namespace connectd::mysql
