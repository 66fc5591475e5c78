# End-to-end: lia report board|ld|pqa on the fixtures of tests/fixtures/
# (reach, evidence, reviews and actions, audits, feedback).  Each pack must
# pass qpdf --check, carry its metadata and bookmarks, show every section
# title and the expected numbers (tests/e2e/reach.sh hand-counts the reach
# fixtures: FY 2019/20 has 5 sessions of 4 courses, 11 attendances by 7
# practitioners, 75 headcount-only, 2 did not attend), hide small counts
# as "<5" and never print them, and hold no e-mail or identifier of the
# fixtures.  Every page is rendered and its margins must be blank.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1615507200	# 12 March 2021, 00:00 UTC
VERSION=$(cat VERSION)
"$LIA" import courses "$FIX/reach/courses.csv" >/dev/null 2>&1
"$LIA" import workforce "$FIX/reach/workforce.csv" >/dev/null 2>&1
"$LIA" import attendance "$FIX/reach/attendance.csv" >/dev/null 2>&1
"$LIA" import evidence "$FIX/evidence/evidence.csv" >/dev/null 2>&1
"$LIA" import reviews "$FIX/reviews/reviews.csv" >/dev/null 2>&1
"$LIA" import actions "$FIX/reviews/actions.csv" >/dev/null 2>&1
"$LIA" import audits "$FIX/audits/section11.csv" >/dev/null 2>&1
"$LIA" import audits "$FIX/audits/case_audits.csv" >/dev/null 2>&1
"$LIA" import feedback "$FIX/feedback/generic.csv" >/dev/null 2>&1
check_eq "fixture batches" 9 "$(sql 'SELECT count(*) FROM import_batch')"

# The e-mails and identifiers of the fixtures, none of which may appear.
SECRETS="$WORK/secrets"
cat "$FIX/reach/attendance.csv" "$FIX/feedback/generic.csv" "$FIX/audits/case_audits.csv" |
    grep -o -E '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]+|\bP0[0-9][0-9]\b|\bC1[0-9][0-9]\b' |
    sort -u >"$SECRETS"
check_eq "secrets to look for" 1 "$([ "$(wc -l <"$SECRETS")" -ge 10 ] && echo 1)"

PAGE_W=595; PAGE_H=842
# ink_outside PDF: pages whose margins hold ink.  Each page is rendered at
# 72 dpi (a pixel a point) in grey, and the strips outside the frame
# (18 mm left and right, 28 pt top and bottom) must be white.
ink_outside() {
    bad=""
    n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
    for strip in "0 0 $PAGE_W 27" "0 815 $PAGE_W 27" "0 0 50 $PAGE_H" "546 0 49 $PAGE_H"; do
        set -- "$1" $strip
        rm -f "$WORK"/strip-*.pgm
        pdftoppm -gray -r 72 -x "$2" -y "$3" -W "$4" -H "$5" "$1" "$WORK/strip" || return 1
        for f in "$WORK"/strip-*.pgm; do
            # The pixels after the three header lines; white is 255 (octal 377).
            dark=$(tail -c $(($4 * $5)) "$f" | tr -d '\377' | wc -c)
            [ "$dark" -eq 0 ] || bad="$bad ${f##*strip-}@$2,$3"
        done
    done
    echo "${bad# }"
    [ "$(ls "$WORK"/strip-*.pgm | wc -l)" -eq "$n" ]
}

