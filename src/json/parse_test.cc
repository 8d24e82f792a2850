// json/parse_test.cc: the positioned strict JSON parser (json/parse.h).
// Positions feed every error the policy parser and the case reader report
// (docs/semantics.md §1.4 "Errors carry the 1-based line and column of the
// offending value"), so they are checked value by value here.
#include "json/parse.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "json/value.h"

namespace gatehouse::json {
namespace {

std::string At(const Position& p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }
std::string At(const Error& e) { return std::to_string(e.line) + ":" + std::to_string(e.column); }

Document MustParse(std::string_view text, const ParseOptions& options = {}) {
  Result<Document> r = Parse(text, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message) << " in: " << text;
  return r.ok() ? std::move(r).value() : Document{};
}

Error MustFail(std::string_view text, const ParseOptions& options = {}) {
  Result<Document> r = Parse(text, options);
  EXPECT_FALSE(r.ok()) << "expected a parse error for: " << text;
  return r.ok() ? Error{} : r.error();
}

// ---------------------------------------------------------------- positions

// Positions are 1-based line and column of the value's first character.
TEST(JsonPositions, ScalarValuesAndKeysOnOneLine) {
  const Document v = MustParse(R"({"a": 1, "bb": "x", "c": true})");
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(At(v.pos), "1:1");
  ASSERT_EQ(v.members.size(), 3u);
  EXPECT_EQ(At(v.members[0].key_pos), "1:2");
  EXPECT_EQ(At(v.members[0].value.pos), "1:7");
  EXPECT_EQ(At(v.members[1].key_pos), "1:10");
  EXPECT_EQ(At(v.members[1].value.pos), "1:16");
  EXPECT_EQ(At(v.members[2].key_pos), "1:21");
  EXPECT_EQ(At(v.members[2].value.pos), "1:26");
}

// Leading whitespace moves the root; the byte offset is kept too.
TEST(JsonPositions, LeadingWhitespaceAndOffsets) {
  const Document v = MustParse("  \n\t [ 10 , 20 ]  ");
  ASSERT_TRUE(v.is_array());
  EXPECT_EQ(At(v.pos), "2:3");
  EXPECT_EQ(v.pos.offset, 5u);
  ASSERT_EQ(v.elements.size(), 2u);
  EXPECT_EQ(At(v.elements[0].pos), "2:5");
  EXPECT_EQ(v.elements[0].pos.offset, 7u);
  EXPECT_EQ(At(v.elements[1].pos), "2:10");
  // end_offset is one past the closing bracket.
  EXPECT_EQ(v.end_offset, 16u);
  EXPECT_EQ(v.elements[1].end_offset, 14u);
}

// Multi-line documents: the line advances at '\n', the column restarts.
TEST(JsonPositions, MultiLineNestedValues) {
  const std::string text = "{\n"
                           "  \"Statement\": [\n"
                           "    {\n"
                           "      \"Effect\": \"Allow\",\n"
                           "      \"Action\": [\"s3:GetObject\",\n"
                           "                 \"s3:PutObject\"]\n"
                           "    }\n"
                           "  ]\n"
                           "}\n";
  const Document v = MustParse(text);
  const Member* st = v.FindMember("Statement");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(At(st->key_pos), "2:3");
  EXPECT_EQ(At(st->value.pos), "2:16");
  ASSERT_EQ(st->value.elements.size(), 1u);
  const Value& s0 = st->value.elements[0];
  EXPECT_EQ(At(s0.pos), "3:5");
  const Member* effect = s0.FindMember("Effect");
  ASSERT_NE(effect, nullptr);
  EXPECT_EQ(At(effect->key_pos), "4:7");
  EXPECT_EQ(At(effect->value.pos), "4:17");
  const Value* action = s0.Find("Action");
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(At(action->pos), "5:17");
  ASSERT_EQ(action->elements.size(), 2u);
  EXPECT_EQ(At(action->elements[0].pos), "5:18");
  EXPECT_EQ(At(action->elements[1].pos), "6:18");
}

// Columns count code points, not bytes: a two-byte 'é' and a four-byte emoji
// each advance the column by one, while offsets stay in bytes.
TEST(JsonPositions, ColumnsCountCodePointsInUtf8) {
  const Document v = MustParse("{\"\xC3\xA9\": \"\xC3\xBC\", \"b\": 1}");
  ASSERT_EQ(v.members.size(), 2u);
  EXPECT_EQ(v.members[0].key, "\xC3\xA9");
  EXPECT_EQ(At(v.members[0].value.pos), "1:7");
  EXPECT_EQ(At(v.members[1].key_pos), "1:12");
  EXPECT_EQ(v.members[1].key_pos.offset, 13u);
  EXPECT_EQ(At(v.members[1].value.pos), "1:17");

  const Document e = MustParse("[\"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\", 5]");
  ASSERT_EQ(e.elements.size(), 2u);
  EXPECT_EQ(At(e.elements[1].pos), "1:8");
  EXPECT_EQ(e.elements[1].pos.offset, 13u);
}

// first_line/first_column place the text inside a larger file (a JSON Lines
// record, an embedded document): the first line is offset by first_column,
// later lines start at column 1.
TEST(JsonPositions, FirstLineAndFirstColumnOptions) {
  ParseOptions o;
  o.first_line = 7;
  o.first_column = 20;
  const Document v = MustParse(" {\"a\":\n  2}", o);
  EXPECT_EQ(At(v.pos), "7:21");
  EXPECT_EQ(At(v.members[0].key_pos), "7:22");
  EXPECT_EQ(At(v.members[0].value.pos), "8:3");
}

TEST(JsonPositions, PositionAtHonoursOptionsAndClampsOffset) {
  const std::string_view text = "ab\ncd\xC3\xA9x";
  EXPECT_EQ(At(PositionAt(text, 0)), "1:1");
  EXPECT_EQ(At(PositionAt(text, 2)), "1:3");
  EXPECT_EQ(At(PositionAt(text, 3)), "2:1");
  EXPECT_EQ(At(PositionAt(text, 7)), "2:4");  // the 'x' after the 2-byte 'é'
  ParseOptions o;
  o.first_line = 3;
  o.first_column = 5;
  EXPECT_EQ(At(PositionAt(text, 1, o)), "3:6");
  EXPECT_EQ(At(PositionAt(text, 4, o)), "4:2");
  // Past the end: clamped to the end of the text.
  EXPECT_EQ(PositionAt(text, 1000).offset, text.size());
}

// ------------------------------------------------------------ value content

TEST(JsonValues, TypesAndStringEscapesDecoded) {
  const Document v = MustParse(R"([null, true, false, "a\u00e9\n\"", {}, []])");
  ASSERT_EQ(v.elements.size(), 6u);
  EXPECT_TRUE(v.elements[0].is_null());
  EXPECT_TRUE(v.elements[1].is_bool());
  EXPECT_TRUE(v.elements[1].boolean);
  EXPECT_TRUE(v.elements[2].is_bool());
  EXPECT_FALSE(v.elements[2].boolean);
  EXPECT_TRUE(v.elements[3].is_string());
  EXPECT_EQ(v.elements[3].text, "a\xC3\xA9\n\"");
  EXPECT_TRUE(v.elements[4].is_object());
  EXPECT_TRUE(v.elements[4].members.empty());
  EXPECT_TRUE(v.elements[5].is_array());
  EXPECT_EQ(TypeName(Type::kObject), "object");
  EXPECT_EQ(TypeName(Type::kNumber), "number");
  EXPECT_EQ(TypeName(Type::kBool), "boolean");
}

// Numbers are kept as their literal text (numeric conditions parse them
// themselves, docs/semantics.md §3.3): no rounding, no normalisation.
TEST(JsonValues, NumbersKeptAsLiteralText) {
  const Document v = MustParse("[1.50, -0, 1e3, 2E-7, 123456789012345678901234567890, 0.1000000000000000055511]");
  ASSERT_EQ(v.elements.size(), 6u);
  for (const Value& e : v.elements) EXPECT_TRUE(e.is_number());
  EXPECT_EQ(v.elements[0].text, "1.50");
  EXPECT_EQ(v.elements[1].text, "-0");
  EXPECT_EQ(v.elements[2].text, "1e3");
  EXPECT_EQ(v.elements[3].text, "2E-7");
  EXPECT_EQ(v.elements[4].text, "123456789012345678901234567890");
  EXPECT_EQ(v.elements[5].text, "0.1000000000000000055511");
}

TEST(JsonValues, FindAndFindMemberAreExactAndObjectOnly) {
  const Document v = MustParse(R"({"Key": 1, "key": 2})");
  ASSERT_NE(v.Find("Key"), nullptr);
  EXPECT_EQ(v.Find("Key")->text, "1");
  EXPECT_EQ(v.Find("key")->text, "2");
  EXPECT_EQ(v.Find("KEY"), nullptr);
  const Document a = MustParse("[1]");
  EXPECT_EQ(a.Find("0"), nullptr);
  EXPECT_EQ(a.FindMember("0"), nullptr);
}

// ------------------------------------------------------------ syntax errors

// Errors carry the SyntaxError code and the position where parsing failed.
TEST(JsonSyntaxErrors, MissingValueHasPosition) {
  const Error e = MustFail(R"({"a": })");
  EXPECT_EQ(e.code, kSyntaxError);
  EXPECT_EQ(At(e), "1:7");
  EXPECT_FALSE(e.message.empty());
  EXPECT_NE(e.message.back(), '.');  // RapidJSON's trailing period is dropped
}

TEST(JsonSyntaxErrors, ErrorOnALaterLine) {
  const Error e = MustFail("{\n  \"a\": 1,\n  \"b\": tru\n}");
  EXPECT_EQ(e.code, kSyntaxError);
  EXPECT_EQ(e.line, 3u);
}

TEST(JsonSyntaxErrors, ErrorPositionUsesFirstLineOption) {
  ParseOptions o;
  o.first_line = 40;
  const Error e = MustFail("[1,\n 2,\n x]", o);
  EXPECT_EQ(At(e), "42:2");
}

// Strict JSON: trailing commas, comments, single quotes, NaN are errors.
TEST(JsonSyntaxErrors, StrictGrammar) {
  for (std::string_view bad : {R"({"a": 1,})", R"([1, 2,])", "// c\n{}", "{'a': 1}", "[NaN]",
                               "[Infinity]", "[01]", "[1.]", "{\"a\" 1}", "[\"\x01\"]"}) {
    const Error e = MustFail(bad);
    EXPECT_EQ(e.code, kSyntaxError) << bad;
    EXPECT_TRUE(e.has_position()) << bad;
  }
}

TEST(JsonSyntaxErrors, TrailingCommaPointsAtTheClosingBrace) {
  const Error e = MustFail(R"({"a": 1,})");
  EXPECT_EQ(At(e), "1:9");
}

// Invalid UTF-8 is rejected (the encoding is validated).
TEST(JsonSyntaxErrors, InvalidUtf8) {
  const Error e = MustFail("[\"ok\", \"\xFF\"]");
  EXPECT_EQ(e.code, kSyntaxError);
  EXPECT_EQ(e.line, 1u);
  const Error e2 = MustFail("[\"\xC3\"]");  // truncated 2-byte sequence
  EXPECT_EQ(e2.code, kSyntaxError);
}

// A text that ends too early says so.
TEST(JsonSyntaxErrors, TruncatedTextIsMarked) {
  const Error e = MustFail("{\"a\": [1, 2");
  EXPECT_EQ(e.code, kSyntaxError);
  EXPECT_NE(e.message.find("ends too early"), std::string::npos) << e.message;
  const Error mid = MustFail("{\"a\": ]}");
  EXPECT_EQ(mid.message.find("ends too early"), std::string::npos) << mid.message;
}

// Exactly one value: anything but whitespace after it is an error at the
// position of the extra text.
TEST(JsonSyntaxErrors, TextAfterTheValue) {
  const Error e = MustFail("{}  x");
  EXPECT_EQ(e.code, kSyntaxError);
  EXPECT_EQ(At(e), "1:5");
  EXPECT_NE(e.message.find("after the JSON value"), std::string::npos);
  const Error e2 = MustFail("{}\n{}");
  EXPECT_EQ(At(e2), "2:1");
  EXPECT_TRUE(Parse("{}  \r\n\t ").ok());
}

TEST(JsonSyntaxErrors, EmptyAndBlankInputs) {
  EXPECT_EQ(MustFail("").code, kSyntaxError);
  EXPECT_EQ(MustFail("   \n ").code, kSyntaxError);
}

// ----------------------------------------------------------- duplicate keys

// docs/semantics.md §1.1: duplicate keys in any JSON object are rejected; the
// error points at the second occurrence.
TEST(JsonDuplicateKeys, RejectedByDefaultAtSecondKey) {
  const Error e = MustFail(R"({"a": 1, "b": 2, "a": 3})");
  EXPECT_EQ(e.code, kDuplicateKey);
  EXPECT_EQ(At(e), "1:18");
  EXPECT_NE(e.message.find("\"a\""), std::string::npos) << e.message;
}

TEST(JsonDuplicateKeys, NestedDuplicateRejectedWithItsPosition) {
  const Error e = MustFail("{\"x\": [\n  {\"k\": 1,\n   \"k\": 2}]}");
  EXPECT_EQ(e.code, kDuplicateKey);
  EXPECT_EQ(At(e), "3:4");
}

// Keys are compared exactly: differing case is not a duplicate.
TEST(JsonDuplicateKeys, CaseDifferingKeysAreDistinct) {
  const Document v = MustParse(R"({"Effect": 1, "effect": 2})");
  EXPECT_EQ(v.members.size(), 2u);
}

TEST(JsonDuplicateKeys, KeptWithAllowDuplicateKeys) {
  ParseOptions o;
  o.allow_duplicate_keys = true;
  const Document v = MustParse(R"({"a": 1, "a": 2})", o);
  ASSERT_EQ(v.members.size(), 2u);
  EXPECT_EQ(v.members[0].value.text, "1");
  EXPECT_EQ(v.members[1].value.text, "2");
  // Find returns the first occurrence.
  EXPECT_EQ(v.Find("a")->text, "1");
}

TEST(JsonDuplicateKeys, FindDuplicateKeyRecursiveAndShallow) {
  ParseOptions o;
  o.allow_duplicate_keys = true;
  const Document v = MustParse(R"({"top": {"in": 1, "in": 2}, "other": 3})", o);
  EXPECT_EQ(FindDuplicateKey(v, false), nullptr);
  const Member* d = FindDuplicateKey(v, true);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "in");
  EXPECT_EQ(d->value.text, "2");
  EXPECT_EQ(At(d->key_pos), "1:19");
}

