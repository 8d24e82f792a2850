// sts/sts_test.cc: AssumeRole, Identity Center sign-in, GetCallerIdentity
// and caller resolution over small worlds. Every test names the rule it
// follows: a section or T-id of ../shared/spec/iam-semantics.md (the fact
// sheet), docs/world-format.md, or ../shared/scenarios.md.
#include "sts/sts.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "policy/authorizer.h"
#include "policy/parser.h"
#include "sts/caller.h"
#include "world/loader.h"
#include "world/principal_context.h"

namespace gatehouse::sts {
namespace {

using world::Identity;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

// Account A = 111111111111, B = 222222222222 (the fact sheet's §11 notation).
constexpr std::string_view kWorld = R"(
version: 1
time: "2026-01-01T00:00:00Z"
accounts:
  "111111111111":
    users:
      u: {}
      dev:
        mfa: true
        policies:
          AssumeEverything:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity]
                Resource: "*"
      denied:
        policies:
          AllowAndDenyEverything:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: "*", Resource: "*"}
              - {Effect: Deny, Action: "*", Resource: "*"}
      ci:
        policies:
          AssumeInB:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: sts:AssumeRole, Resource: "arn:aws:iam::222222222222:role/*"}
    roles:
      TrustsAccount:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: sts:AssumeRole}
      TrustsUser:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:user/u"}, Action: sts:AssumeRole}
      TrustsRoot:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:root"}, Action: sts:AssumeRole}
      ExternalRole:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: {AWS: "222222222222"}
              Action: sts:AssumeRole
              Condition: {StringEquals: {sts:ExternalId: X1}}
      NamesStranger:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::222222222222:user/stranger"}, Action: sts:AssumeRole}
      MfaRole:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: {AWS: "111111111111"}
              Action: sts:AssumeRole
              Condition: {Bool: {aws:MultiFactorAuthPresent: "true"}}
      NoTagSession:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: sts:AssumeRole}
      Tagged:
        tags: {Department: Marketing, Team: web}
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: [sts:AssumeRole, sts:TagSession]}
      Long:
        max_session_duration: 43200
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity]}
        policies:
          Chain:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity], Resource: "*"}
      R1:
        max_session_duration: 43200
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity]}
        policies:
          Chain:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity], Resource: "*"}
      R2:
        max_session_duration: 43200
        tags: {Sun: "2"}
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:role/R1"}, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity]}
        policies:
          Chain:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity], Resource: "*"}
      R3:
        tags: {Star: "3", Moon: "3"}
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:role/R2"}, Action: [sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity]}
      MfaForB:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: {AWS: "222222222222"}
              Action: sts:AssumeRole
              Condition: {Bool: {aws:MultiFactorAuthPresent: "true"}}
      OnlyAssume:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: [sts:AssumeRole, sts:SetSourceIdentity]}
        policies:
          AssumeOnly:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: sts:AssumeRole, Resource: "*"}
      TrustsOnlyAssume:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:role/OnlyAssume"}, Action: [sts:AssumeRole, sts:SetSourceIdentity]}
      NoSetSourceIdentity:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:role/R1"}, Action: [sts:AssumeRole, sts:TagSession]}
  "222222222222":
    users:
      partner:
        mfa: true
        policies:
          AssumeInA:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: sts:AssumeRole, Resource: "arn:aws:iam::111111111111:role/*"}
      stranger: {}
    roles:
      R:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Principal: {AWS: "111111111111"}, Action: sts:AssumeRole}
identity_center:
  users:
    alice: {attributes: {SSMSessionRunAs: admin, department: eng}}
    bob: {}
    eve: {}
  attributes_for_access_control:
    User: ${path:userName}
    SSMSessionRunAs: ${path:enterprise.SSMSessionRunAs}
    Department: ${path:enterprise.department}
  permission_sets:
    Developers:
      session_duration: PT8H
      inline_policy:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Resource: "*"}
  assignments:
    - {permission_set: Developers, account: "111111111111", users: [alice, bob]}
)";

world::World Load(std::string_view text) {
  Result<world::World> w = world::LoadWorld(text);
  EXPECT_TRUE(w.ok()) << w.error().line << ":" << w.error().column << ": " << w.error().message;
  return std::move(w).value();
}

const world::World& TestWorld() {
  static const world::World w = Load(kWorld);
  return w;
}

CallContext Ctx() { return CallContext{kNow, "us-east-1"}; }

Identity User(const world::World& w, std::string_view arn) {
  Result<Identity> id = LongTermIdentity(w, arn);
  EXPECT_TRUE(id.ok()) << arn << ": " << id.error().message;
  return std::move(id).value();
}

AssumeRoleParams Params(std::string_view role_arn, std::string_view session = "session") {
  AssumeRoleParams p;
  p.role_arn = std::string(role_arn);
  p.role_session_name = std::string(session);
  return p;
}

Result<AssumeRoleResult> Assume(const Identity& caller, const AssumeRoleParams& p) {
  return AssumeRole(TestWorld(), caller, p, Ctx());
}

Identity MustAssume(const Identity& caller, const AssumeRoleParams& p) {
  Result<AssumeRoleResult> r = Assume(caller, p);
  EXPECT_TRUE(r.ok()) << p.role_arn << ": " << r.error().code << ": " << r.error().message;
  return std::move(r).value().session;
}

std::string TagValue(const Identity& s, std::string_view key) {
  const world::Tag* t = world::FindTag(s.session_tags, key);
  return t == nullptr ? std::string("<absent>") : t->value;
}

