// ssm/session_test.cc: session ids, ARNs, system tags, statuses and their
// transitions, idle and maximum durations (../shared/spec/ssm-protocol.md
// §2.3–§2.5, §2.9–§2.11), and the in-memory session store.
#include "ssm/session.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ssm/session_store.h"

namespace gatehouse::ssm {
namespace {

constexpr std::int64_t kT0 = 1700000000;
constexpr std::string_view kIdleMessage = "Your session timed out due to inactivity and has been terminated.";
constexpr std::string_view kMaxMessage =
    "Your session has reached the maximum session duration and has been terminated.";

constexpr SessionStatus kAllStatuses[] = {SessionStatus::kConnecting,   SessionStatus::kConnected,
                                          SessionStatus::kDisconnected, SessionStatus::kTerminating,
                                          SessionStatus::kTerminated,   SessionStatus::kFailed};

bool IsLowerHex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// "<name>-<17 lower-case hex>" for `name`.
testing::AssertionResult IsSessionIdFor(std::string_view id, std::string_view name) {
  const std::string prefix = std::string(name) + "-";
  if (id.substr(0, prefix.size()) != prefix)
    return testing::AssertionFailure() << id << " lacks prefix " << prefix;
  const std::string_view suffix = id.substr(prefix.size());
  if (suffix.size() != 17)
    return testing::AssertionFailure() << id << ": suffix of " << suffix.size() << " chars";
  if (!IsLowerHex(suffix)) return testing::AssertionFailure() << id << ": suffix not lower-case hex";
  return testing::AssertionSuccess();
}

Session NewSession(SessionStatus status = SessionStatus::kConnecting) {
  Session s;
  s.id = MakeSessionId("alice", "seed");
  s.status = status;
  s.start = kT0;
  s.last_activity = kT0;
  return s;
}

testing::AssertionResult InvalidState(const Status& st) {
  if (st.ok()) return testing::AssertionFailure() << "transition allowed";
  if (st.error().code != "InvalidSessionState")
    return testing::AssertionFailure() << st.error().code << ": " << st.error().message;
  return testing::AssertionSuccess();
}

// ============================================================= session ids

// §2.10: SessionId = <caller-name>-<suffix>; suffix seen in the wild: 17
// lower-case hex chars (`Ryan.Watson-0b9a893d88b3b8f6d`); caller-name is the
// IAM user name, the role session name, or `root`.
TEST(SessionId, Format) {
  for (std::string_view name : {"Ryan.Watson", "botocore-session-1700000000", "root", "alice@example.com"}) {
    EXPECT_TRUE(IsSessionIdFor(MakeSessionId(name, "seed-1"), name));
  }
}

// session.h: `seed` makes the suffix unique and reproducible.
TEST(SessionId, DeterministicPerSeedDistinctAcrossSeeds) {
  EXPECT_EQ(MakeSessionId("alice", "a|i-0123|1700000000|0"), MakeSessionId("alice", "a|i-0123|1700000000|0"));
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) ids.insert(MakeSessionId("alice", "seed-" + std::to_string(i)));
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_NE(MakeSessionId("alice", "1"), MakeSessionId("alice", "2"));
}

// §2.10: policies rely on the prefix, e.g.
// arn:aws:ssm:*:*:session/${aws:username}-* — the name is kept verbatim.
TEST(SessionId, NameIsTheVerbatimPrefix) {
  const std::string id = MakeSessionId("Ryan.Watson", "x");
  EXPECT_EQ(id.rfind("Ryan.Watson-", 0), 0u);
  EXPECT_NE(MakeSessionId("alice", "x"), MakeSessionId("Alice", "x"));
}

// §2.10: SessionId ≤ 96 chars; the longest caller name (64: IAM user names
// and role session names) still fits.
TEST(SessionId, LongestNameFits) {
  const std::string name(64, 'n');
  const std::string id = MakeSessionId(name, "seed");
  EXPECT_TRUE(IsSessionIdFor(id, name));
  EXPECT_LE(id.size(), 96u);
}

// ================================================================ the ARN

// §2.10: Session ARN arn:aws:ssm:<region>:<account>:session/<SessionId>.
TEST(SessionArn, Format) {
  EXPECT_EQ(SessionArn("aws", "us-east-1", "111122223333", "alice-0b9a893d88b3b8f6d"),
            "arn:aws:ssm:us-east-1:111122223333:session/alice-0b9a893d88b3b8f6d");
  EXPECT_EQ(SessionArn("aws-cn", "cn-north-1", "111122223333", "bob-097bc8bd07a0dee95"),
            "arn:aws-cn:ssm:cn-north-1:111122223333:session/bob-097bc8bd07a0dee95");
  const std::string id = MakeSessionId("botocore-session-1700000000", "s");
  EXPECT_EQ(SessionArn("aws", "eu-west-1", "123456789012", id),
            "arn:aws:ssm:eu-west-1:123456789012:session/" + id);
}

// ============================================================ system tags

// §2.10: aws:ssmmessages:target-id = target id; aws:ssmmessages:session-id =
// the caller's aws:userid (assumed role → AROA…:<role-session-name>).
TEST(SystemTags, TargetAndCallerUserId) {
  EXPECT_EQ(kTagTargetId, "aws:ssmmessages:target-id");
  EXPECT_EQ(kTagSessionId, "aws:ssmmessages:session-id");
  Session s = NewSession();
  s.target = "i-0a11ce00000000001";
  s.owner = "arn:aws:sts::111122223333:assumed-role/SSMRole/switchrole2";
  s.owner_user_id = "AROAEXAMPLEROLEID1234:switchrole2";
  const std::map<std::string, std::string> tags = s.SystemTags();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags.at("aws:ssmmessages:target-id"), "i-0a11ce00000000001");
  EXPECT_EQ(tags.at("aws:ssmmessages:session-id"), "AROAEXAMPLEROLEID1234:switchrole2");

