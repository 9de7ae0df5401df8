#include "connectors/mysql/binlog_offset_context.h"

#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"

namespace connectd::mysql {

const char* snapshotMarkerText(SnapshotMarker marker) {
  switch (marker) {
    case SnapshotMarker::True: return "true";
    case SnapshotMarker::First: return "first";
    case SnapshotMarker::FirstInDataCollection: return "first_in_data_collection";
    case SnapshotMarker::LastInDataCollection: return "last_in_data_collection";
    case SnapshotMarker::Last: return "last";
    case SnapshotMarker::False: return "false";
    case SnapshotMarker::Incremental: return "incremental";
    case SnapshotMarker::None: break;
  }
  return nullptr;
}

BinlogOffsetContext::BinlogOffsetContext(std::string server_name)
    : server_name_(std::move(server_name)), partition_{{kServerPartitionKey, api::Value(server_name_)}} {}

namespace {

std::optional<int64_t> longValue(const api::OffsetMap& offset, std::string_view key) {
  for (const auto& [k, v] : offset) {
    if (k != key || v.isNull()) continue;
    if (v.isIntegral()) return v.toInt64();
    if (v.kind() == api::Value::Kind::String) {
      try {
        return std::stoll(v.asString());
      } catch (const std::exception&) {
        throw api::ConnectException("Source offset '" + std::string(key) + "' parameter is not a number: " + v.asString());
      }
    }
  }
  return std::nullopt;
}

const api::Value* valueOf(const api::OffsetMap& offset, std::string_view key) {
  for (const auto& [k, v] : offset) {
    if (k == key && !v.isNull()) return &v;
  }
  return nullptr;
}

}  // namespace

BinlogOffsetContext BinlogOffsetContext::load(std::string server_name, const api::OffsetMap& offset) {
  BinlogOffsetContext ctx(std::move(server_name));
  const api::Value* file = valueOf(offset, kFile);
  if (file == nullptr || file->kind() != api::Value::Kind::String) {
    throw api::ConnectException("Source offset '" + std::string(kFile) + "' parameter is missing");
  }
  ctx.restart_file_ = file->asString();
  ctx.current_file_ = ctx.restart_file_;
  ctx.restart_pos_ = longValue(offset, kPos).value_or(0);
  ctx.current_pos_ = ctx.restart_pos_;
  ctx.restart_events_to_skip_ = longValue(offset, kEvent).value_or(0);
  ctx.restart_rows_to_skip_ = longValue(offset, kRow).value_or(0);
  ctx.offset_rows_ = ctx.restart_rows_to_skip_;
  ctx.server_id_ = longValue(offset, kServerId).value_or(0);
  if (auto ts = longValue(offset, kTsSec)) ctx.source_time_us_ = *ts * 1000000;
  if (const api::Value* g = valueOf(offset, kGtids); g != nullptr && g->kind() == api::Value::Kind::String) {
    ctx.restart_gtid_set_ = g->asString();
    ctx.current_gtid_set_ = g->asString();
  }
  // Present (true, "INITIAL", "BLOCKING") means the snapshot did not complete; snapshot_completed
  // is only read for offsets written by old releases.
  const api::Value* snap = valueOf(offset, kSnapshot);
  bool running = snap != nullptr && !(snap->kind() == api::Value::Kind::Boolean && !snap->asBool());
  if (const api::Value* done = valueOf(offset, kSnapshotCompleted);
      done != nullptr && done->kind() == api::Value::Kind::Boolean && done->asBool()) {
    running = false;
  }
  ctx.loaded_snapshot_running_ = running;
  return ctx;
}

api::OffsetMap BinlogOffsetContext::offset() const {
  api::OffsetMap out;
  // Exactly the entries below: tens of thousands of offsets are held while records are queued
  // and in flight, so no slack capacity.
  const bool tx = !snapshot_running_ && tx_metadata_ && transaction_id_;
  out.reserve(static_cast<size_t>(tx) + static_cast<size_t>(source_time_us_.has_value()) + 2 +
              static_cast<size_t>(restart_gtid_set_.has_value()) + static_cast<size_t>(offset_rows_ != 0) +
              static_cast<size_t>(server_id_ != 0) + static_cast<size_t>(restart_events_to_skip_ != 0) +
              (snapshot_running_ ? 1 : tx ? tx_per_table_.size() : 0));
  if (tx) {
    out.emplace_back(kTransactionId, api::Value(*transaction_id_));
  }
  if (source_time_us_) out.emplace_back(kTsSec, api::Value(static_cast<int64_t>(*source_time_us_ / 1000000)));
  out.emplace_back(kFile, api::Value(restart_file_));
  out.emplace_back(kPos, api::Value(restart_pos_));
  if (restart_gtid_set_) out.emplace_back(kGtids, api::Value(*restart_gtid_set_));
  if (offset_rows_ != 0) out.emplace_back(kRow, api::Value(static_cast<int32_t>(offset_rows_)));
  if (server_id_ != 0) out.emplace_back(kServerId, api::Value(server_id_));
  if (restart_events_to_skip_ != 0) out.emplace_back(kEvent, api::Value(restart_events_to_skip_));
  if (snapshot_running_) {
    out.emplace_back(kSnapshot, api::Value("INITIAL"));
  } else if (tx_metadata_ && transaction_id_) {
    for (const auto& [table, count] : tx_per_table_) {
      out.emplace_back(std::string(kTransactionOrderPrefix) + table, api::Value(count));
    }
  }
  return out;
}

void BinlogOffsetContext::beginSnapshot(const std::string& file, int64_t pos, std::optional<std::string> gtids) {
  snapshot_running_ = true;
  restart_file_ = file;
  restart_pos_ = pos;
  current_file_ = file;
  current_pos_ = pos;
  restart_events_to_skip_ = 0;
  restart_rows_to_skip_ = 0;
  offset_rows_ = 0;
  restart_gtid_set_ = gtids;
  current_gtid_set_ = std::move(gtids);
  server_id_ = 0;
  thread_id_.reset();
  current_gtid_.reset();
  query_.reset();
}

void BinlogOffsetContext::setBinlogStartPoint(const std::string& file, int64_t pos) {
  current_file_ = file;
  current_pos_ = pos;
  current_row_ = 0;
  restart_file_ = file;
  restart_pos_ = pos;
  restart_rows_to_skip_ = 0;
  offset_rows_ = 0;
  restart_events_to_skip_ = 0;
}

void BinlogOffsetContext::setEventPosition(int64_t position_of_current_event, int64_t event_length) {
  current_pos_ = position_of_current_event;
  current_event_length_ = event_length;
  current_row_ = 0;
  if (!in_transaction_) {
    restart_pos_ = position_of_current_event + event_length;
    restart_rows_to_skip_ = 0;
    offset_rows_ = 0;
    restart_events_to_skip_ = 0;
  }
}

void BinlogOffsetContext::startNextTransaction() {
  restart_rows_to_skip_ = 0;
  offset_rows_ = 0;
  restart_events_to_skip_ = 0;
  restart_file_ = current_file_;
  restart_pos_ = current_pos_;
  in_transaction_ = true;
}

void BinlogOffsetContext::commitTransaction() {
  restart_gtid_set_ = current_gtid_set_;
  restart_file_ = current_file_;
  restart_pos_ = current_pos_ + current_event_length_;
  restart_rows_to_skip_ = 0;
  offset_rows_ = 0;
  restart_events_to_skip_ = 0;
  in_transaction_ = false;
  query_.reset();
}

void BinlogOffsetContext::setRowNumber(int row_number, int total_rows) {
  current_row_ = row_number;
  if (row_number < total_rows - 1) {
    restart_rows_to_skip_ = row_number + 1;
    offset_rows_ = restart_rows_to_skip_;
  } else {
    // The last row: a restart must skip the whole event, which completeEvent() then counts.
    restart_rows_to_skip_ = 0;
    offset_rows_ = total_rows;
  }
}

void BinlogOffsetContext::startGtid(std::string gtid, std::string completed_set) {
  current_gtid_ = std::move(gtid);
  if (completed_set.empty()) return;
  // A restart before this transaction completes must not include it.
  restart_gtid_set_ = current_gtid_set_ && !current_gtid_set_->empty() ? *current_gtid_set_ : completed_set;
  current_gtid_set_ = std::move(completed_set);
}

void BinlogOffsetContext::beginTransactionMetadata(std::string id) {
  transaction_id_ = std::move(id);
  tx_total_order_ = 0;
  tx_per_table_.clear();
}

void BinlogOffsetContext::endTransactionMetadata() {
  transaction_id_.reset();
  tx_total_order_ = 0;
  tx_per_table_.clear();
}

std::pair<int64_t, int64_t> BinlogOffsetContext::countTransactionEvent(const std::string& data_collection) {
  ++tx_total_order_;
  int64_t& per_table = tx_per_table_[data_collection];
  ++per_table;
  return {tx_total_order_, per_table};
}

api::Value BinlogOffsetContext::sourceStruct(const api::SchemaPtr& schema, const std::string& version,
                                             const std::string& connector) const {
  auto s = std::make_shared<api::Struct>(schema);
  // Field order of the 3.x Source schema (spec §1.5).
  const int64_t us = source_time_us_.value_or(0);
  s->putUnchecked(0, api::Value(version));
  s->putUnchecked(1, api::Value(connector));
  s->putUnchecked(2, api::Value(server_name_));
  s->putUnchecked(3, api::Value(static_cast<int64_t>(us / 1000)));
  if (const char* marker = snapshotMarkerText(snapshot_marker_)) s->putUnchecked(4, api::Value(marker));
  s->putUnchecked(5, api::Value(db_));
  // 6: sequence, always null for binlog connectors
  s->putUnchecked(7, api::Value(us));
  s->putUnchecked(8, api::Value(us * 1000));
  if (table_) s->putUnchecked(9, api::Value(*table_));
  s->putUnchecked(10, api::Value(snapshot_running_ || snapshot_marker_ != SnapshotMarker::None ? int64_t{0} : server_id_));
  if (current_gtid_ && !snapshot_running_) s->putUnchecked(11, api::Value(*current_gtid_));
  s->putUnchecked(12, api::Value(current_file_));
  s->putUnchecked(13, api::Value(current_pos_));
  s->putUnchecked(14, api::Value(static_cast<int32_t>(current_row_)));
  if (thread_id_ && !snapshot_running_) s->putUnchecked(15, api::Value(*thread_id_));
  if (query_ && !snapshot_running_) s->putUnchecked(16, api::Value(*query_));
  return api::Value(std::move(s));
}

}  // namespace connectd::mysql
