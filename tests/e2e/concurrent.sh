# End-to-end: readers during an import's commit (issue 16 point 4; the
# load phase and a second import are in import_concurrent.sh).  An import
# is held still (SIGSTOP, by tests/crash/killat.c at its Nth write) at two
# moments: halfway through writing its commit to the WAL, and halfway
# through the checkpoint after it.  While it is held, lia reach, lia status
# and the board pack (lia report board, PDF and HTML) must succeed, never
# say "database is locked", and read one committed state: the one before
# the import while its commit is unfinished (the pack the same, page for
# page, as one made from a copy of that state), the one after it once it
# has committed.  A second import started meanwhile waits, says so, and
# lands once the first goes on (one held in its checkpoint, which takes the
# write lock only if it can, may let it go ahead); the counts at the end
# are exact and the database passes its integrity check.
. tests/lib.sh

KILLAT=$(dirname "$LIA")/tests/killat.so
if [ -n "${RUNNER:-}" ]; then
    ok "# SKIP under valgrind: the stop points count the program's own writes"
    exit 0
fi
if [ ! -f "$KILLAT" ]; then
    not_ok "the preload library is built" "missing: $KILLAT (make test builds it)"
    exit 1
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

for k in courses workforce attendance; do
    "$LIA" import "$k" "$FIX/reach/$k.csv" >/dev/null
done
cp "$LIA_DB" "$WORK/base.db"
awk -v rows=10000 -f bench/gen_attendance.awk >"$WORK/big.csv"
printf 'agency,course_code,session_date,email\nHealth,WT02,13/06/2019,c@x.example\nHealth,WT02,13/06/2019,d@x.example\nHealth,WT02,13/06/2019,c@x.example\n' \
    >"$WORK/second.csv"
base=$(sql 'SELECT count(*) FROM attendance')

# Where the writes fall: a counting run on a copy.
cp "$WORK/base.db" "$WORK/count.db"
LIA_DB="$WORK/count.db" KILLAT_LOG="$WORK/calls" LD_PRELOAD="$KILLAT" \
    "$LIA" import attendance "$WORK/big.csv" --format json >"$WORK/count.json"
loaded=$(jq -r .loaded "$WORK/count.json")
ckpt_first=$(awk '$2 == "pwrite" && $3 ~ /\.db$/ { print $1; exit }' "$WORK/calls")
ckpt_last=$(awk '$2 == "pwrite" && $3 ~ /\.db$/ { n = $1 } END { print n }' "$WORK/calls")
first_wal=$(awk '$2 == "pwrite" && $3 ~ /-wal$/ { print $1; exit }' "$WORK/calls")
commit=$(awk -v c="$ckpt_first" '$1 < c && $2 == "pwrite" && $3 ~ /-wal$/ { n = $1 } END { print n }' "$WORK/calls")
# The pack from the state before the import, to compare with.
LIA_DB="$WORK/base.db" "$LIA" report board -o "$WORK/before.pdf" >/dev/null 2>&1
pdftotext -layout "$WORK/before.pdf" "$WORK/before.txt"
LIA_DB="$WORK/count.db" "$LIA" report board -o "$WORK/after.pdf" >/dev/null 2>&1
pdftotext -layout "$WORK/after.pdf" "$WORK/after.txt"
LIA_DB="$WORK/base.db" "$LIA" reach --by agency --format json >"$WORK/before.json"
LIA_DB="$WORK/count.db" "$LIA" reach --by agency --format json >"$WORK/after.json"

# held NAME N STATE: holds an import at its Nth write and runs the readers;
# STATE is before or after (the committed state they must see).
held() {
    name=$1 at=$2 state=$3
    rm -f "$LIA_DB" "$LIA_DB-wal" "$LIA_DB-shm"
    cp "$WORK/base.db" "$LIA_DB"
    KILLAT_N=$at KILLAT_SIGNAL=19 LD_PRELOAD="$KILLAT" \
        "$LIA" import attendance "$WORK/big.csv" --format json >"$WORK/first.json" 2>"$WORK/first.err" &
    pid=$!
    i=0
    while [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" != T ] && [ $i -lt 500 ]; do
        sleep 0.02; i=$((i + 1))
    done
    check_eq "$name: the import is held at write $at" T "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)"
    if [ "$state" = before ]; then n=$base; else n=$((base + loaded)); fi
    : >"$WORK/readers.err"
    fails=0
    "$LIA" reach --by agency --format json >"$WORK/reach.json" 2>>"$WORK/readers.err" || fails=$((fails + 1))
    "$LIA" status --format json >"$WORK/status.json" 2>>"$WORK/readers.err" || fails=$((fails + 1))
    "$LIA" report board -o "$WORK/held.pdf" 2>>"$WORK/readers.err" || fails=$((fails + 1))
    "$LIA" report board -o "$WORK/held.html" 2>>"$WORK/readers.err" || fails=$((fails + 1))
    check_eq "$name: reach, status and the pack (PDF, HTML) succeed" "0|0" \
        "$fails|$(grep -c 'locked' "$WORK/readers.err")"
    check_eq "$name: status reads the state $state the import ($n attendance rows)" "$n" \
        "$(jq -r .tables.attendance "$WORK/status.json")"
    if cmp -s "$WORK/reach.json" "$WORK/$state.json"; then ok "$name: reach by agency is the one of the state $state it"
    else not_ok "$name: reach by agency is the one of the state $state it"; fi
    pdftotext -layout "$WORK/held.pdf" "$WORK/held.txt"
    if cmp -s "$WORK/held.txt" "$WORK/$state.txt"; then ok "$name: the pack is the one of the state $state it"
    else not_ok "$name: the pack is the one of the state $state it" "$(diff "$WORK/$state.txt" "$WORK/held.txt" | head -5)"; fi
    # a second import waits for one held in its commit (which holds the
    # write lock); in the checkpoint it may wait or go ahead
    : >"$WORK/second.err"
    "$LIA" import attendance "$WORK/second.csv" --format json >"$WORK/second.json" 2>>"$WORK/second.err" &
    pid2=$!
    i=0
    while ! grep -q waiting "$WORK/second.err" && kill -0 "$pid2" 2>/dev/null && [ $i -lt 500 ]; do
        sleep 0.02; i=$((i + 1))
    done
    if [ "$state" = before ]; then
        check_grep "$name: a second import waits and says why" \
            "another command is writing to the database (an import?); waiting for it to finish" "$WORK/second.err"
    else
        echo "# $name: the second import $(grep -q waiting "$WORK/second.err" && echo waited || echo went ahead)"
    fi
    kill -CONT "$pid"
    wait "$pid"; rc1=$?
    wait "$pid2"; rc2=$?
    check_eq "$name: both land, the counts exact" "0|committed|$loaded|0|committed|2|1|$((base + loaded + 2))" \
        "$rc1|$(jq -r '[.status, .loaded] | join("|")' "$WORK/first.json")|$rc2|$(jq -r '[.status, .loaded, .duplicates] | join("|")' "$WORK/second.json")|$(sql 'SELECT count(*) FROM attendance')"
    check_eq "$name: integrity" ok "$(sql 'PRAGMA integrity_check')"
}

echo "# writes: WAL frames $first_wal-$commit, checkpoint $ckpt_first-$ckpt_last"
held "held in its commit" $(((first_wal + commit) / 2)) before
held "held in its checkpoint" $(((ckpt_first + ckpt_last) / 2)) after
