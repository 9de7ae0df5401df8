#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/errors.h"
#include "server/runtime/herder.h"

namespace connectd::runtime {

// The Connect group protocol's assignment (Kafka's ConnectProtocol.Assignment for version 0,
// ExtendedAssignment for versions 1 and 2). The leader builds one per member; every member
// decodes its own from SyncGroup and keeps the last one to send back in its next JoinGroup.
struct ConnectAssignment {
  static constexpr int16_t kNoError = 0;
  // The leader could not make an assignment because its config snapshot is behind a member's:
  // members read the config topic to the end and rejoin.
  static constexpr int16_t kConfigMismatch = 1;

  int16_t version = 0;  // 0 eager, 1 compatible, 2 sessioned (the header version on the wire)
  int16_t error = kNoError;
  std::string leader;      // the leader's member id
  std::string leader_url;  // the leader's advertised REST URL
  int64_t config_offset = -1;
  std::vector<std::string> connectors;
  std::vector<ConnectorTaskId> tasks;
  std::vector<std::string> revoked_connectors;  // versions 1+
  std::vector<ConnectorTaskId> revoked_tasks;   // versions 1+
  int32_t delay = 0;                            // versions 1+: ms before the scheduled rebalance

  bool failed() const { return error != kNoError; }
  bool operator==(const ConnectAssignment&) const = default;
};

// A member's JoinGroup metadata (ConnectProtocol.WorkerState / ExtendedWorkerState).
struct ConnectWorkerState {
  std::string url;
  int64_t config_offset = -1;
  // Versions 1 and 2: the assignment the member currently holds. nullopt is Java's
  // ExtendedAssignment.empty() (a worker that never got an assignment), written as a null
  // allocation.
  std::optional<ConnectAssignment> previous;

  bool operator==(const ConnectWorkerState&) const = default;
};

// ConnectProtocolCompatibility: the worker's `connect.protocol` mode, which also names the
// group sub-protocols it offers (most preferred first: sessioned, compatible, default).
enum class ConnectProtocolCompatibility { Eager, Compatible, Sessioned };

// org.apache.kafka.common.protocol.types.SchemaException: malformed group-protocol bytes, or a
// value the wire format cannot carry. Messages are Kafka's, e.g. "Error reading field
// 'assignment': Error reading field 'connector': Error reading string of length 9, only 3 bytes
// available". A DataException so callers that treat bad data generically can catch it as one.
class SchemaException : public api::DataException {
 public:
  using api::DataException::DataException;
  std::string_view javaClass() const override {
    return "org.apache.kafka.common.protocol.types.SchemaException";
  }
};

namespace connect_protocol {

// ConnectProtocol.CONNECTOR_TASK: the task id that stands for the connector instance itself in
// the per-connector task arrays.
inline constexpr int32_t kConnectorTask = -1;

// The sub-protocol name in JoinGroup: "default", "compatible", "sessioned".
std::string_view protocolName(ConnectProtocolCompatibility compatibility);
// ConnectProtocolCompatibility.fromProtocol: case-insensitive as Java's equalsIgnoreCase.
std::optional<ConnectProtocolCompatibility> fromProtocolName(std::string_view name);
// ConnectProtocolCompatibility.compatibility: the `connect.protocol` value "eager", "compatible"
// or "sessioned", case-insensitive as Java's equalsIgnoreCase.
std::optional<ConnectProtocolCompatibility> fromConfig(std::string_view connect_protocol_value);
// The mode's toString(), as `connect.protocol` spells it: "eager", "compatible", "sessioned".
std::string_view configName(ConnectProtocolCompatibility compatibility);
// protocolVersion(): 0, 1, 2.
int16_t protocolVersion(ConnectProtocolCompatibility compatibility);
// fromProtocolVersion; nullopt for any other version.
std::optional<ConnectProtocolCompatibility> fromProtocolVersion(int16_t version);

// JoinGroup metadata. Version 0 is ConnectProtocol's (url, config offset); 1 and 2 are
// IncrementalCooperativeConnectProtocol's, which append `previous` as nullable bytes holding a
// serialized assignment whose header carries the metadata's version (not previous->version).
// Throws std::invalid_argument for another version, SchemaException for a string longer than
// 32767 bytes.
std::string serializeMetadata(const ConnectWorkerState& state, int16_t version);

// Kafka 3.9 reads every member's metadata with IncrementalCooperativeConnectProtocol's reader,
// whatever the selected sub-protocol, and so does this: any version >= 0 is read as
// url + config offset + an optional trailing allocation (absent in version 0), ignoring bytes
// after it, so newer versions are read by their known prefix. Throws SchemaException.
ConnectWorkerState deserializeMetadata(std::string_view bytes);

// Version 0 (uses assignment.version): ConnectProtocol.serializeAssignment, the eager layout
// without revocations or delay. Versions 1 and 2: IncrementalCooperativeConnectProtocol's,
// with that header. Each connector is written as its own entry of the connector's task array,
// as task -1, ahead of its tasks; entries are ordered as Java's asMap() orders them. Throws
// std::invalid_argument for another version, SchemaException for an over-long string.
std::string serializeAssignment(const ConnectAssignment& assignment);

// IncrementalCooperativeConnectProtocol.deserializeAssignment, which Kafka 3.9 workers use for
// every sub-protocol: any version >= 0 is read with the version-1 schema, missing trailing
// fields (revoked, delay) taking their defaults and extra trailing bytes ignored; `version` is
// the header's. Throws SchemaException.
ConnectAssignment deserializeAssignment(std::string_view bytes);

// The java.lang.String semantics the protocol depends on, applied to the UTF-8 bytes as Java
// would decode them (malformed sequences become U+FFFD): hashCode() and compareTo() (UTF-16
// code unit order, which differs from byte order above U+FFFF).
int32_t javaHashCode(std::string_view utf8);
int javaCompare(std::string_view a, std::string_view b);

}  // namespace connect_protocol
}  // namespace connectd::runtime
