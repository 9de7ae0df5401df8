#include "server/kafka/group_membership.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "server/api/errors.h"
#include "server/kafka/broker_connection.h"
#include "tests/unit/mock_cluster.h"

namespace connectd::kafka {
namespace {

using namespace std::chrono_literals;
using connectd::testing::MockCluster;

// librdkafka's mock coordinator elects a leader 3 s after the first JoinGroup and
// session.timeout.ms - 1 s after a later one; a short session keeps the tests quick.
constexpr int kSessionTimeoutMs = 3000;
constexpr auto kRoundTimeout = 30s;

struct Completion {
  int generation;
  std::string member_id;
  std::string protocol;
  std::string assignment;
};

// Records every callback; the leader gives each member "assignment-for-" + its metadata.
class RecordingHandler : public GroupMembership::Handler {
 public:
  explicit RecordingHandler(std::string name) : name_(std::move(name)) {}

  // Runs at the start of performAssignment (leader only), on the leader's poll thread.
  void beforeAssignment(std::function<void(const std::string& leader_id, size_t members)> hook) {
    before_assignment_ = std::move(hook);
  }

  std::vector<GroupProtocol> metadata() override { return {{"default", "meta-" + name_}}; }
  void onJoinPrepare(int generation, const std::string& member_id) override {
    std::lock_guard lock(mu_);
    prepares_.emplace_back(generation, member_id);
  }
  std::map<std::string, std::string> performAssignment(
      const std::string& leader_id, const std::string& protocol,
      const std::vector<JoinedMember>& members) override {
    if (before_assignment_) before_assignment_(leader_id, members.size());
    std::lock_guard lock(mu_);
    leader_rounds_.push_back(members);
    last_leader_id_ = leader_id;
    last_leader_protocol_ = protocol;
    std::map<std::string, std::string> out;
    for (const auto& m : members) out[m.member_id] = "assignment-for-" + m.metadata;
    return out;
  }
  void onJoinComplete(int generation, const std::string& member_id, const std::string& protocol,
                      const std::string& assignment) override {
    std::lock_guard lock(mu_);
    completions_.push_back({generation, member_id, protocol, assignment});
  }

  size_t completions() const {
    std::lock_guard lock(mu_);
    return completions_.size();
  }
  Completion lastCompletion() const {
    std::lock_guard lock(mu_);
    return completions_.back();
  }
  std::vector<std::pair<int, std::string>> prepares() const {
    std::lock_guard lock(mu_);
    return prepares_;
  }
  std::vector<std::vector<JoinedMember>> leaderRounds() const {
    std::lock_guard lock(mu_);
    return leader_rounds_;
  }
  std::string lastLeaderId() const {
    std::lock_guard lock(mu_);
    return last_leader_id_;
  }

