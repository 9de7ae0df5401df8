#include "transforms/util/values.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "server/api/errors.h"
#include "server/api/value.h"
#include "transforms/util/simple_date_format.h"

namespace connectd::transforms {

namespace {

using api::SchemaAndValue;
using api::SchemaPtr;
using api::Type;
using api::Value;

constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;
constexpr std::string_view kDatePattern = "yyyy-MM-dd";
constexpr std::string_view kTimePattern = "HH:mm:ss.SSS'Z'";
constexpr std::string_view kTimestampPattern = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
constexpr size_t kDateLength = 10;
constexpr size_t kTimeLength = 13;
constexpr size_t kTimestampLength = 24;

// String.trim(): strips every char <= ' ' at both ends.
std::string_view javaTrim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

bool isBlank(std::string_view s) { return javaTrim(s).empty(); }

bool isDelimiter(char c) {
  return c == ':' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"';
}

// Values.Parser: splits the text into tokens at unescaped delimiters (each delimiter is a token
// of its own), with one token of look-ahead.
class Parser {
 public:
  explicit Parser(std::string_view original) : original_(original) {}

  size_t position() const { return index_; }
  size_t mark() const { return index_ - (next_token_ ? next_token_->size() : 0); }
  void rewindTo(size_t position) {
    index_ = position;
    next_token_.reset();
    previous_token_.reset();
  }
  std::string_view original() const { return original_; }
  bool hasNext() const { return next_token_.has_value() || index_ < original_.size(); }

  std::string next() {
    if (next_token_) {
      previous_token_ = std::move(next_token_);
      next_token_.reset();
    } else {
      previous_token_ = consumeNextToken();
    }
    return *previous_token_;
  }

  // The text of the next `n` tokens, or nullopt (position unchanged) when there are fewer.
  std::optional<std::string> next(int n) {
    size_t start = mark();
    for (int i = 0; i != n; ++i) {
      if (!hasNext()) {
        rewindTo(start);
        return std::nullopt;
      }
      next();
    }
    return std::string(original_.substr(start, position() - start));
  }

  const std::optional<std::string>& previous() const { return previous_token_; }

  // Consumes the next token when it is `expected` (blank tokens skipped, surrounding blanks
  // ignored).
  bool canConsume(std::string_view expected) {
    if (isNext(expected)) {
      next_token_.reset();
      return true;
    }
    return false;
  }

 private:
  bool isNext(std::string_view expected) {
    if (!next_token_) {
      if (!hasNext()) return false;
      next_token_ = consumeNextToken();
    }
    while (isBlank(*next_token_) && index_ < original_.size()) next_token_ = consumeNextToken();
    return javaTrim(*next_token_) == expected;
  }

  std::string consumeNextToken() {
    bool escaped = false;
    size_t start = index_;
    while (index_ < original_.size()) {
      char c = original_[index_];
      if (c == '\\') {
        escaped = !escaped;
      } else if (isDelimiter(c)) {
        if (!escaped) {
          if (start < index_) return std::string(original_.substr(start, index_ - start));
          ++index_;
          return std::string(original_.substr(start, 1));
        }
        escaped = false;
      } else {
        escaped = false;
      }
      ++index_;
    }
    return std::string(original_.substr(start, index_ - start));
  }

