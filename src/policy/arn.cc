// policy/arn.cc: splitting ARNs into fields and matching ARN patterns.
#include "policy/arn.h"

#include "common/ascii.h"
#include "policy/context.h"

namespace gatehouse::policy {

ArnSplit ArnSplit::Of(std::string_view s) {
  ArnSplit a;
  if (s.size() > UINT32_MAX) return a;
  std::size_t n = 0;
  a.start[0] = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != ':') continue;
    a.start[++n] = static_cast<std::uint32_t>(i + 1);
    if (n == 5) {
      a.valid = true;
      break;
    }
  }
  return a;
}

ArnView ArnView::From(std::string_view s, const ArnSplit& split) {
  ArnView v;
  v.whole = s;
  if (!split.valid) return v;
  v.valid = true;
  for (std::size_t i = 0; i < 6; ++i) v.start[i] = split.start[i];
  for (std::size_t i = 0; i < 5; ++i) v.field[i] = s.substr(v.start[i], v.start[i + 1] - 1 - v.start[i]);
  v.field[5] = s.substr(v.start[5]);
  return v;
}

namespace {

bool MatchField(const GlobPattern& f, std::string_view field, bool fold) {
  return fold ? f.MatchesFold(field) : f.Matches(field);
}

bool MatchFieldPieces(std::span<const Piece> pattern, std::string_view field, bool fold) {
  return fold ? GlobMatchFold(pattern, field) : GlobMatch(pattern, field);
}

// Splits resolved pieces at their first five colons into up to six fields.
struct SplitPieces {
  PieceVector pieces;
  std::array<std::size_t, 7> begin{};  // field i = pieces[begin[i], begin[i+1])
  std::size_t nfields = 0;

  void Build(std::span<const Piece> in) {
    pieces.clear();
    nfields = 1;
    begin[0] = 0;
    for (const Piece& p : in) {
      std::string_view rest = p.text;
      while (nfields < 6) {
        const std::size_t colon = rest.find(':');
        if (colon == std::string_view::npos) break;
        if (colon > 0) pieces.push_back(Piece{rest.substr(0, colon), p.literal});
        begin[nfields++] = pieces.size();
        rest.remove_prefix(colon + 1);
      }
      if (!rest.empty()) pieces.push_back(Piece{rest, p.literal});
    }
    begin[nfields] = pieces.size();
  }
  std::span<const Piece> Field(std::size_t i) const {
    return pieces.span().subspan(begin[i], begin[i + 1] - begin[i]);
  }
};

bool EndsWithStar(std::span<const Piece> f) {
  if (f.empty()) return false;
  const Piece& last = f.back();
  return !last.literal && !last.text.empty() && last.text.back() == '*';
}

}  // namespace

void ArnMatcher::SplitPlain(std::string_view s) {
  std::size_t begin = 0;
  nfields_ = 0;
  while (nfields_ < 5) {
    const std::size_t colon = s.find(':', begin);
    if (colon == std::string_view::npos) break;
    fields_[nfields_++] = GlobPattern(s.substr(begin, colon - begin));
    begin = colon + 1;
  }
  fields_[nfields_++] = GlobPattern(s.substr(begin));
  const std::string& last = fields_[nfields_ - 1].text();
  tail_ = nfields_ < 6 && !last.empty() && last.back() == '*';
}

void ArnMatcher::ComputeLeading() {
  leading_text_.clear();
  leading_fields_ = 0;
  if (nfields_ != 6) return;
  while (leading_fields_ < 5 && fields_[leading_fields_].kind() == GlobPattern::Kind::kExact) {
    const std::string& f = fields_[leading_fields_].text();
    leading_text_ += fold_prefix_ ? ascii::Lower(f) : f;
    leading_text_ += ':';
    ++leading_fields_;
  }
}

