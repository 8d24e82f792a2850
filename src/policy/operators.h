// policy/operators.h: the condition operator vocabulary: base operators,
// their families, negation, and the ForAllValues/ForAnyValue and IfExists
// decorations (docs/semantics.md §3).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gatehouse::policy {

enum class BaseOp : std::uint8_t {
  kStringEquals, kStringNotEquals, kStringEqualsIgnoreCase, kStringNotEqualsIgnoreCase,
  kStringLike, kStringNotLike,
  kNumericEquals, kNumericNotEquals, kNumericLessThan, kNumericLessThanEquals,
  kNumericGreaterThan, kNumericGreaterThanEquals,
  kDateEquals, kDateNotEquals, kDateLessThan, kDateLessThanEquals, kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool, kBinaryEquals, kIpAddress, kNotIpAddress,
  kArnEquals, kArnLike, kArnNotEquals, kArnNotLike,
  kNull,
};

enum class Family : std::uint8_t { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };
enum class SetQualifier : std::uint8_t { kNone, kForAllValues, kForAnyValue };

struct OperatorSpec {
  BaseOp base = BaseOp::kStringEquals;
  SetQualifier set = SetQualifier::kNone;
  bool if_exists = false;
};

// Parses e.g. "ForAnyValue:StringLikeIfExists" (case-insensitively). nullopt
// for unknown operators and for NullIfExists.
std::optional<OperatorSpec> ParseOperator(std::string_view text);

std::string_view CanonicalName(BaseOp op);
Family FamilyOf(BaseOp op);
bool IsNegated(BaseOp op);
// Whether ${...} policy variables are substituted in this operator's values.
bool AcceptsVariables(BaseOp op);

}  // namespace gatehouse::policy
