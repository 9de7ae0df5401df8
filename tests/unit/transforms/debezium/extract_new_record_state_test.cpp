#include "transforms/debezium/extract_new_record_state.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/headers.h"
#include "server/api/schema.h"
#include "server/api/struct.h"
#include "tests/unit/transforms/debezium/debezium_test_records.h"

namespace connectd::transforms {
namespace {

using namespace connectd::transforms::testing;
using Props = std::map<std::string, std::string>;

constexpr const char* kMode = "delete.tombstone.handling.mode";

std::unique_ptr<ExtractNewRecordState> unwrap(const Props& props) {
  auto xform = std::make_unique<ExtractNewRecordState>();
  xform->configure(props);
  return xform;
}

const api::Value& field(const api::ConnectRecord& r, const std::string& name) {
  return r.value.asStruct().getWithoutDefault(name);
}

// getSourceRecordHeaderByKey: the first header's value as a string, or "<none>".
std::string header(const api::ConnectRecord& r, const std::string& key) {
  for (const api::Header& h : r.headers) {
    if (h.key == key) return h.value.isNull() ? "null" : h.value.toString();
  }
  return "<none>";
}

TEST(ExtractNewRecordStateTest, TombstoneHandlingPerMode) {
  const std::pair<const char*, bool> modes[] = {{"drop", false},
                                                {"tombstone", false},
                                                {"rewrite", false},
                                                {"rewrite-with-tombstone", true},
                                                {"delete-to-tombstone", false}};
  for (const auto& [mode, kept] : modes) {
    api::SourceRecord tombstone = tombstoneRecord();
    EXPECT_EQ(kept, unwrap({{kMode, mode}})->apply(tombstone)) << mode;
  }
  // The 3.2+ default is tombstone: Debezium's own tombstones are dropped.
  api::SourceRecord tombstone = tombstoneRecord();
  EXPECT_FALSE(unwrap({})->apply(tombstone));
}

TEST(ExtractNewRecordStateTest, TruncateDroppedByDefault) {
  api::SourceRecord truncate = truncateRecord();
  EXPECT_FALSE(unwrap({{kMode, "tombstone"}})->apply(truncate));
  truncate = truncateRecord();
  EXPECT_FALSE(unwrap({{kMode, "rewrite-with-tombstone"}})->apply(truncate));
}

TEST(ExtractNewRecordStateTest, DeletePerMode) {
  api::SourceRecord dropped = deleteRecord();
  EXPECT_FALSE(unwrap({{kMode, "drop"}})->apply(dropped));

  // tombstone: the value is null but keeps the row schema.
  api::SourceRecord none = deleteRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}})->apply(none));
  EXPECT_TRUE(none.value.isNull());
  ASSERT_NE(nullptr, none.valueSchema);
  EXPECT_TRUE(recordSchema()->equals(*none.valueSchema));

  api::SourceRecord to_tombstone = deleteRecord();
  ASSERT_TRUE(unwrap({{kMode, "delete-to-tombstone"}})->apply(to_tombstone));
  EXPECT_TRUE(to_tombstone.value.isNull());
  EXPECT_EQ(nullptr, to_tombstone.valueSchema);

  for (const char* mode : {"rewrite", "rewrite-with-tombstone"}) {
    api::SourceRecord rewritten = deleteRecord();
    ASSERT_TRUE(unwrap({{kMode, mode}})->apply(rewritten));
    EXPECT_EQ(api::Value("true"), field(rewritten, "__deleted")) << mode;
    EXPECT_EQ(api::Value(int8_t{1}), field(rewritten, "id"));
    EXPECT_EQ(api::Value("myRecord"), field(rewritten, "name"));
    const api::Field* deleted = rewritten.valueSchema->field("__deleted");
    ASSERT_NE(nullptr, deleted);
    EXPECT_TRUE(api::schemas::optionalString()->equals(*deleted->schema));
    EXPECT_FALSE(rewritten.valueSchema->isOptional());
  }
}

TEST(ExtractNewRecordStateTest, HandleCreateRewrite) {
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(unwrap({{kMode, "rewrite"}, {"add.headers", "op"}})->apply(create));
  EXPECT_EQ(api::Value("false"), field(create, "__deleted"));
  EXPECT_EQ(1u, create.headers.size());
  EXPECT_EQ("c", header(create, "__op"));
}

