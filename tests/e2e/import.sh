# End-to-end: lia import attendance, workforce and courses, and lia rejects.
# A file with every kind of bad row (built here byte by byte: BOM, CRLF,
# quoted commas and newlines, blank lines, trailing spaces, ragged rows,
# invalid UTF-8, unknown words, impossible dates), each profile's export
# shape, map files, UTF-16, Latin-1, dry run, strict, already imported,
# fatal errors, the rejects round trip, and a grep of the database file for
# every name and e-mail of the fixtures.
. tests/lib.sh
IMP="$FIX/import"

j() { jq -r "$1" "$WORK/out"; }

# ---- the bad-row file ---------------------------------------------------------
printf '\357\273\277"Agency ","Course Code","Session Date","E-mail","First Name","Last Name","Status","Hours","Count"\r\n' >"$WORK/mixed.csv"
{
printf 'Merseyside Police,WT01,12/06/2019,jane.doe@police.example,Jane,Doe,Attended,3,\r\n'             # 2 loaded
printf '"Sefton Council, Children'"'"'s Services",WT01,12/06/2019,bob.smith@sefton.example,Bob,Smith,attended  ,3,\r\n' # 3 loaded
printf '\r\n'                                                                                           # 4 blank
printf 'Merseyside Police,WT01,12/06/2019,JANE.DOE@police.example,Jane,Doe,DNA,3,\r\n'                 # 5 duplicate
printf 'Alder Hey,WT02,"13 June 2019",carol.jones@alder.example,"Carol","Jones, Jr",Did not attend,,\r\n' # 6 loaded
printf 'Alder Hey,WT02,13/06/2019,carol.jones@alder.example,Carol,Jones,attended,2,\r\n'               # 7 duplicate, stronger
printf 'Alder Hey,WT02,31/02/2019,dan.lee@alder.example,Dan,Lee,attended,,\r\n'                       # 8 impossible date
printf 'Alder Hey,WT02,13/06/2019,erin.fox@alder.example,Erin,"Fox\r\nSenior",maybe,,\r\n'            # 9-10 unknown status
printf ',WT02,13/06/2019,gail.hunt@alder.example,Gail,Hunt,attended,,\r\n'                            # 11 no agency
printf 'Schools,WT03,2019-07-01,,,,,,120\r\n'                                                         # 12 headcount
printf 'Schools,WT03,2019-07-01,harry.ives@school.example,Harry,Ives,cancelled,,,extra\r\n'           # 13 ragged
printf 'Schools,WT03,2019-07-01,ian.jay@school.example,Ian,Jay\251,attended,,\r\n'                    # 14 bad UTF-8
printf 'Schools,WT03,2019-07-01,kim.lo@school.example,Kim,Lo,attended,1.5\r\n'                        # 15 short
printf 'Schools,WT03,2019-07-01,,,,attended,,\r\n'                                                    # 16 nobody
printf 'Schools,WT03,2019-07-01,liz.may@school.example,Liz,May,Checked In,,\r\n'                      # 17 loaded
printf '\r\n\r\n'                                                                                     # 18-19 blank
} >>"$WORK/mixed.csv"
bad_offset=$(LC_ALL=C grep -obUa "$(printf '\251')" "$WORK/mixed.csv" | cut -d: -f1)

check_rc "import the bad-row file" 0 "$LIA" import attendance "$WORK/mixed.csv" --format json
check_eq "read" 14 "$(j .read)"
check_eq "loaded" 5 "$(j .loaded)"
check_eq "duplicates" 2 "$(j .duplicates)"
check_eq "rejected" 7 "$(j .rejected)"
check_eq "status committed" committed "$(j .status)"
check_eq "batch 1" 1 "$(j .batch)"
check_eq "kind" attendance "$(j .kind)"
check_eq "sha256 of the file" "$(sha256sum "$WORK/mixed.csv" | cut -d' ' -f1)" "$(j .sha256)"
check_eq "summary keys" "batch,date_order,duplicates,file,kind,loaded,new_agencies,notes,read,rejected,sha256,skipped,status,warnings" \
    "$(jq -r 'keys | join(",")' "$WORK/out")"
