#include "connectors/mysql/change_event_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server/api/errors.h"

namespace connectd::mysql {
namespace {

api::SourceRecord record(int i) {
  api::SourceRecord r;
  r.topic = "t";
  r.value = api::Value(int32_t{i});
  return r;
}

TEST(ChangeEventQueueTest, PollReturnsAtMostABatchInOrder) {
  ChangeEventQueue q(10, 3, std::chrono::milliseconds(10));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(q.enqueue(record(i)));
  std::vector<api::SourceRecord> out;
  q.poll(out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].value.asInt32(), 0);
  EXPECT_EQ(out[2].value.asInt32(), 2);
  out.clear();
  q.poll(out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].value.asInt32(), 4);
  out.clear();
  q.poll(out);  // empty: returns after the poll interval
  EXPECT_TRUE(out.empty());
}

TEST(ChangeEventQueueTest, FullQueueBlocksTheProducerUntilPolled) {
  ChangeEventQueue q(2, 10, std::chrono::milliseconds(1000));
  ASSERT_TRUE(q.enqueue(record(0)));
  ASSERT_TRUE(q.enqueue(record(1)));
  std::atomic<bool> third_in{false};
  std::thread producer([&] {
    q.enqueue(record(2));
    third_in = true;
  });
  std::vector<api::SourceRecord> out;
  q.poll(out);
  producer.join();
  EXPECT_TRUE(third_in);
  EXPECT_EQ(out.size(), 2u);
}

TEST(ChangeEventQueueTest, ApproximateSizeCountsHeapStringsAndStructs) {
  api::SourceRecord small = record(1);
  api::SourceRecord big = record(1);
  big.value = api::Value(std::string(1000, 'x'));
  EXPECT_GE(ChangeEventQueue::approximateSize(big), ChangeEventQueue::approximateSize(small) + 1000);
  auto schema = api::SchemaBuilder::structBuilder().field("a", api::schemas::string()).build();
  auto s = std::make_shared<api::Struct>(schema);
  s->putUnchecked(0, api::Value(std::string(500, 'y')));
  api::SourceRecord with_struct = record(1);
  with_struct.value = api::Value(s);
  EXPECT_GE(ChangeEventQueue::approximateSize(with_struct), ChangeEventQueue::approximateSize(small) + 500);
}

// max.queue.size.in.bytes: a record larger than the bound still passes an empty queue (as in
// Debezium, the bound is checked before adding), and the next one waits for a poll.
TEST(ChangeEventQueueTest, ByteBoundAdmitsOneOversizedRecordThenBlocks) {
  ChangeEventQueue q(100, 100, std::chrono::milliseconds(1000), 1);
  ASSERT_TRUE(q.enqueue(record(0)));
  std::atomic<bool> started{false};
  std::atomic<bool> second_in{false};
  std::thread producer([&] {
    started = true;
    q.enqueue(record(1));
    second_in = true;
  });
  while (!started) std::this_thread::yield();
  std::vector<api::SourceRecord> out;
  q.poll(out);
  // Only the first record: the second could not enter while the first held the queue's bytes.
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value.asInt32(), 0);
  producer.join();
  EXPECT_TRUE(second_in);
  out.clear();
  q.poll(out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value.asInt32(), 1);
}

TEST(ChangeEventQueueTest, ReaderFailureIsRethrownByPollAfterQueuedRecords) {
  ChangeEventQueue q(10, 10, std::chrono::milliseconds(10));
  ASSERT_TRUE(q.enqueue(record(0)));
  q.fail(std::make_exception_ptr(api::ConnectException("binlog gone")));
  std::vector<api::SourceRecord> out;
  q.poll(out);
  ASSERT_EQ(out.size(), 1u) << "records read before the failure are still delivered";
  EXPECT_THROW(q.poll(out), api::ConnectException);
}

TEST(ChangeEventQueueTest, CloseReleasesABlockedProducer) {
  ChangeEventQueue q(1, 10, std::chrono::milliseconds(10));
  ASSERT_TRUE(q.enqueue(record(0)));
  std::atomic<bool> result{true};
  std::thread producer([&] { result = q.enqueue(record(1)); });
  q.close();
  producer.join();
  EXPECT_FALSE(result);
}

}  // namespace
}  // namespace connectd::mysql
