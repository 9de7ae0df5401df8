#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectd::transforms {

// java.text.SimpleDateFormat as Kafka's SMTs use it: time zone UTC, the JVM's default en_US
// symbols, lenient parsing, the Julian/Gregorian calendar switch of java.util.GregorianCalendar
// (dates before 1582-10-15 are Julian).
//
// Every pattern letter of Java 8+ is accepted: G y Y M L w W D d F E u a H k K h m s S z Z X.
// Text between single quotes is literal ('' is a quote); other non-letters are literal.
//
// Parsing follows SimpleDateFormat.parse(String): leading blanks before a field are skipped,
// numeric fields take as many digits as there are unless the next pattern item is a field too
// (then exactly the letter count), two-digit years ('y'/'yy') land within 80 years before and
// 20 years after the moment the format was created, out-of-range values roll over (month 13 is
// January of the next year), text after the pattern is ignored. Zones parse as "GMT[+-]hh:mm",
// RFC 822 "+hhmm", ISO 8601 "Z" / "+hh[[:]mm]", and the names UTC, GMT, UT, Coordinated
// Universal Time and the North American/European abbreviations (PST, EDT, CET, ...).
// Differences from Java: week-based fields (w, W, F, E, u) are read but do not move the parsed
// date, and only the zone names listed above are known.
//
// Immutable after construction; safe to use from several threads.
class SimpleDateFormat {
 public:
  // Throws std::invalid_argument with Java's IllegalArgumentException message for an illegal
  // pattern letter ("Illegal pattern character 'q'"), an unterminated quote ("Unterminated
  // quote") or an ISO zone with 4+ letters ("invalid ISO 8601 format: length=4").
  explicit SimpleDateFormat(std::string_view pattern);

  // The pattern as given (toPattern()).
  const std::string& toPattern() const { return pattern_; }

  // format(new Date(epoch_millis)).
  std::string format(int64_t epoch_millis) const;

  // parse(String): the epoch milliseconds, or nullopt where Java throws ParseException.
  std::optional<int64_t> parse(std::string_view text) const;
  // parse(String, ParsePosition): parsing starts at `pos`, which is moved past the parsed text
  // on success and left unchanged on failure.
  std::optional<int64_t> parse(std::string_view text, size_t& pos) const;

 private:
  struct Item {
    char letter = 0;  // 0 for literal text
    int count = 0;
    std::string literal;
  };

  std::string pattern_;
  std::vector<Item> items_;
  // Start of the 100-year window for two-digit years (defaultCenturyStart).
  int64_t century_start_millis_ = 0;
  int64_t century_start_year_ = 0;
};

}  // namespace connectd::transforms