 private:
  std::string name_;
  std::function<void(const std::string&, size_t)> before_assignment_;
  mutable std::mutex mu_;
  std::vector<std::pair<int, std::string>> prepares_;
  std::vector<std::vector<JoinedMember>> leader_rounds_;
  std::string last_leader_id_;
  std::string last_leader_protocol_;
  std::vector<Completion> completions_;
};

GroupMembership::Config testConfig(const MockCluster& cluster, const std::string& client_id,
                                   const std::string& group = "connect-test") {
  GroupMembership::Config config;
  config.bootstrap_servers = cluster.bootstraps();
  config.group_id = group;
  config.client_id = client_id;
  config.session_timeout_ms = kSessionTimeoutMs;
  config.heartbeat_interval_ms = 300;
  config.rebalance_timeout_ms = 20000;
  config.request_timeout_ms = 10000;
  config.retry_backoff_ms = 50;
  return config;
}

// Polls `member` on the calling thread until `condition` holds or `timeout` passes.
bool pollUntil(GroupMembership& member, const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = kRoundTimeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    member.poll(50ms);
  }
  return true;
}

// Polls a member on its own thread, as a herder thread would, until destroyed.
class BackgroundPoller {
 public:
  explicit BackgroundPoller(GroupMembership& member)
      : member_(member), thread_([this] { run(); }) {}
  ~BackgroundPoller() {
    stop_ = true;
    member_.wakeup();
    thread_.join();
  }
  std::string error() const {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  void run() {
    while (!stop_) {
      try {
        member_.poll(50ms);
      } catch (const std::exception& e) {
        std::lock_guard lock(mu_);
        error_ = e.what();
      }
    }
  }
  GroupMembership& member_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::string error_;
  std::thread thread_;
};

bool stable(const GroupMembership& member) {
  return member.generation() > 0 && !member.rejoinNeeded();
}

// librdkafka's mock completes a sync as soon as the leader's SyncGroup assigns every member and
// answers a follower's SyncGroup that comes in afterwards with INVALID_REQUEST (a real broker
// hands it the assignment). Its single thread serves ready sockets in connection order, which
// favours the leader, who joined and connected first. So the leader holds its assignment until
// the followers' SyncGroups went out (a follower publishes leaderId() right after sending it) and
// then makes a full round trip to a fresh connection of the mock: by the time that is answered,
// the mock has read everything that was sent before it.
void followersSyncFirst(RecordingHandler& leader, const MockCluster& cluster,
                        std::vector<const GroupMembership*> followers) {
  auto broker = parseBootstrapServers(cluster.bootstraps()).back();  // broker tests never stop
  leader.beforeAssignment([broker, followers](const std::string& leader_id, size_t members) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    auto synced = [&] {
      return static_cast<size_t>(std::count_if(
                 followers.begin(), followers.end(),
                 [&](const GroupMembership* f) { return f->leaderId() == leader_id; })) +
                 1 >=
             members;
    };
    while (!synced() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    boost::asio::io_context io;
    auto barrier = BrokerConnection::open(io, broker, "barrier", 5s);
    while (barrier->state() == BrokerConnection::State::Connecting &&
           std::chrono::steady_clock::now() < deadline) {
      io.run_one_for(100ms);
    }
  });
}

TEST(GroupMembershipTest, SingleMemberBecomesLeaderAndReceivesItsAssignment) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  EXPECT_TRUE(member.rejoinNeeded());
  EXPECT_EQ(member.generation(), -1);

  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));

  EXPECT_EQ(handler.prepares(), (std::vector<std::pair<int, std::string>>{{-1, ""}}));
  auto rounds = handler.leaderRounds();
  ASSERT_EQ(rounds.size(), 1u);
  ASSERT_EQ(rounds[0].size(), 1u);
  EXPECT_EQ(rounds[0][0].member_id, member.memberId());
  EXPECT_EQ(rounds[0][0].metadata, "meta-a");
  EXPECT_EQ(handler.lastLeaderId(), member.memberId());
  auto done = handler.lastCompletion();
  EXPECT_EQ(done.member_id, member.memberId());
  EXPECT_EQ(done.protocol, "default");
  EXPECT_EQ(done.assignment, "assignment-for-meta-a");
  EXPECT_GT(done.generation, 0);
  EXPECT_EQ(member.generation(), done.generation);
  EXPECT_EQ(member.leaderId(), member.memberId());
  EXPECT_FALSE(member.rejoinNeeded());

  // librdkafka's mock caps these below what Kafka 4.x offers; negotiation picks the highest
  // common version.
  auto versions = member.negotiatedVersions();
  EXPECT_EQ(versions["FindCoordinator"], 2);
  EXPECT_EQ(versions["JoinGroup"], 5);
  EXPECT_EQ(versions["SyncGroup"], 3);
}

