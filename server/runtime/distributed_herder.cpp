#include "server/runtime/distributed_herder.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "server/api/errors.h"
#include "server/kafka/kafka_exception.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/connector_config.h"
#include "server/runtime/eager_assignor.h"
#include "server/runtime/request_target_exception.h"

namespace connectd::runtime {

namespace {

using namespace std::chrono_literals;

template <typename T>
void fail(const Callback<T>& cb, std::exception_ptr e) {
  if (cb) cb(std::move(e), T{});
}

template <typename T, typename E>
void fail(const Callback<T>& cb, const E& e) {
  fail(cb, std::make_exception_ptr(e));
}

std::string describe(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown error";
  }
}

// Java's reconfigureConnectorTasksWithExponentialBackoffRetries: 250 ms doubling to 60 s.
std::chrono::milliseconds reconfigurationBackoff(int attempt) {
  int64_t ms = 250;
  for (int i = 0; i < attempt && ms < 60000; ++i) ms *= 2;
  return std::chrono::milliseconds(std::min<int64_t>(ms, 60000));
}

kafka::GroupMembership::Config membershipConfig(const WorkerConfig& config, const DistributedConfig& distributed) {
  kafka::GroupMembership::Config c;
  c.bootstrap_servers = distributed.bootstrapServers();
  c.group_id = distributed.groupId();
  // WorkerGroupMember: client.id, or "connect-<n>" counting from 1 per process.
  auto it = distributed.originals().find(DistributedConfig::kClientId);
  c.client_id = it != distributed.originals().end() && !it->second.empty() ? it->second : "connect-1";
  c.protocol_type = "connect";
  c.session_timeout_ms = config.parsed().getInt(WorkerConfig::kSessionTimeoutMs);
  c.heartbeat_interval_ms = config.parsed().getInt(WorkerConfig::kHeartbeatIntervalMs);
  c.rebalance_timeout_ms = config.parsed().getInt(WorkerConfig::kRebalanceTimeoutMs);
  if (auto rt = distributed.originals().find("request.timeout.ms"); rt != distributed.originals().end()) {
    c.request_timeout_ms = std::stoi(rt->second);
  }
  if (auto rb = distributed.originals().find("retry.backoff.ms"); rb != distributed.originals().end()) {
    c.retry_backoff_ms = std::stoi(rb->second);
  }
  if (auto sp = distributed.originals().find("security.protocol"); sp != distributed.originals().end()) {
    c.security_protocol = sp->second;
  }
  return c;
}

}  // namespace

DistributedHerder::DistributedHerder(const WorkerConfig& config, const DistributedConfig& distributed,
                                     const api::PluginRegistry& plugins, std::string worker_id, std::string url)
    : AbstractHerder(std::move(worker_id), config, plugins,
                     std::make_unique<KafkaStatusBackingStore>(distributed.statusTopicSettings())),
      distributed_(distributed),
      url_(std::move(url)),
      offset_store_(std::make_shared<KafkaOffsetBackingStore>(distributed.offsetTopicSettings())),
      status_store_kafka_(static_cast<KafkaStatusBackingStore*>(status_store_.get())),
      config_store_(std::make_unique<KafkaConfigBackingStore>(distributed.configTopicSettings())),
      worker_(config, plugins, offset_store_, *status_store_),
      worker_sync_timeout_(config.parsed().getInt(WorkerConfig::kWorkerSyncTimeoutMs)),
      worker_unsync_backoff_(config.parsed().getInt(WorkerConfig::kWorkerUnsyncBackoffMs)),
      validation_executor_(std::make_unique<SerialExecutor>("validation")) {
  std::string protocol = config.parsed().getString(WorkerConfig::kConnectProtocol);
  if (!connect_protocol::fromConfig(protocol)) {
    throw api::ConfigException(WorkerConfig::kConnectProtocol, protocol,
                               "String must be one of (case insensitive): EAGER, COMPATIBLE, SESSIONED");
  }
  config_store_->setUpdateListener(this);
  member_ = std::make_unique<kafka::GroupMembership>(membershipConfig(config, distributed),
                                                    static_cast<kafka::GroupMembership::Handler&>(*this));
}

DistributedHerder::~DistributedHerder() { stop(); }

void DistributedHerder::start() {
  thread_ = std::thread([this] { run(); });
}

void DistributedHerder::stop() {
  if (stopping_.exchange(true)) {
    if (thread_.joinable()) thread_.join();
    return;
  }
  spdlog::info("Herder stopping");
  ready_ = false;
  if (validation_executor_) validation_executor_->shutdown();
  queue_cv_.notify_all();
  if (member_) member_->wakeup();
  if (thread_.joinable()) thread_.join();
  spdlog::info("Herder stopped");
}

std::string DistributedHerder::failureMessage() const {
  std::lock_guard lock(queue_mu_);
  return failure_message_;
}

bool DistributedHerder::awaitFailure(std::chrono::milliseconds timeout) {
  std::unique_lock lock(queue_mu_);
  return queue_cv_.wait_for(lock, timeout, [this] { return failed_.load(); });
}

