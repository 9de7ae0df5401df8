#include "server/kafka/group_membership.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <cctype>

#include "server/api/errors.h"
#include "server/kafka/broker_connection.h"

namespace connectd::kafka {

namespace {

using protocol::ApiKey;
namespace errors = protocol::errors;

// Java's AbstractCoordinator.JOIN_GROUP_TIMEOUT_LAPSE: the coordinator may hold a JoinGroup for
// the whole rebalance timeout, so the request may take that long plus a margin.
constexpr std::chrono::milliseconds kJoinGroupTimeoutLapse{5000};
// Java's retry.backoff.max.ms default: consecutive failures back off exponentially up to this.
constexpr std::chrono::milliseconds kMaxRetryBackoff{1000};

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

GroupMembership::Config validated(GroupMembership::Config config) {
  if (upper(config.security_protocol) != "PLAINTEXT") {
    throw api::ConfigException("security.protocol", config.security_protocol,
                               "connectd's worker group membership supports only PLAINTEXT so far");
  }
  if (config.group_id.empty()) {
    throw api::ConfigException("group.id", "", "a worker group id is required");
  }
  if (config.protocol_type.empty()) {
    throw api::ConfigException("The group protocol type must not be empty");
  }
  auto positive = [](const char* name, int value) {
    if (value <= 0) throw api::ConfigException(name, std::to_string(value), "must be positive");
  };
  positive("session.timeout.ms", config.session_timeout_ms);
  positive("rebalance.timeout.ms", config.rebalance_timeout_ms);
  positive("heartbeat.interval.ms", config.heartbeat_interval_ms);
  positive("request.timeout.ms", config.request_timeout_ms);
  if (config.retry_backoff_ms < 0) {
    throw api::ConfigException("retry.backoff.ms", std::to_string(config.retry_backoff_ms),
                               "must not be negative");
  }
  if (config.heartbeat_interval_ms >= config.session_timeout_ms) {
    throw api::ConfigException("heartbeat.interval.ms",
                               std::to_string(config.heartbeat_interval_ms),
                               "must be lower than session.timeout.ms (" +
                                   std::to_string(config.session_timeout_ms) + ")");
  }
  return config;
}

std::chrono::steady_clock::time_point after(std::chrono::steady_clock::time_point from,
                                            std::chrono::milliseconds delay) {
  auto max = std::chrono::steady_clock::time_point::max();
  if (delay >= std::chrono::duration_cast<std::chrono::milliseconds>(max - from)) return max;
  return from + delay;
}

}  // namespace

// The io_context and connections of one thread. Only that thread touches them, except for
// post() (thread-safe) to interrupt its run_one_until().
struct GroupMembership::ThreadClient {
  ThreadClient(std::string name, const std::atomic<bool>& interrupt)
      : name(std::move(name)), interrupt(interrupt) {}
  ~ThreadClient() {
    if (lookup) lookup->close();
    if (coordinator) coordinator->close();
  }

  boost::asio::io_context io;
  // Keeps run_one_until() waiting for a post() even when no socket operation is pending.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  const std::string name;
  const std::atomic<bool>& interrupt;
  bool interruptible = true;

  std::shared_ptr<BrokerConnection> lookup;  // a bootstrap broker, for FindCoordinator
  size_t next_bootstrap = 0;
  std::shared_ptr<BrokerConnection> coordinator;
  uint64_t coordinator_epoch = 0;  // the coordinator_epoch_ `coordinator` was opened for

  Clock::time_point retry_at{};
  int failures = 0;  // consecutive failed attempts: backoff and log throttling
};

GroupMembership::GroupMembership(Config config, Handler& handler)
    : config_(validated(std::move(config))),
      handler_(handler),
      bootstrap_(parseBootstrapServers(config_.bootstrap_servers)),
      log_prefix_("[Worker clientId=" + config_.client_id + ", groupId=" + config_.group_id + "] "),
      poll_client_(std::make_unique<ThreadClient>("poll", wakeup_)),
      heartbeat_client_(std::make_unique<ThreadClient>("heartbeat", closing_)),
      last_poll_(Clock::now()) {
  heartbeat_thread_ = std::thread([this] { heartbeatLoop(); });
}

GroupMembership::~GroupMembership() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  heartbeat_cv_.notify_all();
  boost::asio::post(heartbeat_client_->io, [] {});
  heartbeat_thread_.join();
}

