# End-to-end: exports as the producing systems write them
# (tests/fixtures/real, each file's source in its SOURCES.md), with the
# counts a correct import gives.
. tests/lib.sh
REAL="$FIX/real"

j() { jq -r "$1" "$WORK/out"; }
counts() { jq -r '[.read, .loaded, .duplicates, .skipped, .rejected] | join("|")' "$WORK/out"; }

# ---- Moodle: course completion report ------------------------------------------
export LIA_DB="$WORK/moodle.db"
check_rc "moodle completion" 0 "$LIA" import attendance "$REAL/moodle_completion.csv" \
    --profile moodle --course SG-L2 --format json
check_eq "moodle: read|loaded|duplicates|skipped|rejected" "10|7|0|3|0" "$(counts)"
check_eq "moodle: dates day first" dmy "$(j .date_order)"
check_eq "moodle: one warning for the skipped" 1 "$(j .warnings)"
check_eq "moodle: completers attended on their completion date" \
"2019-06-17|attended|2
2019-06-28|attended|1
2019-07-01|attended|1
2019-07-03|attended|1
2019-07-05|attended|1
2019-07-12|attended|1" \
    "$(sql "SELECT s.date, a.status, count(*) FROM attendance a JOIN session s ON s.id = a.session_id GROUP BY 1, 2 ORDER BY 1")"
check_eq "moodle: agencies from Institution, never Department" \
    "Alder Hey,Merseyside Police,Sefton Council" \
    "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM agency ORDER BY name)")"
check_eq "moodle: the new agencies named" "Sefton Council,Merseyside Police,Alder Hey" \
    "$(jq -r '.new_agencies | join(",")' "$WORK/out")"
check_eq "moodle: batch row" "10|7|3|0" \
    "$(sql 'SELECT rows_read, rows_loaded, rows_skipped, rows_rejected FROM import_batch')"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "moodle: the warning counts the skipped rows" \
    "4|3 rows skipped: not completed: no completion date in 'Course complete' (the first on this line)" \
    "$(jq -r '.warnings[0] | "\(.line)|\(.reason)"' "$WORK/out")"
check_eq "moodle: nobody not completed is an attendance" 7 "$(sql 'SELECT count(*) FROM attendance')"
check_no_grep "moodle: no name or e-mail in the database" "Ruth Carey\|ruth.carey\|Priya" "$LIA_DB"

# --date and --agency override the file's columns, and say so
export LIA_DB="$WORK/moodle2.db"
check_rc "moodle with --date and --agency" 0 "$LIA" import attendance "$REAL/moodle_completion.csv" \
    --profile moodle --course SG-L2 --date 2019-07-31 --agency "Sefton Council"
check_grep "says --date replaced the column" "^--date 2019-07-31 used for every row, not the file's 'Course complete' column" "$WORK/out"
check_grep "says --agency replaced the column" "^--agency Sefton Council used for every row, not the file's 'Institution' column" "$WORK/out"
check_eq "every completer on --date at --agency" "2019-07-31|Sefton Council|7" \
    "$(sql "SELECT s.date, g.name, count(*) FROM attendance a JOIN session s ON s.id = a.session_id JOIN agency g ON g.id = a.agency_id GROUP BY 1, 2")"

# ---- dates: one day/month order for the whole file -------------------------------
export LIA_DB="$WORK/dates.db"
# 06/07 could be either; 06/13 proves month first, so the first row is 7 June
printf 'agency,course_code,session_date,email,status\nPolice,C1,06/07/2019,a@x.example,attended\nPolice,C1,06/13/2019,b@x.example,attended\nPolice,C1,6/12/2019 10:31:05 AM,c@x.example,attended\n' >"$WORK/mdy.csv"
check_rc "a file that proves month first" 0 "$LIA" import attendance "$WORK/mdy.csv" --format json
check_eq "read month first" mdy "$(j .date_order)"
check_eq "every date month first, the ones before the proof too" "2019-06-07,2019-06-12,2019-06-13" \
    "$(sql "SELECT group_concat(date, ',') FROM (SELECT date FROM session ORDER BY date)")"
{ cat "$WORK/mdy.csv"; printf 'Police,C1,06/14/2019,d@x.example,attended\n'; } >"$WORK/mdy2.csv"
check_rc "the summary says the order" 0 "$LIA" import attendance "$WORK/mdy2.csv" --dry-run
check_grep "in words" "^dates read month first" "$WORK/out"
printf 'agency,course_code,session_date,email,status\nPolice,C2,13/06/2019,a@x.example,attended\nPolice,C2,06/14/2019,b@x.example,attended\n' >"$WORK/both.csv"
before=$(sql 'SELECT count(*) FROM attendance')
check_rc "a file that proves both is refused" 1 "$LIA" import attendance "$WORK/both.csv"
check_grep "both examples quoted" "the dates are written both day first ('13/06/2019', line 2) and month first ('06/14/2019', line 3); give --date-order dmy or mdy" "$WORK/err"
check_eq "nothing written" "$before" "$(sql 'SELECT count(*) FROM attendance')"
check_rc "--date-order dmy: the other one a reject" 0 "$LIA" import attendance "$WORK/both.csv" --date-order dmy --format json
check_eq "1 loaded, 1 rejected" "1|1" "$(jq -r '"\(.loaded)|\(.rejected)"' "$WORK/out")"
"$LIA" rejects --format json >"$WORK/out"
check_eq "the reject says why" "3|session_date: '06/14/2019' is not a date day first (--date-order dmy)" \
    "$(jq -r '.rejects[0] | "\(.line)|\(.reason)"' "$WORK/out")"
