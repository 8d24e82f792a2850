// common/ascii.h: locale-independent ASCII helpers (case folding, digits).
// AWS names (actions, condition keys, operators) are ASCII; folding them must
// not depend on the process locale.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gatehouse::ascii {

constexpr char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
constexpr bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  return true;
}

// Equality for the short strings policies are made of (vendors, ARN fields,
// key names): two overlapping word loads instead of a library call.
inline bool Equal(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n > 16) return std::memcmp(x, y, n) == 0;
  if (n >= 8) {
    std::uint64_t a0, b0, a1, b1;
    std::memcpy(&a0, x, 8);
    std::memcpy(&b0, y, 8);
    std::memcpy(&a1, x + n - 8, 8);
    std::memcpy(&b1, y + n - 8, 8);
    return a0 == b0 && a1 == b1;
  }
  if (n >= 4) {
    std::uint32_t a0, b0, a1, b1;
    std::memcpy(&a0, x, 4);
    std::memcpy(&b0, y, 4);
    std::memcpy(&a1, x + n - 4, 4);
    std::memcpy(&b1, y + n - 4, 4);
    return a0 == b0 && a1 == b1;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return false;
  return true;
}

constexpr bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// FNV-1a over the lower-cased bytes: the hash of a case-insensitive name.
constexpr std::uint64_t HashLower(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(ToLower(c));
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace gatehouse::ascii