TEST(ExtractNewRecordStateTest, UnwrapCreateRecord) {
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}})->apply(create));
  EXPECT_EQ(api::Value(int8_t{1}), field(create, "id"));
  EXPECT_EQ(api::Value("myRecord"), field(create, "name"));
  EXPECT_EQ("dummy", create.topic);
  // The row schema is copied without its optionality (add.fields always rebuilds the struct).
  EXPECT_EQ(2u, create.valueSchema->fields().size());
  EXPECT_EQ(recordSchema()->fields()[0].schema, create.valueSchema->fields()[0].schema);
}

TEST(ExtractNewRecordStateTest, UnwrapCreateRecordWithOptionalDefaultValue) {
  for (const char* mode : {"tombstone", "drop"}) {
    api::SourceRecord create = createRecordWithOptionalNull();
    ASSERT_TRUE(unwrap({{kMode, mode}})->apply(create));
    EXPECT_EQ(api::Value(int8_t{1}), field(create, "id"));
    EXPECT_TRUE(field(create, "name").isNull());
  }
}

TEST(ExtractNewRecordStateTest, RewriteWithOptionalDefaultValue) {
  // DBZ-7094: in the rewrite modes InsertField substitutes defaults unless told not to.
  api::SourceRecord create = createRecordWithOptionalNull();
  ASSERT_TRUE(unwrap({{kMode, "rewrite"}, {"replace.null.with.default", "false"}})->apply(create));
  EXPECT_TRUE(field(create, "name").isNull());

  create = createRecordWithOptionalNull();
  ASSERT_TRUE(unwrap({{kMode, "rewrite"}})->apply(create));
  EXPECT_EQ(api::Value("default_str"), field(create, "name"));
}

TEST(ExtractNewRecordStateTest, IgnoreUnknownRecord) {
  api::SchemaPtr named = api::SchemaBuilder::structBuilder().name("unknown").field("id", api::schemas::int8()).build();
  api::SchemaPtr unnamed = api::SchemaBuilder::structBuilder().field("id", api::schemas::int8()).build();
  for (const api::SchemaPtr& schema : {named, unnamed}) {
    auto s = std::make_shared<api::Struct>(schema);
    s->put("id", int8_t{1});
    api::SourceRecord record = sourceRecord(nullptr, nullptr, s);
    api::SourceRecord original = record;
    ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.headers", "op"}})->apply(record));
    EXPECT_EQ(original.value, record.value);
    EXPECT_EQ(original.valueSchema, record.valueSchema);
    EXPECT_TRUE(record.headers.empty());
  }
  // A schemaless map is not an envelope either.
  api::SourceRecord schemaless({}, {}, "dummy", std::nullopt, nullptr, nullptr, nullptr,
                               api::Map{{"op", "c"}});
  ASSERT_TRUE(unwrap({})->apply(schemaless));
  EXPECT_EQ(api::Value(api::Map{{"op", "c"}}), schemaless.value);
}

TEST(ExtractNewRecordStateTest, UnwrapPropagatesRecordHeaders) {
  api::SourceRecord create = createRecord();
  create.headers.addString("application/debezium-test-header", "shouldPropagatePreviousRecordHeaders");
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}})->apply(create));
  EXPECT_EQ(api::Value(int8_t{1}), field(create, "id"));
  EXPECT_EQ(1u, create.headers.size());
  EXPECT_EQ("shouldPropagatePreviousRecordHeaders",
            header(create, "application/debezium-test-header"));
}

