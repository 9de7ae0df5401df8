#include "server/converters/json_reader.h"

#include <cctype>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <type_traits>
#include <unordered_map>

namespace connectd::converters {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Splits a JSON number's text into sign, mantissa digits and the position of the decimal point
// within those digits after applying the exponent.
struct NumberParts {
  bool negative = false;
  std::string_view int_digits;
  std::string_view frac_digits;
  int64_t exponent = 0;
};

NumberParts splitNumber(std::string_view t) {
  NumberParts p;
  size_t i = 0;
  if (i < t.size() && t[i] == '-') {
    p.negative = true;
    ++i;
  }
  size_t start = i;
  while (i < t.size() && isDigit(t[i])) ++i;
  p.int_digits = t.substr(start, i - start);
  if (i < t.size() && t[i] == '.') {
    start = ++i;
    while (i < t.size() && isDigit(t[i])) ++i;
    p.frac_digits = t.substr(start, i - start);
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool neg_exp = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg_exp = t[i++] == '-';
    int64_t e = 0;
    for (; i < t.size() && isDigit(t[i]); ++i) {
      // Exponents beyond this only ever mean "zero" or "all low bits zero" for longValue().
      if (e < 1'000'000'000) e = e * 10 + (t[i] - '0');
    }
    p.exponent = neg_exp ? -e : e;
  }
  return p;
}

// Java's narrowing of a BigInteger/BigDecimal to long: the integer part (truncated toward zero),
// reduced modulo 2^64. Multiplying by 10^64 or more leaves no low-order bits, hence the caps.
int64_t wrappingLongValue(std::string_view text) {
  NumberParts p = splitNumber(text);
  uint64_t acc = 0;
  auto push = [&acc](char d) { acc = acc * 10 + static_cast<uint64_t>(d - '0'); };
  if (p.exponent >= 0) {
    for (char c : p.int_digits) push(c);
    uint64_t shift = static_cast<uint64_t>(p.exponent);
    for (size_t i = 0; i < p.frac_digits.size() && shift > 0; ++i, --shift) push(p.frac_digits[i]);
    for (uint64_t i = 0; i < shift && i < 64; ++i) push('0');
    if (shift >= 64) acc = 0;
  } else {
    uint64_t drop = static_cast<uint64_t>(-p.exponent);
    if (drop < p.int_digits.size()) {
      for (char c : p.int_digits.substr(0, p.int_digits.size() - drop)) push(c);
    }
  }
  if (p.negative) acc = ~acc + 1;
  return static_cast<int64_t>(acc);
}

template <typename T>
T floatingValue(const std::string& text) {
  T v{};
  auto res = std::from_chars(text.data(), text.data() + text.size(), v);
  if (res.ec == std::errc::result_out_of_range) {
    // from_chars leaves v untouched on overflow/underflow; strtod gives the IEEE result
    // (infinity or a signed zero) that Java's BigDecimal.doubleValue() gives.
    if constexpr (std::is_same_v<T, float>)
      return std::strtof(text.c_str(), nullptr);
    else
      return std::strtod(text.c_str(), nullptr);
  }
  return v;
}

}  // namespace

// The recursive-descent parser behind JsonReader::parse.
class JsonParser {
 public:
  JsonParser(std::string_view in, std::string_view lazy_member,
             const JsonReader::LazyMemberHook& take_lazy)
      : begin_(in.data()),
        p_(in.data()),
        end_(in.data() + in.size()),
        lazy_member_(lazy_member),
        take_lazy_(take_lazy) {}

  JsonNode parseDocument() {
    JsonNode root;
    skipWhitespace();
    if (p_ == end_) return root;  // MISSING, as readTree() gives for empty content
    parseValue(root, 0);
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw JsonParseException(what + " at offset " + std::to_string(p_ - begin_));
  }

