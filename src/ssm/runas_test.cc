// ssm/runas_test.cc: which Linux user a session runs as.
//
// AWS's rule: ../shared/spec/ssm-protocol.md §2.12, from "Turn on run as
// support for Linux and macOS managed nodes"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-preferences-run-as.html)
// and the agent's source (amazon-ssm-agent agent/framework/docparser/docparser.go
// parsePluginStateForStartSession, agent/session/shell/shell_unix.go
// StartCommandExecutor). gatehouse's opt-in extension, run_as_mappings:
// ../shared/ARCHITECTURE.md ("AWS semantics first, extensions explicit"),
// ../shared/scenarios.md §E and src/ssm/runas.h.
#include "ssm/runas.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::ssm {
namespace {

constexpr std::string_view kDoc = "SSM-SessionManagerRunShell";
constexpr std::string_view kRoleArn = "arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA";
constexpr std::string_view kOtherAccountRoleArn =
    "arn:aws:iam::444455556666:role/SSMStartSession_IAM_Role_ThirdPartyA";
constexpr std::string_view kDevsGroup = "arn:aws:iam::111122223333:group/Devs";
constexpr std::string_view kOpsGroup = "arn:aws:iam::111122223333:group/Ops";

testing::AssertionResult Contains(std::string_view haystack, std::string_view needle) {
  if (haystack.find(needle) != std::string_view::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << haystack << "\" does not contain \"" << needle << "\"";
}

testing::AssertionResult FailsWith(const Result<RunAsDecision>& r, std::string_view code) {
  if (r.ok())
    return testing::AssertionFailure() << "chose " << r->user << " (" << r->rule << "), want " << code;
  if (r.error().code != code)
    return testing::AssertionFailure() << r.error().code << ": " << r.error().message;
  return testing::AssertionSuccess();
}

testing::AssertionResult Chose(const Result<RunAsDecision>& r, std::string_view user, RunAsSource source) {
  if (!r.ok()) return testing::AssertionFailure() << r.error().code << ": " << r.error().message;
  if (r->user != user) return testing::AssertionFailure() << "user " << r->user << ", want " << user;
  if (r->source != source)
    return testing::AssertionFailure()
           << "source " << RunAsSourceName(r->source) << ", want " << RunAsSourceName(source);
  if (r->rule.empty()) return testing::AssertionFailure() << "no rule named";
  return testing::AssertionSuccess();
}

SessionInputs Enabled(std::string_view default_user = "") {
  SessionInputs in;
  in.run_as_enabled = true;
  in.run_as_default_user = std::string(default_user);
  return in;
}

SessionInputs Disabled(std::string_view default_user = "") {
  SessionInputs in;
  in.run_as_enabled = false;
  in.run_as_default_user = std::string(default_user);
  return in;
}

RunAsPrincipal Tagged(std::string_view value, std::string_view owner = "IAM user alice") {
  RunAsPrincipal p;
  p.has_tag = true;
  p.tag_value = std::string(value);
  p.tag_owner = std::string(owner);
  return p;
}

RunAsPrincipal Untagged() {
  return RunAsPrincipal{};
}

RunAsMapping Map(RunAsMapping::Kind kind, std::string_view name, std::string_view user) {
  RunAsMapping m;
  m.kind = kind;
  m.name = std::string(name);
  m.linux_user = std::string(user);
  return m;
}

RunAsConfig Mappings(std::vector<RunAsMapping> mappings, bool enabled = true) {
  RunAsConfig c;
  c.mappings_enabled = enabled;
  c.mappings = std::move(mappings);
  return c;
}

const RunAsConfig kNoMappings{};

using Kind = RunAsMapping::Kind;

// ============================================================ source names

TEST(RunAsSourceName, EverySource) {
  EXPECT_EQ(RunAsSourceName(RunAsSource::kPrincipalTag), "principal-tag");
  EXPECT_EQ(RunAsSourceName(RunAsSource::kDocumentDefault), "document-default");
  EXPECT_EQ(RunAsSourceName(RunAsSource::kMapping), "mapping");
  EXPECT_EQ(RunAsSourceName(RunAsSource::kSsmUser), "ssm-user");
}

// =================================================== AWS: RunAs disabled

// ssm-protocol.md §2.12: "runAsEnabled=false and agent is root → ensure local
// user ssm-user ... and run as it" — the tag and runAsDefaultUser are ignored.
TEST(RunAsAws, DisabledRunsAsSsmUser) {
  for (const RunAsPrincipal& p : {Untagged(), Tagged("alice"), Tagged("root")}) {
    Result<RunAsDecision> r = ChooseRunAs(Disabled("no_sudo_user"), kDoc, p, kNoMappings);
    ASSERT_TRUE(Chose(r, "ssm-user", RunAsSource::kSsmUser));
    EXPECT_TRUE(Contains(r->rule, "RunAs is disabled in SSM-SessionManagerRunShell"));
    EXPECT_TRUE(Contains(r->rule, "ssm-user"));
  }
}

// §2.12: the agent creates ssm-user when it is missing (useradd -m ssm-user),
// so a host without it still takes the session.
TEST(RunAsAws, SsmUserNeedNotExistOnHost) {
  Result<RunAsDecision> r = ResolveRunAs(Disabled(), kDoc, Tagged("alice"), kNoMappings, {});
  EXPECT_TRUE(Chose(r, "ssm-user", RunAsSource::kSsmUser));
  r = ResolveRunAs(Disabled(), kDoc, Untagged(), kNoMappings, {"ec2-user"});
  EXPECT_TRUE(Chose(r, "ssm-user", RunAsSource::kSsmUser));
  RunAsDecision d;
  d.user = "ssm-user";
  d.source = RunAsSource::kSsmUser;
  EXPECT_TRUE(CheckRunAsUserExists(d, {}).ok());
}

// The extension applies only where AWS would pick a user: with RunAs off the
// session runs as ssm-user even when a mapping matches.
TEST(RunAsAws, DisabledIgnoresMappings) {
  RunAsPrincipal p = Untagged();
  p.permission_set = "Admin";
  Result<RunAsDecision> r =
      ChooseRunAs(Disabled(), kDoc, p, Mappings({Map(Kind::kPermissionSet, "Admin", "admin")}));
  EXPECT_TRUE(Chose(r, "ssm-user", RunAsSource::kSsmUser));
}

// ==================================================== AWS: RunAs enabled

// §2.12 step 1: a principal tagged SSMSessionRunAs=<os-user> runs as that user.
TEST(RunAsAws, PrincipalTag) {
  Result<RunAsDecision> r = ChooseRunAs(
      Enabled(), kDoc, Tagged("os_user_a_alice", "role SSMStartSession_IAM_Role_ThirdPartyA"), kNoMappings);
  ASSERT_TRUE(Chose(r, "os_user_a_alice", RunAsSource::kPrincipalTag));
  EXPECT_EQ(r->rule, "SSMSessionRunAs tag of role SSMStartSession_IAM_Role_ThirdPartyA");
}

// §2.12 (and scenarios.md §E: "A document's runAsDefaultUser is ignored when
// the tag is present"): the tag beats runAsDefaultUser. The agent: "User from
// IAM principal always has higher priority than the default one."
TEST(RunAsAws, TagBeatsDocumentDefault) {
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled("no_sudo_user"), kDoc, Tagged("os_user_a_alice"), kNoMappings);
  ASSERT_TRUE(Chose(r, "os_user_a_alice", RunAsSource::kPrincipalTag));
  EXPECT_TRUE(Contains(r->rule, "SSMSessionRunAs tag of IAM user alice"));
}

// §2.12 step 2: no tag → inputs.runAsDefaultUser.
TEST(RunAsAws, DocumentDefaultWithoutTag) {
  Result<RunAsDecision> r = ChooseRunAs(Enabled("no_sudo_user"), kDoc, Untagged(), kNoMappings);
  ASSERT_TRUE(Chose(r, "no_sudo_user", RunAsSource::kDocumentDefault));
  EXPECT_EQ(r->rule, "runAsDefaultUser of SSM-SessionManagerRunShell");
  // The rule names the preferences document it came from.
  r = ChooseRunAs(Enabled("no_sudo_user"), "MyShellPreferences", Untagged(), kNoMappings);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rule, "runAsDefaultUser of MyShellPreferences");
}