void GroupMembership::notifyPollThread() {
  boost::asio::post(poll_client_->io, [] {});
}

void GroupMembership::wakeup() {
  wakeup_ = true;
  notifyPollThread();
}

void GroupMembership::requestRejoin() {
  {
    std::lock_guard lock(mu_);
    rejoin_needed_ = true;
  }
  notifyPollThread();
}

bool GroupMembership::rejoinNeeded() const {
  std::lock_guard lock(mu_);
  return rejoinNeededLocked();
}

int GroupMembership::generation() const {
  std::lock_guard lock(mu_);
  return state_ == MemberState::Stable ? generation_.generation_id : -1;
}

std::string GroupMembership::memberId() const {
  std::lock_guard lock(mu_);
  return generation_.member_id;
}

std::string GroupMembership::leaderId() const {
  std::lock_guard lock(mu_);
  return leader_id_;
}

std::map<std::string, int> GroupMembership::negotiatedVersions() const {
  std::lock_guard lock(mu_);
  return negotiated_;
}

GroupMembership::Wait GroupMembership::runUntil(ThreadClient& c, const std::function<bool()>& done,
                                                Clock::time_point deadline) {
  for (;;) {
    auto now = Clock::now();
    if (c.lookup) c.lookup->checkDeadline(now);
    if (c.coordinator) c.coordinator->checkDeadline(now);
    if (done()) return Wait::Done;
    if (c.interruptible && c.interrupt.load()) return Wait::Interrupted;
    if (now >= deadline) {
      // Out of time, but whatever is ready (a response already in the socket) still counts, so
      // poll(0) makes progress as Java's does.
      if (c.io.poll() == 0) return Wait::Deadline;
      continue;
    }
    auto until = deadline;
    if (c.lookup) until = std::min(until, c.lookup->deadline());
    if (c.coordinator) until = std::min(until, c.coordinator->deadline());
    c.io.run_one_until(until);
  }
}

std::optional<GroupMembership::Response> GroupMembership::awaitResponse(ThreadClient& c,
                                                                        BrokerConnection& conn,
                                                                        Clock::time_point deadline,
                                                                        Wait& wait) {
  wait = runUntil(
      c, [&] { return conn.hasResponse() || conn.state() == BrokerConnection::State::Failed; },
      deadline);
  if (wait != Wait::Done || !conn.hasResponse()) return std::nullopt;
  Response response{*conn.outstanding(), conn.outstandingVersion(), {}};
  response.body = conn.takeResponse();
  return response;
}

int16_t GroupMembership::versionFor(const BrokerConnection& conn, ApiKey key) {
  auto version = conn.negotiate(key);
  if (!version) {
    auto ours = protocol::implementedVersions(key);
    throw KafkaException(
        RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION,
        "Broker " + conn.address().toString() + " supports " + std::string(protocol::apiName(key)) +
            " versions " + conn.brokerVersions(key) + " but connectd implements v" +
            std::to_string(ours.min) + "-v" + std::to_string(ours.max) +
            ", so it cannot join worker group '" + config_.group_id + "' through this broker");
  }
  std::lock_guard lock(mu_);
  negotiated_[std::string(protocol::apiName(key))] = *version;
  return *version;
}

GroupMembership::Clock::duration GroupMembership::backoff(ThreadClient& c) {
  int exponent = std::min(c.failures, 10);
  ++c.failures;
  auto base = std::chrono::milliseconds(config_.retry_backoff_ms);
  auto cap = std::max(base, kMaxRetryBackoff);
  return std::min<Clock::duration>(base * (1 << exponent), cap);
}

void GroupMembership::markCoordinatorUnknown(uint64_t epoch, const std::string& reason) {
  std::lock_guard lock(mu_);
  markCoordinatorUnknownLocked(epoch, reason);
}

void GroupMembership::markCoordinatorUnknownLocked(uint64_t epoch, const std::string& reason) {
  if (!coordinator_ || coordinator_epoch_ != epoch) return;
  spdlog::info(
      "{}Group coordinator {} (id: {}) is unavailable or invalid due to cause: {}. Rediscovery "
      "will be "
      "attempted.",
      log_prefix_, coordinator_->toString(), coordinator_id_, reason);
  coordinator_.reset();
  coordinator_id_ = -1;
  ++coordinator_epoch_;
}

