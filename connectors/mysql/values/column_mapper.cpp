#include "connectors/mysql/values/column_mapper.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

bool isCharacterJdbcType(int t) {
  switch (t) {
    case jdbc::kChar:
    case jdbc::kVarchar:
    case jdbc::kNChar:
    case jdbc::kNVarchar:
    case -1:
    case 2005:
    case -16:
    case 2011:
    case 70:
      return true;
    default:
      return false;
  }
}

// Java MessageDigest names (case-insensitive, with their aliases) -> OpenSSL names.
std::string opensslDigestName(const std::string& java) {
  std::string u = common::toUpper(java);
  if (u == "SHA" || u == "SHA1" || u == "SHA-1") return "SHA1";
  if (u == "MD5") return "MD5";
  if (u == "MD2") return "MD2";
  if (u == "SHA-224" || u == "SHA224") return "SHA224";
  if (u == "SHA-256" || u == "SHA256") return "SHA256";
  if (u == "SHA-384" || u == "SHA384") return "SHA384";
  if (u == "SHA-512" || u == "SHA512") return "SHA512";
  if (u == "SHA-512/224" || u == "SHA512/224") return "SHA512-224";
  if (u == "SHA-512/256" || u == "SHA512/256") return "SHA512-256";
  if (u == "SHA3-224" || u == "SHA3-256" || u == "SHA3-384" || u == "SHA3-512") return u;
  return {};
}

// Cuts a UTF-8 string to `max_units` UTF-16 code units (String.substring(0, n)); a surrogate
// pair straddling the cut is dropped whole.
std::string truncateUtf16(const std::string& s, int max_units) {
  size_t units = 0, i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    size_t u = len == 4 ? 2 : 1;
    if (units + u > static_cast<size_t>(max_units)) break;
    units += u;
    i += len;
  }
  return s.substr(0, i);
}

size_t utf16Length(const std::string& s) {
  size_t units = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) == 0x80) continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace

std::string javaSerializedString(std::string_view utf8) {
  // Modified UTF-8: U+0000 as C0 80, supplementary characters as two 3-byte surrogates.
  std::string m;
  m.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c == 0) {
      m += "\xC0\x80";
      ++i;
    } else if (c >= 0xF0 && i + 3 < utf8.size()) {
      uint32_t cp = (c & 0x07u) << 18 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 12 |
                    (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu) << 6 |
                    (static_cast<unsigned char>(utf8[i + 3]) & 0x3Fu);
      cp -= 0x10000;
      for (uint32_t unit : {0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)}) {
        m.push_back(static_cast<char>(0xE0 | (unit >> 12)));
        m.push_back(static_cast<char>(0x80 | ((unit >> 6) & 0x3F)));
        m.push_back(static_cast<char>(0x80 | (unit & 0x3F)));
      }
      i += 4;
    } else {
      m.push_back(static_cast<char>(c));
      ++i;
    }
  }
  std::string out("\xAC\xED\x00\x05", 4);
  if (m.size() <= 0xFFFF) {
    out.push_back('\x74');
    out.push_back(static_cast<char>(m.size() >> 8));
    out.push_back(static_cast<char>(m.size() & 0xFF));
  } else {
    out.push_back('\x7C');
    uint64_t n = m.size();
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  out += m;
  return out;
}

