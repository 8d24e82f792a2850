// analyze/matrix.cc: grouping hosts by what policies can see, then deciding
// each principal once per group.
#include "analyze/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/ascii.h"
#include "policy/authorizer.h"
#include "policy/explain.h"
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
                     std::set<const policy::ArnMatcher*>& seen, std::string_view vendor = "ssm",
                     std::string_view name = "startsession") {
  if (p == nullptr) return;
  for (const policy::CompiledStatement& st : p->statements()) {
    if (st.actions.Matches(vendor, name) == st.not_action) continue;
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

// Where cells keep what they point to.
struct CellStorage {
  std::deque<ssm::RunAsDecision>& run_as;
  std::deque<Error>& errors;
  std::deque<MatchedList>& matched;
  std::vector<const MatchedList*> recent;  // interning window (a principal has few distinct lists)

  const MatchedList* Intern(const MatchedList& list) {
    for (const MatchedList* m : recent) {
      if (m->size() != list.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < list.size() && same; ++i)
        same = (*m)[i].statement == list[i].statement && (*m)[i].level == list[i].level;
      if (same) return m;
    }
    const MatchedList* m = &matched.emplace_back(list);
    recent.push_back(m);
    if (recent.size() > 16) recent.erase(recent.begin());
    return m;
  }
  const ssm::RunAsDecision* RunAs(ssm::RunAsDecision d, Cell& c) {
    const ssm::RunAsDecision* r = &run_as.emplace_back(std::move(d));
    Status missing = ssm::CheckRunAsUserExists(*r, {});
    if (!missing.ok()) c.user_missing = &errors.emplace_back(missing.error());
    return r;
  }
};

Cell FromCheck(const services::AccessCheck& check, CellStorage& storage) {
  Cell c;
  c.outcome = check.decision.outcome;
  c.denied_by = check.decision.denied_by;
  c.matched = storage.Intern(check.decision.matched);
  if (check.run_as) c.run_as = storage.RunAs(*check.run_as, c);
  if (check.error) c.run_as_error = &storage.errors.emplace_back(*check.error);
  return c;
}

// The reference path: the service's own check, one pair at a time.
Cell DecideViaService(const world::World& w, const world::Identity& id, const world::Host& host,
                      const services::SsmContext& base, CellStorage& storage) {
  services::SsmContext ctx = base;
  ctx.env.region = host.region;
  services::StartSessionInput in;
  in.target = host.id;
  return FromCheck(services::CheckStartSession(w, id, in, ctx, /*require_user_on_host=*/false), storage);
}

// The fast path: one prepared request per principal, re-aimed at each class
// representative; RunAs chosen once per account. Same keys, same engine, same
// RunAs rules as services::CheckStartSession (the exactness test holds the
// two together).
//
// Only the tag keys the policy set reads are placed in the context (in
// fixed slots, set or cleared per host): the policies cannot observe the
// others, and the exactness test checks that claim against the service,
// which sets them all.
class PrincipalEvaluator {
 public:
  PrincipalEvaluator(const world::World& w, const world::Identity& id, const services::SsmContext& ctx,
                     const std::vector<std::string>& tag_keys, CellStorage& storage)
      : w_(w), id_(id), ctx_(ctx), tag_keys_(tag_keys), storage_(storage) {
    world::AddPrincipalPolicies(w, id, set_);
    static_assert(!world::kStartSessionRcpGoverned, "RCP levels would be needed per account");
    policy::Request base;
    world::BuildPrincipal(w, id, ctx.env, base.principal, base.context);
    base.action = "ssm:StartSession";
    request_.emplace(std::move(base));
    policy::RequestContext& c = request_->context();
    for (const std::string& k : tag_keys_) {
      c.Slot("ssm:resourceTag/" + k);
      c.Slot("aws:ResourceTag/" + k);
    }
    c.Slot("aws:RequestedRegion");
    for (const std::string& k : tag_keys_) {
      ssm_slots_.push_back(&c.Slot("ssm:resourceTag/" + k));
      aws_slots_.push_back(&c.Slot("aws:ResourceTag/" + k));
    }
    region_slot_ = &c.Slot("aws:RequestedRegion");
  }

  Cell Decide(const world::Host& host) {
    for (std::size_t i = 0; i < tag_keys_.size(); ++i) {
      const std::string* v = TagValue(host, tag_keys_[i]);
      for (policy::ContextEntry* e : {ssm_slots_[i], aws_slots_[i]}) {
        e->values.clear();
        e->multi = false;
        if (v != nullptr) e->values.push_back(*v);
      }
    }
    region_slot_->values.assign(1, host.region);
    request_->SetResource(host.arn, host.account);
    Cell c;
    const policy::Decision d = policy::Authorize(set_, *request_);
    c.outcome = d.outcome;
    c.denied_by = d.denied_by;
    c.matched = storage_.Intern(d.matched);
    if (!d.allowed()) return c;
    auto it = run_as_.find(host.account);
    if (it == run_as_.end()) it = run_as_.emplace(host.account, Choose(host.account)).first;
    c.run_as = it->second.run_as;
    c.run_as_error = it->second.run_as_error;
    c.user_missing = it->second.user_missing;
    return c;
  }

 private:
  Cell Choose(const std::string& account) {
    Cell c;
    Result<services::Preferences> prefs = services::PreferencesFor(w_, account, std::nullopt);
    if (!prefs.ok()) {
      c.run_as_error = &storage_.errors.emplace_back(prefs.error());
      return c;
    }
    Result<ssm::RunAsDecision> r =
        ssm::ChooseRunAs(prefs->content.inputs, prefs->document, services::RunAsPrincipalOf(w_, id_), ctx_.run_as);
    if (!r.ok()) c.run_as_error = &storage_.errors.emplace_back(r.error());
    else c.run_as = storage_.RunAs(std::move(r).value(), c);
    return c;
  }

  const world::World& w_;
  const world::Identity& id_;
  const services::SsmContext& ctx_;
  const std::vector<std::string>& tag_keys_;
  CellStorage& storage_;
  policy::PolicySet set_;
  std::optional<policy::PreparedRequest> request_;
  std::vector<policy::ContextEntry*> ssm_slots_, aws_slots_;
  policy::ContextEntry* region_slot_ = nullptr;
  std::map<std::string, Cell> run_as_;  // per account: the RunAs part of a cell
};

}  // namespace

std::vector<std::uint32_t> HostClasses(const world::World& w, const world::Identity& id,
                                       const std::vector<const world::Host*>& hosts,
                                       const std::vector<std::pair<std::string, std::string>>& actions) {
  policy::PolicySet set;
  world::AddPrincipalPolicies(w, id, set);
  Features f;
  std::set<std::string> tags;
  std::set<const policy::ArnMatcher*> seen;
  for (const auto& [vendor, name] : actions) {
    for (const auto* pol : set.identity) CollectFeatures(pol, f, tags, seen, vendor, name);
    CollectFeatures(set.boundary, f, tags, seen, vendor, name);
    for (const auto* pol : set.session) CollectFeatures(pol, f, tags, seen, vendor, name);
    for (const auto& level : set.scp)
      for (const auto* pol : level) CollectFeatures(pol, f, tags, seen, vendor, name);
  }
  f.tag_keys.assign(tags.begin(), tags.end());
  std::vector<std::uint32_t> classes(hosts.size(), kOtherAccount);
  std::unordered_map<std::string, std::uint32_t> by_signature;
  for (std::size_t h = 0; h < hosts.size(); ++h) {
    if (hosts[h]->account != id.account) continue;
    const std::string sig = f.exact ? Signature(*hosts[h], f) : hosts[h]->id;
    classes[h] = by_signature.emplace(sig, static_cast<std::uint32_t>(by_signature.size() + 1)).first->second;
  }
  return classes;
}

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
    m.tag_keys_.push_back(f.tag_keys);
    features.push_back(std::move(f));
  }

  // Decide each principal once per class, on the class's first host.
  m.cells_.resize(m.principals_.size());
  for (const ReachablePrincipal& p : m.principals_) m.principal_arns_.push_back(p.identity.Arn(w));
  CellStorage storage{m.run_as_, m.errors_, m.matched_, {}};
  for (std::size_t p = 0; p < m.principals_.size(); ++p) {
    const std::vector<std::uint32_t>& classes = m.host_class_[m.group_of_principal_[p]];
    std::uint32_t count = 0;
    for (std::uint32_t c : classes) count = std::max(count, c);
    std::vector<Cell>& cells = m.cells_[p];
    cells.resize(count + 1);
    cells[kOtherAccount].other_account = true;
    std::vector<bool> done(count + 1, false);
    done[kOtherAccount] = true;
    std::optional<PrincipalEvaluator> fast;
    if (!options.pairwise && features[m.group_of_principal_[p]].exact)
      fast.emplace(w, m.principals_[p].identity, ctx, m.tag_keys_[m.group_of_principal_[p]], storage);
    for (std::size_t h = 0; h < m.hosts_.size(); ++h) {
      const std::uint32_t c = classes[h];
      if (done[c]) continue;
      done[c] = true;
      cells[c] = fast ? fast->Decide(*m.hosts_[h])
                      : DecideViaService(w, m.principals_[p].identity, *m.hosts_[h], ctx, storage);
      ++m.evaluations_;
    }
  }
  return m;
}

