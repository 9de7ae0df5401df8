#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/kafka/broker_address.h"
#include "server/kafka/kafka_protocol.h"

namespace connectd::kafka {

// One PLAINTEXT connection to a Kafka broker: the part of Java's NetworkClient and
// KafkaChannel that group membership needs.
//
// The connection is driven by the thread that owns `io`: every method must be called on that
// thread, and the connection makes progress (connects, writes, reads) only while that thread
// runs the io_context. It resolves and connects, sends ApiVersions v0 and becomes Ready once
// the broker answered; from then on it carries one request at a time. Any error (refused,
// reset, EOF, garbage, a passed deadline) moves it to Failed for good; owners open a new one.
class BrokerConnection : public std::enable_shared_from_this<BrokerConnection> {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { Connecting, Ready, Failed };

  // Starts connecting. `setup_timeout` bounds resolve + connect + ApiVersions.
  static std::shared_ptr<BrokerConnection> open(boost::asio::io_context& io, BrokerAddress address,
                                                std::string client_id,
                                                Clock::duration setup_timeout);
  ~BrokerConnection();
  BrokerConnection(const BrokerConnection&) = delete;
  BrokerConnection& operator=(const BrokerConnection&) = delete;

  State state() const { return state_; }
  // Why the connection failed (empty unless Failed).
  const std::string& failure() const { return failure_; }
  const BrokerAddress& address() const { return address_; }

  // The highest version of `key` that both this client (protocol::implementedVersions) and the
  // broker support; nullopt when the ranges do not overlap. Only meaningful when Ready.
  std::optional<int16_t> negotiate(protocol::ApiKey key) const;
  // The broker's range for `key` as "v2-v9", or "none", for error messages.
  std::string brokerVersions(protocol::ApiKey key) const;

  // Sends a request. Requires Ready and no outstanding request. Without a response by `deadline`
  // the connection fails, as Java's NetworkClient disconnects on request.timeout.ms.
  void send(protocol::ApiKey key, int16_t version, std::string body, Clock::time_point deadline);
  // The API of the request sent and not yet taken back with takeResponse().
  std::optional<protocol::ApiKey> outstanding() const { return outstanding_; }
  int16_t outstandingVersion() const { return outstanding_version_; }
  bool hasResponse() const { return response_.has_value(); }
  // The response body (after the response header) of the outstanding request; clears it.
  std::string takeResponse();

  // The next time checkDeadline() must run (setup or request deadline); time_point::max() if none.
  Clock::time_point deadline() const;
  // Fails the connection when its deadline has passed.
  void checkDeadline(Clock::time_point now);
  // Fails the connection with `reason` and closes the socket.
  void close(const std::string& reason = "closed");

 private:
  BrokerConnection(boost::asio::io_context& io, BrokerAddress address, std::string client_id);
  void start(Clock::duration setup_timeout);
  void write(std::string frame);
  void readSize();
  void readBody(size_t size);
  void onFrame();
  void fail(const std::string& reason);

  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::ip::tcp::socket socket_;
  BrokerAddress address_;
  std::string client_id_;
  State state_ = State::Connecting;
  std::string failure_;
  Clock::time_point setup_deadline_;
  std::map<int16_t, protocol::VersionRange> broker_versions_;

  int32_t next_correlation_id_ = 0;
  int32_t outstanding_correlation_id_ = -1;
  std::optional<protocol::ApiKey> outstanding_;
  int16_t outstanding_version_ = 0;
  Clock::time_point request_deadline_ = Clock::time_point::max();
  std::optional<std::string> response_;

  std::string write_buffer_;
  std::array<unsigned char, 4> size_buffer_{};
  std::string read_buffer_;
};

}  // namespace connectd::kafka
