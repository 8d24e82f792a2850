// services/authz.cc: identity + world -> engine request -> decision.
#include "services/authz.h"

#include "policy/explain.h"

namespace gatehouse::services {

AuthzResult Authorize(const world::World& w, const world::Identity& caller, const AuthzRequest& r,
                      const world::RequestEnvironment& env) {
  policy::PolicySet set;
  world::AddPrincipalPolicies(w, caller, set);
  set.resource = r.resource_policy;
  const std::string& resource_account = r.resource_account.empty() ? caller.account : r.resource_account;
  if (world::RcpGoverns(r.action)) {
    if (auto levels = w.RcpLevels(resource_account)) {
      set.rcp_governed = true;
      set.rcp = std::move(*levels);
    }
  }
  policy::Request req;
  world::BuildPrincipal(w, caller, env, req.principal, req.context);
  for (const policy::ContextEntry& e : r.extra.entries()) {
    if (e.multi) req.context.SetMulti(e.name, e.values);
    else req.context.Set(e.name, e.values.empty() ? std::string() : e.values[0]);
  }
  req.action = r.action;
  req.resource = r.resource;
  req.resource_account = resource_account;
  AuthzResult out;
  out.decision = policy::Authorize(set, req);
  if (!out.decision.allowed()) out.message = policy::AccessDeniedMessage(out.decision, req);
  return out;
}

}  // namespace gatehouse::services
