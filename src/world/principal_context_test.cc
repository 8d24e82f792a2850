// world/principal_context_test.cc: an Identity turned into the request
// principal, the principal-dependent context keys and the principal-side
// policies, following the table and per-key facts of
// ../shared/spec/iam-semantics.md §5 (cited as §5.1, §5.2).
#include "world/principal_context.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "world/loader.h"

namespace gatehouse::world {
namespace {

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

// An organization whose management account is 111111111111, with member
// 222222222222 in an OU; 333333333333 is outside the organization.
constexpr std::string_view kWorld = R"(
version: 1
organization:
  id: o-a1b2c3d4e5
  root_id: r-ab12
  management_account: "111111111111"
  policies:
    scp:
      FullAWSAccess: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
      DenyLeave: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*"}]}
  root:
    scps: [FullAWSAccess]
    accounts: ["111111111111"]
    units:
      - id: ou-ab12-11111111
        name: Workloads
        scps: [FullAWSAccess]
        accounts: ["222222222222"]
accounts:
  "111111111111":
    scps: [FullAWSAccess]
    users:
      admin: {}
  "222222222222":
    scps: [FullAWSAccess, DenyLeave]
    policies:
      Managed:
        document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:ListBucket", Resource: "*"}]}
      Boundary:
        document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
    groups:
      Devs:
        policies:
          GroupInline: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ec2:DescribeInstances", Resource: "*"}]}
    users:
      alice:
        path: /engineering/
        tags: {Team: web, CostCenter: "42"}
        groups: [Devs]
        mfa: true
        policies:
          Inline: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
        managed_policies: [Managed]
        permissions_boundary: Boundary
    roles:
      Deploy:
        path: /ci/
        tags: {Team: platform}
        trust_policy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "222222222222"}, Action: "sts:AssumeRole"}]}
        policies:
          RoleInline: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ssm:StartSession", Resource: "*"}]}
        permissions_boundary: Boundary
  "333333333333":
    users:
      outsider: {tags: {Team: external}}
identity_center:
  users:
    carol: {attributes: {department: eng}}
  attributes_for_access_control:
    Department: ${path:enterprise.department}
  permission_sets:
    Developers:
      inline_policy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
  assignments:
    - {permission_set: Developers, account: "222222222222", users: [carol]}
)";

const World& TestWorld() {
  static const World w = [] {
    Result<World> r = LoadWorld(kWorld);
    EXPECT_TRUE(r.ok()) << r.error().line << ":" << r.error().column << ": " << r.error().message;
    return std::move(r).value();
  }();
  return w;
}

struct Built {
  policy::RequestPrincipal principal;
  policy::RequestContext context;

  const std::string* Get(std::string_view key) const { return context.Single(key); }
  bool Has(std::string_view key) const { return context.Find(key) != nullptr; }
  std::string Value(std::string_view key) const {
    const std::string* v = Get(key);
    return v == nullptr ? std::string("<absent>") : *v;
  }
};

Built Build(const Identity& id, std::int64_t now = kNow) {
  Built b;
  RequestEnvironment env;
  env.now = now;
  env.region = "us-east-1";
  BuildPrincipal(TestWorld(), id, env, b.principal, b.context);
  return b;
}

Identity Root(std::string_view account) {
  Identity id;
  id.kind = Identity::Kind::kRoot;
  id.account = std::string(account);
  return id;
}

Identity UserIdentity(std::string_view arn) {
  Identity id;
  id.kind = Identity::Kind::kUser;
  id.user = TestWorld().FindUserByArn(arn);
  EXPECT_NE(id.user, nullptr) << arn;
  id.account = id.user->account;
  return id;
}

Identity Session(std::string_view role_arn, std::string_view name) {
  Identity id;
  id.kind = Identity::Kind::kRoleSession;
  id.role = TestWorld().FindRoleByArn(role_arn);
  EXPECT_NE(id.role, nullptr) << role_arn;
  id.account = id.role->account;
  id.session_name = std::string(name);
  id.session_tags = id.role->tags;
  id.issued = kNow - 600;
  id.expiration = id.issued + 3600;
  return id;
}