TEST(JsonDuplicateKeys, FindDuplicateKeyInsideArrays) {
  ParseOptions o;
  o.allow_duplicate_keys = true;
  const Document v = MustParse(R"([1, [{"a": 1}, {"z": 1, "z": 2}]])", o);
  const Member* d = FindDuplicateKey(v, true);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "z");
}

// The result is the earliest repeated key in document order.
TEST(JsonDuplicateKeys, FindDuplicateKeyReturnsEarliestRepeat) {
  ParseOptions o;
  o.allow_duplicate_keys = true;
  const Document v = MustParse(R"({"b": 1, "a": 1, "b": 2, "a": 2})", o);
  const Member* d = FindDuplicateKey(v, false);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "b");
  EXPECT_EQ(d->value.text, "2");
  const Document t = MustParse(R"({"a": 1, "a": 2, "a": 3})", o);
  const Member* d2 = FindDuplicateKey(t, false);
  ASSERT_NE(d2, nullptr);
  EXPECT_EQ(d2->value.text, "2");
}

// `skip` names members not descended into (policy documents inside a case
// are checked separately), but the object holding them is still checked.
TEST(JsonDuplicateKeys, FindDuplicateKeySkip) {
  ParseOptions o;
  o.allow_duplicate_keys = true;
  const Document v = MustParse(R"({"p": [{"document": {"a": 1, "a": 2}}]})", o);
  EXPECT_NE(FindDuplicateKey(v, true), nullptr);
  EXPECT_EQ(FindDuplicateKey(v, true, "document"), nullptr);
  const Document w = MustParse(R"({"document": 1, "document": 2})", o);
  EXPECT_NE(FindDuplicateKey(w, true, "document"), nullptr);
  const Document x = MustParse(R"({"document": {}, "q": {"k": 1, "k": 1}})", o);
  const Member* d = FindDuplicateKey(x, true, "document");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "k");
}

