#include "server/runtime/connect_protocol.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

// Wire layouts, from Kafka's schema definitions (all integers big-endian; STRING = int16 length
// + UTF-8 bytes; NULLABLE_BYTES = int32 length or -1 + bytes; ARRAY = int32 count or -1 when
// nullable + elements):
//
//   header              version:int16
//   metadata v0         header url:STRING config-offset:int64
//   metadata v1/v2      header url:STRING config-offset:int64 allocation:NULLABLE_BYTES
//                       (allocation = a v1 assignment whose header is the metadata's version)
//   connector entry     connector:STRING tasks:ARRAY(int32)   (-1 = the connector itself)
//   assignment v0       header error:int16 leader:STRING leader-url:STRING config-offset:int64
//                       assignment:ARRAY(connector entry)
//   assignment v1/v2    assignment v0 fields (assignment array nullable)
//                       revoked:nullable ARRAY(connector entry) delay:int32
//
// Readers of v1+ schemas take defaults for missing trailing fields (allocation, assignment,
// revoked: null; delay: 0) and ignore extra trailing bytes.
//
// The hex constants marked "Java" were produced by Kafka 3.9.1's ConnectProtocol and
// IncrementalCooperativeConnectProtocol on a JDK >= 19 (HashSet sizing as in Java 21).

namespace connectd::runtime {
namespace {

namespace cp = connect_protocol;

class Bytes {
 public:
  Bytes& i16(int16_t v) { return put(static_cast<uint16_t>(v), 2); }
  Bytes& i32(int32_t v) { return put(static_cast<uint32_t>(v), 4); }
  Bytes& i64(int64_t v) { return put(static_cast<uint64_t>(v), 8); }
  Bytes& str(const std::string& s) {
    i16(static_cast<int16_t>(s.size()));
    out_ += s;
    return *this;
  }
  Bytes& raw(const std::string& s) {
    out_ += s;
    return *this;
  }
  Bytes& bytes(const std::string& s) {
    i32(static_cast<int32_t>(s.size()));
    out_ += s;
    return *this;
  }
  // A connector entry: the name, then its task ids.
  Bytes& entry(const std::string& connector, const std::vector<int32_t>& tasks) {
    str(connector);
    i32(static_cast<int32_t>(tasks.size()));
    for (int32_t t : tasks) i32(t);
    return *this;
  }
  operator std::string() const { return out_; }  // NOLINT(google-explicit-constructor)

 private:
  Bytes& put(uint64_t v, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
      out_.push_back(static_cast<char>((v >> shift) & 0xFF));
    return *this;
  }
  std::string out_;
};

// The readers take string_view; these let a Bytes chain convert once, to std::string.
ConnectAssignment readAssignment(const std::string& bytes) {
  return cp::deserializeAssignment(bytes);
}
ConnectWorkerState readMetadata(const std::string& bytes) { return cp::deserializeMetadata(bytes); }

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0xF]);
  }
  return out;
}

// The assignment used across the v1/v2 cases.
ConnectAssignment extendedAssignment(int16_t version) {
  ConnectAssignment a;
  a.version = version;
  a.leader = "leader-1";
  a.leader_url = "http://l:8083/";
  a.config_offset = 7;
  a.connectors = {"b", "q"};
  a.tasks = {{"b", 0}, {"q", 1}, {"x", 2}};
  a.revoked_connectors = {"r"};
  a.revoked_tasks = {{"r", 0}, {"b", 1}};
  a.delay = 300;
  return a;
}

// Its body after the version header: "q" hashes into bucket 1 and "b" into bucket 2 of Java's
// HashSet, so q comes first.
std::string extendedAssignmentBody() {
  return Bytes()
      .i16(0)
      .str("leader-1")
      .str("http://l:8083/")
      .i64(7)
      .i32(3)
      .entry("q", {-1, 1})
      .entry("b", {-1, 0})
      .entry("x", {2})
      .i32(2)
      .entry("r", {-1, 0})
      .entry("b", {1})
      .i32(300);
}

std::string messageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const SchemaException& e) {
    return e.what();
  }
  return "<no exception>";
}

TEST(ConnectProtocolTest, SerializesV0MetadataAsHeaderUrlAndOffset) {
  const ConnectWorkerState state{"http://w1:8083/", 42, std::nullopt};
  const std::string expected = Bytes().i16(0).str("http://w1:8083/").i64(42);
  EXPECT_EQ(cp::serializeMetadata(state, 0), expected);
  EXPECT_EQ(hex(expected), "0000000f687474703a2f2f77313a383038332f000000000000002a");  // Java
}

