// analyze/matrix.h: "who can open a shell on which host as which Linux
// user, and why": every reachable principal against every host.
//
// Exact and fast: principals sharing a policy set share a partition of the
// hosts into classes that no policy of the set can tell apart (same account
// and region, same answers from every resource pattern, same values of
// every tag key the policies read); each principal is decided once per
// class, and only the existence of its RunAs user is checked per host.
// A policy set whose Resource patterns hold variables is decided pair by
// pair. `MatrixOptions::pairwise` forces pair-by-pair everywhere (the
// reference the exactness test compares with).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze/principals.h"
#include "policy/decision.h"
#include "services/ssm_service.h"

namespace gatehouse::analyze {

struct MatchedRef {
  std::string policy;
  std::uint32_t statement = 0;
  std::string sid;
  std::string effect;
};

// The answer for one principal on one class of hosts.
struct Cell {
  policy::Outcome outcome = policy::Outcome::kImplicitDeny;
  std::string denied_by;
  std::string message;             // AccessDenied text when denied
  std::vector<MatchedRef> matched;
  std::optional<ssm::RunAsDecision> run_as;  // chosen user (before the per-host existence check)
  std::optional<Error> run_as_error;         // RunAs could not choose a user
};

// The answer for one principal on one host.
struct PairResult {
  const Cell* cell = nullptr;
  bool allowed = false;                 // authorised and the session would start
  std::optional<Error> session_error;   // authorised, but the session fails (RunAs)
};

struct MatrixOptions {
  bool pairwise = false;
  EnumerateOptions enumerate;
};

class Matrix {
 public:
  static Matrix Compute(const world::World& w, const services::SsmContext& ctx, const MatrixOptions& options = {});

  const std::vector<ReachablePrincipal>& principals() const { return principals_; }
  const std::vector<const world::Host*>& hosts() const { return hosts_; }
  PairResult At(std::size_t principal, std::size_t host) const;
  // Host classes of a principal's policy set (for grouped output).
  std::size_t ClassOf(std::size_t principal, std::size_t host) const;
  std::size_t evaluations() const { return evaluations_; }

 private:
  std::vector<ReachablePrincipal> principals_;
  std::vector<const world::Host*> hosts_;
  // Per policy-set group: the class of each host.
  std::vector<std::vector<std::uint32_t>> host_class_;
  std::vector<std::uint32_t> group_of_principal_;
  std::vector<std::vector<Cell>> cells_;  // per principal, per class of its group
  std::size_t evaluations_ = 0;
};

}  // namespace gatehouse::analyze
