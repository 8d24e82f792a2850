// fuzz/fuzz_glob.cc: differential fuzzing of the wildcard matchers against a
// naive recursive definition of `*` and `?` (over code points), for plain
// patterns, GlobPattern's fast paths and literal pieces.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "policy/glob.h"

namespace {

std::size_t CpLen(std::string_view s, std::size_t i) {
  const std::size_t n = gatehouse::utf8::SequenceLength(static_cast<unsigned char>(s[i]));
  return i + n <= s.size() ? n : 1;
}

// pattern chars with a "literal" flag per byte.
bool Naive(std::string_view p, const std::vector<bool>& lit, std::size_t pi, std::string_view t, std::size_t ti,
           int depth) {
  if (depth > 64) return false;  // bounded: inputs are short
  if (pi == p.size()) return ti == t.size();
  if (!lit[pi] && p[pi] == '*') {
    for (std::size_t k = ti;; k += CpLen(t, k)) {
      if (Naive(p, lit, pi + 1, t, k, depth + 1)) return true;
      if (k >= t.size()) return false;
    }
  }
  if (ti == t.size()) return false;
  if (!lit[pi] && p[pi] == '?') return Naive(p, lit, pi + 1, t, ti + CpLen(t, ti), depth + 1);
  return p[pi] == t[ti] && Naive(p, lit, pi + 1, t, ti + 1, depth + 1);
}

// The matchers are defined over valid UTF-8 (every input reaching them has
// been validated by the JSON layer); other bytes are out of scope.
bool ValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    if (gatehouse::utf8::Decode(s, i, len) < 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gatehouse::policy;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t split = in.find('\n');
  if (split == std::string_view::npos || in.size() > 200) return 0;
  const std::string_view pattern = in.substr(0, split);
  const std::string_view text = in.substr(split + 1);
  std::size_t stars = 0;
  for (char c : pattern) stars += c == '*';
  if (stars > 6) return 0;  // keep the naive matcher cheap
  if (!ValidUtf8(pattern) || !ValidUtf8(text)) return 0;

  const std::vector<bool> none(pattern.size(), false);
  const bool want = Naive(pattern, none, 0, text, 0, 0);
  if (GlobMatch(pattern, text) != want) std::abort();
  if (GlobPattern(pattern).Matches(text) != want) std::abort();
  // Split the pattern into pieces; '|' in the pattern would be ambiguous, so
  // use the first byte's parity to mark every other piece literal.
  std::vector<Piece> pieces;
  std::vector<bool> lit;
  const bool odd_literal = !pattern.empty() && (static_cast<unsigned char>(pattern[0]) & 1);
  for (std::size_t i = 0, k = 0; i < pattern.size(); i += 3, ++k) {
    const std::string_view chunk = pattern.substr(i, 3);
    const bool literal = odd_literal && (k % 2 == 1);
    pieces.push_back(Piece{chunk, literal});
    for (std::size_t j = 0; j < chunk.size(); ++j) lit.push_back(literal);
  }
  if (GlobMatch(pieces, text) != Naive(pattern, lit, 0, text, 0, 0)) std::abort();
  return 0;
}