check_rc "--date-order must be one of three" 2 "$LIA" import attendance "$WORK/both.csv" --date-order dm
printf 'agency,course_code,session_date,email,status\nPolice,C3,05/06/2019,a@x.example,attended\n' >"$WORK/neither.csv"
check_rc "nothing decides: the profile's default (Eventbrite: month first)" 0 "$LIA" import attendance \
    "$WORK/neither.csv" --profile eventbrite --format json
check_eq "month first by default" "mdy|2019-05-06" "$(j .date_order)|$(sql "SELECT date FROM session s JOIN course c ON c.id = s.course_id WHERE c.code = 'C3'")"

# ---- a number never takes a prefix of a longer value ------------------------------
export LIA_DB="$WORK/number.db"
printf 'Timestamp,Email address,What date did you attend?,How confident do you feel?\r\n12/06/2019 09:01:15,jo@x.example,2019-06-12,Slightly confident\r\n13/06/2019 09:03:40,sam@x.example,2019-06-13,Very confident\r\n' >"$WORK/gforms.csv"
check_rc "a date answered in a form" 0 "$LIA" import feedback "$WORK/gforms.csv" --profile googleforms \
    --course C1 --date 2019-06-12 --stage baseline --format json
check_eq "2019-06-12 is text, not the number 2019" "2019-06-12|" \
    "$(sql "SELECT a.text, a.value FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE q.code = 'what_date_did_you_attend' ORDER BY a.text LIMIT 1")"
check_eq "the summary notes --date over nothing (no such column)" "[]" "$(jq -c .notes "$WORK/out")"

# ---- lia batches and lia forget: the round trip -----------------------------------
export LIA_DB="$WORK/forget.db"
printf 'agency,course_code,session_date,email,status\nPolice,C1,12/06/2019,a@x.example,did not attend\nPolice,C1,12/06/2019,b@x.example,attended\n' >"$WORK/first.csv"
printf 'agency,course_code,session_date,email,status\nPolice,C1,12/06/2019,A@x.example,attended\nHealth,C1,12/06/2019,c@x.example,attended\n' >"$WORK/second.csv"
"$LIA" import attendance "$WORK/first.csv" >/dev/null
check_rc "a second file strengthens a row and adds one" 0 "$LIA" import attendance "$WORK/second.csv" --format json
check_eq "1 loaded, 1 duplicate" "1|1" "$(jq -r '"\(.loaded)|\(.duplicates)"' "$WORK/out")"
check_eq "the row before it was strengthened is kept" '2|attendance|{"status":"did_not_attend","completed":null,"hours":null}' \
    "$(sql "SELECT batch_id, tbl, old FROM batch_change")"
