#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/struct.h"

namespace connectd::mysql {

// Debezium's ChangeEventQueue: the bounded hand-over between the thread that reads the database
// (snapshot, binlog) and the worker thread that calls poll(). A full queue blocks the reader,
// which is the connector's back-pressure. A failure of the reader is parked here and rethrown by
// the next poll(), so the task turns FAILED with the reader's message.
class ChangeEventQueue {
 public:
  // `max_bytes` > 0 also bounds the records' approximate memory (max.queue.size.in.bytes).
  ChangeEventQueue(size_t max_size, size_t max_batch, std::chrono::milliseconds poll_interval, size_t max_bytes = 0)
      : max_size_(max_size == 0 ? 1 : max_size),
        max_batch_(max_batch == 0 ? 1 : max_batch),
        max_bytes_(max_bytes),
        poll_interval_(poll_interval) {}

  // Blocks while the queue is full; returns false when the queue was closed.
  bool enqueue(api::SourceRecord&& record) {
    const size_t size = max_bytes_ > 0 ? approximateSize(record) : 0;
    std::unique_lock lock(mu_);
    // As Debezium: the byte bound is checked before adding, so one record larger than the
    // bound still passes through an empty queue.
    not_full_.wait(lock, [&] { return closed_ || (queue_.size() < max_size_ && (max_bytes_ == 0 || bytes_ < max_bytes_)); });
    if (closed_) return false;
    queue_.push_back(std::move(record));
    if (max_bytes_ > 0) {
      sizes_.push_back(size);
      bytes_ += size;
    }
    if (queue_.size() == 1) not_empty_.notify_one();
    return true;
  }

  // The memory a record holds in this process, approximately: its objects, the heap part of its
  // strings and the structs, arrays and maps it owns (shared ones counted at each reference).
  static size_t approximateSize(const api::SourceRecord& record) {
    size_t n = sizeof(api::SourceRecord) + heapSize(record.topic) + approximateSize(record.key) +
               approximateSize(record.value);
    for (const auto* map : {&record.sourcePartition, &record.sourceOffset}) {
      n += map->capacity() * sizeof(api::OffsetMap::value_type);
      for (const auto& [k, v] : *map) n += heapSize(k) + approximateSize(v) - sizeof(api::Value);
    }
    for (const auto& h : record.headers) n += sizeof(api::Header) + heapSize(h.key) + approximateSize(h.value);
    return n;
  }

  static size_t approximateSize(const api::Value& value) {
    using K = api::Value::Kind;
    size_t n = sizeof(api::Value);
    switch (value.kind()) {
      case K::String: return n + heapSize(value.asString());
      case K::Bytes: return n + heapSize(value.asBytes().data);
      case K::Decimal: return n + heapSize(value.asDecimal().unscaled);
      case K::Array:
        n += sizeof(api::Array) + 16;
        for (const auto& v : value.asArray()) n += approximateSize(v);
        return n;
      case K::Map:
        n += sizeof(api::Map) + 16;
        for (const auto& [k, v] : value.asMap()) n += approximateSize(k) + approximateSize(v);
        return n;
      case K::Struct: {
        const api::Struct& s = value.asStruct();
        n += sizeof(api::Struct) + 16 + (s.values().capacity() - s.values().size()) * sizeof(api::Value);
        for (const auto& v : s.values()) n += approximateSize(v);
        return n;
      }
      default: return n;
    }
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
      if (max_bytes_ > 0) {
        bytes_ -= sizes_.front();
        sizes_.pop_front();
      }
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
  static size_t heapSize(const std::string& s) {
    // Beyond the small-string buffer a string owns its capacity on the heap.
    return s.capacity() > 15 ? s.capacity() + 1 : 0;
  }

  const size_t max_size_;
  const size_t max_batch_;
  const size_t max_bytes_;
  const std::chrono::milliseconds poll_interval_;
  mutable std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<api::SourceRecord> queue_;
  std::deque<size_t> sizes_;  // per queued record, when bounded by bytes
  size_t bytes_ = 0;
  std::exception_ptr error_;
  bool closed_ = false;
};

}  // namespace connectd::mysql
