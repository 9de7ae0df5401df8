#pragma once

#include <list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/headers.h"
#include "server/api/transformation.h"
#include "transforms/insert_field.h"

namespace connectd::transforms {

// Debezium's io.debezium.transforms.ExtractNewRecordState ("unwrap", event flattening, as of
// Debezium 3.6): replaces a change event envelope (value schema named "*.Envelope") by its row.
//
// c/r/u events become their `after` row. The row Struct is rebuilt on a copy of the row schema
// (same name, no longer optional) followed by the `add.fields` (each an optional copy of the
// envelope field's schema, named `add.fields.prefix` + "op", "source_ts_ms", ...; values read
// without default substitution; references that resolve to nothing are skipped).
// Deletes, tombstones and truncates follow `delete.tombstone.handling.mode`:
//
//   mode                     delete event                          tombstone
//   drop                     dropped                               dropped
//   tombstone (default)      null value, row schema kept           dropped
//   rewrite                  `before` row + __deleted="true"       dropped
//   rewrite-with-tombstone   `before` row + __deleted="true"       kept
//   delete-to-tombstone      null value, null schema               dropped
//
// In the rewrite modes c/r/u rows get __deleted="false" (Kafka's InsertField, so
// `replace.null.with.default` decides whether null columns take their defaults there).
// Truncate events are dropped; other records (heartbeats, schema changes, anything that is not
// an envelope) pass unchanged. `add.headers` adds headers the same way (for a tombstone only
// the "op" reference resolves, to "d"), `route.by.field` takes the topic from a row column,
// and `drop.fields.header.name` names a header listing fields to drop from the value (and the
// key with `drop.fields.from.key`; only optional fields while
// `drop.fields.keep.schema.compatible`).
//
// Debezium 3.2 removed the deprecated `drop.tombstones` and `delete.handling.mode`
// (drop/none/rewrite); they are honoured here as Debezium 3.1 did, when
// `delete.tombstone.handling.mode` is not set. As in Debezium, the ConfigDef lists neither them
// nor `replace.null.with.default` (default true), which configure() reads as well.
class ExtractNewRecordState : public api::Transformation {
 public:
  static constexpr const char* kClassName = "io.debezium.transforms.ExtractNewRecordState";

  static constexpr const char* kHandleTombstoneDeletesConfig = "delete.tombstone.handling.mode";
  static constexpr const char* kRouteByFieldConfig = "route.by.field";
  static constexpr const char* kAddFieldsPrefixConfig = "add.fields.prefix";
  static constexpr const char* kAddFieldsConfig = "add.fields";
  static constexpr const char* kAddHeadersPrefixConfig = "add.headers.prefix";
  static constexpr const char* kAddHeadersConfig = "add.headers";
  static constexpr const char* kDropFieldsHeaderConfig = "drop.fields.header.name";
  static constexpr const char* kDropFieldsFromKeyConfig = "drop.fields.from.key";
  static constexpr const char* kDropFieldsKeepSchemaCompatibleConfig =
      "drop.fields.keep.schema.compatible";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";
  static constexpr const char* kDropTombstonesConfig = "drop.tombstones";
  static constexpr const char* kHandleDeletesConfig = "delete.handling.mode";

  static constexpr const char* kDeletedField = "__deleted";
  static constexpr const char* kMetadataFieldPrefix = "__";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override;

 private:
  enum class DeleteHandling { Drop, Tombstone, Rewrite, DeleteToTombstone };

  // AbstractExtractNewRecordState.FieldReference: one add.fields / add.headers item.
  class FieldReference {
   public:
    FieldReference(const std::string& prefix, const std::string& spec);
    const std::string& field() const { return field_; }
    const std::string& newField() const { return new_field_; }
    // The optional schema of the referenced field of the envelope, or null when it is absent.
    api::SchemaPtr schemaIn(const api::Schema& envelope_schema) const;
    api::Value valueIn(const api::Struct& envelope) const;
    // valueIn() when schemaIn() would find the field, else nullopt: the per-record path of
    // add.fields, looking each name up once.
    std::optional<api::Value> valueIfResolved(const api::Struct& envelope) const;

   private:
    const api::Field* fieldIn(const api::Schema& envelope_schema) const;

    std::optional<std::string> struct_;  // "source", "transaction", ... or none for op/ts_*
    std::string field_;
    std::string new_field_;
  };

  static std::vector<FieldReference> fieldReferences(const std::string& prefix,
                                                     const std::string& spec);

  void addHeaders(api::ConnectRecord& record) const;
  void addFields(const api::Struct& envelope, api::ConnectRecord& record);
  api::SchemaPtr makeUpdatedSchema(const api::Schema& schema, const api::Schema& envelope_schema) const;
  void dropFields(api::ConnectRecord& record) const;
  std::vector<std::string> fieldsToDrop(const api::SchemaPtr& schema,
                                        const std::vector<std::string>& names) const;

  DeleteHandling delete_handling_ = DeleteHandling::Tombstone;
  bool keep_tombstones_ = false;
  std::vector<FieldReference> additional_fields_;
  std::vector<FieldReference> additional_headers_;
  std::optional<std::string> route_by_field_;
  std::string drop_fields_header_name_;
  bool drop_fields_from_key_ = false;
  bool drop_fields_keep_schema_compatible_ = true;
  std::optional<InsertField::Value> removed_delegate_;
  std::optional<InsertField::Value> updated_delegate_;
  // (row schema, op) -> schema with the added fields; BoundedConcurrentHashMap(64) in Debezium.
  std::list<std::pair<std::pair<api::SchemaPtr, std::optional<std::string>>, api::SchemaPtr>>
      schema_update_cache_;
};

}  // namespace connectd::transforms
