// case_generator.cc — owns GenerateCase: random, grammar-valid simulation
// cases for the differential test. Everything is drawn from small pools built
// around the request (its principal, action and resource) so that actions,
// resources, principals and conditions match often. Each policy slot follows
// the grammar of its type (docs/semantics.md §1.3–§1.4): no Principal in
// identity/boundary/session/SCP, no Resource or NotPrincipal in trust
// policies, RCPs with Principal "*" and only the RCPFullAWSAccess Allow,
// alphanumeric unique Sids, well-formed variables, sizes under the limits.

#include "case_generator.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::reference {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// ---------------------------------------------------------------------------
// Randomness: std::mt19937_64 reduced with `%` so that the output does not
// depend on the standard library's distribution algorithms.

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool Percent(std::size_t p) { return Below(100) < p; }

  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// ---------------------------------------------------------------------------
// Pools.

constexpr const char* kAcctA = "111122223333";
constexpr const char* kAcctB = "444455556666";

enum class Kind { kRoot, kUser, kSession, kFederated, kAnonymous, kService };

struct PrincipalSpec {
  std::string arn;           // the request principal
  std::string account;       // "" for anonymous and service principals
  Kind kind;
  std::string userid;        // aws:userid the case may give explicitly ("" none)
  std::string role_arn;      // sessions: the role ARN (with path) as a Principal value
  std::string principal_arn; // explicit aws:PrincipalArn to give ("" none)
};

const std::vector<PrincipalSpec>& Principals() {
  static const std::vector<PrincipalSpec> kPrincipals = {
      {"arn:aws:iam::111122223333:root", kAcctA, Kind::kRoot, "", "", ""},
      {"arn:aws:iam::444455556666:root", kAcctB, Kind::kRoot, "", "", ""},
      {"arn:aws:iam::111122223333:user/alice", kAcctA, Kind::kUser, "AIDAALICEEXAMPLE00001", "", ""},
      {"arn:aws:iam::111122223333:user/dev/bob", kAcctA, Kind::kUser, "AIDABOBEXAMPLE0000002", "", ""},
      {"arn:aws:iam::444455556666:user/carol", kAcctB, Kind::kUser, "AIDACAROLEXAMPLE00003", "", ""},
      {"arn:aws:sts::111122223333:assumed-role/Dev/alice", kAcctA, Kind::kSession,
       "AROADEVROLEEXAMPLE001:alice", "arn:aws:iam::111122223333:role/Dev", ""},
      {"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice", kAcctA,
       Kind::kSession, "AROASSOROLEEXAMPLE002:alice",
       "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef", ""},
      {"arn:aws:sts::111122223333:assumed-role/Deploy/build-42", kAcctA, Kind::kSession,
       "AROADEPLOYEXAMPLE0003:build-42", "arn:aws:iam::111122223333:role/ci/Deploy",
       "arn:aws:iam::111122223333:role/ci/Deploy"},
      {"arn:aws:sts::444455556666:assumed-role/Ops/i-0abc12345", kAcctB, Kind::kSession,
       "AROAOPSROLEEXAMPLE004:i-0abc12345", "arn:aws:iam::444455556666:role/Ops", ""},
      {"arn:aws:sts::111122223333:federated-user/dave", kAcctA, Kind::kFederated, "", "", ""},
      {"arn:aws:sts::444455556666:federated-user/erin", kAcctB, Kind::kFederated, "", "", ""},
      {"anonymous", "", Kind::kAnonymous, "", "", ""},
      {"ec2.amazonaws.com", "", Kind::kService, "", "", ""},
      {"ssm.amazonaws.com", "", Kind::kService, "", "", ""},
      {"accounts.google.com", "", Kind::kService, "", "", ""},
  };
  return kPrincipals;
}

// Index weights for Principals(): account principals dominate.
const std::vector<std::size_t>& PrincipalWeights() {
  static const std::vector<std::size_t> kWeights = {4, 2, 8, 5, 4, 8, 6, 5, 4, 4, 2, 3, 2, 1, 1};
  return kWeights;
}

struct TargetSpec {
  std::string action;
  std::string resource;
  std::string resource_account;  // explicit resourceAccount ("" none)
};

