#include "server/kafka/kafka_protocol.h"

#include <limits>

namespace connectd::kafka::protocol {

std::string_view apiName(ApiKey key) {
  switch (key) {
    case ApiKey::FindCoordinator:
      return "FindCoordinator";
    case ApiKey::JoinGroup:
      return "JoinGroup";
    case ApiKey::Heartbeat:
      return "Heartbeat";
    case ApiKey::LeaveGroup:
      return "LeaveGroup";
    case ApiKey::SyncGroup:
      return "SyncGroup";
    case ApiKey::ApiVersions:
      return "ApiVersions";
  }
  return "Unknown";
}

VersionRange implementedVersions(ApiKey key) {
  switch (key) {
    case ApiKey::FindCoordinator:
      return {0, 2};
    // Kafka 4.0 removed JoinGroup v0/v1 (KIP-896); v2 is the oldest that every broker since
    // 0.11 and every 4.x broker accept, so v0/v1 are not offered.
    case ApiKey::JoinGroup:
      return {2, 5};
    case ApiKey::Heartbeat:
      return {0, 3};
    case ApiKey::LeaveGroup:
      return {0, 3};
    case ApiKey::SyncGroup:
      return {0, 3};
    case ApiKey::ApiVersions:
      return {0, 0};
  }
  return {0, -1};
}

std::string errorText(int16_t code) {
  auto err = static_cast<rd_kafka_resp_err_t>(code);
  return std::string(rd_kafka_err2name(err)) + " (" + std::to_string(code) +
         "): " + rd_kafka_err2str(err);
}

void Writer::int8(int8_t v) { out_.push_back(static_cast<char>(v)); }

void Writer::int16(int16_t v) {
  auto u = static_cast<uint16_t>(v);
  out_.push_back(static_cast<char>(u >> 8));
  out_.push_back(static_cast<char>(u));
}

void Writer::int32(int32_t v) {
  auto u = static_cast<uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(u >> shift));
}

void Writer::string(std::string_view v) {
  if (v.size() > static_cast<size_t>(std::numeric_limits<int16_t>::max())) {
    throw ProtocolException("String of " + std::to_string(v.size()) +
                            " bytes is too long for the Kafka protocol");
  }
  int16(static_cast<int16_t>(v.size()));
  out_.append(v);
}

void Writer::nullableString(const std::optional<std::string>& v) {
  if (v) {
    string(*v);
  } else {
    int16(-1);
  }
}

void Writer::bytes(std::string_view v) {
  if (v.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ProtocolException("Byte array too long for the Kafka protocol");
  }
  int32(static_cast<int32_t>(v.size()));
  out_.append(v);
}

