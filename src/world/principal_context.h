// world/principal_context.h: an Identity turned into what the policy engine
// sees: the request principal, the principal-dependent context keys of
// ../shared/spec/iam-semantics.md §5 (present or absent exactly as AWS has
// them), and the principal-side policies (identity policies, permissions
// boundary, session policies, SCP levels).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "policy/authorizer.h"
#include "policy/request.h"
#include "world/identity.h"

namespace gatehouse::world {

// Request-level facts that are not the principal's.
struct RequestEnvironment {
  std::int64_t now = 0;              // epoch seconds (aws:CurrentTime, aws:EpochTime)
  std::string region;                // aws:RequestedRegion
  bool secure_transport = true;      // aws:SecureTransport
  std::string source_ip;             // aws:SourceIp (absent when empty)
  std::string user_agent;            // aws:UserAgent (absent when empty)
};

// Fills principal and context (the keys of §5 plus the environment).
void BuildPrincipal(const World& w, const Identity& id, const RequestEnvironment& env, policy::RequestPrincipal& principal,
                    policy::RequestContext& context);

// The policies on the principal's side of a request. `PolicySet` borrows
// pointers into the world and the identity, which must outlive it.
void AddPrincipalPolicies(const World& w, const Identity& id, policy::PolicySet& set);

// ISO 8601 UTC with seconds, e.g. 2026-01-01T00:00:00Z.
std::string FormatTime(std::int64_t epoch_seconds);

}  // namespace gatehouse::world