// §2.12 step 3: "else fail (no fallback to ssm-user)"; the agent's text is
// "please set the RunAs default user".
TEST(RunAsAws, NeitherTagNorDefaultFails) {
  Result<RunAsDecision> r = ChooseRunAs(Enabled(), kDoc, Untagged(), kNoMappings);
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotSet));
  EXPECT_TRUE(Contains(r.error().message, "please set the RunAs default user"));
  EXPECT_TRUE(Contains(r.error().message, "SSM-SessionManagerRunShell"));
  // No host check happens: the failure is the same whoever is on the host.
  EXPECT_TRUE(FailsWith(ResolveRunAs(Enabled(), kDoc, Untagged(), kNoMappings, {"ssm-user", "alice"}),
                        kRunAsUserNotSet));
}

// The agent treats a RunAs user that is empty or white space as unset
// (docparser.go: `if strings.TrimSpace(docInfo.RunAsUser) != ""` before
// preferring it over runAsDefaultUser; shell_unix.go: TrimSpace(RunAsUser)
// == "" → "please set the RunAs default user"). So a blank tag value falls
// back to the default, and a blank default is no default.
TEST(RunAsAws, BlankTagValueFallsBackToDefault) {
  for (std::string_view blank : {"", " ", "\t"}) {
    Result<RunAsDecision> r = ChooseRunAs(Enabled("no_sudo_user"), kDoc, Tagged(blank), kNoMappings);
    EXPECT_TRUE(Chose(r, "no_sudo_user", RunAsSource::kDocumentDefault)) << "[" << blank << "]";
    EXPECT_TRUE(FailsWith(ChooseRunAs(Enabled(), kDoc, Tagged(blank), kNoMappings), kRunAsUserNotSet))
        << "[" << blank << "]";
  }
}

