// policy/glob_test.cc: the IAM wildcard matcher (docs/semantics.md §2.3:
// `*` any run of code points, `?` exactly one code point, everything else
// itself; linear two-pointer matching with backtracking to the last `*`).
#include "policy/glob.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace gatehouse::policy {
namespace {

// Helper: a piece list from (text, literal) pairs.
std::vector<Piece> P(std::initializer_list<std::pair<std::string_view, bool>> list) {
  std::vector<Piece> out;
  for (const auto& [text, literal] : list) out.push_back(Piece{text, literal});
  return out;
}

// §2.3: everything other than `*` and `?` matches itself, case-sensitively.
TEST(Glob, LiteralPatterns) {
  EXPECT_TRUE(GlobMatch("abc", "abc"));
  EXPECT_FALSE(GlobMatch("abc", "abd"));
  EXPECT_FALSE(GlobMatch("abc", "ab"));
  EXPECT_FALSE(GlobMatch("abc", "abcd"));
  EXPECT_FALSE(GlobMatch("abc", "ABC"));
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("", "a"));
  EXPECT_FALSE(GlobMatch("a", ""));
}

// §2.3: `*` matches any run, including none, crossing '/' and ':'.
TEST(Glob, StarMatchesAnyRunIncludingEmpty) {
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("*", "anything/at:all"));
  EXPECT_TRUE(GlobMatch("**", ""));
  EXPECT_TRUE(GlobMatch("a*", "a"));
  EXPECT_TRUE(GlobMatch("a*", "abc/def"));
  EXPECT_FALSE(GlobMatch("a*", "ba"));
  EXPECT_TRUE(GlobMatch("*c", "abc"));
  EXPECT_FALSE(GlobMatch("*c", "abcd"));
  EXPECT_TRUE(GlobMatch("a*c", "ac"));
  EXPECT_TRUE(GlobMatch("a*c", "a:b:c"));
  EXPECT_TRUE(GlobMatch("bucket/*/test/*", "bucket/1/2/test/3/x.jpg"));
  EXPECT_TRUE(GlobMatch("bucket/*/test/*", "bucket//test/x.jpg"));
  EXPECT_FALSE(GlobMatch("bucket/*/test/*", "bucket/test/object.jpg"));
  EXPECT_FALSE(GlobMatch("bucket/*/test/*", "bucket/1-test/x.jpg"));
}

// §2.3: `?` matches exactly one character.
TEST(Glob, QuestionMarkMatchesExactlyOne) {
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "ac"));
  EXPECT_FALSE(GlobMatch("a?c", "abbc"));
  EXPECT_FALSE(GlobMatch("?", ""));
  EXPECT_TRUE(GlobMatch("???", "xyz"));
  EXPECT_FALSE(GlobMatch("???", "xy"));
  EXPECT_TRUE(GlobMatch("*?", "x"));
  EXPECT_FALSE(GlobMatch("*?", ""));
  EXPECT_TRUE(GlobMatch("?*?", "ab"));
  EXPECT_FALSE(GlobMatch("?*?", "a"));
}

// §2.3: `?` is one code point, so a multi-byte UTF-8 character is one `?`.
TEST(Glob, QuestionMarkConsumesWholeCodePoints) {
  const std::string e_acute = "\xC3\xA9";              // U+00E9, 2 bytes
  const std::string cjk = "\xE4\xB8\xAD";              // U+4E2D, 3 bytes
  const std::string emoji = "\xF0\x9F\x98\x80";        // U+1F600, 4 bytes
  EXPECT_TRUE(GlobMatch("?", e_acute));
  EXPECT_FALSE(GlobMatch("??", e_acute));
  EXPECT_TRUE(GlobMatch("?", cjk));
  EXPECT_FALSE(GlobMatch("???", cjk));
  EXPECT_TRUE(GlobMatch("?", emoji));
  EXPECT_TRUE(GlobMatch("caf?", "caf" + e_acute));
  EXPECT_TRUE(GlobMatch("a?b", "a" + emoji + "b"));
  EXPECT_FALSE(GlobMatch("a??b", "a" + emoji + "b"));
  EXPECT_TRUE(GlobMatch("*?b", cjk + emoji + "b"));
  EXPECT_TRUE(GlobMatch(e_acute + "*", e_acute + "x"));
  EXPECT_FALSE(GlobMatch(e_acute, "e"));
}

