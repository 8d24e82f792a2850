#!/usr/bin/env bash
# tests/scenarios/scenarios_test.sh: the acceptance test of issue 4: every
# expected outcome of ../shared/scenarios.md (A to E, and E with gatehouse's
# RunAs mappings) checked over the example worlds (examples/worlds/*.yaml)
# as a user checks them: `gatehouse access check` (decision, runAs.user,
# runAs.source, AWS's AccessDenied text, exit codes), `gatehouse ssm
# start-session | terminate-session | resume-session | describe-sessions`,
# `gatehouse ec2 create-tags | delete-tags`, and the findings of `gatehouse
# access matrix --output json`, which must fire on the flawed worlds and stay
# silent on fixed variants of them (made here with sed).
# Usage: scenarios_test.sh <gatehouse binary> <repo root>
set -u
. "$(dirname "$0")/../lib/checks.sh"

# ---- access check helpers.
# access <world> <args...>: runs `access check`; stdout in $T/acc.json,
# stderr in $T/acc.err, exit code in $rc.
access() {
  local world=$1
  shift
  "$GH" access check -w "$world" "$@" > "$T/acc.json" 2> "$T/acc.err"
  rc=$?
}
# summary: "decision user source" of the last access check ("-" when absent),
# or "error CODE" for an error object.
summary() {
  python3 -c '
import json,sys
try:
    j = json.load(open(sys.argv[1]))
except Exception as e:
    print("unparsable", e); sys.exit(0)
if "error" in j:
    print("error", j["error"]["code"]); sys.exit(0)
r = j.get("runAs") or {}
print(j.get("decision", "-"), r.get("user", "-"), r.get("source", "-"))' "$T/acc.json"
}
# expect <world> <"decision user source" | "error CODE"> <caller and target args...>
# An answer exits 0; an error object exits 1 (issue 4, "access check").
expect() {
  local world=$1 want=$2
  shift 2
  access "$world" "$@"
  local got
  got=$(summary)
  check "$(basename "$world") $*: want \"$want\", got \"$got\"" test "$got" = "$want"
  if [ "${want%% *}" = error ]; then
    check "$(basename "$world") $*: an error exits 1 (got $rc)" test "$rc" -eq 1
  else
    check "$(basename "$world") $*: an answer exits 0 (got $rc)" test "$rc" -eq 0
  fi
}
# findings <world> [more matrix args]: the matrix's findings as lines
# "kind|subject|detail" in $T/findings.txt.
findings() {
  local world=$1
  shift
  "$GH" access matrix -w "$world" --output json "$@" > "$T/matrix.json" 2> "$T/matrix.err"
  local mrc=$?
  check "access matrix on $(basename "$world") exits 0 (got $mrc)" test "$mrc" -eq 0
  python3 -c '
import json,sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["kind"] + "|" + f["subject"] + "|" + f["detail"])' "$T/matrix.json" > "$T/findings.txt"
}
has_finding() {  # has_finding <kind> <text in subject or detail>
  grep "^$1|" "$T/findings.txt" | grep -qF -- "$2"
}
count_findings() {  # count_findings <kind>
  grep -c "^$1|" "$T/findings.txt"
}

INSTANCE=arn:aws:ec2:us-east-1:111122223333:instance

# ==== A. Per-user hosts behind one shared Identity Center role (seed 000).
A=$W/a-per-user-hosts.yaml
H1=i-0a11ce00000000001 H2=i-0a11ce00000000002 H3=i-0a11ce00000000003 H4=i-0a11ce00000000004
# Scenario A's RunAs is disabled in the world's preferences: every allowed
# session runs as ssm-user (ssm-protocol.md §2.12).
OK="Allow ssm-user ssm-user"
# alice->1 Allow; bob->1 ExplicitDeny; bob->2 Allow (User2); carol->2
# ExplicitDeny; anyone->3 Allow (the Deny needs the User tag); carol->4 Allow
# (User2 alone does not protect a host).
expect "$A" "$OK" --profile alice --target $H1
expect "$A" "$OK" --profile alice --target $H2
expect "$A" "ExplicitDeny - -" --profile bob --target $H1
expect "$A" "$OK" --profile bob --target $H2
expect "$A" "ExplicitDeny - -" --profile carol --target $H1
expect "$A" "ExplicitDeny - -" --profile carol --target $H2
for p in alice bob carol; do expect "$A" "$OK" --profile $p --target $H3; done
expect "$A" "$OK" --profile carol --target $H4
expect "$A" "$OK" --profile bob --target $H4
# AWS's message, naming the Identity Center session and the instance ARN
# (iam-semantics.md §7.6), and the Deny statement that decided.
access "$A" --profile bob --target $H1
check "A: bob->1 message" grep -Eq "\"message\": \"User: arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developers_[0-9a-f]{16}/bob is not authorized to perform: ssm:StartSession on resource: $INSTANCE/$H1 with an explicit deny in an identity-based policy\"" "$T/acc.json"
check "A: bob->1 matched the seed's Deny" test "$(json "$T/acc.json" '[m.get("sid") for m in j["matched"]]')" = "['DenyStartSessionIfUserNotInSessionUserTags']"
check "A: bob->1 deniedBy" test "$(json "$T/acc.json" 'j["deniedBy"]')" = "identity-based policy"
access "$A" --profile alice --target $H1
check "A: alice->1 has no message" test "$(json "$T/acc.json" '"message" in j')" = False
check "A: alice->1 principal is her SSO session" grep -Eq '"principal": "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developers_[0-9a-f]{16}/alice"' "$T/acc.json"

