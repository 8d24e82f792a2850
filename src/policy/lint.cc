// policy/lint.cc: the reviewer's warnings (see `gatehouse policy validate`).
#include "policy/lint.h"

#include <array>

#include "common/ascii.h"
#include "policy/glob.h"
#include "policy/operators.h"
#include "policy/values.h"

namespace gatehouse::policy {
namespace {

constexpr std::array<std::string_view, 11> kMultiValuedKeys = {
    "aws:tagkeys",         "aws:principalorgpaths",  "aws:resourceorgpaths",       "aws:principalservicenameslist",
    "aws:calledvia",       "sts:transitivetagkeys",  "sts:requestcontextproviders", "sts:identitytokenaudience",
    "ssm:documentcategories", "ssm:documentversion", "ssm:inventorytypename"};

bool IsMultiValued(std::string_view key) {
  const std::string lower = ascii::Lower(key);
  for (std::string_view k : kMultiValuedKeys)
    if (lower == k) return true;
  return false;
}

bool HasVariableSyntax(std::string_view s) { return s.find("${") != std::string_view::npos; }

// A variable without a default: `${key}` rather than `${key, 'x'}`.
bool HasUndefaultedVariable(std::string_view s) {
  for (std::size_t i = s.find("${"); i != std::string_view::npos; i = s.find("${", i + 2)) {
    const std::size_t close = s.find('}', i);
    if (close == std::string_view::npos) return true;
    std::string_view body = s.substr(i + 2, close - i - 2);
    if (body == "*" || body == "?" || body == "$") continue;
    if (body.find(',') == std::string_view::npos) return true;
  }
  return false;
}

bool Covers(const std::vector<Item>& broad, const std::vector<Item>& narrow, bool fold) {
  // Every narrow pattern is matched, as text, by some broad pattern.
  for (const Item& n : narrow) {
    bool covered = false;
    for (const Item& b : broad) {
      if (HasVariableSyntax(b.value)) continue;
      const std::string bp = fold ? ascii::Lower(b.value) : b.value;
      const std::string np = fold ? ascii::Lower(n.value) : n.value;
      if (bp == "*" || GlobMatch(bp, np)) {
        covered = true;
        break;
      }
    }
    if (!covered) return false;
  }
  return true;
}

class Linter {
 public:
  explicit Linter(const Policy& p) : p_(p) {}

  std::vector<Warning> Run() {
    if (p_.version == Version::kNone)
      Warn(p_.pos, "Missing Version: the policy uses the 2008-10-17 language, where ${...} is literal text; add \"Version\": \"2012-10-17\"");
    if (p_.has_id && p_.type == PolicyType::kIdentity)
      Warn(p_.pos, "Id is not used in identity-based policies");
    if (p_.statements.empty()) Warn(p_.pos, "The policy has no statements: it allows and denies nothing");
    if (p_.type == PolicyType::kIdentity && p_.size > 6144)
      Warn(p_.pos, "At " + std::to_string(p_.size) + " non-whitespace characters this policy fits only as an inline role policy (managed policies: 6144)");
    for (std::size_t i = 0; i < p_.statements.size(); ++i) Statement(p_.statements[i], i);
    Unreachable();
    return std::move(out_);
  }

 private:
  void Warn(const json::Position& pos, std::string msg) { out_.push_back(Warning{std::move(msg), pos}); }

  void Statement(const policy::Statement& s, std::size_t index) {
    const std::string where = "Statement " + std::to_string(index) + (s.sid.empty() ? "" : " (" + s.sid + ")");
    if (s.has_sid && s.sid.empty()) Warn(s.pos, where + ": empty Sid");
    if (s.principal.present && s.principal.negated && s.effect == Effect::kAllow)
      Warn(s.principal.pos, where + ": NotPrincipal with Allow grants to everyone not listed, anonymous users included; AWS supports NotPrincipal only with Deny");
    if (p_.type == PolicyType::kTrust && s.effect == Effect::kAllow &&
        (s.principal.wildcard || [&] {
          for (const Item& a : s.principal.aws)
            if (a.value == "*") return true;
          return false;
        }()))
      Warn(s.principal.pos, where + ": \"Principal\": \"*\" in a trust policy lets any AWS principal assume this role unless conditions restrict it");
    if (s.actions.empty()) Warn(s.pos, where + ": empty " + std::string(s.not_action ? "NotAction" : "Action") + " list");
    if (s.has_resource && s.resources.empty()) Warn(s.pos, where + ": empty " + std::string(s.not_resource ? "NotResource" : "Resource") + " list");
    for (const Item& a : s.actions) {
      const std::size_t colon = a.value.find(':');
      if (colon != std::string::npos && HasWildcard(a.value.substr(0, colon)))
        Warn(a.pos, where + ": wildcard in the service name of action \"" + a.value + "\"");
    }
    for (const Item& r : s.resources) {
      if (HasVariableSyntax(r.value) && p_.version != Version::k2012)
        Warn(r.pos, where + ": \"" + r.value + "\" contains ${...} but Version is not 2012-10-17, so it is literal text");
      const std::size_t fifth = NthColon(r.value, 5);
      if (p_.version == Version::k2012 && fifth != std::string::npos && r.value.find("${") < fifth)
        Warn(r.pos, where + ": a policy variable outside the resource part of an ARN");
    }
    for (const ConditionClause& c : s.conditions) Condition(c, s, where);
  }

