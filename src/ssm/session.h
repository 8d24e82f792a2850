// ssm/session.h: a Session Manager session: its id (<caller name>-<17 hex>),
// ARN, system tags, status and the transitions between statuses, with idle
// and maximum durations enforced against a clock the caller passes in
// (../shared/spec/ssm-protocol.md §2.10, §2.11).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gatehouse::ssm {

enum class SessionStatus : std::uint8_t { kConnecting, kConnected, kDisconnected, kTerminating, kTerminated, kFailed };
std::string_view StatusName(SessionStatus s);
std::optional<SessionStatus> StatusFromName(std::string_view name);

inline constexpr std::string_view kTagTargetId = "aws:ssmmessages:target-id";
inline constexpr std::string_view kTagSessionId = "aws:ssmmessages:session-id";

struct Session {
  std::string id;
  std::string arn;
  std::string account;
  std::string region;
  std::string target;
  std::string document_name;
  std::string owner;          // the caller's ARN
  std::string owner_user_id;  // the caller's aws:userid (the session-id system tag)
  std::string reason;
  std::string run_as_user;
  std::string run_as_source;  // principal-tag | document-default | mapping | ssm-user
  std::string run_as_rule;
  std::string token;          // TokenValue
  std::string stream_url;
  std::string details;        // why it ended or failed
  SessionStatus status = SessionStatus::kConnecting;
  std::int64_t start = 0;     // epoch seconds
  std::int64_t end = 0;       // 0 while not ended
  std::int64_t last_activity = 0;
  int idle_timeout_minutes = 20;
  std::optional<int> max_duration_minutes;

  // The two system tags, as ssm:resourceTag/<key> sees them.
  std::map<std::string, std::string> SystemTags() const;
  bool active() const {
    return status == SessionStatus::kConnecting || status == SessionStatus::kConnected ||
           status == SessionStatus::kDisconnected || status == SessionStatus::kTerminating;
  }
};

// "<name>-<17 lower-case hex>", the name being the IAM user name, the role
// session name, or "root". `seed` makes the suffix unique and reproducible.
std::string MakeSessionId(std::string_view caller_name, std::string_view seed);
std::string SessionArn(std::string_view partition, std::string_view region, std::string_view account,
                       std::string_view id);

// Transitions. Each returns an error when the transition is not possible
// from the current status (terminating an ended session is not an error:
// TerminateSession is idempotent).
Status Connect(Session& s, std::int64_t now);     // agent and client joined
Status Disconnect(Session& s, std::int64_t now);  // the client's connection dropped
Status Resume(Session& s, std::int64_t now);      // ResumeSession on a Disconnected/Connected session
void Terminate(Session& s, std::int64_t now, std::string_view why);
void Fail(Session& s, std::int64_t now, std::string_view why);
void RecordActivity(Session& s, std::int64_t now);  // client input
// Applies the idle timeout and the maximum duration at time `now`.
void Tick(Session& s, std::int64_t now);

}  // namespace gatehouse::ssm
