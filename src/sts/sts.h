// sts/sts.h: AWS Security Token Service over a world: AssumeRole (validation,
// authorisation by trust and identity policies, External ID, MFA, session
// tags with AWS's precedence and transitivity, source identity, session
// policies, role chaining), Identity Center sign-in, and GetCallerIdentity.
// Each call returns the resulting Identity or AWS's error (code + message).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "sts/validation.h"
#include "world/identity.h"
#include "world/model.h"

namespace gatehouse::sts {

// Error codes, as STS returns them.
inline constexpr std::string_view kAccessDenied = "AccessDenied";
inline constexpr std::string_view kValidationError = "ValidationError";
inline constexpr std::string_view kPackedPolicyTooLarge = "PackedPolicyTooLarge";
inline constexpr std::string_view kInvalidParameterValue = "InvalidParameterValue";
inline constexpr std::string_view kForbidden = "ForbiddenException";  // Identity Center: no access

struct CallContext {
  std::int64_t now = 0;  // epoch seconds
  std::string region;    // the region the call is made in
};

struct AssumeRoleResult {
  world::Identity session;
  // Percentage of the packed size budget used by session policies and tags;
  // present when either was passed.
  std::optional<int> packed_policy_size;
};

Result<AssumeRoleResult> AssumeRole(const world::World& w, const world::Identity& caller, const AssumeRoleParams& p,
                                    const CallContext& ctx);

// Identity Center sign-in: `user` with `permission_set` in `account` gets a
// session of the provisioned AWSReservedSSO_* role, named after the user,
// carrying the attributes for access control as session tags.
Result<world::Identity> SsoSignIn(const world::World& w, std::string_view user, std::string_view permission_set,
                                  std::string_view account, const CallContext& ctx);

struct CallerIdentityResult {
  std::string user_id;
  std::string account;
  std::string arn;
};
// Needs no permission and cannot be denied, not even by an explicit Deny
// (../shared/spec/iam-semantics.md §7.5, T42).
CallerIdentityResult GetCallerIdentity(const world::World& w, const world::Identity& caller);

// A long-term identity from an ARN: the account root or an IAM user.
Result<world::Identity> LongTermIdentity(const world::World& w, std::string_view arn);

}  // namespace gatehouse::sts
