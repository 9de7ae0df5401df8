#include "server/runtime/serial_executor.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

namespace connectd::runtime {

SerialExecutor::SerialExecutor(std::string name) : name_(std::move(name)) {
  thread_ = std::thread([this] { run(); });
}

SerialExecutor::~SerialExecutor() { shutdown(); }

bool SerialExecutor::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

void SerialExecutor::shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (!thread_.joinable()) return;
  if (onExecutorThread()) {
    // Owners never destroy an executor from its own job; if one does, the thread exits
    // after that job instead of joining itself.
    thread_.detach();
  } else {
    thread_.join();
  }
}

void SerialExecutor::run() {
  // Linux limits thread names to 15 characters.
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("Uncaught exception in {}: {}", name_, e.what());
    }
  }
}

}  // namespace connectd::runtime
