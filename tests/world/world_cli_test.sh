#!/usr/bin/env bash
# tests/world/world_cli_test.sh: the world and STS commands as a user runs
# them: `world validate` on every example world and every invalid world
# (FILE:LINE:COLUMN: error: ... [CODE], exit codes), `sts assume-role` on
# scenario C's chain (AWS's JSON shape, AccessDenied and ValidationError
# texts), `sts get-caller-identity` and `sso login` on scenarios A and E,
# caller-syntax usage errors, profile regions, and `iam tag-role` on the
# protected Identity Center roles.
# Usage: world_cli_test.sh <gatehouse binary> <repo root>
set -u
. "$(dirname "$0")/../lib/checks.sh"

# ---- world validate: every example world is valid (docs/world-format.md).
for f in "$W"/*.yaml; do
  out=$("$GH" world validate "$f")
  rc=$?
  check "validate $(basename "$f") exits 0 (got $rc)" test "$rc" -eq 0
  check "validate $(basename "$f") prints the ok line" grep -Eq "^$f: ok \([0-9]+ accounts, [0-9]+ users, [0-9]+ roles, [0-9]+ hosts" <<<"$out"
done
out=$("$GH" world validate "$W/a-per-user-hosts.yaml")
check "scenario A's ok line counts the provisioned roles and Identity Center" \
  test "$out" = "$W/a-per-user-hosts.yaml: ok (1 accounts, 1 users, 4 roles, 4 hosts, Identity Center)"
out=$("$GH" world validate "$W/c-third-party-external-id.yaml")
check "scenario C's ok line" test "$out" = "$W/c-third-party-external-id.yaml: ok (2 accounts, 1 users, 2 roles, 2 hosts)"

# ---- world validate: every invalid world fails where its "# expect:" line
# says, as FILE:LINE:COLUMN: error: MESSAGE [CODE], with exit code 1.
for f in "$W"/invalid/*.yaml; do
  name=$(basename "$f")
  spec=$(sed -n 's/^# expect: //p' "$f" | head -1)
  where=${spec%% *}
  rest=${spec#* }
  code=${rest%% *}
  message=${rest#* }
  "$GH" world validate "$f" > "$T/out" 2> "$T/err"
  rc=$?
  check "validate invalid/$name exits 1 (got $rc)" test "$rc" -eq 1
  check "validate invalid/$name prints nothing on stdout" test ! -s "$T/out"
  line=$(head -1 "$T/err")
  check "invalid/$name: error at $where [$code]: $line" test "${line#"$f:$where: error: "}" != "$line"
  check "invalid/$name: ends with [$code]: $line" test "${line%" [$code]"}" != "$line"
  check "invalid/$name: message has \"$message\": $line" grep -qF -- "$message" <<<"$line"
done
# The exact AWS wording for scenario C's nonexistent 3PA_IAM_Assume_Role.
"$GH" world validate "$W/invalid/c-nonexistent-trust-principal.yaml" 2> "$T/err"
check "3PA_IAM_Assume_Role is refused as AWS refuses it" test "$(cat "$T/err")" = \
  "$W/invalid/c-nonexistent-trust-principal.yaml:26:33: error: Invalid principal in policy: \"AWS\":\"arn:aws:iam::444455556666:role/3PA_IAM_Assume_Role\" [MalformedPolicyDocument]"
# A JSON world with an error: positions are JSON's.
printf '{"version": 1,\n "accounts": {"111122223333": {"users": {"bad name": {}}}}}\n' > "$T/bad.json"
"$GH" world validate "$T/bad.json" 2> "$T/err"
check "JSON world errors are positioned" grep -q "^$T/bad.json:2:42: error: invalid user name \"bad name\"" "$T/err"

# ---- sts assume-role: scenario C's chain (scenarios.md C).
C=$W/c-third-party-external-id.yaml
ROLE=arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA
"$GH" sts assume-role -w "$C" --profile third-party-hop1 --role-arn "$ROLE" --role-session-name switchrole2 \
  --external-id ExternalID3rdPartyA > "$T/assume.json"
rc=$?
check "assume-role with the right External ID exits 0 (got $rc)" test "$rc" -eq 0
check "Credentials.AccessKeyId is ASIA + 16" grep -Eq '^ASIA[A-Z2-7]{16}$' <<<"$(json "$T/assume.json" 'j["Credentials"]["AccessKeyId"]')"
check "Credentials have a secret and a token" test "$(json "$T/assume.json" 'len(j["Credentials"]["SecretAccessKey"]) > 0 and len(j["Credentials"]["SessionToken"]) > 0')" = True
check "Expiration is the world's time + 1 hour, as the aws CLI prints it" test "$(json "$T/assume.json" 'j["Credentials"]["Expiration"]')" = "2026-01-01T01:00:00+00:00"
check "AssumedRoleId is AROA…:switchrole2" grep -Eq '^AROA[A-Z2-7]{17}:switchrole2$' <<<"$(json "$T/assume.json" 'j["AssumedRoleUser"]["AssumedRoleId"]')"
check "AssumedRoleUser.Arn is the assumed-role ARN" test "$(json "$T/assume.json" 'j["AssumedRoleUser"]["Arn"]')" = \
  "arn:aws:sts::111122223333:assumed-role/SSMStartSession_IAM_Role_ThirdPartyA/switchrole2"
check "the output has AWS's two top-level members" test "$(json "$T/assume.json" '",".join(sorted(j))')" = "AssumedRoleUser,Credentials"
# The same chain with --caller and --assume gives the same session.
"$GH" sts assume-role -w "$C" --caller arn:aws:iam::444455556666:user/alice \
  --assume arn:aws:iam::444455556666:role/3P_IAM_Assume_Role,session-name=switchrole1 \
  --role-arn "$ROLE" --role-session-name switchrole2 --external-id ExternalID3rdPartyA > "$T/assume2.json"
check "--caller/--assume exits 0" test $? -eq 0
check "--caller/--assume gives the same AssumedRoleUser" test "$(json "$T/assume2.json" 'j["AssumedRoleUser"]')" = "$(json "$T/assume.json" 'j["AssumedRoleUser"]')"

# Wrong and missing External ID: AccessDenied, AWS's text, exit 1.
DENIED="An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::444455556666:assumed-role/3P_IAM_Assume_Role/switchrole1 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/SSMStartSession_IAM_Role_ThirdPartyA"
"$GH" sts assume-role -w "$C" --profile third-party-hop1 --role-arn "$ROLE" --role-session-name switchrole2 \
  --external-id ExternalID3rdPartyB > "$T/out" 2> "$T/err"
rc=$?
check "wrong External ID exits 1 (got $rc)" test "$rc" -eq 1
check "wrong External ID prints nothing on stdout" test ! -s "$T/out"
check "wrong External ID: AWS's AccessDenied text" grep -qxF "$DENIED" "$T/err"
"$GH" sts assume-role -w "$C" --profile third-party-hop1 --role-arn "$ROLE" --role-session-name switchrole2 2> "$T/err"
rc=$?
check "missing External ID exits 1 (got $rc)" test "$rc" -eq 1
check "missing External ID: AWS's AccessDenied text" grep -qxF "$DENIED" "$T/err"

# A chained DurationSeconds over 3600: ValidationError (fact sheet §7.1, T38).
"$GH" sts assume-role -w "$C" --profile third-party-hop1 --role-arn "$ROLE" --role-session-name switchrole2 \
  --external-id ExternalID3rdPartyA --duration-seconds 7200 > "$T/out" 2> "$T/err"
rc=$?
check "7200-second chained duration exits 1 (got $rc)" test "$rc" -eq 1
check "7200-second chained duration is the role-chaining ValidationError" grep -qxF \
  "An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining." "$T/err"
"$GH" sts assume-role -w "$C" --profile third-party-hop1 --role-arn "$ROLE" --role-session-name switchrole2 \
  --external-id ExternalID3rdPartyA --duration-seconds 900 > "$T/short.json"
check "900 seconds is accepted" test "$(json "$T/short.json" 'j["Credentials"]["Expiration"]')" = "2026-01-01T00:15:00+00:00"
# The session name charset (T36).
"$GH" sts assume-role -w "$C" --profile third-party-hop1 --role-arn "$ROLE" --role-session-name 'switch role' \
  --external-id ExternalID3rdPartyA 2> "$T/err"
check "a space in the session name is a ValidationError" grep -q "^An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: Value 'switch role' at 'roleSessionName'" "$T/err"

# ---- sts get-caller-identity (fact sheet §7.5).
"$GH" sts get-caller-identity -w "$C" --profile third-party-a > "$T/id.json"
check "get-caller-identity via the C profile exits 0" test $? -eq 0
check "UserId = AssumedRoleId of the chain" test "$(json "$T/id.json" 'j["UserId"]')" = "$(json "$T/assume.json" 'j["AssumedRoleUser"]["AssumedRoleId"]')"
check "Account is YOUR" test "$(json "$T/id.json" 'j["Account"]')" = 111122223333
"$GH" sts get-caller-identity -w "$C" --caller arn:aws:iam::444455556666:user/alice > "$T/id.json"
check "an IAM user's UserId is AIDA + 17" grep -Eq '^AIDA[A-Z2-7]{17}$' <<<"$(json "$T/id.json" 'j["UserId"]')"
check "an IAM user's Arn" test "$(json "$T/id.json" 'j["Arn"]')" = "arn:aws:iam::444455556666:user/alice"
"$GH" sts get-caller-identity -w "$C" --caller arn:aws:iam::111122223333:root > "$T/id.json"
check "the root's UserId is the account id" test "$(json "$T/id.json" 'j["UserId"]+" "+j["Arn"]')" = "111122223333 arn:aws:iam::111122223333:root"

A=$W/a-per-user-hosts.yaml
"$GH" sts get-caller-identity -w "$A" --profile alice > "$T/id.json"
check "scenario A: alice's UserId is AROA…:alice" grep -Eq '^AROA[A-Z2-7]{17}:alice$' <<<"$(json "$T/id.json" 'j["UserId"]')"
check "scenario A: alice's Arn is a session of AWSReservedSSO_Developers_<16 hex>" grep -Eq \
  '^arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developers_[0-9a-f]{16}/alice$' <<<"$(json "$T/id.json" 'j["Arn"]')"
"$GH" sts get-caller-identity -w "$A" --caller sso:bob/Developers@111122223333 > "$T/bob.json"
check "scenario A: bob shares alice's role id" test "$(json "$T/bob.json" 'j["UserId"].split(":")[0]')" = "$(json "$T/id.json" 'j["UserId"].split(":")[0]')"
"$GH" sts get-caller-identity -w "$A" --profile mallory-as-alice > "$T/id.json"
check "scenario A caveat: mallory picks the session name alice" grep -Eq \
  '^arn:aws:sts::111122223333:assumed-role/DevelopersSharedRole/alice$' <<<"$(json "$T/id.json" 'j["Arn"]')"

E=$W/e-linux-user-per-permission-set.yaml
"$GH" sts get-caller-identity -w "$E" --caller sso:alice/Admin@111122223333 > "$T/id.json"
check "scenario E: alice with Admin" grep -Eq '^arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_[0-9a-f]{16}/alice$' <<<"$(json "$T/id.json" 'j["Arn"]')"

# ---- sso login (GetRoleCredentials' shape plus the session).
"$GH" sso login -w "$A" --user alice --permission-set DevelopersTagVariant --account 111122223333 > "$T/sso.json"
check "sso login exits 0" test $? -eq 0
check "sso login: accessKeyId is ASIA + 16" grep -Eq '^ASIA[A-Z2-7]{16}$' <<<"$(json "$T/sso.json" 'j["roleCredentials"]["accessKeyId"]')"
check "sso login: expiration in epoch ms = world time + PT8H" test "$(json "$T/sso.json" 'j["roleCredentials"]["expiration"]')" = $(( (1767225600 + 8 * 3600) * 1000 ))
check "sso login: session named after the user" grep -Eq '^AROA[A-Z2-7]{17}:alice$' <<<"$(json "$T/sso.json" 'j["AssumedRoleUser"]["AssumedRoleId"]')"
check "sso login: the ABAC attribute User is a session tag" test "$(json "$T/sso.json" 'j["SessionTags"]')" = "[{'Key': 'User', 'Value': 'alice'}]"
for ps in Admin ReadOnly; do
  "$GH" sso login -w "$E" --user alice --permission-set $ps --account 111122223333 > "$T/sso.json"
  check "scenario E: alice with $ps carries SSMSessionRunAs=admin (per user, not per permission set)" \
    test "$(json "$T/sso.json" 'j["SessionTags"]')" = "[{'Key': 'SSMSessionRunAs', 'Value': 'admin'}]"
done
"$GH" sso login -w "$E" --user carol --permission-set ReadOnly --account 111122223333 > "$T/sso.json"
check "scenario E: carol has no SSMSessionRunAs tag" test "$(json "$T/sso.json" 'j["SessionTags"]')" = "[]"
"$GH" sso login -w "$E" --user carol --permission-set Admin --account 111122223333 > "$T/out" 2> "$T/err"
rc=$?
check "sso login without an assignment exits 1 (got $rc)" test "$rc" -eq 1
check "sso login without an assignment prints nothing on stdout" test ! -s "$T/out"
check "sso login without an assignment is refused" grep -q "^An error occurred (ForbiddenException) when calling the GetRoleCredentials operation: No access" "$T/err"

# ---- usage errors exit 2.
"$GH" sts assume-role -w "$C" --profile third-party-hop1 > /dev/null 2>&1
check "assume-role without --role-arn is a usage error" test $? -eq 2
"$GH" sts get-caller-identity -w "$T/missing.yaml" --profile alice > /dev/null 2>&1
check "an unreadable world is a usage error" test $? -eq 2
"$GH" world validate "$T/missing.yaml" > /dev/null 2>&1
check "world validate of an unreadable file is a usage error" test $? -eq 2
"$GH" sts get-caller-identity -w "$C" --profile no-such-profile > "$T/out" 2> "$T/err"
rc=$?
check "an unknown profile is a usage error (got $rc)" test "$rc" -eq 2
check "an unknown profile is named, not dressed as an AWS error" grep -q '^gatehouse: unknown profile "no-such-profile"' "$T/err"
"$GH" access check -w "$C" --caller arn:aws:iam::111122223333:user/nobody --assume 'arn:aws:iam::111122223333:role/R,duration-seconds=soon' \
  --target i-0123456789abcdef0 > /dev/null 2>&1
check "a malformed --assume hop is a usage error" test $? -eq 2

# ---- a profile's region is the region of its calls (aws CLI config).
B=$W/b-session-manager-samples.yaml
"$GH" ssm start-session -w "$B" --profile lena --target i-0f1a2b3c4d5e6f701 > "$T/out" 2> /dev/null
check "lena's profile region (us-east-1) reaches her us-east-1 host" test $? -eq 0
check "the stream URL is in the profile's region" grep -q 'ssmmessages.us-east-1.amazonaws.com' "$T/out"
"$GH" ssm start-session -w "$B" --profile lena --region us-east-2 --target i-0f1a2b3c4d5e6f701 > /dev/null 2>&1
check "--region overrides the profile's region (the host is not in us-east-2)" test $? -ne 0

# ---- the protected Identity Center roles refuse changes (issue 3; IAM's
# UnmodifiableEntity), after authorisation.
sso_role=$("$GH" sso login -w "$A" --user alice --permission-set DevelopersTagVariant --account 111122223333 |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["AssumedRoleUser"]["Arn"].split("/")[1])')
"$GH" iam tag-role -w "$A" --caller arn:aws:iam::111122223333:root --role-name "$sso_role" \
  --tags Key=SSMSessionRunAs,Value=admin > "$T/out" 2> "$T/err"
rc=$?
check "tagging a protected role exits 1 (got $rc)" test "$rc" -eq 1
check "tagging a protected role prints nothing on stdout" test ! -s "$T/out"
check "tagging a protected role is UnmodifiableEntity" grep -qx "An error occurred (UnmodifiableEntity) when calling the TagRole operation: Cannot perform the operation on the protected role '$sso_role' - this role is only modifiable by AWS" "$T/err"
"$GH" iam untag-role -w "$A" --caller arn:aws:iam::111122223333:root --role-name "$sso_role" --tag-keys User 2> "$T/err"
check "untagging a protected role is UnmodifiableEntity" grep -q "(UnmodifiableEntity) when calling the UntagRole operation" "$T/err"
"$GH" iam tag-role -w "$A" --caller sso:alice/DevelopersTagVariant@111122223333 --role-name "$sso_role" \
  --tags Key=SSMSessionRunAs,Value=admin 2> "$T/err"
check "a caller without iam:TagRole gets AccessDenied first" grep -q "^An error occurred (AccessDenied) when calling the TagRole operation: User: arn:aws:sts::111122223333:assumed-role/$sso_role/alice is not authorized to perform: iam:TagRole" "$T/err"
"$GH" iam tag-role -w "$A" --caller arn:aws:iam::111122223333:root --role-name DevelopersSharedRole --tags Key=Team,Value=dev
check "the root user may tag an ordinary role (prints nothing)" test $? -eq 0

finish "world CLI"