snapshot() { sql "SELECT (SELECT group_concat(status, ',') FROM (SELECT status FROM attendance ORDER BY practitioner_id)),
    (SELECT count(*) FROM practitioner), (SELECT group_concat(name, ',') FROM (SELECT name FROM agency ORDER BY name)),
    (SELECT count(*) FROM session), (SELECT count(*) FROM course)"; }
check_eq "before forgetting" "attended,attended,attended|3|Health,Police|1|1" "$(snapshot)"
check_rc "lia batches" 0 "$LIA" batches --format json
check_eq "two committed batches" "1 committed,2 committed" "$(jq -r '[.batches[] | "\(.batch) \(.status)"] | join(",")' "$WORK/out")"
check_rc "lia forget 2" 0 "$LIA" forget 2 --format json
check_eq "what went" "attendances 1,attendances restored 1,people 1,agencies 1" \
    "$(jq -r '[.forgotten[] | "\(.what) \(.rows)"] | join(",")' "$WORK/out")"
check_eq "as it was after the first file" "did_not_attend,attended|2|Police|1|1" "$(snapshot)"
check_eq "no change left for batch 2" 0 "$(sql 'SELECT count(*) FROM batch_change')"
check_eq "batch 2 forgotten" forgotten "$(sql 'SELECT status FROM import_batch WHERE id = 2')"
check_rc "forgetting it twice" 1 "$LIA" forget 2
check_grep "says why" "batch 2 is forgotten: only a committed batch can be forgotten" "$WORK/err"
check_rc "forgetting a batch that is not there" 1 "$LIA" forget 9
check_grep "says so" "no import batch 9" "$WORK/err"
check_rc "BATCH must be a number" 2 "$LIA" forget two
check_rc "the same file again after forgetting" 0 "$LIA" import attendance "$WORK/second.csv" --format json
check_eq "imported again: batch 3, the same counts" "3|committed|1|1" "$(jq -r '"\(.batch)|\(.status)|\(.loaded)|\(.duplicates)"' "$WORK/out")"
check_eq "as after both files" "attended,attended,attended|3|Health,Police|1|1" "$(snapshot)"
check_rc "forget 3, then 1" 0 "$LIA" forget 3
check_rc "forget 1" 0 "$LIA" forget 1 --format json
check_eq "forget 1 took the session, the course, the people and Police" \
    "attendances 2,sessions 1,courses 1,people 2,agencies 1" \
    "$(jq -r '[.forgotten[] | "\(.what) \(.rows)"] | join(",")' "$WORK/out")"
check_eq "nothing left" "|0||0|0" "$(snapshot)"
check_rc "a table of batches" 0 "$LIA" batches
check_grep "the table lists the forgotten" "forgotten" "$WORK/out"
# a survey forgotten: its responses, answers and questions go
check_rc "import a survey" 0 "$LIA" import feedback "$WORK/gforms.csv" --profile googleforms \
    --course C9 --date 2019-06-12 --stage baseline
check_rc "forget it" 0 "$LIA" forget 4 --format json
check_eq "responses, answers, questions, session, course" \
    "feedback answers 4,feedback responses 2,questions 2,sessions 1,courses 1" \
    "$(jq -r '[.forgotten[] | "\(.what) \(.rows)"] | join(",")' "$WORK/out")"
check_eq "no answer left" 0 "$(sql 'SELECT count(*) FROM feedback_answer')"

# ---- lia import agencies: aliases found by every importer -------------------------
export LIA_DB="$WORK/agencies.db"
printf 'Agency,Sector,Aliases\r\nMerseyside Police,police,MerPol; Police; Merseyside Police Service\r\nSefton Council,local authority,Sefton MBC; SMBC\r\n"Alder Hey Children'"'"'s NHS Foundation Trust",health,Alder Hey; AHCH\r\nPolice Scotland,police,Police\r\nSefton Council,,Sefton Metropolitan Borough Council\r\n' >"$WORK/agencies.csv"
check_rc "import agencies" 0 "$LIA" import agencies "$WORK/agencies.csv" --format json
check_eq "read|loaded|duplicates|skipped|rejected" "5|4|0|0|1" "$(counts)"
check_eq "three new agencies named" "Merseyside Police,Sefton Council,Alder Hey Children's NHS Foundation Trust" \
    "$(jq -r '.new_agencies | join(",")' "$WORK/out")"
check_eq "aliases held" 8 "$(sql 'SELECT count(*) FROM agency_alias')"
"$LIA" rejects --format json >"$WORK/out"
check_eq "an alias of another agency is a reject" "5|alias 'Police' already names the agency 'Merseyside Police'" \
    "$(jq -r '.rejects[0] | "\(.line)|\(.reason)"' "$WORK/out")"
printf 'agency,course_code,session_date,email,status\nMerPol,C1,12/06/2019,a@x.example,attended\nalder hey,C1,12/06/2019,b@x.example,attended\nSefton Counsil,C1,12/06/2019,c@x.example,attended\nSEFTON MBC,C1,12/06/2019,mailto:d@x.example,attended\n' >"$WORK/typed.csv"
check_rc "attendance names agencies as people type them" 0 "$LIA" import attendance "$WORK/typed.csv" --format json
check_eq "only the typo is a new agency" "Sefton Counsil" "$(jq -r '.new_agencies | join(",")' "$WORK/out")"
check_eq "each row at its agency" "Alder Hey Children's NHS Foundation Trust|1
Merseyside Police|1
Sefton Council|1
Sefton Counsil|1" "$(sql "SELECT g.name, count(*) FROM attendance a JOIN agency g ON g.id = a.agency_id GROUP BY 1 ORDER BY 1")"
# "mailto:" (a spreadsheet's link) is the same person as the address
printf 'agency,course_code,session_date,email,status\nMerPol,C2,13/06/2019,D@x.example,attended\n' >"$WORK/plain.csv"
check_rc "the same person without mailto:" 0 "$LIA" import attendance "$WORK/plain.csv"
check_eq "one person, not two" 4 "$(sql 'SELECT count(*) FROM practitioner')"

# ---- Moodle attendance (mod_attendance): a column per session ---------------------
export LIA_DB="$WORK/modatt.db"
check_rc "moodle attendance, text format" 0 "$LIA" import attendance "$REAL/moodle_attendance.txt" \
    --profile moodle-attendance --format json
check_eq "read|loaded|duplicates|skipped|rejected" "7|4|0|3|0" "$(counts)"
check_eq "the sessions from the column headers, each cell an attendance" \
"2019-06-12|10.00|attended|2
2019-06-12|10.00|did_not_attend|1
2019-06-19|10.00|attended|4
2019-06-26|14.00|attended|2
2019-06-26|14.00|excused|1" \
    "$(sql "SELECT s.date, s.label, a.status, count(*) FROM attendance a JOIN session s ON s.id = a.session_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")"
check_eq "the course from the title row" "Safeguarding children: level 3 (multi-agency)" \
    "$(sql 'SELECT group_concat(title) FROM course')"
check_eq "the agency from Institution; nobody from Alder Hey took a session" "Merseyside Police,Sefton Council" \
    "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM agency ORDER BY name)")"