# Principal-tag variant: the User attribute as a session tag and the Deny on
# ${aws:PrincipalTag/User}; with User2 covered too, the same outcomes.
for p in alice bob carol; do
  for h in $H1 $H2 $H3 $H4; do
    access "$A" --caller sso:$p/Developers@111122223333 --target $h
    base=$(summary)
    expect "$A" "$base" --caller sso:$p/DevelopersTagVariantUser2@111122223333 --target $h
  done
done
# The seed's own variant reads only User: bob is refused on host 2 (User=alice).
expect "$A" "ExplicitDeny - -" --profile bob-tags --target $H2
expect "$A" "$OK" --profile alice-tags --target $H1

# Tag tampering: alice may not change User/User2 (seed's
# PreventTamperingWithSessionUserTags), may change Name.
tags() {  # tags <create|delete> <expected rc> <description> <args...>
  local verb=$1 want=$2 what=$3
  shift 3
  "$GH" ec2 $verb-tags -w "$A" "$@" > "$T/tag.out" 2> "$T/tag.err"
  local trc=$?
  check "A: $what exits $want (got $trc)" test "$trc" -eq "$want"
  if [ "$want" -eq 1 ]; then
    check "A: $what is UnauthorizedOperation with an explicit deny" grep -q "^An error occurred (UnauthorizedOperation) when calling the $( [ $verb = create ] && echo CreateTags || echo DeleteTags) operation: You are not authorized to perform this operation\. User: .* with an explicit deny in an identity-based policy$" "$T/tag.err"
  else
    check "A: $what prints nothing (as the aws CLI)" test ! -s "$T/tag.out"
  fi
}
tags create 1 "alice CreateTags User on 1" --profile alice --resources $H1 --tags Key=User,Value=alice
tags create 1 "alice CreateTags Name+User2 on 1" --profile alice --resources $H1 --tags Key=Name,Value=x Key=User2,Value=bob
tags create 0 "alice CreateTags Name on 1" --profile alice --resources $H1 --tags Key=Name,Value=x
tags delete 1 "alice DeleteTags User on 1" --profile alice --resources $H1 --tags Key=User
tags delete 1 "alice DeleteTags User=alice on 1" --profile alice --resources $H1 --tags Key=User,Value=alice
# DeleteTags without --tags deletes every tag, User included: aws:TagKeys
# are then the host's keys, and the Deny applies.
tags delete 1 "alice DeleteTags (every tag) on 1" --profile alice --resources $H1
tags delete 0 "alice DeleteTags (every tag) on untagged-by-User 3" --profile alice --resources $H3
tags create 1 "carol CreateTags User on 3 (claiming an open host)" --profile carol --resources $H3 --tags Key=User,Value=carol
tags create 1 "the tag variant protects User too" --profile alice-tags --resources $H1 --tags Key=User,Value=alice

# The caveat: mallory may assume DevelopersSharedRole (same policy) and
# name her session alice: AWS-faithful Allow on alice's host.
expect "$A" "$OK" --profile mallory-as-alice --target $H1
expect "$A" "$OK" --profile mallory-as-alice --target $H2
expect "$A" "ExplicitDeny - -" --profile mallory-own-name --target $H1
expect "$A" "$OK" --profile mallory-own-name --target $H3
expect "$A" "ImplicitDeny - -" --profile mallory --target $H1
expect "$A" "$OK" --caller arn:aws:iam::111122223333:user/mallory \
  --assume arn:aws:iam::111122223333:role/DevelopersSharedRole,session-name=bob --target $H4

# Sessions: StartSession and TerminateSession by the session-id system tag
# (= ${aws:userid}, which works for SSO users who have no aws:username).
S=$T/a-sessions.json
"$GH" ssm start-session -w "$A" --profile alice --target $H1 --sessions "$S" > "$T/start.json" 2> "$T/start.err"
check "A: alice start-session on 1 exits 0" test $? -eq 0
SID=$(json "$T/start.json" 'j["SessionId"]')
check "A: session id is alice-<17 hex> ($SID)" grep -Eq '^alice-[0-9a-f]{17}$' <<<"$SID"
check "A: StartSession prints SessionId, TokenValue and StreamUrl" test "$(json "$T/start.json" '",".join(sorted(j))')" = "SessionId,StreamUrl,TokenValue"
"$GH" ssm start-session -w "$A" --profile bob --target $H1 --sessions "$S" > "$T/out" 2> "$T/err"
check "A: bob start-session on 1 exits 1" test $? -eq 1
check "A: bob start-session on 1: AccessDeniedException with AWS's text" grep -Eq "^An error occurred \(AccessDeniedException\) when calling the StartSession operation: User: arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developers_[0-9a-f]{16}/bob is not authorized to perform: ssm:StartSession on resource: $INSTANCE/$H1 with an explicit deny in an identity-based policy$" "$T/err"
check "A: a denied StartSession records no session" test "$(json "$S" 'len(j["sessions"])')" = 1
"$GH" ssm terminate-session -w "$A" --profile bob --session-id "$SID" --sessions "$S" > "$T/out" 2> "$T/err"
check "A: bob cannot terminate alice's session" grep -q "^An error occurred (AccessDeniedException) when calling the TerminateSession operation: User: .*/bob is not authorized to perform: ssm:TerminateSession on resource: arn:aws:ssm:us-east-1:111122223333:session/$SID because no identity-based policy allows the ssm:TerminateSession action$" "$T/err"
"$GH" ssm terminate-session -w "$A" --profile mallory-as-alice --session-id "$SID" --sessions "$S" > "$T/out" 2> "$T/err"
check "A: mallory-as-alice cannot terminate it (another role id)" test $? -eq 1
"$GH" ssm terminate-session -w "$A" --profile alice --session-id "$SID" --sessions "$S" > "$T/out" 2> "$T/err"
check "A: alice terminates her own session" test $? -eq 0
check "A: terminate prints the SessionId" test "$(json "$T/out" 'j["SessionId"]')" = "$SID"
check "A: the session is Terminated" test "$(json "$S" 'j["sessions"][0]["status"]')" = Terminated

