# End-to-end: lia import evidence on tests/fixtures/evidence/evidence.csv
# (its SOURCES.md says what it holds): every kind of the evidence log, reach
# in four units, items linked to the seed's serious case reviews, contact
# details in free text, a duplicate with a later count and six bad rows.
# Counts, stored values, warnings and rejects are checked exactly.
. tests/lib.sh

F="$FIX/evidence/evidence.csv"
counts() { jq -r '"\(.read) \(.loaded) \(.duplicates) \(.rejected) \(.warnings) \(.status)"' "$WORK/out"; }
row() { sql "$1" | tr '\n' ' ' | sed 's/ $//'; }

check_rc "reviews first (for the review links)" 0 "$LIA" import reviews "$FIX/reviews/reviews.csv"

check_rc "evidence --dry-run" 0 "$LIA" import evidence "$F" --dry-run --format json
check_eq "dry run: the counts, nothing written" "21 14 1 6 5 dry_run" "$(counts)"
check_eq "dry run: no item stored" 0 "$(sql 'SELECT count(*) FROM evidence_item')"
check_rc "--strict rolls back" 1 "$LIA" import evidence "$F" --strict
check_grep "strict says why" "6 of 21 rows rejected; --strict rolled back" "$WORK/err"
check_eq "strict: no item, no theme stored" "0|4" \
    "$(row "SELECT (SELECT count(*) FROM evidence_item), (SELECT count(*) FROM theme)")"

check_rc "import evidence" 0 "$LIA" import evidence "$F" --format json
# 21 records (the complaint's source spans lines 10-11; line 15 is blank):
# 14 items loaded, line 18 a duplicate of line 2, lines 19-24 rejected;
# warnings: two approximate reaches, three texts scrubbed.
check_eq "21 read, 14 loaded, 1 duplicate, 6 rejected, 5 warnings" "21 14 1 6 5 committed" "$(counts)"
check_eq "the batch adds up" "21|14|1|0|6" \
    "$(sql "SELECT rows_read, rows_loaded, rows_duplicate, rows_skipped, rows_rejected FROM import_batch WHERE kind = 'evidence'")"
check_eq "every kind once or more" \
    "briefing|3 complaint|1 compliment|1 dataset_report|1 frontline_intelligence|1 learning_event|2 national_research|1 other|1 resource|2 service_user_feedback|1" \
    "$(row "SELECT kind, count(*) FROM evidence_item GROUP BY kind ORDER BY kind")"
check_eq "reach per unit, never added across units" "copies|1|250 downloads|1|530 people|5|1229 views|1|1536" \
    "$(row "SELECT reach_unit, count(*), sum(reach) FROM evidence_item WHERE reach IS NOT NULL GROUP BY reach_unit ORDER BY reach_unit")"
check_eq "SCR1's briefing: the duplicate raised its downloads to 530, kept its link" \
    "2018-08-15|7-minute briefing: SCR Martha, Mary & Ben|SCR1|LSCB Business Unit|530|downloads|briefings/7MB-SCR1.pdf" \
    "$(sql "SELECT e.date, e.title, r.code, a.name, e.reach, e.reach_unit, e.link FROM evidence_item e JOIN review r ON r.id = e.review_id JOIN agency a ON a.id = e.agency_id WHERE e.kind = 'briefing' AND r.code = 'SCR1'")"
check_eq "items linked to reviews" "SCR1|1 SCR2|1 SCR3|1 SCR4|1 SCR5|2" \
    "$(row "SELECT r.code, count(*) FROM evidence_item e JOIN review r ON r.id = e.review_id GROUP BY r.code ORDER BY r.code")"
check_eq "'Circa. 500' stored as 500 people" "500|people" \
    "$(sql "SELECT reach, reach_unit FROM evidence_item WHERE title LIKE 'Hear My Voice%(June)'")"
check_eq "'1,536' views" 1536 "$(sql "SELECT reach FROM evidence_item WHERE kind = 'resource' AND reach_unit = 'views'")"
check_eq "themes: found in the reviews' or made (Exploitation is new)" \
    "Domestic abuse|1 Exploitation|1 Information sharing|3 Neglect|5 Voice of the child|4" \
    "$(row "SELECT t.name, count(*) FROM evidence_theme et JOIN theme t ON t.id = et.theme_id GROUP BY t.name ORDER BY t.name")"
check_eq "one theme row per name" 5 "$(sql 'SELECT count(*) FROM theme')"
check_eq "agencies made once each" "Children's Social Care|Early Help|LSCB Business Unit|Local Authority" \
    "$(sql "SELECT group_concat(name, '|') FROM (SELECT name FROM agency ORDER BY name)")"

# No personal data stored: contact details in free text are scrubbed.
check_eq "e-mail and phone number removed from the source" \
    "Children in care council; contact the participation lead on [phone number removed] or [e-mail removed]" \
    "$(sql "SELECT source FROM evidence_item WHERE kind = 'service_user_feedback'")"
check_eq "postcode removed, the line break kept" \
    "Complaints team quarterly return,