GroupMembership::Step GroupMembership::lookupCoordinator(ThreadClient& c,
                                                         Clock::time_point deadline) {
  using State = BrokerConnection::State;
  if (!c.lookup || (c.lookup->state() == State::Failed && !c.lookup->hasResponse())) {
    c.lookup = BrokerConnection::open(c.io, bootstrap_[c.next_bootstrap % bootstrap_.size()],
                                      config_.client_id,
                                      std::chrono::milliseconds(config_.request_timeout_ms));
  }
  auto lookup_failed = [&](const std::string& why) {
    // Every attempt fails the same way while a broker is down; say so once, then quietly retry.
    if (c.failures == 0) {
      spdlog::warn("{}Cannot find the group coordinator ({} thread): {}. Retrying.", log_prefix_,
                   c.name, why);
    } else {
      spdlog::debug("{}Cannot find the group coordinator ({} thread): {}", log_prefix_, c.name,
                    why);
    }
    c.lookup.reset();
    ++c.next_bootstrap;
    c.retry_at = Clock::now() + backoff(c);
    return Step::Again;
  };
  if (runUntil(
          c, [&] { return c.lookup->state() != State::Connecting; }, deadline) != Wait::Done) {
    return Step::Interrupted;
  }
  if (!c.lookup->hasResponse()) {
    if (c.lookup->state() == State::Failed) return lookup_failed(c.lookup->failure());
    if (!c.lookup->outstanding()) {
      int16_t version = versionFor(*c.lookup, ApiKey::FindCoordinator);
      protocol::FindCoordinatorRequest request{config_.group_id, 0};
      c.lookup->send(ApiKey::FindCoordinator, version, protocol::encode(request, version),
                     after(Clock::now(), std::chrono::milliseconds(config_.request_timeout_ms)));
    }
  }
  Wait wait;
  auto response = awaitResponse(c, *c.lookup, deadline, wait);
  if (wait != Wait::Done) return Step::Interrupted;
  if (!response) return lookup_failed(c.lookup->failure());
  auto found = protocol::decodeFindCoordinatorResponse(response->body, response->version);
  switch (found.error_code) {
    case errors::kNone:
      break;
    case errors::kCoordinatorNotAvailable:
    case errors::kNotCoordinator:
    case errors::kCoordinatorLoadInProgress:
      // Normal while a broker starts or __consumer_offsets is being created: keep the connection.
      spdlog::debug("{}FindCoordinator: {}", log_prefix_, protocol::errorText(found.error_code));
      c.retry_at = Clock::now() + backoff(c);
      return Step::Again;
    default:
      throwFatal(ApiKey::FindCoordinator, found.error_code);
  }
  if (found.port < 1 || found.port > 65535 || found.host.empty()) {
    throw protocol::ProtocolException("FindCoordinator returned an invalid coordinator address '" +
                                      found.host + ":" + std::to_string(found.port) + "'");
  }
  std::lock_guard lock(mu_);
  if (!coordinator_) {
    coordinator_ = BrokerAddress{found.host, static_cast<uint16_t>(found.port)};
    coordinator_id_ = found.node_id;
    ++coordinator_epoch_;
    // Java resets the session timer when it finds the coordinator, so the heartbeat thread gets a
    // full session to reach it before declaring the session lost.
    session_deadline_ = after(Clock::now(), std::chrono::milliseconds(config_.session_timeout_ms));
    spdlog::info("{}Discovered group coordinator {} (id: {})", log_prefix_,
                 coordinator_->toString(), coordinator_id_);
  }
  return Step::Done;
}

