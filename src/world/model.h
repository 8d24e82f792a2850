// world/model.h: the domain model: an organization, accounts with IAM users,
// groups, roles and managed policies, IAM Identity Center, hosts, Session
// Manager documents and caller profiles. Loaded once from a world file
// (world/loader.h) and then read-only; policies are compiled at load time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "policy/ast.h"
#include "policy/compiled.h"

namespace gatehouse::world {

// Tags with IAM's rules for users and roles: keys compared ignoring case,
// their spelling kept. Ordered by lower-cased key.
struct Tag {
  std::string key;
  std::string value;
};
using Tags = std::vector<Tag>;
const Tag* FindTag(const Tags& tags, std::string_view key);  // case-insensitive
// Tag key and value characters (IAM, EC2): letters, digits, spaces and
// _.:/=+-@; valid UTF-8.
bool IsTagText(std::string_view s);

// A policy document: its source position, size and compiled form.
struct PolicyDoc {
  std::string name;
  std::string text;  // the document as compact JSON, what AWS would store
  std::shared_ptr<const policy::CompiledPolicy> compiled;
  std::size_t size = 0;  // as IAM counts it (non-whitespace characters)
  json::Position pos;
};

struct ManagedPolicy {
  std::string arn;
  std::string name;
  std::string path = "/";
  std::string id;  // ANPA…
  std::string description;
  PolicyDoc doc;
  bool aws_managed = false;
};

struct Group {
  std::string name;
  std::string path = "/";
  std::string arn;
  std::string id;  // AGPA…
  std::vector<PolicyDoc> inline_policies;
  std::vector<const ManagedPolicy*> managed;
  json::Position pos;
};

struct User {
  std::string account;
  std::string name;
  std::string path = "/";
  std::string arn;
  std::string id;  // AIDA…
  Tags tags;
  std::vector<const Group*> groups;
  std::vector<PolicyDoc> inline_policies;
  std::vector<const ManagedPolicy*> managed;
  const ManagedPolicy* boundary = nullptr;
  std::vector<std::string> access_keys;  // AKIA…
  bool mfa = false;
  std::string mfa_serial;  // arn:aws:iam::A:mfa/<name> when mfa
  json::Position pos;
};

struct Role {
  std::string account;
  std::string name;
  std::string path = "/";
  std::string arn;
  std::string id;  // AROA…
  std::string description;
  Tags tags;
  PolicyDoc trust;
  std::vector<PolicyDoc> inline_policies;
  std::vector<const ManagedPolicy*> managed;
  const ManagedPolicy* boundary = nullptr;
  std::int64_t max_session_duration = 3600;
  // Provisioned by Identity Center for a permission set: refuses changes.
  bool protected_sso = false;
  std::string permission_set;  // for protected roles
  json::Position pos;
};

struct Host {
  std::string id;  // i-… or mi-…
  std::string account;
  std::string region;
  std::string arn;
  std::map<std::string, std::string> tags;  // EC2 tags: keys case-sensitive
  std::vector<std::string> linux_users;
  std::string platform = "Linux";
  json::Position pos;
};

struct SessionDocument {
  std::string name;
  std::string account;
  std::string arn;
  std::string content_json;  // the document content as JSON text
  json::Position pos;
};

struct Account {
  std::string id;
  std::string name;
  std::vector<std::string> scps;  // attached to the account (names)
  std::vector<std::string> rcps;
  std::map<std::string, std::unique_ptr<ManagedPolicy>> policies;  // customer managed, by name
  std::map<std::string, std::unique_ptr<User>> users;              // by name
  std::map<std::string, std::unique_ptr<Group>> groups;
  std::map<std::string, std::unique_ptr<Role>> roles;
  std::map<std::string, std::unique_ptr<Host>> hosts;
  std::map<std::string, std::unique_ptr<SessionDocument>> documents;
  json::Position pos;
};

struct OrgUnit {
  std::string id;  // ou-… (empty for the root)
  std::string name;
  std::vector<std::string> scps;
  std::vector<std::string> rcps;
  std::vector<std::string> accounts;
  std::vector<OrgUnit> units;
};

struct Organization {
  std::string id;  // o-…
  std::string root_id;
  std::string management_account;
  std::map<std::string, PolicyDoc> scps;  // by name
  std::map<std::string, PolicyDoc> rcps;
  OrgUnit root;
  // RCPFullAWSAccess: attached by AWS at every level and undetachable, so
  // every RCP level includes it.
  PolicyDoc rcp_full_access;
};

struct IcUser {
  std::string name;
  std::string user_id;  // the identity store's id (derived)
  std::string display_name;
  std::string email;
  std::map<std::string, std::string> attributes;
};

struct PermissionSet {
  std::string name;
  std::string arn;
  std::int64_t session_duration = 3600;
  std::optional<PolicyDoc> inline_policy;
  std::vector<const ManagedPolicy*> aws_managed;
  std::vector<std::string> customer_managed;  // names, resolved per account
  std::string boundary;                       // name or ARN; empty: none
  json::Position pos;
};

struct IdentityCenter {
  std::string instance_id;
  std::string identity_store_id;
  std::string region;
  std::map<std::string, IcUser> users;
  std::map<std::string, std::vector<std::string>> groups;  // group -> members
  std::vector<std::pair<std::string, std::string>> attributes_for_access_control;  // tag key -> source
  std::map<std::string, PermissionSet> permission_sets;
  // (permission set, account) -> the users who may sign in
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> assignments;
};

struct Profile {
  std::string name;
  std::map<std::string, std::string> settings;  // role_arn, source_profile, …
  json::Position pos;
};

// gatehouse extension (opt-in): a Linux user per permission set, role or
// IAM group, taking precedence over the SSMSessionRunAs tag
// (docs/world-format.md "Extensions").
struct RunAsMappingRule {
  std::string kind;  // permission_set | role | group
  std::string name;
  std::string linux_user;
  json::Position pos;
};

struct World {
  std::string partition = "aws";
  std::string region = "us-east-1";
  std::optional<std::int64_t> time;  // fixed clock, epoch seconds
  std::optional<Organization> organization;
  std::map<std::string, std::unique_ptr<Account>> accounts;
  std::map<std::string, std::unique_ptr<ManagedPolicy>> aws_managed;  // by name
  std::optional<IdentityCenter> identity_center;
  std::map<std::string, Profile> profiles;
  std::vector<RunAsMappingRule> run_as_mappings;  // empty: the extension is off

