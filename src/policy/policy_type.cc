// policy/policy_type.cc: per-type grammar rules and names.
#include "policy/policy_type.h"

namespace gatehouse::policy {
namespace {
//                                  req    forbid notP   noRes  alnum  star   limit  ws
constexpr TypeRules kIdentity{false, true, false, false, true, false, 10240, false};
constexpr TypeRules kBoundary{false, true, false, false, true, false, 6144, false};
constexpr TypeRules kSession{false, true, false, false, true, false, 2048, true};
constexpr TypeRules kTrust{true, false, false, true, true, false, 4096, false};
constexpr TypeRules kResource{true, false, true, false, false, false, 20480, false};
constexpr TypeRules kScp{false, true, false, false, true, false, 5120, true};
constexpr TypeRules kRcp{true, false, false, false, true, true, 5120, true};
}  // namespace

const TypeRules& RulesFor(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity: return kIdentity;
    case PolicyType::kBoundary: return kBoundary;
    case PolicyType::kSession: return kSession;
    case PolicyType::kTrust: return kTrust;
    case PolicyType::kResource: return kResource;
    case PolicyType::kScp: return kScp;
    case PolicyType::kRcp: return kRcp;
  }
  return kIdentity;
}

std::string_view Name(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity: return "identity";
    case PolicyType::kBoundary: return "boundary";
    case PolicyType::kSession: return "session";
    case PolicyType::kTrust: return "trust";
    case PolicyType::kResource: return "resource";
    case PolicyType::kScp: return "scp";
    case PolicyType::kRcp: return "rcp";
  }
  return "identity";
}

std::optional<PolicyType> PolicyTypeFromName(std::string_view name) {
  for (PolicyType t : {PolicyType::kIdentity, PolicyType::kBoundary, PolicyType::kSession,
                       PolicyType::kTrust, PolicyType::kResource, PolicyType::kScp,
                       PolicyType::kRcp}) {
    if (Name(t) == name) return t;
  }
  return std::nullopt;
}

}  // namespace gatehouse::policy