check_eq "five people, one with no session taken" 4 "$(sql 'SELECT count(*) FROM practitioner')"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "the title rows and the person with no session, counted" \
    "1|2 rows skipped: not data: a title before the header (the first on this line)
7|1 row skipped: no session taken for this person (the first on this line)" \
    "$(jq -r '.warnings[] | "\(.line)|\(.reason)"' "$WORK/out")"
# the same export a week later, one more session taken: old cells duplicates
sed -e 's/\t26.06.2019 14.00 All students\tTaken/\t26.06.2019 14.00 All students\t03.07.2019 10.00 All students\tTaken/' \
    -e 's/^\(anand.p.*\)\tP (2\/2)\t3\t/\1\tP (2\/2)\tA (0\/2)\t3\t/' \
    -e 's/^\([a-z]*\.[a-z]\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\)\t\([0-9]\)/\1\t?\t\2/' \
    "$REAL/moodle_attendance.txt" >"$WORK/week2.txt"
check_rc "a week later" 0 "$LIA" import attendance "$WORK/week2.txt" --profile moodle-attendance --format json
check_eq "Priya's row loaded (a new session), three rows all duplicates" "7|1|3|3|0" "$(counts)"
check_eq "11 attendances" 11 "$(sql 'SELECT count(*) FROM attendance')"
printf 'Course\tX\nGroup\tAll participants\n\nUsername\tInstitution\tLast name\tFirst name\t12.06.2019 10.00 All students\tTaken sessions\nzz\tPolice\tZed\tZoe\tXP (2/2)\t1\n' >"$WORK/custom.txt"
check_rc "a status a site made up" 0 "$LIA" import attendance "$WORK/custom.txt" --profile moodle-attendance --format json
check_eq "is a reject" "0|1" "$(jq -r '"\(.loaded)|\(.rejected)"' "$WORK/out")"

# ---- Face-to-face (mod_facetoface): a session's attendee download, saved from Excel --
# (Priya's e-mail is in the Moodle completion file too, without "mailto:")
export LIA_DB="$WORK/f2f.db"
check_rc "moodle completion first" 0 "$LIA" import attendance "$REAL/moodle_completion.csv" \
    --profile moodle --course SG-L2
check_rc "face-to-face attendees" 0 "$LIA" import attendance "$REAL/facetoface_attendees.csv" \
    --profile facetoface --format json
