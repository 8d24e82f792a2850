// policy/explain.cc: rendering AccessDenied messages.
#include "policy/explain.h"

namespace gatehouse::policy {
namespace {

std::string_view Article(DeniedBy d) {
  switch (d) {
    case DeniedBy::kIdentityPolicy: return "an ";
    case DeniedBy::kTrustPolicy: return "the ";
    default: return "a ";
  }
}

}  // namespace

std::string AccessDeniedMessage(const Decision& d, std::string_view principal_arn, std::string_view action,
                                std::string_view resource) {
  if (d.allowed()) return {};
  std::string m = "User: ";
  m.append(principal_arn);
  m += " is not authorized to perform: ";
  m.append(action);
  if (!resource.empty() && resource != "*") {
    m += " on resource: ";
    m.append(resource);
  }
  // SCP and RCP denials read "explicit deny" even when no statement denied:
  // AWS words a missing SCP allow that way.
  const bool explicit_wording =
      d.outcome == Outcome::kExplicitDeny || d.denied_by == DeniedBy::kScp || d.denied_by == DeniedBy::kRcp;
  if (explicit_wording) {
    m += " with an explicit deny in ";
    m.append(Article(d.denied_by));
    m.append(DeniedByName(d.denied_by));
  } else {
    m += " because no ";
    m.append(DeniedByName(d.denied_by));
    m += " allows the ";
    m.append(action);
    m += " action";
  }
  return m;
}

std::string AccessDeniedMessage(const Decision& d, const Request& r) {
  return AccessDeniedMessage(d, r.principal.arn, r.action, r.resource);
}

}  // namespace gatehouse::policy
