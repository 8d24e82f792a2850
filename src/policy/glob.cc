// policy/glob.cc: the wildcard matchers.
#include "policy/glob.h"

#include <cstddef>

#include "common/ascii.h"
#include "common/utf8.h"

namespace gatehouse::policy {
namespace {

inline std::size_t CodePointLength(std::string_view s, std::size_t i) {
  const std::size_t n = utf8::SequenceLength(static_cast<unsigned char>(s[i]));
  return i + n <= s.size() ? n : 1;
}

template <bool kFold>
inline bool SameChar(char a, char b) {
  if constexpr (kFold) return ascii::ToLower(a) == ascii::ToLower(b);
  return a == b;
}

template <bool kFold>
bool EqualChars(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!SameChar<kFold>(a[i], b[i])) return false;
  return true;
}

template <bool kFold>
bool GlobString(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  std::size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        // A star followed by wildcard-free text: that text must end the
        // input. This settles the common "prefix*suffix" shape without
        // backtracking.
        std::string_view tail = pattern.substr(p + 1);
        if (!HasWildcard(tail))
          return text.size() - t >= tail.size() && EqualChars<kFold>(text.substr(text.size() - tail.size()), tail);
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p;
        t += CodePointLength(text, t);
        continue;
      }
      if (SameChar<kFold>(pc, text[t])) {
        ++p;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    star_t += CodePointLength(text, star_t);
    t = star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// A position in a piece list, kept normalised: either at a character or at
// the end (piece == size).
class PieceCursor {
 public:
  explicit PieceCursor(std::span<const Piece> p) : p_(p) { Normalize(); }
  // True when nothing from here on is a wildcard; `size` is the length left.
  bool RestIsLiteral(std::size_t& size) const {
    size = 0;
    for (std::size_t i = piece_; i < p_.size(); ++i) {
      std::string_view t = p_[i].text.substr(i == piece_ ? offset_ : 0);
      if (!p_[i].literal && HasWildcard(t)) return false;
      size += t.size();
    }
    return true;
  }
  // Compares the (literal) rest with `text`.
  template <bool kFold>
  bool RestEquals(std::string_view text) const {
    std::size_t pos = 0;
    for (std::size_t i = piece_; i < p_.size(); ++i) {
      std::string_view t = p_[i].text.substr(i == piece_ ? offset_ : 0);
      if (!EqualChars<kFold>(text.substr(pos, t.size()), t)) return false;
      pos += t.size();
    }
    return pos == text.size();
  }
  bool AtEnd() const { return piece_ >= p_.size(); }
  char Char() const { return p_[piece_].text[offset_]; }
  bool Wild() const {
    const char c = Char();
    return !p_[piece_].literal && (c == '*' || c == '?');
  }
  void Advance() {
    ++offset_;
    Normalize();
  }

 private:
  void Normalize() {
    while (piece_ < p_.size() && offset_ >= p_[piece_].text.size()) {
      ++piece_;
      offset_ = 0;
    }
  }
  std::span<const Piece> p_;
  std::size_t piece_ = 0;
  std::size_t offset_ = 0;
};

template <bool kFold>
bool GlobPieces(std::span<const Piece> pattern, std::string_view text) {
  PieceCursor p(pattern);
  PieceCursor star_p(pattern);
  bool have_star = false;
  std::size_t t = 0, star_t = 0;
  while (t < text.size()) {
    if (!p.AtEnd()) {
      const char pc = p.Char();
      const bool wild = p.Wild();
      if (wild && pc == '*') {
        p.Advance();
        std::size_t tail = 0;
        if (p.RestIsLiteral(tail))
          return text.size() - t >= tail && p.RestEquals<kFold>(text.substr(text.size() - tail));
        star_p = p;
        have_star = true;
        star_t = t;
        continue;
      }
      if (wild && pc == '?') {
        p.Advance();
        t += CodePointLength(text, t);
        continue;
      }
      if (SameChar<kFold>(pc, text[t])) {
        p.Advance();
        ++t;
        continue;
      }
    }
    if (!have_star) return false;
    p = star_p;
    star_t += CodePointLength(text, star_t);
    t = star_t;
  }
  while (!p.AtEnd()) {
    if (!(p.Wild() && p.Char() == '*')) return false;
    p.Advance();
  }
  return true;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) { return GlobString<false>(pattern, text); }
bool GlobMatchFold(std::string_view pattern, std::string_view text) { return GlobString<true>(pattern, text); }
bool GlobMatch(std::span<const Piece> pattern, std::string_view text) { return GlobPieces<false>(pattern, text); }
bool GlobMatchFold(std::span<const Piece> pattern, std::string_view text) {
  return GlobPieces<true>(pattern, text);
}

GlobPattern::GlobPattern(std::string_view pattern) : text_(pattern) {
  const std::string_view t = text_;
  const std::size_t wild = t.find_first_of("*?");
  if (t == "*") {
    kind_ = Kind::kAny;
  } else if (wild == std::string_view::npos) {
    kind_ = Kind::kExact;
    core_size_ = t.size();
  } else if (wild == t.size() - 1 && t.back() == '*') {
    kind_ = Kind::kPrefix;
    core_size_ = t.size() - 1;
  } else if (wild == 0 && t[0] == '*' && t.find_first_of("*?", 1) == std::string_view::npos) {
    kind_ = Kind::kSuffix;
    core_begin_ = 1;
    core_size_ = t.size() - 1;
  } else {
    kind_ = Kind::kGeneral;
  }
}

bool GlobPattern::MatchesFold(std::string_view s) const {
  const std::string_view core_ = core();
  switch (kind_) {
    case Kind::kAny: return true;
    case Kind::kExact: return ascii::Equal(s, core_) || ascii::EqualsIgnoreCase(s, core_);
    case Kind::kPrefix: return s.size() >= core_.size() && ascii::EqualsIgnoreCase(s.substr(0, core_.size()), core_);
    case Kind::kSuffix:
      return s.size() >= core_.size() && ascii::EqualsIgnoreCase(s.substr(s.size() - core_.size()), core_);
    case Kind::kGeneral: return GlobString<true>(text_, s);
  }
  return false;
}

bool PiecesEqual(std::span<const Piece> pattern, std::string_view text) {
  std::size_t t = 0;
  for (const Piece& piece : pattern) {
    if (text.substr(t, piece.text.size()) != piece.text) return false;
    t += piece.text.size();
  }
  return t == text.size();
}

}  // namespace gatehouse::policy