  [[noreturn]] void unexpected(std::string_view expected) const {
    if (p_ == end_) fail("Unexpected end-of-input: expected " + std::string(expected));
    unsigned char c = static_cast<unsigned char>(*p_);
    std::string shown = c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c)) : "CTRL-CHAR";
    fail("Unexpected character ('" + shown + "' (code " + std::to_string(c) + ")): expected " +
         std::string(expected));
  }

  void skipWhitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  void parseValue(JsonNode& node, int depth) {
    const char* start = p_;
    if (p_ == end_) unexpected("a value");
    switch (*p_) {
      case '{':
        if (depth >= JsonReader::kMaxDepth)
          fail("Document nesting depth exceeds the maximum allowed (1000)");
        parseObject(node, depth + 1);
        break;
      case '[':
        if (depth >= JsonReader::kMaxDepth)
          fail("Document nesting depth exceeds the maximum allowed (1000)");
        parseArray(node, depth + 1);
        break;
      case '"':
        node.type_ = JsonNode::Type::String;
        parseString(node.text_);
        break;
      case 't':
        literal("true");
        node.type_ = JsonNode::Type::Boolean;
        node.boolean_ = true;
        break;
      case 'f':
        literal("false");
        node.type_ = JsonNode::Type::Boolean;
        break;
      case 'n':
        literal("null");
        node.type_ = JsonNode::Type::Null;
        break;
      default:
        if (*p_ == '-' || isDigit(*p_)) {
          parseNumber(node);
        } else {
          unexpected(
              "JSON value (String, Number, Array, Object or token 'null', 'true' or 'false')");
        }
    }
    node.source_ = std::string_view(start, static_cast<size_t>(p_ - start));
  }

  void literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      fail("Unrecognized token: was expecting '" + std::string(word) + "'");
    p_ += word.size();
    if (p_ != end_ && (std::isalnum(static_cast<unsigned char>(*p_)) || *p_ == '_'))
      fail("Unrecognized token: was expecting '" + std::string(word) + "'");
  }

  void parseNumber(JsonNode& node) {
    const char* start = p_;
    bool integral = true;
    if (*p_ == '-') ++p_;
    if (p_ == end_ || !isDigit(*p_)) unexpected("digit after '-'");
    while (p_ != end_ && isDigit(*p_)) ++p_;
    if (p_ != end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == end_ || !isDigit(*p_)) unexpected("digit after decimal point");
      while (p_ != end_ && isDigit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !isDigit(*p_)) unexpected("digit in exponent");
      while (p_ != end_ && isDigit(*p_)) ++p_;
    }
    node.type_ = JsonNode::Type::Number;
    node.integral_ = integral;
    node.text_.assign(start, static_cast<size_t>(p_ - start));
  }

  static void appendUtf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  uint32_t hex4() {
    if (end_ - p_ < 4) fail("Unexpected end-of-input in character escape sequence");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      char c = *p_;
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<uint32_t>(c - 'A' + 10);
      else
        fail("Unexpected character in character escape sequence: expected a hex-digit");
    }
    return v;
  }

  void parseString(std::string& out) {
    ++p_;  // opening quote
    const char* run = p_;
    while (true) {
      if (p_ == end_)
        fail("Unexpected end-of-input: was expecting closing quote for a string value");
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out.append(run, static_cast<size_t>(p_ - run));
        ++p_;
        return;
      }
      if (c < 0x20)
        fail("Illegal unquoted character ((CTRL-CHAR, code " + std::to_string(c) +
             ")): has to be escaped using backslash to be included in string value");
      if (c != '\\') {
        ++p_;
        continue;
      }
      out.append(run, static_cast<size_t>(p_ - run));
      ++p_;
      if (p_ == end_) fail("Unexpected end-of-input in character escape sequence");
      char e = *p_++;
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
            const char* save = p_;
            p_ += 2;
            uint32_t low = hex4();
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              p_ = save;
            }
          }
          // A lone surrogate has no UTF-8 form; Java would encode it as '?' on the way out.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          appendUtf8(cp, out);
          break;
        }
        default: --p_; fail("Unrecognized character escape '" + std::string(1, e) + "'");
      }
      run = p_;
    }
  }

  void parseArray(JsonNode& node, int depth) {
    node.type_ = JsonNode::Type::Array;
    ++p_;
    skipWhitespace();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return;
    }
    while (true) {
      skipWhitespace();
      node.children_.emplace_back();
      parseValue(node.children_.back(), depth);
      skipWhitespace();
      if (p_ == end_) unexpected("close marker for ARRAY");
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == ']') {
        ++p_;
        return;
      }
      unexpected("comma to separate ARRAY entries");
    }
  }

  void parseObject(JsonNode& node, int depth) {
    node.type_ = JsonNode::Type::Object;
    ++p_;
    skipWhitespace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return;
    }
    // Only large objects get an index for duplicate detection; small ones are scanned.
    constexpr size_t kIndexThreshold = 16;
    std::unordered_map<std::string, size_t> index;
    while (true) {
      skipWhitespace();
      if (p_ == end_ || *p_ != '"') unexpected("double-quote to start field name");
      std::string key;
      parseString(key);
      skipWhitespace();
      if (p_ == end_ || *p_ != ':') unexpected("a colon to separate field name and value");
      ++p_;
      skipWhitespace();
      JsonNode value;
      if (!tryLazy(key, value, depth)) parseValue(value, depth);

      size_t existing = node.keys_.size();
      if (node.keys_.size() < kIndexThreshold) {
        for (size_t i = 0; i < node.keys_.size(); ++i)
          if (node.keys_[i] == key) existing = i;
      } else {
        if (index.empty())
          for (size_t i = 0; i < node.keys_.size(); ++i) index.emplace(node.keys_[i], i);
        auto [it, inserted] = index.emplace(key, node.keys_.size());
        if (!inserted) existing = it->second;
      }
      if (existing < node.keys_.size()) {
        node.children_[existing] = std::move(value);
      } else {
        node.keys_.push_back(std::move(key));
        node.children_.push_back(std::move(value));
      }

      skipWhitespace();
      if (p_ == end_) unexpected("close marker for OBJECT");
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == '}') {
        ++p_;
        return;
      }
      unexpected("comma to separate OBJECT entries");
    }
  }

  // Moves past the object starting at p_ without building it; false (p_ unspecified) when the
  // input ends first. Only brackets and strings are tracked: a span found this way is used only
  // if the hook recognises it as text that was fully parsed before.
  bool skipObject() {
    int depth = 0;
    while (p_ != end_) {
      char c = *p_++;
      if (c == '"') {
        while (p_ != end_ && *p_ != '"') p_ += *p_ == '\\' && p_ + 1 != end_ ? 2 : 1;
        if (p_ == end_) return false;
        ++p_;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return true;
      }
    }
    return false;
  }

  bool tryLazy(std::string_view key, JsonNode& value, int depth) {
    if (depth != 1 || lazy_member_.empty() || !take_lazy_ || key != lazy_member_ || p_ == end_ ||
        *p_ != '{')
      return false;
    const char* start = p_;
    if (skipObject()) {
      std::string_view source(start, static_cast<size_t>(p_ - start));
      if (take_lazy_(source)) {
        value.source_ = source;
        return true;
      }
    }
    p_ = start;
    return false;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  std::string_view lazy_member_;
  const JsonReader::LazyMemberHook& take_lazy_;
};

