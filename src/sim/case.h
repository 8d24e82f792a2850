// sim/case.h: one simulation case (../shared/spec/simulate-case.md): the
// policies, compiled, and the request, built with the derived context keys of
// docs/semantics.md §5. Preparing a case does all parsing and compiling, so
// evaluating it is just the engine's decision.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "json/value.h"
#include "policy/authorizer.h"
#include "policy/compiled.h"
#include "policy/request.h"

namespace gatehouse::sim {

inline constexpr std::string_view kInvalidInput = "InvalidInput";

// Why a case could not be evaluated; `policy` names the policy concerned.
struct CaseError {
  Error error;
  std::string policy;
};

class PreparedCase {
 public:
  const policy::Request& request() const { return prepared_->request(); }
  const policy::PolicySet& policies() const { return set_; }
  policy::Decision Evaluate() const { return policy::Authorize(set_, *prepared_); }

 private:
  friend class CaseBuilder;
  std::deque<policy::CompiledPolicy> storage_;  // stable addresses for set_
  policy::PolicySet set_;
  policy::Request request_;  // while building; then moved into prepared_
  std::optional<policy::PreparedRequest> prepared_;
};

struct PrepareResult {
  std::optional<std::string> name;         // echoed back, even on error
  std::unique_ptr<PreparedCase> prepared;  // set on success
  std::optional<CaseError> error;          // set on failure
};

// `source` is the text `doc` was parsed from (its offsets index into it).
PrepareResult Prepare(const json::Value& doc, std::string_view source);

}  // namespace gatehouse::sim
