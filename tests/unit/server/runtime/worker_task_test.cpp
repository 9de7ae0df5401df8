// WorkerSourceTask and WorkerSinkTask end to end against librdkafka's mock cluster.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "tests/unit/mock_cluster.h"
#include "server/api/errors.h"
#include "server/kafka/admin.h"
#include "server/kafka/consumer.h"
#include "server/kafka/producer.h"
#include "server/runtime/file_offset_backing_store.h"
#include "server/runtime/offset_utils.h"
#include "server/runtime/worker_sink_task.h"
#include "server/runtime/worker_source_task.h"
#include "test_plugins.h"

using connectd::api::OffsetMap;
using connectd::api::SinkRecord;
using connectd::api::SourceRecord;
using connectd::api::TopicPartition;
using connectd::api::Value;
using connectd::runtime::ConnectorTaskId;
using connectd::runtime::TargetState;
using connectd::testing::MockCluster;
using connectd::testing::waitUntil;

namespace {

class RecordingStatusListener : public connectd::runtime::TaskStatusListener {
 public:
  void onStartup(const ConnectorTaskId&) override { add("RUNNING"); }
  void onPause(const ConnectorTaskId&) override { add("PAUSED"); }
  void onResume(const ConnectorTaskId&) override { add("RUNNING"); }
  void onFailure(const ConnectorTaskId&, const std::string& trace) override {
    add("FAILED");
    std::lock_guard lock(mu_);
    trace_ = trace;
  }
  void onShutdown(const ConnectorTaskId&) override { add("UNASSIGNED"); }

  std::vector<std::string> states() const {
    std::lock_guard lock(mu_);
    return states_;
  }
  std::string last() const {
    std::lock_guard lock(mu_);
    return states_.empty() ? "" : states_.back();
  }
  std::string trace() const {
    std::lock_guard lock(mu_);
    return trace_;
  }

 private:
  void add(std::string s) {
    std::lock_guard lock(mu_);
    states_.push_back(std::move(s));
  }
  mutable std::mutex mu_;
  std::vector<std::string> states_;
  std::string trace_;
};

// Emits `total` records (10 per poll) with offsets {"pos": i} for partition {"file": "a"}.
class CountingSourceTask : public connectd::api::SourceTask {
 public:
  CountingSourceTask(std::string topic, int total, bool wants_commit_record = true)
      : topic_(std::move(topic)), total_(total), wants_commit_record_(wants_commit_record) {}
  std::string version() const override { return "1"; }
  void start(const connectd::api::ConfigMap&) override { started = true; }
  void poll(std::vector<SourceRecord>& out) override {
    if (next_ < total_) {
      for (int i = 0; i < 10 && next_ < total_; ++i, ++next_) {
        SourceRecord r({{"file", Value("a")}}, {{"pos", Value(int64_t{next_})}}, topic_, std::nullopt, nullptr,
                       Value("k" + std::to_string(next_)), nullptr, Value("v" + std::to_string(next_)));
        r.headers.addString("h", "x" + std::to_string(next_));
        out.push_back(std::move(r));
      }
      return;
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(50), [&] { return stopped.load(); });
  }
  void commit() override { ++commits; }
  void commitRecord(const SourceRecord&) override { ++acked; }
  bool wantsCommitRecord() const override { return wants_commit_record_; }
  void stop() override {
    stopped = true;
    cv_.notify_all();
  }

  std::atomic<bool> started{false};
  std::atomic<bool> stopped{false};
  std::atomic<int> commits{0};
  std::atomic<int> acked{0};

 private:
  std::string topic_;
  int total_;
  bool wants_commit_record_;
  int64_t next_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
};

class RecordingSinkTask : public connectd::api::SinkTask {
 public:
  explicit RecordingSinkTask(int retriable_failures) : retriable_failures_(retriable_failures) {}
  std::string version() const override { return "1"; }
  void start(const connectd::api::ConfigMap&) override {}
  void open(const std::vector<TopicPartition>& partitions) override { opened += static_cast<int>(partitions.size()); }
  void close(const std::vector<TopicPartition>& partitions) override { closed += static_cast<int>(partitions.size()); }
  void put(std::vector<SinkRecord>& records) override {
    if (records.empty()) return;
    ++put_calls;
    if (retriable_failures_ > 0) {
      --retriable_failures_;
      throw connectd::api::RetriableException("downstream busy");
    }
    std::lock_guard lock(mu_);
    for (const auto& r : records) received_.push_back(r);
  }
  void stop() override { stopped = true; }

