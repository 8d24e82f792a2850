// ssm/runas.cc: RunAs resolution.
#include "ssm/runas.h"

#include <algorithm>

#include "common/ascii.h"

namespace gatehouse::ssm {
namespace {

// The agent treats a RunAs user that is empty or only white space as unset
// (amazon-ssm-agent docparser.go parsePluginStateForStartSession and
// shell_unix.go StartCommandExecutor both test strings.TrimSpace(..) != "").
bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return ascii::IsSpace(c); });
}

Error Fail(std::string_view code, std::string message) { return MakeError(std::string(code), std::move(message)); }

bool MappingMatches(const RunAsMapping& m, const RunAsPrincipal& p) {
  switch (m.kind) {
    case RunAsMapping::Kind::kPermissionSet: return !p.permission_set.empty() && m.name == p.permission_set;
    case RunAsMapping::Kind::kRole: return !p.role_arn.empty() && m.name == p.role_arn;
    case RunAsMapping::Kind::kGroup:
      return std::find(p.groups.begin(), p.groups.end(), m.name) != p.groups.end();
  }
  return false;
}

std::string Describe(const RunAsMapping& m) {
  const char* kind = m.kind == RunAsMapping::Kind::kPermissionSet ? "permission set"
                     : m.kind == RunAsMapping::Kind::kRole        ? "role"
                                                                  : "group";
  return std::string("gatehouse run_as_mappings: ") + kind + " " + m.name + " -> " + m.linux_user;
}

}  // namespace

std::string_view RunAsSourceName(RunAsSource s) {
  switch (s) {
    case RunAsSource::kPrincipalTag: return "principal-tag";
    case RunAsSource::kDocumentDefault: return "document-default";
    case RunAsSource::kMapping: return "mapping";
    case RunAsSource::kSsmUser: return "ssm-user";
  }
  return "ssm-user";
}

Result<RunAsDecision> ResolveRunAs(const SessionInputs& prefs, std::string_view document_name, const RunAsPrincipal& p,
                                   const RunAsConfig& config, const std::vector<std::string>& host_users) {
  Result<RunAsDecision> d = ChooseRunAs(prefs, document_name, p, config);
  if (!d.ok()) return d;
  if (Status s = CheckRunAsUserExists(*d, host_users); !s.ok()) return s.error();
  return d;
}

Status CheckRunAsUserExists(const RunAsDecision& d, const std::vector<std::string>& host_users) {
  if (d.source == RunAsSource::kSsmUser) return Status::Ok();
  if (std::find(host_users.begin(), host_users.end(), d.user) == host_users.end())
    return Fail(kRunAsUserNotFound, "failed to start pty since RunAs user " + d.user + " does not exist (" + d.rule + ")");
  return Status::Ok();
}

Result<RunAsDecision> ChooseRunAs(const SessionInputs& prefs, std::string_view document_name, const RunAsPrincipal& p,
                                  const RunAsConfig& config) {
  RunAsDecision d;
  if (!prefs.run_as_enabled) {
    // The agent creates ssm-user when it is missing.
    d.user = "ssm-user";
    d.source = RunAsSource::kSsmUser;
    d.rule = "RunAs is disabled in " + std::string(document_name) + ": sessions run as ssm-user";
    return d;
  }
  bool chosen = false;
  if (config.mappings_enabled) {
    // Permission sets and roles are more specific than groups; two matching
    // rules that disagree are refused rather than picked between.
    for (int pass = 0; pass < 2 && !chosen; ++pass) {
      const RunAsMapping* match = nullptr;
      for (const RunAsMapping& m : config.mappings) {
        const bool specific = m.kind != RunAsMapping::Kind::kGroup;
        if ((pass == 0) != specific || !MappingMatches(m, p)) continue;
        if (match != nullptr && match->linux_user != m.linux_user)
          return Fail(kRunAsMappingConflict, "RunAs mappings disagree: " + Describe(*match) + " and " + Describe(m));
        if (match == nullptr) match = &m;
      }
      if (match != nullptr) {
        d.user = match->linux_user;
        d.source = RunAsSource::kMapping;
        d.rule = Describe(*match);
        if (p.has_tag && !Blank(p.tag_value))
          d.rule += " (takes precedence over the SSMSessionRunAs tag " + p.tag_value + ")";
        chosen = true;
      }
    }
  }
  if (!chosen && p.has_tag && !Blank(p.tag_value)) {
    d.user = p.tag_value;
    d.source = RunAsSource::kPrincipalTag;
    d.rule = "SSMSessionRunAs tag of " + p.tag_owner;
    chosen = true;
  }
  if (!chosen && !Blank(prefs.run_as_default_user)) {
    d.user = prefs.run_as_default_user;
    d.source = RunAsSource::kDocumentDefault;
    d.rule = "runAsDefaultUser of " + std::string(document_name);
    chosen = true;
  }
  if (!chosen)
    return Fail(kRunAsUserNotSet, "RunAs is enabled in " + std::string(document_name) +
                                      " but the principal has no SSMSessionRunAs tag and there is no runAsDefaultUser: "
                                      "please set the RunAs default user");
  if (d.user == "root") return Fail(kRunAsUserNotSupported, "RunAs user root is not supported (" + d.rule + ")");
  return d;
}

}  // namespace gatehouse::ssm
