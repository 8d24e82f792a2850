// policy/parser_test.cc: the policy grammar and its per-type rules
// (docs/semantics.md §1). Every error is checked for its code and for the
// line/column of the offending value (§1.4 "Errors carry the 1-based line and
// column of the offending value"), using multi-line policies.
#include "policy/parser.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace gatehouse::policy {
namespace {

using PT = PolicyType;

std::string At(const Error& e) { return std::to_string(e.line) + ":" + std::to_string(e.column); }

// Line:column (code points) of the nth occurrence of `needle` in `text`.
std::string Loc(std::string_view text, std::string_view needle, int nth = 0) {
  std::size_t off = text.find(needle);
  for (int i = 0; i < nth && off != std::string_view::npos; ++i) off = text.find(needle, off + 1);
  EXPECT_NE(off, std::string_view::npos) << "needle not found: " << needle;
  if (off == std::string_view::npos) return "?";
  std::uint32_t line = 1, col = 1;
  for (std::size_t i = 0; i < off; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

Policy Ok(std::string_view text, PT type = PT::kIdentity) {
  Result<Policy> r = ParsePolicyText(text, type);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code + ": " + r.error().message + " at " + At(r.error()))
                      << "\n" << text;
  return r.ok() ? std::move(r).value() : Policy{};
}

Error Fail(std::string_view text, PT type = PT::kIdentity) {
  Result<Policy> r = ParsePolicyText(text, type);
  EXPECT_FALSE(r.ok()) << "expected an error for a " << Name(type) << " policy:\n" << text;
  return r.ok() ? Error{} : r.error();
}

bool Contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

#define EXPECT_MALFORMED_AT(err, text, needle, msg)                 \
  do {                                                              \
    const Error& e_ = (err);                                        \
    EXPECT_EQ(e_.code, kMalformedPolicyDocument) << e_.message;     \
    EXPECT_EQ(At(e_), Loc(text, needle)) << e_.message;             \
    EXPECT_TRUE(Contains(e_.message, msg)) << e_.message;           \
  } while (0)

// ================================================================ §1.1 text

// §1.1 [§1.1]: characters must be TAB, LF, CR or U+0020–U+00FF.
TEST(ParserText, CharacterOutsideLatin1IsRejectedAtItsPosition) {
  const std::string text =
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\",\n"
      "    \"Resource\": \"arn:aws:s3:::b/\xE4\xB8\xAD\"}\n"
      "}";
  const Error e = Fail(text);
  EXPECT_MALFORMED_AT(e, text, "\xE4\xB8\xAD", "outside the allowed set");
}

TEST(ParserText, Latin1CharactersAndJsonEscapesPass) {
  // U+00E9 and U+00FF are in the allowed range; "\u4e2d" is ASCII text.
  Ok("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\",\n"
     "  \"Resource\": [\"arn:aws:s3:::caf\xC3\xA9\", \"arn:aws:s3:::\xC3\xBF\", \"arn:aws:s3:::\\u4e2d\"]}}");
}

TEST(ParserText, EmojiAndU0100AreRejected) {
  const std::string emoji = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::\xF0\x9F\x98\x80\"}}";
  EXPECT_MALFORMED_AT(Fail(emoji), emoji, "\xF0\x9F\x98\x80", "outside the allowed set");
  const std::string a_macron = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::\xC4\x80\"}}";
  EXPECT_MALFORMED_AT(Fail(a_macron), a_macron, "\xC4\x80", "outside the allowed set");
}

// Invalid UTF-8 is MalformedPolicyDocument (reported by the JSON layer).
TEST(ParserText, InvalidUtf8) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"\xFF\"}}";
  const Error e = Fail(text);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(e.line, 1u);
}

// JSON syntax errors are MalformedPolicyDocument with the position.
TEST(ParserText, JsonSyntaxErrorIsMalformedWithPosition) {
  const std::string text = "{\n  \"Statement\": {\n    \"Effect\": \"Allow\",,\n  }\n}";
  const Error e = Fail(text);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(e.line, 3u);
  EXPECT_TRUE(Contains(e.message, "Syntax errors in policy")) << e.message;
}

// §1.1: duplicate keys in any JSON object are rejected, at the second key.
TEST(ParserText, DuplicateKeyAtTopLevel) {
  const std::string text = R"({
  "Statement": [],
  "Statement": []
})";
  const Error e = Fail(text);
  EXPECT_EQ(At(e), Loc(text, "\"Statement\"", 1));
  EXPECT_TRUE(Contains(e.message, "duplicate key")) << e.message;
}

TEST(ParserText, DuplicateKeyInsideConditionAndStatement) {
  const std::string text = R"({
  "Statement": [{
    "Effect": "Allow", "Action": "*", "Resource": "*",
    "Condition": {"StringEquals": {"aws:a": "1",
                                   "aws:a": "2"}}
  }]
})";
  const Error e = Fail(text);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(At(e), Loc(text, "\"aws:a\"", 1));
  EXPECT_TRUE(Contains(e.message, "duplicate key"));

  const std::string st = R"({"Statement": {"Effect": "Allow",
  "Effect": "Deny", "Action": "*", "Resource": "*"}})";
  const Error e2 = Fail(st);
  EXPECT_EQ(At(e2), Loc(st, "\"Effect\"", 1));
}

