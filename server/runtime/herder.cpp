#include "server/runtime/herder.h"

namespace connectd::runtime {

std::string_view connectorTypeName(ConnectorType t) {
  switch (t) {
    case ConnectorType::Source: return "source";
    case ConnectorType::Sink: return "sink";
    case ConnectorType::Unknown: break;
  }
  return "unknown";
}

}  // namespace connectd::runtime