  std::string_view original_;
  size_t index_ = 0;
  std::optional<std::string> next_token_;
  std::optional<std::string> previous_token_;
};

bool isNumeric(Type t) {
  return t == Type::Int8 || t == Type::Int16 || t == Type::Int32 || t == Type::Int64 ||
         t == Type::Float32 || t == Type::Float64;
}

int numericRank(Type t) {
  switch (t) {
    case Type::Int8: return 0;
    case Type::Int16: return 1;
    case Type::Int32: return 2;
    case Type::Int64: return 3;
    case Type::Float32: return 4;
    default: return 5;
  }
}

// Values.mergeSchemas: the wider of two numeric schemas; for equal types the optional one.
SchemaPtr mergeSchemas(const SchemaPtr& previous, const SchemaPtr& latest) {
  if (previous->type() != latest->type()) {
    if (!isNumeric(previous->type()) || !isNumeric(latest->type())) return nullptr;
    return numericRank(latest->type()) > numericRank(previous->type()) ? latest : previous;
  }
  if (previous->isOptional() == latest->isOptional()) {
    return previous->isOptional() ? previous : latest;
  }
  if (!previous->equals(*latest)) return nullptr;
  return previous;
}

// Values.SchemaMerger.
class SchemaMerger {
 public:
  void merge(const std::optional<SchemaAndValue>& latest) {
    if (!latest || !latest->schema || !compatible_) return;
    if (!common_) {
      common_ = latest->schema;
    } else {
      common_ = mergeSchemas(common_, latest->schema);
      compatible_ = common_ != nullptr;
    }
  }
  bool hasCommonSchema() const { return common_ != nullptr; }
  const SchemaPtr& schema() const { return common_; }

 private:
  SchemaPtr common_;
  bool compatible_ = true;
};

// Values.convertTo for the values parseString produces: numbers are widened to the common
// numeric type, everything else already has its common schema's type.
Value convertTo(const api::Schema& to, const Value& value) {
  if (value.isNull()) {
    if (to.isOptional()) return value;
    throw api::DataException("Unable to convert a null value to a schema that requires a value");
  }
  if (!value.isIntegral() && value.kind() != Value::Kind::Float32 &&
      value.kind() != Value::Kind::Float64) {
    return value;
  }
  double as_double = value.kind() == Value::Kind::Float32   ? value.asFloat32()
                     : value.kind() == Value::Kind::Float64 ? value.asFloat64()
                                                            : static_cast<double>(value.toInt64());
  switch (to.type()) {
    case Type::Int8: return Value(static_cast<int8_t>(value.toInt64()));
    case Type::Int16: return Value(static_cast<int16_t>(value.toInt64()));
    case Type::Int32: return Value(static_cast<int32_t>(value.toInt64()));
    case Type::Int64: return Value(value.toInt64());
    case Type::Float32: return Value(static_cast<float>(as_double));
    case Type::Float64: return Value(as_double);
    default: return value;
  }
}

// Java's LinkedHashMap.put: an existing key keeps its place and gets the new value.
void putEntry(api::Map& map, Value key, Value value) {
  for (auto& [k, v] : map) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  map.emplace_back(std::move(key), std::move(value));
}

// A BigDecimal literal split into sign, digits and scale (new BigDecimal(String) grammar).
struct DecimalText {
  bool negative = false;
  std::string digits;
  int64_t scale = 0;
};

std::optional<DecimalText> parseDecimalText(std::string_view s) {
  DecimalText out;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) out.negative = s[i++] == '-';
  int64_t fraction_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') out.digits.push_back(s[i++]);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      out.digits.push_back(s[i++]);
      ++fraction_digits;
    }
  }
  if (out.digits.empty()) return std::nullopt;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    size_t exp_start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      exponent = exponent * 10 + (s[i++] - '0');
      if (exponent > INT32_MAX) return std::nullopt;
    }
    if (i == exp_start) return std::nullopt;
    if (negative) exponent = -exponent;
  }
  if (i != s.size()) return std::nullopt;
  out.scale = fraction_digits - exponent;
  if (out.scale > INT32_MAX || out.scale < INT32_MIN) return std::nullopt;
  return out;
}