// ============================================================ §1.2 top level

TEST(ParserTop, PolicyMustBeAnObject) {
  const std::string text = "\n  [1, 2]";
  const Error e = Fail(text);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(At(e), "2:3");
  EXPECT_TRUE(Contains(e.message, "JSON object"));
}

// §1.2: Version 2012-10-17, 2008-10-17 or absent.
TEST(ParserTop, ValidVersions) {
  EXPECT_EQ(Ok(R"({"Version": "2012-10-17", "Statement": []})").version, Version::k2012);
  EXPECT_EQ(Ok(R"({"Version": "2008-10-17", "Statement": []})").version, Version::k2008);
  EXPECT_EQ(Ok(R"({"Statement": []})").version, Version::kNone);
  EXPECT_TRUE(Ok(R"({"Version": "2012-10-17", "Statement": []})").variables_enabled());
  EXPECT_FALSE(Ok(R"({"Version": "2008-10-17", "Statement": []})").variables_enabled());
  EXPECT_FALSE(Ok(R"({"Statement": []})").variables_enabled());
}

// §1.2: anything else, including a non-string, is the version error at the
// value.
TEST(ParserTop, InvalidVersions) {
  for (std::string_view v : {R"("2012-10-18")", R"("")", "2012", R"("2012-10-17 ")", "null", R"(["2012-10-17"])"}) {
    const std::string text = "{\n  \"Statement\": [],\n  \"Version\": " + std::string(v) + "\n}";
    EXPECT_MALFORMED_AT(Fail(text), text, v, "The policy must contain a valid version string");
  }
}

// §1.2: Id is an optional string, accepted and ignored for every type.
TEST(ParserTop, IdAcceptedForEveryType) {
  EXPECT_TRUE(Ok(R"({"Id": "any text, spaces ok", "Statement": []})").has_id);
  EXPECT_FALSE(Ok(R"({"Statement": []})").has_id);
  for (PT t : {PT::kBoundary, PT::kSession, PT::kTrust, PT::kResource, PT::kScp, PT::kRcp})
    EXPECT_TRUE(Ok(R"({"Id": "x", "Statement": []})", t).has_id) << Name(t);
  const std::string text = "{\"Statement\": [],\n \"Id\": 5}";
  EXPECT_MALFORMED_AT(Fail(text), text, "5", "Id must be a string");
}

// §1.2: Statement is required.
TEST(ParserTop, StatementMissing) {
  const std::string text = "\n {\"Version\": \"2012-10-17\"}";
  const Error e = Fail(text);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(At(e), "2:2");
  EXPECT_TRUE(Contains(e.message, "Statement"));
}

// §1.2: one object or an array of objects; an empty array is accepted.
TEST(ParserTop, StatementForms) {
  const Policy single = Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})");
  EXPECT_TRUE(single.statement_is_object);
  EXPECT_EQ(single.statements.size(), 1u);
  const Policy arr = Ok(R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                                            {"Effect": "Deny", "Action": "*", "Resource": "*"}]})");
  EXPECT_FALSE(arr.statement_is_object);
  ASSERT_EQ(arr.statements.size(), 2u);
  EXPECT_EQ(arr.statements[0].effect, Effect::kAllow);
  EXPECT_EQ(arr.statements[1].effect, Effect::kDeny);
  EXPECT_TRUE(Ok(R"({"Statement": []})").statements.empty());
}

TEST(ParserTop, StatementOfWrongType) {
  const std::string text = "{\n  \"Statement\": \"Allow everything\"\n}";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"Allow everything\"", "Statement must be an object or an array");
  const std::string arr = "{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},\n  42]}";
  EXPECT_MALFORMED_AT(Fail(arr), arr, "42", "each statement must be a JSON object");
}

// §1.1: element names are case-sensitive; an unknown element is named, with
// a suggestion when only the case differs.
TEST(ParserTop, UnknownTopElementWithCaseSuggestion) {
  const std::string text = "{\n  \"version\": \"2012-10-17\",\n  \"Statement\": []\n}";
  const Error e = Fail(text);
  EXPECT_MALFORMED_AT(e, text, "\"version\"", "unknown element \"version\"");
  EXPECT_TRUE(Contains(e.message, "did you mean \"Version\"")) << e.message;
  const std::string other = "{\"Statement\": [],\n \"Comment\": \"x\"}";
  const Error e2 = Fail(other);
  EXPECT_MALFORMED_AT(e2, other, "\"Comment\"", "unknown element \"Comment\"");
  EXPECT_FALSE(Contains(e2.message, "did you mean")) << e2.message;
}

// ============================================================ §1.3 statements

TEST(ParserStatement, UnknownStatementElement) {
  const std::string text = R"({"Statement": {
    "effect": "Allow", "Action": "*", "Resource": "*"}})";
  const Error e = Fail(text);
  EXPECT_MALFORMED_AT(e, text, "\"effect\"", "unknown element \"effect\"");
  EXPECT_TRUE(Contains(e.message, "did you mean \"Effect\"")) << e.message;
  const std::string t2 = R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
    "Actions": ["s3:*"]}})";
  EXPECT_MALFORMED_AT(Fail(t2), t2, "\"Actions\"", "unknown element \"Actions\"");
}