// ---------------------------------------------------------------- herder thread

void DistributedHerder::run() {
  pthread_setname_np(pthread_self(), "herder");
  try {
    startServices();
  } catch (const std::exception& e) {
    spdlog::error("Uncaught exception in herder work thread, exiting: {}", stackTraceOf(e));
    {
      std::lock_guard lock(queue_mu_);
      failure_message_ = e.what();
      failed_ = true;
    }
    queue_cv_.notify_all();
    try {
      worker_.stop();
    } catch (...) {
    }
    status_store_->stop();
    config_store_->stop();
    return;
  }
  spdlog::info("Herder started");
  while (!stopping_) {
    try {
      tick();
    } catch (const kafka::KafkaException& e) {
      // The group client raises only what it cannot retry (authorization, protocol mismatch).
      spdlog::error("Uncaught exception in herder work thread, exiting: {}", e.what());
      {
        std::lock_guard lock(queue_mu_);
        failure_message_ = e.what();
        failed_ = true;
      }
      queue_cv_.notify_all();
      break;
    } catch (const std::exception& e) {
      spdlog::error("Unexpected exception in herder tick: {}", stackTraceOf(e));
    }
  }
  halt();
}

void DistributedHerder::startServices() {
  spdlog::info("Herder starting: group {}, worker {} ({})", distributed_.groupId(), workerId(), url_);
  worker_.start();  // starts the offsets store: creates/checks and reads the offsets topic
  status_store_->start();
  config_store_->start();
  refreshSnapshot();
}

void DistributedHerder::tick() {
  member_->poll(0ms);
  if (stopping_) return;
  if (rebalance_resolved_ && !handleRebalanceCompleted()) return;
  bool stable = assignment_.has_value() && !member_->rejoinNeeded() && member_->generation() >= 0;

  if (stable) {
    runRequests();
    processConfigUpdates();
    if (isLeader() && !member_->rejoinNeeded() && assignmentOutdated()) {
      spdlog::info("Requesting rebalance due to reconfiguration of connectors or tasks");
      member_->requestRejoin();
    }
  }

  // Sleep in the group client until the next scheduled job, a new request or a wakeup.
  auto timeout = std::chrono::milliseconds(1000);
  {
    std::lock_guard lock(queue_mu_);
    if (stable && !requests_.empty()) timeout = 0ms;
    if (!scheduled_.empty()) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(scheduled_.begin()->first - Clock::now());
      timeout = std::clamp(until, 0ms, timeout);
    }
  }
  {
    std::lock_guard lock(updates_mu_);
    if (!connector_updates_.empty() || !target_state_changes_.empty() || task_config_updates_ ||
        !restart_requests_.empty()) {
      timeout = 0ms;
    }
  }
  if (timeout > 0ms && !stopping_) member_->poll(timeout);
}

bool DistributedHerder::handleRebalanceCompleted() {
  const ConnectAssignment& a = *assignment_;
  if (a.error != ConnectAssignment::kNoError) {
    spdlog::info("Joined group with generation {} but the leader's config offset {} is behind; reading the config "
                 "topic before rejoining",
                 generation_.load(), a.config_offset);
    if (!readConfigToEnd(worker_sync_timeout_)) {
      std::this_thread::sleep_for(std::min(worker_unsync_backoff_, std::chrono::milliseconds(1000)));
    }
    member_->requestRejoin();
    return false;
  }
  if (snapshot_.offset() < a.config_offset) {
    spdlog::info("Current config state offset {} is behind group assignment {}, reading to end of config log",
                 snapshot_.offset(), a.config_offset);
    if (!readConfigToEnd(worker_sync_timeout_) || snapshot_.offset() < a.config_offset) {
      spdlog::warn("Could not catch up with the config log; leaving the group for {} ms before rejoining",
                   worker_unsync_backoff_.count());
      member_->leaveGroup();
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait_for(lock, worker_unsync_backoff_, [this] { return stopping_.load(); });
      member_->requestRejoin();
      return false;
    }
  }
  startWork();
  rebalance_resolved_ = false;
  ready_ = true;
  return true;
}

void DistributedHerder::runRequests() {
  for (;;) {
    std::function<void()> job;
    {
      std::lock_guard lock(queue_mu_);
      if (!scheduled_.empty() && scheduled_.begin()->first <= Clock::now()) {
        job = std::move(scheduled_.begin()->second);
        scheduled_.erase(scheduled_.begin());
      } else if (!requests_.empty()) {
        job = std::move(requests_.front());
        requests_.pop_front();
      } else {
        return;
      }
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("Uncaught exception in herder request: {}", e.what());
    }
    // A request that wrote to the config topic may need a rebalance before the next one.
    if (member_->rejoinNeeded()) return;
  }
}

bool DistributedHerder::addRequest(std::function<void()> job) {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return false;
    requests_.push_back(std::move(job));
  }
  member_->wakeup();
  return true;
}

void DistributedHerder::schedule(Clock::time_point when, std::function<void()> job) {
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return;
    scheduled_.emplace(when, std::move(job));
  }
  member_->wakeup();
}

