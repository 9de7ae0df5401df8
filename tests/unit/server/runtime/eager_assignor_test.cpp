#include "server/runtime/eager_assignor.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

// Expected hex strings are the serialized assignments Kafka 3.9.1's EagerAssignor produced for
// the same members and config snapshot (JDK >= 19). Layout: see connect_protocol_test.cpp.

namespace connectd::runtime {
namespace {

using Member = EagerAssignor::Member;

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0xF]);
  }
  return out;
}

Member member(const std::string& id, const std::string& url, int64_t offset) {
  return Member{id, ConnectWorkerState{url, offset, std::nullopt}};
}

ClusterConfigState snapshot(int64_t offset, const std::map<std::string, int>& task_counts,
                            const std::set<std::string>& inconsistent = {}) {
  std::map<std::string, ConfigMap> configs;
  for (const auto& [name, count] : task_counts) configs[name] = {};
  return ClusterConfigState(offset, task_counts, configs, {}, {}, inconsistent, {});
}

std::string wire(const ConnectAssignment& a) {
  return hex(connect_protocol::serializeAssignment(a));
}

TEST(EagerAssignorTest, SingleMemberGetsEveryConnectorAndTask) {
  const auto out = EagerAssignor::assign("w1", {member("w1", "http://w1:8083/", 5)},
                                         snapshot(5, {{"a", 2}, {"b", 1}}));
  ASSERT_EQ(out.size(), 1u);
  const ConnectAssignment& a = out.at("w1");
  EXPECT_EQ(a.version, 0);
  EXPECT_EQ(a.error, ConnectAssignment::kNoError);
  EXPECT_EQ(a.leader, "w1");
  EXPECT_EQ(a.leader_url, "http://w1:8083/");
  EXPECT_EQ(a.config_offset, 5);
  EXPECT_EQ(a.connectors, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(a.tasks, (std::vector<ConnectorTaskId>{{"a", 0}, {"a", 1}, {"b", 0}}));
  EXPECT_EQ(wire(a),
            "0000000000027731000f687474703a2f2f77313a383038332f000000000000000500000002000161000000"
            "03ffffffff0000"
            "00000000000100016200000002ffffffff00000000");
}

TEST(EagerAssignorTest, RoundRobinsConnectorsThenTasksOverMembersSortedById) {
  // Members arrive unsorted; the leader is not the first member.
  const std::vector<Member> members = {member("w3", "http://w3:8083/", 5),
                                       member("w1", "http://w1:8083/", 5),
                                       member("w2", "http://w2:8083/", 5)};
  const auto out =
      EagerAssignor::assign("w2", members, snapshot(5, {{"c", 2}, {"a", 3}, {"b", 1}}));
  ASSERT_EQ(out.size(), 3u);
  // Connectors a, b, c go to w1, w2, w3; the tasks continue the same rotation from w1.
  EXPECT_EQ(out.at("w1").connectors, (std::vector<std::string>{"a"}));
  EXPECT_EQ(out.at("w1").tasks, (std::vector<ConnectorTaskId>{{"a", 0}, {"b", 0}}));
  EXPECT_EQ(out.at("w2").connectors, (std::vector<std::string>{"b"}));
  EXPECT_EQ(out.at("w2").tasks, (std::vector<ConnectorTaskId>{{"a", 1}, {"c", 0}}));
  EXPECT_EQ(out.at("w3").connectors, (std::vector<std::string>{"c"}));
  EXPECT_EQ(out.at("w3").tasks, (std::vector<ConnectorTaskId>{{"a", 2}, {"c", 1}}));
  for (const auto& [id, a] : out) {
    EXPECT_EQ(a.leader, "w2") << id;
    EXPECT_EQ(a.leader_url, "http://w2:8083/") << id;
    EXPECT_EQ(a.config_offset, 5) << id;
  }
  EXPECT_EQ(wire(out.at("w1")),
            "0000000000027732000f687474703a2f2f77323a383038332f000000000000000500000002000161000000"
            "02ffffffff0000"
            "00000001620000000100000000");
  EXPECT_EQ(wire(out.at("w2")),
            "0000000000027732000f687474703a2f2f77323a383038332f000000000000000500000003000162000000"
            "01ffffffff0001"
            "6100000001000000010001630000000100000000");
  EXPECT_EQ(wire(out.at("w3")),
            "0000000000027732000f687474703a2f2f77323a383038332f000000000000000500000002000163000000"
            "02ffffffff0000"
            "00010001610000000100000002");
}

TEST(EagerAssignorTest, ContinuesTheRotationAcrossConnectorsWithoutTasks) {
  const std::vector<Member> members = {member("connect-2-ccc", "http://c:8083/", 12),
                                       member("connect-1-bbb", "http://b:8083/", 12),
                                       member("connect-1-aaa", "http://a:8083/", 11)};
  const auto out = EagerAssignor::assign(
      "connect-2-ccc", members, snapshot(12, {{"sink-a", 1}, {"source-b", 4}, {"x", 0}, {"y", 2}}));
  const ConnectAssignment& m1 = out.at("connect-1-aaa");
  const ConnectAssignment& m2 = out.at("connect-1-bbb");
  const ConnectAssignment& m3 = out.at("connect-2-ccc");
  EXPECT_EQ(m1.connectors, (std::vector<std::string>{"sink-a", "y"}));
  EXPECT_EQ(m1.tasks, (std::vector<ConnectorTaskId>{{"source-b", 1}, {"y", 0}}));
  EXPECT_EQ(m2.connectors, (std::vector<std::string>{"source-b"}));
  EXPECT_EQ(m2.tasks, (std::vector<ConnectorTaskId>{{"sink-a", 0}, {"source-b", 2}, {"y", 1}}));
  EXPECT_EQ(m3.connectors, (std::vector<std::string>{"x"}));
  EXPECT_EQ(m3.tasks, (std::vector<ConnectorTaskId>{{"source-b", 0}, {"source-b", 3}}));
  EXPECT_EQ(m1.config_offset, 12);
  EXPECT_EQ(wire(m1),
            "00000000000d636f6e6e6563742d322d636363000e687474703a2f2f633a383038332f000000000000000c"
            "00000003000179"
            "00000002ffffffff00000000000673696e6b2d6100000001ffffffff0008736f757263652d620000000100"
            "000001");
  EXPECT_EQ(wire(m2),
            "00000000000d636f6e6e6563742d322d636363000e687474703a2f2f633a383038332f000000000000000c"
            "00000003000873"
            "6f757263652d6200000002ffffffff00000002000673696e6b2d6100000001000000000001790000000100"
            "000001");
  EXPECT_EQ(wire(m3),
            "00000000000d636f6e6e6563742d322d636363000e687474703a2f2f633a383038332f000000000000000c"
            "00000002000178"
            "00000001ffffffff0008736f757263652d62000000020000000000000003");
}

TEST(EagerAssignorTest, SendsConfigMismatchToEveryoneWhenTheLeaderIsBehind) {
  const std::vector<Member> members = {member("w1", "http://w1:8083/", 4),
                                       member("w2", "http://w2:8083/", 9)};
  const auto out = EagerAssignor::assign("w1", members, snapshot(4, {{"a", 2}}));
  ASSERT_EQ(out.size(), 2u);
  for (const auto& [id, a] : out) {
    EXPECT_EQ(a.error, ConnectAssignment::kConfigMismatch) << id;
    EXPECT_TRUE(a.failed()) << id;
    EXPECT_EQ(a.config_offset, 9) << id;
    EXPECT_EQ(a.leader, "w1") << id;
    EXPECT_EQ(a.leader_url, "http://w1:8083/") << id;
    EXPECT_TRUE(a.connectors.empty()) << id;
    EXPECT_TRUE(a.tasks.empty()) << id;
    EXPECT_EQ(wire(a), "0000000100027731000f687474703a2f2f77313a383038332f000000000000000900000000")
        << id;
  }
}

TEST(EagerAssignorTest, UsesAFreshSnapshotThatHasCaughtUp) {
  const std::vector<Member> members = {member("w1", "http://w1:8083/", 4),
                                       member("w2", "http://w2:8083/", 9)};
  int calls = 0;
  const auto out = EagerAssignor::assign("w1", members, snapshot(4, {{"a", 2}}), [&] {
    ++calls;
    return snapshot(10, {{"a", 2}, {"b", 1}});
  });
  EXPECT_EQ(calls, 1);
  // The fresh snapshot's offset and connectors are used.
  EXPECT_EQ(out.at("w1").error, ConnectAssignment::kNoError);
  EXPECT_EQ(out.at("w1").config_offset, 10);
  EXPECT_EQ(out.at("w1").connectors, (std::vector<std::string>{"a"}));
  EXPECT_EQ(out.at("w1").tasks, (std::vector<ConnectorTaskId>{{"a", 0}, {"b", 0}}));
  EXPECT_EQ(out.at("w2").connectors, (std::vector<std::string>{"b"}));
  EXPECT_EQ(out.at("w2").tasks, (std::vector<ConnectorTaskId>{{"a", 1}}));
  EXPECT_EQ(wire(out.at("w2")),
            "0000000000027731000f687474703a2f2f77313a383038332f000000000000000a00000002000162000000"
            "01ffffffff0001"
            "610000000100000001");
}

TEST(EagerAssignorTest, SendsConfigMismatchWhenTheFreshSnapshotIsStillBehind) {
  const std::vector<Member> members = {member("w1", "http://w1:8083/", 4),
                                       member("w2", "http://w2:8083/", 9)};
  const auto out = EagerAssignor::assign("w1", members, snapshot(4, {{"a", 2}}), [] {
    return snapshot(8, {{"a", 2}});
  });
  EXPECT_EQ(out.at("w1").error, ConnectAssignment::kConfigMismatch);
  EXPECT_EQ(out.at("w2").config_offset, 9);
}

TEST(EagerAssignorTest, LabelsAssignmentsWithTheMaxMemberOffsetWhenTheLeaderIsAhead) {
  const std::vector<Member> members = {member("w1", "http://w1:8083/", 4),
                                       member("w2", "http://w2:8083/", 3)};
  bool fresh_called = false;
  // b is inconsistent: its connector is assigned, its tasks are not.
  const auto out =
      EagerAssignor::assign("w1", members, snapshot(7, {{"a", 2}, {"b", 1}}, {"b"}), [&] {
        fresh_called = true;
        return snapshot(7, {});
      });
  EXPECT_FALSE(fresh_called);
  EXPECT_EQ(out.at("w1").config_offset, 4);
  EXPECT_EQ(out.at("w1").connectors, (std::vector<std::string>{"a"}));
  EXPECT_EQ(out.at("w1").tasks, (std::vector<ConnectorTaskId>{{"a", 0}}));
  EXPECT_EQ(out.at("w2").connectors, (std::vector<std::string>{"b"}));
  EXPECT_EQ(out.at("w2").tasks, (std::vector<ConnectorTaskId>{{"a", 1}}));
  EXPECT_EQ(wire(out.at("w1")),
            "0000000000027731000f687474703a2f2f77313a383038332f000000000000000400000001000161000000"
            "02ffffffff0000"
            "0000");
}

TEST(EagerAssignorTest, OffsetAndCountsOverloadMatchesTheSnapshotOverload) {
  const std::vector<Member> members = {member("b", "http://b/", 3), member("a", "http://a/", 3),
                                       member("c", "http://c/", 2)};
  const std::map<std::string, int> counts = {{"s1", 3}, {"s2", 1}, {"s3", 2}};
  EXPECT_EQ(EagerAssignor::assign("a", members, 3, {"s1", "s2", "s3"}, counts),
            EagerAssignor::assign("a", members, snapshot(3, counts)));
  // A connector without a task count has no tasks.
  const auto out = EagerAssignor::assign("a", members, 3, {"s1", "s4"}, {{"s1", 1}});
  EXPECT_EQ(out.at("a").connectors, (std::vector<std::string>{"s1"}));
  EXPECT_EQ(out.at("b").connectors, (std::vector<std::string>{"s4"}));
  EXPECT_EQ(out.at("c").tasks, (std::vector<ConnectorTaskId>{{"s1", 0}}));
}

TEST(EagerAssignorTest, RejectsALeaderThatIsNotAMember) {
  EXPECT_THROW(EagerAssignor::assign("w9", {member("w1", "u", 0)}, snapshot(0, {})),
               std::invalid_argument);
}

}  // namespace
}  // namespace connectd::runtime