TEST(JsonDuplicateKeys, NoDuplicatesNoResult) {
  const Document v = MustParse(R"({"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]})");
  EXPECT_EQ(FindDuplicateKey(v, true), nullptr);
}

// -------------------------------------------------------------- IsIncomplete

// IsIncomplete tells a multi-line document's first line from a broken JSON
// Lines record (simulate-case.md "A file holds either one JSON object ... or
// JSON Lines").
TEST(JsonIncomplete, TruncatedValuesAreIncomplete) {
  EXPECT_TRUE(IsIncomplete("{"));
  EXPECT_TRUE(IsIncomplete("{\"name\": \"x\","));
  EXPECT_TRUE(IsIncomplete("[1, 2"));
  EXPECT_TRUE(IsIncomplete("{\"a\": \"unterminated"));
  EXPECT_TRUE(IsIncomplete("  {  "));
}

TEST(JsonIncomplete, CompleteOrBrokenValuesAreNot) {
  EXPECT_FALSE(IsIncomplete("{}"));
  EXPECT_FALSE(IsIncomplete(R"({"a": 1})"));
  EXPECT_FALSE(IsIncomplete(R"({"a": })"));
  EXPECT_FALSE(IsIncomplete(R"({"a": 1,})"));
  EXPECT_FALSE(IsIncomplete("{] "));
  EXPECT_FALSE(IsIncomplete("x"));
}

}  // namespace
}  // namespace gatehouse::json
