#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace connectd::runtime {

// A compiled java.util.regex.Pattern stand-in (PCRE2, which accepts the Java syntax used in
// practice: classes, quantifiers, groups, lookarounds). matches() is Matcher.matches():
// the whole input must match.
class JavaPattern {
 public:
  // Throws std::invalid_argument with the compiler's message on a syntax error.
  explicit JavaPattern(std::string_view pattern);
  ~JavaPattern();
  JavaPattern(JavaPattern&&) noexcept;
  JavaPattern& operator=(JavaPattern&&) noexcept;

  bool matches(std::string_view input) const;
  const std::string& pattern() const { return pattern_; }

  // The syntax error of `pattern`, or nullopt when it compiles.
  static std::optional<std::string> syntaxError(std::string_view pattern);

 private:
  std::string pattern_;
  void* code_ = nullptr;  // pcre2_code*
};

}  // namespace connectd::runtime
