// reference_test.cc — unit tests of the reference evaluator on hand-written
// cases, one rule family per test (names point at docs/semantics.md sections
// or fact-sheet test ids T01–T73), plus properties of the case generator.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "case_generator.h"
#include "reference_evaluator.h"

namespace gatehouse::reference {
namespace {

constexpr const char* kAlice = "arn:aws:iam::111111111111:user/alice";
constexpr const char* kDevSession = "arn:aws:sts::111111111111:assumed-role/Dev/s1";
constexpr const char* kRootA = "arn:aws:iam::111111111111:root";
constexpr const char* kBucketObj = "arn:aws:s3:::bkt/x.txt";

// --- Case builders -----------------------------------------------------------

std::string Stmt(const std::string& effect, const std::string& action, const std::string& resource,
                 const std::string& extra = "") {
  std::string s = R"({"Effect":")" + effect + R"(","Action":)" + action;
  if (!resource.empty()) s += R"(,"Resource":)" + resource;
  if (!extra.empty()) s += "," + extra;
  return s + "}";
}

std::string Allow(const std::string& action, const std::string& resource, const std::string& extra = "") {
  return Stmt("Allow", action, resource, extra);
}

std::string Deny(const std::string& action, const std::string& resource, const std::string& extra = "") {
  return Stmt("Deny", action, resource, extra);
}

std::string Doc(const std::string& statements, const std::string& version = "2012-10-17") {
  const std::string v = version.empty() ? "" : R"("Version":")" + version + R"(",)";
  return "{" + v + R"("Statement":[)" + statements + "]}";
}

std::string Named(const std::string& name, const std::string& doc) {
  return R"({"name":")" + name + R"(","document":)" + doc + "}";
}

// policies: the inside of the "policies" object, e.g. Ids(...) + "," + Res(...).
std::string Ids(const std::string& doc) { return R"("identity":[)" + Named("Id", doc) + "]"; }
std::string Res(const std::string& doc) { return R"("resource":)" + Named("Res", doc); }
std::string Boundary(const std::string& doc) { return R"("boundary":)" + Named("Bnd", doc); }
std::string Session(const std::string& doc) { return R"("session":[)" + Named("Sess", doc) + "]"; }

std::string Case(const std::string& policies, const std::string& principal, const std::string& action,
                 const std::string& resource, const std::string& context = "{}", const std::string& extra = "") {
  std::string req = R"({"principal":")" + principal + R"(","action":")" + action + R"(","resource":")" + resource +
                    R"(","context":)" + context;
  if (!extra.empty()) req += "," + extra;
  return R"({"policies":{)" + policies + R"(},"request":)" + req + "}}";
}

// Decision, or "error:<code>" when the case could not be evaluated.
std::string Decide(const std::string& c) {
  const Result r = EvaluateCase(c);
  return r.ok ? r.decision : "error:" + r.error_code;
}

// Identity policy with one statement, asked by alice for s3:GetObject.
std::string IdCase(const std::string& statement, const std::string& context = "{}",
                   const std::string& resource = kBucketObj, const std::string& version = "2012-10-17") {
  return Case(Ids(Doc(statement, version)), kAlice, "s3:GetObject", resource, context);
}

// An Allow on everything guarded by one condition block.
std::string CondCase(const std::string& condition, const std::string& context,
                     const std::string& principal = kAlice) {
  return Case(Ids(Doc(Allow(R"("*")", R"("*")", R"("Condition":)" + condition))), principal, "s3:GetObject",
              kBucketObj, context);
}

// --- §2.1 Action -------------------------------------------------------------

// T01 [§6.1]: an explicit deny overrides every allow.
TEST(Action, T01ExplicitDenyWins) {
  const Result r = EvaluateCase(Case(Ids(Doc(Allow(R"("s3:*")", R"("*")") + "," + Deny(R"("s3:DeleteBucket")", R"("*")"))),
                                     kAlice, "s3:DeleteBucket", "arn:aws:s3:::bkt"));
  EXPECT_EQ(r.decision, "ExplicitDeny");
  EXPECT_EQ(r.denied_by, "identity-based policy");
  ASSERT_EQ(r.matched.size(), 1u);
  EXPECT_EQ(r.matched[0].statement, 1);
  EXPECT_EQ(r.matched[0].effect, "Deny");
}

// T02 [§2.1]: vendor and name compare ASCII case-insensitively.
TEST(Action, T02CaseInsensitive) {
  EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"("SSM:startsession")", R"("*")"))), kAlice, "ssm:StartSession", "*")), "Allow");
}

// §2.1: `*` and `?` glob vendor and name separately.
TEST(Action, GlobsVendorAndNameSeparately) {
  auto run = [](const std::string& pattern) {
    return Decide(Case(Ids(Doc(Allow("\"" + pattern + "\"", R"("*")"))), kAlice, "ssm:StartSession", "*"));
  };
  EXPECT_EQ(run("ssm:*Session"), "Allow");
  EXPECT_EQ(run("s?m:Start?ession"), "Allow");
  EXPECT_EQ(run("*:StartSession"), "Allow");
  EXPECT_EQ(run("ssm:Start"), "ImplicitDeny");
  EXPECT_EQ(run("ec2:*"), "ImplicitDeny");
}

// T55 [§2.1]: NotAction applies to every action matched by none of its entries.
TEST(Action, T55NotAction) {
  const std::string id = Ids(Doc(R"({"Effect":"Allow","NotAction":"iam:*","Resource":"*"})"));
  EXPECT_EQ(Decide(Case(id, kAlice, "ec2:DescribeInstances", "*")), "Allow");
  EXPECT_EQ(Decide(Case(id, kAlice, "iam:ListUsers", "*")), "ImplicitDeny");
}

// §1.3: an empty Action array matches nothing; an empty NotAction matches all.
TEST(Action, EmptyArrays) {
  EXPECT_EQ(Decide(IdCase(Allow("[]", R"("*")"))), "ImplicitDeny");
  EXPECT_EQ(Decide(IdCase(R"({"Effect":"Allow","NotAction":[],"Resource":"*"})")), "Allow");
}

// --- §2.2 Resource -------------------------------------------------------------

// T03 [§2.2]: the resource part is case-sensitive.
TEST(Resource, T03ResourcePartCaseSensitive) {
  const std::string id = Ids(Doc(Allow(R"("ssm:GetDocument")", R"("arn:aws:ssm:us-east-1:111111111111:document/MyDoc")")));
  EXPECT_EQ(Decide(Case(id, kAlice, "ssm:GetDocument", "arn:aws:ssm:us-east-1:111111111111:document/mydoc")),
            "ImplicitDeny");
  EXPECT_EQ(Decide(Case(id, kAlice, "ssm:GetDocument", "arn:aws:ssm:us-east-1:111111111111:document/MyDoc")), "Allow");
}