TEST(ExtractNewRecordStateTest, AddField) {
  auto xform = unwrap({{kMode, "tombstone"}, {"add.fields", "op"}});
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(xform->apply(create));
  EXPECT_EQ(api::Value("c"), field(create, "__op"));

  // A new column between records (DBZ-6901).
  for (int64_t started_at : {int64_t{1694587158123}, int64_t{1694587158789}}) {
    api::SchemaPtr row_schema = api::SchemaBuilder::structBuilder()
                                    .field("id", api::schemas::int8())
                                    .field("name", api::schemas::string())
                                    .field("started_at", api::schemas::optionalInt64())
                                    .build();
    auto r = std::make_shared<api::Struct>(row_schema);
    r->put("id", int8_t{1}).put("name", "myRecord").put("started_at", started_at);
    api::SourceRecord record = sourceRecord(
        nullptr, nullptr,
        envelope(envelopeSchema(row_schema, sourceSchema()), "c", nullptr, api::Value(r),
                 api::Value(source(sourceSchema(), false))));
    ASSERT_TRUE(xform->apply(record));
    EXPECT_EQ(api::Value(started_at), field(record, "started_at"));
    EXPECT_EQ(api::Value("c"), field(record, "__op"));
  }
}

TEST(ExtractNewRecordStateTest, AddTimestamp) {
  auto xform = unwrap({{kMode, "tombstone"}, {"add.fields", "ts_ms"}});
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(xform->apply(create));
  EXPECT_EQ(api::Value(kEventMillis), field(create, "__ts_ms"));

  xform->configure({{"add.fields", "source.ts_ms"}});
  create = createRecord();
  ASSERT_TRUE(xform->apply(create));
  EXPECT_EQ(api::Value(kSourceTsMs), field(create, "__source_ts_ms"));
}

TEST(ExtractNewRecordStateTest, AddFields) {
  api::SourceRecord update = updateRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.fields", "op , lsn,id"}, {"add.fields.prefix", "prefix."}})
                  ->apply(update));
  EXPECT_EQ(api::Value("u"), field(update, "prefix.op"));
  EXPECT_EQ(api::Value(int32_t{1234}), field(update, "prefix.lsn"));
  EXPECT_EQ(api::Value("571"), field(update, "prefix.id"));
  EXPECT_EQ(api::Value("updatedRecord"), field(update, "name"));
}

TEST(ExtractNewRecordStateTest, NewFieldAndHeaderMapping) {
  api::SourceRecord update = updateRecord();
  ASSERT_TRUE(
      unwrap({{kMode, "tombstone"},
              {"add.fields", "op:OP, lsn:LSN, id:ID, source.lsn:source_lsn, transaction.total_order:TOTAL_ORDER"},
              {"add.fields.prefix", ""},
              {"add.headers", "op, source.lsn:source_lsn, transaction.id:TXN_ID, transaction.total_order:TOTAL_ORDER"},
              {"add.headers.prefix", "prefix."}})
          ->apply(update));
  EXPECT_EQ(api::Value("u"), field(update, "OP"));
  EXPECT_EQ(api::Value(int32_t{1234}), field(update, "LSN"));
  EXPECT_EQ(api::Value("571"), field(update, "ID"));
  EXPECT_EQ(api::Value(int32_t{1234}), field(update, "source_lsn"));
  EXPECT_EQ(api::Value(int64_t{42}), field(update, "TOTAL_ORDER"));

  EXPECT_EQ(4u, update.headers.size());
  EXPECT_EQ("u", header(update, "prefix.op"));
  EXPECT_EQ("1234", header(update, "prefix.source_lsn"));
  EXPECT_EQ("571", header(update, "prefix.TXN_ID"));
  EXPECT_EQ("42", header(update, "prefix.TOTAL_ORDER"));
}

TEST(ExtractNewRecordStateTest, AddFieldsForMissingOptionalField) {
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.fields", "op,lsn,id"}})->apply(create));
  EXPECT_EQ(api::Value("c"), field(create, "__op"));
  EXPECT_EQ(api::Value(int32_t{1234}), field(create, "__lsn"));
  // No transaction block: the field exists, with a null value.
  ASSERT_NE(nullptr, create.valueSchema->field("__id"));
  EXPECT_TRUE(field(create, "__id").isNull());
}

TEST(ExtractNewRecordStateTest, AddFieldsSpecifyStruct) {
  api::SourceRecord update = updateRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"},
                      {"add.fields", "op,source.lsn,transaction.id,transaction.total_order"}})
                  ->apply(update));
  EXPECT_EQ(api::Value("u"), field(update, "__op"));
  EXPECT_EQ(api::Value(int32_t{1234}), field(update, "__source_lsn"));
  EXPECT_EQ(api::Value("571"), field(update, "__transaction_id"));
  EXPECT_EQ(api::Value(int64_t{42}), field(update, "__transaction_total_order"));
  // Added fields: optional copies of the envelope fields' schemas, after the row's columns.
  const auto& fields = update.valueSchema->fields();
  ASSERT_EQ(6u, fields.size());
  EXPECT_EQ("__op", fields[2].name);
  EXPECT_TRUE(api::schemas::optionalString()->equals(*fields[2].schema));
  EXPECT_TRUE(api::schemas::optionalInt32()->equals(*fields[3].schema));
}

