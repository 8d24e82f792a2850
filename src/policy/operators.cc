// policy/operators.cc: operator names, families and parsing.
#include "policy/operators.h"

#include <array>

#include "common/ascii.h"

namespace gatehouse::policy {
namespace {

struct OpInfo {
  BaseOp op;
  std::string_view name;
  Family family;
  bool negated;
};

constexpr std::array<OpInfo, 27> kOps{{
    {BaseOp::kStringEquals, "StringEquals", Family::kString, false},
    {BaseOp::kStringNotEquals, "StringNotEquals", Family::kString, true},
    {BaseOp::kStringEqualsIgnoreCase, "StringEqualsIgnoreCase", Family::kString, false},
    {BaseOp::kStringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase", Family::kString, true},
    {BaseOp::kStringLike, "StringLike", Family::kString, false},
    {BaseOp::kStringNotLike, "StringNotLike", Family::kString, true},
    {BaseOp::kNumericEquals, "NumericEquals", Family::kNumeric, false},
    {BaseOp::kNumericNotEquals, "NumericNotEquals", Family::kNumeric, true},
    {BaseOp::kNumericLessThan, "NumericLessThan", Family::kNumeric, false},
    {BaseOp::kNumericLessThanEquals, "NumericLessThanEquals", Family::kNumeric, false},
    {BaseOp::kNumericGreaterThan, "NumericGreaterThan", Family::kNumeric, false},
    {BaseOp::kNumericGreaterThanEquals, "NumericGreaterThanEquals", Family::kNumeric, false},
    {BaseOp::kDateEquals, "DateEquals", Family::kDate, false},
    {BaseOp::kDateNotEquals, "DateNotEquals", Family::kDate, true},
    {BaseOp::kDateLessThan, "DateLessThan", Family::kDate, false},
    {BaseOp::kDateLessThanEquals, "DateLessThanEquals", Family::kDate, false},
    {BaseOp::kDateGreaterThan, "DateGreaterThan", Family::kDate, false},
    {BaseOp::kDateGreaterThanEquals, "DateGreaterThanEquals", Family::kDate, false},
    {BaseOp::kBool, "Bool", Family::kBool, false},
    {BaseOp::kBinaryEquals, "BinaryEquals", Family::kBinary, false},
    {BaseOp::kIpAddress, "IpAddress", Family::kIp, false},
    {BaseOp::kNotIpAddress, "NotIpAddress", Family::kIp, true},
    {BaseOp::kArnEquals, "ArnEquals", Family::kArn, false},
    {BaseOp::kArnLike, "ArnLike", Family::kArn, false},
    {BaseOp::kArnNotEquals, "ArnNotEquals", Family::kArn, true},
    {BaseOp::kArnNotLike, "ArnNotLike", Family::kArn, true},
    {BaseOp::kNull, "Null", Family::kNull, false},
}};

const OpInfo& Info(BaseOp op) { return kOps[static_cast<std::size_t>(op)]; }

}  // namespace

std::optional<OperatorSpec> ParseOperator(std::string_view text) {
  OperatorSpec spec;
  constexpr std::string_view kAll = "ForAllValues:";
  constexpr std::string_view kAny = "ForAnyValue:";
  if (ascii::StartsWithIgnoreCase(text, kAll)) {
    spec.set = SetQualifier::kForAllValues;
    text.remove_prefix(kAll.size());
  } else if (ascii::StartsWithIgnoreCase(text, kAny)) {
    spec.set = SetQualifier::kForAnyValue;
    text.remove_prefix(kAny.size());
  }
  constexpr std::string_view kIfExists = "IfExists";
  bool if_exists = false;
  if (text.size() > kIfExists.size() &&
      ascii::EqualsIgnoreCase(text.substr(text.size() - kIfExists.size()), kIfExists)) {
    if_exists = true;
  }
  for (const OpInfo& info : kOps) {
    if (ascii::EqualsIgnoreCase(text, info.name)) {
      spec.base = info.op;
      return spec;
    }
  }
  if (if_exists) {
    std::string_view base = text.substr(0, text.size() - kIfExists.size());
    for (const OpInfo& info : kOps) {
      if (info.op != BaseOp::kNull && ascii::EqualsIgnoreCase(base, info.name)) {
        spec.base = info.op;
        spec.if_exists = true;
        return spec;
      }
    }
  }
  return std::nullopt;
}

std::string_view CanonicalName(BaseOp op) { return Info(op).name; }
Family FamilyOf(BaseOp op) { return Info(op).family; }
bool IsNegated(BaseOp op) { return Info(op).negated; }

bool AcceptsVariables(BaseOp op) {
  const Family f = FamilyOf(op);
  return f == Family::kString || f == Family::kArn || f == Family::kBool;
}

}  // namespace gatehouse::policy