# Findings: the spoofable session name (mallory and DevelopersSharedRole),
# the untagged hosts the Null-guarded Deny leaves open, and the User/User2
# tags their readers may add in another case (aws:TagKeys is compared
# case-sensitively, ssm:resourceTag/K's key is not; see
# src/services/ec2_service_test.cc ScenarioA).
findings "$A"
check "A: spoofable-session-name on DevelopersSharedRole, reachable by mallory" has_finding spoofable-session-name "arn:aws:iam::111122223333:role/DevelopersSharedRole|arn:aws:iam::111122223333:user/mallory can assume DevelopersSharedRole"
check "A: exactly one spoofable-session-name (the provisioned role is not assumable by name)" test "$(count_findings spoofable-session-name)" -eq 1
check "A: untagged-host-open names hosts 3 and 4" has_finding untagged-host-open "$H3, $H4|"
check "A: tamperable-tag for the Developers sessions" has_finding tamperable-tag "sso:carol/Developers@111122223333|"
# Fixed variants, one flaw at a time: each finding goes, the others stay.
sed 's|^              Action: sts:AssumeRole$|&\n              Condition: {StringEquals: {sts:RoleSessionName: "${aws:username}"}}|' "$A" > "$T/a-no-spoof.yaml"
findings "$T/a-no-spoof.yaml"
check "A fixed (session name pinned to the caller): no spoofable-session-name" test "$(count_findings spoofable-session-name)" -eq 0
check "A fixed (session name pinned): the other findings stay" has_finding untagged-host-open "$H3, $H4|"
expect "$T/a-no-spoof.yaml" "error AccessDenied" --profile mallory-as-alice --target $H1
expect "$T/a-no-spoof.yaml" "ExplicitDeny - -" --profile mallory-own-name --target $H1
sed -e 's|tags: {Name: shared-3}|tags: {User: nobody, Name: shared-3}|' \
  -e 's|tags: {User2: bob, Name: bob-only-user2-4}|tags: {User: bob, User2: bob, Name: bob-only-user2-4}|' "$A" > "$T/a-all-tagged.yaml"
findings "$T/a-all-tagged.yaml"
check "A fixed (every host tagged User): no untagged-host-open" test "$(count_findings untagged-host-open)" -eq 0
check "A fixed (every host tagged User): the spoofing finding stays" test "$(count_findings spoofable-session-name)" -eq 1
expect "$T/a-all-tagged.yaml" "ExplicitDeny - -" --profile carol --target $H3
expect "$T/a-all-tagged.yaml" "ExplicitDeny - -" --profile carol --target $H4
sed 's|ForAnyValue:StringEquals:|ForAnyValue:StringEqualsIgnoreCase:|' "$A" > "$T/a-tags-any-case.yaml"
findings "$T/a-tags-any-case.yaml"
check "A fixed (tag keys protected in any case): no tamperable-tag" test "$(count_findings tamperable-tag)" -eq 0
check "A fixed (tag keys protected in any case): the spoofing finding stays" test "$(count_findings spoofable-session-name)" -eq 1

# ==== B. The Session Manager sample policies (seed 001).
B=$W/b-session-manager-samples.yaml
# RunAs: B's accounts have no preferences document: AWS's defaults, RunAs
# disabled (ssm-user).
# Example 1: the three listed instances Allow, a fourth ImplicitDeny (paulo
# has this world's ids; maria's documentation ids match no instance).
for h in b1 b2 b3; do expect "$B" "$OK" --profile paulo --target i-0b0b00000000000$h; done
expect "$B" "ImplicitDeny - -" --profile paulo --target i-0b0b00000000000b4
access "$B" --profile paulo --target i-0b0b00000000000b4
check "B1: paulo->4 message" test "$(json "$T/acc.json" 'j["message"]')" = "User: arn:aws:iam::123456789012:user/paulo is not authorized to perform: ssm:StartSession on resource: arn:aws:ec2:us-east-2:123456789012:instance/i-0b0b00000000000b4 because no identity-based policy allows the ssm:StartSession action"
expect "$B" "ImplicitDeny - -" --profile maria --target i-0b0b00000000000b1
# Example 2: Finance=WebServers via StringLike ssm:resourceTag/Finance:
# Allow on the tagged host; ImplicitDeny untagged and on Finance=WebServer.
# The tag-key part of a condition key matches any case
# (iam-semantics.md §8), so a host tagged finance=WebServers is allowed.
F=i-0f1a2b3c4d5e6f70
expect "$B" "$OK" --profile lena --target ${F}1
expect "$B" "ImplicitDeny - -" --profile lena --target ${F}2
expect "$B" "ImplicitDeny - -" --profile lena --target ${F}3
expect "$B" "$OK" --profile lena --target ${F}4
expect "$B" "ImplicitDeny - -" --profile lena --target ${F}5
# Two-tag variant: only hosts with both tags (values must match).
expect "$B" "$OK" --profile tomas --target ${F}5
expect "$B" "ImplicitDeny - -" --profile tomas --target ${F}6
expect "$B" "ImplicitDeny - -" --profile tomas --target ${F}7
expect "$B" "ImplicitDeny - -" --profile tomas --target ${F}1
# Example 4: administrator: everything.
expect "$B" "$OK" --profile admin --target i-0b0b00000000000b4