TEST(ExtractNewRecordStateTest, AddFieldsKeepsCachedSchemaForAnEnvelopeOfAnotherShape) {
  auto xform = unwrap({{"add.fields", "source.db,source.table"}});
  api::SourceRecord first = createRecord();
  ASSERT_TRUE(xform->apply(first));
  EXPECT_EQ(api::Value("test_db"), field(first, "__source_db"));
  EXPECT_EQ(api::Value("test_table"), field(first, "__source_table"));

  // Same row schema and op, but a source block without db: Debezium's cache, keyed by both,
  // hands back the first schema, and only the fields found are set.
  api::SchemaPtr no_db_source = api::SchemaBuilder::structBuilder()
                                    .field("lsn", api::schemas::int32())
                                    .field("table", api::schemas::optionalString())
                                    .build();
  auto src = std::make_shared<api::Struct>(no_db_source);
  src->put("lsn", int32_t{7}).put("table", "other_table");
  api::SchemaPtr schema = envelopeSchema(recordSchema(), no_db_source);
  api::SourceRecord second = sourceRecord(
      nullptr, nullptr,
      envelope(schema, "c", nullptr, api::Value(row(recordSchema(), 2, "second")), api::Value(src)));
  ASSERT_TRUE(xform->apply(second));
  EXPECT_EQ(first.valueSchema, second.valueSchema);
  EXPECT_TRUE(field(second, "__source_db").isNull());
  EXPECT_EQ(api::Value("other_table"), field(second, "__source_table"));
  EXPECT_EQ(api::Value("second"), field(second, "name"));
}

TEST(ExtractNewRecordStateTest, AddFieldsReadsASourceBlockBuiltWithAnEqualSchema) {
  // The source struct's schema equals the envelope's source schema without being that object.
  api::SchemaPtr equal_source = api::SchemaBuilder::structBuilder()
                                    .field("lsn", api::schemas::int32())
                                    .field("ts_ms", api::schemas::optionalInt64())
                                    .field("ts_us", api::schemas::optionalInt64())
                                    .field("ts_ns", api::schemas::optionalInt64())
                                    .field("db", api::schemas::optionalString())
                                    .field("table", api::schemas::optionalString())
                                    .build();
  ASSERT_NE(sourceSchema(), equal_source);
  api::SchemaPtr schema = envelopeSchema(recordSchema(), sourceSchema());
  api::SourceRecord record = sourceRecord(
      nullptr, nullptr,
      envelope(schema, "c", nullptr, api::Value(row(recordSchema(), 1, "myRecord")),
               api::Value(source(equal_source))));
  ASSERT_TRUE(unwrap({{"add.fields", "op,source.lsn,source.table"}})->apply(record));
  EXPECT_EQ(api::Value("c"), field(record, "__op"));
  EXPECT_EQ(api::Value(int32_t{1234}), field(record, "__source_lsn"));
  EXPECT_EQ(api::Value("test_table"), field(record, "__source_table"));
}

TEST(ExtractNewRecordStateTest, AddHeaders) {
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.headers", "op"}})->apply(create));
  EXPECT_EQ(1u, create.headers.size());
  EXPECT_EQ("c", header(create, "__op"));

  api::SourceRecord update = updateRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.headers", "op , lsn,id"}})->apply(update));
  EXPECT_EQ(3u, update.headers.size());
  EXPECT_EQ("u", header(update, "__op"));
  EXPECT_EQ("1234", header(update, "__lsn"));
  EXPECT_EQ("571", header(update, "__id"));

  // Missing optional field: the header exists with a null value.
  create = createRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.headers", "op,lsn,id"}})->apply(create));
  EXPECT_EQ(3u, create.headers.size());
  EXPECT_EQ("null", header(create, "__id"));
  const api::Header* lsn = create.headers.lastWithName("__lsn");
  ASSERT_NE(nullptr, lsn);
  EXPECT_TRUE(api::schemas::optionalInt32()->equals(*lsn->schema));

  update = updateRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"},
                      {"add.headers", "op,source.lsn,transaction.id,transaction.total_order"},
                      {"add.headers.prefix", "prefix."}})
                  ->apply(update));
  EXPECT_EQ(4u, update.headers.size());
  EXPECT_EQ("1234", header(update, "prefix.source_lsn"));
  EXPECT_EQ("571", header(update, "prefix.transaction_id"));
  EXPECT_EQ("42", header(update, "prefix.transaction_total_order"));
}

