// cli/iam_commands.cc: `gatehouse iam tag-role | untag-role`: offline IAM
// decisions on a world (the world file is not modified), printing what the
// aws CLI prints (nothing on success) or AWS's error. The protected
// AWSReservedSSO_* roles refuse with UnmodifiableEntity.
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/world_options.h"
#include "services/iam_service.h"

namespace gatehouse::cli {
namespace {

struct TagRoleOptions {
  WorldOptions world;
  CallerOptions caller;
  std::string role_name;
  std::vector<std::string> tags;      // Key=K,Value=V
  std::vector<std::string> tag_keys;  // untag
};

Result<std::vector<world::Tag>> ParseIamTags(const std::vector<std::string>& items) {
  std::vector<world::Tag> tags;
  for (const std::string& item : items) {
    const std::size_t comma = item.find(",Value=");
    if (item.rfind("Key=", 0) != 0 || comma == std::string::npos)
      return MakeError("InvalidInput", "a tag is Key=K,Value=V, found \"" + item + "\"");
    tags.push_back(world::Tag{item.substr(4, comma - 4), item.substr(comma + 7)});
  }
  return tags;
}

void Finish(const Status& s, std::string_view op, int& exit_code) {
  if (!s.ok()) {
    PrintAwsError(std::cerr, op, s.error());
    exit_code = kExitFailure;
    return;
  }
  exit_code = kExitOk;  // the aws CLI prints nothing on success
}

}  // namespace

void RegisterIamCommands(CLI::App& app, int& exit_code) {
  auto* iam = app.add_subcommand("iam", "IAM calls on a world (offline; the world file is not modified)");
  iam->require_subcommand(1);

  auto* tag = iam->add_subcommand("tag-role", "TagRole: add or replace tags on a role");
  auto t = std::make_shared<TagRoleOptions>();
  AddWorldOptions(tag, t->world);
  AddCallerOptions(tag, t->caller);
  tag->add_option("--role-name", t->role_name, "the role's name")->required();
  tag->add_option("--tags", t->tags, "Key=K,Value=V ...")->required();
  tag->callback([t, &exit_code]() {
    std::optional<Prepared> p = Prepare(t->world, t->caller, "TagRole", exit_code);
    if (!p) return;
    Result<std::vector<world::Tag>> tags = ParseIamTags(t->tags);
    if (!tags.ok()) {
      std::cerr << "gatehouse: " << tags.error().message << "\n";
      exit_code = kExitUsage;
      return;
    }
    Finish(services::TagRole(*p->world, p->caller.identity, t->role_name, *tags, Env(p->ctx)), "TagRole",
           exit_code);
  });

  auto* untag = iam->add_subcommand("untag-role", "UntagRole: remove tags from a role");
  auto u = std::make_shared<TagRoleOptions>();
  AddWorldOptions(untag, u->world);
  AddCallerOptions(untag, u->caller);
  untag->add_option("--role-name", u->role_name, "the role's name")->required();
  untag->add_option("--tag-keys", u->tag_keys, "K ...")->required();
  untag->callback([u, &exit_code]() {
    std::optional<Prepared> p = Prepare(u->world, u->caller, "UntagRole", exit_code);
    if (!p) return;
    Finish(services::UntagRole(*p->world, p->caller.identity, u->role_name, u->tag_keys, Env(p->ctx)),
           "UntagRole", exit_code);
  });
}

}  // namespace gatehouse::cli
