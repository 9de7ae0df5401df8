#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/api/connect_record.h"

namespace connectd::runtime {

// Tracks the source records handed to the producer, per source partition, so an offset is
// committed only once its record and every earlier record of the same partition are acked
// (Kafka's SubmittedRecords). Not thread-safe: the task thread submits, acks (delivery
// reports are served on it) and collects.
class SubmittedRecords {
  struct Partition;

 public:
  class SubmittedRecord {
   public:
    // Marks the record delivered (or dropped). When it was the oldest pending record of its
    // partition, the acked run it heads is folded into the partition's latest committable
    // offset at once, so acked records hold no memory until the next offset commit.
    void ack();
    bool acked() const { return acked_; }

   private:
    friend class SubmittedRecords;
    SubmittedRecord(SubmittedRecords* owner, Partition* partition, api::OffsetMap offset)
        : owner_(owner), partition_(partition), offset_(std::move(offset)) {}
    SubmittedRecords* owner_;
    Partition* partition_;
    api::OffsetMap offset_;
    bool acked_ = false;
  };

  struct CommittableOffsets {
    // The latest committable offset of each partition (key: the partition's JSON).
    std::map<std::string, std::pair<api::OffsetMap, api::OffsetMap>> offsets;
    size_t num_committable = 0;  // records whose offsets became committable
    size_t num_pending = 0;      // records still waiting on themselves or an earlier record
    bool empty() const { return offsets.empty(); }
  };

  SubmittedRecords() = default;
  // Handles point back at their owner.
  SubmittedRecords(const SubmittedRecords&) = delete;
  SubmittedRecords& operator=(const SubmittedRecords&) = delete;

  // Starts tracking a record (in send order). The handle stays valid until the record is acked.
  // Records without a source partition or offset are not tracked (nullptr): there is nothing to
  // commit for them.
  SubmittedRecord* submit(const api::OffsetMap& partition, api::OffsetMap offset);
  // Collects the latest committable offset of every partition since the last call.
  CommittableOffsets committableOffsets();
  // Records submitted and not yet acked, or acked behind a record that is not.
  size_t pending() const { return pending_; }

 private:
  struct Partition {
    api::OffsetMap partition;
    std::deque<SubmittedRecord> records;
    std::optional<api::OffsetMap> committable;  // newest offset of the acked prefix
    size_t num_committable = 0;
  };
  Partition& partitionFor(const api::OffsetMap& partition);
  void drainAcked(Partition& p);

  std::map<std::string, Partition> partitions_;
  Partition* last_ = nullptr;
  size_t pending_ = 0;
};

}  // namespace connectd::runtime
