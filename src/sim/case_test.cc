// sim/case_test.cc: the simulation case format (../shared/spec/
// simulate-case.md): the reader (JSON Lines vs one multi-line object),
// error objects (InvalidInput vs MalformedPolicyDocument with policy name and
// position), the context keys derived by the simulator (docs/semantics.md
// §5) and the rendered result lines.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "json/parse.h"
#include "policy/parser.h"
#include "sim/case.h"
#include "sim/output.h"
#include "sim/reader.h"
#include "sim/simulate.h"

namespace gatehouse::sim {
namespace {

// Line:column (code points) of the nth occurrence of `needle` in `text`,
// with the text's first line numbered `first_line`.
std::string Loc(std::string_view text, std::string_view needle, std::uint32_t first_line = 1, int nth = 0) {
  std::size_t off = text.find(needle);
  for (int i = 0; i < nth && off != std::string_view::npos; ++i) off = text.find(needle, off + 1);
  EXPECT_NE(off, std::string_view::npos) << "needle not found: " << needle;
  if (off == std::string_view::npos) return "?";
  std::uint32_t line = first_line, col = 1;
  for (std::size_t i = 0; i < off; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

std::string At(const Error& e) { return std::to_string(e.line) + ":" + std::to_string(e.column); }

std::vector<CaseText> ReadAll(const std::string& input) {
  std::istringstream in(input);
  CaseReader reader(in);
  std::vector<CaseText> out;
  while (std::optional<CaseText> c = reader.Next()) out.push_back(std::move(*c));
  EXPECT_FALSE(reader.Next().has_value());  // stays at the end
  return out;
}

PrepareResult Prep(const std::string& text, std::uint32_t first_line = 1) {
  return PrepareText(CaseText{text, first_line});
}

// Both return copies: the PrepareResult is usually a temporary.
CaseError MustFail(const PrepareResult& r) {
  EXPECT_TRUE(r.error.has_value()) << "expected an error";
  EXPECT_EQ(r.prepared, nullptr);
  return r.error ? *r.error : CaseError{};
}

policy::Request MustPrepare(const PrepareResult& r) {
  EXPECT_FALSE(r.error.has_value()) << (r.error ? r.error->error.code + ": " + r.error->error.message : "");
  EXPECT_NE(r.prepared, nullptr);
  return r.prepared ? r.prepared->request() : policy::Request{};
}

std::string Ctx(const policy::Request& r, std::string_view key) {
  const std::string* v = r.context.Single(key);
  return v ? *v : "<absent>";
}

// A minimal case with the given request fields (JSON members text) and
// policies (JSON object text).
std::string Case(std::string_view request_members, std::string_view policies = "{}") {
  return R"({"name": "c", "policies": )" + std::string(policies) + R"(, "request": {)" + std::string(request_members) + "}}";
}
constexpr const char* kUserReq =
    R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k")";
std::string Req(std::string_view principal, std::string_view extra = "") {
  return R"("principal": ")" + std::string(principal) + R"(", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k")" +
         std::string(extra);
}

// ================================================================== reader

// simulate-case.md: a file holds JSON Lines, one case per line.
TEST(CaseReader, JsonLines) {
  const auto cases = ReadAll("{\"name\": \"a\"}\n{\"name\": \"b\"}\n{\"name\": \"c\"}");
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].text, "{\"name\": \"a\"}");
  EXPECT_EQ(cases[0].first_line, 1u);
  EXPECT_EQ(cases[1].first_line, 2u);
  EXPECT_EQ(cases[2].text, "{\"name\": \"c\"}");
  EXPECT_EQ(cases[2].first_line, 3u);
}

// Blank (and whitespace-only) lines are skipped but still counted.
TEST(CaseReader, BlankLinesSkippedButCounted) {
  const auto cases = ReadAll("\n   \n{\"name\": \"a\"}\n\t\n\n{\"name\": \"b\"}\n\n");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].first_line, 3u);
  EXPECT_EQ(cases[1].first_line, 6u);
}

// CRLF line ends are stripped.
TEST(CaseReader, CrlfLineEnds) {
  const auto cases = ReadAll("{\"name\": \"a\"}\r\n\r\n{\"name\": \"b\"}\r\n");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].text, "{\"name\": \"a\"}");
  EXPECT_EQ(cases[1].text, "{\"name\": \"b\"}");
  EXPECT_EQ(cases[1].first_line, 3u);
}

