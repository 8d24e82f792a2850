// world/model.cc: lookups over the world and the organization's policy
// levels.
#include "world/model.h"

#include "common/ascii.h"
#include "common/utf8.h"

namespace gatehouse::world {

// Tag keys and values: letters, digits, spaces and _.:/=+-@ (non-ASCII
// letters accepted as letters).
bool IsTagText(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const std::int32_t cp = utf8::Decode(s, i, len);
    if (cp < 0) return false;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (!(ascii::IsAlnum(c) || c == ' ' || c == '_' || c == '.' || c == ':' || c == '/' || c == '=' || c == '+' ||
            c == '-' || c == '@'))
        return false;
    }
    i += len;
  }
  return true;
}

const Tag* FindTag(const Tags& tags, std::string_view key) {
  for (const Tag& t : tags)
    if (ascii::EqualsIgnoreCase(t.key, key)) return &t;
  return nullptr;
}

const Account* World::FindAccount(std::string_view id) const {
  auto it = accounts.find(std::string(id));
  return it == accounts.end() ? nullptr : it->second.get();
}

const User* World::FindUserByArn(std::string_view arn) const {
  for (const auto& [id, a] : accounts)
    for (const auto& [name, u] : a->users)
      if (u->arn == arn) return u.get();
  return nullptr;
}

const Role* World::FindRoleByArn(std::string_view arn) const {
  for (const auto& [id, a] : accounts)
    for (const auto& [name, r] : a->roles)
      if (r->arn == arn) return r.get();
  return nullptr;
}

const Role* World::FindRoleByName(std::string_view account, std::string_view name) const {
  const Account* a = FindAccount(account);
  if (a == nullptr) return nullptr;
  for (const auto& [n, r] : a->roles)
    if (ascii::EqualsIgnoreCase(n, name)) return r.get();
  return nullptr;
}

const ManagedPolicy* World::FindManagedPolicyByArn(std::string_view arn) const {
  for (const auto& [n, p] : aws_managed)
    if (p->arn == arn) return p.get();
  for (const auto& [id, a] : accounts)
    for (const auto& [n, p] : a->policies)
      if (p->arn == arn) return p.get();
  return nullptr;
}

const Host* World::FindHost(std::string_view id) const {
  for (const auto& [aid, a] : accounts) {
    auto it = a->hosts.find(std::string(id));
    if (it != a->hosts.end()) return it->second.get();
  }
  return nullptr;
}

namespace {

// The chain of units from the root to the unit holding `account`.
bool PathTo(const OrgUnit& unit, std::string_view account, std::vector<const OrgUnit*>& path) {
  path.push_back(&unit);
  for (const std::string& a : unit.accounts)
    if (a == account) return true;
  for (const OrgUnit& child : unit.units)
    if (PathTo(child, account, path)) return true;
  path.pop_back();
  return false;
}

std::optional<std::vector<std::vector<const policy::CompiledPolicy*>>> Levels(
    const World& w, std::string_view account, bool scp) {
  if (!w.organization || account == w.organization->management_account) return std::nullopt;
  std::vector<const OrgUnit*> path;
  if (!PathTo(w.organization->root, account, path)) return std::nullopt;
  const auto& defined = scp ? w.organization->scps : w.organization->rcps;
  std::vector<std::vector<const policy::CompiledPolicy*>> levels;
  auto level_of = [&](const std::vector<std::string>& names) {
    std::vector<const policy::CompiledPolicy*> level;
    for (const std::string& n : names) level.push_back(defined.at(n).compiled.get());
    return level;
  };
  for (const OrgUnit* u : path) levels.push_back(level_of(scp ? u->scps : u->rcps));
  const Account* a = w.FindAccount(account);
  levels.push_back(level_of(scp ? a->scps : a->rcps));
  if (!scp)
    for (auto& l : levels) l.insert(l.begin(), w.organization->rcp_full_access.compiled.get());
  return levels;
}

}  // namespace

std::optional<std::vector<std::vector<const policy::CompiledPolicy*>>> World::ScpLevels(std::string_view account) const {
  return Levels(*this, account, true);
}

std::optional<std::vector<std::vector<const policy::CompiledPolicy*>>> World::RcpLevels(std::string_view account) const {
  return Levels(*this, account, false);
}

std::string World::OrgPath(std::string_view account) const {
  if (!organization) return {};
  std::vector<const OrgUnit*> path;
  if (!PathTo(organization->root, account, path)) return {};
  std::string out = organization->id + "/" + organization->root_id + "/";
  for (std::size_t i = 1; i < path.size(); ++i) out += path[i]->id + "/";
  return out;
}

bool RcpGoverns(std::string_view action) {
  const std::string vendor = ascii::Lower(action.substr(0, action.find(':')));
  return vendor == "s3" || vendor == "sts" || vendor == "kms" || vendor == "sqs" || vendor == "secretsmanager";
}

}  // namespace gatehouse::world
