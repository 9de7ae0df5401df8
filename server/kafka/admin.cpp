#include "server/kafka/admin.h"

#include <memory>

#include "server/kafka/kafka_exception.h"

namespace connectd::kafka {

namespace {

struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};
struct OptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
using OptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter>;

OptionsPtr options(rd_kafka_t* rk, rd_kafka_admin_op_t op, int timeout_ms) {
  OptionsPtr opts(rd_kafka_AdminOptions_new(rk, op));
  char err[256];
  rd_kafka_AdminOptions_set_request_timeout(opts.get(), timeout_ms, err, sizeof(err));
  return opts;
}

// Waits for the admin result event; throws for a request-level error.
EventPtr awaitResult(rd_kafka_queue_t* queue, int timeout_ms, const char* what) {
  EventPtr ev(rd_kafka_queue_poll(queue, timeout_ms + 1000));
  if (!ev) throw KafkaException(RD_KAFKA_RESP_ERR__TIMED_OUT, std::string(what) + " timed out");
  if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaException(rd_kafka_event_error(ev.get()),
                         std::string(what) + " failed: " + rd_kafka_event_error_string(ev.get()));
  }
  return ev;
}

void checkGroupResult(const rd_kafka_group_result_t* result, const char* what) {
  if (result == nullptr) return;
  if (const rd_kafka_error_t* e = rd_kafka_group_result_error(result)) {
    throw KafkaException(rd_kafka_error_code(e), std::string(what) + " failed: " + rd_kafka_error_string(e));
  }
  if (const auto* parts = rd_kafka_group_result_partitions(result)) {
    for (int i = 0; i < parts->cnt; ++i) {
      if (parts->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw KafkaException(parts->elems[i].err, std::string(what) + " failed for " + parts->elems[i].topic + "-" +
                                                      std::to_string(parts->elems[i].partition) + ": " +
                                                      rd_kafka_err2str(parts->elems[i].err));
      }
    }
  }
}

}  // namespace

Admin::Admin(const ClientProps& props) {
  // A metadata lookup must never create the topic it asks about (Java's describeTopics does not).
  ClientProps admin_props = props;
  admin_props["allow.auto.create.topics"] = "false";
  ConfPtr conf = ClientConfig::build(ClientType::Admin, admin_props);
  char err[512];
  rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof(err));
  if (rk_ == nullptr) throw KafkaException(RD_KAFKA_RESP_ERR__INVALID_ARG, std::string("Failed to create new KafkaAdminClient: ") + err);
  conf.release();
}

Admin::~Admin() {
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

std::string Admin::clusterId(int timeout_ms) {
  char* id = rd_kafka_clusterid(rk_, timeout_ms);
  if (id == nullptr) throw KafkaException(RD_KAFKA_RESP_ERR__TIMED_OUT, "Timed out waiting for the Kafka cluster id");
  std::string out(id);
  rd_kafka_mem_free(rk_, id);
  return out;
}

bool Admin::createTopic(const NewTopic& topic, int timeout_ms) {
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.name.c_str(), topic.partitions, topic.replication_factor, err,
                                                  sizeof(err));
  if (nt == nullptr) throw KafkaException(RD_KAFKA_RESP_ERR__INVALID_ARG, "Invalid new topic " + topic.name + ": " + err);
  for (const auto& [k, v] : topic.configs) rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
  QueuePtr queue(rd_kafka_queue_new(rk_));
  auto opts = options(rk_, RD_KAFKA_ADMIN_OP_CREATETOPICS, timeout_ms);
  rd_kafka_CreateTopics(rk_, &nt, 1, opts.get(), queue.get());
  rd_kafka_NewTopic_destroy(nt);
  auto ev = awaitResult(queue.get(), timeout_ms, "CreateTopics");
  const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev.get());
  size_t n = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
  for (size_t i = 0; i < n; ++i) {
    rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
    if (e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) return false;
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* msg = rd_kafka_topic_result_error_string(results[i]);
      throw KafkaException(e, "Unable to create topic " + topic.name + ": " + (msg ? msg : rd_kafka_err2str(e)));
    }
  }
  return true;
}