// T04 [§2.2]: `*` in the resource part spans '/'.
TEST(Resource, T04StarSpansSlashes) {
  const std::string st = Allow(R"("s3:GetObject")", R"("arn:aws:s3:::b/*/test/*")");
  EXPECT_EQ(Decide(IdCase(st, "{}", "arn:aws:s3:::b/1/2/test/3/x.jpg")), "Allow");
  EXPECT_EQ(Decide(IdCase(st, "{}", "arn:aws:s3:::b/test/x.jpg")), "ImplicitDeny");
}

// §2.2: the five header fields compare ASCII case-insensitively.
TEST(Resource, HeaderFieldsCaseInsensitive) {
  EXPECT_EQ(Decide(IdCase(Allow(R"("s3:GetObject")", R"("ARN:AWS:S3:::bkt/x.txt")"))), "Allow");
  EXPECT_EQ(Decide(IdCase(Allow(R"("s3:GetObject")", R"("arn:aws:s3:::BKT/x.txt")"))), "ImplicitDeny");
}

// §2.2: a pattern with fewer than six fields needs a trailing `*`, which then
// spans the rest of the ARN, colons included.
TEST(Resource, ShortPatterns) {
  const std::string inst = "arn:aws:ec2:us-east-1:111111111111:instance/i-1";
  auto run = [&](const std::string& pattern) {
    return Decide(Case(Ids(Doc(Allow(R"("ec2:StopInstances")", "\"" + pattern + "\""))), kAlice,
                       "ec2:StopInstances", inst));
  };
  EXPECT_EQ(run("arn:aws:ec2:*"), "Allow");
  EXPECT_EQ(run("arn:aws:*"), "Allow");
  EXPECT_EQ(run("arn:aws:ec2:us-east-1:1111*"), "Allow");
  EXPECT_EQ(run("arn:aws:ec2:us-east-1"), "ImplicitDeny");
  EXPECT_EQ(run("arn:aws:s3:*"), "ImplicitDeny");
}

// T44 [§2.2]: a request resource that is not an ARN matches only "*".
TEST(Resource, T44WildcardOnlyActionNeedsStar) {
  const std::string id = Ids(Doc(Allow(R"("ssm:DescribeSessions")", R"("arn:aws:ssm:*:*:*")")));
  EXPECT_EQ(Decide(Case(id, kAlice, "ssm:DescribeSessions", "*")), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"("ssm:DescribeSessions")", R"("*")"))), kAlice, "ssm:DescribeSessions", "*")),
            "Allow");
}

// T56 [§2.2]: NotResource applies to resources matched by none of its entries.
TEST(Resource, T56NotResource) {
  const std::string id = Ids(Doc(R"({"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::hr/*"},)" +
                                 Allow(R"("*")", R"("*")")));
  EXPECT_EQ(Decide(Case(id, kAlice, "s3:GetObject", "arn:aws:s3:::other/x")), "ExplicitDeny");
  EXPECT_EQ(Decide(Case(id, kAlice, "s3:GetObject", "arn:aws:s3:::hr/x")), "Allow");
  EXPECT_EQ(Decide(Case(id, kAlice, "ec2:DescribeInstances", "*")), "Allow");
}

// T18, T19 [§3.4]: an unresolvable variable makes the entry match nothing;
// without Version 2012-10-17 `${…}` is literal text.
TEST(Resource, T18T19Variables) {
  const std::string st = Allow(R"("iam:*AccessKey*")", R"("arn:aws:iam::111111111111:user/${aws:username}")");
  EXPECT_EQ(Decide(Case(Ids(Doc(st)), kAlice, "iam:ListAccessKeys", kAlice)), "Allow");
  EXPECT_EQ(Decide(Case(Ids(Doc(st)), kDevSession, "iam:ListAccessKeys", kAlice)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(Ids(Doc(st, "2008-10-17")), kAlice, "iam:ListAccessKeys", kAlice)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(Ids(Doc(st, "")), kAlice, "iam:ListAccessKeys", kAlice)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(Ids(Doc(st, "")), kAlice, "iam:ListAccessKeys",
                        "arn:aws:iam::111111111111:user/${aws:username}")),
            "Allow");
}

// T20, T21 [§3.4]: defaults apply to absent keys; ${*} is a literal star.
TEST(Resource, T20T21DefaultsAndEscapes) {
  const std::string dflt = Allow(R"("s3:GetObject")", R"("arn:aws:s3:::bkt-${aws:PrincipalTag/team, 'company-wide'}/*")");
  EXPECT_EQ(Decide(IdCase(dflt, "{}", "arn:aws:s3:::bkt-company-wide/x")), "Allow");
  EXPECT_EQ(Decide(IdCase(dflt, R"({"aws:PrincipalTag/team":"red"})", "arn:aws:s3:::bkt-red/x")), "Allow");
  EXPECT_EQ(Decide(IdCase(dflt, R"({"aws:PrincipalTag/team":"red"})", "arn:aws:s3:::bkt-company-wide/x")),
            "ImplicitDeny");
  const std::string star = Allow(R"("s3:GetObject")", R"("arn:aws:s3:::b/${*}")");
  EXPECT_EQ(Decide(IdCase(star, "{}", "arn:aws:s3:::b/*")), "Allow");
  EXPECT_EQ(Decide(IdCase(star, "{}", "arn:aws:s3:::b/abc")), "ImplicitDeny");
}

// §2.2: substituted text is literal, never a wildcard; variables outside the
// resource part are literal text; a multi-valued key does not resolve.
TEST(Resource, SubstitutedTextIsLiteral) {
  const std::string st = Allow(R"("s3:GetObject")", R"("arn:aws:s3:::b/${aws:PrincipalTag/p}")");
  EXPECT_EQ(Decide(IdCase(st, R"({"aws:PrincipalTag/p":"*"})", "arn:aws:s3:::b/anything")), "ImplicitDeny");
  EXPECT_EQ(Decide(IdCase(st, R"({"aws:PrincipalTag/p":"*"})", "arn:aws:s3:::b/*")), "Allow");
  EXPECT_EQ(Decide(IdCase(st, R"({"aws:PrincipalTag/p":["x"]})", "arn:aws:s3:::b/x")), "ImplicitDeny");
  const std::string header = Allow(R"("ec2:*")", R"("arn:aws:ec2:*:${aws:PrincipalAccount}:instance/*")");
  EXPECT_EQ(Decide(Case(Ids(Doc(header)), kAlice, "ec2:StopInstances",
                        "arn:aws:ec2:us-east-1:111111111111:instance/i-1")),
            "ImplicitDeny");
}

// --- §3 Conditions ---------------------------------------------------------------

// T05 [§3.3]: ArnLike globs per field, StringLike across colons.
TEST(Condition, T05ArnLikeVersusStringLike) {
  const std::string ctx =
      R"({"aws:SourceArn":"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"})";
  const std::string pattern = R"("arn:aws:someservice:*:111122223333:finance/*")";
  EXPECT_EQ(Decide(CondCase(R"({"ArnLike":{"aws:SourceArn":)" + pattern + "}}", ctx)), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringLike":{"aws:SourceArn":)" + pattern + "}}", ctx)), "Allow");
}

// T06 [§3.1]: several values of a negated operator are NOR.
TEST(Condition, T06NegatedValuesAreNor) {
  const std::string c = R"({"StringNotEquals":{"aws:PrincipalAccount":["111111111111","222222222222"]}})";
  auto run = [&](const std::string& principal) {
    return Decide(Case(Ids(Doc(Allow(R"("*")", R"("*")") + "," + Deny(R"("*")", R"("*")", R"("Condition":)" + c))),
                       principal, "s3:GetObject", kBucketObj));
  };
  EXPECT_EQ(run(kAlice), "Allow");
  EXPECT_EQ(run("arn:aws:iam::333333333333:user/zed"), "ExplicitDeny");
}

// T07, T08 [§3.2]: absent key → positive false, negated true.
TEST(Condition, T07T08MissingKey) {
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:PrincipalTag/team":"x"}})", "{}")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringNotEquals":{"aws:PrincipalTag/team":"x"}})", "{}")), "Allow");
}

// T09, T10 [§3.2]: IfExists is true on an absent key, evaluated normally otherwise.
TEST(Condition, T09T10IfExists) {
  const std::string c = R"({"StringLikeIfExists":{"ec2:InstanceType":"t2.*"}})";
  EXPECT_EQ(Decide(CondCase(c, "{}")), "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"ec2:InstanceType":"t2.micro"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"ec2:InstanceType":"m5.large"})")), "ImplicitDeny");
}

// T11, T12 [§3.2]: ForAllValues is vacuously true on an absent key.
TEST(Condition, T11T12ForAllValues) {
  const std::string c = R"({"ForAllValues:StringEquals":{"aws:TagKeys":["Env","Owner"]}})";
  EXPECT_EQ(Decide(CondCase(c, "{}")), "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:TagKeys":["Env"]})")), "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:TagKeys":["Env","Cost"]})")), "ImplicitDeny");
}

// T13, T14 [§3.2]: ForAnyValue is false on an absent key, IfExists or not.
TEST(Condition, T13T14ForAnyValue) {
  EXPECT_EQ(Decide(CondCase(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":"Env"}})", "{}")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":"team"}})", "{}")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":"Env"}})", R"({"aws:TagKeys":["X","Env"]})")),
            "Allow");
}

// T15 [§3.2]: Null tests presence; ForAllValues:Null true, ForAnyValue:Null false.
TEST(Condition, T15Null) {
  const std::string c = R"({"Null":{"aws:TokenIssueTime":"true"}})";
  EXPECT_EQ(Decide(CondCase(c, "{}")), "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:TokenIssueTime":"2024-01-01T00:00:00Z"})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"Null":{"aws:TokenIssueTime":false}})", R"({"aws:TokenIssueTime":"x"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"ForAllValues:Null":{"k:x":"false"}})", "{}")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"ForAnyValue:Null":{"k:x":"true"}})", "{}")), "ImplicitDeny");
}

// T16, T17 [§3.2]: Bool on an absent key is false; BoolIfExists is true.
TEST(Condition, T16T17BoolAndBoolIfExists) {
  auto run = [](const std::string& op) {
    return Decide(Case(Ids(Doc(Allow(R"("*")", R"("*")") + "," +
                               Deny(R"("*")", R"("*")", R"("Condition":{")" + op +
                                                           R"(":{"aws:MultiFactorAuthPresent":"false"}})"))),
                       kAlice, "s3:GetObject", kBucketObj));
  };
  EXPECT_EQ(run("Bool"), "Allow");
  EXPECT_EQ(run("BoolIfExists"), "ExplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"Bool":{"aws:SecureTransport":true}})", R"({"aws:SecureTransport":"TRUE"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"Bool":{"aws:SecureTransport":"yes"}})", R"({"aws:SecureTransport":"yes"})")),
            "ImplicitDeny");
}

// T22 [§3.2]: condition key names are case-insensitive (policy and context).
TEST(Condition, T22KeyNamesCaseInsensitive) {
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"AWS:SOURCEVPC":"vpc-1"}})", R"({"aws:SourceVpc":"vpc-1"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:sourcevpc":"vpc-1"}})", R"({"Aws:SourceVPC":"vpc-1"})")), "Allow");
}

// T23, T24 [§3.3]: StringEquals is case-sensitive; IgnoreCase folds ASCII and Latin-1.
TEST(Condition, T23T24IgnoreCase) {
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:ResourceTag/Env":"prod"}})", R"({"aws:resourcetag/env":"prod"})")),
            "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:ResourceTag/Env":"prod"}})", R"({"aws:ResourceTag/Env":"Prod"})")),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringEqualsIgnoreCase":{"aws:ResourceTag/Env":"prod"}})",
                            R"({"aws:ResourceTag/Env":"PROD"})")),
            "Allow");
  EXPECT_EQ(Decide(CondCase("{\"StringEqualsIgnoreCase\":{\"aws:ResourceTag/Owner\":\"jos\xC3\xA9\"}}",
                            "{\"aws:ResourceTag/Owner\":\"JOS\xC3\x89\"}")),
            "Allow");
}

// §3.2: a plain operator on a multi-valued key is false, negated or not; an
// empty context array is an absent key.
TEST(Condition, PlainOperatorOnMultiValuedKey) {
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:TagKeys":"Env"}})", R"({"aws:TagKeys":["Env"]})")),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringNotEquals":{"aws:TagKeys":"Env"}})", R"({"aws:TagKeys":["Cost"]})")),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringNotEquals":{"aws:TagKeys":"Env"}})", R"({"aws:TagKeys":[]})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:TagKeys":"Env"}})", R"({"aws:TagKeys":[]})")), "ImplicitDeny");
}

// T47 [§3.2]: an empty policy value array: positive false, negated true;
// ForAllValues with [] matches only an absent key.
TEST(Condition, T47EmptyPolicyValues) {
  const std::string c = R"({"ForAllValues:StringEquals":{"aws:TagKeys":[]}})";
  EXPECT_EQ(Decide(CondCase(c, "{}")), "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:TagKeys":["a"]})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"k:a":[]}})", R"({"k:a":"x"})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringNotEquals":{"k:a":[]}})", R"({"k:a":"x"})")), "Allow");
}

// T45 [§3.2]: ForAllValues over a negated operator.
TEST(Condition, T45ForAllValuesStringNotLike) {
  auto run = [](const std::string& ctx) {
    return Decide(Case(Ids(Doc(Allow(R"("*")", R"("*")") + "," +
                               Deny(R"("iam:Tag*")", R"("*")",
                                    R"("Condition":{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}})"))),
                       kAlice, "iam:TagUser", kAlice, ctx));
  };
  EXPECT_EQ(run(R"({"aws:TagKeys":["key1:legal"]})"), "Allow");
  EXPECT_EQ(run(R"({"aws:TagKeys":["key2:audit"]})"), "ExplicitDeny");
  EXPECT_EQ(run("{}"), "ExplicitDeny");
}

// §3.3 Numeric: decimals with sign, fraction and exponent; unparseable sides
// never match (so the negated operator matches by NOR).
TEST(Condition, Numeric) {
  EXPECT_EQ(Decide(CondCase(R"({"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600}})",
                            R"({"aws:MultiFactorAuthAge":"3.6e3"})")),
            "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"NumericEquals":{"k:n":"1.50"}})", R"({"k:n":"+1.5"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"NumericGreaterThan":{"k:n":"-2"}})", R"({"k:n":"-10"})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"NumericLessThan":{"k:n":"12345678901234567891"}})",
                            R"({"k:n":"12345678901234567890"})")),
            "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"NumericEquals":{"k:n":"abc"}})", R"({"k:n":"abc"})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"NumericNotEquals":{"k:n":"5"}})", R"({"k:n":"five"})")), "Allow");
  // T67: absent key.
  EXPECT_EQ(Decide(CondCase(R"({"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"}})", "{}")), "ImplicitDeny");
}

// §3.3 Date: W3C profile forms, offsets, fractions, epoch seconds.
TEST(Condition, Date) {
  auto run = [](const std::string& op, const std::string& pv, const std::string& cv) {
    return Decide(CondCase(R"({")" + op + R"(":{"aws:CurrentTime":")" + pv + R"("}})",
                           R"({"aws:CurrentTime":")" + cv + R"("})"));
  };
  EXPECT_EQ(run("DateEquals", "2024-06-01T14:00+02:00", "2024-06-01T12:00:00Z"), "Allow");
  EXPECT_EQ(run("DateEquals", "1717243200", "2024-06-01T12:00:00Z"), "Allow");
  EXPECT_EQ(run("DateEquals", "2024-06", "2024-06-01T00:00:00Z"), "Allow");
  EXPECT_EQ(run("DateEquals", "2024", "2024-01-01"), "Allow");
  EXPECT_EQ(run("DateLessThan", "2024-06-01T12:00:00.000001Z", "2024-06-01T12:00:00Z"), "Allow");
  EXPECT_EQ(run("DateGreaterThan", "1717243200.5", "2024-06-01T12:00:00.4Z"), "ImplicitDeny");
  EXPECT_EQ(run("DateEquals", "2024-02-30", "2024-02-30"), "ImplicitDeny");
  EXPECT_EQ(run("DateNotEquals", "not-a-date", "2024-06-01"), "Allow");
  // T50: absent key.
  EXPECT_EQ(Decide(CondCase(R"({"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}})", "{}")),
            "ImplicitDeny");
}

// §3.3 BinaryEquals: both sides base64-decoded; undecodable never matches.
TEST(Condition, BinaryEquals) {
  EXPECT_EQ(Decide(CondCase(R"({"BinaryEquals":{"k:b":"aGVsbG8="}})", R"({"k:b":"aGVsbG8="})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"BinaryEquals":{"k:b":"aGVsbG8="}})", R"({"k:b":"d29ybGQ="})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"BinaryEquals":{"k:b":"aGVsbG8"}})", R"({"k:b":"aGVsbG8"})")), "ImplicitDeny");
}

// T46 [§3.3]: IpAddress with CIDR, bare address /32, IPv6; non-addresses.
TEST(Condition, T46IpAddress) {
  auto run = [](const std::string& op, const std::string& pv, const std::string& cv) {
    return Decide(CondCase(R"({")" + op + R"(":{"aws:SourceIp":)" + pv + "}}", R"({"aws:SourceIp":")" + cv + "\"}"));
  };
  EXPECT_EQ(run("IpAddress", R"("203.0.113.5")", "203.0.113.5"), "Allow");
  EXPECT_EQ(run("IpAddress", R"("203.0.113.5")", "203.0.113.6"), "ImplicitDeny");
  EXPECT_EQ(run("IpAddress", R"("203.0.113.0/24")", "203.0.113.200"), "Allow");
  EXPECT_EQ(run("IpAddress", R"("2001:db8::/32")", "2001:db8:ffff::1"), "Allow");
  EXPECT_EQ(run("IpAddress", R"(["10.0.0.0/8","2001:db8::/32"])", "2001:db9::1"), "ImplicitDeny");
  EXPECT_EQ(run("IpAddress", R"("0.0.0.0/0")", "2001:db8::1"), "ImplicitDeny");
  EXPECT_EQ(run("NotIpAddress", R"("10.0.0.0/8")", "not-an-ip"), "Allow");
  EXPECT_EQ(run("NotIpAddress", R"("10.0.0.0/8")", "10.9.8.7"), "ImplicitDeny");
}

// T68, T69 [§3.3]: ArnEquals honours wildcards; StringEquals treats `*` literally.
TEST(Condition, T68T69ArnEqualsVersusStringEquals) {
  EXPECT_EQ(Decide(CondCase(R"({"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/*"}})", "{}",
                            kDevSession)),
            "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/*"}})", "{}",
                            kDevSession)),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"ArnLike":{"k:a":"arn:aws:iam::111111111111:role/*"}})", R"({"k:a":"not-an-arn"})")),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"ArnNotLike":{"k:a":"arn:aws:iam::*:role/*"}})", R"({"k:a":"not-an-arn"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"ArnLike":{"k:a":"arn:aws:IAM::*:role/*"}})",
                            R"({"k:a":"arn:aws:iam::111111111111:role/x"})")),
            "ImplicitDeny");
}

// T60, T61 [§3.4]: an unresolvable variable makes a negated operator match
// and a positive one fail.
TEST(Condition, T60T61UnresolvedVariables) {
  const std::string deny = Deny(R"("s3:GetObject")", R"("*")",
                                R"("Condition":{"StringNotEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}})");
  EXPECT_EQ(Decide(IdCase(Allow(R"("*")", R"("*")") + "," + deny, R"({"s3:ExistingObjectTag/Team":"x"})")),
            "ExplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}})",
                            R"({"aws:ResourceTag/owner":"alice"})", kDevSession)),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}})",
                            R"({"aws:ResourceTag/owner":"alice"})")),
            "Allow");
}

// T43 [§3.4]: ${aws:userid} inside StringLike; substituted text is literal.
TEST(Condition, T43UseridVariable) {
  const std::string c = R"({"StringLike":{"ssm:resourceTag/aws:ssmmessages:session-id":"${aws:userid}"}})";
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:userid":"AROAX:alice","ssm:resourceTag/aws:ssmmessages:session-id":"AROAX:alice"})",
                            kDevSession)),
            "Allow");
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:userid":"AROAX:alice","ssm:resourceTag/aws:ssmmessages:session-id":"AROAX:bob"})",
                            kDevSession)),
            "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(c, R"({"aws:userid":"AROAX:*","ssm:resourceTag/aws:ssmmessages:session-id":"AROAX:bob"})",
                            kDevSession)),
            "ImplicitDeny");
}

// §3.3: variables are substituted in Bool values, not in Numeric ones.
TEST(Condition, VariablesPerFamily) {
  EXPECT_EQ(Decide(CondCase(R"({"Bool":{"aws:MultiFactorAuthPresent":"${aws:SecureTransport}"}})",
                            R"({"aws:MultiFactorAuthPresent":true,"aws:SecureTransport":"true"})")),
            "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"NumericEquals":{"k:n":"${k:m}"}})", R"({"k:n":"5","k:m":"5"})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"k:n":"${k:m}"}})", R"({"k:n":"5","k:m":5})")), "Allow");
}

// §1.1, §1.3: operator names are case-insensitive; unknown operators and
// NullIfExists are MalformedPolicyDocument; T71 keys AND, values OR.
TEST(Condition, OperatorNamesAndStructure) {
  EXPECT_EQ(Decide(CondCase(R"({"forallvalues:stringequalsifexists":{"k:a":"x"}})", R"({"k:a":"x"})")), "Allow");
  EXPECT_EQ(Decide(CondCase(R"({"StringEqualz":{"k:a":"x"}})", "{}")), "error:MalformedPolicyDocument");
  EXPECT_EQ(Decide(CondCase(R"({"NullIfExists":{"k:a":"true"}})", "{}")), "error:MalformedPolicyDocument");
  EXPECT_EQ(Decide(CondCase(R"({"StringEquals":{"k:a":null}})", "{}")), "error:MalformedPolicyDocument");
  const std::string t71 =
      R"({"StringEquals":{"aws:PrincipalTag/dept":["hr","finance"],"aws:PrincipalTag/role":["audit"]}})";
  EXPECT_EQ(Decide(CondCase(t71, R"({"aws:PrincipalTag/dept":"hr","aws:PrincipalTag/role":"dev"})")), "ImplicitDeny");
  EXPECT_EQ(Decide(CondCase(t71, R"({"aws:PrincipalTag/dept":"finance","aws:PrincipalTag/role":"audit"})")), "Allow");
  EXPECT_EQ(Decide(CondCase("{}", "{}")), "Allow");
}

// §3.4: malformed variables are MalformedPolicyDocument under 2012-10-17 only.
TEST(Condition, VariableSyntaxErrors) {
  for (const char* bad : {"${}", "${aws:username", "${aws: username}", "${aws:username, dflt}"}) {
    const std::string c = std::string(R"({"StringEquals":{"k:a":")") + bad + "\"}}";
    EXPECT_EQ(Decide(CondCase(c, "{}")), "error:MalformedPolicyDocument") << bad;
    EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"("*")", R"("*")", R"("Condition":)" + c), "2008-10-17")), kAlice,
                          "s3:GetObject", kBucketObj)),
              "ImplicitDeny")
        << bad;
  }
}

// --- §2.4 Principals and §4 decision ------------------------------------------------

// T25, T26 [§4.8]: same-account resource policy naming the user suffices; an
// account principal needs an identity Allow.
TEST(Decision, T25T26SameAccountGrants) {
  auto bucket = [](const std::string& principal) {
    return Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":)" + principal)));
  };
  EXPECT_EQ(Decide(Case(bucket(R"({"AWS":"arn:aws:iam::111111111111:user/alice"})"), kAlice, "s3:GetObject", kBucketObj)),
            "Allow");
  const Result r = EvaluateCase(Case(bucket(R"({"AWS":"111111111111"})"), kAlice, "s3:GetObject", kBucketObj));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "identity-based policy");
  EXPECT_EQ(Decide(Case(bucket(R"({"AWS":"arn:aws:iam::111111111111:root"})") + "," +
                            Ids(Doc(Allow(R"("s3:*")", R"("*")"))),
                        kAlice, "s3:GetObject", kBucketObj)),
            "Allow");
}

// T27 [§4.9]: cross account needs both sides; absent resource account is the
// principal's, an explicit resourceAccount makes it cross-account.
TEST(Decision, T27CrossAccount) {
  const std::string bucket =
      Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"})")));
  const std::string id = Ids(Doc(Allow(R"("s3:GetObject")", R"("*")")));
  const std::string cross = R"("resourceAccount":"222222222222")";
  EXPECT_EQ(Decide(Case(bucket, kAlice, "s3:GetObject", kBucketObj, "{}", cross)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(bucket + "," + id, kAlice, "s3:GetObject", kBucketObj, "{}", cross)), "Allow");
  const Result r = EvaluateCase(Case(id, kAlice, "s3:GetObject", kBucketObj, "{}", cross));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "resource-based policy");
}

// T28, T29 [§4.8]: a role grant is limited by the boundary; a session or "*"
// grant is not.
TEST(Decision, T28T29RoleVersusSessionGrants) {
  const std::string boundary = Boundary(Doc(Allow(R"("ec2:*")", R"("*")")));
  auto run = [&](const std::string& principal) {
    return EvaluateCase(Case(Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":)" + principal))) + "," +
                                 boundary,
                             kDevSession, "s3:GetObject", kBucketObj));
  };
  const Result role = run(R"({"AWS":"arn:aws:iam::111111111111:role/Dev"})");
  EXPECT_EQ(role.decision, "ImplicitDeny");
  EXPECT_EQ(role.denied_by, "permissions boundary");
  EXPECT_EQ(run(R"({"AWS":"arn:aws:sts::111111111111:assumed-role/Dev/s1"})").decision, "Allow");
  EXPECT_EQ(run(R"("*")").decision, "Allow");
  // Without a boundary the role grant satisfies the identity side.
  EXPECT_EQ(Decide(Case(Res(Doc(Allow(R"("s3:GetObject")", R"("*")",
                                      R"("Principal":{"AWS":"arn:aws:iam::111111111111:role/Dev"})"))),
                        kDevSession, "s3:GetObject", kBucketObj)),
            "Allow");
}

// T48, T49 [§2.4, §5]: a role ARN matches sessions through aws:PrincipalArn,
// path included; aws:PrincipalArn of a session is the role ARN.
TEST(Decision, T48T49RoleArnThroughPrincipalArn) {
  const std::string session = "arn:aws:sts::111111111111:assumed-role/R/s";
  const std::string grant =
      Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":{"AWS":"arn:aws:iam::111111111111:role/path/R"})")));
  EXPECT_EQ(Decide(Case(grant, session, "s3:GetObject", kBucketObj)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(grant, session, "s3:GetObject", kBucketObj,
                        R"({"aws:PrincipalArn":"arn:aws:iam::111111111111:role/path/R"})")),
            "Allow");
  const std::string t49 = Res(Doc(Allow(R"("s3:GetObject")", R"("*")",
                                        R"("Principal":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/*"}})")));
  EXPECT_EQ(Decide(Case(t49, session, "s3:GetObject", kBucketObj)), "Allow");
}

// T30 [§4.8]: a federated-user session without a session policy has no permissions.
TEST(Decision, T30FederatedUserNeedsSessionPolicy) {
  const std::string fed = "arn:aws:sts::111111111111:federated-user/dave";
  const std::string id = Ids(Doc(Allow(R"("s3:GetObject")", R"("*")")));
  const Result r = EvaluateCase(Case(id, fed, "s3:GetObject", kBucketObj));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "session policy");
  EXPECT_EQ(Decide(Case(id + "," + Session(Doc(Allow(R"("s3:*")", R"("*")"))), fed, "s3:GetObject", kBucketObj)),
            "Allow");
  EXPECT_EQ(Decide(Case(id + "," + Session(Doc(Allow(R"("ec2:*")", R"("*")"))), fed, "s3:GetObject", kBucketObj)),
            "ImplicitDeny");
}

// T31 [§4.2]: every SCP level must allow; the failure is reported as a
// service control policy deny. SCPs do not apply to anonymous callers.
TEST(Decision, T31ScpLevels) {
  const std::string id = Ids(Doc(Allow(R"("*")", R"("*")")));
  const std::string full = Named("Full", Doc(Allow(R"("*")", R"("*")")));
  const std::string s3only = Named("S3Only", Doc(Allow(R"("s3:*")", R"("*")")));
  const std::string scp = R"("scp":[[)" + full + "],[" + s3only + "]]";
  const Result r = EvaluateCase(Case(id + "," + scp, kAlice, "ec2:DescribeInstances", "*"));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "service control policy");
  const Result ok = EvaluateCase(Case(id + "," + scp, kAlice, "s3:GetObject", kBucketObj));
  EXPECT_EQ(ok.decision, "Allow");
  ASSERT_EQ(ok.matched.size(), 3u);  // identity, then SCP levels in order
  EXPECT_EQ(ok.matched[0].policy, "Id");
  EXPECT_EQ(ok.matched[1].policy, "Full");
  EXPECT_EQ(ok.matched[2].policy, "S3Only");
  const std::string bucket = Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":"*")")));
  const std::string deny_scp = R"("scp":[[)" + Named("DenyAll", Doc(Deny(R"("*")", R"("*")"))) + "]]";
  EXPECT_EQ(Decide(Case(bucket + "," + deny_scp, "anonymous", "s3:GetObject", kBucketObj)), "Allow");
  EXPECT_EQ(Decide(Case(bucket + "," + deny_scp, kAlice, "s3:GetObject", kBucketObj)), "ExplicitDeny");
}

// §4.3: every RCP level must allow; RCP denies apply to every caller.
TEST(Decision, RcpLevels) {
  const std::string id = Ids(Doc(Allow(R"("*")", R"("*")")));
  const std::string full = Named("RcpFull", Doc(Allow(R"("*")", R"("*")", R"("Principal":"*")")));
  const std::string deny = Named("RcpDeny", Doc(Deny(R"("s3:*")", R"("*")", R"("Principal":"*")")));
  const Result missing = EvaluateCase(Case(id + R"(,"rcp":[[)" + full + "],[]]", kAlice, "ec2:StopInstances",
                                           "arn:aws:ec2:us-east-1:111111111111:instance/i-1"));
  EXPECT_EQ(missing.decision, "ImplicitDeny");
  EXPECT_EQ(missing.denied_by, "resource control policy");
  const Result denied = EvaluateCase(Case(id + R"(,"rcp":[[)" + full + "," + deny + "]]", kAlice, "s3:GetObject",
                                          kBucketObj));
  EXPECT_EQ(denied.decision, "ExplicitDeny");
  EXPECT_EQ(denied.denied_by, "resource control policy");
  EXPECT_EQ(Decide(Case(id + R"(,"rcp":[[)" + full + "]]", kAlice, "s3:GetObject", kBucketObj)), "Allow");
}

// T32 [§2.4]: Deny + NotPrincipal applies to a principal with a boundary
// regardless of the listed principals.
TEST(Decision, T32NotPrincipalDenyWithBoundary) {
  const std::string bucket = Res(Doc(Deny(R"("s3:GetObject")", R"("*")",
                                          R"("NotPrincipal":{"AWS":["arn:aws:iam::111111111111:user/alice","111111111111"]})")));
  const std::string id = Ids(Doc(Allow(R"("s3:*")", R"("*")")));
  const std::string boundary = Boundary(Doc(Allow(R"("s3:*")", R"("*")")));
  EXPECT_EQ(Decide(Case(bucket + "," + id, kAlice, "s3:GetObject", kBucketObj)), "Allow");
  const Result r = EvaluateCase(Case(bucket + "," + id + "," + boundary, kAlice, "s3:GetObject", kBucketObj));
  EXPECT_EQ(r.decision, "ExplicitDeny");
  EXPECT_EQ(r.denied_by, "resource-based policy");
  // NotPrincipal exempts a caller only when its whole chain is listed
  // (docs/semantics.md §2.4, [IUG:reference_policies_elements_notprincipal.md]):
  // the account alone does not exempt bob, and alice alone (without her
  // account) is not exempted either.
  EXPECT_EQ(Decide(Case(bucket + "," + id, "arn:aws:iam::111111111111:user/bob", "s3:GetObject", kBucketObj)),
            "ExplicitDeny");
  const std::string only_alice = Res(Doc(Deny(R"("s3:GetObject")", R"("*")",
                                              R"("NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/alice"})")));
  EXPECT_EQ(Decide(Case(only_alice + "," + id, "arn:aws:iam::111111111111:user/bob", "s3:GetObject", kBucketObj)),
            "ExplicitDeny");
  EXPECT_EQ(Decide(Case(only_alice + "," + id, kAlice, "s3:GetObject", kBucketObj)), "ExplicitDeny");
}

// T33, T34 [§4.7]: a trust policy must grant; naming the account needs an
// identity Allow, naming the user does not.
TEST(Decision, T33T34TrustPolicies) {
  const std::string role = "arn:aws:iam::111111111111:role/R";
  auto trust = [](const std::string& principal) {
    return Res(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":)" +
               principal + "}}");
  };
  EXPECT_EQ(Decide(Case(trust(R"({"AWS":"111111111111"})"), kAlice, "sts:AssumeRole", role)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(trust(R"({"AWS":"111111111111"})") + "," + Ids(Doc(Allow(R"("sts:AssumeRole")", R"("*")"))),
                        kAlice, "sts:AssumeRole", role)),
            "Allow");
  EXPECT_EQ(Decide(Case(trust(R"({"AWS":"arn:aws:iam::111111111111:user/alice"})"), kAlice, "sts:AssumeRole", role)),
            "Allow");
  const Result r = EvaluateCase(Case(trust(R"({"AWS":"arn:aws:iam::111111111111:user/bob"})") + "," +
                                         Ids(Doc(Allow(R"("sts:AssumeRole")", R"("*")"))),
                                     kAlice, "sts:AssumeRole", role));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "role trust policy");
  ASSERT_TRUE(r.matched.empty());
}

// T35 [§4.9]: cross-account trust with an ExternalId condition (case-sensitive).
TEST(Decision, T35ExternalId) {
  const std::string trust = Res(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"222222222222"},"Condition":{"StringEquals":{"sts:ExternalId":"X1"}}}]})");
  const std::string id = Ids(Doc(Allow(R"("sts:AssumeRole")", R"("arn:aws:iam::111111111111:role/*")")));
  const std::string caller = "arn:aws:iam::222222222222:user/carol";
  const std::string role = "arn:aws:iam::111111111111:role/R";
  EXPECT_EQ(Decide(Case(trust + "," + id, caller, "sts:AssumeRole", role)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(trust + "," + id, caller, "sts:AssumeRole", role, R"({"sts:ExternalId":"X1"})")), "Allow");
  EXPECT_EQ(Decide(Case(trust + "," + id, caller, "sts:AssumeRole", role, R"({"sts:ExternalId":"x1"})")),
            "ImplicitDeny");
}

// docs/semantics.md §2.4 + §4.6 (choice, see the report): an Allow with
// NotPrincipal grants like "*" (kind *all*), so a boundary does not limit it
// and it admits anonymous callers it does not list.
TEST(Decision, NotPrincipalAllowGrantsLikeStar) {
  const std::string bucket = Res(Doc(Allow(
      R"("s3:GetObject")", R"("*")",
      R"("NotPrincipal":{"AWS":["arn:aws:iam::111111111111:user/bob","111111111111"]})")));
  const std::string boundary = Boundary(Doc(Allow(R"("ec2:*")", R"("*")")));
  EXPECT_EQ(Decide(Case(bucket + "," + boundary, kAlice, "s3:GetObject", kBucketObj)), "Allow");
  EXPECT_EQ(Decide(Case(bucket, "anonymous", "s3:GetObject", kBucketObj)), "Allow");
  // bob and his account are both listed: bob is exempted, so not granted.
  EXPECT_EQ(Decide(Case(bucket, "arn:aws:iam::111111111111:user/bob", "s3:GetObject", kBucketObj)), "ImplicitDeny");
}

// §4.6: a KMS key policy must grant like a trust policy, even when the case
// gives none (every key has one); other actions on a role ARN follow the
// ordinary identity path.
TEST(Decision, KeyPoliciesMustGrant) {
  const std::string key = "arn:aws:kms:us-east-1:111111111111:key/k1";
  const std::string id = Ids(Doc(Allow(R"("kms:*")", R"("*")")));
  const std::string key_policy = Res(Doc(Allow(R"("kms:*")", R"("*")", R"("Principal":{"AWS":"222222222222"})")));
  const Result r = EvaluateCase(Case(id + "," + key_policy, kAlice, "kms:Decrypt", key));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "resource-based policy");
  const std::string account_key_policy =
      Res(Doc(Allow(R"("kms:*")", R"("*")", R"("Principal":{"AWS":"arn:aws:iam::111111111111:root"})")));
  EXPECT_EQ(Decide(Case(id + "," + account_key_policy, kAlice, "kms:Decrypt", key)), "Allow");
  EXPECT_EQ(Decide(Case(id, kAlice, "kms:Decrypt", key)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"("iam:GetRole")", R"("*")"))), kAlice, "iam:GetRole",
                        "arn:aws:iam::111111111111:role/R")),
            "Allow");
}

// T65 [§4.5]: the root of the resource's account is allowed without policies,
// but not past an explicit deny.
TEST(Decision, T65Root) {
  EXPECT_EQ(Decide(Case("", kRootA, "s3:GetObject", kBucketObj)), "Allow");
  EXPECT_EQ(Decide(Case(Res(Doc(Deny(R"("s3:GetObject")", R"("*")", R"("Principal":"*")"))), kRootA, "s3:GetObject",
                        kBucketObj)),
            "ExplicitDeny");
  EXPECT_EQ(Decide(Case("", kRootA, "s3:GetObject", kBucketObj, "{}", R"("resourceAccount":"222222222222")")),
            "ImplicitDeny");
}

// T66 [§4.4]: anonymous callers only through a grant naming them ("*").
TEST(Decision, T66Anonymous) {
  auto bucket = [](const std::string& principal) {
    return Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":)" + principal)));
  };
  EXPECT_EQ(Decide(Case(bucket(R"("*")"), "anonymous", "s3:GetObject", kBucketObj)), "Allow");
  EXPECT_EQ(Decide(Case(bucket(R"({"AWS":"*"})"), "anonymous", "s3:GetObject", kBucketObj)), "Allow");
  const Result r = EvaluateCase(Case(bucket(R"({"AWS":"111111111111"})"), "anonymous", "s3:GetObject", kBucketObj));
  EXPECT_EQ(r.decision, "ImplicitDeny");
  EXPECT_EQ(r.denied_by, "resource-based policy");
}

// §2.4: Service/Federated values match the exact non-ARN principal;
// CanonicalUser matches nothing.
TEST(Decision, ServicePrincipals) {
  const std::string role = "arn:aws:iam::111111111111:role/R";
  auto trust = [](const std::string& principal) {
    return Res(R"({"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":)" + principal + "}]}");
  };
  EXPECT_EQ(Decide(Case(trust(R"({"Service":["ec2.amazonaws.com"]})"), "ec2.amazonaws.com", "sts:AssumeRole", role)),
            "Allow");
  EXPECT_EQ(Decide(Case(trust(R"({"Service":"ec2.amazonaws.com"})"), "ssm.amazonaws.com", "sts:AssumeRole", role)),
            "ImplicitDeny");
  EXPECT_EQ(Decide(Case(trust(R"({"Federated":"accounts.google.com"})"), "accounts.google.com", "sts:AssumeRole", role)),
            "Allow");
  EXPECT_EQ(Decide(Case(trust(R"({"CanonicalUser":"abc"})"), "abc", "sts:AssumeRole", role)), "ImplicitDeny");
  EXPECT_EQ(Decide(Case(trust(R"({"AWS":"111111111111"})"), "ec2.amazonaws.com", "sts:AssumeRole", role)),
            "ImplicitDeny");
}

// §2.4: unique ids: AIDA… is direct for the user with that aws:userid,
// AROA… is a role grant for sessions whose userid starts with "AROA…:".
TEST(Decision, UniqueIdPrincipals) {
  auto bucket = [](const std::string& id) {
    return Res(Doc(Allow(R"("s3:GetObject")", R"("*")", R"("Principal":{"AWS":")" + id + "\"}")));
  };
  EXPECT_EQ(Decide(Case(bucket("AIDAEXAMPLE1"), kAlice, "s3:GetObject", kBucketObj, R"({"aws:userid":"AIDAEXAMPLE1"})")),
            "Allow");
  EXPECT_EQ(Decide(Case(bucket("AIDAEXAMPLE1"), kAlice, "s3:GetObject", kBucketObj)), "ImplicitDeny");
  const std::string boundary = Boundary(Doc(Allow(R"("ec2:*")", R"("*")")));
  const std::string ctx = R"({"aws:userid":"AROAEXAMPLE2:s1"})";
  EXPECT_EQ(Decide(Case(bucket("AROAEXAMPLE2"), kDevSession, "s3:GetObject", kBucketObj, ctx)), "Allow");
  EXPECT_EQ(Decide(Case(bucket("AROAEXAMPLE2") + "," + boundary, kDevSession, "s3:GetObject", kBucketObj, ctx)),
            "ImplicitDeny");
  EXPECT_EQ(Decide(Case(bucket("AROAEXAMPLE"), kDevSession, "s3:GetObject", kBucketObj, ctx)), "ImplicitDeny");
}

// §4: matched lists every applicable statement in slot order, and denied_by
// names the first type in order identity, boundary, session, resource, SCP, RCP.
TEST(Decision, MatchedOrderAndDeniedBy) {
  const std::string policies =
      R"("identity":[)" + Named("I1", Doc(Allow(R"("*")", R"("*")") + "," + Allow(R"("ec2:*")", R"("*")"))) + "," +
      Named("I2", Doc(Allow(R"("s3:*")", R"("*")"))) + "]," +
      Res(Doc(R"({"Sid":"Grant","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"})")) + "," +
      Session(Doc(Allow(R"("s3:Get*")", R"("*")"))) + "," + Boundary(Doc(Allow(R"("*")", R"("*")")));
  const Result allow = EvaluateCase(Case(policies, kDevSession, "s3:GetObject", kBucketObj));
  ASSERT_EQ(allow.decision, "Allow");
  ASSERT_EQ(allow.matched.size(), 5u);
  EXPECT_EQ(allow.matched[0].policy + "/" + std::to_string(allow.matched[0].statement), "I1/0");
  EXPECT_EQ(allow.matched[1].policy + "/" + std::to_string(allow.matched[1].statement), "I2/0");
  EXPECT_EQ(allow.matched[2].policy, "Bnd");
  EXPECT_EQ(allow.matched[3].policy, "Sess");
  EXPECT_EQ(allow.matched[4].policy, "Res");
  EXPECT_EQ(allow.matched[4].sid, "Grant");
  EXPECT_EQ(allow.denied_by, "");

  const std::string denies = Res(Doc(Deny(R"("*")", R"("*")", R"("Principal":"*")"))) + "," +
                             Session(Doc(Deny(R"("*")", R"("*")"))) + "," + Boundary(Doc(Deny(R"("*")", R"("*")")));
  const Result deny = EvaluateCase(Case(denies, kDevSession, "s3:GetObject", kBucketObj));
  EXPECT_EQ(deny.decision, "ExplicitDeny");
  EXPECT_EQ(deny.denied_by, "permissions boundary");
  ASSERT_EQ(deny.matched.size(), 3u);
  EXPECT_EQ(deny.matched[0].policy, "Bnd");
  EXPECT_EQ(deny.matched[2].policy, "Res");
}

// §4.8: in the same account the boundary and session policies apply after the
// identity side, in that order.
TEST(Decision, SameAccountBoundaryThenSession) {
  const std::string id = Ids(Doc(Allow(R"("*")", R"("*")")));
  const Result b = EvaluateCase(Case(id + "," + Boundary(Doc(Allow(R"("ec2:*")", R"("*")"))) + "," +
                                         Session(Doc(Allow(R"("ec2:*")", R"("*")"))),
                                     kDevSession, "s3:GetObject", kBucketObj));
  EXPECT_EQ(b.denied_by, "permissions boundary");
  const Result s = EvaluateCase(Case(id + "," + Session(Doc(Allow(R"("ec2:*")", R"("*")"))), kDevSession,
                                     "s3:GetObject", kBucketObj));
  EXPECT_EQ(s.decision, "ImplicitDeny");
  EXPECT_EQ(s.denied_by, "session policy");
}

// §5: derived context keys, and an explicit value always wins.
TEST(Context, DerivedKeys) {
  auto run = [](const std::string& cond, const std::string& principal, const std::string& ctx = "{}") {
    return Decide(CondCase(cond, ctx, principal));
  };
  const std::string sso = "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123/alice";
  EXPECT_EQ(run(R"({"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123"}})",
                sso),
            "Allow");
  EXPECT_EQ(run(R"({"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/Dev"}})", kDevSession), "Allow");
  EXPECT_EQ(run(R"({"StringEquals":{"aws:username":"bob","aws:PrincipalType":"User"}})",
                "arn:aws:iam::111111111111:user/division/bob"),
            "Allow");
  EXPECT_EQ(run(R"({"Null":{"aws:username":"true","aws:userid":"true"}})", kDevSession), "Allow");
  const std::string fed_cond =
      R"({"StringEquals":{"aws:userid":"111111111111:dave","aws:PrincipalType":"FederatedUser"}})";
  EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"("*")", R"("*")", R"("Condition":)" + fed_cond))) + "," +
                            Session(Doc(Allow(R"("*")", R"("*")"))),
                        "arn:aws:sts::111111111111:federated-user/dave", "s3:GetObject", kBucketObj)),
            "Allow");
  EXPECT_EQ(run(R"({"StringEquals":{"aws:userid":"111111111111","aws:PrincipalType":"Account","aws:PrincipalAccount":"111111111111"}})",
                kRootA),
            "Allow");
  EXPECT_EQ(run(R"({"StringEquals":{"aws:username":"eve"}})", kAlice, R"({"AWS:USERNAME":"eve"})"), "Allow");
  EXPECT_EQ(run(R"({"StringEquals":{"aws:PrincipalAccount":"999999999999"}})", kAlice,
                R"({"aws:PrincipalAccount":"999999999999"})"),
            "Allow");
}

// §5 (anonymous): PrincipalType Anonymous and userid "anonymous" are derived.
TEST(Context, AnonymousKeys) {
  const std::string bucket = Res(Doc(Allow(
      R"("s3:GetObject")", R"("*")",
      R"("Principal":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Anonymous","aws:userid":"anonymous"},"Null":{"aws:PrincipalArn":"true"}})")));
  EXPECT_EQ(Decide(Case(bucket, "anonymous", "s3:GetObject", kBucketObj)), "Allow");
}

// Case format: documents may be JSON strings; a single Statement object is index 0.
TEST(Format, StringDocumentsAndSingleStatement) {
  const std::string doc = R"("{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}")";
  const Result r = EvaluateCase(Case(R"("identity":[{"name":"P","document":)" + doc + "}]", kAlice, "s3:GetObject",
                                     kBucketObj));
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.decision, "Allow");
  ASSERT_EQ(r.matched.size(), 1u);
  EXPECT_EQ(r.matched[0].statement, 0);
  EXPECT_EQ(r.matched[0].sid, "A");
}

// Errors never escape: bad JSON, wrong types, role ARN principals.
TEST(Format, Errors) {
  EXPECT_EQ(Decide("{not json"), "error:InvalidInput");
  EXPECT_EQ(Decide(Case(R"("identity":[{"name":"P","document":"{bad"}])", kAlice, "s3:GetObject", kBucketObj)),
            "error:MalformedPolicyDocument");
  EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"({"x":1})", R"("*")"))), kAlice, "s3:GetObject", kBucketObj)),
            "error:MalformedPolicyDocument");
  EXPECT_EQ(Decide(Case(Ids(R"({"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]})"),
                        kAlice, "s3:GetObject", kBucketObj)),
            "error:MalformedPolicyDocument");
  EXPECT_EQ(Decide(Case(Ids(Doc(Allow(R"("*")", R"("*")"), "2020-01-01")), kAlice, "s3:GetObject", kBucketObj)),
            "error:MalformedPolicyDocument");
  EXPECT_EQ(Decide(Case("", "arn:aws:iam::111111111111:role/Dev", "s3:GetObject", kBucketObj)), "error:InvalidInput");
  const Result r = EvaluateCase(R"({"policies":{}})");
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.error_message.empty());
}

// --- Generator ------------------------------------------------------------------

TEST(Generator, Deterministic) {
  EXPECT_EQ(GenerateCase(42), GenerateCase(42));
  EXPECT_NE(GenerateCase(42), GenerateCase(43));
}

// Every generated case evaluates, and all three decisions are common.
TEST(Generator, OutcomeMixOver10000Seeds) {
  std::map<std::string, int> mix;
  constexpr int kSeeds = 10000;
  for (int seed = 0; seed < kSeeds; ++seed) {
    const std::string c = GenerateCase(static_cast<std::uint64_t>(seed));
    const Result r = EvaluateCase(c);
    ASSERT_TRUE(r.ok) << r.error_code << ": " << r.error_message << "\n" << c;
    ++mix[r.decision];
  }
  for (const char* d : {"Allow", "ExplicitDeny", "ImplicitDeny"}) {
    std::printf("%-13s %5d (%.1f%%)\n", d, mix[d], 100.0 * mix[d] / kSeeds);
    EXPECT_GE(mix[d], kSeeds / 6) << d;
  }
}

}  // namespace
}  // namespace gatehouse::reference
