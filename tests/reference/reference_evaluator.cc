// reference_evaluator.cc — owns the reference evaluator: a plain, top-down
// reading of docs/semantics.md §2 (matching), §3 (conditions, variables),
// §4 (decision) and §5 (derived context keys), interpreted directly on the
// RapidJSON DOM. No compilation, no caching, no shared code with src/.
// Section comments name the rule each part implements.

#include "reference_evaluator.h"

#include <arpa/inet.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatehouse::reference {
namespace {

using rapidjson::Value;

// Numbers keep their source text (a context number 1700000000 is the text
// "1700000000"), validated UTF-8 only.
constexpr unsigned kParseFlags =
    rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag;

// ---------------------------------------------------------------------------
// Errors. Thrown internally, converted to a Result in EvaluateCase.

struct EvalError {
  std::string code;
  std::string message;
};

[[noreturn]] void Malformed(std::string message) {
  throw EvalError{"MalformedPolicyDocument", std::move(message)};
}

[[noreturn]] void InvalidInput(std::string message) {
  throw EvalError{"InvalidInput", std::move(message)};
}

// ---------------------------------------------------------------------------
// Text helpers.

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool IEquals(std::string_view a, std::string_view b) { return AsciiLower(a) == AsciiLower(b); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// UTF-8 to code points. Input is validated by the JSON parser; a stray
// invalid byte b still maps deterministically to U+DC00+b.
std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    bool valid = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; valid && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b >> 6) != 0x2) valid = false;
      cp = static_cast<char32_t>((cp << 6) | (b & 0x3Fu));
    }
    if (!valid) {
      out.push_back(static_cast<char32_t>(0xDC00u + b0));
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

char32_t FoldAscii(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }

// StringEqualsIgnoreCase folds ASCII and Latin-1 letters (§3.3): U+00C0–U+00DE
// except U+00D7 (multiplication sign) map to their lowercase +0x20.
char32_t FoldLatin1(char32_t c) {
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  return FoldAscii(c);
}

// Splits at the first five colons: arn, partition, service, region, account,
// resource (the resource part keeps its colons). Fewer parts when fewer colons.
std::vector<std::string_view> SplitArn(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const std::size_t colon = s.find(':', start);
    if (colon == std::string_view::npos) break;
    parts.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(s.substr(start));
  return parts;
}

// ---------------------------------------------------------------------------
// Glob (§2.3): `*` any run of code points, `?` one code point. Pattern
// characters carry a `literal` flag: text that came from a substituted policy
// variable is never a wildcard (§2.2, §3.4).

struct PatChar {
  char32_t cp;
  bool literal;
};
using Pattern = std::vector<PatChar>;

Pattern PatternFromText(std::string_view text) {
  Pattern p;
  for (char32_t cp : DecodeUtf8(text)) p.push_back({cp, false});
  return p;
}

bool IsStar(const PatChar& c) { return !c.literal && c.cp == U'*'; }
bool IsQuestion(const PatChar& c) { return !c.literal && c.cp == U'?'; }

// Recursive matcher with a memo table so that `*a*a*a…` stays polynomial.
class Globber {
 public:
  Globber(const Pattern& p, const std::u32string& t)
      : p_(p), t_(t), memo_((p.size() + 1) * (t.size() + 1), -1) {}

  bool Match(std::size_t i, std::size_t j) {
    if (i == p_.size()) return j == t_.size();
    signed char& slot = memo_[i * (t_.size() + 1) + j];
    if (slot >= 0) return slot == 1;
    bool result = false;
    if (IsStar(p_[i])) {
      result = Match(i + 1, j) || (j < t_.size() && Match(i, j + 1));
    } else if (j < t_.size() && (IsQuestion(p_[i]) || p_[i].cp == t_[j])) {
      result = Match(i + 1, j + 1);
    }
    slot = result ? 1 : 0;
    return result;
  }

 private:
  const Pattern& p_;
  const std::u32string& t_;
  std::vector<signed char> memo_;
};

bool Glob(const Pattern& p, const std::u32string& t) { return Globber(p, t).Match(0, 0); }

bool Glob(const Pattern& p, std::string_view text) { return Glob(p, DecodeUtf8(text)); }

// ASCII case-insensitive glob of plain text (actions, ARN header fields).
bool GlobIgnoreCase(std::string_view pattern, std::string_view text) {
  return Glob(PatternFromText(AsciiLower(pattern)), AsciiLower(text));
}

// ---------------------------------------------------------------------------
// JSON helpers. Numbers arrive as strings (kParseNumbersAsStringsFlag).

std::string Str(const Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

const Value* Member(const Value& obj, const char* name) {
  const auto it = obj.FindMember(name);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

// Text of a scalar: strings and numbers are their text, booleans true/false.
std::optional<std::string> ScalarText(const Value& v) {
  if (v.IsString()) return Str(v);
  if (v.IsBool()) return std::string(v.GetBool() ? "true" : "false");
  return std::nullopt;
}

// A string or an array of strings (Action, Resource, principal values).
std::vector<std::string> StringList(const Value& v, std::string_view what) {
  std::vector<std::string> out;
  if (v.IsString()) {
    out.push_back(Str(v));
    return out;
  }
  if (!v.IsArray()) Malformed(std::string(what) + " must be a string or an array of strings");
  for (const Value& item : v.GetArray()) {
    if (!item.IsString()) Malformed(std::string(what) + " must contain only strings");
    out.push_back(Str(item));
  }
  return out;
}

// Condition values: a scalar or an array of scalars (§1.3).
std::vector<std::string> ConditionValues(const Value& v) {
  std::vector<std::string> out;
  if (v.IsArray()) {
    for (const Value& item : v.GetArray()) {
      auto text = ScalarText(item);
      if (!text) Malformed("condition values must be strings, numbers or booleans");
      out.push_back(*text);
    }
    return out;
  }
  auto text = ScalarText(v);
  if (!text) Malformed("condition values must be strings, numbers, booleans or an array of them");
  out.push_back(*text);
  return out;
}

// ---------------------------------------------------------------------------
// Request context (§3.2, §5). Keys are stored ASCII-lowercased.

struct ContextValue {
  bool multi = false;  // given as a JSON array
  std::vector<std::string> values;
};
using Context = std::map<std::string, ContextValue>;

const ContextValue* Lookup(const Context& ctx, std::string_view key) {
  const auto it = ctx.find(AsciiLower(key));
  return it == ctx.end() ? nullptr : &it->second;
}

// present := at least one value (an empty array is absent).
bool Present(const ContextValue* cv) { return cv != nullptr && !cv->values.empty(); }

// The single value of a key, or nullopt when absent or multi-valued.
std::optional<std::string> SingleValue(const Context& ctx, std::string_view key) {
  const ContextValue* cv = Lookup(ctx, key);
  if (!Present(cv) || cv->multi) return std::nullopt;
  return cv->values.front();
}

// ---------------------------------------------------------------------------
// Policy variables (§3.4): ${key}, ${key, 'default'}, ${*}, ${?}, ${$}.
// Returns the pattern with substituted text marked literal, or nullopt when
// some variable is unresolvable. Syntax errors throw MalformedPolicyDocument
// (checked for every value in the validation pass, so never masked).

struct VariableRef {
  std::string key;
  std::optional<std::string> fallback;
  std::size_t end;  // index just past the closing brace
};

// Parses the variable starting at text[start] == '$', text[start+1] == '{'.
VariableRef ParseVariable(std::string_view text, std::size_t start) {
  std::size_t i = start + 2;
  std::string key;
  while (i < text.size() && text[i] != '}' && text[i] != ',') key.push_back(text[i++]);
  if (i == text.size()) Malformed("unclosed policy variable in '" + std::string(text) + "'");
  if (key.empty()) Malformed("empty policy variable ${} in '" + std::string(text) + "'");
  if (key.find(' ') != std::string::npos) Malformed("space in policy variable name '" + key + "'");
  if (text[i] == '}') return {key, std::nullopt, i + 1};
  ++i;  // the comma
  while (i < text.size() && text[i] == ' ') ++i;
  if (i == text.size() || text[i] != '\'') Malformed("policy variable default must be in single quotes");
  const std::size_t close_quote = text.find('\'', i + 1);
  if (close_quote == std::string_view::npos) Malformed("unterminated policy variable default");
  std::string fallback(text.substr(i + 1, close_quote - i - 1));
  i = close_quote + 1;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i == text.size() || text[i] != '}') Malformed("unclosed policy variable in '" + std::string(text) + "'");
  return {key, fallback, i + 1};
}

// The text a variable stands for, or nullopt when unresolvable.
std::optional<std::string> ResolveVariable(const VariableRef& var, const Context& ctx) {
  if (var.key == "*" || var.key == "?" || var.key == "$") return var.key;
  if (auto value = SingleValue(ctx, var.key)) return value;
  return var.fallback;  // absent or multi-valued: the default, if any
}

std::optional<Pattern> Substitute(std::string_view text, const Context& ctx, bool variables_on) {
  if (!variables_on) return PatternFromText(text);
  Pattern out;
  bool resolvable = true;
  std::size_t plain_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$' || i + 1 >= text.size() || text[i + 1] != '{') {
      ++i;
      continue;
    }
    for (const PatChar& c : PatternFromText(text.substr(plain_start, i - plain_start))) out.push_back(c);
    const VariableRef var = ParseVariable(text, i);
    const std::optional<std::string> value = ResolveVariable(var, ctx);
    if (value) {
      for (char32_t cp : DecodeUtf8(*value)) out.push_back({cp, true});
    } else {
      resolvable = false;
    }
    i = var.end;
    plain_start = i;
  }
  for (const PatChar& c : PatternFromText(text.substr(plain_start))) out.push_back(c);
  if (!resolvable) return std::nullopt;
  return out;
}

void CheckVariableSyntax(std::string_view text) { (void)Substitute(text, Context{}, true); }

// ---------------------------------------------------------------------------
// The request and its principal (§2.4, §5).

enum class PrincipalKind { kRoot, kUser, kSession, kFederated, kAnonymous, kService };

struct Request {
  std::string principal;
  PrincipalKind kind = PrincipalKind::kService;
  std::string principal_account;  // "" when none (anonymous, service)
  std::string principal_partition;  // "" when none
  std::string action;
  std::string resource;
  std::string resource_account;
  bool resource_is_role = false;     // arn:…:iam::A:role/… → trust policy
  bool resource_is_kms_key = false;  // arn:…:kms:R:A:key/… → key policy
  bool has_boundary = false;
  Context ctx;
};

bool IsAccountPrincipal(PrincipalKind k) {
  return k == PrincipalKind::kRoot || k == PrincipalKind::kUser || k == PrincipalKind::kSession ||
         k == PrincipalKind::kFederated;
}

struct PrincipalInfo {
  PrincipalKind kind = PrincipalKind::kService;
  std::string partition;
  std::string account;    // from the ARN
  std::string name;       // user name (no path), role name, or federated name
};

PrincipalInfo ClassifyPrincipal(const std::string& principal) {
  PrincipalInfo info;
  if (principal == "anonymous") {
    info.kind = PrincipalKind::kAnonymous;
    return info;
  }
  if (!StartsWith(principal, "arn:")) return info;  // service or identity-provider name
  const auto f = SplitArn(principal);
  if (f.size() != 6) InvalidInput("request principal is not a valid ARN: " + principal);
  info.partition = std::string(f[1]);
  info.account = std::string(f[4]);
  const std::string_view service = f[2];
  const std::string_view res = f[5];
  if (service == "iam" && res == "root") {
    info.kind = PrincipalKind::kRoot;
  } else if (service == "iam" && StartsWith(res, "user/")) {
    info.kind = PrincipalKind::kUser;
    info.name = std::string(res.substr(res.rfind('/') + 1));
  } else if (service == "iam" && StartsWith(res, "role/")) {
    InvalidInput("a role ARN is never a request principal (roles act through sessions): " + principal);
  } else if (service == "sts" && StartsWith(res, "assumed-role/")) {
    const std::string_view rest = res.substr(13);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) {
      InvalidInput("assumed-role ARN needs role and session names: " + principal);
    }
    info.kind = PrincipalKind::kSession;
    info.name = std::string(rest.substr(0, slash));
  } else if (service == "sts" && StartsWith(res, "federated-user/") && res.size() > 15) {
    info.kind = PrincipalKind::kFederated;
    info.name = std::string(res.substr(15));
  } else {
    InvalidInput("unsupported request principal: " + principal);
  }
  return info;
}