// simulate-case.md: ... or one JSON object spread over many lines: the whole
// input is one case, starting at its first non-blank line.
TEST(CaseReader, OneMultiLineObject) {
  const std::string input = "\n\n{\n  \"name\": \"x\",\n\n  \"request\": {}\n}\n";
  const auto cases = ReadAll(input);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].first_line, 3u);
  EXPECT_EQ(cases[0].text, "{\n  \"name\": \"x\",\n\n  \"request\": {}\n}\n");
  EXPECT_TRUE(json::Parse(cases[0].text).ok());
}

TEST(CaseReader, MultiLineObjectWithCrlf) {
  const auto cases = ReadAll("{\r\n  \"name\": \"x\"\r\n}\r\n");
  ASSERT_EQ(cases.size(), 1u);
  Result<json::Document> v = json::Parse(cases[0].text);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Find("name")->text, "x");
}

// A malformed (not merely incomplete) first line keeps JSON Lines mode, so
// the following cases still run.
TEST(CaseReader, BrokenFirstLineKeepsJsonLines) {
  const auto cases = ReadAll("{\"name\": }\n{\"name\": \"b\"}\n");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[1].first_line, 2u);
}

// Once in JSON Lines mode, an incomplete later line is one (broken) case.
TEST(CaseReader, IncompleteLaterLineIsOneCase) {
  const auto cases = ReadAll("{\"name\": \"a\"}\n{\"name\":\n\"b\"}\n");
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[1].text, "{\"name\":");
}

TEST(CaseReader, EmptyInputs) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n \n\t\r\n").empty());
}

// ============================================================ error objects

// simulate-case.md: malformed JSON is an error object; the next case still
// runs. Case-structure errors are InvalidInput.
TEST(CaseErrors, MalformedJsonIsInvalidInputWithLine) {
  const CaseError& e = MustFail(Prep(R"({"name": "x", "request": })", 7));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(e.error.message.rfind("malformed JSON", 0), 0u) << e.error.message;
  EXPECT_EQ(At(e.error), "7:26");
}

TEST(CaseErrors, CaseMustBeAnObject) {
  const CaseError& e = MustFail(Prep("[1, 2]"));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(At(e.error), "1:1");
}

TEST(CaseErrors, NameMustBeString) {
  const std::string text = R"({"request": {}, "name": 5})";
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(At(e.error), Loc(text, "5}"));
}

// simulate-case.md: the name is echoed back, even on error.
TEST(CaseErrors, NameEchoedOnError) {
  const PrepareResult r = Prep(R"({"name": "my case", "request": {"principal": 1}})");
  ASSERT_TRUE(r.error.has_value());
  ASSERT_TRUE(r.name.has_value());
  EXPECT_EQ(*r.name, "my case");
  const std::string line = RenderError(r.name, *r.error);
  EXPECT_EQ(line.rfind(R"({"name":"my case","error":{"code":"InvalidInput",)", 0), 0u) << line;
}

TEST(CaseErrors, UnknownCaseField) {
  const std::string bad = R"({"name": "c", "polices": {}, "request": {}})";
  const CaseError& e = MustFail(Prep(bad));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(At(e.error), Loc(bad, "\"polices\""));
  EXPECT_NE(e.error.message.find("polices"), std::string::npos);
  // "expected" and "note" (conformance corpus fields) are accepted.
  MustPrepare(Prep(R"({"name": "c", "expected": {"decision": "Allow"}, "note": "x", "request": {)" +
                   std::string(kUserReq) + "}}"));
}

TEST(CaseErrors, MissingRequest) {
  const CaseError& e = MustFail(Prep(R"(  {"name": "c", "policies": {}})"));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(At(e.error), "1:3");
  EXPECT_NE(e.error.message.find("request"), std::string::npos);
}

// §1.1: duplicate keys are rejected; in the case structure they are
// InvalidInput at the second key.
TEST(CaseErrors, DuplicateKeyInCaseStructure) {
  const std::string text = Case(Req("arn:aws:iam::111111111111:user/alice", R"(, "action": "s3:PutObject")"));
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(At(e.error), Loc(text, "\"action\"", 1, 1));
  EXPECT_NE(e.error.message.find("duplicate key"), std::string::npos);
}

