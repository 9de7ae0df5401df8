#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "server/api/connect_record.h"

namespace connectd::runtime {

// Source offsets as stored: keys are the JSON of ["<connector>", {partition}] and values the
// JSON of the offset map, written exactly as Connect's internal schemaless JsonConverter
// (Jackson) writes them, so keys are byte-identical to Java workers' (spec §2.3).
class OffsetUtils {
 public:
  // OffsetUtils.validateFormat: string keys (always, here) and primitive values only.
  // Throws DataException("Offsets may only contain primitive types as values, but field <k> contains <TYPE>").
  static void validateFormat(const api::OffsetMap& data);

  // Appends the JSON object of `map` to `out`.
  static void appendJson(const api::OffsetMap& map, std::string& out);
  static std::string toJson(const api::OffsetMap& map);
  // The offsets-topic key bytes of a partition.
  static std::string keyFor(std::string_view connector, const api::OffsetMap& partition);

  // Parses a JSON object of primitives (integers become int64, decimals float64) in
  // document order; throws DataException for anything else.
  static api::OffsetMap fromJson(const nlohmann::ordered_json& object);
  static api::OffsetMap parse(std::string_view json);
  // Parses a stored key; nullopt for malformed keys (wrong shape, non-string name, null or
  // non-object partition), which readers ignore as Kafka's OffsetUtils.processPartitionKey does.
  static std::optional<std::pair<std::string, api::OffsetMap>> parseKey(std::string_view key);
};

}  // namespace connectd::runtime