check_eq "f2f: read|loaded|duplicates|skipped|rejected" "13|7|0|5|1" "$(counts)"
check_eq "f2f: the warnings: titles, partially attended, three bookings" 5 "$(j .warnings)"
check_eq "f2f: the session and course from the title rows" \
    "Working Together: multi-agency safeguarding (level 3)|2019-06-19|09:30|7" \
    "$(sql "SELECT c.title, s.date, s.label, count(*) FROM attendance a JOIN session s ON s.id = a.session_id JOIN course c ON c.id = s.course_id WHERE a.batch_id = 2 GROUP BY 1, 2, 3")"
check_eq "f2f: statuses by agency (Institution, never Department)" \
"Alder Hey|attended|2
Merseyside Police|attended|2
Sefton Council|attended|1
Sefton Council|did_not_attend|1
Wirral Community Health|attended|1" \
    "$(sql "SELECT g.name, a.status, count(*) FROM attendance a JOIN agency g ON g.id = a.agency_id WHERE a.batch_id = 2 GROUP BY 1, 2 ORDER BY 1, 2")"
check_eq "f2f: no Department became an agency" \
    "Alder Hey,Merseyside Police,Sefton Council,Wirral Community Health" \
    "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM agency ORDER BY name)")"
check_eq "f2f: mailto: is the same person: 7 + 7 people, one in both" "13|1" \
    "$(sql "SELECT (SELECT count(*) FROM practitioner), (SELECT count(*) FROM (SELECT practitioner_id FROM attendance GROUP BY 1 HAVING count(DISTINCT batch_id) = 2))")"
"$LIA" rejects --batch 2 --warnings --format json >"$WORK/out"
check_eq "f2f: the warnings" \
    "1|2 rows skipped: not data: a title before the header (the first on this line)
7|2 partially attended, loaded as attended (the first on this line)
10|1 row skipped: Booked: a booking, not an attendance (no record) (the first on this line)
14|1 row skipped: Wait-listed: a booking, not an attendance (no record) (the first on this line)
15|1 row skipped: Approved: a booking, not an attendance (no record) (the first on this line)" \
    "$(jq -r '.warnings[] | "\(.line)|\(.reason)"' "$WORK/out")"
"$LIA" rejects --batch 2 --format json >"$WORK/out"
check_eq "f2f: the person without an Institution is a reject" "13|missing agency" \
    "$(jq -r '.rejects[] | "\(.line)|\(.reason)"' "$WORK/out")"
# the same file again: nothing read, the title rows included
check_rc "f2f again" 0 "$LIA" import attendance "$REAL/facetoface_attendees.csv" \
    --profile facetoface --format json
check_eq "f2f again: already imported, nothing read or skipped" "already_imported|0|0|0|2" \
    "$(jq -r '"\(.status)|\(.read)|\(.skipped)|\(.loaded)|\(.batch)"' "$WORK/out")"
check_eq "f2f again: no third batch" 2 "$(sql "SELECT count(*) FROM import_batch")"
check_no_grep "f2f: no mailto:, name or e-mail stored" \
    "mailto:\|Okafor\|grace\.okafor\|Fletcher\|sam\.fletcher\|Roberts\|Anand\|priya\.anand\|004417" "$LIA_DB"
# --course and --date replace the title rows', and say so
export LIA_DB="$WORK/f2f2.db"
check_rc "f2f with --course and --date" 0 "$LIA" import attendance "$REAL/facetoface_attendees.csv" \
    --profile facetoface --course WT3 --date 20/06/2019
check_grep "f2f: says --course replaced the title row" \
    "^--course WT3 used for every row, not the title row's 'Working Together: multi-agency safeguarding (level 3)'" "$WORK/out"
check_grep "f2f: says --date replaced the title row" \
    "^--date 20/06/2019 used for every row, not the title row's '19 June 2019, 9:30 AM - 19 June 2019, 4:00 PM'" "$WORK/out"
check_eq "f2f: every row on --date, in --course" "WT3|2019-06-20|7" \
    "$(sql "SELECT c.code, s.date, count(*) FROM attendance a JOIN session s ON s.id = a.session_id JOIN course c ON c.id = s.course_id GROUP BY 1, 2")"
# a session over two days (and other export fields: Username, no ID number)
export LIA_DB="$WORK/f2f3.db"
check_rc "f2f: a session over two days" 0 "$LIA" import attendance "$REAL/facetoface_two_days.csv" \
    --profile facetoface
check_grep "f2f: 6 read, 3 loaded, 3 skipped" ": attendance: 6 read, 3 loaded, 0 duplicates, 3 skipped, 0 rejected" "$WORK/out"
check_grep "f2f: the summary says it is one session" \
    "^one session over 2 days (3 July 2019 to 10 July 2019): loaded on its first day" "$WORK/out"
