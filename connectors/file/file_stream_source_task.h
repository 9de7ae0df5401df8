#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/task.h"

namespace connectd::file {

// Kafka's FileStreamSourceTask: reads lines from a file (or standard input) and returns each as
// a SourceRecord with a STRING value, no key, source partition {"filename": <file>} and source
// offset {"position": <byte offset just past the line>}.
//
// Lines end at "\n", "\r\n" or a lone "\r"; a trailing "\r" waits for the next byte to tell the
// two apart, and a last line without terminator is held back until it is completed. On the
// first poll() the file is opened and the reader skips to the committed position; a missing
// file is waited for. Standard input has no offsets (both maps hold null).
//
// poll() blocks at most `poll_wait` (1 s) when there is nothing to read; stop() may be called
// from any thread and wakes a waiting poll() at once.
class FileStreamSourceTask : public api::SourceTask {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.file.FileStreamSourceTask";
  static constexpr const char* kFilenameField = "filename";
  static constexpr const char* kPositionField = "position";

  // Defaults are Kafka's behaviour; tests shorten the wait and substitute standard input.
  struct Options {
    std::chrono::milliseconds poll_wait{1000};
    int stdin_fd = 0;
  };

  FileStreamSourceTask();
  explicit FileStreamSourceTask(Options options);
  ~FileStreamSourceTask() override;
  FileStreamSourceTask(const FileStreamSourceTask&) = delete;
  FileStreamSourceTask& operator=(const FileStreamSourceTask&) = delete;

  std::string version() const override;
  // Throws ConfigException for a bad config (missing/blank topic, non-integer batch.size).
  void start(const api::ConfigMap& props) override;
  // Appends up to batch.size records. Throws ConnectException when the file cannot be opened
  // or read, or when the committed offset is not a number.
  void poll(std::vector<api::SourceRecord>& out) override;
  bool wantsCommitRecord() const override { return false; }
  void stop() override;

 private:
  bool openFile();
  void extractLines(std::vector<api::SourceRecord>& out, size_t first, size_t limit);
  void waitForData(bool watch_input);
  std::string logFilename() const;

  Options options_;
  std::optional<std::string> filename_;
  std::string topic_;
  size_t batch_size_ = 2000;
  api::OffsetMap source_partition_;

  int fd_ = -1;
  bool reading_stdin_ = false;
  // Byte position just past the last extracted line; null for standard input.
  std::optional<int64_t> stream_offset_;
  // Bytes read but not yet returned as lines; buffer_[0] is at stream_offset_.
  std::string buffer_;
  // No line terminator lies before this index of buffer_ (avoids rescanning a long line).
  size_t scan_from_ = 0;

  int wake_read_fd_ = -1;
  int wake_write_fd_ = -1;
  std::atomic<bool> stopping_{false};
};

}  // namespace connectd::file
