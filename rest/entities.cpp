#include "rest/entities.h"

#include <algorithm>
#include <cstring>
#include <functional>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::rest {

namespace {

constexpr std::string_view kEntitiesPackage = "org.apache.kafka.connect.runtime.rest.entities.";
constexpr std::string_view kStringMapType = "java.util.LinkedHashMap<java.lang.String,java.lang.String>";

Json nullableString(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json stringArray(const std::vector<std::string>& items) {
  Json a = Json::array();
  for (const auto& i : items) a.push_back(i);
  return a;
}

// Jackson's name for the JSON token a value starts with, as it appears in mapping errors.
std::string_view tokenName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: return "Object value (token `JsonToken.START_OBJECT`)";
    case Json::value_t::array: return "Array value (token `JsonToken.START_ARRAY`)";
    case Json::value_t::string: return "String value (token `JsonToken.VALUE_STRING`)";
    case Json::value_t::boolean:
      return j.get<bool>() ? "Boolean value (token `JsonToken.VALUE_TRUE`)"
                           : "Boolean value (token `JsonToken.VALUE_FALSE`)";
    case Json::value_t::number_float: return "Floating-point value (token `JsonToken.VALUE_NUMBER_FLOAT`)";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "Integer value (token `JsonToken.VALUE_NUMBER_INT`)";
    default: return "Null value (token `JsonToken.VALUE_NULL`)";
  }
}

[[noreturn]] void mismatch(std::string_view target_type, const Json& j, std::string_view chain) {
  std::string msg = "Cannot deserialize value of type `" + std::string(target_type) + "` from " +
                    std::string(tokenName(j));
  if (!chain.empty()) msg += " (through reference chain: " + std::string(chain) + ")";
  throw JsonProcessingException(msg);
}

[[noreturn]] void unrecognizedField(std::string_view simple_class, const std::string& field,
                                    std::initializer_list<std::string_view> known) {
  std::string cls = std::string(kEntitiesPackage) + std::string(simple_class);
  std::string msg = "Unrecognized field \"" + field + "\" (class " + cls + "), not marked as ignorable (" +
                    std::to_string(known.size()) + " known properties: ";
  bool first = true;
  for (auto k : known) {
    if (!first) msg += ", ";
    first = false;
    msg += "\"" + std::string(k) + "\"";
  }
  msg += "])\n (through reference chain: " + cls + "[\"" + field + "\"])";
  throw JsonProcessingException(msg);
}

// A scalar coerced to java.lang.String the way Jackson's StringDeserializer does.
std::optional<std::string> coerceToString(const Json& v, std::string_view chain) {
  switch (v.type()) {
    case Json::value_t::null: return std::nullopt;
    case Json::value_t::string: return v.get<std::string>();
    case Json::value_t::boolean: return std::string(v.get<bool>() ? "true" : "false");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return v.dump();
    default: mismatch("java.lang.String", v, chain);
  }
}

// Builds the DOM like nlohmann's own SAX DOM parser, but keeps numbers as their source text when
// asked, and records the parse error instead of throwing nlohmann's exception.
class BodySax : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_parser<Json>;
  BodySax(Json& root, bool numbers_as_text) : Base(root, false), numbers_as_text_(numbers_as_text) {}

  bool number_integer(Json::number_integer_t v) {
    if (!numbers_as_text_) return Base::number_integer(v);
    std::string s = std::to_string(v);
    return Base::string(s);
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    if (!numbers_as_text_) return Base::number_unsigned(v);
    std::string s = std::to_string(v);
    return Base::string(s);
  }
  bool number_float(Json::number_float_t v, const std::string& text) {
    if (!numbers_as_text_) return Base::number_float(v, text);
    std::string s = text;
    return Base::string(s);
  }
  // Jackson's StreamReadConstraints cap nesting at 1000; the cap also keeps the recursive
  // serializer and the entity readers far away from the stack limit.
  bool start_object(std::size_t len) { return enter() && Base::start_object(len); }
  bool start_array(std::size_t len) { return enter() && Base::start_array(len); }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const Exception& ex) {
    failed_ = true;
    position_ = position;
    detail_ = ex.what();
    return false;
  }

  bool failed() const { return failed_; }
  std::size_t position() const { return position_; }
  const std::string& detail() const { return detail_; }
  const std::string& fullMessage() const { return full_message_; }

 private:
  static constexpr int kMaxDepth = 1000;
  bool enter() {
    if (++depth_ <= kMaxDepth) return true;
    failed_ = true;
    full_message_ = "Document nesting depth (" + std::to_string(depth_) + ") exceeds the maximum allowed (" +
                    std::to_string(kMaxDepth) + ", from `StreamReadConstraints.getMaxNestingDepth()`)";
    return false;
  }

  bool numbers_as_text_;
  int depth_ = 0;
  bool failed_ = false;
  std::size_t position_ = 0;
  std::string detail_;
  std::string full_message_;
};

