#include "transforms/debezium/extract_new_record_state.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"
#include "transforms/debezium/debezium_config.h"
#include "transforms/replace_field.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "source field insertion";
constexpr const char* kEnvelopeSuffix = ".Envelope";
constexpr const char* kBefore = "before";
constexpr const char* kAfter = "after";
constexpr const char* kOperation = "op";
constexpr const char* kDeleteCode = "d";
constexpr size_t kSchemaCacheSize = 64;

const std::vector<std::string>& deleteTombstoneHandlingLiterals() {
  static const std::vector<std::string> literals = {"drop", "tombstone", "rewrite",
                                                    "rewrite-with-tombstone", "delete-to-tombstone"};
  return literals;
}

const std::vector<std::string>& legacyDeleteHandlingLiterals() {
  static const std::vector<std::string> literals = {"drop", "rewrite", "none"};
  return literals;
}

bool isValidEnvelope(const api::ConnectRecord& record) {
  return record.valueSchema && record.valueSchema->name() &&
         common::endsWith(*record.valueSchema->name(), kEnvelopeSuffix);
}

// Struct.getString(name): the raw value of a STRING field (no default substitution).
api::Value stringField(const api::Struct& s, const std::string& name) {
  const api::Field* field = s.schema()->field(name);
  if (field == nullptr) throw api::DataException(name + " is not a valid field name");
  if (field->schema->type() != api::Type::String) {
    throw api::DataException("Field '" + name + "' is not of type STRING");
  }
  return s.getWithoutDefault(name);
}

// ExtractField$Value on an envelope: the named field's schema and value (Struct.get, default
// substituted, as Kafka's ExtractField does by default).
std::pair<api::SchemaPtr, api::Value> extractField(const api::ConnectRecord& record,
                                                   const std::string& name) {
  const api::Struct* value = requireStructOrNull(record.value, "field extraction");
  const api::Field* field = record.valueSchema->field(name);
  if (field == nullptr) throw api::DataException("Unknown field: " + name);
  return {field->schema, value == nullptr ? api::Value() : value->get(*field)};
}

void setTopic(const api::Value& topic, api::ConnectRecord& record) {
  if (topic.isNull() || common::trim(topic.asString()).empty()) return;
  record.topic = topic.asString();
}

}  // namespace

ExtractNewRecordState::FieldReference::FieldReference(const std::string& prefix,
                                                      const std::string& spec) {
  std::vector<std::string> parts = javaSplit(spec, ':');
  std::vector<std::string> splits = javaSplit(parts.empty() ? std::string() : parts[0], '.');
  if (parts.empty() || splits.empty()) {
    throw api::ConfigException("Unexpected field name: " + spec);
  }
  field_ = splits.size() == 1 ? splits[0] : splits[1];
  if (splits.size() != 1) {
    struct_ = splits[0];
  } else if (field_ == "id" || field_ == "total_order" || field_ == "data_collection_order") {
    struct_ = "transaction";
  } else if (field_ == "op" || field_ == "ts_ms" || field_ == "ts_us" || field_ == "ts_ns") {
    struct_.reset();
  } else if (field_ == "updateDescription") {
    struct_ = "updateDescription";
  } else {
    struct_ = "source";
  }
  if (parts.size() == 1) {
    new_field_ = prefix + (splits.size() == 1 ? field_ : *struct_ + "_" + field_);
  } else if (parts.size() == 2) {
    new_field_ = prefix + parts[1];
  } else {
    throw api::ConfigException("Unexpected field name: " + field_);
  }
}

const api::Field* ExtractNewRecordState::FieldReference::fieldIn(
    const api::Schema& envelope_schema) const {
  const api::Schema* parent = &envelope_schema;
  if (struct_) {
    const api::Field* host = envelope_schema.field(*struct_);
    if (host == nullptr) {
      // Debezium dereferences the missing struct here (NullPointerException).
      throw api::DataException("Field '" + *struct_ + "' referenced by '" + new_field_ +
                               "' is not in the envelope schema " + envelope_schema.toString());
    }
    parent = host->schema.get();
  }
  const api::Field* field = parent->field(field_);
  // Else a field another SMT put into the envelope itself, if any.
  return field != nullptr ? field : envelope_schema.field(field_);
}

