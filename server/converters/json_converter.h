#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "server/api/converter.h"
#include "server/api/schema.h"
#include "server/api/value.h"
#include "server/converters/json_converter_config.h"
#include "server/converters/json_reader.h"
#include "server/converters/lru_cache.h"

namespace connectd::converters {

class JsonWriter;

// org.apache.kafka.connect.json.JsonConverter: Connect data <-> JSON, by default wrapped in the
// {"schema":...,"payload":...} envelope. Also a HeaderConverter with the same format.
//
// Writing streams straight into the caller's buffer; a schema's JSON is rendered once and kept
// on the Schema itself (Schema::json_cache_), so a record costs only its payload. The few
// schemas whose rendering depends on this converter's settings (a Decimal or composite default
// value) are cached in the converter instead. Reading parses into a JsonNode tree and reuses the
// Schema built for an identical schema text (an LRU of schemas.cache.size entries).
//
// An instance is used by one task thread; schemas it caches may be shared by other tasks.
class JsonConverter final : public api::Converter, public api::HeaderConverter {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.json.JsonConverter";

  // Ready to use with the defaults (a value converter with schemas enabled) until configured.
  JsonConverter();

  void configure(const std::map<std::string, std::string>& configs, bool is_key) override;
  // HeaderConverter.configure: `converter.type` defaults to "header" when the caller omits it.
  void configure(const std::map<std::string, std::string>& configs) override;
  api::ConfigDef config() const override;

  bool fromConnectData(std::string_view topic, const api::SchemaPtr& schema,
                       const api::Value& value, std::string& out) override;
  api::SchemaAndValue toConnectData(std::string_view topic, const char* data, size_t size) override;

  bool fromConnectHeader(std::string_view topic, std::string_view header_key,
                         const api::SchemaPtr& schema, const api::Value& value,
                         std::string& out) override;
  api::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view header_key,
                                      const char* data, size_t size) override;

  // The compact schema JSON (JsonConverter.asJsonSchema); nullptr for a null schema.
  std::shared_ptr<const std::string> asJsonSchema(const api::SchemaPtr& schema);
  // A Schema from its JSON (JsonConverter.asConnectSchema); nullptr for JSON null.
  api::SchemaPtr asConnectSchema(const JsonNode& json_schema);

  // The payload JSON of `value` under `schema` (null = infer from the value), appended to `out`.
  void convertToJson(const api::Schema* schema, const api::Value& value, std::string& out);
  // A Connect value from a payload node (null/missing node = JSON null).
  api::Value convertToConnect(const api::SchemaPtr& schema, const JsonNode* json_value) const;

  const JsonConverterConfig& jsonConfig() const { return config_; }
  size_t sizeOfToConnectSchemaCache() const { return to_connect_schema_cache_.size(); }
  size_t sizeOfFromConnectSchemaCache() const { return from_connect_schema_cache_.size(); }

 private:
  void apply(JsonConverterConfig config);
  void writeValue(const api::Schema* schema, const api::Value& value, JsonWriter& w);
  void writeLogical(const api::Schema& schema, std::string_view logical_name,
                    const api::Value& value, JsonWriter& w);
  void writeMap(const api::Schema* schema, const api::Map& map, JsonWriter& w);
  // The cached or freshly rendered JSON of `schema` (not null); sets `config_dependent` when
  // the text depends on this converter's settings.
  std::shared_ptr<const std::string> schemaJson(const api::SchemaPtr& schema,
                                                bool& config_dependent);
  // Renders `schema` (not null) into a fresh string; `config_dependent` is set when the text
  // depends on decimal.format or replace.null.with.default.
  std::shared_ptr<const std::string> renderSchema(const api::SchemaPtr& schema,
                                                  bool& config_dependent);
  api::SchemaPtr buildConnectSchema(const JsonNode& json_schema);

  JsonConverterConfig config_;
  LruCache<std::string, api::SchemaPtr> to_connect_schema_cache_;
  // Renderings that depend on this converter's settings, keyed by schema identity; the entry
  // holds the schema so the key cannot be reused by another object while cached.
  LruCache<const api::Schema*, std::pair<api::SchemaPtr, std::shared_ptr<const std::string>>>
      from_connect_schema_cache_;
};

}  // namespace connectd::converters