void DistributedHerder::refreshSnapshot() {
  ClusterConfigState s = config_store_->snapshot();
  std::lock_guard lock(mu_);
  snapshot_ = std::move(s);
}

bool DistributedHerder::readConfigToEnd(std::chrono::milliseconds timeout) {
  try {
    config_store_->refresh(timeout);
    refreshSnapshot();
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("Didn't reach end of config log quickly enough: {}", e.what());
    return false;
  }
}

void DistributedHerder::processConfigUpdates() {
  std::set<std::string> connector_updates;
  std::set<std::string> target_changes;
  bool task_updates = false;
  std::vector<RestartRequest> restarts;
  {
    std::lock_guard lock(updates_mu_);
    connector_updates.swap(connector_updates_);
    target_changes.swap(target_state_changes_);
    std::swap(task_updates, task_config_updates_);
    restarts.swap(restart_requests_);
  }
  if (connector_updates.empty() && target_changes.empty() && !task_updates && restarts.empty()) return;

  refreshSnapshot();
  (void)task_updates;  // new task configs are picked up by the leader's assignment check below

  // Changed configs of connectors this worker runs: bounce them (a removed one just stops; the
  // rebalance the leader starts revokes the rest).
  for (const auto& c : connector_updates) {
    if (!assignedConnector(c)) continue;
    worker_.stopAndAwaitConnector(c);
    if (snapshot_.contains(c)) {
      spdlog::info("Restarting connector {} with its new configuration", c);
      startConnector(c);
    }
  }
  for (const auto& c : target_changes) {
    if (connector_updates.count(c) || !snapshot_.contains(c)) continue;
    TargetState target = snapshot_.targetState(c).value_or(TargetState::Started);
    if (assignedConnector(c)) {
      worker_.setTargetState(c, target, [this, c](std::exception_ptr error, std::optional<TargetState> reached) {
        if (error) {
          spdlog::error("Failed to transition connector {} to its target state: {}", c, describe(error));
          return;
        }
        if (reached == TargetState::Started) addRequest([this, c] { reconfigureConnectorTasks(c); });
      });
    }
    worker_.setTaskTargetState(c, target);
  }
  if (!restarts.empty()) processRestartRequests(std::move(restarts));
}

bool DistributedHerder::assignmentOutdated() const {
  // Eager protocol: the leader compares what it assigned with the config it has read; a new
  // or removed connector, or a changed set of tasks, is redistributed by a rebalance, which
  // stops and restarts the work of every member.
  std::set<std::string> assigned_connectors;
  std::set<ConnectorTaskId> assigned_tasks;
  {
    std::lock_guard lock(mu_);
    for (const auto& [member, a] : all_assignments_) {
      if (a.failed()) return false;
      assigned_connectors.insert(a.connectors.begin(), a.connectors.end());
      assigned_tasks.insert(a.tasks.begin(), a.tasks.end());
    }
  }
  std::set<std::string> connectors;
  std::set<ConnectorTaskId> tasks;
  for (const auto& c : snapshot_.connectors()) {
    connectors.insert(c);
    for (const auto& t : snapshot_.tasks(c)) tasks.insert(t);
  }
  return connectors != assigned_connectors || tasks != assigned_tasks;
}

void DistributedHerder::processRestartRequests(std::vector<RestartRequest> requests) {
  for (const auto& request : requests) {
    const std::string& name = request.connector;
    if (!snapshot_.contains(name)) continue;
    bool restart_connector = false;
    std::vector<ConnectorTaskId> restart_tasks;
    if (!buildRestartPlan(request, restart_connector, restart_tasks)) {
      spdlog::info("Skipping restart of connector '{}' since no status is available", name);
      continue;
    }
    restart_connector = restart_connector && assignedConnector(name);
    std::vector<ConnectorTaskId> local_tasks;
    for (const auto& id : restart_tasks) {
      if (assignedTask(id)) local_tasks.push_back(id);
    }
    if (!restart_connector && local_tasks.empty()) continue;
    spdlog::info("Executing restart of connector '{}' (connector: {}, tasks: {})", name, restart_connector,
                 local_tasks.size());
    if (restart_connector) {
      worker_.stopAndAwaitConnector(name);
      onRestart(name);
    }
    if (!local_tasks.empty()) {
      worker_.stopAndAwaitTasks(local_tasks);
      for (const auto& id : local_tasks) onRestart(id);
    }
    if (restart_connector) startConnector(name);
    for (const auto& id : local_tasks) startTask(id);
  }
}

void DistributedHerder::startWork() {
  std::vector<std::string> connectors;
  std::vector<ConnectorTaskId> tasks;
  {
    std::lock_guard lock(mu_);
    connectors = assignment_->connectors;
    tasks = assignment_->tasks;
  }
  spdlog::info("Starting connectors and tasks using config offset {}", snapshot_.offset());
  for (const auto& c : connectors) startConnector(c);
  for (const auto& t : tasks) startTask(t);
  spdlog::info("Finished starting connectors and tasks");
}

