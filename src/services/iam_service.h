// services/iam_service.h: the IAM calls on roles that gatehouse answers
// offline: TagRole and UntagRole, authorised as IAM authorises them
// (iam:TagRole / iam:UntagRole on the role ARN, with aws:RequestTag/K,
// aws:TagKeys, aws:ResourceTag/K and iam:ResourceTag/K), and the protection of
// the roles Identity Center provisions (AWSReservedSSO_*), which refuse every
// change with UnmodifiableEntity (iam-semantics.md §7, docs/semantics.md §6).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "world/identity.h"
#include "world/model.h"
#include "world/principal_context.h"

namespace gatehouse::services {

inline constexpr std::string_view kIamAccessDenied = "AccessDenied";
inline constexpr std::string_view kNoSuchEntity = "NoSuchEntity";
inline constexpr std::string_view kUnmodifiableEntity = "UnmodifiableEntity";
inline constexpr std::string_view kIamValidationError = "ValidationError";
inline constexpr std::string_view kIamInvalidInput = "InvalidInput";
inline constexpr std::string_view kLimitExceeded = "LimitExceeded";

// AWS's refusal for a change to a role Identity Center provisioned.
Error ProtectedRoleError(const world::Role& role);

// Authorises `action` (iam:TagRole, iam:PutRolePolicy, ...) on the caller's
// account's role `role_name`, then refuses protected roles. Returns the role.
Result<world::Role*> RoleForChange(world::World& w, const world::Identity& caller, std::string_view action,
                                   const std::string& role_name, const policy::RequestContext& request_keys,
                                   const world::RequestEnvironment& env);

// Tags are applied to the world in memory (IAM keys: case-insensitive, a key
// given again replaces the value; at most 50 per role).
Status TagRole(world::World& w, const world::Identity& caller, const std::string& role_name,
               const std::vector<world::Tag>& tags, const world::RequestEnvironment& env);
Status UntagRole(world::World& w, const world::Identity& caller, const std::string& role_name,
                 const std::vector<std::string>& keys, const world::RequestEnvironment& env);

}  // namespace gatehouse::services
