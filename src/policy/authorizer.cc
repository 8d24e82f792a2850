// policy/authorizer.cc: the decision procedure of docs/semantics.md §4.
#include "policy/authorizer.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "common/ascii.h"
#include "policy/evaluator.h"

namespace gatehouse::policy {
namespace {

constexpr std::size_t kMaxLevels = 16;

bool IsRoleArn(const ArnView& arn) { return arn.valid && arn.field[2] == "iam" && arn.field[5].substr(0, 5) == "role/"; }
bool IsKmsKeyArn(const ArnView& arn) { return arn.valid && arn.field[2] == "kms" && arn.field[5].substr(0, 4) == "key/"; }

// Role trust policies govern the STS actions on their role (AssumeRole*,
// TagSession, SetSourceIdentity, SetContext); KMS key policies every action
// on their key. Both must name the caller: an identity policy alone never
// suffices [§6.2 step 4]. Every role has a trust policy and every key a key
// policy, so a case that gives none is one that grants nothing.
bool NeedsExplicitGrant(const ArnView& arn, std::string_view vendor) {
  return (IsRoleArn(arn) && vendor == "sts") || IsKmsKeyArn(arn);
}

DeniedBy DenialOf(Slot slot, const CompiledPolicy* policy) {
  switch (slot) {
    case Slot::kIdentity: return DeniedBy::kIdentityPolicy;
    case Slot::kBoundary: return DeniedBy::kPermissionsBoundary;
    case Slot::kSession: return DeniedBy::kSessionPolicy;
    case Slot::kResource:
      return policy->type() == PolicyType::kTrust ? DeniedBy::kTrustPolicy : DeniedBy::kResourcePolicy;
    case Slot::kScp: return DeniedBy::kScp;
    case Slot::kRcp: return DeniedBy::kRcp;
  }
  return DeniedBy::kNone;
}

struct Collector {
  explicit Collector(const EvalInput& input) : in(input) {}
  const EvalInput& in;
  InlineVector<MatchedStatement, 8> allows;
  InlineVector<MatchedStatement, 8> denies;
  bool identity_allow = false;
  bool boundary_allow = false;
  bool session_allow = false;
  GrantKind grant = GrantKind::kNone;
  std::uint32_t scp_ok = 0;  // bit per level with an applicable Allow
  std::uint32_t rcp_ok = 0;

  void Scan(const CompiledPolicy* p, Slot slot, std::uint16_t level) {
    p->ForEachCandidate(in.vendor, in.vendor_hash, [&](const CompiledStatement& st) { Consider(p, st, slot, level); });
  }

