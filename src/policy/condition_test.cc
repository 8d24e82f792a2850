// policy/condition_test.cc: condition evaluation (docs/semantics.md §3,
// fact sheet §3): every operator family, IfExists, ForAllValues/ForAnyValue,
// Null, negated NOR, multi-valued keys, key-name case, and policy variables in
// values. Conditions are compiled from tiny policies so that the parser and
// compiler produce exactly what the engine evaluates.
#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "policy/compiled.h"
#include "policy/context.h"
#include "policy/evaluator.h"
#include "policy/operators.h"
#include "policy/parser.h"

namespace gatehouse::policy {
namespace {

const std::optional<bool> T = true;
const std::optional<bool> F = false;

std::string PolicyWithCondition(std::string_view condition_block, std::string_view version) {
  std::string text = "{";
  if (!version.empty()) text += "\"Version\": \"" + std::string(version) + "\", ";
  text += "\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": ";
  text += condition_block;
  text += "}}";
  return text;
}

// Evaluates {"<op>": {"<key>": <values_json>}}; nullopt when the policy does
// not parse (which fails the test).
std::optional<bool> Cond(std::string_view op, std::string_view key, std::string_view values_json,
                         const RequestContext& ctx, std::string_view version = "2012-10-17") {
  const std::string block =
      "{\"" + std::string(op) + "\": {\"" + std::string(key) + "\": " + std::string(values_json) + "}}";
  Result<Policy> p = ParsePolicyText(PolicyWithCondition(block, version), PolicyType::kIdentity);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message) << " for " << block;
  if (!p.ok()) return std::nullopt;
  const CompiledPolicy c = CompiledPolicy::Compile(*p, "P");
  EXPECT_EQ(c.statements().size(), 1u);
  EXPECT_EQ(c.statements()[0].conditions.size(), 1u);
  if (c.statements()[0].conditions.size() != 1) return std::nullopt;
  return EvaluateCondition(c.statements()[0].conditions[0], ctx);
}

// Evaluates a whole Condition block through EvaluateStatement (AND of all
// entries).
std::optional<bool> Block(std::string_view condition_block, const RequestContext& ctx) {
  Result<Policy> p = ParsePolicyText(PolicyWithCondition(condition_block, "2012-10-17"), PolicyType::kIdentity);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  if (!p.ok()) return std::nullopt;
  const CompiledPolicy c = CompiledPolicy::Compile(*p, "P");
  EvalInput in;
  in.vendor = "s3";
  in.name = "getobject";
  in.resource = ArnView::Of("arn:aws:s3:::b/k");
  in.context = &ctx;
  return EvaluateStatement(c.statements()[0], in).applies;
}

RequestContext Ctx(std::initializer_list<std::pair<std::string_view, std::string_view>> singles = {}) {
  RequestContext c;
  for (const auto& [k, v] : singles) c.Set(k, std::string(v));
  return c;
}

RequestContext Multi(std::string_view key, std::vector<std::string> values) {
  RequestContext c;
  c.SetMulti(key, std::move(values));
  return c;
}

// ================================================================= strings

// §3.3 String: StringEquals is exact and case-sensitive.
TEST(ConditionString, StringEquals) {
  const auto ctx = Ctx({{"aws:PrincipalTag/team", "blue"}});
  EXPECT_EQ(Cond("StringEquals", "aws:PrincipalTag/team", R"("blue")", ctx), T);
  EXPECT_EQ(Cond("StringEquals", "aws:PrincipalTag/team", R"("Blue")", ctx), F);
  EXPECT_EQ(Cond("StringEquals", "aws:PrincipalTag/team", R"(["red", "blue"])", ctx), T);  // values OR
  EXPECT_EQ(Cond("StringEquals", "aws:PrincipalTag/team", R"("blu*")", ctx), F);  // T69: '*' is literal
  EXPECT_EQ(Cond("StringEquals", "aws:PrincipalTag/team", R"("blu*")", Ctx({{"aws:PrincipalTag/team", "blu*"}})), T);
}

// §3.3: numbers and booleans in String values are their text.
TEST(ConditionString, NumberAndBoolValuesAreText) {
  EXPECT_EQ(Cond("StringEquals", "aws:x", "42", Ctx({{"aws:x", "42"}})), T);
  EXPECT_EQ(Cond("StringEquals", "aws:x", "42.0", Ctx({{"aws:x", "42"}})), F);
  EXPECT_EQ(Cond("StringEquals", "aws:x", "true", Ctx({{"aws:x", "true"}})), T);
}

// §3.1: negated operators with several values are NOR (T06).
TEST(ConditionString, StringNotEqualsIsNor) {
  const char* accounts = R"(["111111111111", "222222222222"])";
  EXPECT_EQ(Cond("StringNotEquals", "aws:PrincipalAccount", accounts, Ctx({{"aws:PrincipalAccount", "111111111111"}})), F);
  EXPECT_EQ(Cond("StringNotEquals", "aws:PrincipalAccount", accounts, Ctx({{"aws:PrincipalAccount", "222222222222"}})), F);
  EXPECT_EQ(Cond("StringNotEquals", "aws:PrincipalAccount", accounts, Ctx({{"aws:PrincipalAccount", "333333333333"}})), T);
}

// §3.3: StringEqualsIgnoreCase folds ASCII and Latin-1 letters (T24).
TEST(ConditionString, StringEqualsIgnoreCase) {
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:ResourceTag/Env", R"("prod")", Ctx({{"aws:ResourceTag/Env", "PROD"}})), T);
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:ResourceTag/Env", R"("prod")", Ctx({{"aws:ResourceTag/Env", "prd"}})), F);
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:x", "\"CAF\xC3\x89\"", Ctx({{"aws:x", "caf\xC3\xA9"}})), T);
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:x", "\"\xC3\x9E\"", Ctx({{"aws:x", "\xC3\xBE"}})), T);  // Þ þ
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:x", "\"\xC3\x97\"", Ctx({{"aws:x", "\xC3\xB7"}})), F);  // × ÷
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:x", "\"SS\"", Ctx({{"aws:x", "\xC3\x9F"}})), F);  // ß
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:x", R"("a*")", Ctx({{"aws:x", "abc"}})), F);
}

