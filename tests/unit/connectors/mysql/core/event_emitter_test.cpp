#include "connectors/mysql/event_emitter.h"

#include <gtest/gtest.h>

#include "server/api/struct.h"

namespace connectd::mysql {
namespace {

Table invoiceTable() {
  Table t;
  t.id = {"dev", "invoice"};
  Column order_id;
  order_id.name = "order_id";
  order_id.position = 1;
  order_id.jdbcType = jdbc::kInteger;
  order_id.typeName = "INT";
  order_id.typeExpression = "INT";
  order_id.optional = false;
  Column number = order_id;
  number.name = "invoice_number";
  number.position = 2;
  t.columns = {order_id, number};
  t.primaryKeyColumnNames = {"order_id"};
  return t;
}

class EventEmitterTest : public ::testing::Test {
 protected:
  EventEmitterTest() : queue_(100, 100, std::chrono::milliseconds(1)), ctx_("source") {}

  void SetUp() override { makeEmitter(true); }

  void makeEmitter(bool tombstones) {
    EventEmitter::Options o;
    o.topic_prefix = "source";
    o.tombstones_on_delete = tombstones;
    o.run_id = "run-1";
    o.transaction_topic = "source.transaction";
    o.heartbeat_topic = "__debezium-heartbeat.source";
    o.schema_change_topic = "source";
    emitter_ = std::make_unique<EventEmitter>(o, queue_);
    TableSchemaOptions so;
    so.topic_name = "source.dev.invoice";
    so.source_schema = emitter_->sourceSchema();
    schema_ = buildTableSchema(invoiceTable(), so);
    ctx_.setBinlogStartPoint("binlog.000002", 4);
    ctx_.setServerId(1);
    ctx_.setSourceTimeMicros(1709981775LL * 1000000);
    ctx_.setEventPosition(361, 50);
  }

  api::Value key(int32_t id) {
    auto s = std::make_shared<api::Struct>(schema_->keySchema());
    s->put("order_id", api::Value(id));
    return api::Value(std::move(s));
  }
  api::Value row(int32_t id, int32_t number) {
    auto s = std::make_shared<api::Struct>(schema_->valueSchema());
    s->put("order_id", api::Value(id));
    s->put("invoice_number", api::Value(number));
    return api::Value(std::move(s));
  }
  std::vector<api::SourceRecord> drain() {
    std::vector<api::SourceRecord> out;
    queue_.poll(out);
    return out;
  }
  static const api::Struct& source(const api::SourceRecord& r) { return r.value.asStruct().get("source").asStruct(); }
  static std::string header(const api::SourceRecord& r, const std::string& k) {
    const api::Header* h = r.headers.lastWithName(k);
    if (h == nullptr) return "<absent>";
    return h->value.kind() == api::Value::Kind::String ? h->value.asString() : h->value.toString();
  }

