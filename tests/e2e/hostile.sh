# End-to-end: hostile input (issue 16 point 5).  Each input ends in a clear
# error (exit 1 or 2, a message naming what is wrong, the database as it
# was) or in clean rejects (exit 0, each bad row a reject with its reason),
# never a crash, never more than 10 s (times LIA_SLOW; 30 s under the
# sanitizers) and never more than 500 MB of memory (1.5 GB under the
# sanitizers; not measured under valgrind, whose own memory it would be);
# the files are made here, the same bytes each time.
. tests/lib.sh

TLIM=$((10 * SLOW))
MEM_MB=500
# Under the sanitizers (make check-asan) lia runs some 3 times slower and
# AddressSanitizer's shadow memory and quarantine come on top: the bounds
# there are for a runaway, not for lia's own use.
if [ -n "${ASAN_OPTIONS:-}" ]; then TLIM=$((TLIM * 3)); MEM_MB=1500; fi
mkdir "$WORK/in"
IN="$WORK/in"

# run NAME STATUS COMMAND...: runs the command within the bounds; stdout
# in $WORK/out, stderr in $WORK/err; one check of its status and bounds.
run() {
    name=$1 want=$2; shift 2
    /usr/bin/time -f '%e %M' -o "$WORK/time" timeout "$TLIM" "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    read -r secs kb <"$WORK/time" 2>/dev/null || { secs=?; kb=0; }
    kb=$(tail -1 "$WORK/time" | awk '{ print $2 }')
    secs=$(tail -1 "$WORK/time" | awk '{ print $1 }')
    if [ -n "${RUNNER:-}" ]; then kb=0; fi
    if [ "$got" -eq 124 ]; then
        not_ok "$name: within $TLIM s" "timed out"
    elif [ "$got" -ne "$want" ]; then
        not_ok "$name: exit $want" "exit $got after $secs s" "stderr: $(head -c 300 "$WORK/err")"
    elif [ "$kb" -gt $((MEM_MB * 1024)) ]; then
        not_ok "$name: under $MEM_MB MB" "$((kb / 1024)) MB"
    else
        ok "$name: exit $want in $secs s, $((kb / 1024)) MB"
    fi
}

# rows: the rows of every table of the database, as one number
rows() {
    sqlite3 "$LIA_DB" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'" |
        while read -r t; do sqlite3 "$LIA_DB" "SELECT count(*) FROM \"$t\""; done |
        awk '{ n += $1 } END { print n + 0 }'
}

# unchanged NAME BEFORE: the database holds what it held
unchanged() {
    check_eq "$1: the database as it was" "$2|ok" "$(rows)|$(sql 'PRAGMA integrity_check')"
}

H=agency,course_code,session_date,email,hours
"$LIA" import attendance "$FIX/reach/attendance.csv" >/dev/null
base=$(rows)

# --- files that are not what they say ------------------------------------------
: >"$IN/empty.csv"
run "empty file" 1 "$LIA" import attendance "$IN/empty.csv"
check_grep "empty file: says so" "empty.csv: the file is empty: no header line" "$WORK/err"
unchanged "empty file" "$base"

echo "$H" >"$IN/header.csv"
run "header only" 0 "$LIA" import attendance "$IN/header.csv" --format json
check_eq "header only: nothing read, nothing loaded" "committed|0|0" \
    "$(jq -r '[.status, .read, .loaded] | join("|")' "$WORK/out")"
base=$(rows)

gzip -9cn "$FIX/reach/attendance.csv" >"$IN/binary.csv"
run "binary file (gzip)" 1 "$LIA" import attendance "$IN/binary.csv"
check_grep "binary file: invalid UTF-8, with the way out" "invalid UTF-8 at byte offset .* (try --encoding \(latin1\|cp1252\))" "$WORK/err"
unchanged "binary file" "$base"

{ echo "$H"; printf 'Police,WT01,12/06/2019,a@x.example,'; head -c 50000000 /dev/zero | tr '\0' x; echo; } \
    >"$IN/field.csv"
run "a 50 MB field" 1 "$LIA" import attendance "$IN/field.csv"
check_grep "a 50 MB field: the line and the limit" "field.csv:2: line longer than 1048576 bytes" "$WORK/err"
unchanged "a 50 MB field" "$base"
rm -f "$IN/field.csv"

