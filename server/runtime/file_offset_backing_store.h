#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "server/runtime/offset_backing_store.h"

namespace connectd::runtime {

// Standalone mode's offset store at offset.storage.file.filename.
//
// Java's FileOffsetBackingStore writes a Java-serialized HashMap, which C++ cannot share, so
// the file is a JSON object mapping each key's bytes (a JSON string holding the offsets-topic
// key, e.g. "[\"file-source\",{\"filename\":\"/data/in.txt\"}]") to the offset object:
//
//   {"[\"file-source\",{\"filename\":\"/data/in.txt\"}]":{"position":1234}}
//
// Every set() rewrites the file atomically: write <file>.tmp, fsync, rename over the file,
// fsync the directory. A missing file is an empty store.
class FileOffsetBackingStore : public OffsetBackingStore {
 public:
  explicit FileOffsetBackingStore(std::string path);

  // Loads the file; throws ConnectException if it exists but cannot be read or parsed.
  void start() override;
  void stop() override {}
  std::map<std::string, std::string> get(const std::vector<std::string>& keys) override;
  void set(const Entries& entries) override;
  std::vector<api::OffsetMap> connectorPartitions(const std::string& connector) override;

  const std::string& path() const { return path_; }

 private:
  void save(const std::map<std::string, std::string>& data);

  std::string path_;
  std::mutex mu_;
  bool started_ = false;
  std::map<std::string, std::string> data_;
};

}  // namespace connectd::runtime
