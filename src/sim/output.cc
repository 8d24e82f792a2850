// sim/output.cc: result lines, written with RapidJSON's Writer.
#include "sim/output.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "policy/explain.h"

namespace gatehouse::sim {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void Name(Writer& w, const std::optional<std::string>& name) {
  if (!name) return;
  w.Key("name");
  Str(w, *name);
}

}  // namespace

std::string RenderDecision(const std::optional<std::string>& name, const policy::Decision& d,
                           const policy::Request& request) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Name(w, name);
  w.Key("decision");
  Str(w, policy::OutcomeName(d.outcome));
  w.Key("matched");
  w.StartArray();
  for (const policy::MatchedStatement& m : d.matched) {
    w.StartObject();
    w.Key("policy");
    Str(w, m.policy->name());
    w.Key("statement");
    w.Uint(m.statement->index);
    if (!m.statement->sid.empty()) {
      w.Key("sid");
      Str(w, m.statement->sid);
    }
    w.Key("effect");
    Str(w, m.statement->effect == policy::Effect::kAllow ? "Allow" : "Deny");
    w.EndObject();
  }
  w.EndArray();
  if (!d.allowed()) {
    w.Key("deniedBy");
    Str(w, policy::DeniedByName(d.denied_by));
    w.Key("message");
    Str(w, policy::AccessDeniedMessage(d, request));
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string RenderError(const std::optional<std::string>& name, const CaseError& e) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Name(w, name);
  w.Key("error");
  w.StartObject();
  w.Key("code");
  Str(w, e.error.code);
  w.Key("message");
  Str(w, e.error.message);
  if (!e.policy.empty()) {
    w.Key("policy");
    Str(w, e.policy);
  }
  if (e.error.has_position()) {
    w.Key("line");
    w.Uint(e.error.line);
    w.Key("column");
    w.Uint(e.error.column);
  }
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

namespace {

std::string Label(const std::optional<std::string>& name) { return name ? *name : std::string("(unnamed)"); }

std::string StatementRef(const policy::MatchedStatement& m) {
  std::string s = m.policy->name() + " statement " + std::to_string(m.statement->index);
  if (!m.statement->sid.empty()) s += " (" + m.statement->sid + ")";
  return s;
}

}  // namespace

std::string RenderDecisionText(const std::optional<std::string>& name, const policy::Decision& d,
                               const policy::Request& request) {
  std::string out = Label(name) + ": " + std::string(policy::OutcomeName(d.outcome));
  if (d.allowed()) {
    out += "  allowed by ";
    for (std::size_t i = 0; i < d.matched.size(); ++i) out += (i ? ", " : "") + StatementRef(d.matched[i]);
    return out;
  }
  out += "\n    " + policy::AccessDeniedMessage(d, request);
  if (!d.matched.empty()) {
    out += "\n    denied by ";
    for (std::size_t i = 0; i < d.matched.size(); ++i) out += (i ? ", " : "") + StatementRef(d.matched[i]);
  }
  return out;
}

std::string RenderErrorText(const std::optional<std::string>& name, const CaseError& e) {
  std::string out = Label(name) + ": error " + e.error.code;
  if (!e.policy.empty()) out += " in policy " + e.policy;
  if (e.error.has_position()) out += " at " + std::to_string(e.error.line) + ":" + std::to_string(e.error.column);
  return out + ": " + e.error.message;
}

}  // namespace gatehouse::sim
