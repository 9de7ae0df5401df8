#include "connectors/mysql/values/temporal.h"

#include <charconv>

namespace connectd::mysql::temporal {

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool isValidDate(int64_t year, unsigned month, unsigned day) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  unsigned max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

namespace {

void appendPadded(std::string& out, uint64_t v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n) out.push_back(buf[--n]);
}

// ISO_LOCAL_DATE's year: at least 4 digits, '+' above 9999, '-' below zero.
void appendYear(std::string& out, int64_t year) {
  if (year > 9999) {
    out.push_back('+');
  } else if (year < 0) {
    out.push_back('-');
    year = -year;
  }
  appendPadded(out, static_cast<uint64_t>(year), 4);
}

}  // namespace

void appendZonedTimestamp(int64_t epoch_second, uint32_t nano, int fractional_width, std::string& out) {
  int64_t days = epoch_second >= 0 ? epoch_second / 86400 : -((-epoch_second + 86399) / 86400);
  int64_t secs = epoch_second - days * 86400;
  CivilDate date = civilFromDays(days);
  appendYear(out, date.year);
  out.push_back('-');
  appendPadded(out, date.month, 2);
  out.push_back('-');
  appendPadded(out, date.day, 2);
  out.push_back('T');
  appendPadded(out, static_cast<uint64_t>(secs / 3600), 2);
  out.push_back(':');
  appendPadded(out, static_cast<uint64_t>(secs / 60 % 60), 2);
  out.push_back(':');
  appendPadded(out, static_cast<uint64_t>(secs % 60), 2);
  if (fractional_width >= 1 && fractional_width <= 9) {
    out.push_back('.');
    std::string digits;
    appendPadded(digits, nano, 9);
    out.append(digits, 0, static_cast<size_t>(fractional_width));
  } else if (nano != 0) {
    std::string digits;
    appendPadded(digits, nano, 9);
    size_t end = digits.find_last_not_of('0');
    out.push_back('.');
    out.append(digits, 0, end + 1);
  }
  out.push_back('Z');
}

namespace {

bool parseUnsigned(std::string_view s, uint64_t& v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

// Up to 9 fraction digits to nanoseconds; extra digits are dropped.
bool parseFractionNanos(std::string_view s, uint32_t& nano) {
  uint32_t v = 0;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    if (n < 9) {
      v = v * 10 + static_cast<uint32_t>(c - '0');
      ++n;
    }
  }
  for (; n < 9; ++n) v *= 10;
  nano = v;
  return true;
}

}  // namespace

std::optional<LocalDateTime> parseDateTime(std::string_view text) {
  LocalDateTime r;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  size_t d1 = text.find('-');
  if (d1 == std::string_view::npos) return std::nullopt;
  size_t d2 = text.find('-', d1 + 1);
  if (d2 == std::string_view::npos) return std::nullopt;
  size_t sp = text.find_first_of(" T", d2 + 1);
  uint64_t y, mo, d;
  if (!parseUnsigned(text.substr(0, d1), y) || !parseUnsigned(text.substr(d1 + 1, d2 - d1 - 1), mo) ||
      !parseUnsigned(text.substr(d2 + 1, sp == std::string_view::npos ? std::string_view::npos : sp - d2 - 1), d))
    return std::nullopt;
  r.year = negative ? -static_cast<int64_t>(y) : static_cast<int64_t>(y);
  r.month = static_cast<unsigned>(mo);
  r.day = static_cast<unsigned>(d);
  if (sp == std::string_view::npos) return r;
  std::string_view t = text.substr(sp + 1);
  size_t c1 = t.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  size_t c2 = t.find(':', c1 + 1);
  uint64_t h, mi, s = 0;
  std::string_view frac;
  if (!parseUnsigned(t.substr(0, c1), h)) return std::nullopt;
  if (c2 == std::string_view::npos) {
    if (!parseUnsigned(t.substr(c1 + 1), mi)) return std::nullopt;
  } else {
    if (!parseUnsigned(t.substr(c1 + 1, c2 - c1 - 1), mi)) return std::nullopt;
    std::string_view sec = t.substr(c2 + 1);
    size_t dot = sec.find('.');
    if (dot != std::string_view::npos) {
      frac = sec.substr(dot + 1);
      sec = sec.substr(0, dot);
    }
    if (!parseUnsigned(sec, s)) return std::nullopt;
  }
  r.hour = static_cast<unsigned>(h);
  r.minute = static_cast<unsigned>(mi);
  r.second = static_cast<unsigned>(s);
  if (!frac.empty() && !parseFractionNanos(frac, r.nano)) return std::nullopt;
  return r;
}

std::optional<int64_t> parseDurationMicros(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  std::string_view t = negative ? text.substr(1) : text;
  size_t c1 = t.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  uint64_t h = 0, m = 0, s = 0;
  uint32_t nano = 0;
  std::string_view hs = t.substr(0, c1);
  if (!hs.empty() && !parseUnsigned(hs, h)) return std::nullopt;
  std::string_view rest = t.substr(c1 + 1);
  size_t c2 = rest.find(':');
  size_t dot = rest.find('.');
  if (c2 == std::string_view::npos) {
    // The pattern reads a fraction only after a seconds group, so "H:MM.f" keeps just H:MM.
    std::string_view ms = rest.substr(0, dot);
    if (!ms.empty() && !parseUnsigned(ms, m)) return std::nullopt;
  } else {
    std::string_view ms = rest.substr(0, c2);
    if (!ms.empty() && !parseUnsigned(ms, m)) return std::nullopt;
    std::string_view ss = rest.substr(c2 + 1);
    size_t d = ss.find('.');
    std::string_view frac;
    if (d != std::string_view::npos) {
      frac = ss.substr(d + 1);
      ss = ss.substr(0, d);
    }
    if (!ss.empty() && !parseUnsigned(ss, s)) return std::nullopt;
    if (!frac.empty() && !parseFractionNanos(frac, nano)) return std::nullopt;
  }
  int64_t micros = static_cast<int64_t>((h * 3600 + m * 60 + s) * 1000000 + nano / 1000);
  return negative ? -micros : micros;
}

}  // namespace connectd::mysql::temporal
