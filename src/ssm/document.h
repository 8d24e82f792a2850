// ssm/document.h: Session Manager documents (SSM documents of type Session):
// the schema Session Manager interprets (../shared/spec/ssm-protocol.md
// §2.9), validated with AWS's error code InvalidDocumentContent and a
// message naming the field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gatehouse::ssm {

inline constexpr std::string_view kInvalidDocumentContent = "InvalidDocumentContent";
inline constexpr std::string_view kInvalidDocumentSchemaVersion = "InvalidDocumentSchemaVersion";
inline constexpr std::string_view kPreferencesDocument = "SSM-SessionManagerRunShell";

enum class SessionType : std::uint8_t { kStandardStream, kInteractiveCommands, kNonInteractiveCommands, kPort };

struct SessionInputs {
  bool run_as_enabled = false;
  std::string run_as_default_user;
  int idle_session_timeout_minutes = 20;           // 1..60
  std::optional<int> max_session_duration_minutes;  // 1..1440; absent: unlimited
  std::string cloud_watch_log_group_name;
  bool cloud_watch_streaming_enabled = false;
  bool cloud_watch_encryption_enabled = false;
  std::string s3_bucket_name;
  std::string s3_key_prefix;
  bool s3_encryption_enabled = false;
  std::string kms_key_id;
  std::string shell_profile_linux;
  std::string shell_profile_windows;
};

struct SessionDocumentContent {
  std::string schema_version;  // "1.0"
  std::string description;
  SessionType session_type = SessionType::kStandardStream;
  SessionInputs inputs;
  std::string properties_json;  // the `properties` object, as JSON (empty when absent)
  std::string parameters_json;  // the `parameters` object, as JSON (empty when absent)
};

// Parses document content given as JSON text.
Result<SessionDocumentContent> ParseSessionDocument(std::string_view json_text);

std::string_view SessionTypeName(SessionType t);

// The content AWS applies when an account has no preferences document:
// RunAs disabled, 20-minute idle timeout, no logging.
SessionDocumentContent DefaultPreferences();

}  // namespace gatehouse::ssm
