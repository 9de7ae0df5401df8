#include "server/runtime/offset_storage_reader_impl.h"

#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "server/runtime/offset_utils.h"

namespace connectd::runtime {

std::optional<api::OffsetMap> OffsetStorageReaderImpl::offset(const api::OffsetMap& partition) {
  OffsetUtils::validateFormat(partition);
  std::string key = OffsetUtils::keyFor(connector_, partition);
  auto values = store_->get({key});
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  try {
    return OffsetUtils::parse(it->second);
  } catch (const api::DataException& e) {
    spdlog::error("CRITICAL: Failed to deserialize offset {} for connector {}: {}", key, connector_, e.what());
    throw;
  }
}

}  // namespace connectd::runtime