void Writer::arrayLength(size_t n) {
  if (n > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
    throw ProtocolException("Array too long");
  int32(static_cast<int32_t>(n));
}

std::string_view Reader::take(size_t n) {
  if (in_.size() - pos_ < n) {
    throw ProtocolException("Truncated response: needed " + std::to_string(n) +
                            " more bytes at offset " + std::to_string(pos_) + " of " +
                            std::to_string(in_.size()));
  }
  auto out = in_.substr(pos_, n);
  pos_ += n;
  return out;
}

int8_t Reader::int8() { return static_cast<int8_t>(take(1)[0]); }

int16_t Reader::int16() {
  auto b = take(2);
  return static_cast<int16_t>((static_cast<uint8_t>(b[0]) << 8) | static_cast<uint8_t>(b[1]));
}

int32_t Reader::int32() {
  auto b = take(4);
  uint32_t u = 0;
  for (char c : b) u = (u << 8) | static_cast<uint8_t>(c);
  return static_cast<int32_t>(u);
}

std::optional<std::string> Reader::nullableString() {
  int16_t n = int16();
  if (n < 0) {
    if (n != -1) throw ProtocolException("Invalid string length " + std::to_string(n));
    return std::nullopt;
  }
  return std::string(take(static_cast<size_t>(n)));
}

std::string Reader::string() { return nullableString().value_or(std::string()); }

std::string Reader::bytes() {
  int32_t n = int32();
  if (n < 0) {
    if (n != -1) throw ProtocolException("Invalid bytes length " + std::to_string(n));
    return {};
  }
  return std::string(take(static_cast<size_t>(n)));
}

int32_t Reader::arrayLength() {
  int32_t n = int32();
  if (n < -1) throw ProtocolException("Invalid array length " + std::to_string(n));
  // Every element takes at least one byte, so a length beyond the remaining bytes is garbage
  // that would otherwise make the caller reserve absurd amounts of memory.
  if (n > 0 && static_cast<size_t>(n) > in_.size() - pos_) {
    throw ProtocolException("Array length " + std::to_string(n) +
                            " exceeds the remaining response bytes");
  }
  return n < 0 ? 0 : n;
}

std::string encodeRequestFrame(ApiKey key, int16_t version, int32_t correlation_id,
                               std::string_view client_id, std::string_view body) {
  Writer header;
  header.int16(static_cast<int16_t>(key));
  header.int16(version);
  header.int32(correlation_id);
  header.string(client_id);
  std::string head = header.take();
  Writer frame;
  frame.int32(static_cast<int32_t>(head.size() + body.size()));
  std::string out = frame.take();
  out.reserve(out.size() + head.size() + body.size());
  out.append(head);
  out.append(body);
  return out;
}

ApiVersionsResponse decodeApiVersionsResponse(std::string_view body) {
  Reader r(body);
  ApiVersionsResponse out;
  out.error_code = r.int16();
  int32_t n = r.arrayLength();
  for (int32_t i = 0; i < n; ++i) {
    int16_t key = r.int16();
    VersionRange range;
    range.min = r.int16();
    range.max = r.int16();
    out.api_keys[key] = range;
  }
  return out;
}

std::string encode(const FindCoordinatorRequest& request, int16_t version) {
  Writer w;
  w.string(request.key);
  if (version >= 1) w.int8(request.key_type);
  return w.take();
}

FindCoordinatorResponse decodeFindCoordinatorResponse(std::string_view body, int16_t version) {
  Reader r(body);
  FindCoordinatorResponse out;
  if (version >= 1) r.int32();  // throttle_time_ms
  out.error_code = r.int16();
  if (version >= 1) out.error_message = r.nullableString();
  out.node_id = r.int32();
  out.host = r.string();
  out.port = r.int32();
  return out;
}

std::string encode(const JoinGroupRequest& request, int16_t version) {
  Writer w;
  w.string(request.group_id);
  w.int32(request.session_timeout_ms);
  if (version >= 1) w.int32(request.rebalance_timeout_ms);
  w.string(request.member_id);
  if (version >= 5) w.nullableString(request.group_instance_id);
  w.string(request.protocol_type);
  w.arrayLength(request.protocols.size());
  for (const auto& p : request.protocols) {
    w.string(p.name);
    w.bytes(p.metadata);
  }
  return w.take();
}

JoinGroupResponse decodeJoinGroupResponse(std::string_view body, int16_t version) {
  Reader r(body);
  JoinGroupResponse out;
  if (version >= 2) r.int32();  // throttle_time_ms
  out.error_code = r.int16();
  out.generation_id = r.int32();
  out.protocol_name = r.string();
  out.leader = r.string();
  out.member_id = r.string();
  int32_t n = r.arrayLength();
  out.members.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    JoinGroupResponseMember m;
    m.member_id = r.string();
    if (version >= 5) m.group_instance_id = r.nullableString();
    m.metadata = r.bytes();
    out.members.push_back(std::move(m));
  }
  return out;
}

std::string encode(const SyncGroupRequest& request, int16_t version) {
  Writer w;
  w.string(request.group_id);
  w.int32(request.generation_id);
  w.string(request.member_id);
  if (version >= 3) w.nullableString(request.group_instance_id);
  w.arrayLength(request.assignments.size());
  for (const auto& a : request.assignments) {
    w.string(a.member_id);
    w.bytes(a.assignment);
  }
  return w.take();
}

SyncGroupResponse decodeSyncGroupResponse(std::string_view body, int16_t version) {
  Reader r(body);
  SyncGroupResponse out;
  if (version >= 1) r.int32();  // throttle_time_ms
  out.error_code = r.int16();
  out.assignment = r.bytes();
  return out;
}

std::string encode(const HeartbeatRequest& request, int16_t version) {
  Writer w;
  w.string(request.group_id);
  w.int32(request.generation_id);
  w.string(request.member_id);
  if (version >= 3) w.nullableString(request.group_instance_id);
  return w.take();
}

HeartbeatResponse decodeHeartbeatResponse(std::string_view body, int16_t version) {
  Reader r(body);
  HeartbeatResponse out;
  if (version >= 1) r.int32();  // throttle_time_ms
  out.error_code = r.int16();
  return out;
}

std::string encode(const LeaveGroupRequest& request, int16_t version) {
  Writer w;
  w.string(request.group_id);
  if (version >= 3) {
    w.arrayLength(request.members.size());
    for (const auto& m : request.members) {
      w.string(m.member_id);
      w.nullableString(m.group_instance_id);
    }
  } else {
    if (request.members.size() != 1) {
      throw ProtocolException("LeaveGroup v" + std::to_string(version) +
                              " names exactly one member");
    }
    w.string(request.members.front().member_id);
  }
  return w.take();
}

LeaveGroupResponse decodeLeaveGroupResponse(std::string_view body, int16_t version) {
  Reader r(body);
  LeaveGroupResponse out;
  if (version >= 1) r.int32();  // throttle_time_ms
  out.error_code = r.int16();
  if (version >= 3) {
    int32_t n = r.arrayLength();
    for (int32_t i = 0; i < n; ++i) {
      LeaveGroupMemberResponse m;
      m.member_id = r.string();
      m.group_instance_id = r.nullableString();
      m.error_code = r.int16();
      out.members.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace connectd::kafka::protocol
