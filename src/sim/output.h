// sim/output.h: the result line of one case: a decision with its matched
// statements (plus, for denials, the denying stage and AWS's message), or an
// error object (../shared/spec/simulate-case.md, "Output").
#pragma once

#include <optional>
#include <string>

#include "policy/decision.h"
#include "policy/request.h"
#include "sim/case.h"

namespace gatehouse::sim {

std::string RenderDecision(const std::optional<std::string>& name, const policy::Decision& d,
                           const policy::Request& request);
std::string RenderError(const std::optional<std::string>& name, const CaseError& e);

// Human-readable forms of the same (`simulate --format text`).
std::string RenderDecisionText(const std::optional<std::string>& name, const policy::Decision& d,
                               const policy::Request& request);
std::string RenderErrorText(const std::optional<std::string>& name, const CaseError& e);

}  // namespace gatehouse::sim
