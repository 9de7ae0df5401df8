#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/connector.h"

namespace connectd::api {

// Reads committed source offsets (OffsetStorageReader). Thread-safe.
class OffsetStorageReader {
 public:
  virtual ~OffsetStorageReader() = default;
  // The last committed offset of `partition`, or nullopt.
  virtual std::optional<OffsetMap> offset(const OffsetMap& partition) = 0;
};

class SourceTaskContext {
 public:
  virtual ~SourceTaskContext() = default;
  virtual const ConfigMap& configs() const = 0;
  virtual OffsetStorageReader& offsetStorageReader() = 0;
};

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};

class SinkTaskContext {
 public:
  virtual ~SinkTaskContext() = default;
  virtual const ConfigMap& configs() const = 0;
  // Rewind/skip: the consumer seeks to these offsets before the next poll.
  virtual void offset(const std::map<TopicPartition, int64_t>& offsets) = 0;
  virtual void timeout(int64_t timeout_ms) = 0;
  virtual void requestCommit() = 0;
};

// Connect's Task.
class Task {
 public:
  virtual ~Task() = default;
  virtual std::string version() const = 0;
  virtual void start(const ConfigMap& props) = 0;
  // Called from another thread than poll()/put() to ask the task to stop soon.
  virtual void stop() = 0;
};

// Connect's SourceTask. poll() runs on the task's own thread and may block briefly
// (a second or so); an empty result means "nothing now".
class SourceTask : public Task {
 public:
  virtual void initialize(SourceTaskContext* context) { context_ = context; }
  // Appends new records to `out` (which the runtime clears and reuses between calls).
  virtual void poll(std::vector<SourceRecord>& out) = 0;
  // All records polled so far were acknowledged and their offsets written.
  virtual void commit() {}
  // One record was acknowledged by Kafka (or dropped by a transform, offset/partition unknown).
  virtual void commitRecord(const SourceRecord& record) {}
  // False when commitRecord() does nothing: the runtime then frees each record as soon as the
  // producer has its bytes and keeps only the offset until the ack (a fast source has tens of
  // thousands of records in flight).
  virtual bool wantsCommitRecord() const { return true; }

 protected:
  SourceTaskContext* context_ = nullptr;
};

// Connect's SinkTask. put()/flush() run on the task's own thread.
class SinkTask : public Task {
 public:
  virtual void initialize(SinkTaskContext* context) { context_ = context; }
  virtual void open(const std::vector<TopicPartition>& partitions) {}
  virtual void close(const std::vector<TopicPartition>& partitions) {}
  // Takes a batch; may throw RetriableException to have it redelivered.
  virtual void put(std::vector<SinkRecord>& records) = 0;
  // Makes everything put so far durable.
  virtual void flush(const std::map<TopicPartition, int64_t>& current_offsets) {}
  // The offsets safe to commit; defaults to flush() and returns `current_offsets`.
  virtual std::map<TopicPartition, int64_t> preCommit(const std::map<TopicPartition, int64_t>& current_offsets) {
    flush(current_offsets);
    return current_offsets;
  }

 protected:
  SinkTaskContext* context_ = nullptr;
};

}  // namespace connectd::api
