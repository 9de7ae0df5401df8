#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace connectd::api {

class Struct;
class Value;

// A Decimal: two's-complement big-endian unscaled value (Java BigInteger.toByteArray, minimal
// length) and a scale. value = unscaled * 10^-scale.
struct DecimalValue {
  std::string unscaled;  // bytes
  int32_t scale = 0;

  // Parses "-123.4500" (plain decimal notation, optional exponent "1.2E+3").
  static DecimalValue fromString(std::string_view text);
  static DecimalValue fromInt64(int64_t unscaled, int32_t scale);
  // Java BigDecimal.toPlainString() of the value.
  std::string toPlainString() const;
  // Java BigDecimal.toString() (scientific notation when the exponent is small).
  std::string toString() const;
  bool operator==(const DecimalValue& o) const { return unscaled == o.unscaled && scale == o.scale; }
};

// Raw bytes (Connect BYTES / Java byte[]); distinct from a string.
struct Bytes {
  std::string data;
  bool operator==(const Bytes& o) const { return data == o.data; }
};

using Array = std::vector<Value>;
// Insertion-ordered map; keys may be any value (Connect MAP with non-string keys).
using Map = std::vector<std::pair<Value, Value>>;

// A Connect value: null, a primitive, bytes, a decimal, or a shared array/map/struct.
// Copies are cheap (composites are shared); mutate a composite only while you own it alone.
class Value {
 public:
  using Storage = std::variant<std::monostate, bool, int8_t, int16_t, int32_t, int64_t, float, double,
                               std::string, Bytes, DecimalValue, std::shared_ptr<Array>,
                               std::shared_ptr<Map>, std::shared_ptr<Struct>>;
  enum class Kind { Null, Boolean, Int8, Int16, Int32, Int64, Float32, Float64, String, Bytes, Decimal, Array, Map, Struct };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool v) : v_(v) {}
  Value(int8_t v) : v_(v) {}
  Value(int16_t v) : v_(v) {}
  Value(int32_t v) : v_(v) {}
  Value(int64_t v) : v_(v) {}
  Value(float v) : v_(v) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(Bytes v) : v_(std::move(v)) {}
  Value(DecimalValue v) : v_(std::move(v)) {}
  Value(Array v) : v_(std::make_shared<Array>(std::move(v))) {}
  Value(Map v) : v_(std::make_shared<Map>(std::move(v))) {}
  Value(std::shared_ptr<Array> v) : v_(std::move(v)) {}
  Value(std::shared_ptr<Map> v) : v_(std::move(v)) {}
  Value(std::shared_ptr<Struct> v) : v_(std::move(v)) {}
  Value(Struct v);

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool isNull() const { return v_.index() == 0; }
  const Storage& storage() const { return v_; }

  bool asBool() const { return std::get<bool>(v_); }
  int8_t asInt8() const { return std::get<int8_t>(v_); }
  int16_t asInt16() const { return std::get<int16_t>(v_); }
  int32_t asInt32() const { return std::get<int32_t>(v_); }
  int64_t asInt64() const { return std::get<int64_t>(v_); }
  float asFloat32() const { return std::get<float>(v_); }
  double asFloat64() const { return std::get<double>(v_); }
  const std::string& asString() const { return std::get<std::string>(v_); }
  const Bytes& asBytes() const { return std::get<Bytes>(v_); }
  const DecimalValue& asDecimal() const { return std::get<DecimalValue>(v_); }
  const Array& asArray() const { return *std::get<std::shared_ptr<Array>>(v_); }
  const Map& asMap() const { return *std::get<std::shared_ptr<Map>>(v_); }
  const Struct& asStruct() const { return *std::get<std::shared_ptr<Struct>>(v_); }
  Array& mutableArray() { return *std::get<std::shared_ptr<Array>>(v_); }
  Map& mutableMap() { return *std::get<std::shared_ptr<Map>>(v_); }
  Struct& mutableStruct() { return *std::get<std::shared_ptr<Struct>>(v_); }
  const std::shared_ptr<Struct>& structPtr() const { return std::get<std::shared_ptr<Struct>>(v_); }

  bool isIntegral() const;
  // Any integral kind widened to int64 (throws std::bad_variant_access otherwise).
  int64_t toInt64() const;

  // For string-keyed maps: the value under `key`, or nullptr.
  const Value* mapGet(std::string_view key) const;

  // Deep equality (Java equals on the values: Struct.equals, List/Map equals, Arrays.equals).
  bool operator==(const Value& o) const;
  bool operator!=(const Value& o) const { return !(*this == o); }

  // Java-like toString (Struct{a=1,b=x}, [1, 2], {k=v}), for messages and StringConverter.
  std::string toString() const;
  // The Java class name of the value ("java.lang.Integer", ...) for exception messages.
  std::string_view javaClassName() const;

 private:
  Storage v_;
};

}  // namespace connectd::api
