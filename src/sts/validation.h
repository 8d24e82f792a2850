// sts/validation.h: request validation of the STS API (AssumeRole,
// GetSessionToken, GetFederationToken) as AWS performs it before any
// authorization: the length/range/pattern constraints of botocore's
// sts/2011-06-15/service-2.json (fact sheet §7.1), reported in AWS's
// query-protocol wording:
//
//   ValidationError
//   1 validation error detected: Value 'a b' at 'roleSessionName' failed to
//   satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*
//
// Several violations are reported together ("2 validation errors detected:
// <one>; <two>"), in the order of the members in the model. Checks that need
// the role or the caller (MaxSessionDuration, role chaining, inherited
// transitive tags, packed policy size) are not here: this library is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gatehouse::sts {

struct Tag {
  std::string key;
  std::string value;
};

struct AssumeRoleParams {
  std::string role_arn;           // required
  std::string role_session_name;  // required
  std::optional<std::string> external_id;
  std::optional<std::int64_t> duration_seconds;
  std::optional<std::string> policy;  // inline session policy text
  std::vector<std::string> policy_arns;
  std::vector<Tag> tags;
  std::vector<std::string> transitive_tag_keys;
  std::optional<std::string> serial_number;
  std::optional<std::string> token_code;
  std::optional<std::string> source_identity;
  // false = the parameter was absent from the request ("Value null ... Member
  // must not be null"); an empty string that was sent is checked as ''.
  bool role_arn_given = true, role_session_name_given = true;
};

struct GetSessionTokenParams {
  std::optional<std::int64_t> duration_seconds;
  std::optional<std::string> serial_number, token_code;
};

struct GetFederationTokenParams {
  std::string name;  // required
  std::optional<std::int64_t> duration_seconds;
  std::optional<std::string> policy;
  std::vector<std::string> policy_arns;
  std::vector<Tag> tags;
  bool name_given = true;  // false = Name absent from the request
};

// Ok, or Error{code "ValidationError", AWS's message}. Strings are UTF-8;
// lengths count code points; invalid UTF-8 never satisfies a pattern.
Status ValidateAssumeRole(const AssumeRoleParams& p);
Status ValidateGetSessionToken(const GetSessionTokenParams& p);
Status ValidateGetFederationToken(const GetFederationTokenParams& p);

// ---- Shared building blocks

// RoleSessionName (and SourceIdentity): 2-64 code points of [\w+=,.@-]*,
// where \w is ASCII letters, digits and '_'.
bool IsValidRoleSessionName(std::string_view s);
// Session/IAM tag key: 1-128 code points of [\p{L}\p{Z}\p{N}_.:/=+\-@]+.
bool IsValidTagKey(std::string_view s);
// Session/IAM tag value: 0-256 code points of [\p{L}\p{Z}\p{N}_.:/=+\-@]*.
bool IsValidTagValue(std::string_view s);

// Unicode general categories used by the tag pattern (Java regex semantics):
// \p{L} letters (Lu Ll Lt Lm Lo), \p{N} numbers (Nd Nl No), \p{Z} separators
// (Zs Zl Zp). Tables follow Unicode 14.0 (see validation.cc).
bool IsUnicodeLetter(char32_t cp);
bool IsUnicodeNumber(char32_t cp);
bool IsUnicodeSeparator(char32_t cp);

// Joins constraint violations ("Value '...' at '...' failed to satisfy
// constraint: ...") into AWS's ValidationError. `violations` must not be empty.
Error MakeValidationError(std::span<const std::string> violations);

}  // namespace gatehouse::sts