TEST(RunAsAws, BlankDefaultIsNoDefault) {
  EXPECT_TRUE(FailsWith(ChooseRunAs(Enabled("  "), kDoc, Untagged(), kNoMappings), kRunAsUserNotSet));
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled("  "), kDoc, Tagged("alice"), kNoMappings), "alice",
                    RunAsSource::kPrincipalTag));
}

// §2.12: "`root` is not supported as RunAs", whether the tag or the default
// names it.
TEST(RunAsAws, RootRefusedFromTag) {
  Result<RunAsDecision> r = ChooseRunAs(Enabled(), kDoc, Tagged("root"), kNoMappings);
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotSupported));
  EXPECT_TRUE(Contains(r.error().message, "RunAs user root is not supported"));
  EXPECT_TRUE(Contains(r.error().message, "SSMSessionRunAs tag of IAM user alice"));
}

TEST(RunAsAws, RootRefusedFromDefault) {
  Result<RunAsDecision> r = ChooseRunAs(Enabled("root"), kDoc, Untagged(), kNoMappings);
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotSupported));
  EXPECT_TRUE(Contains(r.error().message, "runAsDefaultUser of SSM-SessionManagerRunShell"));
}

// A root tag does not fall back to the default: the tag chose, and its
// choice is refused.
TEST(RunAsAws, RootTagDoesNotFallBackToDefault) {
  EXPECT_TRUE(FailsWith(ChooseRunAs(Enabled("no_sudo_user"), kDoc, Tagged("root"), kNoMappings),
                        kRunAsUserNotSupported));
}

// A tag beats a root default, which is then never consulted.
TEST(RunAsAws, TagOverridesRootDefault) {
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled("root"), kDoc, Tagged("alice"), kNoMappings), "alice",
                    RunAsSource::kPrincipalTag));
}

