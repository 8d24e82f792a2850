// world/loader.cc: reading and validating a world file. Three passes: the
// structure (entities, names, ids, ARNs), then references and policies
// (which may name entities declared anywhere in the file), then Identity
// Center's provisioned roles. The first error stops the load.
#include "world/loader.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "common/ascii.h"
#include "common/utf8.h"
#include "json/parse.h"
#include "json/write.h"
#include "policy/parser.h"
#include "policy/principal.h"
#include "policy/values.h"
#include "world/ids.h"
#include "world/yaml_reader.h"

namespace gatehouse::world {
namespace {

using json::Position;
using json::Value;
using policy::PolicyType;

// A failure carries an Error out of deep recursion; LoadWorld catches it.
// (Exceptions stay inside this file: the API returns Result.)
struct LoadError {
  Error error;
};

[[noreturn]] void Fail(const Position& pos, std::string message, std::string code = std::string(kInvalidWorld)) {
  throw LoadError{MakeError(std::move(code), std::move(message), pos.line, pos.column)};
}

std::string S(std::string_view v) { return std::string(v); }
std::string Q(std::string_view v) { return "\"" + S(v) + "\""; }

// ---- structural helpers ----

// An empty mapping, for entities written with no settings ("bob:").
const Value& EmptyObject() {
  static const Value empty = [] {
    Value v;
    v.type = json::Type::kObject;
    return v;
  }();
  return empty;
}

const Value& Object(const Value& v, std::string_view what) {
  if (v.is_null()) return EmptyObject();
  if (!v.is_object()) Fail(v.pos, S(what) + " must be a mapping, found " + S(json::TypeName(v.type)));
  return v;
}

void AllowedKeys(const Value& obj, std::initializer_list<std::string_view> allowed, std::string_view what) {
  for (const json::Member& m : obj.members) {
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || a == m.key;
    if (ok) continue;
    std::string msg = "unknown element " + Q(m.key) + " in " + S(what);
    for (std::string_view a : allowed)
      if (ascii::EqualsIgnoreCase(a, m.key)) msg += " (names are case-sensitive: did you mean " + Q(a) + "?)";
    std::string known;
    for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + S(a);
    Fail(m.key_pos, msg + "; known: " + known);
  }
  if (const json::Member* dup = json::FindDuplicateKey(obj, false))
    Fail(dup->key_pos, "duplicate key " + Q(dup->key) + " in " + S(what));
}

// A scalar as text: strings, and numbers or booleans written without quotes.
std::string Text(const Value& v, std::string_view what) {
  if (v.is_string() || v.is_number() || v.is_bool()) return S(v.text);
  Fail(v.pos, S(what) + " must be a string, found " + S(json::TypeName(v.type)));
}

std::vector<std::pair<std::string, Position>> TextList(const Value& v, std::string_view what) {
  std::vector<std::pair<std::string, Position>> out;
  if (v.is_null()) return out;
  if (!v.is_array()) Fail(v.pos, S(what) + " must be a list, found " + S(json::TypeName(v.type)));
  for (const Value& e : v.elements) out.emplace_back(Text(e, what), e.pos);
  return out;
}

std::int64_t Integer(const Value& v, std::string_view what, std::int64_t lo, std::int64_t hi) {
  const std::optional<double> n = v.is_number() || v.is_string() ? policy::ParseNumber(v.text) : std::nullopt;
  if (!n || *n != static_cast<double>(static_cast<std::int64_t>(*n)))
    Fail(v.pos, S(what) + " must be a whole number");
  const auto i = static_cast<std::int64_t>(*n);
  if (i < lo || i > hi)
    Fail(v.pos, S(what) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", found " +
                    std::to_string(i));
  return i;
}

bool Bool(const Value& v, std::string_view what) {
  if (!v.is_bool()) Fail(v.pos, S(what) + " must be true or false");
  return v.boolean;
}

// ---- IAM name rules ----

bool IamNameChars(std::string_view s) {
  for (char c : s)
    if (!(ascii::IsAlnum(c) || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-'))
      return false;
  return true;
}

void CheckIamName(std::string_view name, std::size_t max, std::string_view kind, const Position& pos) {
  if (name.empty() || name.size() > max || !IamNameChars(name))
    Fail(pos, "invalid " + S(kind) + " name " + Q(name) + ": 1 to " + std::to_string(max) +
                  " characters of letters, digits and _+=,.@-");
}

void CheckPath(std::string_view path, const Position& pos) {
  bool ok = !path.empty() && path.size() <= 512 && path.front() == '/' && path.back() == '/';
  for (char c : path) ok = ok && c >= 0x21 && c <= 0x7E;
  if (!ok) Fail(pos, "invalid path " + Q(path) + ": \"/\" or \"/text/\" of printable ASCII, at most 512 characters");
}

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (!ascii::IsDigit(c)) return false;
  return true;
}

void CheckTag(std::string_view key, std::string_view value, std::size_t max_key, const Position& pos) {
  if (key.empty() || utf8::CodePoints(key) > max_key || !world::IsTagText(key))
    Fail(pos, "invalid tag key " + Q(key) + ": 1 to " + std::to_string(max_key) +
                  " characters of letters, digits, spaces and _.:/=+-@");
  if (ascii::StartsWithIgnoreCase(key, "aws:"))
    Fail(pos, "invalid tag key " + Q(key) + ": keys starting with \"aws:\" are reserved for AWS");
  if (utf8::CodePoints(value) > 256 || !world::IsTagText(value))
    Fail(pos, "invalid value for tag " + Q(key) + ": at most 256 characters of letters, digits, spaces and _.:/=+-@");
}

// IAM user and role tags: keys unique ignoring case, at most 50.
Tags ReadIamTags(const Value& v) {
  Tags tags;
  if (v.is_null()) return tags;
  Object(v, "tags");
  if (const json::Member* dup = json::FindDuplicateKey(v, false)) Fail(dup->key_pos, "duplicate tag " + Q(dup->key));
  for (const json::Member& m : v.members) {
    const std::string value = m.value.is_null() ? "" : Text(m.value, "a tag value");
    CheckTag(m.key, value, 128, m.key_pos);
    if (FindTag(tags, m.key))
      Fail(m.key_pos, "duplicate tag key " + Q(m.key) + ": IAM tag keys are unique ignoring case");
    tags.push_back(Tag{S(m.key), value});
  }
  if (tags.size() > 50) Fail(v.pos, "at most 50 tags");
  std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return ascii::Lower(a.key) < ascii::Lower(b.key); });
  return tags;
}

// ---- the loader ----

struct PendingPolicies {
  const Value* inline_policies = nullptr;
  const Value* managed = nullptr;
  const Value* boundary = nullptr;
};

class Loader {
 public:
  World Run(const Value& root) {
    Object(root, "the world file");
    AllowedKeys(root, {"version", "partition", "region", "time", "organization", "accounts", "aws_managed_policies",
                       "identity_center", "profiles", "extensions"},
                "the world file");
    const Value* version = root.Find("version");
    if (version == nullptr) Fail(root.pos, "the world file needs \"version: 1\"");
    if (Text(*version, "version") != "1") Fail(version->pos, "unsupported world file version " + Q(version->text) + " (this gatehouse reads version 1)");
    if (const Value* p = root.Find("partition")) {
      w_.partition = Text(*p, "partition");
      if (w_.partition != "aws" && w_.partition != "aws-cn" && w_.partition != "aws-us-gov")
        Fail(p->pos, "partition must be aws, aws-cn or aws-us-gov");
    }
    if (const Value* r = root.Find("region")) w_.region = Region(*r);
    if (const Value* t = root.Find("time")) {
      const std::optional<std::int64_t> us = policy::ParseDate(Text(*t, "time"));
      if (!us) Fail(t->pos, "time must be an ISO 8601 date-time such as 2026-01-01T00:00:00Z");
      w_.time = *us / 1000000;
    }
    if (const Value* m = root.Find("aws_managed_policies")) AwsManaged(*m);
    if (const Value* a = root.Find("accounts")) Accounts(*a);
    if (const Value* o = root.Find("organization")) {
      Organization(*o);
    } else if (!scp_refs_.empty() || !rcp_refs_.empty()) {
      const Value* list = !scp_refs_.empty() ? scp_refs_.front().second : rcp_refs_.front().second;
      Fail(list->pos, "an account attaches SCPs or RCPs but the world has no organization");
    }
    if (const Value* ic = root.Find("identity_center")) IdentityCenter(*ic);
    if (const Value* p = root.Find("profiles")) Profiles(*p);
    ResolveIdentities();
    // Provisioned roles first: a trust policy may name them (or their
    // sessions) as principals.
    if (const Value* ic = root.Find("identity_center")) ProvisionSsoRoles(*ic);
    ResolveTrustPolicies();
    // Last: RunAs mappings name roles (provisioned ones too) and groups.
    if (const Value* e = root.Find("extensions")) Extensions(*e);
    return std::move(w_);
  }