TEST(ExtractNewRecordStateTest, TopicRoutingField) {
  api::SourceRecord create = createRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"route.by.field", "name"}})->apply(create));
  EXPECT_EQ("myRecord", create.topic);

  api::SourceRecord update = updateRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"route.by.field", "name"}})->apply(update));
  EXPECT_EQ("updatedRecord", update.topic);

  // A delete takes its topic from the before row.
  api::SourceRecord del = deleteRecord();
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"route.by.field", "name"}})->apply(del));
  EXPECT_EQ("myRecord", del.topic);
}

TEST(ExtractNewRecordStateTest, AddHeadersHandleDeleteRewriteAndTombstone) {
  auto xform = unwrap({{kMode, "rewrite-with-tombstone"}, {"add.headers", "op,source.lsn"}});
  api::SourceRecord del = deleteRecord();
  ASSERT_TRUE(xform->apply(del));
  EXPECT_EQ(api::Value("true"), field(del, "__deleted"));
  EXPECT_EQ("d", header(del, "__op"));
  EXPECT_EQ("1234", header(del, "__source_lsn"));

  api::SourceRecord tombstone = tombstoneRecord();
  ASSERT_TRUE(xform->apply(tombstone));
  EXPECT_EQ("d", header(tombstone, "__op"));
  EXPECT_EQ("<none>", header(tombstone, "__source_lsn"));
  EXPECT_TRUE(tombstone.value.isNull());
}

TEST(ExtractNewRecordStateTest, AddFieldsHandleDeleteRewrite) {
  for (const char* mode : {"rewrite", "rewrite-with-tombstone"}) {
    auto xform = unwrap({{kMode, mode}, {"add.fields", "op,lsn,source.lsn"}});
    api::SourceRecord del = deleteRecord();
    ASSERT_TRUE(xform->apply(del));
    EXPECT_EQ(api::Value("true"), field(del, "__deleted"));
    EXPECT_EQ(api::Value("d"), field(del, "__op"));
    EXPECT_EQ(api::Value(int32_t{1234}), field(del, "__lsn"));
    EXPECT_EQ(api::Value(int32_t{1234}), field(del, "__source_lsn"));
    // Order: row columns, __deleted, then the added fields.
    const auto& fields = del.valueSchema->fields();
    ASSERT_EQ(6u, fields.size());
    EXPECT_EQ("__deleted", fields[2].name);
    EXPECT_EQ("__op", fields[3].name);

    api::SourceRecord tombstone = tombstoneRecord();
    EXPECT_EQ(std::string(mode) == "rewrite-with-tombstone", xform->apply(tombstone));
  }
}

TEST(ExtractNewRecordStateTest, TombstoneModeDeleteGetsNoAddedFields) {
  api::SourceRecord del = deleteRecord();
  ASSERT_TRUE(unwrap({{"add.fields", "op"}})->apply(del));
  EXPECT_TRUE(del.value.isNull());
  EXPECT_TRUE(recordSchema()->equals(*del.valueSchema));
}

TEST(ExtractNewRecordStateTest, SchemaChangeEventWithOperationHeader) {
  api::SchemaPtr schema = api::SchemaBuilder::structBuilder().name("unknown").field("id", api::schemas::int8()).build();
  auto s = std::make_shared<api::Struct>(schema);
  s->put("id", int8_t{1});
  api::SourceRecord record = sourceRecord(nullptr, nullptr, s);
  ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.headers", "op"}})->apply(record));
  EXPECT_TRUE(record.headers.empty());
  EXPECT_EQ(api::Value(s), record.value);
}