GroupMembership::Step GroupMembership::ensureCoordinator(ThreadClient& c,
                                                         Clock::time_point deadline) {
  using State = BrokerConnection::State;
  for (;;) {
    if (Clock::now() < c.retry_at) {
      auto wait = runUntil(
          c, [] { return false; }, std::min(deadline, c.retry_at));
      if (wait == Wait::Interrupted || Clock::now() < c.retry_at) return Step::Interrupted;
    }
    std::optional<BrokerAddress> node;
    uint64_t epoch = 0;
    {
      std::lock_guard lock(mu_);
      node = coordinator_;
      epoch = coordinator_epoch_;
    }
    if (!node) {
      Step step = lookupCoordinator(c, deadline);
      if (step != Step::Done) return step;
      continue;
    }
    bool current = c.coordinator && c.coordinator_epoch == epoch;
    if (current && (c.coordinator->hasResponse() || c.coordinator->state() == State::Ready)) {
      c.failures = 0;
      return Step::Done;
    }
    if (!current || c.coordinator->state() == State::Failed) {
      if (c.coordinator) c.coordinator->close("the group coordinator changed");
      c.coordinator = BrokerConnection::open(c.io, *node, config_.client_id,
                                             std::chrono::milliseconds(config_.request_timeout_ms));
      c.coordinator_epoch = epoch;
    }
    if (runUntil(
            c, [&] { return c.coordinator->state() != State::Connecting; }, deadline) !=
        Wait::Done) {
      return Step::Interrupted;
    }
    if (c.coordinator->state() == State::Failed) {
      markCoordinatorUnknown(epoch, c.coordinator->failure());
      c.retry_at = Clock::now() + backoff(c);
      return Step::Again;
    }
  }
}

void GroupMembership::poll(std::chrono::milliseconds timeout) {
  auto deadline = after(Clock::now(), std::max(timeout, std::chrono::milliseconds(0)));
  {
    std::lock_guard lock(mu_);
    in_poll_ = true;
    last_poll_ = Clock::now();
  }
  struct PollExit {
    GroupMembership& self;
    ~PollExit() {
      std::lock_guard lock(self.mu_);
      self.in_poll_ = false;
      self.last_poll_ = Clock::now();
    }
  } exit{*this};

  ThreadClient& c = *poll_client_;
  for (bool first = true;; first = false) {
    if (wakeup_.exchange(false)) return;
    {
      std::unique_lock lock(mu_);
      if (heartbeat_failure_) {
        auto failure = std::exchange(heartbeat_failure_, nullptr);
        lock.unlock();
        heartbeat_cv_.notify_all();
        std::rethrow_exception(failure);
      }
    }
    if (!first && Clock::now() >= deadline) return;
    if (ensureCoordinator(c, deadline) != Step::Done) continue;
    if (rejoinNeeded() || c.coordinator->outstanding()) {
      if (joinGroupStep(deadline) == Step::Done) return;
      continue;
    }
    runUntil(
        c,
        [&] {
          std::lock_guard lock(mu_);
          return rejoinNeededLocked() || heartbeat_failure_ != nullptr;
        },
        deadline);
  }
}

GroupMembership::Step GroupMembership::joinGroupStep(Clock::time_point deadline) {
  ThreadClient& c = *poll_client_;
  BrokerConnection& conn = *c.coordinator;
  if (!conn.outstanding()) {
    if (conn.state() != BrokerConnection::State::Ready) return Step::Again;
    if (needs_join_prepare_) {
      // Cleared first, as in Java: a callback that throws is not called again for this round.
      needs_join_prepare_ = false;
      Generation previous;
      {
        std::lock_guard lock(mu_);
        previous = generation_;
      }
      handler_.onJoinPrepare(previous.generation_id, previous.member_id);
    }
    sendJoinGroup(conn);
  }
  Wait wait;
  auto response = awaitResponse(c, conn, deadline, wait);
  if (wait != Wait::Done) return Step::Interrupted;
  if (!response) {
    markCoordinatorUnknown(c.coordinator_epoch, conn.failure());
    c.retry_at = Clock::now() + backoff(c);
    return Step::Again;
  }
  try {
    if (response->key == ApiKey::JoinGroup) return handleJoinGroupResponse(conn, *response);
    if (response->key == ApiKey::SyncGroup) return handleSyncGroupResponse(*response);
    return Step::Again;  // a late answer to an abandoned LeaveGroup
  } catch (...) {
    // The round is over either way; whatever failed (a fatal error, a throwing callback), the
    // next poll() starts a new one.
    std::lock_guard lock(mu_);
    rejoin_needed_ = true;
    throw;
  }
}

