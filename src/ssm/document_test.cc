// ssm/document_test.cc: Session Manager document (type Session) schema
// validation, against the schema AWS documents in "Session document schema"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html),
// summarised in ../shared/spec/ssm-protocol.md §2.8 (error codes of
// CreateDocument/UpdateDocument) and §2.9 (the fields Session Manager reads).
#include "ssm/document.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace gatehouse::ssm {
namespace {

testing::AssertionResult Contains(std::string_view haystack, std::string_view needle) {
  if (haystack.find(needle) != std::string_view::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << haystack << "\" does not contain \"" << needle << "\"";
}

// A failed parse with `code` whose message contains `fragment`.
testing::AssertionResult FailsWith(const Result<SessionDocumentContent>& r, std::string_view code,
                                   std::string_view fragment) {
  if (r.ok()) return testing::AssertionFailure() << "parsed; expected " << code << ": " << fragment;
  if (r.error().code != code)
    return testing::AssertionFailure()
           << "code " << r.error().code << " (" << r.error().message << "), want " << code;
  return Contains(r.error().message, fragment);
}

testing::AssertionResult Invalid(const Result<SessionDocumentContent>& r, std::string_view fragment) {
  return FailsWith(r, kInvalidDocumentContent, fragment);
}

// 1-based column of `needle` in the one-line `text`.
std::uint32_t ColumnOf(std::string_view text, std::string_view needle) {
  return static_cast<std::uint32_t>(text.find(needle) + 1);
}

// A preferences document with `inputs` (a JSON object's members, without braces).
std::string WithInputs(std::string_view inputs) {
  return R"({"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{)" + std::string(inputs) + "}}";
}

Result<SessionDocumentContent> ParseInputs(std::string_view inputs) {
  return ParseSessionDocument(WithInputs(inputs));
}

// ================================================================ accepted

// The preferences document AWS's "Create a Session Manager preferences
// document (command line)" page shows, every documented input present.
TEST(SessionDocument, FullPreferencesDocument) {
  Result<SessionDocumentContent> r = ParseSessionDocument(R"({
    "schemaVersion": "1.0",
    "description": "Document to hold regional settings for Session Manager",
    "sessionType": "Standard_Stream",
    "inputs": {
      "s3BucketName": "amzn-s3-demo-bucket",
      "s3KeyPrefix": "sessions/",
      "s3EncryptionEnabled": true,
      "cloudWatchLogGroupName": "SSMSessionManager_LogGroup",
      "cloudWatchEncryptionEnabled": true,
      "cloudWatchStreamingEnabled": true,
      "kmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "runAsEnabled": true,
      "runAsDefaultUser": "no_sudo_user",
      "idleSessionTimeout": "20",
      "maxSessionDuration": "60",
      "shellProfile": {"windows": "date", "linux": "pwd;ls"}
    }
  })");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->schema_version, "1.0");
  EXPECT_EQ(r->description, "Document to hold regional settings for Session Manager");
  EXPECT_EQ(r->session_type, SessionType::kStandardStream);
  const SessionInputs& in = r->inputs;
  EXPECT_EQ(in.s3_bucket_name, "amzn-s3-demo-bucket");
  EXPECT_EQ(in.s3_key_prefix, "sessions/");
  EXPECT_TRUE(in.s3_encryption_enabled);
  EXPECT_EQ(in.cloud_watch_log_group_name, "SSMSessionManager_LogGroup");
  EXPECT_TRUE(in.cloud_watch_encryption_enabled);
  EXPECT_TRUE(in.cloud_watch_streaming_enabled);
  EXPECT_EQ(in.kms_key_id, "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_TRUE(in.run_as_enabled);
  EXPECT_EQ(in.run_as_default_user, "no_sudo_user");
  EXPECT_EQ(in.idle_session_timeout_minutes, 20);
  ASSERT_TRUE(in.max_session_duration_minutes.has_value());
  EXPECT_EQ(*in.max_session_duration_minutes, 60);
  EXPECT_EQ(in.shell_profile_linux, "pwd;ls");
  EXPECT_EQ(in.shell_profile_windows, "date");
  EXPECT_TRUE(r->properties_json.empty());
  EXPECT_TRUE(r->parameters_json.empty());
}

