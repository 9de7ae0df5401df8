#include "server/runtime/connect_protocol.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace connectd::runtime::connect_protocol {
namespace {

constexpr int16_t kProtocolV0 = 0;
constexpr int16_t kProtocolV1 = 1;
constexpr int16_t kProtocolV2 = 2;
constexpr size_t kMaxStringLength = 32767;  // Short.MAX_VALUE

// Decodes UTF-8 the way java.lang.String does (each maximal ill-formed subpart becomes one
// U+FFFD), emitting UTF-16 code units.
template <class Emit>
void forEachUtf16Unit(std::string_view s, Emit&& emit) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto b0 = static_cast<uint8_t>(s[i]);
    if (b0 < 0x80) {
      emit(static_cast<char16_t>(b0));
      ++i;
      continue;
    }
    int need = 0;
    uint32_t cp = 0;
    uint8_t lo = 0x80;
    uint8_t hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
      cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      cp = b0 & 0x0Fu;
      if (b0 == 0xE0) lo = 0xA0;  // overlong
      if (b0 == 0xED) hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      cp = b0 & 0x07u;
      if (b0 == 0xF0) lo = 0x90;  // overlong
      if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      emit(char16_t{0xFFFD});
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool complete = true;
    for (int k = 0; k < need; ++k, ++j) {
      if (j >= n) {
        complete = false;
        break;
      }
      const auto b = static_cast<uint8_t>(s[j]);
      if (b < lo || b > hi) {
        complete = false;
        break;
      }
      lo = 0x80;
      hi = 0xBF;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    i = j;
    if (!complete) {
      emit(char16_t{0xFFFD});
    } else if (cp >= 0x10000) {
      cp -= 0x10000;
      emit(static_cast<char16_t>(0xD800 + (cp >> 10)));
      emit(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      emit(static_cast<char16_t>(cp));
    }
  }
}

std::u16string toUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  forEachUtf16Unit(s, [&](char16_t c) { out.push_back(c); });
  return out;
}

bool isAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<uint8_t>(c) < 0x80; });
}

// String.equalsIgnoreCase against a lower-case ASCII name: a unit matches when it is equal, its
// upper case is equal, or the lower case of its upper case is equal. Besides ASCII that admits
// U+0131 (dotless i) and U+017F (long s) by their upper case, and U+0130 (I with dot) and
// U+212A (Kelvin sign) by the lower case of their upper case.
bool javaEqualsIgnoreCase(std::string_view input, std::string_view lower_ascii_name) {
  const std::u16string units = toUtf16(input);
  if (units.size() != lower_ascii_name.size()) return false;
  for (size_t i = 0; i < units.size(); ++i) {
    char16_t c = units[i];
    const auto expected = static_cast<char16_t>(lower_ascii_name[i]);
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    switch (c) {
      case 0x0130:
      case 0x0131:
        c = u'i';
        break;
      case 0x017F:
        c = u's';
        break;
      case 0x212A:
        c = u'k';
        break;
      default:
        break;
    }
    if (c != expected) return false;
  }
  return true;
}

void throwUnderflow() { throw SchemaException("java.nio.BufferUnderflowException"); }

// Kafka's Schema.read/write wrap every field's failure with the field's name, so nested
// failures read as a path from the outermost field inwards.
template <class F>
auto readField(const char* name, F&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const SchemaException& e) {
    throw SchemaException(std::string("Error reading field '") + name + "': " + e.what());
  }
}

template <class F>
void writeField(const char* name, F&& write) {
  try {
    write();
  } catch (const SchemaException& e) {
    throw SchemaException(std::string("Error writing field '") + name + "': " + e.what());
  }
}

class Writer {
 public:
  void int16(int16_t v) { putBigEndian(static_cast<uint16_t>(v), 2); }
  void int32(int32_t v) { putBigEndian(static_cast<uint32_t>(v), 4); }
  void int64(int64_t v) { putBigEndian(static_cast<uint64_t>(v), 8); }
  void string(std::string_view s) {
    if (s.size() > kMaxStringLength) {
      throw SchemaException("String length " + std::to_string(s.size()) +
                            " is larger than the maximum string length.");
    }
    int16(static_cast<int16_t>(s.size()));
    out_.append(s);
  }
  void nullableBytes(const std::optional<std::string>& bytes) {
    if (!bytes) {
      int32(-1);
      return;
    }
    int32(static_cast<int32_t>(bytes->size()));
    out_.append(*bytes);
  }
  std::string take() { return std::move(out_); }