family living at [postcode removed]" \
    "$(sql "SELECT source FROM evidence_item WHERE kind = 'complaint'")"
check_eq "IP address removed" "Raised through the online form (IP [IP address removed])" \
    "$(sql "SELECT source FROM evidence_item WHERE kind = 'frontline_intelligence'")"
check_eq "nothing personal anywhere in the items" 0 \
    "$(sql "SELECT count(*) FROM evidence_item WHERE source LIKE '%@%' OR source LIKE '%0151%' OR source LIKE '%L20 3AB%' OR source LIKE '%192.168%'")"
check_eq "warnings: lines and what they say" \
    "7|reach 'Circa. 500' is approximate: 500 people stored 8|reach 'c. 500' is approximate: 500 people stored 9|an e-mail address and a phone number removed from the item's text 10|a postcode removed from the item's text 13|an IP address removed from the item's text" \
    "$(row "SELECT line, message FROM import_warning WHERE batch_id = (SELECT id FROM import_batch WHERE kind = 'evidence') ORDER BY line")"

check_rc "rejects" 0 "$LIA" rejects --batch "$(sql "SELECT id FROM import_batch WHERE kind = 'evidence'")" --format json
check_eq "reject lines and reasons" \
    "19 unknown kind 'Newsletter' (expected briefing, resource, learning_event, service_user_feedback, complaint, compliment, frontline_intelligence, national_research, dataset_report or other)|20 date: impossible date '31/02/2020'|21 reach 'lots' is not a count|22 reach 40 without a reach_unit (people, downloads, views or copies): units are never mixed|23 review_code 'SCR99' is not a known review (import the reviews first)|24 missing title" \
    "$(jq -r '[.rejects[] | "\(.line) \(.reason)"] | join("|")' "$WORK/out")"
check_eq "a rejected record keeps its text, not its phone number" \
    "11/10/2019,Resource,Safe sleep leaflet,,,,40,,Ordered on [phone number removed]," \
    "$(jq -r '.rejects[] | select(.line == 22) | .record' "$WORK/out")"

check_rc "same file again" 0 "$LIA" import evidence "$F" --format json
check_eq "already imported, nothing loaded" "already_imported 0" "$(jq -r '"\(.status) \(.loaded)"' "$WORK/out")"
check_eq "still 14 items" 14 "$(sql 'SELECT count(*) FROM evidence_item')"

# The rejects round trip: out with their header, fixed, in again.
"$LIA" rejects --batch "$(sql "SELECT id FROM import_batch WHERE kind = 'evidence'")" --format csv >"$WORK/fix.csv"
check_eq "rejects csv: header and 6 records" 7 "$(wc -l <"$WORK/fix.csv")"
sed -e 's/,Newsletter,/,Resource,/' -e 's#31/02/2020#28/02/2020#' -e 's/,lots,views,/,75,views,/' \
    -e 's/,40,,/,40,copies,/' -e 's/,SCR99,/,SCR2,/' -e 's/^13\/10\/2019,Compliment,,/13\/10\/2019,Compliment,Card from a school,/' \
    "$WORK/fix.csv" >"$WORK/fixed.csv"
check_rc "fixed rejects import" 0 "$LIA" import evidence "$WORK/fixed.csv" --format json
check_eq "fixed: 6 loaded" "6 6 0 0 0 committed" "$(counts)"
check_eq "20 items" 20 "$(sql 'SELECT count(*) FROM evidence_item')"

# Required columns and a user's own headers.
printf 'Date,Title\n01/04/2020,A briefing\n' >"$WORK/nokind.csv"
check_rc "missing kind column is fatal" 1 "$LIA" import evidence "$WORK/nokind.csv"
check_grep "names the column and those found" "missing required column 'kind'; columns found: 'Date', 'Title'" "$WORK/err"
printf 'Date published,Type,Name,Theme,Review,Organisation,Number reached,Unit,Notes,URL\n2020-04-01,7MB,Lockdown and neglect,Neglect,SCR1,Police,90,downloads,Website,https://example.org/7mb\n' >"$WORK/own.csv"
check_rc "tracker headers" 0 "$LIA" import evidence "$WORK/own.csv" --format json
check_eq "tracker headers: mapped and loaded" "1 1 0 0 0 committed" "$(counts)"
check_eq "tracker row stored" "2020-04-01|briefing|Lockdown and neglect|90|downloads|https://example.org/7mb" \
    "$(sql "SELECT date, kind, title, reach, reach_unit, link FROM evidence_item WHERE title = 'Lockdown and neglect'")"

# The improvement cycle draws its service-user, frontline and research
# stages from the log (counts checked by number in tests/test_evidence.c).
check_rc "improvement-cycle chart" 0 "$LIA" chart improvement-cycle -o "$WORK/cycle.png"
check_eq "chart PNG 480 x 400 pt at 150 dpi" "1000 x 833" \
    "$(file "$WORK/cycle.png" | grep -o '[0-9]* x [0-9]*')"