void GroupMembership::sendJoinGroup(BrokerConnection& conn) {
  int16_t version = versionFor(conn, ApiKey::JoinGroup);
  protocol::JoinGroupRequest request;
  request.group_id = config_.group_id;
  request.session_timeout_ms = config_.session_timeout_ms;
  request.rebalance_timeout_ms = config_.rebalance_timeout_ms;
  request.protocol_type = config_.protocol_type;
  for (auto& p : handler_.metadata())
    request.protocols.push_back({std::move(p.name), std::move(p.metadata)});
  if (request.protocols.empty())
    throw std::logic_error("GroupMembership::Handler::metadata() returned no protocol");
  {
    std::lock_guard lock(mu_);
    request.member_id = generation_.member_id;
    sent_generation_ = generation_;
    leader_id_.clear();
    state_ = MemberState::PreparingRebalance;
    rejoin_needed_ = false;
  }
  spdlog::info("{}(Re-)joining group", log_prefix_);
  auto timeout =
      std::max(std::chrono::milliseconds(config_.request_timeout_ms),
               std::chrono::milliseconds(config_.rebalance_timeout_ms) + kJoinGroupTimeoutLapse);
  conn.send(ApiKey::JoinGroup, version, protocol::encode(request, version),
            after(Clock::now(), timeout));
}

GroupMembership::Step GroupMembership::handleJoinGroupResponse(BrokerConnection& conn,
                                                               const Response& response) {
  ThreadClient& c = *poll_client_;
  auto joined = protocol::decodeJoinGroupResponse(response.body, response.version);
  switch (joined.error_code) {
    case errors::kNone:
      break;
    case errors::kMemberIdRequired: {
      // KIP-394: the broker hands out the member id and expects it back on the next JoinGroup.
      std::lock_guard lock(mu_);
      generation_ = Generation{-1, joined.member_id, ""};
      spdlog::debug("{}JoinGroup asked to rejoin with member id {}", log_prefix_, joined.member_id);
      return Step::Again;
    }
    case errors::kUnknownMemberId:
    case errors::kIllegalGeneration:
    case errors::kFencedInstanceId: {
      std::lock_guard lock(mu_);
      spdlog::info("{}JoinGroup failed: {}. Sent generation was {}; rejoining", log_prefix_,
                   protocol::errorText(joined.error_code), sent_generation_.generation_id);
      if (generation_ == sent_generation_)
        resetGenerationLocked(joined.error_code != errors::kIllegalGeneration);
      return Step::Again;
    }
    case errors::kRebalanceInProgress:
      spdlog::info("{}JoinGroup failed with REBALANCE_IN_PROGRESS; retrying", log_prefix_);
      return Step::Again;
    case errors::kCoordinatorLoadInProgress:
      spdlog::info("{}JoinGroup failed: coordinator {} is loading the group", log_prefix_,
                   conn.address().toString());
      c.retry_at = Clock::now() + backoff(c);
      return Step::Again;
    case errors::kCoordinatorNotAvailable:
    case errors::kNotCoordinator:
      markCoordinatorUnknown(c.coordinator_epoch, protocol::errorText(joined.error_code));
      c.retry_at = Clock::now() + backoff(c);
      return Step::Again;
    default:
      throwFatal(ApiKey::JoinGroup, joined.error_code);
  }

  Generation generation{joined.generation_id, joined.member_id, joined.protocol_name};
  bool leader = joined.member_id == joined.leader;
  sent_generation_ = generation;
  // Publishes the generation and enables heartbeats (Java enables its heartbeat thread on
  // entering COMPLETING_REBALANCE). A follower does so only once its SyncGroup is on the wire, so
  // that leaderId() being set tells observers that it is waiting for its assignment.
  auto publish = [&] {
    {
      std::lock_guard lock(mu_);
      generation_ = generation;
      leader_id_ = joined.leader;
      state_ = MemberState::CompletingRebalance;
      auto now = Clock::now();
      next_heartbeat_ = after(now, std::chrono::milliseconds(config_.heartbeat_interval_ms));
      session_deadline_ = after(now, std::chrono::milliseconds(config_.session_timeout_ms));
    }
    heartbeat_cv_.notify_all();
  };
  spdlog::info("{}Successfully joined group with generation {} as {} (member id {}, protocol {})",
               log_prefix_, generation.generation_id, leader ? "leader" : "follower",
               generation.member_id, generation.protocol);

  protocol::SyncGroupRequest request;
  request.group_id = config_.group_id;
  request.generation_id = generation.generation_id;
  request.member_id = generation.member_id;
  if (leader) {
    publish();
    std::vector<JoinedMember> members;
    members.reserve(joined.members.size());
    for (auto& m : joined.members)
      members.push_back({m.member_id, m.group_instance_id, m.metadata});
    for (auto& [member, assignment] :
         handler_.performAssignment(joined.leader, joined.protocol_name, members)) {
      request.assignments.push_back({member, assignment});
    }
  }
  if (conn.state() != BrokerConnection::State::Ready) {
    if (!leader) publish();
    markCoordinatorUnknown(c.coordinator_epoch, conn.failure());
    c.retry_at = Clock::now() + backoff(c);
    return Step::Again;
  }
  int16_t version = versionFor(conn, ApiKey::SyncGroup);
  conn.send(ApiKey::SyncGroup, version, protocol::encode(request, version),
            after(Clock::now(), std::chrono::milliseconds(config_.request_timeout_ms)));
  if (!leader) publish();
  return Step::Again;
}