std::optional<int32_t> Admin::partitionCount(const std::string& topic, int timeout_ms) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaException(err, "Failed to describe topic " + topic + ": " + rd_kafka_err2str(err));
  }
  std::optional<int32_t> out;
  if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) out = md->topics[0].partition_cnt;
  rd_kafka_metadata_destroy(md);
  return out;
}

OffsetMap Admin::listConsumerGroupOffsets(const std::string& group, int timeout_ms) {
  rd_kafka_ListConsumerGroupOffsets_t* req = rd_kafka_ListConsumerGroupOffsets_new(group.c_str(), nullptr);
  QueuePtr queue(rd_kafka_queue_new(rk_));
  auto opts = options(rk_, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeout_ms);
  rd_kafka_ListConsumerGroupOffsets(rk_, &req, 1, opts.get(), queue.get());
  rd_kafka_ListConsumerGroupOffsets_destroy(req);
  auto ev = awaitResult(queue.get(), timeout_ms, "ListConsumerGroupOffsets");
  const auto* res = rd_kafka_event_ListConsumerGroupOffsets_result(ev.get());
  size_t n = 0;
  const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(res, &n);
  OffsetMap out;
  for (size_t i = 0; i < n; ++i) {
    if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[i])) {
      if (rd_kafka_error_code(e) == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) continue;
      throw KafkaException(rd_kafka_error_code(e), std::string("ListConsumerGroupOffsets failed: ") + rd_kafka_error_string(e));
    }
    auto offsets = offsetsFromPartitionList(rd_kafka_group_result_partitions(groups[i]));
    out.insert(offsets.begin(), offsets.end());
  }
  return out;
}

void Admin::alterConsumerGroupOffsets(const std::string& group, const OffsetMap& offsets, int timeout_ms) {
  auto list = toPartitionList(offsets);
  rd_kafka_AlterConsumerGroupOffsets_t* req = rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), list.get());
  QueuePtr queue(rd_kafka_queue_new(rk_));
  auto opts = options(rk_, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, timeout_ms);
  rd_kafka_AlterConsumerGroupOffsets(rk_, &req, 1, opts.get(), queue.get());
  rd_kafka_AlterConsumerGroupOffsets_destroy(req);
  auto ev = awaitResult(queue.get(), timeout_ms, "AlterConsumerGroupOffsets");
  size_t n = 0;
  const auto** groups =
      rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) checkGroupResult(groups[i], "AlterConsumerGroupOffsets");
}

void Admin::deleteConsumerGroupOffsets(const std::string& group, const std::vector<TopicPartition>& partitions,
                                       int timeout_ms) {
  auto list = toPartitionList(partitions);
  rd_kafka_DeleteConsumerGroupOffsets_t* req = rd_kafka_DeleteConsumerGroupOffsets_new(group.c_str(), list.get());
  QueuePtr queue(rd_kafka_queue_new(rk_));
  auto opts = options(rk_, RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS, timeout_ms);
  rd_kafka_DeleteConsumerGroupOffsets(rk_, &req, 1, opts.get(), queue.get());
  rd_kafka_DeleteConsumerGroupOffsets_destroy(req);
  auto ev = awaitResult(queue.get(), timeout_ms, "DeleteConsumerGroupOffsets");
  size_t n = 0;
  const auto** groups =
      rd_kafka_DeleteConsumerGroupOffsets_result_groups(rd_kafka_event_DeleteConsumerGroupOffsets_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) checkGroupResult(groups[i], "DeleteConsumerGroupOffsets");
}

rd_kafka_resp_err_t Admin::deleteConsumerGroup(const std::string& group, int timeout_ms) {
  rd_kafka_DeleteGroup_t* req = rd_kafka_DeleteGroup_new(group.c_str());
  QueuePtr queue(rd_kafka_queue_new(rk_));
  auto opts = options(rk_, RD_KAFKA_ADMIN_OP_DELETEGROUPS, timeout_ms);
  rd_kafka_DeleteGroups(rk_, &req, 1, opts.get(), queue.get());
  rd_kafka_DeleteGroup_destroy(req);
  auto ev = awaitResult(queue.get(), timeout_ms, "DeleteGroups");
  size_t n = 0;
  const auto** groups = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    if (const rd_kafka_error_t* e = rd_kafka_group_result_error(groups[i])) return rd_kafka_error_code(e);
  }
  return RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace connectd::kafka
