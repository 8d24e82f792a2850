// policy/arn_test.cc: ARN splitting and the ARN matcher shared by Resource
// entries (docs/semantics.md §2.2) and the Arn* condition operators (§3.3).
#include "policy/arn.h"

#include <string>

#include <gtest/gtest.h>

#include "policy/context.h"
#include "policy/template.h"

namespace gatehouse::policy {
namespace {

// A Resource/NotResource entry against a request ARN.
bool Res(std::string_view pattern, std::string_view arn, const RequestContext& ctx = {}, bool variables = true) {
  const ArnMatcher m = ArnMatcher::CompileResource(pattern, variables);
  return m.Matches(ArnView::Of(arn), ctx);
}

// An Arn* condition value against a request value.
bool Cond(std::string_view pattern, std::string_view arn, const RequestContext& ctx = {}) {
  Result<Template> t = Template::Parse(pattern, true);
  EXPECT_TRUE(t.ok()) << pattern;
  if (!t.ok()) return false;
  const ArnMatcher m = ArnMatcher::CompileCondition(*t);
  return m.Matches(ArnView::Of(arn), ctx);
}

RequestContext Ctx(std::string_view key, std::string_view value) {
  RequestContext c;
  c.Set(key, std::string(value));
  return c;
}

// ================================================================== ArnView

// §2.2: split at the first five colons; the resource part keeps its colons.
TEST(ArnView, SixFields) {
  const ArnView v = ArnView::Of("arn:aws:ec2:us-east-1:111122223333:instance/i-0123");
  ASSERT_TRUE(v.valid);
  EXPECT_EQ(v.field[0], "arn");
  EXPECT_EQ(v.field[1], "aws");
  EXPECT_EQ(v.field[2], "ec2");
  EXPECT_EQ(v.field[3], "us-east-1");
  EXPECT_EQ(v.field[4], "111122223333");
  EXPECT_EQ(v.field[5], "instance/i-0123");
  EXPECT_EQ(v.start[2], 8u);
  EXPECT_EQ(v.start[5], 35u);
  EXPECT_EQ(v.whole, "arn:aws:ec2:us-east-1:111122223333:instance/i-0123");
}

TEST(ArnView, EmptyFieldsAndColonsInResource) {
  const ArnView s3 = ArnView::Of("arn:aws:s3:::bucket/key");
  ASSERT_TRUE(s3.valid);
  EXPECT_EQ(s3.field[3], "");
  EXPECT_EQ(s3.field[4], "");
  EXPECT_EQ(s3.field[5], "bucket/key");
  const ArnView logs = ArnView::Of("arn:aws:logs:us-east-1:1:log-group:g:log-stream:s");
  ASSERT_TRUE(logs.valid);
  EXPECT_EQ(logs.field[5], "log-group:g:log-stream:s");
  const ArnView empty_res = ArnView::Of("arn:aws:iam::1:");
  EXPECT_TRUE(empty_res.valid);
  EXPECT_EQ(empty_res.field[5], "");
}

TEST(ArnView, NotAnArn) {
  EXPECT_FALSE(ArnView::Of("*").valid);
  EXPECT_FALSE(ArnView::Of("").valid);
  EXPECT_FALSE(ArnView::Of("arn:aws:s3").valid);
  EXPECT_FALSE(ArnView::Of("arn:aws:s3::bucket").valid);    // five fields
}

// ======================================================= Resource entries

// §2.2: "*" matches every resource, including the `*` of wildcard-only
// actions and non-ARN resources.
TEST(ResourceMatcher, StarMatchesEverything) {
  EXPECT_TRUE(ArnMatcher::CompileResource("*", true).star());
  EXPECT_TRUE(Res("*", "*"));
  EXPECT_TRUE(Res("*", "arn:aws:s3:::b/k"));
  EXPECT_TRUE(Res("*", "not-an-arn"));
}

// §2.2: a request resource that is not an ARN matches only the pattern `*`
// (T44: a wildcard-only action needs Resource "*").
TEST(ResourceMatcher, NonArnRequestMatchesOnlyStar) {
  EXPECT_FALSE(Res("arn:aws:ssm:*:*:*", "*"));
  EXPECT_FALSE(Res("arn:*", "*"));
  EXPECT_FALSE(Res("arn:*:*:*:*:*", "*"));
}

// §2.2: full six-field patterns: exact and globbed per field.
TEST(ResourceMatcher, SixFieldPatterns) {
  EXPECT_TRUE(Res("arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/key"));
  EXPECT_FALSE(Res("arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/key2"));
  EXPECT_TRUE(Res("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1"));
  EXPECT_FALSE(Res("arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:444455556666:instance/i-1"));
  EXPECT_TRUE(Res("arn:aws:ec2:us-*:*:instance/*", "arn:aws:ec2:us-west-2:1:instance/i-1"));
  EXPECT_FALSE(Res("arn:aws:ec2:us-*:*:instance/*", "arn:aws:ec2:eu-west-2:1:instance/i-1"));
  EXPECT_TRUE(Res("arn:aws:iam::11112222333?:user/*", "arn:aws:iam::111122223333:user/alice"));
  EXPECT_FALSE(Res("arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:role/alice"));
}

// [§2.2]: in the resource part `*` crosses '/' and ':'; '/' is not special.
TEST(ResourceMatcher, ResourcePartGlobs) {
  EXPECT_TRUE(Res("arn:aws:s3:::*", "arn:aws:s3:::b/k/deep"));
  EXPECT_TRUE(Res("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/1/2/test/3/x.jpg"));
  EXPECT_FALSE(Res("arn:aws:s3:::B/*/test/*", "arn:aws:s3:::B/test/object.jpg"));
  EXPECT_TRUE(Res("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:x:log-stream:y"));
  EXPECT_TRUE(Res("arn:aws:logs:*:*:log-group:x:*", "arn:aws:logs:us-east-1:1:log-group:x:log-stream:y"));
  EXPECT_FALSE(Res("arn:aws:logs:*:*:log-group:z:*", "arn:aws:logs:us-east-1:1:log-group:x:log-stream:y"));
}

// A `*` in a prefix field does not cross colons.
TEST(ResourceMatcher, PrefixFieldStarStaysInItsField) {
  EXPECT_FALSE(Res("arn:aws:s3:*:bucket", "arn:aws:s3:::bucket"));  // five fields, no trailing '*'
  EXPECT_FALSE(Res("arn:aws:*:111122223333:user/x", "arn:aws:iam::111122223333:user/x"));
  EXPECT_FALSE(Res("arn:aws:ec2:*:instance/*:*", "arn:aws:ec2:us-east-1:1:instance/i"));
}

// §2.2 (?): prefix fields are compared ASCII-case-insensitively, the resource
// part case-sensitively.
TEST(ResourceMatcher, PrefixFieldsFoldResourcePartDoesNot) {
  EXPECT_TRUE(Res("ARN:AWS:S3:::bucket/key", "arn:aws:s3:::bucket/key"));
  EXPECT_TRUE(Res("arn:aws:EC2:US-EAST-1:111122223333:instance/i-1", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
  EXPECT_TRUE(Res("arn:aws:EC2:US-*:*:instance/*", "arn:aws:ec2:us-east-1:1:instance/i-1"));
  EXPECT_FALSE(Res("arn:aws:s3:::Bucket/key", "arn:aws:s3:::bucket/key"));
  EXPECT_FALSE(Res("arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/alice"));
  EXPECT_FALSE(Res("arn:aws:s3:::bucket/K*", "arn:aws:s3:::bucket/key"));
}

// §2.2: fewer than six fields match only when the last field ends with `*`,
// which is then globbed against the rest of the ARN, colons included.
TEST(ResourceMatcher, ShortPatternsWithTrailingStar) {
  EXPECT_TRUE(Res("arn:aws:ec2:*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
  EXPECT_FALSE(Res("arn:aws:ec2:*", "arn:aws:s3:::b"));
  EXPECT_TRUE(Res("arn:aws:s3:*", "arn:aws:s3:::bucket"));
  EXPECT_TRUE(Res("arn:*", "arn:aws-cn:iam::1:role/r"));
  EXPECT_TRUE(Res("arn:aws:ec2:us-*", "arn:aws:ec2:us-east-1:1:instance/i"));
  EXPECT_FALSE(Res("arn:aws:ec2:us-*", "arn:aws:ec2:eu-west-1:1:instance/i"));
  EXPECT_TRUE(Res("arn:aws:ec2:us-east-1:*", "arn:aws:ec2:us-east-1:1:instance/i"));
  EXPECT_TRUE(Res("arn:aws:ec2:*:instance*", "arn:aws:ec2:us-east-1:instance-acct:x"));
  EXPECT_FALSE(Res("arn:aws:ec2:*:111*", "arn:aws:ec2:us-east-1:222:instance/111"));
  // Earlier fields still fold their case.
  EXPECT_TRUE(Res("ARN:AWS:EC2:*", "arn:aws:ec2:us-east-1:1:instance/i"));
}

TEST(ResourceMatcher, ShortPatternsWithoutTrailingStarMatchNothing) {
  EXPECT_FALSE(Res("arn:aws:s3", "arn:aws:s3:::b"));
  EXPECT_FALSE(Res("arn:aws:ec2:us-east-1:1", "arn:aws:ec2:us-east-1:1:instance/i"));
  EXPECT_FALSE(Res("arn:aws:ec2:*:1", "arn:aws:ec2:us-east-1:1:x"));
}

// §2.2 / §3.4: variables are substituted in the resource part; the
// substituted text is literal.
TEST(ResourceMatcher, VariablesInResourcePart) {
  const RequestContext alice = Ctx("aws:username", "alice");
  EXPECT_TRUE(Res("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/x", alice));
  EXPECT_FALSE(Res("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/x", alice));
  EXPECT_TRUE(Res("ARN:AWS:S3:::home/${AWS:USERNAME}", "arn:aws:s3:::home/alice", alice));
  const RequestContext star = Ctx("aws:username", "a*");
  EXPECT_FALSE(Res("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/abc/x", star));
  EXPECT_TRUE(Res("arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/a*/x", star));
  // A variable in the resource part of a resource containing colons.
  EXPECT_TRUE(Res("arn:aws:logs:*:*:log-group:${aws:username}:*", "arn:aws:logs:us-east-1:1:log-group:alice:log-stream:1",
                  alice));
}

// T18 / [§4]: an unresolvable variable makes the entry match nothing.
TEST(ResourceMatcher, UnresolvableVariableMatchesNothingT18) {
  const RequestContext none;
  EXPECT_FALSE(Res("arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:user/alice", none));
  EXPECT_FALSE(Res("arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:user/${aws:username}", none));
  EXPECT_FALSE(Res("arn:aws:s3:::*${aws:username}", "arn:aws:s3:::anything", none));
}

// T20: the default value is substituted when the key is absent.
TEST(ResourceMatcher, DefaultValueT20) {
  const char* p = "arn:aws:s3:::bkt-${aws:PrincipalTag/team, 'company-wide'}/*";
  EXPECT_TRUE(Res(p, "arn:aws:s3:::bkt-company-wide/x"));
  EXPECT_FALSE(Res(p, "arn:aws:s3:::bkt-blue/x"));
  EXPECT_TRUE(Res(p, "arn:aws:s3:::bkt-blue/x", Ctx("aws:PrincipalTag/team", "blue")));
}

// T21: ${*} is a literal star.
TEST(ResourceMatcher, EscapedStarT21) {
  EXPECT_TRUE(Res("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*"));
  EXPECT_FALSE(Res("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/abc"));
  EXPECT_TRUE(Res("arn:aws:s3:::b/${?}*", "arn:aws:s3:::b/?x"));
  EXPECT_FALSE(Res("arn:aws:s3:::b/${?}*", "arn:aws:s3:::b/ax"));
}

// T19 / §3.4: without 2012-10-17 variables are literal text.
TEST(ResourceMatcher, VariablesDisabledT19) {
  const RequestContext alice = Ctx("aws:username", "alice");
  EXPECT_FALSE(Res("arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:user/alice", alice, false));
  EXPECT_TRUE(Res("arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:user/${aws:username}", alice,
                  false));
}

// §2.2: variables outside the resource part are literal text.
TEST(ResourceMatcher, VariablesOutsideResourcePartAreLiteral) {
  const RequestContext acct = Ctx("aws:PrincipalAccount", "111122223333");
  EXPECT_FALSE(Res("arn:aws:s3::${aws:PrincipalAccount}:x", "arn:aws:s3::111122223333:x", acct));
  EXPECT_TRUE(Res("arn:aws:s3::${aws:PrincipalAccount}:x", "arn:aws:s3::${aws:PrincipalAccount}:x", acct));
}

// ========================================================= Arn* conditions

// [§3.4]: the same field rules, but case-sensitive in every field.
TEST(ConditionArnMatcher, CaseSensitiveEverywhere) {
  EXPECT_TRUE(Cond("arn:aws:iam::111122223333:role/R", "arn:aws:iam::111122223333:role/R"));
  EXPECT_FALSE(Cond("ARN:aws:iam::111122223333:role/R", "arn:aws:iam::111122223333:role/R"));
  EXPECT_FALSE(Cond("arn:aws:IAM::111122223333:role/R", "arn:aws:iam::111122223333:role/R"));
  EXPECT_FALSE(Cond("arn:AWS:iam::*:role/R", "arn:aws:iam::111122223333:role/R"));
  EXPECT_FALSE(Cond("arn:aws:iam::*:role/r", "arn:aws:iam::111122223333:role/R"));
}

TEST(ConditionArnMatcher, GlobPerField) {
  EXPECT_TRUE(Cond("arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/path/R"));
  EXPECT_TRUE(Cond("arn:aws:sns:*:*:topic-?", "arn:aws:sns:us-east-1:1:topic-a"));
  EXPECT_FALSE(Cond("arn:aws:sns:*:*:topic-?", "arn:aws:sns:us-east-1:1:topic-ab"));
  EXPECT_FALSE(Cond("arn:aws:someservice:*:111122223333:finance/*",
                    "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"));
}

// §2.2 applied to Arn* values: "*" matches every ARN, but a request value
// with fewer than six fields never matches (§3.3).
TEST(ConditionArnMatcher, StarPattern) {
  EXPECT_TRUE(Cond("*", "arn:aws:s3:::b"));
  EXPECT_FALSE(Cond("*", "b"));
  EXPECT_FALSE(Cond("*", "arn:aws:s3"));
}

// Short condition patterns follow the same trailing-`*` rule.
TEST(ConditionArnMatcher, ShortPatterns) {
  EXPECT_TRUE(Cond("arn:aws:s3:*", "arn:aws:s3:::b/k"));
  EXPECT_FALSE(Cond("arn:aws:s3", "arn:aws:s3:::b/k"));
  EXPECT_FALSE(Cond("arn:aws:S3:*", "arn:aws:s3:::b/k"));
}

// §3.3: variables anywhere in an Arn* value, substituted before the split;
// the substituted text is literal.
TEST(ConditionArnMatcher, VariablesAnywhere) {
  const RequestContext acct = Ctx("aws:PrincipalAccount", "111122223333");
  EXPECT_TRUE(Cond("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::111122223333:role/R", acct));
  EXPECT_FALSE(Cond("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::444455556666:role/R", acct));
  EXPECT_FALSE(Cond("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::111122223333:role/R"));
  const RequestContext star = Ctx("aws:PrincipalAccount", "*");
  EXPECT_FALSE(Cond("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::111122223333:role/R", star));
  EXPECT_TRUE(Cond("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::*:role/R", star));
  // A variable in the partition, with a short pattern.
  const RequestContext part = Ctx("aws:x", "aws");
  EXPECT_TRUE(Cond("arn:${aws:x}:*", "arn:aws:ec2:us-east-1:1:instance/i", part));
  EXPECT_FALSE(Cond("arn:${aws:x}:*", "arn:aws-cn:ec2:us-east-1:1:instance/i", part));
  // ${*} in a condition value: a literal star in the resource part.
  EXPECT_TRUE(Cond("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*"));
  EXPECT_FALSE(Cond("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/x"));
}

// A substituted value containing colons is split into fields like the rest
// of the text (variables are substituted before the split).
TEST(ConditionArnMatcher, SubstitutedColonsSplitFields) {
  const RequestContext v = Ctx("aws:x", "us-east-1:111122223333");
  EXPECT_TRUE(Cond("arn:aws:ec2:${aws:x}:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i", v));
  EXPECT_FALSE(Cond("arn:aws:ec2:${aws:x}:instance/*", "arn:aws:ec2:us-east-1:444455556666:instance/i", v));
}

}  // namespace
}  // namespace gatehouse::policy
