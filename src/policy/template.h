// policy/template.h: strings with policy variables (docs/semantics.md §3.4).
// "arn:aws:s3:::home/${aws:username}/*" is parsed once into pieces: text
// (where `*` and `?` are wildcards), literal text (from ${*}, ${?}, ${$}) and
// variables (a context key, optionally with a default). At evaluation the
// variables are resolved against the request context into a small array of
// glob pieces on the stack, so matching needs no heap allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "policy/glob.h"

namespace gatehouse::policy {

class RequestContext;

// A case-insensitive context key name, hashed once at compile time.
struct KeyRef {
  std::string lower;
  std::uint64_t hash = 0;

  static KeyRef Of(std::string_view name);
};

struct TemplatePart {
  enum class Kind : std::uint8_t { kText, kLiteral, kVariable };
  Kind kind = Kind::kText;
  std::string text;  // kText/kLiteral: the characters; kVariable: the key as written
  KeyRef key;        // kVariable
  std::optional<std::string> default_value;
};

class Template {
 public:
  // Parses `s`. With variables disabled (Version 2008-10-17 or absent) the
  // whole string is text. Errors describe malformed ${...} syntax; `column`
  // in the Error is the 0-based offset of the offending `$` in `s`.
  static Result<Template> Parse(std::string_view s, bool variables_enabled);
  static Template Text(std::string_view s);

  const std::vector<TemplatePart>& parts() const { return parts_; }
  bool has_variables() const { return has_variables_; }
  // The whole template as one text piece when it has no variables/literals.
  bool is_plain() const { return parts_.size() == 1 && parts_[0].kind == TemplatePart::Kind::kText; }
  std::string_view plain() const { return parts_.empty() ? std::string_view() : parts_[0].text; }
  bool empty() const { return parts_.empty(); }

 private:
  std::vector<TemplatePart> parts_;
  bool has_variables_ = false;
};

// Resolves `t` against `ctx` into `out`. Returns false when a variable is
// unresolvable (an absent or multi-valued key without a default). The pieces
// point into `t` and `ctx`, which must outlive `out`'s use.
bool Resolve(const Template& t, const RequestContext& ctx, PieceVector& out);

}  // namespace gatehouse::policy