// ssm-protocol.md §2.9: the four session types.
TEST(SessionDocument, EverySessionType) {
  const std::pair<std::string_view, SessionType> types[] = {
      {"Standard_Stream", SessionType::kStandardStream},
      {"InteractiveCommands", SessionType::kInteractiveCommands},
      {"NonInteractiveCommands", SessionType::kNonInteractiveCommands},
      {"Port", SessionType::kPort},
  };
  for (const auto& [name, type] : types) {
    const std::string text = R"({"schemaVersion":"1.0","sessionType":")" + std::string(name) + R"("})";
    Result<SessionDocumentContent> r = ParseSessionDocument(text);
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
    EXPECT_EQ(r->session_type, type) << name;
    EXPECT_EQ(SessionTypeName(type), name);
  }
}

// Only schemaVersion and sessionType are required; every input keeps its
// default (ssm-protocol.md §2.9: idleSessionTimeout default 20,
// maxSessionDuration absent = unlimited; RunAs off unless enabled).
TEST(SessionDocument, MinimalDocumentHasDefaults) {
  Result<SessionDocumentContent> r =
      ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Standard_Stream"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->description.empty());
  const SessionInputs& in = r->inputs;
  EXPECT_FALSE(in.run_as_enabled);
  EXPECT_TRUE(in.run_as_default_user.empty());
  EXPECT_EQ(in.idle_session_timeout_minutes, 20);
  EXPECT_FALSE(in.max_session_duration_minutes.has_value());
  EXPECT_FALSE(in.cloud_watch_streaming_enabled);
  EXPECT_FALSE(in.cloud_watch_encryption_enabled);
  EXPECT_FALSE(in.s3_encryption_enabled);
  EXPECT_TRUE(in.cloud_watch_log_group_name.empty());
  EXPECT_TRUE(in.s3_bucket_name.empty());
  EXPECT_TRUE(in.s3_key_prefix.empty());
  EXPECT_TRUE(in.kms_key_id.empty());
  EXPECT_TRUE(in.shell_profile_linux.empty());
  EXPECT_TRUE(in.shell_profile_windows.empty());
}

TEST(SessionDocument, EmptyInputsObject) {
  Result<SessionDocumentContent> r = ParseInputs("");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->inputs.idle_session_timeout_minutes, 20);
}

// ssm-protocol.md §2.9: "runAsEnabled (bool; agent accepts bool or
// "true"/"false")"; the other boolean inputs are read the same way
// (amazon-ssm-agent docparser.go converts them with parameters.ConvertToBool).
TEST(SessionDocument, BooleansAsJsonBooleansOrStrings) {
  for (std::string_view key :
       {"runAsEnabled", "s3EncryptionEnabled", "cloudWatchEncryptionEnabled", "cloudWatchStreamingEnabled"}) {
    for (std::string_view value : {"true", R"("true")"}) {
      Result<SessionDocumentContent> r = ParseInputs("\"" + std::string(key) + "\":" + std::string(value));
      ASSERT_TRUE(r.ok()) << key << "=" << value << ": " << r.error().message;
      const SessionInputs& in = r->inputs;
      const bool got = key == "runAsEnabled"                  ? in.run_as_enabled
                       : key == "s3EncryptionEnabled"         ? in.s3_encryption_enabled
                       : key == "cloudWatchEncryptionEnabled" ? in.cloud_watch_encryption_enabled
                                                              : in.cloud_watch_streaming_enabled;
      EXPECT_TRUE(got) << key << "=" << value;
    }
    for (std::string_view value : {"false", R"("false")"}) {
      Result<SessionDocumentContent> r = ParseInputs("\"" + std::string(key) + "\":" + std::string(value));
      ASSERT_TRUE(r.ok()) << key << "=" << value << ": " << r.error().message;
      EXPECT_FALSE(r->inputs.run_as_enabled || r->inputs.s3_encryption_enabled ||
                   r->inputs.cloud_watch_encryption_enabled || r->inputs.cloud_watch_streaming_enabled)
          << key << "=" << value;
    }
  }
}