TEST(ConnectProtocolTest, SerializesV1MetadataWithoutPreviousAssignmentAsNullAllocation) {
  const ConnectWorkerState state{"http://w1:8083/", 42, std::nullopt};
  const std::string expected = Bytes().i16(1).str("http://w1:8083/").i64(42).i32(-1);
  EXPECT_EQ(cp::serializeMetadata(state, 1), expected);
  EXPECT_EQ(hex(expected),
            "0001000f687474703a2f2f77313a383038332f000000000000002affffffff");  // Java
}

TEST(ConnectProtocolTest, EmbedsPreviousAssignmentUnderTheMetadataVersionHeader) {
  // previous.version is 1, but sessioned metadata embeds it under a version-2 header, as Java.
  const ConnectWorkerState state{"http://w1:8083/", 42, extendedAssignment(1)};
  const std::string allocation = Bytes().i16(2).raw(extendedAssignmentBody());
  const std::string expected = Bytes().i16(2).str("http://w1:8083/").i64(42).bytes(allocation);
  EXPECT_EQ(cp::serializeMetadata(state, 2), expected);
  EXPECT_EQ(hex(expected),  // Java
            "0002000f687474703a2f2f77313a383038332f000000000000002a000000750002000000086c6561646572"
            "2d31000e687474"
            "703a2f2f6c3a383038332f00000000000000070000000300017100000002ffffffff000000010001620000"
            "0002ffffffff00"
            "00000000017800000001000000020000000200017200000002ffffffff0000000000016200000001000000"
            "010000012c");

  const std::string v1 = cp::serializeMetadata(state, 1);
  EXPECT_EQ(v1, std::string(Bytes()
                                .i16(1)
                                .str("http://w1:8083/")
                                .i64(42)
                                .bytes(Bytes().i16(1).raw(allocation.substr(2)))));
}

TEST(ConnectProtocolTest, SerializesV0AssignmentWithConnectorAheadOfItsTasks) {
  ConnectAssignment a;
  a.leader = "leader-1";
  a.leader_url = "http://l:8083/";
  a.config_offset = 7;
  a.connectors = {"q", "b"};
  a.tasks = {{"b", 0}, {"a", 1}};
  const std::string expected = Bytes()
                                   .i16(0)
                                   .i16(0)
                                   .str("leader-1")
                                   .str("http://l:8083/")
                                   .i64(7)
                                   .i32(3)
                                   .entry("q", {-1})
                                   .entry("b", {-1, 0})
                                   .entry("a", {1});
  EXPECT_EQ(cp::serializeAssignment(a), expected);
  EXPECT_EQ(hex(expected),  // Java
            "0000000000086c65616465722d31000e687474703a2f2f6c3a383038332f00000000000000070000000300"
            "017100000001ff"
            "ffffff00016200000002ffffffff000000000001610000000100000001");
}

TEST(ConnectProtocolTest, SerializesV1AndV2AssignmentsWithRevocationsAndDelay) {
  const std::string body = extendedAssignmentBody();
  EXPECT_EQ(cp::serializeAssignment(extendedAssignment(1)), std::string(Bytes().i16(1).raw(body)));
  EXPECT_EQ(cp::serializeAssignment(extendedAssignment(2)), std::string(Bytes().i16(2).raw(body)));
  EXPECT_EQ(hex(cp::serializeAssignment(extendedAssignment(1))),  // Java
            "0001000000086c65616465722d31000e687474703a2f2f6c3a383038332f00000000000000070000000300"
            "017100000002ff"
            "ffffff0000000100016200000002ffffffff00000000000178000000010000000200000002000172000000"
            "02ffffffff0000"
            "000000016200000001000000010000012c");
}

TEST(ConnectProtocolTest, WritesDuplicateConnectorsOnceAsJavaSetsDo) {
  ConnectAssignment a;
  a.version = 1;
  a.leader = "L";
  a.leader_url = "U";
  a.config_offset = 1;
  a.connectors = {"q", "b", "q"};
  a.revoked_connectors = {"r", "s", "r"};
  const std::string expected = Bytes()
                                   .i16(1)
                                   .i16(0)
                                   .str("L")
                                   .str("U")
                                   .i64(1)
                                   .i32(2)
                                   .entry("q", {-1})
                                   .entry("b", {-1})
                                   .i32(2)
                                   .entry("r", {-1})
                                   .entry("s", {-1})
                                   .i32(0);
  EXPECT_EQ(cp::serializeAssignment(a), expected);
}

