// world/identity.h: who is asking. A long-term identity (the account root or
// an IAM user) or a temporary one (an assumed-role session, including
// Identity Center sign-ins), with everything STS recorded about it. From an
// Identity the world derives the request context and the policies that
// apply (world/principal_context.h).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "world/model.h"

namespace gatehouse::world {

struct Identity {
  enum class Kind : std::uint8_t { kRoot, kUser, kRoleSession };
  Kind kind = Kind::kUser;
  std::string account;
  const User* user = nullptr;  // kUser
  const Role* role = nullptr;  // kRoleSession

  // Sessions (and temporary user credentials).
  std::string session_name;
  Tags session_tags;                       // the session's principal tags (session tags over role tags)
  std::set<std::string> transitive_keys;   // lower-cased keys of transitive session tags
  Tags transitive_tags;                    // those tags, as passed
  std::optional<std::string> source_identity;
  std::int64_t issued = 0;                 // epoch seconds
  std::int64_t expiration = 0;
  bool mfa = false;                        // MFA was used to obtain the credentials
  std::int64_t mfa_time = 0;
  std::vector<PolicyDoc> session_policies; // inline + managed session policies
  bool chained = false;                    // obtained with role-session credentials (role chaining)
  bool sso = false;                        // an Identity Center sign-in
  std::string sso_user;
  std::string permission_set;
  std::string access_key_id;               // AKIA… (users) or ASIA… (sessions)
  std::string secret_access_key;
  std::string session_token;

  bool is_session() const { return kind == Kind::kRoleSession; }
  // The caller's ARN: root, user, or arn:aws:sts::A:assumed-role/Role/Session.
  std::string Arn(const World& w) const;
  // aws:userid: the account id, AIDA…, or AROA…:session.
  std::string UserId() const;
};

}  // namespace gatehouse::world
