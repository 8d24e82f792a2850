// tests/alloc_test.cc: "compile once, evaluate many" with no heap allocation
// per decision on the common path (issue 2). Global operator new is counted;
// deciding the benchmark cases (the seed-000 pair and the realistic
// 200-statement set) and the seed scenarios must allocate nothing.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/reader.h"
#include "sim/simulate.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace gatehouse {
namespace {

std::vector<std::unique_ptr<sim::PreparedCase>> Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  sim::CaseReader reader(in);
  std::vector<std::unique_ptr<sim::PreparedCase>> out;
  while (auto text = reader.Next()) {
    auto r = sim::PrepareText(*text);
    if (r.prepared) out.push_back(std::move(r.prepared));
  }
  return out;
}

void ExpectNoAllocations(const std::filesystem::path& file) {
  const auto cases = Load(file);
  ASSERT_FALSE(cases.empty()) << file;
  const long before = g_allocations.load();
  std::size_t allowed = 0;
  for (int round = 0; round < 10; ++round)
    for (const auto& c : cases)
      if (c->Evaluate().allowed()) ++allowed;
  EXPECT_EQ(g_allocations.load() - before, 0) << file;
  EXPECT_GT(allowed, 0u);  // the loop really decided something
}

TEST(NoAllocation, Seed000Pair) { ExpectNoAllocations(std::string(GATEHOUSE_BENCH_CASES) + "/seed000.jsonl"); }
TEST(NoAllocation, RealisticPolicySet) { ExpectNoAllocations(std::string(GATEHOUSE_BENCH_CASES) + "/realistic.jsonl"); }
TEST(NoAllocation, SeedScenarios) {
  for (const auto& e : std::filesystem::directory_iterator(GATEHOUSE_SCENARIOS_DIR)) ExpectNoAllocations(e.path());
}

// The counter itself works (a test that cannot fail is a defect).
TEST(NoAllocation, CounterCounts) {
  const long before = g_allocations.load();
  auto p = std::make_unique<std::vector<int>>(100);
  EXPECT_GE(g_allocations.load() - before, 2);
}

}  // namespace
}  // namespace gatehouse
