#pragma once

#include <deque>
#include <map>
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
 public:
  class SubmittedRecord {
   public:
    void ack() { acked_ = true; }
    bool acked() const { return acked_; }

   private:
    friend class SubmittedRecords;
    explicit SubmittedRecord(api::OffsetMap offset) : offset_(std::move(offset)) {}
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

  // Starts tracking a record (in send order). The handle stays valid until the record is
  // collected by committableOffsets(). Records without a source partition or offset are not
  // tracked (nullptr): there is nothing to commit for them.
  SubmittedRecord* submit(const api::OffsetMap& partition, api::OffsetMap offset);
  // Collects the acked prefix of every partition.
  CommittableOffsets committableOffsets();
  size_t pending() const { return pending_; }

 private:
  struct Partition {
    api::OffsetMap partition;
    std::deque<SubmittedRecord> records;
  };
  Partition& partitionFor(const api::OffsetMap& partition);

  std::map<std::string, Partition> partitions_;
  Partition* last_ = nullptr;
  size_t pending_ = 0;
};

}  // namespace connectd::runtime