// §1.3: Effect is required, exactly Allow or Deny, case-sensitive (T53).
TEST(ParserStatement, EffectMissing) {
  const std::string text = "{\"Statement\": [\n   {\"Action\": \"*\", \"Resource\": \"*\"}]}";
  EXPECT_MALFORMED_AT(Fail(text), text, "{\"Action\"", "Effect");
}

TEST(ParserStatement, EffectWrongCaseOrType) {
  for (std::string_view v : {R"("allow")", R"("DENY")", R"("Permit")", "true", R"(["Allow"])"}) {
    const std::string text =
        "{\"Statement\": {\n  \"Action\": \"*\",\n  \"Effect\": " + std::string(v) + ",\n  \"Resource\": \"*\"}}";
    EXPECT_MALFORMED_AT(Fail(text), text, v, "Effect must be \"Allow\" or \"Deny\"");
  }
}

// §1.3: Sid is alphanumeric for IAM policy types (T53), any string for
// resource policies.
TEST(ParserStatement, SidCharsetForIamTypes) {
  for (PT t : {PT::kIdentity, PT::kBoundary, PT::kSession, PT::kScp}) {
    const std::string text =
        "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n \"Sid\": \"my-sid\", \"Resource\": \"*\"}}";
    EXPECT_MALFORMED_AT(Fail(text, t), text, "\"my-sid\"", "Statement IDs (SID) must be alpha-numeric");
  }
  const std::string trust =
      "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\",\n \"Sid\": \"a b\"}}";
  EXPECT_MALFORMED_AT(Fail(trust, PT::kTrust), trust, "\"a b\"", "alpha-numeric");
  const std::string latin = "{\"Statement\": {\"Sid\": \"caf\xC3\xA9\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}";
  EXPECT_EQ(Fail(latin).code, kMalformedPolicyDocument);
  EXPECT_EQ(Ok(R"({"Statement": {"Sid": "Abc123", "Effect": "Allow", "Action": "*", "Resource": "*"}})").statements[0].sid,
            "Abc123");
  // An empty Sid passes the regex [0-9A-Za-z]*.
  EXPECT_TRUE(Ok(R"({"Statement": {"Sid": "", "Effect": "Allow", "Action": "*", "Resource": "*"}})").statements[0].has_sid);
}

TEST(ParserStatement, SidAnyStringInResourcePolicies) {
  const Policy p = Ok(R"({"Statement": {"Sid": "Allow read: my-sid #1", "Effect": "Allow",
    "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}})",
                      PT::kResource);
  EXPECT_EQ(p.statements[0].sid, "Allow read: my-sid #1");
}

TEST(ParserStatement, SidMustBeString) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n\"Sid\": 12}}";
  EXPECT_MALFORMED_AT(Fail(text), text, "12", "Sid must be a string");
}

// T52: non-empty Sids must be unique within a policy; the error points at
// the repeated Sid.
TEST(ParserStatement, DuplicateSidT52) {
  const std::string text = R"({"Statement": [
  {"Sid": "A1", "Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "A1", "Effect": "Deny", "Action": "*", "Resource": "*"}
]})";
  const Error e = Fail(text);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(At(e), Loc(text, "\"A1\"", 1));
  EXPECT_EQ(e.message, "Statement IDs (SID) in a single policy must be unique.");
  // Empty Sids are not compared; Sid comparison is case-sensitive.
  Ok(R"({"Statement": [{"Sid": "", "Effect": "Allow", "Action": "*", "Resource": "*"},
                       {"Sid": "", "Effect": "Allow", "Action": "*", "Resource": "*"},
                       {"Sid": "a1", "Effect": "Allow", "Action": "*", "Resource": "*"},
                       {"Sid": "A1", "Effect": "Allow", "Action": "*", "Resource": "*"}]})");
  // Resource policies too.
  const std::string rp = R"({"Statement": [
  {"Sid": "x-1", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
  {"Sid": "x-1", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})";
  const Error e2 = Fail(rp, PT::kResource);
  EXPECT_EQ(At(e2), Loc(rp, "\"x-1\"", 1));
}

// §1.3 Action/NotAction: one is required.
TEST(ParserStatement, ActionMissing) {
  const std::string text = "{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Resource\": \"*\"}]}";
  const Error e = Fail(text);
  EXPECT_MALFORMED_AT(e, text, "{\"Effect\"", "Policy statement must contain actions.");
}

// T53: Action and NotAction are mutually exclusive; the error points at the
// second element's key.
TEST(ParserStatement, ActionAndNotActionT53) {
  const std::string text = R"({"Statement": {"Effect": "Allow", "Action": "s3:*",
    "NotAction": "iam:*", "Resource": "*"}})";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"NotAction\"", "both Action and NotAction");
}

TEST(ParserStatement, ActionNeedsVendorPrefix) {
  for (std::string_view a : {R"("s3GetObject")", R"(":GetObject")", R"("GetObject")"}) {
    const std::string text =
        "{\"Statement\": {\"Effect\": \"Allow\",\n  \"Action\": [\"s3:ok\", " + std::string(a) + "], \"Resource\": \"*\"}}";
    EXPECT_MALFORMED_AT(Fail(text), text, a, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  }
}

TEST(ParserStatement, ActionWithTwoColons) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Allow\",\n  \"Action\": \"s3:Get:Object\", \"Resource\": \"*\"}}";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"s3:Get:Object\"", "Actions/Condition can contain only one colon.");
}

