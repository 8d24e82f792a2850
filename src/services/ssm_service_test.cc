// services/ssm_service_test.cc: Session Manager's API over small worlds:
// StartSession (authorisation of the target and of a named document, AWS's
// AccessDenied text for every denying stage, TargetNotConnected, RunAs),
// session ids and ARNs, TerminateSession and ResumeSession on the session's
// system tags, DescribeSessions and its filters, idle and maximum durations
// on the caller's clock, GetConnectionStatus. Each test names the rule it
// follows: a section of ../shared/spec/ssm-protocol.md ("ssm §2.x"), of
// ../shared/spec/iam-semantics.md ("iam §x"), ../shared/scenarios.md, or,
// where AWS is silent, the choice gatehouse made (said so).
#include "services/ssm_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "policy/decision.h"
#include "sts/sts.h"
#include "world/loader.h"
#include "world/principal_context.h"

namespace gatehouse::services {
namespace {

using world::Identity;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z
constexpr std::string_view kAccount = "111122223333";

// Hosts of 111122223333 in us-east-1 unless said otherwise.
constexpr std::string_view kWeb = "i-0a0000000000000a1";    // Team=web, has webadmin
constexpr std::string_view kDb = "i-0a0000000000000a2";     // Team=db, no webadmin
constexpr std::string_view kScpHost = "i-0a0000000000000a3";  // Scp=deny: the account's SCP denies sessions
constexpr std::string_view kWest = "i-0a0000000000000a4";   // us-west-2
constexpr std::string_view kManaged = "mi-0a0000000000000a5";
constexpr std::string_view kOther = "i-0b0000000000000b1";  // in 444455556666
constexpr std::string_view kUnknown = "i-0f0000000000000f0";

// 111122223333 is a member of an organization whose account-level SCP denies
// sessions on hosts tagged Scp=deny. The preferences document enables RunAs
// with the default no_sudo_user; ShortSession disables RunAs and has a
// 5-minute idle timeout and a 30-minute maximum.
constexpr std::string_view kWorld = R"(
version: 1
region: us-east-1
time: "2026-01-01T00:00:00Z"
organization:
  id: o-a1b2c3d4e5
  root_id: r-ab12
  management_account: "999988887777"
  policies:
    scp:
      FullAWSAccess: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
      DenyScpTaggedSessions:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: ssm:StartSession
            Resource: "*"
            Condition: {StringEquals: {ssm:resourceTag/Scp: deny}}
  root:
    scps: [FullAWSAccess]
    accounts: ["999988887777", "111122223333"]
accounts:
  "999988887777":
    name: management
  "111122223333":
    scps: [FullAWSAccess, DenyScpTaggedSessions]
    policies:
      SessionUser:
        document:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: ssm:StartSession
              Resource:
                - arn:aws:ec2:us-east-1:111122223333:instance/*
                - arn:aws:ssm:us-east-1:111122223333:managed-instance/*
                - arn:aws:ssm:us-east-1:111122223333:document/*
                - arn:aws:ssm:us-east-1::document/AWS-*
            - Effect: Allow
              Action: [ssm:TerminateSession, ssm:ResumeSession]
              Resource: "arn:aws:ssm:*:*:session/${aws:username}-*"
            - Effect: Allow
              Action: [ssm:DescribeSessions, ssm:GetConnectionStatus]
              Resource: "*"
      OnlyDescribe:
        document: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ec2:Describe*", Resource: "*"}]}
      DenyingBoundary:
        document:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Action: "*", Resource: "*"}
            - {Effect: Deny, Action: "ssm:StartSession", Resource: "*"}
    users:
      dev:
        tags: {SSMSessionRunAs: webadmin}
        managed_policies: [SessionUser]
      dev-ops:
        managed_policies: [SessionUser]
      plain:
        managed_policies: [SessionUser]
      anydoc:
        policies:
          EveryResource:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: ssm:StartSession, Resource: "*"}]
      nobody: {}
      denier:
        managed_policies: [SessionUser]
        policies:
          DenyDb:
            Version: "2012-10-17"
            Statement:
              - Effect: Deny
                Action: ssm:StartSession
                Resource: "*"
                Condition: {StringEquals: {ssm:resourceTag/Team: db}}
      bounded:
        managed_policies: [SessionUser]
        permissions_boundary: OnlyDescribe
      bounded-deny:
        managed_policies: [SessionUser]
        permissions_boundary: DenyingBoundary
      rooted:
        tags: {SSMSessionRunAs: root}
        managed_policies: [SessionUser]
      ghost:
        tags: {SSMSessionRunAs: nosuchuser}
        managed_policies: [SessionUser]
      ec2only:
        policies:
          Ec2Only:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: ssm:StartSession, Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"}
      accountdocs:
        policies:
          AccountDocuments:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:StartSession
                Resource: ["arn:aws:ec2:us-east-1:111122223333:instance/*", "arn:aws:ssm:us-east-1:111122223333:document/*"]
      ssmtag:
        policies:
          SsmResourceTag:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:StartSession
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {StringEquals: {ssm:resourceTag/Team: web}}
      awstag:
        policies:
          AwsResourceTag:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:StartSession
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {StringEquals: {aws:ResourceTag/Team: web}}
      bothtags:
        policies:
          BothResourceTagKeys:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:StartSession
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {StringEquals: {ssm:resourceTag/Team: web, aws:ResourceTag/Team: web}}
      doccheck:
        policies:
          DocumentAccessCheck:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:StartSession
                Resource: "arn:aws:ec2:us-east-1:111122223333:instance/*"
                Condition: {Bool: {ssm:SessionDocumentAccessCheck: "true"}}
              - Effect: Allow
                Action: ssm:StartSession
                Resource: "arn:aws:ssm:us-east-1:111122223333:document/ShortSession"
      targetkiller:
        policies:
          TerminateOnWeb:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:TerminateSession
                Resource: "*"
                Condition: {StringLike: {"ssm:resourceTag/aws:ssmmessages:target-id": [i-0a0000000000000a1]}}
      assumer:
        policies:
          AssumeOperator:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: [sts:AssumeRole, sts:TagSession], Resource: "arn:aws:iam::111122223333:role/Operator"}
    roles:
      Operator:
        trust_policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: {AWS: arn:aws:iam::111122223333:user/assumer}
              Action: [sts:AssumeRole, sts:TagSession]
        policies:
          OperatorSessions:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ssm:StartSession
                Resource: ["arn:aws:ec2:us-east-1:111122223333:instance/*", "arn:aws:ssm:us-east-1:111122223333:document/*"]
              - Effect: Allow
                Action: [ssm:TerminateSession, ssm:ResumeSession]
                Resource: "*"
                Condition: {StringEquals: {"ssm:resourceTag/aws:ssmmessages:session-id": "${aws:userid}"}}
    hosts:
      i-0a0000000000000a1:
        tags: {Team: web, Name: web-1}
        linux_users: [webadmin, no_sudo_user, ec2-user]
      i-0a0000000000000a2:
        tags: {Team: db}
        linux_users: [no_sudo_user, ec2-user]
      i-0a0000000000000a3:
        tags: {Scp: deny}
        linux_users: [no_sudo_user]
      i-0a0000000000000a4:
        region: us-west-2
        linux_users: [no_sudo_user]
      mi-0a0000000000000a5:
        tags: {Team: web}
        linux_users: [webadmin, no_sudo_user]
    documents:
      SSM-SessionManagerRunShell:
        content:
          schemaVersion: "1.0"
          sessionType: Standard_Stream
          inputs: {runAsEnabled: true, runAsDefaultUser: no_sudo_user, idleSessionTimeout: "20"}
      ShortSession:
        content:
          schemaVersion: "1.0"
          sessionType: Standard_Stream
          inputs: {runAsEnabled: false, idleSessionTimeout: "5", maxSessionDuration: "30"}
      NoRunAsDefault:
        content:
          schemaVersion: "1.0"
          sessionType: Standard_Stream
          inputs: {runAsEnabled: true}
  "444455556666":
    users:
      outsider:
        policies:
          Sessions:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: "ssm:*", Resource: "*"}
    hosts:
      i-0b0000000000000b1:
        linux_users: [ec2-user]
)";

const world::World& W() {
  static const world::World w = [] {
    Result<world::World> r = world::LoadWorld(kWorld);
    EXPECT_TRUE(r.ok()) << r.error().line << ":" << r.error().column << ": " << r.error().message;
    return std::move(r).value();
  }();
  return w;
}

Identity User(std::string_view name, std::string_view account = kAccount) {
  const std::string arn = "arn:aws:iam::" + std::string(account) + ":user/" + std::string(name);
  Result<Identity> id = sts::LongTermIdentity(W(), arn);
  EXPECT_TRUE(id.ok()) << arn << ": " << id.error().message;
  return std::move(id).value();
}

Identity Root() {
  Result<Identity> id = sts::LongTermIdentity(W(), "arn:aws:iam::111122223333:root");
  EXPECT_TRUE(id.ok()) << id.error().message;
  return std::move(id).value();
}

// A session of Operator assumed by `assumer`, optionally with a session
// policy and session tags.
Identity Operator(std::string_view session_name, std::optional<std::string> session_policy = std::nullopt,
                  std::vector<sts::Tag> tags = {}) {
  sts::AssumeRoleParams p;
  p.role_arn = "arn:aws:iam::111122223333:role/Operator";
  p.role_session_name = std::string(session_name);
  p.policy = std::move(session_policy);
  p.tags = std::move(tags);
  Result<sts::AssumeRoleResult> r = sts::AssumeRole(W(), User("assumer"), p, sts::CallContext{kNow, "us-east-1"});
  EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  return std::move(r).value().session;
}

SsmContext Ctx(std::int64_t now = kNow, std::string_view region = "us-east-1") {
  SsmContext c;
  c.env.now = now;
  c.env.region = std::string(region);
  return c;
}

StartSessionInput In(std::string_view target, std::optional<std::string> document = std::nullopt) {
  StartSessionInput in;
  in.target = std::string(target);
  in.document_name = std::move(document);
  return in;
}

std::string InstanceArn(std::string_view id) {
  return "arn:aws:ec2:us-east-1:111122223333:instance/" + std::string(id);
}

// The AccessDenied texts of iam §7.6.
std::string Implicit(std::string_view principal, std::string_view action, std::string_view resource,
                     std::string_view type) {
  std::string m = "User: " + std::string(principal) + " is not authorized to perform: " + std::string(action);
  if (!resource.empty()) m += " on resource: " + std::string(resource);
  return m + " because no " + std::string(type) + " allows the " + std::string(action) + " action";
}
std::string Explicit(std::string_view principal, std::string_view action, std::string_view resource,
                     std::string_view type_with_article) {
  return "User: " + std::string(principal) + " is not authorized to perform: " + std::string(action) +
         " on resource: " + std::string(resource) + " with an explicit deny in " + std::string(type_with_article);
}

constexpr std::string_view kStart = "ssm:StartSession";

// Starts a session that must succeed.
ssm::Session MustStart(const Identity& caller, std::string_view target, ssm::SessionStore& store,
                       std::int64_t now = kNow, std::optional<std::string> document = std::nullopt) {
  Result<StartSessionResult> r = StartSession(W(), caller, In(target, std::move(document)), Ctx(now), &store);
  EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  return r.ok() ? r->session : ssm::Session{};
}

// ---- StartSession: allowed and denied, AWS's message per denying stage ----

// iam §6 (an identity Allow with no Deny anywhere is Allow); ssm §2.10: the
// target ARN is arn:aws:ec2:R:A:instance/<id>.
TEST(StartSession, AllowedByTheIdentityPolicy) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("plain"), kWeb, store);
  EXPECT_EQ(s.target, kWeb);
  EXPECT_EQ(s.status, ssm::SessionStatus::kConnecting);  // ssm §2.11: StartSession returned, nobody joined yet
  const AccessCheck c = CheckStartSession(W(), User("plain"), In(kWeb), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kAllow);
  EXPECT_TRUE(c.message.empty());
}

// iam §7.6 + ssm §2.1: AccessDeniedException, "because no identity-based
// policy allows the ssm:StartSession action".
TEST(StartSession, NoIdentityPolicyAllows) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("nobody"), In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
  EXPECT_EQ(r.error().message, Implicit("arn:aws:iam::111122223333:user/nobody", kStart, InstanceArn(kWeb),
                                        "identity-based policy"));
  EXPECT_TRUE(store.List().empty());  // a denied call creates no session
  const AccessCheck c = CheckStartSession(W(), User("nobody"), In(kWeb), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kImplicitDeny);
  EXPECT_EQ(c.decision.denied_by, policy::DeniedBy::kIdentityPolicy);
}

// iam §7.6: "with an explicit deny in an identity-based policy"; iam §6:
// an explicit Deny beats the Allow of the managed policy.
TEST(StartSession, ExplicitDenyInIdentityPolicy) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("denier"), In(kDb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
  EXPECT_EQ(r.error().message, Explicit("arn:aws:iam::111122223333:user/denier", kStart, InstanceArn(kDb),
                                        "an identity-based policy"));
  // The Deny reads ssm:resourceTag/Team: the web host is unaffected.
  EXPECT_TRUE(StartSession(W(), User("denier"), In(kWeb), Ctx(), &store).ok());
}

// iam §7.6: an SCP deny reads "with an explicit deny in a service control
// policy"; SCPs govern every principal of a member account (iam §6).
TEST(StartSession, ExplicitDenyInServiceControlPolicy) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("plain"), In(kScpHost), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Explicit("arn:aws:iam::111122223333:user/plain", kStart, InstanceArn(kScpHost),
                                        "a service control policy"));
  const AccessCheck c = CheckStartSession(W(), Root(), In(kScpHost), Ctx());
  EXPECT_EQ(c.decision.denied_by, policy::DeniedBy::kScp);  // the root user of a member account too
}

// iam §7.6: "because no permissions boundary allows"; "with an explicit deny
// in a permissions boundary".
TEST(StartSession, PermissionsBoundary) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("bounded"), In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Implicit("arn:aws:iam::111122223333:user/bounded", kStart, InstanceArn(kWeb),
                                        "permissions boundary"));
  r = StartSession(W(), User("bounded-deny"), In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Explicit("arn:aws:iam::111122223333:user/bounded-deny", kStart, InstanceArn(kWeb),
                                        "a permissions boundary"));
}

// iam §7.6: "because no session policy allows"; "with an explicit deny in a
// session policy"; the principal of a role session is its assumed-role ARN,
// still introduced by "User:".
TEST(StartSession, SessionPolicy) {
  ssm::MemorySessionStore store;
  const Identity narrow = Operator(
      "sp1", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})");
  Result<StartSessionResult> r = StartSession(W(), narrow, In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Implicit("arn:aws:sts::111122223333:assumed-role/Operator/sp1", kStart,
                                        InstanceArn(kWeb), "session policy"));
  const Identity denying = Operator(
      "sp2", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
             R"({"Effect":"Deny","Action":"ssm:StartSession","Resource":"*"}]})");
  r = StartSession(W(), denying, In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Explicit("arn:aws:sts::111122223333:assumed-role/Operator/sp2", kStart,
                                        InstanceArn(kWeb), "a session policy"));
  // Without a session policy the role's own policy allows.
  EXPECT_TRUE(StartSession(W(), Operator("sp3"), In(kWeb), Ctx(), &store).ok());
}

// ssm §2.10 / iam §9.1: a managed instance's ARN is
// arn:aws:ssm:R:A:managed-instance/<mi-id>, so an instance/* grant does not
// reach it.
TEST(StartSession, ManagedInstanceArn) {
  const AccessCheck c = CheckStartSession(W(), User("ec2only"), In(kManaged), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kImplicitDeny);
  EXPECT_EQ(c.message, Implicit("arn:aws:iam::111122223333:user/ec2only", kStart,
                                "arn:aws:ssm:us-east-1:111122223333:managed-instance/" + std::string(kManaged),
                                "identity-based policy"));
  EXPECT_TRUE(CheckStartSession(W(), User("plain"), In(kManaged), Ctx()).decision.allowed());
}

// ---- the request context: ssm:resourceTag/K and aws:ResourceTag/K ----

// iam §5.3 / §9.1: StartSession carries the target's tags both as
// ssm:resourceTag/K and as aws:ResourceTag/K.
TEST(StartSession, BothResourceTagKeysArePresent) {
  for (const char* user : {"ssmtag", "awstag", "bothtags"}) {
    SCOPED_TRACE(user);
    EXPECT_TRUE(CheckStartSession(W(), User(user), In(kWeb), Ctx()).decision.allowed());
    EXPECT_EQ(CheckStartSession(W(), User(user), In(kDb), Ctx()).decision.outcome, policy::Outcome::kImplicitDeny);
  }
  // An unknown target has no tags: a tag condition cannot match it.
  EXPECT_EQ(CheckStartSession(W(), User("ssmtag"), In(kUnknown), Ctx()).decision.outcome,
            policy::Outcome::kImplicitDeny);
  std::vector<std::string> names = StartSessionTargetKeyNames(*W().FindHost(kWeb));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"aws:ResourceTag/Name", "aws:ResourceTag/Team", "ssm:resourceTag/Name",
                                             "ssm:resourceTag/Team"}));
}

// ---- documents ----

// iam §5.3 / §9.1: when a document is named, StartSession is authorised on
// the document ARN too, and ssm:SessionDocumentAccessCheck is true on the
// request; without a document the key is absent (a Bool condition on it
// then does not match).
TEST(StartSession, NamedDocumentIsAuthorisedWithSessionDocumentAccessCheck) {
  const Identity u = User("doccheck");
  // No document: the instance statement needs the key, which is absent.
  AccessCheck c = CheckStartSession(W(), u, In(kWeb), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kImplicitDeny);
  EXPECT_EQ(c.message, Implicit("arn:aws:iam::111122223333:user/doccheck", kStart, InstanceArn(kWeb),
                                "identity-based policy"));
  // The allowed document: both resources allow.
  c = CheckStartSession(W(), u, In(kWeb, "ShortSession"), Ctx());
  EXPECT_TRUE(c.decision.allowed()) << c.message;
  // ssm §2.2: DocumentName may be an ARN.
  c = CheckStartSession(W(), u, In(kWeb, "arn:aws:ssm:us-east-1:111122223333:document/ShortSession"), Ctx());
  EXPECT_TRUE(c.decision.allowed()) << c.message;
  // Another document: denied on the document's ARN.
  c = CheckStartSession(W(), u, In(kWeb, "NoRunAsDefault"), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kImplicitDeny);
  EXPECT_EQ(c.message, Implicit("arn:aws:iam::111122223333:user/doccheck", kStart,
                                "arn:aws:ssm:us-east-1:111122223333:document/NoRunAsDefault", "identity-based policy"));
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), u, In(kWeb, "NoRunAsDefault"), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
}

// ssm §2.2 / iam §9.1: a document named by ARN is authorised on that ARN;
// one in another account or region is not the caller's document, so it is
// not found (InvalidDocument), even when a policy allows every document.
TEST(StartSession, DocumentArnOfAnotherAccountOrRegionIsNotFound) {
  const Identity u = User("anydoc");
  for (const char* arn : {"arn:aws:ssm:us-east-1:999999999999:document/ShortSession",
                          "arn:aws:ssm:eu-west-1:111122223333:document/ShortSession"}) {
    const AccessCheck c = CheckStartSession(W(), u, In(kWeb, arn), Ctx());
    ASSERT_TRUE(c.error.has_value()) << arn;
    EXPECT_EQ(c.error->code, kInvalidDocument) << arn;
    ssm::MemorySessionStore store;
    Result<StartSessionResult> r = StartSession(W(), u, In(kWeb, arn), Ctx(), &store);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, kInvalidDocument);
    EXPECT_TRUE(store.List().empty());
  }
  // A caller whose policy names only its own documents is denied on the
  // foreign ARN before anything is looked up.
  const AccessCheck c =
      CheckStartSession(W(), User("doccheck"), In(kWeb, "arn:aws:ssm:us-east-1:999999999999:document/ShortSession"), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kImplicitDeny);
  EXPECT_FALSE(c.error.has_value());
}

// iam §9.1: AWS-owned documents have an empty account in their ARN
// (arn:aws:ssm:R::document/AWS-StartSSHSession), so a grant on the
// account's documents does not cover them.
TEST(StartSession, AwsOwnedDocumentArnHasNoAccount) {
  const AccessCheck c = CheckStartSession(W(), User("accountdocs"), In(kWeb, "AWS-StartPortForwardingSession"), Ctx());
  EXPECT_EQ(c.decision.outcome, policy::Outcome::kImplicitDeny);
  EXPECT_EQ(c.message, Implicit("arn:aws:iam::111122223333:user/accountdocs", kStart,
                                "arn:aws:ssm:us-east-1::document/AWS-StartPortForwardingSession",
                                "identity-based policy"));
  // ssm §2.12: a Port session has no shell, so no RunAs user is chosen.
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("plain"), kWeb, store, kNow, "AWS-StartPortForwardingSession");
  EXPECT_EQ(s.document_name, "AWS-StartPortForwardingSession");
  EXPECT_TRUE(s.run_as_user.empty());
}

// ssm §2.2: a document that does not exist is InvalidDocument, and no
// session is recorded.
TEST(StartSession, UnknownDocumentIsInvalidDocument) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("plain"), In(kWeb, "NoSuchDocument"), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidDocument);
  EXPECT_TRUE(store.List().empty());
}

// ssm §2.2 / §2.1: the server enforces the model's constraints with
// ValidationException.
TEST(StartSession, InputValidation) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("plain"), In(""), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
  EXPECT_NE(r.error().message.find("1 validation error detected: Value '' at 'target'"), std::string::npos);
  r = StartSession(W(), User("plain"), In(kWeb, "a b"), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
  EXPECT_NE(r.error().message.find("^[a-zA-Z0-9_\\-.:/]{3,128}$"), std::string::npos);
  StartSessionInput in = In(kWeb);
  in.reason = std::string(257, 'x');
  r = StartSession(W(), User("plain"), in, Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
  in.reason = std::string(256, 'x');
  r = StartSession(W(), User("plain"), in, Ctx(), &store);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->session.reason, std::string(256, 'x'));
}

// ---- TargetNotConnected ----

// ssm §2.2: an unknown target, or a host of another account or region, is
// TargetNotConnected with the message "<target> is not connected.".
TEST(StartSession, TargetNotConnected) {
  ssm::MemorySessionStore store;
  for (std::string_view target : {kUnknown, kOther, kWest}) {
    SCOPED_TRACE(target);
    Result<StartSessionResult> r = StartSession(W(), User("plain"), In(target), Ctx(), &store);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, kTargetNotConnected);
    EXPECT_EQ(r.error().message, std::string(target) + " is not connected.");
  }
  EXPECT_TRUE(store.List().empty());
  // The us-west-2 host is there when the call is made in us-west-2.
  Result<StartSessionResult> r = StartSession(W(), User("plain"), In(kWest), Ctx(kNow, "us-west-2"), &store);
  // ... but the policy names us-east-1 instances only.
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
  EXPECT_NE(r.error().message.find("arn:aws:ec2:us-west-2:111122223333:instance/" + std::string(kWest)),
            std::string::npos);
}

// gatehouse's order (AWS authorises a request before the service handles
// it): a caller not allowed on the target ARN gets AccessDenied even when
// the target does not exist, so the error does not reveal which hosts exist.
TEST(StartSession, AuthorisationComesBeforeTheTargetLookup) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("nobody"), In(kUnknown), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
}

// ---- RunAs ----

// ssm §2.12 rule 1: a principal tagged SSMSessionRunAs runs as that user.
TEST(RunAs, PrincipalTag) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("dev"), kWeb, store);
  EXPECT_EQ(s.run_as_user, "webadmin");
  EXPECT_EQ(s.run_as_source, "principal-tag");
  EXPECT_EQ(s.run_as_rule, "SSMSessionRunAs tag of IAM user dev");
}

// ssm §2.12 rule 2: without the tag, the preferences' runAsDefaultUser.
TEST(RunAs, DocumentDefault) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("plain"), kWeb, store);
  EXPECT_EQ(s.run_as_user, "no_sudo_user");
  EXPECT_EQ(s.run_as_source, "document-default");
  EXPECT_EQ(s.run_as_rule, "runAsDefaultUser of SSM-SessionManagerRunShell");
  EXPECT_EQ(s.document_name, "SSM-SessionManagerRunShell");
}

// ssm §2.12: with runAsEnabled false the session runs as ssm-user (created
// by the agent), whatever the tag says.
TEST(RunAs, DisabledMeansSsmUser) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("dev"), kWeb, store, kNow, "ShortSession");
  EXPECT_EQ(s.run_as_user, "ssm-user");
  EXPECT_EQ(s.run_as_source, "ssm-user");
}

// ssm §2.12: an account without a preferences document gets AWS's defaults:
// RunAs disabled (ssm-user), 20-minute idle timeout.
TEST(RunAs, NoPreferencesDocumentMeansAwsDefaults) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("outsider", "444455556666"), kOther, store);
  EXPECT_EQ(s.run_as_user, "ssm-user");
  EXPECT_EQ(s.idle_timeout_minutes, 20);
  EXPECT_FALSE(s.max_duration_minutes.has_value());
  EXPECT_EQ(s.document_name, "SSM-SessionManagerRunShell");
  Result<Preferences> p = PreferencesFor(W(), "444455556666", std::nullopt);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->content.inputs.run_as_enabled);
}

// ssm §2.12: "root is not supported as RunAs": a principal tagged root gets
// a Failed session; a document naming root as runAsDefaultUser never makes a
// root shell either: the session fails.
TEST(RunAs, RootIsRefused) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("rooted"), In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ssm::kRunAsUserNotSupported);
  ASSERT_EQ(store.List().size(), 1u);
  EXPECT_EQ(store.List()[0].status, ssm::SessionStatus::kFailed);

  constexpr std::string_view kRootDefault =
      R"({"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{"runAsEnabled":true,"runAsDefaultUser":"root"}})";
  // The document is valid (docs/semantics.md §7): root is refused when a
  // session would run as it.
  Result<ssm::SessionDocumentContent> doc = ssm::ParseSessionDocument(kRootDefault);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  Result<world::World> w = world::LoadWorld(std::string(R"(
version: 1
accounts:
  "111122223333":
    users:
      u:
        policies:
          P: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "ssm:*", Resource: "*"}]}
    hosts:
      i-0a0000000000000a1: {linux_users: [root, ec2-user]}
    documents:
      SSM-SessionManagerRunShell:
        content: )") + std::string(kRootDefault) + "\n");
  ASSERT_TRUE(w.ok()) << w.error().message;
  Result<Identity> u = sts::LongTermIdentity(*w, "arn:aws:iam::111122223333:user/u");
  ASSERT_TRUE(u.ok());
  ssm::MemorySessionStore store2;
  r = StartSession(*w, *u, In(kWeb), Ctx(), &store2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ssm::kRunAsUserNotSupported);
  ASSERT_EQ(store2.List().size(), 1u);
  EXPECT_EQ(store2.List()[0].status, ssm::SessionStatus::kFailed);
}

// ssm §2.12 rule 3: RunAs enabled, no tag and no runAsDefaultUser: the
// session fails ("please set the RunAs default user"), no fallback to
// ssm-user.
TEST(RunAs, NoTagAndNoDefaultFails) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("plain"), In(kWeb, "NoRunAsDefault"), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ssm::kRunAsUserNotSet);
  EXPECT_NE(r.error().message.find("please set the RunAs default user"), std::string::npos);
  ASSERT_EQ(store.List().size(), 1u);
  EXPECT_EQ(store.List()[0].status, ssm::SessionStatus::kFailed);
}

// ssm §2.11 / §2.12: a RunAs user missing on the host makes the session
// Failed ("failed to start pty since RunAs user <u> does not exist"); it is
// recorded (DescribeSessions History shows it) and the tag does not fall back
// to the document's default.
TEST(RunAs, MissingUserIsAFailedSession) {
  ssm::MemorySessionStore store;
  Result<StartSessionResult> r = StartSession(W(), User("ghost"), In(kWeb), Ctx(), &store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ssm::kRunAsUserNotFound);
  EXPECT_NE(r.error().message.find("failed to start pty since RunAs user nosuchuser does not exist"),
            std::string::npos);
  r = StartSession(W(), User("dev"), In(kDb), Ctx(kNow + 1), &store);  // no webadmin on the db host
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ssm::kRunAsUserNotFound);
  const std::vector<ssm::Session> all = store.List();
  ASSERT_EQ(all.size(), 2u);
  for (const ssm::Session& s : all) {
    EXPECT_EQ(s.status, ssm::SessionStatus::kFailed);
    EXPECT_FALSE(s.active());
    EXPECT_NE(s.details.find("does not exist"), std::string::npos);
    EXPECT_EQ(s.end, s.start);
  }
  Result<std::vector<ssm::Session>> history = DescribeSessions(W(), User("plain"), "History", {}, Ctx(kNow + 2), store);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);
  // access check without the host check chooses the user anyway.
  const AccessCheck c = CheckStartSession(W(), User("ghost"), In(kWeb), Ctx(), /*require_user_on_host=*/false);
  ASSERT_TRUE(c.run_as.has_value());
  EXPECT_EQ(c.run_as->user, "nosuchuser");
  EXPECT_FALSE(c.error.has_value());
}