  std::vector<SinkRecord> received() const {
    std::lock_guard lock(mu_);
    return received_;
  }

  std::atomic<int> opened{0};
  std::atomic<int> closed{0};
  std::atomic<int> put_calls{0};
  std::atomic<bool> stopped{false};

 private:
  int retriable_failures_;
  mutable std::mutex mu_;
  std::vector<SinkRecord> received_;
};

std::unique_ptr<connectd::runtime::RetryWithToleranceOperator> noTolerance() {
  return std::make_unique<connectd::runtime::RetryWithToleranceOperator>(0, 60000, false, false, false, "t-0");
}

std::string tempOffsetsPath(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("connectd_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  return path.string();
}

}  // namespace

TEST(WorkerSourceTaskTest, ProducesRecordsAndCommitsAckedOffsets) {
  MockCluster cluster;
  cluster.createTopic("source-out");
  auto store = std::make_shared<connectd::runtime::FileOffsetBackingStore>(tempOffsetsPath("source_offsets"));
  RecordingStatusListener listener;

  connectd::runtime::WorkerSourceTask::Components c;
  auto task = std::make_unique<CountingSourceTask>("source-out", 55);
  CountingSourceTask* task_ptr = task.get();
  c.task = std::move(task);
  c.key_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.header_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.retry_operator = noTolerance();
  c.producer_props = {{"bootstrap.servers", cluster.bootstraps()}, {"linger.ms", "5"}};
  c.offset_store = store;
  c.offset_flush_interval_ms = 100;
  std::vector<std::string> topics;
  std::mutex topics_mu;
  c.on_topic_used = [&](const std::string& t) {
    std::lock_guard lock(topics_mu);
    topics.push_back(t);
  };

  auto worker_task = std::make_shared<connectd::runtime::WorkerSourceTask>(ConnectorTaskId{"src", 0}, listener,
                                                                            TargetState::Started, std::move(c));
  worker_task->run();

  ASSERT_TRUE(waitUntil([&] { return task_ptr->acked.load() == 55; }));
  std::string key = connectd::runtime::OffsetUtils::keyFor("src", {{"file", Value("a")}});
  ASSERT_EQ(key, R"(["src",{"file":"a"}])");
  ASSERT_TRUE(waitUntil([&] {
    auto v = store->get({key});
    return v.count(key) && v.at(key) == R"({"pos":54})";
  }));
  EXPECT_TRUE(waitUntil([&] { return task_ptr->commits.load() > 0; }));

  worker_task->stop();
  ASSERT_TRUE(worker_task->awaitStop(10000));
  EXPECT_TRUE(task_ptr->stopped.load());
  EXPECT_EQ(listener.states(), (std::vector<std::string>{"RUNNING", "UNASSIGNED"}));
  {
    std::lock_guard lock(topics_mu);
    EXPECT_EQ(topics, std::vector<std::string>{"source-out"});
  }

  // The records landed in order with their keys, values and headers.
  connectd::kafka::Consumer consumer({{"bootstrap.servers", cluster.bootstraps()}, {"group.id", "verify"}});
  consumer.assign({{TopicPartition{"source-out", 0}, RD_KAFKA_OFFSET_BEGINNING}});
  std::vector<connectd::kafka::ConsumerMessage> msgs;
  ASSERT_TRUE(waitUntil([&] {
    consumer.poll(msgs, 100, 100);
    return msgs.size() >= 55;
  }));
  for (int i = 0; i < 55; ++i) {
    EXPECT_EQ(*msgs[i].key(), "k" + std::to_string(i));
    EXPECT_EQ(*msgs[i].value(), "v" + std::to_string(i));
    auto headers = msgs[i].headers();
    ASSERT_EQ(headers.size(), 1u);
    EXPECT_EQ(headers[0].first, "h");
    EXPECT_EQ(*headers[0].second, "x" + std::to_string(i));
  }
  consumer.close();
}

// A task that does not want commitRecord() calls: the runtime keeps only each record's offset
// while it is in flight; offsets still commit in order and the topic is still reported used.
TEST(WorkerSourceTaskTest, TaskWithoutCommitRecordStillCommitsOffsets) {
  MockCluster cluster;
  cluster.createTopic("source-lean");
  auto store = std::make_shared<connectd::runtime::FileOffsetBackingStore>(tempOffsetsPath("source_lean"));
  RecordingStatusListener listener;
  connectd::runtime::WorkerSourceTask::Components c;
  auto task = std::make_unique<CountingSourceTask>("source-lean", 55, false);
  CountingSourceTask* task_ptr = task.get();
  c.task = std::move(task);
  c.key_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.header_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.retry_operator = noTolerance();
  c.producer_props = {{"bootstrap.servers", cluster.bootstraps()}, {"linger.ms", "5"}};
  c.offset_store = store;
  c.offset_flush_interval_ms = 100;
  std::atomic<int> topics_used{0};
  c.on_topic_used = [&](const std::string& t) {
    if (t == "source-lean") ++topics_used;
  };
  auto worker_task = std::make_shared<connectd::runtime::WorkerSourceTask>(ConnectorTaskId{"lean", 0}, listener,
                                                                            TargetState::Started, std::move(c));
  worker_task->run();
  std::string key = connectd::runtime::OffsetUtils::keyFor("lean", {{"file", Value("a")}});
  ASSERT_TRUE(waitUntil([&] {
    auto v = store->get({key});
    return v.count(key) && v.at(key) == R"({"pos":54})";
  }));
  worker_task->stop();
  ASSERT_TRUE(worker_task->awaitStop(10000));
  EXPECT_EQ(task_ptr->acked.load(), 0);
  EXPECT_EQ(topics_used.load(), 1);

  connectd::kafka::Consumer consumer({{"bootstrap.servers", cluster.bootstraps()}, {"group.id", "verify"}});
  consumer.assign({{TopicPartition{"source-lean", 0}, RD_KAFKA_OFFSET_BEGINNING}});
  std::vector<connectd::kafka::ConsumerMessage> msgs;
  ASSERT_TRUE(waitUntil([&] {
    consumer.poll(msgs, 100, 100);
    return msgs.size() >= 55;
  }));
  for (int i = 0; i < 55; ++i) EXPECT_EQ(*msgs[i].value(), "v" + std::to_string(i));
  consumer.close();
}

TEST(WorkerSourceTaskTest, ConverterFailureFailsTaskWithToleranceNone) {
  MockCluster cluster;
  cluster.createTopic("source-bad");
  RecordingStatusListener listener;
  struct FailingConverter : connectd::testing::PlainStringConverter {
    bool fromConnectData(std::string_view, const connectd::api::SchemaPtr&, const Value&, std::string&) override {
      throw connectd::api::DataException("cannot serialize");
    }
  };
  connectd::runtime::WorkerSourceTask::Components c;
  auto task = std::make_unique<CountingSourceTask>("source-bad", 5);
  CountingSourceTask* task_ptr = task.get();
  c.task = std::move(task);
  c.key_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter = std::make_unique<FailingConverter>();
  c.header_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter_class = "test.FailingConverter";
  c.retry_operator = noTolerance();
  c.producer_props = {{"bootstrap.servers", cluster.bootstraps()}};
  c.offset_store = std::make_shared<connectd::runtime::FileOffsetBackingStore>(tempOffsetsPath("source_bad"));
  auto worker_task = std::make_shared<connectd::runtime::WorkerSourceTask>(ConnectorTaskId{"bad", 0}, listener,
                                                                            TargetState::Started, std::move(c));
  worker_task->run();
  ASSERT_TRUE(waitUntil([&] { return listener.last() == "FAILED"; }));
  ASSERT_TRUE(worker_task->awaitStop(10000));
  EXPECT_TRUE(task_ptr->stopped.load());
  EXPECT_EQ(listener.trace(),
            "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n"
            "Caused by: org.apache.kafka.connect.errors.DataException: cannot serialize\n");
}

// A record with no topic and no value that carries an offset (what a CDC source returns after
// reading past filtered changes) is committed without producing anything.
TEST(WorkerSourceTaskTest, OffsetOnlyRecordsCommitTheirOffsetWithoutProducing) {
  class OffsetOnlyTask : public connectd::api::SourceTask {
   public:
    std::string version() const override { return "1"; }
    void start(const connectd::api::ConfigMap&) override {}
    void poll(std::vector<SourceRecord>& out) override {
      if (!sent_) {
        SourceRecord r;
        r.sourcePartition = {{"server", Value("s")}};
        r.sourceOffset = {{"pos", Value(int64_t{42})}};
        out.push_back(std::move(r));
        sent_ = true;
        return;
      }
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(50), [&] { return stopped_.load(); });
    }
    void stop() override {
      stopped_ = true;
      cv_.notify_all();
    }

   private:
    bool sent_ = false;
    std::atomic<bool> stopped_{false};
    std::mutex mu_;
    std::condition_variable cv_;
  };
  MockCluster cluster;
  auto store = std::make_shared<connectd::runtime::FileOffsetBackingStore>(tempOffsetsPath("offset_only"));
  RecordingStatusListener listener;
  connectd::runtime::WorkerSourceTask::Components c;
  c.task = std::make_unique<OffsetOnlyTask>();
  c.key_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.header_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.retry_operator = noTolerance();
  c.producer_props = {{"bootstrap.servers", cluster.bootstraps()}};
  c.offset_store = store;
  c.offset_flush_interval_ms = 100;
  std::atomic<int> topics_used{0};
  c.on_topic_used = [&](const std::string&) { ++topics_used; };
  auto worker_task = std::make_shared<connectd::runtime::WorkerSourceTask>(ConnectorTaskId{"oo", 0}, listener,
                                                                            TargetState::Started, std::move(c));
  worker_task->run();
  std::string key = connectd::runtime::OffsetUtils::keyFor("oo", {{"server", Value("s")}});
  ASSERT_TRUE(waitUntil([&] {
    auto v = store->get({key});
    return v.count(key) && v.at(key) == R"({"pos":42})";
  }));
  worker_task->stop();
  ASSERT_TRUE(worker_task->awaitStop(10000));
  EXPECT_EQ(topics_used.load(), 0);
  EXPECT_EQ(listener.states(), (std::vector<std::string>{"RUNNING", "UNASSIGNED"}));
}