std::size_t Matrix::ClassOf(std::size_t principal, std::size_t host) const {
  return host_class_[group_of_principal_[principal]][host];
}

std::string PairResult::Message() const {
  if (cell == nullptr || cell->outcome == policy::Outcome::kAllow) return {};
  if (cell->other_account) return "Session Manager starts sessions only on targets in the caller's account";
  policy::Decision d;
  d.outcome = cell->outcome;
  d.denied_by = cell->denied_by;
  return policy::AccessDeniedMessage(d, *principal_arn, "ssm:StartSession", host->arn);
}

PairResult Matrix::At(std::size_t principal, std::size_t host) const {
  PairResult r;
  r.cell = &cells_[principal][ClassOf(principal, host)];
  r.host = hosts_[host];
  r.principal_arn = &principal_arns_[principal];
  if (r.cell->outcome != policy::Outcome::kAllow) return r;
  if (r.cell->run_as_error != nullptr) {
    r.session_error = r.cell->run_as_error;
    return r;
  }
  if (r.cell->user_missing != nullptr) {
    const std::vector<std::string>& users = r.host->linux_users;
    if (std::find(users.begin(), users.end(), r.cell->run_as->user) == users.end()) {
      r.session_error = r.cell->user_missing;
      return r;
    }
  }
  r.allowed = true;
  return r;
}

const MatchedList& Matrix::Matched(const PairResult& r) {
  static const MatchedList empty;
  return r.cell->matched != nullptr ? *r.cell->matched : empty;
}

}  // namespace gatehouse::analyze