// Booleans are true/false only: not other spellings, numbers or null.
TEST(SessionDocument, BooleanRejectsOtherValues) {
  for (std::string_view value : {R"("True")", R"("yes")", R"("1")", "1", "0", "null", R"("")", "[]", "{}"}) {
    EXPECT_TRUE(Invalid(ParseInputs(R"("s3EncryptionEnabled":)" + std::string(value)),
                        "inputs.s3EncryptionEnabled must be true or false"))
        << value;
  }
  EXPECT_TRUE(Invalid(ParseInputs(R"("runAsEnabled":"on")"), "inputs.runAsEnabled must be true or false"));
  EXPECT_TRUE(Invalid(ParseInputs(R"("cloudWatchStreamingEnabled":2)"),
                      "inputs.cloudWatchStreamingEnabled must be true or false"));
  EXPECT_TRUE(Invalid(ParseInputs(R"("cloudWatchEncryptionEnabled":"false ")"),
                      "inputs.cloudWatchEncryptionEnabled must be true or false"));
}

// The string inputs (ssm-protocol.md §2.9) must be JSON strings.
TEST(SessionDocument, StringInputsMustBeStrings) {
  for (std::string_view key :
       {"runAsDefaultUser", "cloudWatchLogGroupName", "s3BucketName", "s3KeyPrefix", "kmsKeyId"}) {
    for (std::string_view value : {"1", "true", "null", "[]", "{}"}) {
      EXPECT_TRUE(Invalid(ParseInputs("\"" + std::string(key) + "\":" + std::string(value)),
                          "inputs." + std::string(key) + " must be a string"))
          << key << "=" << value;
    }
  }
}

// Each string input lands in its own field (no cross-wiring).
TEST(SessionDocument, StringInputsMapToTheirFields) {
  Result<SessionDocumentContent> r = ParseInputs(
      R"("cloudWatchLogGroupName":"cw","s3BucketName":"bucket","s3KeyPrefix":"prefix","kmsKeyId":"key","runAsDefaultUser":"u")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->inputs.cloud_watch_log_group_name, "cw");
  EXPECT_EQ(r->inputs.s3_bucket_name, "bucket");
  EXPECT_EQ(r->inputs.s3_key_prefix, "prefix");
  EXPECT_EQ(r->inputs.kms_key_id, "key");
  EXPECT_EQ(r->inputs.run_as_default_user, "u");
}

// ========================================================= minutes inputs

// ssm-protocol.md §2.9: idleSessionTimeout is string minutes, 1–60.
TEST(SessionDocument, IdleSessionTimeoutBoundaries) {
  for (const auto& [text, minutes] :
       {std::pair<std::string_view, int>{R"("1")", 1}, {R"("20")", 20}, {R"("60")", 60}}) {
    Result<SessionDocumentContent> r = ParseInputs(R"("idleSessionTimeout":)" + std::string(text));
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
    EXPECT_EQ(r->inputs.idle_session_timeout_minutes, minutes);
  }
  for (std::string_view text : {R"("0")", R"("61")", R"("-1")", R"("")", R"("20.5")", R"("twenty")",
                                R"(" 20")", R"("20m")", R"("100000")", "true", "null", "[]", "{}"}) {
    EXPECT_TRUE(Invalid(ParseInputs(R"("idleSessionTimeout":)" + std::string(text)),
                        "inputs.idleSessionTimeout must be a number of minutes from 1 to 60"))
        << text;
  }
}

// ssm-protocol.md §2.9: maxSessionDuration is string minutes, 1–1440.
TEST(SessionDocument, MaxSessionDurationBoundaries) {
  for (const auto& [text, minutes] :
       {std::pair<std::string_view, int>{R"("1")", 1}, {R"("60")", 60}, {R"("1440")", 1440}}) {
    Result<SessionDocumentContent> r = ParseInputs(R"("maxSessionDuration":)" + std::string(text));
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
    ASSERT_TRUE(r->inputs.max_session_duration_minutes.has_value());
    EXPECT_EQ(*r->inputs.max_session_duration_minutes, minutes);
  }
  for (std::string_view text : {R"("0")", R"("1441")", R"("-5")", R"("")", R"("1.5")", R"("abc")", "false"}) {
    EXPECT_TRUE(Invalid(ParseInputs(R"("maxSessionDuration":)" + std::string(text)),
                        "inputs.maxSessionDuration must be a number of minutes from 1 to 1440"))
        << text;
  }
}

// gatehouse accepts the minutes as a JSON number too (a lenient reading of
// the StringMap: the value means the same thing); fractions and exponents
// are not minutes.
TEST(SessionDocument, MinutesAsJsonNumbers) {
  Result<SessionDocumentContent> r = ParseInputs(R"("idleSessionTimeout":15,"maxSessionDuration":120)");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->inputs.idle_session_timeout_minutes, 15);
  EXPECT_EQ(r->inputs.max_session_duration_minutes, 120);
  for (std::string_view text : {"0", "61", "20.0", "2e1", "-1"}) {
    EXPECT_TRUE(
        Invalid(ParseInputs(R"("idleSessionTimeout":)" + std::string(text)), "inputs.idleSessionTimeout"))
        << text;
  }
}

