// sts/validation_test.cc: STS request validation against botocore's sts
// model (boto/botocore botocore/data/sts/2011-06-15/service-2.json) and the
// wording of real STS answers quoted in public issues (URLs beside each test).
#include "sts/validation.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::sts {
namespace {

constexpr std::string_view kRoleArn = "arn:aws:iam::123456789012:role/demo";
constexpr std::string_view kArnPattern =
    R"([\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+)";
constexpr std::string_view kNamePattern = R"([\w+=,.@-]*)";
constexpr std::string_view kTagKeyPattern = R"([\p{L}\p{Z}\p{N}_.:/=+\-@]+)";
constexpr std::string_view kTagValuePattern = R"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)";
constexpr std::string_view kPolicyPattern = R"([\u0009\u000A\u000D\u0020-\u00FF]+)";

std::string Rep(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// An ARN-shaped string of exactly n bytes (n >= 20).
std::string ArnOfLength(std::size_t n) {
  std::string s = "arn:aws:iam::123456789012:role/";
  if (n <= s.size()) return s.substr(0, n);
  return s + Rep("r", n - s.size());
}

AssumeRoleParams ValidAssumeRole() {
  AssumeRoleParams p;
  p.role_arn = std::string(kRoleArn);
  p.role_session_name = "session";
  return p;
}

GetFederationTokenParams ValidFederation() {
  GetFederationTokenParams p;
  p.name = "Bob";
  return p;
}

std::string Pattern(std::string_view value, std::string_view path, std::string_view pattern) {
  return "Value '" + std::string(value) + "' at '" + std::string(path) +
         "' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
         std::string(pattern);
}
std::string MinLen(std::string_view value, std::string_view path, std::size_t n) {
  return "Value '" + std::string(value) + "' at '" + std::string(path) +
         "' failed to satisfy constraint: Member must have length greater than or equal to " +
         std::to_string(n);
}
std::string MaxLen(std::string_view value, std::string_view path, std::size_t n) {
  return "Value '" + std::string(value) + "' at '" + std::string(path) +
         "' failed to satisfy constraint: Member must have length less than or equal to " + std::to_string(n);
}
std::string One(const std::string& violation) {
  return "1 validation error detected: " + violation;
}

testing::AssertionResult IsValidationError(const Status& s, std::string_view message) {
  if (s.ok()) return testing::AssertionFailure() << "validation passed; expected: " << message;
  if (s.error().code != "ValidationError") return testing::AssertionFailure() << "code " << s.error().code;
  if (s.error().message != message) {
    return testing::AssertionFailure() << "\n  got:  " << s.error().message << "\n  want: " << message;
  }
  return testing::AssertionSuccess();
}

testing::AssertionResult IsOk(const Status& s) {
  if (s.ok()) return testing::AssertionSuccess();
  return testing::AssertionFailure() << s.error().code << ": " << s.error().message;
}

// ============================================================ AssumeRole ok

TEST(AssumeRole, MinimalRequestIsValid) {
  EXPECT_TRUE(IsOk(ValidateAssumeRole(ValidAssumeRole())));
}

// Every optional member at a legal value (values from the model's docs and
// botocore's examples-1.json).
TEST(AssumeRole, FullRequestIsValid) {
  AssumeRoleParams p = ValidAssumeRole();
  p.external_id = "123ABC";
  p.duration_seconds = 3600;
  p.policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";
  p.policy_arns = {"arn:aws:iam::123456789012:policy/demopolicy1"};
  p.tags = {{"Project", "Unicorn"}, {"Team", "Automation"}, {"Cost-Center", "12345"}};
  p.transitive_tag_keys = {"Project", "Cost-Center"};
  p.serial_number = "arn:aws:iam::123456789012:mfa/user";
  p.token_code = "123456";
  p.source_identity = "Alice";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
}

// ================================================================ RoleArn

// arnType: min 20, max 2048.
TEST(AssumeRole, RoleArnLengthBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_arn = ArnOfLength(20);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.role_arn = ArnOfLength(2048);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.role_arn = ArnOfLength(19);
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen(p.role_arn, "roleArn", 20))));
  p.role_arn = ArnOfLength(2049);
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(p.role_arn, "roleArn", 2048))));
}

// Real STS answer for an empty RoleArn: both the '+' pattern and the minimum
// length fail, pattern first, "; " between them.
// https://github.com/newscorpaus/consigliere/issues/18
TEST(AssumeRole, EmptyRoleArnExactRealMessage) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_arn = "";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+; Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20)"));
}

