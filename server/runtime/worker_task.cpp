#include "server/runtime/worker_task.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "server/runtime/caused_connect_exception.h"

namespace connectd::runtime {

WorkerTask::WorkerTask(ConnectorTaskId id, TaskStatusListener& listener, TargetState initial_state)
    : id_(std::move(id)), listener_(listener), target_state_(initial_state) {}

WorkerTask::~WorkerTask() {
  if (thread_.joinable()) {
    if (thread_.get_id() == std::this_thread::get_id()) {
      thread_.detach();
    } else {
      thread_.join();
    }
  }
}

void WorkerTask::run() {
  auto self = shared_from_this();
  thread_ = std::thread([self] { self->doRun(); });
}

void WorkerTask::doRun() {
  std::string thread_name = "task-" + toString(id_);
  pthread_setname_np(pthread_self(), thread_name.substr(0, 15).c_str());
  bool failed = false;
  try {
    bool proceed = !isStopping();
    if (proceed && shouldPause()) {
      onPause();
      proceed = awaitUnpause();
    }
    if (proceed) {
      initializeAndStart();
      if (!isCancelled() && !isStopping()) {
        if (shouldPause()) {
          onPause();
        } else {
          listener_.onStartup(id_);
        }
      }
      execute();
    }
  } catch (const std::exception& e) {
    failed = true;
    std::string trace = stackTraceOf(e);
    spdlog::error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover "
                  "until manually restarted: {}",
                  toString(id_), trace);
    if (!isCancelled()) listener_.onFailure(id_, trace);
  }
  try {
    close();
  } catch (const std::exception& e) {
    spdlog::error("{} Task threw an uncaught exception while closing: {}", toString(id_), e.what());
    if (!failed && !isCancelled()) {
      failed = true;
      listener_.onFailure(id_, stackTraceOf(e));
    }
  }
  if (!failed && !isCancelled()) listener_.onShutdown(id_);
  std::lock_guard lock(mu_);
  finished_ = true;
  cv_.notify_all();
}

void WorkerTask::stop() {
  stopping_ = true;
  wakeup();
  onWakeup();
}

bool WorkerTask::awaitStop(int64_t timeout_ms) {
  std::unique_lock lock(mu_);
  bool done = cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(0, timeout_ms)), [&] { return finished_; });
  lock.unlock();
  if (done && thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  return done;
}

void WorkerTask::cancel() {
  cancelled_ = true;
  if (thread_.joinable()) thread_.detach();
}

void WorkerTask::transitionTo(TargetState state) {
  {
    std::lock_guard lock(mu_);
    target_state_ = state;
    woken_ = true;
  }
  cv_.notify_all();
  onWakeup();
}

bool WorkerTask::shouldPause() const {
  std::lock_guard lock(mu_);
  return target_state_ == TargetState::Paused;
}

bool WorkerTask::awaitUnpause(int64_t tick_ms, const std::function<void()>& on_tick) {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      auto ready = [&] { return stopping_.load() || target_state_ != TargetState::Paused; };
      if (tick_ms > 0) {
        cv_.wait_for(lock, std::chrono::milliseconds(tick_ms), ready);
      } else {
        cv_.wait(lock, ready);
      }
      woken_ = false;
      if (stopping_) return false;
      if (target_state_ != TargetState::Paused) return true;
    }
    if (on_tick) on_tick();
  }
}

void WorkerTask::onPause() {
  if (!isCancelled()) listener_.onPause(id_);
}

void WorkerTask::onResume() {
  if (!isCancelled()) listener_.onResume(id_);
}

void WorkerTask::wakeup() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void WorkerTask::waitFor(int64_t ms) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping_.load() || woken_; });
  woken_ = false;
}

}  // namespace connectd::runtime
