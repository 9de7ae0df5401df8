#pragma once

#include <optional>
#include <string>
#include <vector>

#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/values/column_mapping_rule.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::mysql {

// The column mapper Debezium's ColumnMappers picks for one value field (the first matching
// rule), resolved for that column: TruncateColumn, MaskStrings (fixed mask or salted hash, V1
// hashing Java's serialized String, V2 its bytes) or PropagateSourceMetadataToSchemaParameter.
// alterFieldSchema() adds the schema parameters; apply() post-processes a converted value.
// Immutable; apply() may be called from any thread.
class ColumnMapper {
 public:
  // nullopt when no rule matches. Throws api::ConfigException for an unknown hash algorithm.
  static std::optional<ColumnMapper> forColumn(const TableId& table_id, const Column& column,
                                               const std::vector<ColumnMappingRule>& rules,
                                               const std::optional<std::string>& comment);

  void alterFieldSchema(api::SchemaBuilder& builder) const;
  // True when apply() can change values (a mapper that only adds parameters returns false).
  bool changesValues() const { return op_ != Op::None; }
  api::Value apply(api::Value value) const;

 private:
  enum class Op { None, Truncate, Mask, Hash };
  ColumnMappingRule::Kind kind_ = ColumnMappingRule::Kind::Truncate;
  Op op_ = Op::None;
  bool add_truncate_parameter_ = false;
  int n_ = 0;
  std::string mask_;
  std::string algorithm_;  // OpenSSL digest name
  std::string salt_;
  bool hash_v2_ = false;
  int hash_truncate_ = 0;  // > 0: cut the hex digest to the column length
  // PropagateSourceType/PropagateDataType parameters, in Debezium's order.
  std::vector<std::pair<std::string, std::string>> parameters_;
};

// Java's ObjectOutputStream serialization of a String (stream header, TC_STRING/TC_LONGSTRING,
// length, modified UTF-8), the bytes MaskStrings V1 hashes. `utf8` must be UTF-8.
std::string javaSerializedString(std::string_view utf8);

// Lowercase hex of MessageDigest.getInstance(java_algorithm) over `data`; throws
// std::invalid_argument for an algorithm the JVM would not know.
std::string hexDigest(const std::string& java_algorithm, std::string_view data);

}  // namespace connectd::mysql
