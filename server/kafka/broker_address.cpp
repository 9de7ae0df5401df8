#include "server/kafka/broker_address.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "server/api/errors.h"

namespace connectd::kafka {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string BrokerAddress::toString() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

std::vector<BrokerAddress> parseBootstrapServers(const std::string& servers) {
  std::vector<BrokerAddress> out;
  size_t start = 0;
  while (start <= servers.size()) {
    size_t comma = servers.find(',', start);
    if (comma == std::string::npos) comma = servers.size();
    std::string entry = trim(std::string_view(servers).substr(start, comma - start));
    start = comma + 1;
    if (entry.empty()) continue;
    std::string hostport = entry;
    if (auto scheme = hostport.find("://"); scheme != std::string::npos)
      hostport = hostport.substr(scheme + 3);
    auto colon = hostport.rfind(':');
    auto bad = [&](const std::string& why) {
      return api::ConfigException("bootstrap.servers", servers, "'" + entry + "' " + why);
    };
    if (colon == std::string::npos || colon == 0 || colon + 1 == hostport.size()) {
      throw bad("is not a host:port pair");
    }
    std::string host = hostport.substr(0, colon);
    if (host.front() == '[') {
      if (host.back() != ']') throw bad("has an unterminated IPv6 literal");
      host = host.substr(1, host.size() - 2);
    }
    std::string port_text = hostport.substr(colon + 1);
    if (host.empty() ||
        !std::all_of(port_text.begin(), port_text.end(),
                     [](unsigned char c) { return std::isdigit(c); }) ||
        port_text.size() > 5) {
      throw bad("is not a host:port pair");
    }
    int port = std::stoi(port_text);
    if (port < 1 || port > 65535) throw bad("has an invalid port");
    out.push_back({host, static_cast<uint16_t>(port)});
  }
  if (out.empty())
    throw api::ConfigException("bootstrap.servers", servers, "no broker address given");
  return out;
}

}  // namespace connectd::kafka