check_eq "batch row agrees" "14|5|2|7" "$(sql 'SELECT rows_read, rows_loaded, rows_duplicate, rows_rejected FROM import_batch')"

"$LIA" rejects --format json >"$WORK/out"
check_eq "reject lines" "8 9 11 13 14 15 16" "$(jq -r '[.rejects[].line] | join(" ")' "$WORK/out")"
check_eq "reject: impossible date" "session_date: impossible date '31/02/2019'" "$(jq -r '.rejects[0].reason' "$WORK/out")"
check_eq "reject: unknown status" "unknown status 'maybe' (expected attended, did not attend or cancelled)" "$(jq -r '.rejects[1].reason' "$WORK/out")"
check_eq "reject: no agency" "missing agency" "$(jq -r '.rejects[2].reason' "$WORK/out")"
check_eq "reject: ragged long" "expected 9 fields, found 10" "$(jq -r '.rejects[3].reason' "$WORK/out")"
check_eq "reject: bad UTF-8 offset" "invalid UTF-8 at byte offset $bad_offset (try --encoding latin1)" "$(jq -r '.rejects[4].reason' "$WORK/out")"
check_eq "reject: ragged short" "expected 9 fields, found 8" "$(jq -r '.rejects[5].reason' "$WORK/out")"
check_eq "reject: nobody" "no practitioner: give practitioner_id, email or count" "$(jq -r '.rejects[6].reason' "$WORK/out")"

check_eq "stored attendances" 4 "$(sql 'SELECT count(*) FROM attendance')"
check_eq "people" 4 "$(sql 'SELECT count(*) FROM practitioner')"
check_eq "duplicate kept the stronger status" "attended|2.0" "$(sql "SELECT a.status, a.hours FROM attendance a JOIN agency g ON g.id = a.agency_id WHERE g.name = 'Alder Hey'")"
check_eq "duplicate did not weaken" "attended" "$(sql "SELECT a.status FROM attendance a JOIN agency g ON g.id = a.agency_id WHERE g.name = 'Merseyside Police'")"
check_eq "headcount-only row" "Schools|120" "$(sql 'SELECT g.name, h.count FROM headcount_attendance h JOIN agency g ON g.id = h.agency_id')"
check_eq "quoted comma and trailing spaces" "Sefton Council, Children's Services|attended" \
    "$(sql "SELECT g.name, a.status FROM attendance a JOIN agency g ON g.id = a.agency_id WHERE g.name LIKE 'Sefton%'")"
check_eq "header with trailing space matched" 4 "$(sql 'SELECT count(*) FROM agency')"
check_eq "13 June 2019 read" "2019-06-13" "$(sql "SELECT s.date FROM session s JOIN course c ON c.id = s.course_id WHERE c.code = 'WT02'")"

# Nothing personal in the database: not in a table, a reject or a page.
sqlite3 "$LIA_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
leak=""
for w in jane.doe police.example bob.smith sefton.example carol.jones Carol Jones Erin Senior \
    gail.hunt Gail harry.ives Harry ian.jay kim.lo liz.may Liz dan.lee; do
    if LC_ALL=C grep -qa -- "$w" "$LIA_DB" "$LIA_DB-wal" 2>/dev/null; then leak="$leak $w"; fi
done
check_eq "no name or e-mail in the database file" "" "$leak"

# The rejects round trip: fix the rejected records and import them again.
"$LIA" rejects --batch 1 --format csv >"$WORK/rejects.csv"
check_eq "rejects csv: header first" '"Agency ","Course Code","Session Date","E-mail","First Name","Last Name","Status","Hours","Count"' \
    "$(head -1 "$WORK/rejects.csv" | sed 's/^/"/; s/,/","/g; s/$/"/; s/"Agency"/"Agency "/')"