api::SchemaPtr ExtractNewRecordState::FieldReference::schemaIn(
    const api::Schema& envelope_schema) const {
  const api::Field* field = fieldIn(envelope_schema);
  if (field == nullptr) return nullptr;
  return copySchemaBasics(*field->schema).optional().build();
}

std::optional<api::Value> ExtractNewRecordState::FieldReference::valueIfResolved(
    const api::Struct& envelope) const {
  const api::Schema& envelope_schema = *envelope.schema();
  if (!struct_) {
    const api::Field* field = envelope_schema.field(field_);
    if (field == nullptr) return std::nullopt;
    return envelope.values()[static_cast<size_t>(field->index)];
  }
  const api::Field* host = envelope_schema.field(*struct_);
  if (host == nullptr) {
    throw api::DataException("Field '" + *struct_ + "' referenced by '" + new_field_ +
                             "' is not in the envelope schema " + envelope_schema.toString());
  }
  const api::Field* field = host->schema->field(field_);
  const api::Field* own = field != nullptr ? nullptr : envelope_schema.field(field_);
  if (field == nullptr && own == nullptr) return std::nullopt;
  const api::Value& host_value = envelope.values()[static_cast<size_t>(host->index)];
  if (host_value.isNull()) return api::Value();
  const api::Struct& parent = requireStruct(host_value, kPurpose);
  // Indexes from the envelope schema hold for a nested struct of that very schema; any other
  // struct is read by name, as valueIn() does.
  if (parent.schema() != host->schema) return valueIn(envelope);
  if (field != nullptr) return parent.values()[static_cast<size_t>(field->index)];
  return envelope.values()[static_cast<size_t>(own->index)];
}

api::Value ExtractNewRecordState::FieldReference::valueIn(const api::Struct& envelope) const {
  const api::Struct* parent = &envelope;
  if (struct_) {
    const api::Value& host = envelope.getWithoutDefault(*struct_);
    // transaction is null while snapshotting or without transaction metadata.
    if (host.isNull()) return api::Value();
    parent = &requireStruct(host, kPurpose);
  }
  if (parent->schema()->field(field_) != nullptr) return parent->getWithoutDefault(field_);
  return envelope.getWithoutDefault(field_);
}

std::vector<ExtractNewRecordState::FieldReference> ExtractNewRecordState::fieldReferences(
    const std::string& prefix, const std::string& spec) {
  std::vector<FieldReference> out;
  if (spec.empty()) return out;
  for (const std::string& item : javaSplit(spec, ',')) {
    out.emplace_back(prefix, std::string(common::trim(item)));
  }
  return out;
}

