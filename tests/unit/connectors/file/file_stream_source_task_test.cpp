#include "connectors/file/file_stream_source_task.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "server/api/errors.h"
#include "server/api/schema.h"
#include "temp_dir.h"

namespace connectd::file {
namespace {

using testing::appendTo;
using testing::TempDir;
using namespace std::chrono_literals;

class FakeOffsetStorageReader : public api::OffsetStorageReader {
 public:
  std::optional<api::OffsetMap> offset(const api::OffsetMap& partition) override {
    requests.push_back(partition);
    return committed;
  }
  std::optional<api::OffsetMap> committed;
  std::vector<api::OffsetMap> requests;
};

class FakeSourceTaskContext : public api::SourceTaskContext {
 public:
  const api::ConfigMap& configs() const override { return configs_; }
  api::OffsetStorageReader& offsetStorageReader() override { return reader; }
  FakeOffsetStorageReader reader;

 private:
  api::ConfigMap configs_;
};

class FileStreamSourceTaskTest : public ::testing::Test {
 protected:
  FileStreamSourceTaskTest() : path_(dir_.file("source.txt")) {
    config_ = {{"file", path_}, {"topic", "test"}, {"batch.size", "2000"}};
  }

  // A short wait keeps polls that find nothing quick; Kafka's is one second.
  std::unique_ptr<FileStreamSourceTask> makeTask(FileStreamSourceTask::Options options = {10ms,
                                                                                          0}) {
    auto task = std::make_unique<FileStreamSourceTask>(options);
    task->initialize(&context_);
    return task;
  }

  static std::vector<api::SourceRecord> poll(FileStreamSourceTask& task) {
    std::vector<api::SourceRecord> out;
    task.poll(out);
    return out;
  }

  api::OffsetMap partition() const { return {{"filename", path_}}; }
  static api::OffsetMap position(int64_t p) { return {{"position", p}}; }