void DistributedHerder::revokeAll() {
  std::vector<std::string> connectors;
  std::vector<ConnectorTaskId> tasks;
  {
    std::lock_guard lock(mu_);
    if (!assignment_) return;
    connectors = assignment_->connectors;
    tasks = assignment_->tasks;
  }
  // One graceful budget for every task, then the connectors.
  worker_.stopAndAwaitTasks(tasks);
  for (const auto& c : connectors) worker_.stopAndAwaitConnector(c);

  // Work whose connector was deleted: its owner removes the statuses once it stopped, so
  // nothing it writes later brings them back.
  ClusterConfigState latest = config_store_->snapshot();
  std::set<std::string> deleted;
  for (const auto& c : connectors)
    if (!latest.contains(c)) deleted.insert(c);
  for (const auto& t : tasks)
    if (!latest.contains(t.connector)) deleted.insert(t.connector);
  for (const auto& c : deleted) onDeletion(c);
  for (const auto& t : tasks) {
    // Tasks that no longer exist (fewer task configs than before) lose their status too.
    if (latest.contains(t.connector) && t.task >= latest.taskCount(t.connector)) onDeletion(t);
  }
}

void DistributedHerder::halt() {
  spdlog::info("Stopping connectors and tasks that are still assigned to this worker.");
  try {
    revokeAll();
  } catch (const std::exception& e) {
    spdlog::error("Failed to stop work cleanly: {}", e.what());
  }
  try {
    member_->leaveGroup();
  } catch (const std::exception& e) {
    spdlog::warn("Failed to leave the group: {}", e.what());
  }
  {
    std::lock_guard lock(queue_mu_);
    requests_.clear();
    scheduled_.clear();
  }
  worker_.stop();
  status_store_->stop();
  config_store_->stop();
}

// ---------------------------------------------------------------- group membership

std::vector<kafka::GroupProtocol> DistributedHerder::metadata() {
  // Only the eager protocol ("default") is offered: a Java worker in the same group then
  // agrees on it too, since every Connect version supports it.
  ConnectWorkerState state;
  state.url = url_;
  state.config_offset = snapshot_.offset();
  return {kafka::GroupProtocol{std::string(connect_protocol::protocolName(ConnectProtocolCompatibility::Eager)),
                               connect_protocol::serializeMetadata(state, 0)}};
}

void DistributedHerder::onJoinPrepare(int generation, const std::string& member_id) {
  spdlog::info("Rebalance started (generation {}, member {})", generation, member_id);
  // Eager protocol: everything this worker runs is revoked before it rejoins.
  revokeAll();
  std::lock_guard lock(mu_);
  assignment_.reset();
  all_assignments_.clear();
  generation_ = -1;
}

std::map<std::string, std::string> DistributedHerder::performAssignment(
    const std::string& leader_id, const std::string& protocol, const std::vector<kafka::JoinedMember>& members) {
  spdlog::debug("Performing task assignment with protocol {}", protocol);
  std::vector<EagerAssignor::Member> parsed;
  std::map<std::string, std::string> urls;
  for (const auto& m : members) {
    EagerAssignor::Member member;
    member.member_id = m.member_id;
    member.state = connect_protocol::deserializeMetadata(m.metadata);
    urls[m.member_id] = member.state.url;
    parsed.push_back(std::move(member));
  }
  // The leader assigns from the freshest config it has read (WorkerCoordinator.configFreshSnapshot).
  auto assignments = EagerAssignor::assign(leader_id, parsed, snapshot_, [this] {
    readConfigToEnd(worker_sync_timeout_);
    return snapshot_;
  });
  std::map<std::string, std::string> out;
  for (const auto& [member, a] : assignments) out[member] = connect_protocol::serializeAssignment(a);
  std::lock_guard lock(mu_);
  all_assignments_ = std::move(assignments);
  member_urls_ = std::move(urls);
  return out;
}

void DistributedHerder::onJoinComplete(int generation, const std::string& member_id, const std::string& protocol,
                                       const std::string& assignment) {
  ConnectAssignment a = connect_protocol::deserializeAssignment(assignment);
  spdlog::info("Joined group at generation {} with protocol {} and got assignment: leader {} (url {}), config offset "
               "{}, {} connector(s), {} task(s), error {}",
               generation, protocol, a.leader, a.leader_url, a.config_offset, a.connectors.size(), a.tasks.size(),
               a.error);
  std::lock_guard lock(mu_);
  assignment_ = std::move(a);
  member_id_ = member_id;
  generation_ = generation;
  rebalance_resolved_ = true;
}

bool DistributedHerder::isLeader() const {
  std::lock_guard lock(mu_);
  return assignment_ && !member_id_.empty() && assignment_->leader == member_id_;
}

std::optional<std::string> DistributedHerder::leaderUrl() const {
  std::lock_guard lock(mu_);
  if (!assignment_ || assignment_->leader_url.empty()) return std::nullopt;
  return assignment_->leader_url;
}

