#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/api/plugin_registry.h"
#include "server/common/logging.h"
#include "server/runtime/herder.h"

namespace connectd::rest {

// Kafka Connect's REST entities (org.apache.kafka.connect.runtime.rest.entities) as JSON: the
// rendering of the herder's answers and the parsing of request bodies. Output is compact, nulls
// are kept except where an entity says otherwise (spec §1.3). Object members follow Java's field
// order for readability; clients must not depend on it.
using Json = nlohmann::ordered_json;

// Compact UTF-8 text of `j` (invalid UTF-8 from plugin strings is replaced, never thrown on).
std::string dump(const Json& j);

// "source" / "sink" / "unknown" (ConnectorType's lower-case JSON form).
std::string_view connectorTypeString(runtime::ConnectorType type);

Json toJson(const api::ConfigMap& config);
Json toJson(const runtime::ConnectorTaskId& id);
Json toJson(const runtime::ConnectorInfo& info);
Json toJson(const runtime::TaskInfo& info);
Json toJson(const runtime::TaskStateInfo& state);
Json toJson(const runtime::ConnectorStateInfo& state);
Json toJson(const runtime::ConnectorOffsets& offsets);
Json toJson(const runtime::ConfigKeyInfo& key);
Json toJson(const runtime::ConfigValueInfo& value);
Json toJson(const runtime::ConfigInfos& infos);
// The connector part of a status: {"state","worker_id"[,"trace"]}.
Json connectorStateJson(const runtime::StateInfo& state);
// {"class","type","version"}; version is left out when the plugin reports "undefined".
Json pluginInfoJson(const api::PluginDesc& plugin);
// {"level","last_modified"}; last_modified is null when never changed through this worker.
Json loggerLevelJson(const common::LoggerLevels::Level& level);
Json serverInfoJson(std::string_view version, std::string_view commit, std::string_view kafka_cluster_id);
Json workerStatusJson(std::string_view status, std::string_view message);
Json messageJson(std::string_view message);
// The tasks-config map: {"<connector>-<task>":{config}}.
Json tasksConfigJson(const std::vector<runtime::TaskInfo>& tasks);

// A request body Jackson could not read. Connect registers no Jackson exception mapper, so these
// surface as HTTP 500 with Jackson's message; the text follows Jackson's shape.
class JsonProcessingException : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a request body. An empty (or all-blank) body is JSON null, as Jersey hands the resource a
// null entity. With `numbers_as_text`, numbers keep their source text as strings: that is how
// Jackson coerces a JSON number into a Map<String,String> value ("1.50" stays "1.50").
// Content after the first value is ignored, as Jackson does. Throws JsonProcessingException.
Json parseRequestBody(std::string_view body, bool numbers_as_text);

// The entries of a Map<String,String> body in document order (Jackson builds a LinkedHashMap);
// nullopt for a JSON null value. Numbers and booleans are coerced to their text.
using NullableConfig = std::vector<std::pair<std::string, std::optional<std::string>>>;

// Reads a Map<String,String>. `j` must not be null (callers raise their own NPE text). Throws
// JsonProcessingException for non-object bodies or object/array values; `owner` names the
// Java property path for the message's reference chain (e.g. "CreateConnectorRequest[\"config\"]").
NullableConfig nullableConfigFromJson(const Json& j, std::string_view owner = {});
// The non-null entries as a ConfigMap.
api::ConfigMap nonNullEntries(const NullableConfig& config);
const std::optional<std::string>* findEntry(const NullableConfig& config, std::string_view key);
// LinkedHashMap.put: replaces in place, or appends.
void putEntry(NullableConfig& config, const std::string& key, std::string value);

// POST /connectors body.
struct CreateConnectorRequest {
  std::optional<std::string> name;              // as sent (not trimmed); nullopt when absent/null
  std::optional<NullableConfig> config;         // nullopt when absent/null
  std::optional<runtime::TargetState> initial_state;
};
// Throws JsonProcessingException for unknown properties or wrong types, and
// api::BadRequestException for an initial_state other than RUNNING/PAUSED/STOPPED.
CreateConnectorRequest createConnectorRequestFromJson(const Json& j);

// PATCH /connectors/{n}/offsets body ({"offsets":[{"partition":{..},"offset":{..}|null}]}).
// An absent or null "offsets" gives an empty list. Throws JsonProcessingException.
runtime::ConnectorOffsets connectorOffsetsFromJson(const Json& j);

// POST /connectors/{n}/tasks body: a JSON array of string maps (Jackson's
// List<Map<String,String>>, numbers and booleans coerced to text). Throws JsonProcessingException
// for other shapes and api::BadRequestException for a null task config or a null value.
std::vector<api::ConfigMap> taskConfigsFromJson(const Json& j);

// Java's AbstractMap.toString() of the config as Connect prints it in "contains no connector
// type": the map has been copied into a java.util.HashMap by the config transformer, so entries
// come in HashMap bucket order ({k=v, k2=v2}).
std::string javaMapToString(const NullableConfig& config);
// Java's String.hashCode over the UTF-16 form of a UTF-8 string.
int32_t javaStringHash(std::string_view utf8);

// The path of a 201 Location header for a connector (JAX-RS UriBuilder.path(name) encoding:
// '/' and sub-delimiters stay, existing %XX escapes stay, everything else is percent-encoded).
std::string connectorLocationPath(std::string_view name);

}  // namespace connectd::rest