std::string parseErrorMessage(std::string_view body, const BodySax& sax) {
  // nlohmann's position counts characters read; the offending one is the last of them.
  size_t pos = sax.position();
  size_t line = 1, column = 0;
  for (size_t i = 0; i < pos && i < body.size(); ++i) {
    if (body[i] == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
  }
  std::string reason = sax.detail();
  auto col = reason.find("column ");
  if (col != std::string::npos) {
    auto colon = reason.find(": ", col);
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
  }
  std::string lead;
  if (pos == 0 || pos > body.size()) {
    lead = "Unexpected end-of-input";
  } else {
    auto c = static_cast<unsigned char>(body[pos - 1]);
    if (c >= 0x20 && c < 0x7f) {
      lead = std::string("Unexpected character ('") + static_cast<char>(c) + "' (code " + std::to_string(c) + "))";
    } else {
      lead = "Unexpected character (code " + std::to_string(c) + ")";
    }
  }
  return lead + ": " + reason + "\n at [Source: (request body); line: " + std::to_string(line) +
         ", column: " + std::to_string(column) + "]";
}

// UTF-8 → UTF-16 code units, as Java strings hold them.
void forEachUtf16Unit(std::string_view s, const std::function<void(uint16_t)>& fn) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (b < 0x80) {
      cp = b;
      len = 1;
    } else if ((b >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((b & 0x1fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3fu);
      len = 2;
    } else if ((b >> 4) == 0xe && i + 2 < s.size()) {
      cp = ((b & 0x0fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3fu);
      len = 3;
    } else if ((b >> 3) == 0x1e && i + 3 < s.size()) {
      cp = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3fu);
      len = 4;
    } else {
      cp = 0xfffd;  // what Java's decoder substitutes for a malformed byte
      len = 1;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      fn(static_cast<uint16_t>(0xd800 + (cp >> 10)));
      fn(static_cast<uint16_t>(0xdc00 + (cp & 0x3ff)));
    } else {
      fn(static_cast<uint16_t>(cp));
    }
    i += len;
  }
}

}  // namespace

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string_view connectorTypeString(runtime::ConnectorType type) {
  switch (type) {
    case runtime::ConnectorType::Source: return "source";
    case runtime::ConnectorType::Sink: return "sink";
    case runtime::ConnectorType::Unknown: break;
  }
  return "unknown";
}

Json toJson(const api::ConfigMap& config) {
  Json j = Json::object();
  for (const auto& [k, v] : config) j[k] = v;
  return j;
}

Json toJson(const runtime::ConnectorTaskId& id) {
  Json j;
  j["connector"] = id.connector;
  j["task"] = id.task;
  return j;
}

Json toJson(const runtime::ConnectorInfo& info) {
  Json j;
  j["name"] = info.name;
  j["config"] = toJson(info.config);
  Json tasks = Json::array();
  for (const auto& t : info.tasks) tasks.push_back(toJson(t));
  j["tasks"] = std::move(tasks);
  j["type"] = connectorTypeString(info.type);
  return j;
}

