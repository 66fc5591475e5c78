# End-to-end: what lia writes stays what it says, whatever the imported
# names hold.  Terminal escapes and bidirectional overrides in an agency's
# name come out as visible escapes in tables and CSV and as \u escapes in
# JSON; a file name that is not UTF-8 still gives valid JSON.
. tests/lib.sh

printf 'agency,course_code,session_date,email\n' >"$WORK/att.csv"
printf '"\033[31mRed\033[0m",C1,2019-06-12,a@x.example\n' >>"$WORK/att.csv"
printf '"\342\200\256evil",C1,2019-06-12,b@x.example\n' >>"$WORK/att.csv"
printf 'Plain,C1,2019-06-12,c@x.example\n' >>"$WORK/att.csv"
cp "$WORK/att.csv" "$WORK/$(printf 'bad\377name.csv')"
check_rc "import names with escapes" 0 "$LIA" import attendance "$WORK/$(printf 'bad\377name.csv')"

check_rc "reach by agency as a table" 0 "$LIA" reach --by agency
check_eq "no raw ESC byte in the table, its title or notes" 0 "$(tr -cd '\033' <"$WORK/out" | wc -c)"
check_grep "ESC written \\x1b" '\\x1b\[31mRed\\x1b\[0m' "$WORK/out"
check_grep "RLO written \\u202e" '\\u202eevil' "$WORK/out"
check_rc "reach by agency as CSV" 0 "$LIA" reach --by agency --format csv
check_eq "no raw ESC byte in CSV" 0 "$(tr -cd '\033' <"$WORK/out" | wc -c)"
check_eq "no raw RLO in CSV" 0 "$(grep -c "$(printf '\342\200\256')" "$WORK/out")"
check_rc "reach by agency as JSON" 0 "$LIA" reach --by agency --format json
check_grep "JSON escapes ESC" '"agency":"\\u001b\[31mRed\\u001b\[0m"' "$WORK/out"
check_grep "JSON escapes RLO" '"agency":"\\u202eevil"' "$WORK/out"
if jq -e . "$WORK/out" >/dev/null 2>&1; then ok "reach JSON is valid"
else not_ok "reach JSON is valid"; fi
check_eq "no raw ESC byte in JSON" 0 "$(tr -cd '\033' <"$WORK/out" | wc -c)"
check_rc "status as JSON with a file name that is not UTF-8" 0 "$LIA" status --format json
if jq -e . "$WORK/out" >/dev/null 2>&1; then ok "status JSON is valid"
else not_ok "status JSON is valid" "$(head -c 300 "$WORK/out")"; fi
check_grep "the bad byte is U+FFFD" 'bad\\ufffdname.csv' "$WORK/out"

# Two sessions eight thousand years apart (a typo in a file) make no
# million-month run: a clear error, at once.
printf 'agency,course_code,session_date,email\nPlain,C1,0001-01-01,d@x.example\nPlain,C1,9999-12-31,e@x.example\n' \
    >"$WORK/far.csv"
check_rc "import far dates" 0 "$LIA" import attendance "$WORK/far.csv"
start=$(date +%s)
check_rc "reach --cumulative over 9999 years is refused" 1 "$LIA" reach --by month --cumulative
check_grep "and says why" 'a month-by-month run from 0001-01-01 to 9999-12-31 would have more than 1200 months; give --period or --from/--to' "$WORK/err"
check_rc "so is the chart" 1 "$LIA" chart reach-over-time -o "$WORK/far.png"
check_rc "a period makes it fine" 0 "$LIA" reach --by month --cumulative --period 2019
check_eq "12 months in 2019" 12 "$(grep -c '^2019-' "$WORK/out")"
check_eq "all of it within 10 seconds" 1 "$(( $(date +%s) - start < 10 * SLOW ))"
