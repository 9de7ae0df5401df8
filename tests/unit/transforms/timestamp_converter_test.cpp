#include "transforms/timestamp_converter.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
namespace schemas = api::schemas;

// TimestampConverterTest's instants: 1970-01-02T00:00:01.234Z and its date/time parts.
constexpr int64_t kDatePlusTimeUnix = 86401234;
constexpr int64_t kDatePlusTimeUnixMicros = kDatePlusTimeUnix * 1000 + 123;
constexpr int64_t kDatePlusTimeUnixNanos = kDatePlusTimeUnixMicros * 1000 + 456;
constexpr int64_t kDatePlusTimeUnixSeconds = 86401;
constexpr int64_t kDateMillis = 86400000;
constexpr int32_t kDateDays = 1;
constexpr int32_t kTimeMillis = 1234;
constexpr const char* kStringDateFormat = "yyyy MM dd HH mm ss SSS z";
constexpr const char* kDatePlusTimeString = "1970 01 02 00 00 01 234 UTC";

api::SchemaPtr dateSchema(bool optional = false) {
  auto b = api::logical::date();
  if (optional) b.optional();
  return b.build();
}
api::SchemaPtr timeSchema(bool optional = false) {
  auto b = api::logical::time();
  if (optional) b.optional();
  return b.build();
}
api::SchemaPtr timestampSchema(bool optional = false) {
  auto b = api::logical::timestamp();
  if (optional) b.optional();
  return b.build();
}

api::SourceRecord recordWithSchema(api::SchemaPtr schema, api::Value value) {
  return api::SourceRecord({}, {}, "topic", 0, nullptr, nullptr, std::move(schema),
                           std::move(value));
}

api::SourceRecord applyValue(const std::map<std::string, std::string>& config,
                             api::SourceRecord record) {
  TimestampConverter::Value xform;
  xform.configure(config);
  EXPECT_TRUE(xform.apply(record));
  return record;
}

std::string configureError(const std::map<std::string, std::string>& config) {
  TimestampConverter::Value xform;
  try {
    xform.configure(config);
  } catch (const api::ConfigException& e) {
    return e.what();
  }
  return "";
}

TEST(TimestampConverterTest, ConfigErrors) {
  EXPECT_NE(std::string::npos,
            configureError({}).find("Missing required configuration \"target.type\""));
  EXPECT_NE("", configureError({{"target.type", "invalid"}}));
  EXPECT_NE("", configureError({{"target.type", "unix"}, {"unix.precision", "invalid"}}));
  EXPECT_EQ("", configureError({{"target.type", "unix"}, {"unix.precision", "seconds"}}));
  EXPECT_EQ(
      "TimestampConverter requires format option to be specified when using string timestamps",
      configureError({{"target.type", "string"}}));
  EXPECT_EQ(
      "TimestampConverter requires format option to be specified when using string timestamps",
      configureError({{"target.type", "string"}, {"format", "  "}}));
  EXPECT_EQ(
      "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: "
      "bad-format",
      configureError({{"target.type", "string"}, {"format", "bad-format"}}));
}

struct WholeValueCase {
  std::string name;
  std::map<std::string, std::string> config;
  api::SchemaPtr input_schema;  // null: schemaless
  api::Value input;
  api::SchemaPtr expected_schema;
  api::Value expected;
};

// TimestampConverterTest's whole-value conversions. Without a schema there is no
// java.util.Date: a Unix long stands for the Date input and the Date/Time/Timestamp results are
// epoch milliseconds (see timestamp_converter.h).
class TimestampConverterWholeValueTest : public ::testing::TestWithParam<WholeValueCase> {};

TEST_P(TimestampConverterWholeValueTest, Converts) {
  const WholeValueCase& c = GetParam();
  api::SourceRecord out = applyValue(c.config, recordWithSchema(c.input_schema, c.input));
  if (c.expected_schema) {
    ASSERT_NE(nullptr, out.valueSchema);
    EXPECT_TRUE(c.expected_schema->equals(*out.valueSchema)) << out.valueSchema->toString();
  } else {
    EXPECT_EQ(nullptr, out.valueSchema);
  }
  EXPECT_EQ(c.expected, out.value) << out.value.toString();
}

