#include "server/runtime/file_offset_backing_store.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/api/errors.h"
#include "server/runtime/offset_utils.h"

namespace connectd::runtime {

namespace {

std::string errnoText() { return std::strerror(errno); }

void writeAll(int fd, const std::string& data, const std::string& path) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw api::ConnectException("Failed to write offsets to " + path + ": " + errnoText());
    }
    off += static_cast<size_t>(n);
  }
}

void appendQuotedKey(const std::string& key, std::string& out) {
  // The key is arbitrary text; nlohmann's escaping is valid JSON and only the parsed string
  // matters when reading back.
  out += nlohmann::json(key).dump();
}

}  // namespace

FileOffsetBackingStore::FileOffsetBackingStore(std::string path) : path_(std::move(path)) {}

void FileOffsetBackingStore::start() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return;
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    throw api::ConnectException("Failed to read offsets from " + path_ + ": " + errnoText());
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return;
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    throw api::ConnectException("Failed to read offsets from " + path_ +
                                ": not a JSON object of offsets (a file written by the Java worker cannot be read)");
  }
  for (const auto& [key, value] : doc.items()) {
    if (value.is_null()) continue;
    try {
      data_[key] = OffsetUtils::toJson(OffsetUtils::fromJson(value));
    } catch (const api::DataException& e) {
      spdlog::warn("Ignoring unreadable offset for key {} in {}: {}", key, path_, e.what());
    }
  }
  spdlog::info("Loaded {} source offsets from {}", data_.size(), path_);
}

std::map<std::string, std::string> FileOffsetBackingStore::get(const std::vector<std::string>& keys) {
  std::lock_guard lock(mu_);
  std::map<std::string, std::string> out;
  for (const auto& k : keys) {
    auto it = data_.find(k);
    if (it != data_.end()) out.emplace(k, it->second);
  }
  return out;
}

void FileOffsetBackingStore::set(const Entries& entries) {
  std::lock_guard lock(mu_);
  auto next = data_;
  for (const auto& [k, v] : entries) {
    if (v) {
      next[k] = *v;
    } else {
      next.erase(k);
    }
  }
  save(next);
  data_ = std::move(next);
}

std::vector<api::OffsetMap> FileOffsetBackingStore::connectorPartitions(const std::string& connector) {
  std::lock_guard lock(mu_);
  std::vector<api::OffsetMap> out;
  for (const auto& [k, v] : data_) {
    auto parsed = OffsetUtils::parseKey(k);
    if (parsed && parsed->first == connector) out.push_back(std::move(parsed->second));
  }
  return out;
}

void FileOffsetBackingStore::save(const std::map<std::string, std::string>& data) {
  std::string text = "{";
  bool first = true;
  for (const auto& [k, v] : data) {
    if (!first) text += ",\n";
    first = false;
    appendQuotedKey(k, text);
    text += ':';
    text += v;
  }
  text += "}\n";

  std::string tmp = path_ + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw api::ConnectException("Failed to write offsets to " + tmp + ": " + errnoText());
  try {
    writeAll(fd, text, tmp);
    if (::fsync(fd) != 0) throw api::ConnectException("Failed to sync offsets to " + tmp + ": " + errnoText());
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path_.c_str()) != 0) {
    std::string err = errnoText();
    ::unlink(tmp.c_str());
    throw api::ConnectException("Failed to replace offsets file " + path_ + ": " + err);
  }
  // The rename is only durable once the directory entry is.
  auto dir = std::filesystem::path(path_).parent_path();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace connectd::runtime
