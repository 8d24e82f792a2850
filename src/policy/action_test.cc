// policy/action_test.cc: Action/NotAction matching (docs/semantics.md §2.1:
// vendor and name compared ASCII-case-insensitively and globbed separately;
// "*" matches every action; NotAction applies to every action matched by none
// of its entries) and Resource/NotResource at statement level.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/ascii.h"
#include "policy/compiled.h"
#include "policy/evaluator.h"
#include "policy/parser.h"

namespace gatehouse::policy {
namespace {

CompiledPolicy CompileText(const std::string& text, PolicyType type = PolicyType::kIdentity) {
  Result<Policy> p = ParsePolicyText(text, type);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message) << "\n" << text;
  return p.ok() ? CompiledPolicy::Compile(*p, "P") : CompiledPolicy{};
}

// The ActionSet of {"Action": <actions_json>}.
ActionSet Actions(std::string_view actions_json) {
  const CompiledPolicy c = CompileText(R"({"Statement": {"Effect": "Allow", "Resource": "*", "Action": )" +
                                       std::string(actions_json) + "}}");
  return c.statements().empty() ? ActionSet{} : c.statements()[0].actions;
}

// ActionSet::Matches takes the request's lower-cased vendor and name.
bool M(const ActionSet& s, std::string_view action) {
  const std::string lower = ascii::Lower(action);
  const std::size_t colon = lower.find(':');
  return s.Matches(std::string_view(lower).substr(0, colon), std::string_view(lower).substr(colon + 1));
}

// §2.1: "*" matches every action.
TEST(ActionSetMatch, StarMatchesEverything) {
  const ActionSet s = Actions(R"("*")");
  EXPECT_TRUE(s.any);
  EXPECT_TRUE(M(s, "s3:GetObject"));
  EXPECT_TRUE(M(s, "iam:CreateRole"));
}

// §2.1: exact names, case-insensitive on both sides.
TEST(ActionSetMatch, ExactCaseInsensitive) {
  const ActionSet s = Actions(R"("S3:GETOBJECT")");
  EXPECT_FALSE(s.any);
  EXPECT_EQ(s.patterns.size(), 1u);
  EXPECT_TRUE(M(s, "s3:GetObject"));
  EXPECT_TRUE(M(s, "S3:getobject"));
  EXPECT_FALSE(M(s, "s3:GetObjectAcl"));
  EXPECT_FALSE(M(s, "s3:PutObject"));
  EXPECT_FALSE(M(s, "ec2:GetObject"));
}

// §2.1: `*` and `?` glob inside the name.
TEST(ActionSetMatch, NameWildcards) {
  const ActionSet get = Actions(R"("s3:Get*")");
  EXPECT_TRUE(M(get, "s3:GetObject"));
  EXPECT_TRUE(M(get, "s3:GetBucketAcl"));
  EXPECT_TRUE(M(get, "s3:Get"));
  EXPECT_FALSE(M(get, "s3:PutObject"));
  EXPECT_FALSE(M(get, "s3:ListGet"));
  const ActionSet keys = Actions(R"("iam:*AccessKey*")");
  EXPECT_TRUE(M(keys, "iam:ListAccessKeys"));
  EXPECT_TRUE(M(keys, "iam:CreateAccessKey"));
  EXPECT_FALSE(M(keys, "iam:ListUsers"));
  const ActionSet q = Actions(R"("ec2:Describe?nstances")");
  EXPECT_TRUE(M(q, "ec2:DescribeInstances"));
  EXPECT_FALSE(M(q, "ec2:DescribeXXnstances"));
  const ActionSet all_s3 = Actions(R"("s3:*")");
  EXPECT_TRUE(M(all_s3, "s3:AnythingAtAll"));
  EXPECT_FALSE(M(all_s3, "ec2:DescribeInstances"));
}

// §2.1: vendor and name are globbed separately: a vendor does not extend
// into another vendor, and a name wildcard does not reach into the vendor.
TEST(ActionSetMatch, VendorAndNameSeparately) {
  const ActionSet s3 = Actions(R"("s3:*")");
  EXPECT_FALSE(M(s3, "s3control:GetJob"));
  const ActionSet s3star = Actions(R"("s3*:*")");
  EXPECT_TRUE(M(s3star, "s3control:GetJob"));
  EXPECT_TRUE(M(s3star, "s3:GetObject"));
  const ActionSet any_vendor = Actions(R"("*:Describe*")");
  EXPECT_TRUE(M(any_vendor, "ec2:DescribeInstances"));
  EXPECT_TRUE(M(any_vendor, "ssm:DescribeSessions"));
  EXPECT_FALSE(M(any_vendor, "ssm:StartSession"));
  const ActionSet v = Actions(R"("s?:get*")");
  EXPECT_TRUE(M(v, "s3:GetObject"));
  EXPECT_FALSE(M(v, "sts:GetCallerIdentity"));
}

// Several entries are OR; an empty array matches nothing.
TEST(ActionSetMatch, ListsAndEmpty) {
  const ActionSet s = Actions(R"(["ssm:StartSession", "ssm:TerminateSession", "ec2:Describe*"])");
  EXPECT_TRUE(M(s, "ssm:StartSession"));
  EXPECT_TRUE(M(s, "ssm:terminatesession"));
  EXPECT_TRUE(M(s, "ec2:DescribeImages"));
  EXPECT_FALSE(M(s, "ssm:ResumeSession"));
  const ActionSet none = Actions("[]");
  EXPECT_FALSE(none.any);
  EXPECT_FALSE(M(none, "s3:GetObject"));
}

// --------------------------------------------------------- statement level

bool Applies(const CompiledPolicy& p, std::string_view action, std::string_view resource, std::size_t index = 0) {
  const std::string lower = ascii::Lower(action);
  const std::size_t colon = lower.find(':');
  RequestContext ctx;
  EvalInput in;
  in.vendor = std::string_view(lower).substr(0, colon);
  in.name = std::string_view(lower).substr(colon + 1);
  in.resource = ArnView::Of(resource);
  in.context = &ctx;
  EXPECT_LT(index, p.statements().size());
  if (index >= p.statements().size()) return false;
  return EvaluateStatement(p.statements()[index], in).applies;
}

// T55: NotAction applies to every action matched by none of its entries.
TEST(StatementMatch, NotActionT55) {
  const CompiledPolicy p = CompileText(R"({"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}})");
  EXPECT_TRUE(Applies(p, "ec2:DescribeInstances", "*"));
  EXPECT_FALSE(Applies(p, "iam:ListUsers", "*"));
  EXPECT_FALSE(Applies(p, "IAM:ListUsers", "*"));
  const CompiledPolicy many =
      CompileText(R"({"Statement": {"Effect": "Allow", "NotAction": ["iam:*", "s3:Delete*"], "Resource": "*"}})");
  EXPECT_TRUE(Applies(many, "s3:GetObject", "*"));
  EXPECT_FALSE(Applies(many, "s3:DeleteBucket", "*"));
  // NotAction with an empty list applies to every action.
  const CompiledPolicy empty = CompileText(R"({"Statement": {"Effect": "Allow", "NotAction": [], "Resource": "*"}})");
  EXPECT_TRUE(Applies(empty, "s3:GetObject", "*"));
}

