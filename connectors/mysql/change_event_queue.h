#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

#include "server/api/connect_record.h"

namespace connectd::mysql {

// Debezium's ChangeEventQueue: the bounded hand-over between the thread that reads the database
// (snapshot, binlog) and the worker thread that calls poll(). A full queue blocks the reader,
// which is the connector's back-pressure. A failure of the reader is parked here and rethrown by
// the next poll(), so the task turns FAILED with the reader's message.
class ChangeEventQueue {
 public:
  ChangeEventQueue(size_t max_size, size_t max_batch, std::chrono::milliseconds poll_interval)
      : max_size_(max_size == 0 ? 1 : max_size), max_batch_(max_batch == 0 ? 1 : max_batch), poll_interval_(poll_interval) {}

  // Blocks while the queue is full; returns false when the queue was closed.
  bool enqueue(api::SourceRecord&& record) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return closed_ || queue_.size() < max_size_; });
    if (closed_) return false;
    queue_.push_back(std::move(record));
    if (queue_.size() == 1) not_empty_.notify_one();
    return true;
  }

  // Moves up to max.batch.size records into `out`, waiting at most poll.interval.ms for the
  // first one.
  void poll(std::vector<api::SourceRecord>& out) {
    std::unique_lock lock(mu_);
    not_empty_.wait_for(lock, poll_interval_, [&] { return closed_ || error_ || !queue_.empty(); });
    if (queue_.empty() && error_) std::rethrow_exception(error_);
    size_t n = std::min(queue_.size(), max_batch_);
    for (size_t i = 0; i < n; ++i) {
      out.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    if (n > 0) not_full_.notify_all();
  }

  void fail(std::exception_ptr error) {
    std::lock_guard lock(mu_);
    if (!error_) error_ = std::move(error);
    not_empty_.notify_all();
  }

  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  bool closed() const {
    std::lock_guard lock(mu_);
    return closed_;
  }

 private:
  const size_t max_size_;
  const size_t max_batch_;
  const std::chrono::milliseconds poll_interval_;
  mutable std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<api::SourceRecord> queue_;
  std::exception_ptr error_;
  bool closed_ = false;
};

}  // namespace connectd::mysql
