# Import speed and memory: lia import attendance against the sqlite3
# shell's `.mode csv` + `.import` of the same file, for the four shapes of
# file a partnership imports (bench/gen_attendance.awk writes each, the
# same bytes every time):
#   a. grouped      1,000,000 rows grouped by session, into a new database;
#   b. booking      1,000,000 wider rows in booking order (any session on
#                   any row, 100,000 sessions), into a new database;
#   c. incremental  a second 1,000,000-row file (new sessions, people mostly
#                   held) into the database that holds (a); sqlite3 appends
#                   it to the table that holds (a);
#   d. reexport     (a) again as other bytes (ISO dates, CRLF): every row a
#                   duplicate, into the database that holds (a); sqlite3
#                   appends it likewise.
# Each shape is run 5 times, lia and sqlite3 alternately, each run on a copy
# of its starting database made before the clock starts and after a sync;
# the medians, the ratio lia/sqlite3 and the load of the machine (uptime)
# are printed.  Targets: (a) at most 0.8, (b), (c), (d) at most 1.0.  Then
# shapes (a) and (b) at 5,000,000 rows are imported once each under
# /usr/bin/time -v for lia's peak memory (target: under 128 MB); the (a)
# database is what bench/20-reach.sh queries.
set -u
: "${BENCH:=build/bench}"
: "${LIA:=$(pwd)/build/lia}"
: "${RUNS:=5}"
GEN=bench/gen_attendance.awk
mkdir -p "$BENCH"

gen() {	# shape, rows, file: regenerate when the generator is newer
    if [ ! -f "$3" ] || [ "$GEN" -nt "$3" ]; then
        echo "generating $3 ($2 rows, $1)"
        awk -v rows="$2" -v shape="$1" -f "$GEN" >"$3.tmp" && mv "$3.tmp" "$3"
    fi
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load() { uptime | sed 's/.*load average: //'; }
rmdb() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }

for s in grouped booking incremental reexport; do
    gen "$s" 1000000 "$BENCH/attendance-$s-1m.csv"
done

status=0
summary=""
# shape letter, file, target, base lia db or "", base sqlite3 db or ""
bench_shape() {
    letter=$1 f=$2 target=$3 base_lia=$4 base_sql=$5
    lia_times="" sql_times=""
    echo "-- ($letter) $(basename "$f"): $(($(wc -l <"$f") - 1)) rows, $(wc -c <"$f") bytes; load before: $(load)"
    for i in $(seq "$RUNS"); do
        rmdb "$BENCH/imp.db"; rm -f "$BENCH/plain.db"
        [ -n "$base_lia" ] && cp "$base_lia" "$BENCH/imp.db"
        [ -n "$base_sql" ] && cp "$base_sql" "$BENCH/plain.db"
        sync
        t0=$(now)
        "$LIA" --db "$BENCH/imp.db" import attendance "$f" >"$BENCH/imp.out" ||
            { cat "$BENCH/imp.out"; exit 1; }
        t1=$(now)
        sync
        t2=$(now)
        sqlite3 "$BENCH/plain.db" -cmd '.mode csv' ".import $f attendance" || exit 1
        t3=$(now)
        lia_times="$lia_times$(elapsed "$t0" "$t1") "
        sql_times="$sql_times$(elapsed "$t2" "$t3") "
    done
    cat "$BENCH/imp.out"
    lia=$(printf '%s\n' $lia_times | median)
    sql=$(printf '%s\n' $sql_times | median)
    ratio=$(awk -v a="$lia" -v b="$sql" 'BEGIN { printf "%.2f", a / b }')
    printf '%-34s %7s s   (runs: %s)\n' "lia import attendance" "$lia" "$lia_times"
    printf '%-34s %7s s   (runs: %s)\n' "sqlite3 .mode csv + .import" "$sql" "$sql_times"
    if awk -v r="$ratio" -v t="$target" 'BEGIN { exit !(r <= t) }'; then
        verdict=met
    else
        verdict="NOT MET"
        status=1
    fi
    echo "($letter) ratio lia/sqlite3: $ratio (target <= $target): $verdict; load after: $(load)"
    summary="$summary($letter) $ratio $verdict; "
}

A="$BENCH/attendance-grouped-1m.csv"
bench_shape a "$A" 0.8 "" ""
# the databases holding (a), for (c) and (d)
cp "$BENCH/imp.db" "$BENCH/base-a.db"
cp "$BENCH/plain.db" "$BENCH/base-a-plain.db"
bench_shape b "$BENCH/attendance-booking-1m.csv" 1.0 "" ""
bench_shape c "$BENCH/attendance-incremental-1m.csv" 1.0 "$BENCH/base-a.db" "$BENCH/base-a-plain.db"
bench_shape d "$BENCH/attendance-reexport-1m.csv" 1.0 "$BENCH/base-a.db" "$BENCH/base-a-plain.db"
rm -f "$BENCH/base-a.db" "$BENCH/base-a-plain.db" "$BENCH/plain.db"
rmdb "$BENCH/imp.db"

# Peak memory at 5,000,000 rows.
mem() {	# shape, database
    f="$BENCH/attendance-$1-5m.csv"
    gen "$1" 5000000 "$f"
    rmdb "$2"
    sync
    /usr/bin/time -v "$LIA" --db "$2" import attendance "$f" \
        >"$BENCH/imp5.out" 2>"$BENCH/imp5.time" || { cat "$BENCH/imp5.out" "$BENCH/imp5.time"; exit 1; }
    cat "$BENCH/imp5.out"
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$BENCH/imp5.time")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$BENCH/imp5.time")
    mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    if [ "$kb" -lt $((128 * 1024)) ]; then verdict=met; else verdict="NOT MET"; status=1; fi
    echo "lia import attendance ($1, 5M rows): $wall wall, peak memory $mb MB (target < 128 MB): $verdict; load: $(load)"
    summary="${summary}5M $1 $mb MB $verdict; "
}
[ "${MEM:-1}" = 0 ] || mem grouped "$BENCH/attendance-5m.db"
[ "${MEM:-1}" = 0 ] || mem booking "$BENCH/attendance-booking-5m.db"
rmdb "$BENCH/attendance-booking-5m.db"
echo "import summary: $summary"
exit $status