TEST(GroupMembershipTest, TwoMembersGetTheirOwnAssignmentsFromTheLeader) {
  MockCluster cluster;
  RecordingHandler handler_a("a");
  RecordingHandler handler_b("b");
  GroupMembership a(testConfig(cluster, "a"), handler_a);
  GroupMembership b(testConfig(cluster, "b"), handler_b);
  followersSyncFirst(handler_a, cluster, {&b});
  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() == 1; }));
  int first_generation = a.generation();

  {
    BackgroundPoller poll_b(b);
    ASSERT_TRUE(pollUntil(a, [&] {
      return handler_b.completions() == 1 && handler_a.completions() == 2 && stable(a) &&
             stable(b) && a.generation() == b.generation();
    })) << poll_b.error();
    EXPECT_EQ(poll_b.error(), "");
  }

  EXPECT_GT(a.generation(), first_generation);
  EXPECT_EQ(a.generation(), b.generation());
  EXPECT_EQ(handler_a.lastCompletion().assignment, "assignment-for-meta-a");
  EXPECT_EQ(handler_b.lastCompletion().assignment, "assignment-for-meta-b");
  EXPECT_EQ(handler_b.lastCompletion().member_id, b.memberId());
  EXPECT_NE(a.memberId(), b.memberId());
  // a joined first, so the mock keeps it as leader; b never ran an assignment.
  EXPECT_EQ(a.leaderId(), a.memberId());
  EXPECT_EQ(b.leaderId(), a.memberId());
  EXPECT_TRUE(handler_b.leaderRounds().empty());
  auto last_round = handler_a.leaderRounds().back();
  ASSERT_EQ(last_round.size(), 2u);
  std::set<std::string> metadata{last_round[0].metadata, last_round[1].metadata};
  EXPECT_EQ(metadata, (std::set<std::string>{"meta-a", "meta-b"}));
  // a's second round was prepared with the generation it held.
  EXPECT_EQ(handler_a.prepares().back(), std::make_pair(first_generation, a.memberId()));
}

TEST(GroupMembershipTest, RequestRejoinRunsANewRound) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));
  int generation = member.generation();
  std::string member_id = member.memberId();

  member.requestRejoin();
  EXPECT_TRUE(member.rejoinNeeded());
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 2; }));

  EXPECT_GT(member.generation(), generation);
  EXPECT_EQ(member.memberId(), member_id);
  EXPECT_FALSE(member.rejoinNeeded());
  EXPECT_EQ(handler.prepares().back(), std::make_pair(generation, member_id));
  EXPECT_EQ(handler.leaderRounds().size(), 2u);
}

TEST(GroupMembershipTest, LeaveGroupMakesTheOtherMemberRejoin) {
  MockCluster cluster;
  RecordingHandler handler_a("a");
  RecordingHandler handler_b("b");
  GroupMembership a(testConfig(cluster, "a"), handler_a);
  GroupMembership b(testConfig(cluster, "b"), handler_b);
  followersSyncFirst(handler_a, cluster, {&b});
  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() == 1; }));
  {
    BackgroundPoller poll_b(b);
    ASSERT_TRUE(
        pollUntil(a, [&] { return handler_b.completions() == 1 && stable(a) && stable(b); }));
  }
  int generation = a.generation();
  size_t rounds = handler_a.completions();

  b.leaveGroup();
  EXPECT_EQ(b.generation(), -1);
  EXPECT_EQ(b.memberId(), "");
  EXPECT_TRUE(b.rejoinNeeded());
  EXPECT_EQ(b.negotiatedVersions()["LeaveGroup"], 1);  // the mock's maximum

  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() > rounds && stable(a); }));
  EXPECT_GT(a.generation(), generation);
  auto last_round = handler_a.leaderRounds().back();
  ASSERT_EQ(last_round.size(), 1u);
  EXPECT_EQ(last_round[0].member_id, a.memberId());
}

