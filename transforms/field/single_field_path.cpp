#include "transforms/field/single_field_path.h"

#include <stdexcept>

#include "server/api/errors.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/requirements.h"

namespace connectd::transforms {

namespace {

constexpr char kBacktick = '`';
constexpr char kDot = '.';
constexpr char kBackslash = '\\';
constexpr const char* kNestedPurpose = "nested field access";

[[noreturn]] void failWhenIncompleteBacktickPair(std::string_view path, size_t backtick_at) {
  throw api::ConfigException("Incomplete backtick pair in path: [" + std::string(path) +
                             "], consider adding a backslash before backtick at position " +
                             std::to_string(backtick_at) + " to escape it");
}

std::vector<std::string> buildFieldPathV2(std::string_view path) {
  std::vector<std::string> steps;
  const size_t length = path.size();
  size_t idx = 0;
  while (idx < length) {
    if (path[idx] != kBacktick) {
      const size_t start = idx;
      idx = path.find(kDot, idx);
      if (idx == std::string_view::npos) {
        steps.emplace_back(path.substr(start));
        break;
      }
      steps.emplace_back(path.substr(start, idx - start));
      ++idx;
      continue;
    }
    const size_t backtick_at = idx;
    ++idx;
    std::string field;
    size_t start = idx;
    while (true) {
      idx = path.find(kBacktick, idx);
      if (idx == std::string_view::npos) failWhenIncompleteBacktickPair(path, backtick_at);
      const bool escaped = path[idx - 1] == kBackslash;
      if (idx >= length - 1) {
        // The closing backtick ends the path; an escaped one leaves the pair open.
        if (escaped) failWhenIncompleteBacktickPair(path, backtick_at);
        field.append(path.substr(start, idx - start));
        steps.push_back(std::move(field));
        ++idx;
        break;
      }
      if (path[idx + 1] != kDot) {
        // Not followed by a dot: part of the name; look for a backtick that is.
        ++idx;
        continue;
      }
      if (escaped) {
        // Drop the backslash, keep the backtick, and keep looking for the closing one.
        field.append(path.substr(start, idx - 1 - start));
        field.push_back(kBacktick);
        ++idx;
        start = idx;
        continue;
      }
      field.append(path.substr(start, idx - start));
      steps.push_back(std::move(field));
      idx += 2;  // the backtick and the dot after it
      break;
    }
  }
  if (!path.empty() && path.back() == kDot) steps.emplace_back();
  return steps;
}

}  // namespace

SingleFieldPath::SingleFieldPath(std::string_view path_text, FieldSyntaxVersion version) {
  if (version == FieldSyntaxVersion::V1) {
    steps_.emplace_back(path_text);
  } else {
    steps_ = buildFieldPathV2(path_text);
  }
}

void SingleFieldPath::requireSteps() const {
  if (steps_.empty()) throw std::invalid_argument("fromIndex(0) > toIndex(-1)");
}

const api::Field* SingleFieldPath::fieldFrom(const api::SchemaPtr& schema) const {
  if (!schema) return nullptr;
  requireSteps();
  const api::Schema* current = schema.get();
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    const api::Field* field = current->field(steps_[i]);
    if (field == nullptr) return nullptr;
    current = field->schema.get();
  }
  return current->field(steps_.back());
}

api::Value SingleFieldPath::valueFrom(const api::Struct* structure, bool with_default) const {
  if (structure == nullptr) return nullptr;
  requireSteps();
  const api::Struct* current = structure;
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    if (current->schema()->field(steps_[i]) == nullptr) return nullptr;
    current = requireStructOrNull(current->get(steps_[i]), kNestedPurpose);
    if (current == nullptr) return nullptr;
  }
  const std::string& last = steps_.back();
  if (current->schema()->field(last) == nullptr) return nullptr;
  return with_default ? current->get(last) : current->getWithoutDefault(last);
}

api::Value SingleFieldPath::valueFrom(const api::Map* map) const {
  if (map == nullptr) return nullptr;
  requireSteps();
  const api::Map* current = map;
  for (size_t i = 0; i + 1 < steps_.size(); ++i) {
    const api::Value* next = nullptr;
    for (const auto& [k, v] : *current) {
      if (k.kind() == api::Value::Kind::String && k.asString() == steps_[i]) {
        next = &v;
        break;
      }
    }
    if (next == nullptr) return nullptr;
    current = requireMapOrNull(*next, kNestedPurpose);
    if (current == nullptr) return nullptr;
  }
  return getEntry(*current, steps_.back());
}

}  // namespace connectd::transforms