Json toJson(const runtime::TaskInfo& info) {
  Json j;
  j["id"] = toJson(info.id);
  j["config"] = toJson(info.config);
  return j;
}

Json connectorStateJson(const runtime::StateInfo& state) {
  Json j;
  j["state"] = state.state;
  j["worker_id"] = state.worker_id;
  if (!state.trace.empty()) j["trace"] = state.trace;
  return j;
}

Json toJson(const runtime::TaskStateInfo& state) {
  Json j;
  j["id"] = state.id;
  j["state"] = state.state;
  j["worker_id"] = state.worker_id;
  if (!state.trace.empty()) j["trace"] = state.trace;
  return j;
}

Json toJson(const runtime::ConnectorStateInfo& state) {
  Json j;
  j["name"] = state.name;
  j["connector"] = connectorStateJson(state.connector);
  Json tasks = Json::array();
  for (const auto& t : state.tasks) tasks.push_back(toJson(t));
  j["tasks"] = std::move(tasks);
  j["type"] = connectorTypeString(state.type);
  return j;
}

Json toJson(const runtime::ConnectorOffsets& offsets) {
  Json list = Json::array();
  for (const auto& o : offsets.offsets) {
    Json e;
    e["partition"] = Json::parse(o.partition_json);
    e["offset"] = o.offset_json ? Json::parse(*o.offset_json) : Json(nullptr);
    list.push_back(std::move(e));
  }
  Json j;
  j["offsets"] = std::move(list);
  return j;
}

Json toJson(const runtime::ConfigKeyInfo& key) {
  Json j;
  j["name"] = key.name;
  j["type"] = key.type;
  j["required"] = key.required;
  j["default_value"] = nullableString(key.default_value);
  j["importance"] = key.importance;
  j["documentation"] = key.documentation;
  j["group"] = nullableString(key.group);
  j["width"] = key.width;
  j["display_name"] = key.display_name;
  j["dependents"] = stringArray(key.dependents);
  j["order"] = key.order;
  return j;
}

Json toJson(const runtime::ConfigValueInfo& value) {
  Json j;
  j["name"] = value.name;
  j["value"] = nullableString(value.value);
  j["recommended_values"] = stringArray(value.recommended_values);
  j["errors"] = stringArray(value.errors);
  j["visible"] = value.visible;
  return j;
}

Json toJson(const runtime::ConfigInfos& infos) {
  Json j;
  j["name"] = infos.name;
  j["error_count"] = infos.error_count;
  j["groups"] = stringArray(infos.groups);
  Json configs = Json::array();
  for (const auto& c : infos.configs) {
    Json e;
    e["definition"] = c.definition ? toJson(*c.definition) : Json(nullptr);
    e["value"] = c.value ? toJson(*c.value) : Json(nullptr);
    configs.push_back(std::move(e));
  }
  j["configs"] = std::move(configs);
  return j;
}

Json pluginInfoJson(const api::PluginDesc& plugin) {
  Json j;
  j["class"] = plugin.class_name;
  j["type"] = api::pluginKindName(plugin.kind);
  if (plugin.version != "undefined") j["version"] = plugin.version;
  return j;
}

Json loggerLevelJson(const common::LoggerLevels::Level& level) {
  Json j;
  j["level"] = level.level;
  j["last_modified"] = level.last_modified ? Json(*level.last_modified) : Json(nullptr);
  return j;
}

Json serverInfoJson(std::string_view version, std::string_view commit, std::string_view kafka_cluster_id) {
  Json j;
  j["version"] = version;
  j["commit"] = commit;
  // connectd answers REST before Kafka does; until the cluster id is known it is null
  // (Jackson's rendering of a null String), never a misleading "".
  j["kafka_cluster_id"] = kafka_cluster_id.empty() ? Json(nullptr) : Json(kafka_cluster_id);
  return j;
}

Json workerStatusJson(std::string_view status, std::string_view message) {
  Json j;
  j["status"] = status;
  j["message"] = message;
  return j;
}

