// Prints the sum of the high watermarks of a topic's partitions (0 when it does not exist):
// the number of records a benchmark waits for, read without consuming them. With --delete, deletes
// the named topics instead (a catch-up run leaves gigabytes behind).
//
//   bench_topic_end <bootstrap> <topic>
//   bench_topic_end --delete <bootstrap> <topic>...
#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstring>

namespace {

int deleteTopics(const char* bootstrap, int n, char** topics) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (rk == nullptr) {
    std::fprintf(stderr, "%s\n", err);
    return 1;
  }
  rd_kafka_DeleteTopic_t** del = new rd_kafka_DeleteTopic_t*[n];
  for (int i = 0; i < n; ++i) del[i] = rd_kafka_DeleteTopic_new(topics[i]);
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_DeleteTopics(rk, del, static_cast<size_t>(n), nullptr, q);
  int rc = 0;
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  if (ev == nullptr || rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::fprintf(stderr, "delete topics: %s\n", ev ? rd_kafka_event_error_string(ev) : "timed out");
    rc = 1;
  } else if (const rd_kafka_DeleteTopics_result_t* res = rd_kafka_event_DeleteTopics_result(ev)) {
    size_t cnt = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(res, &cnt);
    for (size_t i = 0; i < cnt; ++i) {
      rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
      if (e != RD_KAFKA_RESP_ERR_NO_ERROR && e != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        std::fprintf(stderr, "delete %s: %s\n", rd_kafka_topic_result_name(results[i]), rd_kafka_err2str(e));
        rc = 1;
      }
    }
  }
  if (ev != nullptr) rd_kafka_event_destroy(ev);
  rd_kafka_DeleteTopic_destroy_array(del, static_cast<size_t>(n));
  delete[] del;
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::strcmp(argv[1], "--delete") == 0) return deleteTopics(argv[2], argc - 3, argv + 3);
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <bootstrap> <topic>\n", argv[0]);
    return 2;
  }
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", argv[1], err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (rk == nullptr) {
    std::fprintf(stderr, "%s\n", err);
    return 1;
  }
  rd_kafka_topic_t* topic = rd_kafka_topic_new(rk, argv[2], nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  long long total = 0;
  if (rd_kafka_metadata(rk, 0, topic, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int t = 0; t < md->topic_cnt; ++t) {
      if (std::strcmp(md->topics[t].topic, argv[2]) != 0 || md->topics[t].err) continue;
      for (int p = 0; p < md->topics[t].partition_cnt; ++p) {
        int64_t low = 0;
        int64_t high = 0;
        if (rd_kafka_query_watermark_offsets(rk, argv[2], md->topics[t].partitions[p].id, &low, &high, 10000) ==
            RD_KAFKA_RESP_ERR_NO_ERROR) {
          total += high;
        }
      }
    }
    rd_kafka_metadata_destroy(md);
  }
  std::printf("%lld\n", total);
  rd_kafka_topic_destroy(topic);
  rd_kafka_destroy(rk);
  return 0;
}