  ChangeEventQueue queue_;
  BinlogOffsetContext ctx_;
  std::unique_ptr<EventEmitter> emitter_;
  std::shared_ptr<const TableSchema> schema_;
};

TEST_F(EventEmitterTest, CreateCarriesKeyEnvelopeSourceAndContextHeaders) {
  ctx_.setRowNumber(0, 1);
  ASSERT_TRUE(emitter_->changeRecord('c', {"dev", "invoice"}, "source.dev.invoice", *schema_, api::Value(),
                                     api::Value(), key(100), row(100, 100), ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 1u);
  const auto& r = records[0];
  EXPECT_EQ(r.topic, "source.dev.invoice");
  EXPECT_FALSE(r.kafkaPartition.has_value());
  EXPECT_EQ(r.key, key(100));
  EXPECT_EQ(r.value.asStruct().get("op").asString(), "c");
  EXPECT_TRUE(r.value.asStruct().get("before").isNull());
  EXPECT_EQ(r.value.asStruct().get("after"), row(100, 100));
  const api::Struct& s = source(r);
  EXPECT_EQ(s.get("connector").asString(), "mysql");
  EXPECT_EQ(s.get("name").asString(), "source");
  EXPECT_EQ(s.get("db").asString(), "dev");
  EXPECT_EQ(s.get("table").asString(), "invoice");
  EXPECT_EQ(s.get("file").asString(), "binlog.000002");
  EXPECT_EQ(s.get("pos").asInt64(), 361);
  EXPECT_EQ(s.get("row").asInt32(), 0);
  EXPECT_EQ(s.get("server_id").asInt64(), 1);
  EXPECT_EQ(s.get("ts_ms").asInt64(), 1709981775000);
  EXPECT_TRUE(s.getWithoutDefault("snapshot").isNull()) << "streaming leaves the marker null (printed as the default)";
  EXPECT_EQ(header(r, "__debezium.context.connectorLogicalName"), "source");
  EXPECT_EQ(header(r, "__debezium.context.taskId"), "0");
  EXPECT_EQ(header(r, "__debezium.context.connectorName"), "mysql");
  EXPECT_EQ(header(r, "__debezium.context.runId"), "run-1");
  EXPECT_EQ(r.sourcePartition, ctx_.partition());
}

TEST_F(EventEmitterTest, DeleteIsFollowedByATombstoneUnlessDisabled) {
  ASSERT_TRUE(emitter_->changeRecord('d', {"dev", "invoice"}, "source.dev.invoice", *schema_, key(100), row(100, 100),
                                     api::Value(), api::Value(), ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].value.asStruct().get("op").asString(), "d");
  EXPECT_EQ(records[0].key, key(100));
  EXPECT_EQ(records[1].key, key(100));
  EXPECT_TRUE(records[1].value.isNull());
  EXPECT_EQ(records[1].valueSchema, nullptr);
  EXPECT_EQ(records[1].sourceOffset, records[0].sourceOffset);

  makeEmitter(false);
  ASSERT_TRUE(emitter_->changeRecord('d', {"dev", "invoice"}, "source.dev.invoice", *schema_, key(100), row(100, 100),
                                     api::Value(), api::Value(), ctx_));
  EXPECT_EQ(drain().size(), 1u);
}

TEST_F(EventEmitterTest, KeyChangingUpdateBecomesDeleteTombstoneCreateWithKeyHeaders) {
  ASSERT_TRUE(emitter_->changeRecord('u', {"dev", "invoice"}, "source.dev.invoice", *schema_, key(1), row(1, 5),
                                     key(2), row(2, 5), ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].value.asStruct().get("op").asString(), "d");
  EXPECT_EQ(records[0].key, key(1));
  ASSERT_NE(records[0].headers.lastWithName("__debezium.newkey"), nullptr);
  EXPECT_EQ(records[0].headers.lastWithName("__debezium.newkey")->value, key(2));
  EXPECT_TRUE(records[1].value.isNull());
  EXPECT_EQ(records[1].key, key(1));
  EXPECT_EQ(records[1].headers, records[0].headers) << "the tombstone copies the delete's headers";
  EXPECT_EQ(records[2].value.asStruct().get("op").asString(), "c");
  EXPECT_EQ(records[2].key, key(2));
  ASSERT_NE(records[2].headers.lastWithName("__debezium.oldkey"), nullptr);
  EXPECT_EQ(records[2].headers.lastWithName("__debezium.oldkey")->value, key(1));
  EXPECT_EQ(source(records[0]), source(records[2]));
}

TEST_F(EventEmitterTest, TruncateHasNullKeyAndOnlySource) {
  ASSERT_TRUE(emitter_->truncateRecord({"dev", "invoice"}, "source.dev.invoice", *schema_, ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(records[0].key.isNull());
  EXPECT_EQ(records[0].keySchema, nullptr);
  EXPECT_EQ(records[0].value.asStruct().get("op").asString(), "t");
  EXPECT_TRUE(records[0].value.asStruct().get("after").isNull());
}

TEST_F(EventEmitterTest, SchemaChangeAndHeartbeatGoToPartitionZeroOfTheirTopics) {
  ASSERT_TRUE(emitter_->schemaChangeRecord("dev", "ALTER TABLE invoice ADD c INT", {}, ctx_));
  ASSERT_TRUE(emitter_->heartbeatRecord(ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].topic, "source");
  EXPECT_EQ(records[0].kafkaPartition, 0);
  EXPECT_EQ(*records[0].keySchema->name(), "io.debezium.connector.mysql.SchemaChangeKey");
  EXPECT_EQ(records[0].key.asStruct().get("databaseName").asString(), "dev");
  EXPECT_EQ(records[0].value.asStruct().get("ddl").asString(), "ALTER TABLE invoice ADD c INT");
  EXPECT_EQ(records[1].topic, "__debezium-heartbeat.source");
  EXPECT_EQ(records[1].kafkaPartition, 0);
  EXPECT_EQ(*records[1].keySchema->name(), "io.debezium.connector.common.ServerNameKey");
  EXPECT_EQ(records[1].key.asStruct().get("serverName").asString(), "source");
  EXPECT_EQ(records[1].sourceOffset, ctx_.offset());
}

TEST_F(EventEmitterTest, BufferedSnapshotRecordsEndWithLastAndTheCompletedOffset) {
  ctx_.beginSnapshot("binlog.000002", 157, std::nullopt);
  emitter_->setBufferingSnapshotRecords(true);
  ctx_.markSnapshotRecord(SnapshotMarker::True);
  for (int i = 1; i <= 3; ++i) {
    if (i == 2) emitter_->markBuffered(SnapshotMarker::First);
    ASSERT_TRUE(emitter_->changeRecord('r', {"dev", "invoice"}, "source.dev.invoice", *schema_, api::Value(),
                                       api::Value(), key(i), row(i, i), ctx_));
  }
  ctx_.completeSnapshot();
  ASSERT_TRUE(emitter_->flushBuffered(true, &ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(source(records[0]).get("snapshot").asString(), "first");
  EXPECT_EQ(source(records[1]).get("snapshot").asString(), "true");
  EXPECT_EQ(source(records[2]).get("snapshot").asString(), "last");
  EXPECT_EQ(source(records[2]).get("server_id").asInt64(), 0);
  auto has_snapshot_key = [](const api::OffsetMap& m) {
    for (const auto& [k, v] : m)
      if (k == "snapshot") return true;
    return false;
  };
  EXPECT_TRUE(has_snapshot_key(records[1].sourceOffset));
  EXPECT_FALSE(has_snapshot_key(records[2].sourceOffset));
}

TEST_F(EventEmitterTest, OffsetRecordHasNoTopicNoValueButTheOffset) {
  ASSERT_TRUE(emitter_->offsetRecord(ctx_));
  auto records = drain();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(records[0].topic.empty());
  EXPECT_TRUE(records[0].value.isNull());
  EXPECT_EQ(records[0].valueSchema, nullptr);
  EXPECT_EQ(records[0].sourceOffset, ctx_.offset());
}

}  // namespace
}  // namespace connectd::mysql