 private:
  // ---- common ----
  std::string Region(const Value& v) {
    const std::string r = Text(v, "region");
    bool ok = r.size() >= 9 && r.size() <= 20;
    for (char c : r) ok = ok && (ascii::IsDigit(c) || (c >= 'a' && c <= 'z') || c == '-');
    if (!ok) Fail(v.pos, "invalid region " + Q(r) + " (such as us-east-1)");
    return r;
  }

  PolicyDoc Policy(const Value& v, PolicyType type, std::string name) {
    PolicyDoc doc;
    doc.name = std::move(name);
    doc.pos = v.pos;
    Result<policy::Policy> parsed = [&]() -> Result<policy::Policy> {
      if (v.is_string()) {
        doc.text = S(v.text);
        return policy::ParsePolicyText(v.text, type);
      }
      if (v.is_object()) {
        doc.text = json::ToCompactJson(v);
        return policy::ParsePolicyValue(v, doc.text, type, false, /*raw_is_source=*/false);
      }
      Fail(v.pos, "policy " + Q(doc.name) + " must be a policy document (a mapping or a JSON string), found " +
                      S(json::TypeName(v.type)),
           S(policy::kMalformedPolicyDocument));
    }();
    if (!parsed.ok()) {
      const Error& e = parsed.error();
      if (v.is_string()) {
        // Positions are inside the string's text: report at the string,
        // with the inner position in the message.
        Fail(v.pos, "policy " + Q(doc.name) + ": " + e.message +
                        (e.has_position() ? " (at " + std::to_string(e.line) + ":" + std::to_string(e.column) +
                                                " of the policy text)"
                                          : ""),
             e.code);
      }
      throw LoadError{MakeError(e.code, "policy " + Q(doc.name) + ": " + e.message,
                                e.has_position() ? e.line : v.pos.line, e.has_position() ? e.column : v.pos.column)};
    }
    doc.size = parsed->size;
    doc.compiled = std::make_shared<const policy::CompiledPolicy>(policy::CompiledPolicy::Compile(*parsed, doc.name));
    return doc;
  }

  std::vector<PolicyDoc> InlinePolicies(const Value* v, PolicyType type, std::size_t quota, std::string_view owner,
                                        std::string_view owner_name) {
    std::vector<PolicyDoc> out;
    if (v == nullptr || v->is_null()) return out;
    Object(*v, "policies");
    if (const json::Member* dup = json::FindDuplicateKey(*v, false)) Fail(dup->key_pos, "duplicate policy name " + Q(dup->key));
    std::size_t total = 0;
    for (const json::Member& m : v->members) {
      CheckIamName(m.key, 128, "policy", m.key_pos);
      out.push_back(Policy(m.value, type, S(m.key)));
      total += out.back().size;
      if (total > quota)
        Fail(m.value.pos,
             "Maximum policy size of " + std::to_string(quota) + " bytes exceeded for " + S(owner) + " " + S(owner_name) +
                 " (inline policies together count " + std::to_string(total) + " non-whitespace characters)",
             S(policy::kLimitExceeded));
    }
    return out;
  }

  // ---- AWS managed policies ----
  void AwsManaged(const Value& v) {
    Object(v, "aws_managed_policies");
    for (const json::Member& m : v.members) {
      CheckIamName(m.key, 128, "policy", m.key_pos);
      if (w_.aws_managed.count(S(m.key))) Fail(m.key_pos, "duplicate AWS managed policy " + Q(m.key));
      auto p = std::make_unique<ManagedPolicy>();
      p->name = S(m.key);
      p->aws_managed = true;
      p->arn = "arn:" + w_.partition + ":iam::aws:policy/" + p->name;
      p->id = DeriveId("ANPA", "aws-managed-policy|" + p->name);
      p->doc = Policy(m.value, PolicyType::kIdentity, p->name);
      CheckManagedSize(*p, m.value.pos);
      w_.aws_managed[p->name] = std::move(p);
    }
  }

  void CheckManagedSize(const ManagedPolicy& p, const Position& pos) {
    if (p.doc.size > 6144)
      Fail(pos, "Cannot exceed quota for PolicySize: 6144 (managed policy " + Q(p.name) + " has " +
                    std::to_string(p.doc.size) + " non-whitespace characters)",
           S(policy::kLimitExceeded));
  }

  // ---- accounts ----
  void Accounts(const Value& v) {
    Object(v, "accounts");
    if (const json::Member* dup = json::FindDuplicateKey(v, false)) Fail(dup->key_pos, "duplicate account " + Q(dup->key));
    for (const json::Member& m : v.members) {
      if (!IsAccountId(m.key)) Fail(m.key_pos, "account ids are 12 digits, found " + Q(m.key));
      Account(S(m.key), m.value);
    }
  }

  void Account(const std::string& id, const Value& v) {
    Object(v, "an account");
    AllowedKeys(v, {"name", "scps", "rcps", "policies", "users", "groups", "roles", "hosts", "documents"}, "account " + id);
    auto a = std::make_unique<world::Account>();
    a->id = id;
    a->pos = v.pos;
    if (const Value* n = v.Find("name")) a->name = Text(*n, "name");
    account_ = a.get();
    w_.accounts[id] = std::move(a);
    if (const Value* s = v.Find("scps")) scp_refs_.push_back({id, s});
    if (const Value* r = v.Find("rcps")) rcp_refs_.push_back({id, r});
    if (const Value* p = v.Find("policies")) CustomerManaged(*p);
    if (const Value* g = v.Find("groups")) Groups(*g);
    if (const Value* u = v.Find("users")) Users(*u);
    if (const Value* r = v.Find("roles")) Roles(*r);
    if (const Value* h = v.Find("hosts")) Hosts(*h);
    if (const Value* d = v.Find("documents")) Documents(*d);
  }

