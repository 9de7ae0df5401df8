// Prints the sum of the high watermarks of a topic's partitions (0 when it does not exist):
// the number of records a benchmark waits for, read without consuming them.
//
//   bench_topic_end <bootstrap> <topic>
#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
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
