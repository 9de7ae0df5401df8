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

SubmittedRecords::SubmittedRecord* SubmittedRecords::submit(const api::OffsetMap& partition, api::OffsetMap offset) {
  if (partition.empty() || offset.empty()) return nullptr;
  Partition& p = partitionFor(partition);
  p.records.push_back(SubmittedRecord(std::move(offset)));
  ++pending_;
  return &p.records.back();
}

SubmittedRecords::CommittableOffsets SubmittedRecords::committableOffsets() {
  CommittableOffsets out;
  for (auto it = partitions_.begin(); it != partitions_.end();) {
    Partition& p = it->second;
    const api::OffsetMap* latest = nullptr;
    api::OffsetMap latest_copy;
    while (!p.records.empty() && p.records.front().acked()) {
      latest_copy = std::move(p.records.front().offset_);
      latest = &latest_copy;
      p.records.pop_front();
      --pending_;
      ++out.num_committable;
    }
    out.num_pending += p.records.size();
    if (latest != nullptr) out.offsets[it->first] = {p.partition, std::move(latest_copy)};
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