api::SourceRecord withDropFieldsHeader(api::SourceRecord record) {
  api::SchemaPtr schema = api::SchemaBuilder::array(api::schemas::optionalString())
                              .optional()
                              .name("drop-fields")
                              .build();
  record.headers.add("drop-fields", schema, api::Array{api::Value("id"), api::Value("name")});
  return record;
}

struct DropCase {
  bool keep_schema_compatible;
  bool from_key;
};

class ExtractNewRecordStateDropFieldsTest : public ::testing::TestWithParam<DropCase> {};

// dropFieldsFromValue(AndKey)With(out)SchemaCompatibility.
TEST_P(ExtractNewRecordStateDropFieldsTest, DropsListedFields) {
  const DropCase& c = GetParam();
  auto xform = unwrap({{kMode, "drop"},
                       {"drop.fields.header.name", "drop-fields"},
                       {"drop.fields.keep.schema.compatible", c.keep_schema_compatible ? "true" : "false"},
                       {"drop.fields.from.key", c.from_key ? "true" : "false"}});

  for (api::SourceRecord before :
       {createRecordWithOptionalNull(), createRecordWithKey(), updateRecordWithOptionalNull(false),
        updateRecordWithOptionalNull(true)}) {
    const bool has_key = !before.key.isNull();
    api::SourceRecord after = withDropFieldsHeader(before);
    ASSERT_TRUE(xform->apply(after));
    // "name" is optional: always dropped from the value.
    EXPECT_EQ(nullptr, after.valueSchema->field("name"));
    if (c.keep_schema_compatible) {
      // "id" is required: kept in the value and the key.
      ASSERT_NE(nullptr, after.valueSchema->field("id"));
      EXPECT_EQ(api::Value(int8_t{1}), field(after, "id"));
    } else {
      EXPECT_EQ(nullptr, after.valueSchema->field("id"));
      EXPECT_EQ(api::Value(api::Struct(after.valueSchema)), after.value);
    }
    if (!has_key) {
      EXPECT_TRUE(after.key.isNull());
      EXPECT_EQ(nullptr, after.keySchema);
    } else if (c.from_key && !c.keep_schema_compatible) {
      EXPECT_EQ(nullptr, after.keySchema->field("id"));
      EXPECT_EQ(api::Value(api::Struct(after.keySchema)), after.key);
    } else {
      ASSERT_NE(nullptr, after.keySchema->field("id"));
      EXPECT_EQ(api::Value(int8_t{1}), after.key.asStruct().get("id"));
    }
  }

  api::SourceRecord del = withDropFieldsHeader(deleteRecord());
  EXPECT_FALSE(xform->apply(del));
  api::SourceRecord tombstone = withDropFieldsHeader(tombstoneRecord());
  EXPECT_FALSE(xform->apply(tombstone));
}

INSTANTIATE_TEST_SUITE_P(Debezium, ExtractNewRecordStateDropFieldsTest,
                         ::testing::Values(DropCase{true, false}, DropCase{false, false},
                                           DropCase{true, true}, DropCase{false, true}));

api::SourceRecord updateRecordWithChangedFields() {
  api::SchemaPtr schema = envelopeSchema(recordSchema(), sourceSchema(), "changedFields.Envelope",
                                         {{"changes", api::SchemaBuilder::array(api::schemas::string()).build()}});
  auto e = envelope(schema, "u", api::Value(row(recordSchema(), 1, "myRecord")),
                    api::Value(row(recordSchema(), 1, "updatedRecord")),
                    api::Value(source(sourceSchema(), false)));
  e->put("changes", api::Array{api::Value("name")});
  e->put("transaction", api::Value(transaction()));
  return sourceRecord(nullptr, nullptr, e);
}