// Root is refused even on a host where root exists (every Linux host).
TEST(RunAsAws, RootRefusedBeforeHostCheck) {
  EXPECT_TRUE(FailsWith(ResolveRunAs(Enabled(), kDoc, Tagged("root"), kNoMappings, {"root", "alice"}),
                        kRunAsUserNotSupported));
}

// §2.12 agent side: "`id <user>` fails → failed to start pty since RunAs user
// <u> does not exist (session fails)".
TEST(RunAsAws, UserMustExistOnHost) {
  Result<RunAsDecision> r = ResolveRunAs(Enabled("no_sudo_user"), kDoc, Tagged("os_user_a_alice"),
                                         kNoMappings, {"no_sudo_user", "ec2-user"});
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotFound));
  EXPECT_EQ(r.error().message.rfind("failed to start pty since RunAs user os_user_a_alice does not exist", 0),
            0u)
      << r.error().message;
  // The explanation names the rule that chose the missing user.
  EXPECT_TRUE(Contains(r.error().message, "SSMSessionRunAs tag of IAM user alice"));

  r = ResolveRunAs(Enabled("no_sudo_user"), kDoc, Untagged(), kNoMappings, {"ec2-user"});
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotFound));
  EXPECT_TRUE(
      Contains(r.error().message, "failed to start pty since RunAs user no_sudo_user does not exist"));
  EXPECT_TRUE(Contains(r.error().message, "runAsDefaultUser of SSM-SessionManagerRunShell"));

  r = ResolveRunAs(Enabled("no_sudo_user"), kDoc, Untagged(), kNoMappings, {});
  EXPECT_TRUE(FailsWith(r, kRunAsUserNotFound));
}

TEST(RunAsAws, ExistingUserResolves) {
  Result<RunAsDecision> r = ResolveRunAs(Enabled("no_sudo_user"), kDoc, Tagged("os_user_a_alice"),
                                         kNoMappings, {"no_sudo_user", "os_user_a_alice"});
  EXPECT_TRUE(Chose(r, "os_user_a_alice", RunAsSource::kPrincipalTag));
  r = ResolveRunAs(Enabled("no_sudo_user"), kDoc, Untagged(), kNoMappings,
                   {"no_sudo_user", "os_user_a_alice"});
  EXPECT_TRUE(Chose(r, "no_sudo_user", RunAsSource::kDocumentDefault));
}

// Linux user names are case-sensitive; `id Alice` does not find alice.
TEST(RunAsAws, HostLookupIsExact) {
  EXPECT_TRUE(
      FailsWith(ResolveRunAs(Enabled(), kDoc, Tagged("Alice"), kNoMappings, {"alice"}), kRunAsUserNotFound));
}

// With RunAs enabled the agent creates nothing: a tag naming ssm-user needs
// ssm-user on the host like any other user (shell_unix.go creates ssm-user
// only in the RunAs-disabled branch).
TEST(RunAsAws, TagNamingSsmUserMustExist) {
  Result<RunAsDecision> r = ResolveRunAs(Enabled(), kDoc, Tagged("ssm-user"), kNoMappings, {"ec2-user"});
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotFound));
  EXPECT_TRUE(Contains(r.error().message, "RunAs user ssm-user does not exist"));
  EXPECT_TRUE(Chose(ResolveRunAs(Enabled(), kDoc, Tagged("ssm-user"), kNoMappings, {"ssm-user"}), "ssm-user",
                    RunAsSource::kPrincipalTag));
}

