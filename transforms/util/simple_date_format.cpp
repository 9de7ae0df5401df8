#include "transforms/util/simple_date_format.h"

#include <array>
#include <chrono>
#include <stdexcept>

namespace connectd::transforms {

namespace {

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;
// 1582-10-15, the first Gregorian day of java.util.GregorianCalendar, in days since the epoch.
constexpr int64_t kGregorianCutoverDay = -141427;
// Julian day number of 1970-01-01.
constexpr int64_t kEpochJulianDay = 2440588;

constexpr std::string_view kPatternChars = "GyMdkHmsSEDFwWahKzZYuXL";

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kShortMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kShortWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 2> kEras = {"BC", "AD"};
constexpr std::array<std::string_view, 2> kAmPm = {"AM", "PM"};

struct ZoneName {
  std::string_view name;
  int offset_minutes;
};
// Longest names first so that a prefix never shadows a longer match.
constexpr std::array<ZoneName, 26> kZoneNames = {{
    {"Coordinated Universal Time", 0},
    {"Greenwich Mean Time", 0},
    {"UTC", 0},
    {"GMT", 0},
    {"UT", 0},
    {"PST", -8 * 60},
    {"PDT", -7 * 60},
    {"MST", -7 * 60},
    {"MDT", -6 * 60},
    {"CST", -6 * 60},
    {"CDT", -5 * 60},
    {"EST", -5 * 60},
    {"EDT", -4 * 60},
    {"AKST", -9 * 60},
    {"AKDT", -8 * 60},
    {"HST", -10 * 60},
    {"WET", 0},
    {"WEST", 60},
    {"CET", 60},
    {"CEST", 2 * 60},
    {"EET", 2 * 60},
    {"EEST", 3 * 60},
    {"BST", 60},
    {"MSK", 3 * 60},
    {"JST", 9 * 60},
    {"IST", 5 * 60 + 30},
}};

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

int64_t daysFromGregorian(int64_t y, int64_t m, int64_t d) {
  int64_t a = floorDiv(14 - m, 12);
  int64_t yy = y + 4800 - a;
  int64_t mm = m + 12 * a - 3;
  int64_t jdn = d + floorDiv(153 * mm + 2, 5) + 365 * yy + floorDiv(yy, 4) - floorDiv(yy, 100) +
                floorDiv(yy, 400) - 32045;
  return jdn - kEpochJulianDay;
}

int64_t daysFromJulian(int64_t y, int64_t m, int64_t d) {
  int64_t a = floorDiv(14 - m, 12);
  int64_t yy = y + 4800 - a;
  int64_t mm = m + 12 * a - 3;
  int64_t jdn = d + floorDiv(153 * mm + 2, 5) + 365 * yy + floorDiv(yy, 4) - 32083;
  return jdn - kEpochJulianDay;
}

struct CivilDate {
  int64_t year;  // proleptic: 0 is 1 BC
  int month;     // 1..12
  int day;
};

CivilDate gregorianFromDays(int64_t days) {
  int64_t jdn = days + kEpochJulianDay;
  int64_t a = jdn + 32044;
  int64_t b = floorDiv(4 * a + 3, 146097);
  int64_t c = a - floorDiv(146097 * b, 4);
  int64_t d = floorDiv(4 * c + 3, 1461);
  int64_t e = c - floorDiv(1461 * d, 4);
  int64_t m = floorDiv(5 * e + 2, 153);
  CivilDate out;
  out.day = static_cast<int>(e - floorDiv(153 * m + 2, 5) + 1);
  out.month = static_cast<int>(m + 3 - 12 * floorDiv(m, 10));
  out.year = 100 * b + d - 4800 + floorDiv(m, 10);
  return out;
}

CivilDate julianFromDays(int64_t days) {
  int64_t c = days + kEpochJulianDay + 32082;
  int64_t d = floorDiv(4 * c + 3, 1461);
  int64_t e = c - floorDiv(1461 * d, 4);
  int64_t m = floorDiv(5 * e + 2, 153);
  CivilDate out;
  out.day = static_cast<int>(e - floorDiv(153 * m + 2, 5) + 1);
  out.month = static_cast<int>(m + 3 - 12 * floorDiv(m, 10));
  out.year = d - 4800 + floorDiv(m, 10);
  return out;
}

// GregorianCalendar's hybrid: Julian before the cutover, Gregorian from it on. A date that the
// Gregorian calendar puts before the cutover is read as a Julian date (lenient handling of the
// ten missing days included).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  int64_t g = daysFromGregorian(y, m, d);
  return g >= kGregorianCutoverDay ? g : daysFromJulian(y, m, d);
}

CivilDate civilFromDays(int64_t days) {
  return days >= kGregorianCutoverDay ? gregorianFromDays(days) : julianFromDays(days);
}

// The first day of `year` in the calendar in force on its January 1st.
int64_t yearStart(int64_t year) {
  return year > 1582 ? daysFromGregorian(year, 1, 1) : daysFromJulian(year, 1, 1);
}

// 0 = Sunday .. 6 = Saturday.
int dayOfWeek0(int64_t days) { return static_cast<int>(floorMod(days + 4, 7)); }

struct Fields {
  int64_t year;
  int month;
  int day;
  int64_t day_of_year;
  int dow0;
  int64_t week_of_year;
  int64_t week_year;
  int64_t week_of_month;
  int hour;
  int minute;
  int second;
  int millis;
};

Fields fieldsOf(int64_t epoch_millis) {
  int64_t days = floorDiv(epoch_millis, kMillisPerDay);
  int64_t ms = floorMod(epoch_millis, kMillisPerDay);
  CivilDate c = civilFromDays(days);
  Fields f{};
  f.year = c.year;
  f.month = c.month;
  f.day = c.day;
  f.day_of_year = days - yearStart(c.year) + 1;
  f.dow0 = dayOfWeek0(days);
  // en_US weeks: Sunday first, a week with at least one day of the year is its week 1. The
  // days of late December in the week holding the next January 1st belong to its week 1.
  int64_t next_jan1 = yearStart(c.year + 1);
  int next_jan1_dow = dayOfWeek0(next_jan1);
  if (next_jan1_dow != 0 && days >= next_jan1 - next_jan1_dow) {
    f.week_of_year = 1;
    f.week_year = c.year + 1;
  } else {
    f.week_of_year = (f.day_of_year - 1 + dayOfWeek0(yearStart(c.year))) / 7 + 1;
    f.week_year = c.year;
  }
  int first_of_month_dow = dayOfWeek0(days - (c.day - 1));
  f.week_of_month = (c.day - 1 + first_of_month_dow) / 7 + 1;
  f.hour = static_cast<int>(ms / kMillisPerHour);
  f.minute = static_cast<int>(ms / kMillisPerMinute % 60);
  f.second = static_cast<int>(ms / kMillisPerSecond % 60);
  f.millis = static_cast<int>(ms % kMillisPerSecond);
  return f;
}

// DecimalFormat zero padding: at least `min_digits` digits, only the low `max_digits` kept.
void appendNumber(int64_t value, int min_digits, int max_digits, std::string& out) {
  bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  if (static_cast<int>(digits.size()) > max_digits) {
    digits = digits.substr(digits.size() - static_cast<size_t>(max_digits));
  }
  if (negative) out.push_back('-');
  for (int i = static_cast<int>(digits.size()); i < min_digits; ++i) out.push_back('0');
  out += digits;
}

void appendNumber(int64_t value, int min_digits, std::string& out) {
  appendNumber(value, min_digits, 1 << 30, out);
}

char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool regionMatchesIgnoreCase(std::string_view text, size_t start, std::string_view s) {
  if (start > text.size() || text.size() - start < s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (asciiLower(text[start + i]) != asciiLower(s[i])) return false;
  }
  return true;
}

// SimpleDateFormat.matchString: the longest entry matching at `start`, case-insensitively.
template <size_t N>
std::optional<std::pair<int, size_t>> matchString(std::string_view text, size_t start,
                                                  const std::array<std::string_view, N>& data) {
  std::optional<std::pair<int, size_t>> best;
  for (size_t i = 0; i < N; ++i) {
    if (data[i].size() > (best ? best->second : 0) && regionMatchesIgnoreCase(text, start, data[i])) {
      best = std::make_pair(static_cast<int>(i), data[i].size());
    }
  }
  return best;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// DecimalFormat.parse with parseIntegerOnly and no grouping: an optional '-' and digits, read
// from `pos` up to `limit`. Number.intValue() keeps the low 32 bits.
std::optional<int32_t> parseInteger(std::string_view text, size_t limit, size_t& pos) {
  size_t i = pos;
  bool negative = false;
  if (i < limit && text[i] == '-') {
    negative = true;
    ++i;
  }
  size_t digits_start = i;
  uint64_t value = 0;
  while (i < limit && isDigit(text[i])) {
    value = value * 10 + static_cast<uint64_t>(text[i] - '0');
    ++i;
  }
  if (i == digits_start) return std::nullopt;
  pos = i;
  auto low = static_cast<uint32_t>(value);
  if (negative) low = ~low + 1;
  return static_cast<int32_t>(low);
}

// subParseNumericZone: "hh[:]mm" after the sign. Returns the end position, or nullopt.
std::optional<size_t> parseNumericZone(std::string_view text, size_t start, int sign, int count,
                                       bool colon, int64_t& offset_millis) {
  size_t i = start;
  auto next = [&](char& c) {
    if (i >= text.size()) return false;
    c = text[i++];
    return true;
  };
  char c = 0;
  if (!next(c) || !isDigit(c)) return std::nullopt;
  int hours = c - '0';
  if (!next(c)) return std::nullopt;
  if (isDigit(c)) {
    hours = hours * 10 + (c - '0');
  } else {
    // Without a colon (RFC 822) or for 'X', two hour digits are required.
    if (count > 0 || !colon) return std::nullopt;
    --i;
  }
  if (hours > 23) return std::nullopt;
  int minutes = 0;
  if (count != 1) {
    if (!next(c)) return std::nullopt;
    if (colon) {
      if (c != ':') return std::nullopt;
      if (!next(c)) return std::nullopt;
    }
    if (!isDigit(c)) return std::nullopt;
    minutes = c - '0';
    if (!next(c) || !isDigit(c)) return std::nullopt;
    minutes = minutes * 10 + (c - '0');
    if (minutes > 59) return std::nullopt;
  }
  offset_millis = static_cast<int64_t>(sign) * (hours * 60 + minutes) * kMillisPerMinute;
  return i;
}

bool isNumericField(char letter, int count) {
  switch (letter) {
    case 'y':
    case 'Y':
    case 'd':
    case 'k':
    case 'H':
    case 'm':
    case 's':
    case 'S':
    case 'D':
    case 'F':
    case 'w':
    case 'W':
    case 'h':
    case 'K':
    case 'u':
      return true;
    case 'M':
    case 'L':
      return count <= 2;
    default:
      return false;
  }
}

// The calendar fields a parse sets, each with the order it was set in (0 = unset), as
// java.text.CalendarBuilder keeps them.
struct ParsedFields {
  enum Index { Era, Year, WeekYear, Month, Day, DayOfYear, HourOfDay, Hour, AmPm, Minute, Second,
               Millis, Zone, kCount };
  std::array<int64_t, kCount> value{};
  std::array<int, kCount> stamp{};
  int next_stamp = 1;
  void set(Index i, int64_t v) {
    value[i] = v;
    stamp[i] = next_stamp++;
  }
  bool isSet(Index i) const { return stamp[i] != 0; }
  int64_t get(Index i, int64_t dflt) const { return isSet(i) ? value[i] : dflt; }
};

int64_t establish(const ParsedFields& f, int64_t year_adjust) {
  int64_t year;
  if (f.isSet(ParsedFields::Year) || !f.isSet(ParsedFields::WeekYear)) {
    year = f.get(ParsedFields::Year, 1970);
  } else {
    year = f.value[ParsedFields::WeekYear];
  }
  year += year_adjust;
  if (f.get(ParsedFields::Era, 1) == 0) year = 1 - year;

  int64_t days;
  bool by_day_of_year = f.isSet(ParsedFields::DayOfYear) &&
                        f.stamp[ParsedFields::DayOfYear] > f.stamp[ParsedFields::Day] &&
                        f.stamp[ParsedFields::DayOfYear] > f.stamp[ParsedFields::Month];
  if (by_day_of_year) {
    days = daysFromCivil(year, 1, 1) + f.value[ParsedFields::DayOfYear] - 1;
  } else {
    int64_t month0 = f.get(ParsedFields::Month, 0);
    year += floorDiv(month0, 12);
    month0 = floorMod(month0, 12);
    days = daysFromCivil(year, month0 + 1, 1) + f.get(ParsedFields::Day, 1) - 1;
  }

  int64_t hour;
  int hour_of_day_stamp = f.stamp[ParsedFields::HourOfDay];
  if (hour_of_day_stamp != 0 && hour_of_day_stamp > f.stamp[ParsedFields::Hour] &&
      hour_of_day_stamp > f.stamp[ParsedFields::AmPm]) {
    hour = f.value[ParsedFields::HourOfDay];
  } else {
    hour = f.get(ParsedFields::Hour, 0) + 12 * f.get(ParsedFields::AmPm, 0);
  }
  int64_t local = days * kMillisPerDay + hour * kMillisPerHour +
                  f.get(ParsedFields::Minute, 0) * kMillisPerMinute +
                  f.get(ParsedFields::Second, 0) * kMillisPerSecond + f.get(ParsedFields::Millis, 0);
  return local - f.get(ParsedFields::Zone, 0);
}

}  // namespace

SimpleDateFormat::SimpleDateFormat(std::string_view pattern) : pattern_(pattern) {
  std::string literal;
  auto flushLiteral = [&] {
    if (!literal.empty()) {
      items_.push_back(Item{0, 0, std::move(literal)});
      literal.clear();
    }
  };
  bool in_quote = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        literal.push_back('\'');
        ++i;
      } else {
        in_quote = !in_quote;
      }
      continue;
    }
    if (in_quote || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      literal.push_back(c);
      continue;
    }
    if (kPatternChars.find(c) == std::string_view::npos) {
      throw std::invalid_argument(std::string("Illegal pattern character '") + c + "'");
    }
    int count = 1;
    while (i + 1 < pattern.size() && pattern[i + 1] == c) {
      ++count;
      ++i;
    }
    if (c == 'X' && count >= 4) {
      throw std::invalid_argument("invalid ISO 8601 format: length=" + std::to_string(count));
    }
    flushLiteral();
    items_.push_back(Item{c, count, {}});
  }
  if (in_quote) throw std::invalid_argument("Unterminated quote");
  flushLiteral();

  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  Fields f = fieldsOf(now);
  century_start_year_ = f.year - 80;
  int64_t days = daysFromCivil(century_start_year_, f.month, f.day);
  century_start_millis_ = days * kMillisPerDay + floorMod(now, kMillisPerDay);
}

