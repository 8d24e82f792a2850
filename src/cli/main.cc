// cli/main.cc: the `gatehouse` command line.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"gatehouse: AWS IAM and Session Manager semantics, self-hosted"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "gatehouse 0.1.0");
  int exit_code = gatehouse::cli::kExitOk;
  gatehouse::cli::RegisterPolicyCommands(app, exit_code);
  gatehouse::cli::RegisterWorldCommands(app, exit_code);
  gatehouse::cli::RegisterStsCommands(app, exit_code);
  gatehouse::cli::RegisterSsmCommands(app, exit_code);
  gatehouse::cli::RegisterAccessCommands(app, exit_code);
  gatehouse::cli::RegisterIamCommands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return gatehouse::cli::kExitUsage;
  }
  return exit_code;
}
