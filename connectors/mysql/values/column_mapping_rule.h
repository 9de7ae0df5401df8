#pragma once

#include <functional>
#include <string>

namespace connectd::mysql {

// One column mapping rule of Debezium's ColumnMappers, parsed from the connector config:
//   column.truncate.to.N.chars            -> Truncate (n = N)
//   column.mask.with.N.chars              -> MaskChars (n = N)
//   column.mask.hash.ALG.with.salt.SALT   -> MaskHash (algorithm, salt)
//   column.mask.hash.v2.ALG.with.salt.SALT-> MaskHashV2 (algorithm, salt)
//   column.propagate.source.type          -> PropagateSourceType
//   datatype.propagate.source.type        -> PropagateDataType
// `matches` receives "db.table.column" for every kind except PropagateDataType, which receives
// "db.table.TYPENAME" (the column's type name as the DDL parser wrote it, e.g. "db.t.VARCHAR"),
// exactly the strings ColumnMappers.Builder matches its regular expressions against.
//
// Rules are tried in order and the first matching rule is the column's only mapper (as
// ColumnMappers.mapperFor), so the config helper should add them in Debezium's order:
// truncate, mask-with-chars, propagate column, propagate datatype, hash v1, hash v2.
// Mappers apply to value fields only, never to key fields.
struct ColumnMappingRule {
  enum class Kind { Truncate, MaskChars, MaskHash, MaskHashV2, PropagateSourceType, PropagateDataType } kind;
  std::function<bool(const std::string& subject)> matches;
  int n = 0;
  std::string algorithm;  // Java MessageDigest name: MD5, SHA-1, SHA-256, SHA-512, SHA3-256, ...
  std::string salt;
};

}  // namespace connectd::mysql