// The principal context a later request of the session sees (§5).
policy::RequestContext ContextOf(const world::World& w, const Identity& id) {
  policy::RequestPrincipal p;
  policy::RequestContext c;
  world::RequestEnvironment env;
  env.now = kNow;
  world::BuildPrincipal(w, id, env, p, c);
  return c;
}

constexpr std::string_view kA = "arn:aws:iam::111111111111:";
std::string RoleA(std::string_view name) { return std::string(kA) + "role/" + std::string(name); }
std::string UserA(std::string_view name) { return std::string(kA) + "user/" + std::string(name); }
std::string RoleB(std::string_view name) { return "arn:aws:iam::222222222222:role/" + std::string(name); }
std::string UserB(std::string_view name) { return "arn:aws:iam::222222222222:user/" + std::string(name); }

// ---- trust: T33, T34, cross account, T35 ----

// T33 [§6.6]: a trust policy naming only the account delegates to the
// account's identity policies; a user with none is refused.
TEST(StsAssumeRole, T33AccountTrustNeedsAnIdentityAllow) {
  const Identity u = User(TestWorld(), UserA("u"));
  Result<AssumeRoleResult> r = Assume(u, Params(RoleA("TrustsAccount")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  // The same trust with an identity Allow succeeds.
  EXPECT_TRUE(Assume(User(TestWorld(), UserA("dev")), Params(RoleA("TrustsAccount"))).ok());
}

// T33 [§1.3, docs/semantics.md §2.4]: the root ARN in Principal means the
// whole account, exactly like the account id.
TEST(StsAssumeRole, T33RootArnPrincipalMeansTheAccount) {
  EXPECT_FALSE(Assume(User(TestWorld(), UserA("u")), Params(RoleA("TrustsRoot"))).ok());
  EXPECT_TRUE(Assume(User(TestWorld(), UserA("dev")), Params(RoleA("TrustsRoot"))).ok());
}

// T34 [§6.6]: in the same account a trust policy naming the user suffices
// without any identity policy.
TEST(StsAssumeRole, T34TrustNamingTheUserSufficesInTheSameAccount) {
  const Identity u = User(TestWorld(), UserA("u"));
  Result<AssumeRoleResult> r = Assume(u, Params(RoleA("TrustsUser"), "mine"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->session.Arn(TestWorld()), "arn:aws:sts::111111111111:assumed-role/TrustsUser/mine");
}

// §6.6 / T27: across accounts the trust policy AND the caller's identity
// policy must both allow; naming the caller in the trust is not enough.
TEST(StsAssumeRole, CrossAccountTrustWithoutIdentityAllowIsDenied) {
  const Identity stranger = User(TestWorld(), UserB("stranger"));
  Result<AssumeRoleResult> r = Assume(stranger, Params(RoleA("NamesStranger")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  EXPECT_EQ(r.error().message,
            "User: arn:aws:iam::222222222222:user/stranger is not authorized to perform: sts:AssumeRole on resource: "
            "arn:aws:iam::111111111111:role/NamesStranger");
}

// §6.6: the identity policy alone does not open a role whose trust policy
// does not name the caller's account.
TEST(StsAssumeRole, CrossAccountIdentityAllowWithoutTrustIsDenied) {
  // partner (B) may assume arn:aws:iam::111111111111:role/*, but TrustsAccount trusts only A.
  Result<AssumeRoleResult> r = Assume(User(TestWorld(), UserB("partner")), Params(RoleA("TrustsAccount")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
}

// T35 [§7.4]: sts:ExternalId is present only when passed and compared
// case-sensitively: missing -> denied, X1 -> allowed, x1 -> denied.
TEST(StsAssumeRole, T35ExternalId) {
  const Identity partner = User(TestWorld(), UserB("partner"));
  AssumeRoleParams p = Params(RoleA("ExternalRole"));
  Result<AssumeRoleResult> missing = Assume(partner, p);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, kAccessDenied);
  p.external_id = "X1";
  EXPECT_TRUE(Assume(partner, p).ok());
  p.external_id = "x1";
  Result<AssumeRoleResult> wrong = Assume(partner, p);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, kAccessDenied);
}

// §7.6: STS's AccessDenied has no reason suffix: "User: <caller> is not
// authorized to perform: sts:AssumeRole on resource: <role ARN>", with
// "User:" even for role sessions.
TEST(StsAssumeRole, AccessDeniedMessageFormat) {
  const Identity partner = User(TestWorld(), UserB("partner"));
  Result<AssumeRoleResult> r = Assume(partner, Params(RoleA("ExternalRole")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "User: arn:aws:iam::222222222222:user/partner is not authorized to perform: sts:AssumeRole on resource: "
            "arn:aws:iam::111111111111:role/ExternalRole");
  const Identity s = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("R1"), "hop1"));
  Result<AssumeRoleResult> chained = Assume(s, Params(RoleA("TrustsUser")));
  ASSERT_FALSE(chained.ok());
  EXPECT_EQ(chained.error().message,
            "User: arn:aws:sts::111111111111:assumed-role/R1/hop1 is not authorized to perform: sts:AssumeRole on "
            "resource: arn:aws:iam::111111111111:role/TrustsUser");
}

// §7.7: an unknown role is answered like a refused one (AccessDenied, not
// NoSuchEntity), so roles of other accounts cannot be probed.
TEST(StsAssumeRole, UnknownRoleIsAccessDenied) {
  Result<AssumeRoleResult> r = Assume(User(TestWorld(), UserA("dev")), Params(RoleA("Nope")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  EXPECT_NE(r.error().message.find("on resource: arn:aws:iam::111111111111:role/Nope"), std::string::npos);
}

// §6.6, §6.7: the root user cannot call AssumeRole, even on a role whose
// trust names its account.
TEST(StsAssumeRole, RootCannotAssumeRoles) {
  const Identity root = User(TestWorld(), "arn:aws:iam::111111111111:root");
  ASSERT_EQ(root.kind, Identity::Kind::kRoot);
  Result<AssumeRoleResult> r = Assume(root, Params(RoleA("TrustsRoot")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  EXPECT_EQ(r.error().message, "Roles may not be assumed by root accounts.");
}

// ---- durations: T37, T38 ----

// T37 [§7.1]: DurationSeconds is 900..MaxSessionDuration; a role's default
// maximum is 3600.
TEST(StsAssumeRole, T37MaxSessionDuration) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  AssumeRoleParams p = Params(RoleA("TrustsAccount"));
  p.duration_seconds = 7200;
  Result<AssumeRoleResult> over = Assume(dev, p);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, kValidationError);
  EXPECT_EQ(over.error().message, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  p.duration_seconds = 899;
  Result<AssumeRoleResult> under = Assume(dev, p);
  ASSERT_FALSE(under.ok());
  EXPECT_EQ(under.error().code, kValidationError);
  EXPECT_NE(under.error().message.find("durationSeconds"), std::string::npos) << under.error().message;
  p.duration_seconds = 3600;
  ASSERT_TRUE(Assume(dev, p).ok());
  // A role allowing 12 hours grants them to a long-term caller.
  AssumeRoleParams l = Params(RoleA("Long"));
  l.duration_seconds = 43200;
  const Identity s = MustAssume(dev, l);
  EXPECT_EQ(s.expiration, kNow + 43200);
  EXPECT_FALSE(s.chained);
}

// T38 [§7.1]: with role-session credentials (role chaining) an explicit
// DurationSeconds above 3600 fails even when the role allows 12 hours; the
// default duration is one hour.
TEST(StsAssumeRole, T38RoleChainingIsLimitedToOneHour) {
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("R1"), "one"));
  AssumeRoleParams p = Params(RoleA("R2"), "two");
  p.duration_seconds = 7200;
  Result<AssumeRoleResult> r = Assume(s1, p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationError);
  EXPECT_EQ(r.error().message,
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  p.duration_seconds.reset();
  const Identity s2 = MustAssume(s1, p);
  EXPECT_TRUE(s2.chained);
  EXPECT_EQ(s2.expiration, kNow + 3600);
}

// ---- session names: T36, T73 ----

// T36 [§7.1]: RoleSessionName is 2-64 characters of [\w+=,.@-].
TEST(StsAssumeRole, T36RoleSessionNameCharset) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  for (std::string name : {std::string("a b"), std::string("dependabot[bot]"), std::string("x"), std::string(65, 'n'),
                           std::string("a:b"), std::string("a/b")}) {
    Result<AssumeRoleResult> r = Assume(dev, Params(RoleA("TrustsAccount"), name));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, kValidationError) << name;
    EXPECT_NE(r.error().message.find("roleSessionName"), std::string::npos) << r.error().message;
  }
  EXPECT_TRUE(Assume(dev, Params(RoleA("TrustsAccount"), std::string(64, 'n'))).ok());
  EXPECT_TRUE(Assume(dev, Params(RoleA("TrustsAccount"), "ab")).ok());
}

// T73 [§7.1, §7.5]: the whole charset [\w+=,.@-] is accepted across
// accounts, and the session ARN carries the name verbatim.
TEST(StsAssumeRole, T73SessionNameCharsetAndArn) {
  const Identity ci = User(TestWorld(), UserA("ci"));
  Result<AssumeRoleResult> r = Assume(ci, Params(RoleB("R"), "ci@build=1,ok-_."));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->session.Arn(TestWorld()), "arn:aws:sts::222222222222:assumed-role/R/ci@build=1,ok-_.");
  EXPECT_EQ(r->session.account, "222222222222");
  EXPECT_EQ(r->session.UserId(), r->session.role->id + ":ci@build=1,ok-_.");
}

// ---- session tags: T39, T40, T41, T62, T63 ----

// T39 [§6.6, §7.2]: passing session tags needs sts:TagSession in the trust
// policy; the denial names sts:TagSession.
TEST(StsAssumeRole, T39TagSessionNeededInTheTrustPolicy) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  AssumeRoleParams p = Params(RoleA("NoTagSession"));
  ASSERT_TRUE(Assume(dev, p).ok());
  p.tags = {Tag{"Project", "A"}};
  Result<AssumeRoleResult> r = Assume(dev, p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  EXPECT_EQ(r.error().message,
            "User: arn:aws:iam::111111111111:user/dev is not authorized to perform: sts:TagSession on resource: "
            "arn:aws:iam::111111111111:role/NoTagSession");
  // The same tags on a role whose trust allows sts:TagSession are accepted.
  AssumeRoleParams t = Params(RoleA("Tagged"));
  t.tags = {Tag{"Project", "A"}};
  EXPECT_TRUE(Assume(dev, t).ok());
}

// T40 [§7.2]: tag keys are case-insensitive; a session tag overrides the
// role's tag with the same key, leaving one tag, and policies see the
// session's value whatever case they write the key in.
TEST(StsAssumeRole, T40SessionTagBeatsRoleTag) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  AssumeRoleParams p = Params(RoleA("Tagged"));
  p.tags = {Tag{"department", "engineering"}};
  const Identity s = MustAssume(dev, p);
  EXPECT_EQ(TagValue(s, "DEPARTMENT"), "engineering");
  EXPECT_EQ(TagValue(s, "Team"), "web");  // untouched role tag
  int departments = 0;
  for (const world::Tag& t : s.session_tags) departments += (t.key == "department" || t.key == "Department") ? 1 : 0;
  EXPECT_EQ(departments, 1);
  const policy::RequestContext c = ContextOf(TestWorld(), s);
  const std::string* v = c.Single("aws:PrincipalTag/DEPARTMENT");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, "engineering");
  // Without a session tag the role's tags are the principal tags (§5.1).
  const Identity plain = MustAssume(dev, Params(RoleA("Tagged")));
  EXPECT_EQ(TagValue(plain, "Department"), "Marketing");
}

// T62 [§7.2]: transitive tags propagate along the chain, role tags never do:
// S2 = {Star, Heart, Sun}; S3 = {Star, Heart} + R3's tags, without Sun.
// T63: an inherited transitive tag beats the next role's tag (Star stays 1).
TEST(StsAssumeRole, T62T63TransitiveTagsAcrossThreeHops) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  AssumeRoleParams p1 = Params(RoleA("R1"), "s1");
  p1.tags = {Tag{"Star", "1"}, Tag{"Heart", "1"}};
  p1.transitive_tag_keys = {"Star", "Heart"};
  const Identity s1 = MustAssume(dev, p1);
  EXPECT_EQ(s1.transitive_keys.size(), 2u);

  const Identity s2 = MustAssume(s1, Params(RoleA("R2"), "s2"));
  EXPECT_EQ(TagValue(s2, "Star"), "1");
  EXPECT_EQ(TagValue(s2, "Heart"), "1");
  EXPECT_EQ(TagValue(s2, "Sun"), "2");
  EXPECT_EQ(s2.session_tags.size(), 3u);
  EXPECT_EQ(s2.transitive_keys.size(), 2u);  // stay transitive

  const Identity s3 = MustAssume(s2, Params(RoleA("R3"), "s3"));
  EXPECT_EQ(TagValue(s3, "Star"), "1");  // T63: not R3's Star=3
  EXPECT_EQ(TagValue(s3, "Heart"), "1");
  EXPECT_EQ(TagValue(s3, "Moon"), "3");
  EXPECT_EQ(TagValue(s3, "Sun"), "<absent>");  // R2's role tag did not travel
  const policy::RequestContext c = ContextOf(TestWorld(), s3);
  ASSERT_NE(c.Single("aws:PrincipalTag/Star"), nullptr);
  EXPECT_EQ(*c.Single("aws:PrincipalTag/Star"), "1");
  EXPECT_EQ(c.Find("aws:PrincipalTag/Sun"), nullptr);
}

