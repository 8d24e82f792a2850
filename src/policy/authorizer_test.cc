// policy/authorizer_test.cc: the decision across policy types
// (docs/semantics.md §4, fact sheet §6 and the §6.3 table), the `matched`
// explanation and its order, deniedBy, and AWS's AccessDenied wording
// (policy/explain.h, fact sheet §7.6).
#include "policy/authorizer.h"

#include <deque>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "policy/explain.h"
#include "policy/parser.h"

namespace gatehouse::policy {
namespace {

constexpr const char* kA = "111111111111";  // the principal's account
constexpr const char* kB = "222222222222";  // another account

const std::string kAlice = std::string("arn:aws:iam::") + kA + ":user/alice";
const std::string kBob = std::string("arn:aws:iam::") + kA + ":user/Bob";
const std::string kRoot = std::string("arn:aws:iam::") + kA + ":root";
const std::string kSessionArn = std::string("arn:aws:sts::") + kA + ":assumed-role/R/s";
const std::string kRoleArn = std::string("arn:aws:iam::") + kA + ":role/R";
const std::string kFedArn = std::string("arn:aws:sts::") + kA + ":federated-user/fed";
const std::string kObject = "arn:aws:s3:::bucket/key";

RequestPrincipal P(const std::string& arn, const std::string& principal_arn = "", const std::string& user_id = "") {
  Result<RequestPrincipal> p = ParseRequestPrincipal(arn);
  EXPECT_TRUE(p.ok()) << arn;
  RequestPrincipal out = p.ok() ? *p : RequestPrincipal{};
  out.principal_arn = principal_arn.empty() ? (out.kind == PrincipalKind::kAssumedRole ? kRoleArn : arn) : principal_arn;
  out.user_id = user_id;
  return out;
}

std::string Allow(std::string_view action, std::string_view resource) {
  return R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ")" + std::string(action) +
         R"(", "Resource": ")" + std::string(resource) + R"("}})";
}
std::string DenyAll() { return R"({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})"; }
// A resource-based statement naming `principal_json`.
std::string Grant(std::string_view principal_json, std::string_view effect = "Allow",
                  std::string_view action = "*", std::string_view resource = "*") {
  return R"({"Statement": {"Effect": ")" + std::string(effect) + R"(", "Principal": )" + std::string(principal_json) +
         R"(, "Action": ")" + std::string(action) + R"(", "Resource": ")" + std::string(resource) + R"("}})";
}
std::string Aws(std::string_view v) { return R"({"AWS": ")" + std::string(v) + R"("})"; }
const char* kFullAccess = R"({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})";
const char* kRcpFull = R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}})";

class AuthorizerTest : public ::testing::Test {
 protected:
  const CompiledPolicy* Add(PolicyType type, const std::string& text, const std::string& name) {
    Result<Policy> p = ParsePolicyText(text, type);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message) << "\n" << text;
    store_.push_back(p.ok() ? CompiledPolicy::Compile(*p, name) : CompiledPolicy{});
    return &store_.back();
  }
  void Identity(const std::string& text, const std::string& name = "Id") {
    set_.identity.push_back(Add(PolicyType::kIdentity, text, name));
  }
  void Boundary(const std::string& text) { set_.boundary = Add(PolicyType::kBoundary, text, "Boundary"); }
  void Session(const std::string& text) {
    set_.session.push_back(Add(PolicyType::kSession, text, "Session"));
    set_.has_session_policies = true;
  }
  void Resource(const std::string& text, PolicyType type = PolicyType::kResource) {
    set_.resource = Add(type, text, type == PolicyType::kTrust ? "Trust" : "Resource");
  }
  void ScpLevels(const std::vector<std::vector<std::string>>& levels) {
    set_.scp_governed = true;
    for (std::size_t l = 0; l < levels.size(); ++l) {
      set_.scp.emplace_back();
      for (std::size_t i = 0; i < levels[l].size(); ++i)
        set_.scp.back().push_back(
            Add(PolicyType::kScp, levels[l][i], "SCP" + std::to_string(l) + "." + std::to_string(i)));
    }
  }
  void RcpLevels(const std::vector<std::vector<std::string>>& levels) {
    set_.rcp_governed = true;
    for (std::size_t l = 0; l < levels.size(); ++l) {
      set_.rcp.emplace_back();
      for (std::size_t i = 0; i < levels[l].size(); ++i)
        set_.rcp.back().push_back(
            Add(PolicyType::kRcp, levels[l][i], "RCP" + std::to_string(l) + "." + std::to_string(i)));
    }
  }

  Decision Run(const RequestPrincipal& principal, std::string_view action, std::string_view resource,
               std::string_view resource_account = "") {
    request_ = Request{};
    request_.principal = principal;
    request_.action = std::string(action);
    request_.resource = std::string(resource);
    request_.resource_account = std::string(resource_account);
    for (const auto& [k, v] : context_) request_.context.Set(k, v);
    return Authorize(set_, request_);
  }

  // "slot/policy/index" for each matched statement, in order.
  static std::vector<std::string> Matched(const Decision& d) {
    std::vector<std::string> out;
    for (const MatchedStatement& m : d.matched)
      out.push_back(std::string(SlotName(m.slot)) + "/" + m.policy->name() + "/" + std::to_string(m.statement->index));
    return out;
  }
  std::string Message(const Decision& d) const { return AccessDeniedMessage(d, request_); }

  std::deque<CompiledPolicy> store_;
  PolicySet set_;
  Request request_;
  std::vector<std::pair<std::string, std::string>> context_;
};

using V = std::vector<std::string>;

// ========================================================= 1. explicit deny

