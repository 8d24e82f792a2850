// analyze/principals.h: every principal that can sign in to a world, and
// every role each can reach by assuming (also across accounts and along
// chains): IAM users, Identity Center user and permission set pairs, and
// the role sessions reachable from them. Each hop is a real sts::AssumeRole,
// so reachability is exactly STS's (trust, identity policies, External ID).
#pragma once

#include <string>
#include <vector>

#include "sts/sts.h"
#include "world/identity.h"

namespace gatehouse::analyze {

struct ReachablePrincipal {
  std::string label;  // "alice (IAM user)", "sso:alice/Developers@111122223333", "… -> role R"
  std::string how;    // the chain, in words
  world::Identity identity;
};

struct EnumerateOptions {
  int max_hops = 3;  // role-chaining depth explored from each sign-in
};

// Sign-in principals first (users, then Identity Center pairs), then the
// roles they reach, breadth-first. A role reached from several callers is
// listed once per distinct caller path only when its session differs in a
// way that matters (session tags or source identity); otherwise once.
std::vector<ReachablePrincipal> EnumeratePrincipals(const world::World& w, const sts::CallContext& ctx,
                                                    const EnumerateOptions& options = {});

// The External IDs a trust policy tests with sts:ExternalId conditions
// (what a caller would have been told), for trying hops that need one.
std::vector<std::string> ExternalIdsOf(const world::Role& role);

}  // namespace gatehouse::analyze
