// policy/evaluator.h: whether one compiled statement applies to a request:
// Action/NotAction, Resource/NotResource, Principal/NotPrincipal and the
// Condition block (docs/semantics.md §2, §3).
#pragma once

#include <cstdint>
#include <string_view>

#include "policy/arn.h"
#include "policy/compiled.h"
#include "policy/context.h"
#include "policy/principal.h"

namespace gatehouse::policy {

// A request as the matchers see it, prepared once per decision.
struct EvalInput {
  std::string_view vendor;  // lower-cased action vendor
  std::string_view name;    // lower-cased action name
  std::uint64_t vendor_hash = 0;  // ascii::HashLower(vendor)
  ArnView resource;
  const RequestPrincipal* principal = nullptr;
  const RequestContext* context = nullptr;
  bool principal_has_boundary = false;
};

struct StatementMatch {
  bool applies = false;
  GrantKind grant = GrantKind::kNone;  // for statements with a Principal element
};

StatementMatch EvaluateStatement(const CompiledStatement& st, const EvalInput& in);
bool EvaluateCondition(const CompiledCondition& c, const RequestContext& ctx);

}  // namespace gatehouse::policy
