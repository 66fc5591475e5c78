# End-to-end: lia timeliness, lia actions and the charts review-timeline and
# actions on the fixtures of tests/fixtures/reviews/: reviews.csv (the seed
# report's five serious case reviews, milestones as months, and CSPR1, RR7,
# SAR1), clocks.csv (clocks across Easter 2019, the 2022 jubilee and the
# 2023 coronation, and CSPR5 with dates missing), holidays.csv (a local
# closure on Monday 6 June 2022), actions.csv and plan.csv (action plans).
# Every clock was counted by hand on a calendar; tests/test_timeliness.c
# checks the same counts against GOV.UK's list of bank holidays.
. tests/lib.sh

F="$FIX/reviews"
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

"$LIA" import reviews "$F/reviews.csv" >/dev/null 2>&1
"$LIA" import reviews "$F/clocks.csv" >/dev/null 2>&1
check_eq "12 reviews held" 12 "$(sql 'SELECT count(*) FROM review')"

# --- the clocks before the holiday table: CSPR3's notification crosses the
# spring bank holiday and the jubilee (2-3 June 2022): 1, 6, 7, 8 June = 4.
check_rc "timeliness without the holiday table" 0 "$LIA" timeliness --format json
check_eq "CSPR3 without the local closure: 4 and 20" "4 20" \
    "$(jq -r '.rows[] | select(.review == "CSPR3") | "\(.notification_working_days) \(.rapid_review_from_aware_working_days)"' "$WORK/out")"
"$LIA" import holidays "$F/holidays.csv" >/dev/null 2>&1

# --- every clock of every review ----------------------------------------------------
check_rc "timeliness --format json" 0 "$LIA" timeliness --format json
check_eq "analysis and params" 'timeliness all rows' \
    "$(jq -r '"\(.analysis) \(.params.period) \(.params.layout)"' "$WORK/out")"
# review, notification (days, on time), rapid review, from awareness,
# within 6 months, panel notice (days, met), months to publication; in the
# order of each review's first milestone.
check_eq "the clocks, hand-counted" \
'SCR1 null null null null null null null null null null
SCR2 null null null null null null null null true null
SCR3 null null null null null null null null null null
SCR4 null null null null null null null null null null
CSPR2 4 true 15 true 19 false false 7 true 8
SCR5 null null null null null null null null null null
SAR1 null null null null null null null null null null
CSPR1 2 true 13 true 15 true true -7 false 5
RR7 2 true 15 true 17 false null null null null
CSPR5 null null null null 14 true null null null null
CSPR3 3 true 16 false 19 false true 6 false 7
CSPR4 5 true 15 true 20 false true 5 false 11' \
    "$(jq -r '.rows[] | "\(.review) \(.notification_working_days) \(.notification_on_time) \(.rapid_review_working_days) \(.rapid_review_on_time) \(.rapid_review_from_aware_working_days) \(.rapid_review_from_aware_on_time) \(.completed_within_6_months) \(.panel_notice_working_days) \(.panel_notice_met) \(.months_to_publication)"' "$WORK/out")"
check_eq "the contract's keys, in its order, first" \
    "review,kind,notification_working_days,notification_on_time,rapid_review_working_days,rapid_review_on_time,rapid_review_from_aware_working_days" \
    "$(jq -r '.rows[0] | keys_unsorted[0:7] | join(",")' "$WORK/out")"
check_eq "a missing date is null, never 0" 0 \
    "$(jq '[.rows[] | select(.review == "CSPR5") | .notification_working_days, .rapid_review_working_days, .panel_notice_working_days | select(. == 0)] | length' "$WORK/out")"
check_eq "delay reasons" "SCR2: Sensitive delay due to anniversary|CSPR4: Publication held until the end of criminal proceedings" \
    "$(jq -r '[.rows[] | select(.delay_reason) | "\(.review): \(.delay_reason)"] | join("|")' "$WORK/out")"
# The same count as lia workdays, which reads the holiday table too.
"$LIA" workdays 2022-05-31 2022-06-08 >"$WORK/wd"
check_eq "lia workdays agrees with CSPR3's notification" "3" "$(cat "$WORK/wd")"
"$LIA" workdays 2024-03-28 2024-04-08 >"$WORK/wd"
check_eq "lia workdays agrees with CSPR4's panel notice (Easter 2024)" "5" "$(cat "$WORK/wd")"

