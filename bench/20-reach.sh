# Reach speed: lia reach on the 5,000,000-row attendance database that
# bench/10-import.sh imports, against the sqlite3 shell's count-distinct of
# the same rows in a flat table with an index.  Both are timed 3 times and
# the median printed side by side; lia must take at most 1.0 s for
#   lia reach --by agency --period 2019/20   (one financial year)
#   lia reach --by year                      (every year)
# Needs $BENCH/attendance-5m.db (bench/run.sh sets BENCH).
set -u
: "${BENCH:=build/bench}"
: "${LIA:=$(pwd)/build/lia}"
DB="$BENCH/attendance-5m.db"
FLAT="$BENCH/reach-flat.db"
LIMIT=1.0
FY=2019/20
FY_FROM=2019-04-01
FY_TO=2020-03-31

if [ ! -f "$DB" ]; then
    echo "skipped: run bench/10-import.sh first"
    exit 0
fi

# The flat table: one row per named attendance, its agency, person, session
# date and status, indexed the way a hand-written query would want it.
if [ ! -f "$FLAT" ] || [ "$DB" -nt "$FLAT" ]; then
    rm -f "$FLAT"
    sqlite3 "$FLAT" "ATTACH '$DB' AS lia;
        CREATE TABLE flat AS SELECT a.agency_id AS agency, a.practitioner_id AS practitioner,
            s.date AS date, a.status AS status
            FROM lia.attendance a JOIN lia.session s ON s.id = a.session_id;
        CREATE INDEX flat_date ON flat(date, status, agency, practitioner);" || exit 1
fi

now() { date +%s.%N; }
# median of three timings of a command, in seconds
time3() {
    for i in 1 2 3; do
        t0=$(now)
        "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; echo 999; return; }
        t1=$(now)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
    done | sort -n | sed -n 2p
}

rows=$(sqlite3 "$FLAT" "SELECT count(*) FROM flat")
echo "attendance rows: $rows"
printf '%-44s %10s %10s %8s\n' "query" "lia (s)" "sqlite3 (s)" "limit"

status=0
run() {	# name, sqlite3 SQL, lia arguments...
    name=$1; q=$2; shift 2
    tl=$(time3 "$LIA" --db "$DB" reach "$@" --format json)
    ts=$(time3 sqlite3 "$FLAT" "$q")
    printf '%-44s %10.3f %10.3f %8s\n' "$name" "$tl" "$ts" "$LIMIT"
    if awk -v t="$tl" -v l="$LIMIT" 'BEGIN { exit !(t > l) }'; then
        echo "FAIL: lia reach $* took ${tl}s, more than ${LIMIT}s"
        status=1
    fi
}

run "reach --by agency --period $FY" \
    "SELECT agency, count(*), count(DISTINCT practitioner) FROM flat
     WHERE date BETWEEN '$FY_FROM' AND '$FY_TO' AND status = 'attended' GROUP BY agency" \
    --by agency --period "$FY"
run "reach --by year" \
    "SELECT substr(date, 1, 4), count(*), count(DISTINCT practitioner) FROM flat
     WHERE status = 'attended' GROUP BY 1" \
    --by year

# The same figures both ways: lia's unique people of the year equal the shell's.
lia_fy=$("$LIA" --db "$DB" reach --period "$FY" --format json | jq '.total.unique_practitioners')
sql_fy=$(sqlite3 "$FLAT" "SELECT count(DISTINCT practitioner) FROM flat
    WHERE date BETWEEN '$FY_FROM' AND '$FY_TO' AND status = 'attended'")
echo "unique practitioners $FY: lia $lia_fy, sqlite3 $sql_fy"
[ "$lia_fy" = "$sql_fy" ] || { echo "FAIL: the counts differ"; status=1; }
exit $status
