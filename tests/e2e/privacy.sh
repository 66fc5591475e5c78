# End-to-end: privacy of every output (issue 16 point 6).  Every fixture is
# imported, and then the database file with its -wal and -journal, every
# report pack (PDF text and HTML), the charts (SVG), the rejects in every
# format, the analyses' JSON and CSV and everything lia wrote on stderr are
# searched for each e-mail address, IP address, person's name, respondent
# and practitioner id the fixtures hold: none may be found.  The
# pseudonymisation key, which the database keeps, appears in no output.
# Free-text answers are printed by no pack and no analysis.
. tests/lib.sh

LOG="$WORK/stderr.log"	# every command's stderr
: >"$LOG"
OUT="$WORK/out.d"	# every output
mkdir "$OUT"

# --- the personal values of the fixtures ------------------------------------------
# Each fixture is read by sqlite3's CSV reader (quotes, line ends in
# fields); the values of its columns about a person are taken, and every
# e-mail and IPv4 address anywhere in it.  Values are looked for as whole
# words ("Jane" is not in "Janet"); numbers of fewer than 4 digits ("1",
# "2": a form's response number) would match any count: left out.
TOK="$WORK/tokens"
: >"$TOK"
for f in $(find "$FIX" -name '*.csv' | sort); do
    sed '1s/^\xef\xbb\xbf//' "$f" >"$WORK/f.csv"
    # (Face-to-face's download: title rows before its header)
    grep -q ',Current status' "$WORK/f.csv" && sed -i -n '/,Current status/,$p' "$WORK/f.csv"
    sep=,
    head -1 "$WORK/f.csv" | grep -q ';' && ! head -1 "$WORK/f.csv" | grep -q ',' && sep=';'
    rm -f "$WORK/f.db"
    sqlite3 "$WORK/f.db" ".separator '$sep'" ".import --csv '$WORK/f.csv' t" 2>/dev/null || continue
    sqlite3 "$WORK/f.db" "SELECT name FROM pragma_table_info('t')
        WHERE lower(name) IN ('email', 'email address', 'work email', 'name', 'first name',
            'last name', 'surname', 'respondent', 'respondent id', 'response id', 'id',
            'id number', 'username', 'order #', 'attendee #', 'ip address', 'learner')" |
        while IFS= read -r col; do
            sqlite3 "$WORK/f.db" "SELECT DISTINCT trim(\"$col\") FROM t WHERE length(trim(\"$col\")) >= 3
                AND NOT (trim(\"$col\") GLOB '[0-9]*' AND length(trim(\"$col\")) < 4)"
        done >>"$TOK"
    grep -Eoh '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+' "$f" >>"$TOK"
    grep -Eoh '\b([0-9]{1,3}\.){3}[0-9]{1,3}\b' "$f" >>"$TOK"
done
# Tab-separated text exports (Moodle's attendance report), whose header
# line comes after a preamble: the columns about a person by their names.
for f in $(find "$FIX" -name '*.txt' | sort); do
    awk -F'\t' '{ if (n) { for (c in col) if (length($c) >= 3) print $c; next }
        for (i = 1; i <= NF; i++) if (tolower($i) ~ /^(username|first name|last name|surname|email( address)?|id number)$/) { col[i] = 1; n++ } }' \
        "$f" >>"$TOK"
    grep -Eoh '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+' "$f" >>"$TOK"
done
sort -u -o "$TOK" "$TOK"
ntok=$(wc -l <"$TOK")
echo "# $ntok personal values to look for"
check_eq "personal values found in the fixtures (e-mails, IPs, names, ids)" yes \
    "$([ "$ntok" -ge 60 ] && echo yes || echo "only $ntok")"
for want in jo.bloggs@police.example 81.2.69.160 192.168.10.21 'Jo Bloggs' Jane Doe 'Priya Anand' anand.p P001 11223344556 \
    'Jones, née Roberts' mailto:grace.okafor@knowsley.example grace.okafor@knowsley.example 004417 kmensah; do
    check_eq "the list holds $want" 1 "$(grep -cxF "$want" "$TOK")"
done

# --- every fixture imported -------------------------------------------------------------
imp() {	# imp ARGS...: lia import ARGS, its stderr kept
    local rc
    "$LIA" import "$@" >>"$OUT/import.txt" 2>>"$LOG"
    rc=$?
    [ "$rc" -eq 0 ] || not_ok "import $*" "exit $rc"
}
R="$FIX/reach" I="$FIX/import" FB="$FIX/feedback" P="$FIX/pqa" A="$FIX/audits" V="$FIX/reviews" M="$FIX/impact"
NEG="Neglect: recognising and responding"
imp courses "$R/courses.csv"
imp courses "$I/courses.csv"
imp courses "$M/courses.csv"
imp workforce "$R/workforce.csv"
imp workforce "$I/workforce.csv"
imp workforce "$M/workforce.csv"
imp attendance "$R/attendance.csv"
imp attendance "$M/attendance.csv"
imp attendance "$I/eventbrite_attendees.csv" --profile eventbrite --course HMV-2019 --date 20/06/2019
imp attendance "$FIX/real/moodle_completion.csv" --profile moodle --course SG-L2
imp attendance "$I/own_headers.csv" --map "$I/own_headers.map"
imp attendance "$FIX/real/moodle_attendance.txt" --profile moodle-attendance
imp attendance "$FIX/real/facetoface_attendees.csv" --profile facetoface
imp attendance "$FIX/real/facetoface_two_days.csv" --profile facetoface
imp attendance "$FIX/hostile/unterminated_quote.csv"
imp feedback "$FB/generic.csv"
imp feedback "$FB/googleforms_baseline.csv" --profile googleforms --course "$NEG" --date 12/06/2019 --stage baseline
imp feedback "$FB/limesurvey_followup.csv" --profile limesurvey --course "$NEG" --date 12/06/2019 --stage follow-up
imp feedback "$FB/msforms_post.csv" --profile msforms --map "$FB/msforms.map"
imp feedback "$FB/surveymonkey_post.csv" --profile surveymonkey --course SCRLE --date 20/06/2019
imp feedback "$P/feedback_msforms_post.csv" --profile msforms --map "$P/feedback_post.map"
imp feedback "$P/feedback_msforms_followup.csv" --profile msforms --map "$P/feedback_followup.map" --stage follow-up
imp feedback "$M/feedback.csv"
imp audits "$A/section11.csv"
imp audits "$FIX/real/section11_template.csv" --profile section11-template --cycle 2018/19 --date 28/02/2019 --encoding cp1252
imp audits "$A/case_audits.csv"
imp audits "$P/audits_two_cycles.csv"
imp audits "$M/audits.csv"
imp holidays "$V/holidays.csv"
imp reviews "$V/reviews.csv"
imp reviews "$V/clocks.csv"
imp actions "$V/actions.csv"
imp actions "$V/plan.csv"
imp evidence "$FIX/evidence/evidence.csv"
imp evidence "$M/evidence.csv"
nfiles=$(find "$FIX" -name '*.csv' -o -name '*.txt' | wc -l)
check_eq "every fixture imported (one batch each)" "$nfiles" "$(sql 'SELECT count(*) FROM import_batch')"
check_eq "rows rejected along the way (the fixtures' own bad rows)" yes \
    "$([ "$(sql 'SELECT count(*) FROM reject')" -gt 0 ] && echo yes)"
check_eq "free-text answers held (to show none is printed)" yes \
    "$([ "$(sql 'SELECT count(*) FROM feedback_answer WHERE text IS NOT NULL')" -gt 0 ] && echo yes)"

# --- every output ---------------------------------------------------------------------------
run() {	# run FILE ARGS...: lia ARGS, stdout to FILE in $OUT, stderr kept
    local to=$1 rc; shift
    "$LIA" "$@" >"$OUT/$to" 2>>"$LOG"
    rc=$?
    [ "$rc" -eq 0 ] || not_ok "lia $*" "exit $rc: $(tail -1 "$LOG")"
}
# Under valgrind (RUNNER), where each run takes some 30 times as long: the
# packs with suppression only, the analyses as JSON only, and the rejects
# of all batches at once (the same code; the run takes 12 minutes else).
SUPS="5 0" FMTS="json csv table" BATCHES=$(sql 'SELECT DISTINCT batch_id FROM reject')
MIN_OUT=60
[ -n "${RUNNER:-}" ] && SUPS=5 FMTS=json BATCHES= MIN_OUT=40
for p in board ld pqa; do
    for s in $SUPS; do
        run "$p-$s.txt" report "$p" --suppress "$s" -o "$OUT/$p-$s.pdf"
        run "$p-$s.html.txt" report "$p" --suppress "$s" -o "$OUT/$p-$s.html"
        pdftotext -layout "$OUT/$p-$s.pdf" "$OUT/$p-$s.pdf.txt"
    done
done
"$LIA" chart --help 2>/dev/null | awk '/^  [a-z][a-z0-9-]+  /{ print $1 }' >"$WORK/charts"
check_eq "the charts listed" yes "$([ "$(wc -l <"$WORK/charts")" -ge 10 ] && echo yes)"
while read -r c; do
    "$LIA" chart "$c" -o "$OUT/chart-$c.svg" >/dev/null 2>>"$LOG"
done <"$WORK/charts"
check_eq "charts drawn as SVG" yes "$([ "$(ls "$OUT"/chart-*.svg | wc -l)" -ge 10 ] && echo yes)"
for fmt in table json csv; do
    run "rejects-$fmt.out" rejects --format "$fmt"
    run "warnings-$fmt.out" rejects --warnings --format "$fmt"
done
for b in $BATCHES; do
    run "rejects-$b-csv.out" rejects --batch "$b" --format csv
    run "rejects-$b-json.out" rejects --batch "$b" --format json
done
for c in "reach" "reach --by agency" "reach --by role" "reach --by course" "currency --as-at 2024-03-31" \
    "trainers" "evidence" "feedback" "audits" "timeliness" "actions --as-at 2024-03-31" "impact" "status"; do
    for fmt in $FMTS; do
        [ "$c" = status ] && [ "$fmt" = csv ] && continue
        run "$(echo "$c" | tr ' ' '_').$fmt" $c --format "$fmt"
    done
done
check_eq "outputs written" yes "$([ "$(ls "$OUT" | wc -l)" -ge $MIN_OUT ] && echo yes)"

# --- nothing personal anywhere ---------------------------------------------------------------
# grep -a: the database is binary; -F: the values are text, not patterns;
# -w: as words, and in the database files, where a value may touch other
# bytes, again without -w for the values of 6 characters or more.  Reject
# records too: they keep only the columns lia reads (an Eventbrite
# "Order #" and a SurveyMonkey "Respondent ID" were kept raw before).
awk 'length($0) >= 6' "$TOK" >"$WORK/tok6"
DBS=$(ls "$LIA_DB" "$LIA_DB-wal" "$LIA_DB-journal" 2>/dev/null)
for f in $DBS "$OUT"/* "$LOG"; do
    { grep -awoF -f "$TOK" "$f"
      case " $DBS " in *" $f "*) grep -aoF -f "$WORK/tok6" "$f";; esac; } | sort -u >"$WORK/found"
    check_eq "nothing personal in $(basename "$f")" "" "$(head -5 "$WORK/found" | tr '\n' ' ')"
done
for want in 1234567893 11223344559; do
    check_eq "the list holds $want (in a rejected row)" 1 "$(grep -cxF "$want" "$TOK")"
done

# The key: as 64 hex digits (either case) and as its 32 bytes.
KEY=$(sql "SELECT lower(hex(value)) FROM meta WHERE name = 'pseudonym_key'")
check_eq "the key is there to look for" 64 "${#KEY}"
printf '%s' "$KEY" | xxd -r -p >"$WORK/key.bin"
hits=0
for f in "$OUT"/* "$LOG"; do
    grep -qiF "$KEY" "$f" && { hits=$((hits + 1)); echo "# the key in hex in $f"; }
    grep -qaF -f "$WORK/key.bin" "$f" 2>/dev/null && { hits=$((hits + 1)); echo "# the key's bytes in $f"; }
done
check_eq "the pseudonymisation key in no output" 0 "$hits"

# Free-text answers: printed by no pack, no analysis (a report that quotes
# them would be asked for by an option).
sql "SELECT DISTINCT text FROM feedback_answer WHERE text IS NOT NULL AND length(text) >= 12" |
    cut -c1-24 | sort -u >"$WORK/free"
check_eq "free-text answers to look for" yes "$([ "$(wc -l <"$WORK/free")" -ge 3 ] && echo yes)"
found=$(cat "$OUT"/*.pdf.txt "$OUT"/*.html "$OUT"/*.json "$OUT"/*.csv "$OUT"/*.table "$OUT"/*.svg 2>/dev/null |
    tr -s ' \n' '  ' | grep -aoF -f "$WORK/free" | sort -u | head -3 | tr '\n' ' ')
check_eq "no free-text answer in any pack or analysis" "" "$found"
