// cli/access_commands.cc: `gatehouse access check` (one caller, one host:
// the decision, the Linux user and why) and `gatehouse access matrix`
// (every principal against every host, and the findings).
#include <iostream>
#include <map>
#include <utility>
#include <vector>

#include "analyze/findings.h"
#include "analyze/matrix.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/world_options.h"

namespace gatehouse::cli {
namespace {

void WriteMatched(JsonWriter& w, const policy::Decision& d) {
  w.Key("matched");
  w.StartArray();
  for (const policy::MatchedStatement& m : d.matched) {
    w.StartObject();
    WriteString(w, "policy", m.policy->name());
    w.Key("statement");
    w.Uint(m.statement->index);
    if (!m.statement->sid.empty()) WriteString(w, "sid", m.statement->sid);
    WriteString(w, "effect", m.statement->effect == policy::Effect::kAllow ? "Allow" : "Deny");
    w.EndObject();
  }
  w.EndArray();
}

void PrintError(const Error& e) {
  PrintJson(std::cout, [&](JsonWriter& w) {
    w.StartObject();
    w.Key("error");
    w.StartObject();
    WriteString(w, "code", e.code);
    WriteString(w, "message", e.message);
    w.EndObject();
    w.EndObject();
  });
}

struct CheckOptions {
  WorldOptions world;
  CallerOptions caller;
  std::string target, document;
};

void RegisterCheck(CLI::App* access, int& exit_code) {
  auto* cmd = access->add_subcommand("check", "Can this caller start a session on this host, as which Linux user, why");
  auto o = std::make_shared<CheckOptions>();
  AddWorldOptions(cmd, o->world);
  AddCallerOptions(cmd, o->caller);
  cmd->add_option("--target", o->target, "instance id")->required();
  cmd->add_option("--document-name", o->document, "Session document (name or ARN)");
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
      if (ReportCallerSpecError(caller.error(), exit_code)) return;
      PrintError(caller.error());
      exit_code = kExitFailure;
      return;
    }
    services::SsmContext sctx;
    sctx.env.now = ctx->now;
    sctx.env.region = ctx->region;
    // The question is about a host: without --region, ask in the host's
    // region (as `access matrix` does), not the world's default.
    if (o->world.region.empty()) {
      if (const world::Host* h = w->FindHost(o->target)) sctx.env.region = h->region;
      else if (!caller->region.empty()) sctx.env.region = caller->region;
    }
    sctx.run_as = RunAsConfigOf(*w);
    services::StartSessionInput in;
    in.target = o->target;
    if (cmd->count("--document-name")) in.document_name = o->document;
    const services::AccessCheck check = services::CheckStartSession(*w, caller->identity, in, sctx);
    if (check.decision.allowed() && check.error) {
      PrintError(*check.error);
      exit_code = kExitFailure;
      return;
    }
    PrintJson(std::cout, [&](JsonWriter& jw) {
      jw.StartObject();
      WriteString(jw, "decision", policy::OutcomeName(check.decision.outcome));
      if (check.decision.allowed() && check.run_as) {
        jw.Key("runAs");
        jw.StartObject();
        WriteString(jw, "user", check.run_as->user);
        WriteString(jw, "source", ssm::RunAsSourceName(check.run_as->source));
        WriteString(jw, "rule", check.run_as->rule);
        jw.EndObject();
      }
      if (!check.decision.allowed()) {
        WriteString(jw, "deniedBy", policy::DeniedByName(check.decision.denied_by));
        WriteString(jw, "message", check.message);
      }
      WriteMatched(jw, check.decision);
      WriteString(jw, "principal", caller->identity.Arn(*w));
      jw.Key("via");
      jw.StartArray();
      for (const sts::Hop& h : caller->hops) jw.String(h.description.c_str());
      jw.EndArray();
      jw.EndObject();
    });
    exit_code = kExitOk;
  });
}