const std::vector<TargetSpec>& Targets() {
  static const std::vector<TargetSpec> kTargets = {
      {"ssm:StartSession", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", ""},
      {"ssm:StartSession", "arn:aws:ssm:us-east-1:111122223333:managed-instance/mi-0123456789abcdef0", ""},
      {"ssm:StartSession", "arn:aws:ssm:us-east-1::document/AWS-StartSSHSession", ""},
      {"ssm:TerminateSession", "arn:aws:ssm:us-east-1:111122223333:session/alice-0123456789abcdef0", ""},
      {"ssm:DescribeSessions", "*", ""},
      {"ec2:CreateTags", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", ""},
      {"ec2:RunInstances", "arn:aws:ec2:us-west-2:444455556666:instance/i-0fedcba9876543210", ""},
      {"ec2:DescribeInstances", "*", ""},
      {"s3:GetObject", "arn:aws:s3:::bucket-a/home/alice/notes.txt", ""},
      {"s3:GetObject", "arn:aws:s3:::bucket-b/shared/report.csv", kAcctB},
      {"s3:PutObject", "arn:aws:s3:::bucket-a/shared/report.csv", ""},
      {"s3:ListBucket", "arn:aws:s3:::bucket-a", ""},
      {"sts:AssumeRole", "arn:aws:iam::111122223333:role/Dev", ""},
      {"sts:AssumeRole", "arn:aws:iam::111122223333:role/ci/Deploy", ""},
      {"sts:AssumeRole", "arn:aws:iam::444455556666:role/Ops", ""},
      {"iam:GetRole", "arn:aws:iam::111122223333:role/Dev", ""},
      {"iam:ListAccessKeys", "arn:aws:iam::111122223333:user/alice", ""},
      {"kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", ""},
      {"kms:Decrypt", "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321", ""},
      {"sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:queue-1", ""},
  };
  return kTargets;
}

const std::vector<std::string>& OtherActions() {
  static const std::vector<std::string> kActions = {
      "s3:DeleteBucket", "iam:*",           "ec2:TerminateInstances", "ssm:SendCommand",
      "sts:TagSession",  "kms:Encrypt",     "s3:List*",               "ssm:Describe*",
      "ec2:Describe*",   "sqs:*",           "sts:AssumeRole*",        "ssm:*Session"};
  return kActions;
}

const std::vector<std::string>& FixedResourcePatterns() {
  static const std::vector<std::string> kPatterns = {
      "arn:aws:s3:::bucket-a/home/${aws:username}/*",
      "arn:aws:s3:::bucket-a/home/${aws:username, 'alice'}/*",
      "arn:aws:s3:::bucket-a/home/${aws:PrincipalTag/team}/*",
      "arn:aws:s3:::bucket-a/${*}",
      "arn:aws:s3:::bucket-?/*",
      "arn:aws:s3:::bucket-a",
      "arn:aws:s3:::*/shared/*",
      "arn:aws:ssm:*:*:session/${aws:username}-*",
      "arn:aws:ssm:*:*:session/${aws:PrincipalTag/user, 'alice'}-*",
      "arn:aws:iam::111122223333:user/${aws:username}",
      "arn:aws:iam::*:role/*",
      "arn:aws:iam::111122223333:role/ci/*",
      "arn:aws:iam::${aws:PrincipalAccount}:role/*",
      "arn:aws:kms:*:*:key/*",
      "arn:aws:ec2:*:*:instance/i-0123*",
      "arn:aws:ec2:*:${aws:PrincipalAccount}:instance/*",
      "arn:aws:ssm:us-east-1:111122223333:*",
      "arn:aws:ssm:*",
      "arn:aws:*",
      "arn:aws:iam::*",
      "arn:aws:ec2:us-east-1",
      "arn:aws:EC2:US-EAST-1*",
      "arn:aws:sqs:*:444455556666:*",
  };
  return kPatterns;
}

// ---------------------------------------------------------------------------
// Condition keys. Values prefixed with '#' are written as raw JSON (numbers,
// booleans); everything else as a JSON string.

enum class Family { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn };

struct KeySpec {
  std::string name;
  std::vector<Family> families;
  bool multi;
  std::vector<std::string> policy_values;
  std::vector<std::string> context_values;  // empty: never given explicitly
};

const std::vector<KeySpec>& Keys() {
  static const std::vector<KeySpec> kKeys = {
      {"aws:PrincipalTag/team", {Family::kString}, false,
       {"dev", "ops", "Dev", "d*", "${aws:PrincipalTag/team}"}, {"dev", "ops", "DEV", "qa"}},
      {"aws:ResourceTag/Env", {Family::kString}, false,
       {"prod", "dev", "Prod", "pr*", "?ev", "${aws:PrincipalTag/env, 'dev'}"}, {"prod", "dev", "PROD"}},
      {"ssm:resourceTag/Owner", {Family::kString}, false,
       {"alice", "${aws:username}", "${aws:username, 'nobody'}", "${aws:PrincipalTag/team}", "jos\xC3\xA9",
        "JOS\xC3\x89", "a*", "${*}"},
       {"alice", "bob", "Jos\xC3\xA9", "*", "build-42"}},
      {"aws:RequestTag/Env", {Family::kString}, false, {"prod", "dev", "test"}, {"prod", "dev"}},
      {"aws:TagKeys", {Family::kString}, true, {"Env", "Owner", "Cost", "key1*", "e?v"}, {"Env", "Owner", "Cost", "key1:legal"}},
      {"aws:PrincipalOrgPaths", {Family::kString}, true,
       {"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "o-a1b2c3d4e5/*"},
       {"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/",
        "o-zzzzzzzzzz/r-zz99/"}},
      {"aws:PrincipalArn", {Family::kString, Family::kArn}, false,
       {"arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*",
        "arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::111122223333:root", "arn:aws:iam::*:user/*",
        "arn:aws:iam::444455556666:role/Ops", "arn:aws:iam::111122223333:role/ci/*"},
       {}},
      {"aws:PrincipalAccount", {Family::kString}, false, {kAcctA, kAcctB, "1111*"}, {}},
      {"aws:PrincipalType", {Family::kString}, false,
       {"User", "AssumedRole", "Account", "FederatedUser", "Anonymous", "assumedrole"}, {}},
      {"aws:userid", {Family::kString}, false,
       {"AROADEVROLEEXAMPLE001:*", "AIDAALICEEXAMPLE00001", kAcctA, "anonymous", "*:alice", "${aws:userid}"}, {}},
      {"aws:username", {Family::kString}, false, {"alice", "bob", "Alice", "${aws:PrincipalTag/team, 'alice'}"}, {}},
      {"sts:ExternalId", {Family::kString}, false, {"X1", "x1"}, {"X1", "x1"}},
      {"ssm:resourceTag/aws:ssmmessages:session-id", {Family::kString}, false, {"${aws:userid}", "AROA*"},
       {"AROADEVROLEEXAMPLE001:alice", "AROADEVROLEEXAMPLE001:bob", "AIDAALICEEXAMPLE00001"}},
      {"aws:SourceVpc", {Family::kString}, false, {"vpc-1111", "vpc-2222"}, {"vpc-1111", "vpc-3333"}},
      {"aws:MultiFactorAuthAge", {Family::kNumeric}, false,
       {"#300", "#3600", "3600", "3.6e3", "+300", "-1", "abc", "1.5"}, {"#120", "#7200", "3600.0", "3600", "x"}},
      {"s3:max-keys", {Family::kNumeric}, false, {"#10", "#1000", "100"}, {"#100", "1e2", "#5000"}},
      {"aws:CurrentTime", {Family::kDate}, false,
       {"2024-06-01T12:00:00Z", "2024-06-01", "2024", "2024-06", "2024-06-01T14:00+02:00",
        "2024-06-01T12:00:00.500Z", "1717243200", "1717243200.5", "not-a-date"},
       {"2024-06-01T12:00:00Z", "2024-06-01T12:00:00.500Z", "2023-12-31T23:59:59Z", "2024-06-01T13:59:00+02:00",
        "2025-01-01"}},
      {"aws:EpochTime", {Family::kDate, Family::kNumeric}, false,
       {"#1717243200", "1717243200", "2024-06-01T12:00:00Z", "#1700000000"},
       {"#1717243200", "#1717243201", "1700000000.25"}},
      {"aws:TokenIssueTime", {Family::kDate}, false, {"2024-01-01T00:00:00Z", "2020-01-01T00:00:01Z"},
       {"2024-05-31T08:00:00Z"}},
      {"aws:MultiFactorAuthPresent", {Family::kBool}, false,
       {"#true", "#false", "true", "TRUE", "False", "${aws:SecureTransport}"}, {"#true", "#false", "true", "False"}},
      {"aws:SecureTransport", {Family::kBool}, false, {"#true", "false"}, {"#true", "false"}},
      {"kms:RecipientAttestation:ImageSha384", {Family::kBinary}, false,
       {"aGVsbG8=", "d29ybGQ=", "aGk=", "aGVsbG8", "!!!!"}, {"aGVsbG8=", "aGk=", "d29ybGQ="}},
      {"aws:SourceIp", {Family::kIp}, false,
       {"203.0.113.0/24", "203.0.113.5", "198.51.100.0/22", "10.0.0.0/8", "2001:db8::/32", "2001:db8::1",
        "0.0.0.0/0", "::/0", "203.0.113.77/24", "not-an-ip"},
       {"203.0.113.5", "198.51.101.9", "10.1.2.3", "2001:db8::1", "2001:db9::1", "192.0.2.1"}},
      {"aws:SourceArn", {Family::kArn, Family::kString}, false,
       {"arn:aws:someservice:*:111122223333:finance/*", "arn:aws:s3:::bucket-a",
        "arn:aws:sqs:us-east-1:444455556666:queue-?", "arn:aws:sns:*", "arn:aws:s3:::bucket-*",
        "arn:aws:*:*:111122223333:*"},
       {"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
        "arn:aws:someservice:us-east-2:111122223333:finance/doc.txt", "arn:aws:s3:::bucket-a",
        "arn:aws:sqs:us-east-1:444455556666:queue-1", "arn:aws:sns:us-east-1:111122223333:topic", "not-an-arn"}},
  };
  return kKeys;
}

const std::vector<std::string>& OperatorsOf(Family f) {
  static const std::vector<std::string> kString = {"StringEquals",           "StringNotEquals",
                                                   "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                                                   "StringLike",             "StringNotLike"};
  static const std::vector<std::string> kNumeric = {"NumericEquals",   "NumericNotEquals",
                                                    "NumericLessThan", "NumericLessThanEquals",
                                                    "NumericGreaterThan", "NumericGreaterThanEquals"};
  static const std::vector<std::string> kDate = {"DateEquals",   "DateNotEquals",      "DateLessThan",
                                                 "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"};
  static const std::vector<std::string> kBool = {"Bool"};
  static const std::vector<std::string> kBinary = {"BinaryEquals"};
  static const std::vector<std::string> kIp = {"IpAddress", "NotIpAddress"};
  static const std::vector<std::string> kArn = {"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"};
  switch (f) {
    case Family::kString: return kString;
    case Family::kNumeric: return kNumeric;
    case Family::kDate: return kDate;
    case Family::kBool: return kBool;
    case Family::kBinary: return kBinary;
    case Family::kIp: return kIp;
    case Family::kArn: return kArn;
  }
  return kString;
}

bool AllowsVariables(Family f) { return f == Family::kString || f == Family::kArn || f == Family::kBool; }

// ---------------------------------------------------------------------------
// Text helpers.

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

char FlipCase(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

// Random ASCII case changes: all upper, all lower, or some letters flipped.
std::string MangleCase(Rng& rng, std::string s) {
  const std::size_t mode = rng.Below(3);
  for (char& c : s) {
    const bool lower = c >= 'a' && c <= 'z';
    const bool upper = c >= 'A' && c <= 'Z';
    if (mode == 0 && lower) c = FlipCase(c);
    if (mode == 1 && upper) c = FlipCase(c);
    if (mode == 2 && rng.Percent(30)) c = FlipCase(c);
  }
  return s;
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Splits at the first five colons (same as an ARN).
std::vector<std::string> ArnFields(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (out.size() < 5) {
    const std::size_t colon = s.find(':', start);
    if (colon == std::string::npos) break;
    out.push_back(s.substr(start, colon - start));
    start = colon + 1;
  }
  out.push_back(s.substr(start));
  return out;
}

std::string JoinArn(const std::vector<std::string>& f) {
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i == 0 ? "" : ":") + f[i];
  return out;
}

// ---------------------------------------------------------------------------
// JSON writing helpers.

void Str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void Key(Writer& w, std::string_view s) { w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

// "#..." values are raw JSON numbers or booleans.
void PoolValue(Writer& w, const std::string& v) {
  if (!v.empty() && v[0] == '#') {
    const std::string raw = v.substr(1);
    const rapidjson::Type type = raw == "true" ? rapidjson::kTrueType
                                 : raw == "false" ? rapidjson::kFalseType
                                                  : rapidjson::kNumberType;
    w.RawValue(raw.data(), raw.size(), type);
  } else {
    Str(w, v);
  }
}

// A string or an array of strings (arrays sometimes empty).
void StringOrArray(Rng& rng, Writer& w, const std::vector<std::string>& items, bool allow_empty) {
  if (items.size() == 1 && rng.Percent(70)) {
    Str(w, items[0]);
    return;
  }
  w.StartArray();
  if (!(allow_empty && rng.Percent(4))) {
    for (const std::string& s : items) Str(w, s);
  }
  w.EndArray();
}

// ---------------------------------------------------------------------------
// The scenario and the policy types.

enum class PolicyType { kIdentity, kBoundary, kSession, kTrust, kResource, kScp, kRcp };

struct Scenario {
  const PrincipalSpec* principal = nullptr;
  const TargetSpec* target = nullptr;
  bool generous = false;  // draw only patterns likely to match (rare paths: cross-account, anonymous)
};

bool IsAccountKind(Kind k) { return k != Kind::kAnonymous && k != Kind::kService; }

// --- Action patterns -------------------------------------------------------

std::string ActionPattern(Rng& rng, const Scenario& s) {
  const std::string& action = s.target->action;
  const std::size_t colon = action.find(':');
  const std::string vendor = action.substr(0, colon);
  const std::string name = action.substr(colon + 1);
  const std::size_t r = rng.Below(s.generous ? 65 : 100);
  if (r < 28) return MangleCase(rng, action);
  if (r < 40) return MangleCase(rng, vendor) + ":*";
  if (r < 50) return vendor + ":" + MangleCase(rng, name.substr(0, 3)) + "*";
  if (r < 55) {
    std::string q = name;
    q[rng.Below(q.size())] = '?';
    return vendor + ":" + q;
  }
  if (r < 65) return "*";
  if (r < 68) return "*:" + name;
  if (r < 70) return vendor.substr(0, 1) + "?" + vendor.substr(2) + ":" + name;
  return rng.Pick(OtherActions());
}

void WriteActions(Rng& rng, Writer& w, const Scenario& s) {
  std::vector<std::string> items;
  const std::size_t n = rng.Percent(70) ? 1 : 1 + rng.Below(3);
  for (std::size_t i = 0; i < n; ++i) items.push_back(ActionPattern(rng, s));
  StringOrArray(rng, w, items, true);
}

// --- Resource patterns -----------------------------------------------------

// A pattern derived from the request resource by one random edit.
std::string DerivedResourcePattern(Rng& rng, const std::string& resource) {
  std::vector<std::string> f = ArnFields(resource);
  if (f.size() != 6) return "*";
  switch (rng.Below(9)) {
    case 0: return resource;
    case 1: {  // glob the tail of the resource part
      const std::size_t keep = f[5].size() / 2;
      f[5] = f[5].substr(0, keep) + "*";
      return JoinArn(f);
    }
    case 2: f[3] = f[3].empty() ? "" : "*"; f[4] = f[4].empty() ? "" : "*"; return JoinArn(f);
    case 3:  // header case changes (header fields compare case-insensitively)
      for (std::size_t i = 0; i < 5; ++i) f[i] = MangleCase(rng, f[i]);
      return JoinArn(f);
    case 4: f[5] = MangleCase(rng, f[5]); return JoinArn(f);  // resource part is case-sensitive
    case 5: return f[0] + ":" + f[1] + ":" + f[2] + ":*";      // short pattern
    case 6: return f[0] + ":" + f[1] + ":" + f[2] + ":" + f[3] + ":*";
    case 7: {  // one '?' in the resource part
      if (f[5].empty()) return resource;
      f[5][rng.Below(f[5].size())] = '?';
      return JoinArn(f);
    }
    default: f[5] = f[5] + "-other"; return JoinArn(f);
  }
}

std::string ResourcePattern(Rng& rng, const Scenario& s) {
  const std::size_t r = rng.Below(s.generous ? 66 : 100);
  if (r < 30) return "*";
  if (r < 66) return s.target->resource == "*" ? "*" : DerivedResourcePattern(rng, s.target->resource);
  if (r < 92) return rng.Pick(FixedResourcePatterns());
  return DerivedResourcePattern(rng, rng.Pick(Targets()).resource);
}

void WriteResources(Rng& rng, Writer& w, const Scenario& s) {
  std::vector<std::string> items;
  const std::size_t n = rng.Percent(70) ? 1 : 1 + rng.Below(3);
  for (std::size_t i = 0; i < n; ++i) items.push_back(ResourcePattern(rng, s));
  StringOrArray(rng, w, items, true);
}

// --- Principal elements ------------------------------------------------------

std::vector<std::string> AwsPrincipalCandidates(const Scenario& s) {
  std::vector<std::string> c = {
      "*",
      kAcctA,
      kAcctB,
      "arn:aws:iam::111122223333:root",
      "arn:aws:iam::444455556666:root",
      "arn:aws:iam::111122223333:user/alice",
      "arn:aws:iam::111122223333:user/dev/bob",
      "arn:aws:iam::444455556666:user/carol",
      "arn:aws:iam::111122223333:role/Dev",
      "arn:aws:iam::111122223333:role/Deploy",
      "arn:aws:iam::111122223333:role/ci/Deploy",
      "arn:aws:iam::444455556666:role/Ops",
      "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef",
      "arn:aws:sts::111122223333:assumed-role/Dev/alice",
      "arn:aws:sts::111122223333:assumed-role/Dev/bob",
      "arn:aws:sts::111122223333:federated-user/dave",
      "AIDAALICEEXAMPLE00001",
      "AROADEVROLEEXAMPLE001",
      "AROAOPSROLEEXAMPLE004",
  };
  // Bias towards identifiers of the request principal so that grants happen.
  const PrincipalSpec& p = *s.principal;
  if (s.generous) c = {"*", kAcctA};
  if (IsAccountKind(p.kind)) {
    for (int i = 0; i < 3; ++i) {
      c.push_back(p.arn);
      c.push_back(p.account);
      c.push_back("arn:aws:iam::" + p.account + ":root");
    }
  }
  if (!p.role_arn.empty()) {
    for (int i = 0; i < 3; ++i) c.push_back(p.role_arn);
  }
  if (!p.userid.empty()) c.push_back(p.userid.substr(0, p.userid.find(':')));
  return c;
}

std::vector<std::string> NameCandidates(const Scenario& s, bool federated) {
  std::vector<std::string> c = federated ? std::vector<std::string>{"accounts.google.com",
                                                                    "arn:aws:iam::111122223333:saml-provider/Okta",
                                                                    "cognito-identity.amazonaws.com"}
                                         : std::vector<std::string>{"ec2.amazonaws.com", "ssm.amazonaws.com",
                                                                    "lambda.amazonaws.com"};
  if (s.principal->kind == Kind::kService) {
    c.push_back(s.principal->arn);
    c.push_back(s.principal->arn);
  }
  return c;
}

std::vector<std::string> Draw(Rng& rng, const std::vector<std::string>& pool) {
  std::vector<std::string> out;
  const std::size_t n = rng.Percent(65) ? 1 : 1 + rng.Below(3);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& v = rng.Pick(pool);
    bool dup = false;
    for (const std::string& o : out) dup = dup || o == v;
    if (!dup) out.push_back(v);
  }
  return out;
}

void WritePrincipalElement(Rng& rng, Writer& w, const Scenario& s) {
  const std::size_t r = rng.Below(100);
  if (r < (s.principal->kind == Kind::kAnonymous ? 40u : 18u)) {
    Str(w, "*");
    return;
  }
  w.StartObject();
  if (r < 75 || r >= 95) {
    Key(w, "AWS");
    StringOrArray(rng, w, Draw(rng, AwsPrincipalCandidates(s)), true);
  }
  if ((r >= 75 && r < 87) || r >= 95) {
    Key(w, "Service");
    StringOrArray(rng, w, Draw(rng, NameCandidates(s, false)), false);
  }
  if (r >= 87 && r < 93) {
    Key(w, "Federated");
    StringOrArray(rng, w, Draw(rng, NameCandidates(s, true)), false);
  }
  if (r >= 93 && r < 95) {
    Key(w, "CanonicalUser");
    Str(w, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
  }
  w.EndObject();
}

// --- Conditions -------------------------------------------------------------

std::string OperatorName(Rng& rng, const KeySpec& key, Family family, bool null_op) {
  std::string name = null_op ? "Null" : rng.Pick(OperatorsOf(family));
  if (!null_op && rng.Percent(20)) name += "IfExists";
  const std::size_t q = rng.Below(100);
  const std::size_t qualifier_percent = key.multi ? 75 : 15;
  if (q < qualifier_percent) name = (rng.Percent(50) ? "ForAllValues:" : "ForAnyValue:") + name;
  if (rng.Percent(8)) name = MangleCase(rng, name);
  return name;
}

void WriteConditionValues(Rng& rng, Writer& w, const KeySpec& key, Family family, bool null_op) {
  std::vector<std::string> pool;
  if (null_op) {
    pool = {"true", "false", "#true", "#false", "TRUE"};
  } else {
    for (const std::string& v : key.policy_values) {
      const bool has_var = v.find("${") != std::string::npos;
      // Variables only where they are substituted (literal text before 2012-10-17).
      if (has_var && !AllowsVariables(family)) continue;
      pool.push_back(v);
    }
  }
  const bool single = family == Family::kBool || null_op || rng.Percent(60);
  if (single) {
    PoolValue(w, rng.Pick(pool));
    return;
  }
  w.StartArray();
  if (!rng.Percent(6)) {
    const std::size_t n = 1 + rng.Below(3);
    for (std::size_t i = 0; i < n; ++i) PoolValue(w, rng.Pick(pool));
  }
  w.EndArray();
}

void WriteCondition(Rng& rng, Writer& w) {
  w.StartObject();
  std::vector<std::string> used_ops;  // lower-cased, unique per block
  const std::size_t n_ops = 1 + rng.Below(rng.Percent(70) ? 1 : 3);
  for (std::size_t i = 0; i < n_ops; ++i) {
    const KeySpec& first_key = rng.Pick(Keys());
    const bool null_op = rng.Percent(10);
    const Family family = rng.Pick(first_key.families);
    const std::string op = OperatorName(rng, first_key, family, null_op);
    bool dup = false;
    for (const std::string& u : used_ops) dup = dup || u == Lower(op);
    if (dup) continue;
    used_ops.push_back(Lower(op));
    Key(w, op);
    w.StartObject();
    std::vector<const KeySpec*> keys = {&first_key};
    if (rng.Percent(25)) {  // a second key of the same family under this operator
      const KeySpec& other = rng.Pick(Keys());
      bool same_family = null_op;
      for (Family f : other.families) same_family = same_family || f == family;
      if (same_family && other.name != first_key.name) keys.push_back(&other);
    }
    for (const KeySpec* key : keys) {
      Key(w, rng.Percent(12) ? MangleCase(rng, key->name) : key->name);
      WriteConditionValues(rng, w, *key, family, null_op);
    }
    w.EndObject();
  }
  w.EndObject();
}

// --- Statements and policies -------------------------------------------------

struct StatementShape {
  bool allow = true;
  bool principal = false;      // needs Principal (or NotPrincipal)
  bool not_principal_ok = false;
  bool resource = true;        // needs Resource/NotResource
  bool star_principal = false; // RCP: Principal must be "*"
};

StatementShape ShapeFor(Rng& rng, PolicyType type) {
  StatementShape shape;
  switch (type) {
    case PolicyType::kIdentity:
    case PolicyType::kBoundary:
    case PolicyType::kSession:
      shape.allow = rng.Percent(85);
      break;
    case PolicyType::kScp:
      shape.allow = rng.Percent(70);
      break;
    case PolicyType::kTrust:
      shape.allow = rng.Percent(85);
      shape.principal = true;
      shape.resource = false;
      break;
    case PolicyType::kResource:
      shape.allow = rng.Percent(75);
      shape.principal = true;
      shape.not_principal_ok = true;
      break;
    case PolicyType::kRcp:
      shape.allow = false;  // customer RCP statements deny
      shape.principal = true;
      shape.star_principal = true;
      break;
  }
  return shape;
}

std::string SidFor(Rng& rng, PolicyType type, std::size_t index) {
  if (type == PolicyType::kResource && rng.Percent(30)) return "Grant read-" + std::to_string(index);
  std::string sid = rng.Percent(50) ? "Stmt" : "S";
  sid += std::to_string(index);
  for (char c : sid) {
    if (!IsAlnum(c)) return "S" + std::to_string(index);
  }
  return sid;
}

void WriteStatement(Rng& rng, Writer& w, PolicyType type, std::size_t index, const Scenario& s) {
  const StatementShape shape = ShapeFor(rng, type);
  w.StartObject();
  if (rng.Percent(60)) {
    Key(w, "Sid");
    Str(w, SidFor(rng, type, index));
  }
  Key(w, "Effect");
  Str(w, shape.allow ? "Allow" : "Deny");
  if (shape.principal) {
    const bool use_not = shape.not_principal_ok && rng.Percent(shape.allow ? 4 : 30);
    Key(w, use_not ? "NotPrincipal" : "Principal");
    if (shape.star_principal) {
      Str(w, "*");
    } else {
      WritePrincipalElement(rng, w, s);
    }
  }
  Key(w, rng.Percent(15) ? "NotAction" : "Action");
  WriteActions(rng, w, s);
  if (shape.resource) {
    Key(w, rng.Percent(10) ? "NotResource" : "Resource");
    WriteResources(rng, w, s);
  }
  if (rng.Percent(s.generous ? 25 : 38)) {
    Key(w, "Condition");
    if (rng.Percent(3)) {
      w.StartObject();
      w.EndObject();
    } else {
      WriteCondition(rng, w);
    }
  }
  w.EndObject();
}

// AWS's RCPFullAWSAccess (and the SCP FullAWSAccess without a Principal).
void WriteFullAccess(Writer& w, bool with_principal) {
  w.StartObject();
  Key(w, "Sid");
  Str(w, "FullAWSAccess");
  Key(w, "Effect");
  Str(w, "Allow");
  if (with_principal) {
    Key(w, "Principal");
    Str(w, "*");
  }
  Key(w, "Action");
  Str(w, "*");
  Key(w, "Resource");
  Str(w, "*");
  w.EndObject();
}

// Size limits (docs/semantics.md §1.4). Compact JSON has no whitespace
// outside strings, so its length bounds both ways of counting.
std::size_t SizeLimit(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity: return 10240;
    case PolicyType::kBoundary: return 6144;
    case PolicyType::kSession: return 2048;
    case PolicyType::kTrust: return 4096;
    case PolicyType::kResource: return 20480;
    case PolicyType::kScp:
    case PolicyType::kRcp: return 5120;
  }
  return 2048;
}

std::string WritePolicy(Rng& rng, PolicyType type, const Scenario& s, std::size_t statements, bool full_access) {
  const std::size_t version = rng.Below(100);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  if (version < 70) {
    Key(w, "Version");
    Str(w, "2012-10-17");
  } else if (version < 85) {
    Key(w, "Version");
    Str(w, "2008-10-17");
  }
  if (rng.Percent(5)) {
    Key(w, "Id");
    Str(w, "policy-id-1");
  }
  Key(w, "Statement");
  const bool as_object = statements == 1 && !full_access && rng.Percent(25);
  if (!as_object) w.StartArray();
  std::size_t index = 0;
  if (full_access) {
    WriteFullAccess(w, type == PolicyType::kRcp);
    ++index;
  }
  for (std::size_t i = 0; i < statements; ++i) WriteStatement(rng, w, type, index++, s);
  if (!as_object) w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Retries with fewer statements until the document fits its size limit.
std::string PolicyDocument(Rng& rng, PolicyType type, const Scenario& s, std::size_t statements, bool full_access) {
  for (;;) {
    std::string doc = WritePolicy(rng, type, s, statements, full_access);
    if (doc.size() <= SizeLimit(type)) return doc;
    if (statements > 1) --statements;
  }
}

void WritePolicyEntry(Rng& rng, Writer& w, const std::string& name, PolicyType type, const Scenario& s,
                      std::size_t statements, bool full_access = false) {
  const std::string doc = PolicyDocument(rng, type, s, statements, full_access);
  w.StartObject();
  Key(w, "name");
  Str(w, name);
  Key(w, "document");
  if (rng.Percent(15)) {
    Str(w, doc);  // AWS exports carry documents as strings
  } else {
    w.RawValue(doc.data(), doc.size(), rapidjson::kObjectType);
  }
  w.EndObject();
}

std::size_t StatementCount(Rng& rng) { return 1 + rng.Below(rng.Percent(60) ? 2 : 4); }

// --- The case ----------------------------------------------------------------

// The account a target's resource lives in ("" when the ARN has none).
std::string TargetAccount(const TargetSpec& t) {
  if (!t.resource_account.empty()) return t.resource_account;
  const std::vector<std::string> f = ArnFields(t.resource);
  return f.size() == 6 ? f[4] : "";
}

bool ResourceIsRole(const TargetSpec& t) { return t.resource.find(":iam::") != std::string::npos &&
                                                 t.resource.find(":role/") != std::string::npos; }

void WritePolicies(Rng& rng, Writer& w, const Scenario& s) {
  const Kind kind = s.principal->kind;
  const bool account = IsAccountKind(kind);
  const bool session_like = kind == Kind::kSession || kind == Kind::kFederated;
  w.StartObject();
  if (account && kind != Kind::kRoot && rng.Percent(92)) {
    Key(w, "identity");
    w.StartArray();
    const std::size_t n = 1 + rng.Below(rng.Percent(70) ? 1 : 3);
    for (std::size_t i = 0; i < n; ++i) {
      WritePolicyEntry(rng, w, "Identity" + std::to_string(i), PolicyType::kIdentity, s, StatementCount(rng));
    }
    w.EndArray();
  }
  if ((kind == Kind::kUser || session_like) && rng.Percent(20)) {
    Key(w, "boundary");
    WritePolicyEntry(rng, w, "Boundary", PolicyType::kBoundary, s, StatementCount(rng));
  }
  if (session_like && rng.Percent(kind == Kind::kFederated ? 65 : 30)) {
    Key(w, "session");
    w.StartArray();
    const std::size_t n = rng.Percent(80) ? 1 : 2;
    for (std::size_t i = 0; i < n; ++i) {
      WritePolicyEntry(rng, w, "Session" + std::to_string(i), PolicyType::kSession, s, StatementCount(rng));
    }
    w.EndArray();
  }
  const bool role = ResourceIsRole(*s.target);
  const std::string resource_account = TargetAccount(*s.target);
  const bool cross = account && !resource_account.empty() && resource_account != s.principal->account;
  if (rng.Percent(!account || cross ? 85 : (role ? 70 : 40))) {
    Key(w, "resource");
    WritePolicyEntry(rng, w, role ? "TrustPolicy" : "ResourcePolicy", role ? PolicyType::kTrust : PolicyType::kResource,
                     s, StatementCount(rng));
  }
  for (const PolicyType type : {PolicyType::kScp, PolicyType::kRcp}) {
    const bool scp = type == PolicyType::kScp;
    if (!rng.Percent(scp ? (account ? 25 : 8) : 15)) continue;
    Key(w, scp ? "scp" : "rcp");
    w.StartArray();
    const std::size_t levels = 1 + rng.Below(3);
    for (std::size_t level = 0; level < levels; ++level) {
      w.StartArray();
      const std::size_t n = rng.Percent(85) ? 1 : 2;
      for (std::size_t i = 0; i < n; ++i) {
        const std::string name = std::string(scp ? "Scp" : "Rcp") + std::to_string(level) + "_" + std::to_string(i);
        const bool full = i == 0 && rng.Percent(scp ? 75 : 90);
        const std::size_t extra = scp ? (full ? rng.Below(3) : StatementCount(rng)) : (rng.Percent(55) ? 1 : 0);
        if (!full && extra == 0) {
          WritePolicyEntry(rng, w, name, type, s, 1);
        } else {
          WritePolicyEntry(rng, w, name, type, s, extra, full);
        }
      }
      w.EndArray();
    }
    w.EndArray();
  }
  w.EndObject();
}

void WriteContextValue(Rng& rng, Writer& w, const KeySpec& key) {
  if (key.multi) {
    w.StartArray();
    if (!rng.Percent(10)) {
      const std::size_t n = 1 + rng.Below(3);
      for (std::size_t i = 0; i < n; ++i) PoolValue(w, rng.Pick(key.context_values));
    }
    w.EndArray();
    return;
  }
  const std::size_t r = rng.Below(100);
  if (r < 93) {
    PoolValue(w, rng.Pick(key.context_values));
  } else if (r < 97) {  // a multi-valued form of a single-valued key
    w.StartArray();
    const std::size_t n = 1 + rng.Below(2);
    for (std::size_t i = 0; i < n; ++i) PoolValue(w, rng.Pick(key.context_values));
    w.EndArray();
  } else {
    w.StartArray();
    w.EndArray();
  }
}

void WriteContext(Rng& rng, Writer& w, const Scenario& s) {
  const PrincipalSpec& p = *s.principal;
  w.StartObject();
  if (!p.userid.empty() && rng.Percent(85)) {
    Key(w, "aws:userid");
    Str(w, p.userid);
  }
  if (!p.principal_arn.empty() && rng.Percent(85)) {
    Key(w, "aws:PrincipalArn");
    Str(w, p.principal_arn);
  }
  for (const KeySpec& key : Keys()) {
    if (key.context_values.empty() || !rng.Percent(45)) continue;
    Key(w, rng.Percent(15) ? MangleCase(rng, key.name) : key.name);
    WriteContextValue(rng, w, key);
  }
  w.EndObject();
}

void WriteRequest(Rng& rng, Writer& w, const Scenario& s) {
  const PrincipalSpec& p = *s.principal;
  w.StartObject();
  Key(w, "principal");
  Str(w, p.arn);
  if (!p.account.empty() && rng.Percent(20)) {
    Key(w, "principalAccount");
    Str(w, p.account);
  }
  Key(w, "action");
  Str(w, s.target->action);
  Key(w, "resource");
  Str(w, s.target->resource);
  const std::vector<std::string> f = ArnFields(s.target->resource);
  if (!s.target->resource_account.empty()) {
    Key(w, "resourceAccount");
    Str(w, s.target->resource_account);
  } else if (f.size() == 6 && !f[4].empty() && rng.Percent(15)) {
    Key(w, "resourceAccount");
    Str(w, f[4]);
  }
  Key(w, "context");
  WriteContext(rng, w, s);
  w.EndObject();
}

const PrincipalSpec& PickPrincipal(Rng& rng) {
  std::size_t total = 0;
  for (std::size_t wgt : PrincipalWeights()) total += wgt;
  std::size_t r = rng.Below(total);
  for (std::size_t i = 0; i < PrincipalWeights().size(); ++i) {
    if (r < PrincipalWeights()[i]) return Principals()[i];
    r -= PrincipalWeights()[i];
  }
  return Principals().front();
}

// Mostly same-account targets: cross-account requests need two grants.
const TargetSpec& PickTarget(Rng& rng, const PrincipalSpec& p) {
  const bool prefer_same = IsAccountKind(p.kind) && rng.Percent(50);
  for (int attempt = 0; attempt < 8; ++attempt) {
    const TargetSpec& t = rng.Pick(Targets());
    const std::string account = TargetAccount(t);
    if (!prefer_same || account.empty() || account == p.account) return t;
  }
  return rng.Pick(Targets());
}

}  // namespace

std::string GenerateCase(std::uint64_t seed) {
  Rng rng(seed);
  Scenario s;
  s.principal = &PickPrincipal(rng);
  s.target = &PickTarget(rng, *s.principal);
  const std::string resource_account = TargetAccount(*s.target);
  const bool cross = !resource_account.empty() && resource_account != s.principal->account;
  s.generous = (cross || !IsAccountKind(s.principal->kind)) && rng.Percent(60);
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  Key(w, "name");
  Str(w, "gen-" + std::to_string(seed));
  Key(w, "policies");
  WritePolicies(rng, w, s);
  Key(w, "request");
  WriteRequest(rng, w, s);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace gatehouse::reference
