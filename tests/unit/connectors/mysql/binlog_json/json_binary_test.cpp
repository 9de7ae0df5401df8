#include "connectors/mysql/binlog/json_binary.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using connectd::mysql::binlog::appendJsonText;
using connectd::mysql::binlog::jsonText;

// A tiny serializer for MySQL's binary JSON (sql/json_binary.cc layout), so documents can be
// written as trees. Expected texts below follow mysql-binlog-connector-java's JsonBinary +
// JsonStringFormatter, which Debezium uses for streamed JSON columns.
struct Value {
  uint8_t type = 0;
  std::string payload;  // scalars: the bytes after the type byte
  std::vector<std::pair<std::string, Value>> members;
  std::vector<Value> elements;
};

std::string le(uint64_t v, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return s;
}

std::string varLength(size_t n) {
  std::string s;
  do {
    uint8_t b = n & 0x7F;
    n >>= 7;
    if (n != 0) b |= 0x80;
    s.push_back(static_cast<char>(b));
  } while (n != 0);
  return s;
}

Value scalar(uint8_t type, std::string payload) { return Value{type, std::move(payload), {}, {}}; }
Value jnull() { return scalar(0x04, std::string(1, '\x00')); }
Value jtrue() { return scalar(0x04, std::string(1, '\x01')); }
Value jfalse() { return scalar(0x04, std::string(1, '\x02')); }
Value int16v(int16_t v) { return scalar(0x05, le(static_cast<uint16_t>(v), 2)); }
Value uint16v(uint16_t v) { return scalar(0x06, le(v, 2)); }
Value int32v(int32_t v) { return scalar(0x07, le(static_cast<uint32_t>(v), 4)); }
Value uint32v(uint32_t v) { return scalar(0x08, le(v, 4)); }
Value int64v(int64_t v) { return scalar(0x09, le(static_cast<uint64_t>(v), 8)); }
Value uint64v(uint64_t v) { return scalar(0x0a, le(v, 8)); }
Value dbl(double v) { return scalar(0x0b, le(std::bit_cast<uint64_t>(v), 8)); }
Value str(std::string_view s) { return scalar(0x0c, varLength(s.size()) + std::string(s)); }
Value opaque(uint8_t column_type, std::string_view bytes) {
  return scalar(0x0f, std::string(1, static_cast<char>(column_type)) + varLength(bytes.size()) +
                          std::string(bytes));
}
Value object(std::vector<std::pair<std::string, Value>> members, bool large = false) {
  Value v;
  v.type = large ? 0x01 : 0x00;
  v.members = std::move(members);
  return v;
}
Value array(std::vector<Value> elements, bool large = false) {
  Value v;
  v.type = large ? 0x03 : 0x02;
  v.elements = std::move(elements);
  return v;
}

bool isContainer(const Value& v) { return v.type <= 0x03; }

bool isInlined(const Value& v, bool large) {
  return v.type == 0x04 || v.type == 0x05 || v.type == 0x06 ||
         (large && (v.type == 0x07 || v.type == 0x08));
}

std::string payloadOf(const Value& v);

std::string containerPayload(const Value& v) {
  const bool large = v.type == 0x01 || v.type == 0x03;
  const bool is_object = v.type == 0x00 || v.type == 0x01;
  const size_t w = large ? 4 : 2;
  const size_t n = is_object ? v.members.size() : v.elements.size();
  const size_t header = 2 * w + (is_object ? n * (w + 2) : 0) + n * (1 + w);
  std::string key_entries, key_area;
  std::vector<const Value*> values;
  if (is_object) {
    for (const auto& [key, value] : v.members) {
      key_entries += le(header + key_area.size(), w) + le(key.size(), 2);
      key_area += key;
      values.push_back(&value);
    }
  } else {
    for (const Value& e : v.elements) values.push_back(&e);
  }
  const size_t values_start = header + key_area.size();
  std::string value_entries, value_area;
  for (const Value* value : values) {
    value_entries.push_back(static_cast<char>(value->type));
    if (isInlined(*value, large)) {
      std::string inline_bytes = value->payload;
      inline_bytes.resize(w, '\0');
      value_entries += inline_bytes;
    } else {
      value_entries += le(values_start + value_area.size(), w);
      value_area += payloadOf(*value);
    }
  }
  const size_t size = values_start + value_area.size();
  return le(n, w) + le(size, w) + key_entries + value_entries + key_area + value_area;
}