// §7.2 / STS model: without TransitiveTagKeys nothing propagates.
TEST(StsAssumeRole, NonTransitiveSessionTagsDoNotPropagate) {
  AssumeRoleParams p1 = Params(RoleA("R1"), "s1");
  p1.tags = {Tag{"Project", "A"}};
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), p1);
  EXPECT_EQ(TagValue(s1, "Project"), "A");
  const Identity s2 = MustAssume(s1, Params(RoleA("R2"), "s2"));
  EXPECT_EQ(TagValue(s2, "Project"), "<absent>");
}

// T41 [§7.2, §10.13]: a session tag whose key (ignoring case) equals an
// inherited transitive tag makes AssumeRole fail.
TEST(StsAssumeRole, T41CollisionWithInheritedTransitiveTagFails) {
  AssumeRoleParams p1 = Params(RoleA("R1"), "s1");
  p1.tags = {Tag{"Project", "A"}};
  p1.transitive_tag_keys = {"Project"};
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), p1);
  AssumeRoleParams p2 = Params(RoleA("R2"), "s2");
  p2.tags = {Tag{"project", "B"}};
  Result<AssumeRoleResult> r = Assume(s1, p2);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().code, kAccessDenied);  // not an authorisation failure: the request is invalid
  EXPECT_NE(r.error().message.find("project"), std::string::npos) << r.error().message;
  // A different key is fine.
  p2.tags = {Tag{"Other", "B"}};
  EXPECT_TRUE(Assume(s1, p2).ok());
}

