#include "server/kafka/kafka_protocol.h"

#include <gtest/gtest.h>

#include <string>

namespace connectd::kafka::protocol {
namespace {

std::string be16(int v) {
  return {static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}
std::string be32(int64_t v) {
  auto u = static_cast<uint32_t>(v);
  return {static_cast<char>(u >> 24), static_cast<char>(u >> 16), static_cast<char>(u >> 8),
          static_cast<char>(u)};
}
std::string str(const std::string& s) { return be16(static_cast<int>(s.size())) + s; }
std::string bytes(const std::string& s) { return be32(static_cast<int64_t>(s.size())) + s; }

TEST(KafkaProtocolTest, RequestFrameHasSizeAndHeaderV1) {
  std::string frame = encodeRequestFrame(ApiKey::Heartbeat, 3, 7, "cid", "BODY");
  std::string header = be16(12) + be16(3) + be32(7) + str("cid");
  EXPECT_EQ(frame, be32(static_cast<int64_t>(header.size() + 4)) + header + "BODY");
}

TEST(KafkaProtocolTest, JoinGroupV5CarriesRebalanceTimeoutAndNullGroupInstanceId) {
  JoinGroupRequest request{
      "g", 10000, 60000, "m-1", std::nullopt, "connect", {{"default", "meta"}}};
  EXPECT_EQ(encode(request, 5), str("g") + be32(10000) + be32(60000) + str("m-1") + be16(-1) +
                                    str("connect") + be32(1) + str("default") + bytes("meta"));
  EXPECT_EQ(encode(request, 2), str("g") + be32(10000) + be32(60000) + str("m-1") + str("connect") +
                                    be32(1) + str("default") + bytes("meta"));
}

TEST(KafkaProtocolTest, DecodesJoinGroupV5LeaderResponse) {
  std::string body = be32(0) + be16(0) + be32(4) + str("default") + str("m-1") + str("m-1") +
                     be32(2) + str("m-1") + be16(-1) + bytes("a") + str("m-2") + str("inst-2") +
                     bytes("b");
  auto r = decodeJoinGroupResponse(body, 5);
  EXPECT_EQ(r.error_code, 0);
  EXPECT_EQ(r.generation_id, 4);
  EXPECT_EQ(r.protocol_name, "default");
  EXPECT_EQ(r.leader, "m-1");
  EXPECT_EQ(r.member_id, "m-1");
  ASSERT_EQ(r.members.size(), 2u);
  EXPECT_EQ(r.members[0].group_instance_id, std::nullopt);
  EXPECT_EQ(r.members[0].metadata, "a");
  EXPECT_EQ(r.members[1].member_id, "m-2");
  EXPECT_EQ(r.members[1].group_instance_id, "inst-2");
  EXPECT_EQ(r.members[1].metadata, "b");
}

TEST(KafkaProtocolTest, JoinGroupErrorWithNullStringsDecodes) {
  // librdkafka's mock (and older brokers) answer errors with null strings in non-nullable fields.
  std::string body = be32(0) + be16(79) + be32(-1) + be16(-1) + be16(-1) + str("m-9") + be32(0);
  auto r = decodeJoinGroupResponse(body, 4);
  EXPECT_EQ(r.error_code, errors::kMemberIdRequired);
  EXPECT_EQ(r.member_id, "m-9");
  EXPECT_EQ(r.protocol_name, "");
}

TEST(KafkaProtocolTest, SyncGroupV3AndLeaveGroupV3Encode) {
  SyncGroupRequest sync{"g", 3, "m-1", std::nullopt, {{"m-1", "x"}, {"m-2", ""}}};
  EXPECT_EQ(encode(sync, 3), str("g") + be32(3) + str("m-1") + be16(-1) + be32(2) + str("m-1") +
                                 bytes("x") + str("m-2") + bytes(""));
  EXPECT_EQ(encode(sync, 0), str("g") + be32(3) + str("m-1") + be32(2) + str("m-1") + bytes("x") +
                                 str("m-2") + bytes(""));
  LeaveGroupRequest leave{"g", {{"m-1", std::nullopt}}};
  EXPECT_EQ(encode(leave, 3), str("g") + be32(1) + str("m-1") + be16(-1));
  EXPECT_EQ(encode(leave, 1), str("g") + str("m-1"));
}

TEST(KafkaProtocolTest, DecodesVersionedResponses) {
  EXPECT_EQ(decodeSyncGroupResponse(be32(0) + be16(0) + bytes("asg"), 1).assignment, "asg");
  EXPECT_EQ(decodeSyncGroupResponse(be16(27) + be32(-1), 0).error_code,
            errors::kRebalanceInProgress);
  EXPECT_EQ(decodeHeartbeatResponse(be16(25), 0).error_code, errors::kUnknownMemberId);
  EXPECT_EQ(decodeHeartbeatResponse(be32(0) + be16(22), 3).error_code, errors::kIllegalGeneration);
  auto fc = decodeFindCoordinatorResponse(
      be32(0) + be16(0) + be16(-1) + be32(2) + str("b2") + be32(9093), 2);
  EXPECT_EQ(fc.node_id, 2);
  EXPECT_EQ(fc.host, "b2");
  EXPECT_EQ(fc.port, 9093);
  auto leave =
      decodeLeaveGroupResponse(be32(0) + be16(0) + be32(1) + str("m-1") + be16(-1) + be16(25), 3);
  ASSERT_EQ(leave.members.size(), 1u);
  EXPECT_EQ(leave.members[0].error_code, errors::kUnknownMemberId);
  auto versions = decodeApiVersionsResponse(be16(0) + be32(1) + be16(11) + be16(2) + be16(9));
  EXPECT_EQ(versions.api_keys.at(11).min, 2);
  EXPECT_EQ(versions.api_keys.at(11).max, 9);
}

TEST(KafkaProtocolTest, TruncatedOrCorruptResponsesThrow) {
  EXPECT_THROW(decodeHeartbeatResponse(be32(0), 1), ProtocolException);
  EXPECT_THROW(decodeJoinGroupResponse(
                   be32(0) + be16(0) + be32(1) + str("p") + str("l") + str("m") + be32(1000000), 2),
               ProtocolException);
  EXPECT_THROW(decodeSyncGroupResponse(be16(0) + be32(-7), 0), ProtocolException);
}

TEST(KafkaProtocolTest, ErrorTextNamesTheError) {
  EXPECT_NE(errorText(errors::kRebalanceInProgress).find("REBALANCE_IN_PROGRESS (27)"),
            std::string::npos);
}

}  // namespace
}  // namespace connectd::kafka::protocol