// gatehouse's choice (ssm §2.12 leaves it open): an STS session tag
// SSMSessionRunAs counts as the principal's tag (it is aws:PrincipalTag).
TEST(RunAs, SessionTagCounts) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(Operator("tagged", std::nullopt, {{"SSMSessionRunAs", "webadmin"}}), kWeb, store);
  EXPECT_EQ(s.run_as_user, "webadmin");
  EXPECT_EQ(s.run_as_source, "principal-tag");
  EXPECT_NE(s.run_as_rule.find("session tag"), std::string::npos) << s.run_as_rule;
  const ssm::Session u = MustStart(Operator("untagged"), kWeb, store, kNow + 1);
  EXPECT_EQ(u.run_as_user, "no_sudo_user");
}

// scenarios.md E (gatehouse's opt-in extension): a mapping for the role
// takes precedence over the tag, and the rule is named.
TEST(RunAs, MappingTakesPrecedenceOverTheTag) {
  SsmContext ctx = Ctx();
  ctx.run_as.mappings_enabled = true;
  ctx.run_as.mappings.push_back({ssm::RunAsMapping::Kind::kRole, "arn:aws:iam::111122223333:role/Operator", "ec2-user"});
  const AccessCheck c =
      CheckStartSession(W(), Operator("mapped", std::nullopt, {{"SSMSessionRunAs", "webadmin"}}), In(kWeb), ctx);
  ASSERT_TRUE(c.run_as.has_value());
  EXPECT_EQ(c.run_as->user, "ec2-user");
  EXPECT_EQ(c.run_as->source, ssm::RunAsSource::kMapping);
  EXPECT_NE(c.run_as->rule.find("takes precedence over the SSMSessionRunAs tag webadmin"), std::string::npos);
}