const api::ConfigDef& ExtractNewRecordState::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    defineDebeziumField(
        d, kHandleTombstoneDeletesConfig, ConfigDef::Type::String, "tombstone",
        ConfigDef::Importance::Medium, ConfigDef::Width::Medium,
        "Handle delete and tombstone records",
        "How to handle delete records. Options are: drop - Remove the delete event and tombstone "
        "from the stream.tombstone (default) - For each delete event, leave only a tombstone in "
        "the stream.rewrite - Remove tombstone from the record, and add a `__deleted` field with "
        "the value `true`.rewrite-with-tombstone - Retain tombstone in record and add a "
        "`__deleted` field with the value `true`.delete-to-tombstone - Convert delete events to "
        "tombstone events and drop tombstone events.",
        debeziumEnumValidator(deleteTombstoneHandlingLiterals()));
    defineDebeziumField(d, kRouteByFieldConfig, ConfigDef::Type::String, "",
                        ConfigDef::Importance::Low, ConfigDef::Width::Long, "Route by field name",
                        "The column which determines how the events will be routed, the value "
                        "will replace the topic name.");
    defineDebeziumField(d, kAddFieldsPrefixConfig, ConfigDef::Type::String, kMetadataFieldPrefix,
                        ConfigDef::Importance::Low, ConfigDef::Width::Short,
                        "Field prefix to be added to each field.",
                        "Adds this prefix to each field listed.");
    defineDebeziumField(
        d, kAddFieldsConfig, ConfigDef::Type::List, "", ConfigDef::Importance::Low,
        ConfigDef::Width::Long, "Adds the specified field(s) to the message if they exist.",
        "Adds each field listed, prefixed with __ (or __<struct>_ if the struct is specified). "
        "Example: 'version,connector,source.ts_ms' would add __version, __connector and "
        "__source_ts_ms fields. Optionally one can also map new field name like "
        "version:VERSION,connector:CONNECTOR,source.ts_ms:EVENT_TIMESTAMP.Please note that the "
        "new field name is case-sensitive.");
    defineDebeziumField(d, kAddHeadersPrefixConfig, ConfigDef::Type::String, kMetadataFieldPrefix,
                        ConfigDef::Importance::Low, ConfigDef::Width::Short,
                        "Header prefix to be added to each header.",
                        "Adds this prefix listed to each header.");
    defineDebeziumField(
        d, kAddHeadersConfig, ConfigDef::Type::List, "", ConfigDef::Importance::Low,
        ConfigDef::Width::Long, "Adds the specified fields to the header if they exist.",
        "Adds each field listed to the header,  __ (or __<struct>_ if the struct is specified). "
        "Example: 'version,connector,source.ts_ms' would add __version, __connector and "
        "__source_ts_ms fields. Optionally one can also map new field name like "
        "version:VERSION,connector:CONNECTOR,source.ts_ms:EVENT_TIMESTAMP.Please note that the "
        "new field name is case-sensitive.");
    defineDebeziumField(d, kDropFieldsHeaderConfig, ConfigDef::Type::String, std::nullopt,
                        ConfigDef::Importance::Low, ConfigDef::Width::Short,
                        "Specifies a header that contains a list of field names to be removed",
                        "Specifies the name of a header that contains a list of fields to be "
                        "removed from the event value.");
    defineDebeziumField(
        d, kDropFieldsFromKeyConfig, ConfigDef::Type::Boolean, "false", ConfigDef::Importance::Low,
        ConfigDef::Width::Short,
        "Specifies whether the fields to be dropped should also be omitted from the key",
        "Specifies whether to apply the drop fields behavior to the event key as well as the "
        "value. Default behavior is to only remove fields from the event value, not the key.");
    defineDebeziumField(
        d, kDropFieldsKeepSchemaCompatibleConfig, ConfigDef::Type::Boolean, "true",
        ConfigDef::Importance::Low, ConfigDef::Width::Short,
        "Specifies if fields are dropped, will the event's schemas be compatible",
        "Controls the output event's schema compatibility when using the drop fields feature. "
        "`true`: dropped fields are removed if the schema indicates its optional leaving the "
        "schemas unchanged, `false`: dropped fields are removed from the key/value schemas, "
        "regardless of optionality.");
    return d;
  }();
  return def;
}