  template <class Map>
  void CheckUniqueIgnoringCase(const Map& existing, std::string_view name, std::string_view kind, const Position& pos) {
    for (const auto& [other, _] : existing)
      if (ascii::EqualsIgnoreCase(other, name))
        Fail(pos, "duplicate " + S(kind) + " " + Q(name) + " in account " + account_->id +
                      ": IAM names are unique ignoring case" + (other != name ? " (already have " + Q(other) + ")" : ""));
  }

  void CustomerManaged(const Value& v) {
    Object(v, "policies");
    for (const json::Member& m : v.members) {
      CheckIamName(m.key, 128, "policy", m.key_pos);
      CheckUniqueIgnoringCase(account_->policies, m.key, "policy", m.key_pos);
      const Value& p = Object(m.value, "a managed policy");
      AllowedKeys(p, {"path", "description", "document"}, "managed policy " + S(m.key));
      auto mp = std::make_unique<ManagedPolicy>();
      mp->name = S(m.key);
      if (const Value* path = p.Find("path")) {
        mp->path = Text(*path, "path");
        CheckPath(mp->path, path->pos);
      }
      if (const Value* d = p.Find("description")) mp->description = Text(*d, "description");
      const Value* doc = p.Find("document");
      if (doc == nullptr) Fail(p.pos, "managed policy " + Q(m.key) + " needs a \"document\"");
      mp->arn = "arn:" + w_.partition + ":iam::" + account_->id + ":policy" + mp->path + mp->name;
      mp->id = DeriveId("ANPA", "policy|" + account_->id + "|" + mp->name);
      mp->doc = Policy(*doc, PolicyType::kIdentity, mp->name);
      CheckManagedSize(*mp, doc->pos);
      account_->policies[mp->name] = std::move(mp);
    }
  }

  void Groups(const Value& v) {
    Object(v, "groups");
    for (const json::Member& m : v.members) {
      CheckIamName(m.key, 128, "group", m.key_pos);
      CheckUniqueIgnoringCase(account_->groups, m.key, "group", m.key_pos);
      const Value& g = Object(m.value, "a group");
      AllowedKeys(g, {"path", "policies", "managed_policies"}, "group " + S(m.key));
      auto gr = std::make_unique<Group>();
      gr->name = S(m.key);
      gr->pos = m.key_pos;
      if (const Value* path = g.Find("path")) {
        gr->path = Text(*path, "path");
        CheckPath(gr->path, path->pos);
      }
      gr->arn = "arn:" + w_.partition + ":iam::" + account_->id + ":group" + gr->path + gr->name;
      gr->id = DeriveId("AGPA", "group|" + account_->id + "|" + gr->name);
      gr->inline_policies = InlinePolicies(g.Find("policies"), PolicyType::kIdentity, 5120, "group", gr->name);
      pending_groups_.push_back({gr.get(), account_, g.Find("managed_policies")});
      account_->groups[gr->name] = std::move(gr);
    }
  }

  void Users(const Value& v) {
    Object(v, "users");
    for (const json::Member& m : v.members) {
      CheckIamName(m.key, 64, "user", m.key_pos);
      CheckUniqueIgnoringCase(account_->users, m.key, "user", m.key_pos);
      const Value& u = Object(m.value, "a user");
      AllowedKeys(u, {"path", "tags", "groups", "policies", "managed_policies", "permissions_boundary", "access_keys", "mfa"},
                  "user " + S(m.key));
      auto us = std::make_unique<User>();
      us->account = account_->id;
      us->name = S(m.key);
      us->pos = m.key_pos;
      if (const Value* path = u.Find("path")) {
        us->path = Text(*path, "path");
        CheckPath(us->path, path->pos);
      }
      us->arn = "arn:" + w_.partition + ":iam::" + account_->id + ":user" + us->path + us->name;
      us->id = DeriveId("AIDA", "user|" + account_->id + "|" + us->name);
      if (const Value* t = u.Find("tags")) us->tags = ReadIamTags(*t);
      us->inline_policies = InlinePolicies(u.Find("policies"), PolicyType::kIdentity, 2048, "user", us->name);
      if (const Value* k = u.Find("access_keys")) {
        const std::int64_t n = Integer(*k, "access_keys", 0, 2);
        for (std::int64_t i = 0; i < n; ++i)
          us->access_keys.push_back(DeriveId("AKIA", "access-key|" + us->arn + "|" + std::to_string(i), 16));
      }
      if (const Value* mfa = u.Find("mfa")) us->mfa = Bool(*mfa, "mfa");
      if (us->mfa) us->mfa_serial = "arn:" + w_.partition + ":iam::" + account_->id + ":mfa/" + us->name;
      pending_users_.push_back({us.get(), account_, u.Find("groups"), u.Find("managed_policies"), u.Find("permissions_boundary")});
      account_->users[us->name] = std::move(us);
    }
  }

  void Roles(const Value& v) {
    Object(v, "roles");
    for (const json::Member& m : v.members) {
      CheckIamName(m.key, 64, "role", m.key_pos);
      if (ascii::StartsWithIgnoreCase(m.key, "AWSReservedSSO_"))
        Fail(m.key_pos, "roles named AWSReservedSSO_* are provisioned by IAM Identity Center from permission sets; "
                        "declare the permission set instead");
      CheckUniqueIgnoringCase(account_->roles, m.key, "role", m.key_pos);
      const Value& r = Object(m.value, "a role");
      AllowedKeys(r, {"path", "description", "trust_policy", "tags", "policies", "managed_policies", "permissions_boundary",
                      "max_session_duration"},
                  "role " + S(m.key));
      auto ro = std::make_unique<Role>();
      ro->account = account_->id;
      ro->name = S(m.key);
      ro->pos = m.key_pos;
      if (const Value* path = r.Find("path")) {
        ro->path = Text(*path, "path");
        CheckPath(ro->path, path->pos);
      }
      if (const Value* d = r.Find("description")) ro->description = Text(*d, "description");
      ro->arn = "arn:" + w_.partition + ":iam::" + account_->id + ":role" + ro->path + ro->name;
      ro->id = DeriveId("AROA", "role|" + account_->id + "|" + ro->name);
      if (const Value* t = r.Find("tags")) ro->tags = ReadIamTags(*t);
      if (const Value* d = r.Find("max_session_duration"))
        ro->max_session_duration = Integer(*d, "max_session_duration", 3600, 43200);
      const Value* trust = r.Find("trust_policy");
      if (trust == nullptr) Fail(r.pos, "role " + Q(m.key) + " needs a \"trust_policy\"");
      ro->trust = Policy(*trust, PolicyType::kTrust, "TrustPolicy");
      if (ro->trust.size > 2048)
        Fail(trust->pos, "Cannot exceed quota for ACLSizePerRole: 2048 (this trust policy has " +
                             std::to_string(ro->trust.size) + " non-whitespace characters)",
             S(policy::kLimitExceeded));
      trust_values_.push_back({ro.get(), trust});
      ro->inline_policies = InlinePolicies(r.Find("policies"), PolicyType::kIdentity, 10240, "role", ro->name);
      pending_roles_.push_back({ro.get(), account_, r.Find("managed_policies"), r.Find("permissions_boundary")});
      account_->roles[ro->name] = std::move(ro);
    }
  }