// ValueParser.parseAsExactDecimal: an integral literal that fits a long, as the smallest
// integer type holding it.
std::optional<SchemaAndValue> parseAsExactDecimal(const DecimalText& dec) {
  std::string integral;
  if (dec.scale <= 0) {
    integral = dec.digits;
    if (integral.find_first_not_of('0') != std::string::npos) {
      // More than 19 appended zeros cannot fit a long anyway.
      integral.append(static_cast<size_t>(std::min<int64_t>(-dec.scale, 20)), '0');
    }
  } else {
    auto s = static_cast<size_t>(dec.scale);
    if (s >= dec.digits.size()) {
      if (dec.digits.find_first_not_of('0') != std::string::npos) return std::nullopt;
      integral = "0";
    } else {
      if (dec.digits.find_first_not_of('0', dec.digits.size() - s) != std::string::npos) {
        return std::nullopt;
      }
      integral = dec.digits.substr(0, dec.digits.size() - s);
    }
  }
  size_t nz = integral.find_first_not_of('0');
  std::string_view magnitude = nz == std::string::npos ? std::string_view("0")
                                                       : std::string_view(integral).substr(nz);
  if (magnitude.size() > 19) return std::nullopt;
  __int128 v = 0;
  for (char c : magnitude) v = v * 10 + (c - '0');
  if (dec.negative) v = -v;
  if (v < INT64_MIN || v > INT64_MAX) return std::nullopt;
  auto l = static_cast<int64_t>(v);
  if (l >= INT8_MIN && l <= INT8_MAX) return SchemaAndValue{api::schemas::int8(), Value(static_cast<int8_t>(l))};
  if (l >= INT16_MIN && l <= INT16_MAX) {
    return SchemaAndValue{api::schemas::int16(), Value(static_cast<int16_t>(l))};
  }
  if (l >= INT32_MIN && l <= INT32_MAX) {
    return SchemaAndValue{api::schemas::int32(), Value(static_cast<int32_t>(l))};
  }
  return SchemaAndValue{api::schemas::int64(), Value(l)};
}

// ValueParser.parseAsNumber; nullopt where new BigDecimal(token) throws NumberFormatException.
std::optional<SchemaAndValue> parseAsNumber(std::string_view token) {
  std::optional<DecimalText> dec = parseDecimalText(token);
  if (!dec) return std::nullopt;
  if (auto exact = parseAsExactDecimal(*dec)) return exact;
  std::string text(token[0] == '+' ? token.substr(1) : token);
  float f = std::strtof(text.c_str(), nullptr);
  if (!std::isinf(f) && dec->scale != 0) return SchemaAndValue{api::schemas::float32(), Value(f)};
  double d = std::strtod(text.c_str(), nullptr);
  if (!std::isinf(d) && dec->scale != 0) return SchemaAndValue{api::schemas::float64(), Value(d)};
  api::DecimalValue decimal = api::DecimalValue::fromString(token);
  return SchemaAndValue{api::logical::decimal(decimal.scale).build(), Value(std::move(decimal))};
}

const SchemaPtr& dateSchema() {
  static const SchemaPtr s = api::logical::date().build();
  return s;
}
const SchemaPtr& timeSchema() {
  static const SchemaPtr s = api::logical::time().build();
  return s;
}
const SchemaPtr& timestampSchema() {
  static const SchemaPtr s = api::logical::timestamp().build();
  return s;
}

// ValueParser.parseAsTemporal: a literal of exactly the ISO date, time or timestamp length that
// SimpleDateFormat can read (leniently, trailing text ignored).
std::optional<SchemaAndValue> parseAsTemporal(std::string token) {
  for (size_t p = token.find("\\:"); p != std::string::npos; p = token.find("\\:", p)) {
    token.erase(p, 1);
  }
  std::string_view pattern;
  if (token.size() == kTimeLength) {
    pattern = kTimePattern;
  } else if (token.size() == kTimestampLength) {
    pattern = kTimestampPattern;
  } else if (token.size() == kDateLength) {
    pattern = kDatePattern;
  } else {
    return std::nullopt;
  }
  static const SimpleDateFormat date_format(kDatePattern);
  static const SimpleDateFormat time_format(kTimePattern);
  static const SimpleDateFormat timestamp_format(kTimestampPattern);
  const SimpleDateFormat& format = pattern == kTimePattern        ? time_format
                                   : pattern == kTimestampPattern ? timestamp_format
                                                                  : date_format;
  size_t pos = 0;
  std::optional<int64_t> millis = format.parse(token, pos);
  if (!millis || pos == 0) return std::nullopt;
  if (pattern == kTimePattern) return SchemaAndValue{timeSchema(), Value(static_cast<int32_t>(*millis))};
  if (pattern == kTimestampPattern) return SchemaAndValue{timestampSchema(), Value(*millis)};
  int64_t days = *millis / kMillisPerDay - ((*millis % kMillisPerDay) < 0 ? 1 : 0);
  return SchemaAndValue{dateSchema(), Value(static_cast<int32_t>(days))};
}

