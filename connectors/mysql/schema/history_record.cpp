#include "connectors/mysql/schema/history_record.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "connectors/mysql/schema/table_editor.h"
#include "server/common/json_escape.h"
#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

// Jackson's DefaultPrettyPrinter: objects indent their entries by two spaces per nesting level
// on new lines; arrays stay on one line with single spaces ("[ a, b ]", "[ ]"); an empty
// object is "{ }".
class PrettyWriter {
 public:
  explicit PrettyWriter(std::string& out) : out_(out) {}

  void beginObject() {
    out_ += '{';
    ++nesting_;
    entries_.push_back(0);
  }
  void field(std::string_view name) {
    if (entries_.back()++ > 0) out_ += ',';
    newlineIndent();
    common::appendJsonQuoted(name, out_);
    out_ += " : ";
  }
  void endObject() {
    --nesting_;
    if (entries_.back() > 0) {
      newlineIndent();
    } else {
      out_ += ' ';
    }
    out_ += '}';
    entries_.pop_back();
  }
  void beginArray() {
    out_ += '[';
    entries_.push_back(0);
  }
  // Call before each array element.
  void element() { out_ += entries_.back()++ > 0 ? ", " : " "; }
  void endArray() {
    out_ += " ]";
    entries_.pop_back();
  }

  void string(std::string_view s) { common::appendJsonQuoted(s, out_); }
  void optionalString(const std::optional<std::string>& s) {
    if (s) {
      string(*s);
    } else {
      null();
    }
  }
  void null() { out_ += "null"; }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void number(int64_t n) { out_ += std::to_string(n); }

  void value(const api::Value& v) {
    using K = api::Value::Kind;
    switch (v.kind()) {
      case K::Null:
        null();
        break;
      case K::Boolean:
        boolean(v.asBool());
        break;
      case K::Int8:
      case K::Int16:
      case K::Int32:
      case K::Int64:
        number(v.toInt64());
        break;
      case K::Float32:
        common::appendJavaFloat(v.asFloat32(), out_);
        break;
      case K::Float64:
        common::appendJavaDouble(v.asFloat64(), out_);
        break;
      case K::String:
        string(v.asString());
        break;
      case K::Bytes:
        string(common::base64Encode(v.asBytes().data));
        break;
      case K::Decimal:
        out_ += v.asDecimal().toString();
        break;
      case K::Array:
        beginArray();
        for (const api::Value& e : v.asArray()) {
          element();
          value(e);
        }
        endArray();
        break;
      case K::Map:
        beginObject();
        for (const auto& [k, e] : v.asMap()) {
          field(k.isNull() ? "null" : (k.kind() == K::String ? k.asString() : k.toString()));
          value(e);
        }
        endObject();
        break;
      case K::Struct:
        throw std::invalid_argument("A history record cannot hold a Struct value");
    }
  }

  void offsetMap(const api::OffsetMap& map) {
    beginObject();
    for (const auto& [k, v] : map) {
      field(k);
      value(v);
    }
    endObject();
  }

 private:
  void newlineIndent() {
    out_ += '\n';
    out_.append(static_cast<size_t>(nesting_) * 2, ' ');
  }

  std::string& out_;
  int nesting_ = 0;
  std::vector<int> entries_;
};

void writeColumn(PrettyWriter& w, const Column& c) {
  w.beginObject();
  w.field("name");
  w.string(c.name);
  w.field("jdbcType");
  w.number(c.jdbcType);
  if (c.nativeType) {
    w.field("nativeType");
    w.number(*c.nativeType);
  }
  w.field("typeName");
  w.string(c.typeName);
  w.field("typeExpression");
  w.string(c.typeExpression);
  w.field("charsetName");
  w.optionalString(c.charsetName);
  if (c.length) {
    w.field("length");
    w.number(*c.length);
  }
  if (c.scale) {
    w.field("scale");
    w.number(*c.scale);
  }
  w.field("position");
  w.number(c.position);
  w.field("optional");
  w.boolean(c.optional);
  w.field("autoIncremented");
  w.boolean(c.autoIncremented);
  w.field("generated");
  w.boolean(c.generated);
  w.field("comment");
  w.optionalString(c.comment);
  w.field("hasDefaultValue");
  w.boolean(c.hasDefaultValue);
  if (c.defaultValueExpression) {
    w.field("defaultValueExpression");
    w.string(*c.defaultValueExpression);
  }
  w.field("enumValues");
  w.beginArray();
  for (const std::string& e : c.enumValues) {
    w.element();
    w.string(e);
  }
  w.endArray();
  w.endObject();
}

void writeTable(PrettyWriter& w, const Table& t) {
  w.beginObject();
  w.field("defaultCharsetName");
  w.optionalString(t.defaultCharsetName);
  w.field("primaryKeyColumnNames");
  w.beginArray();
  for (const std::string& pk : t.primaryKeyColumnNames) {
    w.element();
    w.string(pk);
  }
  w.endArray();
  w.field("columns");
  w.beginArray();
  for (const Column& c : t.columns) {
    w.element();
    writeColumn(w, c);
  }
  w.endArray();
  w.field("attributes");
  w.beginArray();
  w.endArray();
  w.endObject();
}

