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

// The world's RunAs mappings (gatehouse extension) for the ssm layer.
ssm::RunAsConfig RunAsConfigOf(const world::World& w);

}  // namespace gatehouse::cli
