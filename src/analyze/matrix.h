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
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "analyze/principals.h"
#include "common/inline_vector.h"
#include "policy/decision.h"
#include "services/ssm_service.h"

namespace gatehouse::analyze {

// The answer for one principal on one class of hosts. Small and free of
// strings (millions are made): pointers into the world's compiled policies
// and into the matrix's own storage.
using MatchedList = InlineVector<policy::MatchedStatement, 8>;

struct Cell {
  policy::Outcome outcome = policy::Outcome::kImplicitDeny;
  policy::DeniedBy denied_by = policy::DeniedBy::kNone;
  bool other_account = false;                  // the host is not in the principal's account
  const MatchedList* matched = nullptr;        // interned: cells share lists
  const ssm::RunAsDecision* run_as = nullptr;  // the chosen user (before the per-host existence check)
  const Error* run_as_error = nullptr;         // RunAs could not choose a user
  const Error* user_missing = nullptr;         // the session error when run_as's user is not on a host
};

// The answer for one principal on one host.
struct PairResult {
  const Cell* cell = nullptr;
  const world::Host* host = nullptr;
  const std::string* principal_arn = nullptr;
  bool allowed = false;                 // authorised and the session would start
  const Error* session_error = nullptr; // authorised, but the session fails (RunAs)

  // AWS's AccessDenied text for this host when denied (rendered on demand:
  // a matrix has millions of pairs).
  std::string Message() const;
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
  // The statements behind a pair's answer (empty list for none).
  static const MatchedList& Matched(const PairResult& r);
  // Host classes of a principal's policy set (for grouped output).
  std::size_t ClassOf(std::size_t principal, std::size_t host) const;
  std::size_t evaluations() const { return evaluations_; }
  // The resource-tag keys (lower-cased) a principal's StartSession policies
  // read.
  std::size_t GroupOf(std::size_t principal) const { return group_of_principal_[principal]; }
  const std::vector<std::string>& TagKeysRead(std::size_t principal) const {
    return tag_keys_[group_of_principal_[principal]];
  }

 private:
  std::vector<ReachablePrincipal> principals_;
  std::vector<const world::Host*> hosts_;
  // Per policy-set group: the class of each host.
  std::vector<std::vector<std::uint32_t>> host_class_;
  std::vector<std::vector<std::string>> tag_keys_;  // per group
  std::vector<std::uint32_t> group_of_principal_;
  std::vector<std::vector<Cell>> cells_;  // per principal, per class of its group
  std::vector<std::string> principal_arns_;
  std::deque<ssm::RunAsDecision> run_as_;  // storage the cells point into (stable addresses)
  std::deque<Error> errors_;
  std::deque<MatchedList> matched_;
  std::size_t evaluations_ = 0;
};

// Classes of hosts that `id`'s policies cannot tell apart for the given
// actions (vendor, lower-cased name); 0 for hosts of other accounts.
std::vector<std::uint32_t> HostClasses(const world::World& w, const world::Identity& id,
                                       const std::vector<const world::Host*>& hosts,
                                       const std::vector<std::pair<std::string, std::string>>& actions);

}  // namespace gatehouse::analyze