# pdf_checks NAME FILE PAGES TITLE: qpdf, pdfinfo, margins, secrets.
pdf_checks() {
    name=$1; f=$2; pages=$3; title=$4
    qpdf --check "$f" >"$WORK/qpdf" 2>&1
    check_eq "$name: qpdf --check" "0 No syntax or stream encoding errors found; the file may still contain" \
        "$? $(grep 'No syntax' "$WORK/qpdf")"
    pdfinfo "$f" >"$WORK/info"
    check_eq "$name: title" "Title:           $title" "$(grep '^Title:' "$WORK/info")"
    check_eq "$name: author" "Author:          Westmere Safeguarding Children Partnership" \
        "$(grep '^Author:' "$WORK/info")"
    check_eq "$name: creator" "Creator:         lia $VERSION" "$(grep '^Creator:' "$WORK/info")"
    check_grep "$name: subject" '^Subject: .' "$WORK/info"
    check_grep "$name: creation date" '^CreationDate: *Fri Mar 12 00:00:00 2021' "$WORK/info"
    check_eq "$name: A4 portrait" "Page size:       595.276 x 841.89 pts (A4)" \
        "$(grep '^Page size:' "$WORK/info")"
    check_eq "$name: pages" "$pages" "$(sed -n 's/^Pages: *//p' "$WORK/info")"
    check_eq "$name: no ink outside the margins on any page" "" "$(ink_outside "$f")"
    pdftotext -layout "$f" "$WORK/text"
    leaked=$(grep -F -o -w -f "$SECRETS" "$WORK/text" | sort -u | tr '\n' ' ')
    check_eq "$name: no fixture e-mail or identifier" "" "$leaked"
    check_no_grep "$name: no pseudonym" 'lia:[0-9a-f]\{16\}' "$WORK/text"
    check_no_grep "$name: a table's notes are sentences, each with a capital" \
        'Notes: [a-z]\|Notes: .*[a-z0-9)]\. [a-z]' "$WORK/text"
    check_no_grep "$name: no column key in its words (fill_rate, unique_practitioners)" \
        'fill_rate\|unique_practitioners\|headcount_attendances' "$WORK/text"
    check_eq "$name: page X of Y on every page" "$pages" \
        "$(grep -c "page [0-9]* of $pages\$" "$WORK/text")"
    mode=$(stat -c %a "$f")
    check_eq "$name: mode 0600" 600 "$mode"
}

# bookmarks FILE: the outline's titles, one a line, in order.
bookmarks() {
    qpdf --json --json-key=outlines "$1" | jq -r '.. | objects | select(has("title")) | .title'
}

P="Westmere Safeguarding Children Partnership"

# --- the board pack ------------------------------------------------------------------
check_rc "report board" 0 "$LIA" report board -o "$WORK/board.pdf" --period 2019/20 \
    --partnership "$P"
pdf_checks board "$WORK/board.pdf" 25 "Board assurance pack"
B="$WORK/text"
for s in "About this report" "Summary: key indicators" "Case reviews and statutory clocks" \
    "Training reach and currency" "Feedback and confidence" "Audit compliance and change" \
    "Impact by theme" "Actions from reviews" "The learning improvement cycle" \
    "Appendix A: Methods" "Appendix B: Data provenance"; do
    check_grep "board: section '$s'" "^ *$s" "$B"
    check_grep "board: contents lists '$s'" "^$s  *[0-9][0-9]*\$" "$B"
done
check_grep "board: the cover's period" "^2019/20 (1 April 2019 to 31 March 2020)" "$B"
check_grep "board: the cover's date" "^12 March 2021 by lia $VERSION" "$B"
check_eq "board: the running header on every page but the cover" 24 \
    "$(grep -c "$P  *Board assurance pack\$" "$B")"
check_grep "board: reach in words" "In 2019/20, 5 sessions of 4 courses recorded 11 attendances by 7 unique practitioners" "$B"
check_grep "board: headcount-only in words" "counted heads only added 75 more" "$B"
# Health Trust: 4 sessions, 3 attendances by 2 people, workforce 50: the 3
# and the 2 hidden, and the coverage and interval computed from the 2.
check_grep "board: Health Trust's small counts as <5" '^Health Trust  *4  *<5  *<5  *50  *<5  *<5$' "$B"
check_grep "board: Police's 5 attendances shown, its 4 people hidden" '^Police  *5  *5  *<5  *40  *<5  *<5$' "$B"
check_grep "board: the reach total" '^Total  *5  *11  *7  *–  *–  *–$' "$B"
# tests/fixtures/reviews: the seed report's table, a column per review, a
# row per milestone; SCR2's publication with its delay reason.
check_grep "board: the reviews in the seed report's layout" '^Publication  *Apr 2019 (Sensitive delay  *Oct 2019  *Mar 2020  *–  *Feb 2020  *–$' "$B"
check_grep "board: the clocks met, a clock in words" '^Notification of the  *the national panel notified within 5  *6  *2  *2  *0  *4$' "$B"
check_no_grep "board: no clock's key in a table" 'rapid_review_from_aware\|^notification  *the national' "$B"
# tests/fixtures/reviews/actions.csv as at 31 March 2020: 5 actions, 3 done, 2 outstanding.
check_grep "board: actions done and outstanding" '^Total  *–  *5  *3  *2  *0  *0  *0  *0$' "$B"
check_grep "board: actions in words" 'As at 31 March 2020: 3 actions done and 2 outstanding, of which 0 overdue' "$B"
check_grep "board: the impact chain by theme" '^The chain by theme: reviews, actions and reach' "$B"
check_grep "board: the KPI table" '^Did not attend  *<5  *–  *at most  *Not rated' "$B"
# The fixtures' audits and feedback are few: every pooled count under 5.
check_grep "board: audit compliance of a kind's latest cycle, hidden" \
    '^Compliance: Multi-  *<5  *<5 80%  *Not rated audits: standards met of those rated in the$' "$B"
