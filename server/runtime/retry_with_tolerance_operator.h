#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace connectd::runtime {

// The stage of record processing an operation belongs to (errors.Stage).
enum class Stage { TaskPoll, TaskPut, KeyConverter, ValueConverter, HeaderConverter, Transformation, KafkaProduce, KafkaConsume };
std::string_view stageName(Stage stage);

// errors.tolerance / errors.retry.* / errors.log.* (Kafka's RetryWithToleranceOperator).
//
// execute() runs an operation of a stage. RetriableException is retried with backoff
// (300 ms << attempt, capped by errors.retry.delay.max.ms with jitter) until
// errors.retry.timeout. Other failures, and retries running out, are "failures":
//  - in tolerable stages (conversion, transformation) with errors.tolerance=all the record is
//    skipped (execute returns false) and the failure logged when errors.log.enable is set;
//  - with errors.tolerance=none the task fails: ConnectException "Tolerance exceeded in error
//    handler" caused by the original exception;
//  - in other stages a non-retriable failure fails the task with "Unhandled exception in error
//    handler".
// Used from one task thread; stop() may be called from any thread to cut a backoff short.
class RetryWithToleranceOperator {
 public:
  RetryWithToleranceOperator(int64_t retry_timeout_ms, int64_t max_delay_ms, bool tolerate_all, bool log_errors,
                             bool log_include_messages, std::string task_name);

  // Returns true when `op` succeeded, false when it failed and the failure was tolerated.
  // `describe_record` renders the record for the error log (only called when messages are logged).
  bool execute(Stage stage, std::string_view executing_class, const std::function<void()>& op,
               const std::function<std::string()>& describe_record = {});

  bool toleratesAll() const { return tolerate_all_; }
  int64_t totalFailures() const { return total_failures_; }
  void stop();

 private:
  void backoff(int attempt, std::chrono::steady_clock::time_point deadline);
  void logFailure(Stage stage, std::string_view executing_class, const std::exception& e,
                  const std::function<std::string()>& describe_record);

  int64_t retry_timeout_ms_;
  int64_t max_delay_ms_;
  bool tolerate_all_;
  bool log_errors_;
  bool log_include_messages_;
  std::string task_name_;
  int64_t total_failures_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace connectd::runtime