// §4.1: any applicable Deny wins, even over a "*" resource grant; `matched`
// lists only the Deny statements.
TEST_F(AuthorizerTest, ExplicitDenyInIdentityWins) {
  Identity(R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                             {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]})");
  Resource(Grant("\"*\""));
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kIdentityPolicy);
  EXPECT_EQ(Matched(d), V({"identity/Id/1"}));
  EXPECT_EQ(Message(d), "User: " + kAlice + " is not authorized to perform: s3:GetObject on resource: " + kObject +
                            " with an explicit deny in an identity-based policy");
}

// A Deny whose condition does not hold does not apply.
TEST_F(AuthorizerTest, DenyWithUnmetConditionDoesNotApply) {
  Identity(R"({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]})");
  EXPECT_EQ(Run(P(kAlice), "s3:GetObject", kObject).outcome, Outcome::kAllow);  // T16: key absent
  context_.push_back({"aws:MultiFactorAuthPresent", "false"});
  EXPECT_EQ(Run(P(kAlice), "s3:GetObject", kObject).outcome, Outcome::kExplicitDeny);
}

TEST_F(AuthorizerTest, ExplicitDenyInBoundary) {
  Identity(kFullAccess);
  Boundary(DenyAll());
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kPermissionsBoundary);
  EXPECT_EQ(Matched(d), V({"boundary/Boundary/0"}));
  EXPECT_NE(Message(d).find("with an explicit deny in a permissions boundary"), std::string::npos) << Message(d);
}

TEST_F(AuthorizerTest, ExplicitDenyInSessionPolicy) {
  Identity(kFullAccess);
  Session(DenyAll());
  const Decision d = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kSessionPolicy);
  EXPECT_EQ(Matched(d), V({"session/Session/0"}));
  EXPECT_EQ(Message(d), "User: " + kSessionArn + " is not authorized to perform: s3:GetObject on resource: " + kObject +
                            " with an explicit deny in a session policy");
}

TEST_F(AuthorizerTest, ExplicitDenyInResourcePolicy) {
  Identity(kFullAccess);
  Resource(Grant("\"*\"", "Deny", "s3:*"));
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kResourcePolicy);
  EXPECT_EQ(Matched(d), V({"resource/Resource/0"}));
  EXPECT_NE(Message(d).find("with an explicit deny in a resource-based policy"), std::string::npos);
}

TEST_F(AuthorizerTest, ExplicitDenyInTrustPolicy) {
  Identity(kFullAccess);
  Resource(R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS": ")" + kAlice + R"("}, "Action": "sts:AssumeRole"},
                             {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}]})",
           PolicyType::kTrust);
  const Decision d = Run(P(kAlice), "sts:AssumeRole", kRoleArn);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kTrustPolicy);
  EXPECT_EQ(Matched(d), V({"resource/Trust/1"}));
  EXPECT_NE(Message(d).find("with an explicit deny in the role trust policy"), std::string::npos) << Message(d);
}

TEST_F(AuthorizerTest, ExplicitDenyInScpAndRcp) {
  Identity(kFullAccess);
  ScpLevels({{kFullAccess, DenyAll()}});
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kScp);
  EXPECT_EQ(Matched(d), V({"scp/SCP0.1/0"}));
  EXPECT_NE(Message(d).find("with an explicit deny in a service control policy"), std::string::npos);

  set_ = PolicySet{};
  Identity(kFullAccess);
  RcpLevels({{kRcpFull, R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}})"}});
  const Decision r = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(r.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(r.denied_by, DeniedBy::kRcp);
  EXPECT_EQ(Matched(r), V({"rcp/RCP0.1/0"}));
  EXPECT_NE(Message(r).find("with an explicit deny in a resource control policy"), std::string::npos);
}

// §4.1: the message names the first type in the order identity, boundary,
// session, resource, SCP, RCP; `matched` lists every Deny in that order,
// within a policy by statement index.
TEST_F(AuthorizerTest, DenyOrderAndFirstType) {
  Identity(kFullAccess);
  RcpLevels({{R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}})"}});
  ScpLevels({{R"({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"},
                                {"Effect": "Allow", "Action": "*", "Resource": "*"},
                                {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]})"},
             {DenyAll()}});
  Resource(Grant("\"*\"", "Deny"));
  Session(DenyAll());
  Boundary(DenyAll());
  const Decision d = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kPermissionsBoundary);
  EXPECT_EQ(Matched(d), V({"boundary/Boundary/0", "session/Session/0", "resource/Resource/0", "scp/SCP0.0/0",
                           "scp/SCP0.0/2", "scp/SCP1.0/0", "rcp/RCP0.0/0"}));
  ASSERT_EQ(d.matched.size(), 7u);
  EXPECT_EQ(d.matched[5].level, 1u);
  EXPECT_EQ(d.matched[3].level, 0u);
}

// T65: the root user is stopped by an explicit deny in a resource policy.
TEST_F(AuthorizerTest, ExplicitDenyStopsRootT65) {
  EXPECT_EQ(Run(P(kRoot), "s3:GetObject", kObject).outcome, Outcome::kAllow);
  Resource(Grant("\"*\"", "Deny", "s3:GetObject"));
  const Decision d = Run(P(kRoot), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kResourcePolicy);
}

// §4.1: SCPs apply only to principals of an account; RCPs to every request.
TEST_F(AuthorizerTest, ScpDoesNotApplyToAnonymousRcpDoes) {
  Resource(Grant("\"*\"", "Allow", "s3:GetObject"));
  ScpLevels({{DenyAll()}});
  EXPECT_EQ(Run(P("anonymous"), "s3:GetObject", kObject).outcome, Outcome::kAllow);
  EXPECT_EQ(Run(P("ec2.amazonaws.com"), "s3:GetObject", kObject).outcome, Outcome::kAllow);
  RcpLevels({{R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}})"}});
  const Decision d = Run(P("anonymous"), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kRcp);
}