void ExtractNewRecordState::configure(const std::map<std::string, std::string>& configs) {
  DebeziumConfig config(configs);

  DebeziumConfigProblems problems;
  std::optional<std::string> mode_value = config.getString(kHandleTombstoneDeletesConfig);
  std::optional<std::string> mode;
  if (mode_value) {
    mode = parseDebeziumEnum(deleteTombstoneHandlingLiterals(), *mode_value);
    if (!mode) {
      problems.add(kHandleTombstoneDeletesConfig, mode_value,
                   "Value must be one of " + common::join(deleteTombstoneHandlingLiterals(), ", "));
    }
  }
  const bool legacy = !mode_value && (config.hasKey(kDropTombstonesConfig) ||
                                      config.hasKey(kHandleDeletesConfig));
  std::optional<std::string> legacy_mode;
  if (legacy) {
    std::string value = config.getString(kHandleDeletesConfig, "drop");
    legacy_mode = parseDebeziumEnum(legacyDeleteHandlingLiterals(), value);
    if (!legacy_mode) {
      problems.add(kHandleDeletesConfig, value,
                   "Value must be one of " + common::join(legacyDeleteHandlingLiterals(), ", "));
    }
  }
  problems.throwIfAny();

  additional_fields_ = fieldReferences(
      config.getString(kAddFieldsPrefixConfig, kMetadataFieldPrefix), config.getString(kAddFieldsConfig, ""));
  additional_headers_ = fieldReferences(
      config.getString(kAddHeadersPrefixConfig, kMetadataFieldPrefix), config.getString(kAddHeadersConfig, ""));
  std::string route = config.getString(kRouteByFieldConfig, "");
  route_by_field_ = route.empty() ? std::nullopt : std::optional<std::string>(route);

  if (legacy) {
    spdlog::warn(
        "The deleted record handling configs \"drop.tombstones\" and \"delete.handling.mode\" have "
        "been deprecated, please use \"delete.tombstone.handling.mode\" instead.");
    keep_tombstones_ = !config.getBoolean(kDropTombstonesConfig, true);
    delete_handling_ = *legacy_mode == "none"      ? DeleteHandling::Tombstone
                       : *legacy_mode == "rewrite" ? DeleteHandling::Rewrite
                                                   : DeleteHandling::Drop;
  } else {
    const std::string m = mode.value_or("tombstone");
    keep_tombstones_ = m == "rewrite-with-tombstone";
    delete_handling_ = m == "drop"                  ? DeleteHandling::Drop
                       : m == "delete-to-tombstone" ? DeleteHandling::DeleteToTombstone
                       : m == "tombstone"           ? DeleteHandling::Tombstone
                                                    : DeleteHandling::Rewrite;
  }

  const std::string replace_null_with_default =
      config.getBoolean(kReplaceNullWithDefaultConfig, true) ? "true" : "false";
  removed_delegate_.emplace();
  removed_delegate_->configure({{InsertField::kStaticFieldConfig, kDeletedField},
                                {InsertField::kStaticValueConfig, "true"},
                                {InsertField::kReplaceNullWithDefaultConfig, replace_null_with_default}});
  updated_delegate_.emplace();
  updated_delegate_->configure({{InsertField::kStaticFieldConfig, kDeletedField},
                                {InsertField::kStaticValueConfig, "false"},
                                {InsertField::kReplaceNullWithDefaultConfig, replace_null_with_default}});

  drop_fields_header_name_ = config.getString(kDropFieldsHeaderConfig, "");
  drop_fields_from_key_ = config.getBoolean(kDropFieldsFromKeyConfig, false);
  drop_fields_keep_schema_compatible_ = config.getBoolean(kDropFieldsKeepSchemaCompatibleConfig, true);
  schema_update_cache_.clear();
}

void ExtractNewRecordState::close() {
  schema_update_cache_.clear();
  if (removed_delegate_) removed_delegate_->close();
  if (updated_delegate_) updated_delegate_->close();
}