  s.target = "mi-0123456789abcdef0";
  s.owner_user_id = "AIDAEXAMPLEUSERID1234";
  EXPECT_EQ(s.SystemTags().at(std::string(kTagTargetId)), "mi-0123456789abcdef0");
  EXPECT_EQ(s.SystemTags().at(std::string(kTagSessionId)), "AIDAEXAMPLEUSERID1234");
}

// ================================================================ statuses

// §2.5/§2.11: the SessionStatus enum's names.
TEST(SessionStatusNames, EveryStatus) {
  EXPECT_EQ(StatusName(SessionStatus::kConnecting), "Connecting");
  EXPECT_EQ(StatusName(SessionStatus::kConnected), "Connected");
  EXPECT_EQ(StatusName(SessionStatus::kDisconnected), "Disconnected");
  EXPECT_EQ(StatusName(SessionStatus::kTerminating), "Terminating");
  EXPECT_EQ(StatusName(SessionStatus::kTerminated), "Terminated");
  EXPECT_EQ(StatusName(SessionStatus::kFailed), "Failed");
}

TEST(SessionStatusNames, RoundTrip) {
  for (SessionStatus s : kAllStatuses) {
    std::optional<SessionStatus> back = StatusFromName(StatusName(s));
    ASSERT_TRUE(back.has_value()) << StatusName(s);
    EXPECT_EQ(*back, s);
  }
}

// The enum is case-sensitive (DescribeSessions' Status filter values are
// Connected|Connecting|..., §2.5); anything else is unknown.
TEST(SessionStatusNames, UnknownNames) {
  for (std::string_view name :
       {"", "connected", "CONNECTED", "Active", "History", "Connected ", "Terminate"}) {
    EXPECT_FALSE(StatusFromName(name).has_value()) << name;
  }
}

// §2.5: Active = not yet ended (Connected, Connecting, Disconnected, and —
// gatehouse's choice — Terminating); History = Terminated, Failed.
TEST(SessionStatusNames, Active) {
  for (SessionStatus st : kAllStatuses) {
    Session s = NewSession(st);
    const bool want = st != SessionStatus::kTerminated && st != SessionStatus::kFailed;
    EXPECT_EQ(s.active(), want) << StatusName(st);
  }
}

// ============================================================ transitions

// §2.11: Connecting → Connected when both ends have joined.
TEST(SessionTransitions, ConnectFromConnecting) {
  Session s = NewSession();
  ASSERT_TRUE(Connect(s, kT0 + 5).ok());
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  EXPECT_EQ(s.last_activity, kT0 + 5);
  EXPECT_EQ(s.end, 0);
}

// §2.11: Disconnected ↔ Connected (after ResumeSession + reconnect).
TEST(SessionTransitions, ConnectFromDisconnected) {
  Session s = NewSession(SessionStatus::kDisconnected);
  ASSERT_TRUE(Connect(s, kT0 + 60).ok());
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  EXPECT_EQ(s.last_activity, kT0 + 60);
}

