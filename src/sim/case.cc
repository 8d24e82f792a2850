// sim/case.cc: reading a case object into compiled policies and a request.
#include "sim/case.h"

#include <utility>

#include "common/ascii.h"
#include "json/parse.h"
#include "policy/parser.h"

namespace gatehouse::sim {

using json::Value;
using policy::PolicyType;

namespace {

CaseError Invalid(std::string message, const json::Position& pos, std::string policy = {}) {
  return CaseError{MakeError(std::string(kInvalidInput), std::move(message), pos.line, pos.column),
                   std::move(policy)};
}

std::string TypeOf(const Value& v) { return std::string(json::TypeName(v.type)); }

}  // namespace

class CaseBuilder {
 public:
  CaseBuilder(std::string_view source, PreparedCase& out) : source_(source), out_(out) {}

  std::optional<CaseError> Build(const Value& doc, std::optional<std::string>& name) {
    if (!doc.is_object()) return Invalid("a case must be a JSON object, found " + TypeOf(doc), doc.pos);
    if (const Value* n = doc.Find("name")) {
      if (!n->is_string()) return Invalid("\"name\" must be a string", n->pos);
      name = std::string(n->text);
    }
    if (const json::Member* dup = json::FindDuplicateKey(doc, true, "document"))
      return Invalid("duplicate key \"" + std::string(dup->key) + "\"", dup->key_pos);
    const Value* policies = nullptr;
    const Value* request = nullptr;
    for (const json::Member& m : doc.members) {
      if (m.key == "policies") policies = &m.value;
      else if (m.key == "request") request = &m.value;
      else if (m.key != "name" && m.key != "expected" && m.key != "note")
        return Invalid("unknown field \"" + std::string(m.key) + "\" in a case (known: name, policies, request)", m.key_pos);
    }
    if (request == nullptr) return Invalid("a case needs a \"request\"", doc.pos);
    // The request first: the resource decides how the resource policy parses.
    if (auto e = BuildRequest(*request)) return e;
    if (policies != nullptr)
      if (auto e = BuildPolicies(*policies)) return e;
    out_.prepared_.emplace(std::move(out_.request_));
    return std::nullopt;
  }

 private:
  // ---- policies ----
  std::optional<CaseError> Compile(const Value& ref, PolicyType type, const std::string& default_name,
                                   const policy::CompiledPolicy*& out) {
    if (!ref.is_object())
      return Invalid("a policy must be an object {\"name\": ..., \"document\": ...}, found " + TypeOf(ref),
                     ref.pos, default_name);
    std::string name = default_name;
    if (const Value* n = ref.Find("name")) {
      if (!n->is_string()) return Invalid("a policy's \"name\" must be a string", n->pos, default_name);
      name = std::string(n->text);
    }
    const Value* document = nullptr;
    for (const json::Member& m : ref.members) {
      if (m.key == "name") {
        continue;
      } else if (m.key == "document") {
        document = &m.value;
      } else {
        return Invalid("unknown field \"" + std::string(m.key) + "\" in a policy (known: name, document)", m.key_pos, name);
      }
    }
    if (document == nullptr) return Invalid("policy \"" + name + "\" has no \"document\"", ref.pos, name);
    Result<policy::Policy> parsed = [&]() -> Result<policy::Policy> {
      if (document->is_string()) return policy::ParsePolicyText(document->text, type);
      if (document->is_object()) {
        std::string_view raw =
            source_.substr(document->pos.offset, document->end_offset - document->pos.offset);
        return policy::ParsePolicyValue(*document, raw, type);
      }
      return MakeError(std::string(policy::kMalformedPolicyDocument),
                       "a policy document must be a JSON object or a string holding one, found " +
                           TypeOf(*document),
                       document->pos.line, document->pos.column);
    }();
    if (!parsed.ok()) return CaseError{parsed.error(), name};
    out_.storage_.push_back(policy::CompiledPolicy::Compile(*parsed, name));
    out = &out_.storage_.back();
    return std::nullopt;
  }

  std::optional<CaseError> CompileList(const Value& v, PolicyType type, const std::string& slot,
                                       std::vector<const policy::CompiledPolicy*>& out) {
    if (!v.is_array()) return Invalid("\"" + slot + "\" must be an array of policies", v.pos);
    for (std::size_t i = 0; i < v.elements.size(); ++i) {
      const policy::CompiledPolicy* p = nullptr;
      if (auto e = Compile(v.elements[i], type, slot + "[" + std::to_string(i) + "]", p)) return e;
      out.push_back(p);
    }
    return std::nullopt;
  }