# 100,000 columns; under valgrind (RUNNER), 5,000: the same paths, in the
# time the script has there.
NC=100000
[ -n "${RUNNER:-}" ] && NC=5000
awk -v n=$NC 'BEGIN { for (i = 0; i < n; i++) printf "%sc%d", i ? "," : "", i; print "";
    for (i = 0; i < n; i++) printf "%sv", i ? "," : ""; print "" }' >"$IN/wide.csv"
run "$NC distinct columns (attendance)" 1 "$LIA" import attendance "$IN/wide.csv"
check_grep "$NC distinct columns: the missing column named" "missing required column 'agency'" "$WORK/err"
unchanged "$NC distinct columns" "$base"
awk -v n=$NC 'BEGIN { printf "course_code,session_date,respondent"; for (i = 0; i < n; i++) printf ",q%d", i; print "";
    printf "FB1,12/06/2019,r1"; for (i = 0; i < n; i++) printf ",%d", 1 + i % 5; print "" }' >"$IN/wide_fb.csv"
run "$NC distinct question columns (feedback)" 0 "$LIA" import feedback "$IN/wide_fb.csv" --format json
check_eq "$NC distinct question columns: one response loaded, $NC answers" "1|$NC" \
    "$(jq -r .loaded "$WORK/out")|$(sql 'SELECT count(*) FROM feedback_answer')"
# A header repeating one name: the codes were q, q_2, q_2_3, ... and 2,000
# of them took 85 s.
awk -v n=$NC 'BEGIN { printf "course_code,session_date,respondent"; for (i = 0; i < n; i++) printf ",Useful"; print "";
    printf "FB2,12/06/2019,r1"; for (i = 0; i < n; i++) printf ",%d", 1 + i % 5; print "" }' >"$IN/same_fb.csv"
run "$NC columns of one name (feedback)" 0 "$LIA" import feedback "$IN/same_fb.csv" --format json
check_eq "$NC columns of one name: codes numbered from the name, not from each other" \
    "useful|useful_2|useful_$NC|0" \
    "$(sql "SELECT group_concat(code, '|') FROM (SELECT code FROM question WHERE code IN
        ('useful', 'useful_2', 'useful_$NC') ORDER BY length(code), code)")|$(sql "SELECT count(*) FROM question WHERE code LIKE '%\_2\_3%' ESCAPE '\'")"
rm -f "$IN/wide.csv" "$IN/wide_fb.csv" "$IN/same_fb.csv"
awk -v h="$H" 'BEGIN { print h; for (i = 0; i < 1000000; i++) print ""; print "Police,WT01,12/06/2019,e@x.example,2" }' \
    >"$IN/blank.csv"
run "1,000,000 empty lines" 0 "$LIA" import attendance "$IN/blank.csv" --format json
check_eq "1,000,000 empty lines: the one row read and loaded" "1|1" "$(jq -r '[.read, .loaded] | join("|")' "$WORK/out")"
base=$(rows)

{ echo "$H"; printf 'Police,WT01,12/06/2019,n1\000@x.example,1\nPol\000ice,WT01,12/06/2019,n2@x.example,1\nPolice,WT01,12/06/2019,n3@x.example,1\n'; } \
    >"$IN/nul.csv"
run "NUL bytes" 0 "$LIA" import attendance "$IN/nul.csv" --format json
check_eq "NUL bytes: two rows rejected, one loaded" "3|1|2" "$(jq -r '[.read, .loaded, .rejected] | join("|")' "$WORK/out")"
check_eq "NUL bytes: the reason" "NUL byte at byte offset 69|NUL byte at byte offset 86" \
    "$(sql "SELECT group_concat(reason, '|') FROM reject WHERE batch_id = (SELECT max(id) FROM import_batch)")"

{ echo "$H"; printf 'Pol\377ice,WT01,12/06/2019,u1@x.example,1\nPolice,WT01,12/06/2019,u2@x.example,1\n'; } >"$IN/utf8.csv"
run "invalid UTF-8" 0 "$LIA" import attendance "$IN/utf8.csv" --format json
check_eq "invalid UTF-8: the bad row rejected with its way out" "1|1|invalid UTF-8 at byte offset 47 (try --encoding latin1)" \
    "$(jq -r '[.loaded, .rejected] | join("|")' "$WORK/out")|$(sql "SELECT reason FROM reject WHERE batch_id = (SELECT max(id) FROM import_batch)")"

{ echo "$H"; echo 'Health,WT02,13/06/2019,w1@x.example,1'; } | iconv -f UTF-8 -t UTF-16LE >"$IN/utf16.csv"
run "UTF-16 without a BOM" 0 "$LIA" import attendance "$IN/utf16.csv" --format json
check_eq "UTF-16 without a BOM: read as UTF-16" "1|1|1" "$(jq -r '[.read, .loaded] | join("|")' "$WORK/out")|$(sql "SELECT count(*) FROM agency WHERE name = 'Health'")"
base=$(rows)

