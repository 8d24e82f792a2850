// policy/compiler.cc: policy::Policy -> CompiledPolicy.
#include <utility>

#include "common/ascii.h"
#include "policy/compiled.h"

namespace gatehouse::policy {
namespace {

ActionSet CompileActions(const std::vector<Item>& items) {
  ActionSet set;
  for (const Item& item : items) {
    if (item.value == "*") {
      set.any = true;
      continue;
    }
    const std::size_t colon = item.value.find(':');
    ActionPattern p;
    p.vendor = GlobPattern(ascii::Lower(std::string_view(item.value).substr(0, colon)));
    p.name = GlobPattern(ascii::Lower(std::string_view(item.value).substr(colon + 1)));
    set.patterns.push_back(std::move(p));
  }
  return set;
}

Template ParseTemplateOrText(std::string_view s, bool variables) {
  // The parser has already validated the syntax; a failure here would be a
  // parser bug, and treating the text literally keeps it from matching more.
  Result<Template> t = Template::Parse(s, variables);
  return t.ok() ? std::move(t).value() : Template::Text(s);
}

ConditionValue CompileValue(const CompiledCondition& c, const Item& item, bool variables) {
  ConditionValue v;
  const std::string& s = item.value;
  switch (c.family) {
    case Family::kString:
      v.text = ParseTemplateOrText(s, variables);
      if (v.text.is_plain()) v.like = GlobPattern(v.text.plain());
      if (!v.text.has_variables() && (c.op.base == BaseOp::kStringEqualsIgnoreCase ||
                                      c.op.base == BaseOp::kStringNotEqualsIgnoreCase)) {
        std::string flat;
        for (const TemplatePart& part : v.text.parts()) flat += part.text;
        v.folded = FoldCase(flat);
      }
      break;
    case Family::kArn:
      v.text = ParseTemplateOrText(s, variables);
      v.arn = ArnMatcher::CompileCondition(v.text);
      break;
    case Family::kBool:
      v.text = ParseTemplateOrText(s, variables);
      if (!v.text.has_variables()) v.boolean = ParseBool(s);
      break;
    case Family::kNumeric:
      v.number = ParseNumber(s);
      break;
    case Family::kDate:
      v.date = ParseDate(s);
      break;
    case Family::kIp:
      v.network = ParseNetwork(s);
      break;
    case Family::kBinary:
      v.binary = DecodeBase64(s);
      break;
    case Family::kNull:
      v.boolean = ParseBool(s);
      break;
  }
  return v;
}

}  // namespace

CompiledPolicy CompiledPolicy::Compile(const Policy& policy, std::string name) {
  CompiledPolicy out;
  out.name_ = std::move(name);
  out.type_ = policy.type;
  out.version_ = policy.version;
  const bool variables = policy.variables_enabled();
  std::uint32_t index = 0;
  for (const Statement& st : policy.statements) {
    CompiledStatement cs;
    cs.index = index++;
    cs.effect = st.effect;
    cs.sid = st.sid;
    cs.not_action = st.not_action;
    cs.actions = CompileActions(st.actions);
    cs.has_resource = st.has_resource;
    cs.not_resource = st.not_resource;
    for (const Item& r : st.resources)
      cs.resources.push_back(ArnMatcher::CompileResource(r.value, variables));
    cs.has_principal = st.principal.present;
    cs.not_principal = st.principal.negated;
    if (st.principal.wildcard) cs.principals.push_back(ClassifyPrincipal("AWS", "*"));
    for (const Item& p : st.principal.aws) cs.principals.push_back(ClassifyPrincipal("AWS", p.value));
    for (const Item& p : st.principal.service) cs.principals.push_back(ClassifyPrincipal("Service", p.value));
    for (const Item& p : st.principal.federated)
      cs.principals.push_back(ClassifyPrincipal("Federated", p.value));
    for (const Item& p : st.principal.canonical_user)
      cs.principals.push_back(ClassifyPrincipal("CanonicalUser", p.value));
    for (const ConditionClause& clause : st.conditions) {
      CompiledCondition c;
      c.op = clause.op;
      c.family = FamilyOf(clause.op.base);
      c.negated = IsNegated(clause.op.base);
      c.key = KeyRef::Of(clause.key);
      c.key_text = clause.key;
      for (const Item& item : clause.values)
        c.values.push_back(CompileValue(c, item, variables && AcceptsVariables(clause.op.base)));
      cs.conditions.push_back(std::move(c));
    }
    out.statements_.push_back(std::move(cs));
  }
  out.BuildIndex();
  return out;
}

void CompiledPolicy::BuildIndex() {
  for (const CompiledStatement& st : statements_) {
    bool always = st.not_action || st.actions.any;
    for (const ActionPattern& p : st.actions.patterns)
      if (p.vendor.kind() != GlobPattern::Kind::kExact) always = true;
    if (always) {
      always_.push_back(st.index);
      continue;
    }
    for (const ActionPattern& p : st.actions.patterns) {
      const std::string& vendor = p.vendor.text();
      const std::uint64_t hash = ascii::HashLower(vendor);
      VendorBucket* bucket = nullptr;
      for (VendorBucket& b : buckets_)
        if (b.hash == hash && b.vendor == vendor) bucket = &b;
      if (bucket == nullptr) bucket = &buckets_.emplace_back(VendorBucket{vendor, hash, {}});
      if (bucket->statements.empty() || bucket->statements.back() != st.index) bucket->statements.push_back(st.index);
    }
  }
}

std::string FoldCase(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b >= 'A' && b <= 'Z') {
      out[i] = static_cast<char>(b + 32);
    } else if (b == 0xC3 && i + 1 < out.size()) {
      // U+00C0..U+00DE (except U+00D7 multiplication sign) -> +0x20.
      const auto c = static_cast<unsigned char>(out[i + 1]);
      if (c >= 0x80 && c <= 0x9E && c != 0x97) out[i + 1] = static_cast<char>(c + 0x20);
      ++i;
    }
  }
  return out;
}

bool FoldEquals(std::string_view folded_pattern, std::string_view text) {
  if (folded_pattern.size() != text.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b + 32);
    if (static_cast<unsigned char>(folded_pattern[i]) != b) return false;
    if (b == 0xC3 && i + 1 < text.size()) {
      auto c = static_cast<unsigned char>(text[i + 1]);
      if (c >= 0x80 && c <= 0x9E && c != 0x97) c = static_cast<unsigned char>(c + 0x20);
      if (static_cast<unsigned char>(folded_pattern[i + 1]) != c) return false;
      ++i;
    }
  }
  return true;
}

}  // namespace gatehouse::policy
