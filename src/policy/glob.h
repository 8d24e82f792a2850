// policy/glob.h: IAM wildcard matching. `*` matches any run of code points
// (including none), `?` exactly one code point, every other character itself.
// Linear two-pointer matching with backtracking to the last `*`; no regular
// expressions, so no pathological patterns.
//
// Inputs are valid UTF-8 (the JSON layer validates every document and
// request); on other bytes the result is unspecified but memory-safe.
//
// A pattern may be split into pieces, some of which are literal: text that
// came from a policy variable or an escape such as ${*} is matched verbatim,
// never as a wildcard (docs/semantics.md §3.4).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "common/ascii.h"

namespace gatehouse::policy {

// Trivially constructible on purpose: piece buffers live on the stack of
// every evaluation and are not initialised beyond their used size.
struct Piece {
  std::string_view text;
  bool literal;  // true: `*` and `?` in `text` are ordinary characters
};

// A short list of pieces kept on the stack (spilling to the heap only for
// unusually long templates).
class PieceVector {
 public:
  static constexpr std::size_t kInline = 24;
  PieceVector() {}  // NOLINT: user-provided so the inline buffer is not zeroed
  void clear() {
    size_ = 0;
    spill_.clear();
  }
  void push_back(Piece p) {
    if (spill_.empty() && size_ < kInline) {
      inline_[size_++] = p;
      return;
    }
    if (spill_.empty()) spill_.assign(inline_.begin(), inline_.begin() + static_cast<std::ptrdiff_t>(size_));
    spill_.push_back(p);
  }
  std::size_t size() const { return spill_.empty() ? size_ : spill_.size(); }
  std::span<const Piece> span() const {
    return spill_.empty() ? std::span<const Piece>(inline_.data(), size_) : std::span<const Piece>(spill_);
  }

 private:
  std::array<Piece, kInline> inline_;  // only [0, size_) is initialised
  std::size_t size_ = 0;
  std::vector<Piece> spill_;
};

bool GlobMatch(std::string_view pattern, std::string_view text);
bool GlobMatch(std::span<const Piece> pattern, std::string_view text);
// The same with ASCII case folding (ARN prefix fields of Resource entries).
bool GlobMatchFold(std::string_view pattern, std::string_view text);
bool GlobMatchFold(std::span<const Piece> pattern, std::string_view text);

// Exact comparison of pieces (no wildcards at all): StringEquals with
// variables.
bool PiecesEqual(std::span<const Piece> pattern, std::string_view text);

// A glob pattern classified once, so the common shapes (`*`, `literal`,
// `prefix*`, `*suffix`) skip the general matcher.
class GlobPattern {
 public:
  enum class Kind : std::uint8_t { kAny, kExact, kPrefix, kSuffix, kGeneral };
  GlobPattern() = default;
  explicit GlobPattern(std::string_view pattern);

  bool Matches(std::string_view text) const {
    const std::string_view c(text_.data() + core_begin_, core_size_);
    switch (kind_) {
      case Kind::kAny: return true;
      case Kind::kExact: return text.size() == c.size() && ascii::Equal(text, c);
      case Kind::kPrefix: return text.size() >= c.size() && ascii::Equal(text.substr(0, c.size()), c);
      case Kind::kSuffix: return text.size() >= c.size() && ascii::Equal(text.substr(text.size() - c.size()), c);
      case Kind::kGeneral: return GlobMatch(text_, text);
    }
    return false;
  }
  bool MatchesFold(std::string_view text) const;  // ASCII case folding
  const std::string& text() const { return text_; }
  Kind kind() const { return kind_; }

 private:
  std::string_view core() const { return std::string_view(text_).substr(core_begin_, core_size_); }

  std::string text_;  // the full pattern
  // The prefix/suffix/exact text, as a range of text_ (not a view, so that
  // copies stay valid).
  std::size_t core_begin_ = 0;
  std::size_t core_size_ = 0;
  Kind kind_ = Kind::kExact;
};

// True when `s` contains a wildcard character.
// (A plain loop: string_view::find_first_of calls memchr once per character.)
inline bool HasWildcard(std::string_view s) {
  for (char c : s)
    if (c == '*' || c == '?') return true;
  return false;
}

}  // namespace gatehouse::policy