TEST(CaseErrors, RequestFieldErrors) {
  struct Bad {
    std::string request;
    std::string needle;  // where the error points
  };
  const std::vector<Bad> bad = {
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*", "contxt": {})",
       "\"contxt\""},
      {R"("action": "s3:GetObject", "resource": "*", "principal": 42)", "42"},
      {R"("action": "s3:GetObject", "resource": "*", "principal": "")", "\"\"}"},
      {R"("action": "s3:GetObject", "resource": "*", "principal": "arn:aws:iam::111111111111:role/R")",
       "\"arn:aws:iam::111111111111:role/R\""},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "resource": "*", "action": "s3GetObject")", "\"s3GetObject\""},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "resource": "*", "action": "s3:Get*")", "\"s3:Get*\""},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "resource": "*", "action": "s3:")", "\"s3:\""},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "resource": "*", "action": "*")", "\"*\"}"},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "resource": "*", "action": "s3:a:b")", "\"s3:a:b\""},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": 5)", "5}"},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*",
          "principalAccount": 111111111111)",
       "111111111111}"},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*",
          "resourceAccount": null)",
       "null"},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*",
          "context": [])",
       "[]"},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*",
          "context": {"aws:x": null})",
       "null"},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*",
          "context": {"aws:x": {"a": 1}})",
       "{\"a\""},
      {R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "*",
          "context": {"aws:x": ["a", ["b"]]})",
       "[\"b\"]"},
  };
  for (const Bad& b : bad) {
    const std::string text = Case(b.request);
    const CaseError& e = MustFail(Prep(text));
    EXPECT_EQ(e.error.code, kInvalidInput) << b.request;
    EXPECT_EQ(At(e.error), Loc(text, b.needle)) << b.request << "\n" << e.error.message;
  }
}

TEST(CaseErrors, MissingRequestFields) {
  for (std::string_view missing : {"principal", "action", "resource"}) {
    std::string req;
    for (std::string_view f : {"principal", "action", "resource"}) {
      if (f == missing) continue;
      const std::string value = f == "principal" ? "arn:aws:iam::111111111111:user/alice"
                                : f == "action"  ? "s3:GetObject"
                                                 : "*";
      req += std::string(req.empty() ? "" : ", ") + "\"" + std::string(f) + "\": \"" + value + "\"";
    }
    const CaseError& e = MustFail(Prep(Case(req)));
    EXPECT_EQ(e.error.code, kInvalidInput) << missing;
    EXPECT_NE(e.error.message.find(std::string(missing)), std::string::npos) << e.error.message;
  }
}

// simulate-case.md: key names are case-insensitive, so a key given twice in
// different case is an error at the second key.
TEST(CaseErrors, ContextKeyTwiceInDifferentCase) {
  const std::string text = Case(std::string(kUserReq) + R"(, "context": {"aws:SourceVpc": "a", "AWS:SOURCEVPC": "b"})");
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, kInvalidInput);
  EXPECT_EQ(At(e.error), Loc(text, "\"AWS:SOURCEVPC\""));
  EXPECT_NE(e.error.message.find("twice"), std::string::npos);
}

TEST(CaseErrors, PolicySlotErrors) {
  struct Bad {
    std::string policies;
    std::string needle;  // where the error points (its nth occurrence in the case)
    int nth;
    std::string policy;  // the policy named in the error ("" when none)
  };
  const std::vector<Bad> bad = {
      {R"([])", "[]", 0, ""},
      {R"({"identities": []})", "\"identities\"", 0, ""},
      {R"({"identity": {"name": "P", "document": {}}})", "{\"name\"", 1, ""},
      {R"({"identity": ["P"]})", "\"P\"", 0, "identity[0]"},
      {R"({"identity": [{"name": "P"}]})", "{\"name\"", 1, "P"},
      // The given name is reported even when it follows the bad field.
      {R"({"identity": [{"Document": {}, "name": "P"}]})", "\"Document\"", 0, "P"},
      {R"({"identity": [{"name": 7, "document": {}}]})", "7", 0, "identity[0]"},
      {R"({"scp": [{"name": "P", "document": {}}]})", "{\"name\"", 1, ""},
      {R"({"rcp": {}})", "{}", 0, ""},
  };
  for (const Bad& b : bad) {
    const std::string text = Case(kUserReq, b.policies);
    const CaseError& e = MustFail(Prep(text));
    EXPECT_EQ(e.error.code, kInvalidInput) << b.policies;
    EXPECT_EQ(At(e.error), Loc(text, b.needle, 1, b.nth)) << b.policies << "\n" << e.error.message;
    EXPECT_EQ(e.policy, b.policy) << b.policies;
  }
}

