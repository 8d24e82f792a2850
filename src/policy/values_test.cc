// policy/values_test.cc: typed readings of condition values
// (docs/semantics.md §3.3): numbers, dates, IP networks, base64, booleans.
// A text that does not convert yields nullopt and therefore never matches.
#include "policy/values.h"

#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace gatehouse::policy {
namespace {

constexpr std::int64_t kSec = 1000000;  // microseconds per second

// ------------------------------------------------------------------ numbers

// §3.3 Numeric: optional sign, digits, optional fraction, optional exponent.
TEST(ParseNumber, ValidForms) {
  EXPECT_EQ(ParseNumber("0"), 0.0);
  EXPECT_EQ(ParseNumber("42"), 42.0);
  EXPECT_EQ(ParseNumber("-1.5"), -1.5);
  EXPECT_EQ(ParseNumber("+3"), 3.0);
  EXPECT_EQ(ParseNumber("1e3"), 1000.0);
  EXPECT_EQ(ParseNumber("1E-2"), 0.01);
  EXPECT_EQ(ParseNumber("1.5e+2"), 150.0);
  EXPECT_EQ(ParseNumber("-0.25"), -0.25);
  EXPECT_EQ(ParseNumber("007"), 7.0);
  EXPECT_EQ(ParseNumber("3600"), 3600.0);
}

// Anything else is not a number (from_chars' extras such as inf, nan and hex
// are excluded). "digits" are required before an optional fraction, and a
// fraction has digits.
TEST(ParseNumber, InvalidForms) {
  for (std::string_view bad : {"", "+", "-", ".", "-.", ".5", "5.", "-.25", "+.5", "e3", "1e", "1e+", "1e-", "0x10", "inf", "-inf", "nan",
                               "Infinity", " 1", "1 ", "1,000", "1.2.3", "--1", "+-1", "1e2.5", "12a", "abc",
                               "${aws:x}", "\xD9\xA1"})
    EXPECT_EQ(ParseNumber(bad), std::nullopt) << bad;
}

// -------------------------------------------------------------------- dates

// §3.3 Date: the W3C profile forms YYYY, YYYY-MM, YYYY-MM-DD (midnight UTC).
TEST(ParseDate, DateOnlyForms) {
  EXPECT_EQ(ParseDate("2020"), 1577836800 * kSec);
  EXPECT_EQ(ParseDate("2020-02"), 1580515200 * kSec);
  EXPECT_EQ(ParseDate("2020-02-29"), 1582934400 * kSec);
  EXPECT_EQ(ParseDate("1970-01-01"), 0);
  EXPECT_EQ(ParseDate("2000-02-29"), 951782400 * kSec);
}

// YYYY-MM-DDThh:mmTZD, ...:ssTZD, ...:ss.sTZD with Z.
TEST(ParseDate, DateTimeForms) {
  EXPECT_EQ(ParseDate("2020-01-01T00:00Z"), 1577836800 * kSec);
  EXPECT_EQ(ParseDate("2020-01-01T12:34Z"), (1577836800 + 12 * 3600 + 34 * 60) * kSec);
  EXPECT_EQ(ParseDate("2020-01-01T12:34:56Z"), (1577836800 + 12 * 3600 + 34 * 60 + 56) * kSec);
  EXPECT_EQ(ParseDate("1969-12-31T23:59:59Z"), -1 * kSec);
}

// Fractional seconds, compared at microsecond precision (digits beyond the
// sixth do not count).
TEST(ParseDate, FractionalSeconds) {
  const std::int64_t base = 1577836800 * kSec;
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00.5Z"), base + 500000);
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00.123456Z"), base + 123456);
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00.000001Z"), base + 1);
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00.1234569Z"), base + 123456);
  EXPECT_NE(ParseDate("2020-01-01T00:00:00.000001Z"), ParseDate("2020-01-01T00:00:00Z"));
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00.Z"), std::nullopt);
}

// ±hh:mm offsets are applied (the instant is what is compared).
TEST(ParseDate, TimeZoneOffsets) {
  const auto utc = ParseDate("2020-01-01T00:00:00Z");
  ASSERT_TRUE(utc.has_value());
  EXPECT_EQ(ParseDate("2020-01-01T01:00:00+01:00"), utc);
  EXPECT_EQ(ParseDate("2019-12-31T18:30:00-05:30"), utc);
  EXPECT_EQ(ParseDate("2020-01-01T05:30+05:30"), utc);
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00+00:00"), utc);
  EXPECT_EQ(ParseDate("2020-01-01T00:00:00.25-00:00"), *utc + 250000);
}

// A time without a time zone designator is not in the profile.
TEST(ParseDate, MissingOrMalformedTimeZone) {
  for (std::string_view bad : {"2020-01-01T00:00:00", "2020-01-01T00:00", "2020-01-01T00:00:00+0100",
                               "2020-01-01T00:00:00+1:00", "2020-01-01T00:00:00+01", "2020-01-01T00:00:00 Z",
                               "2020-01-01T00:00:00z", "2020-01-01T00:00:00+24:00", "2020-01-01T00:00:00Zjunk",
                               "2020-01-01T00:00:00+01:60"})
    EXPECT_EQ(ParseDate(bad), std::nullopt) << bad;
}

// Calendar validation: no Feb 30, no Feb 29 outside leap years, no month 13.
TEST(ParseDate, InvalidCalendarDates) {
  for (std::string_view bad : {"2020-02-30", "2019-02-29", "2100-02-29", "2020-04-31", "2020-13", "2020-00",
                               "2020-01-00", "2020-01-32", "2020-06-31T00:00Z", "2021-02-29T12:00:00Z"})
    EXPECT_EQ(ParseDate(bad), std::nullopt) << bad;
}

TEST(ParseDate, InvalidTimesAndShapes) {
  for (std::string_view bad : {"2020-01-01T24:00Z", "2020-01-01T23:60Z", "2020-01-01T23:59:60Z",
                               "2020-01-01 00:00:00Z", "2020-01-01t00:00:00Z", "2020-1-1", "2020-01-1",
                               "20-01-01", "2020/01/01", "2020-01-01Z", "2020-01-01T", "2020-01-01T1:00Z",
                               "", "abc", "2020-01-01T00:00:00.5", "T00:00Z"})
    EXPECT_EQ(ParseDate(bad), std::nullopt) << bad;
}

// §3.3: epoch seconds, integer or decimal.
TEST(ParseDate, EpochSeconds) {
  EXPECT_EQ(ParseDate("0"), 0);
  EXPECT_EQ(ParseDate("1700000000"), 1700000000 * kSec);
  EXPECT_EQ(ParseDate("1700000000.5"), 1700000000 * kSec + 500000);
  EXPECT_EQ(ParseDate("1577836800"), ParseDate("2020-01-01T00:00:00Z"));
  EXPECT_EQ(ParseDate("86400"), 86400 * kSec);
  EXPECT_EQ(ParseDate("123"), 123 * kSec);
  EXPECT_EQ(ParseDate("1e9"), std::nullopt);  // an exponent is not epoch seconds
  EXPECT_EQ(ParseDate("1700000000x"), std::nullopt);
}

// Decimal epoch values of any length are epoch seconds; only a four-digit
// year "YYYY" is a date (a four-character decimal such as "12.5" is not a
// year).
TEST(ParseDate, ShortDecimalEpochValues) {
  EXPECT_EQ(ParseDate("1.25"), 1250000);
  EXPECT_EQ(ParseDate("12.5"), 12500000);
  EXPECT_EQ(ParseDate("0.50"), 500000);
  EXPECT_EQ(ParseDate("12.50"), 12500000);
}

// ----------------------------------------------------------------- networks

// §3.3 IpAddress: IPv4 and IPv6 CIDR; a bare address is /32 or /128.
TEST(ParseNetwork, Ipv4) {
  auto n = ParseNetwork("203.0.113.0/24");
  ASSERT_TRUE(n.has_value());
  EXPECT_FALSE(n->v6);
  EXPECT_EQ(n->prefix, 24);
  EXPECT_EQ(n->bytes[0], 203);
  EXPECT_EQ(n->bytes[3], 0);
  auto bare = ParseNetwork("203.0.113.5");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->prefix, 32);
  EXPECT_EQ(ParseNetwork("0.0.0.0/0")->prefix, 0);
}

