# End-to-end: lia reach, currency and trainers on the fixture files of
# tests/fixtures/reach/, imported with lia import, checked exactly against
# figures counted by hand (see the comments by each check):
#   people    agency (FY 2019/20 sessions)           what they test
#   p1        Police: NEG1 1 Apr 2019, DV2 12 Jun    repeat attendance; NEG1 31 Mar 2019 is 2018/19
#   p2        Police: DNA 1 Apr 2019, NEG1 31 Mar 2020  a DNA, then attended on the FY's last day
#   p3        Police: DV2 cancelled                  cancelled: no attendance, no person
#   p4        Police 1 Apr 2019, Health Trust 31 Mar 2020  one person in two agencies' rows
#   h1, h2    Health Trust (h2 DNA); h1 also GCP2T   trainer
#   v1        =HYPERLINK(...) agency, DV2            CSV formula guard
#   e1        @SUM(1) agency: no workforce figure    trainer; coverage not computed
#   p5        Police GCP2T; DV2 1 Apr 2020 (2020/21) trainer; FY boundary
#   EVT       headcount only: Police 30, Health Trust 45
. tests/lib.sh


F="$FIX/reach"
check_rc "import courses" 0 "$LIA" import courses "$F/courses.csv"
check_rc "import workforce" 0 "$LIA" import workforce "$F/workforce.csv"
check_rc "import attendance" 0 "$LIA" import attendance "$F/attendance.csv" --format json
check_eq "attendance: 18 rows loaded, none rejected" "18 0" "$(jq -r '"\(.loaded) \(.rejected)"' "$WORK/out")"

# --- reach by agency, FY 2019/20 --------------------------------------------------
check_rc "reach by agency 2019/20" 0 "$LIA" reach --by agency --period 2019/20 --format json
J="$WORK/agency.json"
cp "$WORK/out" "$J"
check_eq "envelope keys" '["analysis","notes","params","rows","total"]' "$(jq -c 'keys' "$J")"
check_eq "analysis and params" '"reach" "agency" "2019/20" "2019-04-01" "2020-03-31"' \
    "$(jq -c '.analysis, .params.by, .params.period, .params.from, .params.to' "$J" | tr '\n' ' ' | sed 's/ $//')"
row() {	# agency -> sessions courses attendances unique headcount dna cancelled workforce
    jq -r --arg a "$1" '.rows[] | select(.agency == $a) |
        "\(.sessions) \(.courses) \(.attendances) \(.unique_practitioners) \(.headcount_attendances) \(.dna) \(.cancelled) \(.workforce)"' "$J"
}
# Police: S1 p1 p4 attended, p2 DNA; S2 p2; DV2 p1 (repeat), p3 cancelled; EVT 30; GCP2T p5.
check_eq "Police: 5 sessions, 4 courses, 5 attended, 4 people, 30 headcount, 1 DNA, 1 cancelled, workforce 40" \
    "5 4 5 4 30 1 1 40" "$(row Police)"
check_eq "Police coverage 4/40" "0.1" "$(jq -r '.rows[] | select(.agency == "Police") | .coverage' "$J")"
check_eq "Police dna_rate 1/6" "0.166667" "$(jq -r '.rows[] | select(.agency == "Police") | .dna_rate * 1e6 | round / 1e6' "$J")"
# Wilson by hand: z = 1.959964, (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
check_eq "Police Wilson 95% interval of 4/40" "0.03958 0.230518" \
    "$(jq -r '.rows[] | select(.agency == "Police") | "\(.coverage_ci_low * 1e6 | round / 1e6) \(.coverage_ci_high * 1e6 | round / 1e6)"' "$J")"
# Health Trust: S1 h1; S2 p4 (moved), h2 DNA; EVT 45; GCP2T h1.
check_eq "Health Trust: 4 sessions, 3 courses, 3 attended, 2 people, 45 headcount, 1 DNA" \
    "4 3 3 2 45 1 0 50" "$(row "Health Trust")"
