# End-to-end: lia impact and lia chart impact-chain on the fixtures of
# tests/fixtures/reviews/ (the reviews, action plans) and tests/fixtures/
# impact/ (courses, attendance, workforce, feedback, audits and the
# evidence log; see its SOURCES.md).  Five themes: Neglect with the whole
# chain up to an improvement held over a further cycle, Domestic abuse
# trained but never re-audited, Information sharing raised but never
# trained, Hidden men whose learning went out only as a 7-minute briefing,
# and the voice of the child, spelt "voice-of-the-child" by the course list.
# Every number is checked; the intervals against R 4.2.2:
#   t.test(c(2,1,1,2,2,1,1,2,1,1))$conf.int   1.03059128221082 1.76940871778918
#   t.test(c(0,1,0,0,1))$conf.int             -0.280087380658256 1.080087380658256
#   prop.test(9, 200, correct = FALSE)        0.0238525430014930 0.0832967040018196
#   prop.test(5, 200, correct = FALSE)        0.0107247196517613 0.0571783404066420
#   prop.test(0, 200, correct = FALSE)        0 0.0188453263772666
#   Newcombe's method 10 from those Wilson intervals (R, as in test_stats.c):
#   17/20 - 5/20 = 0.6 (0.296510012504535, 0.769156883737737)
#   15/20 - 5/20 = 0.5 (0.190710252768674, 0.695357055352423): held
#   6/10 - 5/10 = 0.1 (-0.289794256710882, 0.450889668558126)
. tests/lib.sh

R="$FIX/reviews"
I="$FIX/impact"
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
# check_near NAME "EXPECTED ..." "ACTUAL ...": numbers within 1e-12, null as null.
check_near() {
    if awk -v a="$2" -v b="$3" 'BEGIN { n = split(a, x, " "); m = split(b, y, " ");
        if (n != m) exit 1;
        for (i = 1; i <= n; i++) {
            if (x[i] == "null" || y[i] == "null") { if (x[i] != y[i]) exit 1; continue }
            d = x[i] - y[i]; if (d < 0) d = -d; if (d > 1e-12) exit 1 }
        exit 0 }'; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

for f in "reviews $R/reviews.csv" "reviews $R/clocks.csv" "actions $R/actions.csv" \
    "actions $R/plan.csv" "courses $I/courses.csv" "workforce $I/workforce.csv" \
    "attendance $I/attendance.csv" "feedback $I/feedback.csv" "audits $I/audits.csv" \
    "evidence $I/evidence.csv"; do
    set -- $f
    "$LIA" import "$1" "$2" >/dev/null 2>&1
done
check_eq "every fixture row loaded but the reviews' and actions' planted rejects" \
    "0 0 0 0 0 0 4" \
    "$(sql "SELECT (SELECT rows_rejected FROM import_batch WHERE kind = 'courses'), (SELECT rows_rejected FROM import_batch WHERE kind = 'workforce'), (SELECT rows_rejected FROM import_batch WHERE kind = 'attendance'), (SELECT rows_rejected FROM import_batch WHERE kind = 'feedback'), (SELECT rows_rejected FROM import_batch WHERE kind = 'audits'), (SELECT rows_rejected FROM import_batch WHERE kind = 'evidence'), (SELECT sum(rows_rejected) FROM import_batch WHERE kind IN ('reviews', 'actions'))" | tr '|' ' ')"
# 'information-sharing' and 'voice-of-the-child' are the same themes as 'Information
# sharing' and 'Voice of the child': one row each in the theme table (keys of letters
# and digits), named as first imported.
check_eq "five rows of the theme table: other spellings are the same theme" 5 "$(sql 'SELECT count(*) FROM theme')"
check_eq "the folded keys" "domesticabuse hiddenmen informationsharing neglect voiceofthechild" \
    "$(sql 'SELECT name_key FROM theme ORDER BY name_key' | tr '\n' ' ' | sed 's/ $//')"

check_rc "impact --as-at 2024-03-31" 0 "$LIA" impact --as-at 2024-03-31 --format json
J="$WORK/impact.json"
cp "$WORK/out" "$J"
check_eq "five themes, in name order" "Domestic abuse|Hidden men|Information sharing|Neglect|Voice of the child" \
    "$(jq -r '[.rows[].theme] | join("|")' "$J")"
