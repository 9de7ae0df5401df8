#pragma once

#include <string>
#include <string_view>

namespace connectd::converters {

// Bytes decoded as Java's new String(bytes, UTF_8) and encoded back: valid UTF-8 is kept as is,
// each maximal ill-formed subsequence becomes U+FFFD (the replacement Java's decoder makes).
std::string decodeUtf8Lossy(std::string_view bytes);

}  // namespace connectd::converters
