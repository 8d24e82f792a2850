// sts/caller.cc: parsing and resolving callers.
#include "sts/caller.h"

#include <array>
#include <set>

#include "common/ascii.h"
#include "policy/values.h"

namespace gatehouse::sts {
namespace {

Error Usage(std::string message) { return MakeError(std::string(kCallerSpecError), std::move(message)); }

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

Result<std::vector<Tag>> ParseTags(std::string_view text) {
  std::vector<Tag> tags;
  if (text.empty()) return tags;
  for (const std::string& item : Split(text, ';')) {
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) return Usage("a tag is KEY=VALUE, found \"" + item + "\"");
    tags.push_back(Tag{item.substr(0, eq), item.substr(eq + 1)});
  }
  return tags;
}

Result<std::int64_t> ParseSeconds(std::string_view text) {
  const std::optional<double> n = policy::ParseNumber(text);
  if (!n || *n != static_cast<double>(static_cast<std::int64_t>(*n))) return Usage("duration-seconds must be a whole number");
  return static_cast<std::int64_t>(*n);
}

// Applies one setting (from an --assume hop or a profile) to the params.
Status Apply(AssumeRoleParams& p, std::string_view key, const std::string& value, std::string_view where) {
  if (key == "session-name" || key == "role_session_name") {
    p.role_session_name = value;
  } else if (key == "external-id" || key == "external_id") {
    p.external_id = value;
  } else if (key == "duration-seconds" || key == "duration_seconds") {
    Result<std::int64_t> d = ParseSeconds(value);
    if (!d.ok()) return d.error();
    p.duration_seconds = *d;
  } else if (key == "tags") {
    Result<std::vector<Tag>> t = ParseTags(value);
    if (!t.ok()) return t.error();
    p.tags = std::move(t).value();
  } else if (key == "transitive-tag-keys" || key == "transitive_tag_keys") {
    p.transitive_tag_keys = Split(value, ';');
  } else if (key == "source-identity" || key == "source_identity") {
    p.source_identity = value;
  } else if (key == "mfa-code") {
    p.token_code = value;
  } else {
    return Usage("unknown setting \"" + std::string(key) + "\" in " + std::string(where));
  }
  return Status::Ok();
}

constexpr std::array<std::string_view, 7> kHopKeys = {"session-name",    "external-id",     "duration-seconds",
                                                      "tags",            "transitive-tag-keys", "source-identity",
                                                      "mfa-code"};

}  // namespace

Result<AssumeRoleParams> ParseAssumeHop(std::string_view spec, std::int64_t now) {
  // Role names may contain commas, so the ARN ends at the first ",key=" of
  // a known setting.
  std::size_t arn_end = spec.size();
  for (std::string_view k : kHopKeys) {
    const std::size_t at = spec.find("," + std::string(k) + "=");
    if (at != std::string_view::npos && at < arn_end) arn_end = at;
  }
  AssumeRoleParams p;
  p.role_arn = std::string(spec.substr(0, arn_end));
  p.role_session_name = "botocore-session-" + std::to_string(now);  // what the aws CLI uses by default
  std::string_view rest = spec.substr(arn_end);
  while (!rest.empty()) {
    rest.remove_prefix(1);  // ','
    std::size_t next = rest.size();
    for (std::string_view k : kHopKeys) {
      const std::size_t at = rest.find("," + std::string(k) + "=");
      if (at != std::string_view::npos && at < next) next = at;
    }
    const std::string_view item = rest.substr(0, next);
    const std::size_t eq = item.find('=');
    if (Status s = Apply(p, item.substr(0, eq), std::string(item.substr(eq + 1)), "--assume " + std::string(spec)); !s.ok())
      return s.error();
    rest = rest.substr(next);
  }
  return p;
}

