#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace connectd::mysql::binlog {

// A MySQL GTID set ("uuid:1-5:7-9,uuid2:1-3", MySQL 8.4 tags as "uuid:1-5:tag:1-3") with the
// semantics Debezium gives it. Debezium uses two classes for one offset value and this class
// reproduces both, so the strings it prints are the ones Debezium writes:
//  * parse() and add() behave like the binlog client's com.github.shyiko.mysql.binlog.GtidSet, the
//    running set of the streaming loop whose toString() becomes the offset "gtids": sources keep
//    the order of the parsed text, a source seen first in add() goes last;
//  * contains/isContainedWithin/retainAll/retainAllKnownTsids/with/subtract behave like
//    io.debezium.connector.mysql.gtid.MySqlGtidSet (resume checks and the start-up merge), whose
//    results are ordered by (lower-case uuid, tag).
// A source is a TSID: a uuid plus an optional tag ("" when untagged). Intervals print as "a-b"
// even when a == b, as both Java classes do. Values; not thread-safe.
class MySqlGtidSet {
 public:
  struct Interval {
    int64_t start = 0;
    int64_t end = 0;  // inclusive
    bool operator==(const Interval&) const = default;
  };
  struct UuidSet {
    std::string uuid;  // canonical lower-case text
    std::string tag;   // "" when untagged; lower case, as the server prints tags
    std::vector<Interval> intervals;
  };

  MySqlGtidSet() = default;

  // Accepts the text of gtid_executed / gtid_purged / an offset: whitespace (newlines included)
  // around any token is ignored, "" is the empty set, "n" means "n-n". Intervals of one source are
  // sorted and adjacent ones joined (1-5:6-9 → 1-9) like Debezium; overlapping ones are kept. When
  // a source appears in two comma-separated items the later one replaces it. Throws
  // std::invalid_argument naming the bad part.
  static MySqlGtidSet parse(std::string_view text);

  // Records one executed transaction "uuid:n" or "uuid:tag:n" (a GTID event), extending or joining
  // neighbouring intervals. Throws std::invalid_argument on malformed text.
  void add(std::string_view gtid);

  bool contains(std::string_view gtid) const;

  // True when every interval of every source lies inside one interval of the same source in
  // `other` (Debezium's check that the server still has what the offset saw).
  bool isContainedWithin(const MySqlGtidSet& other) const;

  // Sources whose uuid passes `keep` (gtid.source.includes/excludes filter on the uuid text).
  MySqlGtidSet retainAll(const std::function<bool(const std::string& source_uuid)>& keep) const;

  // Sources (uuid and tag) that also appear in `known`.
  MySqlGtidSet retainAllKnownTsids(const MySqlGtidSet& known) const;

  // Debezium's "with": the sources of both sets, a source present in both taken whole from
  // `other` (its intervals replace ours; they are not merged). Returns *this unchanged when
  // `other` is empty.
  MySqlGtidSet with(const MySqlGtidSet& other) const;

  // GTIDs of this set not in `other`; sources wholly contained in `other` disappear.
  MySqlGtidSet subtract(const MySqlGtidSet& other) const;

  // "uuid:1-5:7-9,uuid2:1-3"; consecutive sources with the same uuid share one item
  // ("uuid:1-5:tag:1-3"). "" for the empty set.
  std::string toString() const;

  // The GTID set payload of COM_BINLOG_DUMP_GTID (what follows the 4-byte data-size field):
  // n_sids u64le, then per source the 16-byte uuid, [tag], n_intervals u64le and [start, end+1)
  // pairs as u64le. When any source is tagged the MySQL 8.3+ tagged layout is used (n_sids field
  // (1<<56)|(n<<8)|1, each source followed by its tag as length<<1 and lower-case bytes);
  // otherwise the classic layout every server accepts. Intervals are sorted and merged first, as
  // the server rejects overlapping or touching ones.
  std::string encodeForDump() const;

  bool empty() const { return sets_.empty(); }
  // Distinct source uuids in set order.
  std::vector<std::string> uuids() const;
  const std::vector<UuidSet>& uuidSets() const { return sets_; }

  // Same sources with equal interval lists, in any order (Debezium's equals).
  bool operator==(const MySqlGtidSet& other) const;

