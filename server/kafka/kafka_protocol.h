#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/kafka/kafka_exception.h"

// The slice of the Kafka wire protocol that group membership needs (Java:
// org.apache.kafka.common.protocol and the generated *RequestData / *ResponseData classes),
// non-flexible versions only: no tagged fields, no compact encodings. Every request goes out
// with request header v1 and every response is read with response header v0, which is what
// these versions use.
namespace connectd::kafka::protocol {

enum class ApiKey : int16_t {
  FindCoordinator = 10,
  JoinGroup = 11,
  Heartbeat = 12,
  LeaveGroup = 13,
  SyncGroup = 14,
  ApiVersions = 18,
};

std::string_view apiName(ApiKey key);

struct VersionRange {
  int16_t min = 0;
  int16_t max = -1;
};

// The versions of each API this client implements. ApiVersions is always sent as v0.
VersionRange implementedVersions(ApiKey key);

// Kafka error codes (org.apache.kafka.common.protocol.Errors) the group protocol reacts to.
namespace errors {
inline constexpr int16_t kUnknownServerError = -1;
inline constexpr int16_t kNone = 0;
inline constexpr int16_t kCoordinatorLoadInProgress = 14;
inline constexpr int16_t kCoordinatorNotAvailable = 15;
inline constexpr int16_t kNotCoordinator = 16;
inline constexpr int16_t kIllegalGeneration = 22;
inline constexpr int16_t kInconsistentGroupProtocol = 23;
inline constexpr int16_t kInvalidGroupId = 24;
inline constexpr int16_t kUnknownMemberId = 25;
inline constexpr int16_t kInvalidSessionTimeout = 26;
inline constexpr int16_t kRebalanceInProgress = 27;
inline constexpr int16_t kGroupAuthorizationFailed = 30;
inline constexpr int16_t kUnsupportedVersion = 35;
inline constexpr int16_t kMemberIdRequired = 79;
inline constexpr int16_t kGroupMaxSizeReached = 81;
inline constexpr int16_t kFencedInstanceId = 82;
}  // namespace errors

// "REBALANCE_IN_PROGRESS (27): The group is rebalancing, so a rejoin is needed." — the name and
// code Java logs plus the broker's description.
std::string errorText(int16_t code);

// A malformed or unexpected frame from a broker.
class ProtocolException : public KafkaException {
 public:
  explicit ProtocolException(const std::string& message)
      : KafkaException(RD_KAFKA_RESP_ERR__BAD_MSG, message) {}
};

// Big-endian encoder for request bodies.
class Writer {
 public:
  void int8(int8_t v);
  void int16(int16_t v);
  void int32(int32_t v);
  void string(std::string_view v);
  void nullableString(const std::optional<std::string>& v);
  void bytes(std::string_view v);
  void arrayLength(size_t n);
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Big-endian decoder over a response body; throws ProtocolException when the body is too short.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  int8_t int8();
  int16_t int16();
  int32_t int32();
  // A Kafka STRING; a null (length -1) reads as "" because brokers send null in error replies
  // even where the schema says non-nullable.
  std::string string();
  std::optional<std::string> nullableString();
  // A Kafka BYTES; null reads as empty.
  std::string bytes();
  // An ARRAY length; -1 (null array) reads as 0.
  int32_t arrayLength();
  bool atEnd() const { return pos_ == in_.size(); }

 private:
  std::string_view take(size_t n);
  std::string_view in_;
  size_t pos_ = 0;
};

// A complete request frame: size, header v1 (api key, version, correlation id, client id), body.
std::string encodeRequestFrame(ApiKey key, int16_t version, int32_t correlation_id,
                               std::string_view client_id, std::string_view body);

struct ApiVersionsResponse {
  int16_t error_code = 0;
  std::map<int16_t, VersionRange> api_keys;
};
ApiVersionsResponse decodeApiVersionsResponse(std::string_view body);

// v0..v2; key_type 0 is a group (v1+).
struct FindCoordinatorRequest {
  std::string key;
  int8_t key_type = 0;
};
std::string encode(const FindCoordinatorRequest& request, int16_t version);
struct FindCoordinatorResponse {
  int16_t error_code = 0;
  std::optional<std::string> error_message;
  int32_t node_id = -1;
  std::string host;
  int32_t port = -1;
};
FindCoordinatorResponse decodeFindCoordinatorResponse(std::string_view body, int16_t version);

struct JoinGroupRequestProtocol {
  std::string name;
  std::string metadata;
};
// v2..v5 (v0/v1 are encodable too, for completeness of the field layout).
struct JoinGroupRequest {
  std::string group_id;
  int32_t session_timeout_ms = 0;
  int32_t rebalance_timeout_ms = 0;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v5+
  std::string protocol_type;
  std::vector<JoinGroupRequestProtocol> protocols;
};
std::string encode(const JoinGroupRequest& request, int16_t version);
struct JoinGroupResponseMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v5+
  std::string metadata;
};
struct JoinGroupResponse {
  int16_t error_code = 0;
  int32_t generation_id = -1;
  std::string protocol_name;
  std::string leader;
  std::string member_id;
  std::vector<JoinGroupResponseMember> members;  // only the leader gets them
};
JoinGroupResponse decodeJoinGroupResponse(std::string_view body, int16_t version);

struct SyncGroupRequestAssignment {
  std::string member_id;
  std::string assignment;
};
// v0..v3.
struct SyncGroupRequest {
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+
  std::vector<SyncGroupRequestAssignment> assignments;
};
std::string encode(const SyncGroupRequest& request, int16_t version);
struct SyncGroupResponse {
  int16_t error_code = 0;
  std::string assignment;
};
SyncGroupResponse decodeSyncGroupResponse(std::string_view body, int16_t version);

// v0..v3.
struct HeartbeatRequest {
  std::string group_id;
  int32_t generation_id = -1;
  std::string member_id;
  std::optional<std::string> group_instance_id;  // v3+
};
std::string encode(const HeartbeatRequest& request, int16_t version);
struct HeartbeatResponse {
  int16_t error_code = 0;
};
HeartbeatResponse decodeHeartbeatResponse(std::string_view body, int16_t version);

// v0..v3. Up to v2 the request names exactly one member; v3 carries a member list.
struct LeaveGroupMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
};
struct LeaveGroupRequest {
  std::string group_id;
  std::vector<LeaveGroupMember> members;
};
std::string encode(const LeaveGroupRequest& request, int16_t version);
struct LeaveGroupMemberResponse {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  int16_t error_code = 0;
};
struct LeaveGroupResponse {
  int16_t error_code = 0;
  std::vector<LeaveGroupMemberResponse> members;  // v3+
};
LeaveGroupResponse decodeLeaveGroupResponse(std::string_view body, int16_t version);

}  // namespace connectd::kafka::protocol
