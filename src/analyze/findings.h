// analyze/findings.h: what a reviewer of a world should know, found from
// the access matrix and the policies:
// - spoofable-session-name: a role whose policies test aws:userid (the
//   session name) can be assumed with a session name of the caller's
//   choosing, so the caller picks whose access it gets (seeds 000, 003);
// - tamperable-tag: a principal whose StartSession access depends on a host
//   tag can itself create or delete that tag on the host;
// - runas-user-missing: a principal is allowed on a host but the Linux user
//   it would run as does not exist there, so its sessions fail;
// - untagged-host-open: a host without the tag a Null-guarded Deny needs, so
//   the Deny never applies to it (seed 000's untagged hosts).
#pragma once

#include <string>
#include <vector>

#include "analyze/matrix.h"

namespace gatehouse::analyze {

struct Finding {
  std::string kind;
  std::string subject;  // the role, principal or host concerned
  std::string detail;
};

std::vector<Finding> Findings(const world::World& w, const Matrix& m, const services::SsmContext& ctx);

}  // namespace gatehouse::analyze
