// ssm/session.cc: session ids and the status machine.
#include "ssm/session.h"

#include "world/ids.h"

namespace gatehouse::ssm {

std::string_view StatusName(SessionStatus s) {
  switch (s) {
    case SessionStatus::kConnecting: return "Connecting";
    case SessionStatus::kConnected: return "Connected";
    case SessionStatus::kDisconnected: return "Disconnected";
    case SessionStatus::kTerminating: return "Terminating";
    case SessionStatus::kTerminated: return "Terminated";
    case SessionStatus::kFailed: return "Failed";
  }
  return "Failed";
}

std::optional<SessionStatus> StatusFromName(std::string_view name) {
  for (SessionStatus s : {SessionStatus::kConnecting, SessionStatus::kConnected, SessionStatus::kDisconnected,
                          SessionStatus::kTerminating, SessionStatus::kTerminated, SessionStatus::kFailed})
    if (StatusName(s) == name) return s;
  return std::nullopt;
}

std::map<std::string, std::string> Session::SystemTags() const {
  return {{std::string(kTagTargetId), target}, {std::string(kTagSessionId), owner_user_id}};
}

std::string MakeSessionId(std::string_view caller_name, std::string_view seed) {
  return std::string(caller_name) + "-" + world::DeriveHex(seed, 17);
}

std::string SessionArn(std::string_view partition, std::string_view region, std::string_view account,
                       std::string_view id) {
  return "arn:" + std::string(partition) + ":ssm:" + std::string(region) + ":" + std::string(account) + ":session/" +
         std::string(id);
}

namespace {
Error Invalid(const Session& s, std::string_view what) {
  return MakeError("InvalidSessionState",
                   "session " + s.id + " is " + std::string(StatusName(s.status)) + ": cannot " + std::string(what));
}
}  // namespace

Status Connect(Session& s, std::int64_t now) {
  if (s.status != SessionStatus::kConnecting && s.status != SessionStatus::kDisconnected) return Invalid(s, "connect");
  s.status = SessionStatus::kConnected;
  s.last_activity = now;
  return Status::Ok();
}

Status Disconnect(Session& s, std::int64_t now) {
  if (s.status != SessionStatus::kConnected) return Invalid(s, "disconnect");
  s.status = SessionStatus::kDisconnected;
  (void)now;
  return Status::Ok();
}

Status Resume(Session& s, std::int64_t now) {
  if (s.status != SessionStatus::kDisconnected && s.status != SessionStatus::kConnected &&
      s.status != SessionStatus::kConnecting)
    return Invalid(s, "resume");
  s.status = SessionStatus::kConnected;
  s.last_activity = now;
  return Status::Ok();
}

void Terminate(Session& s, std::int64_t now, std::string_view why) {
  if (!s.active()) return;  // idempotent
  s.status = SessionStatus::kTerminated;
  s.end = now;
  if (s.details.empty()) s.details = std::string(why);
}

void Fail(Session& s, std::int64_t now, std::string_view why) {
  s.status = SessionStatus::kFailed;
  s.end = now;
  s.details = std::string(why);
}

void RecordActivity(Session& s, std::int64_t now) {
  if (s.status == SessionStatus::kConnected) s.last_activity = now;
}

void Tick(Session& s, std::int64_t now) {
  if (!s.active()) return;
  // The session ends at whichever limit it reached first: a clock read long
  // after both deadlines must not report the later one.
  std::optional<std::int64_t> max_end;
  if (s.max_duration_minutes) max_end = s.start + static_cast<std::int64_t>(*s.max_duration_minutes) * 60;
  std::optional<std::int64_t> idle_end;
  if (s.status == SessionStatus::kConnected || s.status == SessionStatus::kDisconnected)
    idle_end = s.last_activity + static_cast<std::int64_t>(s.idle_timeout_minutes) * 60;
  const bool max_hit = max_end && now >= *max_end;
  const bool idle_hit = idle_end && now >= *idle_end;
  if (max_hit && (!idle_hit || *max_end <= *idle_end)) {
    Terminate(s, *max_end, "Your session has reached the maximum session duration and has been terminated.");
  } else if (idle_hit) {
    Terminate(s, *idle_end, "Your session timed out due to inactivity and has been terminated.");
  }
}

}  // namespace gatehouse::ssm
