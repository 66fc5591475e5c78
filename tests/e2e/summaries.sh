# End-to-end: the JSON that is not an analysis's (lia status, the summary
# of lia import, lia rejects and its warnings), written by the one writer
# (cli/output.c): every key in its order, the type of each value, null
# where there is none, and the usage errors of the options of import,
# status, rejects and demo (the one option parser).
. tests/lib.sh
IMP="$FIX/import"

j() { jq -c "$1" "$WORK/out"; }

# ---- status on an empty database --------------------------------------------
check_rc "status --format json, empty" 0 "$LIA" status --format json
check_eq "status: keys in order" '["database","schema_version","tables","batches"]' "$(j 'keys_unsorted')"
check_eq "status: database is the file" "\"$LIA_DB\"" "$(j .database)"
check_eq "status: schema version a number" number "$(jq -r '.schema_version | type' "$WORK/out")"
check_eq "status: tables an object of numbers" 'object true' \
    "$(jq -r '[(.tables | type), (.tables | [.[] | type == "number"] | all)] | join(" ")' "$WORK/out")"
check_eq "status: the tables in the schema's order" 'meta,import_batch,reject,import_warning' \
    "$(jq -r '.tables | keys_unsorted | .[0:4] | join(",")' "$WORK/out")"
check_eq "status: no batches" '[]' "$(j .batches)"
check_eq "status: one line of JSON" 1 "$(wc -l <"$WORK/out")"

# ---- an import's summary --------------------------------------------------------
printf 'agency,course_code,session_date,email,status\nPolice,C1,12/06/2019,a@x.example,attended\nPolice,C1,31/02/2019,b@x.example,attended\n"Sefton, Children",C1,12/06/2019,c@x.example,attended\n' >"$WORK/att.csv"
check_rc "import --format json" 0 "$LIA" import attendance "$WORK/att.csv" --format json
check_eq "import: keys in order" \
    '["batch","kind","file","sha256","read","loaded","duplicates","skipped","rejected","warnings","status","date_order","new_agencies","notes"]' \
    "$(j 'keys_unsorted')"
check_eq "import: the values" \
    "[1,\"attendance\",\"$WORK/att.csv\",3,2,0,0,1,0,\"committed\",\"dmy\",[\"Police\",\"Sefton, Children\"],[]]" \
    "$(j '[.batch, .kind, .file, .read, .loaded, .duplicates, .skipped, .rejected, .warnings, .status, .date_order, .new_agencies, .notes]')"
check_eq "import: sha256 of the file" "\"$(sha256sum "$WORK/att.csv" | cut -d' ' -f1)\"" "$(j .sha256)"
check_rc "import again --format json" 0 "$LIA" import attendance "$WORK/att.csv" --format json
check_eq "already imported: the batch, no date order, empty lists" '[1,"already_imported",null,[],[]]' \
    "$(j '[.batch, .status, .date_order, .new_agencies, .notes]')"
printf 'agency,course_code,session_date,email,status\nPolice,C1,12/06/2019,d@x.example,attended\n' >"$WORK/dry.csv"
check_rc "import --dry-run --format json" 0 "$LIA" import attendance "$WORK/dry.csv" --dry-run --format json
check_eq "dry run: batch null, status dry_run" '[null,"dry_run"]' "$(j '[.batch, .status]')"
check_rc "import with --agency: a note" 0 "$LIA" import attendance "$IMP/eventbrite_attendees.csv" \
    --profile eventbrite --course WT9 --date 2019-06-12 --agency X --format json
check_eq "import: notes an array of words" '["--agency X used for every row, not the file'"'"'s '"'"'Company'"'"' column"]' "$(j .notes)"
check_rc "import workforce (a warning)" 0 "$LIA" import workforce "$IMP/workforce.csv" --format json
check_eq "workforce: warnings and rejects counted" '[3,2,1]' "$(j '[.batch, .rejected, .warnings]')"

# ---- rejects and warnings ---------------------------------------------------------
check_rc "rejects --format json" 0 "$LIA" rejects --format json
check_eq "rejects: one key" '["rejects"]' "$(j 'keys_unsorted')"
check_eq "rejects: a row's keys" '["batch","file","line","reason","record"]' "$(j '.rejects[0] | keys_unsorted')"
check_eq "rejects: every batch's" '[1,2,3,3]' "$(j '[.rejects[].batch]')"
check_eq "rejects: the first" "[1,\"$WORK/att.csv\",3,\"session_date: impossible date '31/02/2019'\"]" \
    "$(j '.rejects[0] | [.batch, .file, .line, .reason]')"