 private:
  void putBigEndian(uint64_t v, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
      out_.push_back(static_cast<char>((v >> shift) & 0xFF));
  }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  size_t remaining() const { return data_.size() - pos_; }
  int16_t int16() { return static_cast<int16_t>(getBigEndian(2)); }
  int32_t int32() { return static_cast<int32_t>(getBigEndian(4)); }
  int64_t int64() { return static_cast<int64_t>(getBigEndian(8)); }

  std::string string() {
    const int16_t length = int16();
    if (length < 0)
      throw SchemaException("String length " + std::to_string(length) + " cannot be negative");
    if (static_cast<size_t>(length) > remaining()) {
      throw SchemaException("Error reading string of length " + std::to_string(length) + ", only " +
                            std::to_string(remaining()) + " bytes available");
    }
    std::string out(data_.substr(pos_, static_cast<size_t>(length)));
    pos_ += static_cast<size_t>(length);
    return out;
  }

  std::optional<std::string_view> nullableBytes() {
    const int32_t size = int32();
    if (size < 0) return std::nullopt;
    if (static_cast<size_t>(size) > remaining()) {
      throw SchemaException("Error reading bytes of size " + std::to_string(size) + ", only " +
                            std::to_string(remaining()) + " bytes available");
    }
    std::string_view out = data_.substr(pos_, static_cast<size_t>(size));
    pos_ += static_cast<size_t>(size);
    return out;
  }

  // ArrayOf.read's size prefix; nullopt is a null array (nullable arrays only). Like Kafka, the
  // count is checked against the bytes left, not against the bytes the elements need.
  std::optional<int32_t> arraySize(bool nullable) {
    const int32_t size = int32();
    if (size < 0 && nullable) return std::nullopt;
    if (size < 0)
      throw SchemaException("Array size " + std::to_string(size) + " cannot be negative");
    if (static_cast<size_t>(size) > remaining()) {
      throw SchemaException("Error reading array of size " + std::to_string(size) + ", only " +
                            std::to_string(remaining()) + " bytes available");
    }
    return size;
  }

 private:
  uint64_t getBigEndian(size_t width) {
    if (remaining() < width) throwUnderflow();
    uint64_t v = 0;
    for (size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<uint8_t>(data_[pos_ + i]);
    pos_ += width;
    return v;
  }

  std::string_view data_;
  size_t pos_ = 0;
};

// One element of an "assignment" or "revoked" array: CONNECTOR_ASSIGNMENT_V0.
struct ConnectorTasks {
  std::string connector;
  std::vector<int32_t> tasks;
};

// The iteration order of `new HashSet<>(items)` as java.util.HashMap on JDK 19+ produces it
// (Kafka 3.9's images run Java 21): a table sized by HashMap.newHashMap(max(size, 12)); bins
// iterated in index order, each along its `next` chain. Linked bins keep insertion order; a bin
// reaching 9 entries doubles a table smaller than 64, and otherwise becomes a red-black tree
// bin whose chain order is changed by insertions and by moving the tree's root to the front.
// Only the order of the serialized connector entries depends on this.
class JavaHashSetOrder {
 public:
  explicit JavaHashSetOrder(size_t expected) {
    const auto initial =
        static_cast<size_t>(std::ceil(static_cast<double>(std::max<size_t>(expected, 12)) / 0.75));
    size_t capacity = 1;
    while (capacity < initial) capacity <<= 1;
    bins_.assign(capacity, kNil);
    tree_bins_.assign(capacity, false);
  }

  void add(const std::string& key) {
    if (!keys_.insert(key).second) return;
    const auto raw = static_cast<uint32_t>(javaHashCode(key));
    const int x = newNode(key, static_cast<int32_t>(raw ^ (raw >> 16)));
    const size_t i = indexFor(nodes_[x].hash);
    if (bins_[i] == kNil) {
      bins_[i] = x;
    } else if (tree_bins_[i]) {
      putTreeVal(i, x);
    } else {
      int p = bins_[i];
      for (int bin_count = 0;; ++bin_count) {
        if (nodes_[p].next == kNil) {
          nodes_[p].next = x;
          nodes_[x].prev = p;
          if (bin_count >= kTreeifyThreshold - 1) treeifyBin(i);
          break;
        }
        p = nodes_[p].next;
      }
    }
    if (static_cast<double>(++size_) > static_cast<double>(bins_.size()) * 0.75) resize();
  }