std::string payloadOf(const Value& v) { return isContainer(v) ? containerPayload(v) : v.payload; }

std::string doc(const Value& v) { return std::string(1, static_cast<char>(v.type)) + payloadOf(v); }

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}

// MySQL's packed DATETIME/DATE (TIME_to_longlong_datetime_packed), as stored in JSON opaque values.
std::string packedDatetime(int year, int month, int day, int hour, int minute, int second,
                           int micros) {
  const int64_t ymd = ((static_cast<int64_t>(year) * 13 + month) << 5) | day;
  const int64_t hms = (hour << 12) | (minute << 6) | second;
  return le(static_cast<uint64_t>((((ymd << 17) | hms) << 24) + micros), 8);
}

// MySQL's packed TIME (TIME_to_longlong_time_packed).
std::string packedTime(bool negative, int hour, int minute, int second, int micros) {
  const int64_t hms = (hour << 12) | (minute << 6) | second;
  const int64_t packed = (hms << 24) + micros;
  return le(static_cast<uint64_t>(negative ? -packed : packed), 8);
}

TEST(JsonBinaryTest, RendersTheReferenceSmallObjectBytes) {
  // SELECT CAST('{"a": 1}' AS JSON) as MySQL 5.7/8.0 stores it.
  const std::string reference =
      bytes({0x00, 0x01, 0x00, 0x0C, 0x00, 0x0B, 0x00, 0x01, 0x00, 0x05, 0x01, 0x00, 0x61});
  EXPECT_EQ(doc(object({{"a", int16v(1)}})), reference);
  EXPECT_EQ(jsonText(reference), R"({"a":1})");
}

TEST(JsonBinaryTest, RendersLiterals) {
  EXPECT_EQ(jsonText(doc(jnull())), "null");
  EXPECT_EQ(jsonText(doc(jtrue())), "true");
  EXPECT_EQ(jsonText(doc(jfalse())), "false");
  EXPECT_EQ(jsonText(doc(array({jnull(), jtrue(), jfalse()}))), "[null,true,false]");
}

TEST(JsonBinaryTest, RendersIntegersAtTheirExtremes) {
  EXPECT_EQ(jsonText(doc(int16v(-32768))), "-32768");
  EXPECT_EQ(jsonText(doc(uint16v(65535))), "65535");
  EXPECT_EQ(jsonText(doc(int32v(-2147483647 - 1))), "-2147483648");
  EXPECT_EQ(jsonText(doc(uint32v(2147483647u))), "2147483647");
  EXPECT_EQ(jsonText(doc(int64v(INT64_MIN))), "-9223372036854775808");
  EXPECT_EQ(jsonText(doc(int64v(INT64_MAX))), "9223372036854775807");
  EXPECT_EQ(jsonText(doc(uint64v(UINT64_MAX))), "18446744073709551615");
  EXPECT_EQ(jsonText(doc(array({int16v(-1), uint16v(7), int32v(100000), uint32v(3000000),
                                int64v(-5), uint64v(9223372036854775808ull)}))),
            "[-1,7,100000,3000000,-5,9223372036854775808]");
}

TEST(JsonBinaryTest, PrintsLargeUint32AsSignedLikeDebezium) {
  // JsonBinary.readUInt32 masks with the int literal 0xFFFFFFFF (-1L), which keeps the sign.
  EXPECT_EQ(jsonText(doc(uint32v(4294967295u))), "-1");
  EXPECT_EQ(jsonText(doc(array({uint32v(3000000000u), uint32v(2147483648u)}))),
            "[-1294967296,-2147483648]");
}