check_eq "rejects csv: 7 records" 8 "$(wc -l <"$WORK/rejects.csv")"
check_grep "rejects csv: e-mails as pseudonyms, names not kept" \
    '^Alder Hey,WT02,31/02/2019,lia:[0-9a-f]\{64\},\[not kept\],\[not kept\],attended' "$WORK/rejects.csv"
check_no_grep "rejects csv: no e-mail" '@' "$WORK/rejects.csv"
check_grep "rejects csv: a field past the header not kept" '^Schools,WT03,2019-07-01,lia:[0-9a-f]\{64\},\[not kept\],\[not kept\],cancelled,,,\[not kept\]$' "$WORK/rejects.csv"
sed -e 's#31/02/2019#28/02/2019#' -e 's/,maybe,/,attended,/' -e 's/^,WT02/Alder Hey,WT02/' \
    -e 's/,\[not kept\]$//' -e 's/,1\.5$/,1.5,/' "$WORK/rejects.csv" | grep -v '^Schools,WT03,2019-07-01,,\[not kept\],\[not kept\],attended' >"$WORK/fixed.csv"
check_rc "fixed rejects import" 0 "$LIA" import attendance "$WORK/fixed.csv" --format json
check_eq "fixed: read" 6 "$(j .read)"
check_eq "fixed: loaded (the UTF-8 row is fixed by dropping the name)" 6 "$(j .loaded)"
check_eq "fixed: six more people" 10 "$(sql 'SELECT count(*) FROM practitioner')"
printf 'agency,course_code,session_date,email\nAlder Hey,WT09,01/08/2019,Dan.Lee@alder.example\n' >"$WORK/dan.csv"
check_rc "the same person by e-mail" 0 "$LIA" import attendance "$WORK/dan.csv"
check_eq "a pseudonym in a fixed reject is the person of the e-mail" 10 "$(sql 'SELECT count(*) FROM practitioner')"

# ---- the same file again, dry run, strict ---------------------------------------
check_rc "same file again" 0 "$LIA" import attendance "$WORK/mixed.csv" --format json
check_eq "already imported" "already_imported|1|0" "$(jq -r '[.status, .batch, .loaded] | join("|")' "$WORK/out")"
check_eq "no batch added" 3 "$(sql 'SELECT count(*) FROM import_batch')"
before=$(sql 'SELECT count(*) FROM attendance')
cp "$WORK/mixed.csv" "$WORK/mixed2.csv"; printf 'Schools,WT03,2019-07-02,new.one@school.example,N,O,attended,,\r\n' >>"$WORK/mixed2.csv"
check_rc "dry run" 0 "$LIA" import attendance "$WORK/mixed2.csv" --dry-run --format json
check_eq "dry run counts" "dry_run|15|1|7|7" "$(jq -r '[.status, .read, .loaded, .duplicates, .rejected] | join("|")' "$WORK/out")"
check_eq "dry run wrote nothing" "$before|3" "$(sql 'SELECT (SELECT count(*) FROM attendance), (SELECT count(*) FROM import_batch)')"
check_rc "strict rolls back" 1 "$LIA" import attendance "$WORK/mixed2.csv" --strict
check_grep "strict says why" "mixed2.csv: 7 of 15 rows rejected; --strict rolled back the whole file" "$WORK/err"
check_eq "strict wrote nothing" "$before|3|7" "$(sql 'SELECT (SELECT count(*) FROM attendance), (SELECT count(*) FROM import_batch), (SELECT count(*) FROM reject)')"

# ---- fatal errors ------------------------------------------------------------------
printf 'agency,session_date,email\nPolice,12/06/2019,x@y.example\n' >"$WORK/nocourse.csv"
check_rc "missing column is fatal" 1 "$LIA" import attendance "$WORK/nocourse.csv"
check_eq "missing column: one line naming it and the columns" \
    "lia: $WORK/nocourse.csv: missing required column 'course_code' (or course_title, or --course); columns found: 'agency', 'session_date', 'email'" \
    "$(cat "$WORK/err")"
