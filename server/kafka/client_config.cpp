#include "server/kafka/client_config.h"

#include <spdlog/spdlog.h>

#include <regex>
#include <set>

#include "server/common/strings.h"

namespace connectd::kafka {

namespace {

// Java client keys with no librdkafka counterpart (or one librdkafka manages itself).
const std::set<std::string>& javaOnlyKeys() {
  static const std::set<std::string> keys = {
      "key.serializer", "value.serializer", "key.deserializer", "value.deserializer",
      "max.block.ms", "interceptor.classes", "metric.reporters", "metrics.num.samples",
      "metrics.sample.window.ms", "metrics.recording.level", "auto.include.jmx.reporter",
      "client.dns.lookup", "partitioner.class", "partitioner.ignore.keys",
      "partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms",
      "max.poll.records", "default.api.timeout.ms", "exclude.internal.topics",
      "security.providers", "ssl.protocol", "ssl.enabled.protocols", "ssl.keymanager.algorithm",
      "ssl.trustmanager.algorithm", "ssl.secure.random.implementation", "ssl.keystore.type",
      "ssl.truststore.type", "ssl.truststore.password", "ssl.engine.factory.class",
      "sasl.login.callback.handler.class", "sasl.client.callback.handler.class", "sasl.login.class",
      "sasl.kerberos.ticket.renew.jitter", "sasl.kerberos.ticket.renew.window.factor",
      "sasl.login.refresh.window.factor", "sasl.login.refresh.window.jitter",
      "sasl.login.refresh.min.period.seconds", "sasl.login.refresh.buffer.seconds",
      "transaction.timeout.ms.unused", "internal.leave.group.on.close", "internal.throw.on.fetch.stable.offset.unsupported",
      "retries.unused", "metadata.max.idle.ms", "enable.metrics.push", "group.protocol",
      "group.remote.assignor", "client.telemetry.max.bytes"};
  return keys;
}

std::string assignorName(const std::string& cls) {
  auto simple = cls.substr(cls.rfind('.') == std::string::npos ? 0 : cls.rfind('.') + 1);
  if (simple == "RangeAssignor" || cls == "range") return "range";
  if (simple == "RoundRobinAssignor" || cls == "roundrobin") return "roundrobin";
  if (simple == "CooperativeStickyAssignor" || cls == "cooperative-sticky") return "cooperative-sticky";
  return {};
}

// Parses `... required username="u" password="p";` out of a JAAS line.
std::map<std::string, std::string> jaasOptions(const std::string& jaas) {
  std::map<std::string, std::string> out;
  static const std::regex kOption(R"re((\w+)\s*=\s*"((?:[^"\\]|\\.)*)")re");
  for (auto it = std::sregex_iterator(jaas.begin(), jaas.end(), kOption); it != std::sregex_iterator(); ++it) {
    // Quoted JAAS values use backslash escapes (Java's StreamTokenizer).
    std::string raw = (*it)[2].str();
    std::string value;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
      value.push_back(raw[i]);
    }
    out[(*it)[1].str()] = value;
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> ClientConfig::translate(ClientType type, const std::string& key,
                                                            const std::string& value, const ClientProps& all) {
  auto storeType = [&](const char* k) {
    auto it = all.find(k);
    return it == all.end() ? std::string("JKS") : common::toUpper(it->second);
  };
  if (javaOnlyKeys().count(key)) return {};
  if (key == "sasl.mechanism") return {{"sasl.mechanisms", value}};
  if (key == "sasl.jaas.config") {
    auto opts = jaasOptions(value);
    std::map<std::string, std::string> out;
    if (value.find("PlainLoginModule") != std::string::npos || value.find("ScramLoginModule") != std::string::npos) {
      if (opts.count("username")) out["sasl.username"] = opts["username"];
      if (opts.count("password")) out["sasl.password"] = opts["password"];
    }
    return out;
  }
  if (key == "buffer.memory") {
    try {
      long long bytes = std::stoll(value);
      return {{"queue.buffering.max.kbytes", std::to_string(std::max<long long>(1, bytes / 1024))}};
    } catch (const std::exception&) {
      return {};
    }
  }
  if (key == "max.request.size") return {{"message.max.bytes", value}};
  if (key == "fetch.max.wait.ms") return {{"fetch.wait.max.ms", value}};
  if (key == "receive.buffer.bytes") return {{"socket.receive.buffer.bytes", value == "-1" ? "0" : value}};
  if (key == "send.buffer.bytes") return {{"socket.send.buffer.bytes", value == "-1" ? "0" : value}};
  if (key == "ssl.endpoint.identification.algorithm") return {{key, value.empty() ? "none" : common::toLower(value)}};
  // librdkafka reads PEM CA files and PKCS#12 keystores only; JKS stores cannot be used.
  if (key == "ssl.truststore.location") {
    if (storeType("ssl.truststore.type") == "PEM") return {{"ssl.ca.location", value}};
    spdlog::warn("Ignoring ssl.truststore.location: only ssl.truststore.type=PEM is supported");
    return {};
  }
  if (key == "ssl.keystore.location" || key == "ssl.keystore.password") {
    if (storeType("ssl.keystore.type") == "PKCS12") return {{key, value}};
    if (key == "ssl.keystore.location")
      spdlog::warn("Ignoring ssl.keystore.location: only ssl.keystore.type=PKCS12 is supported");
    return {};
  }
  if (key == "partition.assignment.strategy") {
    std::vector<std::string> names;
    for (const auto& cls : common::splitList(value)) {
      auto n = assignorName(cls);
      if (!n.empty()) names.push_back(n);
    }
    // librdkafka cannot mix eager and cooperative assignors; Java's default list
    // [Range, CooperativeSticky] upgrades to cooperative only via a second rolling bounce.
    bool has_eager = false;
    for (const auto& n : names) has_eager |= (n != "cooperative-sticky");
    if (has_eager) {
      std::vector<std::string> eager;
      for (const auto& n : names)
        if (n != "cooperative-sticky") eager.push_back(n);
      names = eager;
    }
    if (names.empty()) return {};
    return {{key, common::join(names, ",")}};
  }
  if (key == "security.protocol") return {{key, common::toLower(value)}};
  if (key == "delivery.timeout.ms" || key == "retries") {
    // librdkafka caps these at INT32_MAX; Java accepts larger longs.
    try {
      long long v = std::stoll(value);
      if (v > 2147483647LL) return {{key, "2147483647"}};
    } catch (const std::exception&) {
    }
  }
  return {{key, value}};
}

ConfPtr ClientConfig::build(ClientType type, const ClientProps& props) {
  ConfPtr conf(rd_kafka_conf_new());
  char err[512];
  auto set = [&](const std::string& k, const std::string& v, bool user) {
    auto res = rd_kafka_conf_set(conf.get(), k.c_str(), v.c_str(), err, sizeof(err));
    if (res == RD_KAFKA_CONF_UNKNOWN) {
      spdlog::debug("Skipping client property {} (not known to librdkafka)", k);
    } else if (res == RD_KAFKA_CONF_INVALID) {
      spdlog::warn("Ignoring client property {}={}: {}", k, user && k.find("password") == std::string::npos ? v : "[hidden]", err);
    }
  };
  if (type != ClientType::Consumer) set("partitioner", "murmur2_random", false);
  // Java's producer buffers at most buffer.memory (32 MiB by default) before send() blocks;
  // librdkafka's default (1 GiB) would let a fast source grow the process to that size.
  // A user's buffer.memory, below, still overrides it.
  if (type == ClientType::Producer) set("queue.buffering.max.kbytes", "32768", false);
  // Quiet the per-connection "Disconnected" noise librdkafka logs at default levels.
  set("log.connection.close", "false", false);
  for (const auto& [k, v] : props) {
    for (const auto& [rk, rv] : translate(type, k, v, props)) {
      if (rk == "partitioner") continue;
      set(rk, rv, true);
    }
  }
  return conf;
}

}  // namespace connectd::kafka
