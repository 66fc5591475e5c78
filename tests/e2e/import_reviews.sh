# End-to-end: lia import reviews, actions and holidays on the fixtures of
# tests/fixtures/reviews/.  reviews.csv is the seed report's five serious
# case reviews (milestones given as months only), a CSPR whose publication
# is before its report to the national panel, a rapid review, a SAR, a
# duplicate and two bad rows; actions.csv an action plan on them;
# holidays.csv extra non-working days.  Counts and stored values are
# checked exactly.
. tests/lib.sh

F="$FIX/reviews"
counts() { jq -r '"\(.read) \(.loaded) \(.duplicates) \(.rejected) \(.warnings) \(.status)"' "$WORK/out"; }

# --- reviews --------------------------------------------------------------------------
check_rc "reviews --dry-run" 0 "$LIA" import reviews "$F/reviews.csv" --dry-run --format json
check_eq "dry run: same counts, nothing written" "11 8 1 2 7 dry_run" "$(counts)"
check_eq "dry run: no review stored" 0 "$(sql 'SELECT count(*) FROM review')"
check_rc "reviews --strict rolls back" 1 "$LIA" import reviews "$F/reviews.csv" --strict
check_grep "strict says why" "2 of 11 rows rejected; --strict rolled back" "$WORK/err"
check_eq "strict: no review stored" 0 "$(sql 'SELECT count(*) FROM review')"
check_rc "import reviews" 0 "$LIA" import reviews "$F/reviews.csv" --format json
# 11 rows: SCR1-5, CSPR1, RR7, SAR1 loaded; SCR2 again a duplicate; X9 (kind
# 'Inspection') and X10 (31/02/2020) rejected.  Warnings: a month-only
# milestone on SCR1-5 and SAR1 (6), CSPR1 published before report to panel (1).
check_eq "reviews: 11 read, 8 loaded, 1 duplicate, 2 rejected, 7 warnings" "11 8 1 2 7 committed" "$(counts)"
check_eq "kinds" "cspr|1 rapid_review|1 sar|1 scr|5" \
    "$(sql "SELECT kind, count(*) FROM review GROUP BY kind ORDER BY kind" | tr '\n' ' ' | sed 's/ $//')"
check_eq "SCR1 milestones: months as the 1st" "Martha, Mary & Ben|2018-02-01|2018-07-01|2018-07-01|2018-07-01" \
    "$(sql "SELECT title, author_appointed, report_to_board, report_to_panel, published FROM review WHERE code = 'SCR1'")"
check_eq "SCR2 published April 2019, delay reason kept" "2019-04-01|Sensitive delay due to anniversary" \
    "$(sql "SELECT published, delay_reason FROM review WHERE code = 'SCR2'")"
check_eq "SAR1: Sept 2019" "2019-09-01" "$(sql "SELECT author_appointed FROM review WHERE code = 'SAR1'")"
check_eq "CSPR1: every milestone, UK and ISO dates" \
    "2019-09-03|2019-09-05|2019-09-24|2019-10-14|2020-02-10|2020-03-02|2020-02-20" \
    "$(sql "SELECT incident_date, notified_date, decision_date, author_appointed, report_to_board, report_to_panel, published FROM review WHERE code = 'CSPR1'")"
check_eq "themes of SCR3" "Information sharing|Neglect" \
    "$(sql "SELECT group_concat(name, '|') FROM (SELECT t.name FROM review_theme rt JOIN theme t ON t.id = rt.theme_id JOIN review r ON r.id = rt.review_id WHERE r.code = 'SCR3' ORDER BY t.name)")"
check_eq "four themes, one row each" 4 "$(sql 'SELECT count(*) FROM theme')"
check_eq "nine review themes" 9 "$(sql 'SELECT count(*) FROM review_theme')"
check_eq "out-of-order warning names both milestones" \
    "8|review CSPR1: published 2020-02-20 is before report_to_panel 2020-03-02" \
    "$(sql "SELECT line, message FROM import_warning WHERE message LIKE '%before%'")"
check_eq "month-only warnings say the day was assumed" 6 \
    "$(sql "SELECT count(*) FROM import_warning WHERE message LIKE '%month only; the 1st of the month assumed'")"
check_rc "rejects of reviews" 0 "$LIA" rejects --format json
check_eq "reject lines and reasons" \
    "12 unknown review kind 'Inspection' (expected SCR, CSPR, rapid review or SAR)|13 incident_date: impossible date '31/02/2020'" \
    "$(jq -r '[.rejects[] | "\(.line) \(.reason)"] | join("|")' "$WORK/out")"
