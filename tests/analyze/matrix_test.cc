// tests/analyze/matrix_test.cc: the access matrix's grouping is exact: for
// every principal and host of several generated worlds, the grouped answer
// equals the answer of the Session Manager service asked pair by pair
// (issue 4: "prove the grouping exact with a test that compares it to the
// pairwise answer").
#include <gtest/gtest.h>

#include "analyze/findings.h"
#include "analyze/matrix.h"
#include "world/loader.h"
#include "world_generator.h"

namespace gatehouse {
namespace {

services::SsmContext Context(const world::World& w) {
  services::SsmContext c;
  c.env.now = *w.time;
  c.env.region = w.region;
  c.run_as.mappings_enabled = true;
  c.run_as.mappings.push_back(ssm::RunAsMapping{ssm::RunAsMapping::Kind::kPermissionSet, "Ops", "admin"});
  return c;
}

std::string Describe(const analyze::PairResult& r) {
  std::string s = std::string(policy::OutcomeName(r.cell->outcome)) + (r.allowed ? " allowed" : "") +
                  (r.session_error ? " fails:" + r.session_error->code : "");
  if (r.cell->run_as) s += " as " + r.cell->run_as->user + "/" + std::string(ssm::RunAsSourceName(r.cell->run_as->source));
  for (const auto& m : analyze::Matrix::Matched(r)) s += " " + m.policy->name() + "#" + std::to_string(m.statement->index);
  return s + " | " + r.Message();
}

class MatrixExactness : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(MatrixExactness, GroupedEqualsPairwise) {
  testing::WorldSize size;
  size.seed = GetParam();
  Result<world::World> w = world::LoadWorld(testing::GenerateWorld(size));
  ASSERT_TRUE(w.ok()) << w.error().message << " at " << w.error().line << ":" << w.error().column;
  const services::SsmContext ctx = Context(*w);
  analyze::MatrixOptions grouped_options;
  analyze::MatrixOptions pairwise_options;
  pairwise_options.pairwise = true;
  const analyze::Matrix grouped = analyze::Matrix::Compute(*w, ctx, grouped_options);
  const analyze::Matrix pairwise = analyze::Matrix::Compute(*w, ctx, pairwise_options);
  ASSERT_EQ(grouped.principals().size(), pairwise.principals().size());
  ASSERT_EQ(grouped.hosts().size(), pairwise.hosts().size());
  std::size_t allowed = 0, denied = 0, failing = 0;
  for (std::size_t p = 0; p < grouped.principals().size(); ++p) {
    for (std::size_t h = 0; h < grouped.hosts().size(); ++h) {
      const analyze::PairResult a = grouped.At(p, h), b = pairwise.At(p, h);
      ASSERT_EQ(Describe(a), Describe(b)) << grouped.principals()[p].label << " on " << grouped.hosts()[h]->id;
      allowed += a.allowed;
      failing += a.session_error != nullptr;
      denied += !a.allowed && !a.session_error;
    }
  }
  // The worlds exercise every outcome, and grouping saves work.
  EXPECT_GT(allowed, 0u);
  EXPECT_GT(denied, 0u);
  EXPECT_GT(failing, 0u);
  EXPECT_LT(grouped.evaluations(), pairwise.evaluations() / 2);
}

INSTANTIATE_TEST_SUITE_P(Seeds, MatrixExactness, ::testing::Values(1, 2, 3, 4, 5));

// The generated world carries each flaw the findings look for.
TEST(MatrixFindings, FireOnGeneratedWorld) {
  testing::WorldSize size;
  Result<world::World> w = world::LoadWorld(testing::GenerateWorld(size));
  ASSERT_TRUE(w.ok()) << w.error().message;
  const services::SsmContext ctx = Context(*w);
  const analyze::Matrix m = analyze::Matrix::Compute(*w, ctx);
  std::set<std::string> kinds;
  for (const analyze::Finding& f : analyze::Findings(*w, m, ctx)) kinds.insert(f.kind);
  EXPECT_TRUE(kinds.count("spoofable-session-name"));  // SharedDevelopers: free session name, aws:userid
  EXPECT_TRUE(kinds.count("tamperable-tag"));          // EnvAccess reads Env and allows ec2:CreateTags
  EXPECT_TRUE(kinds.count("runas-user-missing"));      // hosts without admin / no_sudo_user
  EXPECT_TRUE(kinds.count("untagged-host-open"));      // hosts without a User tag
}

}  // namespace
}  // namespace gatehouse
