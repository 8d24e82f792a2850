// tests/differential_test.cc: the compiled engine against the reference
// evaluator (tests/reference/), on thousands of generated cases per run and
// on every decision case of the conformance corpus.
//
// GATEHOUSE_DIFF_SEED (default 1) and GATEHOUSE_DIFF_CASES (default 20000)
// choose the generated cases; a failure prints the seed and the case so it
// can be replayed with `gatehouse policy simulate`.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "case_generator.h"
#include "json/parse.h"
#include "reference_evaluator.h"
#include "sim/simulate.h"

namespace gatehouse {
namespace {

std::uint64_t EnvOr(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 10) : fallback;
}

// The engine's answer in the reference's shape.
reference::Result Engine(const std::string& case_json) {
  reference::Result r;
  const std::string line = sim::SimulateOne(sim::CaseText{case_json, 1});
  Result<json::Document> v = json::Parse(line);
  if (!v.ok()) {
    r.ok = false;
    r.error_code = "unparseable engine output";
    return r;
  }
  if (const json::Value* e = v->Find("error")) {
    r.ok = false;
    r.error_code = std::string(e->Find("code")->text);
    r.error_message = std::string(e->Find("message")->text);
    return r;
  }
  r.decision = std::string(v->Find("decision")->text);
  if (const json::Value* d = v->Find("deniedBy")) r.denied_by = std::string(d->text);
  for (const json::Value& m : v->Find("matched")->elements)
    r.matched.push_back(reference::Matched{std::string(m.Find("policy")->text),
                                           std::stoi(std::string(m.Find("statement")->text)), "",
                                           std::string(m.Find("effect")->text)});
  return r;
}

std::string Describe(const reference::Result& r) {
  if (!r.ok) return "error " + r.error_code + ": " + r.error_message;
  std::string s = r.decision + (r.denied_by.empty() ? "" : " by " + r.denied_by) + " [";
  for (const auto& m : r.matched) s += m.policy + "#" + std::to_string(m.statement) + " ";
  return s + "]";
}

bool Same(const reference::Result& a, const reference::Result& b) {
  if (a.ok != b.ok) return false;
  if (!a.ok) return true;  // both refuse the case
  if (a.decision != b.decision || a.denied_by != b.denied_by || a.matched.size() != b.matched.size()) return false;
  for (std::size_t i = 0; i < a.matched.size(); ++i)
    if (a.matched[i].policy != b.matched[i].policy || a.matched[i].statement != b.matched[i].statement) return false;
  return true;
}

TEST(Differential, GeneratedCasesAgree) {
  const std::uint64_t seed = EnvOr("GATEHOUSE_DIFF_SEED", 1);
  const std::uint64_t count = EnvOr("GATEHOUSE_DIFF_CASES", 20000);
  std::size_t mismatches = 0, errors = 0;
  std::size_t outcomes[3] = {0, 0, 0};
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string c = reference::GenerateCase(seed * 1000003 + i);
    const reference::Result want = reference::EvaluateCase(c);
    const reference::Result got = Engine(c);
    if (!want.ok) ++errors;
    if (got.ok) outcomes[got.decision == "Allow" ? 0 : got.decision == "ExplicitDeny" ? 1 : 2]++;
    if (!Same(want, got)) {
      if (++mismatches <= 5)
        ADD_FAILURE() << "seed " << seed << " case " << i << "\ncase:      " << c << "\nreference: " << Describe(want)
                      << "\nengine:    " << Describe(got);
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << count << " generated cases";
  // The generator produces valid cases; a test that only sees errors, or
  // only one outcome, would prove nothing.
  EXPECT_EQ(errors, 0u);
  EXPECT_GT(outcomes[0], count / 10);
  EXPECT_GT(outcomes[1], count / 10);
  EXPECT_GT(outcomes[2], count / 10);
}

// The reference must also agree with every decision the corpus states, so
// that the two implementations are checked against AWS's documented answers
// and not only against each other.
TEST(Differential, ReferenceAgreesWithCorpus) {
  std::size_t checked = 0;
  std::vector<std::filesystem::path> files;
  for (const char* dir : {GATEHOUSE_CONFORMANCE_DIR, GATEHOUSE_SCENARIOS_DIR})
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".jsonl") files.push_back(e.path());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      Result<json::Document> v = json::Parse(line, {1, 1, true});
      if (!v.ok()) continue;
      const json::Value* expected = v->Find("expected");
      if (expected == nullptr || expected->Find("decision") == nullptr) continue;
      const reference::Result r = reference::EvaluateCase(line);
      ++checked;
      ASSERT_TRUE(r.ok) << path.filename() << ": " << line << "\n" << r.error_message;
      EXPECT_EQ(r.decision, expected->Find("decision")->text) << path.filename() << ": " << line;
      if (const json::Value* by = expected->Find("deniedBy")) {
        EXPECT_EQ(r.denied_by, by->text) << path.filename() << ": " << line;
      }
    }
  }
  EXPECT_GT(checked, 300u);
}

}  // namespace
}  // namespace gatehouse
