// policy/explain.h: AWS's AccessDenied wording for a denial
// (../shared/spec/iam-semantics.md §7.6):
//   User: <arn> is not authorized to perform: <action> on resource: <arn>
//   because no <type> allows the <action> action
//   | with an explicit deny in a(n) <type>
#pragma once

#include <string>

#include "policy/decision.h"
#include "policy/request.h"

namespace gatehouse::policy {

// The message for a denied decision; empty for Allow. `resource` may be
// empty for actions AWS reports without a resource.
std::string AccessDeniedMessage(const Decision& d, std::string_view principal_arn, std::string_view action,
                                std::string_view resource);
std::string AccessDeniedMessage(const Decision& d, const Request& r);

}  // namespace gatehouse::policy
