// reference_evaluator.h — the reference evaluator: a second, deliberately
// simple implementation of docs/semantics.md §2–§5 that reads one simulation
// case (shared/spec/simulate-case.md) straight from the RapidJSON DOM and
// decides it. It exists only to be compared with the compiled engine in
// src/policy/ (differential test) and shares no code with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::reference {

// One statement that decided the outcome (docs/semantics.md §4, `matched`).
struct Matched {
  std::string policy;  // the policy's `name` in the case
  int statement = 0;   // 0-based index in its `Statement` array
  std::string sid;     // "" when the statement has no Sid
  std::string effect;  // "Allow" or "Deny"
};

struct Result {
  bool ok = true;          // false: the case could not be evaluated
  std::string decision;    // Allow | ExplicitDeny | ImplicitDeny
  std::vector<Matched> matched;
  std::string denied_by;   // stage text (e.g. "identity-based policy"); "" for Allow
  std::string error_code;  // MalformedPolicyDocument | InvalidInput | InternalError
  std::string error_message;
};

// Evaluates one case object. Never throws: every failure becomes !ok.
Result EvaluateCase(std::string_view case_json);

}  // namespace gatehouse::reference
