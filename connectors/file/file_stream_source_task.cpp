#include "connectors/file/file_stream_source_task.h"

#include <connectd/version.h>
#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "connectors/file/file_stream_source_connector.h"
#include "server/api/config_def.h"
#include "server/api/errors.h"
#include "server/api/schema.h"

namespace connectd::file {

namespace {

constexpr size_t kReadChunk = 64 * 1024;

std::string errnoText(int err) { return std::strerror(err); }

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 when it is malformed (overlong forms,
// surrogates and code points past U+10FFFF included).
size_t validSequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return len;
}

// Java reads the file through a UTF-8 InputStreamReader, which turns each malformed byte into
// U+FFFD; the records' STRING values must be valid UTF-8 for the converters downstream.
std::string toValidUtf8(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    size_t n = validSequence(line, i);
    if (n == 0) break;
    i += n;
  }
  if (i == line.size()) return std::string(line);
  std::string out(line.substr(0, i));
  while (i < line.size()) {
    size_t n = validSequence(line, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(line.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace

FileStreamSourceTask::FileStreamSourceTask() : FileStreamSourceTask(Options{}) {}

FileStreamSourceTask::FileStreamSourceTask(Options options) : options_(options) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw api::ConnectException("FileStreamSourceTask could not create its wake-up pipe: " +
                                errnoText(errno));
  }
  wake_read_fd_ = fds[0];
  wake_write_fd_ = fds[1];
}

FileStreamSourceTask::~FileStreamSourceTask() {
  if (fd_ >= 0 && !reading_stdin_) ::close(fd_);
  ::close(wake_read_fd_);
  ::close(wake_write_fd_);
}

std::string FileStreamSourceTask::version() const { return kKafkaConnectVersion; }

void FileStreamSourceTask::start(const api::ConfigMap& props) {
  api::ParsedConfig config(FileStreamSourceConnector::configDef(), props);
  filename_ = config.getOptionalString(FileStreamSourceConnector::kFileConfig);
  if (!filename_ || filename_->empty()) {
    fd_ = options_.stdin_fd;
    reading_stdin_ = true;
    // Tracking offsets for standard input makes no sense.
    stream_offset_.reset();
  }
  topic_ = config.getString(FileStreamSourceConnector::kTopicConfig);
  // Kafka returns the batch once it holds batch.size records, so a batch size below one still
  // yields one record per poll.
  batch_size_ = static_cast<size_t>(
      std::max(config.getInt(FileStreamSourceConnector::kTaskBatchSizeConfig), 1));
  source_partition_ = {{kFilenameField, filename_ ? api::Value(*filename_) : api::Value()}};
}

bool FileStreamSourceTask::openFile() {
  // O_NONBLOCK keeps a FIFO from blocking open() until a writer appears and read() until data
  // arrives; it changes nothing for regular files.
  int fd = ::open(filename_->c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) {
      spdlog::warn(
          "Couldn't find file {} for FileStreamSourceTask, sleeping to wait for it to be created",
          logFilename());
      return false;
    }
    spdlog::error("Error while trying to open file {}: {}", *filename_, errnoText(err));
    throw api::ConnectException("Error while trying to open file " + *filename_ + ": " +
                                errnoText(err));
  }
  try {
    if (context_ == nullptr)
      throw api::ConnectException("FileStreamSourceTask polled before initialize()");
    int64_t position = 0;
    std::optional<api::OffsetMap> offset =
        context_->offsetStorageReader().offset(source_partition_);
    if (offset) {
      const api::Value* last = nullptr;
      for (const auto& [key, value] : *offset) {
        if (key == kPositionField) last = &value;
      }
      if (last != nullptr && !last->isNull()) {
        // The offsets store hands back JSON numbers; Kafka requires a Long there.
        if (!last->isIntegral())
          throw api::ConnectException("Offset position is the incorrect type");
        position = last->toInt64();
        spdlog::debug("Found previous offset, trying to skip to file offset {}", position);
        if (position > 0) {
          if (::lseek(fd, position, SEEK_SET) < 0) {
            int err = errno;
            spdlog::error("Error while trying to seek to previous offset in file {}: {}",
                          *filename_, errnoText(err));
            throw api::ConnectException("Error while trying to seek to previous offset in file " +
                                        *filename_ + ": " + errnoText(err));
          }
          struct stat st{};
          if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < position) {
            // Kafka would spin forever skipping past the end; reading from the committed position
            // simply waits until the file grows past it.
            spdlog::warn(
                "File {} is shorter ({} bytes) than its committed offset {}; waiting for it to "
                "grow",
                *filename_, st.st_size, position);
          }
        }
        spdlog::debug("Skipped to offset {}", position);
      }
    }
    stream_offset_ = position;
  } catch (...) {
    ::close(fd);
    throw;
  }
  fd_ = fd;
  buffer_.clear();
  scan_from_ = 0;
  spdlog::debug("Opened {} for reading", logFilename());
  return true;
}

void FileStreamSourceTask::poll(std::vector<api::SourceRecord>& out) {
  if (stopping_.load()) return;
  if (fd_ < 0) {
    if (!openFile()) {
      waitForData(false);
      return;
    }
  }

  const size_t first = out.size();
  auto batchFull = [&] { return out.size() - first >= batch_size_; };

  // Complete lines left over when the previous batch filled up.
  extractLines(out, first, batch_size_);
  if (batchFull()) return;

  bool read_any = false;
  bool input_at_eof = false;
  while (!stopping_.load()) {
    if (reading_stdin_) {
      // Only read what is already there: a blocking read could not be interrupted by stop().
      pollfd pfd{fd_, POLLIN, 0};
      int ready = ::poll(&pfd, 1, 0);
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) break;
    }
    const size_t filled = buffer_.size();
    buffer_.resize(filled + kReadChunk);
    ssize_t n = ::read(fd_, buffer_.data() + filled, kReadChunk);
    buffer_.resize(filled + static_cast<size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0) {
      int err = errno;
      if (err == EINTR) continue;
      if (err == EAGAIN || err == EWOULDBLOCK) break;
      throw api::ConnectException("Error while reading from " + logFilename() + ": " +
                                  errnoText(err));
    }
    if (n == 0) {
      input_at_eof = true;
      break;
    }
    spdlog::trace("Read {} bytes from {}", n, logFilename());
    read_any = true;
    extractLines(out, first, batch_size_);
    if (batchFull()) return;
  }

