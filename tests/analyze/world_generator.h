// tests/analyze/world_generator.h: deterministic synthetic worlds for the
// access matrix: Identity Center users with permission sets in the styles
// of the seeds (per-user tags with a Null-guarded Deny on aws:userid, ABAC
// team tags, instance-id patterns, describe-only), IAM users with RunAs
// tags, a role assumable with a free session name, and hosts with random
// tags and Linux users. Used by the exactness test and the benchmark.
#pragma once

#include <cstdint>
#include <string>

namespace gatehouse::testing {

struct WorldSize {
  int sso_users = 40;
  int iam_users = 10;
  int hosts = 200;
  std::uint64_t seed = 1;
};

// YAML text of the world (docs/world-format.md).
std::string GenerateWorld(const WorldSize& size);

}  // namespace gatehouse::testing