check_eq "the issue's keys are all there" "" \
    "$(jq -r '.rows[0] | [("theme","reviews","actions_done","actions_outstanding","actions_overdue","sessions","attendances","unique_practitioners","coverage","top2","confidence_change","confidence_ci_low","confidence_ci_high","compliance_first","compliance_latest","compliance_change","change_ci_low","change_ci_high","kirkpatrick_level","grade","gaps") as $k | select(has($k) | not) | $k] | join(",")' "$J")"

row() { jq -r --arg t "$1" ".rows[] | select(.theme == \$t) | $2" "$J"; }

# --- reviews and actions (as at 31 March 2024; see reviews.sh) ----------------------------
# Neglect: SCR1, SCR3, CSPR1, CSPR2, CSPR5; actions A1, A7 done, P2 overdue,
# P8 cancelled, P9 open with no due date.  Information sharing: A3 and P7
# overdue ("information-sharing" in plan.csv), P5 and P6 open.
check_eq "reviews and actions: done, outstanding, overdue" \
"Domestic abuse 3 2 1 1
Hidden men 1 0 0 0
Information sharing 3 0 4 2
Neglect 5 2 2 1
Voice of the child 3 2 0 0" \
    "$(jq -r '.rows[] | "\(.theme) \(.reviews) \(.actions_done) \(.actions_outstanding) \(.actions_overdue)"' "$J")"

# --- training (as lia reach --by theme) ---------------------------------------------------
# NEG1: 6 + 4 attended, p1 twice: 10 attendances, 9 people; DA1: 5; the
# Hear My Voice event (course theme "voice-of-the-child") counted heads
# only: Police 30, Health Trust 25.  Workforce 40 + 60 + 100 = 200.
check_eq "courses sessions attendances headcount unique workforce" \
"Domestic abuse 1 1 5 0 5 200
Hidden men 0 0 0 0 0 200
Information sharing 0 0 0 0 0 200
Neglect 1 2 10 0 9 200
Voice of the child 1 1 0 55 0 200" \
    "$(jq -r '.rows[] | "\(.theme) \(.courses) \(.sessions) \(.attendances) \(.headcount_attendances) \(.unique_practitioners) \(.workforce)"' "$J")"
check_near "coverage with Wilson intervals: 5/200, none, none, 9/200, 0/200" \
    "0.025 0.0107247196517613 0.0571783404066420 null null null null null null 0.045 0.0238525430014930 0.0832967040018196 0 0 0.0188453263772666" \
    "$(jq -r '[.rows[] | .coverage, .coverage_ci_low, .coverage_ci_high] | map(tostring) | join(" ")' "$J")"

# --- the evidence log (issue 19): briefings beside the courses ------------------------------
check_eq "briefings resources other" \
    "Domestic abuse 1 0 0|Hidden men 1 0 0|Information sharing 0 0 0|Neglect 2 0 0|Voice of the child 1 1 1" \
    "$(jq -r '[.rows[] | "\(.theme) \(.briefings) \(.resources) \(.other_evidence)"] | join("|")' "$J")"

# --- feedback (as lia feedback --by theme) ------------------------------------------------
# "overall" after the course: NEG1 5,4,5,4,3,5 and 4,4,5,2 (8 of 10 in the
# top two), DA1 4,5,3,4,4 (4 of 5), Hear My Voice 5,5,4,4,5,3,4,5 (7 of 8).
check_eq "rated answers, top two" "Domestic abuse 5 4|Hidden men 0 0|Information sharing 0 0|Neglect 10 8|Voice of the child 8 7" \
    "$(jq -r '[.rows[] | "\(.theme) \(.feedback_answers) \(.top2_count)"] | join("|")' "$J")"
check_near "top-two shares" "0.8 null null 0.8 0.875" "$(jq -r '[.rows[].top2] | map(tostring) | join(" ")' "$J")"
check_eq "confidence pairs" "Domestic abuse confidence 5|Hidden men null 0|Information sharing null 0|Neglect confidence 10|Voice of the child null 0" \
    "$(jq -r '[.rows[] | "\(.theme) \(.confidence_question) \(.confidence_pairs)"] | join("|")' "$J")"
check_near "confidence change with its paired t interval (R t.test)" \
    "0.4 -0.280087380658256 1.080087380658256 1.4 1.03059128221082 1.76940871778918" \
    "$(jq -r '[.rows[] | select(.confidence_pairs > 0) | .confidence_change, .confidence_ci_low, .confidence_ci_high] | map(tostring) | join(" ")' "$J")"

