#include "connectors/mysql/binlog/gtid_set.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "server/common/strings.h"

namespace connectd::mysql::binlog {

namespace {

using common::split;
using common::trim;

bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

uint64_t parseUnsigned(std::string_view s, uint64_t max, std::string_view what,
                       std::string_view context) {
  uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (!isDigits(s) || ec != std::errc() || ptr != s.data() + s.size() || v > max) {
    throw std::invalid_argument("Invalid " + std::string(what) + " '" + std::string(s) +
                                "' in GTID '" + std::string(context) + "'");
  }
  return v;
}

// Canonical 8-4-4-4-12 hex text, returned lower-case as java.util.UUID.toString prints it.
std::string canonicalUuid(std::string_view s, std::string_view context) {
  bool ok = s.size() == 36;
  for (size_t i = 0; ok && i < s.size(); ++i) {
    ok = (i == 8 || i == 13 || i == 18 || i == 23) ? s[i] == '-' : isHex(s[i]);
  }
  if (!ok) {
    throw std::invalid_argument("Invalid server uuid '" + std::string(s) + "' in GTID set '" +
                                std::string(context) + "'");
  }
  return common::toLower(s);
}

// MySQL 8.4 tag: [a-z_][a-z0-9_]{0,31}, case-insensitive; the server always prints it in lower
// case.
std::string canonicalTag(std::string_view s, std::string_view context) {
  bool ok = !s.empty() && s.size() <= 32 && !(s[0] >= '0' && s[0] <= '9');
  for (char c : s) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    throw std::invalid_argument("Invalid GTID tag '" + std::string(s) + "' in GTID set '" +
                                std::string(context) + "'");
  }
  return common::toLower(s);
}

constexpr uint64_t kMaxGno = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

MySqlGtidSet::Interval parseInterval(std::string_view s, std::string_view context) {
  const size_t dash = s.find('-');
  const std::string_view first = trim(s.substr(0, dash));
  const std::string_view last = dash == std::string_view::npos ? first : trim(s.substr(dash + 1));
  const auto start =
      static_cast<int64_t>(parseUnsigned(first, kMaxGno, "transaction number", context));
  const auto end =
      static_cast<int64_t>(parseUnsigned(last, kMaxGno, "transaction number", context));
  if (start < 1 || end < start) {
    throw std::invalid_argument("Invalid interval '" + std::string(s) + "' in GTID set '" +
                                std::string(context) + "'");
  }
  return {start, end};
}

// How Debezium normalises parsed intervals: the binlog client's UUIDSet constructor joins the first
// two if they touch, then Debezium's UUIDSet stable-sorts on the start and joins every pair that
// touches. Overlapping intervals stay as they are.
void sortAndJoinAdjacent(std::vector<MySqlGtidSet::Interval>& intervals) {
  if (intervals.size() > 1 && intervals[0].end + 1 == intervals[1].start) {
    intervals[0].end = intervals[1].end;
    intervals.erase(intervals.begin() + 1);
  }
  std::stable_sort(intervals.begin(), intervals.end(),
                   [](const auto& a, const auto& b) { return a.start < b.start; });
  for (size_t i = intervals.size(); i-- > 1;) {
    if (intervals[i - 1].end + 1 == intervals[i].start) {
      intervals[i - 1].end = intervals[i].end;
      intervals.erase(intervals.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
}

bool intervalsContained(const std::vector<MySqlGtidSet::Interval>& mine,
                        const std::vector<MySqlGtidSet::Interval>& theirs) {
  if (mine.empty()) return true;
  if (theirs.empty()) return false;
  return std::all_of(mine.begin(), mine.end(), [&](const auto& a) {
    return std::any_of(theirs.begin(), theirs.end(),
                       [&](const auto& b) { return a.start >= b.start && a.end <= b.end; });
  });
}

// Debezium's Interval.removeAll: every interval of `removed` is cut out of the pieces left so far.
std::vector<MySqlGtidSet::Interval> removeAll(const MySqlGtidSet::Interval& interval,
                                              const std::vector<MySqlGtidSet::Interval>& removed) {
  std::vector<MySqlGtidSet::Interval> pieces{interval};
  for (const auto& other : removed) {
    std::vector<MySqlGtidSet::Interval> next;
    for (const auto& piece : pieces) {
      if (other.end < piece.start || other.start > piece.end) {
        next.push_back(piece);
        continue;
      }
      if (piece.start < other.start) next.push_back({piece.start, other.start - 1});
      if (other.end < piece.end) next.push_back({other.end + 1, piece.end});
    }
    pieces = std::move(next);
  }
  return pieces;
}

void appendU64(uint64_t v, std::string& out) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void appendUuidBytes(std::string_view uuid, std::string& out) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 0; i + 1 < uuid.size();) {
    if (uuid[i] == '-') {
      ++i;
      continue;
    }
    out.push_back(static_cast<char>((nibble(uuid[i]) << 4) | nibble(uuid[i + 1])));
    i += 2;
  }
}

// Iteration order of a java.util.HashMap as JDK 19+ builds it, for replaying the puts Debezium
// makes: entries sit in bucket order (spread hash masked by the table size) and, within a bucket,
// in insertion order, which resizes preserve. Tree bins (8+ keys colliding in a 64+ table) are not
// modelled.
template <typename Key>
class JavaHashMapOrder {
 public:
  // The sizing step of HashMap.putAll(m) for a source map of `source_size` entries, to be
  // followed by put() of each of them.
  void presize(size_t source_size) {
    if (source_size == 0) return;
    if (capacity_ == 0) {
      const size_t wanted = (source_size * 4 + 2) / 3;  // Math.ceil(s / 0.75)
      if (wanted > threshold_) threshold_ = tableSizeFor(wanted);
    } else {
      while (source_size > threshold_) resize();
    }
  }

  // HashMap.put; a key already present keeps its place.
  void put(const Key& key, int32_t hash) {
    if (capacity_ == 0) resize();
    for (const Entry& e : entries_) {
      if (e.key == key) return;
    }
    entries_.push_back({key, hash});
    if (entries_.size() > threshold_) resize();
  }

  std::vector<Key> order() const {
    std::vector<Entry> sorted = entries_;
    const auto mask = static_cast<uint32_t>(capacity_ - 1);
    auto bucket = [mask](const Entry& e) {
      const auto h = static_cast<uint32_t>(e.hash);
      return (h ^ (h >> 16)) & mask;
    };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const Entry& a, const Entry& b) { return bucket(a) < bucket(b); });
    std::vector<Key> keys;
    keys.reserve(sorted.size());
    for (const Entry& e : sorted) keys.push_back(e.key);
    return keys;
  }