TEST(JsonBinaryTest, RendersDoublesLikeJsonStringFormatter) {
  // Double.toString when it has no exponent ...
  EXPECT_EQ(jsonText(doc(dbl(1.0))), "1.0");
  EXPECT_EQ(jsonText(doc(dbl(-0.0))), "-0.0");
  EXPECT_EQ(jsonText(doc(dbl(0.0))), "0.0");
  EXPECT_EQ(jsonText(doc(dbl(0.1))), "0.1");
  EXPECT_EQ(jsonText(doc(dbl(0.001))), "0.001");
  EXPECT_EQ(jsonText(doc(dbl(1234567.5))), "1234567.5");
  EXPECT_EQ(jsonText(doc(dbl(-3.25))), "-3.25");
  // ... otherwise new BigDecimal(double).toPlainString(): the exact binary value.
  EXPECT_EQ(jsonText(doc(dbl(1e7))), "10000000");
  EXPECT_EQ(jsonText(doc(dbl(1e20))), "100000000000000000000");
  EXPECT_EQ(jsonText(doc(dbl(123456789.125))), "123456789.125");
  EXPECT_EQ(jsonText(doc(dbl(1.5e-7))),
            "0.00000014999999999999999321221677388293880284209080855362117290496826171875");
  EXPECT_EQ(jsonText(doc(dbl(9.999e-4))),
            "0.00099989999999999996417587855290776133188046514987945556640625");
  EXPECT_EQ(jsonText(doc(dbl(-1e300))),
            "-1000000000000000052504760255204420248704468581108159154915854115511802457988908195786"
            "37137508044786"
            "40437044438328838781769425232353604305756447921847867069828483872009265758037378302337"
            "9478809005936"
            "89532349707999450811190389676408800746527427801424945792587888200568428381156694721963"
            "86865459400540160");
  EXPECT_EQ(jsonText(doc(dbl(1.7976931348623157e308))),
            "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058"
            "9558632766878"
            "17154045895351438246423432132688946418276846754670353751698604991057655128207624549009"
            "0389328944075"
            "86850845513394230458323690322294816580855933212334827479782620414472316873817718091929"
            "9881250404026"
            "184124858368");
  const std::string min_subnormal = jsonText(doc(dbl(4.9e-324)));
  EXPECT_EQ(min_subnormal.substr(0, 326), "0." + std::string(323, '0') + "4");
  EXPECT_EQ(min_subnormal.size(), 2 + 1074u);
  EXPECT_EQ(min_subnormal.substr(min_subnormal.size() - 10), "3447265625");
}

TEST(JsonBinaryTest, RendersStringsWithUnicodeAndMultiByteLengths) {
  EXPECT_EQ(jsonText(doc(str("hello"))), R"("hello")");
  EXPECT_EQ(jsonText(doc(str(""))), R"("")");
  EXPECT_EQ(jsonText(doc(str("h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x98\x80"))),
            "\"h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x98\x80\"");
  const std::string long_text(300, 'x');
  EXPECT_EQ(jsonText(doc(str(long_text))), "\"" + long_text + "\"");
  const std::string very_long(20000, 'y');
  EXPECT_EQ(jsonText(doc(str(very_long))), "\"" + very_long + "\"");
}

TEST(JsonBinaryTest, EscapesLikeJsonStringFormatter) {
  EXPECT_EQ(jsonText(doc(str("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f"))),
            R"("q\"b\\s/\b\f\n\r\t\u0001\u001F)"
            "\x7f\"");
  EXPECT_EQ(jsonText(doc(str(std::string("nul\0end", 7)))), R"("nul\u0000end")");
  EXPECT_EQ(jsonText(doc(object({{"k\"ey\n", str("v")}}))), R"({"k\"ey\n":"v"})");
}

