#include "server/runtime/submitted_records.h"

#include "server/runtime/offset_utils.h"

namespace connectd::runtime {

SubmittedRecords::Partition& SubmittedRecords::partitionFor(const api::OffsetMap& partition) {
  // Consecutive records nearly always share a partition; skip re-serializing it then.
  if (last_ != nullptr && last_->partition == partition) return *last_;
  std::string key = OffsetUtils::toJson(partition);
  auto [it, inserted] = partitions_.try_emplace(std::move(key));
  if (inserted) it->second.partition = partition;
  last_ = &it->second;
  return it->second;
}

void SubmittedRecords::SubmittedRecord::ack() {
  if (acked_) return;
  acked_ = true;
  if (&partition_->records.front() == this) owner_->drainAcked(*partition_);
}

void SubmittedRecords::drainAcked(Partition& p) {
  // Pops only acked records: the handles of the records left stay valid (deque::pop_front).
  while (!p.records.empty() && p.records.front().acked()) {
    p.committable = std::move(p.records.front().offset_);
    p.records.pop_front();
    --pending_;
    ++p.num_committable;
  }
}

SubmittedRecords::SubmittedRecord* SubmittedRecords::submit(const api::OffsetMap& partition, api::OffsetMap offset) {
  if (partition.empty() || offset.empty()) return nullptr;
  Partition& p = partitionFor(partition);
  p.records.push_back(SubmittedRecord(this, &p, std::move(offset)));
  ++pending_;
  return &p.records.back();
}

SubmittedRecords::CommittableOffsets SubmittedRecords::committableOffsets() {
  CommittableOffsets out;
  for (auto it = partitions_.begin(); it != partitions_.end();) {
    Partition& p = it->second;
    out.num_committable += p.num_committable;
    out.num_pending += p.records.size();
    if (p.committable) out.offsets[it->first] = {p.partition, std::move(*p.committable)};
    p.committable.reset();
    p.num_committable = 0;
    if (p.records.empty()) {
      if (last_ == &p) last_ = nullptr;
      it = partitions_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

}  // namespace connectd::runtime