// §5: keys the simulator derives from the principal.
Context DerivedContext(const Request& req, const PrincipalInfo& info) {
  Context ctx;
  auto set = [&ctx](const char* key, std::string value) {
    ctx[AsciiLower(key)] = ContextValue{false, {std::move(value)}};
  };
  if (!req.principal_account.empty()) set("aws:PrincipalAccount", req.principal_account);
  switch (info.kind) {
    case PrincipalKind::kRoot:
      set("aws:PrincipalArn", req.principal);
      set("aws:PrincipalType", "Account");
      set("aws:userid", info.account);
      break;
    case PrincipalKind::kUser:
      set("aws:PrincipalArn", req.principal);
      set("aws:PrincipalType", "User");
      set("aws:username", info.name);
      break;
    case PrincipalKind::kSession: {
      const std::string path = StartsWith(info.name, "AWSReservedSSO_") ? "aws-reserved/sso.amazonaws.com/" : "";
      set("aws:PrincipalArn", "arn:" + info.partition + ":iam::" + info.account + ":role/" + path + info.name);
      set("aws:PrincipalType", "AssumedRole");
      break;
    }
    case PrincipalKind::kFederated:
      set("aws:PrincipalArn", req.principal);
      set("aws:PrincipalType", "FederatedUser");
      set("aws:userid", info.account + ":" + info.name);
      break;
    case PrincipalKind::kAnonymous:
      set("aws:PrincipalType", "Anonymous");
      set("aws:userid", "anonymous");
      set("aws:PrincipalAccount", "anonymous");  // [§5.2]: "anonymous" for anonymous requests
      break;
    case PrincipalKind::kService:
      break;
  }
  return ctx;
}

// The case's explicit context; its values always win over derived ones.
void AddExplicitContext(const Value& context, Context& ctx) {
  if (!context.IsObject()) InvalidInput("request.context must be an object");
  for (const auto& m : context.GetObject()) {
    ContextValue cv;
    if (m.value.IsArray()) {
      cv.multi = true;
      for (const Value& item : m.value.GetArray()) {
        auto text = ScalarText(item);
        if (!text) InvalidInput("context values must be strings, booleans, numbers or arrays of them");
        cv.values.push_back(*text);
      }
    } else {
      auto text = ScalarText(m.value);
      if (!text) InvalidInput("context values must be strings, booleans, numbers or arrays of them");
      cv.values.push_back(*text);
    }
    ctx[AsciiLower(Str(m.name))] = std::move(cv);
  }
}

// ---------------------------------------------------------------------------
// Action (§2.1): vendor and name globbed separately, ASCII case-insensitive.

