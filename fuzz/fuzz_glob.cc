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

// The definition of `*` and `?` as a dynamic programme over (pattern
// position, text position): plainly correct, O(|p|·|t|), never exponential.
// `lit[i]` marks pattern bytes that are literal (from a literal piece).
bool Naive(std::string_view p, const std::vector<bool>& lit, std::string_view t) {
  const std::size_t P = p.size(), T = t.size();
  std::vector<char> dp((P + 1) * (T + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return dp[i * (T + 1) + j]; };
  at(P, T) = 1;
  for (std::size_t i = P; i-- > 0;) {
    for (std::size_t j = T + 1; j-- > 0;) {
      const bool more = j < T;
      const std::size_t next = more ? j + CpLen(t, j) : j;
      if (!lit[i] && p[i] == '*') {
        at(i, j) = at(i + 1, j) || (more && at(i, next));
      } else if (!lit[i] && p[i] == '?') {
        at(i, j) = more && at(i + 1, next);
      } else {
        at(i, j) = more && p[i] == t[j] && at(i + 1, j + 1);
      }
    }
  }
  return at(0, 0) != 0;
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
  if (!ValidUtf8(pattern) || !ValidUtf8(text)) return 0;

  const std::vector<bool> none(pattern.size(), false);
  const bool want = Naive(pattern, none, text);
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
  if (GlobMatch(pieces, text) != Naive(pattern, lit, text)) std::abort();
  return 0;
}
