#pragma once

namespace connectd::mysql {

// The connector settings that decide how column values are represented (Debezium's
// decimal.handling.mode, bigint.unsigned.handling.mode, binary.handling.mode,
// time.precision.mode, enable.time.adjuster) plus which connector flavour is running.
struct ValueConverterConfig {
  enum class DecimalMode { Precise, Double, String } decimal = DecimalMode::Precise;
  enum class BigIntUnsignedMode { Long, Precise } bigint_unsigned = BigIntUnsignedMode::Long;
  enum class BinaryMode { Bytes, Base64, Base64UrlSafe, Hex } binary = BinaryMode::Bytes;
  enum class TimePrecisionMode { AdaptiveTimeMicroseconds, Connect } time_precision =
      TimePrecisionMode::AdaptiveTimeMicroseconds;
  // Maps years 0-69 to 2000-2069 and 70-99 to 1970-1999 in DATE, DATETIME and TIMESTAMP values
  // (BinlogValueConverters.adjustTemporal). YEAR columns are adjusted regardless, as in Debezium.
  bool enable_time_adjuster = true;
  bool mariadb = false;  // MariaDB connector (UUID type etc.)
};

}  // namespace connectd::mysql
