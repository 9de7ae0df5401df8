#include "server/runtime/offset_utils.h"

#include "server/common/json_escape.h"

#include <charconv>
#include <limits>

#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/common/strings.h"

namespace connectd::runtime {

using api::Value;

namespace {

void appendQuoted(std::string_view s, std::string& out) { common::appendJsonQuoted(s, out); }

template <typename T>
void appendInt(T v, std::string& out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(res.ptr - buf));
}

void appendValue(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::Null: out.append("null"); break;
    case Value::Kind::Boolean: out.append(v.asBool() ? "true" : "false"); break;
    case Value::Kind::Int8: appendInt(static_cast<int>(v.asInt8()), out); break;
    case Value::Kind::Int16: appendInt(static_cast<int>(v.asInt16()), out); break;
    case Value::Kind::Int32: appendInt(v.asInt32(), out); break;
    case Value::Kind::Int64: appendInt(v.asInt64(), out); break;
    case Value::Kind::Float32: {
      // Jackson writes floats with Float.toString; NaN/Infinity as quoted strings.
      float f = v.asFloat32();
      if (f != f || f == std::numeric_limits<float>::infinity() || f == -std::numeric_limits<float>::infinity()) {
        std::string s;
        common::appendJavaFloat(f, s);
        appendQuoted(s, out);
      } else {
        common::appendJavaFloat(f, out);
      }
      break;
    }
    case Value::Kind::Float64: {
      double d = v.asFloat64();
      if (d != d || d == std::numeric_limits<double>::infinity() || d == -std::numeric_limits<double>::infinity()) {
        std::string s;
        common::appendJavaDouble(d, s);
        appendQuoted(s, out);
      } else {
        common::appendJavaDouble(d, out);
      }
      break;
    }
    case Value::Kind::String: appendQuoted(v.asString(), out); break;
    case Value::Kind::Bytes: {
      out.push_back('"');
      const auto& b = v.asBytes().data;
      common::base64Encode(reinterpret_cast<const uint8_t*>(b.data()), b.size(), out);
      out.push_back('"');
      break;
    }
    default:
      // validateFormat() rejects composites before anything is written.
      throw api::DataException("Offsets may only contain primitive types as values");
  }
}

std::string_view typeNameOf(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Array: return "ARRAY";
    case Value::Kind::Map: return "MAP";
    case Value::Kind::Struct: return "STRUCT";
    case Value::Kind::Decimal: return "class java.math.BigDecimal";
    default: return "UNKNOWN";
  }
}

Value fromJsonValue(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return Value();
    case nlohmann::ordered_json::value_t::boolean: return Value(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return Value(j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
      auto u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return Value(static_cast<double>(u));
      return Value(static_cast<int64_t>(u));
    }
    case nlohmann::ordered_json::value_t::number_float: return Value(j.get<double>());
    case nlohmann::ordered_json::value_t::string: return Value(j.get<std::string>());
    default: break;
  }
  throw api::DataException("Offsets may only contain primitive types as values, but found " +
                           std::string(j.type_name()));
}

}  // namespace

void OffsetUtils::validateFormat(const api::OffsetMap& data) {
  for (const auto& [key, value] : data) {
    switch (value.kind()) {
      case Value::Kind::Array:
      case Value::Kind::Map:
      case Value::Kind::Struct:
      case Value::Kind::Decimal:
        throw api::DataException("Offsets may only contain primitive types as values, but field " + key + " contains " +
                                 std::string(typeNameOf(value)));
      default: break;
    }
  }
}

void OffsetUtils::appendJson(const api::OffsetMap& map, std::string& out) {
  out.push_back('{');
  bool first = true;
  for (const auto& [key, value] : map) {
    if (!first) out.push_back(',');
    first = false;
    appendQuoted(key, out);
    out.push_back(':');
    appendValue(value, out);
  }
  out.push_back('}');
}

std::string OffsetUtils::toJson(const api::OffsetMap& map) {
  std::string out;
  appendJson(map, out);
  return out;
}

std::string OffsetUtils::keyFor(std::string_view connector, const api::OffsetMap& partition) {
  std::string out;
  out.reserve(connector.size() + 16 + partition.size() * 24);
  out.push_back('[');
  appendQuoted(connector, out);
  out.push_back(',');
  appendJson(partition, out);
  out.push_back(']');
  return out;
}

api::OffsetMap OffsetUtils::fromJson(const nlohmann::ordered_json& object) {
  if (!object.is_object()) throw api::DataException("Offsets must be specified as a Map");
  api::OffsetMap out;
  out.reserve(object.size());
  for (const auto& [k, v] : object.items()) out.emplace_back(k, fromJsonValue(v));
  return out;
}

api::OffsetMap OffsetUtils::parse(std::string_view json) {
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    throw api::DataException(std::string("Invalid offset JSON: ") + e.what());
  }
  return fromJson(j);
}

std::optional<std::pair<std::string, api::OffsetMap>> OffsetUtils::parseKey(std::string_view key) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(key, nullptr, false);
  if (j.is_discarded() || !j.is_array() || j.size() != 2 || !j[0].is_string() || !j[1].is_object()) {
    return std::nullopt;
  }
  try {
    return std::make_pair(j[0].get<std::string>(), fromJson(j[1]));
  } catch (const api::DataException&) {
    return std::nullopt;
  }
}

}  // namespace connectd::runtime