TEST(RunAsAws, CheckRunAsUserExistsDirectly) {
  RunAsDecision d;
  d.user = "alice";
  d.source = RunAsSource::kPrincipalTag;
  d.rule = "SSMSessionRunAs tag of IAM user alice";
  EXPECT_TRUE(CheckRunAsUserExists(d, {"bob", "alice"}).ok());
  Status s = CheckRunAsUserExists(d, {"bob"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kRunAsUserNotFound);
  EXPECT_EQ(
      s.error().message,
      "failed to start pty since RunAs user alice does not exist (SSMSessionRunAs tag of IAM user alice)");
}

// scenarios.md §E, AWS-faithful: Identity Center user alice with
// SSMSessionRunAs=admin runs as admin under both permission sets, because
// the tag is per user; with the extension off, mappings change nothing.
TEST(RunAsAws, PerUserTagIgnoresPermissionSetWithoutExtension) {
  const RunAsConfig off = Mappings(
      {Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kPermissionSet, "ReadOnly", "readonly")},
      false);
  for (std::string_view ps : {"Admin", "ReadOnly"}) {
    RunAsPrincipal p = Tagged("admin", "session (session tag)");
    p.permission_set = std::string(ps);
    Result<RunAsDecision> r = ChooseRunAs(Enabled(), kDoc, p, off);
    ASSERT_TRUE(Chose(r, "admin", RunAsSource::kPrincipalTag)) << ps;
    EXPECT_FALSE(Contains(r->rule, "run_as_mappings")) << ps;
  }
}

// ================================== gatehouse extension: run_as_mappings

// scenarios.md §E: "a RunAs mapping per permission set ... e.g. Admin ->
// admin, ReadOnly -> readonly, with a documented precedence against the tag.
// The explanation of every session names the rule that chose the Linux user."
TEST(RunAsMappings, PermissionSetBeatsTag) {
  const RunAsConfig on = Mappings(
      {Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kPermissionSet, "ReadOnly", "readonly")});
  RunAsPrincipal p = Tagged("admin");
  p.permission_set = "ReadOnly";
  Result<RunAsDecision> r = ChooseRunAs(Enabled("no_sudo_user"), kDoc, p, on);
  ASSERT_TRUE(Chose(r, "readonly", RunAsSource::kMapping));
  EXPECT_EQ(r->rule,
            "gatehouse run_as_mappings: permission set ReadOnly -> readonly (takes precedence over the "
            "SSMSessionRunAs tag admin)");
  p.permission_set = "Admin";
  r = ChooseRunAs(Enabled("no_sudo_user"), kDoc, p, on);
  ASSERT_TRUE(Chose(r, "admin", RunAsSource::kMapping));
  EXPECT_TRUE(Contains(r->rule, "permission set Admin -> admin"));
}

// Without a tag the rule names only the mapping; a mapping also beats the
// document default.
TEST(RunAsMappings, MappingBeatsDocumentDefault) {
  RunAsPrincipal p = Untagged();
  p.permission_set = "Admin";
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled("no_sudo_user"), kDoc, p, Mappings({Map(Kind::kPermissionSet, "Admin", "admin")}));
  ASSERT_TRUE(Chose(r, "admin", RunAsSource::kMapping));
  EXPECT_EQ(r->rule, "gatehouse run_as_mappings: permission set Admin -> admin");
}

// A mapping satisfies "neither tag nor default" too.
TEST(RunAsMappings, MappingWithoutTagOrDefault) {
  RunAsPrincipal p = Untagged();
  p.role_arn = std::string(kRoleArn);
  p.role_name = "SSMStartSession_IAM_Role_ThirdPartyA";
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kRole, kRoleArn, "thirdparty")})),
                    "thirdparty", RunAsSource::kMapping));
}

TEST(RunAsMappings, RoleMappingByArn) {
  RunAsPrincipal p = Tagged("os_user_a_alice", "role SSMStartSession_IAM_Role_ThirdPartyA");
  p.role_arn = std::string(kRoleArn);
  p.role_name = "SSMStartSession_IAM_Role_ThirdPartyA";
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kRole, kRoleArn, "thirdparty")}));
  ASSERT_TRUE(Chose(r, "thirdparty", RunAsSource::kMapping));
  EXPECT_EQ(r->rule, "gatehouse run_as_mappings: role " + std::string(kRoleArn) +
                         " -> thirdparty (takes precedence over the SSMSessionRunAs tag os_user_a_alice)");
}