TEST(ParserStatement, ActionWithoutName) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Allow\",\n  \"NotAction\": \"s3:\", \"Resource\": \"*\"}}";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"s3:\"", "no action name");
}

// §1.3: a string or an array of strings; an empty array is accepted.
TEST(ParserStatement, ActionTypes) {
  const Policy p = Ok(R"({"Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Action": ["s3:Get*", "ec2:DescribeInstances"], "Resource": "*"},
    {"Effect": "Allow", "Action": [], "Resource": "*"},
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})");
  ASSERT_EQ(p.statements.size(), 4u);
  EXPECT_EQ(p.statements[1].actions.size(), 2u);
  EXPECT_TRUE(p.statements[2].actions.empty());
  EXPECT_TRUE(p.statements[3].not_action);
  EXPECT_FALSE(p.statements[0].not_action);

  const std::string num = "{\"Statement\": {\"Effect\": \"Allow\",\n  \"Action\": [\"s3:x\", 7], \"Resource\": \"*\"}}";
  EXPECT_MALFORMED_AT(Fail(num), num, "7]", "entry must be a string, found number");
  const std::string obj = "{\"Statement\": {\"Effect\": \"Allow\",\n  \"Action\": {\"s3\": \"x\"}, \"Resource\": \"*\"}}";
  EXPECT_MALFORMED_AT(Fail(obj), obj, "{\"s3\"", "must be a string or an array of strings, found object");
  const std::string nul = "{\"Statement\": {\"Effect\": \"Allow\",\n  \"Action\": null, \"Resource\": \"*\"}}";
  EXPECT_MALFORMED_AT(Fail(nul), nul, "null", "found null");
}

// §1.3 Resource/NotResource: one is required (except trust policies).
TEST(ParserStatement, ResourceMissing) {
  const std::string text = "{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"*\"}]}";
  EXPECT_MALFORMED_AT(Fail(text), text, "{\"Effect\"", "Policy statement must contain resources.");
  for (PT t : {PT::kBoundary, PT::kSession, PT::kScp})
    EXPECT_EQ(Fail(text, t).message, "Policy statement must contain resources.") << Name(t);
}

TEST(ParserStatement, ResourceAndNotResource) {
  const std::string text = R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
    "NotResource": "arn:aws:s3:::b"}})";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"NotResource\"", "both Resource and NotResource");
}

TEST(ParserStatement, ResourceMustBeArnOrStar) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n  \"Resource\": [\"*\", \"bucket/key\"]}}";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"bucket/key\"", "must be in ARN format");
  // The "arn:" prefix is recognised in any case; short ARNs are accepted.
  const Policy p = Ok(R"({"Statement": {"Effect": "Allow", "Action": "*",
    "Resource": ["ARN:aws:s3:::b", "arn:aws:s3:*", "arn:*"]}})");
  EXPECT_EQ(p.statements[0].resources.size(), 3u);
  // An empty array is accepted and matches nothing.
  EXPECT_TRUE(Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": []}})").statements[0].resources.empty());
  const std::string num = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n  \"NotResource\": 5}}";
  EXPECT_MALFORMED_AT(Fail(num), num, "5}", "NotResource must be a string or an array of strings");
}