std::optional<std::string> DistributedHerder::ownerUrl(const std::string& connector) const {
  std::lock_guard lock(mu_);
  for (const auto& [member, a] : all_assignments_) {
    if (std::find(a.connectors.begin(), a.connectors.end(), connector) != a.connectors.end()) {
      auto it = member_urls_.find(member);
      if (it != member_urls_.end()) return it->second;
    }
  }
  return std::nullopt;
}

std::optional<std::string> DistributedHerder::ownerUrl(const ConnectorTaskId& id) const {
  std::lock_guard lock(mu_);
  for (const auto& [member, a] : all_assignments_) {
    if (std::find(a.tasks.begin(), a.tasks.end(), id) != a.tasks.end()) {
      auto it = member_urls_.find(member);
      if (it != member_urls_.end()) return it->second;
    }
  }
  return std::nullopt;
}

bool DistributedHerder::assignedConnector(const std::string& name) const {
  std::lock_guard lock(mu_);
  return assignment_ && std::find(assignment_->connectors.begin(), assignment_->connectors.end(), name) !=
                            assignment_->connectors.end();
}

bool DistributedHerder::assignedTask(const ConnectorTaskId& id) const {
  std::lock_guard lock(mu_);
  return assignment_ && std::find(assignment_->tasks.begin(), assignment_->tasks.end(), id) != assignment_->tasks.end();
}

// ---------------------------------------------------------------- config topic notifications

void DistributedHerder::onConnectorConfigRemove(const std::string& connector) {
  spdlog::info("Connector {} config removed", connector);
  {
    std::lock_guard lock(updates_mu_);
    connector_updates_.insert(connector);
  }
  member_->wakeup();
}

void DistributedHerder::onConnectorConfigUpdate(const std::string& connector) {
  spdlog::info("Connector {} config updated", connector);
  {
    std::lock_guard lock(updates_mu_);
    connector_updates_.insert(connector);
  }
  member_->wakeup();
}

void DistributedHerder::onTaskConfigUpdate(const std::vector<ConnectorTaskId>& tasks) {
  spdlog::info("Tasks {} configs updated", tasks.size());
  {
    std::lock_guard lock(updates_mu_);
    task_config_updates_ = true;
  }
  member_->wakeup();
}

void DistributedHerder::onConnectorTargetStateChange(const std::string& connector) {
  spdlog::info("Connector {} target state change", connector);
  {
    std::lock_guard lock(updates_mu_);
    target_state_changes_.insert(connector);
  }
  member_->wakeup();
}

void DistributedHerder::onSessionKeyUpdate(const SessionKey&) {
  // Session keys sign internal requests under the "sessioned" protocol only; this worker runs
  // the eager protocol, whose internal requests are not signed.
}

void DistributedHerder::onRestartRequest(const RestartRequest& request) {
  spdlog::info("Received and enqueued restart request for connector {}", request.connector);
  {
    std::lock_guard lock(updates_mu_);
    restart_requests_.push_back(request);
  }
  member_->wakeup();
}

void DistributedHerder::onLoggingLevelUpdate(const std::string& logger_namespace, const std::string& level) {
  spdlog::info("Cluster-wide logging level {} for namespace {} (applied locally by the REST layer only)", level,
               logger_namespace);
}

// ---------------------------------------------------------------- connectors and tasks

void DistributedHerder::startConnector(const std::string& name, WorkerConnector::StateCallback cb) {
  auto config = snapshot_.connectorConfig(name);
  if (!config) {
    if (cb) cb(std::make_exception_ptr(api::NotFoundException("Connector " + name + " not found")), std::nullopt);
    return;
  }
  TargetState target = snapshot_.targetState(name).value_or(TargetState::Started);
  worker_.startConnector(
      name, *config, *this, target,
      [this, name] {
        addRequest([this, name] {
          if (!worker_.isRunning(name)) {
            spdlog::error("Task that requested reconfiguration does not exist: {}", name);
            return;
          }
          reconfigureConnectorTasks(name);
        });
      },
      [this, name, cb](std::exception_ptr error, std::optional<TargetState> reached) {
        if (!error && reached == TargetState::Started) addRequest([this, name] { reconfigureConnectorTasks(name); });
        if (cb) cb(error, reached);
      });
}

bool DistributedHerder::startTask(const ConnectorTaskId& id) {
  auto connector_config = snapshot_.connectorConfig(id.connector);
  auto task_config = snapshot_.taskConfig(id);
  if (!connector_config || !task_config) {
    spdlog::warn("Not starting task {}: its configuration is gone", toString(id));
    return false;
  }
  TargetState target = snapshot_.targetState(id.connector).value_or(TargetState::Started);
  return worker_.startTask(id, *connector_config, *task_config, snapshot_.taskCount(id.connector), *this, target);
}