// =========================================================== shellProfile

// ssm-protocol.md §2.9: shellProfile {linux, windows}.
TEST(SessionDocument, ShellProfileOneOrBothPlatforms) {
  Result<SessionDocumentContent> r = ParseInputs(R"("shellProfile":{"linux":"exec bash"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->inputs.shell_profile_linux, "exec bash");
  EXPECT_TRUE(r->inputs.shell_profile_windows.empty());
  r = ParseInputs(R"("shellProfile":{"windows":"cd $HOME"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->inputs.shell_profile_linux.empty());
  EXPECT_EQ(r->inputs.shell_profile_windows, "cd $HOME");
  r = ParseInputs(R"("shellProfile":{})");
  ASSERT_TRUE(r.ok()) << r.error().message;
}

TEST(SessionDocument, ShellProfileErrors) {
  EXPECT_TRUE(Invalid(ParseInputs(R"("shellProfile":"bash")"),
                      "inputs.shellProfile must be an object {linux, windows}"));
  EXPECT_TRUE(Invalid(ParseInputs(R"("shellProfile":["bash"])"), "inputs.shellProfile must be an object"));
  EXPECT_TRUE(
      Invalid(ParseInputs(R"("shellProfile":{"linux":1})"), "inputs.shellProfile.linux must be a string"));
  EXPECT_TRUE(Invalid(ParseInputs(R"("shellProfile":{"windows":null})"),
                      "inputs.shellProfile.windows must be a string"));
  EXPECT_TRUE(Invalid(ParseInputs(R"("shellProfile":{"macos":"zsh"})"),
                      "unknown shellProfile platform \"macos\" (linux, windows)"));
  // Platform names are case-sensitive, like every key of the schema.
  EXPECT_TRUE(
      Invalid(ParseInputs(R"("shellProfile":{"Linux":"bash"})"), "unknown shellProfile platform \"Linux\""));
}

// ================================================================== RunAs

// ssm-protocol.md §2.12: "`root` is not supported as RunAs" is a rule of
// RunAs resolution: the document itself is valid (the session fails with
// RunAsUserNotSupported, see runas_test.cc), as a principal tag naming root
// cannot be refused by the document either.
TEST(SessionDocument, RunAsDefaultUserRootIsRefusedAtSessionStartNotInTheDocument) {
  Result<SessionDocumentContent> r = ParseInputs(R"("runAsEnabled":true,"runAsDefaultUser":"root")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->inputs.run_as_enabled);
  EXPECT_EQ(r->inputs.run_as_default_user, "root");
}

// With RunAs disabled the default user is never used (sessions run as
// ssm-user, §2.12), so a dormant "root" is not an error.
TEST(SessionDocument, RunAsDefaultUserRootAcceptedWhileDisabled) {
  Result<SessionDocumentContent> r = ParseInputs(R"("runAsEnabled":false,"runAsDefaultUser":"root")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->inputs.run_as_enabled);
  EXPECT_EQ(r->inputs.run_as_default_user, "root");
}

// ============================================================ top level

// ssm-protocol.md §2.9: schemaVersion must be "1.0"; CreateDocument's error
// for another version is InvalidDocumentSchemaVersion (§2.8).
TEST(SessionDocument, SchemaVersion) {
  for (std::string_view v : {R"("2.2")", R"("1.2")", R"("1")", R"("")", "1.0", "null"}) {
    const std::string text = R"({"schemaVersion":)" + std::string(v) + R"(,"sessionType":"Standard_Stream"})";
    EXPECT_TRUE(FailsWith(ParseSessionDocument(text), kInvalidDocumentSchemaVersion,
                          "Session documents support schemaVersion \"1.0\" only"))
        << v;
  }
  EXPECT_TRUE(
      Invalid(ParseSessionDocument(R"({"sessionType":"Standard_Stream"})"), "schemaVersion is required"));
}

// ssm-protocol.md §2.9: sessionType is one of four names, exactly.
TEST(SessionDocument, SessionTypeErrors) {
  for (std::string_view t : {R"("standard_stream")", R"("Shell")", R"("")", R"("Port ")", "1", "null"}) {
    const std::string text = R"({"schemaVersion":"1.0","sessionType":)" + std::string(t) + "}";
    EXPECT_TRUE(
        Invalid(ParseSessionDocument(text),
                "sessionType must be Standard_Stream, InteractiveCommands, NonInteractiveCommands or Port"))
        << t;
  }
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0"})"), "sessionType is required"));
  EXPECT_TRUE(
      Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","inputs":{}})"), "sessionType is required"));
}

