#include "server/kafka/broker_connection.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace connectd::kafka {

namespace {

using protocol::ApiKey;

// No group-protocol response comes near this; a larger size means a corrupt stream (or a TLS
// listener answering a plaintext client).
constexpr size_t kMaxResponseSize = 64 * 1024 * 1024;

}  // namespace

BrokerConnection::BrokerConnection(boost::asio::io_context& io, BrokerAddress address,
                                   std::string client_id)
    : resolver_(io), socket_(io), address_(std::move(address)), client_id_(std::move(client_id)) {}

BrokerConnection::~BrokerConnection() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

std::shared_ptr<BrokerConnection> BrokerConnection::open(boost::asio::io_context& io,
                                                         BrokerAddress address,
                                                         std::string client_id,
                                                         Clock::duration setup_timeout) {
  std::shared_ptr<BrokerConnection> conn(
      new BrokerConnection(io, std::move(address), std::move(client_id)));
  conn->start(setup_timeout);
  return conn;
}

void BrokerConnection::start(Clock::duration setup_timeout) {
  setup_deadline_ = Clock::now() + setup_timeout;
  auto self = shared_from_this();
  resolver_.async_resolve(
      address_.host, std::to_string(address_.port),
      [self](const boost::system::error_code& ec,
             boost::asio::ip::tcp::resolver::results_type results) {
        if (self->state_ == State::Failed) return;
        if (ec) {
          self->fail("cannot resolve " + self->address_.host + ": " + ec.message());
          return;
        }
        boost::asio::async_connect(
            self->socket_, results,
            [self](const boost::system::error_code& ec, const boost::asio::ip::tcp::endpoint&) {
              if (self->state_ == State::Failed) return;
              if (ec) {
                self->fail("connection to " + self->address_.toString() +
                           " could not be established: " + ec.message());
                return;
              }
              boost::system::error_code ignored;
              self->socket_.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
              self->outstanding_ = ApiKey::ApiVersions;
              self->outstanding_version_ = 0;
              self->outstanding_correlation_id_ = self->next_correlation_id_++;
              self->write(protocol::encodeRequestFrame(
                  ApiKey::ApiVersions, 0, self->outstanding_correlation_id_, self->client_id_, {}));
              self->readSize();
            });
      });
}

void BrokerConnection::write(std::string frame) {
  write_buffer_ = std::move(frame);
  auto self = shared_from_this();
  boost::asio::async_write(
      socket_, boost::asio::buffer(write_buffer_),
      [self](const boost::system::error_code& ec, size_t) {
        if (self->state_ == State::Failed) return;
        if (ec) self->fail("write to " + self->address_.toString() + " failed: " + ec.message());
      });
}

// The read side always has a read pending, even between requests, so a broker closing an idle
// connection is noticed as soon as the owner runs its io_context.
void BrokerConnection::readSize() {
  auto self = shared_from_this();
  boost::asio::async_read(
      socket_, boost::asio::buffer(size_buffer_),
      [self](const boost::system::error_code& ec, size_t) {
        if (self->state_ == State::Failed) return;
        if (ec) {
          self->fail(ec == boost::asio::error::eof
                         ? "connection closed by " + self->address_.toString()
                         : "read from " + self->address_.toString() + " failed: " + ec.message());
          return;
        }
        uint32_t size = 0;
        for (unsigned char c : self->size_buffer_) size = (size << 8) | c;
        if (size < 4 || size > kMaxResponseSize) {
          self->fail("invalid response size " + std::to_string(size) + " from " +
                     self->address_.toString() + " (is this a PLAINTEXT listener?)");
          return;
        }
        self->readBody(size);
      });
}