void DistributedHerder::reconfigureConnectorTasks(const std::string& name, int attempt) {
  auto config = snapshot_.connectorConfig(name);
  if (!config) {
    spdlog::info("Skipping reconfiguration of connector {} since it no longer exists", name);
    return;
  }
  if (snapshot_.targetState(name).value_or(TargetState::Started) != TargetState::Started) {
    spdlog::info("Skipping reconfiguration of connector {} since its target state is not STARTED", name);
    return;
  }
  if (!worker_.isRunning(name)) {
    spdlog::info("Skipping reconfiguration of connector {} since it is not running", name);
    return;
  }
  worker_.connectorTaskConfigs(name, *config,
                               [this, name, attempt](std::exception_ptr error, std::vector<ConfigMap> configs) {
                                 addRequest([this, name, attempt, error, configs = std::move(configs)]() mutable {
                                   if (error) {
                                     spdlog::error("Failed to reconfigure connector's tasks ({}): {}", name,
                                                   describe(error));
                                     retryReconfiguration(name, attempt);
                                     return;
                                   }
                                   applyGeneratedTaskConfigs(name, std::move(configs), attempt);
                                 });
                               });
}

void DistributedHerder::retryReconfiguration(const std::string& name, int attempt) {
  auto delay = reconfigurationBackoff(attempt);
  spdlog::info("Retrying reconfiguration of connector {} in {} ms", name, delay.count());
  schedule(Clock::now() + delay, [this, name, attempt] { reconfigureConnectorTasks(name, attempt + 1); });
}

void DistributedHerder::applyGeneratedTaskConfigs(const std::string& name, std::vector<ConfigMap> configs,
                                                  int attempt) {
  auto config = snapshot_.connectorConfig(name);
  if (!config || snapshot_.targetState(name).value_or(TargetState::Started) != TargetState::Started) return;
  std::vector<ConfigMap> current;
  for (const auto& id : snapshot_.tasks(name)) current.push_back(snapshot_.taskConfig(id).value_or(ConfigMap{}));
  bool changed = snapshot_.isInconsistent(name) || current != configs;
  if (auto it = applied_configs_.find(name); it != applied_configs_.end() && it->second != *config) changed = true;
  if (!changed) {
    applied_configs_[name] = *config;
    spdlog::debug("Skipping reconfiguration of connector {} as generated configs appear unchanged", name);
    return;
  }
  if (isLeader()) {
    try {
      writeTaskConfigs(name, configs);
      applied_configs_[name] = *config;
    } catch (const std::exception& e) {
      spdlog::error("Failed to write task configs of connector {}: {}", name, e.what());
      retryReconfiguration(name, attempt);
    }
    return;
  }
  auto leader = leaderUrl();
  if (!forwarder_ || !leader) {
    spdlog::error("Cannot forward task configs of connector {} to the leader: {}", name,
                  leader ? "no REST client" : "leader unknown");
    retryReconfiguration(name, attempt);
    return;
  }
  forwarder_(*leader, name, configs, [this, name, attempt, config = *config](std::exception_ptr error, bool) {
    addRequest([this, name, attempt, error, config] {
      if (error) {
        spdlog::error("Request to leader to reconfigure connector tasks failed: {}", describe(error));
        retryReconfiguration(name, attempt);
      } else {
        applied_configs_[name] = config;
      }
    });
  });
}

void DistributedHerder::writeTaskConfigs(const std::string& name, const std::vector<ConfigMap>& configs) {
  spdlog::info("Writing {} task config(s) for connector {}", configs.size(), name);
  config_store_->putTaskConfigs(name, configs);
  refreshSnapshot();
}

// ---------------------------------------------------------------- reads

std::optional<ConfigMap> DistributedHerder::rawConfig(const std::string& name) {
  std::lock_guard lock(mu_);
  return snapshot_.connectorConfig(name);
}

ConnectorInfo DistributedHerder::infoOf(const std::string& name) const {
  ConnectorInfo info;
  info.name = name;
  info.config = snapshot_.connectorConfig(name).value_or(ConfigMap{});
  info.tasks = snapshot_.tasks(name);
  info.type = connectorType(info.config);
  return info;
}

std::vector<std::string> DistributedHerder::connectors() {
  std::lock_guard lock(mu_);
  auto out = snapshot_.connectors();
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<ConnectorInfo> DistributedHerder::connectorInfoSnapshot(const std::string& name) {
  std::lock_guard lock(mu_);
  if (!snapshot_.contains(name)) return std::nullopt;
  return infoOf(name);
}

void DistributedHerder::connectorInfo(const std::string& name, Callback<ConnectorInfo> cb) {
  auto info = connectorInfoSnapshot(name);
  if (!info) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  cb(nullptr, std::move(*info));
}

void DistributedHerder::connectorConfig(const std::string& name, Callback<ConfigMap> cb) {
  auto config = rawConfig(name);
  if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  cb(nullptr, std::move(*config));
}

void DistributedHerder::taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb) {
  std::vector<TaskInfo> out;
  {
    std::lock_guard lock(mu_);
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    for (const auto& id : snapshot_.tasks(name)) out.push_back(TaskInfo{id, snapshot_.taskConfig(id).value_or(ConfigMap{})});
  }
  cb(nullptr, std::move(out));
}

std::string DistributedHerder::kafkaClusterId() { return worker_.kafkaClusterId(); }