# Example 1 and 3: ending sessions. A session started by paulo, and
# sessions "started" by the others (who may not start any) written into the
# sessions file as Session Manager would have recorded them.
S=$T/b-sessions.json
"$GH" ssm start-session -w "$B" --profile paulo --target i-0b0b00000000000b1 --sessions "$S" > "$T/start.json" 2> /dev/null
check "B: paulo start-session exits 0" test $? -eq 0
PAULO=$(json "$T/start.json" 'j["SessionId"]')
check "B: paulo's session id is paulo-<17 hex>" grep -Eq '^paulo-[0-9a-f]{17}$' <<<"$PAULO"
userid() {  # userid <world> <profile>: the caller's aws:userid
  "$GH" sts get-caller-identity -w "$1" --profile "$2" > "$T/id.json" && json "$T/id.json" 'j["UserId"]'
}
forge() {  # forge <sessions file> <caller name> <owner ARN> <owner user id> <target>: prints the new session id
  python3 - "$@" <<'PY'
import json, sys
path, name, owner, userid, target = sys.argv[1:6]
j = json.load(open(path))
sid = "%s-%017x" % (name, 0xabc000 + len(j["sessions"]))
j["sessions"].append({"id": sid, "arn": "arn:aws:ssm:us-east-2:123456789012:session/" + sid,
    "account": "123456789012", "region": "us-east-2", "target": target, "document": "SSM-SessionManagerRunShell",
    "owner": owner, "ownerUserId": userid, "reason": "", "runAsUser": "ssm-user", "runAsSource": "ssm-user",
    "runAsRule": "", "token": "t", "streamUrl": "wss://example/" + sid, "details": "", "status": "Connected",
    "start": 1767225600, "end": 0, "lastActivity": 1767225600, "idleTimeoutMinutes": 20})
json.dump(j, open(path, "w"))
print(sid)
PY
}
U=arn:aws:iam::123456789012:user
DOCTARGET=i-02573cafcfEXAMPLE
SOFIA=$(forge "$S" sofia $U/sofia "$(userid "$B" sofia)" i-0b0b00000000000b2)
RAVI=$(forge "$S" ravi $U/ravi "$(userid "$B" ravi)" i-0b0b00000000000b2)
KENJI_ON_DOC=$(forge "$S" kenji $U/kenji "$(userid "$B" kenji)" $DOCTARGET)
DOCUSER=$(forge "$S" docuser $U/docuser "$(userid "$B" docuser)" i-0b0b00000000000b2)
DOCID=$(forge "$S" docuser $U/docuser AIDIODR4TAW7CSEXAMPLE i-0b0b00000000000b2)
INES=$(forge "$S" ines $U/ines "$(userid "$B" ines)" $DOCTARGET)
SUPPORT=$(forge "$S" maria arn:aws:sts::123456789012:assumed-role/SupportRole/maria "$(userid "$B" support-maria)" i-0b0b00000000000b3)
terminate() {  # terminate <world> <sessions> <want rc> <description> <session id> <caller args...>
  local world=$1 sessions=$2 want=$3 what=$4 sid=$5
  shift 5
  "$GH" ssm terminate-session -w "$world" "$@" --session-id "$sid" --sessions "$sessions" > "$T/out" 2> "$T/err"
  local trc=$?
  check "$what: exits $want (got $trc)" test "$trc" -eq "$want"
  if [ "$want" -eq 1 ]; then
    check "$what: AccessDeniedException naming the session ARN" grep -q "^An error occurred (AccessDeniedException) when calling the TerminateSession operation: User: .* is not authorized to perform: ssm:TerminateSession on resource: arn:aws:ssm:[a-z0-9-]*:[0-9]*:session/$sid " "$T/err"
  fi
}
# Example 1: session/${aws:username}-*: own Allow, another's ImplicitDeny.
terminate "$B" "$S" 1 "B1: paulo ends sofia's session" "$SOFIA" --profile paulo
# Example 3 method 1: sofia (DescribeSessions, session/${aws:username}-*).
terminate "$B" "$S" 1 "B3: sofia ends paulo's session" "$PAULO" --profile sofia
terminate "$B" "$S" 0 "B3: sofia ends her own session" "$SOFIA" --profile sofia
"$GH" ssm describe-sessions -w "$B" --profile sofia --state History --sessions "$S" > "$T/ds.json" 2> "$T/err"
check "B3: sofia may DescribeSessions" test $? -eq 0
check "B3: History holds sofia's ended session" test "$(json "$T/ds.json" '[s["SessionId"] for s in j["Sessions"]]')" = "['$SOFIA']"
"$GH" ssm describe-sessions -w "$B" --profile paulo --state Active --sessions "$S" > "$T/out" 2> "$T/err"
check "B: paulo may not DescribeSessions (Resource *, no on resource: part)" grep -qx "An error occurred (AccessDeniedException) when calling the DescribeSessions operation: User: $U/paulo is not authorized to perform: ssm:DescribeSessions because no identity-based policy allows the ssm:DescribeSessions action" "$T/err"
# Example 3 method 2: the system tags.
terminate "$B" "$S" 0 "B3: ravi ends a session whose session-id tag is his \${aws:userid}" "$RAVI" --profile ravi
terminate "$B" "$S" 1 "B3: ravi ends paulo's session" "$PAULO" --profile ravi
terminate "$B" "$S" 0 "B3: maria through SupportRole ends her role session's session (\${aws:userid} = AROA…:maria)" "$SUPPORT" --profile support-maria
terminate "$B" "$S" 1 "B3: maria through SupportRole ends paulo's session" "$PAULO" --profile support-maria
terminate "$B" "$S" 0 "B3: kenji ends a session on i-02573cafcfEXAMPLE (target-id tag)" "$KENJI_ON_DOC" --profile kenji
terminate "$B" "$S" 1 "B3: kenji ends a session on another target" "$PAULO" --profile kenji
terminate "$B" "$S" 1 "B3: docuser's documentation id is not his own" "$DOCUSER" --profile docuser
terminate "$B" "$S" 0 "B3: docuser ends the session tagged AIDIODR4TAW7CSEXAMPLE" "$DOCID" --profile docuser
terminate "$B" "$S" 1 "B3: ines' combined example never matches (session-id is a user id, not \${aws:username}-*)" "$INES" --profile ines
# Example 4: the administrator ends anybody's session; paulo his own.
terminate "$B" "$S" 0 "B4: admin ends kenji's session" "$KENJI_ON_DOC" --profile admin
terminate "$B" "$S" 0 "B1: paulo ends his own session" "$PAULO" --profile paulo
check "B: paulo's session is Terminated" test "$(json "$S" '[s["status"] for s in j["sessions"] if s["id"] == "'"$PAULO"'"][0]')" = Terminated
findings "$B"
for kind in tamperable-tag runas-user-missing untagged-host-open; do
  check "B: no $kind finding" test "$(count_findings $kind)" -eq 0