// ---- session ids, ARNs, system tags ----

// ssm §2.10: SessionId = <caller name>-<17 lower-case hex> (IAM user name,
// role session name, or root); ARN arn:aws:ssm:R:A:session/<id>; the
// system tags target-id = the target, session-id = the caller's aws:userid.
TEST(Sessions, IdArnAndSystemTags) {
  ssm::MemorySessionStore store;
  const ssm::Session u = MustStart(User("plain"), kWeb, store);
  EXPECT_TRUE(std::regex_match(u.id, std::regex("plain-[0-9a-f]{17}"))) << u.id;
  EXPECT_EQ(u.arn, "arn:aws:ssm:us-east-1:111122223333:session/" + u.id);
  EXPECT_EQ(u.owner, "arn:aws:iam::111122223333:user/plain");
  EXPECT_TRUE(std::regex_match(u.owner_user_id, std::regex("AIDA[A-Z2-7]{17}"))) << u.owner_user_id;
  EXPECT_EQ(u.SystemTags(), (std::map<std::string, std::string>{{"aws:ssmmessages:session-id", u.owner_user_id},
                                                                {"aws:ssmmessages:target-id", std::string(kWeb)}}));
  // ssm §2.2: SessionId, TokenValue and StreamUrl are all present.
  EXPECT_FALSE(u.token.empty());
  EXPECT_EQ(u.stream_url, "wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/" + u.id +
                              "?role=publish_subscribe");

  const Identity op = Operator("ops1");
  const ssm::Session r = MustStart(op, kWeb, store, kNow + 1);
  EXPECT_TRUE(std::regex_match(r.id, std::regex("ops1-[0-9a-f]{17}"))) << r.id;
  EXPECT_EQ(r.owner, "arn:aws:sts::111122223333:assumed-role/Operator/ops1");
  EXPECT_EQ(r.owner_user_id, op.UserId());
  EXPECT_TRUE(std::regex_match(r.owner_user_id, std::regex("AROA[A-Z2-7]{17}:ops1"))) << r.owner_user_id;

  const ssm::Session root = MustStart(Root(), kWeb, store, kNow + 2);
  EXPECT_TRUE(std::regex_match(root.id, std::regex("root-[0-9a-f]{17}"))) << root.id;
  EXPECT_EQ(root.owner_user_id, "111122223333");  // iam §5.1: the root's aws:userid is the account id

  // Two sessions of one caller on one host at one time are distinct.
  const ssm::Session again = MustStart(User("plain"), kWeb, store);
  EXPECT_NE(again.id, u.id);
  EXPECT_EQ(store.List().size(), 4u);
}

