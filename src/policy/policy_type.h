// policy/policy_type.h: the kinds of policy documents and the grammar rules
// that differ between them (docs/semantics.md §1.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace gatehouse::policy {

enum class PolicyType : std::uint8_t {
  kIdentity,
  kBoundary,
  kSession,
  kTrust,
  kResource,
  kScp,
  kRcp,
};

struct TypeRules {
  bool principal_required;
  bool principal_forbidden;
  bool not_principal_allowed;
  bool resource_forbidden;   // trust policies
  bool sid_alphanumeric;     // IAM policy types
  bool principal_star_only;  // RCPs
  std::size_t size_limit;
  bool whitespace_counts;    // SCP/RCP/session count every character
};

const TypeRules& RulesFor(PolicyType type);
std::string_view Name(PolicyType type);
std::optional<PolicyType> PolicyTypeFromName(std::string_view name);

}  // namespace gatehouse::policy