check_eq "Health Trust coverage 2/50" "0.04" "$(jq -r '.rows[] | select(.agency == "Health Trust") | .coverage' "$J")"
check_eq "@SUM(1): no workforce, so null workforce" "2 2 2 1 0 0 0 null" "$(row "@SUM(1)")"
check_eq "@SUM(1): coverage null" "null null null" \
    "$(jq -r '.rows[] | select(.agency == "@SUM(1)") | "\(.coverage) \(.coverage_ci_low) \(.coverage_ci_high)"' "$J")"
check_eq "=HYPERLINK agency: 1 of 10" "1 1 1 1 0 0 0 10" "$(row '=HYPERLINK("http://x.example","y")')"
check_eq "fill_rate not split by agency" "null" "$(jq -c '[.rows[].fill_rate] | unique | .[0]' "$J")"
check_eq "4 agencies" 4 "$(jq '.rows | length' "$J")"
# Total: p4 is in two agencies' rows but one person: 4 + 2 + 1 + 1 = 8 summed, 7 people.
check_eq "total: 7 people, not the 8 of the rows summed" "7 8" \
    "$(jq -r '"\(.total.unique_practitioners) \([.rows[].unique_practitioners] | add)"' "$J")"
check_eq "total counts" "5 4 11 75 2 1" \
    "$(jq -r '.total | "\(.sessions) \(.courses) \(.attendances) \(.headcount_attendances) \(.dna) \(.cancelled)"' "$J")"
check_eq "total dna_rate 2/13" "0.153846" "$(jq -r '.total.dna_rate * 1e6 | round / 1e6' "$J")"
# Capacity 20 + 20 + 10 + 100 + 12 = 162; filled 11 attended + 75 headcount = 86.
check_eq "total fill_rate 86/162" "0.530864" "$(jq -r '.total.fill_rate * 1e6 | round / 1e6' "$J")"
check_eq "total workforce unknown (an agency reached has none)" "null null" \
    "$(jq -r '"\(.total.workforce) \(.total.coverage)"' "$J")"
check_eq "total has no key" "false" "$(jq '.total | has("agency")' "$J")"
check_eq "a note names the agency without workforce" 1 \
    "$(jq '[.notes[] | select(test("no workforce figure for @SUM\\(1\\)"))] | length' "$J")"

# --- the financial-year boundary ---------------------------------------------------
"$LIA" reach --period 2018/19 --format json >"$WORK/fy18.json"
check_eq "2018/19 holds only 31 March 2019: 1 session, p1" "1 1 1" \
    "$(jq -r '.total | "\(.sessions) \(.attendances) \(.unique_practitioners)"' "$WORK/fy18.json")"
"$LIA" reach --period 2020/21 --format json >"$WORK/fy20.json"
check_eq "2020/21 holds 1 April 2020: 1 session, p5; coverage 1/42" "1 1 1 42" \
    "$(jq -r '.total | "\(.sessions) \(.attendances) \(.unique_practitioners) \(.workforce)"' "$WORK/fy20.json")"
"$LIA" reach --by fy --format json >"$WORK/byfy.json"
check_eq "by fy: 2018/19 1, 2019/20 7, 2020/21 1 people" '[["2018/19",1],["2019/20",7],["2020/21",1]]' \
    "$(jq -c '[.rows[] | [.fy, .unique_practitioners]]' "$WORK/byfy.json")"
# p1 p2 p4 h1 v1 e1 p5: p3 only cancelled and h2 only did not attend.
check_eq "by fy total: 7 people over all years" 7 "$(jq '.total.unique_practitioners' "$WORK/byfy.json")"
"$LIA" reach --from 2019-04-02 --to 2020-03-30 --format json >"$WORK/inner.json"
# Left: DV2 12 Jun (p1 v1), EVT (headcount), GCP2T 1 Sep (h1 e1 p5).
check_eq "--from/--to inside the FY drops both end days" "3 5" \
    "$(jq -r '.total | "\(.sessions) \(.unique_practitioners)"' "$WORK/inner.json")"

# --- filters and other dimensions -------------------------------------------------------
"$LIA" reach --period 2019/20 --agency police --format json >"$WORK/pol.json"
check_eq "--agency police (any case): 4 of 40" "4 40 0.1" \
    "$(jq -r '.total | "\(.unique_practitioners) \(.workforce) \(.coverage)"' "$WORK/pol.json")"