  static std::size_t NthColon(std::string_view s, int n) {
    std::size_t pos = std::string_view::npos;
    for (int i = 0; i < n; ++i) {
      pos = s.find(':', pos == std::string_view::npos ? 0 : pos + 1);
      if (pos == std::string_view::npos) return pos;
    }
    return pos;
  }

  void Condition(const ConditionClause& c, const policy::Statement& s, const std::string& where) {
    const BaseOp base = c.op.base;
    const std::string canonical =
        std::string(c.op.set == SetQualifier::kForAllValues ? "ForAllValues:" : c.op.set == SetQualifier::kForAnyValue ? "ForAnyValue:" : "") +
        std::string(CanonicalName(base)) + (c.op.if_exists ? "IfExists" : "");
    const std::string at = where + ", " + c.operator_text + " " + c.key;
    if (c.operator_text != canonical) Warn(c.key_pos, at + ": operator spelled \"" + c.operator_text + "\", canonical \"" + canonical + "\"");
    if (c.op.set == SetQualifier::kForAllValues && s.effect == Effect::kAllow && base != BaseOp::kNull)
      Warn(c.key_pos, at + ": ForAllValues with Allow also matches when the key is absent or empty; add a Null condition with \"false\" on the key");
    if (c.op.set != SetQualifier::kNone && base == BaseOp::kNull)
      Warn(c.key_pos, at + ": Null with a set qualifier is always " + std::string(c.op.set == SetQualifier::kForAllValues ? "true" : "false"));
    if (c.op.set == SetQualifier::kForAnyValue && c.op.if_exists)
      Warn(c.key_pos, at + ": IfExists does not make ForAnyValue true for an absent key");
    const bool multi = IsMultiValued(c.key);
    if (multi && c.op.set == SetQualifier::kNone && base != BaseOp::kNull)
      Warn(c.key_pos, at + ": " + c.key + " is multi-valued; without ForAllValues/ForAnyValue this condition never matches when the key is present");
    if (!multi && c.op.set != SetQualifier::kNone && base != BaseOp::kNull)
      Warn(c.key_pos, at + ": " + c.key + " is single-valued; a set qualifier treats it as a one-element set (ForAllValues also matches when it is absent)");
    if (IsNegated(base)) {
      for (const Item& v : c.values)
        if (p_.version == Version::k2012 && AcceptsVariables(base) && HasUndefaultedVariable(v.value))
          Warn(v.pos, at + ": negated operator with variable \"" + v.value + "\": when the variable's key is unset the condition matches" + (s.effect == Effect::kDeny ? " (the Deny applies)" : ""));
    }
    if (c.values.empty()) Warn(c.key_pos, at + ": empty value list");
    if (base == BaseOp::kBool && c.values.size() > 1) Warn(c.key_pos, at + ": Bool with several values");
    const Family f = FamilyOf(base);
    for (const Item& v : c.values) {
      if (HasVariableSyntax(v.value) && p_.version != Version::k2012 && (f == Family::kString || f == Family::kArn))
        Warn(v.pos, at + ": \"" + v.value + "\" contains ${...} but Version is not 2012-10-17, so it is literal text");
      if (HasVariableSyntax(v.value) && !AcceptsVariables(base) && p_.version == Version::k2012)
        Warn(v.pos, at + ": policy variables are not substituted in " + std::string(CanonicalName(base)) + " values");
      if (base == BaseOp::kBool && HasVariableSyntax(v.value))
        Warn(v.pos, at + ": AWS documents policy variables only for String and ARN operators");
      if ((base == BaseOp::kStringEquals || base == BaseOp::kStringNotEquals) && HasWildcard(v.value))
        Warn(v.pos, at + ": \"" + v.value + "\" contains a wildcard, which " + std::string(CanonicalName(base)) + " treats literally; use StringLike");
      bool bad = false;
      switch (f) {
        case Family::kNumeric: bad = !ParseNumber(v.value); break;
        case Family::kDate: bad = !ParseDate(v.value); break;
        case Family::kIp: bad = !ParseNetwork(v.value); break;
        case Family::kBinary: bad = !DecodeBase64(v.value); break;
        case Family::kNull: bad = !ParseBool(v.value); break;
        case Family::kBool: bad = !HasVariableSyntax(v.value) && !ParseBool(v.value); break;
        default: break;
      }
      if (bad) Warn(v.pos, at + ": \"" + v.value + "\" is not a valid " + std::string(CanonicalName(base)) + " value; it never matches");
    }
  }

  // An Allow covered by an unconditional Deny of at least its actions and
  // resources can never take effect.
  void Unreachable() {
    for (std::size_t i = 0; i < p_.statements.size(); ++i) {
      const policy::Statement& a = p_.statements[i];
      if (a.effect != Effect::kAllow || a.not_action || a.not_resource) continue;
      for (std::size_t j = 0; j < p_.statements.size(); ++j) {
        const policy::Statement& d = p_.statements[j];
        if (d.effect != Effect::kDeny || !d.conditions.empty() || d.not_action || d.not_resource || d.principal.present) continue;
        if (!Covers(d.actions, a.actions, true)) continue;
        if (a.has_resource && !Covers(d.resources, a.resources, false)) continue;
        Warn(a.pos, "Statement " + std::to_string(i) + " is unreachable: statement " + std::to_string(j) + " denies all of its actions and resources unconditionally");
        break;
      }
    }
  }

  const Policy& p_;
  std::vector<Warning> out_;
};

}  // namespace

std::vector<Warning> Lint(const Policy& policy) { return Linter(policy).Run(); }

}  // namespace gatehouse::policy
