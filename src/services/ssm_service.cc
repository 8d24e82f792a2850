// services/ssm_service.cc: Session Manager operations.
#include "services/ssm_service.h"

#include <algorithm>

#include "common/ascii.h"
#include "policy/values.h"
#include "services/authz.h"
#include "world/ids.h"

namespace gatehouse::services {
namespace {

Error Err(std::string_view code, std::string message) { return MakeError(std::string(code), std::move(message)); }

// AWS-owned Session documents clients commonly name.
struct AwsDocument {
  std::string_view name;
  ssm::SessionType type;
};
constexpr AwsDocument kAwsDocuments[] = {
    {"AWS-StartSSHSession", ssm::SessionType::kPort},
    {"AWS-StartPortForwardingSession", ssm::SessionType::kPort},
    {"AWS-StartPortForwardingSessionToRemoteHost", ssm::SessionType::kPort},
    {"AWS-StartInteractiveCommand", ssm::SessionType::kInteractiveCommands},
    {"AWS-StartNonInteractiveCommand", ssm::SessionType::kNonInteractiveCommands},
};

const AwsDocument* FindAwsDocument(std::string_view name) {
  for (const AwsDocument& d : kAwsDocuments)
    if (d.name == name) return &d;
  return nullptr;
}

// A document named by name or ARN -> its name.
std::string DocumentNameOf(const std::string& name_or_arn) {
  const std::size_t slash = name_or_arn.rfind("document/");
  if (name_or_arn.rfind("arn:", 0) == 0 && slash != std::string::npos) return name_or_arn.substr(slash + 9);
  return name_or_arn;
}

std::string DocumentArn(const world::World& w, const std::string& region, const std::string& account,
                        const std::string& name) {
  const bool aws_owned = FindAwsDocument(name) != nullptr;
  return "arn:" + w.partition + ":ssm:" + region + ":" + (aws_owned ? std::string() : account) + ":document/" + name;
}

std::string TargetArn(const world::World& w, const std::string& region, const std::string& account,
                      const std::string& target) {
  if (target.rfind("mi-", 0) == 0)
    return "arn:" + w.partition + ":ssm:" + region + ":" + account + ":managed-instance/" + target;
  return "arn:" + w.partition + ":ec2:" + region + ":" + account + ":instance/" + target;
}

// The host a target names, if it is in the caller's account and region.
const world::Host* FindTarget(const world::World& w, const std::string& target, const std::string& account,
                              const std::string& region) {
  const world::Host* h = w.FindHost(target);
  if (h == nullptr || h->account != account || h->region != region) return nullptr;
  return h;
}

std::string CallerName(const world::Identity& id) {
  switch (id.kind) {
    case world::Identity::Kind::kRoot: return "root";
    case world::Identity::Kind::kUser: return id.user->name;
    case world::Identity::Kind::kRoleSession: return id.session_name;
  }
  return "session";
}

Status ValidateLength(std::string_view value, std::string_view member, std::size_t lo, std::size_t hi) {
  if (value.size() < lo || value.size() > hi)
    return Err(kValidationException, "1 validation error detected: Value '" + std::string(value) + "' at '" +
                                         std::string(member) + "' failed to satisfy constraint: Member must have length " +
                                         (value.size() < lo ? "greater than or equal to " + std::to_string(lo)
                                                            : "less than or equal to " + std::to_string(hi)));
  return Status::Ok();
}

std::string StreamUrl(const SsmContext& ctx, const std::string& id) {
  const std::string base =
      ctx.stream_host.empty() ? "wss://ssmmessages." + ctx.env.region + ".amazonaws.com" : ctx.stream_host;
  return base + "/v1/data-channel/" + id + "?role=publish_subscribe";
}

void AddHostTags(const world::Host* h, policy::RequestContext& c) {
  if (h == nullptr) return;
  for (const auto& [k, v] : h->tags) {
    c.Set("ssm:resourceTag/" + k, v);
    c.Set("aws:ResourceTag/" + k, v);
  }
}

}  // namespace

void AddStartSessionTargetKeys(const world::Host* host, bool document_named, policy::RequestContext& c) {
  AddHostTags(host, c);
  if (document_named) c.Set("ssm:SessionDocumentAccessCheck", "true");
}

std::vector<std::string> StartSessionTargetKeyNames(const world::Host& host) {
  std::vector<std::string> names;
  for (const auto& [k, v] : host.tags) {
    names.push_back("ssm:resourceTag/" + k);
    names.push_back("aws:ResourceTag/" + k);
  }
  return names;
}

ssm::RunAsPrincipal RunAsPrincipalOf(const world::World& w, const world::Identity& id) {
  ssm::RunAsPrincipal p;
  switch (id.kind) {
    case world::Identity::Kind::kRoot:
      break;
    case world::Identity::Kind::kUser:
      if (const world::Tag* t = world::FindTag(id.user->tags, "SSMSessionRunAs")) {
        p.has_tag = true;
        p.tag_value = t->value;
        p.tag_owner = "IAM user " + id.user->name;
      }
      for (const world::Group* g : id.user->groups) p.groups.push_back(g->arn);
      break;
    case world::Identity::Kind::kRoleSession:
      // Session tags override the role's tags (aws:PrincipalTag), and count
      // for RunAs (docs/semantics.md "RunAs").
      if (const world::Tag* t = world::FindTag(id.session_tags, "SSMSessionRunAs")) {
        p.has_tag = true;
        p.tag_value = t->value;
        const bool from_role = world::FindTag(id.role->tags, "SSMSessionRunAs") != nullptr &&
                               world::FindTag(id.role->tags, "SSMSessionRunAs")->value == t->value;
        p.tag_owner = from_role ? "role " + id.role->name : "session " + id.Arn(w) + " (session tag)";
      }
      p.role_name = id.role->name;
      p.role_arn = id.role->arn;
      p.permission_set = id.permission_set;
      break;
  }
  return p;
}

Result<Preferences> PreferencesFor(const world::World& w, const std::string& account,
                                   const std::optional<std::string>& document_name) {
  const world::Account* a = w.FindAccount(account);
  Preferences prefs;
  auto from_account = [&](const std::string& name) -> std::optional<Result<Preferences>> {
    if (a == nullptr) return std::nullopt;
    auto it = a->documents.find(name);
    if (it == a->documents.end()) return std::nullopt;
    Result<ssm::SessionDocumentContent> c = ssm::ParseSessionDocument(it->second->content_json);
    if (!c.ok()) return Result<Preferences>(c.error());
    return Result<Preferences>(Preferences{name, std::move(c).value()});
  };
  const std::string default_name(ssm::kPreferencesDocument);
  if (document_name) {
    const std::string name = DocumentNameOf(*document_name);
    if (const AwsDocument* aws = FindAwsDocument(name)) {
      // AWS-owned documents carry no preferences: the account's apply.
      Result<Preferences> base = PreferencesFor(w, account, std::nullopt);
      if (!base.ok()) return base;
      base->content.session_type = aws->type;
      base->document = name;
      return base;
    }
    if (auto found = from_account(name)) return *found;
    return Err(kInvalidDocument, "Document " + name + " does not exist in account " + account);
  }
  if (auto found = from_account(default_name)) return *found;
  prefs.document = default_name + " (absent: AWS defaults)";
  prefs.content = ssm::DefaultPreferences();
  return prefs;
}

Status ValidateDocuments(const world::World& w) {
  for (const auto& [id, a] : w.accounts)
    for (const auto& [name, d] : a->documents) {
      Result<ssm::SessionDocumentContent> c = ssm::ParseSessionDocument(d->content_json);
      if (!c.ok())
        return MakeError(c.error().code, "document " + name + ": " + c.error().message, d->pos.line, d->pos.column);
    }
  return Status::Ok();
}

AccessCheck CheckStartSession(const world::World& w, const world::Identity& caller, const StartSessionInput& in,
                              const SsmContext& ctx, bool require_user_on_host) {
  AccessCheck out;
  const std::string& region = ctx.env.region;
  const world::Host* host = FindTarget(w, in.target, caller.account, region);
  // The target, with its tags as ssm:resourceTag/* and aws:ResourceTag/*.
  AuthzRequest target_req;
  target_req.action = "ssm:StartSession";
  target_req.resource = TargetArn(w, region, caller.account, in.target);
  // A named document is access-checked (docs/semantics.md).
  AddStartSessionTargetKeys(host, in.document_name.has_value(), target_req.extra);
  AuthzResult target = Authorize(w, caller, target_req, ctx.env);
  out.decision = target.decision;
  if (!target.allowed()) {
    out.message = target.message;
    return out;
  }
  if (in.document_name) {
    const std::string name = DocumentNameOf(*in.document_name);
    // A document named by ARN is authorised on that ARN; one in another
    // account or region is not found (gatehouse does not model documents
    // shared between accounts).
    const std::string own_arn = DocumentArn(w, region, caller.account, name);
    const bool by_arn = in.document_name->rfind("arn:", 0) == 0;
    AuthzRequest doc_req;
    doc_req.action = "ssm:StartSession";
    doc_req.resource = by_arn ? *in.document_name : own_arn;
    doc_req.extra.Set("ssm:SessionDocumentAccessCheck", "true");
    AuthzResult doc = Authorize(w, caller, doc_req, ctx.env);
    if (!doc.allowed()) {
      out.decision = doc.decision;
      out.message = doc.message;
      return out;
    }
    if (by_arn && *in.document_name != own_arn) {
      out.error = Err(kInvalidDocument, "Document " + *in.document_name + " does not exist in account " +
                                            caller.account + " and region " + region);
      return out;
    }
  }
  if (host == nullptr) {
    out.error = Err(kTargetNotConnected, in.target + " is not connected.");
    return out;
  }
  Result<Preferences> prefs = PreferencesFor(w, caller.account, in.document_name);
  if (!prefs.ok()) {
    out.error = prefs.error();
    return out;
  }
  if (prefs->content.session_type == ssm::SessionType::kPort) return out;  // no shell: RunAs does not apply
  Result<ssm::RunAsDecision> run_as =
      require_user_on_host
          ? ssm::ResolveRunAs(prefs->content.inputs, prefs->document, RunAsPrincipalOf(w, caller), ctx.run_as,
                              host->linux_users)
          : ssm::ChooseRunAs(prefs->content.inputs, prefs->document, RunAsPrincipalOf(w, caller), ctx.run_as);
  if (!run_as.ok()) {
    out.error = run_as.error();
    return out;
  }
  out.run_as = std::move(run_as).value();
  return out;
}

Result<StartSessionResult> StartSession(const world::World& w, const world::Identity& caller,
                                        const StartSessionInput& in, const SsmContext& ctx, ssm::SessionStore* store,
                                        StartSessionExplanation* explanation) {
  if (Status s = ValidateLength(in.target, "target", 1, 400); !s.ok()) return s.error();
  if (in.document_name) {
    const std::string name = DocumentNameOf(*in.document_name);
    bool ok = name.size() >= 3 && name.size() <= 128;
    for (char c : name) ok = ok && (ascii::IsAlnum(c) || c == '_' || c == '-' || c == '.');
    if (!ok)
      return Err(kValidationException, "1 validation error detected: Value '" + *in.document_name +
                                           "' at 'documentName' failed to satisfy constraint: Member must satisfy "
                                           "regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$");
  }
  if (in.reason)
    if (Status s = ValidateLength(*in.reason, "reason", 1, 256); !s.ok()) return s.error();

  const AccessCheck check = CheckStartSession(w, caller, in, ctx);
  StartSessionExplanation ex;
  ex.target_decision = check.decision;
  ex.run_as = check.run_as;
  if (explanation != nullptr) *explanation = ex;
  if (!check.decision.allowed()) return Err(kAccessDeniedException, check.message);

  const std::int64_t now = ctx.env.now;
  ssm::Session s;
  s.id = ssm::MakeSessionId(CallerName(caller), caller.UserId() + "|" + in.target + "|" + std::to_string(now) + "|" +
                                                    std::to_string(store ? store->List().size() : 0));
  s.account = caller.account;
  s.region = ctx.env.region;
  s.arn = ssm::SessionArn(w.partition, s.region, s.account, s.id);
  s.target = in.target;
  s.owner = caller.Arn(w);
  s.owner_user_id = caller.UserId();
  if (in.reason) s.reason = *in.reason;
  s.start = now;
  s.last_activity = now;

  if (check.error) {
    // Not authorisation: an unknown target fails the call; a RunAs failure
    // is a session that started and failed, as in AWS.
    if (check.error->code == kTargetNotConnected || check.error->code == kInvalidDocument) return *check.error;
    Result<Preferences> prefs = PreferencesFor(w, caller.account, in.document_name);
    s.document_name = prefs.ok() ? prefs->document : std::string(ssm::kPreferencesDocument);
    ssm::Fail(s, now, check.error->message);
    if (store != nullptr) (void)store->Put(s);
    return *check.error;
  }
  Result<Preferences> prefs = PreferencesFor(w, caller.account, in.document_name);
  if (!prefs.ok()) return prefs.error();
  s.document_name = in.document_name ? DocumentNameOf(*in.document_name) : std::string(ssm::kPreferencesDocument);
  s.idle_timeout_minutes = prefs->content.inputs.idle_session_timeout_minutes;
  s.max_duration_minutes = prefs->content.inputs.max_session_duration_minutes;
  if (check.run_as) {
    s.run_as_user = check.run_as->user;
    s.run_as_source = std::string(ssm::RunAsSourceName(check.run_as->source));
    s.run_as_rule = check.run_as->rule;
  }
  s.token = world::DeriveSecret("token|" + s.id + "|" + std::to_string(now)) +
            world::DeriveSecret("token2|" + s.id + "|" + std::to_string(now));
  s.stream_url = StreamUrl(ctx, s.id);
  ex.document = prefs->document;
  if (explanation != nullptr) *explanation = ex;
  if (store != nullptr)
    if (Status st = store->Put(s); !st.ok()) return st.error();
  return StartSessionResult{std::move(s), std::move(ex)};
}

namespace {

// Authorises an action on a session ARN, with the session's system tags.
AuthzResult AuthorizeOnSession(const world::World& w, const world::Identity& caller, std::string_view action,
                               const std::string& session_id, const std::optional<ssm::Session>& session,
                               const SsmContext& ctx) {
  AuthzRequest r;
  r.action = std::string(action);
  r.resource = ssm::SessionArn(w.partition, ctx.env.region, caller.account, session_id);
  if (session)
    for (const auto& [k, v] : session->SystemTags()) r.extra.Set("ssm:resourceTag/" + k, v);
  return Authorize(w, caller, r, ctx.env);
}

// The session, if it is the caller's account and region's.
std::optional<ssm::Session> FindSession(ssm::SessionStore& store, const std::string& id, const world::Identity& caller,
                                        const SsmContext& ctx) {
  std::optional<ssm::Session> s = store.Get(id);
  if (s && (s->account != caller.account || s->region != ctx.env.region)) return std::nullopt;
  if (s) {
    const ssm::SessionStatus before = s->status;
    ssm::Tick(*s, ctx.env.now);
    if (s->status != before) (void)store.Put(*s);
  }
  return s;
}

}  // namespace

Result<std::string> TerminateSession(const world::World& w, const world::Identity& caller,
                                     const std::string& session_id, const SsmContext& ctx, ssm::SessionStore& store) {
  if (Status s = ValidateLength(session_id, "sessionId", 1, 96); !s.ok()) return s.error();
  std::optional<ssm::Session> session = FindSession(store, session_id, caller, ctx);
  AuthzResult authz = AuthorizeOnSession(w, caller, "ssm:TerminateSession", session_id, session, ctx);
  if (!authz.allowed()) return Err(kAccessDeniedException, authz.message);
  if (session) {
    ssm::Terminate(*session, ctx.env.now, "Terminated by " + caller.Arn(w));
    if (Status st = store.Put(*session); !st.ok()) return st.error();
  }
  return session_id;  // idempotent, also for unknown ids
}

Result<ResumeResult> ResumeSession(const world::World& w, const world::Identity& caller, const std::string& session_id,
                                   const SsmContext& ctx, ssm::SessionStore& store) {
  if (Status s = ValidateLength(session_id, "sessionId", 1, 96); !s.ok()) return s.error();
  std::optional<ssm::Session> session = FindSession(store, session_id, caller, ctx);
  AuthzResult authz = AuthorizeOnSession(w, caller, "ssm:ResumeSession", session_id, session, ctx);
  if (!authz.allowed()) return Err(kAccessDeniedException, authz.message);
  if (!session) return Err(kDoesNotExistException, "Session " + session_id + " does not exist.");
  ResumeResult r;
  r.session_id = session_id;
  r.stream_url = session->stream_url;
  if (session->active() && session->status != ssm::SessionStatus::kTerminating) {
    if (Status st = ssm::Resume(*session, ctx.env.now); !st.ok()) return st.error();
    session->token = world::DeriveSecret("resume|" + session->id + "|" + std::to_string(ctx.env.now)) +
                     world::DeriveSecret("resume2|" + session->id + "|" + std::to_string(ctx.env.now));
    r.token = session->token;
    if (Status st = store.Put(*session); !st.ok()) return st.error();
  }
  return r;
}

Result<std::vector<ssm::Session>> DescribeSessions(const world::World& w, const world::Identity& caller,
                                                   const std::string& state, const std::vector<SessionFilter>& filters,
                                                   const SsmContext& ctx, ssm::SessionStore& store) {
  if (state != "Active" && state != "History")
    return Err(kValidationException, "1 validation error detected: Value '" + state +
                                         "' at 'state' failed to satisfy constraint: Member must satisfy enum value set: "
                                         "[Active, History]");
  if (filters.size() > 6)
    return Err(kValidationException, "1 validation error detected: Value at 'filters' failed to satisfy constraint: "
                                     "Member must have length less than or equal to 6");
  for (const SessionFilter& f : filters) {
    if (f.key != "InvokedAfter" && f.key != "InvokedBefore" && f.key != "Target" && f.key != "Owner" &&
        f.key != "Status" && f.key != "SessionId" && f.key != "AccessType")
      return Err(kInvalidFilterKey, "The filter key " + f.key + " is not valid.");
    if (f.value.empty() || f.value.size() > 400)
      return Err(kValidationException, "filter values have 1 to 400 characters");
    if ((f.key == "InvokedAfter" || f.key == "InvokedBefore") && !policy::ParseDate(f.value))
      return Err(kValidationException, "the " + f.key + " filter takes a date-time such as 2024-08-29T00:00:00Z");
    if (f.key == "Status" && !ssm::StatusFromName(f.value))
      return Err(kValidationException, "the Status filter takes Connected, Connecting, Disconnected, Terminated, "
                                       "Terminating or Failed");
  }
  AuthzRequest r;
  r.action = "ssm:DescribeSessions";
  r.resource = "*";
  AuthzResult authz = Authorize(w, caller, r, ctx.env);
  if (!authz.allowed()) return Err(kAccessDeniedException, authz.message);

  std::vector<ssm::Session> out;
  for (ssm::Session s : store.List()) {
    if (s.account != caller.account || s.region != ctx.env.region) continue;
    const ssm::SessionStatus before = s.status;
    ssm::Tick(s, ctx.env.now);
    if (s.status != before) (void)store.Put(s);
    if ((state == "Active") != s.active()) continue;
    bool keep = true;
    for (const SessionFilter& f : filters) {
      if (f.key == "InvokedAfter") keep = keep && s.start * 1000000 >= *policy::ParseDate(f.value);
      else if (f.key == "InvokedBefore") keep = keep && s.start * 1000000 < *policy::ParseDate(f.value);
      else if (f.key == "Target") keep = keep && s.target == f.value;
      else if (f.key == "Owner") keep = keep && s.owner == f.value;
      else if (f.key == "Status") keep = keep && ssm::StatusName(s.status) == f.value;
      else if (f.key == "SessionId") keep = keep && s.id == f.value;
      else if (f.key == "AccessType") keep = keep && f.value == "Standard";
    }
    if (keep) out.push_back(std::move(s));
  }
  return out;
}

Result<std::string> GetConnectionStatus(const world::World& w, const world::Identity& caller, const std::string& target,
                                        const SsmContext& ctx) {
  if (Status s = ValidateLength(target, "target", 1, 400); !s.ok()) return s.error();
  const world::Host* host = FindTarget(w, target, caller.account, ctx.env.region);
  AuthzRequest r;
  r.action = "ssm:GetConnectionStatus";
  r.resource = TargetArn(w, ctx.env.region, caller.account, target);
  AddHostTags(host, r.extra);
  AuthzResult authz = Authorize(w, caller, r, ctx.env);
  if (!authz.allowed()) return Err(kAccessDeniedException, authz.message);
  return std::string(host != nullptr ? "connected" : "notconnected");
}

}  // namespace gatehouse::services
