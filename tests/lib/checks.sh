# tests/lib/checks.sh: what every command-line test script shares. Source it
# after setting `set -u`; it reads the gatehouse binary and the repo root
# from $1 and $2 and defines:
#   GH, ROOT, W (example worlds), T (a scratch directory removed on exit)
#   check <description> <command...>   the command must succeed
#   json <file> <python expression over j>   prints the expression's value
#   finish <name>   reports and exits 1 if any check failed
GH=$1
ROOT=$2
W=$ROOT/examples/worlds
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
checks=0
check() {
  local what=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then
    echo "FAIL: $what" >&2
    fails=$((fails + 1))
  fi
}
json() {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
finish() {
  if [ "$fails" -ne 0 ]; then
    echo "$fails of $checks $1 check(s) failed" >&2
    exit 1
  fi
  echo "all $checks $1 checks passed"
}
