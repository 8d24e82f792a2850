// policy/request.h: one authorization request: who, what action, on which
// resource, in which account, with which context keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "policy/arn.h"
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

// A request with the views every decision needs computed once: the
// lower-cased action split into vendor and name, and the resource's ARN
// fields. Immutable, so the derived values cannot go stale.
class PreparedRequest {
 public:
  explicit PreparedRequest(Request request);

  const Request& request() const { return request_; }
  std::string_view vendor() const { return std::string_view(action_lower_).substr(0, vendor_size_); }
  std::string_view name() const {
    return vendor_size_ < action_lower_.size() ? std::string_view(action_lower_).substr(vendor_size_ + 1)
                                               : std::string_view();
  }
  std::uint64_t vendor_hash() const { return vendor_hash_; }
  const ArnSplit& resource_split() const { return resource_split_; }

  // Re-aims the request at another resource, keeping the derived views
  // consistent (for deciding one caller against many resources).
  void SetResource(std::string resource, std::string resource_account);
  // The context may change freely: no derived view depends on it.
  RequestContext& context() { return request_.context; }

 private:
  Request request_;
  std::string action_lower_;
  std::size_t vendor_size_ = 0;
  std::uint64_t vendor_hash_ = 0;
  ArnSplit resource_split_;
};

}  // namespace gatehouse::policy