  std::vector<std::string> order() const {
    std::vector<std::string> out;
    out.reserve(size_);
    for (int head : bins_) {
      for (int n = head; n != kNil; n = nodes_[n].next) out.emplace_back(nodes_[n].key);
    }
    return out;
  }

 private:
  static constexpr int kNil = -1;
  static constexpr int kTreeifyThreshold = 8;
  static constexpr int kUntreeifyThreshold = 6;
  static constexpr size_t kMinTreeifyCapacity = 64;

  struct Node {
    std::string_view key;
    int32_t hash = 0;
    int next = kNil;
    int prev = kNil;  // tree bins keep the chain doubly linked
    int parent = kNil;
    int left = kNil;
    int right = kNil;
    bool red = false;
  };

  int newNode(std::string_view key, int32_t hash) {
    nodes_.push_back(Node{key, hash});
    return static_cast<int>(nodes_.size() - 1);
  }
  size_t indexFor(int32_t hash) const { return static_cast<uint32_t>(hash) & (bins_.size() - 1); }

  // Tree order: hash as a signed int, then String.compareTo (distinct keys never tie).
  int direction(int x, int p) const {
    if (nodes_[p].hash > nodes_[x].hash) return -1;
    if (nodes_[p].hash < nodes_[x].hash) return 1;
    return javaCompare(nodes_[x].key, nodes_[p].key);
  }

  void treeifyBin(size_t i) {
    if (bins_.size() < kMinTreeifyCapacity) {
      resize();
      return;
    }
    tree_bins_[i] = true;
    treeify(i);
  }

  void treeify(size_t i) {
    int root = kNil;
    for (int x = bins_[i]; x != kNil; x = nodes_[x].next) {
      nodes_[x].left = nodes_[x].right = kNil;
      if (root == kNil) {
        nodes_[x].parent = kNil;
        nodes_[x].red = false;
        root = x;
        continue;
      }
      for (int p = root;;) {
        const int dir = direction(x, p);
        const int xp = p;
        p = dir <= 0 ? nodes_[p].left : nodes_[p].right;
        if (p == kNil) {
          nodes_[x].parent = xp;
          (dir <= 0 ? nodes_[xp].left : nodes_[xp].right) = x;
          root = balanceInsertion(root, x);
          break;
        }
      }
    }
    moveRootToFront(i, root);
  }

  void putTreeVal(size_t i, int x) {
    const int root = bins_[i];  // the root is always first in its bin's chain
    for (int p = root;;) {
      const int dir = direction(x, p);
      const int xp = p;
      p = dir <= 0 ? nodes_[p].left : nodes_[p].right;
      if (p == kNil) {
        // The new node joins the chain right after its tree parent.
        const int xpn = nodes_[xp].next;
        nodes_[x].next = xpn;
        (dir <= 0 ? nodes_[xp].left : nodes_[xp].right) = x;
        nodes_[xp].next = x;
        nodes_[x].parent = nodes_[x].prev = xp;
        if (xpn != kNil) nodes_[xpn].prev = x;
        moveRootToFront(i, balanceInsertion(root, x));
        return;
      }
    }
  }

  void moveRootToFront(size_t i, int root) {
    const int first = bins_[i];
    if (root == first) return;
    bins_[i] = root;
    const int rp = nodes_[root].prev;
    const int rn = nodes_[root].next;
    if (rn != kNil) nodes_[rn].prev = rp;
    if (rp != kNil) nodes_[rp].next = rn;
    if (first != kNil) nodes_[first].prev = root;
    nodes_[root].next = first;
    nodes_[root].prev = kNil;
  }