void writeTableChange(PrettyWriter& w, const TableChange& change) {
  w.beginObject();
  w.field("type");
  w.string(TableChange::typeName(change.type));
  w.field("id");
  w.string(change.id.toDoubleQuotedString());
  if (change.previousId) {
    w.field("previousId");
    w.string(change.previousId->toDoubleQuotedString());
  }
  // JsonTableChangeSerializer writes no table for a DROP.
  if (change.table && change.type != TableChange::Type::Drop) {
    w.field("table");
    writeTable(w, *change.table);
    w.field("comment");
    w.optionalString(change.table->comment);
  }
  w.endObject();
}

using Json = nlohmann::ordered_json;

[[noreturn]] void invalid(const std::string& what) {
  throw std::runtime_error("Invalid schema history record: " + what);
}

// TableIdParser: "a"."b" / a.b / "a""b", parts separated by unquoted dots; with
// useCatalogBeforeSchema two parts are catalog and table, three are catalog, schema, table.
TableId parseTableId(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  bool in_part = false;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == quote) {
        if (i + 1 < text.size() && text[i + 1] == quote) {
          current += c;
          ++i;
        } else {
          quoted = false;
        }
      } else {
        current += c;
      }
    } else if (c == '"' || c == '`' || c == '\'') {
      quoted = true;
      quote = c;
      in_part = true;
    } else if (c == '.') {
      parts.push_back(std::move(current));
      current.clear();
      in_part = false;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      current += c;
      in_part = true;
    }
  }
  if (quoted) invalid("unterminated quote in table id " + text);
  if (in_part || !current.empty()) parts.push_back(std::move(current));
  if (parts.empty() || parts.size() > 3) invalid("table id " + text);
  if (parts.size() == 1) return TableId{"", parts[0]};
  return TableId{parts.front(), parts.back()};
}

std::optional<std::string> optionalString(const Json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) invalid(std::string("\"") + key + "\" is not a string");
  return it->get<std::string>();
}

std::optional<int> optionalInt(const Json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) invalid(std::string("\"") + key + "\" is not an integer");
  return it->get<int>();
}

bool optionalBool(const Json& doc, const char* key, bool fallback) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) invalid(std::string("\"") + key + "\" is not a boolean");
  return it->get<bool>();
}

std::string requiredString(const Json& doc, const char* key) {
  std::optional<std::string> s = optionalString(doc, key);
  if (!s) invalid(std::string("missing \"") + key + "\"");
  return *s;
}

api::Value toValue(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null:
      return api::Value();
    case Json::value_t::boolean:
      return api::Value(j.get<bool>());
    case Json::value_t::number_integer: {
      int64_t v = j.get<int64_t>();
      // Jackson reads numbers that fit an int as Integer, the rest as Long.
      if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
        return api::Value(static_cast<int32_t>(v));
      }
      return api::Value(v);
    }
    case Json::value_t::number_unsigned: {
      uint64_t v = j.get<uint64_t>();
      if (v <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
        return api::Value(static_cast<int32_t>(v));
      }
      return api::Value(static_cast<int64_t>(v));
    }
    case Json::value_t::number_float:
      return api::Value(j.get<double>());
    case Json::value_t::string:
      return api::Value(j.get<std::string>());
    case Json::value_t::array: {
      api::Array a;
      for (const Json& e : j) a.push_back(toValue(e));
      return api::Value(std::move(a));
    }
    case Json::value_t::object: {
      api::Map m;
      for (auto it = j.begin(); it != j.end(); ++it) {
        m.emplace_back(api::Value(it.key()), toValue(it.value()));
      }
      return api::Value(std::move(m));
    }
    default:
      invalid("unsupported JSON value");
  }
}

api::OffsetMap toOffsetMap(const Json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_object()) invalid(std::string("missing \"") + key + "\" object");
  api::OffsetMap map;
  for (auto e = it->begin(); e != it->end(); ++e) map.emplace_back(e.key(), toValue(e.value()));
  return map;
}

