# End-to-end: crash safety of the import (issue 16 point 3; the outputs'
# in crash_output.sh).  lia import is killed with
# SIGKILL at 20 points spread over its run: 6 at fractions of its running
# time (reading and loading, before any file is written), 14 at the Nth
# call that writes a file (tests/crash/killat.c, a preload library that
# counts them): in the WAL frames of the commit, at the commit's syncs, in
# the checkpoint that copies the WAL into the database, at the WAL's
# truncation.  After each kill the database passes PRAGMA integrity_check,
# holds either none of the file's rows (killed before the commit frame) or
# all of them, and the same import run again loads every row exactly once.
. tests/lib.sh

KILLAT=$(dirname "$LIA")/tests/killat.so
if [ ! -f "$KILLAT" ]; then
    not_ok "the preload library is built" "missing: $KILLAT (make test builds it)"
    exit 1
fi
# The sanitizer build's runtime need not come first for this library.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
# Under valgrind (make check-valgrind) the preload would count valgrind's
# own writes: there the points are times only, and the file smaller.
if [ -n "${RUNNER:-}" ]; then ROWS=2000; else ROWS=10000; fi

awk -v rows=$ROWS -f bench/gen_attendance.awk >"$WORK/big.csv"
printf 'agency,course_code,session_date,email\nPolice,WT01,12/06/2019,a@x.example\nPolice,WT01,12/06/2019,b@x.example\n' \
    >"$WORK/small.csv"
LIA_DB="$WORK/base.db" "$LIA" import attendance "$WORK/small.csv" >/dev/null 2>&1
base=$(sqlite3 "$WORK/base.db" 'SELECT count(*) FROM attendance')
check_eq "the base state: 2 rows, no WAL left" "2|no" \
    "$base|$([ -e "$WORK/base.db-wal" ] && echo yes || echo no)"

# The reference run: the file's counts, its running time and its writes.
cp "$WORK/base.db" "$WORK/ref.db"
t0=$(date +%s%N)
if [ -n "${RUNNER:-}" ]; then
    LIA_DB="$WORK/ref.db" "$LIA" import attendance "$WORK/big.csv" --format json >"$WORK/ref.json"
else
    LIA_DB="$WORK/ref.db" KILLAT_LOG="$WORK/calls" LD_PRELOAD="$KILLAT" \
        "$LIA" import attendance "$WORK/big.csv" --format json >"$WORK/ref.json"
fi
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
loaded=$(jq -r .loaded "$WORK/ref.json")
check_eq "the reference import loads the file" "committed|$ROWS" \
    "$(jq -r '[.status, .read] | join("|")' "$WORK/ref.json")"
want=$((base + loaded))

# The points: "t MS" kills after MS milliseconds, "n K" at the Kth write.
: >"$WORK/points"
for f in 10 20 30 40 50 60; do
    echo "t $((ms * f / 100))" >>"$WORK/points"
done
if [ -z "${RUNNER:-}" ]; then
    total=$(wc -l <"$WORK/calls")
    # The commit: the import's last write to the WAL before the checkpoint
    # (its first write to the database file) is its commit frame.
    ckpt_first=$(awk '$2 == "pwrite" && $3 ~ /\.db$/ { print $1; exit }' "$WORK/calls")
    ckpt_last=$(awk '$2 == "pwrite" && $3 ~ /\.db$/ { n = $1 } END { print n }' "$WORK/calls")
    first_wal=$(awk '$2 == "pwrite" && $3 ~ /-wal$/ { print $1; exit }' "$WORK/calls")
    commit=$(awk -v c="$ckpt_first" '$1 < c && $2 == "pwrite" && $3 ~ /-wal$/ { n = $1 } END { print n }' "$WORK/calls")
    echo "# $total writes: WAL frames $first_wal-$commit (commit frame $commit), checkpoint $ckpt_first-$ckpt_last; the import ran $ms ms"
    {
        echo "n 1"
        echo "n $first_wal"
        for f in 1 2 3 4; do echo "n $((first_wal + (commit - first_wal) * f / 5))"; done
        echo "n $((commit - 1))"
        echo "n $commit"
        echo "n $((commit + 1))"
        echo "n $((commit + 2))"
        echo "n $ckpt_first"
        echo "n $(((ckpt_first + ckpt_last) / 2))"
        echo "n $((ckpt_last + 1))"
        echo "n $total"
    } >>"$WORK/points"
fi

none=0 all=0 i=0
while read -r how at; do
    i=$((i + 1))
    db="$WORK/kill$i.db"
    cp "$WORK/base.db" "$db"
    if [ "$how" = t ]; then
        # a time: if the import was faster this time and had finished,
        # the same point again at half the time
        tries=0
        while :; do
            LIA_DB="$db" "$LIA" import attendance "$WORK/big.csv" >/dev/null 2>&1 &
            pid=$!
            sleep "$(awk -v m="$at" 'BEGIN { printf "%.3f", m / 1000 }')"
            kill -KILL "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null; rc=$?
            tries=$((tries + 1))
            [ "$rc" -ne 0 ] || [ "$tries" -ge 6 ] && break
            at=$((at / 2))
            rm -f "$db" "$db-wal" "$db-shm"
            cp "$WORK/base.db" "$db"
        done
        where="after $at ms"
    else
        { (LIA_DB="$db" KILLAT_N=$at LD_PRELOAD="$KILLAT" \
            exec "$LIA" import attendance "$WORK/big.csv" >/dev/null 2>&1); } 2>/dev/null
        rc=$?
        where="at write $at ($(sed -n "${at}p" "$WORK/calls" | awk '{ n = split($3, p, "/"); print $2, p[n] }'))"
    fi
    integrity=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
    rows=$(sqlite3 "$db" 'SELECT count(*) FROM attendance' 2>&1)
    batches=$(sqlite3 "$db" "SELECT count(*) FROM import_batch WHERE source LIKE '%big.csv'" 2>&1)
    if [ "$rows|$batches" = "$base|0" ]; then
        state=none; none=$((none + 1))
        expect=committed
    elif [ "$rows|$batches" = "$want|1" ]; then
        state=all; all=$((all + 1))
        expect=already_imported
    else
        state="partial ($rows rows, $batches batches)"
        expect=-
    fi
    # A write before the commit frame leaves nothing, one after everything;
    # a time, one or the other.
    case $how in
    t) case $state in none|all) shape=$state ;; *) shape="none or all" ;; esac ;;
    *) if [ "$at" -le "$commit" ]; then shape=none; else shape=all; fi ;;
    esac
    LIA_DB="$db" "$LIA" import attendance "$WORK/big.csv" --format json >"$WORK/again.json" 2>"$WORK/again.err"
    again=$(jq -r '[.status, .loaded] | join("|")' "$WORK/again.json" 2>/dev/null)
    final=$(sqlite3 "$db" 'SELECT count(*) FROM attendance')
    integrity2=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
    if [ "$expect" = committed ]; then want_again="committed|$loaded"; else want_again="already_imported|0"; fi
    got="killed:$rc integrity:$integrity state:$state again:$again rows:$final integrity:$integrity2"
    exp="killed:137 integrity:ok state:$shape again:$want_again rows:$want integrity:ok"
    check_eq "kill $i $where: integrity ok, $shape of the file, the import again loads it once" "$exp" "$got"
    rm -f "$db" "$db-wal" "$db-shm"
done <"$WORK/points"
echo "# $i kills: $none left none of the file, $all all of it"

