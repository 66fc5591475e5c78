# End-to-end: lia demo writes the Westmere partnership, imports it through
# the ordinary importers and keeps the seed report's figures exactly, with
# any seed: the Working Together course's 25 sessions and 539 practitioners,
# the six Hear My Voice sittings (1,017 heads), 10 Graded Care Profile 2
# trainers of a pool of 14, the five reviews with the months of the seed's
# table and SCR2's delay, 11 actions done and 2 outstanding, the evidence
# log with a 7-minute briefing for each review.  The rows it
# spoils on purpose are rejected, each for its own reason, and no others;
# one seed writes the same bytes twice.
. tests/lib.sh

D1="$WORK/d1"
check_rc "lia demo --out --seed --scale 1" 0 "$LIA" demo --out "$D1" --seed 7 --scale 1
cp "$WORK/out" "$WORK/demo.out"
cp "$WORK/err" "$WORK/demo.err"
DB="$D1/lia.db"
q() { sqlite3 "$DB" "$@"; }

check_grep "a progress line for generating" '^lia demo: generate: ' "$WORK/demo.err"
check_eq "a progress line for each import of the manifest" \
    "$(($(wc -l <"$D1/data/manifest.csv") - 1))" "$(grep -c '^lia demo: import ' "$WORK/demo.err")"
check_grep "a progress line for each chart" '^lia demo: chart .*/charts/reach-by-agency.png' "$WORK/demo.err"
check_grep "the summary names the database" "$D1/lia.db" "$WORK/demo.out"

# --- the seed's figures, through the analyses a user would run ------------------
"$LIA" --db "$DB" reach --course WT --format json >"$WORK/wt.json"
check_eq "Working Together: 25 sessions, 539 unique practitioners" "25 539" \
    "$(jq -r '.total | "\(.sessions) \(.unique_practitioners)"' "$WORK/wt.json")"
check_eq "Working Together: each of the 539 attended once" 539 "$(jq '.total.attendances' "$WORK/wt.json")"
check_eq "Working Together sessions from 2018 to the end of 2020" "2018-01 2020-12" \
    "$(q "SELECT min(substr(date,1,7)) || ' ' || max(substr(date,1,7)) FROM session s JOIN course c ON c.id = s.course_id WHERE c.code = 'WT'")"
"$LIA" --db "$DB" reach --course HMV --format json >"$WORK/hmv.json"
check_eq "Hear My Voice: 6 sessions, 1017 heads, nobody named" "6 1017 0" \
    "$(jq -r '.total | "\(.sessions) \(.headcount_attendances) \(.unique_practitioners)"' "$WORK/hmv.json")"
check_eq "Hear My Voice on 2 days, June and November 2019" "2019-06 3|2019-11 3" \
    "$(q "SELECT substr(date,1,7) || ' ' || count(*) FROM session s JOIN course c ON c.id = s.course_id WHERE c.code = 'HMV' GROUP BY date ORDER BY date" | tr '\n' '|' | sed 's/|$//')"
"$LIA" --db "$DB" trainers --course GCP2-TTT --target 14 --format json >"$WORK/ttt.json"
check_eq "Graded Care Profile 2 trainers: 10 of 14, 4 short" "10 14 4" \
    "$(jq -r '.total | "\(.trainers) \(.target) \(.shortfall)"' "$WORK/ttt.json")"
check_eq "trained on 13 January 2021 (the course of 13-14 January)" "2021-01-13" \
    "$(q "SELECT date FROM session s JOIN course c ON c.id = s.course_id WHERE c.code = 'GCP2-TTT'")"

# The e-learning completions come as Moodle's course completion report: the
# 450 who completed attended on their completion date, the 90 who did not
# are skipped (not loaded, not rejected), and the progress line says so.
check_eq "Moodle download: 540 read, 450 loaded, 90 skipped, 0 rejected" "540 450 90 0" \
    "$(q "SELECT rows_read, rows_loaded, rows_skipped, rows_rejected FROM import_batch WHERE source LIKE '%09-moodle-%'" | tr '|' ' ')"
check_grep "its progress line counts the skipped" '09-moodle-information-sharing.csv --profile moodle: 540 read, 450 loaded, 0 duplicates, 90 skipped, 0 rejected' "$WORK/demo.err"
"$LIA" --db "$DB" reach --course ISH --format json >"$WORK/ish.json"
check_eq "Information sharing e-learning: 450 people, once each" "450 450" \
    "$(jq -r '.total | "\(.unique_practitioners) \(.attendances)"' "$WORK/ish.json")"