check_grep "board: feedback's top-two share, hidden" '^Feedback agreeing  *<5  *<5 80%  *Not rated' "$B"
check_no_grep "board: no indicator 'not available yet'" 'not available yet' "$B"
check_grep "board: the suppression rule in words" 'counts of people from 1 to 4 are shown as' "$B"
check_grep "board: provenance lists the files" '^ *3  *attendance  *attendance.csv  *[0-9-]*  *18  *18  *0  *0  *0  *committed$' "$B"
sha=$(sha256sum "$FIX/reach/attendance.csv" | cut -d' ' -f1)
check_grep "board: provenance gives the SHA-256" "attendance.csv  *$sha" "$B"
check_no_grep "board: no not-for-publication mark" "Not for publication" "$B"
# The evidence log of 2019/20: one practice resource of 1,536 views; items
# are counts (hidden under 5), views are not people (never hidden).
check_grep "board: the evidence log by kind, kinds in words" '^Practice resource  *<5  *–  *–  *1,536  *–  *0$' "$B"
# Items without a reach are a count of items: the period's 3 (<5) hidden.
check_grep "board: the evidence log's total" '^Total  *7  *49  *–  *1,536  *–  *<5$' "$B"
check_grep "board: items without a reach, a count hidden as items are" 'No reach recorded$' "$B"
bookmarks "$WORK/board.pdf" >"$WORK/outline"
check_eq "board: bookmarks" "Contents
About this report
Summary: key indicators
Case reviews and statutory clocks
Training reach and currency
Reach
Reach by course
Cumulative reach
Training in date
Trainer pool
Feedback and confidence
Confidence before and after
Audit compliance and change
Multi-agency case audits
Section 175/157 audits
Section 11 audits
Single-agency case audits
Change between cycles
Section 11 audits
Impact by theme
Actions from reviews
The learning improvement cycle
The evidence log
Appendix A: Methods
Definitions
Intervals and tests
Small numbers
Targets
Appendix B: Data provenance" "$(cat "$WORK/outline")"
# Contents are links to their pages.
check_eq "board: contents links, one a line" 27 \
    "$(qpdf --json "$WORK/board.pdf" | jq '[.. | objects | select(."/Subtype" == "/Link")] | length')"

# --- suppression off: every page says so -----------------------------------------------
check_rc "report board --suppress 0" 0 "$LIA" report board -o "$WORK/open.pdf" --period 2019/20 \
    --partnership "$P" --suppress 0
pdftotext -layout "$WORK/open.pdf" "$WORK/open.txt"
n=$(pdfinfo "$WORK/open.pdf" | sed -n 's/^Pages: *//p')
check_eq "--suppress 0: every footer says not for publication" "$n" \
    "$(grep -c '^ \{20,\}Not for publication: small numbers shown$' "$WORK/open.txt")"