done

# ==== C. Third-party access with External ID and RunAs (seed 002).
C=$W/c-third-party-external-id.yaml
CA=i-0c0c00000000000a1 CB=i-0c0c00000000000b1
ROLE=arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA
HOP1=arn:aws:iam::444455556666:role/3P_IAM_Assume_Role,session-name=switchrole1
ALICE=arn:aws:iam::444455556666:user/alice
# The two-hop chain with the right External ID; RunAs from the role's tag.
expect "$C" "Allow os_user_a_alice principal-tag" --profile third-party-a --target $CA
check "C: the chain is two hops after alice" test "$(json "$T/acc.json" 'len(j["via"])')" = 3
check "C: the principal is switchrole2" test "$(json "$T/acc.json" 'j["principal"]')" = "arn:aws:sts::111122223333:assumed-role/SSMStartSession_IAM_Role_ThirdPartyA/switchrole2"
check "C: the rule names the role's tag" test "$(json "$T/acc.json" 'j["runAs"]["rule"]')" = "SSMSessionRunAs tag of role SSMStartSession_IAM_Role_ThirdPartyA"
expect "$C" "Allow os_user_a_alice principal-tag" --caller $ALICE --assume $HOP1 --assume $ROLE,session-name=switchrole2,external-id=ExternalID3rdPartyA --target $CA
# The Third_Party_B host: AWS's message, verbatim from scenarios.md C.
expect "$C" "ImplicitDeny - -" --profile third-party-a --target $CB
check "C: Third_Party_B message" test "$(json "$T/acc.json" 'j["message"]')" = "User: arn:aws:sts::111122223333:assumed-role/SSMStartSession_IAM_Role_ThirdPartyA/switchrole2 is not authorized to perform: ssm:StartSession on resource: $INSTANCE/$CB because no identity-based policy allows the ssm:StartSession action"
# Wrong or missing External ID: AccessDenied on hop 2; a second hop over
# 3600 seconds: ValidationError (role chaining).
for x in ",external-id=ExternalID3rdPartyB" ""; do
  expect "$C" "error AccessDenied" --caller $ALICE --assume $HOP1 --assume $ROLE,session-name=switchrole2$x --target $CA
  check "C: External ID '${x#,external-id=}': AWS's AccessDenied text" test "$(json "$T/acc.json" 'j["error"]["message"].split(" (hop")[0]')" = \
    "User: arn:aws:sts::444455556666:assumed-role/3P_IAM_Assume_Role/switchrole1 is not authorized to perform: sts:AssumeRole on resource: $ROLE"
done
expect "$C" "error ValidationError" --caller $ALICE --assume $HOP1 \
  --assume $ROLE,session-name=switchrole2,external-id=ExternalID3rdPartyA,duration-seconds=7200 --target $CA
check "C: the role-chaining message" grep -q "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining" "$T/acc.json"
expect "$C" "error AccessDenied" --caller $ALICE --assume $ROLE,session-name=direct,external-id=ExternalID3rdPartyA --target $CA
# A principal without the SSMSessionRunAs tag runs as the default user.
expect "$C" "Allow no_sudo_user document-default" --caller arn:aws:iam::111122223333:root --target $CA
expect "$C" "Allow no_sudo_user document-default" --caller arn:aws:iam::111122223333:root --target $CB
# A host lacking the RunAs user: the session fails with a clear reason.
sed 's|linux_users: \[os_user_a_alice, no_sudo_user, ec2-user\]|linux_users: [no_sudo_user, ec2-user]|' "$C" > "$T/c-no-user.yaml"
expect "$T/c-no-user.yaml" "error RunAsUserNotFound" --profile third-party-a --target $CA
check "C: the reason names the user and the rule" grep -q "failed to start pty since RunAs user os_user_a_alice does not exist (SSMSessionRunAs tag of role SSMStartSession_IAM_Role_ThirdPartyA)" "$T/acc.json"
S=$T/c-failed.json
"$GH" ssm start-session -w "$T/c-no-user.yaml" --profile third-party-a --target $CA --sessions "$S" > "$T/out" 2> "$T/err"
check "C: start-session without the RunAs user exits 1" test $? -eq 1
check "C: ... and says why" grep -q "^An error occurred (RunAsUserNotFound) when calling the StartSession operation: failed to start pty since RunAs user os_user_a_alice does not exist" "$T/err"
"$GH" ssm describe-sessions -w "$T/c-no-user.yaml" --caller arn:aws:iam::111122223333:root --state History --filters key=Status,value=Failed --sessions "$S" > "$T/ds.json"
check "C: the failed session is in History as Failed" test "$(json "$T/ds.json" '[(s["Status"], s["Owner"].split("/")[-1]) for s in j["Sessions"]]')" = "[('Failed', 'switchrole2')]"
check "C: its Details give the reason" grep -q "RunAs user os_user_a_alice does not exist" <<<"$(json "$T/ds.json" 'j["Sessions"][0]["Details"]')"
findings "$T/c-no-user.yaml"
check "C without the user: runas-user-missing for the third party's role" has_finding runas-user-missing "$ROLE|allowed to start sessions on $CA but they fail"
# Sessions: own Terminate/Resume Allow (session-id = ${aws:userid}),
# another's AccessDenied, DescribeSessions explicitly denied.
S=$T/c-sessions.json
"$GH" ssm start-session -w "$C" --profile third-party-a --target $CA --sessions "$S" > "$T/start.json" 2> "$T/start.err"
check "C: start-session exits 0" test $? -eq 0
MINE=$(json "$T/start.json" 'j["SessionId"]')
check "C: session id switchrole2-<17 hex>" grep -Eq '^switchrole2-[0-9a-f]{17}$' <<<"$MINE"
check "C: start-session says who the shell runs as" grep -q "^gatehouse: session $MINE runs as os_user_a_alice (principal-tag: SSMSessionRunAs tag of role SSMStartSession_IAM_Role_ThirdPartyA)$" "$T/start.err"
"$GH" ssm start-session -w "$C" --caller $ALICE --assume $HOP1 --assume $ROLE,session-name=switchrole3,external-id=ExternalID3rdPartyA \
  --target $CA --sessions "$S" > "$T/start.json" 2> /dev/null
THEIRS=$(json "$T/start.json" 'j["SessionId"]')
"$GH" ssm resume-session -w "$C" --profile third-party-a --session-id "$MINE" --sessions "$S" > "$T/out" 2> "$T/err"
check "C: resume own session exits 0" test $? -eq 0
check "C: resume gives a token" test -n "$(json "$T/out" 'j["TokenValue"]')"
"$GH" ssm resume-session -w "$C" --profile third-party-a --session-id "$THEIRS" --sessions "$S" > "$T/out" 2> "$T/err"
check "C: resume another's session is AccessDenied" grep -q "^An error occurred (AccessDeniedException) when calling the ResumeSession operation: .*/switchrole2 is not authorized to perform: ssm:ResumeSession on resource: arn:aws:ssm:us-east-1:111122223333:session/$THEIRS because no identity-based policy allows the ssm:ResumeSession action$" "$T/err"
terminate "$C" "$S" 1 "C: ending another switchrole's session" "$THEIRS" --profile third-party-a
terminate "$C" "$S" 0 "C: ending one's own session" "$MINE" --profile third-party-a
"$GH" ssm describe-sessions -w "$C" --profile third-party-a --state Active --sessions "$S" > "$T/out" 2> "$T/err"
check "C: DescribeSessions exits 1" test $? -eq 1
check "C: DescribeSessions: explicit deny" grep -qx "An error occurred (AccessDeniedException) when calling the DescribeSessions operation: User: arn:aws:sts::111122223333:assumed-role/SSMStartSession_IAM_Role_ThirdPartyA/switchrole2 is not authorized to perform: ssm:DescribeSessions with an explicit deny in an identity-based policy" "$T/err"
findings "$C"
for kind in tamperable-tag runas-user-missing untagged-host-open; do
  check "C: no $kind finding" test "$(count_findings $kind)" -eq 0
done

# ==== D. Conditions on aws:userid for a shared role (seed 003).
# D's policies decide s3:GetObject, which `access check` (a StartSession
# question) does not ask: each caller's aws:userid and ARN come from the
# world through `sts get-caller-identity`, and the world's policy text
# (checked to be in the world file) decides them with `policy simulate`.
D=$W/d-userid-conditions.yaml
CONDITION='aws:userid: [AROA46IUDTWNUNMNCHE3L:john.doe, AROA46IUDTWNUNMNCHE3L:mary.jane, "*:aaron.smith"]'
check "D: the world's Developers, Auditors and DevelopersSharedRole policies carry the condition" test "$(grep -cF -- "$CONDITION" "$D")" -eq 3
USERID_POLICY='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringLike":{"aws:userid":["AROA46IUDTWNUNMNCHE3L:john.doe","AROA46IUDTWNUNMNCHE3L:mary.jane","*:aaron.smith"]}}}]}'
VERBATIM_POLICY='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringLike":{"aws:userid":["AIDACKCEVSQ6C2EXAMPLE:john.doe","AIDACKCEVSQ6C2EXAMPLE:mary.jane","AIDACKCEVSQ6C2EXAMPLE:aaron.smith"]}}}]}'
ARN_POLICY='{"Version":"2012-10-17","Statement":[{"Sid":"SessionArnNeverMatches","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/john/*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ArnConditions_*/john.doe"}}},{"Sid":"RoleArnMatchesEverySession","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/shared/*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ArnConditions_*"}}}]}'
s3() {  # s3 <want> <policy> <object key> <caller args...>: decides s3:GetObject for the world's caller
  local want=$1 policy=$2 key=$3
  shift 3
  "$GH" sts get-caller-identity -w "$D" "$@" > "$T/id.json" 2> "$T/err"
  local id arn
  id=$(json "$T/id.json" 'j["UserId"]')
  arn=$(json "$T/id.json" 'j["Arn"]')
  printf '{"policies":{"identity":[{"name":"P","document":%s}]},"request":{"principal":"%s","action":"s3:GetObject","resource":"arn:aws:s3:::example-bucket/%s","context":{"aws:userid":"%s"}}}\n' \
    "$policy" "$arn" "$key" "$id" > "$T/case.json"
  local got
  got=$("$GH" policy simulate --input "$T/case.json" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["decision"])')
  check "D: $* ($id) GetObject $key: want $want, got $got" test "$got" = "$want"
}
s3 Allow "$USERID_POLICY" report.pdf --profile john
s3 Allow "$USERID_POLICY" report.pdf --profile mary
s3 Allow "$USERID_POLICY" report.pdf --profile aaron
s3 ImplicitDeny "$USERID_POLICY" report.pdf --profile kate
# *:aaron.smith does not pin the role: aaron through Auditors is allowed,
# john (pinned to the Developers role id) is not.
s3 Allow "$USERID_POLICY" report.pdf --profile aaron-auditors
s3 ImplicitDeny "$USERID_POLICY" report.pdf --profile john-auditors
# The seed verbatim (an IAM user id) allows nobody.
s3 ImplicitDeny "$VERBATIM_POLICY" report.pdf --profile john-seed-verbatim
# aws:PrincipalArn is the role ARN: a condition on the session ARN never matches.
s3 ImplicitDeny "$ARN_POLICY" john/notes.txt --caller sso:john.doe/ArnConditions@111122223333
s3 Allow "$ARN_POLICY" shared/notes.txt --caller sso:john.doe/ArnConditions@111122223333
s3 Allow "$ARN_POLICY" shared/notes.txt --caller sso:kate/ArnConditions@111122223333
# The spoofing caveat: mallory names her session aaron.smith.
s3 Allow "$USERID_POLICY" report.pdf --profile mallory-as-aaron
s3 ImplicitDeny "$USERID_POLICY" report.pdf --caller arn:aws:iam::111122223333:user/mallory \
  --assume arn:aws:iam::111122223333:role/DevelopersSharedRole,session-name=john.doe
"$GH" sts get-caller-identity -w "$D" --profile john > "$T/id.json"
check "D: john's aws:userid is the derived role id the header names" test "$(json "$T/id.json" 'j["UserId"]')" = AROA46IUDTWNUNMNCHE3L:john.doe
findings "$D"
check "D: spoofable-session-name on DevelopersSharedRole (mallory)" has_finding spoofable-session-name "arn:aws:iam::111122223333:role/DevelopersSharedRole|arn:aws:iam::111122223333:user/mallory can assume"
sed 's|^              Action: sts:AssumeRole$|&\n              Condition: {StringEquals: {sts:RoleSessionName: "${aws:username}"}}|' "$D" > "$T/d-fixed.yaml"
findings "$T/d-fixed.yaml"
check "D fixed (session name pinned to the caller): no spoofable-session-name" test "$(count_findings spoofable-session-name)" -eq 0
"$GH" sts get-caller-identity -w "$T/d-fixed.yaml" --profile mallory-as-aaron > /dev/null 2>&1
check "D fixed: mallory can no longer be aaron.smith" test $? -eq 1

# ==== E. Linux identity per user vs per permission set (seed 004).
E=$W/e-linux-user-per-permission-set.yaml
E2=$W/e2-run-as-per-permission-set.yaml
E1H=i-0e0e00000000000e1 E2H=i-0e0e00000000000e2
ADMIN_DOC=SSMRunAs-Admin-Session RO_DOC=SSMRunAs-ReadOnly-Session
# AWS-faithful: alice's tag is per user, so Admin and ReadOnly both run as
# admin, and a document's runAsDefaultUser is ignored when the tag is present.
expect "$E" "Allow admin principal-tag" --profile alice-admin --target $E1H
expect "$E" "Allow admin principal-tag" --profile alice-admin --target $E1H --document-name $ADMIN_DOC
expect "$E" "Allow admin principal-tag" --profile alice-readonly --target $E1H
expect "$E" "Allow admin principal-tag" --profile alice-readonly --target $E1H --document-name $RO_DOC
check "E: the rule names alice's session tag" grep -q '"rule": "SSMSessionRunAs tag of session arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]*/alice (session tag)"' "$T/acc.json"
# carol has no tag: the document's default, or the preferences' default.
expect "$E" "Allow readonly document-default" --profile carol-readonly --target $E1H --document-name $RO_DOC
expect "$E" "Allow no_sudo_user document-default" --profile carol-readonly --target $E1H
expect "$E" "Allow no_sudo_user document-default" --profile carol-readonly --target $E2H
# A host without admin: alice's sessions fail.
expect "$E" "error RunAsUserNotFound" --profile alice-admin --target $E2H
expect "$E" "error RunAsUserNotFound" --profile alice-readonly --target $E2H --document-name $RO_DOC
# Each permission set may use its own document only.
expect "$E" "ImplicitDeny - -" --profile alice-admin --target $E1H --document-name $RO_DOC
check "E: denied on the document ARN" grep -q "on resource: arn:aws:ssm:us-east-1:111122223333:document/$RO_DOC because no identity-based policy allows" "$T/acc.json"
expect "$E" "ImplicitDeny - -" --profile alice-readonly --target $E1H --document-name $ADMIN_DOC
# The gates can only allow or deny on the tag, never change it.
expect "$E" "ImplicitDeny - -" --profile alice-readonly-gated --target $E1H
expect "$E" "ExplicitDeny - -" --profile alice-developer --target $E1H
expect "$E" "Allow developer principal-tag" --profile bob-developer --target $E1H
expect "$E" "Allow admin principal-tag" --caller sso:alice/DocumentCheck@111122223333 --target $E1H --document-name $ADMIN_DOC
expect "$E" "ImplicitDeny - -" --caller sso:alice/DocumentCheck@111122223333 --target $E1H
# ssm start-session records the Linux user and the rule.
S=$T/e-sessions.json
"$GH" ssm start-session -w "$E" --profile alice-readonly --target $E1H --document-name $RO_DOC --sessions "$S" > /dev/null 2> "$T/err"
check "E: alice's ReadOnly session runs as admin" grep -q "runs as admin (principal-tag: SSMSessionRunAs tag of session " "$T/err"
check "E: the session records runAsUser admin" test "$(json "$S" 'j["sessions"][0]["runAsUser"]')" = admin
"$GH" ssm start-session -w "$E" --profile alice-admin --target $E2H --sessions "$S" > /dev/null 2> "$T/err"
check "E: start-session on the host without admin exits 1" test $? -eq 1
check "E: the failed session is recorded" test "$(json "$S" 'sorted(s["status"] for s in j["sessions"])')" = "['Connecting', 'Failed']"
findings "$E"
for p in sso:alice/Admin@111122223333 sso:alice/ReadOnly@111122223333 sso:bob/Developer@111122223333 sso:bob/ReadOnly@111122223333; do
  check "E: runas-user-missing for $p on $E2H" has_finding runas-user-missing "$p|allowed to start sessions on $E2H but they fail"
done
check "E: exactly those four runas-user-missing findings" test "$(count_findings runas-user-missing)" -eq 4
sed 's|linux_users: \[readonly, no_sudo_user, ec2-user\]|linux_users: [admin, developer, readonly, no_sudo_user, ec2-user]|' "$E" > "$T/e-fixed.yaml"
findings "$T/e-fixed.yaml"
check "E fixed (admin and developer on every host): no runas-user-missing" test "$(count_findings runas-user-missing)" -eq 0
expect "$T/e-fixed.yaml" "Allow admin principal-tag" --profile alice-admin --target $E2H

# E2: gatehouse's opt-in RunAs mappings (Admin -> admin, ReadOnly ->
# readonly) take precedence over the tag and name the rule.
expect "$E2" "Allow admin mapping" --profile alice-admin --target $E1H
expect "$E2" "Allow readonly mapping" --profile alice-readonly --target $E1H
check "E2: the rule names the mapping and the tag it overrides" test "$(json "$T/acc.json" 'j["runAs"]["rule"]')" = \
  "gatehouse run_as_mappings: permission set ReadOnly -> readonly (takes precedence over the SSMSessionRunAs tag admin)"
expect "$E2" "Allow readonly mapping" --profile alice-readonly --target $E2H
expect "$E2" "Allow readonly mapping" --profile alice-readonly --target $E1H --document-name $RO_DOC
expect "$E2" "Allow readonly mapping" --profile carol-readonly --target $E1H
expect "$E2" "error RunAsUserNotFound" --profile alice-admin --target $E2H
# Mappings never authorise: the same decisions as E.
expect "$E2" "ImplicitDeny - -" --profile alice-readonly-gated --target $E1H
expect "$E2" "ExplicitDeny - -" --profile alice-developer --target $E1H
expect "$E2" "ImplicitDeny - -" --profile alice-admin --target $E1H --document-name $RO_DOC
# No mapping for Developer: the tag.
expect "$E2" "Allow developer principal-tag" --profile bob-developer --target $E1H
findings "$E2"
check "E2: runas-user-missing for alice with Admin" has_finding runas-user-missing "sso:alice/Admin@111122223333|"
check "E2: runas-user-missing for bob with Developer" has_finding runas-user-missing "sso:bob/Developer@111122223333|"
check "E2: alice with ReadOnly now fits every host" test "$(grep -c '^runas-user-missing|sso:alice/ReadOnly' "$T/findings.txt")" -eq 0
check "E2: exactly two runas-user-missing findings" test "$(count_findings runas-user-missing)" -eq 2

# ==== Usage errors exit 2.
"$GH" access check -w "$A" --profile alice > /dev/null 2>&1
check "access check without --target is a usage error" test $? -eq 2
"$GH" access check -w "$T/missing.yaml" --profile alice --target $H1 > /dev/null 2>&1
check "access check on an unreadable world is a usage error" test $? -eq 2
"$GH" access matrix -w "$A" --output yaml > /dev/null 2>&1
check "access matrix --output yaml is a usage error" test $? -eq 2

# ---- the matrix's JSON groups each principal's hosts by answer.
"$GH" access matrix -w "$W/c-third-party-external-id.yaml" --output json > "$T/c.json" 2> /dev/null
chain='arn:aws:iam::444455556666:user/alice -> arn:aws:iam::444455556666:role/3P_IAM_Assume_Role -> arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA'
check "C: the External ID chain reaches the Third_Party_A host as os_user_a_alice" test \
  "$(json "$T/c.json" '[(a["decision"], a["linuxUser"], a["hosts"]) for p in j["principals"] if p["principal"] == "'"$chain"'" for a in p["access"]]')" \
  = "[('Allow', 'os_user_a_alice', ['i-0c0c00000000000a1'])]"
check "C: and is denied on the other host" test \
  "$(json "$T/c.json" '[p["deniedHosts"] for p in j["principals"] if p["principal"] == "'"$chain"'"]')" = "[1]"
"$GH" access matrix -w "$W/c-third-party-external-id.yaml" --output csv > "$T/c.csv" 2> /dev/null
check "C: the CSV has the pair with its reason" grep -qxF "$chain,i-0c0c00000000000a1,Allow,os_user_a_alice,principal-tag,SSMStartSessionPolicyForThirdPartyA statement 4 (StartSessionOnInstances)" "$T/c.csv"

finish "scenario"