void DistributedHerder::healthCheck(Callback<bool> cb) {
  if (!addRequest([cb] { cb(nullptr, true); })) fail(cb, api::ConnectException("Worker is shutting down"));
}

// ---------------------------------------------------------------- config writes

void DistributedHerder::addSinkGroupConflict(ConfigInfos& infos, const ConfigMap& config) const {
  if (connectorType(config) != ConnectorType::Sink) return;
  auto name = config.find(ConnectorConfig::kName);
  if (name == config.end()) return;
  std::string group = "connect-" + name->second;
  if (group != distributed_.groupId()) return;
  for (auto& c : infos.configs) {
    if (c.definition && c.definition->name == ConnectorConfig::kName && c.value) {
      c.value->errors.push_back("Consumer group " + group + " conflicts with Connect worker group " +
                                distributed_.groupId());
      ++infos.error_count;
    }
  }
}

void DistributedHerder::validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) {
  bool submitted = validation_executor_ && validation_executor_->submit([this, config, cb] {
    ConfigInfos infos;
    try {
      infos = validateConnectorConfigNow(config);
      addSinkGroupConflict(infos, config);
    } catch (...) {
      return fail(cb, std::current_exception());
    }
    cb(nullptr, std::move(infos));
  });
  if (!submitted) fail(cb, api::ConnectException("Worker is shutting down"));
}

void DistributedHerder::putConnectorConfig(const std::string& name, const ConfigMap& config, bool allow_replace,
                                           std::optional<TargetState> initial_state, Callback<Created> cb) {
  validateConnectorConfig(config, [this, name, config, allow_replace, initial_state, cb](std::exception_ptr error,
                                                                                        ConfigInfos infos) {
    if (error) return fail(cb, error);
    bool added = addRequest([this, name, config, allow_replace, initial_state, cb, infos = std::move(infos)] {
      doPutConnectorConfig(name, config, initial_state, allow_replace, infos, cb);
    });
    if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
  });
}

void DistributedHerder::doPutConnectorConfig(const std::string& name, const ConfigMap& config,
                                             std::optional<TargetState> initial, bool allow_replace,
                                             const ConfigInfos& infos, Callback<Created> cb) {
  if (auto msg = configErrorsMessage(infos)) return fail(cb, api::BadRequestException(*msg));
  if (!isLeader()) return fail(cb, NotLeaderException("Only the leader can set connector configs.", leaderUrl()));
  bool exists = snapshot_.contains(name);
  if (exists && !allow_replace) return fail(cb, api::AlreadyExistsException("Connector " + name + " already exists"));
  try {
    // The target state is written only for a new connector created with initial_state.
    config_store_->putConnectorConfig(name, config, exists ? std::nullopt : initial);
    refreshSnapshot();
  } catch (...) {
    return fail(cb, std::current_exception());
  }
  ConnectorInfo info;
  info.name = name;
  info.config = config;
  info.tasks = snapshot_.tasks(name);
  info.type = connectorType(config);
  cb(nullptr, Created{!exists, std::move(info)});
}

