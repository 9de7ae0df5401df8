// SMT cost per record on a real Debezium change event: each benchmark copies the record (as the
// runtime hands every record to its chain) and applies the SMT, so BM_SmtRecordCopy is the
// baseline to subtract.
#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/struct.h"
#include "server/api/transformation.h"
#include "server/converters/json_converter.h"
#include "transforms/debezium/extract_new_record_state.h"
#include "transforms/insert_field.h"
#include "transforms/regex_router.h"

namespace {

using connectd::api::ConnectRecord;
using connectd::api::SourceRecord;
using connectd::api::Value;
using connectd::converters::JsonConverter;
using connectd::transforms::ExtractNewRecordState;
using connectd::transforms::InsertField;
using connectd::transforms::RegexRouter;

constexpr const char* kTopic = "source.dev.invoice";

// The MySQL connector's insert into dev.invoice, as a Debezium 2.5 source task emits it: the
// envelope value read through JsonConverter (schemas.enable=true), the row key, the binlog
// partition/offset, and the event's ts_ms as the record timestamp.
SourceRecord readInsertEvent() {
  std::string path =
      std::string(CONNECTD_SHARED_DIR) + "/fixtures/debezium/mysql-2.5-invoice/insert.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  JsonConverter converter;
  converter.configure({{"schemas.enable", "true"}}, false);
  connectd::api::SchemaAndValue envelope =
      converter.toConnectData(kTopic, text.data(), text.size());

  const connectd::api::Struct& after = envelope.value.asStruct().get("after").asStruct();
  connectd::api::SchemaPtr key_schema = connectd::api::SchemaBuilder::structBuilder()
                                            .name("source.dev.invoice.Key")
                                            .field("order_id", connectd::api::schemas::int32())
                                            .build();
  auto key = std::make_shared<connectd::api::Struct>(key_schema);
  key->put("order_id", after.get("order_id"));

  SourceRecord record({{"server", Value("source")}},
                      {{"ts_sec", Value(int64_t{1709981775})},
                       {"file", Value("binlog.000002")},
                       {"pos", Value(int64_t{361})},
                       {"row", Value(int32_t{1})},
                       {"server_id", Value(int64_t{1})},
                       {"event", Value(int32_t{2})}},
                      kTopic, std::nullopt, key_schema, Value(std::move(key)), envelope.schema,
                      envelope.value, int64_t{1709981775746});
  return record;
}

const SourceRecord& insertEvent() {
  static const SourceRecord record = readInsertEvent();
  return record;
}

template <class Smt>
std::unique_ptr<connectd::api::Transformation> configured(
    const std::map<std::string, std::string>& configs) {
  auto smt = std::make_unique<Smt>();
  smt->configure(configs);
  return smt;
}

std::map<std::string, std::string> unwrapAddFields() {
  return {{"add.fields", "op,ts_ms,source.ts_ms,source.db,source.table"}};
}
std::map<std::string, std::string> routeDev() {
  return {{"regex", "source\\.dev\\.(.*)"}, {"replacement", "dev_$1"}};
}
std::map<std::string, std::string> insertTimestamp() { return {{"timestamp.field", "ingest_ts"}}; }
std::map<std::string, std::string> insertStatic() {
  return {{"static.field", "pipeline"}, {"static.value", "connectd"}};
}

// unwrap,route,addTimestamp as a connector config would list them.
std::vector<std::unique_ptr<connectd::api::Transformation>> chain() {
  std::vector<std::unique_ptr<connectd::api::Transformation>> out;
  out.push_back(configured<ExtractNewRecordState>(unwrapAddFields()));
  out.push_back(configured<RegexRouter>(routeDev()));
  out.push_back(configured<InsertField::Value>(insertTimestamp()));
  return out;
}

bool applyChain(const std::vector<std::unique_ptr<connectd::api::Transformation>>& smts,
                ConnectRecord& record) {
  for (const auto& smt : smts) {
    if (!smt->apply(record)) return false;
  }
  return true;
}

// Applies `smt` once outside the loop so the schema caches are warm, as for every record after
// the first of a topic.
void runSmt(benchmark::State& state, connectd::api::Transformation& smt) {
  const SourceRecord& base = insertEvent();
  {
    SourceRecord warm = base;
    if (!smt.apply(warm)) state.SkipWithError("the SMT dropped the record");
  }
  for (auto _ : state) {
    SourceRecord record = base;
    bool kept = smt.apply(record);
    benchmark::DoNotOptimize(kept);
    benchmark::DoNotOptimize(record);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SmtRecordCopy(benchmark::State& state) {
  const SourceRecord& base = insertEvent();
  for (auto _ : state) {
    SourceRecord record = base;
    benchmark::DoNotOptimize(record);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SmtRecordCopy);

void BM_SmtExtractNewRecordStateDefault(benchmark::State& state) {
  auto smt = configured<ExtractNewRecordState>({});
  runSmt(state, *smt);
}
BENCHMARK(BM_SmtExtractNewRecordStateDefault);

void BM_SmtExtractNewRecordStateAddFields(benchmark::State& state) {
  auto smt = configured<ExtractNewRecordState>(unwrapAddFields());
  runSmt(state, *smt);
}
BENCHMARK(BM_SmtExtractNewRecordStateAddFields);

void BM_SmtRegexRouter(benchmark::State& state) {
  auto smt = configured<RegexRouter>(routeDev());
  runSmt(state, *smt);
}
BENCHMARK(BM_SmtRegexRouter);

// InsertField$Value sees the envelope here: the static field is appended to its 6 fields.
void BM_SmtInsertFieldStatic(benchmark::State& state) {
  auto smt = configured<InsertField::Value>(insertStatic());
  runSmt(state, *smt);
}
BENCHMARK(BM_SmtInsertFieldStatic);

void BM_SmtInsertFieldTimestamp(benchmark::State& state) {
  auto smt = configured<InsertField::Value>(insertTimestamp());
  runSmt(state, *smt);
}
BENCHMARK(BM_SmtInsertFieldTimestamp);

void BM_SmtChainUnwrapRouteAddTimestamp(benchmark::State& state) {
  auto smts = chain();
  const SourceRecord& base = insertEvent();
  {
    SourceRecord warm = base;
    if (!applyChain(smts, warm)) state.SkipWithError("the chain dropped the record");
  }
  for (auto _ : state) {
    SourceRecord record = base;
    bool kept = applyChain(smts, record);
    benchmark::DoNotOptimize(kept);
    benchmark::DoNotOptimize(record);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SmtChainUnwrapRouteAddTimestamp);

// The chain and then the value converter, as WorkerSourceTask does before producing: output
// buffer reused, the output schema's JSON cached after the first record.
void BM_SmtChainThenJsonConverter(benchmark::State& state) {
  auto smts = chain();
  JsonConverter converter;
  converter.configure({{"schemas.enable", "true"}}, false);
  const SourceRecord& base = insertEvent();
  std::string out;
  {
    SourceRecord warm = base;
    if (!applyChain(smts, warm)) state.SkipWithError("the chain dropped the record");
    converter.fromConnectData(warm.topic, warm.valueSchema, warm.value, out);
  }
  for (auto _ : state) {
    SourceRecord record = base;
    if (applyChain(smts, record)) {
      converter.fromConnectData(record.topic, record.valueSchema, record.value, out);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::DoNotOptimize(record);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SmtChainThenJsonConverter);

}  // namespace