// arnType's class: tab/LF/CR, printable ASCII, U+0085, U+00A0..U+D7FF,
// U+E000..U+FFFD, supplementary planes; C0 controls and DEL are outside.
TEST(AssumeRole, RoleArnCharacterClass) {
  AssumeRoleParams p = ValidAssumeRole();
  for (const std::string& ok :
       {std::string(kRoleArn) + "\t", std::string(kRoleArn) + "\xC2\x85", std::string(kRoleArn) + "\xC3\xA9",
        std::string(kRoleArn) + "\xEF\xBF\xBD", std::string(kRoleArn) + "\xF0\x9F\x98\x80"}) {
    p.role_arn = ok;
    EXPECT_TRUE(IsOk(ValidateAssumeRole(p))) << ok;
  }
  p.role_arn = std::string(kRoleArn) + "\x01";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern(p.role_arn, "roleArn", kArnPattern))));
  p.role_arn = std::string(kRoleArn) + "\x7F";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern(p.role_arn, "roleArn", kArnPattern))));
  p.role_arn = std::string(kRoleArn) + "\xEF\xBF\xBE";  // U+FFFE
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern(p.role_arn, "roleArn", kArnPattern))));
}

// Choice: invalid UTF-8 never satisfies a pattern; it is echoed as U+FFFD.
TEST(AssumeRole, RoleArnInvalidUtf8IsRejectedAndEchoedAsReplacement) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_arn = std::string(kRoleArn) + "\xFF";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p), One(Pattern(std::string(kRoleArn) + "\xEF\xBF\xBD", "roleArn", kArnPattern))));
}

// Missing required member: ValidationError "Value null ... Member must not be
// null" (a real STS answer to an AssumeRole without RoleSessionName):
// https://github.com/aws/aws-sdk-cpp/pull/1252
TEST(AssumeRole, MissingRoleSessionNameExactRealMessage) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name_given = false;
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p),
                        "1 validation error detected: Value null at 'roleSessionName' failed to satisfy "
                        "constraint: Member must not be null"));
}

TEST(AssumeRole, BothRequiredMissingAreAggregatedInModelOrder) {
  AssumeRoleParams p;
  p.role_arn_given = false;
  p.role_session_name_given = false;
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not "
      "be "
      "null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"));
}

// ======================================================== RoleSessionName

// T36 (fact sheet §11): 'a b' breaks the pattern.
TEST(AssumeRole, T36SessionNameWithSpace) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "a b";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(1 validation error detected: Value 'a b' at 'roleSessionName' failed to )"
      R"(satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*)"));
}

// T36: the real message for 'dependabot[bot]':
// https://github.com/aws-actions/configure-aws-credentials/issues/1306
TEST(AssumeRole, T36DependabotExactRealMessage) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "dependabot[bot]";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*)"));
}

// Real messages: 'a:b' (https://github.com/JuliaCloud/AWSCore.jl/pull/38) and
// 'PowerUser/hjacobs' (https://github.com/zalando-stups/aws-credentials-service/issues/7).
TEST(AssumeRole, SessionNameColonAndSlashExactRealMessages) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "a:b";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*)"));
  p.role_session_name = "PowerUser/hjacobs";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(1 validation error detected: Value 'PowerUser/hjacobs' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*)"));
}

// T36: 'x' (1 char) and 65 chars; 2 and 64 are inside. The long-name text is
// the real one: https://github.com/bringmeister/aws-kinesis-spring-boot-starter/issues/19
TEST(AssumeRole, T36SessionNameLengthBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "ab";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.role_session_name = Rep("a", 64);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.role_session_name = "x";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("x", "roleSessionName", 2))));
  p.role_session_name = "connect-system-integration-tests-08f2f0b5-8479-xxxx-xxxx-9a2c8cd10652";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      "1 validation error detected: Value "
      "'connect-system-integration-tests-08f2f0b5-8479-xxxx-xxxx-9a2c8cd10652' "
      "at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64"));
  p.role_session_name = Rep("a", 65);
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(MaxLen(p.role_session_name, "roleSessionName", 64))));
}

// A sent empty name: the '*' pattern holds, only the length fails.
TEST(AssumeRole, EmptySessionNameIsALengthError) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("", "roleSessionName", 2))));
}

// Too long and a bad character: pattern first, then length.
TEST(AssumeRole, SessionNamePatternAndLengthBothReported) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = Rep("a", 64) + "/";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      "2 validation errors detected: " + Pattern(p.role_session_name, "roleSessionName", kNamePattern) +
          "; " + MaxLen(p.role_session_name, "roleSessionName", 64)));
}

