// policy/parser.cc: the grammar of IAM policy documents and its per-type
// rules. Each check fails closed with AWS's error code and a message that
// names the element and the rule.
#include "policy/parser.h"

#include <string>
#include <unordered_set>
#include <utility>

#include "common/ascii.h"
#include "common/utf8.h"
#include "policy/principal.h"
#include "policy/template.h"

namespace gatehouse::policy {
namespace {

using json::Position;
using json::Value;

constexpr std::string_view kStatementElements[] = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
    "NotResource", "Condition"};
constexpr std::string_view kTopElements[] = {"Version", "Id", "Statement"};

Error Malformed(std::string message, const Position& pos) {
  return MakeError(std::string(kMalformedPolicyDocument), std::move(message), pos.line, pos.column);
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out.append(s);
  out += '"';
  return out;
}

template <std::size_t N>
Error UnknownElement(std::string_view name, const std::string_view (&known)[N], std::string_view where,
                     const Position& pos) {
  std::string msg = "Syntax errors in policy: unknown element " + Quote(name) + " in " +
                    std::string(where);
  for (std::string_view k : known) {
    if (ascii::EqualsIgnoreCase(k, name)) {
      msg += " (element names are case-sensitive: did you mean " + Quote(k) + "?)";
      break;
    }
  }
  return Malformed(std::move(msg), pos);
}

class Parser {
 public:
  Parser(PolicyType type, bool raw_is_source) : type_(type), rules_(RulesFor(type)), raw_is_source_(raw_is_source) {}

  Result<Policy> Run(const Value& doc, std::string_view raw, bool keys_checked) {
    if (Status s = CheckText(doc, raw); !s.ok()) return s.error();
    if (const json::Member* dup = keys_checked ? nullptr : json::FindDuplicateKey(doc, true))
      return Malformed("Syntax errors in policy: duplicate key " + Quote(dup->key), dup->key_pos);
    if (!doc.is_object())
      return Malformed("Syntax errors in policy: a policy must be a JSON object, found " +
                           std::string(json::TypeName(doc.type)),
                       doc.pos);
    policy_.type = type_;
    policy_.pos = doc.pos;
    const Value* statement = nullptr;
    for (const json::Member& m : doc.members) {
      if (m.key == "Version") {
        if (Status s = ParseVersion(m.value); !s.ok()) return s.error();
      } else if (m.key == "Id") {
        if (!m.value.is_string())
          return Malformed("Syntax errors in policy: Id must be a string", m.value.pos);
        policy_.has_id = true;
      } else if (m.key == "Statement") {
        statement = &m.value;
      } else {
        return UnknownElement(m.key, kTopElements, "the policy", m.key_pos);
      }
    }
    if (statement == nullptr)
      return Malformed("Syntax errors in policy: missing required element \"Statement\"", doc.pos);
    if (statement->is_object()) {
      policy_.statement_is_object = true;
      if (Status s = ParseStatement(*statement); !s.ok()) return s.error();
    } else if (statement->is_array()) {
      for (const Value& st : statement->elements) {
        if (!st.is_object())
          return Malformed("Syntax errors in policy: each statement must be a JSON object, found " +
                               std::string(json::TypeName(st.type)),
                           st.pos);
        if (Status s = ParseStatement(st); !s.ok()) return s.error();
      }
    } else {
      return Malformed("Syntax errors in policy: Statement must be an object or an array of objects",
                       statement->pos);
    }
    return std::move(policy_);
  }

 private:
  // Character set (TAB, LF, CR, U+0020-U+00FF) and the size limit.
  Status CheckText(const Value& doc, std::string_view raw) {
    std::size_t counted = 0;
    for (std::size_t i = 0; i < raw.size();) {
      const auto b = static_cast<unsigned char>(raw[i]);
      if (b >= 0x21 && b < 0x7F) {  // printable ASCII, not a space: the common case
        ++counted;
        ++i;
        continue;
      }
      std::size_t len = 1;
      const std::int32_t cp = utf8::Decode(raw, i, len);
      const bool ok = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF);
      if (!ok) {
        Position p = raw_is_source_ ? json::PositionAt(raw, i, json::ParseOptions{doc.pos.line, doc.pos.column})
                                    : doc.pos;
        return Malformed(cp < 0 ? std::string("Policy text is not valid UTF-8")
                                : "Policy contains a character outside the allowed set (TAB, LF, "
                                  "CR and U+0020 to U+00FF)",
                         p);
      }
      const bool ws = cp == 0x09 || cp == 0x0A || cp == 0x0D || cp == 0x20;
      if (rules_.whitespace_counts || !ws) ++counted;
      i += len;
    }
    policy_.size = counted;
    if (counted > rules_.size_limit) {
      return MakeError(std::string(kLimitExceeded),
                       "Cannot exceed quota for PolicySize: " + std::to_string(rules_.size_limit) +
                           " (this " + std::string(Name(type_)) + " policy has " +
                           std::to_string(counted) +
                           (rules_.whitespace_counts ? " characters)" : " non-whitespace characters)"),
                       doc.pos.line, doc.pos.column);
    }
    return Status::Ok();
  }

