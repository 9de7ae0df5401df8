#include "connectors/file/file_stream_sink_task.h"

#include <connectd/version.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "connectors/file/file_stream_sink_connector.h"
#include "server/api/config_def.h"
#include "server/api/errors.h"

namespace connectd::file {

namespace {
constexpr size_t kMaxPending = 64 * 1024;
}  // namespace

FileStreamSinkTask::~FileStreamSinkTask() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

std::string FileStreamSinkTask::version() const { return kKafkaConnectVersion; }

void FileStreamSinkTask::start(const api::ConfigMap& props) {
  api::ParsedConfig config(FileStreamSinkConnector::configDef(), props);
  std::lock_guard lock(mu_);
  filename_ = config.getOptionalString(FileStreamSinkConnector::kFileConfig);
  if (!filename_ || filename_->empty()) {
    fd_ = options_.stdout_fd;
    owns_fd_ = false;
    return;
  }
  int fd = ::open(filename_->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd < 0) {
    int err = errno;
    throw api::ConnectException("Couldn't find or create file '" + *filename_ +
                                "' for FileStreamSinkTask: " + std::strerror(err));
  }
  fd_ = fd;
  owns_fd_ = true;
}

void FileStreamSinkTask::put(std::vector<api::SinkRecord>& records) {
  std::lock_guard lock(mu_);
  if (fd_ < 0)
    throw api::ConnectException(
        "FileStreamSinkTask received records before start() or after stop()");
  for (const auto& record : records) {
    std::string line = record.value.toString();
    spdlog::trace("Writing line to {}: {}", logFilename(), line);
    pending_ += line;
    pending_ += '\n';
  }
  if (pending_.size() >= kMaxPending) writeOut();
}

void FileStreamSinkTask::flush(const std::map<api::TopicPartition, int64_t>& current_offsets) {
  std::lock_guard lock(mu_);
  spdlog::trace("Flushing output stream for {}", logFilename());
  if (fd_ >= 0) writeOut();
}

void FileStreamSinkTask::stop() {
  std::lock_guard lock(mu_);
  if (fd_ < 0) return;
  try {
    writeOut();
  } catch (const api::ConnectException& e) {
    // Nothing to hand the error to while stopping; the unflushed records' offsets were not
    // committed, so they are delivered again.
    spdlog::error("Failed to write the last records to {} while stopping: {}", logFilename(),
                  e.what());
  }
  if (owns_fd_) ::close(fd_);
  fd_ = -1;
  owns_fd_ = false;
}

void FileStreamSinkTask::writeOut() {
  size_t done = 0;
  while (done < pending_.size()) {
    ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0) {
      int err = errno;
      if (err == EINTR) continue;
      pending_.erase(0, done);
      throw api::ConnectException("Failed to write to " + logFilename() + ": " +
                                  std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  pending_.clear();
}

std::string FileStreamSinkTask::logFilename() const {
  return filename_ && !filename_->empty() ? *filename_ : std::string("stdout");
}

}  // namespace connectd::file