// ---- TerminateSession / ResumeSession ----

// ssm §2.10 + scenarios.md B1: Resource session/${aws:username}-* lets an
// IAM user end their own sessions and not another user's; the message names
// the session ARN (iam §7.6, SSM's example).
TEST(TerminateSession, OwnSessionByUsername) {
  ssm::MemorySessionStore store;
  const ssm::Session mine = MustStart(User("plain"), kWeb, store);
  const ssm::Session theirs = MustStart(User("dev"), kWeb, store, kNow + 1);
  Result<std::string> r = TerminateSession(W(), User("plain"), theirs.id, Ctx(kNow + 10), store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
  EXPECT_EQ(r.error().message, Implicit("arn:aws:iam::111122223333:user/plain", "ssm:TerminateSession",
                                        "arn:aws:ssm:us-east-1:111122223333:session/" + theirs.id,
                                        "identity-based policy"));
  EXPECT_EQ(store.Get(theirs.id)->status, ssm::SessionStatus::kConnecting);
  r = TerminateSession(W(), User("plain"), mine.id, Ctx(kNow + 10), store);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, mine.id);
  EXPECT_EQ(store.Get(mine.id)->status, ssm::SessionStatus::kTerminated);
  EXPECT_EQ(store.Get(mine.id)->end, kNow + 10);
  // ssm §2.3: terminating an ended session succeeds (idempotent).
  r = TerminateSession(W(), User("plain"), mine.id, Ctx(kNow + 20), store);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(store.Get(mine.id)->end, kNow + 10);
}

