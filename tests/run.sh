#!/bin/sh
# Runs every test: the cmocka programs built into BUILD/tests/ (TAP output)
# and the end-to-end scripts tests/e2e/*.sh against BUILD/lia.  Prints each
# result and ends with the line "N passed, N failed"; exits 1 on any failure.
# Usage: tests/run.sh [BUILD [e2e]]   (default: build; e2e: the scripts only)
# With RUNNER set (make check-valgrind), lia runs under it in every
# end-to-end script, and the scripts run JOBS at a time (default 1; their
# results are printed in order either way).  The cmocka programs run as
# they are: the sanitizer build covers them.
B=${1:-build}
only=${2:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
LIA="$top/$B/lia"
if [ -n "${RUNNER:-}" ]; then
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$RUNNER" "$top/$B/lia" >"$top/$B/lia-run"
    chmod +x "$top/$B/lia-run"
    LIA="$top/$B/lia-run"
fi
export LIA top
passed=0
failed=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

count() {	# $1: name of the program, $2: its exit status, $3: its log
    p=$(grep -c '^ok ' "$3")
    f=$(grep -c '^not ok ' "$3")
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
    [ -x "$t" ] && [ "$only" != e2e ] || continue
    name=$(basename "$t")
    echo "# $name"
    (cd "$top" && CMOCKA_MESSAGE_OUTPUT=TAP "$t") >"$logs/log" 2>&1
    rc=$?
    grep -v '^ok ' "$logs/log" | grep -v '^1\.\.' | grep -v '^# ' | sed 's/^/  /' | head -40
    grep '^not ok ' "$logs/log"
    count "$name" $rc "$logs/log"
done

# The scripts, JOBS at a time: each writes NAME.log and NAME.rc.
ls "$top"/tests/e2e/*.sh | xargs -P "${JOBS:-1}" -I{} sh -c \
    'n=$(basename "$1"); (cd "$top" && bash "$1") >"$2/$n.log" 2>&1; echo $? >"$2/$n.rc"' \
    _ {} "$logs"
for s in "$top"/tests/e2e/*.sh; do
    name=$(basename "$s")
    echo "# $name"
    grep -v '^ok ' "$logs/$name.log" | sed 's/^/  /' | head -60
    count "$name" "$(cat "$logs/$name.rc" 2>/dev/null || echo 127)" "$logs/$name.log"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
