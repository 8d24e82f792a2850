// cli/policy_commands.cc: `gatehouse policy simulate | bench | validate`.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "policy/lint.h"
#include "policy/parser.h"
#include "sim/bench.h"
#include "sim/simulate.h"

namespace gatehouse::cli {
namespace {

// Opens FILE, or stdin for "-". nullptr (with a message) when unreadable.
std::istream* OpenInput(const std::string& path, std::unique_ptr<std::ifstream>& holder) {
  if (path == "-") return &std::cin;
  holder = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*holder) {
    std::cerr << "gatehouse: cannot read " << path << "\n";
    return nullptr;
  }
  return holder.get();
}

void RegisterSimulate(CLI::App& policy, int& exit_code) {
  auto* cmd = policy.add_subcommand("simulate", "Decide simulation cases (one JSON object or JSON Lines)");
  auto input = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("json");
  cmd->add_option("--input,-i", *input, "case file, or - for stdin")->required();
  cmd->add_option("--format,-f", *format, "json (one result per line, the default) or text")
      ->check(CLI::IsMember({"json", "text"}));
  cmd->callback([input, format, &exit_code]() {
    std::unique_ptr<std::ifstream> holder;
    std::istream* in = OpenInput(*input, holder);
    if (in == nullptr) {
      exit_code = kExitUsage;
      return;
    }
    std::ios::sync_with_stdio(false);
    const sim::SimulateSummary s =
        sim::Simulate(*in, std::cout, *format == "text" ? sim::OutputFormat::kText : sim::OutputFormat::kJson);
    exit_code = s.errors == 0 ? kExitOk : kExitFailure;
  });
}

void RegisterBench(CLI::App& policy, int& exit_code) {
  auto* cmd = policy.add_subcommand("bench", "Measure single-thread decisions per second over a case file");
  auto input = std::make_shared<std::string>();
  auto seconds = std::make_shared<double>(5.0);
  cmd->add_option("--input,-i", *input, "case file, or - for stdin")->required();
  cmd->add_option("--seconds,-s", *seconds, "how long to evaluate")->check(CLI::Range(0.01, 3600.0));
  cmd->callback([input, seconds, &exit_code]() {
    std::unique_ptr<std::ifstream> holder;
    std::istream* in = OpenInput(*input, holder);
    if (in == nullptr) {
      exit_code = kExitUsage;
      return;
    }
    const sim::BenchResult r = sim::Bench(*in, *seconds);
    if (r.cases == 0) {
      std::cerr << "gatehouse: no evaluable cases in " << *input << " (" << r.skipped << " with errors)\n";
      exit_code = kExitFailure;
      return;
    }
    std::cerr << "cases " << r.cases << " (skipped " << r.skipped << " with errors), compiled in "
              << r.compile_seconds * 1e3 << " ms; " << r.decisions << " decisions in " << r.seconds << " s, "
              << r.allows << " allowed\n";
    std::cout << "decisions_per_sec " << static_cast<std::uint64_t>(r.decisions_per_sec()) << "\n";
    exit_code = kExitOk;
  });
}

void RegisterValidate(CLI::App& policy, int& exit_code) {
  auto* cmd = policy.add_subcommand("validate", "Check policy files: errors with positions, and reviewer warnings");
  auto files = std::make_shared<std::vector<std::string>>();
  auto type_name = std::make_shared<std::string>("identity");
  cmd->add_option("files", *files, "policy documents (JSON)")->required();
  cmd->add_option("--type,-t", *type_name, "identity|resource|trust|scp|rcp|boundary|session")
      ->check(CLI::IsMember({"identity", "resource", "trust", "scp", "rcp", "boundary", "session"}));
  cmd->callback([files, type_name, &exit_code]() {
    const policy::PolicyType type = *policy::PolicyTypeFromName(*type_name);
    bool any_error = false;
    for (const std::string& file : *files) {
      std::unique_ptr<std::ifstream> holder;
      std::istream* in = OpenInput(file, holder);
      if (in == nullptr) {
        exit_code = kExitUsage;
        return;
      }
      std::ostringstream text;
      text << in->rdbuf();
      Result<policy::Policy> p = policy::ParsePolicyText(text.str(), type);
      if (!p.ok()) {
        any_error = true;
        const Error& e = p.error();
        std::cout << file << ":" << e.line << ":" << e.column << ": error: " << e.message << " [" << e.code
                  << "]\n";
        continue;
      }
      const std::vector<policy::Warning> warnings = policy::Lint(*p);
      for (const policy::Warning& w : warnings)
        std::cout << file << ":" << w.pos.line << ":" << w.pos.column << ": warning: " << w.message << "\n";
      if (warnings.empty()) std::cout << file << ": ok (" << *type_name << " policy)\n";
    }
    exit_code = any_error ? kExitFailure : kExitOk;
  });
}

}  // namespace

void RegisterPolicyCommands(CLI::App& app, int& exit_code) {
  auto* policy = app.add_subcommand("policy", "Parse, validate and evaluate AWS IAM policies");
  policy->require_subcommand(1);
  RegisterSimulate(*policy, exit_code);
  RegisterBench(*policy, exit_code);
  RegisterValidate(*policy, exit_code);
}

}  // namespace gatehouse::cli