std::map<std::string, std::string> target(const std::string& type) {
  return {{"target.type", type}};
}
std::map<std::string, std::string> target(const std::string& type, const std::string& precision) {
  return {{"target.type", type}, {"unix.precision", precision}, {"format", kStringDateFormat}};
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, TimestampConverterWholeValueTest,
    ::testing::Values(
        // Schemaless, from the most flexible type to the others.
        WholeValueCase{"SchemalessIdentity", target("Timestamp"), nullptr,
                       api::Value(kDatePlusTimeUnix), nullptr, api::Value(kDatePlusTimeUnix)},
        WholeValueCase{"SchemalessTimestampToDate", target("Date"), nullptr,
                       api::Value(kDatePlusTimeUnix), nullptr, api::Value(kDateMillis)},
        WholeValueCase{"SchemalessTimestampToTime", target("Time"), nullptr,
                       api::Value(kDatePlusTimeUnix), nullptr, api::Value(int64_t{kTimeMillis})},
        WholeValueCase{"SchemalessTimestampToUnix", target("unix"), nullptr,
                       api::Value(kDatePlusTimeUnix), nullptr, api::Value(kDatePlusTimeUnix)},
        WholeValueCase{"SchemalessTimestampToString", target("string", "milliseconds"), nullptr,
                       api::Value(kDatePlusTimeUnix), nullptr, api::Value(kDatePlusTimeString)},
        WholeValueCase{"SchemalessStringToTimestamp", target("Timestamp", "milliseconds"),
                       nullptr, api::Value(kDatePlusTimeString), nullptr,
                       api::Value(kDatePlusTimeUnix)},
        WholeValueCase{"SchemalessStringToUnixMicros", target("unix", "microseconds"), nullptr,
                       api::Value(kDatePlusTimeString), nullptr,
                       api::Value(int64_t{86401234000})},
        WholeValueCase{"SchemalessStringToUnixNanos", target("unix", "nanoseconds"), nullptr,
                       api::Value(kDatePlusTimeString), nullptr,
                       api::Value(int64_t{86401234000000})},
        WholeValueCase{"SchemalessStringToUnixSeconds", target("unix", "seconds"), nullptr,
                       api::Value(kDatePlusTimeString), nullptr,
                       api::Value(kDatePlusTimeUnixSeconds)},
        WholeValueCase{"SchemalessUnixMicrosToTimestamp", target("Timestamp", "microseconds"),
                       nullptr, api::Value(kDatePlusTimeUnixMicros), nullptr,
                       api::Value(kDatePlusTimeUnix)},
        // With schemas, from Timestamp to the others.
        WholeValueCase{"WithSchemaIdentity", target("Timestamp"), timestampSchema(),
                       api::Value(kDatePlusTimeUnix), timestampSchema(),
                       api::Value(kDatePlusTimeUnix)},
        WholeValueCase{"WithSchemaTimestampToDate", target("Date"), timestampSchema(),
                       api::Value(kDatePlusTimeUnix), dateSchema(), api::Value(kDateDays)},
        WholeValueCase{"WithSchemaTimestampToTime", target("Time"), timestampSchema(),
                       api::Value(kDatePlusTimeUnix), timeSchema(), api::Value(kTimeMillis)},
        WholeValueCase{"WithSchemaTimestampToUnix", target("unix"), timestampSchema(),
                       api::Value(kDatePlusTimeUnix), schemas::int64(),
                       api::Value(kDatePlusTimeUnix)},
        WholeValueCase{"WithSchemaTimestampToString", target("string", "milliseconds"),
                       timestampSchema(), api::Value(kDatePlusTimeUnix), schemas::string(),
                       api::Value(kDatePlusTimeString)},
        // With schemas, from the core types to Timestamp.
        WholeValueCase{"WithSchemaDateToTimestamp", target("Timestamp"), dateSchema(),
                       api::Value(kDateDays), timestampSchema(), api::Value(kDateMillis)},
        WholeValueCase{"WithSchemaTimeToTimestamp", target("Timestamp"), timeSchema(),
                       api::Value(kTimeMillis), timestampSchema(),
                       api::Value(int64_t{kTimeMillis})},
        WholeValueCase{"WithSchemaUnixToTimestamp", target("Timestamp"), schemas::int64(),
                       api::Value(kDatePlusTimeUnix), timestampSchema(),
                       api::Value(kDatePlusTimeUnix)},
        WholeValueCase{"WithSchemaStringToTimestamp", target("Timestamp", "milliseconds"),
                       schemas::string(), api::Value(kDatePlusTimeString), timestampSchema(),
                       api::Value(kDatePlusTimeUnix)},
        // Optional schemas stay optional.
        WholeValueCase{"WithOptionalSchemaToDate", target("Date"), timestampSchema(true),
                       api::Value(kDatePlusTimeUnix), dateSchema(true), api::Value(kDateDays)}),
    [](const ::testing::TestParamInfo<WholeValueCase>& info) { return info.param.name; });