  int rotateLeft(int root, int p) {
    const int r = nodes_[p].right;
    if (r == kNil) return root;
    const int rl = nodes_[r].left;
    nodes_[p].right = rl;
    if (rl != kNil) nodes_[rl].parent = p;
    const int pp = nodes_[p].parent;
    nodes_[r].parent = pp;
    if (pp == kNil) {
      root = r;
      nodes_[r].red = false;
    } else if (nodes_[pp].left == p) {
      nodes_[pp].left = r;
    } else {
      nodes_[pp].right = r;
    }
    nodes_[r].left = p;
    nodes_[p].parent = r;
    return root;
  }

  int rotateRight(int root, int p) {
    const int l = nodes_[p].left;
    if (l == kNil) return root;
    const int lr = nodes_[l].right;
    nodes_[p].left = lr;
    if (lr != kNil) nodes_[lr].parent = p;
    const int pp = nodes_[p].parent;
    nodes_[l].parent = pp;
    if (pp == kNil) {
      root = l;
      nodes_[l].red = false;
    } else if (nodes_[pp].right == p) {
      nodes_[pp].right = l;
    } else {
      nodes_[pp].left = l;
    }
    nodes_[l].right = p;
    nodes_[p].parent = l;
    return root;
  }

  // HashMap.TreeNode.balanceInsertion, step for step: its rotations decide which node ends up
  // as root, and so first in the chain.
  int balanceInsertion(int root, int x) {
    nodes_[x].red = true;
    for (;;) {
      int xp = nodes_[x].parent;
      if (xp == kNil) {
        nodes_[x].red = false;
        return x;
      }
      int xpp = nodes_[xp].parent;
      if (!nodes_[xp].red || xpp == kNil) return root;
      const int xppl = nodes_[xpp].left;
      if (xp == xppl) {
        const int xppr = nodes_[xpp].right;
        if (xppr != kNil && nodes_[xppr].red) {
          nodes_[xppr].red = false;
          nodes_[xp].red = false;
          nodes_[xpp].red = true;
          x = xpp;
          continue;
        }
        if (x == nodes_[xp].right) {
          x = xp;
          root = rotateLeft(root, x);
          xp = nodes_[x].parent;
          xpp = xp == kNil ? kNil : nodes_[xp].parent;
        }
        if (xp != kNil) {
          nodes_[xp].red = false;
          if (xpp != kNil) {
            nodes_[xpp].red = true;
            root = rotateRight(root, xpp);
          }
        }
      } else {
        if (xppl != kNil && nodes_[xppl].red) {
          nodes_[xppl].red = false;
          nodes_[xp].red = false;
          nodes_[xpp].red = true;
          x = xpp;
          continue;
        }
        if (x == nodes_[xp].left) {
          x = xp;
          root = rotateRight(root, x);
          xp = nodes_[x].parent;
          xpp = xp == kNil ? kNil : nodes_[xp].parent;
        }
        if (xp != kNil) {
          nodes_[xp].red = false;
          if (xpp != kNil) {
            nodes_[xpp].red = true;
            root = rotateLeft(root, xpp);
          }
        }
      }
    }
  }

  // HashMap.resize: every bin splits into a low and a high half, each keeping chain order; a
  // tree bin's half becomes a linked bin at 6 entries or fewer, else is re-treeified when the
  // other half is not empty.
  void resize() {
    const size_t old_capacity = bins_.size();
    std::vector<int> old_bins = std::move(bins_);
    std::vector<bool> old_tree = std::move(tree_bins_);
    bins_.assign(old_capacity * 2, kNil);
    tree_bins_.assign(old_capacity * 2, false);
    for (size_t j = 0; j < old_capacity; ++j) {
      int halves[2][2] = {{kNil, kNil}, {kNil, kNil}};  // [low/high][head/tail]
      int counts[2] = {0, 0};
      for (int e = old_bins[j]; e != kNil;) {
        const int next = nodes_[e].next;
        const int half = (static_cast<uint32_t>(nodes_[e].hash) & old_capacity) == 0 ? 0 : 1;
        nodes_[e].next = kNil;
        nodes_[e].prev = halves[half][1];
        if (halves[half][1] == kNil) {
          halves[half][0] = e;
        } else {
          nodes_[halves[half][1]].next = e;
        }
        halves[half][1] = e;
        ++counts[half];
        e = next;
      }
      for (int half = 0; half < 2; ++half) {
        if (halves[half][0] == kNil) continue;
        const size_t index = j + (half == 0 ? 0 : old_capacity);
        bins_[index] = halves[half][0];
        if (old_tree[j] && counts[half] > kUntreeifyThreshold) {
          tree_bins_[index] = true;
          if (halves[1 - half][0] != kNil) treeify(index);
        }
      }
    }
  }