TEST(SessionDocument, NotAnObjectOrNotJson) {
  EXPECT_TRUE(Invalid(ParseSessionDocument("[]"), "the document content must be a JSON object"));
  EXPECT_TRUE(
      Invalid(ParseSessionDocument(R"("Standard_Stream")"), "the document content must be a JSON object"));
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0",)"), "JSON not well-formed: "));
  EXPECT_TRUE(Invalid(ParseSessionDocument(""), "JSON not well-formed: "));
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port",})"),
                      "JSON not well-formed: "));
  // A repeated key has no single meaning.
  EXPECT_TRUE(Invalid(
      ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port","sessionType":"Standard_Stream"})"),
      "JSON not well-formed: "));
}

TEST(SessionDocument, UnknownTopLevelElement) {
  EXPECT_TRUE(
      Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port","mainSteps":[]})"),
              "unknown element \"mainSteps\" (schemaVersion, description, sessionType, inputs, parameters, "
              "properties)"));
  // Keys are case-sensitive.
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","SessionType":"Port"})"),
                      "unknown element \"SessionType\""));
}

TEST(SessionDocument, UnknownInputNamesTheKnownOnes) {
  EXPECT_TRUE(
      Invalid(ParseInputs(R"("idleTimeout":"20")"),
              "unknown input \"idleTimeout\" (runAsEnabled, runAsDefaultUser, idleSessionTimeout, "
              "maxSessionDuration, cloudWatchLogGroupName, cloudWatchStreamingEnabled, "
              "cloudWatchEncryptionEnabled, s3BucketName, s3KeyPrefix, s3EncryptionEnabled, kmsKeyId, "
              "shellProfile)"));
  EXPECT_TRUE(Invalid(ParseInputs(R"("RunAsEnabled":true)"), "unknown input \"RunAsEnabled\""));
}

TEST(SessionDocument, WrongTypesAtTopLevel) {
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port","description":1})"),
                      "description must be a string"));
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port","inputs":[]})"),
                      "inputs must be an object"));
  EXPECT_TRUE(
      Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port","properties":"x"})"),
              "properties must be an object"));
  EXPECT_TRUE(Invalid(ParseSessionDocument(R"({"schemaVersion":"1.0","sessionType":"Port","parameters":[]})"),
                      "parameters must be an object"));
}