TEST(ParseNetwork, Ipv6) {
  auto n = ParseNetwork("2001:db8::/32");
  ASSERT_TRUE(n.has_value());
  EXPECT_TRUE(n->v6);
  EXPECT_EQ(n->prefix, 32);
  EXPECT_EQ(n->bytes[0], 0x20);
  EXPECT_EQ(n->bytes[1], 0x01);
  auto bare = ParseNetwork("::1");
  ASSERT_TRUE(bare.has_value());
  EXPECT_TRUE(bare->v6);
  EXPECT_EQ(bare->prefix, 128);
  EXPECT_EQ(bare->bytes[15], 1);
  EXPECT_TRUE(ParseNetwork("::ffff:1.2.3.4").has_value());
  EXPECT_EQ(ParseNetwork("2001:DB8::1/128")->prefix, 128);
}

TEST(ParseNetwork, BadInput) {
  for (std::string_view bad : {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1",
                               "1.2.3.4/a", "1.2.3.4/24/1", "1.2.3.4/0024", "::/129", "2001:db8::g", ":::",
                               "abc", " 1.2.3.4", "1.2.3.4 ", "/24", "localhost"})
    EXPECT_EQ(ParseNetwork(bad), std::nullopt) << bad;
}

// §3.3: a request value is an address, never a network: a prefix is not an
// address.
TEST(ParseAddress, BareAddressesOnly) {
  auto v4 = ParseAddress("203.0.113.5");
  ASSERT_TRUE(v4.has_value());
  EXPECT_FALSE(v4->v6);
  EXPECT_EQ(v4->prefix, 32);
  auto v6 = ParseAddress("2001:db8::1");
  ASSERT_TRUE(v6.has_value());
  EXPECT_TRUE(v6->v6);
  EXPECT_EQ(v6->prefix, 128);
  for (std::string_view bad : {"10.0.0.0/8", "10.0.0.1/32", "2001:db8::/32", "::1/128", "", "vpce-1", "1.2.3"})
    EXPECT_EQ(ParseAddress(bad), std::nullopt) << bad;
}

