// ssm/runas.h: which Linux user a session runs as
// (../shared/spec/ssm-protocol.md §2.12; docs/semantics.md "RunAs").
//
// AWS's rule, when the preferences enable RunAs: the principal's
// SSMSessionRunAs tag, else the document's runAsDefaultUser, else the session
// fails; `root` is refused; the user must exist on the host. With RunAs
// disabled the session runs as ssm-user.
//
// gatehouse's extension (opt-in, named "run_as_mappings"): explicit rules
// mapping a permission set, a role or an IAM group to a Linux user, which
// take precedence over the tag. Every decision names the rule that chose the
// user.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ssm/document.h"

namespace gatehouse::ssm {

// gatehouse codes: AWS reports these only as a failed session.
inline constexpr std::string_view kRunAsUserNotSet = "RunAsUserNotSet";
inline constexpr std::string_view kRunAsUserNotSupported = "RunAsUserNotSupported";
inline constexpr std::string_view kRunAsUserNotFound = "RunAsUserNotFound";
inline constexpr std::string_view kRunAsMappingConflict = "RunAsMappingConflict";

struct RunAsMapping {
  enum class Kind : std::uint8_t { kPermissionSet, kRole, kGroup };
  Kind kind = Kind::kPermissionSet;
  std::string name;        // permission set name, role ARN, group ARN
  std::string linux_user;
};

struct RunAsConfig {
  bool mappings_enabled = false;
  std::vector<RunAsMapping> mappings;
};

// What RunAs needs to know about the caller.
struct RunAsPrincipal {
  std::string tag_value;        // aws:PrincipalTag/SSMSessionRunAs; empty: no tag
  bool has_tag = false;
  std::string tag_owner;        // "user alice", "role R (session tag)", for explanations
  std::string permission_set;   // Identity Center sessions
  std::string role_name;        // role sessions
  std::string role_arn;
  std::vector<std::string> groups;  // IAM users: their groups' ARNs
};

enum class RunAsSource : std::uint8_t { kPrincipalTag, kDocumentDefault, kMapping, kSsmUser };
std::string_view RunAsSourceName(RunAsSource s);  // "principal-tag", "document-default", "mapping", "ssm-user"

struct RunAsDecision {
  std::string user;
  RunAsSource source = RunAsSource::kSsmUser;
  std::string rule;  // the rule that chose the user, in words
};

// Chooses the user without looking at a host: every rule but existence.
Result<RunAsDecision> ChooseRunAs(const SessionInputs& prefs, std::string_view document_name, const RunAsPrincipal& p,
                                  const RunAsConfig& config);
// Whether `decision`'s user can run on a host with `host_users`; the error
// AWS's agent reports otherwise. (ssm-user is created by the agent.)
Status CheckRunAsUserExists(const RunAsDecision& decision, const std::vector<std::string>& host_users);

// `document_name` names the preferences' source for explanations.
Result<RunAsDecision> ResolveRunAs(const SessionInputs& prefs, std::string_view document_name, const RunAsPrincipal& p,
                                   const RunAsConfig& config, const std::vector<std::string>& host_users);

}  // namespace gatehouse::ssm