TEST(ConnectProtocolTest, OrdersAssignedConnectorsAsJavaHashSetIncludingTreeBins) {
  // Twenty names sharing their low four hash bits: the table grows to 64 and two of its bins
  // turn into red-black trees, whose roots (c76, c87) move to the front of their bins.
  ConnectAssignment a;
  a.leader = "L";
  a.leader_url = "U";
  a.connectors = {"c6",   "c10",  "c21",  "c32",  "c43",  "c54",  "c65",  "c76",  "c87",  "c98",
                  "c100", "c111", "c122", "c133", "c144", "c155", "c166", "c177", "c188", "c199"};
  const std::vector<std::string> java_order = {
      "c76", "c10", "c32", "c54", "c98",  "c100", "c122", "c144", "c166", "c188",
      "c87", "c21", "c43", "c65", "c111", "c133", "c155", "c177", "c199", "c6"};
  EXPECT_EQ(cp::deserializeAssignment(cp::serializeAssignment(a)).connectors, java_order);

  a.connectors = {"b", "q"};
  EXPECT_EQ(cp::deserializeAssignment(cp::serializeAssignment(a)).connectors,
            (std::vector<std::string>{"q", "b"}));
}

TEST(ConnectProtocolTest, RoundTripsMetadataOfEveryVersion) {
  const ConnectWorkerState with_previous{"http://w1:8083/", 42, extendedAssignment(1)};
  const ConnectWorkerState without_previous{"http://w1:8083/", 42, std::nullopt};

  EXPECT_EQ(cp::deserializeMetadata(cp::serializeMetadata(without_previous, 0)), without_previous);
  // Version 0 has no allocation: the previous assignment is not carried.
  EXPECT_EQ(cp::deserializeMetadata(cp::serializeMetadata(with_previous, 0)), without_previous);
  EXPECT_EQ(cp::deserializeMetadata(cp::serializeMetadata(without_previous, 1)), without_previous);

  ConnectWorkerState decoded = cp::deserializeMetadata(cp::serializeMetadata(with_previous, 2));
  ASSERT_TRUE(decoded.previous);
  EXPECT_EQ(decoded.previous->version, 2);  // the embedded header follows the metadata
  decoded.previous->version = 1;
  std::sort(decoded.previous->connectors.begin(), decoded.previous->connectors.end());
  // Tasks come back grouped by connector entry.
  ConnectWorkerState expected = with_previous;
  expected.previous->tasks = {{"q", 1}, {"b", 0}, {"x", 2}};
  expected.previous->revoked_tasks = {{"r", 0}, {"b", 1}};
  EXPECT_EQ(decoded, expected);
}

TEST(ConnectProtocolTest, RoundTripsAssignmentsOfEveryVersion) {
  for (int16_t version : {0, 1, 2}) {
    ConnectAssignment a;
    a.version = version;
    a.error = ConnectAssignment::kConfigMismatch;
    a.leader = "connect-1-5c1d";
    a.leader_url = "http://w\xC3\xBC:8083/";
    a.config_offset = 1234567890123;
    a.connectors = {"a"};
    a.tasks = {{"a", 0}, {"a", 1}, {"z\xF0\x9F\x98\x80", 7}};
    if (version > 0) {
      a.revoked_connectors = {"old"};
      a.revoked_tasks = {{"old", 0}, {"other", 3}};
      a.delay = -5;
    }
    EXPECT_EQ(cp::deserializeAssignment(cp::serializeAssignment(a)), a) << "version " << version;
  }
}

TEST(ConnectProtocolTest, ReadsEagerAssignmentWithDefaultsForMissingFields) {
  const std::string v0 = Bytes().i16(0).i16(0).str("L").str("U").i64(3).i32(1).entry("a", {-1, 0});
  const ConnectAssignment a = cp::deserializeAssignment(v0);
  EXPECT_EQ(a.version, 0);
  EXPECT_EQ(a.connectors, (std::vector<std::string>{"a"}));
  EXPECT_EQ(a.tasks, (std::vector<ConnectorTaskId>{{"a", 0}}));
  EXPECT_TRUE(a.revoked_connectors.empty());
  EXPECT_TRUE(a.revoked_tasks.empty());
  EXPECT_EQ(a.delay, 0);

  // Null arrays read as empty.
  const ConnectAssignment nulls =
      readAssignment(Bytes().i16(1).i16(0).str("L").str("U").i64(3).i32(-1).i32(-1).i32(9));
  EXPECT_TRUE(nulls.connectors.empty());
  EXPECT_TRUE(nulls.revoked_tasks.empty());
  EXPECT_EQ(nulls.delay, 9);
}