// iam §9.1 (the documented weakness of the prefix form): session ids are
// <name>-<hex>, so session/dev-* also matches the sessions of a user named
// dev-ops. AWS-faithful: Allow.
TEST(TerminateSession, UsernamePrefixAlsoMatchesLongerNames) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("dev-ops"), kWeb, store);
  EXPECT_TRUE(TerminateSession(W(), User("dev"), s.id, Ctx(kNow + 1), store).ok());
}

// ssm §2.10 / iam §9.1, scenarios.md B3 and C: the system tag
// aws:ssmmessages:session-id equals the starter's aws:userid, so
// StringEquals ${aws:userid} lets a role session end and resume only its own
// sessions (the username form matches nothing for roles).
TEST(TerminateSession, OwnSessionByUseridTagForRoleSessions) {
  ssm::MemorySessionStore store;
  const Identity ops1 = Operator("ops1");
  const Identity ops2 = Operator("ops2");
  const ssm::Session s1 = MustStart(ops1, kWeb, store);
  const ssm::Session s2 = MustStart(ops2, kWeb, store, kNow + 1);
  Result<std::string> r = TerminateSession(W(), ops2, s1.id, Ctx(kNow + 5), store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Implicit("arn:aws:sts::111122223333:assumed-role/Operator/ops2", "ssm:TerminateSession",
                                        "arn:aws:ssm:us-east-1:111122223333:session/" + s1.id, "identity-based policy"));
  Result<ResumeResult> rr = ResumeSession(W(), ops2, s1.id, Ctx(kNow + 5), store);
  ASSERT_FALSE(rr.ok());
  EXPECT_EQ(rr.error().code, kAccessDeniedException);
  EXPECT_NE(rr.error().message.find("ssm:ResumeSession on resource: arn:aws:ssm:us-east-1:111122223333:session/" + s1.id),
            std::string::npos);
  // Own session: resume then terminate.
  rr = ResumeSession(W(), ops1, s1.id, Ctx(kNow + 6), store);
  ASSERT_TRUE(rr.ok()) << rr.error().message;
  EXPECT_FALSE(rr->token.empty());
  EXPECT_EQ(rr->stream_url, s1.stream_url);  // ssm §2.4: the plugin re-dials the original URL
  EXPECT_EQ(store.Get(s1.id)->status, ssm::SessionStatus::kConnected);
  EXPECT_TRUE(TerminateSession(W(), ops1, s1.id, Ctx(kNow + 7), store).ok());
  EXPECT_EQ(store.Get(s1.id)->status, ssm::SessionStatus::kTerminated);
  EXPECT_TRUE(TerminateSession(W(), ops2, s2.id, Ctx(kNow + 8), store).ok());
  // An IAM user's session/${aws:username}-* does not reach a role
  // session's id.
  EXPECT_FALSE(TerminateSession(W(), User("plain"), s2.id, Ctx(kNow + 9), store).ok());
}