check_rc "warnings listed" 0 "$LIA" rejects --warnings
check_grep "warnings list the out-of-order milestone" "published 2020-02-20 is before report_to_panel" "$WORK/out"
check_rc "same file again" 0 "$LIA" import reviews "$F/reviews.csv" --format json
check_eq "already imported" "already_imported 0" "$(jq -r '"\(.status) \(.loaded)"' "$WORK/out")"

# The rejects round trip: write them out, fix them, import them.
"$LIA" rejects --batch "$(sql "SELECT id FROM import_batch WHERE kind = 'reviews'")" --format csv >"$WORK/fix.csv"
check_eq "rejects csv: header and 2 records" 3 "$(wc -l <"$WORK/fix.csv")"
sed -e 's/,Inspection,/,CSPR,/' -e 's#31/02/2020#28/02/2020#' "$WORK/fix.csv" >"$WORK/fixed.csv"
check_rc "fixed rejects import" 0 "$LIA" import reviews "$WORK/fixed.csv" --format json
check_eq "fixed: 2 loaded" "2 2 0 0 0 committed" "$(counts)"
check_eq "ten reviews" 10 "$(sql 'SELECT count(*) FROM review')"

printf 'kind,title\nSCR,No code\n' >"$WORK/nocode.csv"
check_rc "missing review_code is fatal" 1 "$LIA" import reviews "$WORK/nocode.csv"
check_grep "names the column and those found" "missing required column 'review_code'; columns found: 'kind', 'title'" "$WORK/err"

# --- actions --------------------------------------------------------------------------
check_rc "import actions" 0 "$LIA" import actions "$F/actions.csv" --format json
# A1-A4, A7 loaded; A2 again (now completed) a duplicate; A5 (review SCR99
# unknown) and A6 (status 'Red') rejected; A7 open with a completion date warned.
check_eq "actions: 8 read, 5 loaded, 1 duplicate, 2 rejected, 1 warning" "8 5 1 2 1 committed" "$(counts)"
check_eq "A1 completed, owner and review" "SCR1|Neglect|Local Authority|2018-12-31|2018-11-15|completed" \
    "$(sql "SELECT r.code, t.name, g.name, a.due, a.completed, a.status FROM action a JOIN review r ON r.id = a.review_id JOIN theme t ON t.id = a.theme_id JOIN agency g ON g.id = a.owner_agency_id WHERE a.ref = 'A1'")"
check_eq "A2: the duplicate moved it on to completed" "2019-06-20|completed" \
    "$(sql "SELECT completed, status FROM action WHERE ref = 'A2'")"
check_eq "A3 open, A4 completed by its date" "open|completed" \
    "$(sql "SELECT (SELECT status FROM action WHERE ref = 'A3'), (SELECT status FROM action WHERE ref = 'A4')")"
check_eq "A4's text with its comma" "Voice of the child learning events, June and November" \
    "$(sql "SELECT text FROM action WHERE ref = 'A4'")"
check_rc "rejects of actions" 0 "$LIA" rejects --batch "$(sql "SELECT id FROM import_batch WHERE kind = 'actions'")" --format json
check_eq "action rejects" \
    "6 review_code 'SCR99' is not a known review (import the reviews first)|7 unknown status 'Red' (expected open, in progress, completed or cancelled)" \
    "$(jq -r '[.rejects[] | "\(.line) \(.reason)"] | join("|")' "$WORK/out")"

# --- holidays -------------------------------------------------------------------------
check_rc "workdays before" 0 "$LIA" workdays 2022-06-01 2022-06-08
check_eq "3 working days before the local closure" 3 "$(cat "$WORK/out")"
check_rc "import holidays" 0 "$LIA" import holidays "$F/holidays.csv" --format json
check_eq "holidays: 7 read, 5 loaded, 1 duplicate, 1 rejected, 2 warnings" "7 5 1 1 2 committed" "$(counts)"
check_eq "holiday dates" "2021-12-24|Christmas Eve closure 2022-06-03|Platinum Jubilee 2022-06-06|Local closure 2022-06-11|Saturday event 2023-04-12|" \
    "$(sql "SELECT date, title FROM holiday ORDER BY date" | tr '\n' ' ' | sed 's/ $//')"
check_rc "workdays after" 0 "$LIA" workdays 2022-06-01 2022-06-08
check_eq "the local closure is not a working day" 2 "$(cat "$WORK/out")"
check_eq "warnings: bank holiday and Saturday" "4|5" \
    "$(sql "SELECT group_concat(line, '|') FROM import_warning WHERE batch_id = (SELECT id FROM import_batch WHERE kind = 'holidays')")"

# --- every batch keeps the sum ----------------------------------------------------
check_eq "read = loaded + duplicates + rejected in every batch" 0 \
    "$(sql 'SELECT count(*) FROM import_batch WHERE rows_read != rows_loaded + rows_duplicate + rows_rejected')"
