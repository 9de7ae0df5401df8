#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/kafka/broker_address.h"
#include "server/kafka/kafka_protocol.h"

namespace connectd::kafka {

class BrokerConnection;

// One protocol a member can speak, in order of preference, with its metadata (opaque bytes).
struct GroupProtocol {
  std::string name;
  std::string metadata;
};

// A member of the generation as the coordinator reports it to the leader.
struct JoinedMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string metadata;
};

// Membership in a Kafka group of the classic group protocol (JoinGroup / SyncGroup / Heartbeat /
// LeaveGroup), as Java's AbstractCoordinator plus the pieces of NetworkClient it uses. Connect
// workers use it with protocol type "connect"; librdkafka cannot, since its consumer always
// joins as "consumer" and exposes no custom assignor.
//
// Threads: one caller thread (the herder thread) calls poll(), leaveGroup() and receives every
// Handler callback inside poll(). A background heartbeat thread, started by the constructor,
// sends Heartbeats every heartbeat_interval_ms while the member is in a generation (from the
// JoinGroup response on, as Java enables its HeartbeatThread in COMPLETING_REBALANCE), so a
// caller busy for seconds keeps its membership. The poll thread and the heartbeat thread each
// have their own connections to the brokers and never wait on each other's sockets. wakeup(),
// requestRejoin() and the getters may be called from any thread.
//
// Like Java, a member that has not called poll() for rebalance_timeout_ms is considered stuck:
// the heartbeat thread then sends LeaveGroup so the others can rebalance without it, and the next
// poll() rejoins. The time spent inside poll() (including its Handler callbacks) never counts.
class GroupMembership {
 public:
  struct Config {
    std::string bootstrap_servers;  // "host:port,host:port"
    std::string group_id;
    std::string client_id;
    std::string protocol_type = "connect";
    int session_timeout_ms = 10000;  // Connect defaults
    int rebalance_timeout_ms = 60000;
    int heartbeat_interval_ms = 3000;
    int request_timeout_ms = 40000;
    int retry_backoff_ms = 100;
    // Only PLAINTEXT is implemented; anything else is rejected by the constructor.
    std::string security_protocol = "PLAINTEXT";
  };

  // The group-specific half (Java: the abstract methods of AbstractCoordinator). Every callback
  // runs on the thread calling poll(), never with internal locks held; an exception thrown by a
  // callback propagates out of poll() and the member rejoins on the next poll().
  class Handler {
   public:
    virtual ~Handler() = default;
    // The protocols this member supports with their metadata, most preferred first. Called before
    // each JoinGroup request.
    virtual std::vector<GroupProtocol> metadata() = 0;
    // Before (re)joining, once per join round: the generation and member id held so far
    // (-1 and "" when there was none).
    virtual void onJoinPrepare(int generation, const std::string& member_id) = 0;
    // Leader only: member id -> assignment bytes for every member of `members` (this one
    // included). A member without an entry receives an empty assignment.
    virtual std::map<std::string, std::string> performAssignment(
        const std::string& leader_id, const std::string& protocol,
        const std::vector<JoinedMember>& members) = 0;
    // The round completed: the member is in `generation` with `assignment` from the leader.
    virtual void onJoinComplete(int generation, const std::string& member_id,
                                const std::string& protocol, const std::string& assignment) = 0;
  };

  // Validates `config` (api::ConfigException on a bad or unsupported setting) and starts the
  // heartbeat thread. No network traffic happens before the first poll().
  GroupMembership(Config config, Handler& handler);
  // Stops the heartbeat thread and closes every connection; does not send LeaveGroup. Must not
  // run concurrently with poll().
  ~GroupMembership();
  GroupMembership(const GroupMembership&) = delete;
  GroupMembership& operator=(const GroupMembership&) = delete;

  // Ensures the coordinator is known and the member is in a stable generation, running a join
  // round (JoinGroup, performAssignment on the leader, SyncGroup, onJoinComplete) when needed.
  // Returns after at most `timeout`; earlier when wakeup() is called or once a join round
  // completed. A round interrupted by the timeout resumes at the next poll() (a JoinGroup the
  // coordinator is holding stays in flight). Transient errors (connection failures, request
  // timeouts, coordinator not available or moved, rebalance in progress, unknown member id,
  // illegal generation) are retried internally after retry_backoff_ms. Fatal ones (group
  // authorization failed, inconsistent group protocol, invalid session timeout, no common API
  // version, ...) throw KafkaException with the broker's error code. A fatal error met by the
  // heartbeat thread is thrown from the next poll().
  void poll(std::chrono::milliseconds timeout);
  // Makes the current or next poll() return as soon as possible. Thread-safe.
  void wakeup();
  // The next poll() runs a join round (e.g. the leader saw a config change that needs a new
  // assignment). Thread-safe; wakes a poll() that is waiting so it starts at once.
  void requestRejoin();
  // True until the member completes a round, and again once a rejoin was requested or found
  // necessary (the group is rebalancing, the member was fenced, ...). Thread-safe.
  bool rejoinNeeded() const;
  // The generation the member is in, -1 when not in a stable generation. Thread-safe.
  int generation() const;
  // The member id the coordinator gave this member ("" before the first JoinGroup response or
  // after it was reset). Thread-safe.
  std::string memberId() const;
  // The leader of the generation being joined or held: set once the JoinGroup response was
  // handled (for a follower, once its SyncGroup went out); "" while a JoinGroup is pending or
  // after a reset. Thread-safe.
  std::string leaderId() const;
  // Sends LeaveGroup for the current member (best effort, bounded by request_timeout_ms, skipped
  // when the member has no id) and resets the membership: the next poll() joins as a new member.
  // Called from the poll() thread.
  void leaveGroup();