check_rc "rejects --batch 3 --format json" 0 "$LIA" rejects --batch 3 --format json
check_eq "rejects of one batch" '[6,7]' "$(j '[.rejects[].line]')"
check_rc "rejects --warnings --format json" 0 "$LIA" rejects --warnings --format json
check_eq "warnings: one key" '["warnings"]' "$(j 'keys_unsorted')"
check_eq "warnings: a row's keys (no record)" '["batch","file","line","reason"]' "$(j '.warnings[0] | keys_unsorted')"
check_eq "warnings: batch 3" '[3]' "$(j '[.warnings[].batch]')"
check_rc "rejects --batch 1 --warnings --format json" 0 "$LIA" rejects --batch 1 --warnings --format json
check_eq "no warnings: an empty array" '{"warnings":[]}' "$(j .)"
check_rc "rejects --warnings --format csv" 0 "$LIA" rejects --warnings --format csv
check_eq "warnings as CSV: header and one row" "batch,file,line,reason|3" \
    "$(head -1 "$WORK/out")|$(tail -n +2 "$WORK/out" | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
check_rc "rejects --batch 1 --warnings" 0 "$LIA" rejects --batch 1 --warnings
check_eq "no warnings in words" "no warnings" "$(cat "$WORK/out")"

# ---- status with batches ------------------------------------------------------------
check_rc "status --format json, three batches" 0 "$LIA" status --format json
check_eq "status: a batch's keys" \
    '["batch","kind","file","sha256","profile","finished","read","loaded","duplicates","rejected","warnings","status"]' \
    "$(j '.batches[0] | keys_unsorted')"
check_eq "status: the batches" '[[1,"attendance",3,2,1],[2,"attendance",4,3,1],[3,"workforce",6,3,2]]' \
    "$(j '[.batches[] | [.batch, .kind, .read, .loaded, .rejected]]')"
check_eq "status: rows counted" '[3,4,5]' "$(j '[.tables.import_batch, .tables.reject, .tables.attendance]')"
check_rc "status as a table" 0 "$LIA" status
check_grep "status table: the database line" "^database $LIA_DB, schema version [0-9]*\$" "$WORK/out"
check_grep "status table: a table's rows" '^reject  *4$' "$WORK/out"
check_grep "status table: the batches" '^import batches: 3$' "$WORK/out"

# ---- the options, through the one parser ----------------------------------------------
usage() { # NAME MESSAGE COMMAND...
    name=$1; msg=$2; shift 2
    check_rc "$name exits 2" 2 "$@"
    check_grep "$name: says why" "$msg" "$WORK/err"
}
usage "import without a file" "import: expected a KIND and a FILE (usage:" "$LIA" import attendance
usage "import with three arguments" "import: expected a KIND and a FILE" "$LIA" import attendance a b
usage "import --format csv" "import: --format must be table or json, not 'csv'" "$LIA" import attendance a --format csv
usage "import --delimiter xx" "import: --delimiter must be one character or tab, not 'xx'" "$LIA" import attendance a --delimiter xx
usage "import --encoding" "import: --encoding must be utf-8, latin1 or cp1252, not 'ebcdic'" "$LIA" import attendance a --encoding ebcdic
usage "import --date" "import: --date: impossible date '31/02/2019'" "$LIA" import attendance a --date 31/02/2019
usage "import --date-order" "import: --date-order must be dmy, mdy or ymd, not 'ydm'" "$LIA" import attendance a --date-order ydm
usage "import --frob" "import: unknown option '--frob'" "$LIA" import attendance a --frob
usage "import --dry-run=1" "import: unknown option '--dry-run=1'" "$LIA" import attendance a --dry-run=1
usage "status --format csv" "status: --format must be table or json, not 'csv'" "$LIA" status --format csv
usage "status extra" "status: unexpected argument 'extra'" "$LIA" status extra
usage "rejects --batch 0" "rejects: --batch needs a batch number, not '0'" "$LIA" rejects --batch 0
usage "rejects --format xml" "rejects: --format must be table, csv or json, not 'xml'" "$LIA" rejects --format xml
usage "demo --scale 0" "demo: --scale must be a whole number 1 to 1000, not '0'" "$LIA" demo --scale 0
usage "demo --seed -1" "demo: --seed must be a whole number 0 to 4294967295, not '-1'" "$LIA" demo --seed -1
usage "demo --out ''" "demo: --out needs a folder" "$LIA" demo --out ''