// T73: the whole charset [\w+=,.@-]; \w is ASCII only.
TEST(AssumeRole, T73SessionNameCharset) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "ci@build=1,ok-_.";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.role_session_name = "AZaz09_+=,.@-";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.role_session_name = "caf\xC3\xA9";  // é is a letter, but not \w
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p),
                                One(Pattern(p.role_session_name, "roleSessionName", kNamePattern))));
}

// ============================================================= ExternalId

// externalIdType: 2-1224, [\w+=,.@:\/-]* (adds ':' and '/').
TEST(AssumeRole, ExternalIdBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.external_id = "ab";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.external_id = Rep("e", 1224);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.external_id = "urn:a/b+c=d,e.f@g-h_i";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.external_id = "a";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("a", "externalId", 2))));
  p.external_id = Rep("e", 1225);
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(*p.external_id, "externalId", 1224))));
  p.external_id = "two words";
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(Pattern("two words", "externalId", R"([\w+=,.@:\/-]*)"))));
}

// ========================================================= DurationSeconds

// T37 (fact sheet §11): 899 is below roleDurationSecondsType's minimum.
TEST(AssumeRole, T37DurationBelowMinimum) {
  AssumeRoleParams p = ValidAssumeRole();
  p.duration_seconds = 899;
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p),
                        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy "
                        "constraint: Member must have value greater than or equal to 900"));
}

// roleDurationSecondsType: 900-43200. (T37's 7200 against a 3600 role is
// "exceeds the MaxSessionDuration", which needs the role: not here.)
TEST(AssumeRole, DurationBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  for (std::int64_t ok : {900, 3600, 7200, 43200}) {
    p.duration_seconds = ok;
    EXPECT_TRUE(IsOk(ValidateAssumeRole(p))) << ok;
  }
  p.duration_seconds = 43201;
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p),
                        "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy "
                        "constraint: Member must have value less than or equal to 43200"));
  p.duration_seconds = -5;
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p),
                        "1 validation error detected: Value '-5' at 'durationSeconds' failed to satisfy "
                        "constraint: Member must have value greater than or equal to 900"));
}

// ================================================================= Policy

// AssumeRole's Policy is unrestrictedSessionPolicyDocumentType: min 1, the
// [\u0009\u000A\u000D\u0020-\u00FF]+ pattern, no maximum in the current model.
TEST(AssumeRole, PolicyCharacterClass) {
  AssumeRoleParams p = ValidAssumeRole();
  p.policy = "{";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.policy = "{\t\n\r \xC3\xBF}";  // tab, LF, CR, space, U+00FF
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.policy = "{\x01}";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern(*p.policy, "policy", kPolicyPattern))));
  p.policy = "{\xC4\x80}";  // U+0100
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern(*p.policy, "policy", kPolicyPattern))));
}

TEST(AssumeRole, EmptyPolicyBreaksPatternAndMinimum) {
  AssumeRoleParams p = ValidAssumeRole();
  p.policy = "";
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p), "2 validation errors detected: " + Pattern("", "policy", kPolicyPattern) + "; " +
                                 MinLen("", "policy", 1)));
}

// Choice (model, not fact sheet): no 2048 maximum for AssumeRole's Policy.
TEST(AssumeRole, PolicyHasNoShapeMaximum) {
  AssumeRoleParams p = ValidAssumeRole();
  p.policy = Rep("x", 2049);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
}

// GetFederationToken keeps sessionPolicyDocumentType: 1-2048.
TEST(GetFederationToken, PolicyLengthBoundaries) {
  GetFederationTokenParams p = ValidFederation();
  p.policy = Rep("x", 2048);
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.policy = "x";
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.policy = Rep("x", 2049);
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p), One(MaxLen(*p.policy, "policy", 2048))));
  p.policy = "";
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p),
                                "2 validation errors detected: " + Pattern("", "policy", kPolicyPattern) +
                                    "; " + MinLen("", "policy", 1)));
}

// Lengths count code points: 2048 × U+00E9 is 4096 bytes but 2048 characters.
TEST(GetFederationToken, PolicyLengthCountsCodePoints) {
  GetFederationTokenParams p = ValidFederation();
  p.policy = Rep("\xC3\xA9", 2048);
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.policy = Rep("\xC3\xA9", 2049);
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p), One(MaxLen(*p.policy, "policy", 2048))));
}

// ============================================================= PolicyArns

