// sts/sts.cc: AssumeRole, Identity Center sign-in and GetCallerIdentity
// (../shared/spec/iam-semantics.md §6.6, §7; docs/semantics.md).
#include "sts/sts.h"

#include <algorithm>
#include <cmath>

#include "common/ascii.h"
#include "policy/authorizer.h"
#include "policy/parser.h"
#include "world/ids.h"
#include "world/principal_context.h"

namespace gatehouse::sts {
namespace {

using world::Identity;

Error Err(std::string_view code, std::string message) { return MakeError(std::string(code), std::move(message)); }

// The classic STS denial: no reason suffix (§7.6).
Error Denied(const world::World& w, const Identity& caller, std::string_view action, std::string_view resource) {
  return Err(kAccessDenied, "User: " + caller.Arn(w) + " is not authorized to perform: " + std::string(action) +
                                " on resource: " + std::string(resource));
}

// Decides one STS action on a role, with the trust policy as the resource
// policy.
policy::Decision Decide(const world::World& w, const Identity& caller, const world::Role& role, std::string_view action,
                        const policy::RequestContext& extra, const CallContext& ctx) {
  policy::PolicySet set;
  world::AddPrincipalPolicies(w, caller, set);
  set.resource = role.trust.compiled.get();
  if (auto levels = w.RcpLevels(role.account)) {
    set.rcp_governed = true;
    set.rcp = std::move(*levels);
  }
  policy::Request req;
  world::RequestEnvironment env;
  env.now = ctx.now;
  env.region = ctx.region;
  world::BuildPrincipal(w, caller, env, req.principal, req.context);
  for (const policy::ContextEntry& e : extra.entries()) {
    if (e.multi) req.context.SetMulti(e.name, e.values);
    else req.context.Set(e.name, e.values.empty() ? std::string() : e.values[0]);
  }
  req.action = std::string(action);
  req.resource = role.arn;
  req.resource_account = role.account;
  return policy::Authorize(set, req);
}

bool Authorized(const world::World& w, const Identity& caller, const world::Role& role, std::string_view action,
                const policy::RequestContext& extra, const CallContext& ctx) {
  return Decide(w, caller, role, action, extra, ctx).allowed();
}

// sts:SetSourceIdentity needs the trust policy (as every trust action does)
// and, when chaining or crossing accounts, the caller's identity policy too
// (IUG id_credentials_temp_control-access_monitor.md; fact sheet §6.6, T64):
// a trust policy naming the calling role is not enough on its own.
bool SourceIdentityAuthorized(const world::World& w, const Identity& caller, const world::Role& role,
                              const policy::RequestContext& extra, const CallContext& ctx) {
  const policy::Decision d = Decide(w, caller, role, "sts:SetSourceIdentity", extra, ctx);
  if (!d.allowed()) return false;
  if (!caller.is_session() && caller.account == role.account) return true;
  return std::any_of(d.matched.begin(), d.matched.end(),
                     [](const policy::MatchedStatement& m) { return m.slot == policy::Slot::kIdentity; });
}

std::string Lower(std::string_view s) { return ascii::Lower(s); }

// Session policies: the inline policy and managed policies by ARN.
Result<std::vector<world::PolicyDoc>> SessionPolicies(const world::World& w, const AssumeRoleParams& p) {
  std::vector<world::PolicyDoc> out;
  if (p.policy) {
    Result<policy::Policy> parsed = policy::ParsePolicyText(*p.policy, policy::PolicyType::kSession);
    if (!parsed.ok()) return Err(policy::kMalformedPolicyDocument, parsed.error().message);
    world::PolicyDoc doc;
    doc.name = "SessionPolicy";
    doc.text = *p.policy;
    doc.size = parsed->size;
    doc.compiled = std::make_shared<const policy::CompiledPolicy>(policy::CompiledPolicy::Compile(*parsed, doc.name));
    out.push_back(std::move(doc));
  }
  for (const std::string& arn : p.policy_arns) {
    const world::ManagedPolicy* m = w.FindManagedPolicyByArn(arn);
    if (m == nullptr) return Err(policy::kMalformedPolicyDocument, "Policy " + arn + " does not exist or is not attachable.");
    out.push_back(m->doc);
  }
  return out;
}

std::string SessionToken(std::string_view seed) {
  // A token-shaped opaque value: 356 characters, like real STS tokens' order
  // of magnitude, derived (not random) so outputs are reproducible.
  std::string t = "FwoGZXIvYXdzE";
  while (t.size() < 356) t += world::DeriveSecret(std::string(seed) + std::to_string(t.size()));
  t.resize(356);
  return t;
}

void IssueCredentials(const world::World& w, Identity& s, std::string_view seed) {
  const std::string base = s.Arn(w) + "|" + std::to_string(s.issued) + "|" + std::string(seed);
  s.access_key_id = world::DeriveId("ASIA", "session-key|" + base, 16);
  s.secret_access_key = world::DeriveSecret("session-secret|" + base);
  s.session_token = SessionToken("session-token|" + base);
}

}  // namespace

Result<Identity> LongTermIdentity(const world::World& w, std::string_view arn) {
  Identity id;
  if (const world::User* u = w.FindUserByArn(arn)) {
    id.kind = Identity::Kind::kUser;
    id.account = u->account;
    id.user = u;
    if (!u->access_keys.empty()) id.access_key_id = u->access_keys.front();
    return id;
  }
  // arn:aws:iam::<account>:root
  const std::string prefix = "arn:" + w.partition + ":iam::";
  if (arn.rfind(prefix, 0) == 0 && arn.size() == prefix.size() + 17 && arn.substr(prefix.size() + 12) == ":root") {
    const std::string account(arn.substr(prefix.size(), 12));
    if (w.FindAccount(account) == nullptr)
      return Err("InvalidClientTokenId", "The security token included in the request is invalid. (account " + account +
                                             " is not in the world)");
    id.kind = Identity::Kind::kRoot;
    id.account = account;
    return id;
  }
  return Err("InvalidClientTokenId", "The security token included in the request is invalid. (" + std::string(arn) +
                                         " is neither a user of the world nor an account root)");
}

Result<AssumeRoleResult> AssumeRole(const world::World& w, const Identity& caller, const AssumeRoleParams& p,
                                    const CallContext& ctx) {
  if (Status v = ValidateAssumeRole(p); !v.ok()) return v.error();
  if (caller.kind == Identity::Kind::kRoot) return Err(kAccessDenied, "Roles may not be assumed by root accounts.");

  const world::Role* role = w.FindRoleByArn(p.role_arn);
  // An unknown role is indistinguishable from a refused one (§7.7).
  if (role == nullptr) return Denied(w, caller, "sts:AssumeRole", p.role_arn);

  // Durations: role chaining caps at one hour; otherwise the role's maximum.
  const bool chained = caller.is_session();
  std::int64_t duration = 3600;
  if (p.duration_seconds) {
    duration = *p.duration_seconds;
    if (chained && duration > 3600)
      return Err(kValidationError,
                 "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    if (duration > role->max_session_duration)
      return Err(kValidationError, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  // MFA: a serial number and a code of the caller's device.
  bool mfa = false;
  if (p.serial_number || p.token_code) {
    const bool device_ok = caller.kind == Identity::Kind::kUser && caller.user->mfa && p.serial_number &&
                           *p.serial_number == caller.user->mfa_serial && p.token_code;
    if (!device_ok) return Err(kAccessDenied, "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    mfa = true;
  }

  // Tags: session tags may not restate a transitive tag inherited from the
  // calling session (§7.2, T41); transitive keys must name passed tags.
  for (const Tag& t : p.tags)
    if (caller.is_session() && caller.transitive_keys.count(Lower(t.key)))
      return Err(kInvalidParameterValue, "Tag key '" + t.key +
                                             "' is a transitive session tag of the calling session and cannot be set again");
  for (const std::string& k : p.transitive_tag_keys) {
    const bool passed = std::any_of(p.tags.begin(), p.tags.end(), [&](const Tag& t) { return ascii::EqualsIgnoreCase(t.key, k); });
    if (!passed)
      return Err(kInvalidParameterValue, "Transitive tag key '" + k + "' must also be passed as a session tag");
  }

  Result<std::vector<world::PolicyDoc>> session_policies = SessionPolicies(w, p);
  if (!session_policies.ok()) return session_policies.error();

  // Packed size: session policy text plus tags against a 2,048-byte budget
  // (docs/semantics.md: gatehouse's measure of AWS's undocumented packing).
  std::optional<int> packed;
  if (p.policy || !p.policy_arns.empty() || !p.tags.empty()) {
    std::size_t bytes = p.policy ? p.policy->size() : 0;
    for (const std::string& a : p.policy_arns) bytes += a.size();
    for (const Tag& t : p.tags) bytes += t.key.size() + t.value.size();
    for (const std::string& k : p.transitive_tag_keys) bytes += k.size();
    const int percent = static_cast<int>(std::ceil(100.0 * static_cast<double>(bytes) / 2048.0));
    if (percent > 100)
      return Err(kPackedPolicyTooLarge,
                 "Packed policy consumes " + std::to_string(percent) + "% of allotted space, please use smaller policy.");
    packed = percent;
  }

  // The request context of AssumeRole (§7.7).
  policy::RequestContext extra;
  extra.Set("sts:RoleSessionName", p.role_session_name);
  if (p.external_id) extra.Set("sts:ExternalId", *p.external_id);
  const std::optional<std::string> source_identity = caller.source_identity ? caller.source_identity : p.source_identity;
  if (caller.source_identity && p.source_identity && *caller.source_identity != *p.source_identity)
    return Err(kAccessDenied, "The source identity of a session cannot be changed once set (" + *caller.source_identity + ")");
  if (source_identity) extra.Set("sts:SourceIdentity", *source_identity);
  if (!p.tags.empty()) {
    std::vector<std::string> keys;
    for (const Tag& t : p.tags) {
      extra.Set("aws:RequestTag/" + t.key, t.value);
      keys.push_back(t.key);
    }
    extra.SetMulti("aws:TagKeys", keys);
  }
  if (!p.transitive_tag_keys.empty()) extra.SetMulti("sts:TransitiveTagKeys", p.transitive_tag_keys);
  for (const world::Tag& t : role->tags) {
    extra.Set("iam:ResourceTag/" + t.key, t.value);
    extra.Set("aws:ResourceTag/" + t.key, t.value);
  }
  if (mfa) {
    extra.Set("aws:MultiFactorAuthPresent", "true");
    extra.Set("aws:MultiFactorAuthAge", "0");
  }

  if (!Authorized(w, caller, *role, "sts:AssumeRole", extra, ctx)) return Denied(w, caller, "sts:AssumeRole", role->arn);
  if ((!p.tags.empty() || !p.transitive_tag_keys.empty()) && !Authorized(w, caller, *role, "sts:TagSession", extra, ctx))
    return Denied(w, caller, "sts:TagSession", role->arn);
  if (source_identity && !SourceIdentityAuthorized(w, caller, *role, extra, ctx))
    return Denied(w, caller, "sts:SetSourceIdentity", role->arn);

  // The session (§7.2): inherited transitive tags, then the tags passed now,
  // then the role's tags whose keys are not already present.
  AssumeRoleResult out;
  Identity& s = out.session;
  s.kind = Identity::Kind::kRoleSession;
  s.account = role->account;
  s.role = role;
  s.session_name = p.role_session_name;
  auto has = [&](std::string_view key) { return world::FindTag(s.session_tags, key) != nullptr; };
  if (caller.is_session()) {
    for (const world::Tag& t : caller.transitive_tags) {
      s.session_tags.push_back(t);
      s.transitive_tags.push_back(t);
      s.transitive_keys.insert(Lower(t.key));
    }
  }
  for (const Tag& t : p.tags) s.session_tags.push_back(world::Tag{t.key, t.value});
  for (const std::string& k : p.transitive_tag_keys) {
    for (const Tag& t : p.tags)
      if (ascii::EqualsIgnoreCase(t.key, k) && !s.transitive_keys.count(Lower(t.key))) {
        s.transitive_tags.push_back(world::Tag{t.key, t.value});
        s.transitive_keys.insert(Lower(t.key));
      }
  }
  for (const world::Tag& t : role->tags)
    if (!has(t.key)) s.session_tags.push_back(t);
  s.source_identity = source_identity;
  s.issued = ctx.now;
  s.expiration = ctx.now + duration;
  s.mfa = mfa;
  s.mfa_time = mfa ? ctx.now : 0;
  s.session_policies = std::move(session_policies).value();
  s.chained = chained;
  IssueCredentials(w, s, "AssumeRole");
  out.packed_policy_size = packed;
  return out;
}

Result<Identity> SsoSignIn(const world::World& w, std::string_view user, std::string_view permission_set,
                           std::string_view account, const CallContext& ctx) {
  if (!w.identity_center) return Err(kForbidden, "No access: the world has no IAM Identity Center");
  const world::IdentityCenter& ic = *w.identity_center;
  auto u = ic.users.find(std::string(user));
  if (u == ic.users.end()) return Err(kForbidden, "No access: unknown Identity Center user " + std::string(user));
  auto a = ic.assignments.find({std::string(permission_set), std::string(account)});
  if (a == ic.assignments.end() || std::find(a->second.begin(), a->second.end(), u->first) == a->second.end())
    return Err(kForbidden, "No access: " + std::string(user) + " is not assigned permission set " +
                               std::string(permission_set) + " in account " + std::string(account));
  const world::Role* role = nullptr;
  if (const world::Account* acct = w.FindAccount(account))
    for (const auto& [name, r] : acct->roles)
      if (r->protected_sso && r->permission_set == permission_set) role = r.get();
  if (role == nullptr) return Err(kForbidden, "No access: no provisioned role for " + std::string(permission_set));

  Identity s;
  s.kind = Identity::Kind::kRoleSession;
  s.account = role->account;
  s.role = role;
  s.session_name = u->first;  // the Identity Center user name
  s.sso = true;
  s.sso_user = u->first;
  s.permission_set = std::string(permission_set);
  // Attributes for access control become session tags (not transitive).
  for (const auto& [key, source] : ic.attributes_for_access_control) {
    const std::string path = source.substr(7, source.size() - 8);  // ${path:…}
    std::optional<std::string> value;
    if (path == "userName") value = u->second.name;
    else if (path == "displayName" && !u->second.display_name.empty()) value = u->second.display_name;
    else if ((path == "email" || path == "emails[primary eq true].value") && !u->second.email.empty()) value = u->second.email;
    else {
      std::string attr = path;
      if (attr.rfind("enterprise.", 0) == 0 && !u->second.attributes.count(attr)) attr = attr.substr(11);
      auto it = u->second.attributes.find(attr);
      if (it != u->second.attributes.end()) value = it->second;
    }
    if (value) s.session_tags.push_back(world::Tag{key, *value});
  }
  s.issued = ctx.now;
  s.expiration = ctx.now + role->max_session_duration;
  IssueCredentials(w, s, "SsoSignIn");
  return s;
}

CallerIdentityResult GetCallerIdentity(const world::World& w, const Identity& caller) {
  return CallerIdentityResult{caller.UserId(), caller.account, caller.Arn(w)};
}

}  // namespace gatehouse::sts