  Status ParseVersion(const Value& v) {
    if (v.is_string() && v.text == "2012-10-17") {
      policy_.version = Version::k2012;
    } else if (v.is_string() && v.text == "2008-10-17") {
      policy_.version = Version::k2008;
    } else {
      return Malformed(
          "The policy must contain a valid version string (\"2012-10-17\" or \"2008-10-17\")", v.pos);
    }
    return Status::Ok();
  }

  Status StringList(const Value& v, std::string_view element, std::vector<Item>& out) {
    if (v.is_string()) {
      out.push_back(Item{std::string(v.text), v.pos});
      return Status::Ok();
    }
    if (!v.is_array())
      return Malformed("Syntax errors in policy: " + std::string(element) +
                           " must be a string or an array of strings, found " +
                           std::string(json::TypeName(v.type)),
                       v.pos);
    for (const Value& e : v.elements) {
      if (!e.is_string())
        return Malformed("Syntax errors in policy: every " + std::string(element) +
                             " entry must be a string, found " + std::string(json::TypeName(e.type)),
                         e.pos);
      out.push_back(Item{std::string(e.text), e.pos});
    }
    return Status::Ok();
  }

  Status ParseStatement(const Value& st) {
    Statement s;
    s.pos = st.pos;
    const json::Member* effect = nullptr;
    const json::Member* action = nullptr;
    const json::Member* not_action = nullptr;
    const json::Member* resource = nullptr;
    const json::Member* not_resource = nullptr;
    const json::Member* principal = nullptr;
    const json::Member* not_principal = nullptr;
    const json::Member* condition = nullptr;
    for (const json::Member& m : st.members) {
      if (m.key == "Sid") {
        if (Status r = ParseSid(m.value, s); !r.ok()) return r;
      } else if (m.key == "Effect") {
        effect = &m;
      } else if (m.key == "Action") {
        action = &m;
      } else if (m.key == "NotAction") {
        not_action = &m;
      } else if (m.key == "Resource") {
        resource = &m;
      } else if (m.key == "NotResource") {
        not_resource = &m;
      } else if (m.key == "Principal") {
        principal = &m;
      } else if (m.key == "NotPrincipal") {
        not_principal = &m;
      } else if (m.key == "Condition") {
        condition = &m;
      } else {
        return UnknownElement(m.key, kStatementElements, "a statement", m.key_pos);
      }
    }
    // Effect
    if (effect == nullptr)
      return Malformed("Syntax errors in policy: missing required field Effect", st.pos);
    if (!effect->value.is_string() || (effect->value.text != "Allow" && effect->value.text != "Deny")) {
      std::string found = effect->value.is_string() ? Quote(effect->value.text)
                                                    : std::string(json::TypeName(effect->value.type));
      return Malformed("Invalid effect " + found + ": Effect must be \"Allow\" or \"Deny\" (case-sensitive)",
                       effect->value.pos);
    }
    s.effect = effect->value.text == "Allow" ? Effect::kAllow : Effect::kDeny;

    // Principal / NotPrincipal
    if (principal && not_principal)
      return Malformed("Syntax errors in policy: a statement cannot contain both Principal and NotPrincipal",
                       not_principal->key_pos);
    const json::Member* pm = principal ? principal : not_principal;
    if (pm != nullptr) {
      if (rules_.principal_forbidden)
        return Malformed("Policy document should not specify a principal.", pm->key_pos);
      if (not_principal && !rules_.not_principal_allowed)
        return Malformed("Syntax errors in policy: NotPrincipal is not supported in " +
                             std::string(Name(type_)) + " policies",
                         not_principal->key_pos);
      if (Status r = ParsePrincipal(pm->value, not_principal != nullptr, s.principal); !r.ok()) return r;
    } else if (rules_.principal_required) {
      return Malformed("Missing required field Principal", st.pos);
    }

    // Action / NotAction
    if (action && not_action)
      return Malformed("Syntax errors in policy: a statement cannot contain both Action and NotAction",
                       not_action->key_pos);
    const json::Member* am = action ? action : not_action;
    if (am == nullptr) return Malformed("Policy statement must contain actions.", st.pos);
    s.not_action = not_action != nullptr;
    if (Status r = StringList(am->value, am->key, s.actions); !r.ok()) return r;
    for (const Item& a : s.actions)
      if (Status r = CheckAction(a); !r.ok()) return r;

    // Resource / NotResource
    if (resource && not_resource)
      return Malformed("Syntax errors in policy: a statement cannot contain both Resource and NotResource",
                       not_resource->key_pos);
    const json::Member* rm = resource ? resource : not_resource;
    if (rules_.resource_forbidden) {
      if (rm != nullptr) return Malformed("Has prohibited field " + std::string(rm->key), rm->key_pos);
    } else {
      if (rm == nullptr) return Malformed("Policy statement must contain resources.", st.pos);
      s.has_resource = true;
      s.not_resource = not_resource != nullptr;
      if (Status r = StringList(rm->value, rm->key, s.resources); !r.ok()) return r;
      for (const Item& r : s.resources)
        if (Status c = CheckResource(r); !c.ok()) return c;
    }

    // Condition
    if (condition != nullptr)
      if (Status r = ParseCondition(condition->value, s); !r.ok()) return r;

    // RCP: customer RCPs only deny; Allow exists only as RCPFullAWSAccess.
    if (type_ == PolicyType::kRcp && s.effect == Effect::kAllow && !IsFullAccessShape(s))
      return Malformed(
          "Resource control policies support Allow only as RCPFullAWSAccess (Allow \"*\" on \"*\" for "
          "Principal \"*\" without conditions); write customer RCPs with Deny",
          effect->value.pos);

    policy_.statements.push_back(std::move(s));
    return Status::Ok();
  }