TEST(JsonBinaryTest, ReplacesMalformedUtf8AsJavaDecodesIt) {
  const std::string repl = "\xEF\xBF\xBD";
  EXPECT_EQ(jsonText(doc(str("a\xC3"))), "\"a" + repl + "\"");
  EXPECT_EQ(jsonText(doc(str("\xE2\x28\xA1"))), "\"" + repl + "(" + repl + "\"");
  EXPECT_EQ(jsonText(doc(str("\xED\xA0\x80z"))), "\"" + repl + "z\"");   // a UTF-16 surrogate
  EXPECT_EQ(jsonText(doc(str("\xC0\xAF"))), "\"" + repl + repl + "\"");  // overlong '/'
  EXPECT_EQ(jsonText(doc(str("\xF0\x9F\x98x"))), "\"" + repl + "x\"");
  EXPECT_EQ(jsonText(doc(str("\xF0\x9F\x98"))), "\"" + repl + "\"");  // truncated at the end
  EXPECT_EQ(jsonText(doc(str("\xF4\x90\x80\x80"))), "\"" + repl + repl + repl + repl + "\"");
}

TEST(JsonBinaryTest, KeepsStoredKeyOrderAndNests) {
  const Value v = object({{"b", array({int16v(1), int16v(2)})},
                          {"a", object({{"x", str("y")}, {"e", object({})}, {"l", array({})}})},
                          {"c", dbl(2.5)}});
  EXPECT_EQ(jsonText(doc(v)), R"({"b":[1,2],"a":{"x":"y","e":{},"l":[]},"c":2.5})");
  EXPECT_EQ(jsonText(doc(object({}))), "{}");
  EXPECT_EQ(jsonText(doc(array({}))), "[]");
  EXPECT_EQ(jsonText(doc(object({{"", int16v(0)}}))), R"({"":0})");
}

TEST(JsonBinaryTest, RendersDeepNestingWithinMySqlLimits) {
  Value v = int16v(7);
  std::string expected = "7";
  for (int i = 0; i < 100; ++i) {
    v = i % 2 == 0 ? array({v}) : object({{"k", v}});
    expected = i % 2 == 0 ? "[" + expected + "]" : R"({"k":)" + expected + "}";
  }
  EXPECT_EQ(jsonText(doc(v)), expected);
}

TEST(JsonBinaryTest, RendersLargeFormatWithInlinedInt32) {
  const Value v = object({{"i", int32v(-70000)},
                          {"s", str("text")},
                          {"n", jnull()},
                          {"u", uint16v(9)},
                          {"arr", array({int32v(123456), int64v(1), jtrue()}, true)}},
                         true);
  EXPECT_EQ(jsonText(doc(v)), R"({"i":-70000,"s":"text","n":null,"u":9,"arr":[123456,1,true]})");
  // Small containers store int32/uint32 out of line.
  EXPECT_EQ(jsonText(doc(object({{"i", int32v(-70000)}, {"u", uint32v(70000)}}))),
            R"({"i":-70000,"u":70000})");
}

TEST(JsonBinaryTest, DropsInlinedUint32InLargeContainersAsDebeziumDoes) {
  // JsonBinary keeps the inlined uint32 as a Long, which JsonStringFormatter never prints.
  EXPECT_EQ(jsonText(doc(object({{"a", uint32v(70000)}, {"b", int16v(1)}}, true))),
            R"({"a":,"b":1})");
  EXPECT_EQ(jsonText(doc(array({uint32v(5), uint32v(6)}, true))), "[,]");
}

TEST(JsonBinaryTest, FollowsValueOffsetsAcrossGaps) {
  // MySQL 8 partial updates leave unused bytes inside a document; values are found by offset.
  // {"a":"x","b":true} with two spare bytes between the key area and the string value.
  const std::string d = bytes({0x00, 0x02, 0x00, 0x18, 0x00,                    // count 2, size 24
                               0x12, 0x00, 0x01, 0x00, 0x13, 0x00, 0x01, 0x00,  // keys at 18 and 19
                               0x0C, 0x16, 0x00, 0x04, 0x01, 0x00,  // "a" at 22, "b" true
                               'a',  'b',  0xEE, 0xEE, 0x01, 'x'});
  EXPECT_EQ(jsonText(d), R"({"a":"x","b":true})");
}

