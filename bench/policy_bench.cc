// bench/policy_bench.cc: single-thread engine benchmarks (issue 2, item 5):
//   (a) the seed-000 policy pair deciding ssm:StartSession;
//   (b) 20 identity policies with 200 statements (wildcards, conditions);
//   (c) compile time per KB of policy text.
// Case files come from bench/make_cases.py. Figures: docs/performance.md.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "json/parse.h"
#include "json/value.h"
#include "policy/compiled.h"
#include "policy/parser.h"
#include "sim/reader.h"
#include "sim/simulate.h"

namespace {

using gatehouse::sim::PreparedCase;

std::vector<std::unique_ptr<PreparedCase>> LoadCases(const std::string& file) {
  std::ifstream in(std::string(GATEHOUSE_BENCH_CASES) + "/" + file);
  gatehouse::sim::CaseReader reader(in);
  std::vector<std::unique_ptr<PreparedCase>> out;
  while (auto text = reader.Next()) {
    auto r = gatehouse::sim::PrepareText(*text);
    if (r.prepared) out.push_back(std::move(r.prepared));
  }
  return out;
}

void RunCases(benchmark::State& state, const std::vector<std::unique_ptr<PreparedCase>>& cases) {
  if (cases.empty()) {
    state.SkipWithError("no cases (run bench/make_cases.py)");
    return;
  }
  std::size_t next = 0;
  std::int64_t allowed = 0;
  for (auto _ : state) {
    const auto d = cases[next]->Evaluate();
    allowed += d.allowed() ? 1 : 0;
    benchmark::DoNotOptimize(d);
    if (++next == cases.size()) next = 0;
  }
  state.counters["decisions_per_sec"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["allowed_share"] = static_cast<double>(allowed) / static_cast<double>(state.iterations());
}

void BM_Seed000StartSession(benchmark::State& state) {
  static const auto cases = LoadCases("seed000.jsonl");
  RunCases(state, cases);
}
BENCHMARK(BM_Seed000StartSession);

void BM_Realistic20Policies200Statements(benchmark::State& state) {
  static const auto cases = LoadCases("realistic.jsonl");
  RunCases(state, cases);
}
BENCHMARK(BM_Realistic20Policies200Statements);

// The policy documents of the realistic set, as text.
std::vector<std::string> RealisticPolicyTexts() {
  std::ifstream in(std::string(GATEHOUSE_BENCH_CASES) + "/realistic.jsonl");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> out;
  auto doc = gatehouse::json::Parse(line);
  if (!doc.ok()) return out;
  for (const auto& p : doc->Find("policies")->Find("identity")->elements) {
    const auto* d = p.Find("document");
    out.emplace_back(line.substr(d->pos.offset, d->end_offset - d->pos.offset));
  }
  return out;
}

void BM_CompilePerKB(benchmark::State& state) {
  static const auto texts = RealisticPolicyTexts();
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  for (auto _ : state) {
    for (const auto& t : texts) {
      auto p = gatehouse::policy::ParsePolicyText(t, gatehouse::policy::PolicyType::kIdentity);
      auto c = gatehouse::policy::CompiledPolicy::Compile(*p, "P");
      benchmark::DoNotOptimize(c);
    }
  }
  const double kb = static_cast<double>(bytes) / 1024.0;
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  // Time per KB in microseconds: an inverted rate over (KB * 1e-6) units.
  state.counters["us_per_KB"] = benchmark::Counter(kb * 1e-6 * static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_CompilePerKB);

}  // namespace

BENCHMARK_MAIN();