bool JsonNode::isInt() const {
  if (!isIntegralNumber()) return false;
  std::string_view t = text_;
  bool negative = !t.empty() && t[0] == '-';
  if (negative) t.remove_prefix(1);
  while (t.size() > 1 && t[0] == '0') t.remove_prefix(1);
  if (t.size() > 10) return false;
  int64_t v = 0;
  for (char c : t) v = v * 10 + (c - '0');
  if (negative) v = -v;
  return v >= INT32_MIN && v <= INT32_MAX;
}

int64_t JsonNode::longValue() const {
  if (type_ != Type::Number) return 0;
  return wrappingLongValue(text_);
}

float JsonNode::floatValue() const {
  if (type_ != Type::Number) return 0;
  return floatingValue<float>(text_);
}

double JsonNode::doubleValue() const {
  if (type_ != Type::Number) return 0;
  return floatingValue<double>(text_);
}

const JsonNode* JsonNode::get(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return &children_[i];
  return nullptr;
}

std::string_view JsonNode::nodeTypeName() const {
  switch (type_) {
    case Type::Missing: return "MISSING";
    case Type::Null: return "NULL";
    case Type::Boolean: return "BOOLEAN";
    case Type::Number: return "NUMBER";
    case Type::String: return "STRING";
    case Type::Array: return "ARRAY";
    case Type::Object: return "OBJECT";
  }
  return "MISSING";
}

JsonNode JsonReader::parse(std::string_view input, std::string_view lazy_member,
                           const LazyMemberHook& take_lazy) {
  return JsonParser(input, lazy_member, take_lazy).parseDocument();
}

}  // namespace connectd::converters