// ==================================================================== 2. SCP

// §4.2 / T31: every level must allow; otherwise ImplicitDeny reported as an
// explicit deny in a service control policy, with nothing matched.
TEST_F(AuthorizerTest, ScpLevelWithoutAllowT31) {
  Identity(Allow("ec2:*", "*"));
  ScpLevels({{kFullAccess}, {Allow("s3:*", "*")}});
  const Decision d = Run(P(kAlice), "ec2:DescribeInstances", "*");
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kScp);
  EXPECT_TRUE(d.matched.empty());
  EXPECT_EQ(Message(d), "User: " + kAlice +
                            " is not authorized to perform: ec2:DescribeInstances with an explicit deny in a service "
                            "control policy");
}

TEST_F(AuthorizerTest, ScpEveryLevelAllows) {
  Identity(Allow("s3:*", "*"));
  ScpLevels({{kFullAccess}, {Allow("ec2:*", "*"), Allow("s3:Get*", "*")}, {Allow("s3:GetObject", "*")}});
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(d), V({"identity/Id/0", "scp/SCP0.0/0", "scp/SCP1.1/0", "scp/SCP2.0/0"}));
  // An SCP allow is not a grant: without an identity allow, still denied.
  set_.identity.clear();
  const Decision n = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(n.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(n.denied_by, DeniedBy::kIdentityPolicy);
}

// SCPs restrict the root user of a member account too [§6.7].
TEST_F(AuthorizerTest, ScpRestrictsRoot) {
  ScpLevels({{Allow("ec2:*", "*")}});
  const Decision d = Run(P(kRoot), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kScp);
  EXPECT_EQ(Run(P(kRoot), "ec2:RunInstances", "*").outcome, Outcome::kAllow);
}

// ==================================================================== 3. RCP

// §4.3: every RCP level must allow; otherwise "explicit deny in a resource
// control policy".
TEST_F(AuthorizerTest, RcpLevelWithoutAllow) {
  Identity(kFullAccess);
  RcpLevels({{kRcpFull}, {R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "ec2:*", "Resource": "*"}})"}});
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kRcp);
  EXPECT_TRUE(d.matched.empty());
  EXPECT_NE(Message(d).find("with an explicit deny in a resource control policy"), std::string::npos) << Message(d);
}

TEST_F(AuthorizerTest, RcpFullAccessEveryLevel) {
  Identity(kFullAccess);
  RcpLevels({{kRcpFull}, {kRcpFull}});
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(d), V({"identity/Id/0", "rcp/RCP0.0/0", "rcp/RCP1.0/0"}));
}

// The SCP stage comes before the RCP stage.
TEST_F(AuthorizerTest, ScpStageBeforeRcpStage) {
  Identity(kFullAccess);
  ScpLevels({{Allow("ec2:*", "*")}});
  RcpLevels({{R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "ec2:*", "Resource": "*"}})"}});
  EXPECT_EQ(Run(P(kAlice), "s3:GetObject", kObject).denied_by, DeniedBy::kScp);
}

// ================================================= 4. anonymous and services

// §4.4 / T66: anonymous callers are allowed only by a resource-policy grant
// that names them ("*" included); an account grant does not.
TEST_F(AuthorizerTest, AnonymousT66) {
  Identity(kFullAccess);  // irrelevant to anonymous callers
  const Decision none = Run(P("anonymous"), "s3:GetObject", kObject);
  EXPECT_EQ(none.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(none.denied_by, DeniedBy::kResourcePolicy);
  EXPECT_EQ(Message(none), "User: anonymous is not authorized to perform: s3:GetObject on resource: " + kObject +
                               " because no resource-based policy allows the s3:GetObject action");
  Resource(Grant(Aws(kA), "Allow", "s3:GetObject"));
  EXPECT_EQ(Run(P("anonymous"), "s3:GetObject", kObject).outcome, Outcome::kImplicitDeny);
  Resource(Grant("\"*\"", "Allow", "s3:GetObject"));
  const Decision d = Run(P("anonymous"), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(d.grant, GrantKind::kAll);
  EXPECT_EQ(Matched(d), V({"identity/Id/0", "resource/Resource/0"}));
}

TEST_F(AuthorizerTest, ServicePrincipalNeedsNamedGrant) {
  Resource(Grant(R"({"Service": "cloudtrail.amazonaws.com"})", "Allow", "s3:PutObject"));
  EXPECT_EQ(Run(P("cloudtrail.amazonaws.com"), "s3:PutObject", kObject).outcome, Outcome::kAllow);
  EXPECT_EQ(Run(P("config.amazonaws.com"), "s3:PutObject", kObject).outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(Run(P("cloudtrail.amazonaws.com"), "s3:GetObject", kObject).outcome, Outcome::kImplicitDeny);
}

// §2.4: CanonicalUser values match nothing (S3 canonical ids are not
// modelled).
TEST_F(AuthorizerTest, CanonicalUserMatchesNothing) {
  Resource(Grant(R"({"CanonicalUser": "79a59df900b949e55d96a1e698fbaced"})", "Allow", "s3:GetObject"));
  EXPECT_EQ(Run(P("anonymous"), "s3:GetObject", kObject).outcome, Outcome::kImplicitDeny);
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.grant, GrantKind::kNone);
}

// An identity provider named under Federated in a trust policy.
TEST_F(AuthorizerTest, FederatedIdentityProviderInTrust) {
  Resource(R"({"Statement": {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
    "Action": "sts:AssumeRoleWithWebIdentity"}})",
           PolicyType::kTrust);
  EXPECT_EQ(Run(P("accounts.google.com"), "sts:AssumeRoleWithWebIdentity", kRoleArn).outcome, Outcome::kAllow);
  const Decision d = Run(P("www.amazon.com"), "sts:AssumeRoleWithWebIdentity", kRoleArn);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kTrustPolicy);
}