Json messageJson(std::string_view message) {
  Json j;
  j["message"] = message;
  return j;
}

Json tasksConfigJson(const std::vector<runtime::TaskInfo>& tasks) {
  Json j = Json::object();
  for (const auto& t : tasks) j[t.id.connector + "-" + std::to_string(t.id.task)] = toJson(t.config);
  return j;
}

Json parseRequestBody(std::string_view body, bool numbers_as_text) {
  if (common::trim(body).empty()) return Json(nullptr);
  Json root;
  BodySax sax(root, numbers_as_text);
  Json::sax_parse(body.begin(), body.end(), &sax, nlohmann::json::input_format_t::json, /*strict=*/false);
  if (sax.failed()) {
    throw JsonProcessingException(sax.fullMessage().empty() ? parseErrorMessage(body, sax) : sax.fullMessage());
  }
  return root;
}

NullableConfig nullableConfigFromJson(const Json& j, std::string_view owner) {
  if (!j.is_object()) mismatch(kStringMapType, j, owner);
  NullableConfig out;
  out.reserve(j.size());
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string chain = owner.empty() ? std::string(kStringMapType) + "[\"" + it.key() + "\"]"
                                      : std::string(owner) + "->" + std::string(kStringMapType) + "[\"" + it.key() + "\"]";
    out.emplace_back(it.key(), coerceToString(it.value(), chain));
  }
  return out;
}

api::ConfigMap nonNullEntries(const NullableConfig& config) {
  api::ConfigMap out;
  for (const auto& [k, v] : config) {
    if (v) out[k] = *v;
  }
  return out;
}

const std::optional<std::string>* findEntry(const NullableConfig& config, std::string_view key) {
  for (const auto& e : config) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

void putEntry(NullableConfig& config, const std::string& key, std::string value) {
  for (auto& e : config) {
    if (e.first == key) {
      e.second = std::move(value);
      return;
    }
  }
  config.emplace_back(key, std::move(value));
}

CreateConnectorRequest createConnectorRequestFromJson(const Json& j) {
  const std::string cls = std::string(kEntitiesPackage) + "CreateConnectorRequest";
  if (!j.is_object()) mismatch(cls, j, {});
  CreateConnectorRequest req;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "name") {
      req.name = coerceToString(v, cls + "[\"name\"]");
    } else if (key == "config") {
      if (v.is_null()) {
        req.config.reset();
      } else {
        req.config = nullableConfigFromJson(v, cls + "[\"config\"]");
      }
    } else if (key == "initial_state") {
      auto state = coerceToString(v, cls + "[\"initial_state\"]");
      if (!state) {
        req.initial_state.reset();
        continue;
      }
      std::string upper = common::toUpper(*state);
      if (upper == "RUNNING") {
        req.initial_state = runtime::TargetState::Started;
      } else if (upper == "PAUSED") {
        req.initial_state = runtime::TargetState::Paused;
      } else if (upper == "STOPPED") {
        req.initial_state = runtime::TargetState::Stopped;
      } else {
        throw api::BadRequestException("Invalid value '" + *state +
                                       "' for initial_state: must be one of RUNNING, PAUSED or STOPPED");
      }
    } else {
      unrecognizedField("CreateConnectorRequest", key, {"name", "config", "initial_state"});
    }
  }
  return req;
}

