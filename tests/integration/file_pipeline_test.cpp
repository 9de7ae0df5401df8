// FileStreamSource -> Kafka -> FileStreamSink through a standalone connectd, with an SMT in the
// chain, and a restart that resumes the source from the offset file without duplicates.

#include <gtest/gtest.h>

#include "tests/integration/harness.h"

namespace connectd::it {
namespace {

std::vector<std::string> numbered(const std::string& prefix, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back(prefix + "-" + std::to_string(i));
  return out;
}

std::vector<std::string> values(const std::vector<KafkaRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.value.value_or("<null>"));
  return out;
}

TEST(FilePipelineTest, RoundTripThroughKafkaWithRegexRouter) {
  auto dir = scratchDir("pipeline");
  auto in = dir / "in.txt";
  auto out = dir / "out.txt";
  auto raw_topic = uniqueName("lines") + "-raw";
  auto routed_topic = raw_topic.substr(0, raw_topic.size() - 4) + "-routed";
  createTopic(routed_topic);
  Connectd w(dir, {});
  w.start();
  w.waitReady();

  auto lines = numbered("line", 0, 500);
  appendLines(in, lines);
  auto r = w.post("/connectors",
                  {{"name", "file-source"},
                   {"config",
                    {{"connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"},
                     {"file", in.string()},
                     {"topic", raw_topic},
                     {"transforms", "route"},
                     {"transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"},
                     {"transforms.route.regex", "(.*)-raw"},
                     {"transforms.route.replacement", "$1-routed"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = w.post("/connectors", {{"name", "file-sink"},
                             {"config",
                              {{"connector.class", "FileStreamSink"},
                               {"file", out.string()},
                               {"topics", routed_topic}}}});
  ASSERT_EQ(r.status, 201) << r.body;

  // The router sent every line to the routed topic, in order.
  auto records = consume(routed_topic, lines.size());
  EXPECT_EQ(values(records), lines);
  ASSERT_TRUE(waitFor([&] { return readLines(out).size() >= lines.size(); })) << w.log();
  EXPECT_EQ(readLines(out), lines);

  // More data flows through the running pipeline.
  auto more = numbered("more", 0, 100);
  appendLines(in, more);
  ASSERT_TRUE(waitFor([&] { return readLines(out).size() >= lines.size() + more.size(); })) << w.log();
  auto all = lines;
  all.insert(all.end(), more.begin(), more.end());
  EXPECT_EQ(readLines(out), all);

  // The sink commits its progress in its consumer group connect-<name>.
  EXPECT_TRUE(waitFor([&] { return committedOffset("connect-file-sink", routed_topic) == 600; }))
      << committedOffset("connect-file-sink", routed_topic);
  EXPECT_EQ(w.get("/connectors/file-sink/status").json()["tasks"][0]["state"], "RUNNING");
  EXPECT_EQ(w.stop(), 0) << w.log();
}

TEST(FilePipelineTest, RestartResumesSourceFromOffsetFileWithoutDuplicates) {
  auto dir = scratchDir("resume");
  auto in = dir / "in.txt";
  auto topic = uniqueName("resume");
  std::map<std::string, std::string> source = {{"name", "resume-source"},
                                               {"connector.class", "FileStreamSource"},
                                               {"file", in.string()},
                                               {"topic", topic}};
  auto first = numbered("first", 0, 200);
  appendLines(in, first);
  {
    Connectd w(dir, {}, {source});
    w.start();
    w.waitReady();
    ASSERT_TRUE(w.waitForState("resume-source", "RUNNING")) << w.log();
    ASSERT_EQ(consume(topic, first.size()).size(), first.size());
    // Give the offset flush (interval 500 ms) a chance, then stop cleanly: the final flush
    // on shutdown must record everything that was acknowledged.
    EXPECT_EQ(w.stop(), 0) << w.log();
  }
  auto second = numbered("second", 0, 200);
  appendLines(in, second);
  {
    Connectd w(dir, {}, {source});
    w.start();
    w.waitReady();
    auto records = consume(topic, first.size() + second.size());
    auto expected = first;
    expected.insert(expected.end(), second.begin(), second.end());
    EXPECT_EQ(values(records), expected);
    // Nothing more arrives: no line was sent twice.
    EXPECT_EQ(consume(topic, expected.size() + 1, 5s).size(), expected.size());
    EXPECT_EQ(w.stop(), 0) << w.log();
  }
}

TEST(FilePipelineTest, FailedTaskReportsReadableTrace) {
  auto dir = scratchDir("failed");
  Connectd w(dir, {});
  w.start();
  w.waitReady();
  // A sink whose transform chain cannot handle the records: StringConverter gives the value an
  // optional STRING schema, and InsertField$Value needs a Struct when a schema is present.
  auto topic = uniqueName("bad");
  produce(topic, {{std::nullopt, "plain string"}});
  auto r = w.post("/connectors", {{"name", "bad-sink"},
                                  {"config",
                                   {{"connector.class", "FileStreamSink"},
                                    {"file", (dir / "out.txt").string()},
                                    {"topics", topic},
                                    {"transforms", "insert"},
                                    {"transforms.insert.type", "org.apache.kafka.connect.transforms.InsertField$Value"},
                                    {"transforms.insert.static.field", "f"},
                                    {"transforms.insert.static.value", "v"}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_TRUE(waitFor([&] {
    auto s = w.get("/connectors/bad-sink/status").json();
    return s["tasks"].size() == 1 && s["tasks"][0]["state"] == "FAILED";
  })) << w.get("/connectors/bad-sink/status").body;
  auto s = w.get("/connectors/bad-sink/status").json();
  EXPECT_EQ(s["connector"]["state"], "RUNNING");
  auto trace = s["tasks"][0]["trace"].get<std::string>();
  EXPECT_NE(trace.find("org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler"),
            std::string::npos)
      << trace;
  EXPECT_NE(trace.find("Caused by: org.apache.kafka.connect.errors.DataException: Only Struct objects supported "
                       "for [field insertion], found: java.lang.String"),
            std::string::npos)
      << trace;
  // Restarting the failed task with onlyFailed picks it (and fails it again on the same record).
  r = w.post("/connectors/bad-sink/restart?includeTasks=true&onlyFailed=true", Json());
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json()["connector"]["state"], "RUNNING");
  EXPECT_EQ(r.json()["tasks"][0]["state"], "RESTARTING");
  EXPECT_EQ(w.stop(), 0) << w.log();
}

}  // namespace
}  // namespace connectd::it
