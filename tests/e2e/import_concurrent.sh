# End-to-end: readers are never blocked by an import, and two imports at
# once both land (issue 14 point 3; issue 16's first finding).  A 200,000-row
# import runs in the background while other lia processes read the same
# database over and over: lia reach, lia status, lia workdays and lia init
# must each answer, with exit 0 and no "database is locked", from the last
# committed state (before or after the import, never in between).  A second
# import started meanwhile waits for the first, says so, and then lands with
# its exact counts.
. tests/lib.sh

BIG="$WORK/big.csv"
awk -v rows=200000 -f bench/gen_attendance.awk >"$BIG"
printf 'agency,course_code,session_date,email\nPolice,WT01,12/06/2019,a@x.example\nPolice,WT01,12/06/2019,b@x.example\n' >"$WORK/small.csv"
printf 'agency,course_code,session_date,email\nHealth,WT02,13/06/2019,c@x.example\nHealth,WT02,13/06/2019,d@x.example\nHealth,WT02,13/06/2019,c@x.example\n' >"$WORK/second.csv"

check_rc "the state before" 0 "$LIA" import attendance "$WORK/small.csv"
before=2
"$LIA" import attendance "$BIG" --format json >"$WORK/big.json" 2>"$WORK/big.err" &
pid=$!

reads=0 during=0 failed=0 locked=0 second_started=0 counts=""
: >"$WORK/readers.err"
while kill -0 "$pid" 2>/dev/null || [ "$reads" -lt 4 ]; do
    alive=0; kill -0 "$pid" 2>/dev/null && alive=1
    "$LIA" status --format json >"$WORK/st.json" 2>>"$WORK/readers.err" || failed=$((failed + 1))
    counts="$counts $(jq -r '.tables.attendance' "$WORK/st.json" 2>/dev/null)"
    "$LIA" reach --format json >"$WORK/reach.json" 2>>"$WORK/readers.err" || failed=$((failed + 1))
    "$LIA" workdays 2019-06-01 2019-06-30 >/dev/null 2>>"$WORK/readers.err" || failed=$((failed + 1))
    "$LIA" init >/dev/null 2>>"$WORK/readers.err" || failed=$((failed + 1))
    reads=$((reads + 1))
    if [ "$alive" -eq 1 ] && kill -0 "$pid" 2>/dev/null; then during=$((during + 1)); fi
    if [ "$second_started" -eq 0 ] && [ "$alive" -eq 1 ]; then
        "$LIA" import attendance "$WORK/second.csv" --format json >"$WORK/second.json" 2>"$WORK/second.err" &
        pid2=$!
        second_started=1
    fi
done
wait "$pid"; rc1=$?
wait "$pid2"; rc2=$?
locked=$(grep -c 'locked' "$WORK/readers.err")
echo "# reader rounds: $reads, $during of them while the import ran; counts seen: $(echo $counts | tr " " "\n" | sort -un | tr "\n" " ")"

check_eq "the import committed" "0|committed|200000" "$rc1|$(jq -r '.status' "$WORK/big.json")|$(jq -r '.read' "$WORK/big.json")"
check_eq "readers ran while it ran" yes "$([ "$during" -ge 3 ] && echo yes || echo "no ($during)")"
check_eq "every reader answered" 0 "$failed"
check_eq "no reader saw 'database is locked'" 0 "$locked"
after=$(sql 'SELECT count(*) FROM attendance')
bad=""
for c in $counts; do
    case $c in
    "$before"|"$((before + 2))") ;;
    *) [ "$c" -ge "$((after - 2))" ] || bad="$bad $c" ;;
    esac
done
check_eq "readers saw a committed state only (before: $before, after: $after)" "" "$bad"
check_eq "the second import waited and landed" "0|committed|3|2|1" \
    "$rc2|$(jq -r '[.status, .read, .loaded, .duplicates] | join("|")' "$WORK/second.json")"
# (the one that got the lock second says so: the second one, unless the
# first had not begun its transaction yet)
cat "$WORK/second.err" "$WORK/big.err" >"$WORK/both.err"
check_grep "the import that waited said why" "another command is writing to the database (an import?); waiting for it to finish" "$WORK/both.err"
check_eq "both files are in" "$((before + 2 + $(jq -r '.loaded' "$WORK/big.json")))" "$after"
check_eq "integrity" ok "$(sql 'PRAGMA integrity_check')"
check_eq "still in WAL mode" wal "$(sql 'PRAGMA journal_mode')"
