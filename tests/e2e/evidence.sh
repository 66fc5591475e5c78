# End-to-end: lia evidence on the fixture log (tests/fixtures/evidence, its
# SOURCES.md): items and reach per kind, theme, month and review, each unit
# apart; the filters; the JSON keys; suppression; usage errors.
. tests/lib.sh

"$LIA" import reviews "$FIX/reviews/reviews.csv" >/dev/null
"$LIA" import evidence "$FIX/evidence/evidence.csv" >/dev/null
rows() { jq -r '.rows[] | [.[]] | map(if . == null then "-" else tostring end) | join(" ")' "$WORK/out" | tr '\n' '|' | sed 's/|$//'; }
total() { jq -r '.total | [.[]] | map(if . == null then "-" else tostring end) | join(" ")' "$WORK/out"; }

check_rc "evidence --by kind" 0 "$LIA" evidence --by kind --format json
# items reach_people reach_downloads reach_views reach_copies items_without_reach
check_eq "by kind: every kind in the schema's order, units apart" \
    "briefing 3 180 530 - 250 0|resource 2 - - 1536 - 1|learning_event 2 1000 - - - 0|service_user_feedback 1 14 - - - 0|complaint 1 - - - - 1|compliment 1 - - - - 1|frontline_intelligence 1 35 - - - 0|national_research 1 - - - - 1|dataset_report 1 - - - - 1|other 1 - - - - 1" \
    "$(rows)"
check_eq "total: 14 items; 1229 people (180+500+500+14+35), never plus the 530 downloads" \
    "14 1229 530 1536 250 6" "$(total)"
check_eq "analysis name and grouping key" "evidence kind" \
    "$(jq -r '"\(.analysis) \(.params.by)"' "$WORK/out")"
check_grep "units note" "4 units, each reported apart" "$WORK/out"

check_rc "evidence --by theme, 2019/20" 0 "$LIA" evidence --by theme --period 2019/20 --format json
check_eq "by theme in 2019/20 (SCR1's 2018 briefing and the 2020/21 report left out)" \
    "Domestic abuse 1 - - - 250 0|Exploitation 1 - - - - 1|Information sharing 3 180 - - - 2|Neglect 4 715 - 1536 - 0|Voice of the child 3 1014 - - - 0|- 2 - - - - 2" \
    "$(rows)"
check_eq "total counts an item once" "12 1229 - 1536 250 5" "$(total)"
check_eq "period in params" "2019/20 2019-04-01 2020-03-31" \
    "$(jq -r '"\(.params.period) \(.params.from) \(.params.to)"' "$WORK/out")"

check_rc "evidence --by review --kind briefing" 0 "$LIA" evidence --by review --kind briefing --format json
check_eq "briefings by review" "SCR1 1 - 530 - - 0|SCR2 1 - - - 250 0|SCR3 1 180 - - - 0" "$(rows)"

check_rc "evidence --by month --theme neglect" 0 "$LIA" evidence --by month --theme neglect --format json
check_eq "neglect by month" "2018-08 1 - 530 - - 0|2019-04 1 180 - - - 0|2019-06 1 500 - - - 0|2019-10 1 - - 1536 - 0|2019-12 1 35 - - - 0" "$(rows)"

check_rc "total only, as a table" 0 "$LIA" evidence
check_grep "table title" "^evidence log, all dates" "$WORK/out"
check_grep "table total" "^total  *14  *1229  *530  *1536  *250  *6" "$WORK/out"

check_rc "csv" 0 "$LIA" evidence --by kind --format csv
check_eq "csv header" "kind,items,reach_people,reach_downloads,reach_views,reach_copies,items_without_reach" \
    "$(head -1 "$WORK/out" | tr -d '\r')"

check_rc "suppressed" 0 "$LIA" evidence --by kind --suppress 5 --format json
check_eq "briefings: 3 items hidden as under 5; 180 people and 530 downloads shown" \
    "null true 180 530" \
    "$(jq -r '.rows[0] | "\(.items) \(.items_suppressed) \(.reach_people) \(.reach_downloads)"' "$WORK/out")"
# Items without a reach are items too: a complaint's 1 of 1 would give its
# hidden 1 item away, a resource's 1 of 2 say 2 > 1; both hidden.  A 0 stays.
check_eq "items without a reach hidden as the items are" \
    "resource null true null true|complaint null true null true|briefing 0" \
    "$(jq -r '(.rows[] | select(.kind == "complaint" or .kind == "resource") | "\(.kind) \(.items) \(.items_suppressed) \(.items_without_reach) \(.items_without_reach_suppressed)"), (.rows[0] | "\(.kind) \(.items_without_reach)")' "$WORK/out" | tr '\n' '|' | sed 's/|$//')"
check_eq "the totals stay: 14 items, 6 without a reach" "14 6" \
    "$(jq -r '.total | "\(.items) \(.items_without_reach)"' "$WORK/out")"

# The improvement cycle: its stages about people (feedback, service users
# and complaints, the dataset) are counts for disclosure; reviews, actions,
# sessions, audits and reports are not.  The log's 1 service-user feedback,
# 1 complaint and 1 compliment are 3 records about people: "<5" under
# --suppress 5; its 1 frontline report and 1 national research item, and
# the 8 reviews, stay.
check_rc "improvement-cycle, plain" 0 "$LIA" chart improvement-cycle -o "$WORK/cycle.pdf"
pdftotext -layout "$WORK/cycle.pdf" "$WORK/cycle.txt"
check_grep "plain: service users 3" '^ *3  *PQA  ' "$WORK/cycle.txt"
check_rc "improvement-cycle --suppress 5" 0 "$LIA" chart improvement-cycle --suppress 5 -o "$WORK/cycle5.pdf"
pdftotext -layout "$WORK/cycle5.pdf" "$WORK/cycle5.txt"
check_grep "suppressed: service users <5" '^ *<5  *PQA  ' "$WORK/cycle5.txt"
check_no_grep "suppressed: no 3 at any stage" '^ *3  *PQA  ' "$WORK/cycle5.txt"
check_grep "suppressed: frontline intelligence's 1 report stays" '^ *1  *PQA  ' "$WORK/cycle5.txt"
check_grep "suppressed: the 8 reviews stay" '^ *8  *PRP$' "$WORK/cycle5.txt"
check_rc "improvement-cycle --suppress nhs" 0 "$LIA" chart improvement-cycle --suppress nhs -o "$WORK/cycle8.pdf"
pdftotext -layout "$WORK/cycle8.pdf" "$WORK/cycle8.txt"
check_grep "nhs: service users <8" '^ *<8  *PQA  ' "$WORK/cycle8.txt"

check_rc "unknown kind is a usage error" 2 "$LIA" evidence --kind newsletter
check_grep "says the kinds" "--kind must be briefing, resource" "$WORK/err"
check_rc "unknown --by is a usage error" 2 "$LIA" evidence --by agency
check_grep "says the groupings" "--by must be kind, theme, month or review, not 'agency'" "$WORK/err"
check_rc "unknown theme is a data error" 1 "$LIA" evidence --theme "Knife crime"
check_grep "names the theme" "no theme named 'Knife crime'" "$WORK/err"
check_rc "help" 0 "$LIA" evidence --help
check_grep "help names the units" "people, downloads, views, copies" "$WORK/out"