bool ExtractNewRecordState::apply(api::ConnectRecord& record) {
  if (!removed_delegate_) throw api::ConnectException("ExtractNewRecordState used before configure()");
  const bool is_tombstone = record.value.isNull();
  const bool is_envelope = isValidEnvelope(record);

  if ((is_envelope || is_tombstone) && !additional_headers_.empty()) addHeaders(record);

  if (is_tombstone) {
    if (!keep_tombstones_) spdlog::trace("Tombstone arrived and requested to be dropped");
    return keep_tombstones_;
  }
  if (!is_envelope) return true;

  // The envelope stays alive (and unchanged) while the record is rewritten in place.
  const api::Value envelope_value = record.value;
  const api::Struct& envelope = requireStruct(envelope_value, kPurpose);

  auto [after_schema, after] = extractField(record, kAfter);
  if (after.isNull()) {
    auto [before_schema, before] = extractField(record, kBefore);
    if (before.isNull()) {
      spdlog::trace("Truncate event arrived and requested to be dropped");
      return false;
    }

    switch (delete_handling_) {
      case DeleteHandling::Drop:
        spdlog::trace("Delete message requested to be dropped");
        return false;
      case DeleteHandling::Tombstone:
        // Value null with the row schema: the JDBC sink reads this as a flattened delete.
        record.valueSchema = after_schema;
        record.value = api::Value();
        break;
      case DeleteHandling::DeleteToTombstone:
        record.valueSchema = nullptr;
        record.value = api::Value();
        break;
      case DeleteHandling::Rewrite:
        record.valueSchema = before_schema;
        record.value = before;
        if (record.value.kind() == api::Value::Kind::Struct) removed_delegate_->apply(record);
        break;
    }

    if (route_by_field_) {
      const api::Struct& before_row = requireStruct(before, kPurpose);
      setTopic(stringField(before_row, *route_by_field_), record);
    }
    if (!common::trim(drop_fields_header_name_).empty()) dropFields(record);
    if (!record.value.isNull()) addFields(envelope, record);
    return true;
  }

  record.valueSchema = after_schema;
  record.value = after;
  if (delete_handling_ == DeleteHandling::Rewrite &&
      record.value.kind() == api::Value::Kind::Struct) {
    updated_delegate_->apply(record);
  }
  if (route_by_field_) {
    const api::Struct& row =
        requireStruct(record.value, "Read record to set topic routing for CREATE / UPDATE");
    setTopic(stringField(row, *route_by_field_), record);
  }
  addFields(envelope, record);
  if (!drop_fields_header_name_.empty()) dropFields(record);
  return true;
}

void ExtractNewRecordState::addHeaders(api::ConnectRecord& record) const {
  if (record.value.isNull()) {
    // Only the operation is known for a tombstone: it follows a delete.
    for (const FieldReference& ref : additional_headers_) {
      if (ref.field() == kOperation) record.headers.addString(ref.newField(), kDeleteCode);
    }
    return;
  }
  const api::Struct& envelope = requireStruct(record.value, kPurpose);
  api::Headers headers;
  for (const FieldReference& ref : additional_headers_) {
    api::SchemaPtr schema = ref.schemaIn(*envelope.schema());
    if (schema) headers.add(ref.newField(), std::move(schema), ref.valueIn(envelope));
  }
  for (const api::Header& h : headers) record.headers.add(h.key, h.schema, h.value);
}