GroupMembership::Step GroupMembership::handleSyncGroupResponse(const Response& response) {
  ThreadClient& c = *poll_client_;
  auto synced = protocol::decodeSyncGroupResponse(response.body, response.version);
  switch (synced.error_code) {
    case errors::kNone:
      break;
    case errors::kRebalanceInProgress:
      spdlog::info("{}SyncGroup failed: the group began another rebalance; rejoining", log_prefix_);
      return Step::Again;
    case errors::kUnknownMemberId:
    case errors::kIllegalGeneration:
    case errors::kFencedInstanceId: {
      std::lock_guard lock(mu_);
      spdlog::info("{}SyncGroup failed: {}. Sent generation was {}; rejoining", log_prefix_,
                   protocol::errorText(synced.error_code), sent_generation_.generation_id);
      if (generation_ == sent_generation_)
        resetGenerationLocked(synced.error_code != errors::kIllegalGeneration);
      return Step::Again;
    }
    case errors::kCoordinatorNotAvailable:
    case errors::kNotCoordinator:
      markCoordinatorUnknown(c.coordinator_epoch, protocol::errorText(synced.error_code));
      c.retry_at = Clock::now() + backoff(c);
      return Step::Again;
    default:
      throwFatal(ApiKey::SyncGroup, synced.error_code);
  }

  Generation generation;
  {
    std::lock_guard lock(mu_);
    if (state_ != MemberState::CompletingRebalance || !(generation_ == sent_generation_)) {
      // The heartbeat thread reset the generation while SyncGroup was in flight.
      spdlog::info("{}Generation was reset before the SyncGroup response arrived; rejoining",
                   log_prefix_);
      rejoin_needed_ = true;
      return Step::Again;
    }
    state_ = MemberState::Stable;
    generation = generation_;
  }
  spdlog::info("{}Successfully synced group in generation {}", log_prefix_,
               generation.generation_id);
  needs_join_prepare_ = true;
  handler_.onJoinComplete(generation.generation_id, generation.member_id, generation.protocol,
                          synced.assignment);
  return Step::Done;
}

void GroupMembership::throwFatal(ApiKey key, int16_t error_code) const {
  std::string api(protocol::apiName(key));
  std::string message;
  switch (error_code) {
    case errors::kGroupAuthorizationFailed:
      message = "Not authorized to access group: " + config_.group_id;
      break;
    case errors::kInconsistentGroupProtocol:
      message = api + " for group '" + config_.group_id +
                "' failed: " + protocol::errorText(error_code) +
                ". The group's members use a protocol type other than '" + config_.protocol_type +
                "' or share no protocol with this worker; is another application (e.g. a consumer "
                "group) using "
                "group id '" +
                config_.group_id + "'?";
      break;
    case errors::kInvalidSessionTimeout:
      message = api + " for group '" + config_.group_id +
                "' failed: session.timeout.ms=" + std::to_string(config_.session_timeout_ms) +
                " is outside the broker's group.min.session.timeout.ms / "
                "group.max.session.timeout.ms range";
      break;
    case errors::kGroupMaxSizeReached:
      message =
          "Group " + config_.group_id + " already has the configured maximum number of members.";
      break;
    default:
      message = "Unexpected error in " + api + " response for group '" + config_.group_id +
                "': " + protocol::errorText(error_code);
  }
  spdlog::error("{}{}", log_prefix_, message);
  throw KafkaException(static_cast<rd_kafka_resp_err_t>(error_code), message);
}

void GroupMembership::resetGenerationLocked(bool reset_member_id) {
  generation_ = Generation{-1, reset_member_id ? std::string() : generation_.member_id, ""};
  leader_id_.clear();
  state_ = MemberState::Unjoined;
  rejoin_needed_ = true;
}