Column parseColumn(const Json& doc) {
  if (!doc.is_object()) invalid("a column is not an object");
  Column c;
  c.name = requiredString(doc, "name");
  std::optional<int> jdbc_type = optionalInt(doc, "jdbcType");
  if (!jdbc_type) invalid("column " + c.name + " has no jdbcType");
  c.jdbcType = *jdbc_type;
  c.nativeType = optionalInt(doc, "nativeType");
  c.typeName = requiredString(doc, "typeName");
  c.typeExpression = optionalString(doc, "typeExpression").value_or(c.typeName);
  c.charsetName = optionalString(doc, "charsetName");
  c.length = optionalInt(doc, "length");
  c.scale = optionalInt(doc, "scale");
  c.comment = optionalString(doc, "comment");
  std::optional<std::string> expression = optionalString(doc, "defaultValueExpression");
  if (expression) {
    setColumnDefault(c, std::move(expression));
  } else if (optionalBool(doc, "hasDefaultValue", false)) {
    setColumnDefault(c, std::nullopt);
  }
  if (auto e = doc.find("enumValues"); e != doc.end() && e->is_array()) {
    for (const Json& v : *e) {
      if (!v.is_string()) invalid("enumValues of " + c.name + " holds a non-string");
      c.enumValues.push_back(v.get<std::string>());
    }
  }
  setColumnOptional(c, optionalBool(doc, "optional", true));
  c.autoIncremented = optionalBool(doc, "autoIncremented", false);
  c.generated = optionalBool(doc, "generated", false);
  return c;
}

Table parseTable(const TableId& id, const Json& doc, const std::optional<std::string>& comment) {
  if (!doc.is_object()) invalid("\"table\" is not an object");
  TableEditor editor(id);
  editor.setDefaultCharsetName(optionalString(doc, "defaultCharsetName"));
  // Debezium looks for the comment inside "table", where its own serializer never puts it;
  // the change-level "comment" is used when that is absent.
  std::optional<std::string> table_comment = optionalString(doc, "comment");
  editor.setComment(table_comment ? table_comment : comment);
  auto cols = doc.find("columns");
  if (cols == doc.end() || !cols->is_array()) invalid("table " + id.toString() + " has no columns");
  for (const Json& c : *cols) editor.addColumn(parseColumn(c));
  std::vector<std::string> pk;
  if (auto p = doc.find("primaryKeyColumnNames"); p != doc.end() && p->is_array()) {
    for (const Json& name : *p) {
      if (!name.is_string()) invalid("primaryKeyColumnNames holds a non-string");
      pk.push_back(name.get<std::string>());
    }
  }
  editor.setPrimaryKeyNames(std::move(pk));
  try {
    return editor.create();
  } catch (const std::invalid_argument& e) {
    invalid(e.what());
  }
}

TableChange parseTableChange(const Json& doc) {
  if (!doc.is_object()) invalid("a table change is not an object");
  TableChange change;
  std::string type = requiredString(doc, "type");
  if (type == "CREATE") {
    change.type = TableChange::Type::Create;
  } else if (type == "ALTER") {
    change.type = TableChange::Type::Alter;
  } else if (type == "DROP") {
    change.type = TableChange::Type::Drop;
  } else {
    invalid("unknown table change type " + type);
  }
  change.id = parseTableId(requiredString(doc, "id"));
  if (auto previous = optionalString(doc, "previousId"))
    change.previousId = parseTableId(*previous);
  if (change.type != TableChange::Type::Drop) {
    auto table = doc.find("table");
    if (table == doc.end()) invalid("a " + type + " change has no table");
    change.table = parseTable(change.id, *table, optionalString(doc, "comment"));
  }
  return change;
}

}  // namespace

std::string serializeHistoryRecord(const HistoryRecord& record) {
  std::string out;
  out.reserve(1024);
  PrettyWriter w(out);
  w.beginObject();
  w.field("source");
  w.offsetMap(record.source);
  w.field("position");
  w.offsetMap(record.position);
  w.field("ts_ms");
  w.number(record.ts_ms);
  if (record.databaseName) {
    w.field("databaseName");
    w.string(*record.databaseName);
  }
  if (record.schemaName) {
    w.field("schemaName");
    w.string(*record.schemaName);
  }
  w.field("ddl");
  w.string(record.ddl);
  w.field("tableChanges");
  w.beginArray();
  for (const TableChange& change : record.tableChanges) {
    w.element();
    writeTableChange(w, change);
  }
  w.endArray();
  w.endObject();
  return out;
}

HistoryRecord parseHistoryRecord(std::string_view json) {
  Json doc;
  try {
    doc = Json::parse(json.begin(), json.end());
  } catch (const nlohmann::json::exception& e) {
    invalid(e.what());
  }
  if (!doc.is_object()) invalid("not a JSON object");
  HistoryRecord record;
  record.source = toOffsetMap(doc, "source");
  record.position = toOffsetMap(doc, "position");
  if (auto ts = doc.find("ts_ms"); ts != doc.end() && !ts->is_null()) {
    if (!ts->is_number_integer()) invalid("\"ts_ms\" is not an integer");
    record.ts_ms = ts->get<int64_t>();
  }
  record.databaseName = optionalString(doc, "databaseName");
  record.schemaName = optionalString(doc, "schemaName");
  record.ddl = optionalString(doc, "ddl").value_or("");
  if (auto changes = doc.find("tableChanges"); changes != doc.end() && !changes->is_null()) {
    if (!changes->is_array()) invalid("\"tableChanges\" is not an array");
    for (const Json& c : *changes) record.tableChanges.push_back(parseTableChange(c));
  }
  return record;
}

}  // namespace connectd::mysql