# A quote opened and never closed: the reject names the line it opened on,
# and the lines after it are read as rows, not swallowed into the field.
run "an unterminated quote" 0 "$LIA" import attendance "$FIX/hostile/unterminated_quote.csv" --format json
check_eq "an unterminated quote: 4 read, 3 loaded, 1 rejected" "4|3|0|0|1" \
    "$(jq -r '[.read, .loaded, .duplicates, .skipped, .rejected] | join("|")' "$WORK/out")"
check_eq "an unterminated quote: the reject names its line" \
    "3|unterminated quote: the quote opened on line 3 is never closed (the lines after it are read as records)" \
    "$(sql "SELECT line || '|' || reason FROM reject WHERE batch_id = (SELECT max(id) FROM import_batch)")"
check_eq "an unterminated quote: the two rows after it loaded" "2|5.5" \
    "$(sql "SELECT count(*) || '|' || sum(t.hours) FROM attendance t JOIN agency a ON a.id = t.agency_id
        WHERE a.name = 'Alder Hey'")"
base=$(rows)
{ echo "$H"; echo 'Police,"WT01,12/06/2019,v1@x.example,1'; awk 'BEGIN { for (i = 0; i < 80000; i++) print "Police,WT01,12/06/2019,v2@x.example,1" }'; } \
    >"$IN/quote_1mb.csv"
run "an unterminated quote with more than 1 MB after it" 1 "$LIA" import attendance "$IN/quote_1mb.csv"
check_grep "an unterminated quote with more than 1 MB after it: the line named" \
    "quote_1mb.csv:2: unterminated quote: the quote opened on this line is not closed within 1048576 bytes" "$WORK/err"
unchanged "an unterminated quote with more than 1 MB after it" "$base"

# --- files that are not files -------------------------------------------------
mkdir "$IN/folder.csv"
run "a directory" 1 "$LIA" import attendance "$IN/folder.csv"
check_grep "a directory: says so" "folder.csv: is a directory" "$WORK/err"
unchanged "a directory" "$base"

# The writer waits a second after its open before it writes: lia opens the
# path once to learn it is no regular file (to hash it before reading) and
# again to read it, and a write between the two would meet no reader.
mkfifo "$IN/fifo.csv"
{ sleep 1; echo "$H"; echo 'Police,WT03,14/06/2019,f1@x.example,1'; } >"$IN/fifo.csv" &
run "a FIFO" 0 "$LIA" import attendance "$IN/fifo.csv" --format json
wait
check_eq "a FIFO: read as a file" "1|1" "$(jq -r '[.read, .loaded] | join("|")' "$WORK/out")"

{ echo "$H"; echo 'Police,WT03,15/06/2019,s1@x.example,1'; } >"$IN/stdin.csv"
run "/dev/stdin" 0 "$LIA" import attendance /dev/stdin --format json <"$IN/stdin.csv"
check_eq "/dev/stdin: read" "1|1" "$(jq -r '[.read, .loaded] | join("|")' "$WORK/out")"
base=$(rows)

# Tests run as root, whom permissions do not stop: setpriv takes away the
# capabilities that let root read and write what it may not.
cp "$IN/stdin.csv" "$IN/secret.csv"
chmod 000 "$IN/secret.csv"
if command -v setpriv >/dev/null 2>&1; then
    NOCAP="setpriv --bounding-set=-dac_override,-dac_read_search,-fowner --"
    run "an unreadable file" 1 $NOCAP "$LIA" import attendance "$IN/secret.csv"
    check_grep "an unreadable file: says so" "secret.csv: cannot open: Permission denied" "$WORK/err"
    unchanged "an unreadable file" "$base"
else
    NOCAP=
    ok "# SKIP an unreadable file: setpriv (util-linux) is missing, and root reads any file"
fi

# --- file names ------------------------------------------------------------------
{ echo "$H"; echo 'Police,WT04,16/06/2019,n1@x.example,1'; } >"$IN/with space.csv"
run "a file name with spaces" 0 "$LIA" import attendance "$IN/with space.csv" --format json
check_eq "a file name with spaces: kept whole" "with space.csv|1" "$(jq -r '.file' "$WORK/out" | sed 's|.*/||')|$(jq -r .loaded "$WORK/out")"
{ echo "$H"; echo 'Police,WT04,17/06/2019,n2@x.example,1'; } >"$IN/-dash.csv"
(cd "$IN" && run "a file name with a leading dash, as written" 2 "$LIA" import attendance -dash.csv)
check_grep "a leading dash: the option and the way out named, not 'attendance'" \
    "bad option '-d' in '-dash.csv' (a file whose name begins with '-' is written ./-dash.csv, or after --)" "$WORK/err"
