// cli/world_options.h: the options every world-based command shares: the
// world file, the clock, the region, and the caller (--caller/--assume or
// --profile), with their resolution.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/status.h"
#include "ssm/runas.h"
#include "sts/caller.h"
#include "world/model.h"
#include "world/principal_context.h"

namespace gatehouse::cli {

struct WorldOptions {
  std::string world;
  std::string time;    // ISO 8601; empty: the world's time, else the real clock
  std::string region;  // empty: the world's region
};

struct CallerOptions {
  std::string caller;
  std::vector<std::string> assume;
  std::string profile;
};

void AddWorldOptions(CLI::App* cmd, WorldOptions& o);
void AddCallerOptions(CLI::App* cmd, CallerOptions& o);

// Loads the world; on failure prints FILE:LINE:COLUMN: error and returns
// nullptr.
std::unique_ptr<world::World> LoadWorldOrReport(const std::string& path);

// The call context (clock, region) of a command.
Result<sts::CallContext> MakeContext(const WorldOptions& o, const world::World& w);

sts::CallerSpec SpecOf(const CallerOptions& o);

// Reports a caller that did not resolve: a mistake in the caller syntax is a
// usage error (exit 2); a refused sign-in or role hop is AWS's error, printed
// as the aws CLI prints it (exit 1).
void ReportCallerError(std::string_view operation, const Error& e, int& exit_code);
// True (and reported, exit 2) when `e` is a caller-syntax error.
bool ReportCallerSpecError(const Error& e, int& exit_code);

// Everything a command acting as a caller needs, resolved.
struct Prepared {
  std::unique_ptr<world::World> world;
  sts::CallContext ctx;
  sts::ResolvedCaller caller;
};
// Loads the world, makes the context and resolves the caller (a profile's
// region applies unless --region is given); nullopt after reporting, with
// `exit_code` set. `operation` names the AWS call in error messages.
std::optional<Prepared> Prepare(const WorldOptions& wo, const CallerOptions& co, std::string_view operation,
                                int& exit_code);
world::RequestEnvironment Env(const sts::CallContext& ctx);

// The world's RunAs mappings (gatehouse extension) for the ssm layer.
ssm::RunAsConfig RunAsConfigOf(const world::World& w);

}  // namespace gatehouse::cli