check_rc "unreadable file" 1 "$LIA" import attendance "$WORK/nosuch.csv"
check_eq "unreadable: message" "lia: $WORK/nosuch.csv: cannot open: No such file or directory" "$(cat "$WORK/err")"
: >"$WORK/empty.csv"
check_rc "empty file" 1 "$LIA" import attendance "$WORK/empty.csv"
check_grep "empty: says so" "empty" "$WORK/err"
check_rc "unknown kind is a usage error" 2 "$LIA" import enrolments "$WORK/mixed.csv"
check_rc "unknown profile" 1 "$LIA" import attendance "$WORK/mixed.csv" --profile sap
check_grep "unknown profile named" "unknown profile 'sap'" "$WORK/err"
check_eq "fatal errors wrote nothing" "$before|3" "$(sql 'SELECT (SELECT count(*) FROM attendance), (SELECT count(*) FROM import_batch)')"
chmod 000 "$LIA_DB" 2>/dev/null
if [ "$(id -u)" -ne 0 ]; then
    check_rc "unwritable database" 1 "$LIA" import attendance "$WORK/mixed2.csv"
fi
chmod 600 "$LIA_DB"

# ---- profiles ------------------------------------------------------------------------
# (Moodle's course completion report: tests/e2e/import_real.sh)
export LIA_DB="$WORK/eventbrite.db"
check_rc "eventbrite report" 0 "$LIA" import attendance "$IMP/eventbrite_attendees.csv" --profile eventbrite \
    --course HMV-2019 --date 20/06/2019 --format json
check_eq "eventbrite counts" "4|3|0|1" "$(jq -r '[.read, .loaded, .duplicates, .rejected] | join("|")' "$WORK/out")"
check_eq "eventbrite statuses" "attended,attended,cancelled" "$(sql "SELECT group_concat(status, ',') FROM (SELECT status FROM attendance ORDER BY status)")"
check_eq "eventbrite roles from Job Title" "Detective Sergeant" "$(sql "SELECT role FROM practitioner p JOIN agency g ON g.id = p.agency_id WHERE g.name = 'Merseyside Police'")"
"$LIA" rejects --format json >"$WORK/out"
check_eq "eventbrite: unknown word named" "unknown status 'Refund Pending' (expected attended, did not attend or cancelled)" "$(jq -r '.rejects[0].reason' "$WORK/out")"
# The reject keeps the columns lia reads: the order and attendee numbers
# and the e-mail as pseudonyms; the order's date, the names, the quantity
# and the ticket type not kept.
"$LIA" rejects --format csv >"$WORK/eb_rejects.csv"
check_eq "eventbrite reject: only the columns lia reads" \
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Attendee Status,Job Title,Company
lia:P,[not kept],[not kept],[not kept],lia:P,[not kept],[not kept],lia:P,Refund Pending,Nurse,Alder Hey" \
    "$(sed 's/lia:[0-9a-f]\{64\}/lia:P/g' "$WORK/eb_rejects.csv")"
sed 's/,Refund Pending,/,Attending,/' "$WORK/eb_rejects.csv" >"$WORK/eb_fixed.csv"
check_rc "eventbrite reject, fixed, imports" 0 "$LIA" import attendance "$WORK/eb_fixed.csv" --profile eventbrite \
    --course HMV-2019 --date 20/06/2019 --format json
check_eq "eventbrite reject, fixed: loaded as Erin Fox's e-mail's person" "1|1|0|$(sql "SELECT count(*) FROM practitioner")" \
    "$(jq -r '[.read, .loaded, .rejected] | join("|")' "$WORK/out")|$(printf 'agency,course_code,session_date,email\nAlder Hey,X1,01/08/2019,erin.fox@alder.example\n' >"$WORK/erin.csv"
        "$LIA" import attendance "$WORK/erin.csv" >/dev/null; sql "SELECT count(*) FROM practitioner")"
