// policy/authorizer.h: the decision across policy types for one request
// (docs/semantics.md §4): explicit deny anywhere, SCP and RCP levels,
// resource-based grants by principal kind, identity policies, permissions
// boundary, session policies, same- and cross-account rules.
#pragma once

#include <vector>

#include "policy/compiled.h"
#include "policy/decision.h"
#include "policy/request.h"

namespace gatehouse::policy {

// The policies that apply to a request. Pointers are borrowed; the set is
// cheap to build and may be reused for many requests.
struct PolicySet {
  std::vector<const CompiledPolicy*> identity;
  const CompiledPolicy* resource = nullptr;  // resource policy or role trust policy
  const CompiledPolicy* boundary = nullptr;
  std::vector<const CompiledPolicy*> session;
  bool has_session_policies = false;  // session policies were passed (even if none given here)
  bool scp_governed = false;          // the principal's account is governed by SCPs
  std::vector<std::vector<const CompiledPolicy*>> scp;  // levels, root first
  bool rcp_governed = false;
  std::vector<std::vector<const CompiledPolicy*>> rcp;
};

Decision Authorize(const PolicySet& policies, const PreparedRequest& request);
// Prepares the request on the fly (for requests decided once).
Decision Authorize(const PolicySet& policies, const Request& request);

}  // namespace gatehouse::policy
