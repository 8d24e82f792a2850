// policy/arn.h: ARN field splitting and the ARN matcher shared by the
// Resource element and the Arn* condition operators (docs/semantics.md §2.2,
// §3.3). An ARN is arn:partition:service:region:account:resource, where the
// resource part may itself contain colons.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "policy/glob.h"
#include "policy/template.h"

namespace gatehouse::policy {

class RequestContext;

// Where the six fields of an ARN begin: offsets, so it stays valid when the
// string it was computed for is copied or moved.
struct ArnSplit {
  bool valid = false;                  // six fields (at least five colons)
  std::array<std::uint32_t, 6> start;  // set only when valid

  static ArnSplit Of(std::string_view s);
};

// A request-side ARN split into its six fields (views into the original).
struct ArnView {
  bool valid = false;  // has six fields (at least five colons)
  std::string_view whole;
  std::array<std::size_t, 6> start;  // byte offset where each field begins (when valid)
  std::array<std::string_view, 6> field;

  static ArnView Of(std::string_view s) { return From(s, ArnSplit::Of(s)); }
  static ArnView From(std::string_view s, const ArnSplit& split);
};

// One ARN pattern (a Resource entry or an Arn* condition value).
class ArnMatcher {
 public:

  // A Resource/NotResource entry: the first five fields are split from the
  // raw text and compared ASCII-case-insensitively; variables are substituted
  // only in the resource part (docs/semantics.md §2.2).
  static ArnMatcher CompileResource(std::string_view pattern, bool variables_enabled);
  // An Arn* condition value: case-sensitive throughout; variables anywhere,
  // substituted before the value is split into fields (§3.3).
  static ArnMatcher CompileCondition(const Template& pattern);

  bool star() const { return star_; }
  // Whether matching reads the request context (policy variables).
  bool depends_on_context() const { return whole_template_ || resource_template_; }
  // False when a variable cannot be resolved.
  bool Matches(const ArnView& arn, const RequestContext& ctx) const;

 private:
  bool MatchFields(std::span<const Piece> pattern, const ArnView& arn) const;

  void SplitPlain(std::string_view s);
  void ComputeLeading();

  bool star_ = false;
  bool fold_prefix_ = false;
  // Condition values with variables: resolved whole, then split.
  bool whole_template_ = false;
  Template template_;
  // Otherwise: fields split at compile time; the resource part (field 5) may
  // still hold variables (Resource entries).
  std::array<GlobPattern, 6> fields_;
  std::size_t nfields_ = 0;
  // Six-field patterns: the leading fields that are plain text, joined with
  // their colons ("arn:aws:ec2:"), compared in one pass; matching starts at
  // field `leading_fields_`.
  std::string leading_text_;
  std::size_t leading_fields_ = 0;
  bool tail_ = false;  // fewer than six fields, last one ends with '*'
  bool resource_template_ = false;
  Template resource_;
};

}  // namespace gatehouse::policy
