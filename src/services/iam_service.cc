// services/iam_service.cc: TagRole, UntagRole and the protected-role rule.
#include "services/iam_service.h"

#include <algorithm>

#include "common/ascii.h"
#include "common/utf8.h"
#include "services/authz.h"

namespace gatehouse::services {
namespace {

Error Err(std::string_view code, std::string message) {
  return MakeError(std::string(code), std::move(message));
}

// IAM's model constraints on tags, in the service's validation wording.
Status ValidateTagKey(const std::string& key, const std::string& where) {
  if (utf8::CodePoints(key) < 1 || utf8::CodePoints(key) > 128)
    return Err(kIamValidationError,
               "1 validation error detected: Value '" + key + "' at '" + where +
                   "' failed to satisfy constraint: Member must have length less than or equal "
                   "to 128 and greater than or equal to 1");
  if (!world::IsTagText(key))
    return Err(kIamValidationError,
               "1 validation error detected: Value '" + key + "' at '" + where +
                   "' failed to satisfy constraint: Member must satisfy regular expression "
                   "pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  return Status::Ok();
}

}  // namespace

Error ProtectedRoleError(const world::Role& role) {
  return Err(kUnmodifiableEntity, "Cannot perform the operation on the protected role '" + role.name +
                                      "' - this role is only modifiable by AWS");
}

Result<world::Role*> RoleForChange(world::World& w, const world::Identity& caller, std::string_view action,
                                   const std::string& role_name, const policy::RequestContext& request_keys,
                                   const world::RequestEnvironment& env) {
  world::Account* account = w.accounts.count(caller.account) ? w.accounts.at(caller.account).get() : nullptr;
  world::Role* role = nullptr;
  if (account != nullptr)
    for (auto& [name, r] : account->roles)
      if (ascii::EqualsIgnoreCase(name, role_name)) role = r.get();
  AuthzRequest req;
  req.action = std::string(action);
  req.resource =
      role != nullptr ? role->arn : "arn:" + w.partition + ":iam::" + caller.account + ":role/" + role_name;
  req.extra = request_keys;
  if (role != nullptr)
    for (const world::Tag& t : role->tags) {
      req.extra.Set("aws:ResourceTag/" + t.key, t.value);
      req.extra.Set("iam:ResourceTag/" + t.key, t.value);
    }
  const AuthzResult authz = Authorize(w, caller, req, env);
  if (!authz.allowed()) return Err(kIamAccessDenied, authz.message);
  if (role == nullptr) return Err(kNoSuchEntity, "The role with name " + role_name + " cannot be found.");
  if (role->protected_sso) return ProtectedRoleError(*role);
  return role;
}

Status TagRole(world::World& w, const world::Identity& caller, const std::string& role_name,
               const std::vector<world::Tag>& tags, const world::RequestEnvironment& env) {
  if (tags.size() > 50)
    return Err(kIamValidationError,
               "1 validation error detected: Value at 'tags' failed to satisfy constraint: "
               "Member must have length less than or equal to 50");
  std::vector<std::string> keys;
  policy::RequestContext request_keys;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string where = "tags." + std::to_string(i + 1) + ".member";
    if (Status s = ValidateTagKey(tags[i].key, where + ".key"); !s.ok()) return s;
    if (utf8::CodePoints(tags[i].value) > 256 || !world::IsTagText(tags[i].value))
      return Err(kIamValidationError,
                 "1 validation error detected: Value '" + tags[i].value + "' at '" + where +
                     ".value' failed to satisfy constraint: Member must have length less than or "
                     "equal to 256 and match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    if (ascii::StartsWithIgnoreCase(tags[i].key, "aws:"))
      return Err(kIamInvalidInput, "Tag keys starting with 'aws:' are reserved for AWS use.");
    for (std::size_t j = 0; j < i; ++j)
      if (ascii::EqualsIgnoreCase(tags[j].key, tags[i].key))
        return Err(kIamInvalidInput,
                   "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    keys.push_back(tags[i].key);
    request_keys.Set("aws:RequestTag/" + tags[i].key, tags[i].value);
  }
  request_keys.SetMulti("aws:TagKeys", keys);
  Result<world::Role*> role = RoleForChange(w, caller, "iam:TagRole", role_name, request_keys, env);
  if (!role.ok()) return role.error();
  world::Tags merged = (*role)->tags;
  for (const world::Tag& t : tags) {
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const world::Tag& m) { return ascii::EqualsIgnoreCase(m.key, t.key); });
    if (same != merged.end())
      same->value = t.value;
    else
      merged.push_back(t);
  }
  if (merged.size() > 50) return Err(kLimitExceeded, "The number of tags has reached the maximum limit.");
  (*role)->tags = std::move(merged);
  return Status::Ok();
}

Status UntagRole(world::World& w, const world::Identity& caller, const std::string& role_name,
                 const std::vector<std::string>& keys, const world::RequestEnvironment& env) {
  if (keys.size() > 50)
    return Err(kIamValidationError,
               "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: "
               "Member must have length less than or equal to 50");
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (Status s = ValidateTagKey(keys[i], "tagKeys." + std::to_string(i + 1) + ".member"); !s.ok()) return s;
  policy::RequestContext request_keys;
  request_keys.SetMulti("aws:TagKeys", keys);
  Result<world::Role*> role = RoleForChange(w, caller, "iam:UntagRole", role_name, request_keys, env);
  if (!role.ok()) return role.error();
  world::Tags& tags = (*role)->tags;
  tags.erase(std::remove_if(tags.begin(), tags.end(),
                            [&](const world::Tag& t) {
                              return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) {
                                return ascii::EqualsIgnoreCase(k, t.key);
                              });
                            }),
             tags.end());
  return Status::Ok();
}

}  // namespace gatehouse::services
