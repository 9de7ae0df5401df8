#pragma once

#include <cstdint>
#include <string>

namespace connectd::transforms {

// Values.dateFormatFor(date).format(date) for the instant `epoch_millis`: "HH:mm:ss.SSS'Z'"
// before one day past the epoch (negative instants included), "yyyy-MM-dd" on a whole day,
// else "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'".
//
// Formatted in UTC. (Kafka formats in the JVM's default zone; UTC is what Connect's images run
// with.)
std::string formatDateFor(int64_t epoch_millis);

}  // namespace connectd::transforms
