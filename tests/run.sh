#!/bin/sh
# Runs every test: the cmocka programs built into BUILD/tests/ (TAP output)
# and the end-to-end scripts tests/e2e/*.sh against BUILD/lia.  Prints each
# result and ends with the line "N passed, N failed"; exits 1 on any failure.
# Usage: tests/run.sh [BUILD]   (default: build)
B=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
LIA="$top/$B/lia"
export LIA
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {	# $1: name of the program, $2: its exit status
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $1 exited with status $2"
        f=1
    fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $1 ran no test"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

for t in "$top/$B"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    echo "# $name"
    (cd "$top" && CMOCKA_MESSAGE_OUTPUT=TAP "$t") >"$log" 2>&1
    rc=$?
    grep -v '^ok ' "$log" | grep -v '^1\.\.' | grep -v '^# ' | sed 's/^/  /' | head -40
    grep '^not ok ' "$log"
    count "$name" $rc
done

for s in "$top"/tests/e2e/*.sh; do
    [ -f "$s" ] || continue
    name=$(basename "$s")
    echo "# $name"
    (cd "$top" && bash "$s") >"$log" 2>&1
    rc=$?
    grep -v '^ok ' "$log" | sed 's/^/  /' | head -60
    count "$name" $rc
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