  std::optional<CaseError> CompileLevels(const Value& v, PolicyType type, const std::string& slot,
                                         std::vector<std::vector<const policy::CompiledPolicy*>>& out) {
    if (!v.is_array())
      return Invalid("\"" + slot + "\" must be an array of levels, each an array of policies", v.pos);
    // An organization is at most root, five OU levels and the account.
    if (v.elements.size() > 16)
      return Invalid("\"" + slot + "\" has " + std::to_string(v.elements.size()) +
                         " levels; an organization has at most 7 (root, 5 OUs, account)",
                     v.pos);
    for (std::size_t l = 0; l < v.elements.size(); ++l) {
      out.emplace_back();
      if (auto e = CompileList(v.elements[l], type, slot + "[" + std::to_string(l) + "]", out.back())) return e;
    }
    return std::nullopt;
  }

  std::optional<CaseError> BuildPolicies(const Value& v) {
    if (!v.is_object()) return Invalid("\"policies\" must be an object", v.pos);
    policy::PolicySet& set = out_.set_;
    for (const json::Member& m : v.members) {
      const Value& val = m.value;
      if (m.key == "identity") {
        if (auto e = CompileList(val, PolicyType::kIdentity, "identity", set.identity)) return e;
      } else if (m.key == "resource") {
        if (auto e = Compile(val, ResourcePolicyType(), "resource", set.resource)) return e;
      } else if (m.key == "boundary") {
        if (auto e = Compile(val, PolicyType::kBoundary, "boundary", set.boundary)) return e;
      } else if (m.key == "session") {
        if (auto e = CompileList(val, PolicyType::kSession, "session", set.session)) return e;
        set.has_session_policies = !set.session.empty();
      } else if (m.key == "scp") {
        if (auto e = CompileLevels(val, PolicyType::kScp, "scp", set.scp)) return e;
        set.scp_governed = true;
      } else if (m.key == "rcp") {
        if (auto e = CompileLevels(val, PolicyType::kRcp, "rcp", set.rcp)) return e;
        set.rcp_governed = true;
      } else {
        return Invalid("unknown policy slot \"" + std::string(m.key) +
                           "\" (known: identity, resource, boundary, session, scp, rcp)",
                       m.key_pos);
      }
    }
    return std::nullopt;
  }

  // The resource slot holds a role trust policy when the resource is a role.
  PolicyType ResourcePolicyType() const {
    const policy::ArnView arn = policy::ArnView::Of(out_.request_.resource);
    if (arn.valid && arn.field[2] == "iam" && arn.field[5].substr(0, 5) == "role/") return PolicyType::kTrust;
    return PolicyType::kResource;
  }

  // ---- request ----
  std::optional<CaseError> RequiredString(const Value& req, std::string_view key, std::string& out) {
    const Value* v = req.Find(key);
    if (v == nullptr) return Invalid("the request needs \"" + std::string(key) + "\"", req.pos);
    if (!v->is_string() || v->text.empty())
      return Invalid("request \"" + std::string(key) + "\" must be a non-empty string", v->pos);
    out = std::string(v->text);
    return std::nullopt;
  }

  std::optional<CaseError> BuildRequest(const Value& req) {
    if (!req.is_object()) return Invalid("\"request\" must be an object", req.pos);
    policy::Request& r = out_.request_;
    for (const json::Member& m : req.members) {
      if (m.key != "principal" && m.key != "action" && m.key != "resource" && m.key != "principalAccount" &&
          m.key != "resourceAccount" && m.key != "context")
        return Invalid("unknown field \"" + std::string(m.key) +
                           "\" in the request (known: principal, action, resource, principalAccount, "
                           "resourceAccount, context)",
                       m.key_pos);
    }
    std::string principal;
    if (auto e = RequiredString(req, "principal", principal)) return e;
    Result<policy::RequestPrincipal> p = policy::ParseRequestPrincipal(principal);
    if (!p.ok()) return Invalid(p.error().message, req.Find("principal")->pos);
    r.principal = std::move(p).value();

    if (auto e = RequiredString(req, "action", r.action)) return e;
    const std::size_t colon = r.action.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == r.action.size() ||
        r.action.find_first_of("*?: ", colon + 1) != std::string::npos ||
        r.action.find_first_of("*? ") < colon)
      return Invalid("request action \"" + r.action + "\" must be service:ActionName without wildcards",
                     req.Find("action")->pos);

    if (auto e = RequiredString(req, "resource", r.resource)) return e;