  std::vector<Node> nodes_;
  std::vector<int> bins_;
  std::vector<bool> tree_bins_;
  std::unordered_set<std::string_view> keys_;
  size_t size_ = 0;
};

std::vector<std::string> javaHashSetOrder(const std::vector<std::string>& items) {
  JavaHashSetOrder set(items.size());
  for (const std::string& item : items) set.add(item);
  return set.order();
}

// Groups connectors (as task -1) and tasks per connector in first-seen order, the way Java's
// LinkedHashMap-based asMap()/revokedAsMap() do; `connectors` must already be distinct.
std::vector<ConnectorTasks> groupByConnector(const std::vector<std::string>& connectors,
                                             const std::vector<ConnectorTaskId>& tasks) {
  std::vector<ConnectorTasks> out;
  std::unordered_map<std::string, size_t> index;
  auto entry = [&](const std::string& connector) -> ConnectorTasks& {
    auto [it, inserted] = index.try_emplace(connector, out.size());
    if (inserted) out.push_back({connector, {}});
    return out[it->second];
  };
  for (const std::string& connector : connectors) entry(connector).tasks.push_back(kConnectorTask);
  for (const ConnectorTaskId& task : tasks) entry(task.connector).tasks.push_back(task.task);
  return out;
}

// Assignment.asMap(): connectors deduplicated through a HashSet (hence its order), then tasks.
std::vector<ConnectorTasks> assignedAsMap(const ConnectAssignment& a) {
  return groupByConnector(javaHashSetOrder(a.connectors), a.tasks);
}

// ExtendedAssignment.revokedAsMap(): connectors deduplicated in order, then tasks.
std::vector<ConnectorTasks> revokedAsMap(const ConnectAssignment& a) {
  std::vector<std::string> distinct;
  std::unordered_set<std::string_view> seen;
  for (const std::string& connector : a.revoked_connectors) {
    if (seen.insert(connector).second) distinct.push_back(connector);
  }
  return groupByConnector(distinct, a.revoked_tasks);
}

void writeConnectorTasksArray(Writer& w, const std::vector<ConnectorTasks>& entries) {
  w.int32(static_cast<int32_t>(entries.size()));
  for (const ConnectorTasks& entry : entries) {
    writeField("connector", [&] { w.string(entry.connector); });
    writeField("tasks", [&] {
      w.int32(static_cast<int32_t>(entry.tasks.size()));
      for (int32_t task : entry.tasks) w.int32(task);
    });
  }
}

// ASSIGNMENT_V0, or ASSIGNMENT_V1 when `extended`, after the version header.
void writeAssignmentBody(Writer& w, const ConnectAssignment& a, bool extended) {
  writeField("error", [&] { w.int16(a.error); });
  writeField("leader", [&] { w.string(a.leader); });
  writeField("leader-url", [&] { w.string(a.leader_url); });
  writeField("config-offset", [&] { w.int64(a.config_offset); });
  writeField("assignment", [&] { writeConnectorTasksArray(w, assignedAsMap(a)); });
  if (!extended) return;
  writeField("revoked", [&] { writeConnectorTasksArray(w, revokedAsMap(a)); });
  writeField("delay", [&] { w.int32(a.delay); });
}

std::string serializeExtendedAssignment(const ConnectAssignment& a, int16_t header_version) {
  Writer w;
  w.int16(header_version);
  writeAssignmentBody(w, a, true);
  return w.take();
}

int16_t readHeaderVersion(Reader& r) {
  const int16_t version = readField("version", [&] { return r.int16(); });
  if (version < kProtocolV0) {
    throw SchemaException("Unsupported subscription version: " + std::to_string(version));
  }
  return version;
}

ConnectorTasks readConnectorTasks(Reader& r) {
  ConnectorTasks entry;
  entry.connector = readField("connector", [&] { return r.string(); });
  entry.tasks = readField("tasks", [&] {
    std::vector<int32_t> tasks;
    const int32_t size = *r.arraySize(false);
    tasks.reserve(std::min(static_cast<size_t>(size), r.remaining() / 4));
    for (int32_t i = 0; i < size; ++i) tasks.push_back(r.int32());
    return tasks;
  });
  return entry;
}

// A field of a schema built with tolerateMissingFieldsWithDefaults: read while bytes remain,
// else its default; a field without one fails (inside the field's error context, as in Kafka).
template <class T, class F>
T readTolerant(Reader& r, const char* name, std::optional<T> default_value, F&& read) {
  return readField(name, [&]() -> T {
    if (r.remaining() > 0) return read();
    if (default_value) return *default_value;
    throw SchemaException(std::string("Missing value for field '") + name +
                          "' which has no default value.");
  });
}

void splitConnectorTasks(const std::vector<ConnectorTasks>& entries,
                         std::vector<std::string>& connectors,
                         std::vector<ConnectorTaskId>& tasks) {
  for (const ConnectorTasks& entry : entries) {
    for (int32_t task : entry.tasks) {
      if (task == kConnectorTask) {
        connectors.push_back(entry.connector);
      } else {
        tasks.push_back({entry.connector, task});
      }
    }
  }
}

std::vector<ConnectorTasks> readNullableConnectorTasksArray(Reader& r) {
  std::vector<ConnectorTasks> entries;
  const std::optional<int32_t> size = r.arraySize(true);
  if (!size) return entries;
  // An entry takes at least 6 bytes (empty name, empty task array).
  entries.reserve(std::min(static_cast<size_t>(*size), r.remaining() / 6));
  for (int32_t i = 0; i < *size; ++i) entries.push_back(readConnectorTasks(r));
  return entries;
}

}  // namespace

