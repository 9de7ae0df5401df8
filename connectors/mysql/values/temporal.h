#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace connectd::mysql::temporal {

// java.time arithmetic on the proleptic Gregorian calendar, as Debezium's io.debezium.time.*
// converters use it.

// Days since 1970-01-01 of a civil date (any year, month 1-12, day 1-31; no validation).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};
CivilDate civilFromDays(int64_t days);
bool isValidDate(int64_t year, unsigned month, unsigned day);

// BinlogValueConverters.adjustTemporal: years 0-69 become 2000-2069, 70-99 become 1970-1999.
inline int64_t adjustYear(int64_t year) {
  if (year >= 0 && year <= 69) return year + 2000;
  if (year >= 70 && year <= 99) return year + 1900;
  return year;
}

// A wall-clock date and time with nanoseconds (LocalDateTime).
struct LocalDateTime {
  int64_t year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  uint32_t nano = 0;

  int64_t epochDay() const { return daysFromCivil(year, month, day); }
  int64_t epochSecond() const { return epochDay() * 86400 + hour * 3600 + minute * 60 + second; }
  // Instant.toEpochMilli / Conversions.toEpochMicros of this wall clock read as UTC (floor).
  int64_t epochMillis() const { return epochSecond() * 1000 + nano / 1000000; }
  int64_t epochMicros() const { return epochSecond() * 1000000 + nano / 1000; }
};

// Appends ZonedTimestamp's rendering of the UTC instant (epoch_second, nano):
// `fractional_width` 1..9 prints exactly that many fraction digits (the DBZ-5996 formatter used
// for ZonedDateTime values: binlog values and defaults); anything else uses
// ISO_OFFSET_DATE_TIME (fraction only when non-zero, trailing zeros dropped). Always ends in "Z".
void appendZonedTimestamp(int64_t epoch_second, uint32_t nano, int fractional_width, std::string& out);

// Parses the text protocol form "[-]YYYY-MM-DD HH:MM:SS[.ffffff]" (date part mandatory, time
// optional). Returns nullopt when malformed. Fields are not range-checked.
std::optional<LocalDateTime> parseDateTime(std::string_view text);
// BinlogValueConverters.stringToDuration: "[-]H+:MM[:SS[.f+]]" to signed microseconds
// (nanosecond input truncated toward zero, as Duration.toNanos()/1000). nullopt when malformed.
std::optional<int64_t> parseDurationMicros(std::string_view text);

}  // namespace connectd::mysql::temporal
