#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/task.h"

namespace connectd::file {

// Kafka's FileStreamSinkTask: appends each record's value (Java toString, "null" for a null
// value) and a newline to a file, created if missing, or to standard output when `file` is
// unset. Lines are buffered and written out by flush() (the runtime calls it before committing
// offsets), by stop(), and whenever the buffer grows past 64 KiB.
class FileStreamSinkTask : public api::SinkTask {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.file.FileStreamSinkTask";

  // Tests substitute standard output.
  struct Options {
    int stdout_fd = 1;
  };

  FileStreamSinkTask() = default;
  explicit FileStreamSinkTask(Options options) : options_(options) {}
  ~FileStreamSinkTask() override;
  FileStreamSinkTask(const FileStreamSinkTask&) = delete;
  FileStreamSinkTask& operator=(const FileStreamSinkTask&) = delete;

  std::string version() const override;
  // Opens the file for appending; ConnectException when it cannot be created or opened.
  void start(const api::ConfigMap& props) override;
  void put(std::vector<api::SinkRecord>& records) override;
  // Writes everything buffered; ConnectException when the write fails.
  void flush(const std::map<api::TopicPartition, int64_t>& current_offsets) override;
  void stop() override;

 private:
  void writeOut();
  std::string logFilename() const;

  Options options_;
  // stop() may come from another thread than put()/flush().
  std::mutex mu_;
  std::optional<std::string> filename_;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::string pending_;
};

}  // namespace connectd::file
