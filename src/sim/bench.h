// sim/bench.h: `gatehouse policy bench`: compile every case once, then
// evaluate them round-robin on one thread for a fixed time.
#pragma once

#include <istream>
#include <string>

namespace gatehouse::sim {

struct BenchResult {
  std::size_t cases = 0;         // evaluable cases
  std::size_t skipped = 0;       // cases that did not prepare (errors)
  std::uint64_t decisions = 0;
  double seconds = 0;
  double compile_seconds = 0;    // parsing + compiling all cases
  std::size_t policy_bytes = 0;  // total size of the cases' text
  std::uint64_t allows = 0;      // sanity: decisions that allowed

  double decisions_per_sec() const { return seconds > 0 ? static_cast<double>(decisions) / seconds : 0; }
};

BenchResult Bench(std::istream& in, double seconds);

}  // namespace gatehouse::sim