TEST(GroupMembershipTest, HeartbeatThreadKeepsAMemberThatDoesNotPollAlive) {
  MockCluster cluster;
  RecordingHandler handler_a("a");
  RecordingHandler handler_b("b");
  GroupMembership a(testConfig(cluster, "a"), handler_a);
  GroupMembership b(testConfig(cluster, "b"), handler_b);
  followersSyncFirst(handler_a, cluster, {&b});
  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() == 1; }));
  {
    BackgroundPoller poll_b(b);
    ASSERT_TRUE(
        pollUntil(a, [&] { return handler_b.completions() == 1 && stable(a) && stable(b); }));
  }
  int generation = a.generation();
  size_t rounds_a = handler_a.completions();

  // b is not polled for three session timeouts. Had its heartbeats stopped, the coordinator
  // would have expired it and a would have been sent into a new round.
  bool rebalanced = pollUntil(
      a, [&] { return a.rejoinNeeded() || handler_a.completions() > rounds_a; },
      std::chrono::milliseconds(3 * kSessionTimeoutMs));
  EXPECT_FALSE(rebalanced);
  EXPECT_EQ(a.generation(), generation);

  b.poll(0ms);
  EXPECT_EQ(b.generation(), generation);
  EXPECT_FALSE(b.rejoinNeeded());
  EXPECT_EQ(handler_b.completions(), 1u);
}

TEST(GroupMembershipTest, MemberThatStopsPollingLeavesAfterTheRebalanceTimeout) {
  MockCluster cluster;
  RecordingHandler handler_a("a");
  RecordingHandler handler_b("b");
  auto config_b = testConfig(cluster, "b");
  config_b.rebalance_timeout_ms = 2000;
  GroupMembership a(testConfig(cluster, "a"), handler_a);
  GroupMembership b(config_b, handler_b);
  followersSyncFirst(handler_a, cluster, {&b});
  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() == 1; }));
  {
    BackgroundPoller poll_b(b);
    ASSERT_TRUE(
        pollUntil(a, [&] { return handler_b.completions() == 1 && stable(a) && stable(b); }));
  }
  size_t rounds_a = handler_a.completions();

  // Java's max.poll.interval semantics (rebalance.timeout.ms for Connect): b's heartbeat thread
  // sends LeaveGroup, so a rebalances alone.
  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() > rounds_a && stable(a); }));
  EXPECT_EQ(handler_a.leaderRounds().back().size(), 1u);
  EXPECT_EQ(b.generation(), -1);
  EXPECT_TRUE(b.rejoinNeeded());
}

TEST(GroupMembershipTest, PollReturnsWithinItsTimeoutWhileTheCoordinatorHoldsTheJoin) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  // The mock holds the first JoinGroup for 3 s; every poll still returns on time and the round
  // resumes where it stood.
  int polls = 0;
  auto deadline = std::chrono::steady_clock::now() + kRoundTimeout;
  while (handler.completions() == 0 && std::chrono::steady_clock::now() < deadline) {
    auto start = std::chrono::steady_clock::now();
    member.poll(100ms);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    ++polls;
  }
  EXPECT_EQ(handler.completions(), 1u);
  EXPECT_GT(polls, 10);
  EXPECT_EQ(handler.prepares().size(), 1u);
  EXPECT_TRUE(stable(member));
}

TEST(GroupMembershipTest, PollWithZeroTimeoutMakesProgress) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  // The herder's tick() starts with poll(0): each call must advance the round with whatever
  // the sockets already hold, without blocking.
  auto deadline = std::chrono::steady_clock::now() + kRoundTimeout;
  while (handler.completions() == 0 && std::chrono::steady_clock::now() < deadline) {
    auto start = std::chrono::steady_clock::now();
    member.poll(0ms);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
    std::this_thread::sleep_for(10ms);  // pacing, like a herder doing other work between ticks
  }
  EXPECT_EQ(handler.completions(), 1u);
  EXPECT_TRUE(stable(member));
}

TEST(GroupMembershipTest, WakeupMakesPollReturn) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));

  member.wakeup();
  auto start = std::chrono::steady_clock::now();
  member.poll(20s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);

  std::atomic<bool> polling{false};
  std::thread waker([&] {
    while (!polling) std::this_thread::yield();
    member.wakeup();
  });
  start = std::chrono::steady_clock::now();
  polling = true;
  member.poll(20s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  waker.join();
  EXPECT_TRUE(stable(member));
}

