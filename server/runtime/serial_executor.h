#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace connectd::runtime {

// One thread running submitted jobs in order. Jobs must not throw (exceptions are logged
// and swallowed so the thread survives). shutdown() runs what was already queued, then
// joins; submit() after shutdown drops the job.
class SerialExecutor {
 public:
  explicit SerialExecutor(std::string name);
  ~SerialExecutor();
  SerialExecutor(const SerialExecutor&) = delete;
  SerialExecutor& operator=(const SerialExecutor&) = delete;

  // Returns false when the executor is shut down.
  bool submit(std::function<void()> job);
  void shutdown();
  bool onExecutorThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void run();

  std::string name_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace connectd::runtime
