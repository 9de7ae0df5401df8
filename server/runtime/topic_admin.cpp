#include "server/runtime/topic_admin.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/kafka/kafka_exception.h"

namespace connectd::runtime {

TopicAdmin::TopicAdmin(const kafka::ClientProps& props, int timeout_ms)
    : admin_(std::make_unique<kafka::Admin>(props)), timeout_ms_(timeout_ms) {}

bool TopicAdmin::createOrFindTopic(kafka::NewTopic topic) {
  // Looking first keeps workers that may not create topics (ACLs, old brokers, managed
  // clusters) working when the topic was provisioned for them.
  if (auto existing = admin_->partitionCount(topic.name, timeout_ms_)) {
    spdlog::debug("Found existing topic '{}' with {} partitions", topic.name, *existing);
    return false;
  }
  topic.configs["cleanup.policy"] = "compact";
  bool created = false;
  try {
    created = admin_->createTopic(topic, timeout_ms_);
  } catch (const kafka::KafkaException& e) {
    switch (e.code()) {
      case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
      case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
      case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
      case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
        spdlog::warn("Unable to create topic '{}' ({}); assuming it exists or will be created by the broker",
                     topic.name, e.what());
        return false;
      default:
        throw;
    }
  }
  if (created) {
    spdlog::info("Created topic (name={}, numPartitions={}, replicationFactor={}, configs={{cleanup.policy=compact}})",
                 topic.name, topic.partitions, topic.replication_factor);
  } else {
    spdlog::debug("Found existing topic '{}'", topic.name);
  }
  return created;
}

std::optional<std::set<std::string>> TopicAdmin::topicCleanupPolicy(const std::string& topic) {
  rd_kafka_t* rk = admin_->handle();
  rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
  char err[256];
  rd_kafka_AdminOptions_set_request_timeout(opts, timeout_ms_, err, sizeof(err));
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_DescribeConfigs(rk, &resource, 1, opts, queue);
  rd_kafka_ConfigResource_destroy(resource);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue, timeout_ms_ + 1000);
  rd_kafka_queue_destroy(queue);
  if (ev == nullptr) {
    spdlog::warn("Timed out describing the configs of topic '{}'", topic);
    return std::nullopt;
  }
  std::optional<std::set<std::string>> out;
  if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    spdlog::debug("Unable to describe topic '{}': {}", topic, rd_kafka_event_error_string(ev));
  } else if (const rd_kafka_DescribeConfigs_result_t* res = rd_kafka_event_DescribeConfigs_result(ev)) {
    size_t n = 0;
    const rd_kafka_ConfigResource_t** resources = rd_kafka_DescribeConfigs_result_resources(res, &n);
    for (size_t i = 0; i < n; ++i) {
      if (rd_kafka_ConfigResource_error(resources[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
      size_t m = 0;
      const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[i], &m);
      for (size_t j = 0; j < m; ++j) {
        if (std::string_view(rd_kafka_ConfigEntry_name(entries[j])) != "cleanup.policy") continue;
        const char* value = rd_kafka_ConfigEntry_value(entries[j]);
        std::set<std::string> policies;
        for (const auto& p : common::split(value ? value : "", ',')) {
          auto t = common::trim(p);
          if (!t.empty()) policies.insert(common::toLower(t));
        }
        out = std::move(policies);
      }
    }
  }
  rd_kafka_event_destroy(ev);
  return out;
}

bool TopicAdmin::verifyTopicCleanupPolicyOnlyCompact(const std::string& topic, const std::string& worker_topic_config,
                                                     const std::string& topic_purpose) {
  auto policies = topicCleanupPolicy(topic);
  if (!policies || policies->empty()) {
    spdlog::info(
        "Unable to use admin client to verify the cleanup policy of '{}' topic is 'compact', either because the "
        "broker is an older version or because the Kafka principal used for Connect internal topics does not have "
        "the required permission to describe topic configurations.",
        topic);
    return false;
  }
  if (*policies != std::set<std::string>{"compact"}) {
    std::vector<std::string> found(policies->begin(), policies->end());
    std::string found_str = common::join(found, ",");
    throw api::ConfigException("Topic '" + topic + "' supplied via the '" + worker_topic_config +
                               "' property is required to have 'cleanup.policy=compact' to guarantee consistency "
                               "and durability of " + topic_purpose + ", but found the topic currently has "
                               "'cleanup.policy=" + found_str + "'. Continuing would likely result in eventually "
                               "losing " + topic_purpose + " and problems restarting this Connect cluster in the "
                               "future. Change the '" + worker_topic_config + "' property in the Connect worker "
                               "configurations to use a topic with 'cleanup.policy=compact'.");
  }
  return true;
}

std::optional<int32_t> TopicAdmin::partitionCount(const std::string& topic) {
  return admin_->partitionCount(topic, timeout_ms_);
}

}  // namespace connectd::runtime