  static bool IsFullAccessShape(const Statement& s) {
    return !s.not_action && s.actions.size() == 1 && s.actions[0].value == "*" && !s.not_resource &&
           s.resources.size() == 1 && s.resources[0].value == "*" && s.conditions.empty();
  }

  Status ParseSid(const Value& v, Statement& s) {
    if (!v.is_string()) return Malformed("Syntax errors in policy: Sid must be a string", v.pos);
    if (rules_.sid_alphanumeric) {
      for (char c : v.text) {
        if (!ascii::IsAlnum(c))
          return Malformed(
              "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
              "expression [0-9A-Za-z]*",
              v.pos);
      }
    }
    if (!v.text.empty() && !sids_.insert(std::string(v.text)).second)
      return Malformed("Statement IDs (SID) in a single policy must be unique.", v.pos);
    s.sid = std::string(v.text);
    s.has_sid = true;
    return Status::Ok();
  }

  Status CheckAction(const Item& a) {
    if (a.value == "*") return Status::Ok();
    const std::size_t colon = a.value.find(':');
    if (colon == std::string::npos || colon == 0)
      return Malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (action " +
                           Quote(a.value) + ")",
                       a.pos);
    if (a.value.find(':', colon + 1) != std::string::npos)
      return Malformed("Actions/Condition can contain only one colon. (action " + Quote(a.value) + ")",
                       a.pos);
    if (colon + 1 == a.value.size())
      return Malformed("Syntax errors in policy: action " + Quote(a.value) + " has no action name", a.pos);
    return Status::Ok();
  }

  Status CheckResource(const Item& r) {
    if (r.value == "*") return Status::Ok();
    if (!ascii::StartsWithIgnoreCase(r.value, "arn:"))
      return Malformed("Resource " + r.value + " must be in ARN format or \"*\".", r.pos);
    // Variables are substituted in the resource part only (after the fifth
    // colon); elsewhere "${" is literal text.
    std::size_t colon = 0;
    for (int i = 0; i < 5 && colon != std::string::npos; ++i) colon = r.value.find(':', i == 0 ? 0 : colon + 1);
    if (colon == std::string::npos) return Status::Ok();
    return CheckTemplate(std::string_view(r.value).substr(colon + 1), r.pos, policy_.variables_enabled());
  }

  Status CheckTemplate(std::string_view text, const Position& pos, bool enabled) {
    if (!enabled || text.find('$') == std::string_view::npos) return Status::Ok();
    Result<Template> t = Template::Parse(text, enabled);
    if (t.ok()) return Status::Ok();
    // Template errors carry the offset of the `$` in `column`.
    return Malformed(t.error().message + " in " + Quote(text), pos);
  }

