// analyze/matrix.cc: grouping hosts by what policies can see, then deciding
// each principal once per group.
#include "analyze/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/ascii.h"
#include "policy/authorizer.h"
#include "world/principal_context.h"

namespace gatehouse::analyze {
namespace {

constexpr std::uint32_t kOtherAccount = 0;  // class 0: hosts the principal cannot target

// What a policy set can observe about a host.
struct Features {
  std::vector<const policy::ArnMatcher*> patterns;  // Resource/NotResource entries of StartSession statements
  std::vector<std::string> tag_keys;                 // lower-cased tag keys read through resource-tag keys
  bool exact = true;                                 // false: a pattern holds variables (decide pairwise)
};

bool ResourceTagKey(std::string_view lower_key, std::string& tag) {
  for (std::string_view prefix : {"ssm:resourcetag/", "aws:resourcetag/"}) {
    if (lower_key.substr(0, prefix.size()) == prefix) {
      tag = std::string(lower_key.substr(prefix.size()));
      return true;
    }
  }
  return false;
}

void CollectTemplateKeys(const policy::Template& t, std::set<std::string>& tags) {
  for (const policy::TemplatePart& part : t.parts()) {
    std::string tag;
    if (part.kind == policy::TemplatePart::Kind::kVariable && ResourceTagKey(part.key.lower, tag)) tags.insert(tag);
  }
}

void CollectFeatures(const policy::CompiledPolicy* p, Features& f, std::set<std::string>& tags,
                     std::set<const policy::ArnMatcher*>& seen) {
  if (p == nullptr) return;
  for (const policy::CompiledStatement& st : p->statements()) {
    if (st.actions.Matches("ssm", "startsession") == st.not_action) continue;
    for (const policy::ArnMatcher& m : st.resources) {
      if (m.star()) continue;
      if (m.depends_on_context()) f.exact = false;
      if (seen.insert(&m).second) f.patterns.push_back(&m);
    }
    for (const policy::CompiledCondition& c : st.conditions) {
      std::string tag;
      if (ResourceTagKey(c.key.lower, tag)) tags.insert(tag);
      for (const policy::ConditionValue& v : c.values) CollectTemplateKeys(v.text, tags);
    }
  }
}

std::string PolicySetKey(const policy::PolicySet& set, const std::string& account) {
  std::string key = account + "|";
  auto add = [&](const void* p) { key += std::to_string(reinterpret_cast<std::uintptr_t>(p)) + ","; };
  for (const auto* p : set.identity) add(p);
  key += "|";
  add(set.boundary);
  key += "|";
  for (const auto* p : set.session) add(p);
  key += set.has_session_policies ? "S|" : "|";
  for (const auto& level : set.scp) {
    for (const auto* p : level) add(p);
    key += ";";
  }
  return key;
}

// The host's tag value for a lower-cased key (tag keys are matched
// case-insensitively by condition keys).
const std::string* TagValue(const world::Host& h, std::string_view lower_key) {
  for (const auto& [k, v] : h.tags)
    if (ascii::EqualsIgnoreCase(k, lower_key)) return &v;
  return nullptr;
}

std::string Signature(const world::Host& h, const Features& f) {
  std::string sig = h.account + "|" + h.region + "|";
  const policy::ArnView arn = policy::ArnView::Of(h.arn);
  const policy::RequestContext empty;
  for (const policy::ArnMatcher* m : f.patterns) sig += m->Matches(arn, empty) ? '1' : '0';
  sig += "|";
  for (const std::string& k : f.tag_keys) {
    if (const std::string* v = TagValue(h, k)) sig += "=" + *v + "\x1f";
    else sig += "\x1e";
  }
  return sig;
}

Cell Decide(const world::World& w, const world::Identity& id, const world::Host& host, const services::SsmContext& base) {
  services::SsmContext ctx = base;
  ctx.env.region = host.region;
  services::StartSessionInput in;
  in.target = host.id;
  const services::AccessCheck check = services::CheckStartSession(w, id, in, ctx, /*require_user_on_host=*/false);
  Cell c;
  c.outcome = check.decision.outcome;
  c.denied_by = std::string(policy::DeniedByName(check.decision.denied_by));
  c.message = check.message;
  for (const policy::MatchedStatement& m : check.decision.matched)
    c.matched.push_back(MatchedRef{m.policy->name(), m.statement->index, m.statement->sid,
                                   m.statement->effect == policy::Effect::kAllow ? "Allow" : "Deny"});
  c.run_as = check.run_as;
  if (check.error) c.run_as_error = check.error;
  return c;
}

Cell OtherAccount(const world::Identity& id) {
  Cell c;
  c.outcome = policy::Outcome::kImplicitDeny;
  c.message = "Session Manager starts sessions only on targets in the caller's account (" + id.account + ")";
  return c;
}

}  // namespace

Matrix Matrix::Compute(const world::World& w, const services::SsmContext& ctx, const MatrixOptions& options) {
  Matrix m;
  sts::CallContext call{ctx.env.now, ctx.env.region};
  m.principals_ = EnumeratePrincipals(w, call, options.enumerate);
  for (const auto& [aid, a] : w.accounts)
    for (const auto& [hid, h] : a->hosts) m.hosts_.push_back(h.get());

  std::unordered_map<std::string, std::uint32_t> groups;
  std::vector<Features> features;
  m.group_of_principal_.resize(m.principals_.size());
  for (std::size_t p = 0; p < m.principals_.size(); ++p) {
    const world::Identity& id = m.principals_[p].identity;
    policy::PolicySet set;
    world::AddPrincipalPolicies(w, id, set);
    const std::string key = options.pairwise ? std::to_string(p) : PolicySetKey(set, id.account);
    auto [it, inserted] = groups.emplace(key, static_cast<std::uint32_t>(groups.size()));
    m.group_of_principal_[p] = it->second;
    if (!inserted) continue;
    // The group's host classes.
    Features f;
    std::set<std::string> tags;
    std::set<const policy::ArnMatcher*> seen;
    for (const auto* pol : set.identity) CollectFeatures(pol, f, tags, seen);
    CollectFeatures(set.boundary, f, tags, seen);
    for (const auto* pol : set.session) CollectFeatures(pol, f, tags, seen);
    for (const auto& level : set.scp)
      for (const auto* pol : level) CollectFeatures(pol, f, tags, seen);
    f.tag_keys.assign(tags.begin(), tags.end());
    std::vector<std::uint32_t> classes(m.hosts_.size(), kOtherAccount);
    std::unordered_map<std::string, std::uint32_t> by_signature;
    for (std::size_t h = 0; h < m.hosts_.size(); ++h) {
      const world::Host& host = *m.hosts_[h];
      if (host.account != id.account) continue;
      const std::string sig = options.pairwise || !f.exact ? host.id : Signature(host, f);
      auto [c, added] = by_signature.emplace(sig, static_cast<std::uint32_t>(by_signature.size() + 1));
      classes[h] = c->second;
    }
    m.host_class_.push_back(std::move(classes));
    features.push_back(std::move(f));
  }

  // Decide each principal once per class, on the class's first host.
  m.cells_.resize(m.principals_.size());
  for (std::size_t p = 0; p < m.principals_.size(); ++p) {
    const std::vector<std::uint32_t>& classes = m.host_class_[m.group_of_principal_[p]];
    std::uint32_t count = 0;
    for (std::uint32_t c : classes) count = std::max(count, c);
    std::vector<Cell>& cells = m.cells_[p];
    cells.resize(count + 1);
    cells[kOtherAccount] = OtherAccount(m.principals_[p].identity);
    std::vector<bool> done(count + 1, false);
    done[kOtherAccount] = true;
    for (std::size_t h = 0; h < m.hosts_.size(); ++h) {
      const std::uint32_t c = classes[h];
      if (done[c]) continue;
      done[c] = true;
      cells[c] = Decide(w, m.principals_[p].identity, *m.hosts_[h], ctx);
      ++m.evaluations_;
    }
  }
  return m;
}

std::size_t Matrix::ClassOf(std::size_t principal, std::size_t host) const {
  return host_class_[group_of_principal_[principal]][host];
}

PairResult Matrix::At(std::size_t principal, std::size_t host) const {
  PairResult r;
  r.cell = &cells_[principal][ClassOf(principal, host)];
  if (r.cell->outcome != policy::Outcome::kAllow) return r;
  if (r.cell->run_as_error) {
    r.session_error = r.cell->run_as_error;
    return r;
  }
  if (r.cell->run_as) {
    if (Status s = ssm::CheckRunAsUserExists(*r.cell->run_as, hosts_[host]->linux_users); !s.ok()) {
      r.session_error = s.error();
      return r;
    }
  }
  r.allowed = true;
  return r;
}

}  // namespace gatehouse::analyze