// iam §9.1 / scenarios.md B3: the system tag aws:ssmmessages:target-id is
// the session's target.
TEST(TerminateSession, ByTargetIdTag) {
  ssm::MemorySessionStore store;
  const ssm::Session on_web = MustStart(User("plain"), kWeb, store);
  const ssm::Session on_db = MustStart(User("plain"), kDb, store, kNow + 1);
  EXPECT_TRUE(TerminateSession(W(), User("targetkiller"), on_web.id, Ctx(kNow + 2), store).ok());
  Result<std::string> r = TerminateSession(W(), User("targetkiller"), on_db.id, Ctx(kNow + 2), store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
}

// ssm §2.4: resuming an ended session returns an empty TokenValue (the
// plugin then reports a timeout); a session that does not exist is
// DoesNotExistException.
TEST(ResumeSession, EndedAndUnknownSessions) {
  ssm::MemorySessionStore store;
  const ssm::Session s = MustStart(User("plain"), kWeb, store);
  ASSERT_TRUE(TerminateSession(W(), User("plain"), s.id, Ctx(kNow + 1), store).ok());
  Result<ResumeResult> r = ResumeSession(W(), User("plain"), s.id, Ctx(kNow + 2), store);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->token.empty());
  r = ResumeSession(W(), User("plain"), "plain-00000000000000000", Ctx(kNow + 2), store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kDoesNotExistException);
}