TEST(JsonBinaryTest, ReadsKeysSequentiallyLikeJsonBinary) {
  // Both key entries point at "ab"; JsonBinary reads keys from a stream and cannot seek back, so
  // the second key is the next two bytes, "cd".
  const std::string d = bytes({0x00, 0x02, 0x00, 0x16, 0x00,                    // count 2, size 22
                               0x12, 0x00, 0x02, 0x00, 0x12, 0x00, 0x02, 0x00,  // both keys at 18
                               0x05, 0x01, 0x00, 0x05, 0x02, 0x00,              // 1, 2 inlined
                               'a',  'b',  'c',  'd'});
  EXPECT_EQ(jsonText(d), R"({"ab":1,"cd":2})");
}

TEST(JsonBinaryTest, ToleratesMissingPaddingAfterTheLastInlinedValue) {
  // Large array [7] cut right after the int16: JsonBinary skips the padding with InputStream.skip.
  EXPECT_EQ(
      jsonText(bytes({0x03, 0x01, 0x00, 0x00, 0x00, 0x0D, 0x00, 0x00, 0x00, 0x05, 0x07, 0x00})),
      "[7]");
}

TEST(JsonBinaryTest, RendersDecimalOpaqueAsPlainNumber) {
  // DECIMAL(10,2) 12345.67: 4 bytes for 8 integer digits, 1 byte for 2 fraction digits.
  EXPECT_EQ(jsonText(doc(opaque(246, bytes({10, 2, 0x80, 0x00, 0x30, 0x39, 0x43})))), "12345.67");
  EXPECT_EQ(jsonText(doc(opaque(246, bytes({10, 2, 0x7F, 0xFF, 0xCF, 0xC6, 0xBC})))), "-12345.67");
  EXPECT_EQ(jsonText(doc(opaque(246, bytes({3, 2, 0x80, 0x32})))), "0.50");
  EXPECT_EQ(jsonText(doc(opaque(246, bytes({5, 0, 0x80, 0x00, 0x2A})))), "42");
  // DECIMAL(20,10) 1234567890.0123456789: one leading digit + a 9-digit group on each side + one.
  EXPECT_EQ(jsonText(doc(opaque(
                246, bytes({20, 10, 0x81, 0x0D, 0xFB, 0x38, 0xD2, 0x00, 0xBC, 0x61, 0x4E, 0x09})))),
            "1234567890.0123456789");
  // A negated zero has no sign in BigDecimal.
  EXPECT_EQ(jsonText(doc(opaque(246, bytes({3, 2, 0x7F, 0xFF})))), "0.00");
  EXPECT_EQ(jsonText(doc(array({opaque(246, bytes({4, 1, 0x80, 0x0F, 0x05}))}))), "[15.5]");
}

TEST(JsonBinaryTest, RendersTemporalOpaqueValuesAsQuotedText) {
  EXPECT_EQ(jsonText(doc(opaque(12, packedDatetime(2024, 3, 15, 10, 20, 30, 123456)))),
            R"("2024-03-15 10:20:30.123456")");
  EXPECT_EQ(jsonText(doc(opaque(12, packedDatetime(2024, 3, 15, 10, 20, 30, 500000)))),
            R"("2024-03-15 10:20:30.5")");
  EXPECT_EQ(jsonText(doc(opaque(12, packedDatetime(2024, 3, 15, 10, 20, 30, 50)))),
            R"("2024-03-15 10:20:30.00005")");
  EXPECT_EQ(jsonText(doc(opaque(12, packedDatetime(999, 1, 2, 3, 4, 5, 0)))),
            R"("0999-01-02 03:04:05")");
  EXPECT_EQ(jsonText(doc(opaque(7, packedDatetime(2018, 6, 20, 13, 37, 3, 0)))),
            R"("2018-06-20 13:37:03")");
  EXPECT_EQ(jsonText(doc(opaque(10, packedDatetime(2024, 3, 15, 0, 0, 0, 0)))), R"("2024-03-15")");
  EXPECT_EQ(jsonText(doc(opaque(11, packedTime(false, 10, 20, 30, 500000)))), R"("10:20:30.5")");
  EXPECT_EQ(jsonText(doc(opaque(11, packedTime(false, 838, 59, 59, 0)))), R"("838:59:59")");
  EXPECT_EQ(jsonText(doc(opaque(11, packedTime(false, 0, 0, 0, 1)))), R"("00:00:00.000001")");
  // JsonBinary.parseTime splits a negative packed value field by field: -01:02:03 comes out as
  // below in Debezium, and so it does here.
  EXPECT_EQ(jsonText(doc(opaque(11, packedTime(true, 1, 2, 3, 0)))), R"("02:0-3:0-3")");
  EXPECT_EQ(
      jsonText(doc(object({{"t", opaque(19, packedTime(false, 1, 2, 3, 0))},
                           {"d", opaque(18, packedDatetime(2000, 12, 31, 23, 59, 59, 999999))}}))),
      R"({"t":"01:02:03","d":"2000-12-31 23:59:59.999999"})");
}