// [§2.3]: NotAction is still scoped by Resource: Allow NotAction
// s3:DeleteBucket on arn:aws:s3:::* does not cover wildcard-only actions.
TEST(StatementMatch, NotActionScopedByResource) {
  const CompiledPolicy p = CompileText(
      R"({"Statement": {"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::*"}})");
  EXPECT_TRUE(Applies(p, "s3:GetObject", "arn:aws:s3:::b/k"));
  EXPECT_FALSE(Applies(p, "s3:ListAllMyBuckets", "*"));
  EXPECT_FALSE(Applies(p, "ec2:DescribeInstances", "arn:aws:ec2:us-east-1:1:instance/i"));
}

// T56: NotResource applies to every resource matched by none of its entries,
// still limited to the statement's actions.
TEST(StatementMatch, NotResourceT56) {
  const CompiledPolicy p = CompileText(
      R"({"Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::hr/*", "arn:aws:s3:::hr"]}})");
  EXPECT_TRUE(Applies(p, "s3:GetObject", "arn:aws:s3:::other/x"));
  EXPECT_FALSE(Applies(p, "s3:GetObject", "arn:aws:s3:::hr/x"));
  EXPECT_FALSE(Applies(p, "s3:ListBucket", "arn:aws:s3:::hr"));
  EXPECT_FALSE(Applies(p, "ec2:DescribeInstances", "*"));
  EXPECT_TRUE(Applies(p, "s3:ListAllMyBuckets", "*"));
}

// §1.3: an empty Resource array matches nothing; an empty NotResource
// array matches everything.
TEST(StatementMatch, EmptyResourceLists) {
  const CompiledPolicy p = CompileText(R"({"Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": []},
    {"Effect": "Allow", "Action": "*", "NotResource": []}]})");
  EXPECT_FALSE(Applies(p, "s3:GetObject", "arn:aws:s3:::b/k", 0));
  EXPECT_TRUE(Applies(p, "s3:GetObject", "arn:aws:s3:::b/k", 1));
}

// §2.2: several Resource entries are OR.
TEST(StatementMatch, ResourceListIsOr) {
  const CompiledPolicy p = CompileText(R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
    "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]}})");
  EXPECT_TRUE(Applies(p, "s3:GetObject", "arn:aws:s3:::a/1"));
  EXPECT_TRUE(Applies(p, "s3:GetObject", "arn:aws:s3:::b/1"));
  EXPECT_FALSE(Applies(p, "s3:GetObject", "arn:aws:s3:::c/1"));
}

// T18 / T19 at statement level: the Version decides whether ${...} is a
// variable.
TEST(StatementMatch, VariableResourceDependsOnVersion) {
  const std::string body = R"("Statement": {"Effect": "Allow", "Action": "iam:*AccessKey*",
    "Resource": "arn:aws:iam::111122223333:user/${aws:username}"}})";
  const CompiledPolicy v2012 = CompileText(R"({"Version": "2012-10-17", )" + body);
  const CompiledPolicy v2008 = CompileText(R"({"Version": "2008-10-17", )" + body);
  RequestContext ctx;
  ctx.Set("aws:username", "alice");
  EvalInput in;
  in.vendor = "iam";
  in.name = "listaccesskeys";
  in.resource = ArnView::Of("arn:aws:iam::111122223333:user/alice");
  in.context = &ctx;
  EXPECT_TRUE(EvaluateStatement(v2012.statements()[0], in).applies);
  EXPECT_FALSE(EvaluateStatement(v2008.statements()[0], in).applies);
  RequestContext none;
  in.context = &none;
  EXPECT_FALSE(EvaluateStatement(v2012.statements()[0], in).applies);  // T18: role session, no aws:username
}

// §2.2 / [§4]: an unresolvable variable makes its entry match nothing, so a
// NotResource entry with one excludes nothing.
TEST(StatementMatch, UnresolvableNotResourceEntry) {
  const CompiledPolicy p = CompileText(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*",
    "NotResource": "arn:aws:s3:::home/${aws:username}/*"}})");
  EXPECT_TRUE(Applies(p, "s3:GetObject", "arn:aws:s3:::home/alice/x"));
}

// T44: a wildcard-only action (request resource "*") needs Resource "*".
TEST(StatementMatch, WildcardOnlyActionT44) {
  const CompiledPolicy p = CompileText(R"({"Statement": [
    {"Effect": "Allow", "Action": "ssm:DescribeSessions", "Resource": "arn:aws:ssm:*:*:*"},
    {"Effect": "Allow", "Action": "ssm:DescribeSessions", "Resource": "*"}]})");
  EXPECT_FALSE(Applies(p, "ssm:DescribeSessions", "*", 0));
  EXPECT_TRUE(Applies(p, "ssm:DescribeSessions", "*", 1));
}

// Compiled statements keep index and sid (used in `matched`).
TEST(StatementMatch, CompiledIndexesAndSids) {
  const CompiledPolicy p = CompileText(R"({"Statement": [
    {"Sid": "First", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "Resource": "*"}]})");
  ASSERT_EQ(p.statements().size(), 2u);
  EXPECT_EQ(p.statements()[0].index, 0u);
  EXPECT_EQ(p.statements()[0].sid, "First");
  EXPECT_EQ(p.statements()[1].index, 1u);
  EXPECT_EQ(p.statements()[1].sid, "");
  EXPECT_EQ(p.statements()[1].effect, Effect::kDeny);
  EXPECT_EQ(p.name(), "P");
  EXPECT_EQ(p.type(), PolicyType::kIdentity);
}

}  // namespace
}  // namespace gatehouse::policy
