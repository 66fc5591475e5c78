# Helpers for the end-to-end scripts, sourced by each tests/e2e/*.sh.
# Each check prints a TAP line: "ok - NAME" or "not ok - NAME" with details.
# $LIA is the binary under test; every script works in its own temp folder.
set -u
: "${LIA:=$(pwd)/build/lia}"
TOP=$(pwd)
FIX="$TOP/tests/fixtures"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export LIA_DB="$WORK/lia.db"
# Time limits in the tests are multiplied by LIA_SLOW (make check-valgrind
# sets it: lia runs some 30 times slower under memcheck).
SLOW=${LIA_SLOW:-1}

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# check_eq NAME EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

# check_rc NAME EXPECTED_STATUS COMMAND...
check_rc() {
    name=$1; want=$2; shift 2
    "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"
    else not_ok "$name" "expected exit $want, got $got" "stderr: $(head -c 300 "$WORK/err")"; fi
}

# check_grep NAME PATTERN FILE: the file has a line matching the pattern
check_grep() {
    if grep -q -e "$2" "$3"; then ok "$1"
    else not_ok "$1" "no line matching: $2" "in: $(head -c 300 "$3")"; fi
}

# check_no_grep NAME PATTERN FILE: no line matches
check_no_grep() {
    if grep -q -e "$2" "$3"; then not_ok "$1" "unexpected match of: $2"
    else ok "$1"; fi
}

sql() { sqlite3 "$LIA_DB" "$@"; }

# png_size FILE: "WIDTHxHEIGHT" in pixels, from the PNG's IHDR chunk
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