 private:
  struct Entry {
    Key key;
    int32_t hash;
  };

  static size_t tableSizeFor(size_t wanted) {
    size_t n = 1;
    while (n < wanted) n <<= 1;
    return n;
  }

  void resize() {
    size_t new_capacity;
    size_t new_threshold = 0;
    if (capacity_ > 0) {
      new_capacity = capacity_ * 2;
      if (capacity_ >= 16) new_threshold = threshold_ * 2;
    } else if (threshold_ > 0) {
      new_capacity = threshold_;
    } else {
      new_capacity = 16;
      new_threshold = 12;
    }
    if (new_threshold == 0)
      new_threshold = static_cast<size_t>(static_cast<float>(new_capacity) * 0.75f);
    capacity_ = new_capacity;
    threshold_ = new_threshold;
  }

  size_t capacity_ = 0;   // 0 until the first put allocates the table
  size_t threshold_ = 0;  // before that, the requested initial capacity (as in Java)
  std::vector<Entry> entries_;
};

// Long.hashCode.
int32_t javaLongHash(uint64_t v) {
  return static_cast<int32_t>(static_cast<uint32_t>(v ^ (v >> 32)));
}

// MariaDbGtidStreamId.hashCode: Objects.hash(domainId, serverId), in int arithmetic.
int32_t streamIdHash(uint64_t domain_id, uint64_t server_id) {
  const uint32_t h = 31u * (31u + static_cast<uint32_t>(javaLongHash(domain_id))) +
                     static_cast<uint32_t>(javaLongHash(server_id));
  return static_cast<int32_t>(h);
}

}  // namespace