const Role* SsoRole() {
  for (const auto& [name, r] : TestWorld().FindAccount("222222222222")->roles)
    if (r->protected_sso) return r.get();
  return nullptr;
}

constexpr std::string_view kAlice = "arn:aws:iam::222222222222:user/engineering/alice";
constexpr std::string_view kDeploy = "arn:aws:iam::222222222222:role/ci/Deploy";

// ---- the §5.1 table, row by row ----

// §5.1 root row: no aws:username, aws:userid = the account id,
// aws:PrincipalType Account, aws:PrincipalArn the root ARN, no principal tags.
TEST(PrincipalContext, Root) {
  const Built b = Build(Root("222222222222"));
  EXPECT_FALSE(b.Has("aws:username"));
  EXPECT_EQ(b.Value("aws:userid"), "222222222222");
  EXPECT_EQ(b.Value("aws:PrincipalType"), "Account");
  EXPECT_EQ(b.Value("aws:PrincipalArn"), "arn:aws:iam::222222222222:root");
  EXPECT_EQ(b.Value("aws:PrincipalAccount"), "222222222222");
  for (const policy::ContextEntry& e : b.context.entries())
    EXPECT_NE(e.lower.rfind("aws:principaltag/", 0), 0u) << e.name;
  EXPECT_EQ(b.principal.kind, policy::PrincipalKind::kRoot);
  EXPECT_EQ(b.principal.arn, "arn:aws:iam::222222222222:root");
}

// §5.1 IAM user row: aws:username is the friendly name without the path,
// aws:userid the AIDA… id, aws:PrincipalArn the user ARN with its path,
// aws:PrincipalTag/* the user's tags.
TEST(PrincipalContext, IamUser) {
  const Identity alice = UserIdentity(kAlice);
  const Built b = Build(alice);
  EXPECT_EQ(b.Value("aws:username"), "alice");
  EXPECT_EQ(b.Value("aws:userid"), alice.user->id);
  EXPECT_EQ(alice.user->id.substr(0, 4), "AIDA");
  EXPECT_EQ(b.Value("aws:PrincipalType"), "User");
  EXPECT_EQ(b.Value("aws:PrincipalArn"), std::string(kAlice));
  EXPECT_EQ(b.Value("aws:PrincipalTag/Team"), "web");
  EXPECT_EQ(b.Value("aws:principaltag/costcenter"), "42");  // key names are case-insensitive (§3.2)
  EXPECT_EQ(b.principal.kind, policy::PrincipalKind::kUser);
  EXPECT_EQ(b.principal.arn, std::string(kAlice));
  EXPECT_EQ(b.principal.user_id, alice.user->id);
}

// §5.1 role session row: no aws:username; aws:userid AROA…:<session>;
// aws:PrincipalType AssumedRole; aws:PrincipalArn the ROLE ARN with its path
// (never the session ARN, which drops the path); principal tags are the
// session's (role tags + session tags).
TEST(PrincipalContext, RoleSession) {
  Identity s = Session(kDeploy, "build-7");
  s.session_tags.push_back(Tag{"Pipeline", "main"});
  const Built b = Build(s);
  EXPECT_FALSE(b.Has("aws:username"));
  EXPECT_EQ(b.Value("aws:userid"), s.role->id + ":build-7");
  EXPECT_EQ(s.role->id.substr(0, 4), "AROA");
  EXPECT_EQ(b.Value("aws:PrincipalType"), "AssumedRole");
  EXPECT_EQ(b.Value("aws:PrincipalArn"), std::string(kDeploy));
  EXPECT_EQ(b.principal.arn, "arn:aws:sts::222222222222:assumed-role/Deploy/build-7");
  EXPECT_EQ(b.principal.principal_arn, std::string(kDeploy));
  EXPECT_EQ(b.principal.kind, policy::PrincipalKind::kAssumedRole);
  EXPECT_EQ(b.Value("aws:PrincipalTag/Team"), "platform");
  EXPECT_EQ(b.Value("aws:PrincipalTag/Pipeline"), "main");
}