TEST(GroupMembershipTest, IdlePollWaitsForItsTimeout) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));
  auto start = std::chrono::steady_clock::now();
  member.poll(700ms);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 700ms);
  EXPECT_EQ(handler.completions(), 1u);
}

TEST(GroupMembershipTest, TransientJoinGroupErrorsAreRetried) {
  MockCluster cluster;
  rd_kafka_mock_push_request_errors(
      cluster.handle(), 11 /* JoinGroup */, 5, RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
      RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
      RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID);
  rd_kafka_mock_push_request_errors(cluster.handle(), 14 /* SyncGroup */, 1,
                                    RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS);
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));
  EXPECT_TRUE(stable(member));
  EXPECT_EQ(handler.prepares().size(), 1u);  // one round, however many attempts
}

TEST(GroupMembershipTest, FatalJoinGroupErrorIsThrownFromPoll) {
  MockCluster cluster;
  rd_kafka_mock_push_request_errors(cluster.handle(), 11 /* JoinGroup */, 1,
                                    RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED);
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a", "secret-group"), handler);
  try {
    pollUntil(member, [&] { return handler.completions() == 1; });
    FAIL() << "expected a KafkaException";
  } catch (const KafkaException& e) {
    EXPECT_EQ(e.code(), RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED);
    EXPECT_STREQ(e.what(), "Not authorized to access group: secret-group");
  }
  // Nothing is left half-done: the next polls join normally.
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));
}

TEST(GroupMembershipTest, HeartbeatIllegalGenerationMakesTheMemberRejoinWithItsId) {
  MockCluster cluster;
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 1; }));
  int generation = member.generation();
  std::string member_id = member.memberId();

  rd_kafka_mock_push_request_errors(cluster.handle(), 12 /* Heartbeat */, 1,
                                    RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION);
  ASSERT_TRUE(pollUntil(member, [&] { return handler.completions() == 2; }));
  // Java keeps the member id on ILLEGAL_GENERATION; only the generation is reset.
  EXPECT_EQ(handler.prepares().back(), std::make_pair(-1, member_id));
  EXPECT_EQ(member.memberId(), member_id);
  EXPECT_GT(member.generation(), generation);
  EXPECT_EQ(member.negotiatedVersions()["Heartbeat"], 3);
}

TEST(GroupMembershipTest, FollowsTheCoordinatorToAnotherBroker) {
  MockCluster cluster(3);
  rd_kafka_mock_coordinator_set(cluster.handle(), "group", "connect-test", 1);
  RecordingHandler handler_a("a");
  RecordingHandler handler_b("b");
  GroupMembership a(testConfig(cluster, "a"), handler_a);
  GroupMembership b(testConfig(cluster, "b"), handler_b);
  followersSyncFirst(handler_a, cluster, {&b});
  ASSERT_TRUE(pollUntil(a, [&] { return handler_a.completions() == 1; }));
  {
    BackgroundPoller poll_b(b);
    ASSERT_TRUE(
        pollUntil(a, [&] { return handler_b.completions() == 1 && stable(a) && stable(b); }));
  }
  int generation = a.generation();

  // Broker 1 goes away and broker 2 takes the group over. b is not polled meanwhile, so its
  // heartbeat thread alone must find broker 2 within a session, or the mock expires b and a is
  // sent into a rebalance.
  rd_kafka_mock_coordinator_set(cluster.handle(), "group", "connect-test", 2);
  rd_kafka_mock_broker_set_down(cluster.handle(), 1);
  bool rebalanced = pollUntil(
      a, [&] { return a.rejoinNeeded() || b.rejoinNeeded(); },
      std::chrono::milliseconds(3 * kSessionTimeoutMs));
  EXPECT_FALSE(rebalanced);
  EXPECT_EQ(a.generation(), generation);
  EXPECT_EQ(b.generation(), generation);

  // Both are still the members they were: a rejoin through broker 2 keeps a as leader (an
  // expired member would rejoin behind b) and brings b along.
  BackgroundPoller poll_b(b);
  a.requestRejoin();
  ASSERT_TRUE(pollUntil(a, [&] {
    return handler_a.completions() == 3 && handler_b.completions() == 2 && stable(a) && stable(b);
  })) << poll_b.error();
  EXPECT_GT(a.generation(), generation);
  EXPECT_EQ(a.leaderId(), a.memberId());
  EXPECT_EQ(handler_a.leaderRounds().back().size(), 2u);
  EXPECT_EQ(poll_b.error(), "");
}

