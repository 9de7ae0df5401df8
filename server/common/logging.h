#pragma once

#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace connectd::common {

// Sets up the process-wide spdlog logger (stderr, Connect-like pattern) at `level`.
void initLogging(const std::string& level);

// A named logger registry with Log4j-like levels for the /admin/loggers endpoints.
// Names form a dotted hierarchy; "root" is the root. Thread-safe.
class LoggerLevels {
 public:
  static LoggerLevels& instance();
  struct Level {
    std::string level;
    std::optional<int64_t> last_modified;
  };
  // Loggers with an explicitly set level, sorted by name (root included as "root").
  std::map<std::string, Level> explicitLevels() const;
  // The explicit or inherited level of `name`; nullopt when no such logger is known.
  std::optional<Level> level(const std::string& name) const;
  // Sets `name` and all known descendants; returns the sorted names whose level changed.
  std::vector<std::string> setLevel(const std::string& name, const std::string& level);
  // Registers a logger name the process uses (so GET can find it).
  void declare(const std::string& name);
  static bool validLevel(const std::string& level);

 private:
  LoggerLevels();
  mutable std::mutex mu_;
  std::map<std::string, Level> explicit_;
  std::vector<std::string> known_;
};

}  // namespace connectd::common