(cd "$IN" && run "a file name with a leading dash, after --" 0 "$LIA" import attendance -- -dash.csv)
nl=$(printf 'new\nline.csv')
{ echo "$H"; echo 'Police,WT04,18/06/2019,n3@x.example,1'; } >"$IN/$nl"
run "a file name with a newline" 0 "$LIA" import attendance "$IN/$nl" --format json
check_eq "a file name with a newline: JSON keeps it whole" "new
line.csv" "$(jq -r '.file' "$WORK/out" | sed 's|.*/||')"
bad=$(printf 'bad\377name.csv')
{ echo "$H"; echo 'Police,WT04,19/06/2019,n4@x.example,1'; } >"$IN/$bad"
run "a file name with a byte that is not UTF-8" 0 "$LIA" import attendance "$IN/$bad" --format json
check_eq "a file name not UTF-8: the import's JSON valid, the byte as U+FFFD" "bad\xef\xbf\xbdname.csv|1" \
    "$(jq -j '.file' "$WORK/out" | sed 's|.*/||' | od -An -c | tr -d ' \n' | sed 's/357277275/\\xef\\xbf\\xbd/')|$(jq -r .loaded "$WORK/out")"
run "a file name not UTF-8: status as JSON" 0 "$LIA" status --format json
check_eq "a file name not UTF-8: status's JSON valid" 1 "$(jq '[.batches[] | select(.file | endswith("name.csv"))] | length' "$WORK/out")"
run "a file name not UTF-8: rejects as JSON" 0 "$LIA" rejects --format json
check_eq "a file name not UTF-8: rejects' JSON valid" ok "$(jq -e . "$WORK/out" >/dev/null && echo ok)"
run "a missing file whose name has a newline and an escape" 1 "$LIA" import attendance "$(printf 'no\nsuch\033[2J.csv')"
check_eq "its message on one line, the controls shown" "1" "$(wc -l <"$WORK/err")"
check_grep "its message shows them" 'no\\x0asuch\\x1b\[2J.csv: cannot open' "$WORK/err"
base=$(rows)

# --- databases that are not what they should be --------------------------------
echo "id,name" >"$IN/notes.db"
cp "$IN/notes.db" "$IN/notes.before"
run "a non-SQLite file as --db" 1 "$LIA" --db "$IN/notes.db" status
check_grep "a non-SQLite file: refused" "notes.db: not a lia database" "$WORK/err"
check_eq "a non-SQLite file: untouched" same "$(cmp -s "$IN/notes.db" "$IN/notes.before" && echo same)"
sqlite3 "$IN/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
cp "$IN/other.db" "$IN/other.before"
run "another program's SQLite database" 1 "$LIA" --db "$IN/other.db" import attendance "$IN/stdin.csv"
check_grep "another program's database: refused" "other.db: not a lia database; refusing to change it" "$WORK/err"
check_eq "another program's database: untouched" same "$(cmp -s "$IN/other.db" "$IN/other.before" && echo same)"

cp "$LIA_DB" "$IN/newer.db"
sqlite3 "$IN/newer.db" 'PRAGMA user_version = 99'
cp "$IN/newer.db" "$IN/newer.before"
run "a database from a newer lia" 1 "$LIA" --db "$IN/newer.db" import attendance "$IN/stdin.csv"
check_grep "a newer database: says what to do" "newer.db: database schema version 99 is newer than this lia .*; upgrade lia to use it" "$WORK/err"
check_eq "a newer database: untouched" same "$(cmp -s "$IN/newer.db" "$IN/newer.before" && echo same)"

