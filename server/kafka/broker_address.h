#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace connectd::kafka {

// A broker's host and port, as in bootstrap.servers or a FindCoordinator response.
struct BrokerAddress {
  std::string host;
  uint16_t port = 0;
  // "host:port", "[v6]:port" for an IPv6 literal.
  std::string toString() const;
  bool operator==(const BrokerAddress& other) const {
    return host == other.host && port == other.port;
  }
};

// Parses bootstrap.servers ("host:port,host:port"; a "PLAINTEXT://" style prefix and "[v6]:port"
// are accepted as Java's ClientUtils does). Throws api::ConfigException naming the bad entry.
std::vector<BrokerAddress> parseBootstrapServers(const std::string& servers);

}  // namespace connectd::kafka
