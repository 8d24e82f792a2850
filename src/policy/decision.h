// policy/decision.h: the answer to one request, with its explanation: which
// statements decided, and for a denial, which stage denied
// (docs/semantics.md §4).
#pragma once

#include <cstdint>
#include <string_view>

#include "common/inline_vector.h"
#include "policy/compiled.h"

namespace gatehouse::policy {

enum class Outcome : std::uint8_t { kAllow, kExplicitDeny, kImplicitDeny };

// The policy slot a statement came from, in explanation order.
enum class Slot : std::uint8_t { kIdentity, kBoundary, kSession, kResource, kScp, kRcp };

// The stage that denied; the policy type named in AWS's AccessDenied text.
enum class DeniedBy : std::uint8_t {
  kNone,
  kIdentityPolicy,
  kPermissionsBoundary,
  kSessionPolicy,
  kResourcePolicy,
  kTrustPolicy,
  kScp,
  kRcp,
};

// Trivially constructible (no member initialisers) so that the inline
// buffer of a Decision costs nothing to create.
struct MatchedStatement {
  const CompiledPolicy* policy;
  const CompiledStatement* statement;
  Slot slot;
  std::uint16_t level;  // SCP/RCP level (0 = root)
};

struct Decision {
  Outcome outcome = Outcome::kImplicitDeny;
  DeniedBy denied_by = DeniedBy::kNone;
  GrantKind grant = GrantKind::kNone;  // strongest resource-policy grant
  InlineVector<MatchedStatement, 8> matched;

  bool allowed() const { return outcome == Outcome::kAllow; }
};

std::string_view OutcomeName(Outcome o);        // "Allow", "ExplicitDeny", "ImplicitDeny"
std::string_view DeniedByName(DeniedBy d);      // "identity-based policy", ...
std::string_view SlotName(Slot s);              // "identity", "boundary", ...

}  // namespace gatehouse::policy
