// ssm/document.cc: Session document schema validation.
#include "ssm/document.h"

#include "common/ascii.h"
#include "json/parse.h"
#include "json/write.h"

namespace gatehouse::ssm {
namespace {

Error Invalid(std::string message, const json::Position& pos) {
  return MakeError(std::string(kInvalidDocumentContent), std::move(message), pos.line, pos.column);
}

// Booleans may be written as JSON booleans or as "true"/"false" (the agent
// accepts both).
Result<bool> BoolInput(const json::Value& v, std::string_view name) {
  if (v.is_bool()) return v.boolean;
  if (v.is_string() && (v.text == "true" || v.text == "false")) return v.text == "true";
  return Invalid("inputs." + std::string(name) + " must be true or false", v.pos);
}

Result<std::string> StringInput(const json::Value& v, std::string_view name) {
  if (v.is_string()) return std::string(v.text);
  return Invalid("inputs." + std::string(name) + " must be a string", v.pos);
}

// Minutes given as a string (or number) of digits within [lo, hi].
Result<int> MinutesInput(const json::Value& v, std::string_view name, int lo, int hi) {
  if ((v.is_string() || v.is_number()) && !v.text.empty() && v.text.size() <= 5) {
    int n = 0;
    bool digits = true;
    for (char c : v.text) {
      digits = digits && ascii::IsDigit(c);
      if (digits) n = n * 10 + (c - '0');
    }
    if (digits && n >= lo && n <= hi) return n;
  }
  return Invalid("inputs." + std::string(name) + " must be a number of minutes from " + std::to_string(lo) + " to " +
                     std::to_string(hi) + " (such as \"20\")",
                 v.pos);
}

}  // namespace

std::string_view SessionTypeName(SessionType t) {
  switch (t) {
    case SessionType::kStandardStream: return "Standard_Stream";
    case SessionType::kInteractiveCommands: return "InteractiveCommands";
    case SessionType::kNonInteractiveCommands: return "NonInteractiveCommands";
    case SessionType::kPort: return "Port";
  }
  return "Standard_Stream";
}

SessionDocumentContent DefaultPreferences() {
  SessionDocumentContent d;
  d.schema_version = "1.0";
  d.description = "Session Manager defaults (no preferences document)";
  return d;
}

Result<SessionDocumentContent> ParseSessionDocument(std::string_view text) {
  Result<json::Document> doc = json::Parse(text);
  if (!doc.ok()) {
    const Error& e = doc.error();
    return MakeError(std::string(kInvalidDocumentContent), "JSON not well-formed: " + e.message, e.line, e.column);
  }
  if (!doc->is_object()) return Invalid("the document content must be a JSON object", doc->pos);
  SessionDocumentContent out;
  const json::Value* schema = doc->Find("schemaVersion");
  if (schema == nullptr) return Invalid("schemaVersion is required", doc->pos);
  if (!schema->is_string() || schema->text != "1.0")
    return MakeError(std::string(kInvalidDocumentSchemaVersion),
                     "Session documents support schemaVersion \"1.0\" only", schema->pos.line, schema->pos.column);
  out.schema_version = "1.0";
  for (const json::Member& m : doc->members) {
    if (m.key == "schemaVersion") continue;
    if (m.key == "description") {
      if (!m.value.is_string()) return Invalid("description must be a string", m.value.pos);
      out.description = std::string(m.value.text);
    } else if (m.key == "sessionType") {
      const std::string_view t = m.value.is_string() ? m.value.text : std::string_view();
      if (t == "Standard_Stream") out.session_type = SessionType::kStandardStream;
      else if (t == "InteractiveCommands") out.session_type = SessionType::kInteractiveCommands;
      else if (t == "NonInteractiveCommands") out.session_type = SessionType::kNonInteractiveCommands;
      else if (t == "Port") out.session_type = SessionType::kPort;
      else
        return Invalid("sessionType must be Standard_Stream, InteractiveCommands, NonInteractiveCommands or Port",
                       m.value.pos);
    } else if (m.key == "inputs") {
      if (!m.value.is_object()) return Invalid("inputs must be an object", m.value.pos);
      SessionInputs& in = out.inputs;
      for (const json::Member& i : m.value.members) {
        const std::string_view k = i.key;
        if (k == "runAsEnabled") {
          Result<bool> b = BoolInput(i.value, k);
          if (!b.ok()) return b.error();
          in.run_as_enabled = *b;
        } else if (k == "runAsDefaultUser") {
          Result<std::string> s = StringInput(i.value, k);
          if (!s.ok()) return s.error();
          in.run_as_default_user = *s;
        } else if (k == "idleSessionTimeout") {
          Result<int> n = MinutesInput(i.value, k, 1, 60);
          if (!n.ok()) return n.error();
          in.idle_session_timeout_minutes = *n;
        } else if (k == "maxSessionDuration") {
          Result<int> n = MinutesInput(i.value, k, 1, 1440);
          if (!n.ok()) return n.error();
          in.max_session_duration_minutes = *n;
        } else if (k == "cloudWatchLogGroupName" || k == "s3BucketName" || k == "s3KeyPrefix" || k == "kmsKeyId") {
          Result<std::string> s = StringInput(i.value, k);
          if (!s.ok()) return s.error();
          std::string& field = k == "cloudWatchLogGroupName" ? in.cloud_watch_log_group_name
                               : k == "s3BucketName"         ? in.s3_bucket_name
                               : k == "s3KeyPrefix"          ? in.s3_key_prefix
                                                             : in.kms_key_id;
          field = *s;
        } else if (k == "cloudWatchStreamingEnabled" || k == "cloudWatchEncryptionEnabled" || k == "s3EncryptionEnabled") {
          Result<bool> b = BoolInput(i.value, k);
          if (!b.ok()) return b.error();
          bool& field = k == "cloudWatchStreamingEnabled"     ? in.cloud_watch_streaming_enabled
                        : k == "cloudWatchEncryptionEnabled" ? in.cloud_watch_encryption_enabled
                                                             : in.s3_encryption_enabled;
          field = *b;
        } else if (k == "shellProfile") {
          if (!i.value.is_object()) return Invalid("inputs.shellProfile must be an object {linux, windows}", i.value.pos);
          for (const json::Member& sp : i.value.members) {
            if (!sp.value.is_string()) return Invalid("inputs.shellProfile." + std::string(sp.key) + " must be a string", sp.value.pos);
            if (sp.key == "linux") in.shell_profile_linux = std::string(sp.value.text);
            else if (sp.key == "windows") in.shell_profile_windows = std::string(sp.value.text);
            else return Invalid("unknown shellProfile platform \"" + std::string(sp.key) + "\" (linux, windows)", sp.key_pos);
          }
        } else {
          return Invalid("unknown input \"" + std::string(k) +
                             "\" (runAsEnabled, runAsDefaultUser, idleSessionTimeout, maxSessionDuration, "
                             "cloudWatchLogGroupName, cloudWatchStreamingEnabled, cloudWatchEncryptionEnabled, "
                             "s3BucketName, s3KeyPrefix, s3EncryptionEnabled, kmsKeyId, shellProfile)",
                         i.key_pos);
        }
      }
    } else if (m.key == "properties") {
      if (!m.value.is_object()) return Invalid("properties must be an object", m.value.pos);
      out.properties_json = json::ToCompactJson(m.value);
    } else if (m.key == "parameters") {
      if (!m.value.is_object()) return Invalid("parameters must be an object", m.value.pos);
      out.parameters_json = json::ToCompactJson(m.value);
    } else {
      return Invalid("unknown element \"" + std::string(m.key) +
                         "\" (schemaVersion, description, sessionType, inputs, parameters, properties)",
                     m.key_pos);
    }
  }
  if (doc->Find("sessionType") == nullptr) return Invalid("sessionType is required", doc->pos);
  return out;
}

}  // namespace gatehouse::ssm