// Values.ValueParser. A parse result of nullopt is Java's null SchemaAndValue.
class ValueParser {
 public:
  explicit ValueParser(std::string_view text) : parser_(text) {}

  std::optional<SchemaAndValue> parse(bool embedded) {
    if (!parser_.hasNext()) return std::nullopt;
    if (embedded && parser_.canConsume("\"")) return parseQuotedString();
    if (canParseSingleTokenLiteral(embedded, "null")) return std::nullopt;
    if (canParseSingleTokenLiteral(embedded, "true")) return SchemaAndValue{api::schemas::boolean(), Value(true)};
    if (canParseSingleTokenLiteral(embedded, "false")) {
      return SchemaAndValue{api::schemas::boolean(), Value(false)};
    }

    size_t start = parser_.mark();
    try {
      if (parser_.canConsume("[")) return parseArray();
      if (parser_.canConsume("{")) return parseMap();
    } catch (const api::DataException&) {
      // Not a well-formed array or map: read it again as a plain token.
      parser_.rewindTo(start);
    }

    std::string token = parser_.next();
    if (isBlank(token)) return SchemaAndValue{api::schemas::string(), Value(std::move(token))};
    return parseNextToken(embedded, std::string(javaTrim(token)));
  }

 private:
  bool canParseSingleTokenLiteral(bool embedded, std::string_view literal) {
    size_t start = parser_.mark();
    // A top-level literal must be the whole input: "true}" is a string.
    if (parser_.canConsume(literal) && (embedded || !parser_.hasNext())) return true;
    parser_.rewindTo(start);
    return false;
  }

  SchemaAndValue parseNextToken(bool embedded, const std::string& token) {
    char first = token[0];
    bool first_is_digit = first >= '0' && first <= '9';
    if (first_is_digit) {
      if (auto temporal = parseMultipleTokensAsTemporal(token)) return *temporal;
    }
    if (first_is_digit || first == '+' || first == '-') {
      if (auto number = parseAsNumber(token)) return *number;
    }
    if (embedded) throw api::DataException("Failed to parse embedded value");
    return SchemaAndValue{api::schemas::string(), Value(std::string(parser_.original()))};
  }

  // Times and timestamps contain unescaped colons, which split them into five tokens.
  std::optional<SchemaAndValue> parseMultipleTokensAsTemporal(const std::string& token) {
    size_t position = parser_.mark();
    if (std::optional<std::string> remainder = parser_.next(4)) {
      if (auto temporal = parseAsTemporal(token + *remainder)) return temporal;
    }
    parser_.rewindTo(position);
    return parseAsTemporal(token);
  }

  SchemaAndValue parseQuotedString() {
    std::string content;
    while (parser_.hasNext()) {
      if (parser_.canConsume("\"")) break;
      content += parser_.next();
    }
    if (auto temporal = parseAsTemporal(content)) return *temporal;
    return SchemaAndValue{api::schemas::string(), Value(std::move(content))};
  }