ArnMatcher ArnMatcher::CompileResource(std::string_view pattern, bool variables_enabled) {
  ArnMatcher m;
  m.fold_prefix_ = true;
  if (pattern == "*") {
    m.star_ = true;
    return m;
  }
  m.SplitPlain(pattern);
  if (m.nfields_ == 6 && variables_enabled) {
    Result<Template> t = Template::Parse(m.fields_[5].text(), true);
    // The parser validated the syntax; should it ever fail here, the entry
    // keeps its literal text, which can only make it match less.
    if (t.ok() && !t->is_plain()) {
      m.resource_template_ = true;
      m.resource_ = std::move(t).value();
    }
  }
  m.ComputeLeading();
  return m;
}

ArnMatcher ArnMatcher::CompileCondition(const Template& pattern) {
  ArnMatcher m;
  if (!pattern.is_plain()) {
    m.whole_template_ = true;
    m.template_ = pattern;
    return m;
  }
  m.SplitPlain(pattern.plain());
  m.ComputeLeading();
  return m;
}

bool ArnMatcher::Matches(const ArnView& arn, const RequestContext& ctx) const {
  if (star_) return true;
  if (!arn.valid) return false;
  if (whole_template_) {
    PieceVector resolved;
    if (!Resolve(template_, ctx, resolved)) return false;
    return MatchFields(resolved.span(), arn);
  }
  if (nfields_ == 6) {
    if (leading_fields_ > 0) {
      // The request's text up to field `leading_fields_` must equal the
      // joined leading fields (colons cannot occur inside them).
      const std::string_view head = arn.whole.substr(0, arn.start[leading_fields_]);
      if (!ascii::Equal(head, leading_text_)) {
        // Real ARNs have lower-case prefixes; fold only when that fails.
        if (!fold_prefix_ || head.size() != leading_text_.size()) return false;
        for (std::size_t i = 0; i < head.size(); ++i)
          if (ascii::ToLower(head[i]) != leading_text_[i]) return false;
      }
    }
    for (std::size_t i = leading_fields_; i < 5; ++i)
      if (!MatchField(fields_[i], arn.field[i], fold_prefix_)) return false;
    if (!resource_template_) return MatchField(fields_[5], arn.field[5], false);
    PieceVector resolved;
    if (!Resolve(resource_, ctx, resolved)) return false;
    return GlobMatch(resolved.span(), arn.field[5]);
  }
  if (!tail_) return false;
  for (std::size_t i = 0; i + 1 < nfields_; ++i)
    if (!MatchField(fields_[i], arn.field[i], fold_prefix_)) return false;
  // The last field of a short pattern is one of the first five fields, so it
  // keeps their case rule even where its trailing `*` reaches the resource.
  const std::string_view rest = arn.whole.substr(arn.start[nfields_ - 1]);
  return fold_prefix_ ? GlobMatchFold(fields_[nfields_ - 1].text(), rest) : GlobMatch(fields_[nfields_ - 1].text(), rest);
}

bool ArnMatcher::MatchFields(std::span<const Piece> pattern, const ArnView& arn) const {
  SplitPieces sp;
  sp.Build(pattern);
  if (sp.nfields == 6) {
    for (std::size_t i = 0; i < 5; ++i)
      if (!MatchFieldPieces(sp.Field(i), arn.field[i], fold_prefix_)) return false;
    return GlobMatch(sp.Field(5), arn.field[5]);
  }
  if (!EndsWithStar(sp.Field(sp.nfields - 1))) return false;
  for (std::size_t i = 0; i + 1 < sp.nfields; ++i)
    if (!MatchFieldPieces(sp.Field(i), arn.field[i], fold_prefix_)) return false;
  const std::string_view rest = arn.whole.substr(arn.start[sp.nfields - 1]);
  return fold_prefix_ ? GlobMatchFold(sp.Field(sp.nfields - 1), rest) : GlobMatch(sp.Field(sp.nfields - 1), rest);
}

}  // namespace gatehouse::policy
