#pragma once

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>

namespace connectd::kafka {

enum class ClientType { Producer, Consumer, Admin };

// Client properties as Kafka's Java clients name them ("bootstrap.servers", "acks",
// "sasl.jaas.config", ...): what worker `producer.*`/`consumer.*`/`admin.*` prefixes and
// connector `*.override.*` keys carry.
using ClientProps = std::map<std::string, std::string>;

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* c) const { rd_kafka_conf_destroy(c); }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

// Translates Java client properties into a librdkafka configuration.
//
// Keys librdkafka knows under the same name pass through; keys with a different librdkafka
// name or unit are translated (sasl.mechanism, sasl.jaas.config for PLAIN/SCRAM,
// buffer.memory, max.request.size, fetch.max.wait.ms, receive/send.buffer.bytes,
// partition.assignment.strategy class names, ssl.endpoint.identification.algorithm="").
// Java-only keys (serializers, max.block.ms, interceptor classes, metrics, ...) and keys
// librdkafka rejects are skipped with a log line, never an error: a worker file written for
// the Java worker must keep working.
class ClientConfig {
 public:
  // Always sets partitioner=murmur2_random for producers and admins so keyed records land
  // on the partitions the Java client picks.
  static ConfPtr build(ClientType type, const ClientProps& props);

  // The librdkafka (name, value) pairs a Java property becomes; empty when it is skipped.
  // `all` is the whole property set, for keys whose meaning depends on another (keystore types).
  static std::map<std::string, std::string> translate(ClientType type, const std::string& key,
                                                      const std::string& value, const ClientProps& all);
};

}  // namespace connectd::kafka