 private:
  const UuidSet* find(std::string_view uuid, std::string_view tag) const;
  static MySqlGtidSet sortedBySource(std::vector<UuidSet> sets);

  std::vector<UuidSet> sets_;
};

// A MariaDB GTID position list ("0-1-100,1-2-7": domain-server-sequence) with Debezium's
// semantics. As for MySQL, two Java classes meet in one offset value:
//  * parse(), add(), toString() and toSlaveConnectState() follow the binlog client's
//    MariadbGtidSet, the running set of the streaming loop: one GTID per domain (the one parsed or
//    added last), printed in java.util.HashMap iteration order of the domain ids. toString() is
//    the offset "gtids" written while streaming and the @slave_connect_state sent on connect;
//  * isContainedWithin/retainAll/with/subtract/contains and toStreamString() follow Debezium's
//    io.debezium.connector.mariadb.gtid.MariaDbGtidSet: every GTID of every (domain, server)
//    stream. A parsed set lists streams by domain and server (a TreeMap); the sets returned by
//    retainAll/with/subtract are HashMaps in Debezium, and their stream order is reproduced
//    (JDK 19+ HashMap sizing), because the start-up merge result is written to the offset as is.
// Values; not thread-safe.
class MariaDbGtidSet {
 public:
  struct Gtid {
    uint64_t domain_id = 0;
    uint64_t server_id = 0;
    uint64_t sequence = 0;
    std::string toString() const;
    bool operator==(const Gtid&) const = default;
  };

  MariaDbGtidSet() = default;

  // Comma-separated "d-s-n" items; whitespace around items ignored, "" is the empty set. Throws
  // std::invalid_argument naming the bad item.
  static MariaDbGtidSet parse(std::string_view text);

  // Records the GTID of a transaction just begun (MARIADB_GTID event): it becomes its domain's
  // position and its stream's only GTID. Throws std::invalid_argument on malformed text.
  void add(std::string_view gtid);
  void add(const Gtid& gtid);

  bool contains(std::string_view gtid) const;

  // Debezium's per-domain check: each stream's GTIDs are contained when the other set has them
  // all in that domain, or when the stream's lowest sequence is not above the lowest sequence the
  // other set has for the domain. A domain missing from `other` is not contained.
  bool isContainedWithin(const MariaDbGtidSet& other) const;

  // Streams whose "domain-server" text passes `keep` (gtid.source.includes/excludes).
  MariaDbGtidSet retainAll(const std::function<bool(const std::string& domain_server)>& keep) const;

  // Streams of both sets, a stream present in both taken from `other`; *this when `other` is
  // empty.
  MariaDbGtidSet with(const MariaDbGtidSet& other) const;

  // Streams not contained in the same stream of `other` (see isContainedWithin), minus its GTIDs.
  MariaDbGtidSet subtract(const MariaDbGtidSet& other) const;

  // One GTID per domain in Java HashMap<Long, ...> order: the offset text while streaming.
  std::string toString() const;
  // The value for SET @slave_connect_state (same text as toString()).
  std::string toSlaveConnectState() const { return toString(); }
  // Every GTID ordered by domain, server, sequence: Debezium's MariaDbGtidSet.toString(), which
  // is what the offset holds right after the start-up merge, before the first GTID event.
  std::string toStreamString() const;

  bool empty() const { return streams_.empty(); }
  // The per-domain positions in the order toString() prints them.
  std::vector<Gtid> positions() const;

 private:
  struct Stream {
    uint64_t domain_id = 0;
    uint64_t server_id = 0;
    std::vector<uint64_t> sequences;  // ascending, distinct
  };

  static Gtid parseGtid(std::string_view text);
  void putPosition(const Gtid& gtid);
  Stream& stream(uint64_t domain_id, uint64_t server_id);
  const Stream* findStream(uint64_t domain_id, uint64_t server_id) const;
  // A Debezium result set: `streams` already in the iteration order of the Java HashMap.
  static MariaDbGtidSet fromStreams(std::vector<Stream> streams);

  std::vector<Stream> streams_;  // Debezium's map iteration order
  bool sorted_ = true;           // streams_ ordered by (domain, server), as a TreeMap
  std::vector<Gtid> positions_;  // one per domain, in first-insertion order of the domain
};

}  // namespace connectd::mysql::binlog
