// policy/template.cc: parsing ${...} variables and resolving them.
#include "policy/template.h"

#include "common/ascii.h"
#include "policy/context.h"

namespace gatehouse::policy {

KeyRef KeyRef::Of(std::string_view name) { return KeyRef{ascii::Lower(name), ascii::HashLower(name)}; }

Template Template::Text(std::string_view s) {
  Template t;
  if (!s.empty()) t.parts_.push_back(TemplatePart{TemplatePart::Kind::kText, std::string(s), {}, {}});
  return t;
}

namespace {

Error VarError(std::string message, std::size_t offset) {
  return MakeError("MalformedPolicyDocument", std::move(message), 0,
                   static_cast<std::uint32_t>(offset));
}

void AppendText(std::vector<TemplatePart>& parts, TemplatePart::Kind kind, std::string_view s) {
  if (s.empty()) return;
  if (!parts.empty() && parts.back().kind == kind) {
    parts.back().text.append(s);
    return;
  }
  parts.push_back(TemplatePart{kind, std::string(s), {}, {}});
}

}  // namespace

Result<Template> Template::Parse(std::string_view s, bool variables_enabled) {
  if (!variables_enabled) return Text(s);
  Template t;
  std::size_t i = 0;
  std::size_t text_start = 0;
  while (i < s.size()) {
    if (s[i] != '$' || i + 1 >= s.size() || s[i + 1] != '{') {
      ++i;
      continue;
    }
    AppendText(t.parts_, TemplatePart::Kind::kText, s.substr(text_start, i - text_start));
    const std::size_t dollar = i;
    i += 2;
    const std::size_t key_start = i;
    while (i < s.size() && s[i] != '}' && s[i] != ',') {
      if (s[i] == ' ') return VarError("Unsupported space in variable name", dollar);
      if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{')
        return VarError("Nested policy variables are not supported", dollar);
      ++i;
    }
    if (i >= s.size()) return VarError("Unclosed policy variable: missing '}'", dollar);
    std::string_view key = s.substr(key_start, i - key_start);
    if (key.empty()) return VarError("Empty policy variable '${}'", dollar);
    std::optional<std::string> def;
    if (s[i] == ',') {
      ++i;
      while (i < s.size() && s[i] == ' ') ++i;
      if (i >= s.size() || s[i] != '\'')
        return VarError("Policy variable default value must be in single quotes: ${key, 'default'}",
                        dollar);
      const std::size_t def_start = ++i;
      while (i < s.size() && s[i] != '\'') ++i;
      if (i >= s.size()) return VarError("Missing closing quote in policy variable default", dollar);
      def = std::string(s.substr(def_start, i - def_start));
      ++i;
      while (i < s.size() && s[i] == ' ') ++i;
      if (i >= s.size() || s[i] != '}') return VarError("Unclosed policy variable: missing '}'", dollar);
    }
    ++i;  // past '}'
    if (!def && (key == "*" || key == "?" || key == "$")) {
      AppendText(t.parts_, TemplatePart::Kind::kLiteral, key);
    } else {
      if (key == "*" || key == "?" || key == "$")
        return VarError("The escapes ${*}, ${?} and ${$} take no default value", dollar);
      TemplatePart part;
      part.kind = TemplatePart::Kind::kVariable;
      part.text = std::string(key);
      part.key = KeyRef::Of(key);
      part.default_value = std::move(def);
      t.parts_.push_back(std::move(part));
      t.has_variables_ = true;
    }
    text_start = i;
  }
  AppendText(t.parts_, TemplatePart::Kind::kText, s.substr(text_start));
  return t;
}

bool Resolve(const Template& t, const RequestContext& ctx, PieceVector& out) {
  out.clear();
  for (const TemplatePart& part : t.parts()) {
    switch (part.kind) {
      case TemplatePart::Kind::kText:
        out.push_back(Piece{part.text, false});
        break;
      case TemplatePart::Kind::kLiteral:
        out.push_back(Piece{part.text, true});
        break;
      case TemplatePart::Kind::kVariable: {
        const ContextEntry* e = ctx.Find(part.key);
        if (e != nullptr && !e->multi && e->values.size() == 1) {
          out.push_back(Piece{e->values[0], true});
        } else if (part.default_value) {
          out.push_back(Piece{*part.default_value, true});
        } else {
          return false;
        }
        break;
      }
    }
  }
  return true;
}

}  // namespace gatehouse::policy