// ---- source identity: T64, §7.3 ----

// §7.3: SourceIdentity needs sts:SetSourceIdentity, is carried into chained
// sessions unchanged and appears as aws:SourceIdentity.
TEST(StsAssumeRole, SourceIdentityIsCarriedAlongTheChain) {
  AssumeRoleParams p1 = Params(RoleA("R1"), "s1");
  p1.source_identity = "Diego";
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), p1);
  ASSERT_TRUE(s1.source_identity.has_value());
  EXPECT_EQ(*s1.source_identity, "Diego");
  const Identity s2 = MustAssume(s1, Params(RoleA("R2"), "s2"));
  ASSERT_TRUE(s2.source_identity.has_value());
  EXPECT_EQ(*s2.source_identity, "Diego");
  const policy::RequestContext c = ContextOf(TestWorld(), s2);
  ASSERT_NE(c.Single("aws:SourceIdentity"), nullptr);
  EXPECT_EQ(*c.Single("aws:SourceIdentity"), "Diego");
}

// T64 [§7.3]: a session with a source identity cannot chain into a role whose
// trust policy does not allow sts:SetSourceIdentity.
TEST(StsAssumeRole, T64ChainingASourceIdentityNeedsSetSourceIdentity) {
  AssumeRoleParams p1 = Params(RoleA("R1"), "s1");
  p1.source_identity = "Diego";
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), p1);
  Result<AssumeRoleResult> r = Assume(s1, Params(RoleA("NoSetSourceIdentity"), "s2"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  EXPECT_NE(r.error().message.find("sts:SetSourceIdentity"), std::string::npos) << r.error().message;
  // Without a source identity the same hop is allowed.
  const Identity plain = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("R1"), "s1"));
  EXPECT_TRUE(Assume(plain, Params(RoleA("NoSetSourceIdentity"), "s2")).ok());
}