// ======================================================================= 5. root

// §4.5 / T65: the root user of the resource's account is allowed with no
// policies at all; nothing is matched.
TEST_F(AuthorizerTest, RootSameAccount) {
  const Decision d = Run(P(kRoot), "iam:CreateUser", "arn:aws:iam::111111111111:user/x");
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_TRUE(d.matched.empty());
}

// §4.9: cross account, root needs the resource side; its own side is
// implicit.
TEST_F(AuthorizerTest, RootCrossAccount) {
  const Decision none = Run(P(kRoot), "s3:GetObject", kObject, kB);
  EXPECT_EQ(none.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(none.denied_by, DeniedBy::kResourcePolicy);
  Resource(Grant(Aws(kA)));
  EXPECT_EQ(Run(P(kRoot), "s3:GetObject", kObject, kB).outcome, Outcome::kAllow);
}

// ================================================================= 6. grant kind

// §4.6: the grant is the strongest kind among applicable Allow statements:
// direct > all > role > account > none.
TEST_F(AuthorizerTest, GrantStrength) {
  Resource(R"({"Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ")" + std::string(kA) + R"("}, "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Principal": {"AWS": ")" + kRoleArn + R"("}, "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Allow", "Principal": {"AWS": ")" + kAlice + R"("}, "Action": "s3:GetObject", "Resource": "*"}]})");
  EXPECT_EQ(Run(P(kAlice), "s3:GetObject", kObject).grant, GrantKind::kDirect);
  EXPECT_EQ(Run(P(kAlice), "s3:PutObject", kObject).grant, GrantKind::kAll);
  EXPECT_EQ(Run(P(kSessionArn), "ec2:RunInstances", "*").grant, GrantKind::kRole);
  EXPECT_EQ(Run(P(kAlice), "ec2:RunInstances", "*").grant, GrantKind::kAccount);
  EXPECT_EQ(Run(P("arn:aws:iam::" + std::string(kB) + ":user/x"), "ec2:RunInstances", "*").grant, GrantKind::kNone);
}

// ================================================================== 7. trust

// T33: a trust policy naming the account needs an identity allow too.
TEST_F(AuthorizerTest, TrustNamingAccountNeedsIdentityT33) {
  Resource(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": ")" + std::string(kA) + R"("}, "Action": "sts:AssumeRole"}})",
           PolicyType::kTrust);
  const Decision d = Run(P(kAlice), "sts:AssumeRole", kRoleArn);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kIdentityPolicy);
  EXPECT_EQ(Message(d), "User: " + kAlice + " is not authorized to perform: sts:AssumeRole on resource: " + kRoleArn +
                            " because no identity-based policy allows the sts:AssumeRole action");
  Identity(Allow("sts:AssumeRole", kRoleArn));
  const Decision ok = Run(P(kAlice), "sts:AssumeRole", kRoleArn);
  EXPECT_EQ(ok.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(ok), V({"identity/Id/0", "resource/Trust/0"}));
}

// T34: a trust policy naming the user suffices in the same account.
TEST_F(AuthorizerTest, TrustNamingUserT34) {
  Resource(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": ")" + kAlice + R"("}, "Action": "sts:AssumeRole"}})",
           PolicyType::kTrust);
  const Decision d = Run(P(kAlice), "sts:AssumeRole", kRoleArn);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(d), V({"resource/Trust/0"}));
}

// §4.7: trust policies must grant: an identity allow alone is not enough.
TEST_F(AuthorizerTest, TrustMustNameTheCaller) {
  Identity(kFullAccess);
  Resource(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": ")" + kBob + R"("}, "Action": "sts:AssumeRole"}})",
           PolicyType::kTrust);
  const Decision d = Run(P(kAlice), "sts:AssumeRole", kRoleArn);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kTrustPolicy);
  EXPECT_TRUE(d.matched.empty());
  EXPECT_EQ(Message(d), "User: " + kAlice + " is not authorized to perform: sts:AssumeRole on resource: " + kRoleArn +
                            " because no role trust policy allows the sts:AssumeRole action");
  // The root user is no exception.
  EXPECT_EQ(Run(P(kRoot), "sts:AssumeRole", kRoleArn).denied_by, DeniedBy::kTrustPolicy);
}

// Every role has a trust policy: a case without one grants AssumeRole to
// nobody; non-STS actions on a role need no trust grant.
TEST_F(AuthorizerTest, RoleWithoutTrustPolicy) {
  Identity(kFullAccess);
  const Decision d = Run(P(kAlice), "sts:AssumeRole", kRoleArn);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kTrustPolicy);
  EXPECT_EQ(Run(P(kAlice), "iam:GetRole", kRoleArn).outcome, Outcome::kAllow);
}