# The seed report's table: author appointed, report to board, to the national
# panel, publication, by month.
check_eq "review months as the seed's table" \
"SCR1|Martha, Mary & Ben|2018-02|2018-07|2018-07|2018-07
SCR2|Janet|2018-06|2019-01|2019-02|2019-04
SCR3|Charlie|2018-07|2019-02|2019-03|2019-03
SCR4|Matilda|2018-11|2019-04|2019-10|2019-10
SCR5|Beatrice|2019-07|2020-02|2020-03|2020-03" \
    "$(q "SELECT code, title, substr(author_appointed,1,7), substr(report_to_board,1,7), substr(report_to_panel,1,7), substr(published,1,7) FROM review ORDER BY code")"
"$LIA" --db "$DB" timeliness --layout seed >"$WORK/seed-table.txt"
check_eq "lia timeliness --layout seed prints the seed's table" \
"Independent author appointed  Feb 2018  Jun 2018                                       Jul 2018  Nov 2018  Jul 2019
Report to the board           Jul 2018  Jan 2019                                       Feb 2019  Apr 2019  Feb 2020
Report to the national panel  Jul 2018  Feb 2019                                       Mar 2019  Oct 2019  Mar 2020
Publication                   Jul 2018  Apr 2019 (Sensitive delay due to anniversary)  Mar 2019  Oct 2019  Mar 2020" \
    "$(grep -E '^(Independent|Report|Publication)' "$WORK/seed-table.txt" | sed 's/ *$//')"
check_eq "SCR2's publication delay and its reason" "Sensitive delay due to anniversary" \
    "$(q "SELECT delay_reason FROM review WHERE code = 'SCR2'")"
check_eq "every review has themes" 5 "$(q "SELECT count(DISTINCT review_id) FROM review_theme")"
check_eq "a 7-minute briefing for each review" "SCR1 SCR2 SCR3 SCR4 SCR5" \
    "$(q "SELECT group_concat(code, ' ') FROM (SELECT r.code FROM evidence_item e JOIN review r ON r.id = e.review_id WHERE e.kind = 'briefing' ORDER BY r.code)")"
check_eq "evidence items loaded" 64 "$(q "SELECT count(*) FROM evidence_item")"
check_eq "actions: 11 done, 2 outstanding" "completed 11|in_progress 1|open 1" \
    "$(q "SELECT status || ' ' || count(*) FROM action GROUP BY status ORDER BY status" | tr '\n' '|' | sed 's/|$//')"

# --- the rows spoilt on purpose, and only those ------------------------------------
batch() {	# file name -> "read loaded duplicates rejected"
    q "SELECT rows_read || ' ' || rows_loaded || ' ' || rows_duplicate || ' ' || rows_rejected FROM import_batch WHERE source LIKE '%/$1'"
}
rej() { batch "$1" | awk '{ print $4 }'; }
check_eq "workforce: 1 rejected (headcount 'tbc')" 1 "$(rej 02-workforce.csv)"
check_eq "training records: 3 rejected, 1 duplicate" "1 3" \
    "$(batch 06-training-records.csv | awk '{ print $3, $4 }')"
check_eq "neglect post-course: 1 rejected (7 on a 1-5 scale)" 1 "$(rej 12-neg-post.csv)"
check_eq "Section 11: 1 rejected (a self-assessment of 4)" 1 "$(rej 16-section11.csv)"
check_eq "case audits: 1 rejected (rating 'Good')" 1 "$(rej 18-case-audits.csv)"
check_eq "evidence log: 1 rejected (kind 'tweet')" 1 "$(rej 19-evidence.csv)"
check_eq "8 rejects in all, where they were planted" 8 "$(q "SELECT sum(rows_rejected) FROM import_batch")"
check_eq "the manifest counts the same planted rejects" 8 \
    "$(awk -F, 'NR > 1 { s += $11 } END { print s }' "$D1/data/manifest.csv")"
"$LIA" --db "$DB" rejects --format json >"$WORK/rejects.json"
check_eq "each reject says why" \
"headcount 'tbc' is not a whole number
session_date: impossible date '31/02/2019'
unknown status 'Maybe' (expected attended, did not attend or cancelled)
missing agency
question 'neglect_confidence': 7 is outside its confidence scale 1-5
self_score '4' is not a score from 0 to 3
unknown rating 'Good' (expected met, partially met, not met, n/a, or red, amber, green)
unknown kind 'tweet' (expected briefing, resource, learning_event, service_user_feedback, complaint, compliment, frontline_intelligence, national_research, dataset_report or other)" \
    "$(jq -r '.rejects[].reason' "$WORK/rejects.json")"
