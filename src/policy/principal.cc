// policy/principal.cc: parsing callers and Principal element values.
#include "policy/principal.h"

#include "common/ascii.h"

namespace gatehouse::policy {
namespace {

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (!ascii::IsDigit(c)) return false;
  return true;
}

bool IsPartition(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  return true;
}

bool IsUniqueId(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size() + 8 || s.size() > 128 || s.substr(0, prefix.size()) != prefix) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || ascii::IsDigit(c))) return false;
  return true;
}

// arn:<partition>:<service>::<account>:<resource>
struct IamArn {
  std::string_view partition, service, region, account, resource;
};

bool SplitIamArn(std::string_view s, IamArn& out) {
  std::string_view f[5];
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = s.find(':', start);
    if (colon == std::string_view::npos) return false;
    f[i] = s.substr(start, colon - start);
    start = colon + 1;
  }
  if (f[0] != "arn") return false;
  out = IamArn{f[1], f[2], f[3], f[4], s.substr(start)};
  return true;
}

std::string_view LastSegment(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ValidPathName(std::string_view rest) {
  // "path/.../name": non-empty name, no empty segments other than none.
  if (rest.empty() || rest.back() == '/') return false;
  return rest.find_first_of("*?") == std::string_view::npos;
}

}  // namespace

Result<RequestPrincipal> ParseRequestPrincipal(std::string_view text) {
  RequestPrincipal p;
  p.arn = std::string(text);
  if (text == "anonymous" || text == "*") {
    p.kind = PrincipalKind::kAnonymous;
    p.arn = "anonymous";
    return p;
  }
  if (text.rfind("arn:", 0) != 0) {
    if (text.empty() || text.find_first_of(" *?") != std::string_view::npos)
      return MakeError("InvalidInput", "principal \"" + std::string(text) +
                                           "\" is neither an ARN, \"anonymous\", nor a service or "
                                           "identity-provider name");
    p.kind = PrincipalKind::kNamed;
    return p;
  }
  IamArn a;
  if (!SplitIamArn(text, a) || !IsPartition(a.partition) || !a.region.empty() || !IsAccountId(a.account))
    return MakeError("InvalidInput", "principal \"" + std::string(text) +
                                         "\" is not an IAM or STS principal ARN "
                                         "(arn:aws:iam::123456789012:user/name, ...)");
  p.partition = std::string(a.partition);
  p.account = std::string(a.account);
  if (a.service == "iam" && a.resource == "root") {
    p.kind = PrincipalKind::kRoot;
    return p;
  }
  if (a.service == "iam" && a.resource.rfind("user/", 0) == 0 && ValidPathName(a.resource.substr(5))) {
    p.kind = PrincipalKind::kUser;
    p.name = std::string(LastSegment(a.resource));
    return p;
  }
  if (a.service == "iam" && a.resource.rfind("role/", 0) == 0)
    return MakeError("InvalidInput", "principal \"" + std::string(text) +
                                         "\" is a role: a role acts only through its sessions; give "
                                         "the session ARN arn:aws:sts::" + p.account +
                                         ":assumed-role/<role-name>/<session-name>");
  if (a.service == "sts" && a.resource.rfind("assumed-role/", 0) == 0) {
    std::string_view rest = a.resource.substr(13);
    const std::size_t slash = rest.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < rest.size() &&
        rest.find('/', slash + 1) == std::string_view::npos) {
      p.kind = PrincipalKind::kAssumedRole;
      p.role_name = std::string(rest.substr(0, slash));
      p.name = std::string(rest.substr(slash + 1));
      return p;
    }
  }
  if (a.service == "sts" && a.resource.rfind("federated-user/", 0) == 0 && a.resource.size() > 15 &&
      a.resource.find('/', 15) == std::string_view::npos) {
    p.kind = PrincipalKind::kFederatedUser;
    p.name = std::string(a.resource.substr(15));
    return p;
  }
  return MakeError("InvalidInput", "principal \"" + std::string(text) +
                                       "\" is not a root, user, assumed-role or federated-user ARN");
}

bool ValidPrincipalValue(std::string_view type, std::string_view value, std::string& why) {
  if (value.empty()) {
    why = "empty value";
    return false;
  }
  if (type == "AWS") {
    if (value == "*" || IsAccountId(value) || IsUniqueId(value, "AIDA") || IsUniqueId(value, "AROA"))
      return true;
    if (value.find_first_of("*?") != std::string_view::npos) {
      why = "wildcards are allowed only as the whole value \"*\"";
      return false;
    }
    IamArn a;
    if (SplitIamArn(value, a) && IsPartition(a.partition) && a.region.empty() && IsAccountId(a.account)) {
      if (a.service == "iam" &&
          (a.resource == "root" ||
           (a.resource.rfind("user/", 0) == 0 && ValidPathName(a.resource.substr(5))) ||
           (a.resource.rfind("role/", 0) == 0 && ValidPathName(a.resource.substr(5)))))
        return true;
      if (a.service == "sts") {
        std::string_view r = a.resource;
        if (r.rfind("assumed-role/", 0) == 0) {
          r.remove_prefix(13);
          const std::size_t slash = r.find('/');
          if (slash != std::string_view::npos && slash > 0 && slash + 1 < r.size() &&
              r.find('/', slash + 1) == std::string_view::npos)
            return true;
        } else if (r.rfind("federated-user/", 0) == 0 && r.size() > 15 &&
                   r.find('/', 15) == std::string_view::npos) {
          return true;
        }
      }
    }
    why = "expected \"*\", an account id, a root/user/role/assumed-role/federated-user ARN or a unique id";
    return false;
  }
  if (type == "Service" || type == "Federated") {
    if (value.find_first_of("*? ") != std::string_view::npos) {
      why = "wildcards and spaces are not allowed";
      return false;
    }
    return true;
  }
  return true;  // CanonicalUser: an opaque id
}