  Status ParsePrincipal(const Value& v, bool negated, PrincipalBlock& out) {
    out.present = true;
    out.negated = negated;
    out.pos = v.pos;
    if (v.is_string()) {
      if (v.text != "*")
        return Malformed("Invalid principal in policy: " + Quote(v.text) +
                             " (a principal must be \"*\" or an object such as {\"AWS\": \"...\"})",
                         v.pos);
      out.wildcard = true;
      return Status::Ok();
    }
    if (rules_.principal_star_only)
      return Malformed("Resource control policies support only \"Principal\": \"*\"", v.pos);
    if (!v.is_object())
      return Malformed("Invalid principal in policy: Principal must be \"*\" or an object, found " +
                           std::string(json::TypeName(v.type)),
                       v.pos);
    for (const json::Member& m : v.members) {
      std::vector<Item>* list = nullptr;
      if (m.key == "AWS") list = &out.aws;
      else if (m.key == "Service") list = &out.service;
      else if (m.key == "Federated") list = &out.federated;
      else if (m.key == "CanonicalUser") list = &out.canonical_user;
      else
        return Malformed("Invalid principal in policy: unknown principal type " + Quote(m.key) +
                             " (expected AWS, Service, Federated or CanonicalUser)",
                         m.key_pos);
      const std::size_t first = list->size();
      if (Status r = StringList(m.value, m.key, *list); !r.ok()) return r;
      for (std::size_t i = first; i < list->size(); ++i) {
        const Item& item = (*list)[i];
        std::string why;
        if (!ValidPrincipalValue(m.key, item.value, why))
          return Malformed("Invalid principal in policy: \"" + std::string(m.key) + "\":" + Quote(item.value) +
                               (why.empty() ? "" : " (" + why + ")"),
                           item.pos);
      }
    }
    return Status::Ok();
  }

  Status ParseCondition(const Value& v, Statement& s) {
    if (!v.is_object())
      return Malformed("Syntax errors in policy: Condition must be an object, found " +
                           std::string(json::TypeName(v.type)),
                       v.pos);
    for (const json::Member& opm : v.members) {
      std::optional<OperatorSpec> op = ParseOperator(opm.key);
      if (!op) return Malformed("Invalid Condition type : " + std::string(opm.key), opm.key_pos);
      if (!opm.value.is_object())
        return Malformed("Syntax errors in policy: condition operator " + std::string(opm.key) +
                             " must map to an object of condition keys",
                         opm.value.pos);
      for (const json::Member& km : opm.value.members) {
        const std::size_t colon = km.key.find(':');
        if (colon == std::string::npos || colon == 0)
          return Malformed(
              "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (condition key " +
                  Quote(km.key) + ")",
              km.key_pos);
        ConditionClause c;
        c.operator_text = opm.key;
        c.op = *op;
        c.key = km.key;
        c.key_pos = km.key_pos;
        if (Status r = ConditionValues(km.value, c); !r.ok()) return r;
        if (AcceptsVariables(op->base)) {
          for (const Item& item : c.values)
            if (Status r = CheckTemplate(item.value, item.pos, policy_.variables_enabled()); !r.ok())
              return r;
        }
        s.conditions.push_back(std::move(c));
      }
    }
    return Status::Ok();
  }

  Status ConditionValue(const Value& v, ConditionClause& c) {
    switch (v.type) {
      case json::Type::kString:
      case json::Type::kNumber:
        c.values.push_back(Item{std::string(v.text), v.pos});
        return Status::Ok();
      case json::Type::kBool:
        c.values.push_back(Item{v.boolean ? "true" : "false", v.pos});
        return Status::Ok();
      default:
        return Malformed("Syntax errors in policy: condition value for " + Quote(c.key) +
                             " must be a string, number or boolean, found " +
                             std::string(json::TypeName(v.type)),
                         v.pos);
    }
  }

  Status ConditionValues(const Value& v, ConditionClause& c) {
    if (!v.is_array()) return ConditionValue(v, c);
    c.values_array = true;
    for (const Value& e : v.elements)
      if (Status r = ConditionValue(e, c); !r.ok()) return r;
    return Status::Ok();
  }

  PolicyType type_;
  const TypeRules& rules_;
  bool raw_is_source_;
  Policy policy_;
  std::unordered_set<std::string> sids_;
};

}  // namespace

Result<Policy> ParsePolicyValue(const json::Value& doc, std::string_view raw_text, PolicyType type,
                                bool keys_checked, bool raw_is_source) {
  return Parser(type, raw_is_source).Run(doc, raw_text, keys_checked);
}

Result<Policy> ParsePolicyText(std::string_view text, PolicyType type, const json::ParseOptions& options) {
  json::ParseOptions o = options;
  o.allow_duplicate_keys = false;
  o.validate_utf8 = false;  // CheckText validates the raw text, with a precise position
  Result<json::Document> doc = json::Parse(text, o);
  if (!doc.ok()) {
    const Error& e = doc.error();
    return MakeError(std::string(kMalformedPolicyDocument), "Syntax errors in policy: " + e.message,
                     e.line, e.column);
  }
  // The raw text of the document is the whole input minus surrounding
  // whitespace, which is what AWS receives.
  std::string_view raw = text.substr(doc->pos.offset, doc->end_offset - doc->pos.offset);
  return ParsePolicyValue(*doc, raw, type, /*keys_checked=*/true);
}

}  // namespace gatehouse::policy
