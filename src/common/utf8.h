// common/utf8.h: minimal UTF-8 decoding used for code-point-exact matching
// and for column numbers in error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gatehouse::utf8 {

// Length in bytes of the sequence starting with lead byte `b` (1 for ASCII
// and for invalid lead bytes, so callers always make progress).
constexpr std::size_t SequenceLength(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

// Decodes the code point at s[i]; sets `len`. Returns -1 for malformed input.
inline std::int32_t Decode(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  len = SequenceLength(b0);
  if (len == 1) return b0 < 0x80 ? b0 : -1;
  if (i + len > s.size()) {
    len = 1;
    return -1;
  }
  std::int32_t cp = b0 & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      len = 1;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr std::int32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

// The number of code points in `s` (a malformed byte counts as one).
inline std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    std::size_t len = 1;
    Decode(s, i, len);
    i += len;
  }
  return n;
}

}  // namespace gatehouse::utf8