TEST(ExtractNewRecordStateTest, NewNotDefaultFieldAndFieldNotExists) {
  for (const char* add_fields :
       {"notExisting,op:OP, lsn:LSN, id:ID, source.lsn:source_lsn, "
        "transaction.total_order:TOTAL_ORDER, changes:META_SRC_CHANGED",
        "op:OP, lsn:LSN, id:ID, source.lsn:source_lsn, transaction.total_order:TOTAL_ORDER, "
        "notExist:META_SRC_CHANGED"}) {
    api::SourceRecord update = updateRecordWithChangedFields();
    ASSERT_TRUE(unwrap({{kMode, "tombstone"}, {"add.fields", add_fields}, {"add.fields.prefix", ""}})
                    ->apply(update));
    EXPECT_EQ(api::Value("u"), field(update, "OP"));
    EXPECT_EQ(api::Value(int32_t{1234}), field(update, "LSN"));
    EXPECT_EQ(api::Value("571"), field(update, "ID"));
    EXPECT_EQ(api::Value(int32_t{1234}), field(update, "source_lsn"));
    EXPECT_EQ(api::Value(int64_t{42}), field(update, "TOTAL_ORDER"));
    EXPECT_EQ(nullptr, update.valueSchema->field("notExisting"));
    EXPECT_EQ(nullptr, update.valueSchema->field("notExist"));
  }
  api::SourceRecord update = updateRecordWithChangedFields();
  ASSERT_TRUE(unwrap({{"add.fields", "changes:META_SRC_CHANGED"}, {"add.fields.prefix", ""}})->apply(update));
  EXPECT_EQ(api::Value(api::Array{api::Value("name")}), field(update, "META_SRC_CHANGED"));
}

TEST(ExtractNewRecordStateTest, EnvelopeTimestampFieldsHandledCorrectly) {
  // 2024-03-10T01:02:03.000123456Z.
  api::SchemaPtr schema = envelopeSchema(optionalNullRecordSchema(), sourceSchema());
  auto e = envelope(schema, "c", nullptr, api::Value(row(optionalNullRecordSchema(), 1, nullptr)),
                    api::Value(source(sourceSchema(), false)), 1710032523000, 123, 456);
  api::SourceRecord record = sourceRecord(idKeySchema(), idKey(), e);
  ASSERT_TRUE(unwrap({{kMode, "rewrite"},
                      {"add.fields",
                       "source.table:META_SRC_TABLENAME,source.ts_ms:META_SRC_TS_MS,source.ts_us:META_SRC_TS_US,"
                       "source.ts_ns:META_SRC_TS_NS,ts_ms:META_TS_MS,ts_us:META_TS_US,ts_ns:META_TS_NS,"
                       "op:META_SRC_OP,source.scn:META_SRC_SCN,source.snapshot:META_SRC_SNAPSHOT,"
                       "source.user_name:META_SRC_USER,changes:META_SRC_CHANGES"}})
                  ->apply(record));
  EXPECT_EQ(api::Value(kSourceTsMs), field(record, "__META_SRC_TS_MS"));
  EXPECT_EQ(api::Value(kSourceTsMs * 1000), field(record, "__META_SRC_TS_US"));
  EXPECT_EQ(api::Value(kSourceTsMs * 1000000), field(record, "__META_SRC_TS_NS"));
  EXPECT_EQ(api::Value(int64_t{1710032523000}), field(record, "__META_TS_MS"));
  EXPECT_EQ(api::Value(int64_t{1710032523000123}), field(record, "__META_TS_US"));
  EXPECT_EQ(api::Value(int64_t{1710032523000123456}), field(record, "__META_TS_NS"));
  EXPECT_EQ(nullptr, record.valueSchema->field("__META_SRC_SCN"));
}

TEST(ExtractNewRecordStateTest, AddHeadersForNonEnvelopeRecord) {
  api::SchemaPtr value_schema = api::SchemaBuilder::structBuilder()
                                    .name("io.debezium.connector.common.Heartbeat")
                                    .field("ts_ms", api::schemas::int64())
                                    .build();
  api::SchemaPtr key_schema = api::SchemaBuilder::structBuilder()
                                  .name("op.with.heartbeat.Key")
                                  .field("id", api::schemas::string())
                                  .build();
  auto value = std::make_shared<api::Struct>(value_schema);
  value->put("ts_ms", int64_t{1});
  auto key = std::make_shared<api::Struct>(key_schema);
  key->put("id", "123");
  api::SourceRecord heartbeat = sourceRecord(key_schema, api::Value(key), value, "op.with.heartbeat");
  api::SourceRecord original = heartbeat;
  ASSERT_TRUE(unwrap({{"add.headers", "op,source.lsn"}})->apply(heartbeat));
  EXPECT_EQ(original.topic, heartbeat.topic);
  EXPECT_EQ(original.key, heartbeat.key);
  EXPECT_EQ(original.value, heartbeat.value);
  EXPECT_TRUE(heartbeat.headers.empty());
}