check_eq "f2f: one session, on the first day" \
"Graded Care Profile 2: practitioner training|2019-07-03|13:30|attended|2
Graded Care Profile 2: practitioner training|2019-07-03|13:30|did_not_attend|1" \
    "$(sql "SELECT c.title, s.date, s.label, a.status, count(*) FROM attendance a JOIN session s ON s.id = a.session_id JOIN course c ON c.id = s.course_id GROUP BY 1, 2, 3, 4 ORDER BY 4")"
# a session whose dates are not known: "Wait-listed" in place of the dates
sed 's/^"19 June 2019, 9:30 AM - 19 June 2019, 4:00 PM"/Wait-listed/' \
    "$REAL/facetoface_attendees.csv" >"$WORK/waitlisted.csv"
check_rc "f2f: no date known is refused" 1 "$LIA" import attendance "$WORK/waitlisted.csv" --profile facetoface
check_grep "f2f: says to give --date" \
    "no session date: the title row says 'Wait-listed' (the session's dates are not known); give --date" "$WORK/err"
check_eq "f2f: nothing written" "1|0" \
    "$(sql "SELECT (SELECT count(*) FROM import_batch), (SELECT count(*) FROM attendance WHERE batch_id > 1)")"
check_rc "f2f: with --date it loads" 0 "$LIA" import attendance "$WORK/waitlisted.csv" --profile facetoface \
    --date 19/06/2019 --format json
check_eq "f2f: on --date" "7|2019-06-19" \
    "$(j .loaded)|$(sql "SELECT date FROM session s JOIN course c ON c.id = s.course_id WHERE c.title LIKE 'Working Together%'")"
# the words the download does not hold (a list edited by hand): cancelled,
# a request, a word of no Face-to-face site
sed -e 's/,Booked\r$/,User Cancelled\r/' -e 's/,Wait-listed\r$/,Declined\r/' -e 's/,Approved\r$/,Session Cancelled\r/' \
    -e 's/Emergency Department,Alder Hey,Fully attended\r$/Emergency Department,Alder Hey,Requested\r/' \
    -e 's/Wirral Community Health,Fully attended\r$/Wirral Community Health,Attended\r/' \
    "$REAL/facetoface_attendees.csv" >"$WORK/edited.csv"
export LIA_DB="$WORK/f2f4.db"
check_rc "f2f: the other status words" 0 "$LIA" import attendance "$WORK/edited.csv" --profile facetoface --format json
check_eq "f2f edited: read|loaded|duplicates|skipped|rejected" "13|8|0|3|2" "$(counts)"
check_eq "f2f edited: cancelled words are cancelled" "attended|4
cancelled|3
did_not_attend|1" "$(sql "SELECT status, count(*) FROM attendance GROUP BY 1 ORDER BY 1")"
"$LIA" rejects --format json >"$WORK/out"
check_eq "f2f edited: an unknown word is a reject naming it" \
    "9|unknown status 'Attended' (expected one of Face-to-face's: Fully attended, Partially attended, No show, Booked, Wait-listed, Approved, Requested, Declined, User Cancelled, Session Cancelled)
13|missing agency" "$(jq -r '.rejects[] | "\(.line)|\(.reason)"' "$WORK/out")"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "f2f edited: Requested is no record" \
    "11|1 row skipped: Requested: a booking, not an attendance (no record) (the first on this line)" \
    "$(jq -r '.warnings[] | select(.reason | test("Requested")) | "\(.line)|\(.reason)"' "$WORK/out")"

# ---- Eventbrite: Transferred, and group orders -------------------------------------
# (statuses as Eventbrite's "Glossary of order and attendee statuses in event
# reports" names them; a group order repeats the buyer's e-mail on every ticket)
export LIA_DB="$WORK/eventbrite.db"
printf 'Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Attendee Status,Job Title,Company\r\n1001,2019-10-01 10:00:00,Jane,Doe,jane.doe@police.example,1,General Admission,111,Checked In,DS,Westmere Police\r\n1002,2019-10-02 11:00:00,Pat,Lee,pat.lee@council.example,3,General Admission,112,Checked In,Manager,Westmere Council\r\n1002,2019-10-02 11:00:00,Pat,Lee,pat.lee@council.example,3,General Admission,113,Checked In,Manager,Westmere Council\r\n1002,2019-10-02 11:00:00,Pat,Lee,pat.lee@council.example,3,General Admission,114,Attending,Manager,Westmere Council\r\n1003,2019-10-03 12:00:00,Carol,Jones,carol.jones@health.example,1,General Admission,115,Transferred,Nurse,Westmere Health\r\n' >"$WORK/eb.csv"
check_rc "an attendee report with a group order and a transfer" 0 "$LIA" import attendance "$WORK/eb.csv" \
    --profile eventbrite --course HMV --date 2019-11-14 --format json