void ExtractNewRecordState::addFields(const api::Struct& envelope, api::ConnectRecord& record) {
  const api::Struct& value = requireStruct(record.value, kPurpose);
  // Hold the row while its replacement is built.
  const api::Value row = record.value;

  // Keyed by operation too, as Debezium does: ExtractChangedRecordState + HeaderToValue
  // upstream can give one row schema different fields per operation.
  const api::Value op = stringField(envelope, kOperation);
  std::pair<api::SchemaPtr, std::optional<std::string>> key{
      value.schema(), op.isNull() ? std::nullopt : std::optional<std::string>(op.asString())};
  api::SchemaPtr updated_schema;
  for (auto it = schema_update_cache_.begin(); it != schema_update_cache_.end(); ++it) {
    if (it->first.second == key.second && api::schemaEquals(it->first.first, key.first)) {
      schema_update_cache_.splice(schema_update_cache_.begin(), schema_update_cache_, it);
      updated_schema = schema_update_cache_.front().second;
      break;
    }
  }
  if (!updated_schema) {
    updated_schema = makeUpdatedSchema(*value.schema(), *envelope.schema());
    schema_update_cache_.emplace_front(std::move(key), updated_schema);
    if (schema_update_cache_.size() > kSchemaCacheSize) schema_update_cache_.pop_back();
  }

  auto updated = std::make_shared<api::Struct>(updated_schema);
  // The updated schema starts with the row's fields in the same order. Raw values: the row
  // keeps its nulls even where the column has a default.
  const auto& updated_fields = updated_schema->fields();
  for (size_t i = 0; i < value.values().size(); ++i) updated->put(updated_fields[i], value.values()[i]);
  // Then the references that resolved when the schema was made, in order; the name check
  // covers a cached schema made from an envelope of another shape.
  size_t next = value.values().size();
  for (const FieldReference& ref : additional_fields_) {
    std::optional<api::Value> field_value = ref.valueIfResolved(envelope);
    if (!field_value) continue;
    if (next < updated_fields.size() && updated_fields[next].name == ref.newField()) {
      updated->put(updated_fields[next++], std::move(*field_value));
    } else {
      updated->put(ref.newField(), std::move(*field_value));
    }
  }
  record.valueSchema = std::move(updated_schema);
  record.value = api::Value(std::move(updated));
}

api::SchemaPtr ExtractNewRecordState::makeUpdatedSchema(const api::Schema& schema,
                                                        const api::Schema& envelope_schema) const {
  api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
  copySchemaBasics(schema, builder);
  for (const api::Field& field : schema.fields()) builder.field(field.name, field.schema);
  for (const FieldReference& ref : additional_fields_) {
    if (api::SchemaPtr field_schema = ref.schemaIn(envelope_schema)) {
      builder.field(ref.newField(), std::move(field_schema));
    }
  }
  return builder.build();
}

void ExtractNewRecordState::dropFields(api::ConnectRecord& record) const {
  const api::Header* header = nullptr;
  for (const api::Header& h : record.headers) {
    if (h.key == drop_fields_header_name_) {
      header = &h;
      break;
    }
  }
  if (header == nullptr || header->value.isNull()) return;
  if (header->value.kind() != api::Value::Kind::Array) {
    throw api::DataException("Header '" + drop_fields_header_name_ +
                             "' must hold a list of field names, found: " +
                             std::string(header->value.javaClassName()));
  }
  std::vector<std::string> names;
  for (const api::Value& v : header->value.asArray()) {
    if (v.kind() == api::Value::Kind::String) names.push_back(v.asString());
  }
  if (header->value.asArray().empty()) return;

  if (drop_fields_from_key_ && !record.key.isNull()) {
    std::vector<std::string> key_fields = fieldsToDrop(record.keySchema, names);
    if (!key_fields.empty()) {
      ReplaceField::Key delegate;
      delegate.configure({{ReplaceField::kExcludeConfig, common::join(key_fields, ",")}});
      delegate.apply(record);
    }
  }
  std::vector<std::string> value_fields = fieldsToDrop(record.valueSchema, names);
  if (!value_fields.empty()) {
    ReplaceField::Value delegate;
    delegate.configure({{ReplaceField::kExcludeConfig, common::join(value_fields, ",")}});
    delegate.apply(record);
  }
}

std::vector<std::string> ExtractNewRecordState::fieldsToDrop(
    const api::SchemaPtr& schema, const std::vector<std::string>& names) const {
  if (!drop_fields_keep_schema_compatible_) return names;
  std::vector<std::string> out;
  // Debezium dereferences a missing schema here; a schemaless or tombstone side has no
  // optional fields to drop.
  if (!schema || schema->type() != api::Type::Struct) return out;
  for (const api::Field& field : schema->fields()) {
    if (field.schema->isOptional() &&
        std::find(names.begin(), names.end(), field.name) != names.end()) {
      out.push_back(field.name);
    }
  }
  return out;
}

}  // namespace connectd::transforms