  // At end of input only stop() can end the wait early; otherwise (stdin, a FIFO) new data can.
  if (!read_any) waitForData(!input_at_eof);
}

void FileStreamSourceTask::extractLines(std::vector<api::SourceRecord>& out, size_t first,
                                        size_t limit) {
  size_t start = 0;
  const int64_t timestamp = nowMillis();
  while (out.size() - first < limit) {
    size_t pos = buffer_.find_first_of("\r\n", std::max(start, scan_from_));
    if (pos == std::string::npos) {
      scan_from_ = buffer_.size();
      break;
    }
    size_t next;
    if (buffer_[pos] == '\n') {
      next = pos + 1;
    } else if (pos + 1 >= buffer_.size()) {
      // A final '\r' may be the first half of "\r\n": decide once the next byte is read.
      scan_from_ = pos;
      break;
    } else {
      next = buffer_[pos + 1] == '\n' ? pos + 2 : pos + 1;
    }
    std::string line = toValidUtf8(std::string_view(buffer_).substr(start, pos - start));
    if (stream_offset_) *stream_offset_ += static_cast<int64_t>(next - start);
    start = next;
    scan_from_ = next;
    spdlog::trace("Read a line from {}", logFilename());
    out.emplace_back(source_partition_,
                     api::OffsetMap{{kPositionField,
                                     stream_offset_ ? api::Value(*stream_offset_) : api::Value()}},
                     topic_, std::nullopt, nullptr, api::Value(), api::schemas::string(),
                     api::Value(std::move(line)), timestamp);
  }
  if (start > 0) {
    buffer_.erase(0, start);
    scan_from_ -= std::min(scan_from_, start);
  }
}

void FileStreamSourceTask::waitForData(bool watch_input) {
  pollfd fds[2] = {{wake_read_fd_, POLLIN, 0}, {fd_, POLLIN, 0}};
  int rc;
  do {
    rc = ::poll(fds, watch_input ? 2 : 1, static_cast<int>(options_.poll_wait.count()));
  } while (rc < 0 && errno == EINTR);
}

void FileStreamSourceTask::stop() {
  spdlog::trace("Stopping");
  stopping_.store(true);
  // The byte stays in the pipe, so every later wait returns at once as well.
  char byte = 1;
  [[maybe_unused]] ssize_t written = ::write(wake_write_fd_, &byte, 1);
}

std::string FileStreamSourceTask::logFilename() const {
  return filename_ && !filename_->empty() ? *filename_ : std::string("stdin");
}

}  // namespace connectd::file