if [ -n "$NOCAP" ]; then
    mkdir "$IN/ro"
    cp "$LIA_DB" "$IN/ro/lia.db"
    chmod 444 "$IN/ro/lia.db"
    chmod 555 "$IN/ro"
    run "a database in a read-only folder" 1 $NOCAP "$LIA" --db "$IN/ro/lia.db" status
    check_grep "a read-only folder: says why, not 'not a lia database'" \
        "lia.db: cannot use the database: .*ro cannot be written, and lia keeps the database's -wal and -shm files beside it" "$WORK/err"
    chmod 755 "$IN/ro"
    run "a read-only database: reading" 0 $NOCAP "$LIA" --db "$IN/ro/lia.db" reach --format json
    check_eq "a read-only database: reach answers" "$(LIA_DB="$IN/ro/lia.db" "$LIA" reach --format json | jq -c .total)" \
        "$(jq -c .total "$WORK/out")"
    run "a read-only database: importing" 1 $NOCAP "$LIA" --db "$IN/ro/lia.db" import attendance "$IN/stdin.csv"
    check_grep "a read-only database: says which file cannot be written" "attempt to write a readonly database (.*ro/lia.db cannot be written)" "$WORK/err"
else
    ok "# SKIP a read-only database: setpriv (util-linux) is missing, and root writes any file"
fi

# A full disk: a file-size limit the import's writes pass.
awk -v rows=20000 -f bench/gen_attendance.awk >"$IN/big.csv"
run "a full disk (ulimit -f)" 1 sh -c 'ulimit -f 256; exec "$@"' sh "$LIA" import attendance "$IN/big.csv"
check_grep "a full disk: a message, not a signal" \
    "big.csv: database: disk I/O error: a write failed: the file-size limit (ulimit -f) is 128 KB" "$WORK/err"
unchanged "a full disk" "$base"

# A full disk, really: the database on a tmpfs of 1 MB, made by a small
# import (at 512 KB that import's own checkpoint finds the disk full), and
# then a file too large for what is left.  Only where it can be mounted
# (root, outside most CI containers); else said, and counted neither way.
TMPFS="$WORK/tmpfs"
mkdir "$TMPFS"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m tmpfs "$TMPFS" 2>/dev/null; then
    trap 'umount "$TMPFS" 2>/dev/null; rm -rf "$WORK"' EXIT
    { echo "$H"; echo 'Police,WT01,12/06/2019,t1@x.example,1'; } >"$IN/small.csv"
    run "a full disk (tmpfs): a small import first" 0 "$LIA" --db "$TMPFS/lia.db" import attendance "$IN/small.csv"
    before=$(LIA_DB="$TMPFS/lia.db" rows)
    run "a full disk (tmpfs)" 1 "$LIA" --db "$TMPFS/lia.db" import attendance "$IN/big.csv"
    check_grep "a full disk (tmpfs): says the disk is full" \
        "big.csv: database: database or disk is full: the disk is full" "$WORK/err"
    check_eq "a full disk (tmpfs): the database as it was" "$before|ok" \
        "$(LIA_DB="$TMPFS/lia.db" rows)|$(sqlite3 "$TMPFS/lia.db" 'PRAGMA integrity_check')"
    check_eq "a full disk (tmpfs): its one attendance" 1 "$(sqlite3 "$TMPFS/lia.db" 'SELECT count(*) FROM attendance')"
    umount "$TMPFS"
else
    echo "# skipped: cannot mount tmpfs"
fi

# --- values at and past the edges ---------------------------------------------
{ echo "$H"; echo 'Dates,WT05,0001-01-01,d1@x.example,1'; echo 'Dates,WT05,9999-12-31,d2@x.example,1';
  echo 'Dates,WT05,0,d3@x.example,1'; echo 'Dates,WT05,2958466,d4@x.example,1';
  echo 'Dates,WT05,10000-01-01,d5@x.example,1'; } >"$IN/dates.csv"
export LIA_DB="$WORK/dates.db"
run "extreme dates" 0 "$LIA" import attendance "$IN/dates.csv" --format json
check_eq "extreme dates: years 1 and 9999 loaded; Excel serials 0 and 2958466 and year 10000 rejected" \
    "2|3|0001-01-01 9999-12-31" "$(jq -r '[.loaded, .rejected] | join("|")' "$WORK/out")|$(sql "SELECT group_concat(date, ' ') FROM (SELECT date FROM session ORDER BY date)")"
run "extreme dates: reach by month over 9999 years" 1 "$LIA" reach --by month --cumulative
check_grep "extreme dates: month by month refused, with the way out" "would have more than 1200 months; give --period or --from/--to" "$WORK/err"
run "extreme dates: the chart over time" 1 "$LIA" chart reach-over-time -o "$WORK/over.png"
run "extreme dates: the board pack for a year of them" 0 "$LIA" report board --period 2019/20 -o "$WORK/dates.pdf"
run "extreme dates: working days over 9999 years" 0 "$LIA" workdays 0001-01-01 9999-12-31
check_eq "extreme dates: working days counted (fewer than the 2,608,614 weekdays)" yes \
    "$(awk '{ print ($1 > 2500000 && $1 < 2608614) ? "yes" : $1 }' "$WORK/out")"