// A role mapping names a role ARN: a same-named role in another account is
// another role, and a bare role name matches nothing.
TEST(RunAsMappings, RoleMappingNeverMatchesSameNameElsewhere) {
  RunAsPrincipal p = Tagged("os_user_a_alice");
  p.role_arn = std::string(kOtherAccountRoleArn);
  p.role_name = "SSMStartSession_IAM_Role_ThirdPartyA";
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kRole, kRoleArn, "thirdparty")}));
  EXPECT_TRUE(Chose(r, "os_user_a_alice", RunAsSource::kPrincipalTag));

  p.role_arn = std::string(kRoleArn);
  r = ChooseRunAs(Enabled(), kDoc, p,
                  Mappings({Map(Kind::kRole, "SSMStartSession_IAM_Role_ThirdPartyA", "thirdparty")}));
  EXPECT_TRUE(Chose(r, "os_user_a_alice", RunAsSource::kPrincipalTag));
}

// A role mapping does not match a principal that is not a role session,
// nor does a permission-set mapping match one without a permission set.
TEST(RunAsMappings, EmptyPrincipalFieldsMatchNothing) {
  const RunAsConfig on = Mappings({Map(Kind::kRole, "", "r"), Map(Kind::kPermissionSet, "", "ps")});
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled("no_sudo_user"), kDoc, Untagged(), on), "no_sudo_user",
                    RunAsSource::kDocumentDefault));
}

// Permission-set mappings compare the permission set's name exactly.
TEST(RunAsMappings, PermissionSetNameExact) {
  RunAsPrincipal p = Tagged("admin");
  p.permission_set = "admin";  // not "Admin"
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kPermissionSet, "Admin", "adm")})),
                    "admin", RunAsSource::kPrincipalTag));
}

TEST(RunAsMappings, GroupMappingByArn) {
  RunAsPrincipal p = Tagged("alice");
  p.groups = {std::string(kOpsGroup), std::string(kDevsGroup)};
  Result<RunAsDecision> r = ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kGroup, kDevsGroup, "dev")}));
  ASSERT_TRUE(Chose(r, "dev", RunAsSource::kMapping));
  EXPECT_EQ(r->rule, "gatehouse run_as_mappings: group " + std::string(kDevsGroup) +
                         " -> dev (takes precedence over the SSMSessionRunAs tag alice)");
  // Not a member: the tag decides.
  p.groups = {std::string(kOpsGroup)};
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kGroup, kDevsGroup, "dev")})),
                    "alice", RunAsSource::kPrincipalTag));
  // A group name instead of its ARN matches nothing.
  p.groups = {std::string(kDevsGroup)};
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kGroup, "Devs", "dev")})), "alice",
                    RunAsSource::kPrincipalTag));
}

// runas.h: "Permission sets and roles are more specific than groups", in
// whatever order the rules are listed.
TEST(RunAsMappings, PermissionSetAndRoleBeatGroups) {
  RunAsPrincipal p = Untagged();
  p.permission_set = "Admin";
  p.groups = {std::string(kDevsGroup)};
  for (const RunAsConfig& c :
       {Mappings({Map(Kind::kGroup, kDevsGroup, "dev"), Map(Kind::kPermissionSet, "Admin", "admin")}),
        Mappings({Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kGroup, kDevsGroup, "dev")})}) {
    Result<RunAsDecision> r = ChooseRunAs(Enabled(), kDoc, p, c);
    ASSERT_TRUE(Chose(r, "admin", RunAsSource::kMapping));
    EXPECT_TRUE(Contains(r->rule, "permission set Admin"));
  }
  RunAsPrincipal q = Untagged();
  q.role_arn = std::string(kRoleArn);
  q.groups = {std::string(kDevsGroup)};
  for (const RunAsConfig& c :
       {Mappings({Map(Kind::kGroup, kDevsGroup, "dev"), Map(Kind::kRole, kRoleArn, "ops")}),
        Mappings({Map(Kind::kRole, kRoleArn, "ops"), Map(Kind::kGroup, kDevsGroup, "dev")})}) {
    Result<RunAsDecision> r = ChooseRunAs(Enabled(), kDoc, q, c);
    ASSERT_TRUE(Chose(r, "ops", RunAsSource::kMapping));
    EXPECT_TRUE(Contains(r->rule, "role " + std::string(kRoleArn)));
  }
}