namespace {

Result<ResolvedCaller> FromCaller(const world::World& w, const std::string& caller, const CallContext& ctx) {
  ResolvedCaller out;
  if (caller.rfind("sso:", 0) == 0) {
    // sso:USER/PERMISSION_SET@ACCOUNT
    const std::string body = caller.substr(4);
    const std::size_t slash = body.find('/');
    const std::size_t at = body.rfind('@');
    if (slash == std::string::npos || at == std::string::npos || at < slash)
      return Usage("an Identity Center caller is sso:USER/PERMISSION_SET@ACCOUNT, found \"" + caller + "\"");
    const std::string user = body.substr(0, slash), ps = body.substr(slash + 1, at - slash - 1),
                      account = body.substr(at + 1);
    Result<world::Identity> id = SsoSignIn(w, user, ps, account, ctx);
    if (!id.ok()) return id.error();
    out.identity = std::move(id).value();
    out.hops.push_back(Hop{"Identity Center sign-in: " + user + " with " + ps + " in " + account, out.identity});
    return out;
  }
  Result<world::Identity> id = LongTermIdentity(w, caller);
  if (!id.ok()) return id.error();
  out.identity = std::move(id).value();
  out.hops.push_back(Hop{"caller " + caller, out.identity});
  return out;
}

Status AssumeHop(const world::World& w, ResolvedCaller& r, const AssumeRoleParams& p, const CallContext& ctx,
                 std::size_t n) {
  Result<AssumeRoleResult> s = AssumeRole(w, r.identity, p, ctx);
  if (!s.ok()) {
    Error e = s.error();
    e.message = e.message + " (hop " + std::to_string(n) + ": AssumeRole " + p.role_arn + ")";
    return e;
  }
  r.identity = std::move(s->session);
  r.hops.push_back(Hop{"AssumeRole " + p.role_arn + " as " + p.role_session_name, r.identity});
  return Status::Ok();
}

Result<ResolvedCaller> FromProfile(const world::World& w, const std::string& name, const CallContext& ctx,
                                   std::set<std::string>& seen) {
  auto it = w.profiles.find(name);
  if (it == w.profiles.end()) return Usage("unknown profile \"" + name + "\"");
  if (!seen.insert(name).second) return Usage("profile \"" + name + "\" is part of a source_profile cycle");
  const world::Profile& pr = it->second;
  const auto get = [&](const char* k) -> const std::string* {
    auto s = pr.settings.find(k);
    return s == pr.settings.end() ? nullptr : &s->second;
  };
  if (const std::string* c = get("caller")) return FromCaller(w, *c, ctx);
  if (const std::string* account = get("sso_account_id")) {
    return FromCaller(w, "sso:" + *get("sso_user") + "/" + *get("sso_role_name") + "@" + *account, ctx);
  }
  Result<ResolvedCaller> source = FromProfile(w, *get("source_profile"), ctx, seen);
  if (!source.ok()) return source;
  AssumeRoleParams p;
  p.role_arn = *get("role_arn");
  p.role_session_name = "botocore-session-" + std::to_string(ctx.now);
  for (const auto& [k, v] : pr.settings) {
    if (k == "source_profile" || k == "role_arn" || k == "region") continue;
    if (Status s = Apply(p, k, v, "profile " + name); !s.ok()) return s.error();
  }
  ResolvedCaller r = std::move(source).value();
  if (Status s = AssumeHop(w, r, p, ctx, r.hops.size()); !s.ok()) return s.error();
  return r;
}

}  // namespace

Result<ResolvedCaller> ResolveCaller(const world::World& w, const CallerSpec& spec, const CallContext& ctx) {
  if (spec.profile) {
    if (!spec.caller.empty() || !spec.assume.empty()) return Usage("--profile excludes --caller and --assume");
    std::set<std::string> seen;
    Result<ResolvedCaller> r = FromProfile(w, *spec.profile, ctx, seen);
    if (!r.ok()) return r;
    // The region of the profile named, not of its source profiles.
    const world::Profile& named = w.profiles.at(*spec.profile);
    if (auto region = named.settings.find("region"); region != named.settings.end()) r->region = region->second;
    return r;
  }
  if (spec.caller.empty()) return Usage("name the caller with --caller or --profile");
  // Every hop's syntax first: a typo is reported before any call is made.
  std::vector<AssumeRoleParams> hops;
  for (const std::string& hop : spec.assume) {
    Result<AssumeRoleParams> p = ParseAssumeHop(hop, ctx.now);
    if (!p.ok()) return p.error();
    hops.push_back(std::move(p).value());
  }
  Result<ResolvedCaller> r = FromCaller(w, spec.caller, ctx);
  if (!r.ok()) return r;
  for (AssumeRoleParams& p : hops) {
    // An MFA code applies to the caller's own device.
    if (p.token_code && r->identity.kind == world::Identity::Kind::kUser && r->identity.user->mfa)
      p.serial_number = r->identity.user->mfa_serial;
    if (Status s = AssumeHop(w, *r, p, ctx, r->hops.size()); !s.ok()) return s.error();
  }
  return r;
}

}  // namespace gatehouse::sts