  void Consider(const CompiledPolicy* p, const CompiledStatement& st, Slot slot, std::uint16_t level) {
    // Once a Deny applies, the outcome is settled: only further Denies
    // (for the explanation) still need evaluating.
    if (st.effect == Effect::kAllow && !denies.empty()) return;
    {
      const StatementMatch m = EvaluateStatement(st, in);
      if (!m.applies) return;
      const MatchedStatement ms{p, &st, slot, level};
      if (st.effect == Effect::kDeny) {
        denies.push_back(ms);
        return;
      }
      allows.push_back(ms);
      switch (slot) {
        case Slot::kIdentity: identity_allow = true; break;
        case Slot::kBoundary: boundary_allow = true; break;
        case Slot::kSession: session_allow = true; break;
        case Slot::kResource:
          if (m.grant > grant) grant = m.grant;
          break;
        case Slot::kScp: scp_ok |= 1u << level; break;
        case Slot::kRcp: rcp_ok |= 1u << level; break;
      }
    }
  }
};

Decision Deny(Outcome outcome, DeniedBy by, GrantKind grant) {
  Decision d;
  d.outcome = outcome;
  d.denied_by = by;
  d.grant = grant;
  return d;
}

}  // namespace

PreparedRequest::PreparedRequest(Request request) : request_(std::move(request)) {
  action_lower_ = ascii::Lower(request_.action);
  const std::size_t colon = action_lower_.find(':');
  vendor_size_ = colon == std::string::npos ? action_lower_.size() : colon;
  vendor_hash_ = ascii::HashLower(vendor());
  resource_split_ = ArnSplit::Of(request_.resource);
}

void PreparedRequest::SetResource(std::string resource, std::string resource_account) {
  request_.resource = std::move(resource);
  request_.resource_account = std::move(resource_account);
  resource_split_ = ArnSplit::Of(request_.resource);
}

Decision Authorize(const PolicySet& set, const Request& req) { return Authorize(set, PreparedRequest(req)); }

Decision Authorize(const PolicySet& set, const PreparedRequest& prepared) {
  const Request& req = prepared.request();
  const RequestPrincipal& principal = req.principal;
  EvalInput in;
  in.vendor = prepared.vendor();
  in.name = prepared.name();
  in.vendor_hash = prepared.vendor_hash();
  in.resource = ArnView::From(req.resource, prepared.resource_split());
  in.principal = &principal;
  in.context = &req.context;
  in.principal_has_boundary = set.boundary != nullptr;

  const bool scp_applies = set.scp_governed && principal.in_account();
  const bool rcp_applies = set.rcp_governed;
  const std::size_t scp_levels = scp_applies ? std::min(set.scp.size(), kMaxLevels) : 0;
  const std::size_t rcp_levels = rcp_applies ? std::min(set.rcp.size(), kMaxLevels) : 0;

  Collector c{in};
  for (const CompiledPolicy* p : set.identity) c.Scan(p, Slot::kIdentity, 0);
  if (set.boundary != nullptr) c.Scan(set.boundary, Slot::kBoundary, 0);
  for (const CompiledPolicy* p : set.session) c.Scan(p, Slot::kSession, 0);
  if (set.resource != nullptr) c.Scan(set.resource, Slot::kResource, 0);
  for (std::size_t l = 0; l < scp_levels; ++l)
    for (const CompiledPolicy* p : set.scp[l]) c.Scan(p, Slot::kScp, static_cast<std::uint16_t>(l));
  for (std::size_t l = 0; l < rcp_levels; ++l)
    for (const CompiledPolicy* p : set.rcp[l]) c.Scan(p, Slot::kRcp, static_cast<std::uint16_t>(l));

  // 1. Explicit deny anywhere.
  if (!c.denies.empty()) {
    Decision d = Deny(Outcome::kExplicitDeny, DenialOf(c.denies[0].slot, c.denies[0].policy), c.grant);
    d.matched = c.denies;
    return d;
  }
  // 2-3. Every SCP and RCP level must allow (levels beyond kMaxLevels are
  // refused: an organization is at most root + 5 OU levels + account).
  const auto all_levels = [](std::size_t n) { return n == 0 ? 0u : (n >= 32 ? ~0u : (1u << n) - 1u); };
  if (scp_applies && (set.scp.size() > kMaxLevels || c.scp_ok != all_levels(scp_levels)))
    return Deny(Outcome::kImplicitDeny, DeniedBy::kScp, c.grant);
  if (rcp_applies && (set.rcp.size() > kMaxLevels || c.rcp_ok != all_levels(rcp_levels)))
    return Deny(Outcome::kImplicitDeny, DeniedBy::kRcp, c.grant);

  const bool needs_explicit = NeedsExplicitGrant(in.resource, in.vendor);
  const DeniedBy resource_stage = IsRoleArn(in.resource) ? DeniedBy::kTrustPolicy : DeniedBy::kResourcePolicy;
  auto allow = [&]() {
    Decision d;
    d.outcome = Outcome::kAllow;
    d.grant = c.grant;
    d.matched = c.allows;
    return d;
  };

  // 4. Callers outside any account: only a resource-policy grant.
  if (!principal.in_account())
    return c.grant != GrantKind::kNone ? allow() : Deny(Outcome::kImplicitDeny, resource_stage, c.grant);

  // 7. Trust and key policies must name the caller.
  if (needs_explicit && c.grant == GrantKind::kNone) return Deny(Outcome::kImplicitDeny, resource_stage, c.grant);

  const bool same = req.same_account();
  const bool is_root = principal.kind == PrincipalKind::kRoot;
  // 5. The root user has full access to its own account.
  if (is_root && same) return allow();

  if (same) {
    // 8. Direct and "*" grants end evaluation with Allow.
    if (c.grant == GrantKind::kDirect || c.grant == GrantKind::kAll) return allow();
    if (!c.identity_allow && c.grant != GrantKind::kRole)
      return Deny(Outcome::kImplicitDeny, DeniedBy::kIdentityPolicy, c.grant);
  } else {
    // 9. Cross-account: both sides, no shortcut.
    if (c.grant == GrantKind::kNone) return Deny(Outcome::kImplicitDeny, resource_stage, c.grant);
    if (!is_root && !c.identity_allow) return Deny(Outcome::kImplicitDeny, DeniedBy::kIdentityPolicy, c.grant);
  }
  if (set.boundary != nullptr && !c.boundary_allow)
    return Deny(Outcome::kImplicitDeny, DeniedBy::kPermissionsBoundary, c.grant);
  const bool session_principal =
      principal.kind == PrincipalKind::kAssumedRole || principal.kind == PrincipalKind::kFederatedUser;
  if (session_principal) {
    if (set.has_session_policies && !c.session_allow)
      return Deny(Outcome::kImplicitDeny, DeniedBy::kSessionPolicy, c.grant);
    if (!set.has_session_policies && principal.kind == PrincipalKind::kFederatedUser)
      return Deny(Outcome::kImplicitDeny, DeniedBy::kSessionPolicy, c.grant);
  }
  return allow();
}

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAllow: return "Allow";
    case Outcome::kExplicitDeny: return "ExplicitDeny";
    case Outcome::kImplicitDeny: return "ImplicitDeny";
  }
  return "ImplicitDeny";
}

std::string_view DeniedByName(DeniedBy d) {
  switch (d) {
    case DeniedBy::kNone: return "";
    case DeniedBy::kIdentityPolicy: return "identity-based policy";
    case DeniedBy::kPermissionsBoundary: return "permissions boundary";
    case DeniedBy::kSessionPolicy: return "session policy";
    case DeniedBy::kResourcePolicy: return "resource-based policy";
    case DeniedBy::kTrustPolicy: return "role trust policy";
    case DeniedBy::kScp: return "service control policy";
    case DeniedBy::kRcp: return "resource control policy";
  }
  return "";
}

std::string_view SlotName(Slot s) {
  switch (s) {
    case Slot::kIdentity: return "identity";
    case Slot::kBoundary: return "boundary";
    case Slot::kSession: return "session";
    case Slot::kResource: return "resource";
    case Slot::kScp: return "scp";
    case Slot::kRcp: return "rcp";
  }
  return "identity";
}

}  // namespace gatehouse::policy