  // The API versions negotiated with the coordinator by the poll thread ("JoinGroup" -> 5, ...),
  // empty before the first connection. Thread-safe; for logs and tests.
  std::map<std::string, int> negotiatedVersions() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct ThreadClient;
  enum class MemberState { Unjoined, PreparingRebalance, CompletingRebalance, Stable };
  struct Generation {
    int generation_id = -1;
    std::string member_id;
    std::string protocol;
    bool operator==(const Generation& o) const {
      return generation_id == o.generation_id && member_id == o.member_id && protocol == o.protocol;
    }
  };
  enum class Wait { Done, Deadline, Interrupted };
  enum class Step { Done, Interrupted, Again };
  struct Response {
    protocol::ApiKey key;
    int16_t version;
    std::string body;
  };

  // Runs `c`'s io_context until done() holds (Done), `deadline` passes (Deadline) or the
  // client's interrupt flag is up (Interrupted), enforcing connection deadlines meanwhile.
  Wait runUntil(ThreadClient& c, const std::function<bool()>& done, Clock::time_point deadline);
  // Waits for the response of the request outstanding on `conn`; nullopt (with `wait` set) when
  // interrupted or out of time, or when the connection failed (wait == Done, conn Failed).
  std::optional<Response> awaitResponse(ThreadClient& c, BrokerConnection& conn,
                                        Clock::time_point deadline, Wait& wait);
  // The version to use for `key` on `conn`; throws KafkaException when there is none.
  int16_t versionFor(const BrokerConnection& conn, protocol::ApiKey key);
  // Makes c.coordinator a ready connection to the group coordinator, looking the coordinator up
  // first when unknown. Again: this attempt failed (logged) and c.retry_at holds the backoff.
  Step ensureCoordinator(ThreadClient& c, Clock::time_point deadline);
  Step lookupCoordinator(ThreadClient& c, Clock::time_point deadline);
  void markCoordinatorUnknown(uint64_t epoch, const std::string& reason);
  void markCoordinatorUnknownLocked(uint64_t epoch, const std::string& reason);
  Clock::duration backoff(ThreadClient& c);

  // One pass over the join round from where it stands (poll thread).
  Step joinGroupStep(Clock::time_point deadline);
  void sendJoinGroup(BrokerConnection& conn);
  Step handleJoinGroupResponse(BrokerConnection& conn, const Response& response);
  Step handleSyncGroupResponse(const Response& response);
  [[noreturn]] void throwFatal(protocol::ApiKey key, int16_t error_code) const;

  void heartbeatLoop();
  void heartbeatOnce(std::unique_lock<std::mutex>& lock);
  void sendLeaveGroup(ThreadClient& c, const Generation& generation, const std::string& reason);

  // Locked helpers (mu_ held).
  void resetGenerationLocked(bool reset_member_id);
  bool rejoinNeededLocked() const { return rejoin_needed_ || state_ != MemberState::Stable; }
  void notifyPollThread();

  const Config config_;
  Handler& handler_;
  const std::vector<BrokerAddress> bootstrap_;
  const std::string log_prefix_;  // "[Worker clientId=..., groupId=...] " as Java's LogContext

  // Each thread's own io_context and connections.
  std::unique_ptr<ThreadClient> poll_client_;
  std::unique_ptr<ThreadClient> heartbeat_client_;

  std::atomic<bool> wakeup_{false};
  std::atomic<bool> closing_{false};

  mutable std::mutex mu_;
  std::condition_variable heartbeat_cv_;
  std::optional<BrokerAddress> coordinator_;
  int32_t coordinator_id_ = -1;
  uint64_t coordinator_epoch_ = 0;  // bumped whenever coordinator_ changes
  MemberState state_ = MemberState::Unjoined;
  Generation generation_;
  std::string leader_id_;
  bool rejoin_needed_ = true;
  std::exception_ptr heartbeat_failure_;
  std::map<std::string, int> negotiated_;
  // Java's Heartbeat timers.
  Clock::time_point next_heartbeat_;
  Clock::time_point session_deadline_;
  bool in_poll_ = false;
  Clock::time_point last_poll_;

  // Poll-thread state.
  bool needs_join_prepare_ = true;
  // The generation a JoinGroup / SyncGroup went out with (Java's sentGeneration).
  Generation sent_generation_;

  std::thread heartbeat_thread_;
};

}  // namespace connectd::kafka