// Up to 10 (documented); each element an arnType at policyArns.N.member.arn.
TEST(AssumeRole, PolicyArnsCountBoundary) {
  AssumeRoleParams p = ValidAssumeRole();
  p.policy_arns.assign(10, "arn:aws:iam::123456789012:policy/p");
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.policy_arns.assign(11, "arn:aws:iam::123456789012:policy/p");
  std::string list = "[";
  for (int i = 0; i < 11; ++i)
    list += std::string(i ? ", " : "") + "{Arn: arn:aws:iam::123456789012:policy/p}";
  list += "]";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(list, "policyArns", 10))));
}

TEST(AssumeRole, PolicyArnElementLength) {
  AssumeRoleParams p = ValidAssumeRole();
  p.policy_arns = {ArnOfLength(20), ArnOfLength(2048)};
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.policy_arns = {ArnOfLength(20), ArnOfLength(19)};
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(MinLen(p.policy_arns[1], "policyArns.2.member.arn", 20))));
  p.policy_arns = {ArnOfLength(2049)};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p),
                                One(MaxLen(p.policy_arns[0], "policyArns.1.member.arn", 2048))));
}

// =================================================================== Tags

// tagListType: at most 50.
TEST(AssumeRole, TagCountBoundary) {
  AssumeRoleParams p = ValidAssumeRole();
  for (int i = 0; i < 50; ++i) p.tags.push_back({"k" + std::to_string(i), "v"});
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.tags.push_back({"k50", "v"});
  std::string list = "[";
  for (int i = 0; i <= 50; ++i)
    list += std::string(i ? ", " : "") + "{Key: k" + std::to_string(i) + ",Value: v}";
  list += "]";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(list, "tags", 50))));
}

// tagKeyType 1-128, tagValueType 0-256.
TEST(AssumeRole, TagKeyAndValueLengthBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"k", ""}, {Rep("k", 128), Rep("v", 256)}};
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.tags = {{Rep("k", 129), "v"}};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(p.tags[0].key, "tags.1.member.key", 128))));
  p.tags = {{"a", "v"}, {"b", Rep("v", 257)}};
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(MaxLen(p.tags[1].value, "tags.2.member.value", 256))));
}

// An empty key breaks both '+' and the minimum, like the empty RoleArn.
TEST(AssumeRole, EmptyTagKey) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"", "v"}};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), "2 validation errors detected: " +
                                                           Pattern("", "tags.1.member.key", kTagKeyPattern) +
                                                           "; " + MinLen("", "tags.1.member.key", 1)));
}

// Real STS AssumeRole answer, fifth tag's value:
// https://github.com/aws-actions/configure-aws-credentials/issues/18
TEST(AssumeRole, TagValueExactRealMessage) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"GitHub", "Actions"},
            {"Repository", "o/r"},
            {"Workflow", "ci"},
            {"Action", "run"},
            {"Actor", "dependabot-preview[bot]"}};
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(1 validation error detected: Value 'dependabot-preview[bot]' at 'tags.5.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*)"));
}

TEST(AssumeRole, TagKeyPatternMessage) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"foo!", "bar"}};
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(Pattern("foo!", "tags.1.member.key", kTagKeyPattern))));
  p.tags = {{"\xF0\x9F\x98\x80", "bar"}};  // emoji (So)
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p),
                                One(Pattern("\xF0\x9F\x98\x80", "tags.1.member.key", kTagKeyPattern))));
}

// Unicode letters, numbers and separators are allowed in tags.
TEST(AssumeRole, UnicodeTags) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"\xC3\x9Cn\xC3\xAF"
             "c\xC3\xB8"
             "d\xC3\xA9",
             "\xE9\x83\xA8\xE9\x97\xA8"},  // Ünïcødé = 部门
            {"\xD9\xA3", "\xE2\x85\xA0"},  // ٣ = Ⅰ
            {"a\xC2\xA0"
             "b",
             "x\xE3\x80\x80y"},  // NBSP, U+3000
            {"line\xE2\x80\xA8sep", "_.:/=+-@ 09"}};
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
}

// Tag lengths count code points: 128 × é (256 bytes) is a legal key.
TEST(AssumeRole, TagLengthCountsCodePoints) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{Rep("\xC3\xA9", 128), Rep("\xE9\x83\xA8", 256)}};
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.tags = {{Rep("\xC3\xA9", 129), "v"}};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(p.tags[0].key, "tags.1.member.key", 128))));
}

// ====================================================== TransitiveTagKeys

// tagKeyListType: at most 50 keys.
TEST(AssumeRole, TransitiveTagKeysCountBoundary) {
  AssumeRoleParams p = ValidAssumeRole();
  for (int i = 0; i < 50; ++i) p.transitive_tag_keys.push_back("k" + std::to_string(i));
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.transitive_tag_keys.push_back("k50");
  std::string list = "[";
  for (int i = 0; i <= 50; ++i) list += std::string(i ? ", " : "") + "k" + std::to_string(i);
  list += "]";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(list, "transitiveTagKeys", 50))));
}