// runas.h: "two matching rules that disagree are refused rather than picked
// between" — among groups.
TEST(RunAsMappings, DisagreeingGroupsConflict) {
  RunAsPrincipal p = Tagged("alice");
  p.groups = {std::string(kDevsGroup), std::string(kOpsGroup)};
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p,
                  Mappings({Map(Kind::kGroup, kDevsGroup, "dev"), Map(Kind::kGroup, kOpsGroup, "ops")}));
  ASSERT_TRUE(FailsWith(r, kRunAsMappingConflict));
  EXPECT_TRUE(Contains(r.error().message, "RunAs mappings disagree"));
  EXPECT_TRUE(Contains(r.error().message, "group " + std::string(kDevsGroup) + " -> dev"));
  EXPECT_TRUE(Contains(r.error().message, "group " + std::string(kOpsGroup) + " -> ops"));
}

// Permission sets and roles share the higher precedence, so a permission
// set rule and a role rule that both match and disagree conflict.
TEST(RunAsMappings, DisagreeingPermissionSetAndRoleConflict) {
  RunAsPrincipal p = Untagged();
  p.permission_set = "Admin";
  p.role_arn =
      "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef";
  Result<RunAsDecision> r = ChooseRunAs(
      Enabled(), kDoc, p,
      Mappings({Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kRole, p.role_arn, "other")}));
  ASSERT_TRUE(FailsWith(r, kRunAsMappingConflict));
  EXPECT_TRUE(Contains(r.error().message, "permission set Admin -> admin"));
  EXPECT_TRUE(Contains(r.error().message, "-> other"));
  // The same name twice with two users is a conflict as well.
  r = ChooseRunAs(
      Enabled(), kDoc, p,
      Mappings({Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kPermissionSet, "Admin", "root2")}));
  EXPECT_TRUE(FailsWith(r, kRunAsMappingConflict));
}

// Agreeing duplicates are no conflict.
TEST(RunAsMappings, AgreeingDuplicatesAreFine) {
  RunAsPrincipal p = Untagged();
  p.groups = {std::string(kDevsGroup), std::string(kOpsGroup)};
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p,
                  Mappings({Map(Kind::kGroup, kDevsGroup, "dev"), Map(Kind::kGroup, kOpsGroup, "dev")}));
  ASSERT_TRUE(Chose(r, "dev", RunAsSource::kMapping));
  EXPECT_TRUE(Contains(r->rule, "group " + std::string(kDevsGroup)));  // the first matching rule

  RunAsPrincipal q = Untagged();
  q.permission_set = "Admin";
  q.role_arn = std::string(kRoleArn);
  r = ChooseRunAs(
      Enabled(), kDoc, q,
      Mappings({Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kRole, kRoleArn, "admin")}));
  EXPECT_TRUE(Chose(r, "admin", RunAsSource::kMapping));
}

// A conflict among lower-precedence group rules does not matter when a
// permission set or role rule decides.
TEST(RunAsMappings, GroupConflictShadowedByHigherPrecedence) {
  RunAsPrincipal p = Untagged();
  p.permission_set = "Admin";
  p.groups = {std::string(kDevsGroup), std::string(kOpsGroup)};
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p,
                  Mappings({Map(Kind::kGroup, kDevsGroup, "dev"), Map(Kind::kGroup, kOpsGroup, "ops"),
                            Map(Kind::kPermissionSet, "Admin", "admin")}));
  EXPECT_TRUE(Chose(r, "admin", RunAsSource::kMapping));
}

// Rules that do not match cannot conflict.
TEST(RunAsMappings, NonMatchingRulesDoNotConflict) {
  RunAsPrincipal p = Untagged();
  p.groups = {std::string(kDevsGroup)};
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p,
                  Mappings({Map(Kind::kGroup, kDevsGroup, "dev"), Map(Kind::kGroup, kOpsGroup, "ops")}));
  EXPECT_TRUE(Chose(r, "dev", RunAsSource::kMapping));
}