MySqlGtidSet MySqlGtidSet::parse(std::string_view text) {
  MySqlGtidSet result;
  if (trim(text).empty()) return result;
  for (const std::string& raw_item : split(text, ',')) {
    const std::string_view item = trim(raw_item);
    if (item.empty()) {
      throw std::invalid_argument("Empty item in GTID set '" + std::string(text) + "'");
    }
    const std::vector<std::string> parts = split(item, ':');
    const std::string uuid = canonicalUuid(trim(parts[0]), text);
    if (parts.size() < 2) {
      throw std::invalid_argument("No transaction interval for '" + uuid + "' in GTID set '" +
                                  std::string(text) + "'");
    }
    std::vector<UuidSet> item_sets;
    std::string tag;
    bool tag_has_interval = true;
    for (size_t i = 1; i < parts.size(); ++i) {
      const std::string_view part = trim(parts[i]);
      if (part.empty() || !(part[0] >= '0' && part[0] <= '9')) {
        if (!tag_has_interval) {
          throw std::invalid_argument("GTID tag '" + tag + "' without interval in GTID set '" +
                                      std::string(text) + "'");
        }
        tag = canonicalTag(part, text);
        tag_has_interval = false;
        continue;
      }
      auto it = std::find_if(item_sets.begin(), item_sets.end(),
                             [&](const auto& s) { return s.tag == tag; });
      if (it == item_sets.end()) it = item_sets.insert(item_sets.end(), UuidSet{uuid, tag, {}});
      it->intervals.push_back(parseInterval(part, text));
      tag_has_interval = true;
    }
    if (!tag_has_interval) {
      throw std::invalid_argument("GTID tag '" + tag + "' without interval in GTID set '" +
                                  std::string(text) + "'");
    }
    for (UuidSet& s : item_sets) {
      sortAndJoinAdjacent(s.intervals);
      auto existing = std::find_if(result.sets_.begin(), result.sets_.end(), [&](const auto& e) {
        return e.uuid == s.uuid && e.tag == s.tag;
      });
      if (existing != result.sets_.end()) {
        *existing = std::move(s);
      } else {
        result.sets_.push_back(std::move(s));
      }
    }
  }
  return result;
}