TEST(ConnectProtocolTest, ReadsNewerVersionsByTheirKnownPrefix) {
  // A future version 3 assignment with a field appended after delay.
  const std::string v3 = Bytes().i16(3).raw(extendedAssignmentBody()).str("future-field").i64(99);
  const ConnectAssignment a = cp::deserializeAssignment(v3);
  EXPECT_EQ(a.version, 3);
  EXPECT_EQ(a.leader, "leader-1");
  EXPECT_EQ(a.delay, 300);
  EXPECT_EQ(a.revoked_connectors, (std::vector<std::string>{"r"}));

  // Future metadata: trailing bytes after the allocation are ignored.
  const std::string meta = Bytes().i16(3).str("http://w:8083/").i64(5).i32(-1).raw("\x01\x02\x03");
  EXPECT_EQ(cp::deserializeMetadata(meta), (ConnectWorkerState{"http://w:8083/", 5, std::nullopt}));

  // Version 0 metadata read by the incremental reader: no allocation at all.
  EXPECT_EQ(readMetadata(Bytes().i16(0).str("u").i64(1)),
            (ConnectWorkerState{"u", 1, std::nullopt}));
}

TEST(ConnectProtocolTest, RejectsMalformedInputWithKafkaMessages) {
  EXPECT_EQ(messageOf([] { cp::deserializeAssignment(""); }),
            "Error reading field 'version': java.nio.BufferUnderflowException");
  EXPECT_EQ(messageOf([] { readAssignment(Bytes().i16(-1)); }),
            "Unsupported subscription version: -1");
  EXPECT_EQ(messageOf([] { readMetadata(Bytes().i16(-2)); }),
            "Unsupported subscription version: -2");
  EXPECT_EQ(
      messageOf([] { readAssignment(Bytes().i16(1)); }),
      "Error reading field 'error': Missing value for field 'error' which has no default value.");
  EXPECT_EQ(
      messageOf([] { readAssignment(Bytes().i16(1).i16(0).str("L").raw(std::string(1, '\0'))); }),
      "Error reading field 'leader-url': java.nio.BufferUnderflowException");
  EXPECT_EQ(messageOf([] { readMetadata(Bytes().i16(0).i16(15).raw("abc")); }),
            "Error reading field 'url': Error reading string of length 15, only 3 bytes available");
  EXPECT_EQ(messageOf([] { readMetadata(Bytes().i16(1).i16(-3)); }),
            "Error reading field 'url': String length -3 cannot be negative");
  EXPECT_EQ(messageOf([] { readMetadata(Bytes().i16(0).str("u").i32(1)); }),
            "Error reading field 'config-offset': java.nio.BufferUnderflowException");
  EXPECT_EQ(
      messageOf([] { readMetadata(Bytes().i16(1).str("u").i64(1).i32(117).raw("abc")); }),
      "Error reading field 'allocation': Error reading bytes of size 117, only 3 bytes available");
  EXPECT_EQ(
      messageOf(
          [] { readAssignment(Bytes().i16(0).i16(0).str("L").str("U").i64(1).i32(50).i32(0)); }),
      "Error reading field 'assignment': Error reading array of size 50, only 4 bytes available");
  EXPECT_EQ(
      messageOf([] {
        readAssignment(Bytes().i16(0).i16(0).str("L").str("U").i64(1).i32(1).str("a").i32(-2));
      }),
      "Error reading field 'assignment': Error reading field 'tasks': Array size -2 cannot be "
      "negative");
  // The count is checked against the bytes left, the elements then run out.
  EXPECT_EQ(
      messageOf([] {
        readAssignment(
            Bytes().i16(1).i16(0).str("L").str("U").i64(1).i32(0).i32(1).str("a").i32(3).i32(0).i32(
                1));
      }),
      "Error reading field 'revoked': Error reading field 'tasks': "
      "java.nio.BufferUnderflowException");
  EXPECT_EQ(messageOf([] {
              readAssignment(Bytes().i16(1).i16(0).str("L").str("U").i64(1).i32(0).i32(0).raw(
                  std::string("\x00\x01", 2)));
            }),
            "Error reading field 'delay': java.nio.BufferUnderflowException");
  // A broken embedded assignment fails with the assignment reader's own message.
  EXPECT_EQ(
      messageOf([] { readMetadata(Bytes().i16(1).str("u").i64(1).bytes(Bytes().i16(1).i16(0))); }),
      "Error reading field 'leader': Missing value for field 'leader' which has no default value.");
}

TEST(ConnectProtocolTest, SchemaExceptionIsADataExceptionWithKafkasClassName) {
  try {
    cp::deserializeAssignment("");
    FAIL() << "expected an exception";
  } catch (const api::DataException& e) {
    EXPECT_EQ(e.javaClass(), "org.apache.kafka.common.protocol.types.SchemaException");
  }
}