// Opt-in: with mappings_enabled false the rules are ignored entirely (even
// conflicting ones) and AWS's rule applies.
TEST(RunAsMappings, DisabledMappingsIgnored) {
  RunAsPrincipal p = Untagged();
  p.permission_set = "Admin";
  p.groups = {std::string(kDevsGroup), std::string(kOpsGroup)};
  const RunAsConfig off =
      Mappings({Map(Kind::kPermissionSet, "Admin", "admin"), Map(Kind::kGroup, kDevsGroup, "dev"),
                Map(Kind::kGroup, kOpsGroup, "ops")},
               false);
  Result<RunAsDecision> r = ChooseRunAs(Enabled("no_sudo_user"), kDoc, p, off);
  ASSERT_TRUE(Chose(r, "no_sudo_user", RunAsSource::kDocumentDefault));
  EXPECT_FALSE(Contains(r->rule, "run_as_mappings"));
  EXPECT_TRUE(FailsWith(ChooseRunAs(Enabled(), kDoc, p, off), kRunAsUserNotSet));
}

// Enabled but nothing matches: the tag, then the default, then failure.
TEST(RunAsMappings, NoMatchFallsBackToAwsRule) {
  const RunAsConfig on = Mappings({Map(Kind::kPermissionSet, "Admin", "admin")});
  RunAsPrincipal p = Tagged("alice");
  p.permission_set = "ReadOnly";
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled("no_sudo_user"), kDoc, p, on), "alice", RunAsSource::kPrincipalTag));
  RunAsPrincipal q = Untagged();
  q.permission_set = "ReadOnly";
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled("no_sudo_user"), kDoc, q, on), "no_sudo_user",
                    RunAsSource::kDocumentDefault));
  EXPECT_TRUE(FailsWith(ChooseRunAs(Enabled(), kDoc, q, on), kRunAsUserNotSet));
  EXPECT_TRUE(Chose(ChooseRunAs(Enabled("no_sudo_user"), kDoc, q, Mappings({})), "no_sudo_user",
                    RunAsSource::kDocumentDefault));
}

// root stays refused when a mapping names it (§2.12 applies to every source).
TEST(RunAsMappings, MappingToRootRefused) {
  RunAsPrincipal p = Tagged("alice");
  p.permission_set = "Admin";
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kPermissionSet, "Admin", "root")}));
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotSupported));
  EXPECT_TRUE(Contains(r.error().message, "permission set Admin -> root"));
}

// A mapped user must exist on the host like any other; the failure names the
// mapping.
TEST(RunAsMappings, MappedUserMustExist) {
  RunAsPrincipal p = Tagged("alice");
  p.permission_set = "Admin";
  const RunAsConfig on = Mappings({Map(Kind::kPermissionSet, "Admin", "admin")});
  Result<RunAsDecision> r = ResolveRunAs(Enabled(), kDoc, p, on, {"alice"});
  ASSERT_TRUE(FailsWith(r, kRunAsUserNotFound));
  EXPECT_TRUE(Contains(r.error().message, "failed to start pty since RunAs user admin does not exist"));
  EXPECT_TRUE(Contains(r.error().message, "gatehouse run_as_mappings: permission set Admin -> admin"));
  EXPECT_TRUE(
      Chose(ResolveRunAs(Enabled(), kDoc, p, on, {"alice", "admin"}), "admin", RunAsSource::kMapping));
}

// A mapping decides even when the tag is blank (the tag never counted).
TEST(RunAsMappings, MappingWithBlankTag) {
  RunAsPrincipal p = Tagged("");
  p.permission_set = "Admin";
  Result<RunAsDecision> r =
      ChooseRunAs(Enabled(), kDoc, p, Mappings({Map(Kind::kPermissionSet, "Admin", "admin")}));
  ASSERT_TRUE(Chose(r, "admin", RunAsSource::kMapping));
  EXPECT_EQ(r->rule, "gatehouse run_as_mappings: permission set Admin -> admin");
}

}  // namespace
}  // namespace gatehouse::ssm