check_eq "read|loaded|duplicates|skipped|rejected" "5|4|0|1|0" "$(counts)"
check_eq "the three tickets of one order are three people" 4 "$(sql 'SELECT count(*) FROM practitioner')"
check_eq "Transferred is not at this event" 0 "$(sql "SELECT count(*) FROM agency WHERE name = 'Westmere Health'")"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "the warnings: the group order, the transfer" \
    "3|3 rows of group orders (one e-mail for several attendee numbers) kept as different people by their attendee number: they cannot be matched to other files, the first on this line
6|1 row skipped: transferred to another event or ticket type: not at this session (the first on this line)" \
    "$(jq -r '.warnings | sort_by(.line)[] | "\(.line)|\(.reason)"' "$WORK/out")"

# ---- surveys: incomplete responses, LimeSurvey's answer codes ---------------------
export LIA_DB="$WORK/survey.db"
printf 'Response ID,Date submitted,Last page,Start language,Seed,Date started,Date last action,IP address,Email address,Q1\n1,2019-09-12 14:00:01,3,en,1874523,2019-09-12 13:55:00,2019-09-12 14:00:01,192.168.10.21,jo@x.example,A5\n2,,1,en,2231001,2019-09-13 09:25:40,2019-09-13 09:30:12,192.168.10.22,sam@x.example,A2\n3,2019-09-13 10:30:12,3,en,2231002,2019-09-13 10:25:40,2019-09-13 10:30:12,192.168.10.23,al@x.example,A4\n' >"$WORK/codes.csv"
printf '# codes.map: answer codes through a scale\nconfident = Q1\nconfident.scale = conf5\nscale.conf5 = A1 = 1; A2 = 2; A3 = 3; A4 = 4; A5 = 5\n' >"$WORK/codes.map"
check_rc "LimeSurvey with answer codes" 0 "$LIA" import feedback "$WORK/codes.csv" --profile limesurvey \
    --map "$WORK/codes.map" --course C1 --date 2019-09-12 --stage follow-up --format json
check_eq "the unsubmitted response skipped" "3|2|0|1|0" "$(counts)"
check_eq "A5 and A4 read through the scale" "4.0,5.0" \
    "$(sql "SELECT group_concat(value, ',') FROM (SELECT value FROM feedback_answer ORDER BY value)")"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "one warning for it" "3|1 row skipped: an incomplete response (no 'Date submitted'); --include-incomplete loads them (the first on this line)" \
    "$(jq -r '.warnings[0] | "\(.line)|\(.reason)"' "$WORK/out")"
export LIA_DB="$WORK/survey2.db"
check_rc "--include-incomplete" 0 "$LIA" import feedback "$WORK/codes.csv" --profile limesurvey \
    --map "$WORK/codes.map" --course C1 --date 2019-09-12 --stage follow-up --include-incomplete --format json
check_eq "all three loaded" "3|3|0|0|0" "$(counts)"

# ---- the encoding hint -------------------------------------------------------------
export LIA_DB="$WORK/enc.db"
printf 'agency,course_code,session_date,email,status\n\223Police\224,C1,12/06/2019,a@x.example,attended\nPol\351ce,C1,12/06/2019,b@x.example,attended\n' >"$WORK/cp1252.csv"
check_rc "Windows-1252 bytes read as UTF-8" 0 "$LIA" import attendance "$WORK/cp1252.csv" --format json
"$LIA" rejects --format json >"$WORK/out"
check_eq "0x93 (a curly quote) suggests cp1252, 0xE9 latin1" \
    "invalid UTF-8 at byte offset 45 (try --encoding cp1252)|invalid UTF-8 at byte offset 92 (try --encoding latin1)" \
    "$(jq -r '[.rejects[].reason] | join("|")' "$WORK/out")"
export LIA_DB="$WORK/enc2.db"
check_rc "with --encoding cp1252" 0 "$LIA" import attendance "$WORK/cp1252.csv" --encoding cp1252 --format json
check_eq "both loaded" "2|0" "$(jq -r '"\(.loaded)|\(.rejected)"' "$WORK/out")"
check_eq "the quotes as quotes" "“Police”" "$(sql "SELECT name FROM agency WHERE name LIKE '%Police%'")"