bool ActionMatches(std::string_view pattern, std::string_view action) {
  if (pattern == "*") return true;
  const std::size_t pc = pattern.find(':');
  const std::size_t ac = action.find(':');
  if (pc == std::string_view::npos) return GlobIgnoreCase(pattern, action);
  if (ac == std::string_view::npos) return false;
  return GlobIgnoreCase(pattern.substr(0, pc), action.substr(0, ac)) &&
         GlobIgnoreCase(pattern.substr(pc + 1), action.substr(ac + 1));
}

// ---------------------------------------------------------------------------
// Resource (§2.2).

bool ResourceMatches(std::string_view pattern, std::string_view resource, const Context& ctx, bool vars) {
  if (pattern == "*") return true;
  const auto rf = SplitArn(resource);
  if (rf.size() < 6) return false;  // a non-ARN request resource matches only "*"
  const auto pf = SplitArn(pattern);
  if (pf.size() == 6) {
    for (std::size_t k = 0; k < 5; ++k) {
      if (!GlobIgnoreCase(pf[k], rf[k])) return false;
    }
    const std::optional<Pattern> res = Substitute(pf[5], ctx, vars);  // variables: resource part only
    return res && Glob(*res, rf[5]);
  }
  // Short pattern: its last field must end with '*' and is globbed against
  // the rest of the request ARN, colons included. All its fields are header
  // fields, so all are compared ASCII case-insensitively.
  const std::string_view last = pf.back();
  if (last.empty() || last.back() != '*') return false;
  const std::size_t k_last = pf.size() - 1;
  for (std::size_t k = 0; k < k_last; ++k) {
    if (!GlobIgnoreCase(pf[k], rf[k])) return false;
  }
  const std::string_view rest = resource.substr(static_cast<std::size_t>(rf[k_last].data() - resource.data()));
  return GlobIgnoreCase(last, rest);
}

// ---------------------------------------------------------------------------
// Principal (§2.4). Grant kinds, weakest to strongest (§4 step 6).

enum class Grant { kNone = 0, kAccount = 1, kRole = 2, kAll = 3, kDirect = 4 };