TEST(SessionTransitions, ConnectRefusedElsewhere) {
  for (SessionStatus st : {SessionStatus::kConnected, SessionStatus::kTerminating, SessionStatus::kTerminated,
                           SessionStatus::kFailed}) {
    Session s = NewSession(st);
    Status r = Connect(s, kT0 + 1);
    ASSERT_TRUE(InvalidState(r)) << StatusName(st);
    EXPECT_EQ(s.status, st) << "status changed by a refused transition";
    EXPECT_EQ(r.error().message,
              "session " + s.id + " is " + std::string(StatusName(st)) + ": cannot connect");
  }
}

// §2.11: Connected → Disconnected when the client's websocket is lost.
TEST(SessionTransitions, DisconnectFromConnected) {
  Session s = NewSession(SessionStatus::kConnected);
  s.last_activity = kT0 + 30;
  ASSERT_TRUE(Disconnect(s, kT0 + 40).ok());
  EXPECT_EQ(s.status, SessionStatus::kDisconnected);
  EXPECT_EQ(s.last_activity, kT0 + 30);  // losing the connection is not input
  EXPECT_TRUE(s.active());
}

TEST(SessionTransitions, DisconnectRefusedElsewhere) {
  for (SessionStatus st : {SessionStatus::kConnecting, SessionStatus::kDisconnected,
                           SessionStatus::kTerminating, SessionStatus::kTerminated, SessionStatus::kFailed}) {
    Session s = NewSession(st);
    Status r = Disconnect(s, kT0 + 1);
    ASSERT_TRUE(InvalidState(r)) << StatusName(st);
    EXPECT_EQ(s.status, st);
    EXPECT_TRUE(r.error().message.ends_with(": cannot disconnect")) << r.error().message;
  }
}

// session.h: "ResumeSession on a Disconnected/Connected session" (§2.4).
TEST(SessionTransitions, ResumeDisconnectedOrConnected) {
  for (SessionStatus st : {SessionStatus::kDisconnected, SessionStatus::kConnected}) {
    Session s = NewSession(st);
    ASSERT_TRUE(Resume(s, kT0 + 300).ok()) << StatusName(st);
    EXPECT_EQ(s.status, SessionStatus::kConnected);
    EXPECT_EQ(s.last_activity, kT0 + 300);
  }
}

// A session still Connecting may be resumed too (services/ssm_service.cc
// resumes any active session that is not Terminating).
TEST(SessionTransitions, ResumeConnecting) {
  Session s = NewSession(SessionStatus::kConnecting);
  ASSERT_TRUE(Resume(s, kT0 + 2).ok());
  EXPECT_EQ(s.status, SessionStatus::kConnected);
}

// An ended (or ending) session cannot be resumed (§2.4: the service refuses a
// resume of an ended session).
TEST(SessionTransitions, ResumeRefusedWhenEndingOrEnded) {
  for (SessionStatus st : {SessionStatus::kTerminating, SessionStatus::kTerminated, SessionStatus::kFailed}) {
    Session s = NewSession(st);
    s.end = st == SessionStatus::kTerminating ? 0 : kT0 + 10;
    Status r = Resume(s, kT0 + 20);
    ASSERT_TRUE(InvalidState(r)) << StatusName(st);
    EXPECT_EQ(s.status, st);
    EXPECT_EQ(s.last_activity, kT0);
    EXPECT_TRUE(r.error().message.ends_with(": cannot resume")) << r.error().message;
  }
}

// §2.11: TerminateSession ... → Terminated (EndDate set), from any active
// status.
TEST(SessionTransitions, TerminateActive) {
  for (SessionStatus st : {SessionStatus::kConnecting, SessionStatus::kConnected,
                           SessionStatus::kDisconnected, SessionStatus::kTerminating}) {
    Session s = NewSession(st);
    Terminate(s, kT0 + 100, "Terminated by arn:aws:iam::111122223333:user/alice");
    EXPECT_EQ(s.status, SessionStatus::kTerminated) << StatusName(st);
    EXPECT_EQ(s.end, kT0 + 100);
    EXPECT_EQ(s.details, "Terminated by arn:aws:iam::111122223333:user/alice");
    EXPECT_FALSE(s.active());
  }
}

// §2.3: "Terminating an already-terminated session should just succeed
// (idempotent)" — and changes nothing: not the end date, not the reason.
TEST(SessionTransitions, TerminateIsIdempotent) {
  Session s = NewSession(SessionStatus::kConnected);
  Terminate(s, kT0 + 100, "first");
  Terminate(s, kT0 + 200, "second");
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 100);
  EXPECT_EQ(s.details, "first");
}

