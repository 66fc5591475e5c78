# End-to-end: small-number suppression (--suppress) and atomic -o files, on
# the reach fixtures of tests/fixtures/reach/ (see tests/e2e/reach.sh for
# their hand-counted figures).  FY 2019/20 by agency, rows in key order
# =HYPERLINK, @SUM(1), Health Trust, Police:
#   attendances           1  2  3  5   total 11
#   unique_practitioners  1  1  2  4   total  7
#   dna                   0  0  1  1   total  2
#   cancelled             0  0  0  1   total  1
#   headcount             0  0 45 30   total 75
. tests/lib.sh

F="$FIX/reach"
"$LIA" import courses "$F/courses.csv" >/dev/null
"$LIA" import workforce "$F/workforce.csv" >/dev/null
"$LIA" import attendance "$F/attendance.csv" >/dev/null

# --- --suppress 2: only ones hidden; the secondary cell ------------------------
check_rc "reach --suppress 2" 0 "$LIA" reach --by agency --period 2019/20 --suppress 2 --format json
J="$WORK/s2.json"
cp "$WORK/out" "$J"
att() { jq -c '[.rows[] | .attendances]' "$J"; }
# =HYPERLINK's 1 is hidden; alone in its column with the total 11 shown, it
# would be 11 - 2 - 3 - 5: so the smallest shown, @SUM(1)'s 2, goes too.
check_eq "attendances: the 1 and, to protect it, the 2 hidden" '[null,null,3,5]' "$(att)"
check_eq "hidden cells say so" '[true,true,null,null]' "$(jq -c '[.rows[] | .attendances_suppressed]' "$J")"
check_eq "unique practitioners: two ones hidden, nothing more" '[null,null,2,4]' \
    "$(jq -c '[.rows[] | .unique_practitioners]' "$J")"
check_eq "total cancelled 1 hidden, total dna 2 shown" 'null true 2' \
    "$(jq -r '"\(.total.cancelled) \(.total.cancelled_suppressed) \(.total.dna)"' "$J")"
check_eq "dna_rate hidden where dna or attendances is" '[null,null,null,null]' \
    "$(jq -c '[.rows[] | .dna_rate]' "$J")"
check_eq "coverage of a shown count kept: Police 4/40" '0.1' \
    "$(jq -r '.rows[] | select(.agency == "Police") | .coverage' "$J")"
check_eq "sessions are not people: never hidden" '[1,2,4,5]' "$(jq -c '[.rows[] | .sessions]' "$J")"
check_grep "the rule in force is stated" '"suppression":"counts of one person are shown as' "$J"
check_grep "a note counts the secondary cell" '1 further count hidden so that no hidden count can be worked out from a total' "$J"

# --- the default threshold of the packs, 5 --------------------------------------
check_rc "reach --suppress 5 as CSV" 0 "$LIA" reach --by agency --period 2019/20 --suppress 5 --format csv
check_eq "CSV: Health Trust's 3 attendances written <5" \
    'Health Trust,4,3,<5,<5,45,<5,0,<5,,50,<5,<5,<5' "$(grep '^Health Trust' "$WORK/out")"
check_eq "CSV: Police's 5 attendances shown, 4 people hidden" \
    'Police,5,4,5,<5,30,<5,<5,<5,,40,<5,<5,<5' "$(grep '^Police' "$WORK/out")"
check_rc "reach --suppress 5 as a table" 0 "$LIA" reach --by agency --period 2019/20 --suppress 5
check_no_grep "no hidden count leaks into the table: Health Trust's 2 people" '^Health Trust  *4  *3  *[0-9]' "$WORK/out"
check_grep "the table says how" '^suppression: counts of people from 1 to 4 are shown as "<5"' "$WORK/out"
check_rc "nhs" 0 "$LIA" reach --by agency --period 2019/20 --suppress nhs --format json
check_eq "nhs: 1-7 hidden, shown total 11" '[null,null,null,null] 11' \
    "$(jq -c '[.rows[] | .attendances]' "$WORK/out") $(jq -r .total.attendances "$WORK/out")"
check_rc "ons" 0 "$LIA" reach --by agency --period 2019/20 --suppress ons --format json
check_eq "ons: headcount 45 and 30 shown rounded to 5s, 75 total" '[0,0,45,30] 75' \
    "$(jq -c '[.rows[] | .headcount_attendances]' "$WORK/out") $(jq -r .total.headcount_attendances "$WORK/out")"