// Choice: a bad element is reported once, at the list, in Coral's list form.
TEST(AssumeRole, TransitiveTagKeyElementConstraint) {
  AssumeRoleParams p = ValidAssumeRole();
  p.transitive_tag_keys = {"ok", "bad!", ""};
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      R"(1 validation error detected: Value '[ok, bad!, ]' at 'transitiveTagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+, Member must not be null])"));
  p.transitive_tag_keys = {Rep("k", 128)};
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.transitive_tag_keys = {Rep("k", 129)};
  EXPECT_FALSE(ValidateAssumeRole(p).ok());
}

// ========================================================== SerialNumber

// serialNumberType: 9-256, [\w+=/:,.@-]*.
TEST(AssumeRole, SerialNumberBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.serial_number = "GAHT12345";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.serial_number = "arn:aws:iam::123456789012:mfa/user";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.serial_number = Rep("s", 256);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.serial_number = "GAHT1234";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("GAHT1234", "serialNumber", 9))));
  p.serial_number = Rep("s", 257);
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen(*p.serial_number, "serialNumber", 256))));
  p.serial_number = "GAHT 12345";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p),
                                One(Pattern("GAHT 12345", "serialNumber", R"([\w+=/:,.@-]*)"))));
}

// ============================================================= TokenCode

// tokenCodeType: exactly 6, [\d]*.
TEST(AssumeRole, TokenCodeBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.token_code = "123456";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.token_code = "12345";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("12345", "tokenCode", 6))));
  p.token_code = "1234567";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MaxLen("1234567", "tokenCode", 6))));
  p.token_code = "12345a";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern("12345a", "tokenCode", R"([\d]*)"))));
  p.token_code = "\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4\xD9\xA5\xD9\xA6";  // Arabic-Indic digits: not \d
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern(*p.token_code, "tokenCode", R"([\d]*)"))));
}

// ========================================================= SourceIdentity

// sourceIdentityType: 2-64, [\w+=,.@-]*.
TEST(AssumeRole, SourceIdentityBoundaries) {
  AssumeRoleParams p = ValidAssumeRole();
  p.source_identity = "ab";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.source_identity = Rep("s", 64);
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
  p.source_identity = "a";
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("a", "sourceIdentity", 2))));
  p.source_identity = Rep("s", 65);
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(MaxLen(*p.source_identity, "sourceIdentity", 64))));
}

// "Must not begin with aws:": the pattern has no ':', so such a value fails
// the pattern (any case of the prefix); "aws" without the colon is fine.
TEST(AssumeRole, SourceIdentityAwsPrefix) {
  AssumeRoleParams p = ValidAssumeRole();
  p.source_identity = "aws:admin";
  EXPECT_TRUE(
      IsValidationError(ValidateAssumeRole(p), One(Pattern("aws:admin", "sourceIdentity", kNamePattern))));
  p.source_identity = "AWS:admin";
  EXPECT_FALSE(ValidateAssumeRole(p).ok());
  p.source_identity = "awsadmin";
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
}

// ============================================================ Aggregation

// Several members: one message, "; " between, members in model order
// (RoleArn, RoleSessionName, PolicyArns, Policy, DurationSeconds, Tags,
// TransitiveTagKeys, ExternalId, SerialNumber, TokenCode, SourceIdentity),
// whatever order the request listed them in.
TEST(AssumeRole, SeveralErrorsInModelOrder) {
  AssumeRoleParams p;
  p.source_identity = "x";
  p.token_code = "12345";
  p.duration_seconds = 899;
  p.role_session_name = "a b";
  p.role_arn = "arn:aws:iam::1:role";  // 19
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p), "5 validation errors detected: " + MinLen("arn:aws:iam::1:role", "roleArn", 20) +
                                 "; " + Pattern("a b", "roleSessionName", kNamePattern) + "; " +
                                 "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must "
                                 "have value greater than or "
                                 "equal to 900; " +
                                 MinLen("12345", "tokenCode", 6) + "; " + MinLen("x", "sourceIdentity", 2)));
}

TEST(AssumeRole, SeveralTagErrorsInListOrder) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"a!", "ok"}, {"b", "no!"}, {Rep("c", 129), Rep("v", 257)}};
  EXPECT_TRUE(IsValidationError(
      ValidateAssumeRole(p),
      "4 validation errors detected: " + Pattern("a!", "tags.1.member.key", kTagKeyPattern) + "; " +
          Pattern("no!", "tags.2.member.value", kTagValuePattern) + "; " +
          MaxLen(Rep("c", 129), "tags.3.member.key", 128) + "; " +
          MaxLen(Rep("v", 257), "tags.3.member.value", 256)));
}