// gatehouse's choice: TerminateSession of an id that does not exist succeeds
// when the caller may terminate that session ARN (ssm §2.3: the CLI calls it
// blindly), and is AccessDenied otherwise.
TEST(TerminateSession, UnknownSessionId) {
  ssm::MemorySessionStore store;
  EXPECT_TRUE(TerminateSession(W(), User("plain"), "plain-00000000000000000", Ctx(), store).ok());
  EXPECT_FALSE(TerminateSession(W(), User("plain"), "dev-00000000000000000", Ctx(), store).ok());
  EXPECT_TRUE(store.List().empty());
  Result<std::string> r = TerminateSession(W(), User("plain"), std::string(97, 'x'), Ctx(), store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);  // ssm §2.3: SessionId 1..96
}

// ---- DescribeSessions ----

class DescribeSessionsTest : public ::testing::Test {
 protected:
  // s1: plain on web at T; s2: plain on db at T+100; s3: dev on web at
  // T+200, terminated at T+300; a failed session (ghost, whose RunAs user
  // does not exist) at T+400.
  void SetUp() override {
    s1_ = MustStart(User("plain"), kWeb, store_, kNow);
    s2_ = MustStart(User("plain"), kDb, store_, kNow + 100);
    s3_ = MustStart(User("dev"), kWeb, store_, kNow + 200);
    ASSERT_TRUE(TerminateSession(W(), User("dev"), s3_.id, Ctx(kNow + 300), store_).ok());
    ASSERT_FALSE(StartSession(W(), User("ghost"), In(kWeb), Ctx(kNow + 400), &store_).ok());
    for (const ssm::Session& s : store_.List())
      if (s.status == ssm::SessionStatus::kFailed) failed_ = s;
    ASSERT_FALSE(failed_.id.empty());
  }