TEST(JsonBinaryTest, RendersOtherOpaqueValuesAsBase64) {
  EXPECT_EQ(jsonText(doc(opaque(252, bytes({1, 2, 3})))), R"("AQID")");
  EXPECT_EQ(jsonText(doc(opaque(253, "abcd"))), R"("YWJjZA==")");
  EXPECT_EQ(jsonText(doc(opaque(16, bytes({0xFF})))), R"("/w==")");
  EXPECT_EQ(jsonText(doc(opaque(255, ""))), R"("")");
}

TEST(JsonBinaryTest, ReturnsMariaDbJsonTextUnchanged) {
  EXPECT_EQ(jsonText(R"({"a": 1, "b": [1, 2]})"), R"({"a": 1, "b": [1, 2]})");
  EXPECT_EQ(jsonText("\"x\""), "\"x\"");
  EXPECT_EQ(jsonText("1"), "1");
}

TEST(JsonBinaryTest, AppendsToExistingText) {
  std::string out = "prefix:";
  appendJsonText(doc(array({int16v(1)})), out);
  EXPECT_EQ(out, "prefix:[1]");
}

TEST(JsonBinaryTest, RejectsMalformedValuesAndLeavesOutputUntouched) {
  auto expectError = [](const std::string& value, const std::string& fragment) {
    std::string out = "kept";
    try {
      appendJsonText(value, out);
      ADD_FAILURE() << "no error for value of " << value.size() << " bytes";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
    EXPECT_EQ(out, "kept");
  };
  expectError("", "empty value");
  expectError(bytes({0x0D, 0x00}), "unknown value type code '0D'");
  expectError(bytes({0x05, 0x01}), "truncated");
  expectError(bytes({0x04, 0x03}), "unexpected value '03' for literal");
  expectError(bytes({0x0C, 0x05, 'a', 'b'}), "truncated");
  expectError(bytes({0x0C, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}),
              "unterminated variable-length integer");
  expectError(bytes({0x0F, 20, 0x00}), "unknown type '14' in first byte of a JSON opaque value");
  expectError(bytes({0x0F, 246, 0x03, 10, 2, 0x80}), "DECIMAL(10,2) needs 5 bytes");
  expectError(bytes({0x0F, 12, 0x08, 0x00}), "truncated");
  // Array whose element offset lies beyond its declared size.
  expectError(bytes({0x02, 0x01, 0x00, 0x07, 0x00, 0x0C, 0x09, 0x00}),
              "larger than the binary form");
  // Array with a count far beyond the bytes present.
  expectError(bytes({0x03, 0xFF, 0xFF, 0xFF, 0x7F, 0x10, 0x00, 0x00, 0x00}), "truncated");
  // Object whose only member points back at the object itself.
  expectError(bytes({0x02, 0x01, 0x00, 0x07, 0x00, 0x02, 0x00, 0x00}), "nested more than");
  // A valid document whose string is cut short, after some text was already produced.
  std::string cut = doc(array({int16v(1), str("abc")}));
  cut.pop_back();
  expectError(cut, "truncated");
}

}  // namespace
