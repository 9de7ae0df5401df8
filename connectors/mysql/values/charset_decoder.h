#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace connectd::mysql {

// Decodes the bytes of a character column, encoded in the column's MySQL character set, to
// UTF-8, as Debezium does with new String(bytes, javaCharsetFor(mysqlCharset)): every byte
// sequence the charset cannot map becomes U+FFFD.
//
// MySQL charset names are mapped to the Java charsets MySQL Connector/J picks (latin1 is
// windows-1252, binary is ISO-8859-1, ucs2/utf16 are big-endian). utf8mb4/utf8mb3/utf8 are
// validated and passed through (ill-formed sequences replaced the way Java's decoder replaces
// them); single-byte charsets go through a 256-entry table built once with iconv; multi-byte
// legacy charsets (sjis, gbk, big5, euc*) and UTF-16/32 are converted by iconv per value.
// Immutable after construction; decode() may be called from any thread.
class CharsetDecoder {
 public:
  // `mysql_charset` empty or unknown: UTF-8 (Debezium's fallback for a column without a charset).
  explicit CharsetDecoder(std::string_view mysql_charset);

  void decode(std::string_view bytes, std::string& out) const;
  std::string decode(std::string_view bytes) const {
    std::string out;
    decode(bytes, out);
    return out;
  }
  // The iconv name in use, "UTF-8" for the pass-through path.
  const std::string& encoding() const { return encoding_; }

 private:
  enum class Mode : uint8_t { Utf8, SingleByte, Iconv };
  Mode mode_ = Mode::Utf8;
  std::string encoding_ = "UTF-8";
  // SingleByte: UTF-8 of each byte value.
  std::shared_ptr<const std::array<std::string, 256>> table_;
};

// Java's new String(bytes, UTF_8) re-encoded: valid UTF-8 unchanged, each maximal ill-formed
// subsequence replaced by U+FFFD.
void appendUtf8Lossy(std::string_view bytes, std::string& out);

}  // namespace connectd::mysql