  std::vector<std::string> Ids(const std::string& state, const std::vector<SessionFilter>& filters = {}) {
    Result<std::vector<ssm::Session>> r = DescribeSessions(W(), User("plain"), state, filters, Ctx(kNow + 500), store_);
    EXPECT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
    std::vector<std::string> ids;
    if (r.ok())
      for (const ssm::Session& s : *r) ids.push_back(s.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  static std::vector<std::string> Sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  ssm::MemorySessionStore store_;
  ssm::Session s1_, s2_, s3_, failed_;
};

// ssm §2.5: Active = not yet ended, History = ended (Terminated, Failed).
TEST_F(DescribeSessionsTest, ActiveAndHistory) {
  EXPECT_EQ(Ids("Active"), Sorted({s1_.id, s2_.id}));
  EXPECT_EQ(Ids("History"), Sorted({s3_.id, failed_.id}));
}

// ssm §2.5: InvokedAfter = started at or after; InvokedBefore = started
// before (timestamp text like 2024-08-29T00:00:00Z).
TEST_F(DescribeSessionsTest, InvokedAfterAndBefore) {
  EXPECT_EQ(Ids("Active", {{"InvokedAfter", "2026-01-01T00:01:40Z"}}), Sorted({s2_.id}));  // T+100: at counts
  EXPECT_EQ(Ids("Active", {{"InvokedAfter", "2026-01-01T00:01:41Z"}}), std::vector<std::string>{});
  EXPECT_EQ(Ids("Active", {{"InvokedBefore", "2026-01-01T00:01:40Z"}}), Sorted({s1_.id}));  // before: strictly
  EXPECT_EQ(Ids("History", {{"InvokedAfter", "2026-01-01T00:05:00Z"}, {"InvokedBefore", "2026-01-01T00:10:00Z"}}),
            Sorted({failed_.id}));
}

// ssm §2.5: Target, Owner (the starter's ARN), Status, SessionId; several
// filters all apply.
TEST_F(DescribeSessionsTest, TargetOwnerStatusSessionId) {
  EXPECT_EQ(Ids("Active", {{"Target", std::string(kDb)}}), Sorted({s2_.id}));
  EXPECT_EQ(Ids("History", {{"Target", std::string(kWeb)}}), Sorted({s3_.id, failed_.id}));
  EXPECT_EQ(Ids("History", {{"Owner", "arn:aws:iam::111122223333:user/dev"}}), Sorted({s3_.id}));
  EXPECT_EQ(Ids("Active", {{"Owner", "arn:aws:iam::111122223333:user/dev"}}), std::vector<std::string>{});
  EXPECT_EQ(Ids("Active", {{"Status", "Connecting"}}), Sorted({s1_.id, s2_.id}));
  EXPECT_EQ(Ids("History", {{"Status", "Failed"}}), Sorted({failed_.id}));
  EXPECT_EQ(Ids("History", {{"Status", "Terminated"}}), Sorted({s3_.id}));
  EXPECT_EQ(Ids("Active", {{"SessionId", s1_.id}}), Sorted({s1_.id}));
  EXPECT_EQ(Ids("History", {{"SessionId", s1_.id}}), std::vector<std::string>{});
  EXPECT_EQ(Ids("Active", {{"Target", std::string(kWeb)}, {"Owner", "arn:aws:iam::111122223333:user/plain"}}),
            Sorted({s1_.id}));
}

// ssm §2.5: an unknown filter key is InvalidFilterKey (keys are an enum,
// case-sensitive); State is Active or History; at most 6 filters.
TEST_F(DescribeSessionsTest, InvalidInput) {
  Result<std::vector<ssm::Session>> r =
      DescribeSessions(W(), User("plain"), "Active", {{"Colour", "blue"}}, Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidFilterKey);
  r = DescribeSessions(W(), User("plain"), "Active", {{"target", std::string(kWeb)}}, Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kInvalidFilterKey);
  r = DescribeSessions(W(), User("plain"), "Ended", {}, Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
  r = DescribeSessions(W(), User("plain"), "Active", std::vector<SessionFilter>(7, {"Target", std::string(kWeb)}),
                       Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
  r = DescribeSessions(W(), User("plain"), "Active", {{"InvokedAfter", "yesterday"}}, Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
  r = DescribeSessions(W(), User("plain"), "Active", {{"Status", "Running"}}, Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kValidationException);
}

// iam §9.1: DescribeSessions has no resource type (Resource "*"); iam §7.6:
// the message then has no "on resource:" part.
TEST_F(DescribeSessionsTest, Authorised) {
  Result<std::vector<ssm::Session>> r = DescribeSessions(W(), User("nobody"), "Active", {}, Ctx(kNow + 500), store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
  EXPECT_EQ(r.error().message, Implicit("arn:aws:iam::111122223333:user/nobody", "ssm:DescribeSessions", "",
                                        "identity-based policy"));
}

// Sessions of another account or region are not listed (each region's
// Session Manager is its own; ssm §2.10: the session ARN has both).
TEST_F(DescribeSessionsTest, OnlyTheCallersAccountAndRegion) {
  Result<std::vector<ssm::Session>> r =
      DescribeSessions(W(), User("outsider", "444455556666"), "Active", {}, Ctx(kNow + 500), store_);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  r = DescribeSessions(W(), User("plain"), "Active", {}, Ctx(kNow + 500, "us-west-2"), store_);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

// ---- idle timeout and maximum duration, on the caller's clock ----

// ssm §2.9: idleSessionTimeout (minutes of no client input) and
// maxSessionDuration are enforced service-side; gatehouse applies them
// against the `now` each call passes.
TEST(Durations, IdleTimeout) {
  ssm::MemorySessionStore store;
  ssm::Session s = MustStart(User("plain"), kWeb, store, kNow, "ShortSession");  // idle 5, max 30
  EXPECT_EQ(s.idle_timeout_minutes, 5);
  ASSERT_TRUE(ssm::Connect(s, kNow).ok());
  ASSERT_TRUE(store.Put(s).ok());
  auto status_at = [&](std::int64_t t) {
    Result<std::vector<ssm::Session>> r =
        DescribeSessions(W(), User("plain"), "Active", {{"SessionId", s.id}}, Ctx(t), store);
    EXPECT_TRUE(r.ok());
    return r.ok() && !r->empty() ? std::string(ssm::StatusName((*r)[0].status)) : std::string("ended");
  };
  EXPECT_EQ(status_at(kNow + 4 * 60), "Connected");
  // Client input at T+4m restarts the idle clock.
  s = *store.Get(s.id);
  ssm::RecordActivity(s, kNow + 4 * 60);
  ASSERT_TRUE(store.Put(s).ok());
  EXPECT_EQ(status_at(kNow + 8 * 60), "Connected");
  EXPECT_EQ(status_at(kNow + 9 * 60), "ended");  // 5 idle minutes after T+4m
  const ssm::Session ended = *store.Get(s.id);
  EXPECT_EQ(ended.status, ssm::SessionStatus::kTerminated);
  EXPECT_EQ(ended.end, kNow + 9 * 60);
  EXPECT_EQ(ended.details, "Your session timed out due to inactivity and has been terminated.");
}

TEST(Durations, MaximumDuration) {
  ssm::MemorySessionStore store;
  ssm::Session s = MustStart(User("plain"), kWeb, store, kNow, "ShortSession");
  ASSERT_TRUE(s.max_duration_minutes.has_value());
  EXPECT_EQ(*s.max_duration_minutes, 30);
  ASSERT_TRUE(ssm::Connect(s, kNow).ok());
  // Activity every 4 minutes keeps it from idling out, not past 30 minutes.
  for (std::int64_t t = kNow; t < kNow + 30 * 60; t += 4 * 60) ssm::RecordActivity(s, t);
  ASSERT_TRUE(store.Put(s).ok());
  Result<std::vector<ssm::Session>> active =
      DescribeSessions(W(), User("plain"), "Active", {}, Ctx(kNow + 29 * 60), store);
  ASSERT_TRUE(active.ok());
  EXPECT_EQ(active->size(), 1u);
  Result<std::vector<ssm::Session>> history =
      DescribeSessions(W(), User("plain"), "History", {}, Ctx(kNow + 31 * 60), store);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].end, kNow + 30 * 60);
  EXPECT_NE((*history)[0].details.find("maximum session duration"), std::string::npos);
  // ssm §2.4: resuming it now yields no token.
  Result<ResumeResult> r = ResumeSession(W(), User("plain"), s.id, Ctx(kNow + 32 * 60), store);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->token.empty());
}

// The default preferences: 20 idle minutes, no maximum.
TEST(Durations, DefaultIdleTimeoutIsTwentyMinutes) {
  ssm::MemorySessionStore store;
  ssm::Session s = MustStart(User("plain"), kWeb, store);
  EXPECT_EQ(s.idle_timeout_minutes, 20);
  EXPECT_FALSE(s.max_duration_minutes.has_value());
  ASSERT_TRUE(ssm::Connect(s, kNow).ok());
  ASSERT_TRUE(store.Put(s).ok());
  Result<ResumeResult> r = ResumeSession(W(), User("plain"), s.id, Ctx(kNow + 19 * 60), store);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->token.empty());  // resuming is activity: the clock restarts at T+19m
  r = ResumeSession(W(), User("plain"), s.id, Ctx(kNow + 38 * 60), store);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->token.empty());
  r = ResumeSession(W(), User("plain"), s.id, Ctx(kNow + 58 * 60), store);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->token.empty());
  EXPECT_EQ(store.Get(s.id)->status, ssm::SessionStatus::kTerminated);
}

// ---- GetConnectionStatus ----

// ssm §2.6: "connected" when the host is there, "notconnected" otherwise
// (lower-case); authorised on the target ARN (iam §9.1).
TEST(GetConnectionStatus, ConnectedNotConnectedDenied) {
  Result<std::string> r = GetConnectionStatus(W(), User("plain"), std::string(kWeb), Ctx());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "connected");
  for (std::string_view t : {kUnknown, kOther, kWest}) {
    r = GetConnectionStatus(W(), User("plain"), std::string(t), Ctx());
    ASSERT_TRUE(r.ok()) << t;
    EXPECT_EQ(*r, "notconnected") << t;
  }
  r = GetConnectionStatus(W(), User("nobody"), std::string(kWeb), Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kAccessDeniedException);
  EXPECT_EQ(r.error().message, Implicit("arn:aws:iam::111122223333:user/nobody", "ssm:GetConnectionStatus",
                                        InstanceArn(kWeb), "identity-based policy"));
}

// ---- PreferencesFor ----

// ssm §2.8/§2.9: a named document's inputs apply; an unknown one is
// InvalidDocument.
TEST(Preferences, NamedAndDefault) {
  Result<Preferences> p = PreferencesFor(W(), std::string(kAccount), std::nullopt);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->document, "SSM-SessionManagerRunShell");
  EXPECT_TRUE(p->content.inputs.run_as_enabled);
  EXPECT_EQ(p->content.inputs.run_as_default_user, "no_sudo_user");
  p = PreferencesFor(W(), std::string(kAccount), std::string("ShortSession"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->content.inputs.idle_session_timeout_minutes, 5);
  p = PreferencesFor(W(), std::string(kAccount), std::string("Missing"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, kInvalidDocument);
  EXPECT_TRUE(ValidateDocuments(W()).ok());
}

}  // namespace
}  // namespace gatehouse::services