// A `*` backtracks over whole code points, so `*?` style patterns never
// split a character.
TEST(Glob, StarBacktracksOverCodePoints) {
  const std::string cjk = "\xE4\xB8\xAD";
  EXPECT_TRUE(GlobMatch("*?", cjk));
  EXPECT_TRUE(GlobMatch("*" + cjk, "ab" + cjk));
  EXPECT_TRUE(GlobMatch("x*?y", "x" + cjk + cjk + "y"));
  EXPECT_FALSE(GlobMatch("x*??y", "x" + cjk + "y"));
}

// The matcher backtracks to the last `*` when a later literal fails.
TEST(Glob, BacktrackingCases) {
  EXPECT_TRUE(GlobMatch("*ab", "aab"));
  EXPECT_TRUE(GlobMatch("*ab", "abab"));
  EXPECT_TRUE(GlobMatch("a*ab", "aab"));
  EXPECT_TRUE(GlobMatch("*abc*d", "ababcxd"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXbYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "acb"));
  EXPECT_TRUE(GlobMatch("*a*b*c*", "xxaxxbxxcxx"));
  EXPECT_FALSE(GlobMatch("*a*b*c*", "xxcxxbxxaxx"));
  EXPECT_TRUE(GlobMatch("*?*?*", "ab"));
  EXPECT_FALSE(GlobMatch("*?*?*", "a"));
  EXPECT_TRUE(GlobMatch("mississippi", "mississippi"));
  EXPECT_TRUE(GlobMatch("m*iss*ppi", "mississippi"));
  EXPECT_TRUE(GlobMatch("*sip*", "mississippi"));
  EXPECT_FALSE(GlobMatch("*sipx*", "mississippi"));
}

// §2.3 "no regular expressions, so no pathological patterns": patterns that
// explode a backtracking regex still give the right answer.
TEST(Glob, PathologicalPatternsFinish) {
  const std::string many_a(20000, 'a');
  EXPECT_FALSE(GlobMatch("a*a*a*a*a*b", many_a));
  EXPECT_TRUE(GlobMatch("a*a*a*a*a*b", many_a + "b"));
  EXPECT_TRUE(GlobMatch("*a*a*a*a*a*a*a*a*", many_a));
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*c", many_a));
  const std::vector<Piece> pieces = P({{"a*a*a*a*a*", false}, {"b", false}});
  EXPECT_FALSE(GlobMatch(pieces, many_a));
  EXPECT_TRUE(GlobMatch(pieces, many_a + "b"));
  EXPECT_FALSE(GlobMatchFold("A*A*A*A*A*B", many_a));
}

// Resource ARN prefix fields are folded ASCII-case-insensitively (§2.2).
TEST(Glob, FoldIgnoresAsciiCaseOnly) {
  EXPECT_TRUE(GlobMatchFold("ARN:AWS:S3", "arn:aws:s3"));
  EXPECT_TRUE(GlobMatchFold("us-EAST-?", "US-east-1"));
  EXPECT_TRUE(GlobMatchFold("E*", "ec2"));
  EXPECT_FALSE(GlobMatchFold("E*2", "ec3"));
  EXPECT_FALSE(GlobMatch("ARN", "arn"));
  // Non-ASCII letters are not folded.
  EXPECT_FALSE(GlobMatchFold("\xC3\x89", "\xC3\xA9"));  // É vs é
}

// docs/semantics.md §3.4: text from a policy variable or ${*} is literal: its
// `*` and `?` are ordinary characters.
TEST(GlobPieces, LiteralPiecesAreNotWildcards) {
  const std::vector<Piece> star = P({{"*", true}});
  EXPECT_TRUE(GlobMatch(star, "*"));
  EXPECT_FALSE(GlobMatch(star, "abc"));
  EXPECT_FALSE(GlobMatch(star, ""));
  const std::vector<Piece> q = P({{"a?", true}});
  EXPECT_TRUE(GlobMatch(q, "a?"));
  EXPECT_FALSE(GlobMatch(q, "ab"));
}