    if (const Value* a = req.Find("principalAccount")) {
      if (!a->is_string()) return Invalid("\"principalAccount\" must be a string", a->pos);
      r.principal.account = std::string(a->text);
    }
    r.resource_account.clear();
    if (const Value* a = req.Find("resourceAccount")) {
      if (!a->is_string()) return Invalid("\"resourceAccount\" must be a string", a->pos);
      r.resource_account = std::string(a->text);
    } else {
      const policy::ArnView arn = policy::ArnView::Of(r.resource);
      if (arn.valid) r.resource_account = std::string(arn.field[4]);
    }
    if (const Value* ctx = req.Find("context"))
      if (auto e = BuildContext(*ctx)) return e;
    DeriveKeys();
    return std::nullopt;
  }

  std::optional<CaseError> ContextScalar(const Value& v, std::string_view key, std::string& out) {
    switch (v.type) {
      case json::Type::kString:
      case json::Type::kNumber:
        out = std::string(v.text);
        return std::nullopt;
      case json::Type::kBool:
        out = v.boolean ? "true" : "false";
        return std::nullopt;
      default:
        return Invalid("context value of \"" + std::string(key) + "\" must be a string, number, boolean or an array of them, found " +
                           TypeOf(v),
                       v.pos);
    }
  }

  std::optional<CaseError> BuildContext(const Value& ctx) {
    if (!ctx.is_object()) return Invalid("\"context\" must be an object", ctx.pos);
    policy::RequestContext& c = out_.request_.context;
    for (const json::Member& m : ctx.members) {
      if (c.Find(m.key) != nullptr)
        return Invalid("context key \"" + std::string(m.key) +
                           "\" is given twice (key names are case-insensitive)",
                       m.key_pos);
      if (m.value.is_array()) {
        std::vector<std::string> values;
        for (const Value& e : m.value.elements) {
          std::string s;
          if (auto err = ContextScalar(e, m.key, s)) return err;
          values.push_back(std::move(s));
        }
        c.SetMulti(m.key, std::move(values));
      } else {
        std::string s;
        if (auto err = ContextScalar(m.value, m.key, s)) return err;
        c.Set(m.key, std::move(s));
      }
    }
    return std::nullopt;
  }

  // docs/semantics.md §5: keys the principal determines, unless given.
  void DeriveKeys() {
    policy::Request& r = out_.request_;
    policy::RequestContext& c = r.context;
    policy::RequestPrincipal& p = r.principal;
    auto derive = [&](std::string_view key, std::string value) {
      if (c.Find(key) == nullptr) c.Set(key, std::move(value));
    };
    using K = policy::PrincipalKind;
    const std::string prefix = "arn:" + p.partition + ":iam::" + p.account + ":";
    switch (p.kind) {
      case K::kRoot:
        derive("aws:PrincipalArn", p.arn);
        derive("aws:PrincipalType", "Account");
        derive("aws:userid", p.account);
        break;
      case K::kUser:
        derive("aws:PrincipalArn", p.arn);
        derive("aws:PrincipalType", "User");
        derive("aws:username", p.name);
        break;
      case K::kAssumedRole: {
        const bool sso = p.role_name.rfind("AWSReservedSSO_", 0) == 0;
        derive("aws:PrincipalArn",
               prefix + "role/" + (sso ? "aws-reserved/sso.amazonaws.com/" : "") + p.role_name);
        derive("aws:PrincipalType", "AssumedRole");
        break;
      }
      case K::kFederatedUser:
        derive("aws:PrincipalArn", p.arn);
        derive("aws:PrincipalType", "FederatedUser");
        derive("aws:userid", p.account + ":" + p.name);
        break;
      case K::kAnonymous:
        derive("aws:PrincipalType", "Anonymous");
        derive("aws:userid", "anonymous");
        derive("aws:PrincipalAccount", "anonymous");
        break;
      case K::kNamed:
        break;
    }
    if (p.in_account()) derive("aws:PrincipalAccount", p.account);
    if (const std::string* arn = c.Single("aws:PrincipalArn")) p.principal_arn = *arn;
    if (const std::string* uid = c.Single("aws:userid")) p.user_id = *uid;
  }

  std::string_view source_;
  PreparedCase& out_;
};

PrepareResult Prepare(const json::Value& doc, std::string_view source) {
  PrepareResult result;
  auto prepared = std::make_unique<PreparedCase>();
  CaseBuilder builder(source, *prepared);
  if (auto e = builder.Build(doc, result.name)) {
    result.error = std::move(*e);
    return result;
  }
  result.prepared = std::move(prepared);
  return result;
}

}  // namespace gatehouse::sim