  void Hosts(const Value& v) {
    Object(v, "hosts");
    for (const json::Member& m : v.members) {
      const std::string id = S(m.key);
      if (!IsHostId(id))
        Fail(m.key_pos, "invalid host id " + Q(id) + ": i- followed by 8 or 17 hex digits (EC2), or mi- and 17 (managed instance)");
      if (w_.FindHost(id) != nullptr || account_->hosts.count(id)) Fail(m.key_pos, "duplicate host " + Q(id));
      const Value& h = Object(m.value, "a host");
      AllowedKeys(h, {"region", "tags", "linux_users", "platform"}, "host " + id);
      auto ho = std::make_unique<Host>();
      ho->id = id;
      ho->account = account_->id;
      ho->pos = m.key_pos;
      ho->region = w_.region;
      if (const Value* r = h.Find("region")) ho->region = Region(*r);
      ho->arn = id[0] == 'm' ? "arn:" + w_.partition + ":ssm:" + ho->region + ":" + account_->id + ":managed-instance/" + id
                             : "arn:" + w_.partition + ":ec2:" + ho->region + ":" + account_->id + ":instance/" + id;
      if (const Value* t = h.Find("tags")) {
        Object(*t, "tags");
        if (const json::Member* dup = json::FindDuplicateKey(*t, false)) Fail(dup->key_pos, "duplicate tag " + Q(dup->key));
        for (const json::Member& tm : t->members) {
          const std::string value = tm.value.is_null() ? "" : Text(tm.value, "a tag value");
          CheckTag(tm.key, value, 127, tm.key_pos);  // EC2: keys of at most 127 characters
          ho->tags[S(tm.key)] = value;              // EC2 tag keys are case-sensitive
        }
        if (ho->tags.size() > 50) Fail(t->pos, "at most 50 tags per instance");
      }
      if (const Value* lu = h.Find("linux_users")) {
        for (const auto& [name, pos] : TextList(*lu, "a Linux user name")) {
          if (!IsLinuxUserName(name))
            Fail(pos, "invalid Linux user name " + Q(name) + ": 1 to 32 characters of letters, digits and ._-, not starting with -");
          ho->linux_users.push_back(name);
        }
      }
      if (const Value* p = h.Find("platform")) {
        ho->platform = Text(*p, "platform");
        if (ho->platform != "Linux") Fail(p->pos, "only Linux hosts are supported");
      }
      account_->hosts[id] = std::move(ho);
    }
  }

  static bool IsHex(std::string_view s) {
    for (char c : s)
      if (!(ascii::IsDigit(c) || (c >= 'a' && c <= 'f'))) return false;
    return true;
  }
  static bool IsHostId(std::string_view id) {
    if (id.rfind("i-", 0) == 0) return (id.size() == 10 || id.size() == 19) && IsHex(id.substr(2));
    if (id.rfind("mi-", 0) == 0) return id.size() == 20 && IsHex(id.substr(3));
    return false;
  }
  static bool IsLinuxUserName(std::string_view n) {
    if (n.empty() || n.size() > 32 || n[0] == '-') return false;
    for (char c : n)
      if (!(ascii::IsAlnum(c) || c == '_' || c == '-' || c == '.')) return false;
    return true;
  }

  void Documents(const Value& v) {
    Object(v, "documents");
    for (const json::Member& m : v.members) {
      const std::string name = S(m.key);
      bool ok = name.size() >= 3 && name.size() <= 128;
      for (char c : name) ok = ok && (ascii::IsAlnum(c) || c == '_' || c == '-' || c == '.');
      if (!ok) Fail(m.key_pos, "invalid document name " + Q(name) + ": 3 to 128 characters of letters, digits and _-.");
      if (ascii::StartsWithIgnoreCase(name, "AWS-") || ascii::StartsWithIgnoreCase(name, "Amazon"))
        Fail(m.key_pos, "document names starting with AWS- or Amazon are reserved for AWS");
      const Value& d = Object(m.value, "a document");
      AllowedKeys(d, {"content"}, "document " + name);
      const Value* content = d.Find("content");
      if (content == nullptr) Fail(d.pos, "document " + Q(name) + " needs \"content\"");
      Object(*content, "document content");
      auto doc = std::make_unique<SessionDocument>();
      doc->name = name;
      doc->account = account_->id;
      doc->arn = "arn:" + w_.partition + ":ssm:" + w_.region + ":" + account_->id + ":document/" + name;
      doc->content_json = json::ToCompactJson(*content);
      doc->pos = m.key_pos;
      account_->documents[name] = std::move(doc);
    }
  }