# --- audits, first cycle against latest -------------------------------------------------------
# Neglect pools N1 and N2: 2022/23 Q4 3+2 of 20, 2023/24 Q2 9+6, 2023/24 Q4
# 9+8.  The voice of the child: V1 5/10 then 6/10.  Information sharing:
# IS1 once, 4 of 6.
check_eq "kind cycles first latest counts" \
"Domestic abuse null 0 null null null null null null
Hidden men null 0 null null null null null null
Information sharing multi_agency 1 2023/24 Q2 2023/24 Q2 6 4 6 4
Neglect multi_agency 3 2022/23 Q4 2023/24 Q4 20 5 20 17
Voice of the child multi_agency 2 2022/23 Q4 2023/24 Q4 10 5 10 6" \
    "$(jq -r '.rows[] | "\(.theme) \(.audit_kind) \(.audit_cycles) \(.first_cycle) \(.latest_cycle) \(.first_rated) \(.first_met) \(.latest_rated) \(.latest_met)"' "$J")"
check_near "compliance first, latest, change and Newcombe interval" \
    "0.6666666666666666 0.6666666666666666 null null null 0.25 0.85 0.6 0.296510012504535 0.769156883737737 0.5 0.6 0.1 -0.289794256710882 0.450889668558126" \
    "$(jq -r '[.rows[] | select(.audit_cycles > 0) | .compliance_first, .compliance_latest, .compliance_change, .change_ci_low, .change_ci_high] | map(tostring) | join(" ")' "$J")"

# --- the judgement ------------------------------------------------------------------------------
check_eq "Kirkpatrick level, grade, gaps" \
"Domestic abuse|1|limited|trained but never re-audited; actions overdue
Hidden men|0|limited|briefing only, no training or re-audit
Information sharing|0|none|raised by a review but no training; audited once only; actions overdue
Neglect|4|strong|actions overdue
Voice of the child|1|limited|" \
    "$(jq -r '.rows[] | [.theme, (.kirkpatrick_level | tostring), .grade, (.gaps | join("; "))] | join("|")' "$J")"
check_eq "gaps: a JSON array of strings on every row, empty where there is none" \
    "array array array array array|string string string string string string string|0" \
    "$(jq -r '"\([.rows[].gaps | type] | join(" "))|\([.rows[].gaps[] | type] | join(" "))|\(.rows[] | select(.theme == "Voice of the child") | .gaps | length)"' "$J")"
check_eq "the gaps part, a row per gap" 7 "$(jq '.gaps | length' "$J")"
check_eq "notes: none (one theme however it is spelt)" "" "$(jq -r '.notes | join("|")' "$J")"

# --- a period: training, feedback and the log's items dated in 2023/24 ----------------------------
check_rc "impact --period 2023/24" 0 "$LIA" impact --period 2023/24 --format json
check_eq "actions judged at the period's end" "2024-03-31" "$(jq -r '.params.as_at' "$WORK/out")"
check_eq "the briefings of 2020-2023 fall outside: Hidden men now untrained and unbriefed" \
    "Hidden men 0 0 none raised by a review but no training" \
    "$(jq -r '.rows[] | select(.theme == "Hidden men") | "\(.theme) \(.briefings) \(.kirkpatrick_level) \(.grade) \(.gaps | join("; "))"' "$WORK/out")"
check_eq "the 2023 toolkit and panel stay" "0 1 1" \
    "$(jq -r '.rows[] | select(.theme == "Voice of the child") | "\(.briefings) \(.resources) \(.other_evidence)"' "$WORK/out")"
check_rc "impact --period 2019/20" 0 "$LIA" impact --period 2019/20 --format json
check_eq "no training in 2019/20, actions as at 31 March 2020" "2020-03-31 0 0" \
    "$(jq -r '"\(.params.as_at) \([.rows[].sessions] | add) \([.rows[].feedback_answers] | add)"' "$WORK/out")"

# --- one theme, however it is spelt -----------------------------------------------------------------
check_rc "--theme voice-of-the-child" 0 "$LIA" impact --as-at 2024-03-31 --theme voice-of-the-child --format json
check_eq "one row, the theme's first spelling" "1 Voice of the child Voice of the child" \
    "$(jq -r '"\(.rows | length) \(.rows[0].theme) \(.params.theme)"' "$WORK/out")"
check_rc "an unknown theme exits 1" 1 "$LIA" impact --theme Bereavement
check_grep "says so" "no theme named 'Bereavement'" "$WORK/err"

