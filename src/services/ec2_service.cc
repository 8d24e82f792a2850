// services/ec2_service.cc: EC2 tagging and DescribeInstances.
#include "services/ec2_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "common/ascii.h"
#include "common/utf8.h"
#include "policy/glob.h"
#include "services/authz.h"

namespace gatehouse::services {
namespace {

Error Err(std::string_view code, std::string message) { return MakeError(std::string(code), std::move(message)); }

bool IsInstanceId(std::string_view id) {
  const bool ec2 = id.rfind("i-", 0) == 0 && (id.size() == 10 || id.size() == 19);
  const bool mi = id.rfind("mi-", 0) == 0 && id.size() == 20;
  if (!ec2 && !mi) return false;
  for (char c : id.substr(ec2 ? 2 : 3))
    if (!(ascii::IsDigit(c) || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// EC2's own wording for a denial, followed by IAM's explanation.
Error Unauthorized(const std::string& iam_message) {
  return Err(kUnauthorizedOperation, "You are not authorized to perform this operation. " + iam_message);
}

Status ValidateResources(const world::World& w, const world::Identity& caller, const std::vector<std::string>& ids,
                         std::string_view region) {
  if (ids.empty()) return Err(kMissingParameter, "The request must contain the parameter resourceIdSet");
  for (const std::string& id : ids) {
    if (!IsInstanceId(id)) return Err(kInvalidInstanceIdMalformed, "Invalid id: \"" + id + "\"");
    const world::Host* h = w.FindHost(id);
    if (h == nullptr || h->account != caller.account || h->region != region)
      return Err(kInvalidInstanceIdNotFound, "The instance ID '" + id + "' does not exist");
  }
  return Status::Ok();
}

// Authorises `action` on every instance with the tag keys of the request.
Status AuthorizeTagging(const world::World& w, const world::Identity& caller, std::string_view action,
                        const std::vector<std::string>& ids, const std::vector<Ec2Tag>& tags, bool request_tags,
                        const world::RequestEnvironment& env) {
  for (const std::string& id : ids) {
    const world::Host* h = w.FindHost(id);
    AuthzRequest r;
    r.action = std::string(action);
    r.resource = h->arn;
    std::vector<std::string> keys;
    for (const Ec2Tag& t : tags) {
      keys.push_back(t.key);
      if (request_tags) r.extra.Set("aws:RequestTag/" + t.key, t.value.value_or(""));
    }
    // DeleteTags without tags removes every tag: the keys removed are the
    // instance's (otherwise aws:TagKeys would be absent and every aws:TagKeys
    // protection bypassed).
    if (!request_tags && tags.empty())
      for (const auto& [k, v] : h->tags) keys.push_back(k);
    r.extra.SetMulti("aws:TagKeys", keys);
    for (const auto& [k, v] : h->tags) {
      r.extra.Set("aws:ResourceTag/" + k, v);
      r.extra.Set("ec2:ResourceTag/" + k, v);
    }
    r.extra.Set("ec2:Region", h->region);
    AuthzResult a = Authorize(w, caller, r, env);
    if (!a.allowed()) return Unauthorized(a.message);
  }
  return Status::Ok();
}

world::Host* MutableHost(world::World& w, const std::string& id) {
  for (auto& [aid, a] : w.accounts) {
    auto it = a->hosts.find(id);
    if (it != a->hosts.end()) return it->second.get();
  }
  return nullptr;
}

}  // namespace

Status CreateTags(world::World& w, const world::Identity& caller, const std::vector<std::string>& resources,
                  const std::vector<Ec2Tag>& tags, const world::RequestEnvironment& env) {
  if (Status s = ValidateResources(w, caller, resources, env.region); !s.ok()) return s;
  if (tags.empty()) return Err(kMissingParameter, "The request must contain the parameter Tags");
  for (const Ec2Tag& t : tags) {
    // EC2 tag keys have at most 127 Unicode characters (EC2 API Tag).
    if (t.key.empty() || utf8::CodePoints(t.key) > 127)
      return Err(kInvalidParameterValue, "Tag keys must be between 1 and 127 characters: '" + t.key + "'");
    if (ascii::StartsWithIgnoreCase(t.key, "aws:"))
      return Err(kInvalidParameterValue, "Tag keys starting with 'aws:' are reserved for internal use");
    if (utf8::CodePoints(t.value.value_or("")) > 256)
      return Err(kInvalidParameterValue, "Tag values must be at most 256 characters: '" + t.key + "'");
  }
  if (Status s = AuthorizeTagging(w, caller, "ec2:CreateTags", resources, tags, true, env); !s.ok()) return s;
  // Every resource is checked before any is changed: a failed call changes
  // nothing.
  std::vector<std::pair<world::Host*, std::map<std::string, std::string>>> updates;
  for (const std::string& id : resources) {
    world::Host* h = MutableHost(w, id);
    std::map<std::string, std::string> next = h->tags;
    for (const Ec2Tag& t : tags) next[t.key] = t.value.value_or("");
    if (next.size() > 50) return Err("TagLimitExceeded", "The maximum number of tags for the resource " + id + " is 50");
    updates.emplace_back(h, std::move(next));
  }
  for (auto& [h, next] : updates) h->tags = std::move(next);
  return Status::Ok();
}

Status DeleteTags(world::World& w, const world::Identity& caller, const std::vector<std::string>& resources,
                  const std::vector<Ec2Tag>& tags, const world::RequestEnvironment& env) {
  if (Status s = ValidateResources(w, caller, resources, env.region); !s.ok()) return s;
  // DeleteTags without tags deletes every tag; its aws:TagKeys are then the
  // keys the instance has.
  if (Status s = AuthorizeTagging(w, caller, "ec2:DeleteTags", resources, tags, false, env); !s.ok()) return s;
  for (const std::string& id : resources) {
    world::Host* h = MutableHost(w, id);
    if (tags.empty()) {
      h->tags.clear();
      continue;
    }
    for (const Ec2Tag& t : tags) {
      auto it = h->tags.find(t.key);
      if (it != h->tags.end() && (!t.value || *t.value == it->second)) h->tags.erase(it);
    }
  }
  return Status::Ok();
}

Result<std::vector<const world::Host*>> DescribeInstances(const world::World& w, const world::Identity& caller,
                                                          const std::vector<std::string>& instance_ids,
                                                          const std::vector<Ec2Filter>& filters,
                                                          const world::RequestEnvironment& env) {
  for (const Ec2Filter& f : filters) {
    const bool known = f.name.rfind("tag:", 0) == 0 || f.name == "tag-key" || f.name == "tag-value" ||
                       f.name == "instance-id";
    if (!known) return Err(kInvalidParameterValue, "The filter '" + f.name + "' is invalid");
    if (f.values.empty()) return Err(kInvalidParameterValue, "The filter '" + f.name + "' needs at least one value");
  }
  AuthzRequest r;
  r.action = "ec2:DescribeInstances";
  r.resource = "*";
  AuthzResult a = Authorize(w, caller, r, env);
  if (!a.allowed()) return Unauthorized(a.message);
  for (const std::string& id : instance_ids) {
    if (!IsInstanceId(id) || id.rfind("mi-", 0) == 0)
      return Err(kInvalidInstanceIdMalformed, "Invalid id: \"" + id + "\"");
    const world::Host* h = w.FindHost(id);
    if (h == nullptr || h->account != caller.account || h->region != env.region)
      return Err(kInvalidInstanceIdNotFound, "The instance ID '" + id + "' does not exist");
  }
  // Filter values accept * and ? wildcards; several values OR, several
  // filters AND.
  auto any_value = [](const std::vector<std::string>& values, std::string_view text) {
    return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return policy::GlobMatch(v, text); });
  };
  std::vector<const world::Host*> out;
  const world::Account* a_caller = w.FindAccount(caller.account);
  if (a_caller == nullptr) return out;
  for (const auto& [id, h] : a_caller->hosts) {
    if (h->region != env.region || id.rfind("mi-", 0) == 0) continue;  // EC2 instances only
    if (!instance_ids.empty() && std::find(instance_ids.begin(), instance_ids.end(), id) == instance_ids.end()) continue;
    bool keep = true;
    for (const Ec2Filter& f : filters) {
      if (f.name == "instance-id") {
        keep = keep && any_value(f.values, id);
      } else if (f.name == "tag-key") {
        keep = keep && std::any_of(h->tags.begin(), h->tags.end(), [&](const auto& t) { return any_value(f.values, t.first); });
      } else if (f.name == "tag-value") {
        keep = keep && std::any_of(h->tags.begin(), h->tags.end(), [&](const auto& t) { return any_value(f.values, t.second); });
      } else {  // tag:K
        auto it = h->tags.find(f.name.substr(4));
        keep = keep && it != h->tags.end() && any_value(f.values, it->second);
      }
    }
    if (keep) out.push_back(h.get());
  }
  return out;
}

}  // namespace gatehouse::services