// §1.4: a document given as a JSON object reports positions in the case
// file, with the policy name.
TEST(CaseErrors, MalformedDocumentObjectPositionInFile) {
  const std::string line2 = Case(kUserReq, R"({"identity": [{"name": "AllowStart", "document": {"Version": "2012-10-17",
    "Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}}]})");
  // As the second line of a JSON Lines file the document spans two lines.
  const CaseError& e = MustFail(Prep(line2, 2));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(e.policy, "AllowStart");
  EXPECT_EQ(At(e.error), Loc(line2, "\"allow\"", 2));
  EXPECT_EQ(e.error.line, 3u);
}

// Through the reader: a multi-line case file keeps file line numbers.
TEST(CaseErrors, MalformedDocumentInMultiLineFile) {
  const std::string file =
      "\n"
      "{\n"
      "  \"name\": \"multi\",\n"
      "  \"request\": {\"principal\": \"arn:aws:iam::111111111111:user/alice\",\n"
      "              \"action\": \"s3:GetObject\", \"resource\": \"*\"},\n"
      "  \"policies\": {\"identity\": [{\"name\": \"P\", \"document\": {\n"
      "      \"Statement\": [{\"Effect\": \"Allow\",\n"
      "                     \"Action\": \"s3GetObject\", \"Resource\": \"*\"}]}}]}\n"
      "}\n";
  const auto cases = ReadAll(file);
  ASSERT_EQ(cases.size(), 1u);
  const PrepareResult r = PrepareText(cases[0]);
  const CaseError& e = MustFail(r);
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(e.policy, "P");
  EXPECT_EQ(At(e.error), Loc(file, "\"s3GetObject\""));
  EXPECT_EQ(At(e.error), "8:32");
}

// §1.4: a document given as a JSON string reports positions in that
// string's text.
TEST(CaseErrors, MalformedDocumentStringPositionInString) {
  const std::string text = Case(kUserReq, R"({"identity": [{"name": "S", "document":
      "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}"}]})");
  const CaseError& e = MustFail(Prep(text, 5));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(e.policy, "S");
  // Line 2 of the document text, column of "allow" in it.
  EXPECT_EQ(At(e.error), Loc("{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"allow\"", "\"allow\""));
  EXPECT_EQ(At(e.error), "2:26");
}

TEST(CaseErrors, DocumentStringWithJsonSyntaxError) {
  const std::string text = Case(kUserReq, R"({"boundary": {"name": "B", "document": "{\"Statement\": [}"}})");
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(e.policy, "B");
  EXPECT_EQ(e.error.line, 1u);
  EXPECT_EQ(e.error.column, 16u);
}

TEST(CaseErrors, DocumentOfWrongType) {
  const std::string text = Case(kUserReq, R"({"identity": [{"name": "N", "document": 12}]})");
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(e.policy, "N");
  EXPECT_EQ(At(e.error), Loc(text, "12}"));
}

// §1.1: a duplicate key inside a policy document is the document's error
// (MalformedPolicyDocument), for objects and for strings.
TEST(CaseErrors, DuplicateKeyInsideDocument) {
  const std::string obj = Case(kUserReq, R"({"identity": [{"name": "D", "document":
    {"Statement": [], "Statement": []}}]})");
  const CaseError& e = MustFail(Prep(obj));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(e.policy, "D");
  EXPECT_EQ(At(e.error), Loc(obj, "\"Statement\"", 1, 1));
  const std::string str = Case(kUserReq, R"({"identity": [{"name": "D", "document": "{\"Statement\": [], \"Statement\": []}"}]})");
  const CaseError& e2 = MustFail(Prep(str));
  EXPECT_EQ(e2.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(At(e2.error), "1:19");
}

// Default policy names name the slot and index.
TEST(CaseErrors, DefaultPolicyNames) {
  const std::string bad_doc = R"({"document": {"Statement": {"Effect": "Permit", "Action": "*", "Resource": "*"}}})";
  const std::string ok_doc = R"({"document": {"Statement": []}})";
  const std::pair<std::string, std::string> cases[] = {
      {R"({"identity": [)" + ok_doc + ", " + bad_doc + "]}", "identity[1]"},
      {R"({"session": [)" + bad_doc + "]}", "session[0]"},
      {R"({"boundary": )" + bad_doc + "}", "boundary"},
      {R"({"scp": [[)" + ok_doc + "], [" + ok_doc + ", " + bad_doc + "]]}", "scp[1][1]"},
  };
  for (const auto& [policies, name] : cases) {
    const CaseError& e = MustFail(Prep(Case(kUserReq, policies)));
    EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument) << policies;
    EXPECT_EQ(e.policy, name) << policies;
  }
}

