#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace connectd::converters {

// Kafka's LRUCache: at most `capacity` entries, the least recently used one evicted first.
// A capacity of 0 or less caches nothing. Not thread-safe: a converter instance is used by one
// task thread only. std::string keys are stored once and looked up by std::string_view.
template <typename K, typename V>
class LruCache {
  using LookupKey = std::conditional_t<std::is_same_v<K, std::string>, std::string_view, K>;

 public:
  explicit LruCache(int capacity = 0)
      : capacity_(capacity > 0 ? static_cast<size_t>(capacity) : 0) {}

  // The cached value, marked most recently used; nullptr when absent.
  const V* get(const LookupKey& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }

  void put(K key, V value) {
    if (capacity_ == 0) return;
    auto it = index_.find(LookupKey(key));
    if (it != index_.end()) {
      it->second->second = std::move(value);
      entries_.splice(entries_.begin(), entries_, it->second);
      return;
    }
    entries_.emplace_front(std::move(key), std::move(value));
    index_.emplace(LookupKey(entries_.front().first), entries_.begin());
    if (entries_.size() > capacity_) {
      index_.erase(LookupKey(entries_.back().first));
      entries_.pop_back();
    }
  }

  size_t size() const { return entries_.size(); }
  void clear() {
    index_.clear();
    entries_.clear();
  }

 private:
  size_t capacity_;
  // Keys in the index view the keys stored in the list nodes, which never move.
  std::list<std::pair<K, V>> entries_;
  std::unordered_map<LookupKey, typename std::list<std::pair<K, V>>::iterator> index_;
};

}  // namespace connectd::converters