  const Account* FindAccount(std::string_view id) const;
  const User* FindUserByArn(std::string_view arn) const;
  const Role* FindRoleByArn(std::string_view arn) const;
  const Role* FindRoleByName(std::string_view account, std::string_view name) const;  // case-insensitive
  const ManagedPolicy* FindManagedPolicyByArn(std::string_view arn) const;
  const Host* FindHost(std::string_view id) const;

  // SCP / RCP levels (root first, then each OU, then the account) governing
  // an account; nullopt when the account is outside the organization or is
  // its management account (SCPs and RCPs do not apply there).
  std::optional<std::vector<std::vector<const policy::CompiledPolicy*>>> ScpLevels(std::string_view account) const;
  std::optional<std::vector<std::vector<const policy::CompiledPolicy*>>> RcpLevels(std::string_view account) const;
  // "o-…/r-…/ou-…/…/" for an organization member, or empty.
  std::string OrgPath(std::string_view account) const;
};

// Whether resource control policies govern an action: RCPs apply to a
// subset of services (S3, STS, KMS, SQS, Secrets Manager), not to EC2 or
// Systems Manager.
bool RcpGoverns(std::string_view action);
// ssm:StartSession is not governed by RCPs (the access matrix relies on it).
inline constexpr bool kStartSessionRcpGoverned = false;

}  // namespace gatehouse::world