// §1.4: size errors are LimitExceeded, with the policy name.
TEST(CaseErrors, LimitExceededPassesThrough) {
  const std::string sid(2100, 'A');
  const std::string text =
      Case(kUserReq, R"({"session": [{"name": "Big", "document": {"Statement": {"Sid": ")" + sid +
                         R"(", "Effect": "Allow", "Action": "*", "Resource": "*"}}}]})");
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, policy::kLimitExceeded);
  EXPECT_EQ(e.policy, "Big");
}

// §1.1: the character-set check applies to an embedded document's own text,
// at its position in the file.
TEST(CaseErrors, CharsetOfEmbeddedDocument) {
  const std::string text = Case(kUserReq, "{\"identity\": [{\"name\": \"U\", \"document\": {\"Statement\": {\"Effect\": "
                                          "\"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::\xE4\xB8\xAD\"}}}]}");
  const CaseError& e = MustFail(Prep(text, 4));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_EQ(At(e.error), Loc(text, "\xE4\xB8\xAD", 4));
  // Text outside the document (e.g. the case name) is not policy text.
  MustPrepare(Prep("{\"name\": \"\xE4\xB8\xAD\", \"request\": {" + std::string(kUserReq) + "}}"));
}

// The resource slot holds a role trust policy when the resource is a role.
TEST(CaseErrors, ResourceSlotTypeFollowsResource) {
  const std::string trust_with_resource = R"({"resource": {"name": "T", "document": {"Statement": {"Effect": "Allow",
    "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*"}}}})";
  const std::string role_req = R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "sts:AssumeRole",
    "resource": "arn:aws:iam::111111111111:role/R")";
  const std::string text = Case(role_req, trust_with_resource);
  const CaseError& e = MustFail(Prep(text));
  EXPECT_EQ(e.error.code, policy::kMalformedPolicyDocument);
  EXPECT_NE(e.error.message.find("Has prohibited field Resource"), std::string::npos);
  EXPECT_EQ(At(e.error), Loc(text, "\"Resource\""));
  // The same document on a bucket is a valid resource policy.
  MustPrepare(Prep(Case(kUserReq, trust_with_resource)));
  // A bucket policy without Principal is not.
  const std::string no_principal =
      R"({"resource": {"name": "B", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}})";
  EXPECT_NE(MustFail(Prep(Case(kUserReq, no_principal))).error.message.find("Missing required field Principal"),
            std::string::npos);
}

// ============================================================ derived keys

// §5: an IAM user: PrincipalArn, PrincipalType User, username, account; no
// userid (a unique id cannot be derived from an ARN).
TEST(DerivedKeys, IamUser) {
  const PrepareResult r = Prep(Case(Req("arn:aws:iam::111111111111:user/path/alice")));
  const policy::Request& q = MustPrepare(r);
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"), "arn:aws:iam::111111111111:user/path/alice");
  EXPECT_EQ(Ctx(q, "aws:PrincipalType"), "User");
  EXPECT_EQ(Ctx(q, "aws:username"), "alice");
  EXPECT_EQ(Ctx(q, "aws:PrincipalAccount"), "111111111111");
  EXPECT_EQ(Ctx(q, "aws:userid"), "<absent>");
  EXPECT_EQ(q.principal.principal_arn, "arn:aws:iam::111111111111:user/path/alice");
}

// §5: a role session: PrincipalArn is the role ARN; no username.
TEST(DerivedKeys, RoleSession) {
  const policy::Request& q = MustPrepare(Prep(Case(Req("arn:aws:sts::111111111111:assumed-role/Admin/alice"))));
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"), "arn:aws:iam::111111111111:role/Admin");
  EXPECT_EQ(Ctx(q, "aws:PrincipalType"), "AssumedRole");
  EXPECT_EQ(Ctx(q, "aws:username"), "<absent>");
  EXPECT_EQ(Ctx(q, "aws:userid"), "<absent>");
  EXPECT_EQ(Ctx(q, "aws:PrincipalAccount"), "111111111111");
  EXPECT_EQ(q.principal.principal_arn, "arn:aws:iam::111111111111:role/Admin");
}