// §6.6 / IUG id_credentials_temp_control-access_monitor.md: when chaining,
// carrying a source identity needs sts:SetSourceIdentity in the next role's
// trust policy and in the calling role's identity policy; the trust naming
// the calling role is not enough on its own.
TEST(StsAssumeRole, ChainingASourceIdentityNeedsTheCallersPolicyToo) {
  AssumeRoleParams p1 = Params(RoleA("OnlyAssume"), "s1");
  p1.source_identity = "Diego";
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), p1);
  Result<AssumeRoleResult> r = Assume(s1, Params(RoleA("TrustsOnlyAssume"), "s2"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
  EXPECT_NE(r.error().message.find("sts:SetSourceIdentity"), std::string::npos) << r.error().message;
  // The same hop without a source identity is allowed by the trust alone.
  const Identity plain = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("OnlyAssume"), "s1"));
  EXPECT_TRUE(Assume(plain, Params(RoleA("TrustsOnlyAssume"), "s2")).ok());
}

// §7.3: a source identity is immutable once set.
TEST(StsAssumeRole, SourceIdentityCannotBeChanged) {
  AssumeRoleParams p1 = Params(RoleA("R1"), "s1");
  p1.source_identity = "Diego";
  const Identity s1 = MustAssume(User(TestWorld(), UserA("dev")), p1);
  AssumeRoleParams p2 = Params(RoleA("R2"), "s2");
  p2.source_identity = "Mallory";
  EXPECT_FALSE(Assume(s1, p2).ok());
}

// ---- MFA: T72, §5.2 ----

// T72 [IUG id_credentials_mfa_configure-api-require]: a trust policy
// requiring aws:MultiFactorAuthPresent admits a caller who passes
// SerialNumber+TokenCode and refuses one who does not.
TEST(StsAssumeRole, T72MfaInTheTrustPolicy) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  AssumeRoleParams p = Params(RoleA("MfaRole"));
  Result<AssumeRoleResult> without = Assume(dev, p);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, kAccessDenied);
  p.serial_number = "arn:aws:iam::111111111111:mfa/dev";
  p.token_code = "123456";
  Result<AssumeRoleResult> with = Assume(dev, p);
  ASSERT_TRUE(with.ok()) << with.error().message;
  EXPECT_TRUE(with->session.mfa);
  // The session then carries aws:MultiFactorAuthPresent=true and an age (§5.2).
  const policy::RequestContext c = ContextOf(TestWorld(), with->session);
  ASSERT_NE(c.Single("aws:MultiFactorAuthPresent"), nullptr);
  EXPECT_EQ(*c.Single("aws:MultiFactorAuthPresent"), "true");
  EXPECT_NE(c.Single("aws:MultiFactorAuthAge"), nullptr);
}

// T72 as the fact sheet writes it: the role trusts account B with an MFA
// condition; the caller in B (allowed by its identity policy) passes with
// SerialNumber+TokenCode and is refused without.
TEST(StsAssumeRole, T72MfaAcrossAccounts) {
  const Identity partner = User(TestWorld(), UserB("partner"));
  AssumeRoleParams p = Params(RoleA("MfaForB"));
  Result<AssumeRoleResult> without = Assume(partner, p);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, kAccessDenied);
  p.serial_number = "arn:aws:iam::222222222222:mfa/partner";
  p.token_code = "654321";
  Result<AssumeRoleResult> with = Assume(partner, p);
  ASSERT_TRUE(with.ok()) << with.error().message;
  // A caller of another account is still refused, MFA or not.
  AssumeRoleParams q = Params(RoleA("MfaForB"));
  q.serial_number = "arn:aws:iam::111111111111:mfa/dev";
  q.token_code = "123456";
  EXPECT_FALSE(Assume(User(TestWorld(), UserA("dev")), q).ok());
}

// §5.2: the MFA device must be the caller's (a wrong serial number fails).
TEST(StsAssumeRole, MfaWithAnotherDeviceFails) {
  const Identity dev = User(TestWorld(), UserA("dev"));
  AssumeRoleParams p = Params(RoleA("MfaRole"));
  p.serial_number = "arn:aws:iam::111111111111:mfa/someone-else";
  p.token_code = "123456";
  Result<AssumeRoleResult> r = Assume(dev, p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
}

// ---- identifiers: §7.5 ----

bool IsAwsIdAlphabet(std::string_view s) {
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
  return true;
}

// §7.5 and docs/world-format.md (ids): AssumedRoleId is AROA…:<session>
// (AROA + 17 of A-Z2-7), temporary keys are ASIA + 16, the expiration is
// now + duration (default one hour).
TEST(StsAssumeRole, IdentifiersOfTheSession) {
  const Identity s = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("R1"), "who"));
  EXPECT_EQ(s.UserId(), s.role->id + ":who");
  EXPECT_EQ(s.role->id.substr(0, 4), "AROA");
  EXPECT_EQ(s.role->id.size(), 21u);
  EXPECT_TRUE(IsAwsIdAlphabet(s.role->id.substr(4))) << s.role->id;
  EXPECT_EQ(s.access_key_id.size(), 20u);
  EXPECT_EQ(s.access_key_id.substr(0, 4), "ASIA");
  EXPECT_TRUE(IsAwsIdAlphabet(s.access_key_id.substr(4))) << s.access_key_id;
  // The same call in the same world gives the same credentials (deterministic).
  const Identity again = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("R1"), "who"));
  EXPECT_EQ(again.access_key_id, s.access_key_id);
  const Identity other = MustAssume(User(TestWorld(), UserA("dev")), Params(RoleA("R1"), "another"));
  EXPECT_NE(other.access_key_id, s.access_key_id);
  EXPECT_FALSE(s.secret_access_key.empty());
  EXPECT_FALSE(s.session_token.empty());
  EXPECT_EQ(s.issued, kNow);
  EXPECT_EQ(s.expiration, kNow + 3600);
}