// §5.1 Identity Center row: aws:userid AROA…:<user name>, aws:PrincipalArn
// arn:aws:iam::A:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_…, ABAC
// attributes as principal tags, no aws:username.
TEST(PrincipalContext, IdentityCenterSession) {
  const Role* role = SsoRole();
  ASSERT_NE(role, nullptr);
  Identity s = Session(role->arn, "carol");
  s.sso = true;
  s.session_tags = {Tag{"Department", "eng"}};
  const Built b = Build(s);
  EXPECT_FALSE(b.Has("aws:username"));
  EXPECT_EQ(b.Value("aws:userid"), role->id + ":carol");
  EXPECT_EQ(b.Value("aws:PrincipalType"), "AssumedRole");
  EXPECT_EQ(b.Value("aws:PrincipalArn"), "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/" + role->name);
  EXPECT_EQ(b.principal.arn, "arn:aws:sts::222222222222:assumed-role/" + role->name + "/carol");
  EXPECT_EQ(b.Value("aws:PrincipalTag/Department"), "eng");
}

// ---- §5.2 per-key facts ----

// §5.2: aws:TokenIssueTime and aws:MultiFactorAuthPresent exist only with
// temporary credentials; long-term credentials (root, IAM users, even with
// an MFA device) carry neither (T15, T16).
TEST(PrincipalContext, TokenKeysOnlyForTemporaryCredentials) {
  for (const Identity& id : {Root("222222222222"), UserIdentity(kAlice)}) {
    const Built b = Build(id);
    EXPECT_FALSE(b.Has("aws:TokenIssueTime"));
    EXPECT_FALSE(b.Has("aws:MultiFactorAuthPresent"));
    EXPECT_FALSE(b.Has("aws:MultiFactorAuthAge"));
  }
  const Built s = Build(Session(kDeploy, "build-7"));
  EXPECT_EQ(s.Value("aws:TokenIssueTime"), "2025-12-31T23:50:00Z");
  EXPECT_EQ(s.Value("aws:MultiFactorAuthPresent"), "false");
}

// §5.2: aws:MultiFactorAuthAge is present only if MFA was used, and is the
// seconds since the MFA authentication.
TEST(PrincipalContext, MultiFactorAuthAgeOnlyWithMfa) {
  Identity s = Session(kDeploy, "build-7");
  EXPECT_FALSE(Build(s).Has("aws:MultiFactorAuthAge"));
  s.mfa = true;
  s.mfa_time = kNow - 120;
  const Built b = Build(s);
  EXPECT_EQ(b.Value("aws:MultiFactorAuthPresent"), "true");
  EXPECT_EQ(b.Value("aws:MultiFactorAuthAge"), "120");
}

// §5.2: aws:SourceIdentity is present for every request of a session in
// which a source identity was set, and only then.
TEST(PrincipalContext, SourceIdentity) {
  Identity s = Session(kDeploy, "build-7");
  EXPECT_FALSE(Build(s).Has("aws:SourceIdentity"));
  s.source_identity = "Diego";
  EXPECT_EQ(Build(s).Value("aws:SourceIdentity"), "Diego");
}

// §5.2: aws:PrincipalOrgID and the multi-valued aws:PrincipalOrgPaths
// (o-…/r-…/ou-…/) exist only when the principal's account is in an
// organization, the management account included.
TEST(PrincipalContext, OrganizationKeys) {
  const Built member = Build(UserIdentity(kAlice));
  EXPECT_EQ(member.Value("aws:PrincipalOrgID"), "o-a1b2c3d4e5");
  const policy::ContextEntry* paths = member.context.Find("aws:PrincipalOrgPaths");
  ASSERT_NE(paths, nullptr);
  EXPECT_TRUE(paths->multi);
  ASSERT_EQ(paths->values.size(), 1u);
  EXPECT_EQ(paths->values[0], "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/");

  const Built management = Build(UserIdentity("arn:aws:iam::111111111111:user/admin"));
  EXPECT_EQ(management.Value("aws:PrincipalOrgID"), "o-a1b2c3d4e5");
  ASSERT_NE(management.context.Find("aws:PrincipalOrgPaths"), nullptr);
  EXPECT_EQ(management.context.Find("aws:PrincipalOrgPaths")->values[0], "o-a1b2c3d4e5/r-ab12/");

  const Built outsider = Build(UserIdentity("arn:aws:iam::333333333333:user/outsider"));
  EXPECT_FALSE(outsider.Has("aws:PrincipalOrgID"));
  EXPECT_FALSE(outsider.Has("aws:PrincipalOrgPaths"));
  EXPECT_FALSE(Build(Root("333333333333")).Has("aws:PrincipalOrgID"));
}