Grant Stronger(Grant a, Grant b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

bool IsTwelveDigits(std::string_view s) { return s.size() == 12 && AllDigits(s); }

// The grant an `AWS` value (or the bare "*") gives the request principal.
Grant MatchAwsValue(std::string_view value, const Request& req) {
  const bool account_principal = IsAccountPrincipal(req.kind);
  if (value == "*") return Grant::kAll;
  if (IsTwelveDigits(value)) {
    return account_principal && req.principal_account == value ? Grant::kAccount : Grant::kNone;
  }
  if (StartsWith(value, "AIDA")) {
    const auto userid = SingleValue(req.ctx, "aws:userid");
    return req.kind == PrincipalKind::kUser && userid && *userid == value ? Grant::kDirect : Grant::kNone;
  }
  if (StartsWith(value, "AROA")) {
    const auto userid = SingleValue(req.ctx, "aws:userid");
    const std::string prefix = std::string(value) + ":";
    return req.kind == PrincipalKind::kSession && userid && StartsWith(*userid, prefix) ? Grant::kRole
                                                                                        : Grant::kNone;
  }
  if (!StartsWith(value, "arn:")) return Grant::kNone;
  const auto f = SplitArn(value);
  if (f.size() != 6) return Grant::kNone;
  if (f[2] == "iam" && f[5] == "root") {
    // No delegation across partitions [§6.4].
    return account_principal && req.principal_account == f[4] && req.principal_partition == f[1] ? Grant::kAccount
                                                                                                : Grant::kNone;
  }
  if (f[2] == "iam" && StartsWith(f[5], "user/")) {
    return req.kind == PrincipalKind::kUser && req.principal == value ? Grant::kDirect : Grant::kNone;
  }
  if (f[2] == "iam" && StartsWith(f[5], "role/")) {
    const auto principal_arn = SingleValue(req.ctx, "aws:PrincipalArn");
    return req.kind == PrincipalKind::kSession && principal_arn && *principal_arn == value ? Grant::kRole
                                                                                           : Grant::kNone;
  }
  if (f[2] == "sts" && (StartsWith(f[5], "assumed-role/") || StartsWith(f[5], "federated-user/"))) {
    return req.principal == value ? Grant::kDirect : Grant::kNone;
  }
  return Grant::kNone;
}

// `Service` / `Federated` values name a non-ARN principal exactly.
Grant MatchNameValue(std::string_view value, const Request& req) {
  return req.kind == PrincipalKind::kService && req.principal == value ? Grant::kDirect : Grant::kNone;
}

// NotPrincipal exempts a caller only when every identity of its chain is
// listed (docs/semantics.md §2.4): the account, plus the user; or the account,
// the role and the session; or the account and the federated user.
bool NotPrincipalExempts(const Value& element, const Request& req) {
  if (element.IsString()) return Str(element) == "*";
  bool account = false, user = false, role = false, session = false, named = false;
  for (const auto& m : element.GetObject()) {
    const std::string key = Str(m.name);
    for (const std::string& value : StringList(m.value, "Principal values")) {
      if (key == "AWS") {
        if (value == "*") return true;
        const Grant g = MatchAwsValue(value, req);
        if (g == Grant::kAccount) account = true;
        if (g == Grant::kRole) role = true;
        if (g == Grant::kDirect) {
          if (req.kind == PrincipalKind::kUser) user = true;
          else session = true;
        }
      }
      if ((key == "Service" || key == "Federated") && MatchNameValue(value, req) != Grant::kNone) named = true;
    }
  }
  switch (req.kind) {
    case PrincipalKind::kRoot: return account;
    case PrincipalKind::kUser: return account && user;
    case PrincipalKind::kSession: return account && role && session;
    case PrincipalKind::kFederated: return account && session;
    case PrincipalKind::kService: return named;
    case PrincipalKind::kAnonymous: return false;
  }
  return false;
}

// Strongest grant among the values of a Principal/NotPrincipal element.
Grant PrincipalElementGrant(const Value& element, const Request& req) {
  if (element.IsString()) return MatchAwsValue(Str(element), req);  // "*"
  Grant best = Grant::kNone;
  for (const auto& m : element.GetObject()) {
    const std::string key = Str(m.name);
    for (const std::string& value : StringList(m.value, "Principal values")) {
      if (key == "AWS") best = Stronger(best, MatchAwsValue(value, req));
      if (key == "Service" || key == "Federated") best = Stronger(best, MatchNameValue(value, req));
      // CanonicalUser: S3 canonical ids are not modelled; matches nothing.
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Condition operators (§3.3).

enum class Family { kString, kStringIgnoreCase, kStringLike, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };
enum class Cmp { kEq, kLt, kLe, kGt, kGe };

struct BaseOp {
  std::string_view name;
  Family family;
  Cmp cmp;
  bool negated;
};

constexpr BaseOp kBaseOps[] = {
    {"StringEquals", Family::kString, Cmp::kEq, false},
    {"StringNotEquals", Family::kString, Cmp::kEq, true},
    {"StringEqualsIgnoreCase", Family::kStringIgnoreCase, Cmp::kEq, false},
    {"StringNotEqualsIgnoreCase", Family::kStringIgnoreCase, Cmp::kEq, true},
    {"StringLike", Family::kStringLike, Cmp::kEq, false},
    {"StringNotLike", Family::kStringLike, Cmp::kEq, true},
    {"NumericEquals", Family::kNumeric, Cmp::kEq, false},
    {"NumericNotEquals", Family::kNumeric, Cmp::kEq, true},
    {"NumericLessThan", Family::kNumeric, Cmp::kLt, false},
    {"NumericLessThanEquals", Family::kNumeric, Cmp::kLe, false},
    {"NumericGreaterThan", Family::kNumeric, Cmp::kGt, false},
    {"NumericGreaterThanEquals", Family::kNumeric, Cmp::kGe, false},
    {"DateEquals", Family::kDate, Cmp::kEq, false},
    {"DateNotEquals", Family::kDate, Cmp::kEq, true},
    {"DateLessThan", Family::kDate, Cmp::kLt, false},
    {"DateLessThanEquals", Family::kDate, Cmp::kLe, false},
    {"DateGreaterThan", Family::kDate, Cmp::kGt, false},
    {"DateGreaterThanEquals", Family::kDate, Cmp::kGe, false},
    {"Bool", Family::kBool, Cmp::kEq, false},
    {"BinaryEquals", Family::kBinary, Cmp::kEq, false},
    {"IpAddress", Family::kIp, Cmp::kEq, false},
    {"NotIpAddress", Family::kIp, Cmp::kEq, true},
    {"ArnEquals", Family::kArn, Cmp::kEq, false},
    {"ArnLike", Family::kArn, Cmp::kEq, false},
    {"ArnNotEquals", Family::kArn, Cmp::kEq, true},
    {"ArnNotLike", Family::kArn, Cmp::kEq, true},
    {"Null", Family::kNull, Cmp::kEq, false},
};

enum class Qualifier { kNone, kForAllValues, kForAnyValue };

struct Operator {
  Qualifier qualifier = Qualifier::kNone;
  BaseOp base{};
  bool if_exists = false;
};

std::optional<BaseOp> FindBaseOp(std::string_view name) {
  for (const BaseOp& op : kBaseOps) {
    if (IEquals(op.name, name)) return op;
  }
  return std::nullopt;
}

// Operator names are case-insensitive (§1.1): [ForAllValues:|ForAnyValue:]Base[IfExists].
std::optional<Operator> ParseOperator(std::string_view name) {
  Operator op;
  if (IStartsWith(name, "ForAllValues:")) {
    op.qualifier = Qualifier::kForAllValues;
    name.remove_prefix(13);
  } else if (IStartsWith(name, "ForAnyValue:")) {
    op.qualifier = Qualifier::kForAnyValue;
    name.remove_prefix(12);
  }
  if (auto base = FindBaseOp(name)) {
    op.base = *base;
    return op;
  }
  constexpr std::string_view kSuffix = "IfExists";
  if (name.size() > kSuffix.size() && IEquals(name.substr(name.size() - kSuffix.size()), kSuffix)) {
    auto base = FindBaseOp(name.substr(0, name.size() - kSuffix.size()));
    if (base && base->family != Family::kNull) {  // NullIfExists is invalid
      op.base = *base;
      op.if_exists = true;
      return op;
    }
  }
  return std::nullopt;
}

bool VariablesAllowed(Family f) {
  return f == Family::kString || f == Family::kStringIgnoreCase || f == Family::kStringLike ||
         f == Family::kArn || f == Family::kBool;
}

// --- Numeric: exact decimal comparison -------------------------------------

// value = (negative ? -1 : 1) * 0.d1d2d3… × 10^exponent; zero has no digits.
struct Decimal {
  bool negative = false;
  std::string digits;
  std::int64_t exponent = 0;
};

// [+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?
std::optional<Decimal> ParseDecimal(std::string_view s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string int_digits;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') int_digits.push_back(s[i++]);
  if (int_digits.empty()) return std::nullopt;
  std::string frac_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') frac_digits.push_back(s[i++]);
    if (frac_digits.empty()) return std::nullopt;
  }
  std::int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    const std::size_t exp_start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (exp < 1000000000000LL) exp = exp * 10 + (s[i] - '0');  // saturates; far beyond any real value
      ++i;
    }
    if (i == exp_start) return std::nullopt;
    if (exp_negative) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  Decimal d;
  d.negative = negative;
  d.digits = int_digits + frac_digits;
  const std::size_t first = d.digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};  // zero (also -0)
  d.digits.erase(0, first);
  d.exponent = exp + static_cast<std::int64_t>(int_digits.size()) - static_cast<std::int64_t>(first);
  while (d.digits.back() == '0') d.digits.pop_back();
  return d;
}

// -1, 0, 1 for |a| vs |b|.
int CompareMagnitude(const Decimal& a, const Decimal& b) {
  if (a.digits.empty() || b.digits.empty()) {
    return a.digits.empty() ? (b.digits.empty() ? 0 : -1) : 1;
  }
  if (a.exponent != b.exponent) return a.exponent < b.exponent ? -1 : 1;
  const int c = a.digits.compare(b.digits);  // both normalised: no trailing zeros
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int CompareDecimal(const Decimal& a, const Decimal& b) {
  const bool a_neg = a.negative && !a.digits.empty();
  const bool b_neg = b.negative && !b.digits.empty();
  if (a_neg != b_neg) return a_neg ? -1 : 1;
  const int m = CompareMagnitude(a, b);
  return a_neg ? -m : m;
}

bool ApplyCmp(Cmp cmp, int c) {
  switch (cmp) {
    case Cmp::kEq: return c == 0;
    case Cmp::kLt: return c < 0;
    case Cmp::kLe: return c <= 0;
    case Cmp::kGt: return c > 0;
    case Cmp::kGe: return c >= 0;
  }
  return false;
}

// --- Date: W3C ISO 8601 profile or epoch seconds, to microseconds ----------

std::int64_t DaysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t DaysInMonth(std::int64_t y, std::int64_t m) {
  static constexpr std::array<std::int64_t, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Reads exactly n digits at s[i]; advances i.
std::optional<std::int64_t> Digits(std::string_view s, std::size_t& i, std::size_t n) {
  if (i + n > s.size() || !AllDigits(s.substr(i, n))) return std::nullopt;
  std::int64_t v = 0;
  for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s[i + k] - '0');
  i += n;
  return v;
}

bool Expect(std::string_view s, std::size_t& i, char c) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}

// Fraction digits after the point, as microseconds (extra digits truncated).
std::optional<std::int64_t> FractionMicros(std::string_view s, std::size_t& i) {
  const std::size_t start = i;
  std::int64_t micros = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (i - start < 6) micros = micros * 10 + (s[i] - '0');
    ++i;
  }
  if (i == start) return std::nullopt;
  for (std::size_t k = i - start; k < 6; ++k) micros *= 10;
  return micros;
}

std::optional<std::int64_t> ParseW3cDate(std::string_view s) {
  std::size_t i = 0;
  const auto year = Digits(s, i, 4);
  if (!year) return std::nullopt;
  std::int64_t month = 1;
  std::int64_t day = 1;
  std::int64_t seconds_of_day = 0;
  std::int64_t micros = 0;
  std::int64_t tz_seconds = 0;
  if (i < s.size()) {
    const auto m = Expect(s, i, '-') ? Digits(s, i, 2) : std::nullopt;
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    month = *m;
  }
  if (i < s.size()) {
    const auto d = Expect(s, i, '-') ? Digits(s, i, 2) : std::nullopt;
    if (!d || *d < 1 || *d > DaysInMonth(*year, month)) return std::nullopt;
    day = *d;
  }
  if (i < s.size()) {
    if (!Expect(s, i, 'T')) return std::nullopt;
    const auto hh = Digits(s, i, 2);
    const auto mm = Expect(s, i, ':') ? Digits(s, i, 2) : std::nullopt;
    if (!hh || !mm || *hh > 23 || *mm > 59) return std::nullopt;
    std::int64_t ss = 0;
    if (i < s.size() && s[i] == ':') {
      ++i;
      const auto sec = Digits(s, i, 2);
      if (!sec || *sec > 59) return std::nullopt;
      ss = *sec;
      if (i < s.size() && s[i] == '.') {
        ++i;
        const auto frac = FractionMicros(s, i);
        if (!frac) return std::nullopt;
        micros = *frac;
      }
    }
    seconds_of_day = *hh * 3600 + *mm * 60 + ss;
    if (i < s.size() && s[i] == 'Z') {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      const bool minus = s[i++] == '-';
      const auto oh = Digits(s, i, 2);
      const auto om = Expect(s, i, ':') ? Digits(s, i, 2) : std::nullopt;
      if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
      tz_seconds = (minus ? -1 : 1) * (*oh * 3600 + *om * 60);
    } else {
      return std::nullopt;  // a time needs a time zone designator
    }
  }
  if (i != s.size()) return std::nullopt;
  const std::int64_t seconds = DaysFromCivil(*year, month, day) * 86400 + seconds_of_day - tz_seconds;
  return seconds * 1000000 + micros;
}