"$LIA" reach --by course --period 2019/20 --format json >"$WORK/course.json"
check_eq "by course: people per course" '[["DV2",2,0.2],["EVT",0,0.75],["GCP2T",3,0.25],["NEG1",5,0.15]]' \
    "$(jq -c '[.rows[] | [.course, .unique_practitioners, .fill_rate]]' "$WORK/course.json")"
"$LIA" reach --by theme --period 2019/20 --format json >"$WORK/theme.json"
# Neglect: NEG1 (p1 p4 h1 p2 e1) + EVT (headcount only); Graded Care Profile: NEG1 + GCP2T (h1 e1 p5).
check_eq "by theme: a course in two themes counts in each" \
    '[["Child J review",0,75],["Domestic abuse",2,0],["Graded Care Profile",6,0],["Neglect",5,75]]' \
    "$(jq -c '[.rows[] | [.theme, .unique_practitioners, .headcount_attendances]]' "$WORK/theme.json")"
check_eq "by theme: total once" 7 "$(jq '.total.unique_practitioners' "$WORK/theme.json")"
"$LIA" reach --by sector --period 2019/20 --theme neglect --format json >"$WORK/sector.json"
check_eq "--theme neglect by sector" '[["education",1],["health",2],["police",3],["voluntary",0]]' \
    "$(jq -c '[.rows[] | [.sector, .unique_practitioners]]' "$WORK/sector.json")"
"$LIA" reach --by role --course NEG1 --format json >"$WORK/role.json"
check_eq "by role, course NEG1, all years" '[["Detective",1],["Health visitor",2],["Officer",2],["Teacher",1]]' \
    "$(jq -c '[.rows[] | select(.unique_practitioners > 0) | [.role, .unique_practitioners]]' "$WORK/role.json")"

# --- cumulative -----------------------------------------------------------------------------
"$LIA" reach --cumulative --by month --period 2019/20 --format json >"$WORK/cum.json"
check_eq "cumulative: 12 months" 12 "$(jq '.rows | length' "$WORK/cum.json")"
check_eq "cumulative people month by month" "[3,3,4,4,4,6,6,6,6,6,6,7]" \
    "$(jq -c '[.rows[].cumulative_practitioners]' "$WORK/cum.json")"
check_eq "cumulative ends at the total" 7 "$(jq '.total.cumulative_practitioners' "$WORK/cum.json")"

# --- CSV, the formula guard and -o ----------------------------------------------------------
check_rc "reach csv to a file" 0 "$LIA" reach --by agency --period 2019/20 --format csv -o "$WORK/reach.csv"
check_eq "csv header" "agency,sessions,courses,attendances,unique_practitioners,headcount_attendances,dna,cancelled,dna_rate,fill_rate,workforce,coverage,coverage_ci_low,coverage_ci_high" \
    "$(head -1 "$WORK/reach.csv")"
check_grep "=HYPERLINK guarded with an apostrophe" '^"'"'"'=HYPERLINK(""http://x.example"",""y"")",1,1,1,1,0,0,0,0,,10,0.1,' "$WORK/reach.csv"
check_grep "@SUM guarded with an apostrophe" "^'@SUM(1),2,2,2,1," "$WORK/reach.csv"
check_no_grep "no unguarded formula" '^[=@+-]' "$WORK/reach.csv"
check_grep "csv ends with the total" '^total,5,4,11,7,75,2,1,' "$WORK/reach.csv"
check_eq "csv: 4 rows, the total and the header" 6 "$(wc -l <"$WORK/reach.csv")"
check_eq "nothing on standard output with -o" 0 "$(wc -c <"$WORK/out")"
check_rc "table form" 0 "$LIA" reach --by agency --period 2019/20
check_grep "table: total row" '^total  ' "$WORK/out"
check_grep "table: notes" 'no workforce figure for @SUM(1)' "$WORK/out"

