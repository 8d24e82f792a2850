// world/principal_context.cc: principal -> request context and policies.
#include "world/principal_context.h"

#include <ctime>

namespace gatehouse::world {

std::string Identity::Arn(const World& w) const {
  switch (kind) {
    case Kind::kRoot: return "arn:" + w.partition + ":iam::" + account + ":root";
    case Kind::kUser: return user->arn;
    case Kind::kRoleSession:
      return "arn:" + w.partition + ":sts::" + account + ":assumed-role/" + role->name + "/" + session_name;
  }
  return {};
}

std::string Identity::UserId() const {
  switch (kind) {
    case Kind::kRoot: return account;
    case Kind::kUser: return user->id;
    case Kind::kRoleSession: return role->id + ":" + session_name;
  }
  return {};
}

std::string FormatTime(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void BuildPrincipal(const World& w, const Identity& id, const RequestEnvironment& env, policy::RequestPrincipal& p,
                    policy::RequestContext& c) {
  p.arn = id.Arn(w);
  p.partition = w.partition;
  p.account = id.account;
  p.user_id = id.UserId();
  switch (id.kind) {
    case Identity::Kind::kRoot:
      p.kind = policy::PrincipalKind::kRoot;
      p.principal_arn = p.arn;
      c.Set("aws:PrincipalType", "Account");
      break;
    case Identity::Kind::kUser:
      p.kind = policy::PrincipalKind::kUser;
      p.name = id.user->name;
      p.principal_arn = p.arn;
      c.Set("aws:PrincipalType", "User");
      c.Set("aws:username", id.user->name);
      for (const Tag& t : id.user->tags) c.Set("aws:PrincipalTag/" + t.key, t.value);
      break;
    case Identity::Kind::kRoleSession:
      p.kind = policy::PrincipalKind::kAssumedRole;
      p.name = id.session_name;
      p.role_name = id.role->name;
      p.principal_arn = id.role->arn;  // aws:PrincipalArn is the role, with its path
      c.Set("aws:PrincipalType", "AssumedRole");
      for (const Tag& t : id.session_tags) c.Set("aws:PrincipalTag/" + t.key, t.value);
      break;
  }
  c.Set("aws:PrincipalArn", p.principal_arn);
  c.Set("aws:PrincipalAccount", id.account);
  c.Set("aws:userid", p.user_id);
  c.Set("aws:PrincipalIsAWSService", "false");
  if (const std::string path = w.OrgPath(id.account); !path.empty()) {
    c.Set("aws:PrincipalOrgID", w.organization->id);
    c.SetMulti("aws:PrincipalOrgPaths", {path});
  }
  // Temporary credentials carry the token's issue time and an MFA flag;
  // long-term keys carry neither (§5.2).
  if (id.is_session()) {
    c.Set("aws:TokenIssueTime", FormatTime(id.issued));
    c.Set("aws:MultiFactorAuthPresent", id.mfa ? "true" : "false");
    if (id.mfa) c.Set("aws:MultiFactorAuthAge", std::to_string(env.now - id.mfa_time));
    if (id.source_identity) c.Set("aws:SourceIdentity", *id.source_identity);
  }
  c.Set("aws:CurrentTime", FormatTime(env.now));
  c.Set("aws:EpochTime", std::to_string(env.now));
  c.Set("aws:SecureTransport", env.secure_transport ? "true" : "false");
  c.Set("aws:ViaAWSService", "false");
  if (!env.region.empty()) c.Set("aws:RequestedRegion", env.region);
  if (!env.source_ip.empty()) c.Set("aws:SourceIp", env.source_ip);
  if (!env.user_agent.empty()) c.Set("aws:UserAgent", env.user_agent);
}

namespace {

void AddEntityPolicies(const std::vector<PolicyDoc>& inline_policies, const std::vector<const ManagedPolicy*>& managed,
                       std::vector<const policy::CompiledPolicy*>& out) {
  for (const PolicyDoc& d : inline_policies) out.push_back(d.compiled.get());
  for (const ManagedPolicy* m : managed) out.push_back(m->doc.compiled.get());
}

}  // namespace

void AddPrincipalPolicies(const World& w, const Identity& id, policy::PolicySet& set) {
  switch (id.kind) {
    case Identity::Kind::kRoot:
      break;  // the root user has no identity policies
    case Identity::Kind::kUser:
      AddEntityPolicies(id.user->inline_policies, id.user->managed, set.identity);
      for (const Group* g : id.user->groups) AddEntityPolicies(g->inline_policies, g->managed, set.identity);
      if (id.user->boundary) set.boundary = id.user->boundary->doc.compiled.get();
      break;
    case Identity::Kind::kRoleSession:
      AddEntityPolicies(id.role->inline_policies, id.role->managed, set.identity);
      if (id.role->boundary) set.boundary = id.role->boundary->doc.compiled.get();
      for (const PolicyDoc& d : id.session_policies) set.session.push_back(d.compiled.get());
      set.has_session_policies = !id.session_policies.empty();
      break;
  }
  if (auto levels = w.ScpLevels(id.account)) {
    set.scp_governed = true;
    set.scp = std::move(*levels);
  }
}

}  // namespace gatehouse::world