std::string_view protocolName(ConnectProtocolCompatibility compatibility) {
  switch (compatibility) {
    case ConnectProtocolCompatibility::Eager:
      return "default";
    case ConnectProtocolCompatibility::Compatible:
      return "compatible";
    case ConnectProtocolCompatibility::Sessioned:
      return "sessioned";
  }
  return "default";
}

std::string_view configName(ConnectProtocolCompatibility compatibility) {
  switch (compatibility) {
    case ConnectProtocolCompatibility::Eager:
      return "eager";
    case ConnectProtocolCompatibility::Compatible:
      return "compatible";
    case ConnectProtocolCompatibility::Sessioned:
      return "sessioned";
  }
  return "eager";
}

int16_t protocolVersion(ConnectProtocolCompatibility compatibility) {
  switch (compatibility) {
    case ConnectProtocolCompatibility::Eager:
      return kProtocolV0;
    case ConnectProtocolCompatibility::Compatible:
      return kProtocolV1;
    case ConnectProtocolCompatibility::Sessioned:
      return kProtocolV2;
  }
  return kProtocolV0;
}

std::optional<ConnectProtocolCompatibility> fromProtocolVersion(int16_t version) {
  switch (version) {
    case kProtocolV0:
      return ConnectProtocolCompatibility::Eager;
    case kProtocolV1:
      return ConnectProtocolCompatibility::Compatible;
    case kProtocolV2:
      return ConnectProtocolCompatibility::Sessioned;
    default:
      return std::nullopt;
  }
}

namespace {
constexpr std::array<ConnectProtocolCompatibility, 3> kAllModes = {
    ConnectProtocolCompatibility::Eager, ConnectProtocolCompatibility::Compatible,
    ConnectProtocolCompatibility::Sessioned};
}  // namespace

std::optional<ConnectProtocolCompatibility> fromProtocolName(std::string_view name) {
  for (ConnectProtocolCompatibility mode : kAllModes) {
    if (javaEqualsIgnoreCase(name, protocolName(mode))) return mode;
  }
  return std::nullopt;
}

std::optional<ConnectProtocolCompatibility> fromConfig(std::string_view connect_protocol_value) {
  for (ConnectProtocolCompatibility mode : kAllModes) {
    if (javaEqualsIgnoreCase(connect_protocol_value, configName(mode))) return mode;
  }
  return std::nullopt;
}