// testWithSchemaNullValueTo* / testWithSchemaNullFieldTo*: a null converts to null and the
// schema to the optional target schema, for every source schema.
struct NullCase {
  std::string type;
  api::SchemaPtr original;
  api::SchemaPtr expected;
};

class TimestampConverterNullTest : public ::testing::TestWithParam<NullCase> {};

TEST_P(TimestampConverterNullTest, NullValueKeepsNull) {
  const NullCase& c = GetParam();
  auto config = target(c.type, "milliseconds");
  api::SourceRecord out = applyValue(config, recordWithSchema(c.original, nullptr));
  ASSERT_NE(nullptr, out.valueSchema);
  EXPECT_TRUE(c.expected->equals(*out.valueSchema));
  EXPECT_TRUE(out.value.isNull());
}

TEST_P(TimestampConverterNullTest, NullFieldKeepsNull) {
  const NullCase& c = GetParam();
  auto config = target(c.type, "milliseconds");
  config["field"] = "ts";
  SchemaBuilder struct_schema =
      SchemaBuilder::structBuilder().field("ts", c.original).field("other", schemas::string());
  api::SchemaPtr expected_struct_schema =
      SchemaBuilder::structBuilder().field("ts", c.expected).field("other", schemas::string()).build();

  auto original = std::make_shared<api::Struct>(struct_schema.build());
  original->put("ts", nullptr);
  original->put("other", "test");
  api::SourceRecord out = applyValue(config, recordWithSchema(original->schema(), api::Value(original)));
  EXPECT_TRUE(expected_struct_schema->equals(*out.valueSchema));
  EXPECT_TRUE(out.value.asStruct().get("ts").isNull());
  EXPECT_EQ(api::Value("test"), out.value.asStruct().get("other"));

  // The entire Struct is null.
  api::SchemaPtr optional_struct = struct_schema.optional().build();
  out = applyValue(config, recordWithSchema(optional_struct, nullptr));
  EXPECT_TRUE(SchemaBuilder::structBuilder()
                  .field("ts", c.expected)
                  .field("other", schemas::string())
                  .optional()
                  .build()
                  ->equals(*out.valueSchema));
  EXPECT_TRUE(out.value.isNull());
}

