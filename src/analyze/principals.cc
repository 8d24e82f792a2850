// analyze/principals.cc: sign-ins and breadth-first role reachability.
#include "analyze/principals.h"

#include <deque>
#include <set>

namespace gatehouse::analyze {

std::vector<std::string> ExternalIdsOf(const world::Role& role) {
  std::vector<std::string> ids;
  if (!role.trust.compiled) return ids;
  for (const policy::CompiledStatement& st : role.trust.compiled->statements())
    for (const policy::CompiledCondition& c : st.conditions)
      if (c.key.lower == "sts:externalid")
        for (const policy::ConditionValue& v : c.values)
          if (v.text.is_plain()) ids.emplace_back(v.text.plain());
  return ids;
}

namespace {

std::string NameOf(const world::Identity& id) {
  switch (id.kind) {
    case world::Identity::Kind::kRoot: return "root";
    case world::Identity::Kind::kUser: return id.user->name;
    case world::Identity::Kind::kRoleSession: return id.session_name;
  }
  return "session";
}

std::string TagsKey(const world::Identity& id) {
  std::string k;
  for (const world::Tag& t : id.session_tags) k += t.key + "=" + t.value + ";";
  return k + "|" + id.source_identity.value_or("");
}

}  // namespace

std::vector<ReachablePrincipal> EnumeratePrincipals(const world::World& w, const sts::CallContext& ctx,
                                                    const EnumerateOptions& options) {
  std::vector<ReachablePrincipal> out;
  for (const auto& [aid, a] : w.accounts)
    for (const auto& [name, u] : a->users) {
      ReachablePrincipal p;
      p.identity.kind = world::Identity::Kind::kUser;
      p.identity.account = u->account;
      p.identity.user = u.get();
      p.label = u->arn;
      p.how = "IAM user " + u->name + " (long-term access keys)";
      out.push_back(std::move(p));
    }
  if (w.identity_center) {
    for (const auto& [key, users] : w.identity_center->assignments) {
      const auto& [ps, account] = key;
      for (const std::string& user : users) {
        Result<world::Identity> s = sts::SsoSignIn(w, user, ps, account, ctx);
        if (!s.ok()) continue;
        ReachablePrincipal p;
        p.identity = std::move(s).value();
        p.label = "sso:" + user + "/" + ps + "@" + account;
        p.how = "Identity Center sign-in: " + user + " with permission set " + ps + " in " + account;
        out.push_back(std::move(p));
      }
    }
  }
  // Breadth-first over AssumeRole hops.
  std::set<std::string> seen;
  for (const ReachablePrincipal& p : out)
    if (p.identity.is_session()) seen.insert(p.identity.role->arn + "|" + p.identity.session_name + "|" + TagsKey(p.identity));
  std::deque<std::pair<std::size_t, int>> queue;  // (index in out, depth)
  for (std::size_t i = 0; i < out.size(); ++i) queue.emplace_back(i, 0);
  while (!queue.empty()) {
    const auto [index, depth] = queue.front();
    queue.pop_front();
    if (depth >= options.max_hops) continue;
    for (const auto& [aid, a] : w.accounts) {
      for (const auto& [rname, role] : a->roles) {
        if (role->protected_sso) continue;  // only Identity Center signs in to these
        const ReachablePrincipal caller = out[index];  // copy: `out` grows below
        std::vector<std::optional<std::string>> external_ids = {std::nullopt};
        for (const std::string& e : ExternalIdsOf(*role)) external_ids.emplace_back(e);
        for (const std::optional<std::string>& external_id : external_ids) {
          sts::AssumeRoleParams params;
          params.role_arn = role->arn;
          params.role_session_name = NameOf(caller.identity);
          if (params.role_session_name.size() < 2) params.role_session_name += "-session";
          params.external_id = external_id;
          Result<sts::AssumeRoleResult> r = sts::AssumeRole(w, caller.identity, params, ctx);
          if (!r.ok()) continue;
          const std::string key = role->arn + "|" + r->session.session_name + "|" + TagsKey(r->session);
          if (!seen.insert(key).second) break;
          ReachablePrincipal next;
          next.identity = std::move(r->session);
          next.label = caller.label + " -> " + role->arn;
          next.how = caller.how + "; AssumeRole " + role->arn + " as " + params.role_session_name +
                     (external_id ? " with External ID " + *external_id : "");
          out.push_back(std::move(next));
          queue.emplace_back(out.size() - 1, depth + 1);
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace gatehouse::analyze