TEST(ConnectProtocolTest, RejectsStringsLongerThanAShortCanCount) {
  ConnectAssignment a;
  a.leader = std::string(32768, 'x');
  EXPECT_EQ(messageOf([&] { cp::serializeAssignment(a); }),
            "Error writing field 'leader': String length 32768 is larger than the maximum string "
            "length.");
  a.leader = std::string(32767, 'x');
  EXPECT_NO_THROW(cp::serializeAssignment(a));
  a.connectors = {std::string(40000, 'c')};
  EXPECT_EQ(messageOf([&] { cp::serializeAssignment(a); }),
            "Error writing field 'assignment': Error writing field 'connector': String length "
            "40000 is larger than "
            "the maximum string length.");
  EXPECT_EQ(
      messageOf([] {
        cp::serializeMetadata(ConnectWorkerState{std::string(32768, 'u'), 0, std::nullopt}, 1);
      }),
      "Error writing field 'url': String length 32768 is larger than the maximum string length.");
}

TEST(ConnectProtocolTest, RejectsUnknownVersionsWhenSerializing) {
  EXPECT_THROW(cp::serializeMetadata(ConnectWorkerState{}, 3), std::invalid_argument);
  EXPECT_THROW(cp::serializeMetadata(ConnectWorkerState{}, -1), std::invalid_argument);
  ConnectAssignment a;
  a.version = 3;
  EXPECT_THROW(cp::serializeAssignment(a), std::invalid_argument);
}

TEST(ConnectProtocolTest, MapsProtocolNamesConfigValuesAndVersions) {
  using C = ConnectProtocolCompatibility;
  EXPECT_EQ(cp::protocolName(C::Eager), "default");
  EXPECT_EQ(cp::protocolName(C::Compatible), "compatible");
  EXPECT_EQ(cp::protocolName(C::Sessioned), "sessioned");
  EXPECT_EQ(cp::configName(C::Eager), "eager");
  EXPECT_EQ(cp::protocolVersion(C::Sessioned), 2);
  EXPECT_EQ(cp::fromProtocolVersion(1), C::Compatible);
  EXPECT_EQ(cp::fromProtocolVersion(3), std::nullopt);

  EXPECT_EQ(cp::fromProtocolName("default"), C::Eager);
  EXPECT_EQ(cp::fromProtocolName("SESSIONED"), C::Sessioned);
  EXPECT_EQ(cp::fromProtocolName("eager"), std::nullopt);

  EXPECT_EQ(cp::fromConfig("eager"), C::Eager);
  EXPECT_EQ(cp::fromConfig("Compatible"), C::Compatible);
  EXPECT_EQ(cp::fromConfig("SESSIONED"), C::Sessioned);
  EXPECT_EQ(cp::fromConfig("default"), std::nullopt);
  EXPECT_EQ(cp::fromConfig("sessioned "), std::nullopt);
  EXPECT_EQ(cp::fromConfig(""), std::nullopt);
  // Java's equalsIgnoreCase also equates U+017F (long s) with s and U+0131 (dotless i) with i.
  EXPECT_EQ(cp::fromConfig("\xC5\xBF"
                           "e\xC5\xBF\xC5\xBF\xC4\xB1oned"),
            C::Sessioned);
}

TEST(ConnectProtocolTest, ComputesJavaStringHashCodeAndOrder) {
  EXPECT_EQ(cp::javaHashCode("hello"), 99162322);
  EXPECT_EQ(cp::javaHashCode("Aa"), cp::javaHashCode("BB"));
  EXPECT_EQ(cp::javaHashCode(""), 0);
  // U+1F600 is the surrogate pair D83D DE00 in Java: 0xD83D * 31 + 0xDE00.
  EXPECT_EQ(cp::javaHashCode("\xF0\x9F\x98\x80"), 1772899);
  // An invalid byte decodes to U+FFFD.
  EXPECT_EQ(cp::javaHashCode("\xFF"), 0xFFFD);

  EXPECT_LT(cp::javaCompare("a", "b"), 0);
  EXPECT_EQ(cp::javaCompare("abc", "abc"), 0);
  EXPECT_GT(cp::javaCompare("ab", "a"), 0);
  // UTF-16 order: U+FFFD sorts after U+1F600 (high surrogate D83D), unlike in UTF-8 byte order.
  EXPECT_GT(cp::javaCompare("\xEF\xBF\xBD", "\xF0\x9F\x98\x80"), 0);
}

}  // namespace
}  // namespace connectd::runtime
