# Import speed and memory: lia import attendance against the sqlite3
# shell's `.mode csv` + `.import` of the same file into a fresh plain table.
# A deterministic 1,000,000-row file (bench/gen_attendance.awk: ~125,000
# practitioners, 40 agencies, 60 courses, quoted fields, rows grouped by
# session as LMS and booking exports list them) is imported 5 times each,
# alternately, each into a fresh database; the medians and the ratio
# lia/sqlite3 are printed (target: at most 0.8).  Then a 5,000,000-row file
# is imported once under /usr/bin/time -v for lia's peak memory (target:
# under 128 MB); that database is what bench/20-reach.sh queries.
set -u
: "${BENCH:=build/bench}"
: "${LIA:=$(pwd)/build/lia}"
GEN=bench/gen_attendance.awk
F1="$BENCH/attendance-1m.csv"
F5="$BENCH/attendance-5m.csv"
mkdir -p "$BENCH"

gen() {	# rows, file: regenerate when the generator is newer
    if [ ! -f "$2" ] || [ "$GEN" -nt "$2" ]; then
        echo "generating $2 ($1 rows)"
        awk -v rows="$1" -f "$GEN" >"$2.tmp" && mv "$2.tmp" "$2"
    fi
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -n | sed -n 3p; }

gen 1000000 "$F1"
echo "file: $(basename "$F1"), $(($(wc -l <"$F1") - 1)) rows, $(wc -c <"$F1") bytes"

lia_times=""
sql_times=""
for i in 1 2 3 4 5; do
    rm -f "$BENCH/imp.db" "$BENCH/imp.db-wal" "$BENCH/imp.db-shm" "$BENCH/plain.db"
    t0=$(now)
    "$LIA" --db "$BENCH/imp.db" import attendance "$F1" >"$BENCH/imp.out" || { cat "$BENCH/imp.out"; exit 1; }
    t1=$(now)
    sqlite3 "$BENCH/plain.db" -cmd '.mode csv' ".import $F1 attendance" || exit 1
    t2=$(now)
    lia_times="$lia_times$(elapsed "$t0" "$t1")
"
    sql_times="$sql_times$(elapsed "$t1" "$t2")
"
done
cat "$BENCH/imp.out"
plain_rows=$(sqlite3 "$BENCH/plain.db" "SELECT count(*) FROM attendance")
lia=$(printf '%s' "$lia_times" | median)
sql=$(printf '%s' "$sql_times" | median)
ratio=$(awk -v a="$lia" -v b="$sql" 'BEGIN { printf "%.2f", a / b }')
printf '%-40s %8s s   (runs: %s)\n' "lia import attendance (1M rows)" "$lia" "$(printf '%s' "$lia_times" | tr '\n' ' ')"
printf '%-40s %8s s   (runs: %s; %s rows)\n' "sqlite3 .mode csv + .import" "$sql" "$(printf '%s' "$sql_times" | tr '\n' ' ')" "$plain_rows"
status=0
if awk -v r="$ratio" 'BEGIN { exit !(r <= 0.8) }'; then
    echo "ratio lia/sqlite3: $ratio (target <= 0.8): met"
else
    echo "ratio lia/sqlite3: $ratio (target <= 0.8): NOT MET"
    status=1
fi

gen 5000000 "$F5"
rm -f "$BENCH/attendance-5m.db" "$BENCH/attendance-5m.db-wal" "$BENCH/attendance-5m.db-shm"
/usr/bin/time -v "$LIA" --db "$BENCH/attendance-5m.db" import attendance "$F5" \
    >"$BENCH/imp5.out" 2>"$BENCH/imp5.time" || { cat "$BENCH/imp5.out" "$BENCH/imp5.time"; exit 1; }
cat "$BENCH/imp5.out"
kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$BENCH/imp5.time")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$BENCH/imp5.time")
mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
if [ "$kb" -lt $((128 * 1024)) ]; then verdict=met; else verdict="NOT MET"; status=1; fi
echo "lia import attendance (5M rows): $wall wall, peak memory $mb MB (target < 128 MB): $verdict"
exit $status
