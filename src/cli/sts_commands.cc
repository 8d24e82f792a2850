// cli/sts_commands.cc: `gatehouse sts assume-role | get-caller-identity` and
// `gatehouse sso login`, offline against a world, printing what the aws CLI
// prints (or AWS's error, the aws CLI's way).
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/world_options.h"
#include "world/principal_context.h"

namespace gatehouse::cli {
namespace {

void WriteCredentials(JsonWriter& w, const world::Identity& s) {
  w.Key("Credentials");
  w.StartObject();
  WriteString(w, "AccessKeyId", s.access_key_id);
  WriteString(w, "SecretAccessKey", s.secret_access_key);
  WriteString(w, "SessionToken", s.session_token);
  // The aws CLI prints timestamps as ISO 8601 with a numeric offset.
  std::string expiration = world::FormatTime(s.expiration);
  if (!expiration.empty() && expiration.back() == 'Z') expiration.replace(expiration.size() - 1, 1, "+00:00");
  WriteString(w, "Expiration", expiration);
  w.EndObject();
}

void WriteAssumedRoleUser(JsonWriter& w, const world::World& world, const world::Identity& s) {
  w.Key("AssumedRoleUser");
  w.StartObject();
  WriteString(w, "AssumedRoleId", s.UserId());
  WriteString(w, "Arn", s.Arn(world));
  w.EndObject();
}

// --tags in the aws CLI's shorthand (Key=K,Value=V ...) or as K=V.
Result<std::vector<sts::Tag>> ParseCliTags(const std::vector<std::string>& items) {
  std::vector<sts::Tag> tags;
  for (const std::string& item : items) {
    if (item.rfind("Key=", 0) == 0) {
      const std::size_t comma = item.find(",Value=");
      if (comma == std::string::npos) return MakeError("InvalidInput", "a tag is Key=K,Value=V, found \"" + item + "\"");
      tags.push_back(sts::Tag{item.substr(4, comma - 4), item.substr(comma + 7)});
    } else {
      const std::size_t eq = item.find('=');
      if (eq == std::string::npos) return MakeError("InvalidInput", "a tag is Key=K,Value=V or K=V, found \"" + item + "\"");
      tags.push_back(sts::Tag{item.substr(0, eq), item.substr(eq + 1)});
    }
  }
  return tags;
}

// --policy takes the JSON text or file://PATH, as the aws CLI does.
Result<std::string> ReadPolicyArg(const std::string& arg) {
  if (arg.rfind("file://", 0) != 0) return arg;
  std::ifstream in(arg.substr(7), std::ios::binary);
  if (!in) return MakeError("InvalidInput", "cannot read " + arg.substr(7));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct AssumeRoleOptions {
  WorldOptions world;
  CallerOptions caller;
  std::string role_arn, session_name, external_id, policy, source_identity, serial_number, token_code;
  std::int64_t duration = 0;
  std::vector<std::string> tags, transitive, policy_arns;
};

void RegisterAssumeRole(CLI::App* sts_cmd, int& exit_code) {
  auto* cmd = sts_cmd->add_subcommand("assume-role", "AssumeRole as a caller of the world");
  auto o = std::make_shared<AssumeRoleOptions>();
  AddWorldOptions(cmd, o->world);
  AddCallerOptions(cmd, o->caller);
  cmd->add_option("--role-arn", o->role_arn, "the role to assume")->required();
  cmd->add_option("--role-session-name", o->session_name, "session name (default botocore-session-<epoch>)");
  cmd->add_option("--external-id", o->external_id, "External ID");
  cmd->add_option("--duration-seconds", o->duration, "session duration in seconds");
  cmd->add_option("--tags", o->tags, "session tags: Key=K,Value=V ... (or K=V ...)");
  cmd->add_option("--transitive-tag-keys", o->transitive, "session tag keys to pass on to chained sessions");
  cmd->add_option("--policy", o->policy, "inline session policy (JSON, or file://PATH)");
  cmd->add_option("--policy-arns", o->policy_arns, "managed session policies (arn=ARN or ARN)");
  cmd->add_option("--source-identity", o->source_identity, "source identity");
  cmd->add_option("--serial-number", o->serial_number, "MFA device serial number (ARN)");
  cmd->add_option("--token-code", o->token_code, "MFA code");
  cmd->callback([o, cmd, &exit_code]() {
    std::unique_ptr<world::World> w = LoadWorldOrReport(o->world.world);
    if (!w) {
      exit_code = kExitUsage;
      return;
    }
    Result<sts::CallContext> ctx = MakeContext(o->world, *w);
    if (!ctx.ok()) {
      std::cerr << "gatehouse: " << ctx.error().message << "\n";
      exit_code = kExitUsage;
      return;
    }
    Result<sts::ResolvedCaller> caller = sts::ResolveCaller(*w, SpecOf(o->caller), *ctx);
    if (!caller.ok()) {
      ReportCallerError("AssumeRole", caller.error(), exit_code);
      return;
    }
    sts::AssumeRoleParams p;
    p.role_arn = o->role_arn;
    p.role_session_name = o->session_name.empty() ? "botocore-session-" + std::to_string(ctx->now) : o->session_name;
    if (cmd->count("--external-id")) p.external_id = o->external_id;
    if (cmd->count("--duration-seconds")) p.duration_seconds = o->duration;
    Result<std::vector<sts::Tag>> tags = ParseCliTags(o->tags);
    if (!tags.ok()) {
      std::cerr << "gatehouse: " << tags.error().message << "\n";
      exit_code = kExitUsage;
      return;
    }
    p.tags = std::move(tags).value();
    p.transitive_tag_keys = o->transitive;
    if (cmd->count("--policy")) {
      Result<std::string> text = ReadPolicyArg(o->policy);
      if (!text.ok()) {
        std::cerr << "gatehouse: " << text.error().message << "\n";
        exit_code = kExitUsage;
        return;
      }
      p.policy = std::move(text).value();
    }
    for (const std::string& a : o->policy_arns) p.policy_arns.push_back(a.rfind("arn=", 0) == 0 ? a.substr(4) : a);
    if (cmd->count("--source-identity")) p.source_identity = o->source_identity;
    if (cmd->count("--serial-number")) p.serial_number = o->serial_number;
    if (cmd->count("--token-code")) p.token_code = o->token_code;

    Result<sts::AssumeRoleResult> r = sts::AssumeRole(*w, caller->identity, p, *ctx);
    if (!r.ok()) {
      PrintAwsError(std::cerr, "AssumeRole", r.error());
      exit_code = kExitFailure;
      return;
    }
    PrintJson(std::cout, [&](JsonWriter& jw) {
      jw.StartObject();
      WriteCredentials(jw, r->session);
      WriteAssumedRoleUser(jw, *w, r->session);
      if (r->packed_policy_size) {
        jw.Key("PackedPolicySize");
        jw.Int(*r->packed_policy_size);
      }
      if (r->session.source_identity) WriteString(jw, "SourceIdentity", *r->session.source_identity);
      jw.EndObject();
    });
    exit_code = kExitOk;
  });
}

struct CallerCommandOptions {
  WorldOptions world;
  CallerOptions caller;
};

void RegisterGetCallerIdentity(CLI::App* sts_cmd, int& exit_code) {
  auto* cmd = sts_cmd->add_subcommand("get-caller-identity", "Who the caller is (needs no permission)");
  auto o = std::make_shared<CallerCommandOptions>();
  AddWorldOptions(cmd, o->world);
  AddCallerOptions(cmd, o->caller);
  cmd->callback([o, &exit_code]() {
    std::unique_ptr<world::World> w = LoadWorldOrReport(o->world.world);
    if (!w) {
      exit_code = kExitUsage;
      return;
    }
    Result<sts::CallContext> ctx = MakeContext(o->world, *w);
    if (!ctx.ok()) {
      std::cerr << "gatehouse: " << ctx.error().message << "\n";
      exit_code = kExitUsage;
      return;
    }
    Result<sts::ResolvedCaller> caller = sts::ResolveCaller(*w, SpecOf(o->caller), *ctx);
    if (!caller.ok()) {
      ReportCallerError("GetCallerIdentity", caller.error(), exit_code);
      return;
    }
    const sts::CallerIdentityResult id = sts::GetCallerIdentity(*w, caller->identity);
    PrintJson(std::cout, [&](JsonWriter& jw) {
      jw.StartObject();
      WriteString(jw, "UserId", id.user_id);
      WriteString(jw, "Account", id.account);
      WriteString(jw, "Arn", id.arn);
      jw.EndObject();
    });
    exit_code = kExitOk;
  });
}

struct SsoOptions {
  WorldOptions world;
  std::string user, permission_set, account;
};

void RegisterSsoLogin(CLI::App& app, int& exit_code) {
  auto* sso = app.add_subcommand("sso", "IAM Identity Center");
  sso->require_subcommand(1);
  auto* cmd = sso->add_subcommand("login", "Sign in: a user with a permission set in an account");
  auto o = std::make_shared<SsoOptions>();
  AddWorldOptions(cmd, o->world);
  cmd->add_option("--user", o->user, "Identity Center user name")->required();
  cmd->add_option("--permission-set", o->permission_set, "permission set name")->required();
  cmd->add_option("--account", o->account, "account id")->required();
  cmd->callback([o, &exit_code]() {
    std::unique_ptr<world::World> w = LoadWorldOrReport(o->world.world);
    if (!w) {
      exit_code = kExitUsage;
      return;
    }
    Result<sts::CallContext> ctx = MakeContext(o->world, *w);
    if (!ctx.ok()) {
      std::cerr << "gatehouse: " << ctx.error().message << "\n";
      exit_code = kExitUsage;
      return;
    }
    Result<world::Identity> s = sts::SsoSignIn(*w, o->user, o->permission_set, o->account, *ctx);
    if (!s.ok()) {
      PrintAwsError(std::cerr, "GetRoleCredentials", s.error());
      exit_code = kExitFailure;
      return;
    }
    // GetRoleCredentials' shape (expiration in epoch milliseconds), plus the
    // session it stands for.
    PrintJson(std::cout, [&](JsonWriter& jw) {
      jw.StartObject();
      jw.Key("roleCredentials");
      jw.StartObject();
      WriteString(jw, "accessKeyId", s->access_key_id);
      WriteString(jw, "secretAccessKey", s->secret_access_key);
      WriteString(jw, "sessionToken", s->session_token);
      jw.Key("expiration");
      jw.Int64(s->expiration * 1000);
      jw.EndObject();
      WriteAssumedRoleUser(jw, *w, *s);
      jw.Key("SessionTags");
      jw.StartArray();
      for (const world::Tag& t : s->session_tags) {
        jw.StartObject();
        WriteString(jw, "Key", t.key);
        WriteString(jw, "Value", t.value);
        jw.EndObject();
      }
      jw.EndArray();
      jw.EndObject();
    });
    exit_code = kExitOk;
  });
}

}  // namespace

void RegisterStsCommands(CLI::App& app, int& exit_code) {
  auto* sts_cmd = app.add_subcommand("sts", "Security Token Service, offline against a world");
  sts_cmd->require_subcommand(1);
  RegisterAssumeRole(sts_cmd, exit_code);
  RegisterGetCallerIdentity(sts_cmd, exit_code);
  RegisterSsoLogin(app, exit_code);
}

}  // namespace gatehouse::cli