// A failed session stays Failed: terminating it is a no-op.
TEST(SessionTransitions, TerminateFailedIsNoOp) {
  Session s = NewSession();
  Fail(s, kT0 + 1, "failed to start pty since RunAs user bob does not exist");
  Terminate(s, kT0 + 50, "Terminated by someone");
  EXPECT_EQ(s.status, SessionStatus::kFailed);
  EXPECT_EQ(s.end, kT0 + 1);
  EXPECT_EQ(s.details, "failed to start pty since RunAs user bob does not exist");
}

// §2.11: Failed — never came up (RunAs user missing, handshake failed, ...).
TEST(SessionTransitions, Fail) {
  Session s = NewSession();
  Fail(s, kT0 + 3, "failed to start pty since RunAs user bob does not exist");
  EXPECT_EQ(s.status, SessionStatus::kFailed);
  EXPECT_EQ(s.end, kT0 + 3);
  EXPECT_EQ(s.details, "failed to start pty since RunAs user bob does not exist");
  EXPECT_FALSE(s.active());
  // An ended session admits no further transition.
  EXPECT_TRUE(InvalidState(Connect(s, kT0 + 4)));
  EXPECT_TRUE(InvalidState(Resume(s, kT0 + 4)));
  EXPECT_TRUE(InvalidState(Disconnect(s, kT0 + 4)));
}

// §2.9: "idle = no *client input*": only input on a connected session counts.
TEST(SessionTransitions, RecordActivityOnlyWhenConnected) {
  Session s = NewSession(SessionStatus::kConnected);
  RecordActivity(s, kT0 + 10);
  EXPECT_EQ(s.last_activity, kT0 + 10);
  for (SessionStatus st : {SessionStatus::kConnecting, SessionStatus::kDisconnected,
                           SessionStatus::kTerminating, SessionStatus::kTerminated, SessionStatus::kFailed}) {
    Session t = NewSession(st);
    RecordActivity(t, kT0 + 10);
    EXPECT_EQ(t.last_activity, kT0) << StatusName(st);
  }
}

// A full life: Connecting → Connected → Disconnected → (resume) Connected →
// Terminated (§2.11).
TEST(SessionTransitions, FullLifecycle) {
  Session s = NewSession();
  ASSERT_TRUE(Connect(s, kT0 + 1).ok());
  RecordActivity(s, kT0 + 2);
  ASSERT_TRUE(Disconnect(s, kT0 + 3).ok());
  ASSERT_TRUE(Resume(s, kT0 + 4).ok());
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  ASSERT_TRUE(Disconnect(s, kT0 + 5).ok());
  ASSERT_TRUE(Connect(s, kT0 + 6).ok());
  Terminate(s, kT0 + 7, "done");
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 7);
  EXPECT_EQ(s.start, kT0);
}

// ============================================================ idle timeout

// §2.9: idleSessionTimeout is enforced service-side; the user sees "Your
// session timed out due to inactivity and has been terminated."
TEST(SessionTick, IdleTimeout) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 20;
  Tick(s, kT0 + 20 * 60 - 1);
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  EXPECT_EQ(s.end, 0);
  Tick(s, kT0 + 20 * 60);
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 20 * 60);
  EXPECT_EQ(s.details, kIdleMessage);
}

// Input restarts the idle clock.
TEST(SessionTick, ActivityResetsIdleClock) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 1;
  RecordActivity(s, kT0 + 50);
  Tick(s, kT0 + 60);
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  Tick(s, kT0 + 109);
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  Tick(s, kT0 + 110);
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 110);
}

// §2.9: output without keystrokes does not keep a session alive; a
// disconnected client sends nothing, so a Disconnected session idles out too.
TEST(SessionTick, DisconnectedSessionIdlesOut) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 5;
  ASSERT_TRUE(Disconnect(s, kT0 + 10).ok());
  Tick(s, kT0 + 299);
  EXPECT_EQ(s.status, SessionStatus::kDisconnected);
  Tick(s, kT0 + 300);
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 300);
  EXPECT_EQ(s.details, kIdleMessage);
}

// The end date is the moment the limit was reached, not when the clock was
// next read.
TEST(SessionTick, EndIsTheDeadlineNotNow) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 20;
  Tick(s, kT0 + 86400);
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 20 * 60);
}