TEST(ConditionString, StringNotEqualsIgnoreCase) {
  EXPECT_EQ(Cond("StringNotEqualsIgnoreCase", "aws:x", R"(["A", "B"])", Ctx({{"aws:x", "b"}})), F);
  EXPECT_EQ(Cond("StringNotEqualsIgnoreCase", "aws:x", R"(["A", "B"])", Ctx({{"aws:x", "c"}})), T);
}

// §3.3: StringLike globs (§2.3); `*` crosses ':' and '/'.
TEST(ConditionString, StringLike) {
  const auto ctx = Ctx({{"aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"}});
  // T05: StringLike's first '*' swallows several ARN fields.
  EXPECT_EQ(Cond("StringLike", "aws:SourceArn", R"("arn:aws:someservice:*:111122223333:finance/*")", ctx), T);
  EXPECT_EQ(Cond("StringLike", "aws:x", R"("t2.*")", Ctx({{"aws:x", "t2.micro"}})), T);
  EXPECT_EQ(Cond("StringLike", "aws:x", R"("t2.*")", Ctx({{"aws:x", "m5.large"}})), F);
  EXPECT_EQ(Cond("StringLike", "aws:x", R"("t?.micro")", Ctx({{"aws:x", "t3.micro"}})), T);
  EXPECT_EQ(Cond("StringLike", "aws:x", R"("T2.*")", Ctx({{"aws:x", "t2.micro"}})), F);  // case-sensitive
}

TEST(ConditionString, StringNotLike) {
  EXPECT_EQ(Cond("StringNotLike", "aws:x", R"(["a*", "b*"])", Ctx({{"aws:x", "bz"}})), F);
  EXPECT_EQ(Cond("StringNotLike", "aws:x", R"(["a*", "b*"])", Ctx({{"aws:x", "cz"}})), T);
}

// ================================================================= numeric

// §3.3 Numeric: decimal numbers compared as numbers.
TEST(ConditionNumeric, AllOperators) {
  const auto ctx = Ctx({{"aws:MultiFactorAuthAge", "3600"}});
  const char* k = "aws:MultiFactorAuthAge";
  EXPECT_EQ(Cond("NumericEquals", k, "3600", ctx), T);
  EXPECT_EQ(Cond("NumericEquals", k, R"("3600.0")", ctx), T);
  EXPECT_EQ(Cond("NumericEquals", k, R"("3.6e3")", ctx), T);
  EXPECT_EQ(Cond("NumericEquals", k, "3601", ctx), F);
  EXPECT_EQ(Cond("NumericNotEquals", k, "3601", ctx), T);
  EXPECT_EQ(Cond("NumericNotEquals", k, "[3601, 3600]", ctx), F);
  EXPECT_EQ(Cond("NumericLessThan", k, "3600", ctx), F);
  EXPECT_EQ(Cond("NumericLessThan", k, "3601", ctx), T);
  EXPECT_EQ(Cond("NumericLessThanEquals", k, "3600", ctx), T);
  EXPECT_EQ(Cond("NumericLessThanEquals", k, "3599", ctx), F);
  EXPECT_EQ(Cond("NumericGreaterThan", k, "3599.5", ctx), T);
  EXPECT_EQ(Cond("NumericGreaterThan", k, "3600", ctx), F);
  EXPECT_EQ(Cond("NumericGreaterThanEquals", k, "3600", ctx), T);
  EXPECT_EQ(Cond("NumericGreaterThanEquals", k, "3600.001", ctx), F);
}

// Numbers compare numerically, not as text.
TEST(ConditionNumeric, NumericNotLexicographic) {
  EXPECT_EQ(Cond("NumericGreaterThan", "aws:x", "9", Ctx({{"aws:x", "10"}})), T);
  EXPECT_EQ(Cond("NumericLessThan", "aws:x", "0", Ctx({{"aws:x", "-1.5"}})), T);
}

// §3.3: a side that does not parse never matches (a negated operator then
// matches, by NOR).
TEST(ConditionNumeric, UnparseableSides) {
  EXPECT_EQ(Cond("NumericEquals", "aws:x", "5", Ctx({{"aws:x", "five"}})), F);
  EXPECT_EQ(Cond("NumericNotEquals", "aws:x", "5", Ctx({{"aws:x", "five"}})), T);
  EXPECT_EQ(Cond("NumericLessThan", "aws:x", R"("abc")", Ctx({{"aws:x", "1"}})), F);
  EXPECT_EQ(Cond("NumericNotEquals", "aws:x", R"("abc")", Ctx({{"aws:x", "1"}})), T);
  EXPECT_EQ(Cond("NumericGreaterThanEquals", "aws:x", "0", Ctx({{"aws:x", ""}})), F);
}

// ==================================================================== dates

// §3.3 Date: ISO 8601 (W3C profile) or epoch seconds, compared as instants.
TEST(ConditionDate, AllOperators) {
  const auto ctx = Ctx({{"aws:CurrentTime", "2020-06-01T12:00:00Z"}});
  const char* k = "aws:CurrentTime";
  EXPECT_EQ(Cond("DateEquals", k, R"("2020-06-01T12:00:00Z")", ctx), T);
  EXPECT_EQ(Cond("DateEquals", k, R"("2020-06-01T14:00:00+02:00")", ctx), T);
  EXPECT_EQ(Cond("DateEquals", k, "1591012800", ctx), T);  // epoch of the same instant
  EXPECT_EQ(Cond("DateNotEquals", k, R"("2020-06-01T12:00:01Z")", ctx), T);
  EXPECT_EQ(Cond("DateNotEquals", k, R"(["2020-06-01T12:00:01Z", "2020-06-01T12:00Z"])", ctx), F);
  EXPECT_EQ(Cond("DateLessThan", k, R"("2020-06-01T12:00:00.000001Z")", ctx), T);
  EXPECT_EQ(Cond("DateLessThan", k, R"("2020-06-01T12:00:00Z")", ctx), F);
  EXPECT_EQ(Cond("DateLessThanEquals", k, R"("2020-06-01T12:00:00Z")", ctx), T);
  EXPECT_EQ(Cond("DateGreaterThan", k, R"("2020-06-01")", ctx), T);
  EXPECT_EQ(Cond("DateGreaterThan", k, R"("2020-06-02")", ctx), F);
  EXPECT_EQ(Cond("DateGreaterThanEquals", k, R"("2020-06-01T12:00Z")", ctx), T);
  EXPECT_EQ(Cond("DateGreaterThanEquals", k, R"("2021")", ctx), F);
}

// The request side may be epoch seconds (aws:EpochTime).
TEST(ConditionDate, EpochRequestValues) {
  const auto ctx = Ctx({{"aws:EpochTime", "1700000000"}});
  EXPECT_EQ(Cond("DateGreaterThan", "aws:EpochTime", R"("2023-01-01T00:00:00Z")", ctx), T);
  EXPECT_EQ(Cond("DateLessThan", "aws:EpochTime", R"("2023-01-01T00:00:00Z")", ctx), F);
  EXPECT_EQ(Cond("DateEquals", "aws:EpochTime", R"("2023-11-14T22:13:20Z")", ctx), T);
}

// T50 / §3.3: unparseable sides never match.
TEST(ConditionDate, UnparseableAndAbsent) {
  EXPECT_EQ(Cond("DateGreaterThan", "aws:TokenIssueTime", R"("2020-01-01T00:00:01Z")", Ctx()), F);
  EXPECT_EQ(Cond("DateEquals", "aws:x", R"("2020-02-30")", Ctx({{"aws:x", "2020-02-30"}})), F);
  EXPECT_EQ(Cond("DateNotEquals", "aws:x", R"("2020-02-30")", Ctx({{"aws:x", "2020-03-01"}})), T);
  EXPECT_EQ(Cond("DateLessThan", "aws:x", R"("2020-01-01T00:00:00")", Ctx({{"aws:x", "2019-01-01"}})), F);
}

// ==================================================================== bools

// §3.3 Bool: case-insensitive true/false; JSON booleans are their text.
TEST(ConditionBool, Values) {
  const auto t = Ctx({{"aws:SecureTransport", "true"}});
  const auto f = Ctx({{"aws:SecureTransport", "false"}});
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", "true", t), T);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", R"("true")", t), T);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", R"("TRUE")", t), T);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", "false", t), F);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", "false", f), T);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", "true", Ctx({{"aws:SecureTransport", "True"}})), T);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", R"("yes")", t), F);
  EXPECT_EQ(Cond("Bool", "aws:SecureTransport", "true", Ctx({{"aws:SecureTransport", "1"}})), F);
}

// T16/T17: absent key: Bool false; BoolIfExists true.
TEST(ConditionBool, AbsentKeyT16T17) {
  EXPECT_EQ(Cond("Bool", "aws:MultiFactorAuthPresent", "false", Ctx()), F);
  EXPECT_EQ(Cond("BoolIfExists", "aws:MultiFactorAuthPresent", "false", Ctx()), T);
  EXPECT_EQ(Cond("BoolIfExists", "aws:MultiFactorAuthPresent", "false", Ctx({{"aws:MultiFactorAuthPresent", "true"}})), F);
}

// §3.3: variables are substituted in Bool values.
TEST(ConditionBool, VariablesSubstituted) {
  const char* v = R"("${aws:PrincipalTag/mfa-required}")";
  auto ctx = Ctx({{"aws:MultiFactorAuthPresent", "true"}, {"aws:PrincipalTag/mfa-required", "TRUE"}});
  EXPECT_EQ(Cond("Bool", "aws:MultiFactorAuthPresent", v, ctx), T);
  ctx.Set("aws:PrincipalTag/mfa-required", "false");
  EXPECT_EQ(Cond("Bool", "aws:MultiFactorAuthPresent", v, ctx), F);
  ctx.Erase("aws:PrincipalTag/mfa-required");
  EXPECT_EQ(Cond("Bool", "aws:MultiFactorAuthPresent", v, ctx), F);  // unresolvable
  EXPECT_EQ(Cond("Bool", "aws:MultiFactorAuthPresent", R"("${aws:PrincipalTag/x, 'true'}")", ctx), T);
}

// =================================================================== binary

// §3.3 BinaryEquals: both sides base64-decoded and compared byte for byte.
TEST(ConditionBinary, BinaryEquals) {
  EXPECT_EQ(Cond("BinaryEquals", "aws:x", R"("aGVsbG8=")", Ctx({{"aws:x", "aGVsbG8="}})), T);
  EXPECT_EQ(Cond("BinaryEquals", "aws:x", R"("aGVsbG8=")", Ctx({{"aws:x", "aGVsbG8h"}})), F);
  EXPECT_EQ(Cond("BinaryEquals", "aws:x", R"(["YQ==", "aGVsbG8="])", Ctx({{"aws:x", "aGVsbG8="}})), T);
  EXPECT_EQ(Cond("BinaryEquals", "aws:x", R"("aGVsbG8=")", Ctx({{"aws:x", "hello"}})), F);  // undecodable
  EXPECT_EQ(Cond("BinaryEquals", "aws:x", R"("hello")", Ctx({{"aws:x", "hello"}})), F);
  EXPECT_EQ(Cond("BinaryEquals", "aws:x", R"("aGVsbG8=")", Ctx()), F);
  EXPECT_EQ(Cond("BinaryEqualsIfExists", "aws:x", R"("aGVsbG8=")", Ctx()), T);
}

// ======================================================================= IP

// §3.3 IpAddress: IPv4/IPv6 CIDR; a bare address is /32 (T46).
TEST(ConditionIp, IpAddress) {
  const auto ctx = Ctx({{"aws:SourceIp", "203.0.113.5"}});
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("203.0.113.0/24")", ctx), T);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("203.0.113.5")", ctx), T);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("203.0.113.6")", ctx), F);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"(["10.0.0.0/8", "203.0.0.0/16"])", ctx), T);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("2001:db8::/32")", ctx), F);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("2001:db8::/32")", Ctx({{"aws:SourceIp", "2001:db8::1"}})), T);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("not-a-network")", ctx), F);
}

TEST(ConditionIp, NotIpAddressIsNor) {
  const auto ctx = Ctx({{"aws:SourceIp", "203.0.113.5"}});
  EXPECT_EQ(Cond("NotIpAddress", "aws:SourceIp", R"(["10.0.0.0/8", "192.168.0.0/16"])", ctx), T);
  EXPECT_EQ(Cond("NotIpAddress", "aws:SourceIp", R"(["10.0.0.0/8", "203.0.113.0/24"])", ctx), F);
  EXPECT_EQ(Cond("NotIpAddress", "aws:SourceIp", R"("10.0.0.0/8")", Ctx()), T);  // absent: negated is true
}

// §3.3: a request value that is not an address never matches.
TEST(ConditionIp, RequestValueThatIsNotAnAddress) {
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("0.0.0.0/0")", Ctx({{"aws:SourceIp", "vpce-123"}})), F);
  EXPECT_EQ(Cond("NotIpAddress", "aws:SourceIp", R"("0.0.0.0/0")", Ctx({{"aws:SourceIp", "vpce-123"}})), T);
}

// §3.3: "A request value that is not an address never matches": a CIDR block
// is a network, not an address.
TEST(ConditionIp, RequestValueThatIsACidrIsNotAnAddress) {
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("10.0.0.0/16")", Ctx({{"aws:SourceIp", "10.0.0.0/8"}})), F);
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("10.0.0.0/8")", Ctx({{"aws:SourceIp", "10.1.0.0/16"}})), F);
}

// ====================================================================== ARN

// §3.3 / [§3.4]: ArnLike globs per field (T05), case-sensitive throughout.
TEST(ConditionArn, ArnLikeVsStringLikeT05) {
  const auto ctx = Ctx({{"aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"}});
  EXPECT_EQ(Cond("ArnLike", "aws:SourceArn", R"("arn:aws:someservice:*:111122223333:finance/*")", ctx), F);
  EXPECT_EQ(Cond("ArnLike", "aws:SourceArn", R"("arn:aws:someservice:*:999999999999:store/*")", ctx), T);
}

// T68: ArnEquals honours wildcards like ArnLike; ArnNotEquals ≡ ArnNotLike.
TEST(ConditionArn, ArnEqualsEqualsArnLikeT68) {
  const auto ctx = Ctx({{"aws:PrincipalArn", "arn:aws:iam::111122223333:role/R"}});
  for (std::string_view op : {"ArnEquals", "ArnLike"}) {
    EXPECT_EQ(Cond(op, "aws:PrincipalArn", R"("arn:aws:iam::111122223333:role/*")", ctx), T) << op;
    EXPECT_EQ(Cond(op, "aws:PrincipalArn", R"("arn:aws:iam::*:role/R")", ctx), T) << op;
    EXPECT_EQ(Cond(op, "aws:PrincipalArn", R"("arn:aws:iam::111122223333:user/*")", ctx), F) << op;
  }
  for (std::string_view op : {"ArnNotEquals", "ArnNotLike"}) {
    EXPECT_EQ(Cond(op, "aws:PrincipalArn", R"("arn:aws:iam::111122223333:role/*")", ctx), F) << op;
    EXPECT_EQ(Cond(op, "aws:PrincipalArn", R"(["arn:aws:iam::111122223333:user/*", "arn:aws:iam::*:role/X"])", ctx), T) << op;
  }
  // T69: StringEquals treats '*' literally.
  EXPECT_EQ(Cond("StringEquals", "aws:PrincipalArn", R"("arn:aws:iam::111122223333:role/*")", ctx), F);
}

// [§3.4]: ARN operators are case-sensitive in every field.
TEST(ConditionArn, CaseSensitiveInEveryField) {
  const auto ctx = Ctx({{"aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic"}});
  EXPECT_EQ(Cond("ArnEquals", "aws:SourceArn", R"("arn:aws:sns:us-east-1:111122223333:topic")", ctx), T);
  EXPECT_EQ(Cond("ArnEquals", "aws:SourceArn", R"("arn:aws:SNS:us-east-1:111122223333:topic")", ctx), F);
  EXPECT_EQ(Cond("ArnEquals", "aws:SourceArn", R"("ARN:aws:sns:us-east-1:111122223333:topic")", ctx), F);
  EXPECT_EQ(Cond("ArnEquals", "aws:SourceArn", R"("arn:aws:sns:US-EAST-1:111122223333:topic")", ctx), F);
  EXPECT_EQ(Cond("ArnEquals", "aws:SourceArn", R"("arn:aws:sns:us-east-1:111122223333:Topic")", ctx), F);
}

// §3.3: a request value with fewer than six fields never matches.
TEST(ConditionArn, RequestValueNotAnArn) {
  EXPECT_EQ(Cond("ArnLike", "aws:SourceArn", R"("*")", Ctx({{"aws:SourceArn", "not-an-arn"}})), F);
  EXPECT_EQ(Cond("ArnLike", "aws:SourceArn", R"("arn:*")", Ctx({{"aws:SourceArn", "arn:aws:s3"}})), F);
  EXPECT_EQ(Cond("ArnNotLike", "aws:SourceArn", R"("arn:*")", Ctx({{"aws:SourceArn", "arn:aws:s3"}})), T);
}

// Variables in ARN values (T49-style conditions with ${...}).
TEST(ConditionArn, VariablesInArnValues) {
  auto ctx = Ctx({{"aws:PrincipalArn", "arn:aws:iam::111122223333:role/R"}, {"aws:PrincipalAccount", "111122223333"}});
  const char* v = R"("arn:aws:iam::${aws:PrincipalAccount}:role/*")";
  EXPECT_EQ(Cond("ArnLike", "aws:PrincipalArn", v, ctx), T);
  ctx.Set("aws:PrincipalAccount", "444455556666");
  EXPECT_EQ(Cond("ArnLike", "aws:PrincipalArn", v, ctx), F);
  ctx.Erase("aws:PrincipalAccount");
  EXPECT_EQ(Cond("ArnLike", "aws:PrincipalArn", v, ctx), F);     // unresolvable
  EXPECT_EQ(Cond("ArnNotLike", "aws:PrincipalArn", v, ctx), T);  // ... and NOR
  // Substituted text is literal: a '*' value does not act as a wildcard.
  ctx.Set("aws:PrincipalAccount", "*");
  EXPECT_EQ(Cond("ArnLike", "aws:PrincipalArn", v, ctx), F);
}

// ===================================================================== Null

// §3.2 Null: true iff some value equals ("false" if present else "true").
TEST(ConditionNull, PresenceTests) {
  const auto present = Ctx({{"aws:TokenIssueTime", "2020-01-01T00:00:00Z"}});
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"("true")", Ctx()), T);  // T15
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"("true")", present), F);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", "false", present), T);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", "false", Ctx()), F);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"("TRUE")", Ctx()), T);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"(["true", "false"])", present), T);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"(["true", "false"])", Ctx()), T);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"("yes")", Ctx()), F);
  EXPECT_EQ(Cond("Null", "aws:TokenIssueTime", R"("yes")", present), F);
}

// §3.2: an empty context array is an absent key; a multi-valued key is
// present.
TEST(ConditionNull, EmptyArrayIsAbsent) {
  EXPECT_EQ(Cond("Null", "aws:TagKeys", "true", Multi("aws:TagKeys", {})), T);
  EXPECT_EQ(Cond("Null", "aws:TagKeys", "false", Multi("aws:TagKeys", {"a", "b"})), T);
}

// §3.2: ForAllValues:Null is always true, ForAnyValue:Null always false.
TEST(ConditionNull, WithSetQualifiers) {
  for (const RequestContext& ctx : {Ctx(), Ctx({{"aws:x", "1"}})}) {
    EXPECT_EQ(Cond("ForAllValues:Null", "aws:x", R"("false")", ctx), T);
    EXPECT_EQ(Cond("ForAllValues:Null", "aws:x", R"("true")", ctx), T);
    EXPECT_EQ(Cond("ForAnyValue:Null", "aws:x", R"("false")", ctx), F);
    EXPECT_EQ(Cond("ForAnyValue:Null", "aws:x", R"("true")", ctx), F);
  }
}

// ============================================================ missing keys

// [§3.3] / T07 / T08: absent key: positive false, negated true.
TEST(ConditionAbsent, PositiveFalseNegatedTrue) {
  const RequestContext none;
  for (std::string_view op : {"StringEquals", "StringEqualsIgnoreCase", "StringLike", "NumericEquals",
                              "NumericLessThan", "DateEquals", "DateGreaterThan", "Bool", "BinaryEquals",
                              "IpAddress", "ArnEquals", "ArnLike"})
    EXPECT_EQ(Cond(op, "aws:PrincipalTag/team", R"("x")", none), F) << op;
  for (std::string_view op : {"StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals",
                              "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike"})
    EXPECT_EQ(Cond(op, "aws:PrincipalTag/team", R"("x")", none), T) << op;
}

// [§3.5] / T09 / T10: IfExists: absent → true; present → evaluated normally.
TEST(ConditionAbsent, IfExists) {
  EXPECT_EQ(Cond("StringLikeIfExists", "ec2:InstanceType", R"("t2.*")", Ctx()), T);
  EXPECT_EQ(Cond("StringLikeIfExists", "ec2:InstanceType", R"("t2.*")", Ctx({{"ec2:InstanceType", "m5.large"}})), F);
  EXPECT_EQ(Cond("StringLikeIfExists", "ec2:InstanceType", R"("t2.*")", Ctx({{"ec2:InstanceType", "t2.nano"}})), T);
  EXPECT_EQ(Cond("StringNotEqualsIfExists", "aws:SourceVpc", R"("vpc-1")", Ctx()), T);
  EXPECT_EQ(Cond("StringNotEqualsIfExists", "aws:SourceVpc", R"("vpc-1")", Ctx({{"aws:SourceVpc", "vpc-1"}})), F);
  EXPECT_EQ(Cond("NumericLessThanIfExists", "aws:MultiFactorAuthAge", "3600", Ctx()), T);
  EXPECT_EQ(Cond("DateLessThanIfExists", "aws:x", R"("2020")", Ctx({{"aws:x", "2021"}})), F);
  EXPECT_EQ(Cond("IpAddressIfExists", "aws:SourceIp", R"("10.0.0.0/8")", Ctx()), T);
  EXPECT_EQ(Cond("ArnLikeIfExists", "aws:SourceArn", R"("arn:aws:s3:::b")", Ctx()), T);
  // An empty context array is absent, so IfExists applies.
  EXPECT_EQ(Cond("StringEqualsIfExists", "aws:TagKeys", R"("x")", Multi("aws:TagKeys", {})), T);
}

// ======================================================== set qualifiers

// [§3.7] / T11 / T12: ForAllValues: every request value in the set; absent
// key or empty array → true.
TEST(ConditionSets, ForAllValues) {
  const char* allowed = R"(["Env", "Owner"])";
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", allowed, Ctx()), T);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", allowed, Multi("aws:TagKeys", {})), T);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", allowed, Multi("aws:TagKeys", {"Env"})), T);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", allowed, Multi("aws:TagKeys", {"Env", "Owner"})), T);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", allowed, Multi("aws:TagKeys", {"Env", "Cost"})), F);
}

// [§3.7] / T13 / T14: ForAnyValue: some request value matches; absent →
// false, and IfExists does not help.
TEST(ConditionSets, ForAnyValue) {
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Env"])", Ctx()), F);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Env"])", Multi("aws:TagKeys", {})), F);
  EXPECT_EQ(Cond("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", R"(["team"])", Ctx()), F);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Env"])", Multi("aws:TagKeys", {"Cost", "Env"})), T);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Env"])", Multi("aws:TagKeys", {"Cost", "Owner"})), F);
  // T70: child OU paths need the Like form.
  const auto paths = Multi("aws:PrincipalOrgPaths", {"o-a/r-b/ou-1/ou-2/"});
  EXPECT_EQ(Cond("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", R"("o-a/r-b/ou-1/*")", paths), T);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:PrincipalOrgPaths", R"("o-a/r-b/ou-1/")", paths), F);
}

// [§3.7] / T45: negated base operator inside a set operator is evaluated
// per request value.
TEST(ConditionSets, NegatedInsideForAllValuesT45) {
  const char* op = "ForAllValues:StringNotLike";
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"("key1*")", Multi("aws:TagKeys", {"key1:legal"})), F);
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"("key1*")", Multi("aws:TagKeys", {"key2:audit"})), T);
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"("key1*")", Ctx()), T);
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"("key1*")", Multi("aws:TagKeys", {"key2:a", "key1:b"})), F);
}

TEST(ConditionSets, NegatedInsideForAnyValue) {
  const char* op = "ForAnyValue:StringNotEquals";
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"(["a"])", Multi("aws:TagKeys", {"a", "b"})), T);
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"(["a", "b"])", Multi("aws:TagKeys", {"a", "b"})), F);
  EXPECT_EQ(Cond(op, "aws:TagKeys", R"(["a"])", Ctx()), F);
}

// §3.2 / T47: an empty policy value array: ForAllValues matches only an
// absent key, ForAnyValue never matches; NOR of nothing is true.
TEST(ConditionSets, EmptyPolicyValueArrays) {
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", "[]", Ctx()), T);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:TagKeys", "[]", Multi("aws:TagKeys", {"a"})), F);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", "[]", Multi("aws:TagKeys", {"a"})), F);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", "[]", Ctx()), F);
  EXPECT_EQ(Cond("ForAllValues:StringNotEquals", "aws:TagKeys", "[]", Multi("aws:TagKeys", {"a"})), T);
  EXPECT_EQ(Cond("StringEquals", "aws:x", "[]", Ctx({{"aws:x", "a"}})), F);
  EXPECT_EQ(Cond("StringNotEquals", "aws:x", "[]", Ctx({{"aws:x", "a"}})), T);
  EXPECT_EQ(Cond("StringEqualsIfExists", "aws:x", "[]", Ctx()), T);
  EXPECT_EQ(Cond("StringEqualsIfExists", "aws:x", "[]", Ctx({{"aws:x", "a"}})), F);
}

// [§3.7]: a set operator on a single-valued key treats it as a one-element
// set.
TEST(ConditionSets, SingleValuedKeyIsOneElementSet) {
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:x", R"(["a", "b"])", Ctx({{"aws:x", "a"}})), T);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:x", R"(["a", "b"])", Ctx({{"aws:x", "c"}})), F);
  EXPECT_EQ(Cond("ForAllValues:StringEquals", "aws:x", R"(["a", "b"])", Ctx({{"aws:x", "b"}})), T);
}

// Set qualifiers work with every family.
TEST(ConditionSets, OtherFamilies) {
  EXPECT_EQ(Cond("ForAllValues:NumericLessThan", "aws:x", "10", Multi("aws:x", {"1", "9.5"})), T);
  EXPECT_EQ(Cond("ForAllValues:NumericLessThan", "aws:x", "10", Multi("aws:x", {"1", "10"})), F);
  EXPECT_EQ(Cond("ForAnyValue:IpAddress", "aws:x", R"("10.0.0.0/8")", Multi("aws:x", {"1.1.1.1", "10.2.3.4"})), T);
  EXPECT_EQ(Cond("ForAnyValue:ArnLike", "aws:x", R"("arn:aws:iam::*:role/*")",
                 Multi("aws:x", {"arn:aws:iam::1:user/u", "arn:aws:iam::1:role/r"})), T);
  EXPECT_EQ(Cond("ForAllValues:DateGreaterThan", "aws:x", R"("2020")", Multi("aws:x", {"2021", "2019"})), F);
}

// §3.2 / [§3.8]: a plain operator on a multi-valued key (a context array) is
// false, negated or not.
TEST(ConditionSets, PlainOperatorOnMultiValuedKey) {
  const auto multi = Multi("aws:TagKeys", {"a", "b"});
  EXPECT_EQ(Cond("StringEquals", "aws:TagKeys", R"(["a", "b"])", multi), F);
  EXPECT_EQ(Cond("StringLike", "aws:TagKeys", R"("*")", multi), F);
  EXPECT_EQ(Cond("StringNotEquals", "aws:TagKeys", R"("c")", multi), F);
  EXPECT_EQ(Cond("StringEqualsIfExists", "aws:TagKeys", R"("a")", multi), F);
  // A one-element array is still a multi-valued key.
  EXPECT_EQ(Cond("StringEquals", "aws:TagKeys", R"("a")", Multi("aws:TagKeys", {"a"})), F);
  EXPECT_EQ(Cond("StringNotEquals", "aws:TagKeys", R"("z")", Multi("aws:TagKeys", {"a"})), F);
}

// ============================================================ key names

// §3.2 / T22 / T23: key names are case-insensitive (the tag-key part too);
// values are not.
TEST(ConditionKeys, KeyNamesCaseInsensitive) {
  EXPECT_EQ(Cond("StringEquals", "AWS:SOURCEVPC", R"("vpc-1")", Ctx({{"aws:SourceVpc", "vpc-1"}})), T);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/Env", R"("prod")", Ctx({{"aws:resourcetag/env", "prod"}})), T);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/Env", R"("prod")", Ctx({{"aws:ResourceTag/Env", "Prod"}})), F);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "AWS:TAGKEYS", R"("a")", Multi("aws:TagKeys", {"a"})), T);
  EXPECT_EQ(Cond("Null", "Aws:SourceVPC", "false", Ctx({{"aws:SourceVpc", "vpc-1"}})), T);
}

// §1.1: operator names are case-insensitive.
TEST(ConditionKeys, OperatorNamesCaseInsensitive) {
  EXPECT_EQ(Cond("stringequals", "aws:x", R"("a")", Ctx({{"aws:x", "a"}})), T);
  EXPECT_EQ(Cond("STRINGNOTEQUALS", "aws:x", R"("a")", Ctx({{"aws:x", "a"}})), F);
  EXPECT_EQ(Cond("forallvalues:stringequalsifexists", "aws:x", R"("a")", Ctx()), T);
  EXPECT_EQ(Cond("Foranyvalue:StringLike", "aws:x", R"("a*")", Multi("aws:x", {"ab"})), T);
}

// ============================================================= variables

// §3.4: variables in String values are resolved from the context.
TEST(ConditionVariables, Resolved) {
  auto ctx = Ctx({{"aws:username", "alice"}, {"aws:ResourceTag/owner", "alice"}});
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${aws:username}")", ctx), T);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("x-${aws:username}")", ctx), F);
  EXPECT_EQ(Cond("StringLike", "aws:ResourceTag/owner", R"("${aws:username}*")", ctx), T);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${AWS:USERNAME}")", ctx), T);  // key case
  ctx.Set("aws:ResourceTag/owner", "ALICE");
  EXPECT_EQ(Cond("StringEqualsIgnoreCase", "aws:ResourceTag/owner", R"("${aws:username}")", ctx), T);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${aws:username}")", ctx), F);
}

// T43: StringLike with ${aws:userid}.
TEST(ConditionVariables, SessionIdTagT43) {
  auto ctx = Ctx({{"aws:userid", "AROAX:alice"}, {"ssm:resourceTag/aws:ssmmessages:session-id", "AROAX:alice"}});
  const char* key = "ssm:resourceTag/aws:ssmmessages:session-id";
  EXPECT_EQ(Cond("StringLike", key, R"("${aws:userid}")", ctx), T);
  ctx.Set(key, "AROAX:bob");
  EXPECT_EQ(Cond("StringLike", key, R"("${aws:userid}")", ctx), F);
}

// §3.4: the default applies when the key has no value.
TEST(ConditionVariables, Defaults) {
  const auto ctx = Ctx({{"s3:prefix", "company-wide/x"}});
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("${aws:PrincipalTag/team, 'company-wide'}/*")", ctx), T);
  const auto with_tag = Ctx({{"s3:prefix", "company-wide/x"}, {"aws:PrincipalTag/team", "blue"}});
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("${aws:PrincipalTag/team, 'company-wide'}/*")", with_tag), F);
}

// §3.4 / T60 / T61: an unresolvable variable matches nothing, so a negated
// operator matches by NOR.
TEST(ConditionVariables, UnresolvableT60T61) {
  const auto ctx = Ctx({{"s3:ExistingObjectTag/Team", "x"}, {"aws:ResourceTag/owner", "alice"}});
  EXPECT_EQ(Cond("StringNotEquals", "s3:ExistingObjectTag/Team", R"("${aws:PrincipalTag/Team}")", ctx), T);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${aws:username}")", ctx), F);
  // Only the value with the variable is dead; other values still match.
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"(["${aws:username}", "alice"])", ctx), T);
  EXPECT_EQ(Cond("StringNotEquals", "aws:ResourceTag/owner", R"(["${aws:username}", "alice"])", ctx), F);
  // A multi-valued key is unresolvable as a variable.
  auto multi = ctx;
  multi.SetMulti("aws:PrincipalTag/Team", {"x"});
  EXPECT_EQ(Cond("StringEquals", "s3:ExistingObjectTag/Team", R"("${aws:PrincipalTag/Team}")", multi), F);
}

// §3.4: substituted text is literal: it is never globbed.
TEST(ConditionVariables, SubstitutionIsLiteral) {
  auto ctx = Ctx({{"aws:PrincipalTag/prefix", "a*"}, {"s3:prefix", "abc"}});
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("${aws:PrincipalTag/prefix}")", ctx), F);
  ctx.Set("s3:prefix", "a*");
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("${aws:PrincipalTag/prefix}")", ctx), T);
  // The escapes are literal characters too.
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("a${*}")", ctx), T);
  ctx.Set("s3:prefix", "ab");
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("a${*}")", ctx), F);
  EXPECT_EQ(Cond("StringLike", "s3:prefix", R"("a*")", ctx), T);
  ctx.Set("s3:prefix", "a$");
  EXPECT_EQ(Cond("StringEquals", "s3:prefix", R"("a${$}")", ctx), T);
}

// §3.4: only under 2012-10-17; otherwise ${...} is literal text (T19).
TEST(ConditionVariables, DisabledWithoutVersion2012) {
  const auto ctx = Ctx({{"aws:username", "alice"}, {"aws:ResourceTag/owner", "alice"}});
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${aws:username}")", ctx, "2008-10-17"), F);
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${aws:username}")", ctx, ""), F);
  const auto literal = Ctx({{"aws:ResourceTag/owner", "${aws:username}"}});
  EXPECT_EQ(Cond("StringEquals", "aws:ResourceTag/owner", R"("${aws:username}")", literal, "2008-10-17"), T);
}

// §3.3: variables are substituted only in String, ARN and Bool values.
TEST(ConditionVariables, NotSubstitutedInOtherFamilies) {
  const auto ctx = Ctx({{"aws:x", "5"}, {"aws:limit", "5"}});
  EXPECT_EQ(Cond("NumericEquals", "aws:x", R"("${aws:limit}")", ctx), F);
  EXPECT_EQ(Cond("NumericNotEquals", "aws:x", R"("${aws:limit}")", ctx), T);
  const auto ip = Ctx({{"aws:SourceIp", "10.0.0.1"}, {"aws:net", "10.0.0.0/8"}});
  EXPECT_EQ(Cond("IpAddress", "aws:SourceIp", R"("${aws:net}")", ip), F);
}

// T59: Deny ForAnyValue:StringEquals aws:TagKeys [Protected].
TEST(ConditionSets, ProtectedTagKeysT59) {
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Protected"])", Multi("aws:TagKeys", {"Protected"})), T);
  EXPECT_EQ(Cond("ForAnyValue:StringEquals", "aws:TagKeys", R"(["Protected"])", Multi("aws:TagKeys", {"Other"})), F);
}

// T67: NumericLessThanEquals on an absent key is false.
TEST(ConditionNumeric, AbsentKeyT67) {
  EXPECT_EQ(Cond("NumericLessThanEquals", "aws:MultiFactorAuthAge", R"("3600")", Ctx()), F);
  EXPECT_EQ(Cond("NumericLessThanEquals", "aws:MultiFactorAuthAge", R"("3600")", Ctx({{"aws:MultiFactorAuthAge", "12"}})), T);
}

// T57: StringLike on an SSM resource tag; the tag-key part is
// case-insensitive, an untagged instance has no key.
TEST(ConditionString, SsmResourceTagT57) {
  EXPECT_EQ(Cond("StringLike", "ssm:resourceTag/Finance", R"(["WebServers"])", Ctx({{"ssm:ResourceTag/Finance", "WebServers"}})), T);
  EXPECT_EQ(Cond("StringLike", "ssm:resourceTag/Finance", R"(["WebServers"])", Ctx()), F);
}

// ============================================================= structure

// §3.1: operators AND; keys under an operator AND; values OR.
TEST(ConditionStructure, AndOfOperatorsAndKeys) {
  const char* block = R"({"StringEquals": {"aws:PrincipalTag/dept": ["hr", "finance"], "aws:PrincipalTag/role": ["audit"]},
                          "Bool": {"aws:SecureTransport": "true"}})";
  auto ctx = Ctx({{"aws:PrincipalTag/dept", "hr"}, {"aws:PrincipalTag/role", "audit"}, {"aws:SecureTransport", "true"}});
  EXPECT_EQ(Block(block, ctx), T);
  ctx.Set("aws:PrincipalTag/role", "dev");  // T71: keys AND
  EXPECT_EQ(Block(block, ctx), F);
  ctx.Set("aws:PrincipalTag/role", "audit");
  ctx.Set("aws:PrincipalTag/dept", "finance");
  EXPECT_EQ(Block(block, ctx), T);
  ctx.Set("aws:SecureTransport", "false");  // operators AND
  EXPECT_EQ(Block(block, ctx), F);
}

// T58: per-tag single-valued key plus a key whitelist.
TEST(ConditionStructure, TagOnCreateT58) {
  const char* block = R"({"StringEquals": {"aws:RequestTag/Env": ["dev", "test"]},
                          "ForAllValues:StringEquals": {"aws:TagKeys": ["Env"]}})";
  auto prod = Ctx({{"aws:RequestTag/Env", "prod"}});
  prod.SetMulti("aws:TagKeys", {"Env"});
  EXPECT_EQ(Block(block, prod), F);
  auto dev = Ctx({{"aws:RequestTag/Env", "dev"}});
  dev.SetMulti("aws:TagKeys", {"Env"});
  EXPECT_EQ(Block(block, dev), T);
  auto extra = Ctx({{"aws:RequestTag/Env", "dev"}, {"aws:RequestTag/Owner", "x"}});
  extra.SetMulti("aws:TagKeys", {"Env", "Owner"});
  EXPECT_EQ(Block(block, extra), F);
}

// [§3.9]: an empty Condition object means no conditions.
TEST(ConditionStructure, EmptyConditionIsTrue) {
  EXPECT_EQ(Block("{}", Ctx()), T);
  EXPECT_EQ(Block(R"({"StringEquals": {}})", Ctx()), T);
}

// ============================================================= operators

// Operator vocabulary: parsing, families, negation, variables.
TEST(Operators, ParseOperator) {
  auto op = ParseOperator("ForAnyValue:StringLikeIfExists");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->set, SetQualifier::kForAnyValue);
  EXPECT_EQ(op->base, BaseOp::kStringLike);
  EXPECT_TRUE(op->if_exists);
  op = ParseOperator("forallvalues:numericlessthan");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->set, SetQualifier::kForAllValues);
  EXPECT_EQ(op->base, BaseOp::kNumericLessThan);
  EXPECT_FALSE(op->if_exists);
  op = ParseOperator("Null");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->base, BaseOp::kNull);
  for (std::string_view bad : {"NullIfExists", "", "IfExists", "ForAnyValue:", "StringEquals:", "ForAllValues:ForAnyValue:StringLike",
                               "StringEqualsIfExistsIfExists", " StringEquals", "ArnMatches"})
    EXPECT_EQ(ParseOperator(bad), std::nullopt) << bad;
}

// §3.1: exactly these eight operators are negated (NOR).
TEST(Operators, NegatedOperatorsExactly) {
  const BaseOp negated[] = {BaseOp::kStringNotEquals, BaseOp::kStringNotEqualsIgnoreCase, BaseOp::kStringNotLike,
                            BaseOp::kNumericNotEquals, BaseOp::kDateNotEquals, BaseOp::kNotIpAddress,
                            BaseOp::kArnNotEquals, BaseOp::kArnNotLike};
  int count = 0;
  for (int i = 0; i <= static_cast<int>(BaseOp::kNull); ++i) {
    const auto op = static_cast<BaseOp>(i);
    const bool expected = std::find(std::begin(negated), std::end(negated), op) != std::end(negated);
    EXPECT_EQ(IsNegated(op), expected) << CanonicalName(op);
    if (IsNegated(op)) ++count;
    // Every canonical name parses back to its operator.
    auto parsed = ParseOperator(CanonicalName(op));
    ASSERT_TRUE(parsed.has_value()) << CanonicalName(op);
    EXPECT_EQ(parsed->base, op);
  }
  EXPECT_EQ(count, 8);
}

// §3.3: variables only in String, ARN and Bool values.
TEST(Operators, FamiliesAndVariables) {
  EXPECT_EQ(FamilyOf(BaseOp::kStringLike), Family::kString);
  EXPECT_EQ(FamilyOf(BaseOp::kNumericGreaterThan), Family::kNumeric);
  EXPECT_EQ(FamilyOf(BaseOp::kDateLessThan), Family::kDate);
  EXPECT_EQ(FamilyOf(BaseOp::kBool), Family::kBool);
  EXPECT_EQ(FamilyOf(BaseOp::kBinaryEquals), Family::kBinary);
  EXPECT_EQ(FamilyOf(BaseOp::kNotIpAddress), Family::kIp);
  EXPECT_EQ(FamilyOf(BaseOp::kArnEquals), Family::kArn);
  EXPECT_EQ(FamilyOf(BaseOp::kNull), Family::kNull);
  EXPECT_TRUE(AcceptsVariables(BaseOp::kStringNotEqualsIgnoreCase));
  EXPECT_TRUE(AcceptsVariables(BaseOp::kArnNotLike));
  EXPECT_TRUE(AcceptsVariables(BaseOp::kBool));
  EXPECT_FALSE(AcceptsVariables(BaseOp::kNumericEquals));
  EXPECT_FALSE(AcceptsVariables(BaseOp::kDateEquals));
  EXPECT_FALSE(AcceptsVariables(BaseOp::kIpAddress));
  EXPECT_FALSE(AcceptsVariables(BaseOp::kBinaryEquals));
  EXPECT_FALSE(AcceptsVariables(BaseOp::kNull));
}

}  // namespace
}  // namespace gatehouse::policy