// T35: cross-account trust with an ExternalId condition (key absent /
// matching / wrong case).
TEST_F(AuthorizerTest, CrossAccountTrustWithExternalIdT35) {
  const std::string role_b = "arn:aws:iam::" + std::string(kB) + ":role/R";
  Identity(Allow("sts:AssumeRole", role_b));
  Resource(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": ")" + std::string(kA) +
               R"("}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "X1"}}}})",
           PolicyType::kTrust);
  const Decision none = Run(P(kAlice), "sts:AssumeRole", role_b, kB);
  EXPECT_EQ(none.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(none.denied_by, DeniedBy::kTrustPolicy);
  context_.push_back({"sts:ExternalId", "X1"});
  EXPECT_EQ(Run(P(kAlice), "sts:AssumeRole", role_b, kB).outcome, Outcome::kAllow);
  context_.back().second = "x1";
  EXPECT_EQ(Run(P(kAlice), "sts:AssumeRole", role_b, kB).outcome, Outcome::kImplicitDeny);
}

// §4.7: KMS key policies must name the caller, like trust policies.
TEST_F(AuthorizerTest, KmsKeyPolicyMustGrant) {
  const std::string key = "arn:aws:kms:us-east-1:" + std::string(kA) + ":key/1234abcd";
  Identity(Allow("kms:Decrypt", "*"));
  const Decision d = Run(P(kAlice), "kms:Decrypt", key);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kResourcePolicy);
  Resource(Grant(Aws(kA), "Allow", "kms:*"));
  EXPECT_EQ(Run(P(kAlice), "kms:Decrypt", key).outcome, Outcome::kAllow);
  set_.identity.clear();
  EXPECT_EQ(Run(P(kAlice), "kms:Decrypt", key).denied_by, DeniedBy::kIdentityPolicy);  // account grant: delegation
}

// ========================================================== 8. same account

// T25: a same-account resource policy naming the user suffices.
TEST_F(AuthorizerTest, DirectUserGrantT25) {
  Resource(Grant(Aws(kAlice), "Allow", "s3:GetObject"));
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(d.grant, GrantKind::kDirect);
  EXPECT_EQ(Matched(d), V({"resource/Resource/0"}));
  // User names are case-sensitive [§1.3].
  EXPECT_EQ(Run(P(std::string("arn:aws:iam::") + kA + ":user/Alice"), "s3:GetObject", kObject).outcome,
            Outcome::kImplicitDeny);
}

// T26: an account grant delegates to the account: an identity allow is
// needed.
TEST_F(AuthorizerTest, AccountGrantNeedsIdentityT26) {
  for (const std::string& who : {std::string(kA), kRoot}) {
    set_ = PolicySet{};
    Resource(Grant(Aws(who), "Allow", "s3:GetObject"));
    const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
    EXPECT_EQ(d.outcome, Outcome::kImplicitDeny) << who;
    EXPECT_EQ(d.denied_by, DeniedBy::kIdentityPolicy) << who;
    EXPECT_EQ(d.grant, GrantKind::kAccount) << who;
    Identity(Allow("s3:GetObject", "*"));
    const Decision ok = Run(P(kAlice), "s3:GetObject", kObject);
    EXPECT_EQ(ok.outcome, Outcome::kAllow) << who;
    EXPECT_EQ(Matched(ok), V({"identity/Id/0", "resource/Resource/0"})) << who;
  }
}

// T28 / §6.3: a role-ARN grant satisfies the identity side but is limited by
// the boundary.
TEST_F(AuthorizerTest, RoleGrantLimitedByBoundaryT28) {
  Resource(Grant(Aws(kRoleArn), "Allow", "s3:GetObject"));
  const Decision no_boundary = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(no_boundary.outcome, Outcome::kAllow);
  EXPECT_EQ(no_boundary.grant, GrantKind::kRole);
  Boundary(Allow("ec2:*", "*"));
  const Decision d = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kPermissionsBoundary);
  EXPECT_EQ(Message(d), "User: " + kSessionArn + " is not authorized to perform: s3:GetObject on resource: " + kObject +
                            " because no permissions boundary allows the s3:GetObject action");
}

// T28 / §6.3: ... and by session policies.
TEST_F(AuthorizerTest, RoleGrantLimitedBySessionPolicy) {
  Resource(Grant(Aws(kRoleArn), "Allow", "s3:GetObject"));
  Session(Allow("ec2:*", "*"));
  const Decision d = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kSessionPolicy);
  EXPECT_NE(Message(d).find("because no session policy allows the s3:GetObject action"), std::string::npos);
}

// T29 / §6.3: a session-ARN or "*" grant is not limited by the boundary or
// session policies.
TEST_F(AuthorizerTest, SessionAndStarGrantsIgnoreImplicitDeniesT29) {
  Boundary(Allow("ec2:*", "*"));
  Session(Allow("ec2:*", "*"));
  for (const std::string& principal : {Aws(kSessionArn), std::string("\"*\"")}) {
    Resource(Grant(principal, "Allow", "s3:GetObject"));
    const Decision d = Run(P(kSessionArn), "s3:GetObject", kObject);
    EXPECT_EQ(d.outcome, Outcome::kAllow) << principal;
    EXPECT_EQ(Matched(d), V({"resource/Resource/0"})) << principal;
  }
}

// T48: a role-ARN principal matches the session through aws:PrincipalArn,
// so the role path counts.
TEST_F(AuthorizerTest, RoleArnWithPathT48) {
  Resource(Grant(Aws(std::string("arn:aws:iam::") + kA + ":role/path/R"), "Allow", "s3:GetObject"));
  EXPECT_EQ(Run(P(kSessionArn, std::string("arn:aws:iam::") + kA + ":role/path/R"), "s3:GetObject", kObject).outcome,
            Outcome::kAllow);
  EXPECT_EQ(Run(P(kSessionArn, kRoleArn), "s3:GetObject", kObject).outcome, Outcome::kImplicitDeny);
}

