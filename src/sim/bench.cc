// sim/bench.cc: the round-robin benchmark loop.
#include "sim/bench.h"

#include <chrono>
#include <memory>
#include <vector>

#include "sim/reader.h"
#include "sim/simulate.h"

namespace gatehouse::sim {

BenchResult Bench(std::istream& in, double seconds) {
  using Clock = std::chrono::steady_clock;
  BenchResult r;
  std::vector<std::unique_ptr<PreparedCase>> cases;
  CaseReader reader(in);
  const auto compile_start = Clock::now();
  while (std::optional<CaseText> text = reader.Next()) {
    r.policy_bytes += text->text.size();
    PrepareResult p = PrepareText(*text);
    if (p.error) {
      ++r.skipped;
      continue;
    }
    cases.push_back(std::move(p.prepared));
  }
  r.compile_seconds = std::chrono::duration<double>(Clock::now() - compile_start).count();
  r.cases = cases.size();
  if (cases.empty()) return r;

  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto now = start;
  std::size_t next = 0;
  // Check the clock every batch so timing costs stay negligible.
  constexpr std::uint64_t kBatch = 1024;
  while (now < deadline) {
    for (std::uint64_t i = 0; i < kBatch; ++i) {
      const policy::Decision d = cases[next]->Evaluate();
      if (d.allowed()) ++r.allows;
      if (++next == cases.size()) next = 0;
    }
    r.decisions += kBatch;
    now = Clock::now();
  }
  r.seconds = std::chrono::duration<double>(now - start).count();
  return r;
}

}  // namespace gatehouse::sim