void MySqlGtidSet::add(std::string_view gtid) {
  const std::vector<std::string> parts = split(trim(gtid), ':');
  if (parts.size() != 2 && parts.size() != 3) {
    throw std::invalid_argument("Invalid GTID '" + std::string(gtid) +
                                "': expected uuid:n or uuid:tag:n");
  }
  const std::string uuid = canonicalUuid(trim(parts[0]), gtid);
  const std::string tag = parts.size() == 3 ? canonicalTag(trim(parts[1]), gtid) : std::string();
  const auto v =
      static_cast<int64_t>(parseUnsigned(trim(parts.back()), kMaxGno, "transaction number", gtid));
  if (v < 1)
    throw std::invalid_argument("Invalid transaction number 0 in GTID '" + std::string(gtid) + "'");

  auto set_it = std::find_if(sets_.begin(), sets_.end(),
                             [&](const auto& s) { return s.uuid == uuid && s.tag == tag; });
  if (set_it == sets_.end()) set_it = sets_.insert(sets_.end(), UuidSet{uuid, tag, {}});
  std::vector<Interval>& intervals = set_it->intervals;

  // Binary search for the interval holding v or the index where v goes
  // (GtidSet.UUIDSet.findInterval).
  size_t l = 0, p = 0, r = intervals.size();
  bool found = false;
  while (l < r) {
    p = (l + r) / 2;
    if (intervals[p].end < v) {
      l = p + 1;
    } else if (v < intervals[p].start) {
      r = p;
    } else {
      found = true;
      break;
    }
  }
  if (!found && !intervals.empty() && intervals[p].end < v) ++p;
  const size_t index = p;

  bool extended = false;
  if (index < intervals.size()) {
    Interval& at = intervals[index];
    if (at.start == v + 1) {
      at.start = v;
      extended = true;
    } else if (at.end + 1 == v) {
      at.end = v;
      extended = true;
    } else if (at.start <= v && v <= at.end) {
      return;
    }
  }
  if (!extended)
    intervals.insert(intervals.begin() + static_cast<std::ptrdiff_t>(index), Interval{v, v});
  if (intervals.size() > 1) {
    // Join the neighbours of `index` that now touch (GtidSet.UUIDSet.joinAdjacentIntervals).
    const size_t stop = index > 0 ? index - 1 : 0;
    for (size_t i = std::min(index + 1, intervals.size() - 1); i > stop; --i) {
      if (intervals[i - 1].end + 1 == intervals[i].start) {
        intervals[i - 1].end = intervals[i].end;
        intervals.erase(intervals.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
}

const MySqlGtidSet::UuidSet* MySqlGtidSet::find(std::string_view uuid, std::string_view tag) const {
  for (const UuidSet& s : sets_) {
    if (s.uuid == uuid && s.tag == tag) return &s;
  }
  return nullptr;
}

bool MySqlGtidSet::contains(std::string_view gtid) const {
  const std::vector<std::string> parts = split(trim(gtid), ':');
  if (parts.size() != 2 && parts.size() != 3) return false;
  std::string uuid = common::toLower(trim(parts[0]));
  std::string tag = parts.size() == 3 ? common::toLower(trim(parts[1])) : std::string();
  const std::string_view number = trim(parts.back());
  int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (!isDigits(number) || ec != std::errc() || ptr != number.data() + number.size()) return false;
  const UuidSet* s = find(uuid, tag);
  if (s == nullptr) return false;
  return std::any_of(s->intervals.begin(), s->intervals.end(),
                     [v](const Interval& i) { return i.start <= v && v <= i.end; });
}

bool MySqlGtidSet::isContainedWithin(const MySqlGtidSet& other) const {
  if (*this == other) return true;
  return std::all_of(sets_.begin(), sets_.end(), [&](const UuidSet& s) {
    const UuidSet* theirs = other.find(s.uuid, s.tag);
    return theirs != nullptr && intervalsContained(s.intervals, theirs->intervals);
  });
}

MySqlGtidSet MySqlGtidSet::sortedBySource(std::vector<UuidSet> sets) {
  std::stable_sort(sets.begin(), sets.end(), [](const UuidSet& a, const UuidSet& b) {
    return std::tie(a.uuid, a.tag) < std::tie(b.uuid, b.tag);
  });
  MySqlGtidSet result;
  result.sets_ = std::move(sets);
  return result;
}

MySqlGtidSet MySqlGtidSet::retainAll(const std::function<bool(const std::string&)>& keep) const {
  if (!keep) return *this;
  std::vector<UuidSet> kept;
  for (const UuidSet& s : sets_) {
    if (keep(s.uuid)) kept.push_back(s);
  }
  return sortedBySource(std::move(kept));
}

MySqlGtidSet MySqlGtidSet::retainAllKnownTsids(const MySqlGtidSet& known) const {
  std::vector<UuidSet> kept;
  for (const UuidSet& s : sets_) {
    if (known.find(s.uuid, s.tag) != nullptr) kept.push_back(s);
  }
  return sortedBySource(std::move(kept));
}

MySqlGtidSet MySqlGtidSet::with(const MySqlGtidSet& other) const {
  if (other.empty()) return *this;
  std::vector<UuidSet> merged;
  for (const UuidSet& s : sets_) {
    if (other.find(s.uuid, s.tag) == nullptr) merged.push_back(s);
  }
  merged.insert(merged.end(), other.sets_.begin(), other.sets_.end());
  return sortedBySource(std::move(merged));
}

MySqlGtidSet MySqlGtidSet::subtract(const MySqlGtidSet& other) const {
  std::vector<UuidSet> rest;
  for (const UuidSet& s : sets_) {
    const UuidSet* theirs = other.find(s.uuid, s.tag);
    if (theirs == nullptr) {
      rest.push_back(s);
      continue;
    }
    if (intervalsContained(s.intervals, theirs->intervals)) continue;
    UuidSet remaining{s.uuid, s.tag, {}};
    for (const Interval& interval : s.intervals) {
      std::vector<Interval> pieces = removeAll(interval, theirs->intervals);
      remaining.intervals.insert(remaining.intervals.end(), pieces.begin(), pieces.end());
    }
    rest.push_back(std::move(remaining));
  }
  return sortedBySource(std::move(rest));
}

std::string MySqlGtidSet::toString() const {
  std::string out;
  const std::string* previous_uuid = nullptr;
  for (const UuidSet& s : sets_) {
    if (previous_uuid != nullptr && *previous_uuid == s.uuid && !s.tag.empty()) {
      out.push_back(':');
    } else {
      if (previous_uuid != nullptr) out.push_back(',');
      out += s.uuid;
      out.push_back(':');
    }
    if (!s.tag.empty()) {
      out += s.tag;
      out.push_back(':');
    }
    for (size_t i = 0; i < s.intervals.size(); ++i) {
      if (i != 0) out.push_back(':');
      out += std::to_string(s.intervals[i].start);
      out.push_back('-');
      out += std::to_string(s.intervals[i].end);
    }
    previous_uuid = &s.uuid;
  }
  return out;
}

std::vector<std::string> MySqlGtidSet::uuids() const {
  std::vector<std::string> out;
  for (const UuidSet& s : sets_) {
    if (std::find(out.begin(), out.end(), s.uuid) == out.end()) out.push_back(s.uuid);
  }
  return out;
}

std::string MySqlGtidSet::encodeForDump() const {
  const bool tagged =
      std::any_of(sets_.begin(), sets_.end(), [](const UuidSet& s) { return !s.tag.empty(); });
  std::string body;
  uint64_t count = 0;
  for (const UuidSet& s : sets_) {
    std::vector<Interval> intervals = s.intervals;
    std::sort(intervals.begin(), intervals.end(),
              [](const auto& a, const auto& b) { return a.start < b.start; });
    std::vector<Interval> merged;
    for (const Interval& i : intervals) {
      if (!merged.empty() && i.start <= merged.back().end + 1) {
        merged.back().end = std::max(merged.back().end, i.end);
      } else {
        merged.push_back(i);
      }
    }
    // A source without transactions carries no information and an empty interval list is
    // pointless on the wire.
    if (merged.empty()) continue;
    ++count;
    appendUuidBytes(s.uuid, body);
    if (tagged) {
      const std::string tag = common::toLower(s.tag);
      body.push_back(static_cast<char>(tag.size() << 1));
      body += tag;
    }
    appendU64(merged.size(), body);
    for (const Interval& i : merged) {
      appendU64(static_cast<uint64_t>(i.start), body);
      appendU64(static_cast<uint64_t>(i.end) + 1, body);
    }
  }
  std::string out;
  out.reserve(8 + body.size());
  appendU64(tagged ? ((uint64_t{1} << 56) | (count << 8) | 1) : count, out);
  out += body;
  return out;
}

bool MySqlGtidSet::operator==(const MySqlGtidSet& other) const {
  if (sets_.size() != other.sets_.size()) return false;
  return std::all_of(sets_.begin(), sets_.end(), [&](const UuidSet& s) {
    const UuidSet* theirs = other.find(s.uuid, s.tag);
    return theirs != nullptr && theirs->intervals == s.intervals;
  });
}

std::string MariaDbGtidSet::Gtid::toString() const {
  return std::to_string(domain_id) + "-" + std::to_string(server_id) + "-" +
         std::to_string(sequence);
}

MariaDbGtidSet::Gtid MariaDbGtidSet::parseGtid(std::string_view text) {
  const std::string_view item = trim(text);
  const std::vector<std::string> parts = split(item, '-');
  if (parts.size() != 3) {
    throw std::invalid_argument("Invalid MariaDB GTID '" + std::string(item) +
                                "': expected domain-server-sequence");
  }
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  return Gtid{parseUnsigned(parts[0], kMax, "domain id", item),
              parseUnsigned(parts[1], kMax, "server id", item),
              parseUnsigned(parts[2], kMax, "sequence number", item)};
}

void MariaDbGtidSet::putPosition(const Gtid& gtid) {
  for (Gtid& p : positions_) {
    if (p.domain_id == gtid.domain_id) {
      p = gtid;
      return;
    }
  }
  positions_.push_back(gtid);
}

MariaDbGtidSet::Stream& MariaDbGtidSet::stream(uint64_t domain_id, uint64_t server_id) {
  if (!sorted_) {
    for (Stream& s : streams_) {
      if (s.domain_id == domain_id && s.server_id == server_id) return s;
    }
    return streams_.emplace_back(Stream{domain_id, server_id, {}});
  }
  auto it = std::lower_bound(streams_.begin(), streams_.end(), std::pair(domain_id, server_id),
                             [](const Stream& s, const std::pair<uint64_t, uint64_t>& key) {
                               return std::pair(s.domain_id, s.server_id) < key;
                             });
  if (it == streams_.end() || it->domain_id != domain_id || it->server_id != server_id) {
    it = streams_.insert(it, Stream{domain_id, server_id, {}});
  }
  return *it;
}

const MariaDbGtidSet::Stream* MariaDbGtidSet::findStream(uint64_t domain_id,
                                                         uint64_t server_id) const {
  for (const Stream& s : streams_) {
    if (s.domain_id == domain_id && s.server_id == server_id) return &s;
  }
  return nullptr;
}

MariaDbGtidSet MariaDbGtidSet::parse(std::string_view text) {
  MariaDbGtidSet result;
  if (trim(text).empty()) return result;
  for (const std::string& item : split(text, ',')) {
    const Gtid gtid = parseGtid(item);
    result.putPosition(gtid);
    std::vector<uint64_t>& sequences = result.stream(gtid.domain_id, gtid.server_id).sequences;
    auto at = std::lower_bound(sequences.begin(), sequences.end(), gtid.sequence);
    if (at == sequences.end() || *at != gtid.sequence) sequences.insert(at, gtid.sequence);
  }
  return result;
}

void MariaDbGtidSet::add(std::string_view gtid) { add(parseGtid(gtid)); }

void MariaDbGtidSet::add(const Gtid& gtid) {
  putPosition(gtid);
  stream(gtid.domain_id, gtid.server_id).sequences = {gtid.sequence};
}

bool MariaDbGtidSet::contains(std::string_view gtid) const {
  Gtid g;
  try {
    g = parseGtid(gtid);
  } catch (const std::invalid_argument&) {
    return false;
  }
  const Stream* s = findStream(g.domain_id, g.server_id);
  return s != nullptr && std::binary_search(s->sequences.begin(), s->sequences.end(), g.sequence);
}

bool MariaDbGtidSet::isContainedWithin(const MariaDbGtidSet& other) const {
  for (const Stream& mine : streams_) {
    if (mine.sequences.empty()) continue;
    bool domain_known = false;
    uint64_t other_min = std::numeric_limits<uint64_t>::max();
    for (const Stream& theirs : other.streams_) {
      if (theirs.domain_id != mine.domain_id || theirs.sequences.empty()) continue;
      domain_known = true;
      other_min = std::min(other_min, theirs.sequences.front());
    }
    if (!domain_known) return false;
    const Stream* same = other.findStream(mine.domain_id, mine.server_id);
    const bool all_present =
        same != nullptr && std::includes(same->sequences.begin(), same->sequences.end(),
                                         mine.sequences.begin(), mine.sequences.end());
    if (!all_present && mine.sequences.front() > other_min) return false;
  }
  return true;
}

MariaDbGtidSet MariaDbGtidSet::fromStreams(std::vector<Stream> streams) {
  MariaDbGtidSet result;
  result.streams_ = std::move(streams);
  result.sorted_ = false;
  // The binlog client is initialised from toStreamString(): per domain, the last GTID listed wins.
  for (const Stream& s : result.streams_) {
    for (uint64_t sequence : s.sequences)
      result.putPosition(Gtid{s.domain_id, s.server_id, sequence});
  }
  return result;
}

namespace {

using StreamKey = std::pair<uint64_t, uint64_t>;

// Debezium collects retainAll/subtract results with Collectors.toMap (a default HashMap) and
// builds with() in a HashMap presized by putAll; this lays the streams out in that map's order.
template <typename StreamT>
std::vector<StreamT> inJavaHashMapOrder(const JavaHashMapOrder<StreamKey>& map,
                                        const std::vector<StreamT>& streams) {
  std::vector<StreamT> ordered;
  for (const StreamKey& key : map.order()) {
    for (const StreamT& s : streams) {
      if (s.domain_id == key.first && s.server_id == key.second) {
        ordered.push_back(s);
        break;
      }
    }
  }
  return ordered;
}

}  // namespace

MariaDbGtidSet MariaDbGtidSet::retainAll(
    const std::function<bool(const std::string&)>& keep) const {
  if (!keep) return *this;
  JavaHashMapOrder<StreamKey> map;
  std::vector<Stream> kept;
  for (const Stream& s : streams_) {
    if (!keep(std::to_string(s.domain_id) + "-" + std::to_string(s.server_id))) continue;
    map.put({s.domain_id, s.server_id}, streamIdHash(s.domain_id, s.server_id));
    kept.push_back(s);
  }
  return fromStreams(inJavaHashMapOrder(map, kept));
}

MariaDbGtidSet MariaDbGtidSet::with(const MariaDbGtidSet& other) const {
  if (other.empty()) return *this;
  JavaHashMapOrder<StreamKey> map;
  std::vector<Stream> merged = other.streams_;
  map.presize(streams_.size());
  for (const Stream& s : streams_) {
    map.put({s.domain_id, s.server_id}, streamIdHash(s.domain_id, s.server_id));
    if (other.findStream(s.domain_id, s.server_id) == nullptr) merged.push_back(s);
  }
  map.presize(other.streams_.size());
  for (const Stream& s : other.streams_)
    map.put({s.domain_id, s.server_id}, streamIdHash(s.domain_id, s.server_id));
  return fromStreams(inJavaHashMapOrder(map, merged));
}

MariaDbGtidSet MariaDbGtidSet::subtract(const MariaDbGtidSet& other) const {
  JavaHashMapOrder<StreamKey> map;
  std::vector<Stream> rest;
  for (const Stream& mine : streams_) {
    const Stream* theirs = other.findStream(mine.domain_id, mine.server_id);
    Stream remaining = mine;
    if (theirs != nullptr) {
      const bool all_present = std::includes(theirs->sequences.begin(), theirs->sequences.end(),
                                             mine.sequences.begin(), mine.sequences.end());
      if (all_present || (!mine.sequences.empty() && !theirs->sequences.empty() &&
                          mine.sequences.front() <= theirs->sequences.front())) {
        continue;
      }
      remaining.sequences.clear();
      std::set_difference(mine.sequences.begin(), mine.sequences.end(), theirs->sequences.begin(),
                          theirs->sequences.end(), std::back_inserter(remaining.sequences));
    }
    map.put({mine.domain_id, mine.server_id}, streamIdHash(mine.domain_id, mine.server_id));
    rest.push_back(std::move(remaining));
  }
  return fromStreams(inJavaHashMapOrder(map, rest));
}

std::vector<MariaDbGtidSet::Gtid> MariaDbGtidSet::positions() const {
  // The binlog client keeps positions in a HashMap<Long, MariaGtid> filled by put().
  JavaHashMapOrder<uint64_t> map;
  for (const Gtid& g : positions_) map.put(g.domain_id, javaLongHash(g.domain_id));
  std::vector<Gtid> ordered;
  for (uint64_t domain_id : map.order()) {
    for (const Gtid& g : positions_) {
      if (g.domain_id == domain_id) ordered.push_back(g);
    }
  }
  return ordered;
}

std::string MariaDbGtidSet::toString() const {
  std::string out;
  for (const Gtid& g : positions()) {
    if (!out.empty()) out.push_back(',');
    out += g.toString();
  }
  return out;
}

std::string MariaDbGtidSet::toStreamString() const {
  std::string out;
  for (const Stream& s : streams_) {
    for (uint64_t sequence : s.sequences) {
      if (!out.empty()) out.push_back(',');
      out += Gtid{s.domain_id, s.server_id, sequence}.toString();
    }
  }
  return out;
}

}  // namespace connectd::mysql::binlog
