# End-to-end: the command line contract of lia (help, version, usage errors,
# --db and $LIA_DB, init and status, workdays, database refusal).
. tests/lib.sh

check_rc "--help exits 0" 0 "$LIA" --help
check_grep "--help lists status" '^  status ' "$WORK/out"
check_grep "--help lists workdays" '^  workdays ' "$WORK/out"
# Every listed command has working help.
for c in $(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$WORK/out"); do
    "$LIA" help "$c" >"$WORK/h1" 2>&1; r1=$?
    "$LIA" "$c" --help >"$WORK/h2" 2>&1; r2=$?
    if [ $r1 -eq 0 ] && [ $r2 -eq 0 ] && cmp -s "$WORK/h1" "$WORK/h2" && [ -s "$WORK/h1" ]; then
        ok "lia help $c equals lia $c --help"
    else
        not_ok "lia help $c equals lia $c --help" "exit $r1 / $r2"
    fi
done

check_rc "--version exits 0" 0 "$LIA" --version
check_grep "--version names lia and the version" "^lia $(cat VERSION) " "$WORK/out"

check_rc "unknown command exits 2" 2 "$LIA" frobnicate
check_eq "unknown command: one line" 1 "$(wc -l <"$WORK/err")"
check_grep "unknown command is named" "unknown command 'frobnicate'" "$WORK/err"
check_rc "unknown global option exits 2" 2 "$LIA" --frob status
check_grep "unknown global option is named" "unknown option '--frob'" "$WORK/err"
check_rc "unknown command option exits 2" 2 "$LIA" status --frob
check_grep "usage given with the error" "unknown option '--frob' (usage: lia \[--db FILE\] status" "$WORK/err"
check_eq "bad option: one line" 1 "$(wc -l <"$WORK/err")"
check_rc "bad --format exits 2" 2 "$LIA" status --format xml
check_rc "missing option value exits 2" 2 "$LIA" status --format
check_grep "missing value is named" "needs a value" "$WORK/err"
check_rc "no command exits 2" 2 "$LIA"
check_rc "help of unknown command exits 2" 2 "$LIA" help frobnicate

# The database is created on first use, private, in WAL mode.
check_rc "status creates the database" 0 "$LIA" status
check_grep "status lists tables" '^attendance  *0$' "$WORK/out"
check_eq "database mode 0600" 600 "$(stat -c %a "$LIA_DB")"
check_eq "journal mode WAL" wal "$(sql 'PRAGMA journal_mode')"
check_eq "schema version" "$("$LIA" --version | sed 's/.*schema \([0-9]*\).*/\1/')" "$(sql 'PRAGMA user_version')"
check_rc "status --format json" 0 "$LIA" status --format json
check_eq "json status counts tables" 28 "$(jq '.tables | length' "$WORK/out")"
check_eq "json status: no batches yet" 0 "$(jq '.batches | length' "$WORK/out")"
check_eq "json status: key created once" 1 "$(jq '.tables.meta' "$WORK/out")"
key1=$(sql "SELECT hex(value) FROM meta WHERE name = 'pseudonym_key'")
"$LIA" init >/dev/null
check_eq "key kept across opens" "$key1" "$(sql "SELECT hex(value) FROM meta WHERE name = 'pseudonym_key'")"
check_eq "key is 32 bytes" 64 "${#key1}"

check_rc "--db chooses the file" 0 "$LIA" --db "$WORK/other.db" init
check_eq "--db file exists" yes "$([ -f "$WORK/other.db" ] && echo yes)"
check_rc "--db=FILE form" 0 "$LIA" --db="$WORK/third.db" status
check_eq "--db=FILE file exists" yes "$([ -f "$WORK/third.db" ] && echo yes)"
(cd "$WORK" && unset LIA_DB && "$LIA" init >/dev/null)
check_eq "default database ./lia.db" yes "$([ -f "$WORK/lia.db" ] && echo yes)"

# Refusals leave the file untouched.
printf 'agency,headcount\nPolice,10\n' >"$WORK/notes.csv"
sum=$(sha256sum <"$WORK/notes.csv")
check_rc "a CSV is not a database" 1 "$LIA" --db "$WORK/notes.csv" status
check_grep "refusal names the file" "notes.csv: not a lia database" "$WORK/err"
check_eq "refused file unchanged" "$sum" "$(sha256sum <"$WORK/notes.csv")"
cp "$LIA_DB" "$WORK/newer.db"
sqlite3 "$WORK/newer.db" "PRAGMA user_version = 999; PRAGMA journal_mode = DELETE" >/dev/null
sum=$(sha256sum <"$WORK/newer.db")
check_rc "a newer database is refused" 1 "$LIA" --db "$WORK/newer.db" status
check_grep "newer: says so" "schema version 999 is newer than this lia" "$WORK/err"
check_eq "newer database unchanged" "$sum" "$(sha256sum <"$WORK/newer.db")"

# Working days.
check_rc "workdays" 0 "$LIA" workdays 2022-06-01 2022-06-08
check_eq "2022-06-01 to 2022-06-08 is 3" 3 "$(cat "$WORK/out")"
check_rc "workdays UK dates" 0 "$LIA" workdays 22/12/2022 "3 January 2023"
check_eq "22/12/2022 to 3 January 2023 is 5" 5 "$(cat "$WORK/out")"
check_rc "workdays bad date exits 2" 2 "$LIA" workdays 31/02/2020 2020-03-01
check_grep "bad date quoted" "impossible date '31/02/2020'" "$WORK/err"
sql "INSERT INTO holiday(date, title) VALUES ('2022-06-06', 'Local closure')"
check_rc "holiday table counts" 0 "$LIA" workdays 2022-06-01 2022-06-08
check_eq "an extra holiday removes a day" 2 "$(cat "$WORK/out")"

# The man page renders cleanly: no troff warning at 80 columns.
groff -man -Tutf8 -rLL=78n -ww -z "$TOP/docs/lia.1" >"$WORK/groff" 2>&1
check_eq "man ./docs/lia.1 renders without a warning" "" "$(head -c 300 "$WORK/groff")"