// ---- GetCallerIdentity: §7.5, T42 ----

// §7.5: GetCallerIdentity for every kind of identity.
TEST(GetCallerIdentity, EveryKind) {
  const world::World& w = TestWorld();
  const CallerIdentityResult root = GetCallerIdentity(w, User(w, "arn:aws:iam::111111111111:root"));
  EXPECT_EQ(root.user_id, "111111111111");
  EXPECT_EQ(root.account, "111111111111");
  EXPECT_EQ(root.arn, "arn:aws:iam::111111111111:root");

  const Identity dev = User(w, UserA("dev"));
  const CallerIdentityResult user = GetCallerIdentity(w, dev);
  EXPECT_EQ(user.user_id, dev.user->id);
  EXPECT_EQ(user.user_id.substr(0, 4), "AIDA");
  EXPECT_EQ(user.account, "111111111111");
  EXPECT_EQ(user.arn, UserA("dev"));

  const Identity s = MustAssume(dev, Params(RoleA("R1"), "sess"));
  const CallerIdentityResult session = GetCallerIdentity(w, s);
  EXPECT_EQ(session.user_id, s.role->id + ":sess");
  EXPECT_EQ(session.arn, "arn:aws:sts::111111111111:assumed-role/R1/sess");

  Result<Identity> sso = SsoSignIn(w, "alice", "Developers", "111111111111", Ctx());
  ASSERT_TRUE(sso.ok()) << sso.error().message;
  const CallerIdentityResult ic = GetCallerIdentity(w, *sso);
  EXPECT_EQ(ic.user_id, sso->role->id + ":alice");
  EXPECT_EQ(ic.arn, "arn:aws:sts::111111111111:assumed-role/" + sso->role->name + "/alice");
  EXPECT_EQ(ic.account, "111111111111");
}

// T42 [§7.5]: GetCallerIdentity needs no permission and an explicit Deny of
// everything does not stop it, while the same Deny stops other actions.
TEST(GetCallerIdentity, T42ExplicitDenyDoesNotStopIt) {
  const world::World& w = TestWorld();
  const Identity denied = User(w, UserA("denied"));
  const CallerIdentityResult r = GetCallerIdentity(w, denied);
  EXPECT_EQ(r.arn, UserA("denied"));
  EXPECT_EQ(r.user_id, denied.user->id);
  // The Deny is real: the same user cannot assume a role its account trusts.
  EXPECT_FALSE(Assume(denied, Params(RoleA("TrustsAccount"))).ok());
}

// ---- Identity Center: §5.1, docs/world-format.md ----

// §5.1 / scenarios.md A: an Identity Center session is a session of the
// provisioned AWSReservedSSO_ role named after the user; aws:userid is
// AROA…:user; ABAC attributes become session tags.
TEST(SsoSignIn, SessionOfTheProvisionedRole) {
  const world::World& w = TestWorld();
  Result<Identity> s = SsoSignIn(w, "alice", "Developers", "111111111111", Ctx());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->kind, Identity::Kind::kRoleSession);
  EXPECT_TRUE(s->sso);
  EXPECT_EQ(s->session_name, "alice");
  EXPECT_EQ(s->role->name.rfind("AWSReservedSSO_Developers_", 0), 0u);
  EXPECT_EQ(s->role->name.size(), std::string("AWSReservedSSO_Developers_").size() + 16);
  EXPECT_EQ(s->role->path, "/aws-reserved/sso.amazonaws.com/");
  EXPECT_TRUE(s->role->protected_sso);
  EXPECT_EQ(s->UserId(), s->role->id + ":alice");
  EXPECT_EQ(TagValue(*s, "User"), "alice");
  EXPECT_EQ(TagValue(*s, "SSMSessionRunAs"), "admin");
  EXPECT_EQ(TagValue(*s, "Department"), "eng");
  EXPECT_EQ(s->access_key_id.substr(0, 4), "ASIA");
  // The permission set's PT8H is the role's maximum and the session's length.
  EXPECT_EQ(s->role->max_session_duration, 8 * 3600);
  EXPECT_EQ(s->expiration, kNow + 8 * 3600);
  // An attribute the user does not have gives no tag.
  Result<Identity> bob = SsoSignIn(w, "bob", "Developers", "111111111111", Ctx());
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(TagValue(*bob, "User"), "bob");
  EXPECT_EQ(TagValue(*bob, "SSMSessionRunAs"), "<absent>");
}

// §5.1: two users of one permission set share the role (and its id); only
// the session name differs.
TEST(SsoSignIn, UsersShareTheRole) {
  const world::World& w = TestWorld();
  Result<Identity> a = SsoSignIn(w, "alice", "Developers", "111111111111", Ctx());
  Result<Identity> b = SsoSignIn(w, "bob", "Developers", "111111111111", Ctx());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->role, b->role);
  EXPECT_NE(a->UserId(), b->UserId());
}

