#pragma once

#include <memory>
#include <string>

#include "server/api/task.h"
#include "server/runtime/offset_backing_store.h"

namespace connectd::runtime {

// A connector's or task's view of its committed source offsets (OffsetStorageReaderImpl).
class OffsetStorageReaderImpl : public api::OffsetStorageReader {
 public:
  OffsetStorageReaderImpl(std::shared_ptr<OffsetBackingStore> store, std::string connector)
      : store_(std::move(store)), connector_(std::move(connector)) {}

  std::optional<api::OffsetMap> offset(const api::OffsetMap& partition) override;

 private:
  std::shared_ptr<OffsetBackingStore> store_;
  std::string connector_;
};

}  // namespace connectd::runtime
