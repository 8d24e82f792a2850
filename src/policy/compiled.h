// policy/compiled.h: a policy compiled for evaluation. Everything that does
// not depend on the request is done here once: actions lower-cased and split,
// ARN patterns split into fields, variables parsed, condition keys hashed,
// numbers, dates, networks and base64 values decoded, principals classified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/ascii.h"
#include "policy/arn.h"
#include "policy/ast.h"
#include "policy/operators.h"
#include "policy/principal.h"
#include "policy/template.h"
#include "policy/values.h"

namespace gatehouse::policy {

struct ActionPattern {
  GlobPattern vendor;  // lower-cased
  GlobPattern name;    // lower-cased
};

struct ActionSet {
  bool any = false;  // contains "*"
  std::vector<ActionPattern> patterns;

  bool Matches(std::string_view vendor_lower, std::string_view name_lower) const;
};

struct ConditionValue {
  Template text;       // String, Arn and Bool families (may hold variables)
  GlobPattern like;    // StringLike without variables
  std::string folded;  // StringEqualsIgnoreCase without variables: folded text
  ArnMatcher arn;      // Arn family
  std::optional<double> number;
  std::optional<std::int64_t> date;
  std::optional<IpNetwork> network;
  std::optional<std::string> binary;
  std::optional<bool> boolean;  // Bool without variables; Null's "true"/"false"
};

struct CompiledCondition {
  OperatorSpec op;
  Family family = Family::kString;
  bool negated = false;
  KeyRef key;
  std::string key_text;  // as written, for explanations
  std::vector<ConditionValue> values;
};

struct CompiledStatement {
  std::uint32_t index = 0;
  Effect effect = Effect::kAllow;
  std::string sid;
  bool not_action = false;
  ActionSet actions;
  bool has_resource = false;
  bool not_resource = false;
  std::vector<ArnMatcher> resources;
  bool has_principal = false;
  bool not_principal = false;
  std::vector<PrincipalEntry> principals;
  std::vector<CompiledCondition> conditions;
};

class CompiledPolicy {
 public:
  static CompiledPolicy Compile(const Policy& policy, std::string name);

  const std::string& name() const { return name_; }
  PolicyType type() const { return type_; }
  Version version() const { return version_; }
  const std::vector<CompiledStatement>& statements() const { return statements_; }

  // The statements that can apply to an action of `vendor` (lower-cased,
  // hashed with ascii::HashLower), in statement order: those whose Action
  // names that vendor exactly, merged with those that must always be checked
  // (NotAction, "*", a wildcard vendor). Calls `fn(statement)` for each.
  template <class Fn>
  void ForEachCandidate(std::string_view vendor, std::uint64_t hash, Fn&& fn) const {
    const std::vector<std::uint32_t>* bucket = nullptr;
    for (const VendorBucket& b : buckets_) {
      if (b.hash == hash && ascii::Equal(b.vendor, vendor)) {
        bucket = &b.statements;
        break;
      }
    }
    std::size_t i = 0, j = 0;
    const std::size_t n = bucket ? bucket->size() : 0;
    while (i < n || j < always_.size()) {
      std::uint32_t next;
      if (j >= always_.size() || (i < n && (*bucket)[i] < always_[j])) {
        next = (*bucket)[i++];
      } else {
        next = always_[j++];
      }
      fn(statements_[next]);
    }
  }

 private:
  struct VendorBucket {
    std::string vendor;
    std::uint64_t hash;
    std::vector<std::uint32_t> statements;
  };
  void BuildIndex();

  std::vector<VendorBucket> buckets_;
  std::vector<std::uint32_t> always_;

  std::string name_;
  PolicyType type_ = PolicyType::kIdentity;
  Version version_ = Version::kNone;
  std::vector<CompiledStatement> statements_;
};

// Case folding for StringEqualsIgnoreCase: ASCII and Latin-1 letters.
std::string FoldCase(std::string_view s);
bool FoldEquals(std::string_view folded_pattern, std::string_view text);

}  // namespace gatehouse::policy
