// cli/commands.h: registration of the `gatehouse` subcommands. Each
// registrar adds its subcommands to the app and sets `exit_code` when run.
#pragma once

#include <CLI/CLI.hpp>

namespace gatehouse::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran; something in the input failed
inline constexpr int kExitUsage = 2;    // bad arguments, unreadable files

void RegisterPolicyCommands(CLI::App& app, int& exit_code);
void RegisterWorldCommands(CLI::App& app, int& exit_code);
void RegisterStsCommands(CLI::App& app, int& exit_code);
void RegisterSsmCommands(CLI::App& app, int& exit_code);
void RegisterAccessCommands(CLI::App& app, int& exit_code);
void RegisterIamCommands(CLI::App& app, int& exit_code);

}  // namespace gatehouse::cli
