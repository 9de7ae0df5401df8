#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "server/converters/json_converter.h"

namespace {

using connectd::converters::JsonConverter;

// The Debezium insert event (one record, with its schema) read into Connect data once.
struct InsertEvent {
  connectd::api::SchemaAndValue data;
  std::string compact;  // as JsonConverter writes it

  InsertEvent() {
    std::string path =
        std::string(CONNECTD_SHARED_DIR) + "/fixtures/debezium/mysql-2.5-invoice/insert.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    JsonConverter converter;
    data = converter.toConnectData("source.dev.invoice", text.data(), text.size());
    converter.fromConnectData("source.dev.invoice", data.schema, data.value, compact);
  }
};

const InsertEvent& insertEvent() {
  static const InsertEvent event;
  return event;
}

// The hot path of a source task: one record to bytes, schema JSON already cached on the schema,
// output buffer reused across records.
void BM_JsonConverterFromConnectDataWithSchema(benchmark::State& state) {
  const auto& event = insertEvent();
  JsonConverter converter;
  converter.configure({}, false);
  std::string out;
  for (auto _ : state) {
    converter.fromConnectData("source.dev.invoice", event.data.schema, event.data.value, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonConverterFromConnectDataWithSchema);

void BM_JsonConverterFromConnectDataSchemaless(benchmark::State& state) {
  const auto& event = insertEvent();
  JsonConverter converter;
  converter.configure({{"schemas.enable", "false"}}, false);
  std::string out;
  for (auto _ : state) {
    converter.fromConnectData("source.dev.invoice", event.data.schema, event.data.value, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonConverterFromConnectDataSchemaless);

// The sink side: bytes to Connect data, the schema coming from the converter's cache.
void BM_JsonConverterToConnectDataWithSchema(benchmark::State& state) {
  const auto& event = insertEvent();
  JsonConverter converter;
  converter.configure({}, false);
  for (auto _ : state) {
    auto sv =
        converter.toConnectData("source.dev.invoice", event.compact.data(), event.compact.size());
    benchmark::DoNotOptimize(sv);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * event.compact.size()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonConverterToConnectDataWithSchema);

}  // namespace