std::string SimpleDateFormat::format(int64_t epoch_millis) const {
  const Fields f = fieldsOf(epoch_millis);
  const int64_t era_year = f.year >= 1 ? f.year : 1 - f.year;
  std::string out;
  for (const Item& item : items_) {
    const int n = item.count;
    switch (item.letter) {
      case 0: out += item.literal; break;
      case 'G': out += kEras[f.year >= 1 ? 1 : 0]; break;
      case 'y':
        if (n == 2) {
          appendNumber(era_year, 2, 2, out);
        } else {
          appendNumber(era_year, n, out);
        }
        break;
      case 'Y':
        if (n == 2) {
          appendNumber(f.week_year, 2, 2, out);
        } else {
          appendNumber(f.week_year, n, out);
        }
        break;
      case 'M':
      case 'L':
        if (n >= 4) {
          out += kMonths[static_cast<size_t>(f.month - 1)];
        } else if (n == 3) {
          out += kShortMonths[static_cast<size_t>(f.month - 1)];
        } else {
          appendNumber(f.month, n, out);
        }
        break;
      case 'd': appendNumber(f.day, n, out); break;
      case 'k': appendNumber(f.hour == 0 ? 24 : f.hour, n, out); break;
      case 'H': appendNumber(f.hour, n, out); break;
      case 'm': appendNumber(f.minute, n, out); break;
      case 's': appendNumber(f.second, n, out); break;
      case 'S': appendNumber(f.millis, n, out); break;
      case 'E':
        out += n >= 4 ? kWeekdays[static_cast<size_t>(f.dow0)]
                      : kShortWeekdays[static_cast<size_t>(f.dow0)];
        break;
      case 'D': appendNumber(f.day_of_year, n, out); break;
      case 'F': appendNumber((f.day - 1) / 7 + 1, n, out); break;
      case 'w': appendNumber(f.week_of_year, n, out); break;
      case 'W': appendNumber(f.week_of_month, n, out); break;
      case 'a': out += kAmPm[f.hour < 12 ? 0 : 1]; break;
      case 'h': appendNumber(f.hour % 12 == 0 ? 12 : f.hour % 12, n, out); break;
      case 'K': appendNumber(f.hour % 12, n, out); break;
      case 'z': out += n >= 4 ? "Coordinated Universal Time" : "UTC"; break;
      case 'Z': out += "+0000"; break;
      case 'X': out += "Z"; break;
      case 'u': appendNumber(f.dow0 == 0 ? 7 : f.dow0, n, out); break;
      default: break;
    }
  }
  return out;
}