check_eq "milestones: months as 2019-02, days as ISO, the 6-month deadline clamped" \
    "SCR2 2018-06 2019-01 2019-02 2019-04 null|CSPR5 2021-03-01 null 2021-03-19 null 2021-09-19|CSPR4 2023-04-28 2023-05-09 2023-05-31 2023-11-30 2023-11-30" \
    "$(jq -r '[.milestones[] | select(.review == "SCR2") | "\(.review) \(.author_appointed) \(.report_to_board) \(.report_to_panel) \(.published) \(.six_month_deadline)"] + [.milestones[] | select(.review == "CSPR4" or .review == "CSPR5") | "\(.review) \(.incident_date) \(.notified_date) \(.decision_date) \(.report_to_board) \(.six_month_deadline)"] | join("|")' "$WORK/out")"
check_eq "clocks met: reviews, judged, met, not met, not judged" \
    "notification 12 5 5 0 7|rapid_review 12 5 4 1 7|rapid_review_from_aware 12 6 2 4 6|completion 12 4 3 1 8|panel_notice 12 5 2 3 7" \
    "$(jq -r '[.clocks[] | "\(.clock) \(.reviews) \(.judged) \(.met) \(.not_met) \(.not_judged)"] | join("|")' "$WORK/out")"
check_eq "14 notes" 14 "$(jq '.notes | length' "$WORK/out")"
check_eq "a note for each review with a date missing, naming them" \
    "CSPR5: no notified_date, report_to_board, report_to_panel or published; not computed: notification, rapid review, completion within 6 months, panel notice and months to publication" \
    "$(jq -r '.notes[] | select(startswith("CSPR5"))' "$WORK/out")"
check_eq "a month-only judgement says so" \
    "SCR2: report_to_panel and published held to the month only; panel notice met on any day of the month (22 to 60 working days)" \
    "$(jq -r '.notes[] | select(startswith("SCR2: report"))' "$WORK/out")"
check_eq "published before the panel had it" \
    "CSPR1: published 2020-02-20 is before report_to_panel 2020-03-02; panel notice not met" \
    "$(jq -r '.notes[] | select(startswith("CSPR1"))' "$WORK/out")"

# --- filters -------------------------------------------------------------------------
check_rc "--kind 'serious case review'" 0 "$LIA" timeliness --kind "Serious Case Review" --format json
check_eq "five SCRs" "SCR1 SCR2 SCR3 SCR4 SCR5" "$(jq -r '[.rows[].review] | join(" ")' "$WORK/out")"
check_eq "the kind as the schema's word" "scr" "$(jq -r '.params.kind' "$WORK/out")"
check_rc "--kind CSPR --period 2022/23" 0 "$LIA" timeliness --kind CSPR --period 2022/23 --format json
check_eq "a milestone in 2022/23: CSPR3" "CSPR3" "$(jq -r '[.rows[].review] | join(" ")' "$WORK/out")"
check_rc "--from --to over a month-only milestone" 0 "$LIA" timeliness --from 2019-04-30 --to 2019-05-31 --format json
check_eq "April 2019 overlaps the range: SCR2 (published), SCR4 (to the board); CSPR2's decision 16 May" \
    "SCR2 SCR4 CSPR2" \
    "$(jq -r '[.rows[].review] | join(" ")' "$WORK/out")"
check_rc "--suppress 5 is taken" 0 "$LIA" timeliness --suppress 5 --format json
check_eq "and hides nothing: CSPR3's 3 working days are not people" "0 3" \
    "$(jq -r '"\([paths | select(.[-1] | tostring | endswith("_suppressed"))] | length) \(.rows[] | select(.review == "CSPR3") | .notification_working_days)"' "$WORK/out")"
check_rc "unknown kind exits 2" 2 "$LIA" timeliness --kind inspection
check_grep "names the kinds" "kind must be SCR, CSPR, rapid review or SAR, not 'inspection'" "$WORK/err"
check_rc "unknown layout exits 2" 2 "$LIA" timeliness --layout wide
check_grep "names the layouts" "layout must be rows or seed, not 'wide'" "$WORK/err"

