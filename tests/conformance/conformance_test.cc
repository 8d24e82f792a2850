// tests/conformance/conformance_test.cc: runs every case of
// tests/conformance/*.jsonl through the simulator, exactly as
// `gatehouse policy simulate` does, and compares the result line with the
// case's `expected` (format: tests/conformance/README.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "json/parse.h"
#include "sim/simulate.h"

namespace gatehouse {
namespace {

struct Case {
  std::string file;
  std::uint32_t line = 0;
  std::string text;
  std::string name;
};

std::vector<Case> LoadCorpus() {
  std::vector<Case> out;
  std::vector<std::filesystem::path> files;
  // The corpus proper and the seed scenarios, which live with the examples.
  for (const char* dir : {GATEHOUSE_CONFORMANCE_DIR, GATEHOUSE_SCENARIOS_DIR})
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".jsonl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    std::uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Case c{f.filename().string(), n, line, ""};
      Result<json::Document> v = json::Parse(line, {n, 1, true});
      if (v.ok())
        if (const json::Value* name = v->Find("name"); name && name->is_string()) c.name = std::string(name->text);
      out.push_back(std::move(c));
    }
  }
  return out;
}

const std::vector<Case>& Corpus() {
  static const std::vector<Case> corpus = LoadCorpus();
  return corpus;
}

std::string Str(const json::Value* v) { return v && v->is_string() ? std::string(v->text) : std::string(); }

class Conformance : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Conformance, MatchesExpected) {
  const Case& c = Corpus()[GetParam()];
  SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " " + c.name);
  Result<json::Document> doc = json::Parse(c.text, {c.line, 1, true});
  ASSERT_TRUE(doc.ok()) << "the corpus line itself is not JSON: " << doc.error().message;
  const json::Value* expected = doc->Find("expected");
  ASSERT_NE(expected, nullptr) << "case without \"expected\"";
  ASSERT_TRUE(expected->is_object());
  const json::Value* note = doc->Find("note");
  ASSERT_TRUE(note != nullptr && note->is_string() && !note->text.empty()) << "case without a \"note\"";

  // Each case is run as a one-line input, so expected positions do not
  // depend on where a case sits in its file.
  const std::string result_text = sim::SimulateOne(sim::CaseText{c.text, 1});
  Result<json::Document> result = json::Parse(result_text);
  ASSERT_TRUE(result.ok()) << result_text;
  const std::string note_text = "note: " + std::string(note->text) + "\nresult: " + result_text;

  if (const json::Value* err = expected->Find("error")) {
    const json::Value* got = result->Find("error");
    ASSERT_NE(got, nullptr) << "expected error " << Str(err) << "\n" << note_text;
    EXPECT_EQ(Str(got->Find("code")), Str(err)) << note_text;
    if (const json::Value* p = expected->Find("policy")) {
      EXPECT_EQ(Str(got->Find("policy")), Str(p)) << note_text;
    }
    for (const char* k : {"line", "column"}) {
      if (const json::Value* want = expected->Find(k)) {
        const json::Value* have = got->Find(k);
        ASSERT_NE(have, nullptr) << "no " << k << "\n" << note_text;
        EXPECT_EQ(have->text, want->text) << k << "\n" << note_text;
      }
    }
    return;
  }
  ASSERT_EQ(result->Find("error"), nullptr) << note_text;
  EXPECT_EQ(Str(result->Find("decision")), Str(expected->Find("decision"))) << note_text;
  if (const json::Value* by = expected->Find("deniedBy")) {
    EXPECT_EQ(Str(result->Find("deniedBy")), Str(by)) << note_text;
  }
  if (const json::Value* want = expected->Find("matched")) {
    const json::Value* have = result->Find("matched");
    ASSERT_NE(have, nullptr);
    ASSERT_EQ(have->elements.size(), want->elements.size()) << note_text;
    for (std::size_t i = 0; i < want->elements.size(); ++i) {
      EXPECT_EQ(Str(have->elements[i].Find("policy")), Str(want->elements[i].Find("policy"))) << i << note_text;
      const json::Value* ws = want->elements[i].Find("statement");
      if (ws) {
        EXPECT_EQ(have->elements[i].Find("statement")->text, ws->text) << i << note_text;
      }
    }
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::size_t>& info) {
  const Case& c = Corpus()[info.param];
  std::string n = c.file.substr(0, c.file.find('.')) + "_" + std::to_string(c.line) + "_" + c.name;
  std::replace_if(n.begin(), n.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Conformance, ::testing::Range<std::size_t>(0, Corpus().size()), CaseName);

// The issue asks for a corpus of at least 400 cases, names unique per file.
TEST(ConformanceCorpus, IsLargeAndWellFormed) {
  EXPECT_GE(Corpus().size(), 400u);
  std::set<std::string> seen;
  for (const Case& c : Corpus()) {
    EXPECT_FALSE(c.name.empty()) << c.file << ":" << c.line << " has no name";
    EXPECT_TRUE(seen.insert(c.file + "/" + c.name).second) << "duplicate name " << c.name << " in " << c.file;
  }
}

}  // namespace
}  // namespace gatehouse