PrincipalEntry ClassifyPrincipal(std::string_view type, std::string_view value) {
  PrincipalEntry e;
  e.value = std::string(value);
  if (type == "Service" || type == "Federated") {
    e.kind = PrincipalEntry::Kind::kNamed;
    return e;
  }
  if (type != "AWS") return e;  // CanonicalUser: kNothing
  if (value == "*") {
    e.kind = PrincipalEntry::Kind::kAll;
  } else if (IsAccountId(value)) {
    e.kind = PrincipalEntry::Kind::kAccount;
  } else if (IsUniqueId(value, "AIDA")) {
    e.kind = PrincipalEntry::Kind::kUniqueUser;
  } else if (IsUniqueId(value, "AROA")) {
    e.kind = PrincipalEntry::Kind::kUniqueRole;
  } else {
    IamArn a;
    if (!SplitIamArn(value, a)) return e;
    if (a.service == "iam" && a.resource == "root") {
      e.kind = PrincipalEntry::Kind::kAccount;
      e.value = std::string(a.account);
      e.partition = std::string(a.partition);
    } else if (a.service == "iam" && a.resource.rfind("user/", 0) == 0) {
      e.kind = PrincipalEntry::Kind::kUser;
    } else if (a.service == "iam" && a.resource.rfind("role/", 0) == 0) {
      e.kind = PrincipalEntry::Kind::kRole;
    } else if (a.service == "sts") {
      e.kind = PrincipalEntry::Kind::kSession;
    }
  }
  return e;
}

GrantKind Match(const PrincipalEntry& e, const RequestPrincipal& p) {
  using K = PrincipalEntry::Kind;
  switch (e.kind) {
    case K::kAll:
      return GrantKind::kAll;
    case K::kAccount:
      return p.in_account() && p.account == e.value && (e.partition.empty() || e.partition == p.partition)
                 ? GrantKind::kAccount
                 : GrantKind::kNone;
    case K::kUser:
      return p.kind == PrincipalKind::kUser && p.arn == e.value ? GrantKind::kDirect : GrantKind::kNone;
    case K::kRole:
      return p.kind == PrincipalKind::kAssumedRole && p.principal_arn == e.value ? GrantKind::kRole
                                                                                : GrantKind::kNone;
    case K::kSession:
      return (p.kind == PrincipalKind::kAssumedRole || p.kind == PrincipalKind::kFederatedUser) &&
                     p.arn == e.value
                 ? GrantKind::kDirect
                 : GrantKind::kNone;
    case K::kUniqueUser:
      return p.kind == PrincipalKind::kUser && p.user_id == e.value ? GrantKind::kDirect : GrantKind::kNone;
    case K::kUniqueRole:
      return p.kind == PrincipalKind::kAssumedRole && p.user_id.size() > e.value.size() &&
                     p.user_id.compare(0, e.value.size(), e.value) == 0 && p.user_id[e.value.size()] == ':'
                 ? GrantKind::kRole
                 : GrantKind::kNone;
    case K::kNamed:
      return p.kind == PrincipalKind::kNamed && p.arn == e.value ? GrantKind::kDirect : GrantKind::kNone;
    case K::kNothing:
      return GrantKind::kNone;
  }
  return GrantKind::kNone;
}

bool NotPrincipalExempts(std::span<const PrincipalEntry> entries, const RequestPrincipal& p) {
  using K = PrincipalEntry::Kind;
  bool account = false, identity = false, role = false, session = false;
  for (const PrincipalEntry& e : entries) {
    if (e.kind == K::kAll) return true;
    const GrantKind g = Match(e, p);
    if (g == GrantKind::kNone) continue;
    switch (e.kind) {
      case K::kAccount: account = true; break;
      case K::kUser:
      case K::kUniqueUser:
      case K::kNamed: identity = true; break;
      case K::kRole:
      case K::kUniqueRole: role = true; break;
      case K::kSession: session = true; break;
      default: break;
    }
  }
  switch (p.kind) {
    case PrincipalKind::kRoot: return account;
    case PrincipalKind::kUser: return account && identity;
    case PrincipalKind::kAssumedRole: return account && role && session;
    case PrincipalKind::kFederatedUser: return account && session;
    case PrincipalKind::kNamed: return identity;
    case PrincipalKind::kAnonymous: return false;
  }
  return false;
}

}  // namespace gatehouse::policy