# ---- every kind's dates in one order: holidays, actions, audits, evidence --------
export LIA_DB="$WORK/kinds.db"
printf 'date,title\n01/04/2021,Closure\n12/29/2020,Closure\n' >"$WORK/holidays.csv"
check_rc "holidays written month first" 0 "$LIA" import holidays "$WORK/holidays.csv" --format json
check_eq "read month first, the first row too" "mdy|2020-12-29,2021-01-04" \
    "$(j .date_order)|$(sql "SELECT group_concat(date, ',') FROM (SELECT date FROM holiday ORDER BY date)")"
printf 'date,title\n01/04/2021,Closure\n29/12/2020,Closure\n12/29/2020,Closure\n' >"$WORK/holidays2.csv"
check_rc "a holidays file proving both is refused" 1 "$LIA" import holidays "$WORK/holidays2.csv"
check_grep "both quoted" "written both day first ('29/12/2020', line 3) and month first ('12/29/2020', line 4)" "$WORK/err"

# ---- a Section 11 audit template saved from Excel -----------------------------------
export LIA_DB="$WORK/s11.db"
check_rc "the template as UTF-8: the Windows-1252 rows rejected" 0 "$LIA" import audits \
    "$REAL/section11_template.csv" --profile section11-template --cycle 2018/19 --date 28/02/2019 --format json
check_eq "read|loaded|duplicates|skipped|rejected" "14|3|0|9|2" "$(counts)"
"$LIA" rejects --format json >"$WORK/out"
check_eq "each says --encoding cp1252" "9|invalid UTF-8 at byte offset 529 (try --encoding cp1252)
18|invalid UTF-8 at byte offset 1380 (try --encoding cp1252)" \
    "$(jq -r '.rejects[] | "\(.line)|\(.reason)"' "$WORK/out")"
export LIA_DB="$WORK/s11b.db"
check_rc "with --encoding cp1252" 0 "$LIA" import audits "$REAL/section11_template.csv" \
    --profile section11-template --cycle 2018/19 --date 28/02/2019 --encoding cp1252 --format json
check_eq "read|loaded|duplicates|skipped|rejected" "14|5|0|9|0" "$(counts)"
check_eq "the agency from the template's own row" "Merseyside Police" "$(jq -r '.new_agencies | join(",")' "$WORK/out")"
check_eq "each sub-standard's self-assessed and moderated score; N/A not rated; none for 2.3" \
"section11|2018/19|2019-02-28|1.1|3|3
section11|2018/19|2019-02-28|1.2|3|2
section11|2018/19|2019-02-28|1.3|2|2
section11|2018/19|2019-02-28|2.1|2|1
section11|2018/19|2019-02-28|2.3|1|" \
    "$(sql "SELECT a.kind, a.cycle, a.date, s.code, r.self_score, r.moderated_score FROM audit_result r JOIN audit a ON a.id = r.audit_id JOIN audit_standard s ON s.id = r.standard_id ORDER BY s.code")"
check_eq "the standard's text, its dash from Windows-1252" "Safer recruitment procedures are in place – DBS checks for all staff in contact with children" \
    "$(sql "SELECT title FROM audit_standard WHERE code = '2.1'")"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "the headings and the N/A row, skipped and counted" \
"1|5 rows skipped: not data: a title before the header (the first on this line)
15|3 rows skipped: not data: a heading or a blank row of the template (the first on this line)
19|1 row skipped: not rated: no score, or N/A (the first on this line)" \
    "$(jq -r '.warnings[] | "\(.line)|\(.reason)"' "$WORK/out")"
export LIA_DB="$WORK/s11c.db"
check_rc "--agency names another agency than the template's" 0 "$LIA" import audits "$REAL/section11_template.csv" \
    --profile section11-template --cycle 2019/20 --date 28/02/2020 --encoding cp1252 --agency "Sefton Council" --format json
check_eq "its results at that agency" 5 "$(sql "SELECT count(*) FROM audit_result r JOIN agency g ON g.id = r.agency_id WHERE g.name = 'Sefton Council'")"
# one order for every date column: a proof in one column decides the others
printf 'review_code,kind,incident_date,notified_date\nSCR9,SCR,06/03/2019,06/17/2019\n' >"$WORK/review.csv"
check_rc "a review whose notified date proves month first" 0 "$LIA" import reviews "$WORK/review.csv" --format json
check_eq "its incident date read month first too" "mdy|2019-06-03|2019-06-17" \
    "$(j .date_order)|$(sql "SELECT incident_date, notified_date FROM review WHERE code = 'SCR9'")"