export LIA_DB="$WORK/numbers.db"
{ echo "$H,capacity"; echo 'Num,WT06,12/06/2019,h1@x.example,-5,10'; echo 'Num,WT06,12/06/2019,h2@x.example,NaN,10';
  echo 'Num,WT06,12/06/2019,h3@x.example,inf,10'; echo 'Num,WT06,12/06/2019,h4@x.example,2,1e308';
  echo 'Num,WT06,12/06/2019,h5@x.example,2,-5'; echo 'Num,WT06,12/06/2019,h6@x.example,2,10'; } >"$IN/hours.csv"
run "numbers in hours and capacity" 0 "$LIA" import attendance "$IN/hours.csv" --format json
check_eq "numbers: -5, NaN and inf hours, 1e308 and -5 places rejected, the good row loaded" "1|5" \
    "$(jq -r '[.loaded, .rejected] | join("|")' "$WORK/out")"
printf 'agency,period,headcount\nNum,2019/20,1e308\nNum,2020/21,-5\nNum,2021/22,NaN\nNum,2022/23,99999999999999999999\nNum,2023/24,40\n' \
    >"$IN/workforce.csv"
run "numbers in headcounts" 0 "$LIA" import workforce "$IN/workforce.csv" --format json
check_eq "numbers: 1e308, -5, NaN and 20 digits of headcount rejected" "1|4" "$(jq -r '[.loaded, .rejected] | join("|")' "$WORK/out")"
printf 'course_code,session_date,respondent,useful,children_on_caseload\nFB3,12/06/2019,r1,5,1e308\nFB3,12/06/2019,r2,-5,3\nFB3,12/06/2019,r3,NaN,4\nFB3,12/06/2019,r4,inf,5\nFB3,12/06/2019,r5,4,1e308\nFB3,12/06/2019,r6,4,12\nFB3,12/06/2019,r7,3,20\n' \
    >"$IN/scores.csv"
run "numbers in scores" 0 "$LIA" import feedback "$IN/scores.csv" --format json
check_eq "numbers: 1e308 (even on an open scale), -5, NaN and inf rejected" "2|5" "$(jq -r '[.loaded, .rejected] | join("|")' "$WORK/out")"
run "numbers: feedback after them" 0 "$LIA" feedback --format json
check_eq "numbers: the open question's mean is of what was loaded" "16" \
    "$(jq -r '.questions[] | select(.question == "children_on_caseload") | .mean' "$WORK/out")"

# --- names: long, SQL, formulas, markup, controls -------------------------------
export LIA_DB="$WORK/names.db"
long=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%c", 65 + i % 26 }')
esc=$(printf 'Esc \033[31mred\033[0m')
rtl=$(printf 'Evil \342\200\256osla\342\200\254 agency')
{
    echo 'agency,course_code,course_title,session_date,email,role,status,hours,sector'
    n=0
    for name in '<script>alert(1)</script>' 'Smith & Jones' "'; DROP TABLE attendance; --" \
        '"=HYPERLINK(""http://x"",""y"")"' '+44 Agency' '-minus' '@at agency' "$esc" "$rtl" "$long"; do
        n=$((n + 1))
        echo "$name,C$n,$name,12/06/2019,p$n@x.example,$name,attended,1,$name"
    done
} >"$IN/names.csv"
run "hostile names" 0 "$LIA" import attendance "$IN/names.csv" --format json
check_eq "hostile names: all ten loaded as data, every table intact" "10|10|ok" \
    "$(jq -r .loaded "$WORK/out")|$(sql 'SELECT count(*) FROM attendance')|$(sql 'PRAGMA integrity_check')"
check_eq "hostile names: the 10,000-character name kept whole" 10000 "$(sql 'SELECT max(length(name)) FROM agency')"
for f in table csv json; do
    run "hostile names: reach by agency as $f" 0 "$LIA" reach --by agency --format "$f" -o "$WORK/reach.$f"
done
check_eq "hostile names: JSON valid, controls escaped" "10|0|0" \
    "$(jq '.rows | length' "$WORK/reach.json")|$(grep -c "$(printf '\033')" "$WORK/reach.json")|$(grep -c "$(printf '\342\200\256')" "$WORK/reach.json")"
check_eq "hostile names: no escape or override raw in the table or CSV" "0|0" \
    "$(cat "$WORK/reach.table" "$WORK/reach.csv" | grep -c "$(printf '\033')")|$(cat "$WORK/reach.table" "$WORK/reach.csv" | grep -c "$(printf '\342\200\256')")"