// docs/world-format.md (assignments): a user without an assignment of the
// permission set in that account cannot sign in; nor can an unknown user, or
// anyone into an account without the assignment.
TEST(SsoSignIn, UnassignedUserIsRefused) {
  const world::World& w = TestWorld();
  Result<Identity> eve = SsoSignIn(w, "eve", "Developers", "111111111111", Ctx());
  ASSERT_FALSE(eve.ok());
  EXPECT_EQ(eve.error().code, kForbidden);
  EXPECT_FALSE(SsoSignIn(w, "nobody", "Developers", "111111111111", Ctx()).ok());
  EXPECT_FALSE(SsoSignIn(w, "alice", "Developers", "222222222222", Ctx()).ok());
  EXPECT_FALSE(SsoSignIn(w, "alice", "Admins", "111111111111", Ctx()).ok());
}

// §7.1 (role chaining): an Identity Center session is a role session, so
// AssumeRole from it is chaining, capped at one hour.
TEST(SsoSignIn, AssumingFromAnSsoSessionIsChaining) {
  const world::World& w = TestWorld();
  Result<Identity> s = SsoSignIn(w, "alice", "Developers", "111111111111", Ctx());
  ASSERT_TRUE(s.ok());
  AssumeRoleParams p = Params(RoleA("Long"), "alice");
  p.duration_seconds = 7200;
  Result<AssumeRoleResult> r = AssumeRole(w, *s, p, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationError);
  p.duration_seconds = 3600;
  Result<AssumeRoleResult> ok = AssumeRole(w, *s, p, Ctx());
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  // ABAC session tags are not transitive: they stay behind.
  EXPECT_EQ(TagValue(ok->session, "User"), "<absent>");
}

// ---- LongTermIdentity ----

// docs/world-format.md (Callers): a caller is a user ARN of the world or an
// account root; anything else is refused.
TEST(LongTermIdentity, UsersAndRootsOfTheWorldOnly) {
  const world::World& w = TestWorld();
  EXPECT_EQ(User(w, UserA("u")).kind, Identity::Kind::kUser);
  EXPECT_EQ(User(w, "arn:aws:iam::222222222222:root").kind, Identity::Kind::kRoot);
  EXPECT_FALSE(LongTermIdentity(w, UserA("ghost")).ok());
  EXPECT_FALSE(LongTermIdentity(w, "arn:aws:iam::999999999999:root").ok());
  EXPECT_FALSE(LongTermIdentity(w, RoleA("R1")).ok());  // roles act only through sessions
}

// ---- callers: docs/world-format.md "Callers" ----

// docs/world-format.md: --assume hops take ROLE_ARN[,key=value...].
TEST(Caller, ParseAssumeHop) {
  Result<AssumeRoleParams> p = ParseAssumeHop(
      "arn:aws:iam::111111111111:role/R1,session-name=n1,external-id=X1,duration-seconds=900,"
      "tags=A=1;B=2,transitive-tag-keys=A,source-identity=Diego",
      kNow);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->role_arn, "arn:aws:iam::111111111111:role/R1");
  EXPECT_EQ(p->role_session_name, "n1");
  ASSERT_TRUE(p->external_id.has_value());
  EXPECT_EQ(*p->external_id, "X1");
  ASSERT_TRUE(p->duration_seconds.has_value());
  EXPECT_EQ(*p->duration_seconds, 900);
  ASSERT_EQ(p->tags.size(), 2u);
  EXPECT_EQ(p->tags[1].key, "B");
  EXPECT_EQ(p->tags[1].value, "2");
  ASSERT_EQ(p->transitive_tag_keys.size(), 1u);
  ASSERT_TRUE(p->source_identity.has_value());
  // The default session name is the aws CLI's.
  Result<AssumeRoleParams> d = ParseAssumeHop("arn:aws:iam::111111111111:role/R1", kNow);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->role_session_name, "botocore-session-" + std::to_string(kNow));
  // Role names may contain "," and "=" ([\w+=,.@-]), so text that is not a
  // known ",key=" stays part of the ARN.
  Result<AssumeRoleParams> comma = ParseAssumeHop("arn:aws:iam::111111111111:role/R1,colour=blue", kNow);
  ASSERT_TRUE(comma.ok());
  EXPECT_EQ(comma->role_arn, "arn:aws:iam::111111111111:role/R1,colour=blue");
  EXPECT_FALSE(ParseAssumeHop("arn:aws:iam::111111111111:role/R1,duration-seconds=soon", kNow).ok());
}

// docs/world-format.md (Callers): --caller then --assume hops run in order,
// each as STS would; a failed hop fails with AWS's error.
TEST(Caller, CallerWithHops) {
  CallerSpec spec;
  spec.caller = UserA("dev");
  spec.assume = {RoleA("R1") + ",session-name=one,tags=Star=1,transitive-tag-keys=Star", RoleA("R2") + ",session-name=two"};
  Result<ResolvedCaller> r = ResolveCaller(TestWorld(), spec, Ctx());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->identity.Arn(TestWorld()), "arn:aws:sts::111111111111:assumed-role/R2/two");
  EXPECT_EQ(r->hops.size(), 3u);
  EXPECT_EQ(TagValue(r->identity, "Star"), "1");
  spec.assume = {RoleA("TrustsUser")};
  Result<ResolvedCaller> bad = ResolveCaller(TestWorld(), spec, Ctx());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, kAccessDenied);
}

