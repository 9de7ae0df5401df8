#include "connectors/file/file_stream_sink_task.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/api/struct.h"
#include "temp_dir.h"

namespace connectd::file {
namespace {

using testing::appendTo;
using testing::readAll;
using testing::TempDir;

api::SinkRecord record(const std::string& topic, api::SchemaPtr schema, api::Value value,
                       int64_t offset) {
  api::SinkRecord r;
  r.topic = topic;
  r.kafkaPartition = 0;
  r.valueSchema = std::move(schema);
  r.value = std::move(value);
  r.kafkaOffset = offset;
  return r;
}

// FileStreamSinkTaskTest.testStart.
TEST(FileStreamSinkTaskTest, AppendsLinesToFileOnFlush) {
  TempDir dir;
  std::string path = dir.file("connect.output");
  FileStreamSinkTask task;
  task.start({{"file", path}});

  std::vector<api::SinkRecord> batch{record("topic1", api::schemas::string(), "line0", 1)};
  task.put(batch);
  task.flush({{{"topic1", 0}, 1}});
  EXPECT_EQ("line0\n", readAll(path));

  batch = {record("topic1", api::schemas::string(), "line1", 2),
           record("topic2", api::schemas::string(), "line2", 1)};
  task.put(batch);
  task.flush({{{"topic1", 0}, 2}, {{"topic2", 0}, 1}});
  EXPECT_EQ("line0\nline1\nline2\n", readAll(path));
  task.stop();
}

TEST(FileStreamSinkTaskTest, AppendsToExistingContent) {
  TempDir dir;
  std::string path = dir.file("existing");
  appendTo(path, "before\n");
  FileStreamSinkTask task;
  task.start({{"file", path}});
  std::vector<api::SinkRecord> batch{record("t", api::schemas::string(), "after", 0)};
  task.put(batch);
  task.stop();
  EXPECT_EQ("before\nafter\n", readAll(path));
}

TEST(FileStreamSinkTaskTest, WritesJavaToStringOfNonStringValues) {
  TempDir dir;
  std::string path = dir.file("values");
  FileStreamSinkTask task;
  task.start({{"file", path}});
  api::SchemaPtr schema = api::SchemaBuilder::structBuilder()
                              .field("id", api::schemas::int32())
                              .field("name", api::schemas::string())
                              .build();
  auto s = std::make_shared<api::Struct>(schema);
  s->put("id", int32_t{1}).put("name", "a");
  std::vector<api::SinkRecord> batch{record("t", nullptr, api::Value(), 0),
                                     record("t", api::schemas::int64(), int64_t{42}, 1),
                                     record("t", schema, api::Value(s), 2)};
  task.put(batch);
  task.flush({});
  EXPECT_EQ("null\n42\n" + s->toString() + "\n", readAll(path));
  task.stop();
}

// FileStreamSinkTaskTest.testPutFlush, with a pipe standing in for stdout.
TEST(FileStreamSinkTaskTest, WritesToStandardOutputWhenNoFile) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  FileStreamSinkTask task(FileStreamSinkTask::Options{fds[1]});
  task.start({});
  std::vector<api::SinkRecord> batch{record("topic1", api::schemas::string(), "line1", 1)};
  task.put(batch);
  task.flush({});
  task.stop();
  ::close(fds[1]);
  std::string out;
  char buf[64];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  EXPECT_EQ("line1\n", out);
}

TEST(FileStreamSinkTaskTest, StopFlushesBufferedLines) {
  TempDir dir;
  std::string path = dir.file("stop");
  FileStreamSinkTask task;
  task.start({{"file", path}});
  std::vector<api::SinkRecord> batch{record("t", api::schemas::string(), "pending", 0)};
  task.put(batch);
  EXPECT_EQ("", readAll(path));
  task.stop();
  EXPECT_EQ("pending\n", readAll(path));
}

TEST(FileStreamSinkTaskTest, StartFailsWhenFileCannotBeCreated) {
  TempDir dir;
  std::string path = dir.file("missing-dir/out");
  FileStreamSinkTask task;
  try {
    task.start({{"file", path}});
    FAIL() << "expected ConnectException";
  } catch (const api::ConnectException& e) {
    EXPECT_EQ(0u, std::string(e.what()).rfind(
                      "Couldn't find or create file '" + path + "' for FileStreamSinkTask", 0))
        << e.what();
  }
}

}  // namespace
}  // namespace connectd::file