// §2.4: unique ids: AIDA… is the user (direct), AROA… the role's sessions
// (role).
TEST_F(AuthorizerTest, UniqueIdPrincipals) {
  Resource(Grant(Aws("AIDACKCEVSQ6C2EXAMPLE"), "Allow", "s3:GetObject"));
  EXPECT_EQ(Run(P(kAlice, "", "AIDACKCEVSQ6C2EXAMPLE"), "s3:GetObject", kObject).grant, GrantKind::kDirect);
  EXPECT_EQ(Run(P(kAlice, "", "AIDAOTHEROTHEREXAMPLE"), "s3:GetObject", kObject).outcome, Outcome::kImplicitDeny);
  Resource(Grant(Aws("AROADBQP57FF2AEXAMPLE"), "Allow", "s3:GetObject"));
  const Decision d = Run(P(kSessionArn, "", "AROADBQP57FF2AEXAMPLE:s"), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(d.grant, GrantKind::kRole);
  EXPECT_EQ(Run(P(kSessionArn, "", "AROADBQP57FF2AEXAMPLEX:s"), "s3:GetObject", kObject).outcome,
            Outcome::kImplicitDeny);
}

// §4.8: identity allow, then boundary, then session policies.
TEST_F(AuthorizerTest, IdentityBoundarySessionChain) {
  const Decision none = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(none.denied_by, DeniedBy::kIdentityPolicy);
  EXPECT_EQ(Message(none), "User: " + kSessionArn + " is not authorized to perform: s3:GetObject on resource: " +
                               kObject + " because no identity-based policy allows the s3:GetObject action");
  Identity(Allow("s3:*", "*"));
  Boundary(Allow("ec2:*", "*"));
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject).denied_by, DeniedBy::kPermissionsBoundary);
  Boundary(Allow("s3:Get*", "*"));
  Session(Allow("ec2:*", "*"));
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject).denied_by, DeniedBy::kSessionPolicy);
  Session(Allow("s3:GetObject", kObject));  // a second session policy
  const Decision ok = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(ok.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(ok), V({"identity/Id/0", "boundary/Boundary/0", "session/Session/0"}));
}

// §4.8: session policies passed but none given here still must allow.
TEST_F(AuthorizerTest, SessionPoliciesFlagWithoutPolicies) {
  Identity(kFullAccess);
  set_.has_session_policies = true;
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject).denied_by, DeniedBy::kSessionPolicy);
}

// T30: a federated-user session with no session policy has no permissions.
TEST_F(AuthorizerTest, FederatedUserWithoutSessionPolicyT30) {
  Identity(Allow("s3:GetObject", "*"));
  const Decision d = Run(P(kFedArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(d.denied_by, DeniedBy::kSessionPolicy);
  Session(Allow("s3:*", "*"));
  EXPECT_EQ(Run(P(kFedArn), "s3:GetObject", kObject).outcome, Outcome::kAllow);
}

// §6.3: a grant naming the federated-user session itself ignores implicit
// denies.
TEST_F(AuthorizerTest, FederatedUserDirectGrant) {
  Resource(Grant(Aws(kFedArn), "Allow", "s3:GetObject"));
  const Decision d = Run(P(kFedArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(d.grant, GrantKind::kDirect);
}

// A role session without session policies needs none.
TEST_F(AuthorizerTest, RoleSessionWithoutSessionPolicy) {
  Identity(Allow("s3:GetObject", "*"));
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject).outcome, Outcome::kAllow);
}

// ========================================================= 9. cross account

// T27: cross account needs both sides, even for a direct grant.
TEST_F(AuthorizerTest, CrossAccountNeedsBothSidesT27) {
  const std::string obj_b = "arn:aws:s3:::bucket-b/key";
  Resource(Grant(Aws(kAlice), "Allow", "s3:GetObject"));
  const Decision no_id = Run(P(kAlice), "s3:GetObject", obj_b, kB);
  EXPECT_EQ(no_id.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(no_id.denied_by, DeniedBy::kIdentityPolicy);
  Identity(Allow("s3:GetObject", "arn:aws:s3:::bucket-b/*"));
  const Decision ok = Run(P(kAlice), "s3:GetObject", obj_b, kB);
  EXPECT_EQ(ok.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(ok), V({"identity/Id/0", "resource/Resource/0"}));
  set_.resource = nullptr;
  const Decision no_rp = Run(P(kAlice), "s3:GetObject", obj_b, kB);
  EXPECT_EQ(no_rp.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(no_rp.denied_by, DeniedBy::kResourcePolicy);
  EXPECT_EQ(Message(no_rp), "User: " + kAlice + " is not authorized to perform: s3:GetObject on resource: " + obj_b +
                                " because no resource-based policy allows the s3:GetObject action");
}

// §4.9: no shortcut cross account: a "*" grant is still limited by the
// boundary and session policies.
TEST_F(AuthorizerTest, CrossAccountNoShortcut) {
  Resource(Grant("\"*\""));
  Identity(kFullAccess);
  Boundary(Allow("ec2:*", "*"));
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject, kB).denied_by, DeniedBy::kPermissionsBoundary);
  Boundary(kFullAccess);
  Session(Allow("ec2:*", "*"));
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject, kB).denied_by, DeniedBy::kSessionPolicy);
  // The same in the principal's own account: the "*" grant ends evaluation.
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject, kA).outcome, Outcome::kAllow);
}

// §4.10: an absent resource account (S3 ARNs, "*") means the principal's
// account.
TEST_F(AuthorizerTest, AbsentResourceAccountIsSameAccount) {
  Resource(Grant(Aws(kAlice)));
  EXPECT_EQ(Run(P(kAlice), "s3:GetObject", kObject, "").outcome, Outcome::kAllow);
  EXPECT_EQ(Run(P(kAlice), "s3:ListAllMyBuckets", "*", "").outcome, Outcome::kAllow);
  EXPECT_EQ(Run(P(kAlice), "s3:GetObject", kObject, kB).outcome, Outcome::kImplicitDeny);
}

