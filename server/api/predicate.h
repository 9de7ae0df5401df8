#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/connect_record.h"

namespace connectd::api {

// Connect's Predicate, for conditional transforms.
class Predicate {
 public:
  virtual ~Predicate() = default;
  virtual void configure(const std::map<std::string, std::string>& configs) = 0;
  virtual bool test(const ConnectRecord& record) = 0;
  virtual ConfigDef config() const = 0;
  virtual void close() {}
};

}  // namespace connectd::api