  // ---- organization ----
  void Organization(const Value& v) {
    Object(v, "organization");
    AllowedKeys(v, {"id", "root_id", "management_account", "policies", "root"}, "organization");
    world::Organization org;
    const Value* id = v.Find("id");
    if (id == nullptr) Fail(v.pos, "organization needs an \"id\" (o-…)");
    org.id = Text(*id, "id");
    if (!PrefixedId(org.id, "o-", 10, 32)) Fail(id->pos, "invalid organization id " + Q(org.id) + " (o- and 10 to 32 lower-case letters or digits)");
    const Value* rid = v.Find("root_id");
    org.root_id = rid ? Text(*rid, "root_id") : "r-" + DeriveHex("org-root|" + org.id, 4);
    if (rid && !PrefixedId(org.root_id, "r-", 4, 32)) Fail(rid->pos, "invalid root id " + Q(org.root_id) + " (r- and 4 to 32 lower-case letters or digits)");
    const Value* mgmt = v.Find("management_account");
    if (mgmt == nullptr) Fail(v.pos, "organization needs a \"management_account\"");
    org.management_account = Text(*mgmt, "management_account");
    if (!w_.FindAccount(org.management_account)) Fail(mgmt->pos, "management account " + Q(org.management_account) + " is not declared under accounts");
    if (const Value* p = v.Find("policies")) {
      Object(*p, "organization policies");
      AllowedKeys(*p, {"scp", "rcp"}, "organization policies");
      if (const Value* scp = p->Find("scp")) OrgPolicies(*scp, PolicyType::kScp, org.scps);
      if (const Value* rcp = p->Find("rcp")) OrgPolicies(*rcp, PolicyType::kRcp, org.rcps);
    }
    const Value* root = v.Find("root");
    if (root == nullptr) Fail(v.pos, "organization needs a \"root\"");
    std::set<std::string> seen_accounts;
    org.root = Unit(*root, org, seen_accounts, 0, true);
    {
      static constexpr std::string_view kRcpFullAccess =
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})";
      Result<policy::Policy> p = policy::ParsePolicyText(kRcpFullAccess, PolicyType::kRcp);
      org.rcp_full_access.name = "RCPFullAWSAccess";
      org.rcp_full_access.text = S(kRcpFullAccess);
      org.rcp_full_access.compiled =
          std::make_shared<const policy::CompiledPolicy>(policy::CompiledPolicy::Compile(*p, "RCPFullAWSAccess"));
    }
    // Every member account needs an SCP of its own (AWS attaches
    // FullAWSAccess when it joins); the management account is exempt.
    for (const std::string& a : seen_accounts) {
      if (a == org.management_account) continue;
      bool has = false;
      for (const auto& [acct, list] : scp_refs_) has = has || (acct == a && !TextList(*list, "an SCP name").empty());
      if (!has)
        Fail(w_.accounts[a]->pos, "member account " + a +
                                      " needs at least one SCP under its scps (AWS attaches FullAWSAccess when an account joins)");
    }
    w_.organization = std::move(org);
    // Accounts may also attach SCPs/RCPs directly.
    for (const auto& [account, list] : scp_refs_) CheckOrgPolicyNames(*list, w_.organization->scps, "SCP");
    for (const auto& [account, list] : rcp_refs_) CheckOrgPolicyNames(*list, w_.organization->rcps, "RCP");
    for (const auto& [account, list] : scp_refs_)
      for (const auto& [n, pos] : TextList(*list, "an SCP name")) w_.accounts[account]->scps.push_back(n);
    for (const auto& [account, list] : rcp_refs_)
      for (const auto& [n, pos] : TextList(*list, "an RCP name")) w_.accounts[account]->rcps.push_back(n);
  }

  static bool PrefixedId(std::string_view s, std::string_view prefix, std::size_t min, std::size_t max) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    std::string_view rest = s.substr(prefix.size());
    if (rest.size() < min || rest.size() > max) return false;
    for (char c : rest)
      if (!(ascii::IsDigit(c) || (c >= 'a' && c <= 'z'))) return false;
    return true;
  }

  void OrgPolicies(const Value& v, PolicyType type, std::map<std::string, PolicyDoc>& out) {
    Object(v, "organization policies");
    for (const json::Member& m : v.members) {
      if (out.count(S(m.key))) Fail(m.key_pos, "duplicate policy " + Q(m.key));
      out[S(m.key)] = Policy(m.value, type, S(m.key));
    }
  }

  void CheckOrgPolicyNames(const Value& list, const std::map<std::string, PolicyDoc>& defined, std::string_view kind) {
    for (const auto& [n, pos] : TextList(list, "a policy name"))
      if (!defined.count(n)) Fail(pos, "unknown " + S(kind) + " " + Q(n) + " (define it under organization.policies)");
  }

  OrgUnit Unit(const Value& v, const world::Organization& org, std::set<std::string>& seen, int depth, bool is_root) {
    Object(v, is_root ? "the organization root" : "an organizational unit");
    if (is_root) AllowedKeys(v, {"scps", "rcps", "accounts", "units"}, "the organization root");
    else AllowedKeys(v, {"id", "name", "scps", "rcps", "accounts", "units"}, "an organizational unit");
    if (depth > 5) Fail(v.pos, "organizational units nest at most 5 levels deep");
    OrgUnit u;
    if (!is_root) {
      const Value* name = v.Find("name");
      if (name == nullptr) Fail(v.pos, "an organizational unit needs a \"name\"");
      u.name = Text(*name, "name");
      const Value* id = v.Find("id");
      u.id = id ? Text(*id, "id") : "ou-" + org.root_id.substr(2) + "-" + DeriveHex("ou|" + org.id + "|" + u.name, 8);
      if (id && u.id.rfind("ou-", 0) != 0) Fail(id->pos, "invalid OU id " + Q(u.id) + " (ou-…)");
    }
    const Value* scps = v.Find("scps");
    if (scps == nullptr || TextList(*scps, "an SCP name").empty())
      Fail(v.pos, S(is_root ? "the root" : "organizational unit " + Q(u.name)) +
                      " needs at least one SCP (AWS attaches FullAWSAccess by default)");
    CheckOrgPolicyNames(*scps, org.scps, "SCP");
    for (const auto& [n, pos] : TextList(*scps, "an SCP name")) u.scps.push_back(n);
    if (const Value* rcps = v.Find("rcps")) {
      CheckOrgPolicyNames(*rcps, org.rcps, "RCP");
      for (const auto& [n, pos] : TextList(*rcps, "an RCP name")) u.rcps.push_back(n);
    }
    if (const Value* accounts = v.Find("accounts")) {
      for (const auto& [a, pos] : TextList(*accounts, "an account id")) {
        if (!w_.FindAccount(a)) Fail(pos, "account " + Q(a) + " is not declared under accounts");
        if (!seen.insert(a).second) Fail(pos, "account " + Q(a) + " appears twice in the organization");
        u.accounts.push_back(a);
      }
    }
    if (const Value* units = v.Find("units")) {
      if (!units->is_array() && !units->is_null()) Fail(units->pos, "units must be a list");
      for (const Value& child : units->elements) u.units.push_back(Unit(child, org, seen, depth + 1, false));
    }
    return u;
  }

  // ---- Identity Center ----
  void IdentityCenter(const Value& v) {
    Object(v, "identity_center");
    AllowedKeys(v, {"instance_id", "identity_store_id", "region", "users", "groups", "attributes_for_access_control",
                    "permission_sets", "assignments"},
                "identity_center");
    world::IdentityCenter ic;
    ic.region = w_.region;
    if (const Value* r = v.Find("region")) ic.region = Region(*r);
    const Value* iid = v.Find("instance_id");
    ic.instance_id = iid ? Text(*iid, "instance_id") : "ssoins-" + DeriveHex("sso-instance", 16);
    const Value* sid = v.Find("identity_store_id");
    ic.identity_store_id = sid ? Text(*sid, "identity_store_id") : "d-" + DeriveHex("identity-store", 10);
    if (const Value* users = v.Find("users")) {
      Object(*users, "identity_center.users");
      for (const json::Member& m : users->members) {
        if (m.key.empty() || m.key.size() > 128) Fail(m.key_pos, "invalid Identity Center user name " + Q(m.key));
        if (ic.users.count(S(m.key))) Fail(m.key_pos, "duplicate Identity Center user " + Q(m.key));
        const Value& u = m.value.is_null() ? m.value : Object(m.value, "an Identity Center user");
        IcUser user;
        user.name = S(m.key);
        const std::string h = DeriveHex("ic-user|" + user.name, 32);
        user.user_id = h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
        if (u.is_object()) {
          AllowedKeys(u, {"display_name", "email", "attributes"}, "Identity Center user " + user.name);
          if (const Value* d = u.Find("display_name")) user.display_name = Text(*d, "display_name");
          if (const Value* e = u.Find("email")) user.email = Text(*e, "email");
          if (const Value* a = u.Find("attributes")) {
            Object(*a, "attributes");
            for (const json::Member& am : a->members) user.attributes[S(am.key)] = Text(am.value, "an attribute value");
          }
        }
        ic.users[user.name] = std::move(user);
      }
    }
    if (const Value* groups = v.Find("groups")) {
      Object(*groups, "identity_center.groups");
      for (const json::Member& m : groups->members) {
        const Value& g = Object(m.value, "an Identity Center group");
        AllowedKeys(g, {"members"}, "Identity Center group " + S(m.key));
        std::vector<std::string> members;
        if (const Value* mem = g.Find("members"))
          for (const auto& [n, pos] : TextList(*mem, "a member")) {
            if (!ic.users.count(n)) Fail(pos, "unknown Identity Center user " + Q(n));
            members.push_back(n);
          }
        ic.groups[S(m.key)] = members;
      }
    }
    if (const Value* abac = v.Find("attributes_for_access_control")) {
      Object(*abac, "attributes_for_access_control");
      for (const json::Member& m : abac->members) {
        const std::string source = Text(m.value, "an attribute source");
        CheckTag(m.key, "", 128, m.key_pos);
        if (source.rfind("${path:", 0) != 0 || source.back() != '}')
          Fail(m.value.pos, "an attribute source is ${path:<attribute>}, such as ${path:userName} or ${path:enterprise.department}");
        ic.attributes_for_access_control.emplace_back(S(m.key), source);
      }
    }
    if (const Value* sets = v.Find("permission_sets")) {
      Object(*sets, "permission_sets");
      for (const json::Member& m : sets->members) {
        const std::string name = S(m.key);
        bool ok = !name.empty() && name.size() <= 32;
        for (char c : name) ok = ok && (ascii::IsAlnum(c) || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-');
        if (!ok) Fail(m.key_pos, "invalid permission set name " + Q(name) + ": 1 to 32 characters of letters, digits and _+=,.@-");
        const Value& p = Object(m.value, "a permission set");
        AllowedKeys(p, {"session_duration", "inline_policy", "managed_policies", "customer_managed_policies", "permissions_boundary"},
                    "permission set " + name);
        PermissionSet ps;
        ps.name = name;
        ps.pos = m.key_pos;
        ps.arn = "arn:" + w_.partition + ":sso:::permissionSet/" + ic.instance_id + "/ps-" + DeriveHex("ps|" + name, 16);
        if (const Value* d = p.Find("session_duration")) ps.session_duration = IsoDuration(*d);
        if (const Value* ip = p.Find("inline_policy")) ps.inline_policy = Policy(*ip, PolicyType::kIdentity, "AwsSSOInlinePolicy");
        if (const Value* mp = p.Find("managed_policies"))
          for (const auto& [arn, pos] : TextList(*mp, "a managed policy ARN")) {
            const ManagedPolicy* pol = w_.FindManagedPolicyByArn(arn);
            if (pol == nullptr || !pol->aws_managed)
              Fail(pos, "unknown AWS managed policy " + Q(arn) + " (declare its document under aws_managed_policies)");
            ps.aws_managed.push_back(pol);
          }
        if (const Value* cm = p.Find("customer_managed_policies"))
          for (const auto& [n, pos] : TextList(*cm, "a policy name")) ps.customer_managed.push_back(n);
        if (const Value* b = p.Find("permissions_boundary")) {
          if (!b->is_null()) ps.boundary = Text(*b, "permissions_boundary");
        }
        ic.permission_sets[name] = std::move(ps);
      }
    }
    if (const Value* assignments = v.Find("assignments")) {
      if (!assignments->is_array()) Fail(assignments->pos, "assignments must be a list");
      for (const Value& a : assignments->elements) {
        Object(a, "an assignment");
        AllowedKeys(a, {"permission_set", "account", "users", "groups"}, "an assignment");
        const Value* ps = a.Find("permission_set");
        const Value* acct = a.Find("account");
        if (ps == nullptr || acct == nullptr) Fail(a.pos, "an assignment needs \"permission_set\" and \"account\"");
        const std::string ps_name = Text(*ps, "permission_set");
        const std::string account = Text(*acct, "account");
        if (!ic.permission_sets.count(ps_name)) Fail(ps->pos, "unknown permission set " + Q(ps_name));
        if (!w_.FindAccount(account)) Fail(acct->pos, "account " + Q(account) + " is not declared under accounts");
        auto& list = ic.assignments[{ps_name, account}];
        if (const Value* users = a.Find("users"))
          for (const auto& [n, pos] : TextList(*users, "a user name")) {
            if (!ic.users.count(n)) Fail(pos, "unknown Identity Center user " + Q(n));
            if (std::find(list.begin(), list.end(), n) == list.end()) list.push_back(n);
          }
        if (const Value* groups = a.Find("groups"))
          for (const auto& [g, pos] : TextList(*groups, "a group name")) {
            auto it = ic.groups.find(g);
            if (it == ic.groups.end()) Fail(pos, "unknown Identity Center group " + Q(g));
            for (const std::string& n : it->second)
              if (std::find(list.begin(), list.end(), n) == list.end()) list.push_back(n);
          }
      }
    }
    w_.identity_center = std::move(ic);
  }

  // ISO 8601 durations PT#H / PT#M / PT#H#M (Identity Center accepts 1-12 h).
  std::int64_t IsoDuration(const Value& v) {
    const std::string s = Text(v, "session_duration");
    std::int64_t seconds = 0, num = 0;
    bool ok = s.rfind("PT", 0) == 0 && s.size() > 2, have = false;
    for (std::size_t i = 2; ok && i < s.size(); ++i) {
      const char c = s[i];
      if (ascii::IsDigit(c)) {
        num = num * 10 + (c - '0');
        have = true;
        ok = num < 100000;
      } else if ((c == 'H' || c == 'M' || c == 'S') && have) {
        seconds += num * (c == 'H' ? 3600 : c == 'M' ? 60 : 1);
        num = 0;
        have = false;
      } else {
        ok = false;
      }
    }
    if (!ok || have) Fail(v.pos, "session_duration is an ISO 8601 duration such as PT1H or PT8H30M");
    if (seconds < 3600 || seconds > 43200) Fail(v.pos, "session_duration must be between PT1H and PT12H");
    return seconds;
  }

  // ---- profiles ----
  void Profiles(const Value& v) {
    Object(v, "profiles");
    for (const json::Member& m : v.members) {
      const Value& p = Object(m.value, "a profile");
      AllowedKeys(p, {"caller", "source_profile", "role_arn", "role_session_name", "external_id", "duration_seconds",
                      "sso_account_id", "sso_role_name", "sso_user", "tags", "transitive_tag_keys", "source_identity",
                      "region"},
                  "profile " + S(m.key));
      Profile pr;
      pr.name = S(m.key);
      pr.pos = m.key_pos;
      for (const json::Member& s : p.members) pr.settings[S(s.key)] = Text(s.value, S(s.key));
      if (const Value* r = p.Find("region")) (void)Region(*r);  // validated like every region
      const bool sso = pr.settings.count("sso_account_id") || pr.settings.count("sso_role_name");
      const bool chain = pr.settings.count("source_profile") || pr.settings.count("role_arn");
      const bool caller = pr.settings.count("caller");
      if (sso + chain + caller != 1)
        Fail(m.key_pos, "profile " + Q(pr.name) + " needs exactly one of: caller; source_profile with role_arn; "
                        "sso_account_id with sso_role_name and sso_user");
      if (chain && (!pr.settings.count("source_profile") || !pr.settings.count("role_arn")))
        Fail(m.key_pos, "profile " + Q(pr.name) + ": a role profile needs both source_profile and role_arn");
      if (sso && (!pr.settings.count("sso_account_id") || !pr.settings.count("sso_role_name") || !pr.settings.count("sso_user")))
        Fail(m.key_pos, "profile " + Q(pr.name) + ": an SSO profile needs sso_account_id, sso_role_name and sso_user");
      w_.profiles[pr.name] = std::move(pr);
      profile_values_.push_back(&m);
    }
    for (const json::Member* m : profile_values_) {
      const Profile& pr = w_.profiles[S(m->key)];
      auto it = pr.settings.find("source_profile");
      if (it != pr.settings.end() && !w_.profiles.count(it->second))
        Fail(m->value.Find("source_profile")->pos, "unknown source_profile " + Q(it->second));
      // No cycles.
      std::set<std::string> seen{pr.name};
      const Profile* cur = &pr;
      while (true) {
        auto s = cur->settings.find("source_profile");
        if (s == cur->settings.end()) break;
        if (!seen.insert(s->second).second) Fail(m->key_pos, "profile " + Q(pr.name) + " has a source_profile cycle");
        cur = &w_.profiles[s->second];
      }
    }
  }

  // ---- gatehouse extensions ----
  void Extensions(const Value& v) {
    Object(v, "extensions");
    AllowedKeys(v, {"run_as_mappings"}, "extensions");
    const Value* rules = v.Find("run_as_mappings");
    if (rules == nullptr) return;
    if (!rules->is_array()) Fail(rules->pos, "run_as_mappings must be a list of rules");
    for (const Value& r : rules->elements) {
      Object(r, "a RunAs mapping");
      AllowedKeys(r, {"permission_set", "role", "group", "linux_user"}, "a RunAs mapping");
      RunAsMappingRule rule;
      rule.pos = r.pos;
      int kinds = 0;
      for (const char* kind : {"permission_set", "role", "group"}) {
        if (const Value* n = r.Find(kind)) {
          rule.kind = kind;
          rule.name = Text(*n, kind);
          ++kinds;
        }
      }
      if (kinds != 1) Fail(r.pos, "a RunAs mapping names exactly one of permission_set, role or group");
      const Value* user = r.Find("linux_user");
      if (user == nullptr) Fail(r.pos, "a RunAs mapping needs a linux_user");
      rule.linux_user = Text(*user, "linux_user");
      if (rule.linux_user == "root") Fail(user->pos, "a RunAs mapping cannot choose root (Session Manager refuses it)");
      if (!IsLinuxUserName(rule.linux_user)) Fail(user->pos, "invalid Linux user name " + Q(rule.linux_user));
      const Position& name_pos = r.Find(rule.kind)->pos;
      if (rule.kind == "permission_set" && (!w_.identity_center || !w_.identity_center->permission_sets.count(rule.name)))
        Fail(name_pos, "unknown permission set " + Q(rule.name));
      // Roles and groups are per account: a bare name must be unique in the
      // world, so that a same-named role or group in another account (a
      // third party's, say) can never pick up the mapping. Rules keep ARNs.
      if (rule.kind == "role") rule.name = MappedArn(rule.name, "role", name_pos);
      if (rule.kind == "group") rule.name = MappedArn(rule.name, "group", name_pos);
      w_.run_as_mappings.push_back(std::move(rule));
    }
  }

  std::string MappedArn(const std::string& name, const std::string& kind, const Position& pos) {
    std::vector<std::string> arns;
    for (const auto& [id, a] : w_.accounts) {
      if (kind == "role") {
        for (const auto& [n, role] : a->roles)
          if (role->arn == name || role->name == name) arns.push_back(role->arn);
      } else {
        for (const auto& [n, group] : a->groups)
          if (group->arn == name || group->name == name) arns.push_back(group->arn);
      }
    }
    if (arns.empty()) Fail(pos, "unknown " + kind + " " + Q(name));
    if (arns.size() > 1)
      Fail(pos, "the " + kind + " name " + Q(name) + " is ambiguous (" + arns[0] + ", " + arns[1] +
                    (arns.size() > 2 ? ", ..." : "") + "): name it by ARN");
    return arns.front();
  }

  // ---- pass 2: references ----
  const ManagedPolicy* ManagedRef(const std::string& ref, const world::Account* account, const Position& pos) {
    if (ref.rfind("arn:", 0) == 0) {
      if (const ManagedPolicy* p = w_.FindManagedPolicyByArn(ref)) return p;
      Fail(pos, "unknown managed policy " + Q(ref) +
                    " (customer managed policies are declared under an account's policies, AWS managed ones under aws_managed_policies)");
    }
    auto it = account->policies.find(ref);
    if (it != account->policies.end()) return it->second.get();
    Fail(pos, "unknown managed policy " + Q(ref) + " in account " + account->id);
  }

  std::vector<const ManagedPolicy*> ManagedList(const Value* v, const world::Account* account) {
    std::vector<const ManagedPolicy*> out;
    if (v == nullptr) return out;
    for (const auto& [ref, pos] : TextList(*v, "a managed policy")) {
      const ManagedPolicy* p = ManagedRef(ref, account, pos);
      if (std::find(out.begin(), out.end(), p) != out.end()) Fail(pos, "managed policy " + Q(ref) + " attached twice");
      out.push_back(p);
    }
    if (out.size() > 20) Fail(v->pos, "at most 20 managed policies per entity (IAM's maximum quota)");
    return out;
  }

  const ManagedPolicy* Boundary(const Value* v, const world::Account* account) {
    if (v == nullptr || v->is_null()) return nullptr;
    const ManagedPolicy* p = ManagedRef(Text(*v, "permissions_boundary"), account, v->pos);
    return p;
  }

  void ResolveIdentities() {
    for (auto& g : pending_groups_) g.group->managed = ManagedList(g.managed, g.account);
    for (auto& u : pending_users_) {
      if (u.groups != nullptr) {
        for (const auto& [name, pos] : TextList(*u.groups, "a group name")) {
          auto it = u.account->groups.find(name);
          if (it == u.account->groups.end()) Fail(pos, "unknown group " + Q(name) + " in account " + u.account->id);
          u.user->groups.push_back(it->second.get());
        }
        if (u.user->groups.size() > 10) Fail(u.groups->pos, "a user can be in at most 10 groups");
      }
      u.user->managed = ManagedList(u.managed, u.account);
      u.user->boundary = Boundary(u.boundary, u.account);
    }
    for (auto& r : pending_roles_) {
      r.role->managed = ManagedList(r.managed, r.account);
      r.role->boundary = Boundary(r.boundary, r.account);
    }
  }

  // AWS refuses a trust policy naming a principal that does not exist
  // ("Invalid principal in policy"); accounts the world does not declare
  // cannot be checked, as AWS cannot check other accounts' contents either.
  void ResolveTrustPolicies() {
    for (const auto& [role, value] : trust_values_) CheckPrincipals(*value, role->trust.text);
  }

  void CheckPrincipals(const Value& trust, const std::string& text) {
    // Walk the parsed document (YAML/JSON tree, or the text of a string).
    json::Document parsed_holder;
    const Value* doc = &trust;
    if (trust.is_string()) {
      Result<json::Document> d = json::Parse(text);
      if (!d.ok()) return;  // already validated by the engine
      parsed_holder = std::move(d).value();
      doc = &parsed_holder;
    }
    const Value* statements = doc->Find("Statement");
    if (statements == nullptr) return;
    auto each_statement = [&](const Value& st) {
      for (const char* element : {"Principal", "NotPrincipal"}) {
        const Value* p = st.Find(element);
        if (p == nullptr || !p->is_object()) continue;
        const Value* aws = p->Find("AWS");
        if (aws == nullptr) continue;
        std::vector<const Value*> values;
        if (aws->is_array())
          for (const Value& e : aws->elements) values.push_back(&e);
        else
          values.push_back(aws);
        for (const Value* val : values) {
          if (!val->is_string() || PrincipalExists(val->text)) continue;
          const Position at = trust.is_string() ? trust.pos : val->pos;
          Fail(at, "Invalid principal in policy: \"AWS\":" + json::Quote(val->text), S(policy::kMalformedPolicyDocument));
        }
      }
    };
    if (statements->is_array())
      for (const Value& st : statements->elements) each_statement(st);
    else
      each_statement(*statements);
  }

  bool PrincipalExists(std::string_view value) {
    if (value == "*" || IsAccountId(value)) return true;
    if (value.rfind("AIDA", 0) == 0 || value.rfind("AROA", 0) == 0) {
      for (const auto& [id, a] : w_.accounts) {
        for (const auto& [n, u] : a->users)
          if (u->id == value) return true;
        for (const auto& [n, r] : a->roles)
          if (r->id == value) return true;
      }
      return false;
    }
    // arn:partition:service::account:resource
    std::vector<std::string_view> f;
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      const std::size_t colon = value.find(':', start);
      if (colon == std::string_view::npos) return false;
      f.push_back(value.substr(start, colon - start));
      start = colon + 1;
    }
    const std::string_view account = f[4], resource = value.substr(start);
    const world::Account* a = w_.FindAccount(account);
    // An account the world does not declare may be named only by its id or
    // root ARN (docs/world-format.md): its users and roles cannot be checked.
    if (a == nullptr) return f[2] == "iam" && resource == "root";
    if (f[2] == "iam" && resource == "root") return true;
    if (f[2] == "iam" && resource.rfind("user/", 0) == 0) return w_.FindUserByArn(value) != nullptr;
    if (f[2] == "iam" && resource.rfind("role/", 0) == 0) return w_.FindRoleByArn(value) != nullptr;
    if (f[2] == "sts" && resource.rfind("assumed-role/", 0) == 0) {
      std::string_view rest = resource.substr(13);
      return w_.FindRoleByName(account, rest.substr(0, rest.find('/'))) != nullptr;
    }
    return true;  // federated-user sessions and others: not checked
  }

  // ---- pass 3: Identity Center's provisioned roles ----
  void ProvisionSsoRoles(const Value& v) {
    world::IdentityCenter& ic = *w_.identity_center;
    for (const auto& [key, users] : ic.assignments) {
      const auto& [ps_name, account_id] = key;
      const PermissionSet& ps = ic.permission_sets.at(ps_name);
      world::Account* account = w_.accounts.at(account_id).get();
      auto role = std::make_unique<Role>();
      role->account = account_id;
      role->name = "AWSReservedSSO_" + ps_name + "_" + DeriveHex("sso-role|" + account_id + "|" + ps_name, 16);
      role->path = "/aws-reserved/sso.amazonaws.com/";
      role->arn = "arn:" + w_.partition + ":iam::" + account_id + ":role" + role->path + role->name;
      role->id = DeriveId("AROA", "role|" + account_id + "|" + role->name);
      role->protected_sso = true;
      role->permission_set = ps_name;
      role->pos = ps.pos;
      role->max_session_duration = ps.session_duration;
      role->description = "Provisioned by IAM Identity Center for permission set " + ps_name;
      const std::string provider =
          "arn:" + w_.partition + ":iam::" + account_id + ":saml-provider/AWSSSO_" + DeriveHex("saml|" + account_id, 16) + "_DO_NOT_DELETE";
      const std::string trust = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":")" + provider +
                                R"("},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]})";
      Result<policy::Policy> tp = policy::ParsePolicyText(trust, PolicyType::kTrust);
      role->trust.name = "TrustPolicy";
      role->trust.text = trust;
      role->trust.size = tp->size;
      role->trust.compiled = std::make_shared<const policy::CompiledPolicy>(policy::CompiledPolicy::Compile(*tp, "TrustPolicy"));
      if (ps.inline_policy) role->inline_policies.push_back(*ps.inline_policy);
      role->managed = ps.aws_managed;
      for (const std::string& n : ps.customer_managed) {
        auto it = account->policies.find(n);
        if (it == account->policies.end())
          Fail(ps.pos, "permission set " + Q(ps_name) + " attaches customer managed policy " + Q(n) + ", which account " +
                           account_id + " does not have (Identity Center cannot provision the role)");
        role->managed.push_back(it->second.get());
      }
      if (!ps.boundary.empty()) {
        if (ps.boundary.rfind("arn:", 0) == 0) {
          role->boundary = w_.FindManagedPolicyByArn(ps.boundary);
        } else {
          auto it = account->policies.find(ps.boundary);
          role->boundary = it == account->policies.end() ? nullptr : it->second.get();
        }
        if (role->boundary == nullptr)
          Fail(ps.pos, "permission set " + Q(ps_name) + " uses permissions boundary " + Q(ps.boundary) + ", unknown in account " + account_id);
      }
      account->roles[role->name] = std::move(role);
    }
    (void)v;
  }

  struct PendingGroup {
    Group* group;
    world::Account* account;
    const Value* managed;
  };
  struct PendingUser {
    User* user;
    world::Account* account;
    const Value* groups;
    const Value* managed;
    const Value* boundary;
  };
  struct PendingRole {
    Role* role;
    world::Account* account;
    const Value* managed;
    const Value* boundary;
  };

  World w_;
  world::Account* account_ = nullptr;
  std::vector<std::pair<std::string, const Value*>> scp_refs_, rcp_refs_;
  std::vector<PendingGroup> pending_groups_;
  std::vector<PendingUser> pending_users_;
  std::vector<PendingRole> pending_roles_;
  std::vector<std::pair<Role*, const Value*>> trust_values_;
  std::vector<const json::Member*> profile_values_;
};

}  // namespace

Result<World> LoadWorld(std::string_view text) {
  std::size_t first = 0;
  while (first < text.size() && ascii::IsSpace(text[first])) ++first;
  Result<json::Document> doc = [&]() -> Result<json::Document> {
    if (first < text.size() && text[first] == '{') {
      json::ParseOptions o;
      o.allow_duplicate_keys = true;  // reported with context by the loader
      return json::Parse(text, o);
    }
    return ParseYaml(text);
  }();
  if (!doc.ok()) {
    Error e = doc.error();
    e.message = "cannot parse the world file: " + e.message;
    e.code = std::string(kInvalidWorld);
    return e;
  }
  try {
    return Loader().Run(*doc);
  } catch (const LoadError& e) {
    return e.error;
  }
}

}  // namespace gatehouse::world