// docs/world-format.md: sso:USER/PERMISSION_SET@ACCOUNT is an Identity Center
// sign-in.
TEST(Caller, SsoCaller) {
  CallerSpec spec;
  spec.caller = "sso:alice/Developers@111111111111";
  Result<ResolvedCaller> r = ResolveCaller(TestWorld(), spec, Ctx());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->identity.sso);
  EXPECT_EQ(r->identity.session_name, "alice");
  spec.caller = "sso:eve/Developers@111111111111";
  EXPECT_FALSE(ResolveCaller(TestWorld(), spec, Ctx()).ok());
  spec.caller = "sso:alice";
  EXPECT_FALSE(ResolveCaller(TestWorld(), spec, Ctx()).ok());
}

// ---- scenario C, the whole chain (scenarios.md C) ----

std::string ReadExample(std::string_view name) {
  std::string root(__FILE__);
  root = root.substr(0, root.rfind("/src/sts/"));
  std::ifstream in(root + "/examples/worlds/" + std::string(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const world::World& ScenarioC() {
  static const world::World w = Load(ReadExample("c-third-party-external-id.yaml"));
  return w;
}

constexpr std::string_view kThirdPartyRole = "arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA";

void ExpectSwitchrole2(const world::World& w, const ResolvedCaller& r) {
  EXPECT_EQ(r.identity.Arn(w), "arn:aws:sts::111122223333:assumed-role/SSMStartSession_IAM_Role_ThirdPartyA/switchrole2");
  EXPECT_EQ(r.identity.UserId(), w.FindRoleByArn(kThirdPartyRole)->id + ":switchrole2");
  EXPECT_EQ(r.identity.account, "111122223333");
  EXPECT_TRUE(r.identity.chained);
  ASSERT_EQ(r.hops.size(), 3u);
  EXPECT_EQ(r.hops[1].identity.Arn(w), "arn:aws:sts::444455556666:assumed-role/3P_IAM_Assume_Role/switchrole1");
  // The role's tags are the session's principal tags (§5.1): RunAs comes from them.
  EXPECT_EQ(TagValue(r.identity, "SSMSessionRunAs"), "os_user_a_alice");
  EXPECT_EQ(TagValue(r.identity, "ExternalAccessGrantedTo"), "Third_Party_A");
}

// scenarios.md C: the two-hop chain with the right External ID, through the
// world's profile.
TEST(ScenarioC, ChainViaProfile) {
  CallerSpec spec;
  spec.profile = "third-party-a";
  Result<ResolvedCaller> r = ResolveCaller(ScenarioC(), spec, Ctx());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ExpectSwitchrole2(ScenarioC(), *r);
}

// scenarios.md C: the same chain spelled with --caller and --assume.
TEST(ScenarioC, ChainViaAssume) {
  CallerSpec spec;
  spec.caller = "arn:aws:iam::444455556666:user/alice";
  spec.assume = {"arn:aws:iam::444455556666:role/3P_IAM_Assume_Role,session-name=switchrole1",
                 std::string(kThirdPartyRole) + ",session-name=switchrole2,external-id=ExternalID3rdPartyA"};
  Result<ResolvedCaller> r = ResolveCaller(ScenarioC(), spec, Ctx());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ExpectSwitchrole2(ScenarioC(), *r);
}

// scenarios.md C / T35: a wrong or missing External ID on the second hop is
// AccessDenied with AWS's message naming switchrole1.
TEST(ScenarioC, WrongOrMissingExternalId) {
  const std::string expected =
      "User: arn:aws:sts::444455556666:assumed-role/3P_IAM_Assume_Role/switchrole1 is not authorized to perform: "
      "sts:AssumeRole on resource: arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA";
  CallerSpec spec;
  spec.profile = "third-party-hop1";
  Result<ResolvedCaller> hop1 = ResolveCaller(ScenarioC(), spec, Ctx());
  ASSERT_TRUE(hop1.ok()) << hop1.error().message;
  AssumeRoleParams p = Params(kThirdPartyRole, "switchrole2");
  Result<AssumeRoleResult> missing = AssumeRole(ScenarioC(), hop1->identity, p, Ctx());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, kAccessDenied);
  EXPECT_EQ(missing.error().message, expected);
  p.external_id = "ExternalID3rdPartyB";
  Result<AssumeRoleResult> wrong = AssumeRole(ScenarioC(), hop1->identity, p, Ctx());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message, expected);
}

// scenarios.md C / T38: the second hop is role chaining: 7200 s fails.
TEST(ScenarioC, SecondHopLongerThanAnHourIsAValidationError) {
  CallerSpec spec;
  spec.caller = "arn:aws:iam::444455556666:user/alice";
  spec.assume = {"arn:aws:iam::444455556666:role/3P_IAM_Assume_Role,session-name=switchrole1",
                 std::string(kThirdPartyRole) +
                     ",session-name=switchrole2,external-id=ExternalID3rdPartyA,duration-seconds=7200"};
  Result<ResolvedCaller> r = ResolveCaller(ScenarioC(), spec, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationError);
  EXPECT_NE(r.error().message.find("1 hour session limit for roles assumed by role chaining"), std::string::npos);
}

// scenarios.md C: the seed's trust names the user alice; another user of
// THEIR account cannot take the first hop, and alice cannot skip it (YOUR
// role trusts the role, not her).
TEST(ScenarioC, OnlyTheChainWorks) {
  CallerSpec spec;
  spec.caller = "arn:aws:iam::444455556666:user/alice";
  spec.assume = {std::string(kThirdPartyRole) + ",session-name=direct,external-id=ExternalID3rdPartyA"};
  Result<ResolvedCaller> r = ResolveCaller(ScenarioC(), spec, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDenied);
}

}  // namespace
}  // namespace gatehouse::sts
