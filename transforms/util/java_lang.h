#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/value.h"

// The java.lang / java.math behaviour SMTs inherit from Kafka's Java code: String.split, the
// number parsers (Integer.parseInt, Double.parseDouble, new BigDecimal(String)) and the narrowing
// conversions of Number.byteValue()/intValue()/... . Parsers return nullopt where Java throws
// NumberFormatException; callers turn that into Kafka's message.
namespace connectd::transforms::java {

// String.split(":") for a one-character separator: empty pieces inside are kept, trailing
// empty pieces are dropped ("a:" -> ["a"], ":" -> []), and a string without the separator is
// returned whole ("" -> [""]).
std::vector<std::string> split(std::string_view s, char sep);

// String.trim(): strips every char <= ' ' at both ends.
std::string_view trim(std::string_view s);

// List<String>.toString(): "[a, b]".
std::string listToString(const std::vector<std::string>& items);

// Long.parseLong for radix 10 with the result range checked against [min, max] (Byte.parseByte,
// Short.parseShort, Integer.parseInt pass their own bounds): an optional sign and ASCII digits.
std::optional<int64_t> parseLong(std::string_view s, int64_t min = INT64_MIN,
                                 int64_t max = INT64_MAX);
// Double.parseDouble / Float.parseFloat: surrounding whitespace (chars <= ' ') trimmed, optional
// sign, "NaN", "Infinity", decimal with optional exponent, hexadecimal with a binary exponent,
// an optional f/F/d/D suffix. Float parsing rounds once, straight to float, as Java does.
std::optional<double> parseDouble(std::string_view s);
std::optional<float> parseFloat(std::string_view s);
// Boolean.parseBoolean: true only for "true", case-insensitively.
bool parseBoolean(std::string_view s);
// new BigDecimal(String): optional sign, digits with an optional point, optional exponent; no
// whitespace.
std::optional<api::DecimalValue> parseBigDecimal(std::string_view s);

// Number narrowing as the JVM does it. Floating point to integral saturates (NaN -> 0); integral
// to a narrower integral keeps the low bits.
int64_t doubleToLong(double v);
int32_t doubleToInt(double v);
// BigDecimal.longValue(): the integral part's low 64 bits.
int64_t decimalLongValue(const api::DecimalValue& v);
// BigDecimal.doubleValue() / floatValue(): correctly rounded.
double decimalDoubleValue(const api::DecimalValue& v);
float decimalFloatValue(const api::DecimalValue& v);

// The Number kinds of api::Value (Byte ... Double and BigDecimal).
bool isNumber(const api::Value& v);
// Number.longValue() / intValue() / doubleValue() / floatValue() of a Number value.
int64_t longValue(const api::Value& v);
int32_t intValue(const api::Value& v);
double doubleValue(const api::Value& v);
float floatValue(const api::Value& v);

}  // namespace connectd::transforms::java