// ===================================================== Duplicate tag keys

// Choice (fact sheet §7.2 marks it (?)): keys equal ignoring case in one
// request are rejected, with IAM's wording for the same mistake.
TEST(AssumeRole, DuplicateTagKeysIgnoringCase) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {{"Department", "Marketing"}, {"department", "Engineering"}};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p),
                                "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
  p.tags = {{"Team", "a"}, {"Team", "a"}};
  EXPECT_FALSE(ValidateAssumeRole(p).ok());
  p.tags = {{"D\xC3\x89PARTEMENT", "a"}, {"d\xC3\xA9partement", "b"}};  // É / é
  EXPECT_FALSE(ValidateAssumeRole(p).ok());
  p.tags = {{"\xD0\x9E\xD1\x82\xD0\xB4\xD0\xB5\xD0\xBB", "a"},
            {"\xD0\xBE\xD1\x82\xD0\xB4\xD0\xB5\xD0\xBB", "b"}};
  EXPECT_FALSE(ValidateAssumeRole(p).ok());  // Отдел / отдел
  p.tags = {{"Department", "a"}, {"Departments", "b"}, {"Dept", "c"}};
  EXPECT_TRUE(IsOk(ValidateAssumeRole(p)));
}

// Shape errors come first; the duplicate check runs only when they pass.
TEST(AssumeRole, ShapeErrorsBeforeDuplicateKeys) {
  AssumeRoleParams p = ValidAssumeRole();
  p.role_session_name = "x";
  p.tags = {{"Team", "a"}, {"team", "b"}};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(MinLen("x", "roleSessionName", 2))));
}

TEST(GetFederationToken, DuplicateTagKeysIgnoringCase) {
  GetFederationTokenParams p = ValidFederation();
  p.tags = {{"Project", "a"}, {"PROJECT", "b"}};
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p),
                                "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
}

// ======================================================= GetSessionToken

TEST(GetSessionToken, EmptyRequestIsValid) {
  EXPECT_TRUE(IsOk(ValidateGetSessionToken({})));
}

// durationSecondsType: 900-129600.
TEST(GetSessionToken, DurationBoundaries) {
  GetSessionTokenParams p;
  for (std::int64_t ok : {900, 43200, 129600}) {
    p.duration_seconds = ok;
    EXPECT_TRUE(IsOk(ValidateGetSessionToken(p))) << ok;
  }
  p.duration_seconds = 899;
  EXPECT_TRUE(
      IsValidationError(ValidateGetSessionToken(p),
                        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy "
                        "constraint: Member must have value greater than or equal to 900"));
  p.duration_seconds = 129601;
  EXPECT_TRUE(IsValidationError(ValidateGetSessionToken(p),
                                "1 validation error detected: Value '129601' at 'durationSeconds' failed to "
                                "satisfy constraint: Member must have value less than or equal to 129600"));
}

TEST(GetSessionToken, MfaMembers) {
  GetSessionTokenParams p;
  p.serial_number = "arn:aws:iam::123456789012:mfa/user";
  p.token_code = "123456";
  EXPECT_TRUE(IsOk(ValidateGetSessionToken(p)));
  p.serial_number = "short";
  p.token_code = "12a";
  EXPECT_TRUE(IsValidationError(ValidateGetSessionToken(p),
                                "3 validation errors detected: " + MinLen("short", "serialNumber", 9) + "; " +
                                    Pattern("12a", "tokenCode", R"([\d]*)") + "; " +
                                    MinLen("12a", "tokenCode", 6)));
}

// ==================================================== GetFederationToken

TEST(GetFederationToken, MinimalRequestIsValid) {
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(ValidFederation())));
}

// userNameType: 2-32, [\w+=,.@-]*, member 'name'. The too-long wording is the
// real one: https://github.com/tenesys/awsconsole/issues/2
TEST(GetFederationToken, NameBoundaries) {
  GetFederationTokenParams p = ValidFederation();
  p.name = "ab";
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.name = Rep("n", 32);
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.name = "a";
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p), One(MinLen("a", "name", 2))));
  p.name = "x.dwornikowski@xxxxxxx.xx-awsconsole";
  EXPECT_TRUE(IsValidationError(
      ValidateGetFederationToken(p),
      "1 validation error detected: Value 'x.dwornikowski@xxxxxxx.xx-awsconsole' at "
      "'name' failed to satisfy constraint: Member must have length less than or equal to 32"));
  p.name = "a b";
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p), One(Pattern("a b", "name", kNamePattern))));
}

