// policy/values.h: typed readings of condition values: numbers, dates, IP
// networks, base64 and booleans (docs/semantics.md §3.3). Policy values are
// converted once at compile time; request values at evaluation. A text that
// does not convert yields nullopt and never matches.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::policy {

// Decimal number: [+-]?digits(.digits)?([eE][+-]?digits)?.
std::optional<double> ParseNumber(std::string_view s);

// W3C ISO 8601 profile or epoch seconds -> microseconds since the epoch.
std::optional<std::int64_t> ParseDate(std::string_view s);

struct IpNetwork {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;
};
// "203.0.113.0/24", "2001:db8::/32", or a bare address (/32, /128). Host
// bits beyond the prefix are ignored.
std::optional<IpNetwork> ParseNetwork(std::string_view s);
// A request's address: a bare IPv4 or IPv6 address, no prefix.
std::optional<IpNetwork> ParseAddress(std::string_view s);
bool Contains(const IpNetwork& net, const IpNetwork& addr);

std::optional<std::string> DecodeBase64(std::string_view s);

// "true"/"false" in any case.
std::optional<bool> ParseBool(std::string_view s);

}  // namespace gatehouse::policy