check_grep "--suppress 0: Health Trust's counts shown" '^Health Trust  *4  *3  *2  *50  *4.0%  *1.1% to 13.5%$' "$WORK/open.txt"
# DNA 2 of 13 booked: 15.4%, past the default amber of 15%: Red.
check_grep "--suppress 0: DNA rated Red" '^Did not attend  *15.4%  *–  *at most  *Red' "$WORK/open.txt"
# Each kind's latest cycle, its standards pooled (tests/fixtures/audits):
# the multi-agency neglect audit of 2019/20 Q1, N1 1 of 2 met (C101 met,
# C102 not, C103 n/a, C104 rejected) and N2 0 of 1 (partially met): 1 of 3;
# Section 11 2019/20, standards 1 and 6 green for the Police: 2 of 2, against
# 2018/19's 3 of 6 (green 1 twice, 8; amber 2, 5; red 6).  R 4.2.2:
# prop.test(1, 3, correct = FALSE)$conf.int 0.0615 0.7923; prop.test(2, 2,
# ...) 0.3424 1; Newcombe from those and prop.test(3, 6, ...): 0.5
# (-0.2280, 0.8124).  Feedback after training, tests/fixtures/feedback:
# "overall" 5 and 4 at the post stage (the confidence pair left out): 2 of
# 2 in the top two, Wilson 0.3424 to 1.
check_grep "--suppress 0: multi-agency compliance 1 of 3, Red" \
    '^Compliance: Multi-  *33.3%  *6.1% to 79.2% 80%  *Red  ' "$WORK/open.txt"
check_grep "--suppress 0: Section 11 compliance 2 of 2, Green" \
    '^Compliance:  *100.0% 34.2% to 100.0% 80%  *Green  *audits: standards met of those rated in$' "$WORK/open.txt"
check_grep "--suppress 0: ... up 50 points since 2018/19" '+50 pts since 2018/19' "$WORK/open.txt"
check_grep "--suppress 0: the audit section says the same in words" \
    'up 50.0 points on 2018/19 (Newcombe.s 95% interval -22.8% to 81.2%)' "$WORK/open.txt"
check_grep "--suppress 0: feedback 2 of 2 in the top two, Green" \
    '^Feedback agreeing  *100.0% 34.2% to 100.0% 80%  *Green' "$WORK/open.txt"

# --- targets --------------------------------------------------------------------------
printf '# ours\ndna_rate = 20%%\ntrainer_pool = 3\n' >"$WORK/targets.conf"
check_rc "--targets" 0 "$LIA" report board -o "$WORK/t.pdf" --period 2019/20 --suppress 0 \
    --targets "$WORK/targets.conf"
pdftotext -layout "$WORK/t.pdf" "$WORK/t.txt"
check_grep "--targets: DNA now Green" '^Did not attend  *15.4%  *–  *at most  *Green' "$WORK/t.txt"
check_grep "--targets: the pool of 3 meets a target of 3" '^Trainer pool  *3  *–  *3  *Green' "$WORK/t.txt"
check_grep "--targets: the methods list the thresholds in force" '^Did not attend  *dna_rate  *at most 20%  *above 20%, at most 25%  *above 25%$' "$WORK/t.txt"
printf 'coverage = 80\n' >"$WORK/bad.conf"
cp "$WORK/t.pdf" "$WORK/keep.pdf"
check_rc "--targets with a bad line" 1 "$LIA" report board -o "$WORK/t.pdf" --targets "$WORK/bad.conf"
check_grep "names the file and line" "bad.conf:1: coverage is a share: write it as a percentage" "$WORK/err"
check_eq "a failed run leaves the old file" "" "$(cmp "$WORK/t.pdf" "$WORK/keep.pdf")"

# --- the L&D and PQA reports -------------------------------------------------------------
check_rc "report ld" 0 "$LIA" report ld -o "$WORK/ld.pdf" --period 2019/20 --partnership "$P"
pdf_checks ld "$WORK/ld.pdf" 12 "Learning and development reach report"
for s in "Reach by agency" "Reach by sector" "Reach by course, attendance and fill rates" \
    "Reach over time" "Training in date" "Trainer pool" "Appendix A: Methods" \
    "Appendix B: Data provenance"; do
    check_grep "ld: section '$s'" "^ *$s" "$WORK/text"
done
# NEG1 in 2019/20: 2 sessions, 6 attendances by 5 people, DNA and its rate hidden.
check_grep "ld: by course, by its title, with DNA" '^Neglect awareness  *2  *6  *5  *0  *<5  *<5  *15.0%$' "$WORK/text"
check_no_grep "ld: no course code for a name" '^NEG1 ' "$WORK/text"
check_grep "ld: the trainer pool" 'train-the-trainer course: <5 of a target$' "$WORK/text"
check_rc "report pqa" 0 "$LIA" report pqa -o "$WORK/pqa.pdf" --period 2019/20 --partnership "$P"
pdf_checks pqa "$WORK/pqa.pdf" 18 "Performance and quality assurance impact report"
for s in "Feedback by course and theme" "Confidence change" "Audit compliance" \
    "Change between audit cycles" "Section 11: self-assessed and moderated" "Impact by theme" \
    "The learning improvement cycle"; do
    check_grep "pqa: section '$s'" "^ *$s" "$WORK/text"
