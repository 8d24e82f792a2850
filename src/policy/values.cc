// policy/values.cc: number, date, IP, base64 and boolean conversions.
#include "policy/values.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include <openssl/evp.h>

#include "common/ascii.h"

namespace gatehouse::policy {

std::optional<double> ParseNumber(std::string_view s) {
  // [+-]?digits(.digits)?([eE][+-]?digits)? -- from_chars alone would also
  // accept "inf", "nan", ".5" and "5.", which are not numbers in a policy.
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t int_start = i;
  while (i < s.size() && ascii::IsDigit(s[i])) ++i;
  if (i == int_start) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < s.size() && ascii::IsDigit(s[i])) ++i;
    if (i == frac_start) return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exp_start = i;
    while (i < s.size() && ascii::IsDigit(s[i])) ++i;
    if (i == exp_start) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  std::string_view body = s[0] == '+' ? s.substr(1) : s;
  double v = 0;
  auto r = std::from_chars(body.data(), body.data() + body.size(), v);
  if (r.ec != std::errc() || r.ptr != body.data() + body.size()) return std::nullopt;
  return v;
}

namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!ascii::IsDigit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && LeapYear(y) ? 29 : kDays[m - 1];
}

// Epoch seconds: 1 to 12 digits, optionally a fraction (truncated to
// microseconds). No sign, no exponent.
std::optional<std::int64_t> ParseEpoch(std::string_view s) {
  std::size_t i = 0;
  std::int64_t secs = 0;
  while (i < s.size() && ascii::IsDigit(s[i])) secs = secs * 10 + (s[i++] - '0');
  if (i == 0 || i > 12) return std::nullopt;
  std::int64_t micros = 0;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac_start = ++i;
    std::int64_t scale = 100000;
    while (i < s.size() && ascii::IsDigit(s[i])) {
      micros += (s[i++] - '0') * scale;
      scale /= 10;
    }
    if (i == frac_start) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return secs * 1000000 + micros;
}

}  // namespace

std::optional<std::int64_t> ParseDate(std::string_view s) {
  if (s.empty()) return std::nullopt;
  // Four digits alone are a year (W3C), not epoch seconds.
  const bool year_only = s.size() == 4 && ascii::IsDigit(s[0]) && ascii::IsDigit(s[1]) && ascii::IsDigit(s[2]) &&
                         ascii::IsDigit(s[3]);
  if (!year_only && s.find_first_of("-T") == std::string_view::npos) return ParseEpoch(s);
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::int64_t micros = 0;
  if (!Digits(s, 0, 4, year)) return std::nullopt;
  std::size_t i = 4;
  if (i == s.size()) goto done;
  if (s[i] != '-' || !Digits(s, i + 1, 2, month)) return std::nullopt;
  i += 3;
  if (month < 1 || month > 12) return std::nullopt;
  if (i == s.size()) goto done;
  if (s[i] != '-' || !Digits(s, i + 1, 2, day)) return std::nullopt;
  i += 3;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  if (i == s.size()) goto done;
  {
    if (s[i] != 'T' || !Digits(s, i + 1, 2, hour) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !Digits(s, i + 4, 2, minute))
      return std::nullopt;
    i += 6;
    if (hour > 23 || minute > 59) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
      if (!Digits(s, i + 1, 2, second) || second > 59) return std::nullopt;
      i += 3;
      if (i < s.size() && s[i] == '.') {
        ++i;
        const std::size_t start = i;
        std::int64_t scale = 100000;
        while (i < s.size() && ascii::IsDigit(s[i])) {
          micros += (s[i] - '0') * scale;
          scale /= 10;
          ++i;
        }
        if (i == start) return std::nullopt;
      }
    }
    // Time zone designator is required once a time is given.
    if (i >= s.size()) return std::nullopt;
    int offset_minutes = 0;
    if (s[i] == 'Z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int oh = 0, om = 0;
      if (!Digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !Digits(s, i + 4, 2, om) ||
          oh > 23 || om > 59)
        return std::nullopt;
      offset_minutes = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
      i += 6;
    } else {
      return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const std::int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    return secs * 1000000 + micros;
  }
done:
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 * 1000000;
}

std::optional<IpNetwork> ParseNetwork(std::string_view s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  std::string addr(s);
  int prefix = -1;
  const std::size_t slash = addr.find('/');
  if (slash != std::string::npos) {
    std::string_view p = std::string_view(addr).substr(slash + 1);
    if (p.empty() || p.size() > 3) return std::nullopt;
    int v = 0;
    if (!Digits(p, 0, p.size(), v)) return std::nullopt;
    prefix = v;
    addr.resize(slash);
  }
  IpNetwork net;
  if (addr.find(':') != std::string::npos) {
    net.v6 = true;
    if (inet_pton(AF_INET6, addr.c_str(), net.bytes.data()) != 1) return std::nullopt;
    if (prefix > 128) return std::nullopt;
    net.prefix = prefix < 0 ? 128 : prefix;
  } else {
    if (inet_pton(AF_INET, addr.c_str(), net.bytes.data()) != 1) return std::nullopt;
    if (prefix > 32) return std::nullopt;
    net.prefix = prefix < 0 ? 32 : prefix;
  }
  return net;
}

std::optional<IpNetwork> ParseAddress(std::string_view s) {
  if (s.find('/') != std::string_view::npos) return std::nullopt;
  return ParseNetwork(s);
}

bool Contains(const IpNetwork& net, const IpNetwork& addr) {
  if (net.v6 != addr.v6) return false;
  int bits = net.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const unsigned mask = bits >= 8 ? 0xFFu : (0xFFu << (8 - bits)) & 0xFFu;
    if ((net.bytes[i] & mask) != (addr.bytes[i] & mask)) return false;
  }
  return true;
}

std::optional<std::string> DecodeBase64(std::string_view s) {
  if (s.size() % 4 != 0) return std::nullopt;
  if (s.empty()) return std::string();
  const std::size_t pad = s.back() != '=' ? 0 : (s[s.size() - 2] == '=' ? 2 : 1);
  for (std::size_t i = 0; i < s.size() - pad; ++i) {
    const char c = s[i];
    if (!(ascii::IsAlnum(c) || c == '+' || c == '/')) return std::nullopt;
  }
  std::string out(s.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock keeps the bytes the padding stands for; drop them.
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::optional<bool> ParseBool(std::string_view s) {
  if (ascii::EqualsIgnoreCase(s, "true")) return true;
  if (ascii::EqualsIgnoreCase(s, "false")) return false;
  return std::nullopt;
}

}  // namespace gatehouse::policy