check_eq "every row read is loaded, a duplicate or rejected" 0 \
    "$(q "SELECT count(*) FROM import_batch WHERE rows_read != rows_loaded + rows_duplicate + rows_skipped + rows_rejected")"
check_no_grep "no e-mail address reached a reject" '@' "$WORK/rejects.json"

# --- real systems' shapes ------------------------------------------------------------
EB=$(ls "$D1"/data/07-eventbrite-*.csv | head -1)
check_eq "Eventbrite report: its header" \
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,Group,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment Processing,Attendee Status,Job Title,Company" \
    "$(head -1 "$EB" | tr -d '\r')"
check_eq "Eventbrite report: CRLF line ends" "$(wc -l <"$EB")" "$(grep -c $'\r$' "$EB")"
check_grep "Eventbrite report: month-first order dates" '^[0-9]*,[0-9]\{1,2\}/[0-9]\{1,2\}/[0-9][0-9] [0-9]' "$EB"
MS="$D1/data/10-wt-feedback-msforms.csv"
check_eq "Microsoft Forms via Excel: UTF-8 BOM" "efbbbf" "$(head -c 3 "$MS" | od -An -tx1 | tr -d ' \n')"
check_eq "Microsoft Forms: its own columns first" "ID,Start time,Completion time,Email,Name,Last modified time" \
    "$(head -1 "$MS" | cut -d, -f1-6 | sed 's/^\xef\xbb\xbf//')"
GF="$D1/data/11-neg-baseline-googleforms.csv"
check_grep "Google Forms: every field quoted, Timestamp first" '^"Timestamp","Email Address",' "$GF"
check_grep "Google Forms: its timestamp form" '^"20[0-9][0-9]/[01][0-9]/[0-3][0-9] [0-9]*:[0-9][0-9]:[0-9][0-9] AM GMT' "$GF"
SM="$D1/data/14-hmv-june-surveymonkey.csv"
check_eq "SurveyMonkey: a second header row" ",,,,,,,,,Response," "$(sed -n 2p "$SM" | cut -c1-18)"
check_eq "SurveyMonkey feedback went to the sittings, not new sessions" 6 \
    "$(q "SELECT count(*) FROM session s JOIN course c ON c.id = s.course_id WHERE c.code = 'HMV'")"
check_eq "feedback in all three stages" "baseline|follow_up|post" \
    "$(q "SELECT DISTINCT stage FROM feedback_response ORDER BY stage" | tr '\n' '|' | sed 's/|$//')"
check_eq "before/after confidence paired" "confidence_end after|confidence_start before" \
    "$(q "SELECT code || ' ' || pair_role FROM question WHERE pair_code IS NOT NULL ORDER BY code" | tr '\n' '|' | sed 's/|$//')"
check_eq "audits: Section 11 in two cycles, case audits in three" "multi_agency 3|s175 2|section11 2" \
    "$(q "SELECT kind || ' ' || count(DISTINCT cycle) FROM audit GROUP BY kind ORDER BY kind" | tr '\n' '|' | sed 's/|$//')"
check_eq "Section 11: self-assessed and moderated scores" 0 \
    "$(q "SELECT count(*) FROM audit_result r JOIN audit a ON a.id = r.audit_id WHERE a.kind = 'section11' AND (self_score IS NULL OR moderated_score IS NULL)")"
check_eq "about 30 agencies with workforce figures" 31 "$(q "SELECT count(DISTINCT agency_id) FROM workforce")"
check_no_grep "no real-looking e-mail domains in the data" '@[a-z0-9.-]*\.\(com\|co\.uk\|gov\.uk\|nhs\.uk\)\b' "$D1/data/06-training-records.csv"

# --- charts ------------------------------------------------------------------------------
# Every chart that takes a date is drawn as at the packs' day, 26 January 2021.
for c in currency review-timeline impact-chain actions; do
    check_grep "chart $c as at the packs' day" "^lia demo: chart .*/charts/$c.png as at 2021-01-26\$" "$WORK/demo.err"
done
check_grep "a chart that takes no date, without one" '^lia demo: chart .*/charts/likert.png$' "$WORK/demo.err"
for c in reach-by-agency reach-over-time currency improvement-cycle review-timeline likert; do
    check_eq "chart $c is a PNG" "89504e47" "$(od -An -tx1 -N4 "$D1/charts/$c.png" 2>/dev/null | tr -d ' \n')"
done

