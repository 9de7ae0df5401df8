#include "server/common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "server/common/strings.h"

namespace connectd::common {

namespace {
spdlog::level::level_enum toSpd(const std::string& level) {
  auto l = toUpper(level);
  if (l == "TRACE" || l == "ALL") return spdlog::level::trace;
  if (l == "DEBUG") return spdlog::level::debug;
  if (l == "INFO") return spdlog::level::info;
  if (l == "WARN") return spdlog::level::warn;
  if (l == "ERROR") return spdlog::level::err;
  if (l == "FATAL") return spdlog::level::critical;
  if (l == "OFF") return spdlog::level::off;
  return spdlog::level::info;
}
int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

void initLogging(const std::string& level) {
  auto logger = spdlog::stderr_logger_mt("connectd");
  logger->set_pattern("[%Y-%m-%d %H:%M:%S,%e] %^%l%$ %v (%t)");
  spdlog::set_default_logger(logger);
  spdlog::set_level(toSpd(level));
  LoggerLevels::instance().setLevel("root", toUpper(level));
}

LoggerLevels& LoggerLevels::instance() {
  static LoggerLevels levels;
  return levels;
}

LoggerLevels::LoggerLevels() {
  explicit_["root"] = Level{"INFO", std::nullopt};
  known_ = {"root",
            "org.apache.kafka.connect",
            "org.apache.kafka.connect.runtime",
            "org.apache.kafka.connect.runtime.rest",
            "org.apache.kafka.connect.file",
            "org.apache.kafka.connect.transforms",
            "io.debezium",
            "io.debezium.connector.mysql"};
}

bool LoggerLevels::validLevel(const std::string& level) {
  static const char* kLevels[] = {"OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL"};
  auto u = toUpper(level);
  return std::any_of(std::begin(kLevels), std::end(kLevels), [&](const char* l) { return u == l; });
}

std::map<std::string, LoggerLevels::Level> LoggerLevels::explicitLevels() const {
  std::lock_guard lock(mu_);
  return explicit_;
}

std::optional<LoggerLevels::Level> LoggerLevels::level(const std::string& name) const {
  std::lock_guard lock(mu_);
  if (std::find(known_.begin(), known_.end(), name) == known_.end() && !explicit_.count(name))
    return std::nullopt;
  std::string n = name;
  while (true) {
    auto it = explicit_.find(n);
    if (it != explicit_.end()) return it->second;
    auto dot = n.rfind('.');
    if (dot == std::string::npos) break;
    n.resize(dot);
  }
  auto root = explicit_.find("root");
  return Level{root->second.level, std::nullopt};
}

void LoggerLevels::declare(const std::string& name) {
  std::lock_guard lock(mu_);
  if (std::find(known_.begin(), known_.end(), name) == known_.end()) known_.push_back(name);
}

std::vector<std::string> LoggerLevels::setLevel(const std::string& name, const std::string& level) {
  std::lock_guard lock(mu_);
  auto l = toUpper(level);
  if (std::find(known_.begin(), known_.end(), name) == known_.end()) known_.push_back(name);
  std::vector<std::string> changed;
  int64_t now = nowMs();
  for (const auto& k : known_) {
    bool descendant = name == "root" || k == name || startsWith(k, name + ".");
    if (!descendant) continue;
    auto it = explicit_.find(k);
    if (it == explicit_.end() || it->second.level != l) changed.push_back(k);
    explicit_[k] = Level{l, now};
  }
  if (name == "root") spdlog::set_level(toSpd(l));
  std::sort(changed.begin(), changed.end());
  return changed;
}

}  // namespace connectd::common