runtime::ConnectorOffsets connectorOffsetsFromJson(const Json& j) {
  const std::string cls = std::string(kEntitiesPackage) + "ConnectorOffsets";
  const std::string offset_cls = std::string(kEntitiesPackage) + "ConnectorOffset";
  constexpr std::string_view kObjectMap = "java.util.LinkedHashMap<java.lang.String,java.lang.Object>";
  if (!j.is_object()) mismatch(cls, j, {});
  runtime::ConnectorOffsets out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "offsets") unrecognizedField("ConnectorOffsets", it.key(), {"offsets"});
    const Json& list = it.value();
    out.offsets.clear();
    if (list.is_null()) continue;
    if (!list.is_array()) mismatch("java.util.ArrayList<" + offset_cls + ">", list, cls + "[\"offsets\"]");
    for (size_t i = 0; i < list.size(); ++i) {
      const Json& e = list[i];
      std::string chain = cls + "[\"offsets\"]->java.util.ArrayList[" + std::to_string(i) + "]";
      if (!e.is_object()) mismatch(offset_cls, e, chain);
      runtime::ConnectorOffset offset;
      offset.partition_json = "null";
      for (auto f = e.begin(); f != e.end(); ++f) {
        const Json& v = f.value();
        std::string field_chain = chain + "->" + offset_cls + "[\"" + f.key() + "\"]";
        if (f.key() != "partition" && f.key() != "offset") {
          unrecognizedField("ConnectorOffset", f.key(), {"partition", "offset"});
        }
        if (!v.is_null() && !v.is_object()) mismatch(kObjectMap, v, field_chain);
        if (f.key() == "partition") {
          offset.partition_json = dump(v);
        } else if (v.is_null()) {
          offset.offset_json.reset();
        } else {
          offset.offset_json = dump(v);
        }
      }
      out.offsets.push_back(std::move(offset));
    }
  }
  return out;
}

std::vector<api::ConfigMap> taskConfigsFromJson(const Json& j) {
  if (!j.is_array()) mismatch("java.util.ArrayList<java.util.Map<java.lang.String,java.lang.String>>", j, {});
  std::vector<api::ConfigMap> out;
  out.reserve(j.size());
  for (size_t i = 0; i < j.size(); ++i) {
    // Jackson would hand Connect a null map or null values, which Connect then writes into the
    // config topic as they are; a ConfigMap has no such thing, so they are refused here.
    if (j[i].is_null()) throw api::BadRequestException("Task configuration " + std::to_string(i) + " is null");
    api::ConfigMap config;
    for (auto& [key, value] : nullableConfigFromJson(j[i], "java.util.ArrayList[" + std::to_string(i) + "]")) {
      if (!value) {
        throw api::BadRequestException("Task configuration " + std::to_string(i) + " has a null value for '" + key + "'");
      }
      config[key] = std::move(*value);
    }
    out.push_back(std::move(config));
  }
  return out;
}

int32_t javaStringHash(std::string_view utf8) {
  uint32_t h = 0;
  forEachUtf16Unit(utf8, [&](uint16_t unit) { h = 31u * h + unit; });
  return static_cast<int32_t>(h);
}

std::string javaMapToString(const NullableConfig& config) {
  if (config.empty()) return "{}";
  // HashMap(Map) sizes its table to the next power of two >= size/0.75 + 1 and never resizes
  // while copying; iteration walks the buckets in order, each bucket in insertion order.
  float ft = static_cast<float>(config.size()) / 0.75f + 1.0f;
  auto t = static_cast<uint32_t>(ft);
  uint32_t capacity = 1;
  while (capacity < t) capacity <<= 1;
  std::vector<std::vector<size_t>> buckets(capacity);
  for (size_t i = 0; i < config.size(); ++i) {
    auto h = static_cast<uint32_t>(javaStringHash(config[i].first));
    h ^= h >> 16;
    buckets[h & (capacity - 1)].push_back(i);
  }
  std::string out = "{";
  bool first = true;
  for (const auto& bucket : buckets) {
    for (size_t i : bucket) {
      if (!first) out += ", ";
      first = false;
      out += config[i].first;
      out += '=';
      out += config[i].second ? *config[i].second : "null";
    }
  }
  out += '}';
  return out;
}

std::string connectorLocationPath(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto isHex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  std::string out = "/connectors/";
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    bool keep = std::isalnum(c) || std::strchr("-._~!$&'()*+,;=:@/", c) != nullptr;
    if (c == '%' && i + 2 < name.size() && isHex(name[i + 1]) && isHex(name[i + 2])) keep = true;
    if (c != 0 && keep) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace connectd::rest