# --- the seed report's table ------------------------------------------------------------
check_rc "--layout seed --kind scr" 0 "$LIA" timeliness --layout seed --kind scr --format json
check_eq "the seed's columns" "milestone SCR1 SCR2 SCR3 SCR4 SCR5" \
    "$(jq -r '.rows[0] | keys_unsorted | join(" ")' "$WORK/out")"
check_eq "the seed's rows, month by month" \
"Independent author appointed|Feb 2018|Jun 2018|Jul 2018|Nov 2018|Jul 2019
Report to the board|Jul 2018|Jan 2019|Feb 2019|Apr 2019|Feb 2020
Report to the national panel|Jul 2018|Feb 2019|Mar 2019|Oct 2019|Mar 2020
Publication|Jul 2018|Apr 2019 (Sensitive delay due to anniversary)|Mar 2019|Oct 2019|Mar 2020" \
    "$(jq -r '.rows[] | [.milestone, .SCR1, .SCR2, .SCR3, .SCR4, .SCR5] | join("|")' "$WORK/out")"
check_eq "no notes in the seed layout" 0 "$(jq '.notes | length' "$WORK/out")"
check_rc "--layout seed as a table" 0 "$LIA" timeliness --layout seed --kind scr
check_grep "table: the publication row" '^Publication  *Jul 2018  *Apr 2019 (Sensitive delay due to anniversary)  *Mar 2019  *Oct 2019  *Mar 2020$' "$WORK/out"
check_rc "--layout seed as CSV" 0 "$LIA" timeliness --layout seed --kind scr --format csv
check_eq "CSV header" "milestone,SCR1,SCR2,SCR3,SCR4,SCR5" "$(head -1 "$WORK/out")"
check_rc "--layout seed, every kind" 0 "$LIA" timeliness --layout seed --format json
check_eq "a column per review" 13 "$(jq '.rows[0] | length' "$WORK/out")"
check_eq "a missing milestone is null" "null" "$(jq -r '.rows[1].SAR1' "$WORK/out")"

# --- action plans ------------------------------------------------------------------------
"$LIA" import actions "$F/actions.csv" >/dev/null 2>&1
"$LIA" import actions "$F/plan.csv" >/dev/null 2>&1
check_eq "15 actions held" 15 "$(sql 'SELECT count(*) FROM action')"
check_rc "actions as at 31 March 2024" 0 "$LIA" actions --as-at 2024-03-31 --format json
# By hand (test_actions.c gives the days): A3 due 2020-03-31 is 1461 days
# overdue (2020-03-31 to 2024-03-31, two leap days); P6 is due on the day,
# so not overdue; P7 was done on 15 April, after the date.
check_eq "rows: review theme actions done outstanding overdue cancelled no_due max" \
"CSPR1 Neglect 1 1 0 0 0 0 0
CSPR2 Neglect 1 0 1 1 0 0 1278
CSPR2 Voice of the child 1 1 0 0 0 0 0
CSPR3 Domestic abuse 2 1 1 1 0 0 366
CSPR4 Information sharing 3 0 3 1 0 0 31
CSPR5 Neglect 2 0 1 0 1 1 0
SCR1 Neglect 1 1 0 0 0 0 0
SCR2 Domestic abuse 1 1 0 0 0 0 0
SCR4 Information sharing 1 0 1 1 0 0 1461
SCR5 Voice of the child 1 1 0 0 0 0 0
null null 1 0 1 1 0 0 60" \
    "$(jq -r '.rows[] | "\(.review) \(.theme) \(.actions) \(.done) \(.outstanding) \(.overdue) \(.cancelled) \(.no_due_date) \(.max_days_overdue)"' "$WORK/out")"
check_eq "total" "15 6 8 5 1 1 1461" \
    "$(jq -r '.total | "\(.actions) \(.done) \(.outstanding) \(.overdue) \(.cancelled) \(.no_due_date) \(.max_days_overdue)"' "$WORK/out")"
check_eq "the overdue list, most overdue first" \
"A3|SCR4|Information sharing|Audit information sharing at the front door|Police|2020-03-31|1461
P2|CSPR2|Neglect|Relaunch Graded Care Profile 2 with licensed trainers|Health Trust|2020-09-30|1278
P4|CSPR3|Domestic abuse|Audit MARAC referrals from health visiting|Health Trust|2023-03-31|366
P10|||Partnership dataset to report review actions each quarter|LSCB Business Unit|2024-01-31|60
P7|CSPR4|Information sharing|Consent guidance reviewed, with the GP practices|Police|2024-02-29|31" \
    "$(jq -r '.overdue[] | [.action, .review, .theme, .text, .owner_agency, .due, (.days_overdue | tostring)] | map(. // "") | join("|")' "$WORK/out")"
