# End-to-end: lia import audits on tests/fixtures/audits/.  section11.csv is
# a Section 11 self-assessment with moderated scores and RAG, standards
# given as "1", "S11.2", "Standard 3", "Std 8" and by title; case_audits.csv
# a multi-agency themed audit (MACA), a Section 175/157 schools audit and a
# single-agency audit rated met / partially met / not met / n/a.  Counts and
# stored values are checked exactly.
. tests/lib.sh

F="$FIX/audits"
counts() { jq -r '"\(.read) \(.loaded) \(.duplicates) \(.rejected) \(.warnings) \(.status)"' "$WORK/out"; }
reasons() { jq -r '[.rejects[] | "\(.line) \(.reason)"] | join("|")' "$WORK/out"; }

check_rc "section 11 --dry-run" 0 "$LIA" import audits "$F/section11.csv" --dry-run --format json
check_eq "dry run counts, nothing written" "13 9 1 3 0 dry_run" "$(counts)"
check_eq "dry run: no audit" 0 "$(sql 'SELECT count(*) FROM audit')"
check_rc "section 11 --strict rolls back" 1 "$LIA" import audits "$F/section11.csv" --strict
check_eq "strict: no audit" 0 "$(sql 'SELECT count(*) FROM audit_result')"

check_rc "import section 11" 0 "$LIA" import audits "$F/section11.csv" --format json
# 13 rows: 9 loaded; Police standard 3 again (now moderated) a duplicate;
# standard 9, a self score of 4 and RAG 'Purple' rejected.
check_eq "section 11: 13 read, 9 loaded, 1 duplicate, 3 rejected" "13 9 1 3 0 committed" "$(counts)"
check_eq "two cycles of one Section 11 audit" "section11|2018/19|2019-03-15 section11|2019/20|2020-03-10" \
    "$(sql "SELECT kind, cycle, date FROM audit ORDER BY cycle" | tr '\n' ' ' | sed 's/ $//')"
check_eq "standards by code with their built-in titles" \
    "1 Senior management commitment|2 Statement of responsibilities|3 Line of accountability|5 Staff training|6 Safer recruitment|8 Information sharing" \
    "$(sql "SELECT group_concat(code || ' ' || title, '|') FROM (SELECT code, title FROM audit_standard WHERE kind = 'section11' ORDER BY code)")"
s11() {	# cycle agency standard -> self moderated rag
    sql "SELECT r.self_score, r.moderated_score, r.rag FROM audit_result r JOIN audit a ON a.id = r.audit_id
         JOIN audit_standard s ON s.id = r.standard_id JOIN agency g ON g.id = r.agency_id
         WHERE a.cycle = '$1' AND g.name = '$2' AND s.code = '$3'"
}
check_eq "Police 2018/19 standard 1: self 3, moderated 2, green" "3|2|green" "$(s11 2018/19 Police 1)"
check_eq "'S11.2' is standard 2" "2|2|amber" "$(s11 2018/19 Police 2)"
check_eq "'Standard 3': the duplicate filled the moderated score" "2|2|" "$(s11 2018/19 Police 3)"
check_eq "'Safer recruitment' is standard 6" "1|1|red" "$(s11 2018/19 Police 6)"
check_eq "'Std 8' is standard 8" "3|3|green" "$(s11 2018/19 'Health Trust' 8)"
check_eq "2019/20 Police standard 6" "2|2|green" "$(s11 2019/20 Police 6)"
check_rc "rejects" 0 "$LIA" rejects --format json
check_eq "reject lines and reasons" \
    "12 standard_code '9' is not a Section 11 standard (1 to 8, e.g. 1, S11.1 or Standard 1)|13 self_score '4' is not a score from 0 to 3|14 unknown rag 'Purple' (expected red, amber or green)" \
    "$(reasons)"
check_rc "same file again" 0 "$LIA" import audits "$F/section11.csv" --format json
check_eq "already imported" "already_imported" "$(jq -r .status "$WORK/out")"

check_rc "import case audits" 0 "$LIA" import audits "$F/case_audits.csv" --format json
# 11 rows: 8 loaded; C101 N1 again a duplicate; 'Mostly' and the kind
# 'Joint inspection' rejected.
check_eq "case audits: 11 read, 8 loaded, 1 duplicate, 2 rejected" "11 8 1 2 0 committed" "$(counts)"
check_eq "kinds spelled MACA, Multi-agency, multi agency case audit are one audit" \
    "multi_agency|Neglect themed audit|2019/20 Q1|5" \
    "$(sql "SELECT a.kind, a.title, a.cycle, count(*) FROM audit a JOIN audit_result r ON r.audit_id = a.id WHERE a.kind = 'multi_agency' GROUP BY a.id")"
check_eq "MACA ratings by case and standard" \
    "C101 N1 met|C101 N2 partially_met|C102 N1 not_met|C102 N2 not_applicable|C103 N1 not_applicable" \
    "$(sql "SELECT group_concat(x, '|') FROM (SELECT r.case_ref || ' ' || s.code || ' ' || r.rating AS x FROM audit_result r JOIN audit_standard s ON s.id = r.standard_id WHERE s.kind = 'multi_agency' ORDER BY r.case_ref, s.code)")"
check_eq "standard titles and themes kept" "N1|Neglect recognised at first contact|Neglect" \
    "$(sql "SELECT s.code, s.title, t.name FROM audit_standard s JOIN theme t ON t.id = s.theme_id WHERE s.code = 'N1'")"
check_eq "Section 175/157 and s.175 are one schools audit" "s175|2019-11-01|2" \
    "$(sql "SELECT a.kind, a.date, count(*) FROM audit a JOIN audit_result r ON r.audit_id = a.id WHERE a.kind = 's175' GROUP BY a.id")"
check_eq "schools rated per school" "Oakfield High School partially_met|St Mary's Primary School met" \
    "$(sql "SELECT group_concat(x, '|') FROM (SELECT g.name || ' ' || r.rating AS x FROM audit_result r JOIN agency g ON g.id = r.agency_id JOIN audit a ON a.id = r.audit_id WHERE a.kind = 's175' ORDER BY g.name)")"
check_eq "single agency audit" "single_agency|DA1|P-77|met" \
    "$(sql "SELECT a.kind, s.code, r.case_ref, r.rating FROM audit_result r JOIN audit a ON a.id = r.audit_id JOIN audit_standard s ON s.id = r.standard_id WHERE a.kind = 'single_agency'")"
check_rc "case audit rejects" 0 "$LIA" rejects --batch "$(sql "SELECT max(id) FROM import_batch")" --format json
check_eq "case audit reject reasons" \
    "10 unknown rating 'Mostly' (expected met, partially met, not met, n/a, or red, amber, green)|11 unknown audit_kind 'Joint inspection' (expected Section 11, Section 175/157, single agency or multi-agency)" \
    "$(reasons)"
check_eq "results in all" 17 "$(sql 'SELECT count(*) FROM audit_result')"

printf 'audit_kind,cycle,standard_code\nS11,2019,1\n' >"$WORK/nodate.csv"
check_rc "missing audit_date is fatal" 1 "$LIA" import audits "$WORK/nodate.csv"
check_grep "names the column" "missing required column 'audit_date'; columns found: 'audit_kind', 'cycle', 'standard_code'" "$WORK/err"
check_eq "read = loaded + duplicates + rejected in every batch" 0 \
    "$(sql 'SELECT count(*) FROM import_batch WHERE rows_read != rows_loaded + rows_duplicate + rows_rejected')"