// The bounds of idleSessionTimeout (1–60, §2.9) each take effect.
TEST(SessionTick, IdleTimeoutBounds) {
  for (int minutes : {1, 60}) {
    Session s = NewSession(SessionStatus::kConnected);
    s.idle_timeout_minutes = minutes;
    Tick(s, kT0 + minutes * 60 - 1);
    EXPECT_TRUE(s.active()) << minutes;
    Tick(s, kT0 + minutes * 60);
    EXPECT_FALSE(s.active()) << minutes;
  }
}

// ======================================================== maximum duration

// §2.9: maxSessionDuration (minutes, 1–1440) is enforced service-side, from
// the session's start, however active the user is.
TEST(SessionTick, MaxDuration) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 20;
  s.max_duration_minutes = 60;
  for (std::int64_t t = kT0 + 600; t < kT0 + 3600; t += 600) {
    RecordActivity(s, t);
    Tick(s, t);
    ASSERT_EQ(s.status, SessionStatus::kConnected) << t - kT0;
  }
  RecordActivity(s, kT0 + 3599);
  Tick(s, kT0 + 3599);
  EXPECT_EQ(s.status, SessionStatus::kConnected);
  Tick(s, kT0 + 3600);
  EXPECT_EQ(s.status, SessionStatus::kTerminated);
  EXPECT_EQ(s.end, kT0 + 3600);
  EXPECT_EQ(s.details, kMaxMessage);
}

// §2.9: maxSessionDuration absent = unlimited.
TEST(SessionTick, NoMaxDurationIsUnlimited) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 60;
  for (std::int64_t t = kT0; t <= kT0 + 7 * 86400; t += 3000) {
    RecordActivity(s, t);
    Tick(s, t);
  }
  EXPECT_EQ(s.status, SessionStatus::kConnected);
}

// The maximum duration applies whatever the active status.
TEST(SessionTick, MaxDurationInEveryActiveStatus) {
  for (SessionStatus st : {SessionStatus::kConnecting, SessionStatus::kConnected,
                           SessionStatus::kDisconnected, SessionStatus::kTerminating}) {
    Session s = NewSession(st);
    s.idle_timeout_minutes = 60;
    s.max_duration_minutes = 1;
    Tick(s, kT0 + 59);
    EXPECT_EQ(s.status, st);
    Tick(s, kT0 + 60);
    EXPECT_EQ(s.status, SessionStatus::kTerminated) << StatusName(st);
    EXPECT_EQ(s.end, kT0 + 60);
    EXPECT_EQ(s.details, kMaxMessage);
  }
}

// A clock read after both limits passed reports the one reached first.
// Regression: Tick used to check the maximum duration first, so a session
// idle for 20 minutes and read after its 60-minute maximum was reported as
// ending at minute 60 for the maximum duration.
TEST(SessionTick, EarliestLimitWins) {
  {
    Session s = NewSession(SessionStatus::kConnected);
    s.idle_timeout_minutes = 20;
    s.max_duration_minutes = 60;
    Tick(s, kT0 + 2 * 3600);
    EXPECT_EQ(s.status, SessionStatus::kTerminated);
    EXPECT_EQ(s.end, kT0 + 20 * 60);
    EXPECT_EQ(s.details, kIdleMessage);
  }
  {
    Session s = NewSession(SessionStatus::kConnected);
    s.idle_timeout_minutes = 20;
    s.max_duration_minutes = 30;
    RecordActivity(s, kT0 + 25 * 60);  // idle deadline: minute 45
    Tick(s, kT0 + 2 * 3600);
    EXPECT_EQ(s.end, kT0 + 30 * 60);
    EXPECT_EQ(s.details, kMaxMessage);
  }
}

// Ended sessions are left alone.
TEST(SessionTick, EndedSessionsUnchanged) {
  for (SessionStatus st : {SessionStatus::kTerminated, SessionStatus::kFailed}) {
    Session s = NewSession(st);
    s.end = kT0 + 5;
    s.details = "before";
    s.max_duration_minutes = 1;
    Tick(s, kT0 + 86400);
    EXPECT_EQ(s.status, st);
    EXPECT_EQ(s.end, kT0 + 5);
    EXPECT_EQ(s.details, "before");
  }
}