check_eq "note: an outstanding action with no due date" "1 outstanding action without a due date: never counted overdue" \
    "$(jq -r '.notes | join("|")' "$WORK/out")"

check_rc "actions --by theme" 0 "$LIA" actions --as-at 2024-03-31 --by theme --format json
check_eq "by theme ('information-sharing' is Information sharing)" \
    "Domestic abuse 3 2 1 1|Information sharing 4 0 4 2|Neglect 5 2 2 1|Voice of the child 2 2 0 0|null 1 0 1 1" \
    "$(jq -r '[.rows[] | "\(.theme) \(.actions) \(.done) \(.outstanding) \(.overdue)"] | join("|")' "$WORK/out")"
check_eq "no review column by theme" "null" "$(jq -r '.rows[0].review' "$WORK/out")"
check_rc "--review --theme --agency" 0 "$LIA" actions --as-at 2024-03-31 --review cspr4 --theme INFORMATION-SHARING --agency police --format json
check_eq "CSPR4's police actions: P6 (due on the day) and P7" "2 0 2 1" \
    "$(jq -r '.total | "\(.actions) \(.done) \(.outstanding) \(.overdue)"' "$WORK/out")"
check_eq "params as run" "2024-03-31 CSPR4 Information sharing police" \
    "$(jq -r '.params | "\(.as_at) \(.review) \(.theme) \(.agency)"' "$WORK/out")"
check_rc "a month later" 0 "$LIA" actions --as-at "30 April 2024" --review CSPR4 --format json
check_eq "P7 done, P6 30 days overdue, P5 due on the day" "3 1 2 1 30" \
    "$(jq -r '.total | "\(.actions) \(.done) \(.outstanding) \(.overdue) \(.max_days_overdue)"' "$WORK/out")"
check_rc "actions as a table" 0 "$LIA" actions --as-at 2024-03-31
check_grep "title" '^action plans as at 2024-03-31$' "$WORK/out"
check_grep "total row" '^total  *-  *15  *6  *8  *5  *1  *1  *1461$' "$WORK/out"
check_rc "actions --suppress 5" 0 "$LIA" actions --as-at 2024-03-31 --suppress 5 --format json
check_eq "actions count no people: nothing hidden" "0 1 1" \
    "$(jq -r '"\([paths | select(.[-1] | tostring | endswith("_suppressed"))] | length) \(.rows[0].actions) \(.rows[0].done)"' "$WORK/out")"
check_rc "unknown review exits 1" 1 "$LIA" actions --review SCR99
check_grep "says which" "no review with code 'SCR99'" "$WORK/err"
check_rc "bad --by exits 2" 2 "$LIA" actions --by agency
check_rc "bad --as-at exits 2" 2 "$LIA" actions --as-at 31/02/2024

