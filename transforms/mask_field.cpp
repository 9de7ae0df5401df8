#include "transforms/mask_field.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <variant>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "transforms/util/java_lang.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/non_empty_list_validator.h"
#include "transforms/util/requirements.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "mask fields";

// The Java class Kafka dispatches on. Date, Time and Timestamp values are java.util.Date there;
// here they are held as integers, so the field schema tells them apart.
enum class MaskClass {
  Boolean,
  Byte,
  Short,
  Integer,
  Long,
  Float,
  Double,
  BigDecimal,
  Date,
  String,
  List,
  Map,
  Other
};

bool isDateLike(const api::SchemaPtr& schema) {
  if (!schema || !schema->name()) return false;
  const std::string& name = *schema->name();
  return name == api::logical::kDate || name == api::logical::kTime ||
         name == api::logical::kTimestamp;
}

MaskClass maskClassOf(const api::Value& value, const api::SchemaPtr& schema) {
  using K = api::Value::Kind;
  switch (value.kind()) {
    case K::Boolean:
      return MaskClass::Boolean;
    case K::Int8:
      return MaskClass::Byte;
    case K::Int16:
      return MaskClass::Short;
    case K::Int32:
      return isDateLike(schema) ? MaskClass::Date : MaskClass::Integer;
    case K::Int64:
      return isDateLike(schema) ? MaskClass::Date : MaskClass::Long;
    case K::Float32:
      return MaskClass::Float;
    case K::Float64:
      return MaskClass::Double;
    case K::Decimal:
      return MaskClass::BigDecimal;
    case K::String:
      return MaskClass::String;
    case K::Array:
      return MaskClass::List;
    case K::Map:
      return MaskClass::Map;
    default:
      return MaskClass::Other;
  }
}

std::string javaClassOf(const api::Value& value, MaskClass mask_class) {
  return mask_class == MaskClass::Date ? "class java.util.Date"
                                       : "class " + std::string(value.javaClassName());
}

// Values.convertToLong(null, replacement) and friends: new BigDecimal(replacement) narrowed.
api::DecimalValue replacementNumber(const std::string& replacement) {
  auto parsed = java::parseBigDecimal(replacement);
  if (!parsed) {
    throw api::DataException("Unable to convert " + replacement +
                             " (class java.lang.String) to a number");
  }
  return *parsed;
}

api::Value maskWithNullValue(const api::Value& value, MaskClass mask_class) {
  switch (mask_class) {
    case MaskClass::Boolean:
      return false;
    case MaskClass::Byte:
      return int8_t{0};
    case MaskClass::Short:
      return int16_t{0};
    case MaskClass::Integer:
      return int32_t{0};
    case MaskClass::Long:
      return int64_t{0};
    case MaskClass::Float:
      return 0.0f;
    case MaskClass::Double:
      return 0.0;
    // BigDecimal.ZERO has scale 0 whatever the field's Decimal scale, as in Kafka.
    case MaskClass::BigDecimal:
      return api::DecimalValue::fromInt64(0, 0);
    // new Date(0): the epoch, in the physical type of the logical one.
    case MaskClass::Date:
      return value.kind() == api::Value::Kind::Int32 ? api::Value(int32_t{0})
                                                     : api::Value(int64_t{0});
    case MaskClass::String:
      return std::string();
    case MaskClass::List:
      return api::Array{};
    case MaskClass::Map:
      return api::Map{};
    case MaskClass::Other:
      break;
  }
  throw api::DataException("Cannot mask value of type: " + javaClassOf(value, mask_class));
}

