// policy/evaluator.cc: statement and condition evaluation.
#include "policy/evaluator.h"

#include <string>

#include "common/ascii.h"
#include "policy/glob.h"

namespace gatehouse::policy {

bool ActionSet::Matches(std::string_view vendor, std::string_view name) const {
  if (any) return true;
  for (const ActionPattern& p : patterns)
    if (p.vendor.Matches(vendor) && p.name.Matches(name)) return true;
  return false;
}

namespace {

// The request value of one condition, converted at most once per family.
class RequestValue {
 public:
  explicit RequestValue(std::string_view text) : text_(text) {}
  std::string_view text() const { return text_; }
  const std::optional<double>& number() {
    if (!number_done_) number_ = ParseNumber(text_), number_done_ = true;
    return number_;
  }
  const std::optional<std::int64_t>& date() {
    if (!date_done_) date_ = ParseDate(text_), date_done_ = true;
    return date_;
  }
  const std::optional<IpNetwork>& network() {
    if (!network_done_) network_ = ParseAddress(text_), network_done_ = true;
    return network_;
  }
  const std::optional<std::string>& binary() {
    if (!binary_done_) binary_ = DecodeBase64(text_), binary_done_ = true;
    return binary_;
  }
  const ArnView& arn() {
    if (!arn_done_) arn_ = ArnView::Of(text_), arn_done_ = true;
    return arn_;
  }