export LIA_DB="$WORK/eventbrite2.db"
check_rc "eventbrite with check-in" 0 "$LIA" import attendance "$IMP/eventbrite_attendees.csv" --profile eventbrite \
    --course HMV-2019 --date 20/06/2019 --checkin
check_eq "with --checkin, Attending is a DNA" "attended,cancelled,did_not_attend" "$(sql "SELECT group_concat(status, ',') FROM (SELECT status FROM attendance ORDER BY status)")"

export LIA_DB="$WORK/map.db"
check_rc "own headers with a map file (semicolons found)" 0 "$LIA" import attendance "$IMP/own_headers.csv" --map "$IMP/own_headers.map" --format json
check_eq "map counts" "2|2|0" "$(jq -r '[.read, .loaded, .rejected] | join("|")' "$WORK/out")"
check_eq "map: course from its title" "Working Together|2019-06-12" "$(sql 'SELECT c.code, s.date FROM session s JOIN course c ON c.id = s.course_id')"
printf 'agency = Organisation\n' >"$WORK/bad.map"
check_rc "map naming a missing column" 1 "$LIA" import attendance "$IMP/own_headers.csv" --map "$WORK/bad.map"
check_grep "map error names the column" "no column 'Organisation'" "$WORK/err"

# ---- encodings -------------------------------------------------------------------------
export LIA_DB="$WORK/enc.db"
printf 'agency\tcourse_code\tsession_date\tpractitioner_id\r\nCaf\303\251 Project\tWT01\t12/06/2019\tP1\r\n' >"$WORK/u8.txt"
iconv -f UTF-8 -t UTF-16LE "$WORK/u8.txt" | { printf '\377\376'; cat; } >"$WORK/utf16.txt"
check_rc "UTF-16 with BOM, tab-separated" 0 "$LIA" import attendance "$WORK/utf16.txt" --format json
check_eq "UTF-16 loaded" 1 "$(j .loaded)"
check_eq "UTF-16 text converted" "Café Project" "$(sql 'SELECT name FROM agency')"
printf 'agency,course_code,session_date,practitioner_id\nSant\351 Team,WT01,12/06/2019,P2\n' >"$WORK/latin1.csv"
check_rc "Latin-1 without --encoding" 0 "$LIA" import attendance "$WORK/latin1.csv" --format json
check_eq "Latin-1 rejected without --encoding" 1 "$(j .rejected)"
cp "$WORK/latin1.csv" "$WORK/latin1b.csv"; printf '\n' >>"$WORK/latin1b.csv"
check_rc "Latin-1 with --encoding latin1" 0 "$LIA" import attendance "$WORK/latin1b.csv" --encoding latin1 --format json
check_eq "Latin-1 converted" "Santé Team" "$(sql "SELECT name FROM agency WHERE name LIKE 'Sant%'")"
printf 'agency|course_code|session_date|practitioner_id\nPipes|WT01|12/06/2019|P3\n' >"$WORK/pipes.csv"
check_rc "--delimiter" 0 "$LIA" import attendance "$WORK/pipes.csv" --delimiter '|' --format json
check_eq "--delimiter loaded" 1 "$(j .loaded)"

