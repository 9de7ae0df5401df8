#include "server/runtime/java_pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdexcept>

namespace connectd::runtime {

namespace {

pcre2_code* compile(std::string_view pattern, std::string* error) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF, &code,
                                 &offset, nullptr);
  if (re == nullptr && error != nullptr) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(code, buf, sizeof(buf));
    *error = std::string(reinterpret_cast<char*>(buf)) + " near index " + std::to_string(offset) + "\n" +
             std::string(pattern);
  }
  return re;
}

}  // namespace

JavaPattern::JavaPattern(std::string_view pattern) : pattern_(pattern) {
  std::string error;
  code_ = compile(pattern, &error);
  if (code_ == nullptr) throw std::invalid_argument(error);
}

JavaPattern::~JavaPattern() {
  if (code_ != nullptr) pcre2_code_free(static_cast<pcre2_code*>(code_));
}

JavaPattern::JavaPattern(JavaPattern&& o) noexcept : pattern_(std::move(o.pattern_)), code_(o.code_) { o.code_ = nullptr; }

JavaPattern& JavaPattern::operator=(JavaPattern&& o) noexcept {
  if (this != &o) {
    if (code_ != nullptr) pcre2_code_free(static_cast<pcre2_code*>(code_));
    pattern_ = std::move(o.pattern_);
    code_ = o.code_;
    o.code_ = nullptr;
  }
  return *this;
}

bool JavaPattern::matches(std::string_view input) const {
  auto* re = static_cast<pcre2_code*>(code_);
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(re, nullptr);
  int rc = pcre2_match(re, reinterpret_cast<PCRE2_SPTR>(input.data()), input.size(), 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                       md, nullptr);
  pcre2_match_data_free(md);
  return rc >= 0;
}

std::optional<std::string> JavaPattern::syntaxError(std::string_view pattern) {
  std::string error;
  pcre2_code* re = compile(pattern, &error);
  if (re == nullptr) return error;
  pcre2_code_free(re);
  return std::nullopt;
}

}  // namespace connectd::runtime
