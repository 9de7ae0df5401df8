#include "server/runtime/submitted_records.h"

#include <gtest/gtest.h>

using connectd::api::OffsetMap;
using connectd::api::Value;
using connectd::runtime::SubmittedRecords;

namespace {
OffsetMap partition(const std::string& file) { return {{"filename", Value(file)}}; }
OffsetMap offset(int64_t pos) { return {{"position", Value(pos)}}; }
int64_t positionOf(const SubmittedRecords::CommittableOffsets& c, const std::string& key) {
  return c.offsets.at(key).second.at(0).second.asInt64();
}
}  // namespace

TEST(SubmittedRecordsTest, NothingCommittableUntilAcked) {
  SubmittedRecords records;
  auto* r = records.submit(partition("a"), offset(1));
  ASSERT_NE(r, nullptr);
  auto c = records.committableOffsets();
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(c.num_pending, 1u);
  r->ack();
  c = records.committableOffsets();
  ASSERT_EQ(c.offsets.size(), 1u);
  EXPECT_EQ(positionOf(c, R"({"filename":"a"})"), 1);
  EXPECT_EQ(records.pending(), 0u);
}

TEST(SubmittedRecordsTest, OffsetWaitsForEveryEarlierRecordOfItsPartition) {
  SubmittedRecords records;
  auto* r1 = records.submit(partition("a"), offset(1));
  auto* r2 = records.submit(partition("a"), offset(2));
  auto* r3 = records.submit(partition("a"), offset(3));
  r2->ack();
  r3->ack();
  EXPECT_TRUE(records.committableOffsets().empty());
  r1->ack();
  auto c = records.committableOffsets();
  EXPECT_EQ(positionOf(c, R"({"filename":"a"})"), 3);
  EXPECT_EQ(c.num_committable, 3u);
}

TEST(SubmittedRecordsTest, PartitionsAreIndependent) {
  SubmittedRecords records;
  auto* a1 = records.submit(partition("a"), offset(1));
  auto* b1 = records.submit(partition("b"), offset(10));
  auto* a2 = records.submit(partition("a"), offset(2));
  auto* b2 = records.submit(partition("b"), offset(11));
  b1->ack();
  a2->ack();
  auto c = records.committableOffsets();
  ASSERT_EQ(c.offsets.size(), 1u);
  EXPECT_EQ(positionOf(c, R"({"filename":"b"})"), 10);
  EXPECT_EQ(c.num_pending, 3u);
  a1->ack();
  b2->ack();
  c = records.committableOffsets();
  EXPECT_EQ(positionOf(c, R"({"filename":"a"})"), 2);
  EXPECT_EQ(positionOf(c, R"({"filename":"b"})"), 11);
  EXPECT_TRUE(records.committableOffsets().empty());
}

TEST(SubmittedRecordsTest, RecordsWithoutOffsetsAreNotTracked) {
  SubmittedRecords records;
  EXPECT_EQ(records.submit({}, {}), nullptr);
  EXPECT_EQ(records.submit(partition("a"), {}), nullptr);
  EXPECT_EQ(records.pending(), 0u);
}

TEST(SubmittedRecordsTest, HandlesStayValidWhileMoreRecordsArrive) {
  SubmittedRecords records;
  std::vector<SubmittedRecords::SubmittedRecord*> handles;
  for (int i = 0; i < 10000; ++i) handles.push_back(records.submit(partition("a"), offset(i)));
  for (auto* h : handles) h->ack();
  EXPECT_EQ(positionOf(records.committableOffsets(), R"({"filename":"a"})"), 9999);
}

// Between two offset commits a fast source acks hundreds of thousands of records: the acked
// prefix is folded into one offset per partition at once, not kept until the commit.
TEST(SubmittedRecordsTest, AckedPrefixIsFoldedAtOnce) {
  SubmittedRecords records;
  std::vector<SubmittedRecords::SubmittedRecord*> handles;
  for (int i = 0; i < 5; ++i) handles.push_back(records.submit(partition("a"), offset(i)));
  handles[0]->ack();
  handles[1]->ack();
  EXPECT_EQ(records.pending(), 3u);
  handles[3]->ack();  // behind an unacked record: stays pending
  EXPECT_EQ(records.pending(), 3u);
  auto c = records.committableOffsets();
  EXPECT_EQ(positionOf(c, R"({"filename":"a"})"), 1);
  EXPECT_EQ(c.num_committable, 2u);
  EXPECT_EQ(c.num_pending, 3u);
  handles[2]->ack();
  EXPECT_EQ(records.pending(), 1u);
  handles[4]->ack();
  EXPECT_EQ(records.pending(), 0u);
  c = records.committableOffsets();
  EXPECT_EQ(positionOf(c, R"({"filename":"a"})"), 4);
  EXPECT_EQ(c.num_committable, 3u);
  EXPECT_TRUE(records.committableOffsets().empty());
}