// §5.2 ("always present"): aws:CurrentTime and aws:EpochTime come from the
// clock passed in, not the credentials' issue time.
TEST(PrincipalContext, CurrentTimeFromTheClock) {
  const Built b = Build(Session(kDeploy, "build-7"), kNow + 90);
  EXPECT_EQ(b.Value("aws:CurrentTime"), "2026-01-01T00:01:30Z");
  EXPECT_EQ(b.Value("aws:EpochTime"), std::to_string(kNow + 90));
  const Built u = Build(UserIdentity(kAlice), 0);
  EXPECT_EQ(u.Value("aws:CurrentTime"), "1970-01-01T00:00:00Z");
  EXPECT_EQ(u.Value("aws:EpochTime"), "0");
}

// §5.3: every signed request carries aws:PrincipalIsAWSService=false and the
// requested region.
TEST(PrincipalContext, EnvironmentKeys) {
  const Built b = Build(UserIdentity(kAlice));
  EXPECT_EQ(b.Value("aws:PrincipalIsAWSService"), "false");
  EXPECT_EQ(b.Value("aws:RequestedRegion"), "us-east-1");
  EXPECT_EQ(b.Value("aws:SecureTransport"), "true");
}

// §5.2: FormatTime is ISO 8601 UTC with seconds.
TEST(PrincipalContext, FormatTime) {
  EXPECT_EQ(FormatTime(kNow), "2026-01-01T00:00:00Z");
  EXPECT_EQ(FormatTime(951782400), "2000-02-29T00:00:00Z");
}

// ---- principal-side policies (§6.2, §6.5, §6.7) ----

// §6.2: a user's identity policies are its inline and managed policies and
// those of its groups; its boundary applies; SCP levels govern a member
// account (root, OU, account).
TEST(PrincipalPolicies, User) {
  policy::PolicySet set;
  AddPrincipalPolicies(TestWorld(), UserIdentity(kAlice), set);
  EXPECT_EQ(set.identity.size(), 3u);  // Inline, Managed, GroupInline
  EXPECT_NE(set.boundary, nullptr);
  EXPECT_TRUE(set.scp_governed);
  ASSERT_EQ(set.scp.size(), 3u);
  EXPECT_EQ(set.scp[2].size(), 2u);  // the account's FullAWSAccess and DenyLeave
  EXPECT_FALSE(set.has_session_policies);
}

// §6.7: the root user has no identity policies; SCPs still govern a member
// account's root, but not the management account.
TEST(PrincipalPolicies, Root) {
  policy::PolicySet member;
  AddPrincipalPolicies(TestWorld(), Root("222222222222"), member);
  EXPECT_TRUE(member.identity.empty());
  EXPECT_TRUE(member.scp_governed);
  policy::PolicySet management;
  AddPrincipalPolicies(TestWorld(), Root("111111111111"), management);
  EXPECT_FALSE(management.scp_governed);
  policy::PolicySet outside;
  AddPrincipalPolicies(TestWorld(), Root("333333333333"), outside);
  EXPECT_FALSE(outside.scp_governed);
}

// §6.5: a role session has the role's policies and boundary, plus its
// session policies when some were passed.
TEST(PrincipalPolicies, RoleSession) {
  Identity s = Session(kDeploy, "build-7");
  policy::PolicySet plain;
  AddPrincipalPolicies(TestWorld(), s, plain);
  EXPECT_EQ(plain.identity.size(), 1u);
  EXPECT_NE(plain.boundary, nullptr);
  EXPECT_FALSE(plain.has_session_policies);
  s.session_policies.push_back(TestWorld().FindAccount("222222222222")->policies.at("Managed")->doc);
  policy::PolicySet with;
  AddPrincipalPolicies(TestWorld(), s, with);
  EXPECT_TRUE(with.has_session_policies);
  EXPECT_EQ(with.session.size(), 1u);
}

}  // namespace
}  // namespace gatehouse::world