// §3.4: variable syntax in the resource part is checked under 2012-10-17.
TEST(ParserStatement, ResourceVariableSyntax) {
  const std::string text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n"
                           "  \"Resource\": \"arn:aws:s3:::home/${aws:username\"}}";
  EXPECT_MALFORMED_AT(Fail(text), text, "\"arn:aws:s3:::home/", "Unclosed policy variable");
  for (std::string_view bad : {"${}", "${aws:user name}", "${aws:username, x}"}) {
    const std::string t = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\","
                          " \"Resource\": \"arn:aws:s3:::home/" + std::string(bad) + "\"}}";
    EXPECT_EQ(Fail(t).code, kMalformedPolicyDocument) << bad;
  }
  // Without 2012-10-17 the text is literal: no error.
  Ok(R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::home/${aws:username"}})");
  Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::home/${}"}})");
  // Variables are substituted only after the fifth colon; elsewhere "${" is
  // literal text and not checked.
  Ok(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:${:::x"}})");
  Ok(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::home/${aws:username}/*"}})");
}

// ============================================================ §1.3 principal

// T51 / §1.4: Principal and NotPrincipal are forbidden in identity,
// boundary, session and SCP policies; the error points at the key.
TEST(ParserPrincipal, ForbiddenTypesT51) {
  for (PT t : {PT::kIdentity, PT::kBoundary, PT::kSession, PT::kScp}) {
    for (std::string_view key : {"\"Principal\"", "\"NotPrincipal\""}) {
      const std::string text = "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\",\n   " +
                               std::string(key) + ": {\"AWS\": \"111122223333\"}}}";
      const Error e = Fail(text, t);
      EXPECT_EQ(e.code, kMalformedPolicyDocument);
      EXPECT_EQ(e.message, "Policy document should not specify a principal.") << Name(t);
      EXPECT_EQ(At(e), "2:4") << Name(t) << " " << key;
    }
  }
}

// §1.3: required in resource, trust and RCP policies, at the statement.
TEST(ParserPrincipal, RequiredTypes) {
  const std::string res = "{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
  EXPECT_MALFORMED_AT(Fail(res, PT::kResource), res, "{\"Effect\"", "Missing required field Principal");
  const std::string rcp = "{\"Statement\": [\n  {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
  EXPECT_MALFORMED_AT(Fail(rcp, PT::kRcp), rcp, "{\"Effect\"", "Missing required field Principal");
  const std::string trust = "{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"}]}";
  EXPECT_MALFORMED_AT(Fail(trust, PT::kTrust), trust, "{\"Effect\"", "Missing required field Principal");
}

// §1.4: NotPrincipal is accepted in resource policies, forbidden in trust
// policies; Principal and NotPrincipal are mutually exclusive.
TEST(ParserPrincipal, NotPrincipalRules) {
  const Policy p = Ok(R"({"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:user/Bob",
    "arn:aws:iam::111122223333:root"]}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}})",
                      PT::kResource);
  EXPECT_TRUE(p.statements[0].principal.negated);
  EXPECT_EQ(p.statements[0].principal.aws.size(), 2u);
  const std::string trust = R"({"Statement": {"Effect": "Deny", "Action": "sts:AssumeRole",
    "NotPrincipal": {"AWS": "111122223333"}}})";
  EXPECT_MALFORMED_AT(Fail(trust, PT::kTrust), trust, "\"NotPrincipal\"", "NotPrincipal");
  const std::string both = R"({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Principal": "*",
    "NotPrincipal": {"AWS": "111122223333"}}})";
  EXPECT_MALFORMED_AT(Fail(both, PT::kResource), both, "\"NotPrincipal\"", "both Principal and NotPrincipal");
}

// §1.3 principal forms: "*", or an object of AWS/Service/Federated/
// CanonicalUser, each a string or an array of strings.
TEST(ParserPrincipal, ValidForms) {
  const Policy p = Ok(R"({"Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Principal": {"AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root",
        "arn:aws:iam::111122223333:user/path/alice", "arn:aws:iam::111122223333:role/R",
        "arn:aws:sts::111122223333:assumed-role/R/s", "arn:aws:sts::111122223333:federated-user/f",
        "AIDACKCEVSQ6C2EXAMPLE", "AROADBQP57FF2AEXAMPLE"],
      "Service": "ec2.amazonaws.com", "Federated": ["accounts.google.com",
        "arn:aws:iam::111122223333:saml-provider/Okta"], "CanonicalUser": "79a59df900b949e55d96a1e698fbaced"},
     "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Principal": {}, "Action": "*", "Resource": "*"}]})",
                      PT::kResource);
  ASSERT_EQ(p.statements.size(), 3u);
  EXPECT_TRUE(p.statements[0].principal.wildcard);
  EXPECT_EQ(p.statements[1].principal.aws.size(), 9u);
  EXPECT_EQ(p.statements[1].principal.service.size(), 1u);
  EXPECT_EQ(p.statements[1].principal.federated.size(), 2u);
  EXPECT_EQ(p.statements[1].principal.canonical_user.size(), 1u);
  EXPECT_TRUE(p.statements[2].principal.present);
}

// §1.3: AWS values must be *, an account id, an IAM/STS ARN or a unique id;
// partial wildcards are invalid. The error points at the value.
TEST(ParserPrincipal, InvalidAwsValues) {
  for (std::string_view v : {R"("12345678901")", R"("arn:aws:iam::111122223333:user/*")", R"("arn:aws:iam::*:root")",
                             R"("arn:aws:iam::111122223333:group/g")", R"("arn:aws:s3:::bucket")", R"("alice")",
                             R"("arn:aws:sts::111122223333:assumed-role/R")", R"("arn:aws:sts::111122223333:assumed-role/R/*")",
                             R"("")", R"("arn:aws:iam::111122223333:user/")"}) {
    const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                             "  \"Principal\": {\"AWS\": [\"111122223333\", " + std::string(v) + "]}}}";
    EXPECT_MALFORMED_AT(Fail(text, PT::kResource), text, v, "Invalid principal in policy");
  }
}

TEST(ParserPrincipal, InvalidShapes) {
  const std::string str = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                          "  \"Principal\": \"arn:aws:iam::111122223333:root\"}}";
  EXPECT_MALFORMED_AT(Fail(str, PT::kResource), str, "\"arn:aws:iam", "Invalid principal in policy");
  const std::string arr = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                          "  \"Principal\": [\"*\"]}}";
  EXPECT_MALFORMED_AT(Fail(arr, PT::kResource), arr, "[\"*\"]", "Invalid principal in policy");
  const std::string key = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                          "  \"Principal\": {\"aws\": \"*\"}}}";
  EXPECT_MALFORMED_AT(Fail(key, PT::kResource), key, "\"aws\"", "unknown principal type");
  const std::string svc = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                          "  \"Principal\": {\"Service\": \"*.amazonaws.com\"}}}";
  EXPECT_MALFORMED_AT(Fail(svc, PT::kResource), svc, "\"*.amazonaws.com\"", "Invalid principal in policy");
  const std::string num = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                          "  \"Principal\": {\"AWS\": [\"*\", 111122223333]}}}";
  EXPECT_MALFORMED_AT(Fail(num, PT::kResource), num, "111122223333]", "must be a string");
}

// =========================================================== §1.3 condition

TEST(ParserCondition, ValidConditionValues) {
  const Policy p = Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
    "Condition": {
      "StringEquals": {"aws:PrincipalTag/team": ["a", "b"], "aws:RequestedRegion": "us-east-1"},
      "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
      "Bool": {"aws:SecureTransport": true},
      "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": []}}}})");
  const auto& c = p.statements[0].conditions;
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].key, "aws:PrincipalTag/team");
  EXPECT_TRUE(c[0].values_array);
  EXPECT_EQ(c[0].values.size(), 2u);
  EXPECT_FALSE(c[1].values_array);
  EXPECT_EQ(c[2].values[0].value, "3600");
  EXPECT_EQ(c[2].op.base, BaseOp::kNumericLessThan);
  EXPECT_EQ(c[3].values[0].value, "true");  // a JSON boolean is its text
  EXPECT_EQ(c[4].op.set, SetQualifier::kForAnyValue);
  EXPECT_TRUE(c[4].op.if_exists);
  EXPECT_EQ(c[4].op.base, BaseOp::kStringLike);
  EXPECT_TRUE(c[4].values.empty());
}

// §1.3: an empty Condition object means "no conditions" [§3.9].
TEST(ParserCondition, EmptyConditionObjects) {
  EXPECT_TRUE(Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {}}})")
                  .statements[0].conditions.empty());
  EXPECT_TRUE(Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
                    "Condition": {"StringEquals": {}}}})")
                  .statements[0].conditions.empty());
}

// §1.1: operator names are matched case-insensitively.
TEST(ParserCondition, OperatorNamesCaseInsensitive) {
  const Policy p = Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
    "Condition": {"stringequals": {"aws:a": "x"}, "FORALLVALUES:STRINGLIKEIFEXISTS": {"aws:b": "y"}}}})");
  ASSERT_EQ(p.statements[0].conditions.size(), 2u);
  EXPECT_EQ(p.statements[0].conditions[0].op.base, BaseOp::kStringEquals);
  EXPECT_EQ(p.statements[0].conditions[1].op.set, SetQualifier::kForAllValues);
  EXPECT_TRUE(p.statements[0].conditions[1].op.if_exists);
}

// §1.3: unknown operators are "Invalid Condition type : X" at the operator
// key; NullIfExists is invalid.
TEST(ParserCondition, UnknownOperators) {
  for (std::string_view op : {"StringEqualz", "NullIfExists", "ForSomeValues:StringLike", "IfExists",
                              "ForAllValues:", "StringEqualsIfExist", "Date"}) {
    const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                             "  \"Condition\": {\"" + std::string(op) + "\": {\"aws:a\": \"x\"}}}}";
    const Error e = Fail(text);
    EXPECT_MALFORMED_AT(e, text, "\"" + std::string(op) + "\"", "Invalid Condition type : " + std::string(op));
  }
}

TEST(ParserCondition, WrongShapes) {
  const std::string not_obj = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                              "  \"Condition\": [\"StringEquals\"]}}";
  EXPECT_MALFORMED_AT(Fail(not_obj), not_obj, "[\"StringEquals\"]", "Condition must be an object");
  const std::string op_val = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                             "  \"Condition\": {\"StringEquals\": \"aws:a\"}}}";
  EXPECT_MALFORMED_AT(Fail(op_val), op_val, "\"aws:a\"", "must map to an object");
}

// §1.3: null, nested arrays and objects are errors, at the value.
TEST(ParserCondition, BadValueTypes) {
  for (std::string_view v : {"null", "[\"a\", null]", "[[\"a\"]]", "{\"x\": 1}", "[\"a\", {}]"}) {
    const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                             "  \"Condition\": {\"StringEquals\": {\n     \"aws:a\": " + std::string(v) + "}}}}";
    const Error e = Fail(text);
    EXPECT_EQ(e.code, kMalformedPolicyDocument) << v;
    EXPECT_EQ(e.line, 3u) << v;
    EXPECT_TRUE(Contains(e.message, "must be a string, number or boolean")) << e.message;
  }
  const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                           "  \"Condition\": {\"StringEquals\": {\"aws:a\": [\"ok\", null]}}}}";
  EXPECT_MALFORMED_AT(Fail(text), text, "null", "found null");
}

// §1.3: a condition key must have a vendor prefix.
TEST(ParserCondition, KeyNeedsVendorPrefix) {
  for (std::string_view k : {"SourceIp", ":SourceIp"}) {
    const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                             "  \"Condition\": {\"IpAddress\": {\"" + std::string(k) + "\": \"10.0.0.0/8\"}}}}";
    EXPECT_MALFORMED_AT(Fail(text), text, "\"" + std::string(k) + "\"",
                        "Actions/Conditions must be prefaced by a vendor");
  }
}

// §3.3/§3.4: variable syntax is checked in String, ARN and Bool values only.
TEST(ParserCondition, VariableSyntaxInValues) {
  for (std::string_view op : {"StringEquals", "StringLike", "ArnLike", "Bool", "ForAnyValue:StringNotEquals"}) {
    const std::string text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n"
                             " \"Resource\": \"*\", \"Condition\": {\"" + std::string(op) +
                             "\": {\"aws:a\": [\"ok\", \n  \"x${aws:username\"]}}}}";
    EXPECT_MALFORMED_AT(Fail(text), text, "\"x${", "Unclosed policy variable");
  }
  for (std::string_view op : {"NumericEquals", "DateEquals", "IpAddress", "BinaryEquals", "Null"}) {
    const std::string text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\","
                             " \"Resource\": \"*\", \"Condition\": {\"" + std::string(op) +
                             "\": {\"aws:a\": \"${\"}}}}";
    Ok(text);
  }
  // Under 2008-10-17, no variables: no error.
  Ok(R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:a": "${"}}}})");
}

// ================================================================ §1.4 types

// Trust policies: Resource and NotResource are prohibited, at the key.
TEST(ParserTypes, TrustForbidsResource) {
  for (std::string_view key : {"Resource", "NotResource"}) {
    const std::string text = "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"},\n"
                             "  \"Action\": \"sts:AssumeRole\", \"" + std::string(key) + "\": \"*\"}}";
    const Error e = Fail(text, PT::kTrust);
    EXPECT_MALFORMED_AT(e, text, "\"" + std::string(key) + "\"", "Has prohibited field " + std::string(key));
  }
  const Policy p = Ok(R"({"Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": ["sts:AssumeRole", "sts:TagSession"]}})",
                      PT::kTrust);
  EXPECT_FALSE(p.statements[0].has_resource);
}

// Resource policies require Resource too.
TEST(ParserTypes, ResourcePolicyNeedsResource) {
  const std::string text = "{\"Statement\": [\n {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\"}]}";
  EXPECT_MALFORMED_AT(Fail(text, PT::kResource), text, "{\"Effect\"", "Policy statement must contain resources.");
}

// SCPs: the full IAM language (conditions, NotAction with Allow, NotResource).
TEST(ParserTypes, ScpFullLanguage) {
  const Policy p = Ok(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:s3:::b/*",
     "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}}}]})",
                      PT::kScp);
  ASSERT_EQ(p.statements.size(), 2u);
  EXPECT_TRUE(p.statements[0].not_action);
  EXPECT_TRUE(p.statements[1].not_resource);
  EXPECT_EQ(p.type, PT::kScp);
}

// RCPs: Principal must be "*".
TEST(ParserTypes, RcpPrincipalMustBeStar) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n"
                           "  \"Principal\": {\"AWS\": \"*\"}}}";
  EXPECT_MALFORMED_AT(Fail(text, PT::kRcp), text, "{\"AWS\"", "Principal\": \"*\"");
  Ok(R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
        "Condition": {"StringNotEqualsIfExists": {"aws:SourceAccount": "111122223333"}}}})",
     PT::kRcp);
}

// RCPs: Principal is required and must be "*"; NotPrincipal is not
// accepted.
TEST(ParserTypes, RcpRejectsNotPrincipal) {
  const std::string text = "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n"
                           "  \"NotPrincipal\": {\"AWS\": \"111122223333\"}}}";
  const Error e = Fail(text, PT::kRcp);
  EXPECT_EQ(e.code, kMalformedPolicyDocument);
  EXPECT_EQ(At(e), Loc(text, "\"NotPrincipal\""));
}

// RCPs: Allow only in the shape of RCPFullAWSAccess; the error points at
// the Effect value.
TEST(ParserTypes, RcpAllowOnlyFullAccessShape) {
  Ok(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}})", PT::kRcp);
  Ok(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": ["*"], "Resource": ["*"], "Condition": {}}})",
     PT::kRcp);
  for (std::string_view body : {R"("Action": "s3:*", "Resource": "*")", R"("Action": "*", "Resource": "arn:aws:s3:::b")",
                                R"("NotAction": "iam:*", "Resource": "*")", R"("Action": "*", "NotResource": "arn:aws:s3:::b")",
                                R"("Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}})",
                                R"("Action": ["*", "s3:*"], "Resource": "*")"}) {
    const std::string text = "{\"Statement\": {\"Principal\": \"*\",\n  \"Effect\": \"Allow\", " + std::string(body) + "}}";
    EXPECT_MALFORMED_AT(Fail(text, PT::kRcp), text, "\"Allow\"", "RCPFullAWSAccess");
  }
}

// =========================================================== §1.4 size limits

std::string Padded(PT t, std::size_t pad) {
  const std::string sid(pad, 'A');
  switch (t) {
    case PT::kTrust:
      return R"({"Statement": {"Sid": ")" + sid + R"(", "Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}})";
    case PT::kResource:
      return R"({"Statement": {"Sid": ")" + sid + R"(", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}})";
    case PT::kRcp:
      return R"({"Statement": {"Sid": ")" + sid + R"(", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}})";
    default:
      return R"({"Statement": {"Sid": ")" + sid + R"(", "Effect": "Allow", "Action": "*", "Resource": "*"}})";
  }
}

// §1.4: each type's limit; exactly the limit passes, one more is
// LimitExceeded ("Cannot exceed quota for PolicySize: N") at the document.
TEST(ParserLimits, ExactLimitsPerType) {
  const std::pair<PT, std::size_t> limits[] = {{PT::kIdentity, 10240}, {PT::kBoundary, 6144}, {PT::kSession, 2048},
                                               {PT::kTrust, 4096},     {PT::kResource, 20480}, {PT::kScp, 5120},
                                               {PT::kRcp, 5120}};
  for (const auto& [type, limit] : limits) {
    const std::size_t base = Ok(Padded(type, 0), type).size;
    ASSERT_GT(base, 0u);
    ASSERT_LT(base, limit);
    const Policy at = Ok(Padded(type, limit - base), type);
    EXPECT_EQ(at.size, limit) << Name(type);
    const Error e = Fail(Padded(type, limit - base + 1), type);
    EXPECT_EQ(e.code, kLimitExceeded) << Name(type);
    EXPECT_TRUE(Contains(e.message, "Cannot exceed quota for PolicySize: " + std::to_string(limit))) << e.message;
    EXPECT_EQ(At(e), "1:1") << Name(type);
  }
}

// §1.4: identity, boundary, trust and resource limits count non-whitespace
// characters; session, SCP and RCP count every character.
TEST(ParserLimits, WhitespaceCounting) {
  const std::string spaces(3000, ' ');
  const std::string body = "{" + spaces + R"("Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})";
  for (PT t : {PT::kIdentity, PT::kBoundary}) {
    const Policy p = Ok(body, t);
    EXPECT_LT(p.size, 100u) << Name(t);
  }
  EXPECT_EQ(Fail(body, PT::kSession).code, kLimitExceeded);
  const std::string big = "{" + std::string(6000, '\n') + R"("Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})";
  EXPECT_EQ(Fail(big, PT::kScp).code, kLimitExceeded);
  Ok(big, PT::kIdentity);
  const std::string rcp = "{" + std::string(6000, '\t') +
                          R"("Statement": {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}})";
  EXPECT_EQ(Fail(rcp, PT::kRcp).code, kLimitExceeded);
  const std::string trust = "{" + std::string(5000, ' ') +
                            R"("Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}})";
  Ok(trust, PT::kTrust);
}

// Whitespace around the document is not part of it.
TEST(ParserLimits, SurroundingWhitespaceNotCounted) {
  const std::string core = Padded(PT::kSession, 0);
  const std::size_t base = Ok(core, PT::kSession).size;
  EXPECT_EQ(base, core.size());
  EXPECT_EQ(Ok("\n\n   " + core + "   \n", PT::kSession).size, base);
}

// Characters are counted as code points, not bytes.
TEST(ParserLimits, SizeCountsCodePoints) {
  const std::size_t ascii =
      Ok(R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::e"}})").size;
  const std::size_t latin1 =
      Ok("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::\xC3\xA9\"}}").size;
  EXPECT_EQ(ascii, latin1);
}

// ============================================================== positions

// Positions honour ParseOptions (documents embedded in a larger file).
TEST(ParserPositions, OptionsOffsetPositions) {
  json::ParseOptions o;
  o.first_line = 10;
  o.first_column = 5;
  Result<Policy> r = ParsePolicyText("{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                                     PT::kIdentity, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(At(r.error()), "10:30");
  Result<Policy> r2 = ParsePolicyText("{\n\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                                      PT::kIdentity, o);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(At(r2.error()), "11:25");
}

// Items keep their positions for later diagnostics.
TEST(ParserPositions, ItemsKeepPositions) {
  const std::string text = "{\"Statement\": {\n  \"Effect\": \"Allow\",\n  \"Action\": [\"s3:GetObject\",\n    \"s3:PutObject\"],\n"
                           "  \"Resource\": \"*\"}}";
  const Policy p = Ok(text);
  ASSERT_EQ(p.statements[0].actions.size(), 2u);
  const auto& a = p.statements[0].actions[1];
  EXPECT_EQ(std::to_string(a.pos.line) + ":" + std::to_string(a.pos.column), Loc(text, "\"s3:PutObject\""));
  EXPECT_EQ(p.statements[0].pos.line, 1u);
  EXPECT_EQ(p.statements[0].pos.column, 15u);
}

// ParsePolicyValue validates an already-parsed document with its raw text.
TEST(ParserPositions, ParsePolicyValueDirect) {
  const std::string text = R"({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})";
  Result<json::Document> doc = json::Parse(text);
  ASSERT_TRUE(doc.ok());
  Result<Policy> p = ParsePolicyValue(*doc, text, PT::kScp);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->size, text.size());
  EXPECT_EQ(p->type, PT::kScp);
  // Duplicate keys kept by the JSON layer are still rejected here.
  json::ParseOptions o;
  o.allow_duplicate_keys = true;
  const std::string dup = R"({"Statement": [], "Statement": []})";
  Result<json::Document> d = json::Parse(dup, o);
  ASSERT_TRUE(d.ok());
  Result<Policy> pd = ParsePolicyValue(*d, dup, PT::kIdentity);
  ASSERT_FALSE(pd.ok());
  EXPECT_EQ(pd.error().code, kMalformedPolicyDocument);
  EXPECT_EQ(At(pd.error()), "1:19");
}

// Type names used in messages and by the CLI.
TEST(ParserTypes, PolicyTypeNamesRoundTrip) {
  for (PT t : {PT::kIdentity, PT::kBoundary, PT::kSession, PT::kTrust, PT::kResource, PT::kScp, PT::kRcp})
    EXPECT_EQ(PolicyTypeFromName(Name(t)), t);
  EXPECT_EQ(PolicyTypeFromName("Identity"), std::nullopt);
  EXPECT_EQ(PolicyTypeFromName("bucket"), std::nullopt);
}

}  // namespace
}  // namespace gatehouse::policy
