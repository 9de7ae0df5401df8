#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "server/kafka/admin.h"

namespace connectd::runtime {

// The internal-topic side of Kafka's TopicAdmin: create a compacted topic when missing and
// refuse topics whose cleanup policy is not exactly `compact`. Thread-safe (kafka::Admin is).
class TopicAdmin {
 public:
  explicit TopicAdmin(const kafka::ClientProps& props, int timeout_ms = 30000);

  // Creates `topic` (cleanup.policy=compact is forced); returns false when it already existed.
  bool createOrFindTopic(kafka::NewTopic topic);
  // The topic's cleanup.policy values, or nullopt when they cannot be described (the broker or
  // the ACLs do not allow it; Kafka then skips the check with a warning).
  std::optional<std::set<std::string>> topicCleanupPolicy(const std::string& topic);
  // Throws ConfigException with Kafka's message when the policy is known and is not exactly
  // {compact}; returns whether the check could be made.
  bool verifyTopicCleanupPolicyOnlyCompact(const std::string& topic, const std::string& worker_topic_config,
                                           const std::string& topic_purpose);
  std::optional<int32_t> partitionCount(const std::string& topic);

  kafka::Admin& admin() { return *admin_; }

 private:
  std::unique_ptr<kafka::Admin> admin_;
  int timeout_ms_;
};

}  // namespace connectd::runtime