check_eq "ons: total attendances 11 rounded to 10" '10' "$(jq -r .total.attendances "$WORK/out")"
check_rc "--suppress 0 is off" 0 "$LIA" reach --by agency --period 2019/20 --suppress 0 --format json
check_eq "off: every count shown" '[1,2,3,5]' "$(jq -c '[.rows[] | .attendances]' "$WORK/out")"
check_no_grep "off: no suppression key" '"suppression"' "$WORK/out"
check_rc "--suppress 1 is refused" 2 "$LIA" reach --suppress 1
check_grep "and says why" "suppress must be a threshold from 2 to 1000, 0 (off), nhs or ons, not '1'" "$WORK/err"
check_rc "currency --suppress" 0 "$LIA" currency --as-at 2020-03-31 --by agency --suppress 5 --format json
check_eq "currency: in-date counts under 5 hidden" 'true' \
    "$(jq '[.rows[] | select(.in_date > 0 and .in_date < 5)] | length == 0' "$WORK/out")"
check_rc "trainers --suppress" 0 "$LIA" trainers --suppress 5 --format json
check_eq "trainers: the pool of 3 is hidden in the total" 'null true' \
    "$(jq -r '"\(.total.trainers) \(.total.trainers_suppressed)"' "$WORK/out")"

# --- charts draw the marker, never the number -------------------------------------
check_rc "reach-by-agency --suppress 5 as PDF" 0 "$LIA" chart reach-by-agency --period 2019/20 \
    --suppress 5 -o "$WORK/reach.pdf"
pdftotext "$WORK/reach.pdf" "$WORK/reach.txt" 2>/dev/null
check_grep "the chart shows the marker" '<5' "$WORK/reach.txt"
check_no_grep "and not Police's hidden 10% coverage" '10%' "$WORK/reach.txt"
check_grep "its note gives the hidden total of people as <5? no: 7 is shown" 'n = 7 practitioners' "$WORK/reach.txt"
check_rc "without --suppress the chart shows 10%" 0 "$LIA" chart reach-by-agency --period 2019/20 -o "$WORK/open.pdf"
pdftotext "$WORK/open.pdf" "$WORK/open.txt" 2>/dev/null
check_grep "the open chart's 10%" '10%' "$WORK/open.txt"
check_rc "--suppress on a chart that takes none is refused (actions count no people)" 2 "$LIA" chart actions --suppress 5 -o "$WORK/c.png"

# --- -o files: mode 0600, replaced whole, no temporary left -------------------------
mkdir "$WORK/o"
( umask 022; "$LIA" reach --by agency -o "$WORK/o/reach.txt" ) 2>"$WORK/err"
check_eq "-o file is mode 0600 under umask 022" 600 "$(stat -c %a "$WORK/o/reach.txt")"
( umask 277; "$LIA" chart improvement-cycle -o "$WORK/o/cycle.png" ) 2>"$WORK/err"
check_eq "a stricter umask wins (0277: 0400)" 400 "$(stat -c %a "$WORK/o/cycle.png")"
check_eq "no temporary file left" "cycle.png reach.txt" "$(ls -A "$WORK/o" | tr '\n' ' ' | sed 's/ $//')"
cp "$WORK/o/cycle.png" "$WORK/cycle.before"
# A write that fails (a file size limit of 256 KB, its signal ignored: the
# database is smaller, the 2000 x 2000 pt PNG larger) leaves the old file.
( trap '' XFSZ; ulimit -f 256; "$LIA" chart reach-by-agency -o "$WORK/o/cycle.png" \
    --width 2000 --height 2000 ) >/dev/null 2>"$WORK/err"
check_grep "a failed chart write says which file" "cycle.png" "$WORK/err"
if cmp -s "$WORK/o/cycle.png" "$WORK/cycle.before"; then ok "the previous file is intact"
else not_ok "the previous file is intact"; fi
check_eq "still 0400 and no temporary left" "400 cycle.png reach.txt" \
    "$(stat -c %a "$WORK/o/cycle.png") $(ls -A "$WORK/o" | tr '\n' ' ' | sed 's/ $//')"
check_rc "-o into a folder that does not exist" 1 "$LIA" reach -o "$WORK/nowhere/x.csv"
check_grep "names the file" "nowhere/x.csv" "$WORK/err"
