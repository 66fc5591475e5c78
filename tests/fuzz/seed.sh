#!/bin/sh
# Writes the seed corpus of every fuzz target into OUT/<target>/, from the
# test fixtures and the conformance CSVs (make fuzz, and the replay of each
# target in make test).  fuzz_import's inputs begin with three bytes: the
# kind (enum imp_kind's order: attendance 0, workforce 1, courses 2,
# feedback 3, audits 4, reviews 5, actions 6, holidays 7, evidence 8), the
# profile (generic 0, moodle 1, eventbrite 2, msforms 3, googleforms 4,
# surveymonkey 5, limesurvey 6) and the option bits (0x80: --course,
# --date, --agency and --stage given); fuzz_csv's and fuzz_map's one byte
# (the delimiter and encoding; the export the map is for).
# Usage: tests/fuzz/seed.sh OUT   (run from the top of the tree)
set -eu
out=${1:?usage: seed.sh OUT}
rm -rf "$out"
for t in fuzz_import fuzz_csv fuzz_date fuzz_values fuzz_map fuzz_targets; do
    mkdir -p "$out/$t"
done

# seed TARGET NAME PREFIX-BYTES FILE: the file with the bytes (octal
# escapes for printf) before it
seed() {
    { printf "$3"; cat "$4"; } >"$1/$2"
}

for f in tests/fixtures/*/*.csv; do
    case $f in
    */eventbrite*) p='\000\002\000' ;;
    */moodle*) p='\000\001\000' ;;
    */attendance.csv|*/own_headers.csv) p='\000\000\000' ;;
    */workforce.csv) p='\001\000\000' ;;
    */courses.csv) p='\002\000\000' ;;
    */*msforms*) p='\003\003\000' ;;
    */googleforms*) p='\003\004\000' ;;
    */surveymonkey*) p='\003\005\000' ;;
    */limesurvey*) p='\003\006\000' ;;
    */feedback*.csv|*/generic.csv) p='\003\000\000' ;;
    */*audits*|*/section11.csv) p='\004\000\000' ;;
    */reviews.csv|*/clocks.csv) p='\005\000\000' ;;
    */actions.csv|*/plan.csv) p='\006\000\000' ;;
    */holidays.csv) p='\007\000\000' ;;
    */evidence.csv) p='\010\000\000' ;;
    *) p='\000\000\200' ;;
    esac
    name=$(echo "$f" | sed 's|^tests/||; s|/|_|g')
    seed "$out/fuzz_import" "$name" "$p" "$f"
    seed "$out/fuzz_csv" "$name" '\000' "$f"
done
for f in tests/conformance/csv-spectrum/csvs/*.csv tests/conformance/csvkit-examples/*.csv; do
    name=$(echo "$f" | sed 's|^tests/conformance/||; s|/|_|g')
    seed "$out/fuzz_import" "att_$name" '\000\000\200' "$f"
    seed "$out/fuzz_import" "fb_$name" '\003\000\200' "$f"
    seed "$out/fuzz_csv" "$name" '\000' "$f"
done

n=0
while IFS= read -r d; do
    n=$((n + 1))
    printf '%s' "$d" >"$out/fuzz_date/$n"
done <<'DATES'
2019-06-12
12/06/2019
12/6/2019
12/06/19
12.06.2019
12-06-2019
12 June 2019
12 Jun 2019
12-Jun-19
Wednesday 12th June 2019
43628
43628.5
2019-06-12 10:30:00
2019-06-12T10:30Z
12/06/2019 10:30
0001-01-01
9999-12-31
0
2958466
29/02/2020
2019
2019/20
FY2019/20
2019/20 Q1
2019-06
2019-06-01|2019-06-30
|2019-06-30
DATES

n=0
while IFS= read -r v; do
    n=$((n + 1))
    printf '%s' "$v" >"$out/fuzz_values/$n"
done <<'VALUES'
1,200
12.0
-5
1e308
NaN
inf
2.5
Level 3
L3
attended
Did not attend
cancelled
Strongly agree
4 - Agree
10 (Extremely likely)
5 = Very confident
N/A
Don't know
yes
Face to face
Section 11
S11.3
Standard 5.2
partially met
Amber
follow-up
Ring 07700 900123 or jo.bloggs@police.example from 192.168.1.20, L1 8JQ
How likely are you to recommend this training to a colleague? (0 = not at all likely, 10 = extremely likely)
VALUES

seed "$out/fuzz_map" msforms.map '\000' tests/fixtures/feedback/msforms.map
seed "$out/fuzz_map" own_headers.map '\002' tests/fixtures/import/own_headers.map
seed "$out/fuzz_map" feedback_post.map '\000' tests/fixtures/pqa/feedback_post.map
seed "$out/fuzz_map" feedback_followup.map '\003' tests/fixtures/pqa/feedback_followup.map
printf 'useful.scale = 1-7\nscale.mine = Poor = 1; Fair = 2; Good = 3\nchange.level = 3\npair.p = useful, trainer\n' \
    >"$out/fuzz_map/scales.map"

printf 'coverage = 80%%\ncoverage.amber = 60%%\ndna_rate = 0.1 # less\ntrainer_pool = 14\n' \
    >"$out/fuzz_targets/seed"
printf '# ours\ndna_rate = 20%%\ntrainer_pool = 3\n' >"$out/fuzz_targets/report"
