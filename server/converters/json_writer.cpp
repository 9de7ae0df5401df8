#include "server/converters/json_writer.h"

#include <cmath>
#include <cstring>

namespace connectd::converters {

void JsonWriter::float32(float v) {
  // Jackson's default QUOTE_NON_NUMERIC_NUMBERS writes NaN and the infinities as strings.
  if (!std::isfinite(v)) {
    out_.push_back('"');
    common::appendJavaFloat(v, out_);
    out_.push_back('"');
    return;
  }
  common::appendJavaFloat(v, out_);
}

void JsonWriter::float64(double v) {
  if (!std::isfinite(v)) {
    out_.push_back('"');
    common::appendJavaDouble(v, out_);
    out_.push_back('"');
    return;
  }
  common::appendJavaDouble(v, out_);
}

}  // namespace connectd::converters