void GroupMembership::leaveGroup() {
  ThreadClient& c = *poll_client_;
  Generation generation;
  {
    std::lock_guard lock(mu_);
    generation = generation_;
    resetGenerationLocked(true);
  }
  needs_join_prepare_ = true;
  // A pending wakeup must not cut the best-effort LeaveGroup short; it stays set for poll().
  c.interruptible = false;
  struct Restore {
    ThreadClient& c;
    ~Restore() { c.interruptible = true; }
  } restore{c};
  // A JoinGroup the coordinator is holding would block this connection until the rebalance
  // completes; the LeaveGroup supersedes it.
  if (c.coordinator && c.coordinator->outstanding())
    c.coordinator->close("abandoned for LeaveGroup");
  sendLeaveGroup(c, generation, "the worker is leaving the group");
}

void GroupMembership::sendLeaveGroup(ThreadClient& c, const Generation& generation,
                                     const std::string& reason) {
  if (generation.member_id.empty()) return;
  auto deadline = after(Clock::now(), std::chrono::milliseconds(config_.request_timeout_ms));
  // Skip the backoff of an earlier failure: this is a single best-effort attempt.
  c.retry_at = {};
  Step step = ensureCoordinator(c, deadline);
  if (step == Step::Again) step = ensureCoordinator(c, deadline);
  if (step != Step::Done || c.coordinator->hasResponse() || c.coordinator->outstanding()) {
    spdlog::info("{}Could not send LeaveGroup for member {}: the group coordinator is unavailable",
                 log_prefix_, generation.member_id);
    return;
  }
  BrokerConnection& conn = *c.coordinator;
  int16_t version = versionFor(conn, ApiKey::LeaveGroup);
  spdlog::info("{}Member {} sending LeaveGroup request to coordinator {} due to {}", log_prefix_,
               generation.member_id, conn.address().toString(), reason);
  protocol::LeaveGroupRequest request{config_.group_id, {{generation.member_id, std::nullopt}}};
  conn.send(ApiKey::LeaveGroup, version, protocol::encode(request, version), deadline);
  Wait wait;
  auto response = awaitResponse(c, conn, deadline, wait);
  if (!response) {
    spdlog::info("{}LeaveGroup for member {} got no response: {}", log_prefix_,
                 generation.member_id, wait == Wait::Done ? conn.failure() : "interrupted");
    return;
  }
  auto left = protocol::decodeLeaveGroupResponse(response->body, response->version);
  int16_t error = left.error_code;
  for (const auto& m : left.members) {
    if (error == errors::kNone && m.error_code != errors::kNone) error = m.error_code;
  }
  if (error != errors::kNone) {
    spdlog::info("{}LeaveGroup for member {} failed: {}", log_prefix_, generation.member_id,
                 protocol::errorText(error));
  }
}

void GroupMembership::heartbeatLoop() {
  std::unique_lock lock(mu_);
  while (!closing_) {
    try {
      heartbeatOnce(lock);
    } catch (const std::exception& e) {
      if (!lock.owns_lock()) lock.lock();
      spdlog::error("{}Heartbeat thread failed: {}", log_prefix_, e.what());
      heartbeat_failure_ = std::current_exception();
      notifyPollThread();
      // As Java's heartbeat thread dies and is restarted by the next poll: hold off until poll()
      // has thrown the failure to its caller.
      heartbeat_cv_.wait(lock, [&] { return closing_ || heartbeat_failure_ == nullptr; });
    }
  }
}