struct MatrixOptionsCli {
  WorldOptions world;
  std::string output = "table";
  bool include_denied = false;
  bool pairwise = false;
};

std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void RegisterMatrix(CLI::App* access, int& exit_code) {
  auto* cmd = access->add_subcommand("matrix", "Every principal against every host: allowed or not, as whom, why");
  auto o = std::make_shared<MatrixOptionsCli>();
  AddWorldOptions(cmd, o->world);
  cmd->add_option("--output,-o", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_flag("--include-denied", o->include_denied, "list every denied pair too (large)");
  cmd->add_flag("--pairwise", o->pairwise, "decide every pair separately (slow; the reference for the grouping)");
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
    services::SsmContext sctx;
    sctx.env.now = ctx->now;
    sctx.env.region = ctx->region;
    sctx.run_as = RunAsConfigOf(*w);
    analyze::MatrixOptions mo;
    mo.pairwise = o->pairwise;
    const analyze::Matrix m = analyze::Matrix::Compute(*w, sctx, mo);
    const std::vector<analyze::Finding> findings = analyze::Findings(*w, m, sctx);
    const auto& ps = m.principals();
    const auto& hs = m.hosts();
    auto reason = [](const analyze::PairResult& r) {
      std::string why;
      for (const auto& x : analyze::Matrix::Matched(r))
        why += (why.empty() ? "" : "; ") + x.policy->name() + " statement " + std::to_string(x.statement->index) +
               (x.statement->sid.empty() ? "" : " (" + x.statement->sid + ")");
      if (r.session_error) return r.session_error->message;
      return why.empty() ? r.Message() : why;
    };
    auto decision = [](const analyze::PairResult& r) -> std::string {
      return r.allowed ? "Allow" : r.session_error ? "SessionFails" : std::string(policy::OutcomeName(r.cell->outcome));
    };
    // A principal's hosts, grouped by answer: hosts of one class (same cell)
    // and the same session outcome share one group. Denied hosts are only
    // counted unless --include-denied.
    struct Group {
      analyze::PairResult first;
      std::vector<std::size_t> hosts;
    };
    auto groups_of = [&](std::size_t p, std::size_t& denied) {
      std::vector<Group> groups;
      std::map<std::pair<const analyze::Cell*, const Error*>, std::size_t> index;
      denied = 0;
      for (std::size_t h = 0; h < hs.size(); ++h) {
        const analyze::PairResult r = m.At(p, h);
        if (!r.allowed && !r.session_error && !o->include_denied) {
          ++denied;
          continue;
        }
        auto [it, fresh] = index.try_emplace({r.cell, r.session_error}, groups.size());
        if (fresh) groups.push_back({r, {}});
        groups[it->second].hosts.push_back(h);
      }
      return groups;
    };
    if (o->output == "csv") {
      // One line per pair; the reason is rendered once per group.
      std::cout << "principal,host,decision,linux_user,run_as_source,reason\n";
      for (std::size_t p = 0; p < ps.size(); ++p) {
        std::size_t denied = 0;
        const std::string principal = Csv(ps[p].label);
        for (const Group& g : groups_of(p, denied)) {
          const analyze::PairResult& r = g.first;
          const std::string rest =
              "," + decision(r) + "," + (r.cell->run_as ? r.cell->run_as->user : "") + "," +
              (r.cell->run_as ? std::string(ssm::RunAsSourceName(r.cell->run_as->source)) : "") + ",";
          const bool per_host_reason = !r.allowed && !r.session_error && analyze::Matrix::Matched(r).empty();
          const std::string why = per_host_reason ? "" : Csv(reason(r));
          for (std::size_t h : g.hosts) {
            std::cout << principal << "," << hs[h]->id << rest;
            if (per_host_reason) std::cout << Csv(m.At(p, h).Message()) << "\n";
            else std::cout << why << "\n";
          }
        }
      }
      for (const auto& f : findings) std::cout << "# finding," << f.kind << "," << Csv(f.subject) << "," << Csv(f.detail) << "\n";
    } else if (o->output == "json") {
      PrintJson(std::cout, [&](JsonWriter& jw) {
        jw.StartObject();
        jw.Key("principals");
        jw.StartArray();
        for (std::size_t p = 0; p < ps.size(); ++p) {
          std::size_t denied = 0;
          const std::vector<Group> groups = groups_of(p, denied);
          jw.StartObject();
          WriteString(jw, "principal", ps[p].label);
          WriteString(jw, "how", ps[p].how);
          jw.Key("access");
          jw.StartArray();
          for (const Group& g : groups) {
            const analyze::PairResult& r = g.first;
            jw.StartObject();
            WriteString(jw, "decision", decision(r));
            if (r.cell->run_as && (r.allowed || r.session_error)) {
              WriteString(jw, "linuxUser", r.cell->run_as->user);
              WriteString(jw, "runAsSource", ssm::RunAsSourceName(r.cell->run_as->source));
              WriteString(jw, "runAsRule", r.cell->run_as->rule);
            }
            // For a denial without statements AWS's message names the
            // host: it is given for the group's first host.
            WriteString(jw, "why", reason(r));
            jw.Key("hosts");
            jw.StartArray();
            for (std::size_t h : g.hosts) jw.String(hs[h]->id.c_str());
            jw.EndArray();
            jw.EndObject();
          }
          jw.EndArray();
          jw.Key("deniedHosts");
          jw.Uint64(denied);
          jw.EndObject();
        }
        jw.EndArray();
        jw.Key("findings");
        jw.StartArray();
        for (const auto& f : findings) {
          jw.StartObject();
          WriteString(jw, "kind", f.kind);
          WriteString(jw, "subject", f.subject);
          WriteString(jw, "detail", f.detail);
          jw.EndObject();
        }
        jw.EndArray();
        jw.EndObject();
      });
    } else {
      constexpr std::size_t kHostsShown = 8;
      for (std::size_t p = 0; p < ps.size(); ++p) {
        std::cout << ps[p].label << "\n    " << ps[p].how << "\n";
        std::size_t denied = 0;
        for (const Group& g : groups_of(p, denied)) {
          const analyze::PairResult& r = g.first;
          std::string where;
          for (std::size_t i = 0; i < g.hosts.size() && i < kHostsShown; ++i) where += (i ? ", " : "") + hs[g.hosts[i]]->id;
          if (g.hosts.size() > kHostsShown) where += ", ... (" + std::to_string(g.hosts.size() - kHostsShown) + " more)";
          std::cout << "    ";
          if (r.allowed) {
            std::cout << "Allow as " << r.cell->run_as->user << " (" << ssm::RunAsSourceName(r.cell->run_as->source)
                      << ")";
          } else {
            std::cout << decision(r);
          }
          std::cout << " on " << g.hosts.size() << " host(s): " << where << "\n        " << reason(r) << "\n";
        }
        if (denied != 0) std::cout << "    (denied on " << denied << " other host(s))\n";
      }
      if (!findings.empty()) std::cout << "\nFindings\n";
      for (const auto& f : findings) std::cout << "  [" << f.kind << "] " << f.subject << ": " << f.detail << "\n";
    }
    std::cerr << "gatehouse: " << ps.size() << " principals x " << hs.size() << " hosts, " << m.evaluations()
              << " decisions, " << findings.size() << " findings\n";
    exit_code = kExitOk;
  });
}

}  // namespace

void RegisterAccessCommands(CLI::App& app, int& exit_code) {
  auto* access = app.add_subcommand("access", "Who can reach which host as which Linux user, and why");
  access->require_subcommand(1);
  RegisterCheck(access, exit_code);
  RegisterMatrix(access, exit_code);
}

}  // namespace gatehouse::cli