// §5: AWSReservedSSO_* roles live under aws-reserved/sso.amazonaws.com/.
TEST(DerivedKeys, SsoRoleSession) {
  const policy::Request& q =
      MustPrepare(Prep(Case(Req("arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/alice"))));
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"),
            "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123456789abcdef");
}

// §5: root: the root ARN, Account, userid = the account id.
TEST(DerivedKeys, Root) {
  const policy::Request& q = MustPrepare(Prep(Case(Req("arn:aws:iam::111111111111:root"))));
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"), "arn:aws:iam::111111111111:root");
  EXPECT_EQ(Ctx(q, "aws:PrincipalType"), "Account");
  EXPECT_EQ(Ctx(q, "aws:userid"), "111111111111");
  EXPECT_EQ(Ctx(q, "aws:username"), "<absent>");
}

// §5: federated user: its ARN, FederatedUser, userid = A:name.
TEST(DerivedKeys, FederatedUser) {
  const policy::Request& q = MustPrepare(Prep(Case(Req("arn:aws:sts::111111111111:federated-user/bob"))));
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"), "arn:aws:sts::111111111111:federated-user/bob");
  EXPECT_EQ(Ctx(q, "aws:PrincipalType"), "FederatedUser");
  EXPECT_EQ(Ctx(q, "aws:userid"), "111111111111:bob");
  EXPECT_EQ(Ctx(q, "aws:PrincipalAccount"), "111111111111");
}

// §5 / fact sheet §5.1: anonymous: Anonymous, userid anonymous, account
// anonymous, no PrincipalArn.
TEST(DerivedKeys, Anonymous) {
  const policy::Request& q = MustPrepare(Prep(Case(Req("anonymous"))));
  EXPECT_EQ(Ctx(q, "aws:PrincipalType"), "Anonymous");
  EXPECT_EQ(Ctx(q, "aws:userid"), "anonymous");
  EXPECT_EQ(Ctx(q, "aws:PrincipalAccount"), "anonymous");
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"), "<absent>");
}

// §5: nothing is derived for a service principal; nor time, MFA or tags.
TEST(DerivedKeys, ServicePrincipalAndNothingElse) {
  const policy::Request& q = MustPrepare(Prep(Case(Req("ec2.amazonaws.com"))));
  EXPECT_TRUE(q.context.entries().empty());
  const policy::Request& u = MustPrepare(Prep(Case(Req("arn:aws:iam::111111111111:user/alice"))));
  EXPECT_EQ(u.context.entries().size(), 4u);
  EXPECT_EQ(Ctx(u, "aws:CurrentTime"), "<absent>");
  EXPECT_EQ(Ctx(u, "aws:MultiFactorAuthPresent"), "<absent>");
}

