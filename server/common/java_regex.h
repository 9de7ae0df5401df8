#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace connectd::common {

// java.util.regex.PatternSyntaxException: description, error index into the pattern, pattern.
// what() is Java's getMessage(): "<desc> near index <i>\n<pattern>\n    ^".
class PatternSyntaxException : public std::invalid_argument {
 public:
  PatternSyntaxException(std::string description, std::string pattern, int index);
  const std::string& description() const { return description_; }
  const std::string& pattern() const { return pattern_; }
  int index() const { return index_; }

 private:
  std::string description_;
  std::string pattern_;
  int index_;
};

// A compiled java.util.regex.Pattern (default flags) backed by PCRE2, for the SMTs and
// predicates whose configs hold Java regular expressions.
//
// Java-only syntax is translated before PCRE2 sees it: \uXXXX, \0ooo octal escapes, the POSIX
// property classes \p{Alpha}/\p{Punct}/..., the "Is" prefix of Unicode properties and the inline
// flags d and u. Java syntax PCRE2 would read differently is rejected with a
// PatternSyntaxException instead of matching something else: nested character classes and
// class intersection ("[a-z&&[^e]]"), the UNICODE_CHARACTER_CLASS flag (?U), and a '{' that
// does not start a valid repetition (Java: "Illegal repetition"). Differences that remain:
// `.` and `$` treat every Unicode newline (including VT and FF) as a line terminator, and (?i)
// folds non-ASCII letters too (Java needs (?iu) for that).
//
// Subjects are UTF-8. A byte that is not valid UTF-8 matches nothing (not even `.`) instead of
// failing the match. A match that PCRE2 gives up on (its heap or match limit, where Java would
// overflow its stack) throws std::runtime_error naming the subject and the pattern.
// Immutable after construction; every method may be called from any thread.
class JavaRegex {
 public:
  // Throws PatternSyntaxException when `pattern` does not compile.
  explicit JavaRegex(std::string_view pattern);
  ~JavaRegex();
  JavaRegex(JavaRegex&&) noexcept;
  JavaRegex& operator=(JavaRegex&&) noexcept;
  JavaRegex(const JavaRegex&) = delete;
  JavaRegex& operator=(const JavaRegex&) = delete;

  // The pattern as written (Pattern.pattern() / toString()).
  const std::string& pattern() const { return pattern_; }
  int groupCount() const;

  // Matcher.matches(): the whole subject matches.
  bool matches(std::string_view subject) const;
  // Matcher.find(): some substring matches.
  bool find(std::string_view subject) const;
  // Matcher.replaceFirst / replaceAll with Java replacement syntax: $n and ${name} group
  // references, '\' quoting the next character. A malformed replacement throws
  // std::invalid_argument (IllegalArgumentException) or, for a group number beyond the
  // pattern's groups, std::out_of_range (IndexOutOfBoundsException "No group n"), both only
  // when a match is found, as in Java.
  std::string replaceFirst(std::string_view subject, std::string_view replacement) const;
  std::string replaceAll(std::string_view subject, std::string_view replacement) const;

 private:
  struct Compiled;
  std::string pattern_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace connectd::common