TEST(GlobPieces, MixedLiteralAndWildcardPieces) {
  // home/<literal "a*">/*
  const std::vector<Piece> p = P({{"home/", false}, {"a*", true}, {"/*", false}});
  EXPECT_TRUE(GlobMatch(p, "home/a*/x"));
  EXPECT_TRUE(GlobMatch(p, "home/a*/"));
  EXPECT_FALSE(GlobMatch(p, "home/abc/x"));
  EXPECT_FALSE(GlobMatch(p, "home/a/x"));
  // A wildcard before a literal piece still backtracks.
  const std::vector<Piece> q = P({{"*", false}, {"?x", true}});
  EXPECT_TRUE(GlobMatch(q, "abc?x"));
  EXPECT_FALSE(GlobMatch(q, "abcyx"));
}

TEST(GlobPieces, EmptyPiecesAndEmptyLists) {
  const std::vector<Piece> none;
  EXPECT_TRUE(GlobMatch(none, ""));
  EXPECT_FALSE(GlobMatch(none, "a"));
  const std::vector<Piece> empties = P({{"", false}, {"ab", false}, {"", true}, {"*", false}, {"", false}});
  EXPECT_TRUE(GlobMatch(empties, "ab"));
  EXPECT_TRUE(GlobMatch(empties, "abzz"));
  EXPECT_FALSE(GlobMatch(empties, "a"));
  const std::vector<Piece> trailing = P({{"a", false}, {"*", false}, {"*", true}});
  EXPECT_FALSE(GlobMatch(trailing, "a"));  // the literal '*' must be present
  EXPECT_TRUE(GlobMatch(trailing, "axx*"));
}

// Pieces and a flat string agree when every piece is non-literal.
TEST(GlobPieces, NonLiteralPiecesBehaveLikeTheJoinedPattern) {
  const std::vector<Piece> p = P({{"a*", false}, {"b?", false}, {"c", false}});
  for (std::string_view t : {"abxc", "aXXbYc", "abc", "ab", "abxcd", "a*b?c"})
    EXPECT_EQ(GlobMatch(p, t), GlobMatch("a*b?c", t)) << t;
}

TEST(GlobPieces, QuestionMarkPieceConsumesCodePoint) {
  const std::vector<Piece> p = P({{"x", false}, {"?", false}, {"y", true}});
  EXPECT_TRUE(GlobMatch(p, "x\xE4\xB8\xADy"));
  EXPECT_FALSE(GlobMatch(p, "xy"));
}

TEST(GlobPieces, FoldWithPieces) {
  const std::vector<Piece> p = P({{"ARN:", false}, {"Aws", true}, {":*", false}});
  EXPECT_TRUE(GlobMatchFold(p, "arn:aws:s3"));
  EXPECT_FALSE(GlobMatch(p, "arn:aws:s3"));
  // Literal pieces fold too (case folding is about letters, not wildcards).
  const std::vector<Piece> lit = P({{"A*", true}});
  EXPECT_TRUE(GlobMatchFold(lit, "a*"));
  EXPECT_FALSE(GlobMatchFold(lit, "abc"));
}

// PiecesEqual: StringEquals with variables: no wildcards at all.
TEST(PiecesEqual, ExactConcatenation) {
  EXPECT_TRUE(PiecesEqual(P({{"a*", false}}), "a*"));
  EXPECT_FALSE(PiecesEqual(P({{"a*", false}}), "abc"));
  EXPECT_FALSE(PiecesEqual(P({{"a?", false}}), "ab"));
  EXPECT_TRUE(PiecesEqual(P({{"team-", false}, {"blue", true}, {"/x", false}}), "team-blue/x"));
  EXPECT_FALSE(PiecesEqual(P({{"team-", false}, {"blue", true}}), "team-blue/x"));
  EXPECT_FALSE(PiecesEqual(P({{"team-", false}, {"blue", true}}), "team-blu"));
  EXPECT_FALSE(PiecesEqual(P({{"abc", false}, {"d", false}}), "ab"));
  EXPECT_FALSE(PiecesEqual(P({{"a", false}}), "A"));
  EXPECT_TRUE(PiecesEqual(P({}), ""));
  EXPECT_FALSE(PiecesEqual(P({}), "x"));
  EXPECT_TRUE(PiecesEqual(P({{"", false}, {"", true}}), ""));
}

