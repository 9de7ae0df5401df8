#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace connectd::converters {

// A parsed JSON value, as Jackson's JsonNode tree that JsonConverter reads records into.
// Numbers keep their source text, so decimals keep their exact digits and scale (Jackson with
// USE_BIG_DECIMAL_FOR_FLOATS) and integers of any size keep every digit.
// Objects keep their members in document order; a repeated key keeps its first position and its
// last value (ObjectNode.set).
class JsonNode {
 public:
  // Jackson's JsonNodeType, whose names appear in DataException messages.
  enum class Type : uint8_t { Missing, Null, Boolean, Number, String, Array, Object };

  Type type() const { return type_; }
  bool isNull() const { return type_ == Type::Null; }
  bool isMissing() const { return type_ == Type::Missing; }
  bool isBoolean() const { return type_ == Type::Boolean; }
  bool isNumber() const { return type_ == Type::Number; }
  bool isString() const { return type_ == Type::String; }
  bool isArray() const { return type_ == Type::Array; }
  bool isObject() const { return type_ == Type::Object; }
  // A number written without fraction or exponent (Jackson's IntNode/LongNode/BigIntegerNode).
  bool isIntegralNumber() const { return type_ == Type::Number && integral_; }
  // An integral number that fits an int32 (Jackson's IntNode).
  bool isInt() const;

  // The decoded text of a STRING node; the source text of a NUMBER node.
  const std::string& text() const { return text_; }
  bool booleanValue() const { return type_ == Type::Boolean && boolean_; }
  // Jackson's intValue()/longValue()/floatValue()/doubleValue(): a number converted the way Java
  // narrows it (integers keep their low-order bits, fractions are truncated toward zero); any
  // other node gives 0.
  int32_t intValue() const { return static_cast<int32_t>(longValue()); }
  int64_t longValue() const;
  float floatValue() const;
  double doubleValue() const;

  // Array elements, or object member values.
  const std::vector<JsonNode>& children() const { return children_; }
  // Object member names, parallel to children().
  const std::vector<std::string>& keys() const { return keys_; }
  size_t size() const { return children_.size(); }
  // The member `key` of an object, or nullptr (also for non-objects, as JsonNode.get).
  const JsonNode* get(std::string_view key) const;
  bool has(std::string_view key) const { return get(key) != nullptr; }

  // This node's bytes in the parsed input (valid while that input is).
  std::string_view source() const { return source_; }

  // "NULL", "BOOLEAN", "NUMBER", "STRING", "ARRAY", "OBJECT", "MISSING".
  std::string_view nodeTypeName() const;

 private:
  friend class JsonParser;
  Type type_ = Type::Missing;
  bool boolean_ = false;
  bool integral_ = false;
  std::string text_;
  std::vector<JsonNode> children_;
  std::vector<std::string> keys_;
  std::string_view source_;
};

class JsonParseException : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses JSON the way Kafka's JsonDeserializer configures Jackson: leading zeros in numbers are
// accepted, nesting is limited to 1000 levels, the first value is read and anything after it is
// ignored, and empty (or all-whitespace) input is a MISSING node.
class JsonReader {
 public:
  static constexpr int kMaxDepth = 1000;
  // Decides, from its raw text, whether a member value needs no tree (see parse()).
  using LazyMemberHook = std::function<bool(std::string_view source)>;

  // Throws JsonParseException with the offset of the problem.
  //
  // When `lazy_member` is given, an object value of that member of the top-level object is
  // first offered to `take_lazy` as raw text; if the hook takes it, the member is kept as a
  // MISSING node whose source() is that text, and the text is not parsed. JsonConverter uses this
  // to skip the schema of an envelope whose Schema it already has.
  static JsonNode parse(std::string_view input, std::string_view lazy_member = {},
                        const LazyMemberHook& take_lazy = nullptr);
};

}  // namespace connectd::converters