  TempDir dir_;
  std::string path_;
  api::ConfigMap config_;
  FakeSourceTaskContext context_;
};

// FileStreamSourceTaskTest.testNormalLifecycle.
TEST_F(FileStreamSourceTaskTest, ReadsLinesWithEveryLineEnding) {
  appendTo(path_, "");
  auto task = makeTask();
  task->start(config_);

  EXPECT_TRUE(poll(*task).empty());
  appendTo(path_, "partial line");
  EXPECT_TRUE(poll(*task).empty());
  appendTo(path_, " finished\n");
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ("test", records[0].topic);
  EXPECT_EQ(api::Value("partial line finished"), records[0].value);
  EXPECT_EQ(partition(), records[0].sourcePartition);
  EXPECT_EQ(position(22), records[0].sourceOffset);
  EXPECT_TRUE(poll(*task).empty());

  // The final "\r" yields no line until the next byte shows it is not part of "\r\n".
  appendTo(path_, "line1\rline2\r\nline3\nline4\n\r");
  records = poll(*task);
  ASSERT_EQ(4u, records.size());
  const std::vector<std::pair<std::string, int64_t>> expected = {
      {"line1", 28}, {"line2", 35}, {"line3", 41}, {"line4", 47}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(api::Value(expected[i].first), records[i].value);
    EXPECT_EQ(partition(), records[i].sourcePartition);
    EXPECT_EQ(position(expected[i].second), records[i].sourceOffset);
  }

  appendTo(path_, "subsequent text");
  records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ(api::Value(""), records[0].value);
  EXPECT_EQ(position(48), records[0].sourceOffset);

  task->stop();
  ASSERT_EQ(1u, context_.reader.requests.size());
  EXPECT_EQ(partition(), context_.reader.requests[0]);
}

TEST_F(FileStreamSourceTaskTest, RecordsHaveStringSchemaNoKeyAndATimestamp) {
  appendTo(path_, "hello\n");
  auto task = makeTask();
  task->start(config_);
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  const api::SourceRecord& r = records[0];
  ASSERT_NE(nullptr, r.valueSchema);
  EXPECT_TRUE(r.valueSchema->equals(*api::schemas::string()));
  EXPECT_FALSE(r.valueSchema->isOptional());
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_TRUE(r.key.isNull());
  EXPECT_FALSE(r.kafkaPartition.has_value());
  EXPECT_TRUE(r.timestamp.has_value());
}

TEST_F(FileStreamSourceTaskTest, ResumesFromCommittedOffset) {
  appendTo(path_, "line1\nline2\nline3\n");
  context_.reader.committed = position(6);
  auto task = makeTask();
  task->start(config_);
  auto records = poll(*task);
  ASSERT_EQ(2u, records.size());
  EXPECT_EQ(api::Value("line2"), records[0].value);
  EXPECT_EQ(position(12), records[0].sourceOffset);
  EXPECT_EQ(api::Value("line3"), records[1].value);
  EXPECT_EQ(position(18), records[1].sourceOffset);
}

TEST_F(FileStreamSourceTaskTest, CommittedOffsetWithoutPositionStartsAtZero) {
  appendTo(path_, "line1\n");
  context_.reader.committed = api::OffsetMap{{"other", int64_t{5}}};
  auto task = makeTask();
  task->start(config_);
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ(position(6), records[0].sourceOffset);
}

TEST_F(FileStreamSourceTaskTest, CommittedOffsetPastEndWaitsForTheFileToGrow) {
  appendTo(path_, "abc\n");
  context_.reader.committed = position(9);
  auto task = makeTask();
  task->start(config_);
  EXPECT_TRUE(poll(*task).empty());
  appendTo(path_, "defg\nnext\n");
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ(api::Value("next"), records[0].value);
  EXPECT_EQ(position(14), records[0].sourceOffset);
}

TEST_F(FileStreamSourceTaskTest, OffsetPositionOfWrongTypeFails) {
  appendTo(path_, "line1\n");
  context_.reader.committed = api::OffsetMap{{"position", "6"}};
  auto task = makeTask();
  task->start(config_);
  try {
    poll(*task);
    FAIL() << "expected ConnectException";
  } catch (const api::ConnectException& e) {
    EXPECT_STREQ("Offset position is the incorrect type", e.what());
  }
}

TEST_F(FileStreamSourceTaskTest, PartialLastLineIsHeldBackUntilItsNewline) {
  appendTo(path_, "complete\nincompl");
  auto task = makeTask();
  task->start(config_);
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ(api::Value("complete"), records[0].value);
  EXPECT_TRUE(poll(*task).empty());
  appendTo(path_, "ete\r\n");
  records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ(api::Value("incomplete"), records[0].value);
  EXPECT_EQ(position(21), records[0].sourceOffset);
}

TEST_F(FileStreamSourceTaskTest, ReturnsAtMostBatchSizeRecordsPerPoll) {
  std::string data;
  for (int i = 0; i < 10; ++i) data += "line" + std::to_string(i) + "\n";
  appendTo(path_, data);
  config_["batch.size"] = "3";
  auto task = makeTask();
  task->start(config_);
  std::vector<size_t> sizes;
  std::vector<std::string> lines;
  for (int i = 0; i < 4; ++i) {
    auto records = poll(*task);
    sizes.push_back(records.size());
    for (const auto& r : records) lines.push_back(r.value.asString());
  }
  EXPECT_EQ((std::vector<size_t>{3, 3, 3, 1}), sizes);
  ASSERT_EQ(10u, lines.size());
  EXPECT_EQ("line9", lines[9]);
}

TEST_F(FileStreamSourceTaskTest, ReadsLinesLongerThanTheReadChunk) {
  std::string big(200 * 1024, 'x');
  appendTo(path_, big + "\nshort\n");
  auto task = makeTask();
  task->start(config_);
  auto records = poll(*task);
  ASSERT_EQ(2u, records.size());
  EXPECT_EQ(big, records[0].value.asString());
  EXPECT_EQ(position(static_cast<int64_t>(big.size()) + 1 + 6), records[1].sourceOffset);
}

TEST_F(FileStreamSourceTaskTest, ReplacesMalformedUtf8AndCountsBytes) {
  appendTo(path_, std::string("caf\xC3\xA9\n\xFFx\n"));
  auto task = makeTask();
  task->start(config_);
  auto records = poll(*task);
  ASSERT_EQ(2u, records.size());
  EXPECT_EQ(api::Value("caf\xC3\xA9"), records[0].value);
  EXPECT_EQ(position(6), records[0].sourceOffset);
  EXPECT_EQ(api::Value("\xEF\xBF\xBDx"), records[1].value);
  EXPECT_EQ(position(9), records[1].sourceOffset);
}

// FileStreamSourceTaskTest.testInvalidFile, then the file appears.
TEST_F(FileStreamSourceTaskTest, WaitsForMissingFileAndReadsItOnceCreated) {
  auto task = makeTask();
  task->start(config_);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(poll(*task).empty());
  EXPECT_TRUE(context_.reader.requests.empty());
  appendTo(path_, "finally\n");
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ(api::Value("finally"), records[0].value);
}

TEST_F(FileStreamSourceTaskTest, PollWaitsInsteadOfSpinningWhenThereIsNoData) {
  appendTo(path_, "");
  auto task = makeTask({200ms, 0});
  task->start(config_);
  auto begin = std::chrono::steady_clock::now();
  EXPECT_TRUE(poll(*task).empty());
  EXPECT_GE(std::chrono::steady_clock::now() - begin, 150ms);
}

TEST_F(FileStreamSourceTaskTest, StopWakesAWaitingPoll) {
  auto task = makeTask({std::chrono::minutes(5), 0});
  task->start(config_);
  auto begin = std::chrono::steady_clock::now();
  auto polled = std::async(std::launch::async, [&] { return poll(*task); });
  task->stop();
  ASSERT_EQ(std::future_status::ready, polled.wait_for(60s));
  EXPECT_TRUE(polled.get().empty());
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 60s);
  // Every poll after stop() returns at once.
  EXPECT_TRUE(poll(*task).empty());
}

// FileStreamSourceTaskTest.testUsingSystemInputSourceOnMissingFile, with a pipe as stdin.
TEST_F(FileStreamSourceTaskTest, ReadsStandardInputWithoutOffsets) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  auto task = makeTask({10ms, fds[0]});
  config_.erase("file");
  task->start(config_);
  ASSERT_EQ(5, ::write(fds[1], "line\n", 5));
  auto records = poll(*task);
  ASSERT_EQ(1u, records.size());
  EXPECT_EQ("test", records[0].topic);
  EXPECT_EQ(api::Value("line"), records[0].value);
  EXPECT_EQ((api::OffsetMap{{"filename", api::Value()}}), records[0].sourcePartition);
  EXPECT_EQ((api::OffsetMap{{"position", api::Value()}}), records[0].sourceOffset);
  // An open but idle stdin must not block poll().
  EXPECT_TRUE(poll(*task).empty());
  ::close(fds[1]);
  EXPECT_TRUE(poll(*task).empty());
  task->stop();
  ::close(fds[0]);
  EXPECT_TRUE(context_.reader.requests.empty());
}

TEST_F(FileStreamSourceTaskTest, StartRejectsBadConfig) {
  auto task = makeTask();
  config_.erase("topic");
  EXPECT_THROW(task->start(config_), api::ConfigException);
  config_["topic"] = "t";
  config_["batch.size"] = "abcd";
  EXPECT_THROW(task->start(config_), api::ConfigException);
}

}  // namespace
}  // namespace connectd::file