# ---- workforce and courses -------------------------------------------------------------
export LIA_DB="$WORK/wc.db"
check_rc "workforce" 0 "$LIA" import workforce "$IMP/workforce.csv" --format json
check_eq "workforce counts" "6|3|1|2|1" "$(jq -r '[.read, .loaded, .duplicates, .rejected, .warnings] | join("|")' "$WORK/out")"
check_eq "workforce rows" "Alder Hey|2019/20|2019-04-01|2020-03-31|3000
Merseyside Police|2019/20|2019-04-01|2020-03-31|1200
Sefton Council|2019|2019-01-01|2019-12-31|850" "$(sql 'SELECT g.name, w.period, w.period_from, w.period_to, w.headcount FROM workforce w JOIN agency g ON g.id = w.agency_id ORDER BY g.name')"
check_eq "workforce sector" "Police" "$(sql "SELECT sector FROM agency WHERE name = 'Merseyside Police'")"
"$LIA" rejects --warnings --format json >"$WORK/out"
check_eq "workforce warning" "5|workforce of Alder Hey for 2019/20 is already 3000; kept it, the file says 3100" "$(jq -r '.warnings[0] | "\(.line)|\(.reason)"' "$WORK/out")"
"$LIA" rejects --format json >"$WORK/out"
check_eq "workforce rejects" "6 7" "$(jq -r '[.rejects[].line] | join(" ")' "$WORK/out")"
check_rc "courses" 0 "$LIA" import courses "$IMP/courses.csv" --format json
check_eq "courses counts" "6|3|1|2" "$(jq -r '[.read, .loaded, .duplicates, .rejected] | join("|")' "$WORK/out")"
check_eq "courses rows" "GCP2-TTT|||1
WT01|3|36|0
WT02|2|24|0" "$(sql 'SELECT code, level, refresh_months, train_the_trainer FROM course ORDER BY code')"
check_eq "course themes" "Neglect:3,Voice of the child:1" "$(sql "SELECT group_concat(t, ',') FROM (SELECT t.name || ':' || count(*) AS t FROM course_theme ct JOIN theme t ON t.id = ct.theme_id GROUP BY t.name ORDER BY t.name)")"
"$LIA" rejects --batch 2 --format json >"$WORK/out"
check_eq "course rejects" "level 'Level X' is not a training level|train_the_trainer 'maybe' is not yes or no" "$(jq -r '[.rejects[].reason] | join("|")' "$WORK/out")"
check_eq "status lists the batches" 2 "$("$LIA" status --format json | jq '.batches | length')"

# ---- csvkit's hostile files: loaded rows or clear errors, never a crash ----------------------
# Each is mapped onto attendance (its first columns as practitioner_id and
# agency) so its rows are read, not only its header; the counts are
# read|loaded|duplicates|rejected, worked out from the bytes (see
# tests/conformance/csvkit-examples/SOURCE.md).
CK=tests/conformance/csvkit-examples
printf 'practitioner_id = a\nagency = b\n' >"$WORK/abc.map"
printf 'practitioner_id = column_a\nagency = column_b\n' >"$WORK/col.map"
printf 'practitioner_id = foo\nagency = bar\n' >"$WORK/foo.map"
printf 'practitioner_id = b\nagency = c\n' >"$WORK/bc.map"
ck() {	# file map expected-counts [extra options]
    f=$1; map=$2; want=$3; shift 3
    ckn=$((${ckn:-0} + 1))
    export LIA_DB="$WORK/ck-$ckn.db"
    "$LIA" import attendance "$CK/$f" --map "$WORK/$map" --course X --date 2019-06-12 \
        --agency A --format json "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    if [ $rc -eq 0 ]; then
        got=$(jq -r '[.read, .loaded, .duplicates, .rejected] | join("|")' "$WORK/out")
    else
        got="exit $rc: $(cat "$WORK/err")"
    fi
    check_eq "csvkit $f" "$want" "$got"
}
ck bad.csv col.map "3|1|0|2"
ck blanks.csv abc.map "1|0|0|1"
ck mac_newlines.csv abc.map "2|2|0|0"
ck null_byte.csv abc.map "1|0|0|1"
ck optional_quote_characters.csv abc.map "1|1|0|0"
ck test_empty_columns.csv abc.map "2|1|0|1"
ck test_extra_header.csv abc.map "1|0|0|1"
ck test_header_newline.csv bc.map "1|1|0|0"
ck test_latin1.csv abc.map "2|1|0|1"
ck test_latin1.csv abc.map "2|2|0|0" --encoding latin1 --dry-run
ck test_locale.csv abc.map "1|1|0|0"
ck test_utf16_big.csv abc.map "2|2|0|0"
ck test_utf16_little.csv abc.map "2|2|0|0"
ck test_utf8.csv foo.map "2|2|0|0"
ck test_utf8_bom.csv foo.map "2|2|0|0"
ck empty.csv abc.map "exit 1: lia: $CK/empty.csv: the file is empty: no header line"
export LIA_DB="$WORK/ck-bad.db"
"$LIA" import attendance "$CK/bad.csv" --map "$WORK/col.map" --course X --date 2019-06-12 >/dev/null 2>&1
"$LIA" rejects --format json >"$WORK/out"
check_eq "csvkit bad.csv: both ragged rows named" "2|expected 3 fields, found 4 3|expected 3 fields, found 2" \
    "$(jq -r '[.rejects[] | "\(.line)|\(.reason)"] | join(" ")' "$WORK/out")"