done
# tests/fixtures/feedback/generic.csv: DV2 on 3 July 2019, 4 answers to
# confidence_after, 3 pairs: all fewer than 5, so hidden with their means.
check_grep "pqa: feedback by question, small counts hidden" '^DV2  *confidence_after  *<5  *<5  *<5  *<5  *<5 yes$' "$WORK/text"
check_grep "pqa: the pair hidden (by its after question's words)" '^DV2  *confidence_after  *<5  *<5  *<5  *<5  *–  *–  *<5  *–$' "$WORK/text"
# tests/fixtures/audits/section11.csv: Police, standard 1, 2018/19: self 3, moderated 2.
check_grep "pqa: Section 11 self-assessed against moderated" '^Police  *1  *2018/19  *3  *2  *-1$' "$WORK/text"
check_grep "pqa: audit compliance, Section 11 under its own heading" '^Section 11 audits$' "$WORK/text"
check_grep "pqa: audit compliance by standard and cycle" '^1  *Senior management commitment  *2018/19  *<5  *<5  *<5  *<5 yes$' "$WORK/text"
check_no_grep "pqa: no audit kind's key in a table" '^\(section11\|multi_agency\|s175\|single_agency\)  ' "$WORK/text"

# --- a long table: split across pages, header repeated, long names wrapped -------------------
{
    echo "agency,course_code,session_date,practitioner_id,status"
    i=1
    while [ $i -le 70 ]; do
        j=1
        while [ $j -le 6 ]; do
            echo "\"Northshire and Westmere Integrated Care Board, Designated Safeguarding Children Team $i\",NEG1,0$((j % 9 + 1))/05/2019,id-$i-$j,attended"
            j=$((j + 1))
        done
        i=$((i + 1))
    done
} >"$WORK/many.csv"
LIA_DB="$WORK/many.db" "$LIA" import courses "$FIX/reach/courses.csv" >/dev/null 2>&1
check_rc "import 420 attendances in 70 agencies" 0 env LIA_DB="$WORK/many.db" "$LIA" import attendance "$WORK/many.csv"
check_rc "report ld of 70 agencies" 0 env LIA_DB="$WORK/many.db" "$LIA" report ld -o "$WORK/many.pdf" --partnership "$P"
pdftotext -layout "$WORK/many.pdf" "$WORK/many.txt"
check_eq "the table continues on more pages, its caption and header repeated" 1 \
    "$([ "$(grep -c '^Training reach by agency, all dates (continued)$' "$WORK/many.txt")" -ge 2 ] && echo 1)"
check_eq "every agency in the table" 70 \
    "$(grep -c '^Northshire and Westmere Integrated Care  *6  *6  *6 ' "$WORK/many.txt")"
check_eq "long names and many rows: no ink outside the margins" "" "$(ink_outside "$WORK/many.pdf")"

# --- usage and files ------------------------------------------------------------------------
check_rc "no pack" 2 "$LIA" report -o "$WORK/x.pdf"
check_rc "unknown pack" 2 "$LIA" report annual -o "$WORK/x.pdf"
check_grep "says which packs" "the pack must be board, ld or pqa, not 'annual'" "$WORK/err"
check_rc "no -o" 2 "$LIA" report board
check_rc "not .pdf or .html" 2 "$LIA" report board -o "$WORK/x.png"
check_rc "--format is not a pack option" 2 "$LIA" report board -o "$WORK/x.pdf" --format json
check_rc "a folder that does not exist" 1 "$LIA" report board -o "$WORK/nowhere/x.pdf"
check_eq "no temporary file left" "" "$(ls -a "$WORK" | grep -E '^\.(board|x).*tmp|\.tmp' || true)"
umask 077
check_rc "report under umask 077" 0 "$LIA" report pqa -o "$WORK/u.pdf"
check_eq "mode 0600" 600 "$(stat -c %a "$WORK/u.pdf")"