// ================================================================ NotPrincipal

// T32 / [§1.3]: Deny with NotPrincipal always applies to a principal with a
// permissions boundary.
TEST_F(AuthorizerTest, NotPrincipalDenyWithBoundaryT32) {
  Identity(kFullAccess);
  Resource(R"({"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": [")" + kBob + R"(", ")" + kRoot +
           R"("]}, "Action": "s3:*", "Resource": "*"}})");
  EXPECT_EQ(Run(P(kBob), "s3:GetObject", kObject).outcome, Outcome::kAllow);
  const Decision alice = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(alice.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(alice.denied_by, DeniedBy::kResourcePolicy);
  Boundary(kFullAccess);
  const Decision bob = Run(P(kBob), "s3:GetObject", kObject);
  EXPECT_EQ(bob.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(Matched(bob), V({"resource/Resource/0"}));
}

// [IUG notprincipal]: a session is exempt only when the account, the role
// and the session are all listed.
TEST_F(AuthorizerTest, NotPrincipalSessionExemption) {
  Identity(kFullAccess);
  Resource(R"({"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": [")" + std::string(kA) + R"(", ")" + kRoleArn +
           R"(", ")" + kSessionArn + R"("]}, "Action": "*", "Resource": "*"}})");
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject).outcome, Outcome::kAllow);
  Resource(R"({"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": [")" + std::string(kA) + R"(", ")" + kSessionArn +
           R"("]}, "Action": "*", "Resource": "*"}})");
  EXPECT_EQ(Run(P(kSessionArn), "s3:GetObject", kObject).outcome, Outcome::kExplicitDeny);
}

// ==================================================================== matched