// Epoch seconds: [0-9]+(\.[0-9]+)?, at most 12 integer digits.
std::optional<std::int64_t> ParseEpoch(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0 || i > 12) return std::nullopt;
  std::int64_t seconds = 0;
  for (std::size_t k = 0; k < i; ++k) seconds = seconds * 10 + (s[k] - '0');
  std::int64_t micros = 0;
  if (i < s.size()) {
    if (s[i] != '.') return std::nullopt;
    ++i;
    const auto frac = FractionMicros(s, i);
    if (!frac || i != s.size()) return std::nullopt;
    micros = *frac;
  }
  return seconds * 1000000 + micros;
}

// W3C first: a bare four-digit value is a year, not epoch seconds.
std::optional<std::int64_t> ParseDate(std::string_view s) {
  if (auto w3c = ParseW3cDate(s)) return w3c;
  return ParseEpoch(s);
}

// --- Binary: strict standard base64 (length multiple of 4, '=' padding) ----

int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::optional<std::string> Base64Decode(std::string_view s) {
  if (s.size() % 4 != 0) return std::nullopt;
  std::size_t pad = 0;
  if (!s.empty() && s.back() == '=') pad = (s.size() >= 2 && s[s.size() - 2] == '=') ? 2 : 1;
  std::string out;
  std::uint32_t acc = 0;
  for (std::size_t i = 0; i < s.size() - pad; ++i) {
    const int d = Base64Digit(s[i]);
    if (d < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(d);
    if (i % 4 == 3) {
      out.push_back(static_cast<char>((acc >> 16) & 0xFF));
      out.push_back(static_cast<char>((acc >> 8) & 0xFF));
      out.push_back(static_cast<char>(acc & 0xFF));
      acc = 0;
    }
  }
  if (pad == 2) out.push_back(static_cast<char>((acc >> 4) & 0xFF));
  if (pad == 1) {
    out.push_back(static_cast<char>((acc >> 10) & 0xFF));
    out.push_back(static_cast<char>((acc >> 2) & 0xFF));
  }
  return out;
}

// --- IP: IPv4/IPv6 CIDR via inet_pton --------------------------------------

struct IpAddress {
  int family = 0;  // AF_INET or AF_INET6
  std::array<unsigned char, 16> bytes{};
};

std::optional<IpAddress> ParseAddress(const std::string& text) {
  IpAddress ip;
  ip.family = text.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (inet_pton(ip.family, text.c_str(), ip.bytes.data()) != 1) return std::nullopt;
  return ip;
}

struct Cidr {
  IpAddress network;
  std::size_t prefix_bits = 0;
};

// "a.b.c.d[/n]" or "x::y[/n]"; a bare address is /32 or /128.
std::optional<Cidr> ParseCidr(std::string_view text) {
  const std::size_t slash = text.find('/');
  auto ip = ParseAddress(std::string(text.substr(0, slash)));
  if (!ip) return std::nullopt;
  const std::size_t max_bits = ip->family == AF_INET ? 32 : 128;
  std::size_t bits = max_bits;
  if (slash != std::string_view::npos) {
    const std::string_view p = text.substr(slash + 1);
    if (!AllDigits(p) || p.size() > 3) return std::nullopt;
    bits = 0;
    for (char c : p) bits = bits * 10 + static_cast<std::size_t>(c - '0');
    if (bits > max_bits) return std::nullopt;
  }
  return Cidr{*ip, bits};
}

bool CidrContains(const Cidr& cidr, const IpAddress& ip) {
  if (cidr.network.family != ip.family) return false;
  for (std::size_t bit = 0; bit < cidr.prefix_bits; ++bit) {
    const unsigned mask = 0x80u >> (bit % 8);
    if ((cidr.network.bytes[bit / 8] & mask) != (ip.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

// --- ARN condition values: §2.2 field rules, case-sensitive everywhere -----

// Splits a pattern at its first five colons (substituted colons included).
std::vector<Pattern> SplitPatternArn(const Pattern& p) {
  std::vector<Pattern> fields(1);
  for (const PatChar& c : p) {
    if (c.cp == U':' && fields.size() < 6) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

bool ArnMatches(const Pattern& pattern, std::string_view value) {
  const auto vf = SplitArn(value);
  if (vf.size() < 6) return false;  // fewer than six fields never matches
  const auto pf = SplitPatternArn(pattern);
  if (pf.size() == 6) {
    for (std::size_t k = 0; k < 6; ++k) {
      if (!Glob(pf[k], vf[k])) return false;
    }
    return true;
  }
  const Pattern& last = pf.back();
  if (last.empty() || !IsStar(last.back())) return false;
  const std::size_t k_last = pf.size() - 1;
  for (std::size_t k = 0; k < k_last; ++k) {
    if (!Glob(pf[k], vf[k])) return false;
  }
  return Glob(last, value.substr(static_cast<std::size_t>(vf[k_last].data() - value.data())));
}

// --- One policy value against one request value (positive form) ------------

std::u32string Fold(const std::u32string& s, char32_t (*fold)(char32_t)) {
  std::u32string out = s;
  for (char32_t& c : out) c = fold(c);
  return out;
}

std::u32string PatternText(const Pattern& p) {
  std::u32string out;
  for (const PatChar& c : p) out.push_back(c.cp);
  return out;
}

bool PositiveMatch(const BaseOp& base, std::string_view request_value, const std::string& policy_value,
                   const Context& ctx, bool vars) {
  switch (base.family) {
    case Family::kString:
    case Family::kStringIgnoreCase:
    case Family::kStringLike:
    case Family::kArn:
    case Family::kBool: {
      const std::optional<Pattern> pat = Substitute(policy_value, ctx, vars && VariablesAllowed(base.family));
      if (!pat) return false;  // unresolvable variable: this value matches nothing
      const std::u32string rv = DecodeUtf8(request_value);
      if (base.family == Family::kString) return PatternText(*pat) == rv;
      if (base.family == Family::kStringIgnoreCase) {
        return Fold(PatternText(*pat), FoldLatin1) == Fold(rv, FoldLatin1);
      }
      if (base.family == Family::kStringLike) return Glob(*pat, rv);
      if (base.family == Family::kArn) return ArnMatches(*pat, request_value);
      const std::u32string pv = Fold(PatternText(*pat), FoldAscii);
      return (pv == U"true" || pv == U"false") && pv == Fold(rv, FoldAscii);
    }
    case Family::kNumeric: {
      const auto a = ParseDecimal(request_value);
      const auto b = ParseDecimal(policy_value);
      return a && b && ApplyCmp(base.cmp, CompareDecimal(*a, *b));
    }
    case Family::kDate: {
      const auto a = ParseDate(request_value);
      const auto b = ParseDate(policy_value);
      if (!a || !b) return false;
      return ApplyCmp(base.cmp, *a < *b ? -1 : *a > *b ? 1 : 0);
    }
    case Family::kBinary: {
      const auto a = Base64Decode(request_value);
      const auto b = Base64Decode(policy_value);
      return a && b && *a == *b;
    }
    case Family::kIp: {
      if (request_value.find('/') != std::string_view::npos) return false;  // not an address
      const auto ip = ParseAddress(std::string(request_value));
      const auto cidr = ParseCidr(policy_value);
      return ip && cidr && CidrContains(*cidr, *ip);
    }
    case Family::kNull:
      return false;  // handled by EntryHolds
  }
  return false;
}

// one(v) := negated ? no policy value matches v : some policy value matches v
bool One(const BaseOp& base, std::string_view request_value, const std::vector<std::string>& policy_values,
         const Context& ctx, bool vars) {
  bool hit = false;
  for (const std::string& pv : policy_values) {
    if (PositiveMatch(base, request_value, pv, ctx, vars)) hit = true;
  }
  return base.negated ? !hit : hit;
}

// §3.2: one condition entry (operator, key, policy values).
bool EntryHolds(const Operator& op, std::string_view key, const std::vector<std::string>& policy_values,
                const Context& ctx, bool vars) {
  const ContextValue* cv = Lookup(ctx, key);
  const bool present = Present(cv);
  if (op.base.family == Family::kNull) {
    if (op.qualifier == Qualifier::kForAllValues) return true;
    if (op.qualifier == Qualifier::kForAnyValue) return false;
    const std::string want = present ? "false" : "true";
    for (const std::string& pv : policy_values) {
      if (AsciiLower(pv) == want) return true;
    }
    return false;
  }
  if (op.qualifier == Qualifier::kForAllValues) {
    if (!present) return true;
    for (const std::string& v : cv->values) {
      if (!One(op.base, v, policy_values, ctx, vars)) return false;
    }
    return true;
  }
  if (op.qualifier == Qualifier::kForAnyValue) {
    if (!present) return false;  // IfExists does not help
    for (const std::string& v : cv->values) {
      if (One(op.base, v, policy_values, ctx, vars)) return true;
    }
    return false;
  }
  if (!present) return op.if_exists || op.base.negated;
  if (cv->multi) return false;  // plain operator on a multi-valued key
  return One(op.base, cv->values.front(), policy_values, ctx, vars);
}

// Operators AND, keys AND (§3.1). An empty Condition object holds.
bool ConditionHolds(const Value& condition, const Context& ctx, bool vars) {
  for (const auto& op_member : condition.GetObject()) {
    const std::optional<Operator> op = ParseOperator(Str(op_member.name));
    for (const auto& key_member : op_member.value.GetObject()) {
      if (!EntryHolds(*op, Str(key_member.name), ConditionValues(key_member.value), ctx, vars)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Policies and statements.

enum class Slot { kIdentity, kBoundary, kSession, kResource, kScp, kRcp };

struct Policy {
  std::string name;
  const Value* doc = nullptr;
  Slot slot = Slot::kIdentity;
  std::size_t level = 0;  // SCP/RCP level index
};

bool VariablesOn(const Value& doc) {
  const Value* version = Member(doc, "Version");
  return version != nullptr && version->IsString() && Str(*version) == "2012-10-17";
}

// Statement array view: a single object is statement 0.
std::vector<const Value*> Statements(const Value& doc) {
  std::vector<const Value*> out;
  const Value& st = doc["Statement"];
  if (st.IsObject()) {
    out.push_back(&st);
  } else {
    for (const Value& s : st.GetArray()) out.push_back(&s);
  }
  return out;
}

// --- Validation: only what evaluation needs (types, operators, variables) --

void ValidateCondition(const Value& condition, bool vars) {
  if (!condition.IsObject()) Malformed("Condition must be an object");
  for (const auto& op_member : condition.GetObject()) {
    const std::string op_name = Str(op_member.name);
    const std::optional<Operator> op = ParseOperator(op_name);
    if (!op) Malformed("Invalid Condition type : " + op_name);
    if (!op_member.value.IsObject()) Malformed("Condition operator " + op_name + " must map to an object");
    for (const auto& key_member : op_member.value.GetObject()) {
      for (const std::string& v : ConditionValues(key_member.value)) {
        if (vars && VariablesAllowed(op->base.family)) CheckVariableSyntax(v);
      }
    }
  }
}

void ValidatePrincipal(const Value& principal) {
  if (principal.IsString()) return;
  if (!principal.IsObject()) Malformed("Principal must be \"*\" or an object");
  for (const auto& m : principal.GetObject()) (void)StringList(m.value, "Principal values");
}

void ValidateStatement(const Value& st, bool vars) {
  if (!st.IsObject()) Malformed("Statement entries must be objects");
  const Value* effect = Member(st, "Effect");
  if (effect == nullptr || !effect->IsString() || (Str(*effect) != "Allow" && Str(*effect) != "Deny")) {
    Malformed("Effect must be \"Allow\" or \"Deny\"");
  }
  const Value* sid = Member(st, "Sid");
  if (sid != nullptr && !sid->IsString()) Malformed("Sid must be a string");
  const Value* action = Member(st, "Action");
  const Value* not_action = Member(st, "NotAction");
  if ((action == nullptr) == (not_action == nullptr)) Malformed("statement needs exactly one of Action/NotAction");
  (void)StringList(action != nullptr ? *action : *not_action, "Action");
  const Value* resource = Member(st, "Resource");
  const Value* not_resource = Member(st, "NotResource");
  if (resource != nullptr && not_resource != nullptr) Malformed("Resource and NotResource are exclusive");
  if (resource != nullptr || not_resource != nullptr) {
    for (const std::string& r : StringList(resource != nullptr ? *resource : *not_resource, "Resource")) {
      const auto fields = SplitArn(r);
      if (vars && fields.size() == 6) CheckVariableSyntax(fields[5]);
    }
  }
  const Value* principal = Member(st, "Principal");
  const Value* not_principal = Member(st, "NotPrincipal");
  if (principal != nullptr && not_principal != nullptr) Malformed("Principal and NotPrincipal are exclusive");
  if (principal != nullptr) ValidatePrincipal(*principal);
  if (not_principal != nullptr) ValidatePrincipal(*not_principal);
  const Value* condition = Member(st, "Condition");
  if (condition != nullptr) ValidateCondition(*condition, vars);
}

void ValidatePolicy(const Policy& policy) {
  const Value& doc = *policy.doc;
  if (!doc.IsObject()) Malformed("policy " + policy.name + ": document must be a JSON object");
  const Value* version = Member(doc, "Version");
  if (version != nullptr &&
      (!version->IsString() || (Str(*version) != "2012-10-17" && Str(*version) != "2008-10-17"))) {
    Malformed("The policy must contain a valid version string");
  }
  const Value* st = Member(doc, "Statement");
  if (st == nullptr || (!st->IsObject() && !st->IsArray())) {
    Malformed("policy " + policy.name + ": Statement must be an object or an array");
  }
  const bool vars = VariablesOn(doc);
  for (const Value* s : Statements(doc)) ValidateStatement(*s, vars);
}

// --- Statement applicability (§2, §3) ---------------------------------------

struct StatementResult {
  std::size_t index = 0;
  std::string sid;
  bool allow = false;
  bool applies = false;
  Grant grant = Grant::kNone;  // for resource-policy Allow statements
};

// Principal part; returns nullopt when the statement does not apply to the
// principal, otherwise the grant kind it gives.
std::optional<Grant> PrincipalPart(const Value& st, bool allow, const Request& req) {
  if (const Value* p = Member(st, "Principal")) {
    const Grant g = PrincipalElementGrant(*p, req);
    if (g == Grant::kNone) return std::nullopt;
    return g;
  }
  if (const Value* np = Member(st, "NotPrincipal")) {
    // Deny + NotPrincipal applies to any principal with a permissions boundary.
    if (!allow && req.has_boundary) return Grant::kAll;
    if (NotPrincipalExempts(*np, req)) return std::nullopt;
    return Grant::kAll;  // "everyone except": granted like "*"
  }
  return Grant::kAll;  // no principal element (identity-side policies)
}

bool ActionPart(const Value& st, const Request& req) {
  if (const Value* a = Member(st, "Action")) {
    for (const std::string& p : StringList(*a, "Action")) {
      if (ActionMatches(p, req.action)) return true;
    }
    return false;
  }
  for (const std::string& p : StringList(st["NotAction"], "NotAction")) {
    if (ActionMatches(p, req.action)) return false;
  }
  return true;
}

bool ResourcePart(const Value& st, const Request& req, bool vars) {
  if (const Value* r = Member(st, "Resource")) {
    for (const std::string& p : StringList(*r, "Resource")) {
      if (ResourceMatches(p, req.resource, req.ctx, vars)) return true;
    }
    return false;
  }
  if (const Value* nr = Member(st, "NotResource")) {
    for (const std::string& p : StringList(*nr, "NotResource")) {
      if (ResourceMatches(p, req.resource, req.ctx, vars)) return false;
    }
    return true;
  }
  return true;  // trust policies have no Resource
}

StatementResult EvaluateStatement(const Value& st, std::size_t index, const Request& req, bool vars) {
  StatementResult r;
  r.index = index;
  if (const Value* sid = Member(st, "Sid")) r.sid = Str(*sid);
  r.allow = Str(st["Effect"]) == "Allow";
  const std::optional<Grant> grant = PrincipalPart(st, r.allow, req);
  const Value* condition = Member(st, "Condition");
  r.applies = grant.has_value() && ActionPart(st, req) && ResourcePart(st, req, vars) &&
              (condition == nullptr || ConditionHolds(*condition, req.ctx, vars));
  r.grant = r.applies && r.allow ? *grant : Grant::kNone;
  return r;
}

struct PolicyResult {
  const Policy* policy = nullptr;
  std::vector<StatementResult> statements;

  // Some statement with this effect applies.
  bool Any(bool allow) const {
    for (const auto& s : statements) {
      if (s.applies && s.allow == allow) return true;
    }
    return false;
  }
};

PolicyResult EvaluatePolicy(const Policy& policy, const Request& req) {
  PolicyResult pr;
  pr.policy = &policy;
  const bool vars = VariablesOn(*policy.doc);
  std::size_t index = 0;
  for (const Value* st : Statements(*policy.doc)) pr.statements.push_back(EvaluateStatement(*st, index++, req, vars));
  return pr;
}

// ---------------------------------------------------------------------------
// The decision (§4).

struct Evaluation {
  std::vector<PolicyResult> policies;  // in §4 `matched` order
  bool has_resource_policy = false;
  bool has_boundary = false;
  bool has_session = false;
  std::size_t scp_levels = 0;
  std::size_t rcp_levels = 0;
};

std::string StageName(Slot slot, const Request& req) {
  switch (slot) {
    case Slot::kIdentity: return "identity-based policy";
    case Slot::kBoundary: return "permissions boundary";
    case Slot::kSession: return "session policy";
    case Slot::kResource: return req.resource_is_role ? "role trust policy" : "resource-based policy";
    case Slot::kScp: return "service control policy";
    case Slot::kRcp: return "resource control policy";
  }
  return "";
}

// SCP statements apply only to principals of an account.
bool PolicyApplies(const Policy& p, const Request& req) {
  return p.slot != Slot::kScp || IsAccountPrincipal(req.kind);
}

std::vector<Matched> Collect(const Evaluation& ev, const Request& req, bool allow) {
  std::vector<Matched> out;
  for (const PolicyResult& pr : ev.policies) {
    if (!PolicyApplies(*pr.policy, req)) continue;
    for (const StatementResult& s : pr.statements) {
      if (s.applies && s.allow == allow) {
        out.push_back({pr.policy->name, static_cast<int>(s.index), s.sid, allow ? "Allow" : "Deny"});
      }
    }
  }
  return out;
}

bool SlotAllows(const Evaluation& ev, Slot slot) {
  for (const PolicyResult& pr : ev.policies) {
    if (pr.policy->slot == slot && pr.Any(true)) return true;
  }
  return false;
}

// Every level must hold at least one applicable Allow.
bool EveryLevelAllows(const Evaluation& ev, Slot slot, std::size_t levels) {
  for (std::size_t level = 0; level < levels; ++level) {
    bool allowed = false;
    for (const PolicyResult& pr : ev.policies) {
      if (pr.policy->slot == slot && pr.policy->level == level && pr.Any(true)) allowed = true;
    }
    if (!allowed) return false;
  }
  return true;
}

Grant ResourceGrant(const Evaluation& ev) {
  Grant best = Grant::kNone;
  for (const PolicyResult& pr : ev.policies) {
    if (pr.policy->slot != Slot::kResource) continue;
    for (const StatementResult& s : pr.statements) best = Stronger(best, s.grant);
  }
  return best;
}

Result Decision(const std::string& decision, std::vector<Matched> matched, std::string denied_by) {
  Result r;
  r.decision = decision;
  r.matched = std::move(matched);
  r.denied_by = std::move(denied_by);
  return r;
}

Result ImplicitDeny(std::string stage) { return Decision("ImplicitDeny", {}, std::move(stage)); }

// The caller side: identity Allow (or `identity_ok`), boundary, session policies.
std::optional<Result> CallerSideDenies(const Evaluation& ev, const Request& req, bool identity_ok) {
  if (!identity_ok) return ImplicitDeny("identity-based policy");
  if (ev.has_boundary && !SlotAllows(ev, Slot::kBoundary)) return ImplicitDeny("permissions boundary");
  if (ev.has_session && !SlotAllows(ev, Slot::kSession)) return ImplicitDeny("session policy");
  if (!ev.has_session && req.kind == PrincipalKind::kFederated) return ImplicitDeny("session policy");
  return std::nullopt;
}

Result Decide(const Evaluation& ev, const Request& req) {
  const std::string resource_stage = StageName(Slot::kResource, req);
  // 1. Explicit deny.
  // The message names the first policy type (in slot order) holding one.
  for (const PolicyResult& pr : ev.policies) {
    if (PolicyApplies(*pr.policy, req) && pr.Any(false)) {
      return Decision("ExplicitDeny", Collect(ev, req, false), StageName(pr.policy->slot, req));
    }
  }
  // 2. SCP (principals of an account only), 3. RCP.
  if (ev.scp_levels > 0 && IsAccountPrincipal(req.kind) && !EveryLevelAllows(ev, Slot::kScp, ev.scp_levels)) {
    return ImplicitDeny("service control policy");
  }
  if (ev.rcp_levels > 0 && !EveryLevelAllows(ev, Slot::kRcp, ev.rcp_levels)) {
    return ImplicitDeny("resource control policy");
  }
  // 6. Grant (computed up front): the strongest kind among the resource
  // policy's applicable Allow statements.
  const Grant grant = ResourceGrant(ev);
  const std::vector<Matched> allows = Collect(ev, req, true);
  // 4. Anonymous, service and identity-provider principals.
  if (!IsAccountPrincipal(req.kind)) {
    if (grant == Grant::kNone) return ImplicitDeny(resource_stage);
    return Decision("Allow", allows, "");
  }
  const bool same_account = req.principal_account == req.resource_account;
  // 6. Trust policies (for the STS actions on a role) and KMS key policies
  // must grant, whoever asks, whether or not the case gives the policy.
  const bool sts_action = AsciiLower(req.action.substr(0, req.action.find(':'))) == "sts";
  if (((req.resource_is_role && sts_action) || req.resource_is_kms_key) && grant == Grant::kNone) {
    return ImplicitDeny(resource_stage);
  }
  // 7. Root of the resource's account.
  if (req.kind == PrincipalKind::kRoot && same_account) return Decision("Allow", allows, "");
  const bool identity_allows = req.kind == PrincipalKind::kRoot || SlotAllows(ev, Slot::kIdentity);
  if (same_account) {
    // 8. Same account.
    if (grant == Grant::kDirect || grant == Grant::kAll) return Decision("Allow", allows, "");
    if (auto deny = CallerSideDenies(ev, req, identity_allows || grant == Grant::kRole)) return *deny;
    return Decision("Allow", allows, "");
  }
  // 9. Cross account.
  if (grant == Grant::kNone) return ImplicitDeny(resource_stage);
  if (auto deny = CallerSideDenies(ev, req, identity_allows)) return *deny;
  return Decision("Allow", allows, "");
}

// ---------------------------------------------------------------------------
// Reading the case.

struct LoadedCase {
  rapidjson::Document root;
  std::vector<std::unique_ptr<rapidjson::Document>> embedded;  // documents given as strings
  std::vector<Policy> policies;
  std::size_t scp_levels = 0;
  std::size_t rcp_levels = 0;
};

// A policy entry {"name": ..., "document": object | string holding one}.
Policy LoadPolicy(LoadedCase& lc, const Value& entry, Slot slot, std::size_t level) {
  if (!entry.IsObject()) Malformed("policy entries must be objects with name and document");
  Policy p;
  p.slot = slot;
  p.level = level;
  if (const Value* name = Member(entry, "name")) {
    if (!name->IsString()) Malformed("policy name must be a string");
    p.name = Str(*name);
  }
  const Value* doc = Member(entry, "document");
  if (doc == nullptr) Malformed("policy " + p.name + " has no document");
  if (doc->IsString()) {
    auto parsed = std::make_unique<rapidjson::Document>();
    parsed->Parse<kParseFlags>(doc->GetString(), doc->GetStringLength());
    if (parsed->HasParseError()) {
      Malformed("policy " + p.name + ": " + rapidjson::GetParseError_En(parsed->GetParseError()));
    }
    p.doc = parsed.get();
    lc.embedded.push_back(std::move(parsed));
  } else {
    p.doc = doc;
  }
  return p;
}

std::vector<const Value*> Entries(const Value& v, std::string_view what) {
  if (!v.IsArray()) Malformed(std::string(what) + " must be an array");
  std::vector<const Value*> out;
  for (const Value& item : v.GetArray()) out.push_back(&item);
  return out;
}

// Policies in §4 `matched` order: identity, boundary, session, resource, SCP, RCP.
void LoadPolicies(LoadedCase& lc, const Value& policies) {
  if (!policies.IsObject()) Malformed("policies must be an object");
  if (const Value* v = Member(policies, "identity")) {
    for (const Value* e : Entries(*v, "policies.identity")) lc.policies.push_back(LoadPolicy(lc, *e, Slot::kIdentity, 0));
  }
  if (const Value* v = Member(policies, "boundary")) lc.policies.push_back(LoadPolicy(lc, *v, Slot::kBoundary, 0));
  if (const Value* v = Member(policies, "session")) {
    for (const Value* e : Entries(*v, "policies.session")) lc.policies.push_back(LoadPolicy(lc, *e, Slot::kSession, 0));
  }
  if (const Value* v = Member(policies, "resource")) lc.policies.push_back(LoadPolicy(lc, *v, Slot::kResource, 0));
  for (const auto& [key, slot] : {std::pair{"scp", Slot::kScp}, std::pair{"rcp", Slot::kRcp}}) {
    const Value* v = Member(policies, key);
    if (v == nullptr) continue;
    std::size_t level = 0;
    for (const Value* lvl : Entries(*v, key)) {
      for (const Value* e : Entries(*lvl, "a policy level")) lc.policies.push_back(LoadPolicy(lc, *e, slot, level));
      ++level;
    }
    (slot == Slot::kScp ? lc.scp_levels : lc.rcp_levels) = level;
  }
}

std::string RequiredString(const Value& obj, const char* key) {
  const Value* v = Member(obj, key);
  if (v == nullptr || !v->IsString()) InvalidInput(std::string("request.") + key + " must be a string");
  return Str(*v);
}

std::optional<std::string> OptionalString(const Value& obj, const char* key) {
  const Value* v = Member(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->IsString()) InvalidInput(std::string("request.") + key + " must be a string");
  return Str(*v);
}

Request LoadRequest(const Value& request, bool has_boundary) {
  if (!request.IsObject()) InvalidInput("request must be an object");
  Request req;
  req.principal = RequiredString(request, "principal");
  req.action = RequiredString(request, "action");
  req.resource = RequiredString(request, "resource");
  req.has_boundary = has_boundary;
  const PrincipalInfo info = ClassifyPrincipal(req.principal);
  req.kind = info.kind;
  req.principal_account = OptionalString(request, "principalAccount").value_or(info.account);
  req.principal_partition = info.partition;
  const auto rf = SplitArn(req.resource);
  const bool is_arn = rf.size() == 6;
  req.resource_is_role = is_arn && rf[2] == "iam" && StartsWith(rf[5], "role/");
  req.resource_is_kms_key = is_arn && rf[2] == "kms" && StartsWith(rf[5], "key/");
  // An absent resource account (S3 ARNs, "*") means the principal's account.
  const std::string arn_account = is_arn ? std::string(rf[4]) : std::string();
  req.resource_account =
      OptionalString(request, "resourceAccount").value_or(arn_account.empty() ? req.principal_account : arn_account);
  req.ctx = DerivedContext(req, info);
  if (const Value* context = Member(request, "context")) AddExplicitContext(*context, req.ctx);
  return req;
}

Result Evaluate(std::string_view case_json) {
  LoadedCase lc;
  lc.root.Parse<kParseFlags>(case_json.data(), case_json.size());
  if (lc.root.HasParseError()) {
    InvalidInput(std::string("case is not valid JSON: ") + rapidjson::GetParseError_En(lc.root.GetParseError()));
  }
  if (!lc.root.IsObject()) InvalidInput("a case must be a JSON object");
  if (const Value* policies = Member(lc.root, "policies")) LoadPolicies(lc, *policies);
  for (const Policy& p : lc.policies) ValidatePolicy(p);
  const Value* request = Member(lc.root, "request");
  if (request == nullptr) InvalidInput("case has no request");

  Evaluation ev;
  for (const Policy& p : lc.policies) {
    ev.has_resource_policy |= p.slot == Slot::kResource;
    ev.has_boundary |= p.slot == Slot::kBoundary;
    ev.has_session |= p.slot == Slot::kSession;
  }
  ev.scp_levels = lc.scp_levels;
  ev.rcp_levels = lc.rcp_levels;
  const Request req = LoadRequest(*request, ev.has_boundary);
  for (const Policy& p : lc.policies) ev.policies.push_back(EvaluatePolicy(p, req));
  return Decide(ev, req);
}

}  // namespace

Result EvaluateCase(std::string_view case_json) {
  try {
    return Evaluate(case_json);
  } catch (const EvalError& e) {
    Result r;
    r.ok = false;
    r.error_code = e.code;
    r.error_message = e.message;
    return r;
  } catch (const std::exception& e) {
    Result r;
    r.ok = false;
    r.error_code = "InternalError";
    r.error_message = e.what();
    return r;
  }
}

}  // namespace gatehouse::reference
