#!/usr/bin/env bash
# tests/cli/cli_test.sh: the gatehouse command as a user runs it: simulate
# (JSON Lines, one multi-line object, stdin, error objects, exit codes, input
# order), validate (positions, warnings, exit codes) and bench.
# Usage: cli_test.sh <gatehouse binary> <repo root>
set -u
. "$(dirname "$0")/../lib/checks.sh"

POLICY='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}'
REQ='"request":{"principal":"arn:aws:iam::111111111111:user/u","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}'
cat > "$T/cases.jsonl" <<JSONL
{"name":"one",$REQ,"policies":{"identity":[{"name":"P","document":$POLICY}]}}

{"name":"two",$REQ}
{"name":"three","policies":{"identity":[{"name":"Bad","document":{"Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}}]},$REQ}
{"name":"four"
JSONL

# simulate: one line per case, in order, blank lines skipped, errors inline.
"$GH" policy simulate --input "$T/cases.jsonl" > "$T/out.jsonl"
rc=$?
check "simulate exits 1 when a case has an error (got $rc)" test "$rc" -eq 1
check "simulate prints one line per case" test "$(wc -l < "$T/out.jsonl")" -eq 4
check "results keep input order" test "$(python3 -c 'import json,sys; print(",".join(json.loads(l).get("name","-") for l in open(sys.argv[1])))' "$T/out.jsonl")" = "one,two,three,-"
check "case one allowed" grep -q '"name":"one","decision":"Allow","matched":\[{"policy":"P","statement":0,"effect":"Allow"}\]' "$T/out.jsonl"
check "case two implicitly denied" grep -q '"name":"two","decision":"ImplicitDeny","matched":\[\]' "$T/out.jsonl"
check "case three is a MalformedPolicyDocument at line 4" grep -q '"name":"three","error":{"code":"MalformedPolicyDocument".*"policy":"Bad","line":4' "$T/out.jsonl"
check "broken JSON line is an InvalidInput error at line 5" grep -q '"error":{"code":"InvalidInput".*"line":5' "$T/out.jsonl"

# stdin, and a single multi-line object.
python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1]), indent=2))' "{\"name\":\"pretty\",$REQ,\"policies\":{\"identity\":[{\"name\":\"P\",\"document\":$POLICY}]}}" > "$T/one.json"
out=$("$GH" policy simulate --input - < "$T/one.json")
rc=$?
check "multi-line object from stdin exits 0 (got $rc)" test "$rc" -eq 0
check "multi-line object decided" test "$out" = '{"name":"pretty","decision":"Allow","matched":[{"policy":"P","statement":0,"effect":"Allow"}]}'

# text format
"$GH" policy simulate --input "$T/one.json" --format text | grep -q '^pretty: Allow  allowed by P statement 0'
check "text format" test "${PIPESTATUS[0]}" -eq 0

# usage errors exit 2
"$GH" policy simulate > /dev/null 2>&1
check "missing --input is a usage error" test $? -eq 2
"$GH" policy simulate --input "$T/missing.jsonl" > /dev/null 2>&1
check "unreadable input is a usage error" test $? -eq 2
"$GH" policy validate --type nonsense "$T/one.json" > /dev/null 2>&1
check "unknown --type is a usage error" test $? -eq 2

# validate: errors with file:line:column, warnings, exit codes.
printf '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3", "Resource": "*"}]\n}\n' > "$T/bad.json"
out=$("$GH" policy validate "$T/bad.json")
check "validate exits 1 on an error" test $? -eq 1
check "validate error has file:line:column" grep -q "^$T/bad.json:3:47: error: Actions/Conditions must be prefaced by a vendor" <<<"$out"
printf '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}' > "$T/old.json"
out=$("$GH" policy validate "$T/old.json")
check "warnings alone exit 0" test $? -eq 0
check "warns about variables without Version 2012-10-17" grep -q "literal text" <<<"$out"
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}' > "$T/trust.json"
out=$("$GH" policy validate --type trust "$T/trust.json")
check "trust policy with Principal * warns" grep -q 'Principal.*"\*" in a trust policy' <<<"$out"
out=$("$GH" policy validate --type identity "$T/trust.json")
check "identity policy with Principal is an error" grep -q "Policy document should not specify a principal" <<<"$out"

# bench prints decisions_per_sec.
out=$("$GH" policy bench --input "$ROOT/bench/cases/seed000.jsonl" --seconds 0.2 2>/dev/null)
check "bench exits 0" test $? -eq 0
check "bench prints decisions_per_sec" grep -Eq '^decisions_per_sec [1-9][0-9]*$' <<<"$out"

finish "CLI"