# --- usage errors ---------------------------------------------------------------------------
check_rc "--by nonsense exits 2" 2 "$LIA" reach --by colour
check_rc "--by with SQL in it exits 2" 2 "$LIA" reach --by "agency; DROP TABLE attendance"
check_rc "--period with --from exits 2" 2 "$LIA" reach --period 2019/20 --from 2019-01-01
check_rc "bad period exits 2" 2 "$LIA" reach --period 2019/21
check_rc "--cumulative --by agency exits 2" 2 "$LIA" reach --cumulative --by agency
check_rc "unknown agency exits 1" 1 "$LIA" reach --agency "Nobody's Service"
check_grep "unknown agency named" "no agency named 'Nobody's Service'" "$WORK/err"
check_eq "attendance table intact" 16 "$(sql 'SELECT count(*) FROM attendance')"

# --- currency on both sides of a refresh date -------------------------------------------------
# Level 1 (NEG1, refresh 24 months): p1 and h1 last on 1 Apr 2019 are in date to 31 Mar 2021;
# p2, p4, e1 last on 31 Mar 2020 stay in date.
check_rc "currency 2021-03-31" 0 "$LIA" currency --as-at 2021-03-31 --level 1 --by agency --format json
check_eq "as at 31 Mar 2021: all 5 in date" "5 5" "$(jq -r '"\(.total.practitioners) \(.total.in_date)"' "$WORK/out")"
check_eq "Police 2 of 42 in date" "42 2 2" \
    "$(jq -r '.rows[] | select(.agency == "Police") | "\(.workforce) \(.practitioners) \(.in_date)"' "$WORK/out")"
check_rc "currency 2021-04-01" 0 "$LIA" currency --as-at 2021-04-01 --level 1 --by agency --format json
check_eq "as at 1 Apr 2021: p1 and h1 lapsed, 3 in date" "5 3" "$(jq -r '"\(.total.practitioners) \(.total.in_date)"' "$WORK/out")"
check_eq "by agency: in date / practitioners" '[["=HYPERLINK(\"http://x.example\",\"y\")",0,0],["@SUM(1)",1,1],["Health Trust",2,1],["Police",2,1]]' \
    "$(jq -c '[.rows[] | [.agency, .practitioners, .in_date]]' "$WORK/out")"
check_eq "Police share 1/42" "0.02381" "$(jq -r '.rows[] | select(.agency == "Police") | .in_date_share * 1e5 | round / 1e5' "$WORK/out")"
check_rc "currency needs --as-at" 2 "$LIA" currency --level 1
check_rc "currency csv" 0 "$LIA" currency --as-at 2021-04-01 --by sector --format csv
check_eq "currency csv header" "sector,workforce,practitioners,in_date,in_date_share,in_date_ci_low,in_date_ci_high" "$(head -1 "$WORK/out")"

# --- trainers ----------------------------------------------------------------------------------
check_rc "trainers" 0 "$LIA" trainers --format json
check_eq "pool of 3 against 14: 11 short" "3 14 11" \
    "$(jq -r '.total | "\(.trainers) \(.target) \(.shortfall)"' "$WORK/out")"
check_eq "trainers by sector" '[["education",1],["health",1],["police",1],["voluntary",0]]' \
    "$(jq -c '[.rows[] | [.sector, .trainers]]' "$WORK/out")"
check_eq "voluntary is missing" '["sectors with no trainer: voluntary"]' \
    "$(jq -c '[.notes[] | select(startswith("sectors"))]' "$WORK/out")"
check_rc "trainers --target 3" 0 "$LIA" trainers --target 3 --course gcp2t --format json
check_eq "target met: no shortfall" "3 0" "$(jq -r '.total | "\(.target) \(.shortfall)"' "$WORK/out")"
check_rc "not a train-the-trainer course exits 1" 1 "$LIA" trainers --course NEG1
check_rc "trainers csv" 0 "$LIA" trainers --format csv
check_eq "trainers csv" "sector,trainers,agencies,represented|education,1,1,true|health,1,1,true|police,1,1,true|voluntary,0,0,false|total,3,3,false" \
    "$(tr '\n' '|' <"$WORK/out" | sed 's/|$//')"