export LIA_DB="$WORK/ck-null.db"
"$LIA" import attendance "$CK/null_byte.csv" --map "$WORK/abc.map" --course X --date 2019-06-12 >/dev/null 2>&1
check_eq "csvkit null_byte.csv: the NUL named" "NUL byte at byte offset 6" "$("$LIA" rejects --format json | jq -r '.rejects[0].reason')"

# ---- the progress bar: on a terminal for files over 1 MB, silent otherwise ----------------
export LIA_DB="$WORK/progress.db"
awk -v rows=12000 -f bench/gen_attendance.awk >"$WORK/big.csv"
check_eq "progress test file is over 1 MB" yes "$([ "$(wc -c <"$WORK/big.csv")" -gt 1048576 ] && echo yes)"
"$LIA" import attendance "$WORK/big.csv" >"$WORK/out" 2>"$WORK/err"
check_eq "no terminal: standard error silent" "" "$(cat "$WORK/err")"
export LIA_DB="$WORK/progress2.db"
script -qec "'$LIA' import attendance '$WORK/big.csv'" /dev/null >"$WORK/tty.out" 2>&1
check_grep "on a terminal: a progress bar with rows per second" 'rows/s' "$WORK/tty.out"
check_grep "on a terminal: the summary follows" '12000 read' "$WORK/tty.out"

# A file over 8 MB is hashed on a thread of its own while it is read; the
# same bytes again are found by that hash and leave the database as it was,
# named as a file or read through a pipe.
export LIA_DB="$WORK/hash.db"
awk -v rows=90000 -f bench/gen_attendance.awk >"$WORK/nine.csv"
check_eq "the file is over 8 MB" yes "$([ "$(wc -c <"$WORK/nine.csv")" -gt 8388608 ] && echo yes)"
check_rc "a large file" 0 "$LIA" import attendance "$WORK/nine.csv" --format json
check_eq "a large file: its SHA-256 recorded" "$(sha256sum "$WORK/nine.csv" | cut -c1-64)" "$(sql 'SELECT sha256 FROM import_batch')"
nine=$(jq -r .loaded "$WORK/out")
check_eq "a large file: loaded" "$nine" "$(sql 'SELECT count(*) FROM attendance')"
check_rc "the large file again" 0 "$LIA" import attendance "$WORK/nine.csv" --format json
check_eq "the large file again: already imported, nothing loaded" "already_imported|1|0|0" "$(jq -r '[.status, .batch, .read, .loaded] | join("|")' "$WORK/out")"
check_rc "the large file again, through a pipe" 0 sh -c "cat '$WORK/nine.csv' | '$LIA' import attendance /dev/stdin --format json"
check_eq "through a pipe: already imported" "already_imported|1" "$(jq -r '[.status, .batch] | join("|")' "$WORK/out")"
check_eq "the large file again: one batch, rows as before" "1|$nine" "$(sql 'SELECT count(*) FROM import_batch')|$(sql 'SELECT count(*) FROM attendance')"