std::optional<int64_t> SimpleDateFormat::parse(std::string_view text) const {
  size_t pos = 0;
  return parse(text, pos);
}

std::optional<int64_t> SimpleDateFormat::parse(std::string_view text, size_t& pos_in_out) const {
  ParsedFields fields;
  bool ambiguous_year = false;
  size_t start = pos_in_out;

  for (size_t idx = 0; idx < items_.size(); ++idx) {
    const Item& item = items_[idx];
    if (item.letter == 0) {
      for (char c : item.literal) {
        if (start >= text.size() || text[start] != c) return std::nullopt;
        ++start;
      }
      continue;
    }
    // A field directly followed by another field reads exactly `count` characters.
    const bool obey_count = idx + 1 < items_.size() && items_[idx + 1].letter != 0;
    const int count = item.count;
    const char letter = item.letter;

    size_t pos = start;
    while (true) {
      if (pos >= text.size()) return std::nullopt;
      if (text[pos] != ' ' && text[pos] != '\t') break;
      ++pos;
    }
    const size_t actual_start = pos;

    std::optional<int32_t> number;
    if (isNumericField(letter, count)) {
      size_t limit = text.size();
      if (obey_count) {
        if (start + static_cast<size_t>(count) > text.size()) return std::nullopt;
        limit = start + static_cast<size_t>(count);
      }
      number = parseInteger(text, limit, pos);
      if (!number) return std::nullopt;
    }

    switch (letter) {
      case 'G': {
        auto m = matchString(text, start, kEras);
        if (!m) return std::nullopt;
        fields.set(ParsedFields::Era, m->first);
        pos = start + m->second;
        break;
      }
      case 'y':
      case 'Y': {
        int64_t value = *number;
        if (count <= 2 && pos - actual_start == 2 && isDigit(text[actual_start]) &&
            isDigit(text[actual_start + 1])) {
          int64_t ambiguous_two_digit = floorMod(century_start_year_, 100);
          ambiguous_year = value == ambiguous_two_digit;
          value += floorDiv(century_start_year_, 100) * 100 + (value < ambiguous_two_digit ? 100 : 0);
        }
        fields.set(letter == 'y' ? ParsedFields::Year : ParsedFields::WeekYear, value);
        break;
      }
      case 'M':
      case 'L': {
        if (count <= 2) {
          fields.set(ParsedFields::Month, static_cast<int64_t>(*number) - 1);
          break;
        }
        auto m = matchString(text, start, kMonths);
        if (!m) m = matchString(text, start, kShortMonths);
        if (!m) return std::nullopt;
        fields.set(ParsedFields::Month, m->first);
        pos = start + m->second;
        break;
      }
      case 'k': fields.set(ParsedFields::HourOfDay, *number == 24 ? 0 : *number); break;
      case 'h': fields.set(ParsedFields::Hour, *number == 12 ? 0 : *number); break;
      case 'E': {
        auto m = matchString(text, start, kWeekdays);
        if (!m) m = matchString(text, start, kShortWeekdays);
        if (!m) return std::nullopt;
        pos = start + m->second;
        break;
      }
      case 'a': {
        auto m = matchString(text, start, kAmPm);
        if (!m) return std::nullopt;
        fields.set(ParsedFields::AmPm, m->first);
        pos = start + m->second;
        break;
      }
      case 'z':
      case 'Z': {
        int sign = 0;
        char c = text[pos];
        if (c == '+') sign = 1;
        if (c == '-') sign = -1;
        int64_t offset = 0;
        if (sign == 0) {
          if ((c == 'G' || c == 'g') && regionMatchesIgnoreCase(text, start, "GMT")) {
            pos = start + 3;
            if (pos < text.size()) {
              if (text[pos] == '+') sign = 1;
              if (text[pos] == '-') sign = -1;
            }
            if (sign == 0) {
              fields.set(ParsedFields::Zone, 0);
              break;
            }
            auto end = parseNumericZone(text, pos + 1, sign, 0, true, offset);
            if (!end) return std::nullopt;
            fields.set(ParsedFields::Zone, offset);
            pos = *end;
            break;
          }
          std::optional<ZoneName> found;
          for (const ZoneName& z : kZoneNames) {
            if (regionMatchesIgnoreCase(text, pos, z.name) &&
                (!found || z.name.size() > found->name.size())) {
              found = z;
            }
          }
          if (!found) return std::nullopt;
          fields.set(ParsedFields::Zone, found->offset_minutes * kMillisPerMinute);
          pos += found->name.size();
          break;
        }
        auto end = parseNumericZone(text, pos + 1, sign, 0, false, offset);
        if (!end) return std::nullopt;
        fields.set(ParsedFields::Zone, offset);
        pos = *end;
        break;
      }
      case 'X': {
        char c = text[pos];
        if (c == 'Z') {
          fields.set(ParsedFields::Zone, 0);
          ++pos;
          break;
        }
        int sign = c == '+' ? 1 : c == '-' ? -1 : 0;
        if (sign == 0) return std::nullopt;
        int64_t offset = 0;
        auto end = parseNumericZone(text, pos + 1, sign, count, count == 3, offset);
        if (!end) return std::nullopt;
        fields.set(ParsedFields::Zone, offset);
        pos = *end;
        break;
      }
      case 'd': fields.set(ParsedFields::Day, *number); break;
      case 'H': fields.set(ParsedFields::HourOfDay, *number); break;
      case 'm': fields.set(ParsedFields::Minute, *number); break;
      case 's': fields.set(ParsedFields::Second, *number); break;
      case 'S': fields.set(ParsedFields::Millis, *number); break;
      case 'D': fields.set(ParsedFields::DayOfYear, *number); break;
      case 'K': fields.set(ParsedFields::Hour, *number); break;
      default:
        // F, w, W, u: read, but they do not move the resolved date (see the header).
        break;
    }
    start = pos;
  }

  int64_t millis = establish(fields, 0);
  if (ambiguous_year && millis < century_start_millis_) millis = establish(fields, 100);
  pos_in_out = start;
  return millis;
}

}  // namespace connectd::transforms