// ssm-protocol.md §2.9: parameters and properties are kept (the resolved
// properties object is what the agent forwards to the plugin, §4.6).
TEST(SessionDocument, PropertiesAndParametersKeptAsJson) {
  Result<SessionDocumentContent> r = ParseSessionDocument(R"({
    "schemaVersion": "1.0",
    "description": "Document to start port forwarding session over Session Manager",
    "sessionType": "Port",
    "parameters": {"portNumber": {"type": "String", "description": "(Optional) Port number of the server.", "default": "80"}},
    "properties": {"portNumber": "{{ portNumber }}", "type": "LocalPortForwarding", "localPortNumber": "0"}
  })");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->session_type, SessionType::kPort);
  EXPECT_EQ(r->properties_json,
            R"({"portNumber":"{{ portNumber }}","type":"LocalPortForwarding","localPortNumber":"0"})");
  EXPECT_EQ(
      r->parameters_json,
      R"({"portNumber":{"type":"String","description":"(Optional) Port number of the server.","default":"80"}})");
}

// Errors point at the offending value (or key) so a user can find it.
TEST(SessionDocument, ErrorsCarryPositions) {
  {
    const std::string text = R"({"schemaVersion":"1.0","sessionType":"Bogus"})";
    Result<SessionDocumentContent> r = ParseSessionDocument(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().line, 1u);
    EXPECT_EQ(r.error().column, ColumnOf(text, R"("Bogus")"));
  }
  {
    const std::string text = R"({"schemaVersion":"2.2","sessionType":"Port"})";
    Result<SessionDocumentContent> r = ParseSessionDocument(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, kInvalidDocumentSchemaVersion);
    EXPECT_EQ(r.error().column, ColumnOf(text, R"("2.2")"));
  }
  {
    const std::string text = WithInputs(R"("s3BucketName":"b","whatever":1)");
    Result<SessionDocumentContent> r = ParseSessionDocument(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().column, ColumnOf(text, R"("whatever")"));  // the key
  }
  {
    const std::string text =
        "{\n  \"schemaVersion\": \"1.0\",\n  \"sessionType\": \"Standard_Stream\",\n"
        "  \"inputs\": {\n    \"idleSessionTimeout\": \"90\"\n  }\n}";
    Result<SessionDocumentContent> r = ParseSessionDocument(text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().line, 5u);
    EXPECT_EQ(r.error().column, 27u);  // the opening quote of "90"
  }
}

// ============================================================== defaults

// docs: "If you don't specify preferences, Session Manager uses defaults"
// (session-manager-getting-started-configure-preferences) — RunAs off (the
// session runs as ssm-user, ssm-protocol.md §2.12), idle timeout 20 minutes
// and no maximum duration (§2.9), no logging.
TEST(SessionDocument, DefaultPreferences) {
  const SessionDocumentContent d = DefaultPreferences();
  EXPECT_EQ(d.schema_version, "1.0");
  EXPECT_EQ(d.session_type, SessionType::kStandardStream);
  EXPECT_FALSE(d.inputs.run_as_enabled);
  EXPECT_TRUE(d.inputs.run_as_default_user.empty());
  EXPECT_EQ(d.inputs.idle_session_timeout_minutes, 20);
  EXPECT_FALSE(d.inputs.max_session_duration_minutes.has_value());
  EXPECT_TRUE(d.inputs.cloud_watch_log_group_name.empty());
  EXPECT_FALSE(d.inputs.cloud_watch_streaming_enabled);
  EXPECT_TRUE(d.inputs.s3_bucket_name.empty());
  EXPECT_FALSE(d.inputs.s3_encryption_enabled);
  EXPECT_TRUE(d.inputs.kms_key_id.empty());
  EXPECT_TRUE(d.properties_json.empty());
}

TEST(SessionDocument, PreferencesDocumentName) {
  // ssm-protocol.md §2.2: DocumentName omitted ⇒ the account preferences doc
  // SSM-SessionManagerRunShell.
  EXPECT_EQ(kPreferencesDocument, "SSM-SessionManagerRunShell");
}

}  // namespace
}  // namespace gatehouse::ssm