# New agencies are listed apart by "; ": an agency's name may hold a comma.
export LIA_DB="$WORK/comma.db"
printf 'agency,course_code,session_date,email\n"Sefton Council, Service 30",WT,12/06/2019,a@x.example\nPolice,WT,12/06/2019,b@x.example\n' >"$WORK/comma.csv"
check_rc "an agency named with a comma" 0 "$LIA" import attendance "$WORK/comma.csv"
check_grep "the new agencies told apart" '^2 new agencies: Sefton Council, Service 30; Police$' "$WORK/out"

# Sessions new to the table wait and go in together, in key order; the last
# 32,768 of them are known by key, the others asked of the table.  140,000
# rows of 70,000 sessions (two rows each, scattered over the file as a
# booking export has them; the session's date written two ways), 70 of
# them given a capacity and mode on their second row only: every session
# made once, whichever way it was met.
export LIA_DB="$WORK/sessions.db"
awk 'BEGIN {
    print "agency,course_code,session_date,session,email,status,capacity,mode"
    for (i = 0; i < 140000; i++) {
        j = (i * 7919) % 140000; s = int(j / 2); second = j % 2
        printf "Agency %d,C%d,%s,S%d,p%d@x.example,attended,%s,%s\n", s % 9, s % 7,
            second ? "06/01/2020" : "2020-01-06", s, j,
            second && s % 1000 == 0 ? "20" : "", second && s % 1000 == 0 ? "virtual" : ""
    }
}' >"$WORK/sessions.csv"
check_rc "70,000 sessions in booking order" 0 "$LIA" import attendance "$WORK/sessions.csv" --format json
check_eq "70,000 sessions: read|loaded|duplicates|rejected" "140000|140000|0|0" "$(jq -r '[.read, .loaded, .duplicates, .rejected] | join("|")' "$WORK/out")"
check_eq "70,000 sessions: each made once, ids 1 to 70,000, one date" "70000|70000|1|70000|2020-01-06" \
    "$(sql "SELECT count(*), count(DISTINCT course_id || '|' || label), min(id), max(id), group_concat(DISTINCT date) FROM session")"
check_eq "70,000 sessions: two attendances each" 70000 \
    "$(sql "SELECT count(*) FROM (SELECT session_id FROM attendance GROUP BY 1 HAVING count(*) = 2)")"
check_eq "70,000 sessions: the capacity and mode of a second row kept" "70|70" \
    "$(sql "SELECT count(*), sum(capacity = 20 AND mode = 'virtual') FROM session WHERE capacity IS NOT NULL OR mode IS NOT NULL")"
check_eq "70,000 sessions: the session a label names" "C6|S1000|20|virtual" \
    "$(sql "SELECT c.code, s.label, s.capacity, s.mode FROM session s JOIN course c ON c.id = s.course_id WHERE s.label = 'S1000'")"
check_eq "70,000 sessions: integrity" ok "$(sql 'PRAGMA integrity_check')"
# a second file: 500 rows of held sessions, 500 of new ones
awk 'BEGIN {
    print "agency,course_code,session_date,session,email,status"
    for (s = 0; s < 500; s++)
        printf "Agency %d,C%d,06/01/2020,S%d,q%d@x.example,attended\n", s % 9, s % 7, s, s
    for (s = 70000; s < 70500; s++)
        printf "Agency %d,C%d,06/01/2020,S%d,q%d@x.example,attended\n", s % 9, s % 7, s, s
}' >"$WORK/sessions2.csv"
check_rc "sessions held and new" 0 "$LIA" import attendance "$WORK/sessions2.csv" --format json
check_eq "sessions held and new: loaded" "1000|0" "$(jq -r '[.loaded, .rejected] | join("|")' "$WORK/out")"
check_eq "sessions held and new: 500 sessions more, each once" "70500|70500|70500" \
    "$(sql "SELECT count(*), count(DISTINCT course_id || '|' || label), max(id) FROM session")"
check_eq "sessions held and new: three attendances at a held session, one at a new" "3|1" \
    "$(sql "SELECT (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id WHERE s.label = 'S7'), (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id WHERE s.label = 'S70007')")"
