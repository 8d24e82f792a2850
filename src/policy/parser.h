// policy/parser.h: policy JSON -> validated policy::Policy, with AWS's error
// codes and messages and the position of the offending value
// (docs/semantics.md §1).
#pragma once

#include <string_view>

#include "common/status.h"
#include "json/parse.h"
#include "json/value.h"
#include "policy/ast.h"
#include "policy/policy_type.h"

namespace gatehouse::policy {

inline constexpr std::string_view kMalformedPolicyDocument = "MalformedPolicyDocument";
inline constexpr std::string_view kLimitExceeded = "LimitExceeded";

// Parses policy text (e.g. a file, or the contents of a JSON string that
// holds a policy). Positions in errors are relative to `options`.
Result<Policy> ParsePolicyText(std::string_view text, PolicyType type,
                               const json::ParseOptions& options = {});

// Validates an already-parsed document. `raw_text` is the document's exact
// source text (used for the character-set and size checks); its first byte
// is at `doc.pos`.
// `keys_checked`: the caller parsed `doc` with duplicate keys rejected, so
// the deep duplicate scan can be skipped. `raw_is_source`: false when
// `raw_text` is a serialisation of `doc` (a policy written as YAML), so
// character-set errors are reported at the document's start.
Result<Policy> ParsePolicyValue(const json::Value& doc, std::string_view raw_text, PolicyType type,
                                bool keys_checked = false, bool raw_is_source = true);

}  // namespace gatehouse::policy