std::vector<NullCase> nullCases() {
  std::vector<NullCase> cases;
  const std::pair<std::string, api::SchemaPtr> targets[] = {
      {"Timestamp", timestampSchema(true)},
      {"unix", schemas::optionalInt64()},
      {"Time", timeSchema(true)},
      {"Date", dateSchema(true)},
      {"string", schemas::optionalString()}};
  for (const auto& [type, expected] : targets) {
    for (const api::SchemaPtr& original :
         {schemas::optionalInt64(), timeSchema(true), dateSchema(true), schemas::optionalString(),
          timestampSchema(true)}) {
      cases.push_back(NullCase{type, original, expected});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Kafka, TimestampConverterNullTest, ::testing::ValuesIn(nullCases()));

TEST(TimestampConverterTest, SchemalessNullValueAndNullField) {
  for (const char* type : {"string", "Date", "Timestamp", "unix", "Time"}) {
    auto config = target(type, "milliseconds");
    api::SourceRecord out = applyValue(config, recordWithSchema(nullptr, nullptr));
    EXPECT_EQ(nullptr, out.valueSchema);
    EXPECT_TRUE(out.value.isNull());
    config["field"] = "ts";
    out = applyValue(config, recordWithSchema(nullptr, nullptr));
    EXPECT_TRUE(out.value.isNull()) << type;
  }
}

TEST(TimestampConverterTest, SchemalessFieldConversion) {
  api::SourceRecord out = applyValue({{"target.type", "Date"}, {"field", "ts"}},
                                     recordWithSchema(nullptr, api::Map{{"ts", kDatePlusTimeUnix}}));
  EXPECT_EQ(nullptr, out.valueSchema);
  EXPECT_EQ(api::Value(api::Map{{"ts", kDateMillis}}), out.value);

  // A missing field is added as null.
  out = applyValue({{"target.type", "Date"}, {"field", "ts"}},
                   recordWithSchema(nullptr, api::Map{{"other", int32_t{1}}}));
  EXPECT_EQ(api::Value(api::Map{{"other", int32_t{1}}, {"ts", nullptr}}), out.value);
}

struct FieldCase {
  std::string name;
  std::string precision;
  int64_t input;
  int64_t expected;
};

class TimestampConverterFieldTest : public ::testing::TestWithParam<FieldCase> {};

// testWithSchemaFieldConversion, _Micros, _Nanos, _Seconds.
TEST_P(TimestampConverterFieldTest, ConvertsUnixFieldToTimestamp) {
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .name("name")
                              .version(1)
                              .field("ts", schemas::int64())
                              .field("other", schemas::string())
                              .build();
  auto original = std::make_shared<api::Struct>(schema);
  original->put("ts", GetParam().input);
  original->put("other", "test");
  api::SourceRecord out =
      applyValue({{"target.type", "Timestamp"}, {"field", "ts"}, {"unix.precision", GetParam().precision}},
                 recordWithSchema(schema, api::Value(original)));

  api::SchemaPtr expected = SchemaBuilder::structBuilder()
                                .name("name")
                                .version(1)
                                .field("ts", timestampSchema())
                                .field("other", schemas::string())
                                .build();
  EXPECT_TRUE(expected->equals(*out.valueSchema));
  EXPECT_EQ(api::Value(GetParam().expected), out.value.asStruct().get("ts"));
  EXPECT_EQ(api::Value("test"), out.value.asStruct().get("other"));
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, TimestampConverterFieldTest,
    ::testing::Values(FieldCase{"Millis", "milliseconds", kDatePlusTimeUnix, kDatePlusTimeUnix},
                      FieldCase{"Micros", "microseconds", kDatePlusTimeUnixMicros, kDatePlusTimeUnix},
                      FieldCase{"Nanos", "nanoseconds", kDatePlusTimeUnixNanos, kDatePlusTimeUnix},
                      FieldCase{"Seconds", "seconds", kDatePlusTimeUnixSeconds, kDateMillis + 1000}),
    [](const ::testing::TestParamInfo<FieldCase>& info) { return info.param.name; });

// testWithSchemaNullFieldWithDefaultConversion, both ways.
TEST(TimestampConverterTest, NullFieldWithDefault) {
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder()
          .field("ts", SchemaBuilder::int64().optional().defaultValue(int64_t{0}).build())
          .field("other", schemas::string())
          .build();
  auto original = std::make_shared<api::Struct>(schema);
  original->put("ts", nullptr);
  original->put("other", "test");
  api::SchemaPtr expected = SchemaBuilder::structBuilder()
                                .field("ts", timestampSchema(true))
                                .field("other", schemas::string())
                                .build();

  api::SourceRecord out = applyValue(
      {{"target.type", "Timestamp"}, {"field", "ts"}, {"replace.null.with.default", "false"}},
      recordWithSchema(schema, api::Value(original)));
  EXPECT_TRUE(expected->equals(*out.valueSchema));
  EXPECT_TRUE(out.value.asStruct().get("ts").isNull());

  out = applyValue({{"target.type", "Timestamp"}, {"field", "ts"}},
                   recordWithSchema(schema, api::Value(original)));
  EXPECT_EQ(api::Value(int64_t{0}), out.value.asStruct().get("ts"));
}

TEST(TimestampConverterTest, KeyVariantConvertsTheKey) {
  TimestampConverter::Key xform;
  xform.configure({{"target.type", "string"}, {"format", "yyyy-MM-dd"}});
  api::SourceRecord record({}, {}, "topic", 0, timestampSchema(), api::Value(kDatePlusTimeUnix),
                           nullptr, api::Value("value"));
  ASSERT_TRUE(xform.apply(record));
  EXPECT_TRUE(schemas::string()->equals(*record.keySchema));
  EXPECT_EQ(api::Value("1970-01-02"), record.key);
  EXPECT_EQ(api::Value("value"), record.value);
}

TEST(TimestampConverterTest, ErrorsCarryKafkasMessages) {
  auto message = [](const std::map<std::string, std::string>& config, api::SourceRecord record) {
    TimestampConverter::Value xform;
    xform.configure(config);
    try {
      xform.apply(record);
    } catch (const api::ConnectException& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ("Schema Schema{INT32} does not correspond to a known timestamp type format",
            message(target("Timestamp"), recordWithSchema(schemas::int32(), int32_t{1})));
  EXPECT_EQ("TimestampConverter does not support class java.lang.Integer objects as timestamps",
            message(target("Timestamp"), recordWithSchema(nullptr, int32_t{1})));
  EXPECT_EQ("Could not parse timestamp: value (nope) does not match pattern (yyyy MM dd HH mm ss "
            "SSS z)",
            message(target("Timestamp", "milliseconds"), recordWithSchema(nullptr, "nope")));
  EXPECT_EQ("Only Struct objects supported for [converting timestamp formats], found: "
            "java.lang.String",
            message({{"target.type", "Timestamp"}, {"field", "ts"}},
                    recordWithSchema(schemas::string(), "x")));
}

}  // namespace
}  // namespace connectd::transforms