TEST(GroupMembershipTest, BrokerWithoutACommonJoinGroupVersionFailsClearly) {
  MockCluster cluster;
  rd_kafka_mock_set_apiversion(cluster.handle(), 11 /* JoinGroup */, 0, 1);
  RecordingHandler handler("a");
  GroupMembership member(testConfig(cluster, "a"), handler);
  try {
    pollUntil(
        member, [&] { return handler.completions() == 1; }, 10s);
    FAIL() << "expected a KafkaException";
  } catch (const KafkaException& e) {
    EXPECT_EQ(e.code(), RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION);
    EXPECT_NE(std::string(e.what()).find("JoinGroup versions v0-v1 but connectd implements v2-v5"),
              std::string::npos)
        << e.what();
  }
}

TEST(GroupMembershipTest, UnreachableBrokerIsRetriedWithoutThrowing) {
  // A port that was just free: connections are refused.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto port = acceptor.local_endpoint().port();
  acceptor.close();

  RecordingHandler handler("a");
  GroupMembership::Config config;
  config.bootstrap_servers = "127.0.0.1:" + std::to_string(port);
  config.group_id = "g";
  config.retry_backoff_ms = 20;
  GroupMembership member(config, handler);
  auto start = std::chrono::steady_clock::now();
  member.poll(500ms);
  member.poll(100ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(member.rejoinNeeded());
  EXPECT_EQ(member.generation(), -1);
  EXPECT_EQ(handler.prepares().size(), 0u);
}

TEST(GroupMembershipTest, RejectsUnsupportedOrInconsistentConfig) {
  RecordingHandler handler("a");
  GroupMembership::Config config;
  config.bootstrap_servers = "localhost:9092";
  config.group_id = "g";

  auto ssl = config;
  ssl.security_protocol = "SSL";
  try {
    GroupMembership member(ssl, handler);
    FAIL() << "SSL accepted";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(e.configName(), "security.protocol");
    EXPECT_NE(std::string(e.what()).find("supports only PLAINTEXT"), std::string::npos);
  }
  auto heartbeat = config;
  heartbeat.heartbeat_interval_ms = heartbeat.session_timeout_ms;
  EXPECT_THROW((GroupMembership{heartbeat, handler}), api::ConfigException);
  auto bootstrap = config;
  bootstrap.bootstrap_servers = "localhost";
  EXPECT_THROW((GroupMembership{bootstrap, handler}), api::ConfigException);
  auto no_group = config;
  no_group.group_id = "";
  EXPECT_THROW((GroupMembership{no_group, handler}), api::ConfigException);

  auto plaintext = config;
  plaintext.security_protocol = "plaintext";
  EXPECT_NO_THROW((GroupMembership{plaintext, handler}));
}

TEST(GroupMembershipTest, ParsesBootstrapServersLikeJava) {
  auto parsed = parseBootstrapServers(" a:1, PLAINTEXT://b:9092,[::1]:9093,");
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0], (BrokerAddress{"a", 1}));
  EXPECT_EQ(parsed[1], (BrokerAddress{"b", 9092}));
  EXPECT_EQ(parsed[2], (BrokerAddress{"::1", 9093}));
  EXPECT_EQ(parsed[2].toString(), "[::1]:9093");
  EXPECT_THROW(parseBootstrapServers("a:0"), api::ConfigException);
  EXPECT_THROW(parseBootstrapServers("a:x"), api::ConfigException);
  EXPECT_THROW(parseBootstrapServers(" , "), api::ConfigException);
}

}  // namespace
}  // namespace connectd::kafka