// One iteration of Java's HeartbeatThread.run(); `lock` is held on entry and on return.
void GroupMembership::heartbeatOnce(std::unique_lock<std::mutex>& lock) {
  ThreadClient& c = *heartbeat_client_;
  if (state_ != MemberState::CompletingRebalance && state_ != MemberState::Stable) {
    heartbeat_cv_.wait(lock);
    return;
  }
  auto now = Clock::now();
  if (!coordinator_) {
    lock.unlock();
    ensureCoordinator(c, after(now, std::chrono::milliseconds(config_.request_timeout_ms)));
    lock.lock();
    return;
  }
  if (now >= session_deadline_) {
    // No successful heartbeat for a whole session: the coordinator has most likely expired this
    // member already. Java only rediscovers the coordinator here; the member also rejoins so the
    // caller learns at once that its assignment may be void.
    spdlog::warn("{}No successful heartbeat within session.timeout.ms ({} ms); rejoining the group",
                 log_prefix_, config_.session_timeout_ms);
    markCoordinatorUnknownLocked(coordinator_epoch_,
                                 "session timed out without receiving a heartbeat response");
    session_deadline_ = after(now, std::chrono::milliseconds(config_.session_timeout_ms));
    rejoin_needed_ = true;
    notifyPollThread();
    return;
  }
  if (!in_poll_ && now - last_poll_ > std::chrono::milliseconds(config_.rebalance_timeout_ms)) {
    spdlog::warn(
        "{}poll() was not called for longer than rebalance.timeout.ms ({} ms), so the "
        "herder thread seems stuck; leaving the group so that the others can rebalance "
        "without this worker",
        log_prefix_, config_.rebalance_timeout_ms);
    Generation generation = generation_;
    resetGenerationLocked(true);
    lock.unlock();
    sendLeaveGroup(c, generation, "poll timeout has expired");
    lock.lock();
    notifyPollThread();
    return;
  }
  if (now < next_heartbeat_) {
    heartbeat_cv_.wait_until(lock, next_heartbeat_);
    return;
  }

  Generation sent = generation_;
  uint64_t epoch = coordinator_epoch_;
  next_heartbeat_ = after(now, std::chrono::milliseconds(config_.heartbeat_interval_ms));
  lock.unlock();
  std::optional<Response> response;
  std::string failure;
  Step step =
      ensureCoordinator(c, after(now, std::chrono::milliseconds(config_.request_timeout_ms)));
  if (step == Step::Done) {
    BrokerConnection& conn = *c.coordinator;
    if (!conn.outstanding()) {
      int16_t version = versionFor(conn, ApiKey::Heartbeat);
      protocol::HeartbeatRequest request{config_.group_id, sent.generation_id, sent.member_id,
                                         std::nullopt};
      conn.send(ApiKey::Heartbeat, version, protocol::encode(request, version),
                after(Clock::now(), std::chrono::milliseconds(config_.request_timeout_ms)));
    }
    Wait wait;
    response = awaitResponse(c, conn, Clock::time_point::max(), wait);
    if (wait != Wait::Done) step = Step::Interrupted;
    if (!response) failure = conn.failure();
  }
  lock.lock();
  if (closing_ || step == Step::Interrupted) return;
  now = Clock::now();
  auto retry = after(now, std::chrono::milliseconds(config_.retry_backoff_ms));
  if (step == Step::Again) {
    next_heartbeat_ = retry;
    return;
  }
  if (!response) {
    markCoordinatorUnknownLocked(epoch, failure);
    next_heartbeat_ = retry;
    return;
  }
  int16_t error = protocol::decodeHeartbeatResponse(response->body, response->version).error_code;
  bool current = generation_ == sent;
  switch (error) {
    case errors::kNone:
      session_deadline_ = after(now, std::chrono::milliseconds(config_.session_timeout_ms));
      return;
    case errors::kRebalanceInProgress:
      // Heartbeats during a rebalance still keep the member in the group until it rejoins.
      session_deadline_ = after(now, std::chrono::milliseconds(config_.session_timeout_ms));
      if (state_ == MemberState::Stable && current && !rejoin_needed_) {
        spdlog::info("{}Attempt to heartbeat failed since group is rebalancing", log_prefix_);
        rejoin_needed_ = true;
        notifyPollThread();
      }
      return;
    case errors::kIllegalGeneration:
    case errors::kUnknownMemberId:
    case errors::kFencedInstanceId:
      if (current) {
        spdlog::info(
            "{}Attempt to heartbeat with generation {} and member id {} failed due to {}, "
            "resetting "
            "generation",
            log_prefix_, sent.generation_id, sent.member_id, protocol::errorText(error));
        resetGenerationLocked(error != errors::kIllegalGeneration);
        notifyPollThread();
      }
      next_heartbeat_ = retry;
      return;
    case errors::kCoordinatorNotAvailable:
    case errors::kNotCoordinator:
      markCoordinatorUnknownLocked(epoch, protocol::errorText(error));
      next_heartbeat_ = retry;
      return;
    case errors::kCoordinatorLoadInProgress:
      next_heartbeat_ = retry;
      return;
    default:
      throwFatal(ApiKey::Heartbeat, error);
  }
}

}  // namespace connectd::kafka