# --- disclosure control -----------------------------------------------------------------------------
check_rc "impact --suppress 5" 0 "$LIA" impact --as-at 2024-03-31 --suppress 5 --format json
check_eq "Domestic abuse's 4 in the top two hidden, with its share" "null true null true" \
    "$(jq -r '.rows[] | select(.theme == "Domestic abuse") | "\(.top2_count) \(.top2_count_suppressed) \(.top2) \(.top2_suppressed)"' "$WORK/out")"
check_eq "Information sharing's 4 met hidden, with its compliance" "null null null true" \
    "$(jq -r '.rows[] | select(.theme == "Information sharing") | "\(.first_met) \(.latest_met) \(.compliance_first) \(.compliance_latest_suppressed)"' "$WORK/out")"
check_eq "5 and more stay" "5 5 0.025" \
    "$(jq -r '.rows[] | select(.theme == "Domestic abuse") | "\(.attendances) \(.unique_practitioners) \(.coverage)"' "$WORK/out")"
check_eq "the judgement does not change" "1 limited" \
    "$(jq -r '.rows[] | select(.theme == "Domestic abuse") | "\(.kirkpatrick_level) \(.grade)"' "$WORK/out")"

# --- the forms ---------------------------------------------------------------------------------------
check_rc "impact as a table" 0 "$LIA" impact --as-at 2024-03-31
check_grep "title" '^impact chain, all dates, actions as at 2024-03-31$' "$WORK/out"
check_grep "the gaps listed" '^Hidden men  *briefing only, no training or re-audit$' "$WORK/out"
check_rc "impact as CSV" 0 "$LIA" impact --as-at 2024-03-31 --format csv
check_eq "CSV: the header starts with the chain" "theme,reviews,actions_done,actions_outstanding,actions_overdue,courses,sessions" \
    "$(head -1 "$WORK/out" | cut -d, -f1-7)"
check_grep "CSV: the gaps joined by '; ' in one cell" '^"*Information sharing.*,raised by a review but no training; audited once only; actions overdue$' "$WORK/out"
check_rc "impact as a table, again" 0 "$LIA" impact --as-at 2024-03-31
check_grep "table: the gaps joined by '; '" '^Information sharing .* none  *raised by a review but no training; audited once only; actions overdue$' "$WORK/out"
check_grep "table: a theme without a gap shows a dash" '^Voice of the child .* limited  *-$' "$WORK/out"

# --- the chart ----------------------------------------------------------------------------------------
check_rc "impact-chain as PNG" 0 "$LIA" chart impact-chain --as-at 2024-03-31 -o "$WORK/chain.png"
check_eq "PNG 600 x (150 + 26 x 5) pt at 150 dpi" "1250x583" "$(png_size "$WORK/chain.png")"
check_rc "impact-chain as PDF" 0 "$LIA" chart impact-chain --as-at 2024-03-31 -o "$WORK/chain.pdf"
pdftotext -layout "$WORK/chain.pdf" "$WORK/chain.txt" 2>/dev/null
check_grep "a row per theme with its grade" 'Neglect (strong)' "$WORK/chain.txt"
check_grep "the briefing-only theme" 'Hidden men (limited)' "$WORK/chain.txt"
check_grep "the stages" 'Reviews  *Actions  *Training' "$WORK/chain.txt"
check_grep "Neglect's row: held, held, held, held, held, confidence up, improved, level 4" \
    'Neglect (strong)  *1  *1  *1  *1  *1  *2  *3  *4' "$WORK/chain.txt"
check_grep "the as-at date in words" 'actions as at 31 March 2024' "$WORK/chain.txt"
# At the width of a pack's page the headings shrink to fit and wrap between
# words, never inside one ("Confide-nce" once).
check_rc "impact-chain at 440 pt" 0 "$LIA" chart impact-chain --as-at 2024-03-31 --width 440 -o "$WORK/narrow.pdf"
pdftotext -layout "$WORK/narrow.pdf" "$WORK/narrow.txt" 2>/dev/null
check_grep "narrow: every stage's heading whole" 'Reviews  *Actions  *Training  *Briefings  *Feedback  *Confidence  *Audits  *Level' "$WORK/narrow.txt"
check_rc "impact-chain for one theme" 0 "$LIA" chart impact-chain --as-at 2024-03-31 --theme "hidden men" -o "$WORK/one.pdf"
pdftotext -layout "$WORK/one.pdf" "$WORK/one.txt" 2>/dev/null
check_no_grep "only that theme" 'Neglect' "$WORK/one.txt"