// GlobPattern (a pattern classified once) agrees with the general matcher
// for every shape: `*`, exact, `prefix*`, `*suffix` and general patterns.
TEST(GlobPattern, AgreesWithGlobMatch) {
  const std::string_view patterns[] = {"*", "", "abc", "ab*", "*bc", "a*c", "*b*", "?", "a?", "?c", "**", "*?",
                                       "a**", "**c", "ab?*", "*\xC3\xA9", "\xC3\xA9*", "Ab*", "*BC", "ABC"};
  const std::string_view texts[] = {"", "a", "abc", "ab", "bc", "abcd", "xabc", "aXc", "ABC", "Abc",
                                    "caf\xC3\xA9", "\xC3\xA9t\xC3\xA9", "\xC3\xA9", "b"};
  for (std::string_view p : patterns) {
    const GlobPattern g(p);
    EXPECT_EQ(g.text(), p);
    for (std::string_view t : texts) {
      EXPECT_EQ(g.Matches(t), GlobMatch(p, t)) << "pattern '" << p << "' text '" << t << "'";
      EXPECT_EQ(g.MatchesFold(t), GlobMatchFold(p, t)) << "fold: pattern '" << p << "' text '" << t << "'";
    }
  }
}

TEST(GlobPattern, DirectExpectations) {
  EXPECT_TRUE(GlobPattern("*").Matches(""));
  EXPECT_TRUE(GlobPattern("").Matches(""));
  EXPECT_FALSE(GlobPattern("").Matches("a"));
  EXPECT_TRUE(GlobPattern("getobject").Matches("getobject"));
  EXPECT_FALSE(GlobPattern("getobject").Matches("getobjectacl"));
  EXPECT_TRUE(GlobPattern("get*").Matches("get"));
  EXPECT_FALSE(GlobPattern("get*").Matches("ge"));
  EXPECT_TRUE(GlobPattern("*object").Matches("object"));
  EXPECT_FALSE(GlobPattern("*object").Matches("objects"));
  EXPECT_FALSE(GlobPattern("Get*").Matches("getobject"));
  EXPECT_TRUE(GlobPattern("Get*").MatchesFold("getobject"));
  EXPECT_TRUE(GlobPattern("*OBJECT").MatchesFold("getobject"));
  EXPECT_TRUE(GlobPattern("GETOBJECT").MatchesFold("getobject"));
  // Copies keep working (the classified core is not a dangling view).
  GlobPattern copy;
  {
    const GlobPattern original(std::string("prefix-") + "*");
    copy = original;
  }
  EXPECT_TRUE(copy.Matches("prefix-abc"));
  EXPECT_FALSE(copy.Matches("prefi"));
}

TEST(Glob, HasWildcard) {
  EXPECT_TRUE(HasWildcard("a*"));
  EXPECT_TRUE(HasWildcard("?"));
  EXPECT_FALSE(HasWildcard("abc"));
  EXPECT_FALSE(HasWildcard(""));
}

// PieceVector keeps order when it spills past its inline capacity.
TEST(GlobPieces, PieceVectorSpillsInOrder) {
  PieceVector v;
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < PieceVector::kInline + 5; ++i) texts.push_back(std::string(1, static_cast<char>('a' + i % 26)));
  for (const std::string& t : texts) v.push_back(Piece{t, false});
  ASSERT_EQ(v.size(), texts.size());
  std::string joined, expected;
  for (const Piece& p : v.span()) joined += p.text;
  for (const std::string& t : texts) expected += t;
  EXPECT_EQ(joined, expected);
  EXPECT_TRUE(PiecesEqual(v.span(), expected));
  v.clear();
  EXPECT_EQ(v.size(), 0u);
}

}  // namespace
}  // namespace gatehouse::policy