// simulate-case.md / §5: an explicit value always wins, whatever the case
// of its key name, and feeds principal matching.
TEST(DerivedKeys, ExplicitValueWins) {
  const policy::Request& q = MustPrepare(Prep(Case(Req("arn:aws:sts::111111111111:assumed-role/R/s",
                                                       R"(, "context": {"AWS:PRINCIPALARN": "arn:aws:iam::111111111111:role/path/R",
                                                          "aws:UserId": "AROAEXAMPLEROLEID1234:s", "aws:PrincipalType": "Custom"})"))));
  EXPECT_EQ(Ctx(q, "aws:PrincipalArn"), "arn:aws:iam::111111111111:role/path/R");
  EXPECT_EQ(Ctx(q, "aws:PrincipalType"), "Custom");
  EXPECT_EQ(q.principal.principal_arn, "arn:aws:iam::111111111111:role/path/R");
  EXPECT_EQ(q.principal.user_id, "AROAEXAMPLEROLEID1234:s");
  // No second, derived entry under the canonical spelling.
  int arns = 0;
  for (const auto& e : q.context.entries()) arns += e.lower == "aws:principalarn" ? 1 : 0;
  EXPECT_EQ(arns, 1);
  const policy::Request& u = MustPrepare(Prep(Case(Req("arn:aws:iam::111111111111:user/alice",
                                                       R"(, "context": {"aws:username": "mallory"})"))));
  EXPECT_EQ(Ctx(u, "aws:username"), "mallory");
}

// simulate-case.md: principalAccount and resourceAccount default to the
// account in the ARN; S3 ARNs have none.
TEST(DerivedKeys, Accounts) {
  const policy::Request& s3 = MustPrepare(Prep(Case(kUserReq)));
  EXPECT_EQ(s3.resource_account, "");
  EXPECT_TRUE(s3.same_account());
  const policy::Request& ec2 = MustPrepare(Prep(Case(
      R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "ec2:StartInstances", "resource": "arn:aws:ec2:us-east-1:222222222222:instance/i-1")")));
  EXPECT_EQ(ec2.resource_account, "222222222222");
  EXPECT_FALSE(ec2.same_account());
  const policy::Request& given = MustPrepare(Prep(Case(std::string(kUserReq) +
                                                       R"(, "principalAccount": "333333333333", "resourceAccount": "444444444444")")));
  EXPECT_EQ(given.principal.account, "333333333333");
  EXPECT_EQ(given.resource_account, "444444444444");
  EXPECT_EQ(Ctx(given, "aws:PrincipalAccount"), "333333333333");
}

// simulate-case.md: context values are strings, booleans, numbers or arrays;
// arrays mark multi-valued keys; an empty array is an absent key (§3.2).
TEST(DerivedKeys, ContextValueForms) {
  const policy::Request& q = MustPrepare(Prep(Case(std::string(kUserReq) + R"(, "context": {
      "aws:MultiFactorAuthPresent": true, "aws:EpochTime": 1700000000.50, "aws:TagKeys": ["User", "Env"],
      "aws:Empty": [], "ssm:resourceTag/User": "alice", "aws:Mixed": [1, false, "x"]})")));
  EXPECT_EQ(Ctx(q, "aws:MultiFactorAuthPresent"), "true");
  EXPECT_EQ(Ctx(q, "aws:EpochTime"), "1700000000.50");
  EXPECT_EQ(Ctx(q, "SSM:ResourceTag/user"), "alice");
  const policy::ContextEntry* tags = q.context.Find("aws:tagkeys");
  ASSERT_NE(tags, nullptr);
  EXPECT_TRUE(tags->multi);
  EXPECT_EQ(tags->values, (std::vector<std::string>{"User", "Env"}));
  const policy::ContextEntry* empty = q.context.Find("aws:Empty");
  ASSERT_NE(empty, nullptr);
  EXPECT_FALSE(empty->present());
  EXPECT_EQ(q.context.Find("aws:Mixed")->values, (std::vector<std::string>{"1", "false", "x"}));
}

// ========================================================= rendered results

std::string Field(const json::Value& v, std::string_view key) {
  const json::Value* f = v.Find(key);
  return f == nullptr ? "<absent>" : std::string(f->text);
}

json::Document Render(const std::string& text, std::uint32_t first_line = 1) {
  const std::string line = SimulateOne(CaseText{text, first_line});
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  Result<json::Document> v = json::Parse(line);
  EXPECT_TRUE(v.ok()) << line;
  return v.ok() ? std::move(v).value() : json::Document{};
}

// simulate-case.md "Output": decision, matched (policy, statement, sid,
// effect).
TEST(SimulateOutput, AllowWithMatched) {
  const json::Document v = Render(Case(kUserReq, R"({"identity": [{"name": "AllowStart", "document": {"Version": "2012-10-17",
    "Statement": [{"Sid": "Other", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
                  {"Sid": "Read", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::b/*"}]}}]})"));
  EXPECT_EQ(Field(v, "name"), "c");
  EXPECT_EQ(Field(v, "decision"), "Allow");
  const json::Value* matched = v.Find("matched");
  ASSERT_NE(matched, nullptr);
  ASSERT_EQ(matched->elements.size(), 1u);
  const json::Value& m = matched->elements[0];
  EXPECT_EQ(Field(m, "policy"), "AllowStart");
  EXPECT_EQ(Field(m, "statement"), "1");
  EXPECT_EQ(Field(m, "sid"), "Read");
  EXPECT_EQ(Field(m, "effect"), "Allow");
  EXPECT_EQ(v.Find("deniedBy"), nullptr);
  EXPECT_EQ(v.Find("message"), nullptr);
}

// A Statement given as a single object is index 0; no sid key without a Sid.
TEST(SimulateOutput, ExplicitDenyWithStageAndMessage) {
  const json::Document v = Render(Case(kUserReq, R"({"identity": [{"name": "A", "document":
      {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
    "scp": [[{"name": "Root", "document": {"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}}]]})"));
  EXPECT_EQ(Field(v, "decision"), "ExplicitDeny");
  const json::Value* matched = v.Find("matched");
  ASSERT_NE(matched, nullptr);
  ASSERT_EQ(matched->elements.size(), 1u);
  EXPECT_EQ(Field(matched->elements[0], "policy"), "Root");
  EXPECT_EQ(Field(matched->elements[0], "statement"), "0");
  EXPECT_EQ(matched->elements[0].Find("sid"), nullptr);
  EXPECT_EQ(Field(matched->elements[0], "effect"), "Deny");
  EXPECT_EQ(Field(v, "deniedBy"), "service control policy");
  EXPECT_EQ(Field(v, "message"), "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject "
                                 "on resource: arn:aws:s3:::b/k with an explicit deny in a service control policy");
}

TEST(SimulateOutput, ImplicitDenyHasEmptyMatched) {
  const json::Document v = Render(Case(kUserReq));
  EXPECT_EQ(Field(v, "decision"), "ImplicitDeny");
  ASSERT_NE(v.Find("matched"), nullptr);
  EXPECT_TRUE(v.Find("matched")->elements.empty());
  EXPECT_EQ(Field(v, "deniedBy"), "identity-based policy");
}

// simulate-case.md: the error object carries code, message, policy, line
// and column.
TEST(SimulateOutput, ErrorObject) {
  const std::string text = Case(kUserReq, R"({"identity": [{"name": "Bad", "document": {"Statement": {"Effect": "Allow",
    "Action": "*", "Resource": "*", "Condition": {"StringEqualz": {"aws:x": "1"}}}}}]})");
  const json::Document v = Render(text, 10);
  EXPECT_EQ(Field(v, "name"), "c");
  const json::Value* err = v.Find("error");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(Field(*err, "code"), "MalformedPolicyDocument");
  EXPECT_EQ(Field(*err, "message"), "Invalid Condition type : StringEqualz");
  EXPECT_EQ(Field(*err, "policy"), "Bad");
  EXPECT_EQ(Field(*err, "line") + ":" + Field(*err, "column"), Loc(text, "\"StringEqualz\"", 10));
  EXPECT_EQ(v.Find("decision"), nullptr);
}

// A case without a name has no name in its result.
TEST(SimulateOutput, NoName) {
  const json::Document v = Render(R"({"request": {)" + std::string(kUserReq) + "}}");
  EXPECT_EQ(v.Find("name"), nullptr);
  EXPECT_EQ(Field(v, "decision"), "ImplicitDeny");
}

// simulate-case.md: one result per case, in input order; processing
// continues after an error.
TEST(SimulateOutput, StreamContinuesAfterErrors) {
  const std::string ok = Case(kUserReq, R"({"identity": [{"name": "P", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]})");
  std::istringstream in(ok + "\n{\"name\": \"broken\", \n\n" + ok + "\r\n");
  std::ostringstream out;
  const SimulateSummary s = Simulate(in, out);
  EXPECT_EQ(s.cases, 3u);
  EXPECT_EQ(s.errors, 1u);
  std::vector<std::string> lines;
  std::istringstream o(out.str());
  for (std::string l; std::getline(o, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("\"decision\":\"Allow\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("\"code\":\"InvalidInput\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("\"line\":2"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("\"decision\":\"Allow\""), std::string::npos) << lines[2];
}

// Text format: one readable block per case.
TEST(SimulateOutput, TextFormat) {
  std::istringstream in(Case(kUserReq) + "\n");
  std::ostringstream out;
  Simulate(in, out, OutputFormat::kText);
  EXPECT_EQ(out.str().rfind("c: ImplicitDeny", 0), 0u) << out.str();
  EXPECT_NE(out.str().find("because no identity-based policy allows the s3:GetObject action"), std::string::npos);
}

// End to end through a case: a derived aws:username feeds a policy variable
// (T18/T61 counterpart for users).
TEST(SimulateOutput, DerivedUsernameResolvesVariable) {
  const std::string policies = R"({"identity": [{"name": "Home", "document": {"Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}}}]})";
  const json::Document user = Render(Case(
      R"("principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::home/alice/x")",
      policies));
  EXPECT_EQ(Field(user, "decision"), "Allow");
  const json::Document role = Render(Case(
      R"("principal": "arn:aws:sts::111111111111:assumed-role/alice/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::home/alice/x")",
      policies));
  EXPECT_EQ(Field(role, "decision"), "ImplicitDeny");
}

}  // namespace
}  // namespace gatehouse::sim