TEST(WorkerSinkTaskTest, DeliversBatchesRedeliversAfterRetriableAndCommits) {
  MockCluster cluster;
  cluster.createTopic("sink-in");
  {
    connectd::kafka::Producer producer({{"bootstrap.servers", cluster.bootstraps()}}, {});
    for (int i = 0; i < 30; ++i) {
      std::string k = "k" + std::to_string(i);
      std::string v = "v" + std::to_string(i);
      ASSERT_EQ(producer.send("sink-in", 0, k, v, {{"h", std::string_view("x")}}, 0, nullptr),
                RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    ASSERT_EQ(producer.flush(10000), RD_KAFKA_RESP_ERR_NO_ERROR);
  }

  RecordingStatusListener listener;
  connectd::runtime::WorkerSinkTask::Components c;
  auto task = std::make_unique<RecordingSinkTask>(1);
  RecordingSinkTask* task_ptr = task.get();
  c.task = std::move(task);
  c.key_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.header_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.retry_operator = noTolerance();
  c.consumer_props = {{"bootstrap.servers", cluster.bootstraps()},
                      {"group.id", "connect-sinktest"},
                      {"enable.auto.commit", "false"},
                      {"auto.offset.reset", "earliest"}};
  c.topics = {"sink-in"};
  c.offset_flush_interval_ms = 200;
  auto worker_task = std::make_shared<connectd::runtime::WorkerSinkTask>(ConnectorTaskId{"sink", 0}, listener,
                                                                          TargetState::Started, std::move(c));
  worker_task->run();

  ASSERT_TRUE(waitUntil([&] { return task_ptr->received().size() == 30; }));
  EXPECT_GE(task_ptr->put_calls.load(), 2);  // the first batch failed once and came again
  auto received = task_ptr->received();
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(received[i].key.asString(), "k" + std::to_string(i));
    EXPECT_EQ(received[i].value.asString(), "v" + std::to_string(i));
    EXPECT_EQ(received[i].kafkaOffset, i);
    EXPECT_EQ(received[i].originalTopic, "sink-in");
    ASSERT_NE(received[i].headers.lastWithName("h"), nullptr);
  }
  EXPECT_EQ(task_ptr->opened.load(), 1);

  worker_task->stop();
  ASSERT_TRUE(worker_task->awaitStop(10000));
  EXPECT_TRUE(task_ptr->stopped.load());
  EXPECT_EQ(task_ptr->closed.load(), 1);
  EXPECT_EQ(listener.states(), (std::vector<std::string>{"RUNNING", "UNASSIGNED"}));

  // The final synchronous commit covers every delivered record. (The mock cluster cannot list
  // a group's offsets without naming partitions, so ask as a group member would.)
  connectd::kafka::Consumer probe({{"bootstrap.servers", cluster.bootstraps()}, {"group.id", "connect-sinktest"}});
  auto committed = probe.committed({TopicPartition{"sink-in", 0}}, 10000);
  ASSERT_EQ(committed.count(TopicPartition{"sink-in", 0}), 1u);
  EXPECT_EQ(committed.at(TopicPartition{"sink-in", 0}), 30);
  probe.close();
}

TEST(WorkerSinkTaskTest, PausedTargetStateStopsDeliveryUntilResumed) {
  MockCluster cluster;
  cluster.createTopic("sink-pause");
  connectd::kafka::Producer producer({{"bootstrap.servers", cluster.bootstraps()}}, {});
  auto produce = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      std::string v = "v" + std::to_string(i);
      ASSERT_EQ(producer.send("sink-pause", 0, std::nullopt, v, {}, 0, nullptr), RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    ASSERT_EQ(producer.flush(10000), RD_KAFKA_RESP_ERR_NO_ERROR);
  };
  produce(0, 5);

  RecordingStatusListener listener;
  connectd::runtime::WorkerSinkTask::Components c;
  auto task = std::make_unique<RecordingSinkTask>(0);
  RecordingSinkTask* task_ptr = task.get();
  c.task = std::move(task);
  c.key_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.value_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.header_converter = std::make_unique<connectd::testing::PlainStringConverter>();
  c.retry_operator = noTolerance();
  c.consumer_props = {{"bootstrap.servers", cluster.bootstraps()},
                      {"group.id", "connect-pausetest"},
                      {"enable.auto.commit", "false"},
                      {"auto.offset.reset", "earliest"}};
  c.topics = {"sink-pause"};
  auto worker_task = std::make_shared<connectd::runtime::WorkerSinkTask>(ConnectorTaskId{"p", 0}, listener,
                                                                          TargetState::Started, std::move(c));
  worker_task->run();
  ASSERT_TRUE(waitUntil([&] { return task_ptr->received().size() == 5; }));

  worker_task->transitionTo(TargetState::Paused);
  ASSERT_TRUE(waitUntil([&] { return listener.last() == "PAUSED"; }));
  produce(5, 10);
  // While paused nothing new is delivered; resuming delivers the rest exactly once.
  worker_task->transitionTo(TargetState::Started);
  ASSERT_TRUE(waitUntil([&] { return task_ptr->received().size() == 10; }));
  EXPECT_EQ(listener.last(), "RUNNING");
  auto received = task_ptr->received();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(received[i].value.asString(), "v" + std::to_string(i));

  worker_task->stop();
  ASSERT_TRUE(worker_task->awaitStop(10000));
}