TEST(GetFederationToken, MissingName) {
  GetFederationTokenParams p;
  p.name_given = false;
  EXPECT_TRUE(
      IsValidationError(ValidateGetFederationToken(p),
                        "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                        "Member must not be null"));
}

TEST(GetFederationToken, DurationBoundaries) {
  GetFederationTokenParams p = ValidFederation();
  p.duration_seconds = 129600;
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.duration_seconds = 900;
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.duration_seconds = 129601;
  EXPECT_FALSE(ValidateGetFederationToken(p).ok());
  p.duration_seconds = 899;
  EXPECT_FALSE(ValidateGetFederationToken(p).ok());
}

// Model order for GetFederationTokenRequest: Name, Policy, PolicyArns,
// DurationSeconds, Tags.
TEST(GetFederationToken, SeveralErrorsInModelOrder) {
  GetFederationTokenParams p;
  p.tags = {{"k", "v!"}};
  p.duration_seconds = 100;
  p.policy_arns = {"arn:short"};
  p.policy = "";
  p.name = "n";
  EXPECT_TRUE(IsValidationError(ValidateGetFederationToken(p),
                                "6 validation errors detected: " + MinLen("n", "name", 2) + "; " +
                                    Pattern("", "policy", kPolicyPattern) + "; " + MinLen("", "policy", 1) +
                                    "; " + MinLen("arn:short", "policyArns.1.member.arn", 20) + "; " +
                                    "Value '100' at 'durationSeconds' failed to satisfy constraint: Member "
                                    "must have value greater than or "
                                    "equal to 900; " +
                                    Pattern("v!", "tags.1.member.value", kTagValuePattern)));
}

TEST(GetFederationToken, TagsAndPolicyArnsLimits) {
  GetFederationTokenParams p = ValidFederation();
  p.policy_arns.assign(10, std::string(kRoleArn));
  for (int i = 0; i < 50; ++i) p.tags.push_back({"k" + std::to_string(i), "v"});
  EXPECT_TRUE(IsOk(ValidateGetFederationToken(p)));
  p.policy_arns.push_back(std::string(kRoleArn));
  EXPECT_FALSE(ValidateGetFederationToken(p).ok());
  p.policy_arns.pop_back();
  p.tags.push_back({"k50", "v"});
  EXPECT_FALSE(ValidateGetFederationToken(p).ok());
}

// ====================================================== Building blocks

TEST(BuildingBlocks, IsValidRoleSessionName) {
  EXPECT_TRUE(IsValidRoleSessionName("ab"));
  EXPECT_TRUE(IsValidRoleSessionName(Rep("a", 64)));
  EXPECT_TRUE(IsValidRoleSessionName("user@example.com"));
  EXPECT_FALSE(IsValidRoleSessionName("a"));
  EXPECT_FALSE(IsValidRoleSessionName(""));
  EXPECT_FALSE(IsValidRoleSessionName(Rep("a", 65)));
  EXPECT_FALSE(IsValidRoleSessionName("a b"));
  EXPECT_FALSE(IsValidRoleSessionName("a/b"));
  EXPECT_FALSE(IsValidRoleSessionName("a:b"));
  EXPECT_FALSE(IsValidRoleSessionName("dependabot[bot]"));
  EXPECT_FALSE(IsValidRoleSessionName(std::string("ab\0c", 4)));
}

TEST(BuildingBlocks, IsValidTagKey) {
  EXPECT_TRUE(IsValidTagKey("k"));
  EXPECT_TRUE(IsValidTagKey(Rep("k", 128)));
  EXPECT_TRUE(IsValidTagKey("aws:team"));  // the reserved prefix is not a shape rule
  EXPECT_TRUE(IsValidTagKey("a b_.:/=+-@1"));
  EXPECT_FALSE(IsValidTagKey(""));
  EXPECT_FALSE(IsValidTagKey(Rep("k", 129)));
  EXPECT_FALSE(IsValidTagKey("a,b"));
  EXPECT_FALSE(IsValidTagKey("a\tb"));  // tab is Cc, not \p{Z}
  EXPECT_FALSE(
      IsValidTagKey("a\xC3\x97"
                    "b"));  // × U+00D7 is Sm
  EXPECT_FALSE(
      IsValidTagKey("a\xE2\x80\x8B"
                    "b"));  // U+200B zero width space is Cf
}

TEST(BuildingBlocks, IsValidTagValue) {
  EXPECT_TRUE(IsValidTagValue(""));
  EXPECT_TRUE(IsValidTagValue(Rep("v", 256)));
  EXPECT_FALSE(IsValidTagValue(Rep("v", 257)));
  EXPECT_FALSE(
      IsValidTagValue("MOJ D&T Cybersecurity"));  // '&' (real case: cloud-platform-environments#22667)
  EXPECT_FALSE(IsValidTagValue("SourceIP: 1.2.3.4, UserAgent: x"));  // ','
}

// Invalid UTF-8 is never a valid tag: stray continuation, truncated
// sequence, overlong form, encoded surrogate, out of range.
TEST(BuildingBlocks, InvalidUtf8InTags) {
  for (const char* bad : {"a\x80", "a\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"}) {
    EXPECT_FALSE(IsValidTagKey(bad)) << bad;
    EXPECT_FALSE(IsValidTagValue(bad)) << bad;
  }
}

TEST(BuildingBlocks, InvalidUtf8EchoedAsReplacementCharacter) {
  AssumeRoleParams p = ValidAssumeRole();
  p.tags = {
      {"a\xFF"
       "b",
       "v"}};
  EXPECT_TRUE(IsValidationError(ValidateAssumeRole(p), One(Pattern("a\xEF\xBF\xBD"
                                                                   "b",
                                                                   "tags.1.member.key", kTagKeyPattern))));
}

// \p{L}: Lu Ll Lt Lm Lo in every plane.
TEST(UnicodeClasses, Letters) {
  for (char32_t cp :
       {U'a',      U'Z',      U'\u00AA', U'\u00B5', U'\u00E9',     U'\u0100',     U'\u01C5',
        U'\u02B0', U'\u03A9', U'\u0416', U'\u05D0', U'\u0628',     U'\u0905',     U'\u0E01',
        U'\u3042', U'\u30A2', U'\u4E00', U'\uAC00', U'\U00010400', U'\U0001D400', U'\U00020000'}) {
    EXPECT_TRUE(IsUnicodeLetter(cp)) << std::hex << static_cast<unsigned>(cp);
  }
  for (char32_t cp : {U'0', U' ', U'_', U'\u00D7', U'\u00F7', U'\u0660', U'\u2160', U'\u3000', U'\u3001',
                      U'\u0301', U'\U0001F600', U'\uFFFD', U'\U000E0001'}) {
    EXPECT_FALSE(IsUnicodeLetter(cp)) << std::hex << static_cast<unsigned>(cp);
  }
}

// \p{N}: Nd Nl No.
TEST(UnicodeClasses, Numbers) {
  for (char32_t cp : {U'0', U'9', U'\u00B2', U'\u00BD', U'\u0660', U'\u06F9', U'\u0966', U'\u2160', U'\u2460',
                      U'\u3007', U'\uFF10', U'\U00010107', U'\U0001D7CE'}) {
    EXPECT_TRUE(IsUnicodeNumber(cp)) << std::hex << static_cast<unsigned>(cp);
  }
  for (char32_t cp : {U'a', U'\u00E9', U'\u4E00', U'.', U'\u066B', U'\U0001F600'}) {
    EXPECT_FALSE(IsUnicodeNumber(cp)) << std::hex << static_cast<unsigned>(cp);
  }
}

// \p{Z}: exactly the Zs/Zl/Zp code points.
TEST(UnicodeClasses, Separators) {
  for (char32_t cp : {U' ', U'\u00A0', U'\u1680', U'\u2000', U'\u200A', U'\u2028', U'\u2029', U'\u202F',
                      U'\u205F', U'\u3000'}) {
    EXPECT_TRUE(IsUnicodeSeparator(cp)) << std::hex << static_cast<unsigned>(cp);
  }
  for (char32_t cp :
       {U'\t', U'\n', U'\r', U'\u0085', U'\u180E', U'\u200B', U'\u1FFF', U'\u200C', U'\uFEFF', U'a'}) {
    EXPECT_FALSE(IsUnicodeSeparator(cp)) << std::hex << static_cast<unsigned>(cp);
  }
}

TEST(BuildingBlocks, MakeValidationErrorSingularAndPlural) {
  const std::vector<std::string> one = {"A"};
  const std::vector<std::string> three = {"A", "B", "C"};
  EXPECT_EQ(MakeValidationError(one).message, "1 validation error detected: A");
  EXPECT_EQ(MakeValidationError(three).message, "3 validation errors detected: A; B; C");
  EXPECT_EQ(MakeValidationError(three).code, "ValidationError");
}

}  // namespace
}  // namespace gatehouse::sts