# --- charts ------------------------------------------------------------------------------
check_rc "review-timeline as PNG" 0 "$LIA" chart review-timeline -o "$WORK/timeline.png"
check_eq "PNG 560 x (120 + 30 x 12) pt at 150 dpi" "1167x1000" "$(png_size "$WORK/timeline.png")"
check_rc "review-timeline as PDF" 0 "$LIA" chart review-timeline --as-at 2024-03-31 -o "$WORK/timeline.pdf"
pdftotext -layout "$WORK/timeline.pdf" "$WORK/timeline.txt" 2>/dev/null
check_grep "the late clocks name the row" 'CSPR3 Child J; late: rapid review,' "$WORK/timeline.txt"
check_grep "CSPR2's report was late" 'CSPR2 Child E; late: report' "$WORK/timeline.txt"
# CSPR5: decided 19 March 2021, no report to the board by 31 March 2024: its
# completion clock still runs (an open bar to the day), 6 months long past.
# RR7, a rapid review, ends at its decision: nothing runs on.
check_grep "CSPR5's report still running and overdue" 'CSPR5 Child M; report overdue' "$WORK/timeline.txt"
check_no_grep "RR7 runs on no clock" 'RR7 Child L;' "$WORK/timeline.txt"
check_grep "five reviews missed a clock by 31 March 2024" '12 reviews, 5 with a clock missed' "$WORK/timeline.txt"
check_grep "open bars said, to the as-at day" 'Open bars: still running on 31 March 2024' "$WORK/timeline.txt"
check_grep "the open bar in the legend" 'Still running' "$WORK/timeline.txt"
check_grep "month-only dates said" 'A month-only date is drawn on its 1st' "$WORK/timeline.txt"
check_rc "review-timeline as at 30 June 2021" 0 "$LIA" chart review-timeline --as-at 2021-06-30 --period 2020/21 -o "$WORK/t21.pdf"
pdftotext -layout "$WORK/t21.pdf" "$WORK/t21.txt" 2>/dev/null
check_grep "CSPR5 running, its 6 months not yet up" '^ *CSPR5 Child M *$' "$WORK/t21.txt"
check_grep "running on 30 June 2021" 'Open bars: still running on 30 June 2021' "$WORK/t21.txt"
check_rc "review-timeline --kind CSPR" 0 "$LIA" chart review-timeline --kind CSPR --as-at 2024-03-31 -o "$WORK/cspr.pdf"
pdftotext -layout "$WORK/cspr.pdf" "$WORK/cspr.txt" 2>/dev/null
check_grep "--kind: the CSPRs only, said in the subtitle" 'CSPR only' "$WORK/cspr.txt"
check_grep "--kind: five CSPRs, all late somewhere" '5 reviews, 5 with a clock missed' "$WORK/cspr.txt"
check_no_grep "--kind: no SCR" 'SCR[1-5]' "$WORK/cspr.txt"
check_no_grep "--kind: no rapid review" 'RR7' "$WORK/cspr.txt"
check_rc "review-timeline --kind 'serious case review'" 0 "$LIA" chart review-timeline --kind "serious case review" -o "$WORK/scr.png"
check_eq "--kind SCR: PNG 560 x (120 + 30 x 5) pt at 150 dpi" "1167x563" "$(png_size "$WORK/scr.png")"
check_rc "review-timeline --kind section11: a usage error" 2 "$LIA" chart review-timeline --kind section11 -o "$WORK/x.png"
check_grep "says the review kinds" '--kind must be SCR, CSPR, rapid review or SAR' "$WORK/err"
check_rc "audit-heatmap --kind cspr: a usage error still" 2 "$LIA" chart audit-heatmap --kind cspr -o "$WORK/x.png"
check_rc "review-timeline --period 2022/23" 0 "$LIA" chart review-timeline --period 2022/23 -o "$WORK/t2.pdf"
pdftotext -layout "$WORK/t2.pdf" "$WORK/t2.txt" 2>/dev/null
check_grep "one review in 2022/23" '1 review, 1 with a clock missed' "$WORK/t2.txt"
check_no_grep "no other review" 'CSPR4' "$WORK/t2.txt"
check_rc "review-timeline takes no --theme" 2 "$LIA" chart review-timeline --theme Neglect -o "$WORK/x.png"

check_rc "actions chart as PNG" 0 "$LIA" chart actions --as-at 2024-03-31 -o "$WORK/actions.png"
check_eq "PNG 480 x (120 + 15 x 10) pt, at least 320" "1000x667" "$(png_size "$WORK/actions.png")"
check_rc "actions chart as PDF" 0 "$LIA" chart actions --as-at 2024-03-31 -o "$WORK/actions.pdf"
pdftotext -layout "$WORK/actions.pdf" "$WORK/actions.txt" 2>/dev/null
check_grep "its date" 'Review actions as at 31 March 2024' "$WORK/actions.txt"
check_grep "its counts" 'n = 15 actions, 6 done, 8 outstanding (5 overdue); 1 cancelled' "$WORK/actions.txt"
check_grep "a bar for the actions of no review" '(no review)' "$WORK/actions.txt"
check_rc "actions chart for one theme" 0 "$LIA" chart actions --as-at 2024-03-31 --theme "information sharing" -o "$WORK/a2.pdf"
pdftotext -layout "$WORK/a2.pdf" "$WORK/a2.txt" 2>/dev/null
check_grep "filtered counts" 'n = 4 actions, 0 done, 4 outstanding (2 overdue)' "$WORK/a2.txt"
check_grep "the filter in the subtitle" 'theme information sharing' "$WORK/a2.txt"
