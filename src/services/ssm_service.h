// services/ssm_service.h: Session Manager's API over a world:
// StartSession, TerminateSession, ResumeSession, DescribeSessions and
// GetConnectionStatus, each validated and authorised as AWS does
// (../shared/spec/ssm-protocol.md §2, iam-semantics.md §9.1), with RunAs
// resolution (ssm/runas.h) and sessions kept in a SessionStore.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "policy/decision.h"
#include "ssm/document.h"
#include "ssm/runas.h"
#include "ssm/session.h"
#include "ssm/session_store.h"
#include "world/identity.h"
#include "world/principal_context.h"

namespace gatehouse::services {

// SSM's error codes (JSON protocol).
inline constexpr std::string_view kAccessDeniedException = "AccessDeniedException";
inline constexpr std::string_view kTargetNotConnected = "TargetNotConnected";
inline constexpr std::string_view kInvalidDocument = "InvalidDocument";
inline constexpr std::string_view kDoesNotExistException = "DoesNotExistException";
inline constexpr std::string_view kValidationException = "ValidationException";
inline constexpr std::string_view kInvalidFilterKey = "InvalidFilterKey";

struct SsmContext {
  world::RequestEnvironment env;  // clock, region, transport
  ssm::RunAsConfig run_as;        // gatehouse's RunAs mappings (off by default)
  std::string stream_host;        // host of StreamUrl; empty: ssmmessages.<region>.amazonaws.com (wss)
};

struct StartSessionInput {
  std::string target;
  std::optional<std::string> document_name;  // name or ARN
  std::optional<std::string> reason;
};

// Why a StartSession was allowed or refused, for explanations and audits.
struct StartSessionExplanation {
  policy::Decision target_decision;
  std::string document;  // the document whose preferences applied
  std::optional<ssm::RunAsDecision> run_as;
};

struct StartSessionResult {
  ssm::Session session;
  StartSessionExplanation explanation;
};

// Decides and, when allowed, creates the session. An error's code is AWS's
// (AccessDeniedException with its message, TargetNotConnected, ...) or, for
// a RunAs failure, a gatehouse code from ssm/runas.h; on RunAs failure the
// session is recorded as Failed. `explanation` is filled either way.
Result<StartSessionResult> StartSession(const world::World& w, const world::Identity& caller,
                                        const StartSessionInput& in, const SsmContext& ctx, ssm::SessionStore* store,
                                        StartSessionExplanation* explanation = nullptr);

// Only the decision and RunAs of a StartSession (no session is created).
struct AccessCheck {
  policy::Decision decision;        // the decisive one (target, then document)
  std::string message;              // AccessDenied text when denied
  std::optional<ssm::RunAsDecision> run_as;
  std::optional<Error> error;       // a non-authorisation failure (unknown target, RunAs)
};
// With `require_user_on_host` false the RunAs user is chosen but not
// checked against the host's users (the access matrix checks per host).
AccessCheck CheckStartSession(const world::World& w, const world::Identity& caller, const StartSessionInput& in,
                              const SsmContext& ctx, bool require_user_on_host = true);

Result<std::string> TerminateSession(const world::World& w, const world::Identity& caller,
                                     const std::string& session_id, const SsmContext& ctx, ssm::SessionStore& store);

struct ResumeResult {
  std::string session_id;
  std::string token;  // empty when the session has ended (the plugin then reports a timeout)
  std::string stream_url;
};
Result<ResumeResult> ResumeSession(const world::World& w, const world::Identity& caller, const std::string& session_id,
                                   const SsmContext& ctx, ssm::SessionStore& store);

struct SessionFilter {
  std::string key;  // InvokedAfter, InvokedBefore, Target, Owner, Status, SessionId
  std::string value;
};
Result<std::vector<ssm::Session>> DescribeSessions(const world::World& w, const world::Identity& caller,
                                                   const std::string& state, const std::vector<SessionFilter>& filters,
                                                   const SsmContext& ctx, ssm::SessionStore& store);

// "connected" or "notconnected".
Result<std::string> GetConnectionStatus(const world::World& w, const world::Identity& caller, const std::string& target,
                                        const SsmContext& ctx);

// The preferences that apply to a session started with `document_name`
// (or the account's SSM-SessionManagerRunShell, or AWS's defaults).
struct Preferences {
  std::string document;  // its name
  ssm::SessionDocumentContent content;
};
Result<Preferences> PreferencesFor(const world::World& w, const std::string& account,
                                   const std::optional<std::string>& document_name);

// The request keys StartSession adds for a target: its tags as
// ssm:resourceTag/K and aws:ResourceTag/K, and ssm:SessionDocumentAccessCheck
// when a document is named.
void AddStartSessionTargetKeys(const world::Host* host, bool document_named, policy::RequestContext& c);
// The names of the keys AddStartSessionTargetKeys sets for `host`.
std::vector<std::string> StartSessionTargetKeyNames(const world::Host& host);

// What RunAs needs to know about an identity.
ssm::RunAsPrincipal RunAsPrincipalOf(const world::World& w, const world::Identity& id);

// Session documents of the world checked against the schema.
Status ValidateDocuments(const world::World& w);

}  // namespace gatehouse::services