 private:
  std::string_view text_;
  std::optional<double> number_;
  std::optional<std::int64_t> date_;
  std::optional<IpNetwork> network_;
  std::optional<std::string> binary_;
  ArnView arn_;
  bool number_done_ = false, date_done_ = false, network_done_ = false, binary_done_ = false,
       arn_done_ = false;
};

template <class T>
bool Compare(BaseOp op, const T& request, const T& policy) {
  switch (op) {
    case BaseOp::kNumericEquals:
    case BaseOp::kNumericNotEquals:
    case BaseOp::kDateEquals:
    case BaseOp::kDateNotEquals:
      return request == policy;
    case BaseOp::kNumericLessThan:
    case BaseOp::kDateLessThan:
      return request < policy;
    case BaseOp::kNumericLessThanEquals:
    case BaseOp::kDateLessThanEquals:
      return request <= policy;
    case BaseOp::kNumericGreaterThan:
    case BaseOp::kDateGreaterThan:
      return request > policy;
    case BaseOp::kNumericGreaterThanEquals:
    case BaseOp::kDateGreaterThanEquals:
      return request >= policy;
    default:
      return false;
  }
}

std::string Flatten(std::span<const Piece> pieces) {
  std::string s;
  for (const Piece& p : pieces) s.append(p.text);
  return s;
}

// A String-family value that needs resolving (variables or escapes).
bool StringMatchResolved(const ConditionValue& pv, std::string_view value, const RequestContext& ctx, bool like,
                         bool fold) {
  PieceVector pieces;
  if (!Resolve(pv.text, ctx, pieces)) return false;
  if (like) return GlobMatch(pieces.span(), value);
  if (fold) return FoldEquals(FoldCase(Flatten(pieces.span())), value);
  return PiecesEqual(pieces.span(), value);
}

// The positive form of the operator (StringNotLike -> StringLike, ...)
// applied to one policy value. Unresolvable variables never match.
bool PositiveMatch(const CompiledCondition& c, const ConditionValue& pv, RequestValue& rv,
                   const RequestContext& ctx) {
  switch (c.family) {
    case Family::kString:
      return false;  // handled in One()
    case Family::kNumeric: {
      const auto& r = rv.number();
      return r && pv.number && Compare(c.op.base, *r, *pv.number);
    }
    case Family::kDate: {
      const auto& r = rv.date();
      return r && pv.date && Compare(c.op.base, *r, *pv.date);
    }
    case Family::kBool: {
      std::optional<bool> policy_value = pv.boolean;
      if (pv.text.has_variables()) {
        PieceVector pieces;
        if (!Resolve(pv.text, ctx, pieces)) return false;
        policy_value = ParseBool(Flatten(pieces.span()));
      }
      const std::optional<bool> r = ParseBool(rv.text());
      return r && policy_value && *r == *policy_value;
    }
    case Family::kBinary: {
      const auto& r = rv.binary();
      return r && pv.binary && *r == *pv.binary;
    }
    case Family::kIp: {
      const auto& r = rv.network();
      return r && pv.network && Contains(*pv.network, *r);
    }
    case Family::kArn: {
      const ArnView& a = rv.arn();
      return a.valid && pv.arn.Matches(a, ctx);
    }
    case Family::kNull:
      return false;
  }
  return false;
}

// one(v): some policy value matches (positive operators), or none does
// (negated operators: NOR).
bool One(const CompiledCondition& c, std::string_view value, const RequestContext& ctx) {
  if (c.family == Family::kString) {
    // The common family, without the typed-value cache.
    const BaseOp op = c.op.base;
    const bool like = op == BaseOp::kStringLike || op == BaseOp::kStringNotLike;
    const bool fold = op == BaseOp::kStringEqualsIgnoreCase || op == BaseOp::kStringNotEqualsIgnoreCase;
    bool hit = false;
    for (const ConditionValue& pv : c.values) {
      if (!pv.text.has_variables()) {
        if (fold) hit = FoldEquals(pv.folded, value);
        else if (pv.text.is_plain()) hit = like ? pv.like.Matches(value) : ascii::Equal(pv.text.plain(), value);
        else hit = StringMatchResolved(pv, value, ctx, like, fold);
      } else {
        hit = StringMatchResolved(pv, value, ctx, like, fold);
      }
      if (hit) break;
    }
    return c.negated ? !hit : hit;
  }
  RequestValue rv(value);
  bool hit = false;
  for (const ConditionValue& pv : c.values) {
    if (PositiveMatch(c, pv, rv, ctx)) {
      hit = true;
      break;
    }
  }
  return c.negated ? !hit : hit;
}

}  // namespace

bool EvaluateCondition(const CompiledCondition& c, const RequestContext& ctx) {
  const ContextEntry* e = ctx.Find(c.key);
  const bool present = e != nullptr && e->present();
  if (c.family == Family::kNull) {
    if (c.op.set == SetQualifier::kForAllValues) return true;
    if (c.op.set == SetQualifier::kForAnyValue) return false;
    const bool want = !present;  // Null:true <=> the key is absent
    for (const ConditionValue& v : c.values)
      if (v.boolean && *v.boolean == want) return true;
    return false;
  }
  if (c.op.set == SetQualifier::kForAllValues) {
    if (!present) return true;
    for (const std::string& v : e->values)
      if (!One(c, v, ctx)) return false;
    return true;
  }
  if (c.op.set == SetQualifier::kForAnyValue) {
    if (!present) return false;
    for (const std::string& v : e->values)
      if (One(c, v, ctx)) return true;
    return false;
  }
  if (!present) return c.op.if_exists || c.negated;
  if (e->multi) return false;
  return One(c, e->values[0], ctx);
}

StatementMatch EvaluateStatement(const CompiledStatement& st, const EvalInput& in) {
  StatementMatch m;
  if (st.actions.Matches(in.vendor, in.name) == st.not_action) return m;
  if (st.has_resource) {
    bool hit = false;
    for (const ArnMatcher& r : st.resources) {
      if (r.Matches(in.resource, *in.context)) {
        hit = true;
        break;
      }
    }
    if (hit == st.not_resource) return m;
  }
  if (st.has_principal) {
    if (st.not_principal) {
      // A Deny with NotPrincipal always applies to a principal that has a
      // permissions boundary [§1.3].
      const bool boundary_rule = st.effect == Effect::kDeny && in.principal_has_boundary;
      if (!boundary_rule && NotPrincipalExempts(st.principals, *in.principal)) return m;
      m.grant = GrantKind::kAll;
    } else {
      GrantKind best = GrantKind::kNone;
      for (const PrincipalEntry& e : st.principals) {
        const GrantKind g = Match(e, *in.principal);
        if (g > best) best = g;
      }
      if (best == GrantKind::kNone) return m;
      m.grant = best;
    }
  }
  for (const CompiledCondition& c : st.conditions)
    if (!EvaluateCondition(c, *in.context)) return m;
  m.applies = true;
  return m;
}

}  // namespace gatehouse::policy
