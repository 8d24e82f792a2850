// analyze/findings.cc: the four findings.
#include "analyze/findings.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/ascii.h"
#include "services/authz.h"

namespace gatehouse::analyze {
namespace {

// The spellings of a tag key (lower-cased `key`) that the principal's
// policies write: in resource/request tag condition keys and as aws:TagKeys
// values.
std::vector<std::string> PolicySpellings(const policy::PolicySet& set, const std::string& key) {
  std::vector<std::string> out;
  auto add = [&](std::string_view spelled) {
    if (ascii::EqualsIgnoreCase(spelled, key) && std::find(out.begin(), out.end(), spelled) == out.end())
      out.emplace_back(spelled);
  };
  auto scan = [&](const policy::CompiledPolicy* p) {
    if (p == nullptr) return;
    for (const policy::CompiledStatement& st : p->statements())
      for (const policy::CompiledCondition& c : st.conditions) {
        const std::size_t slash = c.key_text.find('/');
        if (slash != std::string::npos) add(std::string_view(c.key_text).substr(slash + 1));
        if (c.key.lower == "aws:tagkeys")
          for (const policy::ConditionValue& v : c.values)
            if (v.text.is_plain()) add(v.text.plain());
      }
  };
  for (const auto* p : set.identity) scan(p);
  scan(set.boundary);
  for (const auto* p : set.session) scan(p);
  return out;
}

std::string UpperCase(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}


bool ReadsUserId(const policy::CompiledPolicy& p) {
  for (const policy::CompiledStatement& st : p.statements()) {
    for (const policy::CompiledCondition& c : st.conditions) {
      if (c.key.lower == "aws:userid") return true;
      for (const policy::ConditionValue& v : c.values)
        for (const policy::TemplatePart& part : v.text.parts())
          if (part.kind == policy::TemplatePart::Kind::kVariable && part.key.lower == "aws:userid") return true;
    }
  }
  return false;
}

bool RoleReadsUserId(const world::Role& r) {
  for (const world::PolicyDoc& d : r.inline_policies)
    if (ReadsUserId(*d.compiled)) return true;
  for (const world::ManagedPolicy* m : r.managed)
    if (ReadsUserId(*m->doc.compiled)) return true;
  return r.boundary != nullptr && ReadsUserId(*r.boundary->doc.compiled);
}

std::string NameOf(const world::Identity& id) {
  switch (id.kind) {
    case world::Identity::Kind::kRoot: return "root";
    case world::Identity::Kind::kUser: return id.user->name;
    case world::Identity::Kind::kRoleSession: return id.session_name;
  }
  return "x";
}

// A Deny on StartSession that applies only when a tag is present
// (Null {<resource tag key>: "false"}): the tag key, lower-cased.
std::vector<std::pair<std::string, std::string>> NullGuardedDenies(const policy::CompiledPolicy& p) {
  std::vector<std::pair<std::string, std::string>> out;  // (tag key, statement label)
  for (const policy::CompiledStatement& st : p.statements()) {
    if (st.effect != policy::Effect::kDeny || st.actions.Matches("ssm", "startsession") == st.not_action) continue;
    for (const policy::CompiledCondition& c : st.conditions) {
      if (c.op.base != policy::BaseOp::kNull || c.op.set != policy::SetQualifier::kNone) continue;
      bool requires_present = false;
      for (const policy::ConditionValue& v : c.values) requires_present = requires_present || (v.boolean && !*v.boolean);
      if (!requires_present) continue;
      for (std::string_view prefix : {"ssm:resourcetag/", "aws:resourcetag/"})
        if (c.key.lower.rfind(prefix, 0) == 0)
          out.emplace_back(c.key.lower.substr(prefix.size()),
                           p.name() + " statement " + std::to_string(st.index) + (st.sid.empty() ? "" : " (" + st.sid + ")"));
    }
  }
  return out;
}

bool HasTag(const world::Host& h, std::string_view lower_key) {
  for (const auto& [k, v] : h.tags)
    if (ascii::EqualsIgnoreCase(k, lower_key)) return true;
  return false;
}

}  // namespace

std::vector<Finding> Findings(const world::World& w, const Matrix& m, const services::SsmContext& ctx) {
  std::vector<Finding> out;
  const sts::CallContext call{ctx.env.now, ctx.env.region};
  const auto& principals = m.principals();
  const auto& hosts = m.hosts();

  // 1. Spoofable session names.
  for (const auto& [aid, a] : w.accounts) {
    for (const auto& [rname, role] : a->roles) {
      if (role->protected_sso || !RoleReadsUserId(*role)) continue;
      for (const ReachablePrincipal& p : principals) {
        bool free_name = true;
        for (const char* probe : {"gatehouse-probe-a", "gatehouse-probe-b"}) {
          bool ok = false;
          std::vector<std::optional<std::string>> external_ids = {std::nullopt};
          for (const std::string& e : ExternalIdsOf(*role)) external_ids.emplace_back(e);
          for (const auto& external_id : external_ids) {
            sts::AssumeRoleParams params;
            params.role_arn = role->arn;
            params.role_session_name = probe;
            params.external_id = external_id;
            ok = ok || sts::AssumeRole(w, p.identity, params, call).ok();
          }
          free_name = free_name && ok;
        }
        if (!free_name) continue;
        out.push_back(Finding{"spoofable-session-name", role->arn,
                              p.label + " can assume " + role->name +
                                  " with a session name of its choosing, and the role's policies test aws:userid "
                                  "(which ends with the session name): it can take any user's access"});
      }
    }
  }

  // 2. Tags that decide access and that the principal can change. Hosts
  // are grouped by what the principal's EC2 tagging policies can see (one
  // grouping per policy set), and each group is asked once.
  std::map<std::size_t, std::vector<std::uint32_t>> ec2_classes;  // by matrix group
  for (std::size_t pi = 0; pi < principals.size(); ++pi) {
    const world::Identity& id = principals[pi].identity;
    const std::vector<std::string>& keys = m.TagKeysRead(pi);
    if (keys.empty()) continue;
    auto cls_it = ec2_classes.find(m.GroupOf(pi));
    if (cls_it == ec2_classes.end())
      cls_it = ec2_classes.emplace(m.GroupOf(pi), HostClasses(w, id, hosts, {{"ec2", "createtags"}, {"ec2", "deletetags"}})).first;
    const std::vector<std::uint32_t>& classes = cls_it->second;
    policy::PolicySet set;
    world::AddPrincipalPolicies(w, id, set);
    std::set<std::uint32_t> asked;
    std::set<std::string> found;
    for (std::size_t hi = 0; hi < hosts.size() && found.size() < keys.size(); ++hi) {
      if (classes[hi] == 0 || !asked.insert(classes[hi]).second) continue;
      const world::Host& h = *hosts[hi];
      for (const std::string& key : keys) {
        if (found.count(key)) continue;
        const std::vector<std::string> policy_spellings = PolicySpellings(set, key);
        // Spellings to try: the host's own when it has the tag, then case
        // variants (EC2 keys are case-sensitive, but condition keys read tag
        // keys ignoring case, so a variant is the same tag to the policies).
        std::vector<std::string> spellings;
        for (const auto& [k, v] : h.tags)
          if (ascii::EqualsIgnoreCase(k, key)) spellings.push_back(k);
        for (const std::string& variant : policy_spellings)
          if (std::find(spellings.begin(), spellings.end(), variant) == spellings.end()) spellings.push_back(variant);
        for (const std::string& variant : {key, UpperCase(key)})
          if (std::find(spellings.begin(), spellings.end(), variant) == spellings.end()) spellings.push_back(variant);
        std::vector<std::string> refused;
        for (const std::string& spelled : spellings) {
          for (const char* action : {"ec2:CreateTags", "ec2:DeleteTags"}) {
            if (std::string_view(action) == "ec2:DeleteTags" &&
                std::none_of(h.tags.begin(), h.tags.end(), [&](const auto& t) { return t.first == spelled; }))
              continue;  // only a tag the host has can be deleted
            services::AuthzRequest r;
            r.action = action;
            r.resource = h.arn;
            r.extra.SetMulti("aws:TagKeys", {spelled});
            if (std::string_view(action) == "ec2:CreateTags") r.extra.Set("aws:RequestTag/" + spelled, NameOf(id));
            for (const auto& [k, v] : h.tags) {
              r.extra.Set("aws:ResourceTag/" + k, v);
              r.extra.Set("ec2:ResourceTag/" + k, v);
            }
            r.extra.Set("ec2:Region", h.region);
            world::RequestEnvironment env = ctx.env;
            env.region = h.region;
            if (!services::Authorize(w, id, r, env).allowed()) {
              refused.push_back(spelled);
              continue;
            }
            const std::string& read = policy_spellings.empty() ? spelled : policy_spellings.front();
            std::string detail = "its StartSession access reads tag " + read + ", and it may call " + action +
                                 " with the key " + spelled + " on " + h.id + " (and hosts like it)";
            if (!refused.empty())
              detail += "; the key spelled " + refused.front() +
                        " is protected, but condition keys match tag keys ignoring case while aws:TagKeys is "
                        "compared as the policy says (use StringEqualsIgnoreCase / StringLike on aws:TagKeys)";
            out.push_back(Finding{"tamperable-tag", principals[pi].label, detail});
            found.insert(key);
            break;
          }
          if (found.count(key)) break;
        }
      }
    }
  }

  // 3. Allowed, but the RunAs user cannot be used on the host.
  for (std::size_t pi = 0; pi < principals.size(); ++pi) {
    std::map<std::string, std::vector<std::string>> by_reason;
    for (std::size_t hi = 0; hi < hosts.size(); ++hi) {
      const PairResult r = m.At(pi, hi);
      if (r.cell->outcome == policy::Outcome::kAllow && r.session_error)
        by_reason[r.session_error->message].push_back(hosts[hi]->id);
    }
    for (const auto& [reason, host_ids] : by_reason) {
      std::string list;
      for (std::size_t i = 0; i < host_ids.size() && i < 10; ++i) list += (i ? ", " : "") + host_ids[i];
      if (host_ids.size() > 10) list += ", … (" + std::to_string(host_ids.size()) + " hosts)";
      out.push_back(Finding{"runas-user-missing", principals[pi].label,
                            "allowed to start sessions on " + list + " but they fail: " + reason});
    }
  }

  // 4. Untagged hosts that a Null-guarded Deny leaves open: one finding per
  // guarded statement and tag key, listing the hosts.
  std::map<std::string, std::set<std::string>> deny_guards;  // statement -> tag keys
  std::map<std::string, std::vector<std::size_t>> holders;  // statement -> principals whose policies hold it
  for (std::size_t pi = 0; pi < principals.size(); ++pi) {
    policy::PolicySet set;
    world::AddPrincipalPolicies(w, principals[pi].identity, set);
    for (const auto* pol : set.identity)
      for (const auto& [key, label] : NullGuardedDenies(*pol)) {
        deny_guards[label].insert(key);
        if (holders[label].empty() || holders[label].back() != pi) holders[label].push_back(pi);
      }
  }
  for (const auto& [label, keys] : deny_guards) {
    for (const std::string& key : keys) {
      std::vector<std::string> open_hosts;
      std::size_t open_pairs = 0;
      for (std::size_t hi = 0; hi < hosts.size(); ++hi) {
        if (HasTag(*hosts[hi], key)) continue;
        std::size_t open = 0;
        for (std::size_t pi : holders[label])
          if (m.At(pi, hi).allowed) ++open;
        if (open == 0) continue;
        open_hosts.push_back(hosts[hi]->id);
        open_pairs += open;
      }
      if (open_hosts.empty()) continue;
      std::string list;
      for (std::size_t i = 0; i < open_hosts.size() && i < 10; ++i) list += (i ? ", " : "") + open_hosts[i];
      if (open_hosts.size() > 10) list += ", … (" + std::to_string(open_hosts.size()) + " hosts)";
      out.push_back(Finding{"untagged-host-open", list,
                            "these hosts have no " + key + " tag, so the Deny " + label +
                                " (which applies only when the tag is present) never protects them: " +
                                std::to_string(open_pairs) + " principal-host pair(s) it was meant to guard are allowed"});
    }
  }
  return out;
}

}  // namespace gatehouse::analyze
