#include "server/runtime/retry_with_tolerance_operator.h"

#include <spdlog/spdlog.h>

#include <random>

#include "server/api/errors.h"
#include "server/runtime/caused_connect_exception.h"

namespace connectd::runtime {

std::string_view stageName(Stage stage) {
  switch (stage) {
    case Stage::TaskPoll: return "TASK_POLL";
    case Stage::TaskPut: return "TASK_PUT";
    case Stage::KeyConverter: return "KEY_CONVERTER";
    case Stage::ValueConverter: return "VALUE_CONVERTER";
    case Stage::HeaderConverter: return "HEADER_CONVERTER";
    case Stage::Transformation: return "TRANSFORMATION";
    case Stage::KafkaProduce: return "KAFKA_PRODUCE";
    case Stage::KafkaConsume: return "KAFKA_CONSUME";
  }
  return "UNKNOWN";
}

namespace {
bool tolerableStage(Stage s) {
  return s == Stage::Transformation || s == Stage::HeaderConverter || s == Stage::KeyConverter ||
         s == Stage::ValueConverter;
}
}  // namespace

RetryWithToleranceOperator::RetryWithToleranceOperator(int64_t retry_timeout_ms, int64_t max_delay_ms, bool tolerate_all,
                                                       bool log_errors, bool log_include_messages, std::string task_name)
    : retry_timeout_ms_(retry_timeout_ms),
      max_delay_ms_(max_delay_ms),
      tolerate_all_(tolerate_all),
      log_errors_(log_errors),
      log_include_messages_(log_include_messages),
      task_name_(std::move(task_name)) {}

void RetryWithToleranceOperator::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
}

void RetryWithToleranceOperator::backoff(int attempt, std::chrono::steady_clock::time_point deadline) {
  int64_t delay = attempt - 1 < 40 ? (int64_t{300} << (attempt - 1)) : max_delay_ms_ + 1;
  if (delay > max_delay_ms_) {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    delay = max_delay_ms_ > 0 ? static_cast<int64_t>(rng() % static_cast<uint64_t>(max_delay_ms_)) : 0;
  }
  auto now = std::chrono::steady_clock::now();
  auto until = now + std::chrono::milliseconds(delay);
  if (until > deadline) until = deadline;
  std::unique_lock lock(mu_);
  cv_.wait_until(lock, until, [&] { return stopping_; });
}

void RetryWithToleranceOperator::logFailure(Stage stage, std::string_view executing_class, const std::exception& e,
                                            const std::function<std::string()>& describe_record) {
  if (!log_errors_) return;
  std::string msg = "Error encountered in task " + task_name_ + ". Executing stage '" + std::string(stageName(stage)) +
                    "' with class '" + std::string(executing_class) + "'";
  if (log_include_messages_ && describe_record) msg += ", where " + describe_record();
  spdlog::error("{}. {}", msg, stackTraceOf(e));
}

bool RetryWithToleranceOperator::execute(Stage stage, std::string_view executing_class, const std::function<void()>& op,
                                         const std::function<std::string()>& describe_record) {
  auto start = std::chrono::steady_clock::now();
  auto deadline = retry_timeout_ms_ >= 0 ? start + std::chrono::milliseconds(retry_timeout_ms_)
                                         : std::chrono::steady_clock::time_point::max();
  int attempt = 0;
  for (;;) {
    try {
      ++attempt;
      op();
      return true;
    } catch (const api::RetriableException& e) {
      bool stopping;
      {
        std::lock_guard lock(mu_);
        stopping = stopping_;
      }
      if (!stopping && std::chrono::steady_clock::now() < deadline) {
        spdlog::trace("Caught a retriable exception while executing {} operation with {}", stageName(stage),
                      executing_class);
        backoff(attempt, deadline);
        continue;
      }
      ++total_failures_;
      logFailure(stage, executing_class, e, describe_record);
      if (tolerate_all_) return false;
      throw CausedConnectException("Tolerance exceeded in error handler", e);
    } catch (const std::exception& e) {
      ++total_failures_;
      logFailure(stage, executing_class, e, describe_record);
      if (!tolerableStage(stage)) throw CausedConnectException("Unhandled exception in error handler", e);
      if (!tolerate_all_) throw CausedConnectException("Tolerance exceeded in error handler", e);
      return false;
    }
  }
}

}  // namespace connectd::runtime