  SchemaAndValue parseArray() {
    api::Array result;
    SchemaMerger element_schema;
    while (parser_.hasNext()) {
      if (parser_.canConsume("]")) {
        if (!element_schema.hasCommonSchema()) {
          // Every element is null.
          return SchemaAndValue{api::SchemaBuilder(Type::Array).build(), Value(std::move(result))};
        }
        SchemaPtr list_schema = api::SchemaBuilder::array(element_schema.schema()).build();
        api::Array aligned;
        aligned.reserve(result.size());
        for (const Value& v : result) aligned.push_back(convertTo(*list_schema->valueSchema(), v));
        return SchemaAndValue{list_schema, Value(std::move(aligned))};
      }
      if (parser_.canConsume(",")) {
        throw api::DataException("Unable to parse an empty array element: " +
                                 std::string(parser_.original()));
      }
      std::optional<SchemaAndValue> element = parse(true);
      element_schema.merge(element);
      result.push_back(element ? element->value : Value());

      size_t current = parser_.mark();
      if (parser_.canConsume("]")) {
        parser_.rewindTo(current);
      } else if (!parser_.canConsume(",")) {
        throw api::DataException("Array elements missing ',' delimiter");
      }
    }
    if (parser_.previous() && *parser_.previous() == ",") {
      throw api::DataException("Array is missing element after ',': " +
                               std::string(parser_.original()));
    }
    throw api::DataException("Array is missing terminating ']': " + std::string(parser_.original()));
  }

  SchemaAndValue parseMap() {
    api::Map result;
    SchemaMerger key_schema;
    SchemaMerger value_schema;
    while (parser_.hasNext()) {
      if (parser_.canConsume("}")) {
        if (key_schema.hasCommonSchema() && value_schema.hasCommonSchema()) {
          SchemaPtr map_schema =
              api::SchemaBuilder::map(key_schema.schema(), value_schema.schema()).build();
          api::Map aligned;
          for (const auto& [k, v] : result) {
            putEntry(aligned, convertTo(*map_schema->keySchema(), k),
                     convertTo(*map_schema->valueSchema(), v));
          }
          return SchemaAndValue{map_schema, Value(std::move(aligned))};
        }
        if (key_schema.hasCommonSchema()) {
          // Kafka: SchemaBuilder.mapWithNullValues(keySchema); see the header.
          api::Map aligned;
          for (const auto& [k, v] : result) putEntry(aligned, convertTo(*key_schema.schema(), k), v);
          return SchemaAndValue{api::SchemaBuilder(Type::Map).build(), Value(std::move(aligned))};
        }
        return SchemaAndValue{api::SchemaBuilder(Type::Map).build(), Value(std::move(result))};
      }
      if (parser_.canConsume(",")) {
        throw api::DataException("Unable to parse a map entry with no key or value: " +
                                 std::string(parser_.original()));
      }
      std::optional<SchemaAndValue> key = parse(true);
      if (!key || key->value.isNull()) {
        throw api::DataException("Map entry may not have a null key: " +
                                 std::string(parser_.original()));
      }
      if (!parser_.canConsume(":")) {
        throw api::DataException("Map entry is missing ':' at " +
                                 std::to_string(parser_.position()) + " in " +
                                 std::string(parser_.original()));
      }
      std::optional<SchemaAndValue> value = parse(true);
      putEntry(result, key->value, value ? value->value : Value());
      parser_.canConsume(",");
      key_schema.merge(key);
      value_schema.merge(value);
    }
    if (parser_.previous() && *parser_.previous() == ",") {
      throw api::DataException("Map is missing element after ',': " +
                               std::string(parser_.original()));
    }
    throw api::DataException("Map is missing terminating '}': " + std::string(parser_.original()));
  }

  Parser parser_;
};

}  // namespace

api::SchemaAndValue Values::parseString(std::string_view value) {
  if (value.empty()) return SchemaAndValue{api::schemas::string(), Value(std::string())};
  ValueParser parser(value);
  std::optional<SchemaAndValue> parsed = parser.parse(false);
  if (!parsed) return SchemaAndValue{nullptr, Value()};
  return std::move(*parsed);
}

}  // namespace connectd::transforms
