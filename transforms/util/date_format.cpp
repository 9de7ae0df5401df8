#include "transforms/util/date_format.h"

namespace connectd::transforms {

namespace {

constexpr int64_t kMillisPerDay = 24LL * 60 * 60 * 1000;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct CivilDate {
  int64_t year;
  int month;
  int day;
};

// Proleptic Gregorian date of an epoch day (H. Hinnant's civil_from_days).
CivilDate gregorianFromDays(int64_t days) {
  days += 719468;
  const int64_t era = floorDiv(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void appendPadded(int64_t v, int width, std::string& out) {
  std::string digits = std::to_string(v);
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out += digits;
}

void appendDate(int64_t epoch_day, std::string& out) {
  // Only instants from one day past the epoch on print a date, so the Gregorian calendar is
  // the one java.util.GregorianCalendar uses for them too.
  CivilDate date = gregorianFromDays(epoch_day);
  appendPadded(date.year, 4, out);
  out.push_back('-');
  appendPadded(date.month, 2, out);
  out.push_back('-');
  appendPadded(date.day, 2, out);
}

void appendTime(int64_t millis_of_day, std::string& out) {
  appendPadded(millis_of_day / 3600000, 2, out);
  out.push_back(':');
  appendPadded(millis_of_day / 60000 % 60, 2, out);
  out.push_back(':');
  appendPadded(millis_of_day / 1000 % 60, 2, out);
  out.push_back('.');
  appendPadded(millis_of_day % 1000, 3, out);
  out.push_back('Z');
}

}  // namespace

std::string formatDateFor(int64_t epoch_millis) {
  const int64_t epoch_day = floorDiv(epoch_millis, kMillisPerDay);
  const int64_t millis_of_day = epoch_millis - epoch_day * kMillisPerDay;
  std::string out;
  if (epoch_millis < kMillisPerDay) {
    appendTime(millis_of_day, out);
  } else if (epoch_millis % kMillisPerDay == 0) {
    appendDate(epoch_day, out);
  } else {
    appendDate(epoch_day, out);
    out.push_back('T');
    appendTime(millis_of_day, out);
  }
  return out;
}

}  // namespace connectd::transforms
