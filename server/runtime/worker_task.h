#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/runtime/herder.h"
#include "server/runtime/status_listener.h"

namespace connectd::runtime {

// A running task on its own thread (Kafka's WorkerTask): the lifecycle and status reporting
// shared by source and sink tasks. Subclasses implement initializeAndStart() / execute() /
// close() on the task thread.
//
// Status flow, as in Kafka: PAUSED while waiting to be unpaused before the start, RUNNING
// after start, PAUSED/RUNNING on target state changes, FAILED with the trace when anything
// throws, UNASSIGNED after a clean stop. A cancelled task (one that did not stop within the
// graceful timeout) reports nothing more.
class WorkerTask : public std::enable_shared_from_this<WorkerTask> {
 public:
  WorkerTask(ConnectorTaskId id, TaskStatusListener& listener, TargetState initial_state);
  virtual ~WorkerTask();
  WorkerTask(const WorkerTask&) = delete;
  WorkerTask& operator=(const WorkerTask&) = delete;

  // Starts the task thread. The thread keeps the task alive until it ends.
  void run();
  // Asks the task to stop (non-blocking).
  virtual void stop();
  // Waits for the thread to end; false on timeout.
  bool awaitStop(int64_t timeout_ms);
  // Gives up on a task that did not stop: no more status updates, the thread is detached.
  virtual void cancel();
  void transitionTo(TargetState state);

  const ConnectorTaskId& id() const { return id_; }
  bool isStopping() const { return stopping_.load(); }
  bool isCancelled() const { return cancelled_.load(); }

 protected:
  virtual void initializeAndStart() = 0;
  virtual void execute() = 0;
  // Releases everything, on the task thread, however the task ended.
  virtual void close() = 0;

  bool shouldPause() const;
  // Blocks while paused; returns false when the task is stopping. Wakes every `tick_ms` to
  // run `on_tick` (source tasks keep committing offsets while paused).
  bool awaitUnpause(int64_t tick_ms = 0, const std::function<void()>& on_tick = {});
  void onPause();
  void onResume();
  // Wakes a thread blocked in awaitUnpause() or waitFor().
  void wakeup();
  // Called (from any thread) after stop() or a target state change, for subclasses whose
  // loop blocks elsewhere (a consumer poll) to wake it.
  virtual void onWakeup() {}
  // Sleeps up to `ms`, returning early when stopping or woken.
  void waitFor(int64_t ms);

  ConnectorTaskId id_;
  TaskStatusListener& listener_;

 private:
  void doRun();

  std::atomic<bool> stopping_{false};
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  TargetState target_state_;
  bool woken_ = false;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace connectd::runtime