void DistributedHerder::patchConnectorConfig(const std::string& name,
                                             const std::map<std::string, std::optional<std::string>>& patch,
                                             Callback<Created> cb) {
  bool added = addRequest([this, name, patch, cb] {
    auto config = snapshot_.connectorConfig(name);
    if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    for (const auto& [k, v] : patch) {
      if (v) {
        (*config)[k] = *v;
      } else {
        config->erase(k);
      }
    }
    putConnectorConfig(name, *config, true, std::nullopt, cb);
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

void DistributedHerder::deleteConnectorConfig(const std::string& name, Callback<bool> cb) {
  bool added = addRequest([this, name, cb] {
    if (!isLeader()) return fail(cb, NotLeaderException("Only the leader can delete connector configs.", leaderUrl()));
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    try {
      config_store_->removeConnectorConfig(name);
      refreshSnapshot();
    } catch (...) {
      return fail(cb, std::current_exception());
    }
    applied_configs_.erase(name);
    cb(nullptr, true);
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

void DistributedHerder::putTaskConfigs(const std::string& name, const std::vector<ConfigMap>& configs,
                                       const std::optional<InternalRequestSignature>&, Callback<bool> cb) {
  bool added = addRequest([this, name, configs, cb] {
    if (!isLeader()) return fail(cb, NotLeaderException("Only the leader may write task configurations.", leaderUrl()));
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    try {
      writeTaskConfigs(name, configs);
    } catch (...) {
      return fail(cb, std::current_exception());
    }
    cb(nullptr, true);
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

void DistributedHerder::fenceZombieSourceTasks(const std::string& name, const std::optional<InternalRequestSignature>&,
                                               Callback<bool> cb) {
  bool added = addRequest([this, name, cb] {
    if (!isLeader()) {
      return fail(cb, NotLeaderException("Only the leader may perform zombie fencing.", leaderUrl()));
    }
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    fail(cb, api::BadRequestException("Exactly-once source support is not enabled on this worker "
                                      "(exactly.once.source.support is not supported by connectd yet)"));
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

// ---------------------------------------------------------------- target states

void DistributedHerder::pauseConnector(const std::string& name) {
  if (!rawConfig(name)) throw api::NotFoundException("Unknown connector " + name);
  config_store_->putTargetState(name, TargetState::Paused);
}

void DistributedHerder::resumeConnector(const std::string& name) {
  if (!rawConfig(name)) throw api::NotFoundException("Unknown connector " + name);
  config_store_->putTargetState(name, TargetState::Started);
}

void DistributedHerder::stopConnector(const std::string& name, Callback<bool> cb) {
  bool added = addRequest([this, name, cb] {
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Unknown connector " + name));
    if (!isLeader()) {
      return fail(cb, NotLeaderException("Only the leader can transition connectors to the STOPPED state.",
                                         leaderUrl()));
    }
    try {
      // Task configs first: a RUNNING connector with no tasks is a sane state to crash in, a
      // STOPPED one with tasks is not.
      writeTaskConfigs(name, {});
      config_store_->putTargetState(name, TargetState::Stopped);
      if (!readConfigToEnd(worker_sync_timeout_)) {
        spdlog::warn("Failed to read to end of config topic after writing the STOPPED target state for connector {}",
                     name);
      }
    } catch (...) {
      return fail(cb, std::current_exception());
    }
    cb(nullptr, true);
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

// ---------------------------------------------------------------- restarts

void DistributedHerder::restartConnector(const std::string& name, Callback<bool> cb) {
  bool added = addRequest([this, name, cb] {
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Unknown connector: " + name));
    if (assignedConnector(name)) {
      worker_.stopAndAwaitConnector(name);
      startConnector(name, [cb](std::exception_ptr error, std::optional<TargetState>) {
        if (error) return fail(cb, error);
        cb(nullptr, true);
      });
    } else if (isLeader()) {
      fail(cb, NotAssignedException("Cannot restart connector since it is not assigned to this member", ownerUrl(name)));
    } else {
      fail(cb, NotLeaderException("Cannot restart connector since it is not assigned to this member", leaderUrl()));
    }
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

void DistributedHerder::restartConnectorAndTasks(const RestartRequest& request, Callback<ConnectorStateInfo> cb) {
  bool added = addRequest([this, request, cb] {
    const std::string& name = request.connector;
    if (!isLeader()) {
      return fail(cb, NotLeaderException("Only the leader can process restart requests.", leaderUrl()));
    }
    if (!snapshot_.contains(name)) return fail(cb, api::NotFoundException("Unknown connector: " + name));
    try {
      config_store_->putRestartRequest(request);
    } catch (...) {
      return fail(cb, std::current_exception());
    }
    bool restart_connector = false;
    std::vector<ConnectorTaskId> restart_tasks;
    auto plan = buildRestartPlan(request, restart_connector, restart_tasks);
    if (!plan) return fail(cb, api::NotFoundException("Status for connector " + name + " not found"));
    cb(nullptr, std::move(*plan));
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

void DistributedHerder::restartTask(const ConnectorTaskId& id, Callback<bool> cb) {
  bool added = addRequest([this, id, cb] {
    if (!snapshot_.contains(id.connector)) {
      return fail(cb, api::NotFoundException("Unknown connector: " + id.connector));
    }
    if (!snapshot_.taskConfig(id)) return fail(cb, api::NotFoundException("Unknown task: " + toString(id)));
    if (assignedTask(id)) {
      worker_.stopAndAwaitTasks({id});
      if (startTask(id)) {
        cb(nullptr, true);
      } else {
        fail(cb, api::ConnectException("Failed to start task: " + toString(id)));
      }
    } else if (isLeader()) {
      fail(cb, NotAssignedException("Cannot restart task since it is not assigned to this member", ownerUrl(id)));
    } else {
      fail(cb, NotLeaderException("Cannot restart task since it is not assigned to this member", leaderUrl()));
    }
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

// ---------------------------------------------------------------- offsets

void DistributedHerder::connectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb) {
  auto config = rawConfig(name);
  if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
  worker_.connectorOffsets(name, *config, std::move(cb));
}

void DistributedHerder::modifyConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                                               Callback<std::string> cb) {
  bool added = addRequest([this, name, offsets = std::move(offsets), cb]() mutable {
    if (!isLeader()) {
      return fail(cb, NotLeaderException("Only the leader can process external offsets modification requests",
                                         leaderUrl()));
    }
    auto config = snapshot_.connectorConfig(name);
    if (!config) return fail(cb, api::NotFoundException("Connector " + name + " not found"));
    if (snapshot_.targetState(name).value_or(TargetState::Started) != TargetState::Stopped ||
        snapshot_.taskCount(name) != 0) {
      return fail(cb, notStoppedForOffsets(name));
    }
    worker_.modifyConnectorOffsets(name, *config, std::move(offsets), cb);
  });
  if (!added) fail(cb, api::ConnectException("Worker is shutting down"));
}

}  // namespace connectd::runtime
