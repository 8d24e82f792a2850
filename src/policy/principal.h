// policy/principal.h: who is asking, and how the Principal element of a
// resource or trust policy names them (docs/semantics.md §2.4).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gatehouse::policy {

enum class PrincipalKind : std::uint8_t {
  kRoot,
  kUser,
  kAssumedRole,
  kFederatedUser,
  kAnonymous,
  kNamed,  // a service principal or identity provider, e.g. ec2.amazonaws.com
};

// The caller of a request.
struct RequestPrincipal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string arn;        // the caller's ARN; "anonymous"; or the service/IdP name
  std::string partition;  // "aws", "aws-cn", ... (empty for anonymous/named)
  std::string account;    // 12 digits (empty for anonymous/named)
  std::string name;       // user name, session name, federated user name
  std::string role_name;  // the role of an assumed-role session
  // Facts the ARN alone cannot tell (filled by the world layer or the
  // simulator): aws:PrincipalArn (for a session: the role ARN with its path)
  // and aws:userid (AIDA... for users, AROA...:session for sessions).
  std::string principal_arn;
  std::string user_id;

  bool in_account() const {
    return kind != PrincipalKind::kAnonymous && kind != PrincipalKind::kNamed;
  }
};

// Parses a caller: an IAM user, root, assumed-role or federated-user ARN,
// "anonymous", or a service/IdP name. A role ARN is refused: roles act only
// through their sessions.
Result<RequestPrincipal> ParseRequestPrincipal(std::string_view text);

// The strength of a resource-policy grant (docs/semantics.md §4 step 6).
enum class GrantKind : std::uint8_t { kNone, kAccount, kRole, kAll, kDirect };

// One value of a Principal element, classified once at compile time.
struct PrincipalEntry {
  enum class Kind : std::uint8_t {
    kAll,         // "*"
    kAccount,     // 123456789012 or arn:aws:iam::123456789012:root
    kUser,        // arn:aws:iam::A:user/...
    kRole,        // arn:aws:iam::A:role/...
    kSession,     // arn:aws:sts::A:assumed-role/R/S or federated-user/N
    kUniqueUser,  // AIDA...
    kUniqueRole,  // AROA...
    kNamed,       // Service or Federated value
    kNothing,     // CanonicalUser (not modelled)
  };
  Kind kind = Kind::kNothing;
  std::string value;      // the ARN / id / name to compare
  std::string partition;  // for kAccount from an ARN (empty: any)
};

// Validates a value under `type` ("AWS", "Service", "Federated",
// "CanonicalUser"); `why` explains a refusal.
bool ValidPrincipalValue(std::string_view type, std::string_view value, std::string& why);
PrincipalEntry ClassifyPrincipal(std::string_view type, std::string_view value);

// How strongly `entry` names `p` (kNone when it does not).
GrantKind Match(const PrincipalEntry& entry, const RequestPrincipal& p);

// Whether a NotPrincipal list exempts `p`. AWS exempts a caller only when
// every identity in its chain is listed: the account (id or root ARN) and
// the user; for a role session the account, the role and the session; for a
// federated user the account and the federated-user ARN
// ([IUG:reference_policies_elements_notprincipal.md]).
bool NotPrincipalExempts(std::span<const PrincipalEntry> entries, const RequestPrincipal& p);

}  // namespace gatehouse::policy
