#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/connect_record.h"

namespace connectd::api {

// Connect's Transformation (an SMT). Instances belong to one task and are called from its
// thread only.
class Transformation {
 public:
  virtual ~Transformation() = default;
  virtual void configure(const std::map<std::string, std::string>& configs) = 0;
  // Transforms `record` in place. Returns false to drop the record (Java: returning null).
  virtual bool apply(ConnectRecord& record) = 0;
  virtual ConfigDef config() const = 0;
  virtual void close() {}
};

}  // namespace connectd::api