std::string serializeMetadata(const ConnectWorkerState& state, int16_t version) {
  if (version != kProtocolV0 && version != kProtocolV1 && version != kProtocolV2) {
    throw std::invalid_argument("Connect protocol metadata version must be 0, 1 or 2, not " +
                                std::to_string(version));
  }
  // The embedded assignment is serialized first, as Java builds the allocation struct before
  // writing anything, so its errors surface unwrapped.
  std::optional<std::string> allocation;
  if (version != kProtocolV0 && state.previous)
    allocation = serializeExtendedAssignment(*state.previous, version);

  Writer w;
  w.int16(version);
  writeField("url", [&] { w.string(state.url); });
  writeField("config-offset", [&] { w.int64(state.config_offset); });
  if (version != kProtocolV0) writeField("allocation", [&] { w.nullableBytes(allocation); });
  return w.take();
}

ConnectWorkerState deserializeMetadata(std::string_view bytes) {
  Reader r(bytes);
  readHeaderVersion(r);
  ConnectWorkerState state;
  state.url = readField("url", [&] { return r.string(); });
  state.config_offset = readField("config-offset", [&] { return r.int64(); });
  const std::optional<std::string_view> allocation = readTolerant<std::optional<std::string_view>>(
      r, "allocation", std::optional<std::optional<std::string_view>>(std::in_place, std::nullopt),
      [&] { return r.nullableBytes(); });
  if (allocation) state.previous = deserializeAssignment(*allocation);
  return state;
}

std::string serializeAssignment(const ConnectAssignment& assignment) {
  switch (assignment.version) {
    case kProtocolV0: {
      Writer w;
      w.int16(kProtocolV0);
      writeAssignmentBody(w, assignment, false);
      return w.take();
    }
    case kProtocolV1:
    case kProtocolV2:
      return serializeExtendedAssignment(assignment, assignment.version);
    default:
      throw std::invalid_argument("Connect protocol assignment version must be 0, 1 or 2, not " +
                                  std::to_string(assignment.version));
  }
}

ConnectAssignment deserializeAssignment(std::string_view bytes) {
  Reader r(bytes);
  ConnectAssignment a;
  a.version = readHeaderVersion(r);
  const std::optional<int16_t> no_default16;
  const std::optional<int64_t> no_default64;
  const std::optional<std::string> no_default_string;
  a.error = readTolerant<int16_t>(r, "error", no_default16, [&] { return r.int16(); });
  a.leader = readTolerant<std::string>(r, "leader", no_default_string, [&] { return r.string(); });
  a.leader_url =
      readTolerant<std::string>(r, "leader-url", no_default_string, [&] { return r.string(); });
  a.config_offset =
      readTolerant<int64_t>(r, "config-offset", no_default64, [&] { return r.int64(); });
  // Both arrays default to null, which reads as empty.
  const std::optional<std::vector<ConnectorTasks>> empty_entries(std::in_place);
  const auto assigned = readTolerant<std::vector<ConnectorTasks>>(
      r, "assignment", empty_entries, [&] { return readNullableConnectorTasksArray(r); });
  const auto revoked = readTolerant<std::vector<ConnectorTasks>>(
      r, "revoked", empty_entries, [&] { return readNullableConnectorTasksArray(r); });
  a.delay = readTolerant<int32_t>(r, "delay", std::optional<int32_t>(0), [&] { return r.int32(); });
  splitConnectorTasks(assigned, a.connectors, a.tasks);
  splitConnectorTasks(revoked, a.revoked_connectors, a.revoked_tasks);
  return a;
}

int32_t javaHashCode(std::string_view utf8) {
  uint32_t h = 0;
  if (isAscii(utf8)) {
    for (char c : utf8) h = 31 * h + static_cast<uint8_t>(c);
  } else {
    forEachUtf16Unit(utf8, [&](char16_t c) { h = 31 * h + c; });
  }
  return static_cast<int32_t>(h);
}

int javaCompare(std::string_view a, std::string_view b) {
  // Byte order is code point order, which equals UTF-16 order unless a non-BMP character meets
  // one in U+E000..U+FFFF; only non-ASCII input needs the UTF-16 comparison.
  if (isAscii(a) && isAscii(b)) return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
  const std::u16string ua = toUtf16(a);
  const std::u16string ub = toUtf16(b);
  return ua.compare(ub) < 0 ? -1 : (ua == ub ? 0 : 1);
}

}  // namespace connectd::runtime::connect_protocol