// A terminated session keeps the reason it ended with.
TEST(SessionTick, TimedOutSessionStaysTimedOut) {
  Session s = NewSession(SessionStatus::kConnected);
  s.idle_timeout_minutes = 1;
  Tick(s, kT0 + 60);
  Terminate(s, kT0 + 120, "Terminated by arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(s.end, kT0 + 60);
  EXPECT_EQ(s.details, kIdleMessage);
}

// ============================================================ the store

Session StoredSession(std::string_view name, std::int64_t start) {
  Session s;
  s.id = MakeSessionId(name, "store-" + std::string(name) + std::to_string(start));
  s.start = start;
  s.target = "i-0a11ce00000000001";
  return s;
}

TEST(MemorySessionStore, EmptyStore) {
  MemorySessionStore store;
  EXPECT_FALSE(store.Get("alice-0b9a893d88b3b8f6d").has_value());
  EXPECT_TRUE(store.List().empty());
}

TEST(MemorySessionStore, PutThenGet) {
  MemorySessionStore store;
  Session s = StoredSession("alice", kT0);
  s.owner = "arn:aws:iam::111122223333:user/alice";
  s.run_as_user = "alice";
  s.max_duration_minutes = 30;
  ASSERT_TRUE(store.Put(s).ok());
  std::optional<Session> got = store.Get(s.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, s.id);
  EXPECT_EQ(got->owner, s.owner);
  EXPECT_EQ(got->run_as_user, "alice");
  EXPECT_EQ(got->max_duration_minutes, 30);
  EXPECT_EQ(got->start, kT0);
  EXPECT_FALSE(store.Get(s.id + "x").has_value());
  EXPECT_FALSE(store.Get("").has_value());
}

// session_store.h: Put inserts or replaces by id.
TEST(MemorySessionStore, PutReplacesById) {
  MemorySessionStore store;
  Session s = StoredSession("alice", kT0);
  ASSERT_TRUE(store.Put(s).ok());
  ASSERT_TRUE(Connect(s, kT0 + 1).ok());
  Terminate(s, kT0 + 9, "done");
  ASSERT_TRUE(store.Put(s).ok());
  ASSERT_EQ(store.List().size(), 1u);
  std::optional<Session> got = store.Get(s.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->status, SessionStatus::kTerminated);
  EXPECT_EQ(got->end, kT0 + 9);
}

// The store hands out copies: changing one does not change what is stored.
TEST(MemorySessionStore, GetReturnsACopy) {
  MemorySessionStore store;
  Session s = StoredSession("alice", kT0);
  ASSERT_TRUE(store.Put(s).ok());
  std::optional<Session> got = store.Get(s.id);
  ASSERT_TRUE(got.has_value());
  got->status = SessionStatus::kFailed;
  s.status = SessionStatus::kFailed;  // nor does changing the original after Put
  EXPECT_EQ(store.Get(s.id)->status, SessionStatus::kConnecting);
}

// session_store.h: List is "ordered by start time, then id".
TEST(MemorySessionStore, ListOrderedByStartThenId) {
  MemorySessionStore store;
  Session a = StoredSession("carol", kT0 + 20);
  Session b = StoredSession("zed", kT0);
  Session c = StoredSession("alice", kT0);
  Session d = StoredSession("bob", kT0 + 10);
  Session e = StoredSession("aaron", kT0 + 20);
  for (const Session* s : {&a, &b, &c, &d, &e}) ASSERT_TRUE(store.Put(*s).ok());
  std::vector<Session> list = store.List();
  std::vector<std::string> ids;
  for (const Session& s : list) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{c.id, b.id, d.id, e.id, a.id}));
}

// Replacing a session with a new start time moves it in the listing.
TEST(MemorySessionStore, ListFollowsReplacement) {
  MemorySessionStore store;
  Session a = StoredSession("alice", kT0);
  Session b = StoredSession("bob", kT0 + 10);
  ASSERT_TRUE(store.Put(a).ok());
  ASSERT_TRUE(store.Put(b).ok());
  a.start = kT0 + 20;
  ASSERT_TRUE(store.Put(a).ok());
  std::vector<Session> list = store.List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, b.id);
  EXPECT_EQ(list[1].id, a.id);
}

// Usable through the interface (the CLI and server hold a SessionStore&).
TEST(MemorySessionStore, ThroughTheInterface) {
  MemorySessionStore memory;
  SessionStore& store = memory;
  Session s = StoredSession("alice", kT0);
  ASSERT_TRUE(store.Put(s).ok());
  EXPECT_TRUE(store.Get(s.id).has_value());
  EXPECT_EQ(store.List().size(), 1u);
}

}  // namespace
}  // namespace gatehouse::ssm
