// policy/request.h: one authorization request: who, what action, on which
// resource, in which account, with which context keys.
#pragma once

#include <string>

#include "policy/context.h"
#include "policy/principal.h"

namespace gatehouse::policy {

struct Request {
  RequestPrincipal principal;
  std::string action;            // "service:ActionName"
  std::string resource;          // an ARN, or "*" for wildcard-only actions
  std::string resource_account;  // empty: the principal's account
  RequestContext context;

  bool same_account() const {
    return resource_account.empty() || resource_account == principal.account;
  }
};

}  // namespace gatehouse::policy
