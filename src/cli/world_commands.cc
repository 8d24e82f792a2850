// cli/world_commands.cc: `gatehouse world validate` and the shared world
// and caller options.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/world_options.h"
#include "policy/values.h"
#include "world/loader.h"

namespace gatehouse::cli {

void AddWorldOptions(CLI::App* cmd, WorldOptions& o) {
  cmd->add_option("--world,-w", o.world, "world file (YAML or JSON)")->required();
  cmd->add_option("--time", o.time, "the clock, ISO 8601 (default: the world's time, else now)");
  cmd->add_option("--region", o.region, "the region of the call (default: the world's region; for access check, the target host's)");
}

void AddCallerOptions(CLI::App* cmd, CallerOptions& o) {
  cmd->add_option("--caller", o.caller, "an IAM user or root ARN, or sso:USER/PERMISSION_SET@ACCOUNT");
  cmd->add_option("--assume", o.assume,
                  "role hop ROLE_ARN[,session-name=N][,external-id=X][,duration-seconds=S][,tags=K=V;K=V]"
                  "[,transitive-tag-keys=K;K][,source-identity=S][,mfa-code=C]; repeatable, applied in order");
  cmd->add_option("--profile", o.profile, "a profile of the world file");
}

std::unique_ptr<world::World> LoadWorldOrReport(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "gatehouse: cannot read " << path << "\n";
    return nullptr;
  }
  std::ostringstream text;
  text << in.rdbuf();
  Result<world::World> w = world::LoadWorld(text.str());
  if (!w.ok()) {
    std::cerr << FileError(path, w.error()) << "\n";
    return nullptr;
  }
  return std::make_unique<world::World>(std::move(w).value());
}

bool ReportCallerSpecError(const Error& e, int& exit_code) {
  if (e.code != sts::kCallerSpecError) return false;
  std::cerr << "gatehouse: " << e.message << "\n";
  exit_code = kExitUsage;
  return true;
}

void ReportCallerError(std::string_view operation, const Error& e, int& exit_code) {
  if (ReportCallerSpecError(e, exit_code)) return;
  PrintAwsError(std::cerr, operation, e);
  exit_code = kExitFailure;
}

Result<sts::CallContext> MakeContext(const WorldOptions& o, const world::World& w) {
  sts::CallContext ctx;
  ctx.region = o.region.empty() ? w.region : o.region;
  if (!o.time.empty()) {
    const std::optional<std::int64_t> us = policy::ParseDate(o.time);
    if (!us) return MakeError("InvalidInput", "--time must be an ISO 8601 date-time such as 2026-01-01T00:00:00Z");
    ctx.now = *us / 1000000;
  } else if (w.time) {
    ctx.now = *w.time;
  } else {
    ctx.now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  return ctx;
}

sts::CallerSpec SpecOf(const CallerOptions& o) {
  sts::CallerSpec spec;
  spec.caller = o.caller;
  spec.assume = o.assume;
  if (!o.profile.empty()) spec.profile = o.profile;
  return spec;
}

ssm::RunAsConfig RunAsConfigOf(const world::World& w) {
  ssm::RunAsConfig c;
  c.mappings_enabled = !w.run_as_mappings.empty();
  for (const world::RunAsMappingRule& r : w.run_as_mappings) {
    ssm::RunAsMapping m;
    m.kind = r.kind == "permission_set" ? ssm::RunAsMapping::Kind::kPermissionSet
             : r.kind == "role"         ? ssm::RunAsMapping::Kind::kRole
                                        : ssm::RunAsMapping::Kind::kGroup;
    m.name = r.name;
    m.linux_user = r.linux_user;
    c.mappings.push_back(std::move(m));
  }
  return c;
}

std::optional<Prepared> Prepare(const WorldOptions& wo, const CallerOptions& co, std::string_view operation,
                                int& exit_code) {
  Prepared p;
  p.world = LoadWorldOrReport(wo.world);
  if (!p.world) {
    exit_code = kExitUsage;
    return std::nullopt;
  }
  Result<sts::CallContext> ctx = MakeContext(wo, *p.world);
  if (!ctx.ok()) {
    std::cerr << "gatehouse: " << ctx.error().message << "\n";
    exit_code = kExitUsage;
    return std::nullopt;
  }
  p.ctx = *ctx;
  Result<sts::ResolvedCaller> caller = sts::ResolveCaller(*p.world, SpecOf(co), p.ctx);
  if (!caller.ok()) {
    ReportCallerError(operation, caller.error(), exit_code);
    return std::nullopt;
  }
  p.caller = std::move(caller).value();
  if (wo.region.empty() && !p.caller.region.empty()) p.ctx.region = p.caller.region;  // the profile's region
  return p;
}

world::RequestEnvironment Env(const sts::CallContext& ctx) {
  world::RequestEnvironment env;
  env.now = ctx.now;
  env.region = ctx.region;
  return env;
}

void RegisterWorldCommands(CLI::App& app, int& exit_code) {
  auto* world_cmd = app.add_subcommand("world", "World files: accounts, identities, hosts");
  world_cmd->require_subcommand(1);
  auto* validate = world_cmd->add_subcommand("validate", "Check a world file; errors point at line and column");
  auto path = std::make_shared<std::string>();
  validate->add_option("world", *path, "world file (YAML or JSON)")->required();
  validate->callback([path, &exit_code]() {
    if (!std::ifstream(*path, std::ios::binary)) {
      std::cerr << "gatehouse: cannot read " << *path << "\n";
      exit_code = kExitUsage;
      return;
    }
    std::unique_ptr<world::World> w = LoadWorldOrReport(*path);
    if (!w) {
      exit_code = kExitFailure;  // the answer: the world is invalid
      return;
    }
    std::size_t users = 0, roles = 0, hosts = 0;
    for (const auto& [id, a] : w->accounts) {
      users += a->users.size();
      roles += a->roles.size();
      hosts += a->hosts.size();
    }
    std::cout << *path << ": ok (" << w->accounts.size() << " accounts, " << users << " users, " << roles << " roles, "
              << hosts << " hosts" << (w->identity_center ? ", Identity Center" : "")
              << (w->organization ? ", organization " + w->organization->id : std::string()) << ")\n";
    exit_code = kExitOk;
  });
}

}  // namespace gatehouse::cli
