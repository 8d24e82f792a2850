// store/session_file.cc: JSON (de)serialisation of sessions and the atomic
// rewrite.
#include "store/session_file.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "json/parse.h"

namespace gatehouse::store {
namespace {

Error Bad(const std::string& path, const std::string& why) {
  return MakeError("InvalidSessionFile", path + ": " + why);
}

std::string Str(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_string() ? std::string(v->text) : std::string();
}

std::int64_t Int(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_number() ? std::stoll(std::string(v->text)) : 0;
}

}  // namespace

Result<std::unique_ptr<SessionFile>> SessionFile::Open(std::string path) {
  auto file = std::unique_ptr<SessionFile>(new SessionFile(path));
  std::ifstream in(path, std::ios::binary);
  if (!in) return file;  // a new store
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().find_first_not_of(" \t\r\n") == std::string::npos) return file;
  Result<json::Document> doc = json::Parse(text.str());
  if (!doc.ok()) return Bad(path, doc.error().message);
  const json::Value* sessions = doc->Find("sessions");
  if (sessions == nullptr || !sessions->is_array()) return Bad(path, "expected {\"sessions\": [...]}");
  for (const json::Value& v : sessions->elements) {
    ssm::Session s;
    s.id = Str(v, "id");
    s.arn = Str(v, "arn");
    s.account = Str(v, "account");
    s.region = Str(v, "region");
    s.target = Str(v, "target");
    s.document_name = Str(v, "document");
    s.owner = Str(v, "owner");
    s.owner_user_id = Str(v, "ownerUserId");
    s.reason = Str(v, "reason");
    s.run_as_user = Str(v, "runAsUser");
    s.run_as_source = Str(v, "runAsSource");
    s.run_as_rule = Str(v, "runAsRule");
    s.token = Str(v, "token");
    s.stream_url = Str(v, "streamUrl");
    s.details = Str(v, "details");
    const std::optional<ssm::SessionStatus> status = ssm::StatusFromName(Str(v, "status"));
    if (s.id.empty() || !status) return Bad(path, "a session without id or with an unknown status");
    s.status = *status;
    s.start = Int(v, "start");
    s.end = Int(v, "end");
    s.last_activity = Int(v, "lastActivity");
    s.idle_timeout_minutes = static_cast<int>(Int(v, "idleTimeoutMinutes"));
    if (v.Find("maxDurationMinutes") != nullptr) s.max_duration_minutes = static_cast<int>(Int(v, "maxDurationMinutes"));
    (void)file->memory_.Put(s);
  }
  return file;
}

Status SessionFile::Put(const ssm::Session& s) {
  if (Status st = memory_.Put(s); !st.ok()) return st;
  return Save();
}

Status SessionFile::Save() const {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto str = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  w.Key("sessions");
  w.StartArray();
  for (const ssm::Session& s : memory_.List()) {
    w.StartObject();
    str("id", s.id);
    str("arn", s.arn);
    str("account", s.account);
    str("region", s.region);
    str("target", s.target);
    str("document", s.document_name);
    str("owner", s.owner);
    str("ownerUserId", s.owner_user_id);
    str("reason", s.reason);
    str("runAsUser", s.run_as_user);
    str("runAsSource", s.run_as_source);
    str("runAsRule", s.run_as_rule);
    str("token", s.token);
    str("streamUrl", s.stream_url);
    str("details", s.details);
    str("status", std::string(ssm::StatusName(s.status)));
    w.Key("start");
    w.Int64(s.start);
    w.Key("end");
    w.Int64(s.end);
    w.Key("lastActivity");
    w.Int64(s.last_activity);
    w.Key("idleTimeoutMinutes");
    w.Int(s.idle_timeout_minutes);
    if (s.max_duration_minutes) {
      w.Key("maxDurationMinutes");
      w.Int(*s.max_duration_minutes);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
    out.put('\n');
    out.flush();
    if (!out) return MakeError("InternalServerError", "cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) return MakeError("InternalServerError", "cannot replace " + path_);
  return Status::Ok();
}

}  // namespace gatehouse::store