std::string hexDigest(const std::string& java_algorithm, std::string_view data) {
  std::string name = opensslDigestName(java_algorithm);
  const EVP_MD* md = name.empty() ? nullptr : EVP_get_digestbyname(name.c_str());
  if (!md) throw std::invalid_argument("java.security.NoSuchAlgorithmException: " + java_algorithm + " MessageDigest not available");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 || EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
    throw std::runtime_error("digest " + java_algorithm + " failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::optional<ColumnMapper> ColumnMapper::forColumn(const TableId& table_id, const Column& column,
                                                    const std::vector<ColumnMappingRule>& rules,
                                                    const std::optional<std::string>& comment) {
  const std::string by_name = table_id.toString() + "." + column.name;
  const std::string by_type = table_id.toString() + "." + column.typeName;
  const ColumnMappingRule* rule = nullptr;
  for (const auto& r : rules) {
    if (!r.matches) continue;
    const std::string& subject = r.kind == ColumnMappingRule::Kind::PropagateDataType ? by_type : by_name;
    if (r.matches(subject)) {
      rule = &r;
      break;
    }
  }
  if (!rule) return std::nullopt;
  ColumnMapper m;
  m.kind_ = rule->kind;
  const int length = column.length.value_or(-1);
  switch (rule->kind) {
    case ColumnMappingRule::Kind::Truncate:
      if (rule->n < 0) throw api::ConfigException("Maximum length must be non-negative");
      m.n_ = rule->n;
      m.add_truncate_parameter_ = length < 0 || length > rule->n;
      if (m.add_truncate_parameter_) m.op_ = Op::Truncate;
      break;
    case ColumnMappingRule::Kind::MaskChars:
      m.mask_ = std::string(static_cast<size_t>(std::max(rule->n, 0)), '*');
      if (isCharacterJdbcType(column.jdbcType)) m.op_ = Op::Mask;
      break;
    case ColumnMappingRule::Kind::MaskHash:
    case ColumnMappingRule::Kind::MaskHashV2:
      m.algorithm_ = rule->algorithm;
      m.salt_ = rule->salt;
      m.hash_v2_ = rule->kind == ColumnMappingRule::Kind::MaskHashV2;
      try {
        hexDigest(m.algorithm_, "");
      } catch (const std::invalid_argument& e) {
        throw api::ConfigException(e.what());
      }
      m.hash_truncate_ = length > 0 ? length : 0;
      if (isCharacterJdbcType(column.jdbcType)) m.op_ = Op::Hash;
      break;
    case ColumnMappingRule::Kind::PropagateSourceType:
    case ColumnMappingRule::Kind::PropagateDataType:
      m.parameters_.emplace_back("__debezium.source.column.type", common::toUpper(column.typeName));
      if (column.length) m.parameters_.emplace_back("__debezium.source.column.length", std::to_string(*column.length));
      if (column.scale) m.parameters_.emplace_back("__debezium.source.column.scale", std::to_string(*column.scale));
      if (comment && !comment->empty()) m.parameters_.emplace_back("__debezium.source.column.comment", *comment);
      m.parameters_.emplace_back("__debezium.source.column.name", column.name);
      break;
  }
  return m;
}

void ColumnMapper::alterFieldSchema(api::SchemaBuilder& builder) const {
  switch (kind_) {
    case ColumnMappingRule::Kind::Truncate:
      if (add_truncate_parameter_) builder.parameter("truncateLength", std::to_string(n_));
      break;
    case ColumnMappingRule::Kind::MaskChars:
    case ColumnMappingRule::Kind::MaskHash:
    case ColumnMappingRule::Kind::MaskHashV2:
      builder.parameter("masked", "true");
      break;
    case ColumnMappingRule::Kind::PropagateSourceType:
    case ColumnMappingRule::Kind::PropagateDataType:
      for (const auto& [k, v] : parameters_) builder.parameter(k, v);
      break;
  }
}

api::Value ColumnMapper::apply(api::Value value) const {
  switch (op_) {
    case Op::None:
      return value;
    case Op::Truncate:
      if (value.kind() == api::Value::Kind::String) {
        const std::string& s = value.asString();
        if (utf16Length(s) > static_cast<size_t>(n_)) return api::Value(truncateUtf16(s, n_));
      } else if (value.kind() == api::Value::Kind::Bytes) {
        const std::string& b = value.asBytes().data;
        if (b.size() > static_cast<size_t>(n_)) return api::Value(api::Bytes{b.substr(0, static_cast<size_t>(n_))});
      }
      return value;
    case Op::Mask:
      // MaskingValueConverter replaces every value, null included.
      return api::Value(mask_);
    case Op::Hash: {
      if (value.kind() != api::Value::Kind::String) return api::Value();
      std::string data = salt_;
      data += hash_v2_ ? value.asString() : javaSerializedString(value.asString());
      std::string hex = hexDigest(algorithm_, data);
      if (hash_truncate_ > 0 && hex.size() > static_cast<size_t>(hash_truncate_)) hex.resize(static_cast<size_t>(hash_truncate_));
      return api::Value(std::move(hex));
    }
  }
  return value;
}

}  // namespace connectd::mysql