check_grep "hostile names: the escape shown" 'Esc \\x1b\[31mred\\x1b\[0m' "$WORK/reach.table"
# every CSV output of an analysis guards formula cells
for cmd in "reach --by agency" "reach --by role" "reach --by sector" "reach --by course" "currency --as-at 2020-01-01 --by agency" \
    "trainers"; do
    run "formula cells: $cmd as CSV" 0 "$LIA" $cmd --format csv
    bad=$(awk -F, '{ for (i = 1; i <= NF; i++) if ($i ~ /^"?[=+@-]/ && $i !~ /^-?[0-9.]+$/) print $i }' "$WORK/out" | head -3)
    check_eq "formula cells: $cmd: none left to run" "" "$bad"
done
check_grep "formula cells: guarded with an apostrophe" "^\"'=HYPERLINK" "$WORK/reach.csv"
check_grep "formula cells: +, - and @ too" "^'@at agency" "$WORK/reach.csv"
# and so does `lia rejects --format csv`, the file a person opens to fix
{ echo "$H"; echo '"=HYPERLINK(""http://x.example"",""y"")",WT01,31/02/2019,f1@x.example,1'
  echo '+44 Agency,=WT01,31/02/2019,f2@x.example,-1'; echo '"-minus, and a comma",WT01,31/02/2019,f3@x.example,1'
  echo '@,WT01,31/02/2019,f4@x.example,1'; } >"$IN/formula.csv"
run "formula cells: rejected rows" 0 "$LIA" import attendance "$IN/formula.csv" --format json
check_eq "formula cells: the four rows rejected (31 February)" "4|0|4" "$(jq -r '[.read, .loaded, .rejected] | join("|")' "$WORK/out")"
run "formula cells: lia rejects --format csv" 0 "$LIA" rejects --format csv
check_eq "formula cells: every cell beginning = + - @ guarded in the rejects" \
    "agency,course_code,session_date,email,hours
\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\",WT01,31/02/2019,lia:P,1
'+44 Agency,'=WT01,31/02/2019,lia:P,'-1
\"'-minus, and a comma\",WT01,31/02/2019,lia:P,1
'@,WT01,31/02/2019,lia:P,1" "$(sed 's/lia:[0-9a-f]\{64\}/lia:P/' "$WORK/out")"
cp "$WORK/out" "$IN/formula_rejects.csv"
run "formula cells: lia rejects --format json" 0 "$LIA" rejects --format json
check_eq "a cell holding '@' kept in the reject record (it was stored empty)" "@,WT01,31/02/2019,lia:P,1" \
    "$(jq -r '.rejects[3].record' "$WORK/out" | sed 's/lia:[0-9a-f]\{64\}/lia:P/')"
# and the file, fixed, imports the cells as they were written
sed 's#31/02/2019#28/02/2019#' "$IN/formula_rejects.csv" >"$IN/formula_fixed.csv"
run "formula cells: the rejects fixed" 0 "$LIA" --db "$WORK/formula.db" import attendance "$IN/formula_fixed.csv" --format json
check_eq "formula cells: fixed, read as written (the apostrophes gone; -1 hours rejected again)" "4|3|1|3" \
    "$(jq -r '[.read, .loaded, .rejected] | join("|")' "$WORK/out")|$(sqlite3 "$WORK/formula.db" "SELECT count(*) FROM agency
        WHERE name IN ('=HYPERLINK(\"http://x.example\",\"y\")', '-minus, and a comma', '@')")"
# --by and --agency values are words of a list or names, never SQL
run "SQL in --by" 2 "$LIA" reach --by "agency; DROP TABLE attendance"
check_grep "SQL in --by: refused by the list" "by must be agency, sector" "$WORK/err"
run "SQL in --agency" 1 "$LIA" reach --agency "x' OR '1'='1"
check_grep "SQL in --agency: no such agency" "no agency named 'x' OR '1'='1'" "$WORK/err"
run "SQL in --agency, an agency of that name" 0 "$LIA" reach --agency "'; DROP TABLE attendance; --" --format json
check_eq "SQL in --agency: that agency's one attendance, the table still there" "1|10" \
    "$(jq -r .total.attendances "$WORK/out")|$(sql 'SELECT count(*) FROM attendance')"
