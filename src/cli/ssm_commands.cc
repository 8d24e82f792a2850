// cli/ssm_commands.cc: `gatehouse ssm start-session | terminate-session |
// resume-session | describe-sessions | get-connection-status` and
// `gatehouse ec2 create-tags | delete-tags | describe-instances`: offline
// decisions on a world, printing what the aws CLI prints or AWS's error.
// Sessions persist in the JSON file given with --sessions.
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/world_options.h"
#include "services/ec2_service.h"
#include "services/ssm_service.h"
#include "store/session_file.h"
#include "world/principal_context.h"

namespace gatehouse::cli {
namespace {

services::SsmContext SsmCtx(const Prepared& p) {
  services::SsmContext c;
  c.env = Env(p.ctx);
  c.run_as = RunAsConfigOf(*p.world);
  return c;
}

// The aws CLI prints timestamps as ISO 8601 with an offset.
std::string AwsTime(std::int64_t t) {
  std::string s = world::FormatTime(t);
  s.pop_back();  // 'Z'
  return s + "+00:00";
}

std::unique_ptr<store::SessionFile> OpenSessions(const std::string& path, int& exit_code) {
  Result<std::unique_ptr<store::SessionFile>> f = store::SessionFile::Open(path);
  if (!f.ok()) {
    std::cerr << "gatehouse: " << f.error().message << "\n";
    exit_code = kExitUsage;
    return nullptr;
  }
  return std::move(f).value();
}

struct SsmOptions {
  WorldOptions world;
  CallerOptions caller;
  std::string target, document, reason, session_id, sessions, state;
  std::vector<std::string> filters;
};

void Common(CLI::App* cmd, SsmOptions& o) {
  AddWorldOptions(cmd, o.world);
  AddCallerOptions(cmd, o.caller);
}

void RegisterStartSession(CLI::App* ssm_cmd, int& exit_code) {
  auto* cmd = ssm_cmd->add_subcommand("start-session", "StartSession: decide, resolve RunAs, create the session");
  auto o = std::make_shared<SsmOptions>();
  Common(cmd, *o);
  cmd->add_option("--target", o->target, "instance id (i-… or mi-…)")->required();
  cmd->add_option("--document-name", o->document, "Session document (name or ARN)");
  cmd->add_option("--reason", o->reason, "reason for the session");
  cmd->add_option("--sessions", o->sessions, "JSON file keeping sessions between commands");
  cmd->callback([o, cmd, &exit_code]() {
    std::optional<Prepared> p = Prepare(o->world, o->caller, "StartSession", exit_code);
    if (!p) return;
    std::unique_ptr<store::SessionFile> sessions;
    if (!o->sessions.empty() && !(sessions = OpenSessions(o->sessions, exit_code))) return;
    services::StartSessionInput in;
    in.target = o->target;
    if (cmd->count("--document-name")) in.document_name = o->document;
    if (cmd->count("--reason")) in.reason = o->reason;
    Result<services::StartSessionResult> r =
        services::StartSession(*p->world, p->caller.identity, in, SsmCtx(*p), sessions.get());
    if (!r.ok()) {
      PrintAwsError(std::cerr, "StartSession", r.error());
      exit_code = kExitFailure;
      return;
    }
    PrintJson(std::cout, [&](JsonWriter& w) {
      w.StartObject();
      WriteString(w, "SessionId", r->session.id);
      WriteString(w, "TokenValue", r->session.token);
      WriteString(w, "StreamUrl", r->session.stream_url);
      w.EndObject();
    });
    if (!r->session.run_as_user.empty())
      std::cerr << "gatehouse: session " << r->session.id << " runs as " << r->session.run_as_user << " ("
                << r->session.run_as_source << ": " << r->session.run_as_rule << ")\n";
    exit_code = kExitOk;
  });
}

void RegisterTerminateResume(CLI::App* ssm_cmd, int& exit_code) {
  for (const bool terminate : {true, false}) {
    auto* cmd = ssm_cmd->add_subcommand(terminate ? "terminate-session" : "resume-session",
                                        terminate ? "TerminateSession (authorised on the session ARN and its tags)"
                                                  : "ResumeSession (authorised on the session ARN and its tags)");
    auto o = std::make_shared<SsmOptions>();
    Common(cmd, *o);
    cmd->add_option("--session-id", o->session_id, "the session")->required();
    cmd->add_option("--sessions", o->sessions, "JSON file keeping sessions between commands")->required();
    cmd->callback([o, terminate, &exit_code]() {
      const char* op = terminate ? "TerminateSession" : "ResumeSession";
      std::optional<Prepared> p = Prepare(o->world, o->caller, op, exit_code);
      if (!p) return;
      std::unique_ptr<store::SessionFile> sessions = OpenSessions(o->sessions, exit_code);
      if (!sessions) return;
      if (terminate) {
        Result<std::string> r = services::TerminateSession(*p->world, p->caller.identity, o->session_id, SsmCtx(*p), *sessions);
        if (!r.ok()) {
          PrintAwsError(std::cerr, op, r.error());
          exit_code = kExitFailure;
          return;
        }
        PrintJson(std::cout, [&](JsonWriter& w) {
          w.StartObject();
          WriteString(w, "SessionId", *r);
          w.EndObject();
        });
      } else {
        Result<services::ResumeResult> r =
            services::ResumeSession(*p->world, p->caller.identity, o->session_id, SsmCtx(*p), *sessions);
        if (!r.ok()) {
          PrintAwsError(std::cerr, op, r.error());
          exit_code = kExitFailure;
          return;
        }
        PrintJson(std::cout, [&](JsonWriter& w) {
          w.StartObject();
          WriteString(w, "SessionId", r->session_id);
          WriteString(w, "TokenValue", r->token);
          WriteString(w, "StreamUrl", r->stream_url);
          w.EndObject();
        });
      }
      exit_code = kExitOk;
    });
  }
}

void RegisterDescribeSessions(CLI::App* ssm_cmd, int& exit_code) {
  auto* cmd = ssm_cmd->add_subcommand("describe-sessions", "DescribeSessions (Active or History)");
  auto o = std::make_shared<SsmOptions>();
  Common(cmd, *o);
  cmd->add_option("--state", o->state, "Active or History")->required();
  cmd->add_option("--filters", o->filters, "key=K,value=V (keys: InvokedAfter, InvokedBefore, Target, Owner, Status, SessionId)");
  cmd->add_option("--sessions", o->sessions, "JSON file keeping sessions between commands")->required();
  cmd->callback([o, &exit_code]() {
    std::optional<Prepared> p = Prepare(o->world, o->caller, "DescribeSessions", exit_code);
    if (!p) return;
    std::unique_ptr<store::SessionFile> sessions = OpenSessions(o->sessions, exit_code);
    if (!sessions) return;
    std::vector<services::SessionFilter> filters;
    for (const std::string& f : o->filters) {
      const std::size_t comma = f.find(",value=");
      if (f.rfind("key=", 0) != 0 || comma == std::string::npos) {
        std::cerr << "gatehouse: a filter is key=K,value=V, found \"" << f << "\"\n";
        exit_code = kExitUsage;
        return;
      }
      filters.push_back(services::SessionFilter{f.substr(4, comma - 4), f.substr(comma + 7)});
    }
    Result<std::vector<ssm::Session>> r =
        services::DescribeSessions(*p->world, p->caller.identity, o->state, filters, SsmCtx(*p), *sessions);
    if (!r.ok()) {
      PrintAwsError(std::cerr, "DescribeSessions", r.error());
      exit_code = kExitFailure;
      return;
    }
    PrintJson(std::cout, [&](JsonWriter& w) {
      w.StartObject();
      w.Key("Sessions");
      w.StartArray();
      for (const ssm::Session& s : *r) {
        w.StartObject();
        WriteString(w, "SessionId", s.id);
        WriteString(w, "Target", s.target);
        WriteString(w, "Status", ssm::StatusName(s.status));
        WriteString(w, "StartDate", AwsTime(s.start));
        if (s.end != 0) WriteString(w, "EndDate", AwsTime(s.end));
        WriteString(w, "DocumentName", s.document_name);
        WriteString(w, "Owner", s.owner);
        if (!s.reason.empty()) WriteString(w, "Reason", s.reason);
        if (!s.details.empty()) WriteString(w, "Details", s.details);
        if (s.max_duration_minutes) WriteString(w, "MaxSessionDuration", std::to_string(*s.max_duration_minutes));
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
    exit_code = kExitOk;
  });
}

void RegisterGetConnectionStatus(CLI::App* ssm_cmd, int& exit_code) {
  auto* cmd = ssm_cmd->add_subcommand("get-connection-status", "GetConnectionStatus of a target");
  auto o = std::make_shared<SsmOptions>();
  Common(cmd, *o);
  cmd->add_option("--target", o->target, "instance id")->required();
  cmd->callback([o, &exit_code]() {
    std::optional<Prepared> p = Prepare(o->world, o->caller, "GetConnectionStatus", exit_code);
    if (!p) return;
    Result<std::string> r = services::GetConnectionStatus(*p->world, p->caller.identity, o->target, SsmCtx(*p));
    if (!r.ok()) {
      PrintAwsError(std::cerr, "GetConnectionStatus", r.error());
      exit_code = kExitFailure;
      return;
    }
    PrintJson(std::cout, [&](JsonWriter& w) {
      w.StartObject();
      WriteString(w, "Target", o->target);
      WriteString(w, "Status", *r);
      w.EndObject();
    });
    exit_code = kExitOk;
  });
}

// --tags Key=K,Value=V ... (Value optional for delete-tags).
Result<std::vector<services::Ec2Tag>> ParseEc2Tags(const std::vector<std::string>& items) {
  std::vector<services::Ec2Tag> tags;
  for (const std::string& item : items) {
    if (item.rfind("Key=", 0) != 0) return MakeError("InvalidInput", "a tag is Key=K[,Value=V], found \"" + item + "\"");
    const std::size_t comma = item.find(",Value=");
    if (comma == std::string::npos) tags.push_back(services::Ec2Tag{item.substr(4), std::nullopt});
    else tags.push_back(services::Ec2Tag{item.substr(4, comma - 4), item.substr(comma + 7)});
  }
  return tags;
}

struct Ec2Options {
  WorldOptions world;
  CallerOptions caller;
  std::vector<std::string> resources, tags, filters;
};

void RegisterTagging(CLI::App* ec2_cmd, int& exit_code) {
  for (const bool create : {true, false}) {
    auto* cmd = ec2_cmd->add_subcommand(create ? "create-tags" : "delete-tags",
                                        create ? "CreateTags on instances (the world is not modified on disk)"
                                               : "DeleteTags on instances (the world is not modified on disk)");
    auto o = std::make_shared<Ec2Options>();
    AddWorldOptions(cmd, o->world);
    AddCallerOptions(cmd, o->caller);
    cmd->add_option("--resources", o->resources, "instance ids")->required();
    auto* tags_opt = cmd->add_option("--tags", o->tags, create ? "Key=K,Value=V ..." : "Key=K[,Value=V] ...");
    if (create) tags_opt->required();
    cmd->callback([o, create, &exit_code]() {
      const char* op = create ? "CreateTags" : "DeleteTags";
      std::optional<Prepared> p = Prepare(o->world, o->caller, op, exit_code);
      if (!p) return;
      Result<std::vector<services::Ec2Tag>> tags = ParseEc2Tags(o->tags);
      if (!tags.ok()) {
        std::cerr << "gatehouse: " << tags.error().message << "\n";
        exit_code = kExitUsage;
        return;
      }
      const Status s = create ? services::CreateTags(*p->world, p->caller.identity, o->resources, *tags, Env(p->ctx))
                              : services::DeleteTags(*p->world, p->caller.identity, o->resources, *tags, Env(p->ctx));
      if (!s.ok()) {
        PrintAwsError(std::cerr, op, s.error());
        exit_code = kExitFailure;
        return;
      }
      exit_code = kExitOk;  // the aws CLI prints nothing on success
    });
  }
}

void RegisterDescribeInstances(CLI::App* ec2_cmd, int& exit_code) {
  auto* cmd = ec2_cmd->add_subcommand("describe-instances", "DescribeInstances with tag filters");
  auto o = std::make_shared<Ec2Options>();
  AddWorldOptions(cmd, o->world);
  AddCallerOptions(cmd, o->caller);
  cmd->add_option("--instance-ids", o->resources, "instance ids");
  cmd->add_option("--filters", o->filters, "Name=tag:K,Values=v1,v2 | Name=tag-key,Values=… | Name=tag-value,… | Name=instance-id,…");
  cmd->callback([o, &exit_code]() {
    std::optional<Prepared> p = Prepare(o->world, o->caller, "DescribeInstances", exit_code);
    if (!p) return;
    std::vector<services::Ec2Filter> filters;
    for (const std::string& f : o->filters) {
      const std::size_t comma = f.find(",Values=");
      if (f.rfind("Name=", 0) != 0 || comma == std::string::npos) {
        std::cerr << "gatehouse: a filter is Name=N,Values=v1,v2, found \"" << f << "\"\n";
        exit_code = kExitUsage;
        return;
      }
      services::Ec2Filter filter{f.substr(5, comma - 5), {}};
      std::string values = f.substr(comma + 8);
      for (std::size_t start = 0;;) {
        const std::size_t c = values.find(',', start);
        filter.values.push_back(values.substr(start, c == std::string::npos ? std::string::npos : c - start));
        if (c == std::string::npos) break;
        start = c + 1;
      }
      filters.push_back(std::move(filter));
    }
    Result<std::vector<const world::Host*>> r =
        services::DescribeInstances(*p->world, p->caller.identity, o->resources, filters, Env(p->ctx));
    if (!r.ok()) {
      PrintAwsError(std::cerr, "DescribeInstances", r.error());
      exit_code = kExitFailure;
      return;
    }
    PrintJson(std::cout, [&](JsonWriter& w) {
      w.StartObject();
      w.Key("Reservations");
      w.StartArray();
      for (const world::Host* h : *r) {
        w.StartObject();
        WriteString(w, "ReservationId", "r-" + h->id.substr(2));
        WriteString(w, "OwnerId", h->account);
        w.Key("Instances");
        w.StartArray();
        w.StartObject();
        WriteString(w, "InstanceId", h->id);
        w.Key("State");
        w.StartObject();
        w.Key("Code");
        w.Int(16);
        WriteString(w, "Name", "running");
        w.EndObject();
        w.Key("Placement");
        w.StartObject();
        WriteString(w, "AvailabilityZone", h->region + "a");
        w.EndObject();
        WriteString(w, "PlatformDetails", "Linux/UNIX");
        w.Key("Tags");
        w.StartArray();
        for (const auto& [k, v] : h->tags) {
          w.StartObject();
          WriteString(w, "Key", k);
          WriteString(w, "Value", v);
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    });
    exit_code = kExitOk;
  });
}

}  // namespace

void RegisterSsmCommands(CLI::App& app, int& exit_code) {
  auto* ssm_cmd = app.add_subcommand("ssm", "Session Manager, offline against a world");
  ssm_cmd->require_subcommand(1);
  RegisterStartSession(ssm_cmd, exit_code);
  RegisterTerminateResume(ssm_cmd, exit_code);
  RegisterDescribeSessions(ssm_cmd, exit_code);
  RegisterGetConnectionStatus(ssm_cmd, exit_code);
  auto* ec2_cmd = app.add_subcommand("ec2", "EC2 instances and their tags, offline against a world");
  ec2_cmd->require_subcommand(1);
  RegisterTagging(ec2_cmd, exit_code);
  RegisterDescribeInstances(ec2_cmd, exit_code);
}

}  // namespace gatehouse::cli
