// sts/caller.h: the one caller syntax of every gatehouse command
// (docs/world-format.md, "Callers"): a long-term identity or an Identity
// Center sign-in, followed by role hops; or a profile of the world file. A
// caller resolves to an Identity by running the sign-in and each AssumeRole
// exactly as STS would, so a failed hop fails with AWS's error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "sts/sts.h"

namespace gatehouse::sts {

// The code of errors in the caller syntax itself (a malformed hop, an
// unknown profile): usage errors, not AWS errors.
inline constexpr std::string_view kCallerSpecError = "InvalidCallerSpec";

struct CallerSpec {
  std::string caller;                 // ARN, or sso:USER/PERMISSION_SET@ACCOUNT
  std::vector<std::string> assume;    // --assume hops, in order
  std::optional<std::string> profile; // --profile (excludes the others)
};

// Parses one --assume hop: ROLE_ARN[,session-name=N][,external-id=X]
// [,duration-seconds=S][,tags=K=V;K=V][,transitive-tag-keys=K;K]
// [,source-identity=S][,mfa-code=123456]. `hop` numbers hops for default
// session names.
Result<AssumeRoleParams> ParseAssumeHop(std::string_view spec, std::int64_t now);

// One step of a resolved chain, for explanations ("hop 2: …").
struct Hop {
  std::string description;
  world::Identity identity;
};

struct ResolvedCaller {
  world::Identity identity;
  std::vector<Hop> hops;  // the sign-in or long-term identity first
  std::string region;     // the profile's `region` setting (as the aws CLI uses it); empty: none
};

Result<ResolvedCaller> ResolveCaller(const world::World& w, const CallerSpec& spec, const CallContext& ctx);

}  // namespace gatehouse::sts