# --- the packs -------------------------------------------------------------------------------
for p in board ld pqa; do
    if pdfinfo "$D1/$p-pack.pdf" >"$WORK/info" 2>&1; then ok "$p pack is a PDF"
    else not_ok "$p pack is a PDF" "$(head -c 200 "$WORK/info")"; fi
    check_grep "$p pack is the Westmere partnership's" '^Author: *Westmere Safeguarding Children Partnership' "$WORK/info"
done
for p in board ld pqa; do
    check_grep "$p pack in HTML too" '<html' "$D1/$p-pack.html"
done
check_grep "the summary lists the board pack" "$D1/board-pack.pdf" "$WORK/demo.out"
pdftotext -layout "$D1/board-pack.pdf" "$WORK/board.txt" 2>/dev/null
check_grep "the board pack covers up to the seed report's day" '26 January 2021' "$WORK/board.txt"
# The seed's facts where a reader of the board pack looks for them: the
# reviews table with the seed's months, reach by course (Working Together:
# 25 sessions, 539 practitioners; Hear My Voice: 1,017 heads counted), the
# trainer pool 10 of 14.
check_grep "board: the reviews by month, as the seed's table" \
    '^Independent author  *Feb 2018  *Jun 2018  *Jul 2018  *Nov 2018  *Jul 2019$' "$WORK/board.txt"
check_grep "board: publication, SCR2's delay" \
    '^Publication  *Jul 2018  *Apr 2019 (Sensitive delay  *Mar 2019  *Oct 2019  *Mar 2020$' "$WORK/board.txt"
check_grep "board: Working Together, 25 sessions, 539 attendances by 539 practitioners" \
    '^Working Together to Safeguard Children  *25  *539  *539  *0$' "$WORK/board.txt"
check_grep "board: Hear My Voice, 6 sessions, 1,017 heads counted" \
    '^Hear My Voice: learning from our serious case reviews  *6  *0  *0  *1,017$' "$WORK/board.txt"
check_grep "board: the trainer pool, 10 of 14" '^Trainer pool  *10  *–  *14  *Amber' "$WORK/board.txt"
check_grep "board: the trainer pool in words" '10 of a target pool of 14, 4 short' \
    <(tr '\n' ' ' <"$WORK/board.txt" | tr -s ' ')
check_no_grep "board: every key indicator computed" 'not available yet' "$WORK/board.txt"
check_grep "board: audit compliance, each kind's latest cycle" '^Compliance: Multi-  *[0-9.]*% ' "$WORK/board.txt"
check_grep "board: feedback's top-two share" '^Feedback agreeing  *[0-9.]*% ' "$WORK/board.txt"
pdftotext -layout "$D1/ld-pack.pdf" "$WORK/ld.txt" 2>/dev/null
check_grep "L&D: Working Together by course, with its DNA" \
    '^Working Together to Safeguard  *25  *539  *539  *0  ' "$WORK/ld.txt"
check_grep "L&D: Hear My Voice by course" '^Hear My Voice: learning from  *6  *0  *0  *1,017  ' "$WORK/ld.txt"
check_grep "L&D: the trainer pool in words" '10 of a target pool of 14, 4 short' \
    <(tr '\n' ' ' <"$WORK/ld.txt" | tr -s ' ')

# --- one seed, the same bytes; another seed, other people, the same figures -------------
D2="$WORK/d2"
check_rc "the same seed again" 0 "$LIA" demo --out "$D2" --seed 7
same=0; files=0
for f in "$D1"/data/*; do
    files=$((files + 1))
    cmp -s "$f" "$D2/data/$(basename "$f")" && same=$((same + 1))
done
check_eq "every data file byte-identical" "$files" "$same"
check_rc "another seed, in the same folder" 0 "$LIA" demo --out "$D2" --seed 8
check_rc "its training records differ" 1 cmp -s "$D1/data/06-training-records.csv" "$D2/data/06-training-records.csv"
# Had the folder's database been kept, the two seeds' people would add up.
check_eq "another seed keeps 25 sessions and 539 practitioners, in a new database" "25 539" \
    "$("$LIA" --db "$D2/lia.db" reach --course WT --format json | jq -r '.total | "\(.sessions) \(.unique_practitioners)"')"

# --- the command line ---------------------------------------------------------------------
check_rc "--scale 0 is a usage error" 2 "$LIA" demo --out "$WORK/x" --scale 0
check_rc "--seed abc is a usage error" 2 "$LIA" demo --out "$WORK/x" --seed abc
check_rc "an argument is a usage error" 2 "$LIA" demo extra
check_rc "lia help demo" 0 "$LIA" help demo
check_grep "help names --scale" '--scale N' "$WORK/out"