// §4: for Allow, every applicable Allow of every policy, in the order
// identity, boundary, session, resource, SCP levels, RCP levels; within a
// policy by statement index.
TEST_F(AuthorizerTest, MatchedOrderForAllow) {
  RcpLevels({{kRcpFull}});
  ScpLevels({{kFullAccess}, {kFullAccess}});
  Resource(Grant(Aws(kRoleArn)));
  Session(kFullAccess);
  Boundary(kFullAccess);
  Identity(R"({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                             {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
                             {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"}]})",
           "First");
  Identity(kFullAccess, "Second");
  const Decision d = Run(P(kSessionArn), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kAllow);
  EXPECT_EQ(Matched(d), V({"identity/First/0", "identity/First/2", "identity/Second/0", "boundary/Boundary/0",
                           "session/Session/0", "resource/Resource/0", "scp/SCP0.0/0", "scp/SCP1.0/0",
                           "rcp/RCP0.0/0"}));
  EXPECT_TRUE(Message(d).empty());
}

// §4: for ImplicitDeny `matched` is empty even when some Allows applied.
TEST_F(AuthorizerTest, MatchedEmptyForImplicitDeny) {
  Identity(kFullAccess);
  Boundary(Allow("ec2:*", "*"));
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  EXPECT_EQ(d.outcome, Outcome::kImplicitDeny);
  EXPECT_TRUE(d.matched.empty());
}

// The action is matched case-insensitively (§2.1).
TEST_F(AuthorizerTest, RequestActionCaseInsensitive) {
  Identity(Allow("s3:getobject", "*"));
  EXPECT_EQ(Run(P(kAlice), "S3:GetObject", kObject).outcome, Outcome::kAllow);
}

// Many matched statements spill past the inline capacity in order.
TEST_F(AuthorizerTest, ManyMatchedStatements) {
  std::string text = R"({"Statement": [)";
  for (int i = 0; i < 20; ++i) text += std::string(i ? "," : "") + R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";
  text += "]}";
  Identity(text);
  const Decision d = Run(P(kAlice), "s3:GetObject", kObject);
  ASSERT_EQ(d.matched.size(), 20u);
  for (std::uint32_t i = 0; i < 20; ++i) EXPECT_EQ(d.matched[i].statement->index, i);
}

// ================================================================ messages

Decision Denied(Outcome o, DeniedBy by) {
  Decision d;
  d.outcome = o;
  d.denied_by = by;
  return d;
}

// [§7.6]: implicit: "because no <T> allows the <action> action".
TEST(AccessDeniedMessage, ImplicitWordingPerStage) {
  const std::pair<DeniedBy, std::string> stages[] = {
      {DeniedBy::kIdentityPolicy, "identity-based policy"}, {DeniedBy::kPermissionsBoundary, "permissions boundary"},
      {DeniedBy::kSessionPolicy, "session policy"},         {DeniedBy::kResourcePolicy, "resource-based policy"},
      {DeniedBy::kTrustPolicy, "role trust policy"}};
  for (const auto& [by, name] : stages) {
    EXPECT_EQ(AccessDeniedMessage(Denied(Outcome::kImplicitDeny, by), "arn:aws:iam::1:user/u", "s3:GetObject",
                                  "arn:aws:s3:::b/k"),
              "User: arn:aws:iam::1:user/u is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k "
              "because no " + name + " allows the s3:GetObject action");
  }
}

// [§7.6]: explicit: "with an explicit deny in a(n) <T>" ("in the role trust
// policy").
TEST(AccessDeniedMessage, ExplicitWordingPerStage) {
  const std::pair<DeniedBy, std::string> stages[] = {
      {DeniedBy::kIdentityPolicy, "an identity-based policy"},   {DeniedBy::kPermissionsBoundary, "a permissions boundary"},
      {DeniedBy::kSessionPolicy, "a session policy"},            {DeniedBy::kResourcePolicy, "a resource-based policy"},
      {DeniedBy::kTrustPolicy, "the role trust policy"},         {DeniedBy::kScp, "a service control policy"},
      {DeniedBy::kRcp, "a resource control policy"}};
  for (const auto& [by, phrase] : stages) {
    EXPECT_EQ(AccessDeniedMessage(Denied(Outcome::kExplicitDeny, by), "arn:aws:iam::1:user/u", "s3:GetObject",
                                  "arn:aws:s3:::b/k"),
              "User: arn:aws:iam::1:user/u is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k "
              "with an explicit deny in " + phrase);
  }
}

// [§7.6]: SCP (and RCP) implicit denies are worded as explicit denies.
TEST(AccessDeniedMessage, ScpAndRcpImplicitReadAsExplicit) {
  EXPECT_EQ(AccessDeniedMessage(Denied(Outcome::kImplicitDeny, DeniedBy::kScp), "arn:aws:iam::1:user/u", "ec2:RunInstances",
                                "arn:aws:ec2:us-east-1:1:instance/*"),
            "User: arn:aws:iam::1:user/u is not authorized to perform: ec2:RunInstances on resource: "
            "arn:aws:ec2:us-east-1:1:instance/* with an explicit deny in a service control policy");
  EXPECT_EQ(AccessDeniedMessage(Denied(Outcome::kImplicitDeny, DeniedBy::kRcp), "arn:aws:iam::1:user/u", "s3:GetObject", ""),
            "User: arn:aws:iam::1:user/u is not authorized to perform: s3:GetObject with an explicit deny in a resource "
            "control policy");
}

// [§7.6]: the "on resource:" part is omitted for wildcard-only actions.
TEST(AccessDeniedMessage, NoResourcePart) {
  for (std::string_view r : {"", "*"})
    EXPECT_EQ(AccessDeniedMessage(Denied(Outcome::kImplicitDeny, DeniedBy::kIdentityPolicy), "arn:aws:iam::1:user/u",
                                  "ssm:DescribeSessions", r),
              "User: arn:aws:iam::1:user/u is not authorized to perform: ssm:DescribeSessions because no identity-based "
              "policy allows the ssm:DescribeSessions action");
}

TEST(AccessDeniedMessage, EmptyForAllow) {
  Decision d;
  d.outcome = Outcome::kAllow;
  EXPECT_EQ(AccessDeniedMessage(d, "arn:aws:iam::1:user/u", "s3:GetObject", "arn:aws:s3:::b/k"), "");
}

TEST(DecisionNames, OutcomeDeniedBySlot) {
  EXPECT_EQ(OutcomeName(Outcome::kAllow), "Allow");
  EXPECT_EQ(OutcomeName(Outcome::kExplicitDeny), "ExplicitDeny");
  EXPECT_EQ(OutcomeName(Outcome::kImplicitDeny), "ImplicitDeny");
  EXPECT_EQ(DeniedByName(DeniedBy::kNone), "");
  EXPECT_EQ(DeniedByName(DeniedBy::kTrustPolicy), "role trust policy");
  EXPECT_EQ(DeniedByName(DeniedBy::kScp), "service control policy");
  EXPECT_EQ(DeniedByName(DeniedBy::kRcp), "resource control policy");
  EXPECT_EQ(SlotName(Slot::kIdentity), "identity");
  EXPECT_EQ(SlotName(Slot::kRcp), "rcp");
}

// ============================================================== principals

// §2.4: callers: root, user, assumed-role session, federated user,
// anonymous, or a service/IdP name; a role ARN is refused.
TEST(RequestPrincipalParse, Kinds) {
  EXPECT_EQ(ParseRequestPrincipal(kRoot)->kind, PrincipalKind::kRoot);
  const auto u = ParseRequestPrincipal("arn:aws:iam::111111111111:user/path/alice");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->kind, PrincipalKind::kUser);
  EXPECT_EQ(u->name, "alice");
  EXPECT_EQ(u->account, "111111111111");
  const auto s = ParseRequestPrincipal(kSessionArn);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, PrincipalKind::kAssumedRole);
  EXPECT_EQ(s->role_name, "R");
  EXPECT_EQ(s->name, "s");
  EXPECT_EQ(ParseRequestPrincipal(kFedArn)->kind, PrincipalKind::kFederatedUser);
  EXPECT_EQ(ParseRequestPrincipal("anonymous")->kind, PrincipalKind::kAnonymous);
  EXPECT_EQ(ParseRequestPrincipal("ec2.amazonaws.com")->kind, PrincipalKind::kNamed);
  EXPECT_FALSE(ParseRequestPrincipal("anonymous")->in_account());
  EXPECT_FALSE(ParseRequestPrincipal("ec2.amazonaws.com")->in_account());
  EXPECT_TRUE(ParseRequestPrincipal(kFedArn)->in_account());
}

TEST(RequestPrincipalParse, Refusals) {
  const auto role = ParseRequestPrincipal(kRoleArn);
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.error().code, "InvalidInput");
  EXPECT_NE(role.error().message.find("role"), std::string::npos);
  for (std::string_view bad : {"", "arn:aws:s3:::bucket", "arn:aws:iam::1:user/u", "arn:aws:iam::111111111111:group/g",
                               "arn:aws:sts::111111111111:assumed-role/R", "has space", "wild*card"})
    EXPECT_FALSE(ParseRequestPrincipal(bad).ok()) << bad;
}

}  // namespace
}  // namespace gatehouse::policy
