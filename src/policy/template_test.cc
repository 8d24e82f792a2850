// policy/template_test.cc: policy variables (docs/semantics.md §3.4,
// fact sheet §4): ${key}, ${key, 'default'}, the escapes ${*} ${?} ${$},
// syntax errors, and resolution against the request context.
#include "policy/template.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/ascii.h"
#include "policy/context.h"
#include "policy/glob.h"

namespace gatehouse::policy {
namespace {

using Kind = TemplatePart::Kind;

Template MustParse(std::string_view s, bool enabled = true) {
  Result<Template> t = Template::Parse(s, enabled);
  EXPECT_TRUE(t.ok()) << s << ": " << (t.ok() ? "" : t.error().message);
  return t.ok() ? std::move(t).value() : Template{};
}

Error MustFail(std::string_view s) {
  Result<Template> t = Template::Parse(s, true);
  EXPECT_FALSE(t.ok()) << "expected an error for " << s;
  return t.ok() ? Error{} : t.error();
}

// The resolved pieces joined, with literal pieces bracketed: "a[lit]b".
std::string Show(const Template& t, const RequestContext& ctx) {
  PieceVector out;
  if (!Resolve(t, ctx, out)) return "<unresolvable>";
  std::string s;
  for (const Piece& p : out.span()) {
    if (p.literal) s += "[";
    s.append(p.text);
    if (p.literal) s += "]";
  }
  return s;
}

// ------------------------------------------------------------------- parsing

TEST(TemplateParse, PlainText) {
  const Template t = MustParse("arn:aws:s3:::bucket/*");
  EXPECT_TRUE(t.is_plain());
  EXPECT_FALSE(t.has_variables());
  EXPECT_EQ(t.plain(), "arn:aws:s3:::bucket/*");
  const Template e = MustParse("");
  EXPECT_TRUE(e.empty());
  EXPECT_FALSE(e.is_plain());
  EXPECT_EQ(e.plain(), "");
}

// A '$' or '{' that does not start "${" is ordinary text.
TEST(TemplateParse, DollarWithoutBraceIsText) {
  for (std::string_view s : {"$", "a$", "$x", "{a}", "a$ {b}", "$$", "}"}) {
    const Template t = MustParse(s);
    EXPECT_TRUE(t.is_plain()) << s;
    EXPECT_EQ(t.plain(), s);
  }
}

// §3.4: ${key}: text, variable, text.
TEST(TemplateParse, Variable) {
  const Template t = MustParse("home/${aws:username}/*");
  EXPECT_TRUE(t.has_variables());
  EXPECT_FALSE(t.is_plain());
  ASSERT_EQ(t.parts().size(), 3u);
  EXPECT_EQ(t.parts()[0].kind, Kind::kText);
  EXPECT_EQ(t.parts()[0].text, "home/");
  EXPECT_EQ(t.parts()[1].kind, Kind::kVariable);
  EXPECT_EQ(t.parts()[1].text, "aws:username");
  EXPECT_EQ(t.parts()[1].key.lower, "aws:username");
  EXPECT_FALSE(t.parts()[1].default_value.has_value());
  EXPECT_EQ(t.parts()[2].kind, Kind::kText);
  EXPECT_EQ(t.parts()[2].text, "/*");
}

// Key names are case-insensitive: the key is stored lower-cased and hashed.
TEST(TemplateParse, KeyIsCaseInsensitive) {
  const Template t = MustParse("${AWS:PrincipalTag/Team}");
  ASSERT_EQ(t.parts().size(), 1u);
  EXPECT_EQ(t.parts()[0].text, "AWS:PrincipalTag/Team");
  EXPECT_EQ(t.parts()[0].key.lower, "aws:principaltag/team");
  EXPECT_EQ(t.parts()[0].key.hash, KeyRef::Of("aws:principaltag/TEAM").hash);
  EXPECT_EQ(KeyRef::Of("X:Y").hash, ascii::HashLower("x:y"));
}

TEST(TemplateParse, AdjacentVariables) {
  const Template t = MustParse("${a:x}${b:y}}");
  ASSERT_EQ(t.parts().size(), 3u);
  EXPECT_EQ(t.parts()[0].kind, Kind::kVariable);
  EXPECT_EQ(t.parts()[1].kind, Kind::kVariable);
  EXPECT_EQ(t.parts()[2].kind, Kind::kText);
  EXPECT_EQ(t.parts()[2].text, "}");
}

// §3.4: ${key, 'default'} (comma + space, single quotes; spaces allowed in
// the default).
TEST(TemplateParse, DefaultValues) {
  const Template t = MustParse("bkt-${aws:PrincipalTag/team, 'company wide'}/*");
  ASSERT_EQ(t.parts().size(), 3u);
  EXPECT_EQ(t.parts()[1].kind, Kind::kVariable);
  ASSERT_TRUE(t.parts()[1].default_value.has_value());
  EXPECT_EQ(*t.parts()[1].default_value, "company wide");
  // Without the space after the comma, and an empty default.
  EXPECT_EQ(*MustParse("${k:x,'d'}").parts()[0].default_value, "d");
  EXPECT_EQ(*MustParse("${k:x, ''}").parts()[0].default_value, "");
  // A default may contain characters that are special elsewhere.
  EXPECT_EQ(*MustParse("${k:x, 'a*b}c'}").parts()[0].default_value, "a*b}c");
}

// §3.4: ${*}, ${?}, ${$} are literal characters; adjacent literals merge.
TEST(TemplateParse, Escapes) {
  const Template t = MustParse("a${*}b${?}${$}");
  EXPECT_FALSE(t.has_variables());
  EXPECT_FALSE(t.is_plain());
  ASSERT_EQ(t.parts().size(), 4u);
  EXPECT_EQ(t.parts()[0].kind, Kind::kText);
  EXPECT_EQ(t.parts()[1].kind, Kind::kLiteral);
  EXPECT_EQ(t.parts()[1].text, "*");
  EXPECT_EQ(t.parts()[2].kind, Kind::kText);
  EXPECT_EQ(t.parts()[3].kind, Kind::kLiteral);
  EXPECT_EQ(t.parts()[3].text, "?$");
}

// §3.4: `${}`, an unclosed `${`, spaces in the key name and a default
// without single quotes are MalformedPolicyDocument. The error's column is
// the 0-based offset of the offending '$'.
TEST(TemplateParse, UnclosedVariable) {
  for (std::string_view s : {"${", "ab${", "${aws:username", "x/${aws:username/*", "${k:x, 'd'"}) {
    const Error e = MustFail(s);
    EXPECT_EQ(e.code, "MalformedPolicyDocument") << s;
  }
  EXPECT_EQ(MustFail("ab${").column, 2u);
  EXPECT_EQ(MustFail("x/${aws:username/*").column, 2u);
  EXPECT_EQ(MustFail("ab${").line, 0u);
}

TEST(TemplateParse, EmptyVariable) {
  const Error e = MustFail("home/${}");
  EXPECT_EQ(e.code, "MalformedPolicyDocument");
  EXPECT_EQ(e.column, 5u);
  EXPECT_NE(e.message.find("Empty"), std::string::npos) << e.message;
  EXPECT_EQ(MustFail("${, 'd'}").code, "MalformedPolicyDocument");
}

TEST(TemplateParse, SpacesInKeyName) {
  for (std::string_view s : {"${ aws:username}", "${aws:username }", "${aws: username}", "${aws:user name}"}) {
    const Error e = MustFail(s);
    EXPECT_EQ(e.code, "MalformedPolicyDocument") << s;
    EXPECT_NE(e.message.find("space"), std::string::npos) << e.message;
  }
}

TEST(TemplateParse, UnquotedOrBadlyQuotedDefault) {
  for (std::string_view s : {"${k:x, d}", "${k:x, \"d\"}", "${k:x,}", "${k:x, 'd}", "${k:x, 'd' x}",
                             "${k:x, 'd'x}"}) {
    const Error e = MustFail(s);
    EXPECT_EQ(e.code, "MalformedPolicyDocument") << s;
  }
  EXPECT_NE(MustFail("${k:x, d}").message.find("single quotes"), std::string::npos);
}

TEST(TemplateParse, EscapesTakeNoDefaultAndNoNesting) {
  EXPECT_EQ(MustFail("${*, 'x'}").code, "MalformedPolicyDocument");
  EXPECT_EQ(MustFail("${a${b}}").code, "MalformedPolicyDocument");
}

// §3.4: only under 2012-10-17; otherwise ${...} is literal text and never
// an error.
TEST(TemplateParse, VariablesDisabled) {
  for (std::string_view s : {"${aws:username}", "${", "${}", "${a b}", "${*}"}) {
    const Template t = MustParse(s, false);
    EXPECT_TRUE(t.is_plain()) << s;
    EXPECT_FALSE(t.has_variables()) << s;
    EXPECT_EQ(t.plain(), s);
  }
}

TEST(TemplateParse, TextFactory) {
  const Template t = Template::Text("${aws:username}");
  EXPECT_TRUE(t.is_plain());
  EXPECT_EQ(t.plain(), "${aws:username}");
  EXPECT_TRUE(Template::Text("").empty());
}

// ---------------------------------------------------------------- resolving

// Substituted text is literal (§3.4 "Substituted text is literal: it is never
// globbed"); ordinary text keeps its wildcards.
TEST(TemplateResolve, VariableBecomesLiteralPiece) {
  RequestContext ctx;
  ctx.Set("aws:username", "alice");
  EXPECT_EQ(Show(MustParse("home/${aws:username}/*"), ctx), "home/[alice]/*");

  PieceVector out;
  ctx.Set("aws:username", "a*");
  // The pieces point into the template: it must outlive them.
  const Template home = MustParse("home/${aws:username}/*");
  ASSERT_TRUE(Resolve(home, ctx, out));
  EXPECT_TRUE(GlobMatch(out.span(), "home/a*/x"));
  EXPECT_FALSE(GlobMatch(out.span(), "home/abc/x"));
}

// Key names are case-insensitive in both directions.
TEST(TemplateResolve, KeyLookupIgnoresCase) {
  RequestContext ctx;
  ctx.Set("AWS:UserName", "bob");
  EXPECT_EQ(Show(MustParse("${aws:username}"), ctx), "[bob]");
  EXPECT_EQ(Show(MustParse("${AWS:USERNAME}"), ctx), "[bob]");
}

// §3.4: an absent key without a default is unresolvable.
TEST(TemplateResolve, AbsentKeyIsUnresolvable) {
  RequestContext ctx;
  EXPECT_EQ(Show(MustParse("home/${aws:username}"), ctx), "<unresolvable>");
}

// The default is used when the key is absent, and only then.
TEST(TemplateResolve, DefaultUsedOnlyWhenNoValue) {
  const Template t = MustParse("bkt-${aws:PrincipalTag/team, 'company-wide'}");
  RequestContext none;
  EXPECT_EQ(Show(t, none), "bkt-[company-wide]");
  RequestContext with;
  with.Set("aws:PrincipalTag/Team", "blue");
  EXPECT_EQ(Show(t, with), "bkt-[blue]");
  RequestContext empty_value;
  empty_value.Set("aws:PrincipalTag/team", "");
  EXPECT_EQ(Show(t, empty_value), "bkt-[]");  // an empty value is a value
}

// §3.4: a multi-valued key is unresolvable (its default applies if given);
// an empty array is an absent key (§3.2).
TEST(TemplateResolve, MultiValuedKeys) {
  RequestContext ctx;
  ctx.SetMulti("aws:TagKeys", {"a", "b"});
  EXPECT_EQ(Show(MustParse("${aws:TagKeys}"), ctx), "<unresolvable>");
  EXPECT_EQ(Show(MustParse("${aws:TagKeys, 'd'}"), ctx), "[d]");
  ctx.SetMulti("aws:TagKeys", {"only"});
  EXPECT_EQ(Show(MustParse("${aws:TagKeys}"), ctx), "<unresolvable>");
  ctx.SetMulti("aws:TagKeys", {});
  EXPECT_EQ(Show(MustParse("${aws:TagKeys}"), ctx), "<unresolvable>");
  EXPECT_EQ(Show(MustParse("${aws:TagKeys, 'd'}"), ctx), "[d]");
}

TEST(TemplateResolve, EscapesResolveToLiteralPieces) {
  RequestContext ctx;
  PieceVector out;
  const Template b = MustParse("b/${*}");
  ASSERT_TRUE(Resolve(b, ctx, out));
  EXPECT_TRUE(GlobMatch(out.span(), "b/*"));
  EXPECT_FALSE(GlobMatch(out.span(), "b/abc"));
  EXPECT_EQ(Show(MustParse("a${$}{x}"), ctx), "a[$]{x}");
}

// One unresolvable variable makes the whole template unresolvable.
TEST(TemplateResolve, OneMissingVariableFailsTheWhole) {
  RequestContext ctx;
  ctx.Set("aws:username", "alice");
  EXPECT_EQ(Show(MustParse("${aws:username}/${aws:PrincipalTag/x}"), ctx), "<unresolvable>");
  ctx.Set("aws:PrincipalTag/x", "1");
  EXPECT_EQ(Show(MustParse("${aws:username}/${aws:PrincipalTag/x}"), ctx), "[alice]/[1]");
}

TEST(TemplateResolve, PlainTemplateResolvesToItsText) {
  RequestContext ctx;
  EXPECT_EQ(Show(MustParse("a*b"), ctx), "a*b");
  EXPECT_EQ(Show(MustParse("${aws:username}", false), ctx), "${aws:username}");
}

// The context itself: set/replace/erase by case-insensitive name.
TEST(RequestContextBasics, SetReplaceEraseIgnoringCase) {
  RequestContext ctx;
  ctx.Set("aws:SourceVpc", "vpc-1");
  ctx.Set("AWS:SOURCEVPC", "vpc-2");
  ASSERT_EQ(ctx.entries().size(), 1u);
  ASSERT_NE(ctx.Single("aws:sourcevpc"), nullptr);
  EXPECT_EQ(*ctx.Single("aws:sourcevpc"), "vpc-2");
  ctx.SetMulti("aws:sourcevpc", {"a", "b"});
  EXPECT_EQ(ctx.Single("aws:SourceVpc"), nullptr);  // multi-valued: no single value
  ASSERT_NE(ctx.Find("aws:SourceVpc"), nullptr);
  EXPECT_TRUE(ctx.Find("aws:SourceVpc")->multi);
  ctx.Erase("Aws:SourceVPC");
  EXPECT_EQ(ctx.Find("aws:SourceVpc"), nullptr);
  EXPECT_TRUE(ctx.entries().empty());
}

// Many keys: the hash index finds every one after growing.
TEST(RequestContextBasics, ManyKeysAllFound) {
  RequestContext ctx;
  for (int i = 0; i < 200; ++i) ctx.Set("svc:Key" + std::to_string(i), std::to_string(i));
  for (int i = 0; i < 200; ++i) {
    const std::string* v = ctx.Single("SVC:key" + std::to_string(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, std::to_string(i));
  }
  EXPECT_EQ(ctx.Find("svc:key200"), nullptr);
  ctx.Erase("svc:key7");
  EXPECT_EQ(ctx.Find("svc:key7"), nullptr);
  ASSERT_NE(ctx.Single("svc:key8"), nullptr);
  EXPECT_EQ(*ctx.Single("svc:key8"), "8");
}

// §3.2: an empty array in the context means the key is absent.
TEST(RequestContextBasics, EmptyArrayIsNotPresent) {
  RequestContext ctx;
  ctx.SetMulti("aws:TagKeys", {});
  ASSERT_NE(ctx.Find("aws:TagKeys"), nullptr);
  EXPECT_FALSE(ctx.Find("aws:TagKeys")->present());
  ctx.Set("aws:x", "");
  EXPECT_TRUE(ctx.Find("aws:x")->present());
}

}  // namespace
}  // namespace gatehouse::policy