bool In(std::string_view net, std::string_view addr) {
  auto n = ParseNetwork(net);
  auto a = ParseNetwork(addr);
  EXPECT_TRUE(n.has_value()) << net;
  EXPECT_TRUE(a.has_value()) << addr;
  return n && a && Contains(*n, *a);
}

// Contains compares the first `prefix` bits of the network.
TEST(ContainsNetwork, Ipv4Prefixes) {
  EXPECT_TRUE(In("203.0.113.0/24", "203.0.113.200"));
  EXPECT_FALSE(In("203.0.113.0/24", "203.0.114.1"));
  EXPECT_TRUE(In("10.0.0.0/25", "10.0.0.127"));
  EXPECT_FALSE(In("10.0.0.0/25", "10.0.0.128"));
  EXPECT_TRUE(In("10.0.0.0/8", "10.255.255.255"));
  EXPECT_TRUE(In("0.0.0.0/0", "198.51.100.7"));
  EXPECT_TRUE(In("10.0.0.5/24", "10.0.0.77"));  // host bits in the network are ignored
  EXPECT_TRUE(In("172.16.0.0/12", "172.31.1.1"));
  EXPECT_FALSE(In("172.16.0.0/12", "172.32.0.1"));
}

// T46: a bare address is /32.
TEST(ContainsNetwork, BareAddressIsExact) {
  EXPECT_TRUE(In("203.0.113.5", "203.0.113.5"));
  EXPECT_FALSE(In("203.0.113.5", "203.0.113.6"));
  EXPECT_TRUE(In("2001:db8::1", "2001:db8::1"));
  EXPECT_FALSE(In("2001:db8::1", "2001:db8::2"));
}

TEST(ContainsNetwork, Ipv6Prefixes) {
  EXPECT_TRUE(In("2001:db8::/32", "2001:db8:ffff::1"));
  EXPECT_FALSE(In("2001:db8::/32", "2001:db9::1"));
  EXPECT_TRUE(In("2001:db8::/33", "2001:db8:7fff::1"));
  EXPECT_FALSE(In("2001:db8::/33", "2001:db8:8000::1"));
  EXPECT_TRUE(In("::/0", "fe80::1"));
}

// IPv4 and IPv6 never contain each other.
TEST(ContainsNetwork, FamiliesDoNotMix) {
  EXPECT_FALSE(In("0.0.0.0/0", "2001:db8::1"));
  EXPECT_FALSE(In("::/0", "10.0.0.1"));
}

// ------------------------------------------------------------------- base64

// §3.3 BinaryEquals: both sides base64-decoded; undecodable never matches.
TEST(DecodeBase64, ValidInput) {
  EXPECT_EQ(DecodeBase64("aGVsbG8="), std::string("hello"));
  EXPECT_EQ(DecodeBase64("aGVsbG8h"), std::string("hello!"));
  EXPECT_EQ(DecodeBase64("YQ=="), std::string("a"));
  EXPECT_EQ(DecodeBase64("aGk="), std::string("hi"));
  EXPECT_EQ(DecodeBase64(""), std::string());
  EXPECT_EQ(DecodeBase64("AP8="), std::string("\x00\xFF", 2));
  EXPECT_EQ(DecodeBase64("+/+/"), std::string("\xFB\xFF\xBF"));
}

TEST(DecodeBase64, InvalidInput) {
  for (std::string_view bad : {"abc", "a", "YQ=", "a===", "====", "ab!d", "YQ=a", "=YQ=", "Y===", "YQ ==",
                               "aGVs bG8=", "aGVsbG8=\n", "-_-_"})
    EXPECT_EQ(DecodeBase64(bad), std::nullopt) << bad;
}

// -------------------------------------------------------------------- bools

// §3.3 Bool: case-insensitive "true"/"false".
TEST(ParseBool, CaseInsensitive) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("TRUE"), true);
  EXPECT_EQ(ParseBool("True"), true);
  EXPECT_EQ(ParseBool("false"), false);
  EXPECT_EQ(ParseBool("FaLsE"), false);
  for (std::string_view bad : {"", "1", "0", "yes", "no", " true", "true ", "truee", "t", "f"})
    EXPECT_EQ(ParseBool(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace gatehouse::policy
