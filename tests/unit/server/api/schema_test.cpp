#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::api {
namespace {

SchemaPtr invoiceSchema() {
  return SchemaBuilder::structBuilder()
      .name("source.dev.invoice.Value")
      .field("order_id", schemas::int32())
      .field("invoice_number", schemas::optionalInt32())
      .build();
}

TEST(SchemaTest, BuildsStructWithOrderedFields) {
  auto s = invoiceSchema();
  ASSERT_EQ(s->fields().size(), 2u);
  EXPECT_EQ(s->fields()[0].name, "order_id");
  EXPECT_EQ(s->fields()[1].index, 1);
  EXPECT_EQ(*s->name(), "source.dev.invoice.Value");
  EXPECT_EQ(s->field("missing"), nullptr);
}

TEST(SchemaTest, DuplicateFieldIsRejected) {
  auto b = SchemaBuilder::structBuilder();
  b.field("a", schemas::int32());
  EXPECT_THROW(b.field("a", schemas::int32()), SchemaBuilderException);
}

TEST(SchemaTest, FieldsOnNonStructThrows) { EXPECT_THROW(schemas::int32()->fields(), DataException); }

TEST(SchemaTest, EqualityIsStructural) {
  EXPECT_TRUE(invoiceSchema()->equals(*invoiceSchema()));
  auto other = SchemaBuilder::structBuilder().name("x").field("order_id", schemas::int32()).build();
  EXPECT_FALSE(invoiceSchema()->equals(*other));
}

TEST(SchemaTest, DefaultValueIsValidated) {
  EXPECT_NO_THROW(SchemaBuilder::string().defaultValue(Value("false")));
  EXPECT_THROW(SchemaBuilder::string().defaultValue(Value(int32_t{1})), SchemaBuilderException);
}

TEST(SchemaTest, LogicalTypesCarryNameVersionAndScale) {
  auto d = logical::decimal(2).build();
  EXPECT_EQ(*d->name(), "org.apache.kafka.connect.data.Decimal");
  EXPECT_EQ(*d->version(), 1);
  EXPECT_EQ(logical::decimalScale(*d), 2);
  EXPECT_EQ(logical::date().build()->type(), Type::Int32);
  EXPECT_EQ(logical::timestamp().build()->type(), Type::Int64);
}

TEST(StructTest, PutValidatesAgainstFieldSchema) {
  Struct s(invoiceSchema());
  s.put("order_id", int32_t{7});
  EXPECT_EQ(s.get("order_id").asInt32(), 7);
  try {
    s.put("order_id", Value("x"));
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(),
                 "Invalid Java object for schema with type INT32: class java.lang.String for field: \"order_id\"");
  }
  EXPECT_THROW(s.put("nope", int32_t{1}), DataException);
}

TEST(StructTest, ValidateRejectsMissingRequiredField) {
  Struct s(invoiceSchema());
  try {
    s.validate();
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Invalid value: null used for required field: \"order_id\", schema type: INT32");
  }
  s.put("order_id", int32_t{1});
  EXPECT_NO_THROW(s.validate());
}

TEST(StructTest, GetReturnsDefaultForNullField) {
  auto schema = SchemaBuilder::structBuilder()
                    .field("snapshot", SchemaBuilder::string().optional().defaultValue(Value("false")).build())
                    .build();
  Struct s(schema);
  EXPECT_EQ(s.get("snapshot").asString(), "false");
  EXPECT_TRUE(s.getWithoutDefault("snapshot").isNull());
}

TEST(StructTest, EqualityComparesSchemaAndValues) {
  Struct a(invoiceSchema()), b(invoiceSchema());
  a.put("order_id", int32_t{1});
  b.put("order_id", int32_t{1});
  EXPECT_EQ(a, b);
  b.put("invoice_number", int32_t{2});
  EXPECT_FALSE(a == b);
  EXPECT_EQ(b.toString(), "Struct{order_id=1,invoice_number=2}");
}

TEST(ValueTest, DeepEqualityOfComposites) {
  Value a(Array{Value(int32_t{1}), Value("x")});
  Value b(Array{Value(int32_t{1}), Value("x")});
  EXPECT_EQ(a, b);
  Value m1(Map{{Value("k"), Value(int64_t{1})}});
  Value m2(Map{{Value("k"), Value(int64_t{2})}});
  EXPECT_NE(m1, m2);
  ASSERT_NE(m1.mapGet("k"), nullptr);
  EXPECT_EQ(m1.mapGet("k")->asInt64(), 1);
  EXPECT_EQ(Value(int32_t{1}) == Value(int64_t{1}), false);
}

}  // namespace
}  // namespace connectd::api
