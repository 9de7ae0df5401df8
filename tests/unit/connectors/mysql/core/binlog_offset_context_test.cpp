#include "connectors/mysql/binlog_offset_context.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"

namespace connectd::mysql {
namespace {

std::string render(const api::OffsetMap& m) {
  std::string out;
  for (const auto& [k, v] : m) out += (out.empty() ? "" : ",") + k + "=" + v.toString();
  return out;
}

TEST(BinlogOffsetContextTest, SnapshotOffsetCarriesInitialMarkerUntilCompleted) {
  BinlogOffsetContext ctx("dbserver1");
  ctx.beginSnapshot("mysql-bin.000003", 157, std::nullopt);
  ctx.setSourceTimeMicros(1699999990LL * 1000000);
  EXPECT_EQ(render(ctx.offset()), "ts_sec=1699999990,file=mysql-bin.000003,pos=157,snapshot=INITIAL");
  ctx.completeSnapshot();
  EXPECT_EQ(render(ctx.offset()), "ts_sec=1699999990,file=mysql-bin.000003,pos=157");
  EXPECT_EQ(render(ctx.partition()), "server=dbserver1");
}

TEST(BinlogOffsetContextTest, InsideATransactionTheOffsetPointsAtBeginWithEventAndRowCounters) {
  BinlogOffsetContext ctx("s");
  ctx.setBinlogStartPoint("mysql-bin.000003", 4);
  ctx.setServerId(223344);
  ctx.setSourceTimeMicros(1700000000LL * 1000000);
  ctx.setEventPosition(1134, 50);  // BEGIN
  ctx.startNextTransaction();
  ctx.completeEvent();
  ctx.setEventPosition(1184, 40);  // TABLE_MAP
  ctx.completeEvent();
  ctx.setEventPosition(1224, 100);  // rows event with 3 rows
  ctx.setRowNumber(0, 3);
  EXPECT_EQ(render(ctx.offset()), "ts_sec=1700000000,file=mysql-bin.000003,pos=1134,row=1,server_id=223344,event=2");
  ctx.setRowNumber(1, 3);
  EXPECT_EQ(render(ctx.offset()), "ts_sec=1700000000,file=mysql-bin.000003,pos=1134,row=2,server_id=223344,event=2");
  // The last row: a restart must skip the whole rows event.
  ctx.setRowNumber(2, 3);
  EXPECT_EQ(render(ctx.offset()), "ts_sec=1700000000,file=mysql-bin.000003,pos=1134,row=3,server_id=223344,event=2");
  ctx.completeEvent();
  EXPECT_EQ(render(ctx.offset()), "ts_sec=1700000000,file=mysql-bin.000003,pos=1134,server_id=223344,event=3");
  ctx.setEventPosition(1324, 31);  // XID
  ctx.commitTransaction();
  ctx.completeEvent();
  ctx.completeEvent();  // counted events after the commit do not matter until the next BEGIN
  ctx.startNextTransaction();
  EXPECT_EQ(ctx.restartPosition(), 1324);
}

TEST(BinlogOffsetContextTest, CommitMovesTheRestartPointPastTheXidEvent) {
  BinlogOffsetContext ctx("s");
  ctx.setBinlogStartPoint("f.000001", 4);
  ctx.setEventPosition(100, 50);
  ctx.startNextTransaction();
  ctx.completeEvent();
  ctx.setEventPosition(150, 31);
  ctx.commitTransaction();
  EXPECT_EQ(ctx.restartFile(), "f.000001");
  EXPECT_EQ(ctx.restartPosition(), 181);
  EXPECT_EQ(ctx.eventsToSkip(), 0);
  // Outside a transaction every event moves the restart point past itself.
  ctx.setEventPosition(181, 20);
  EXPECT_EQ(ctx.restartPosition(), 201);
}

TEST(BinlogOffsetContextTest, LoadReadsDebeziumOffsetsAndRequiresFile) {
  api::OffsetMap stored = {{"ts_sec", api::Value(int64_t{1700000000})}, {"file", api::Value("mysql-bin.000003")},
                           {"pos", api::Value(int64_t{1134})},          {"row", api::Value(int32_t{1})},
                           {"server_id", api::Value(int64_t{223344})},  {"event", api::Value(int64_t{2})}};
  BinlogOffsetContext ctx = BinlogOffsetContext::load("s", stored);
  EXPECT_EQ(ctx.restartFile(), "mysql-bin.000003");
  EXPECT_EQ(ctx.restartPosition(), 1134);
  EXPECT_EQ(ctx.eventsToSkip(), 2);
  EXPECT_EQ(ctx.rowsToSkip(), 1);
  EXPECT_FALSE(ctx.snapshotWasRunning());
  EXPECT_EQ(render(ctx.offset()), render(stored));

  BinlogOffsetContext during = BinlogOffsetContext::load(
      "s", {{"file", api::Value("f.1")}, {"pos", api::Value(int64_t{4})}, {"snapshot", api::Value("INITIAL")}});
  EXPECT_TRUE(during.snapshotWasRunning());
  BinlogOffsetContext old = BinlogOffsetContext::load(
      "s", {{"file", api::Value("f.1")}, {"pos", api::Value(int64_t{4})}, {"snapshot", api::Value(true)}});
  EXPECT_TRUE(old.snapshotWasRunning());

  try {
    BinlogOffsetContext::load("s", {{"pos", api::Value(int64_t{4})}});
    FAIL() << "expected ConnectException";
  } catch (const api::ConnectException& e) {
    EXPECT_STREQ(e.what(), "Source offset 'file' parameter is missing");
  }
}

TEST(BinlogOffsetContextTest, GtidSetBecomesTheRestartSetAtCommit) {
  BinlogOffsetContext ctx("s");
  ctx.beginSnapshot("f.1", 4, std::string("0-1-10"));
  ctx.completeSnapshot();
  ctx.setEventPosition(4, 40);
  ctx.startGtid("0-1-11", "0-1-11");
  ctx.startNextTransaction();
  EXPECT_EQ(*ctx.restartGtidSet(), "0-1-10");
  ctx.setEventPosition(44, 30);
  ctx.commitTransaction();
  EXPECT_EQ(*ctx.restartGtidSet(), "0-1-11");
}

TEST(BinlogOffsetContextTest, TransactionMetadataPutsTransactionIdFirst) {
  BinlogOffsetContext ctx("s");
  ctx.setTransactionMetadataEnabled(true);
  ctx.setBinlogStartPoint("f.1", 4);
  ctx.setEventPosition(4, 40);
  ctx.startNextTransaction();
  ctx.beginTransactionMetadata("file=f.1,pos=4");
  auto [total, per_table] = ctx.countTransactionEvent("db.t");
  EXPECT_EQ(total, 1);
  EXPECT_EQ(per_table, 1);
  std::tie(total, per_table) = ctx.countTransactionEvent("db.t");
  EXPECT_EQ(total, 2);
  EXPECT_EQ(per_table, 2);
  EXPECT_EQ(render(ctx.offset()), "transaction_id=file=f.1,pos=4,file=f.1,pos=4,transaction_data_collection_order_db.t=2");
}

}  // namespace
}  // namespace connectd::mysql