void BrokerConnection::readBody(size_t size) {
  read_buffer_.resize(size);
  auto self = shared_from_this();
  boost::asio::async_read(
      socket_, boost::asio::buffer(read_buffer_),
      [self](const boost::system::error_code& ec, size_t) {
        if (self->state_ == State::Failed) return;
        if (ec) {
          self->fail("read from " + self->address_.toString() + " failed: " + ec.message());
          return;
        }
        self->onFrame();
        if (self->state_ != State::Failed) self->readSize();
      });
}

void BrokerConnection::onFrame() {
  protocol::Reader header(read_buffer_);
  int32_t correlation_id = header.int32();
  if (!outstanding_ || response_ || correlation_id != outstanding_correlation_id_) {
    fail("unexpected response with correlation id " + std::to_string(correlation_id) + " from " +
         address_.toString());
    return;
  }
  std::string body = read_buffer_.substr(4);
  if (*outstanding_ != ApiKey::ApiVersions || state_ != State::Connecting) {
    response_ = std::move(body);
    return;
  }
  try {
    auto versions = protocol::decodeApiVersionsResponse(body);
    if (versions.error_code != protocol::errors::kNone) {
      fail("ApiVersions v0 rejected by " + address_.toString() + ": " +
           protocol::errorText(versions.error_code));
      return;
    }
    broker_versions_ = std::move(versions.api_keys);
  } catch (const protocol::ProtocolException& e) {
    fail("malformed ApiVersions response from " + address_.toString() + ": " + e.what());
    return;
  }
  outstanding_.reset();
  outstanding_correlation_id_ = -1;
  state_ = State::Ready;
  spdlog::debug("Connected to broker {}", address_.toString());
}

std::optional<int16_t> BrokerConnection::negotiate(ApiKey key) const {
  auto ours = protocol::implementedVersions(key);
  auto it = broker_versions_.find(static_cast<int16_t>(key));
  if (it == broker_versions_.end()) return std::nullopt;
  int16_t high = std::min(ours.max, it->second.max);
  int16_t low = std::max(ours.min, it->second.min);
  if (high < low) return std::nullopt;
  return high;
}

std::string BrokerConnection::brokerVersions(ApiKey key) const {
  auto it = broker_versions_.find(static_cast<int16_t>(key));
  if (it == broker_versions_.end()) return "none";
  return "v" + std::to_string(it->second.min) + "-v" + std::to_string(it->second.max);
}

void BrokerConnection::send(ApiKey key, int16_t version, std::string body,
                            Clock::time_point deadline) {
  if (state_ != State::Ready || outstanding_) {
    throw std::logic_error("BrokerConnection::send on a connection that is not ready or busy");
  }
  outstanding_ = key;
  outstanding_version_ = version;
  outstanding_correlation_id_ = next_correlation_id_++;
  if (next_correlation_id_ < 0) next_correlation_id_ = 0;
  request_deadline_ = deadline;
  write(protocol::encodeRequestFrame(key, version, outstanding_correlation_id_, client_id_, body));
}

std::string BrokerConnection::takeResponse() {
  std::string out = std::move(*response_);
  response_.reset();
  outstanding_.reset();
  outstanding_correlation_id_ = -1;
  request_deadline_ = Clock::time_point::max();
  return out;
}

BrokerConnection::Clock::time_point BrokerConnection::deadline() const {
  if (state_ == State::Connecting) return setup_deadline_;
  if (state_ == State::Ready && outstanding_ && !response_) return request_deadline_;
  return Clock::time_point::max();
}

void BrokerConnection::checkDeadline(Clock::time_point now) {
  if (now < deadline()) return;
  if (state_ == State::Connecting) {
    fail("connection to " + address_.toString() + " timed out during setup");
  } else {
    fail(std::string(protocol::apiName(*outstanding_)) + " request to " + address_.toString() +
         " timed out");
  }
}

void BrokerConnection::close(const std::string& reason) { fail(reason); }

void BrokerConnection::fail(const std::string& reason) {
  if (state_ == State::Failed) return;
  state_ = State::Failed;
  failure_ = reason;
  resolver_.cancel();
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace connectd::kafka
