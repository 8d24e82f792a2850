// services/authz.h: one authorisation call for any service: an identity of
// the world asks to perform an action on a resource, with the request's own
// context keys; the principal's context and policies come from the world
// (world/principal_context.h) and the decision from the one engine.
#pragma once

#include <string>
#include <string_view>

#include "policy/authorizer.h"
#include "policy/context.h"
#include "policy/decision.h"
#include "world/identity.h"
#include "world/principal_context.h"

namespace gatehouse::services {

struct AuthzRequest {
  std::string action;            // "ssm:StartSession"
  std::string resource;          // ARN, or "*"
  std::string resource_account;  // empty: the caller's account
  policy::RequestContext extra;  // request-specific keys (resource tags, aws:TagKeys, ...)
  const policy::CompiledPolicy* resource_policy = nullptr;
};

struct AuthzResult {
  policy::Decision decision;
  std::string message;  // AWS's AccessDenied text when denied
  bool allowed() const { return decision.allowed(); }
};

AuthzResult Authorize(const world::World& w, const world::Identity& caller, const AuthzRequest& r,
                      const world::RequestEnvironment& env);

}  // namespace gatehouse::services