# charts and packs: SVG, PDF text, HTML
printf 'agency,period,headcount\n' >"$IN/wf.csv"
sql "SELECT name FROM agency" | while IFS= read -r a; do
    printf '"%s",2019/20,20\n' "$(printf '%s' "$a" | sed 's/"/""/g')"
done >>"$IN/wf.csv"
"$LIA" import workforce "$IN/wf.csv" >/dev/null 2>&1
run "hostile names: chart as SVG" 0 "$LIA" chart reach-by-agency --period 2019/20 -o "$WORK/names.svg"
check_eq "hostile names: the SVG is XML, no raw control" "ok|0" \
    "$(xmllint --noout "$WORK/names.svg" 2>&1 && echo ok)|$(grep -c "$(printf '\033')" "$WORK/names.svg")"
run "hostile names: chart as PDF" 0 "$LIA" chart reach-by-agency --period 2019/20 -o "$WORK/names.pdf"
pdftotext -layout "$WORK/names.pdf" "$WORK/names.txt"
check_grep "hostile names: the PDF shows <script> as text" '<script>alert(1)</script>' "$WORK/names.txt"
run "hostile names: the board pack as PDF" 0 "$LIA" report board -o "$WORK/board.pdf"
pdftotext -layout "$WORK/board.pdf" "$WORK/board.txt"
check_grep "hostile names: the pack shows the escape, not a red letter" 'Esc \\x1b\[31mred' "$WORK/board.txt"
check_grep "hostile names: the pack shows the override, does not obey it" 'Evil \\u202eosla\\u202c agency' "$WORK/board.txt"
check_no_grep "hostile names: the override is not obeyed" 'Evil also agency' "$WORK/board.txt"
run "hostile names: the board pack as HTML" 0 "$LIA" report board -o "$WORK/board.html"
check_eq "hostile names: HTML with markup escaped, no raw control or override" "0|0|0" \
    "$(grep -c '<script>alert' "$WORK/board.html")|$(grep -c "$(printf '\033')" "$WORK/board.html")|$(grep -c "$(printf '\342\200\256')" "$WORK/board.html")"
check_grep "hostile names: HTML shows them as text" '&lt;script&gt;alert(1)&lt;/script&gt;' "$WORK/board.html"
check_grep "hostile names: HTML shows & as &amp;" 'Smith &amp; Jones' "$WORK/board.html"

# A name of 100,000 letters (a word with nowhere to break) in a chart and
# the pack: drawn cut, in the time of any other.
export LIA_DB="$WORK/long.db"
awk 'BEGIN { print "agency,course_code,session_date,email"; printf "";
    for (i = 0; i < 100000; i++) printf "B"; print ",WT07,12/06/2019,l1@x.example";
    print "Short,WT07,12/06/2019,l2@x.example" }' >"$IN/long.csv"
run "a name of 100,000 letters" 0 "$LIA" import attendance "$IN/long.csv"
run "a name of 100,000 letters: the chart" 0 "$LIA" chart reach-by-agency -o "$WORK/long.png"
run "a name of 100,000 letters: the board pack" 0 "$LIA" report board -o "$WORK/long.pdf"
pdftotext "$WORK/long.pdf" - | tr -d '\n' | grep -o 'B*…' | head -1 >"$WORK/cut"
check_eq "a name of 100,000 letters: drawn cut at 120 letters" 121 "$(wc -m <"$WORK/cut")"

# --- files given to options ---------------------------------------------------------
for t in /dev/zero "$IN/folder.csv"; do
    run "--targets $t" 1 "$LIA" report board --targets "$t" -o "$WORK/t.pdf"
done
check_grep "--targets a folder: says so" "folder.csv: the targets file: cannot read: Is a directory" "$WORK/err"
run "--targets /dev/zero: refused after 64 KB" 1 "$LIA" report board --targets /dev/zero -o "$WORK/t.pdf"
check_grep "--targets /dev/zero: says so" "/dev/zero: the targets file: larger than 65536 bytes" "$WORK/err"
# A map file is read with a bound too: a device that never ends is refused
# at a megabyte (it grew to 6 GB in 30 s before).
export LIA_DB="$WORK/map.db"
run "--map /dev/zero: refused after 1 MB" 1 "$LIA" import feedback tests/fixtures/feedback/generic.csv --map /dev/zero
check_grep "--map /dev/zero: says so" "/dev/zero: larger than 1048576 bytes" "$WORK/err"
run "--map a folder" 1 "$LIA" import feedback tests/fixtures/feedback/generic.csv --map "$IN/folder.csv"
check_grep "--map a folder: says so" "folder.csv: cannot read: Is a directory" "$WORK/err"