api::Value maskWithCustomReplacement(const api::Value& value, MaskClass mask_class,
                                     const std::string& replacement) {
  switch (mask_class) {
    case MaskClass::Byte:
      return static_cast<int8_t>(java::decimalLongValue(replacementNumber(replacement)));
    case MaskClass::Short:
      return static_cast<int16_t>(java::decimalLongValue(replacementNumber(replacement)));
    case MaskClass::Integer:
      return static_cast<int32_t>(java::decimalLongValue(replacementNumber(replacement)));
    case MaskClass::Long:
      return java::decimalLongValue(replacementNumber(replacement));
    // (float) BigDecimal.doubleValue(): rounded twice, as Values.convertToFloat does.
    case MaskClass::Float:
      return static_cast<float>(java::decimalDoubleValue(replacementNumber(replacement)));
    case MaskClass::Double:
      return java::decimalDoubleValue(replacementNumber(replacement));
    case MaskClass::String:
      return replacement;
    case MaskClass::BigDecimal: {
      auto parsed = java::parseBigDecimal(replacement);
      if (!parsed) {
        throw api::DataException("Unable to convert " + replacement +
                                 " (class java.lang.String) to number");
      }
      return *parsed;
    }
    default:
      break;
  }
  throw api::DataException("Cannot mask value of type " + javaClassOf(value, mask_class) +
                           " with custom replacement.");
}

// ConfigDef.NonEmptyString: an unset (null) value is fine, an empty one is not.
api::ConfigDef::ValidatorSpec nonEmptyStringOrNull() {
  auto check = [](const std::string& name, const api::ConfigDef::Parsed& value) {
    const auto* s = std::get_if<std::string>(&value);
    if (s != nullptr && s->empty()) {
      throw api::ConfigException(name, *s, "String must be non-empty");
    }
  };
  return api::ConfigDef::custom(check, "non-empty string");
}

}  // namespace

const api::ConfigDef& MaskField::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kFieldsConfig, ConfigDef::Type::List, nonEmptyListValidator(),
             ConfigDef::Importance::High, "Names of fields to mask.");
    ConfigDef::Key replacement;
    replacement.name = kReplacementConfig;
    replacement.type = ConfigDef::Type::String;
    replacement.validator = nonEmptyStringOrNull();
    replacement.importance = ConfigDef::Importance::Low;
    replacement.documentation =
        "Custom value replacement, that will be applied to all 'fields' values (numeric or "
        "non-empty string values only).";
    d.define(std::move(replacement));
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When set to true, the default value is used, otherwise null is used.");
    return d;
  }();
  return def;
}

void MaskField::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  masked_fields_.clear();
  for (const auto& field : config.getList(kFieldsConfig)) {
    if (!isMasked(field)) masked_fields_.push_back(field);
  }
  replacement_ = config.getOptionalString(kReplacementConfig);
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
}

bool MaskField::isMasked(const std::string& field_name) const {
  return std::find(masked_fields_.begin(), masked_fields_.end(), field_name) !=
         masked_fields_.end();
}

api::Value MaskField::masked(const api::Value& value, const api::SchemaPtr& schema) const {
  if (value.isNull()) return nullptr;
  MaskClass mask_class = maskClassOf(value, schema);
  return replacement_ ? maskWithCustomReplacement(value, mask_class, *replacement_)
                      : maskWithNullValue(value, mask_class);
}

bool MaskField::apply(api::ConnectRecord& record) {
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void MaskField::applySchemaless(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Map& value = requireMap(operating, kPurpose);
  api::Map updated = value;
  for (const auto& field : masked_fields_) {
    putEntry(updated, field, masked(getEntry(value, field), nullptr));
  }
  operating = api::Value(std::move(updated));
}

void MaskField::applyWithSchema(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Struct& value = requireStruct(operating, kPurpose);
  auto updated = std::make_shared<api::Struct>(value.schema());
  for (const auto& field : value.schema()->fields()) {
    const api::Value& original =
        replace_null_with_default_ ? value.get(field) : value.getWithoutDefault(field.name);
    updated->put(field, isMasked(field.name) ? masked(original, field.schema) : original);
  }
  operating = api::Value(std::move(updated));
}

}  // namespace connectd::transforms