TEST(ExtractNewRecordStateTest, DeleteToTombstoneDropsActualTombstone) {
  auto xform = unwrap({{kMode, "delete-to-tombstone"}});
  api::SourceRecord del = deleteRecord();
  ASSERT_TRUE(xform->apply(del));
  EXPECT_TRUE(del.value.isNull());
  EXPECT_EQ(nullptr, del.valueSchema);
  api::SourceRecord tombstone = tombstoneRecord();
  EXPECT_FALSE(xform->apply(tombstone));
}

TEST(ExtractNewRecordStateTest, RejectsInvalidEnumValueForDeleteHandlingMode) {
  ExtractNewRecordState xform;
  try {
    xform.configure({{kMode, "jbsdfkjsd"}});
    FAIL() << "expected ConnectException";
  } catch (const api::ConnectException& e) {
    EXPECT_NE(std::string::npos, std::string(e.what()).find("Unable to validate config"));
    EXPECT_NE(std::string::npos,
              std::string(e.what()).find("The 'delete.tombstone.handling.mode' value 'jbsdfkjsd' is "
                                         "invalid: Value must be one of drop, tombstone, rewrite, "
                                         "rewrite-with-tombstone, delete-to-tombstone"));
  }
  EXPECT_NO_THROW(xform.configure({{kMode, " DROP "}}));

  auto values = ExtractNewRecordState::configDef().validate({{kMode, "nope"}});
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(1u, values[0].error_messages.size());
}

TEST(ExtractNewRecordStateTest, LegacyDeleteHandlingOptions) {
  // Debezium 3.1 and earlier: used only when delete.tombstone.handling.mode is not set.
  api::SourceRecord del = deleteRecord();
  ASSERT_TRUE(unwrap({{"delete.handling.mode", "rewrite"}})->apply(del));
  EXPECT_EQ(api::Value("true"), field(del, "__deleted"));

  del = deleteRecord();
  ASSERT_TRUE(unwrap({{"delete.handling.mode", "none"}})->apply(del));
  EXPECT_TRUE(del.value.isNull());
  EXPECT_NE(nullptr, del.valueSchema);

  del = deleteRecord();
  EXPECT_FALSE(unwrap({{"drop.tombstones", "false"}})->apply(del));
  api::SourceRecord tombstone = tombstoneRecord();
  EXPECT_TRUE(unwrap({{"drop.tombstones", "false"}})->apply(tombstone));
  tombstone = tombstoneRecord();
  EXPECT_FALSE(unwrap({{"drop.tombstones", "true"}, {"delete.handling.mode", "none"}})->apply(tombstone));

  // The new option wins.
  del = deleteRecord();
  ASSERT_TRUE(unwrap({{"delete.handling.mode", "drop"}, {kMode, "rewrite"}})->apply(del));
  EXPECT_EQ(api::Value("true"), field(del, "__deleted"));

  ExtractNewRecordState xform;
  EXPECT_THROW(xform.configure({{"delete.handling.mode", "nope"}}), api::ConnectException);
}

TEST(ExtractNewRecordStateTest, ConfigDefListsDebeziumsKeys) {
  const auto& keys = ExtractNewRecordState::configDef().keys();
  std::vector<std::string> names;
  for (const auto& k : keys) names.push_back(k.name);
  EXPECT_EQ((std::vector<std::string>{"delete.tombstone.handling.mode", "route.by.field",
                                      "add.fields.prefix", "add.fields", "add.headers.prefix",
                                      "add.headers", "drop.fields.header.name",
                                      "drop.fields.from.key", "drop.fields.keep.schema.compatible"}),
            names);
  EXPECT_EQ("tombstone", keys[0].default_value.value_or(""));
  EXPECT_EQ("Handle delete and tombstone records", keys[0].display_name);
}

}  // namespace
}  // namespace connectd::transforms
