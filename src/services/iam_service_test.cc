// services/iam_service_test.cc: TagRole and UntagRole authorised by the
// engine, and the protected Identity Center roles (iam-semantics.md §7,
// docs/semantics.md §6).
#include "services/iam_service.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sts/sts.h"
#include "world/loader.h"

namespace gatehouse::services {
namespace {

constexpr std::string_view kWorld = R"(
version: 1
time: "2026-01-01T00:00:00Z"
accounts:
  "111111111111":
    users:
      admin:
        policies:
          All:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
      tagger:
        policies:
          TagOnlyTeam:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [iam:TagRole, iam:UntagRole]
                Resource: arn:aws:iam::111111111111:role/*
                Condition:
                  ForAllValues:StringEquals: {aws:TagKeys: [Team]}
              - Effect: Deny
                Action: [iam:TagRole, iam:UntagRole]
                Resource: "*"
                Condition:
                  StringEquals: {iam:ResourceTag/Locked: "yes"}
      nobody: {}
    roles:
      App:
        tags: {Team: web}
        trust_policy:
          Version: "2012-10-17"
          Statement: [{Effect: Allow, Principal: {AWS: "111111111111"}, Action: sts:AssumeRole}]
      Locked:
        tags: {Locked: "yes"}
        trust_policy:
          Version: "2012-10-17"
          Statement: [{Effect: Allow, Principal: {AWS: "111111111111"}, Action: sts:AssumeRole}]
identity_center:
  users:
    alice: {}
  permission_sets:
    Admin:
      inline_policy:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  assignments:
    - {permission_set: Admin, account: "111111111111", users: [alice]}
)";

class IamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<world::World> w = world::LoadWorld(kWorld);
    ASSERT_TRUE(w.ok()) << w.error().line << ":" << w.error().column << ": " << w.error().message;
    w_ = std::move(w).value();
    env_.now = *w_.time;
  }
  world::Identity User(std::string_view name) {
    Result<world::Identity> id =
        sts::LongTermIdentity(w_, "arn:aws:iam::111111111111:user/" + std::string(name));
    EXPECT_TRUE(id.ok());
    return *id;
  }
  const world::Role& Role(std::string_view name) {
    return *w_.accounts.at("111111111111")->roles.at(std::string(name));
  }
  std::string SsoRoleName() {
    for (const auto& [name, r] : w_.accounts.at("111111111111")->roles)
      if (r->protected_sso) return name;
    return "";
  }
  world::World w_;
  world::RequestEnvironment env_;
};

// IAM tag keys are case-insensitive: a key given again replaces the value
// and keeps the stored key (IUG id_tags.md).
TEST_F(IamTest, TagRoleAddsAndReplacesIgnoringCase) {
  ASSERT_TRUE(TagRole(w_, User("admin"), "App", {{"team", "db"}, {"Owner", "ops"}}, env_).ok());
  const world::Tag* team = world::FindTag(Role("App").tags, "Team");
  ASSERT_NE(team, nullptr);
  EXPECT_EQ(team->value, "db");
  EXPECT_EQ(Role("App").tags.size(), 2u);
  ASSERT_TRUE(UntagRole(w_, User("admin"), "App", {"OWNER"}, env_).ok());
  EXPECT_EQ(world::FindTag(Role("App").tags, "Owner"), nullptr);
}

// Tag-tampering protection: aws:TagKeys limits which keys a caller may set,
// iam:ResourceTag/K denies changes to roles carrying a tag (IUG
// access_tags.md, reference_policies_condition-keys.md).
TEST_F(IamTest, TagKeysAndResourceTagsGuardTagging) {
  EXPECT_TRUE(TagRole(w_, User("tagger"), "App", {{"Team", "api"}}, env_).ok());
  Status s = TagRole(w_, User("tagger"), "App", {{"Team", "api"}, {"SSMSessionRunAs", "admin"}}, env_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kIamAccessDenied);
  EXPECT_NE(s.error().message.find("is not authorized to perform: iam:TagRole on resource: "
                                   "arn:aws:iam::111111111111:role/App"),
            std::string::npos)
      << s.error().message;
  s = TagRole(w_, User("tagger"), "Locked", {{"Team", "x"}}, env_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("with an explicit deny in an identity-based policy"), std::string::npos)
      << s.error().message;
  EXPECT_EQ(world::FindTag(Role("Locked").tags, "Team"), nullptr);  // nothing changed
}

// Roles provisioned by Identity Center refuse every change, even to an
// administrator: UnmodifiableEntity (IUG id_roles_terms-and-concepts.md,
// "service-linked"/protected roles; scenarios.md A/E).
TEST_F(IamTest, ProtectedSsoRoleRefusesTagging) {
  const std::string sso = SsoRoleName();
  ASSERT_FALSE(sso.empty());
  const Status s = TagRole(w_, User("admin"), sso, {{"SSMSessionRunAs", "admin"}}, env_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kUnmodifiableEntity);
  EXPECT_EQ(s.error().message, "Cannot perform the operation on the protected role '" + sso +
                                   "' - this role is only modifiable by AWS");
  EXPECT_EQ(UntagRole(w_, User("admin"), sso, {"X"}, env_).error().code, kUnmodifiableEntity);
  // Authorisation comes first: a caller without iam:TagRole learns nothing.
  EXPECT_EQ(TagRole(w_, User("nobody"), sso, {{"K", "V"}}, env_).error().code, kIamAccessDenied);
}

// NoSuchEntity only after authorisation (IAM authorises on the role ARN).
TEST_F(IamTest, UnknownRole) {
  const Status s = TagRole(w_, User("admin"), "Ghost", {{"K", "V"}}, env_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, kNoSuchEntity);
  EXPECT_EQ(s.error().message, "The role with name Ghost cannot be found.");
  EXPECT_EQ(TagRole(w_, User("nobody"), "Ghost", {{"K", "V"}}, env_).error().code, kIamAccessDenied);
}

// IAM's tag rules: keys 1-128 characters of letters, digits, spaces and
// _.:/=+-@, not starting with aws:, unique ignoring case; at most 50 tags
// per role (IUG id_tags.md, reference_iam-quotas.md).
TEST_F(IamTest, TagValidation) {
  EXPECT_EQ(TagRole(w_, User("admin"), "App", {{"", "v"}}, env_).error().code, kIamValidationError);
  EXPECT_EQ(TagRole(w_, User("admin"), "App", {{"bad#key", "v"}}, env_).error().code, kIamValidationError);
  EXPECT_EQ(TagRole(w_, User("admin"), "App", {{std::string(129, 'k'), "v"}}, env_).error().code,
            kIamValidationError);
  EXPECT_EQ(TagRole(w_, User("admin"), "App", {{"k", std::string(257, 'v')}}, env_).error().code,
            kIamValidationError);
  EXPECT_EQ(TagRole(w_, User("admin"), "App", {{"aws:x", "v"}}, env_).error().code, kIamInvalidInput);
  EXPECT_EQ(TagRole(w_, User("admin"), "App", {{"K", "1"}, {"k", "2"}}, env_).error().code, kIamInvalidInput);
  std::vector<world::Tag> many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  EXPECT_EQ(TagRole(w_, User("admin"), "App", many, env_).error().code, kLimitExceeded);  // 50 + Team
  many.pop_back();
  EXPECT_TRUE(TagRole(w_, User("admin"), "App", many, env_).ok());  // 49 + Team = 50
  EXPECT_EQ(Role("App").tags.size(), 50u);
}

}  // namespace
}  // namespace gatehouse::services
