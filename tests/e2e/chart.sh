# End-to-end: lia chart writes PNG, PDF and SVG of the right size, lists only
# the charts that work, and refuses unknown names, formats and sizes; the
# reach and currency charts draw the fixture data of tests/fixtures/reach/
# (see tests/e2e/reach.sh for its hand-counted figures).
. tests/lib.sh

# PNG width and height from the IHDR chunk (bytes 16-23, big-endian).

check_rc "chart --help exits 0" 0 "$LIA" chart --help
check_grep "help lists improvement-cycle" '^  improvement-cycle ' "$WORK/out"
check_grep "help lists reach-by-agency" '^  reach-by-agency ' "$WORK/out"
check_grep "help lists reach-over-time" '^  reach-over-time ' "$WORK/out"
check_grep "help lists currency" '^  currency ' "$WORK/out"
check_grep "help lists review-timeline" '^  review-timeline ' "$WORK/out"
check_grep "help lists impact-chain" '^  impact-chain ' "$WORK/out"
check_grep "help lists actions" '^  actions ' "$WORK/out"
check_eq "help lists exactly eleven charts" 11 "$(sed -n '/^Charts:/,/^$/p' "$WORK/out" | grep -c '^  [a-z]')"
check_rc "chart NAME --help exits 0" 0 "$LIA" chart improvement-cycle --help

check_rc "improvement-cycle as PNG" 0 "$LIA" chart improvement-cycle -o "$WORK/cycle.png"
check_eq "PNG signature" "89504e47" "$(od -An -tx1 -N4 "$WORK/cycle.png" | tr -d ' \n')"
check_eq "PNG 480x400 pt at 150 dpi" "1000x833" "$(png_size "$WORK/cycle.png")"
check_rc "--width --height --dpi" 0 "$LIA" chart improvement-cycle -o "$WORK/small.png" \
    --width 432 --height 360 --dpi 72
check_eq "PNG 432x360 pt at 72 dpi" "432x360" "$(png_size "$WORK/small.png")"

check_rc "improvement-cycle as PDF" 0 "$LIA" chart improvement-cycle -o "$WORK/cycle.pdf"
pdfinfo "$WORK/cycle.pdf" >"$WORK/info" 2>&1
check_grep "PDF page 480 x 400 pts" '^Page size: *480 x 400 pts' "$WORK/info"
check_grep "PDF has one page" '^Pages: *1$' "$WORK/info"
if qpdf --check "$WORK/cycle.pdf" >"$WORK/qpdf" 2>&1; then ok "qpdf --check"
else not_ok "qpdf --check" "$(head -c 300 "$WORK/qpdf")"; fi
pdftotext "$WORK/cycle.pdf" "$WORK/cycle.txt" 2>/dev/null
check_grep "PDF text has the Section 11 node" 'Section 11 audits' "$WORK/cycle.txt"

check_rc "improvement-cycle as SVG" 0 "$LIA" chart improvement-cycle -o "$WORK/cycle.svg"
check_grep "SVG root element" '<svg [^>]*width="480pt" height="400pt"' "$WORK/cycle.svg"

# The counts come from the database.
sql "INSERT INTO audit(kind, title, cycle) VALUES ('section11', 'S11', '2019'),
     ('section11', 'S11', '2020'), ('s175', 'Schools', '2019')"
sql "INSERT INTO review(code) VALUES ('SCR-A'), ('SCR-B'), ('SCR-C')"
check_rc "chart after data" 0 "$LIA" chart improvement-cycle -o "$WORK/data.pdf"
pdftotext -layout "$WORK/data.pdf" "$WORK/data.txt" 2>/dev/null
check_grep "a count of 2 (Section 11 audits) is drawn" '\b2\b' "$WORK/data.txt"
check_grep "a count of 3 (reviews) is drawn" '\b3\b' "$WORK/data.txt"

check_rc "the same chart twice gives the same PNG" 0 "$LIA" chart improvement-cycle -o "$WORK/a.png"
"$LIA" chart improvement-cycle -o "$WORK/b.png" 2>/dev/null
check_eq "identical PNG bytes" "$(sha256sum <"$WORK/a.png")" "$(sha256sum <"$WORK/b.png")"

check_rc "unknown chart exits 2" 2 "$LIA" chart frobnicate -o "$WORK/x.png"
check_eq "unknown chart: one line" 1 "$(wc -l <"$WORK/err")"
check_grep "unknown chart is named" "unknown chart 'frobnicate'" "$WORK/err"
check_rc "review-timeline, once not available, draws (reviews without dates)" 0 "$LIA" chart review-timeline -o "$WORK/x.png"
check_rc "no name exits 2" 2 "$LIA" chart
check_rc "no -o exits 2" 2 "$LIA" chart improvement-cycle
check_rc "unknown extension exits 2" 2 "$LIA" chart improvement-cycle -o "$WORK/x.gif"
check_grep "extension named" "must end in .png, .pdf or .svg" "$WORK/err"
check_rc "bad width exits 2" 2 "$LIA" chart improvement-cycle -o "$WORK/x.png" --width wide
check_rc "unknown option exits 2" 2 "$LIA" chart improvement-cycle -o "$WORK/x.png" --frob
check_rc "unwritable file exits 1" 1 "$LIA" chart improvement-cycle -o "$WORK/no/such/dir/x.png"
check_grep "error names the file" "x.png" "$WORK/err"

# --- the reach and currency charts on the fixture files -------------------------
F="$FIX/reach"
check_rc "import courses" 0 "$LIA" import courses "$F/courses.csv"
check_rc "import workforce" 0 "$LIA" import workforce "$F/workforce.csv"
check_rc "import attendance" 0 "$LIA" import attendance "$F/attendance.csv"

# pdf_check NAME FILE WIDTH HEIGHT: one page of that size that qpdf accepts; text to FILE.txt
pdf_check() {
    pdfinfo "$2" >"$WORK/info" 2>&1
    check_grep "$1: PDF page $3 x $4 pts" "^Page size: *$3 x $4 pts" "$WORK/info"
    check_grep "$1: PDF has one page" '^Pages: *1$' "$WORK/info"
    if qpdf --check "$2" >"$WORK/qpdf" 2>&1; then ok "$1: qpdf --check"
    else not_ok "$1: qpdf --check" "$(head -c 300 "$WORK/qpdf")"; fi
    pdftotext "$2" "$2.txt" 2>/dev/null
    tr -s ' \n' '  ' <"$2.txt" >"$2.flat"	# the note wraps: one line, single spaces
    echo >>"$2.flat"
}

# reach-by-agency, 2019/20: Police 4/40 = 10%, Health Trust 2/50 = 4%,
# =HYPERLINK 1/10 = 10%, @SUM(1) has no workforce figure.
check_rc "reach-by-agency as PNG" 0 "$LIA" chart reach-by-agency --period 2019/20 -o "$WORK/rba.png"
check_eq "reach-by-agency PNG 480x320 pt at 150 dpi" "1000x667" "$(png_size "$WORK/rba.png")"
check_rc "reach-by-agency as PDF" 0 "$LIA" chart reach-by-agency --period 2019/20 -o "$WORK/rba.pdf"
pdf_check "reach-by-agency" "$WORK/rba.pdf" 480 320
T="$WORK/rba.pdf.txt"
check_grep "reach-by-agency: the title" 'Safeguarding training reach by agency, 2019/20' "$T"
check_grep "reach-by-agency: Police" '^Police$' "$T"
check_grep "reach-by-agency: Health Trust" '^Health Trust$' "$T"
check_grep "reach-by-agency: the formula-like agency, as text" '=HYPERLINK("http://x.example","y")' "$T"
check_grep "reach-by-agency: Police and the =HYPERLINK agency at 10%" '^10%$' "$T"
check_grep "reach-by-agency: Health Trust at 4%" '^4%$' "$T"
check_grep "reach-by-agency: an agency without workforce is missing, not 0%" 'no workforce figure' "$T"
check_grep "reach-by-agency: the note has the period and n" \
    'Period: 2019/20 (1 April 2019 to 31 March 2020)\. n = 7 practitioners (11 attendances) in 4 agencies' \
    "$WORK/rba.pdf.flat"
check_rc "reach-by-agency as SVG" 0 "$LIA" chart reach-by-agency --period 2019/20 -o "$WORK/rba.svg"
check_grep "reach-by-agency SVG root element" '<svg [^>]*width="480pt" height="320pt"' "$WORK/rba.svg"
check_rc "reach-by-agency --by sector" 0 "$LIA" chart reach-by-agency --period 2019/20 --by sector \
    -o "$WORK/rbs.pdf"
pdftotext "$WORK/rbs.pdf" "$WORK/rbs.txt" 2>/dev/null
check_grep "by sector: the title" 'reach by sector' "$WORK/rbs.txt"
check_grep "by sector: voluntary" '^voluntary$' "$WORK/rbs.txt"
check_rc "reach-by-agency --course --theme --agency" 0 "$LIA" chart reach-by-agency \
    --from 2019-04-01 --to 2019-06-30 --course DV2 --theme "Domestic abuse" --agency Police -o "$WORK/f.pdf"
pdftotext "$WORK/f.pdf" "$WORK/f.txt" 2>/dev/null
tr -s ' \n' '  ' <"$WORK/f.txt" >"$WORK/f.flat"; echo >>"$WORK/f.flat"
check_grep "filtered: the filters in the subtitle" 'agency Police, course DV2, theme Domestic abuse' "$WORK/f.flat"
check_grep "filtered: the period of --from/--to" 'Period: 1 April 2019 to 30 June 2019\. n = 1 practitioner (1 attendance) in 1 agency' "$WORK/f.flat"
check_grep "filtered: Police's one person of 40, 2.5% written 2%" '^2%$' "$WORK/f.txt"
check_no_grep "filtered: no other agency" '^Health Trust$' "$WORK/f.txt"
check_rc "reach-by-agency --period 2030/31" 0 "$LIA" chart reach-by-agency --period 2030/31 -o "$WORK/e.pdf"
pdftotext "$WORK/e.pdf" "$WORK/e.txt" 2>/dev/null
check_grep "empty reach-by-agency: No data" 'No data for this selection' "$WORK/e.txt"
check_rc "empty reach-by-agency as PNG" 0 "$LIA" chart reach-by-agency --period 2030/31 -o "$WORK/e.png"
check_eq "empty reach-by-agency PNG size" "1000x667" "$(png_size "$WORK/e.png")"

# reach-over-time, 2019/20: cumulative people 3 (Apr) ... 7 (Mar), 11 attendances.
check_rc "reach-over-time as PNG" 0 "$LIA" chart reach-over-time --period 2019/20 -o "$WORK/rot.png"
check_eq "reach-over-time PNG 480x300 pt at 150 dpi" "1000x625" "$(png_size "$WORK/rot.png")"
check_rc "reach-over-time as PDF" 0 "$LIA" chart reach-over-time --period 2019/20 -o "$WORK/rot.pdf"
pdf_check "reach-over-time" "$WORK/rot.pdf" 480 300
T="$WORK/rot.pdf.txt"
check_grep "reach-over-time: the title" 'Cumulative training reach, 2019/20' "$T"
check_grep "reach-over-time: the first month" 'Apr 2019' "$T"
check_grep "reach-over-time: both series in the legend" 'Unique practitioners' "$T"
check_grep "reach-over-time: attendances" 'Attendances' "$T"
check_grep "reach-over-time: the note has the period and n" \
    'Period: 2019/20 (1 April 2019 to 31 March 2020)\. n = 7 practitioners, 11 attendances' "$WORK/rot.pdf.flat"
check_rc "reach-over-time as SVG" 0 "$LIA" chart reach-over-time --period 2019/20 -o "$WORK/rot.svg"
check_grep "reach-over-time SVG root element" '<svg [^>]*width="480pt" height="300pt"' "$WORK/rot.svg"
check_rc "reach-over-time --period 2030/31" 0 "$LIA" chart reach-over-time --period 2030/31 -o "$WORK/e2.pdf"
pdftotext "$WORK/e2.pdf" "$WORK/e2.txt" 2>/dev/null
check_grep "empty reach-over-time: No data" 'No data for this selection' "$WORK/e2.txt"
check_rc "reach-over-time takes no --by" 2 "$LIA" chart reach-over-time --by sector -o "$WORK/x.png"
check_grep "--by refused by name" '\-\-by does not apply to the reach-over-time chart' "$WORK/err"

# currency as at 31 March 2020, any level: Police 3/40 = 7.5% (written 8%),
# Health Trust 2/50 = 4%, =HYPERLINK 1/10 = 10%.
check_rc "currency as PNG" 0 "$LIA" chart currency --as-at 2020-03-31 -o "$WORK/cur.png"
check_eq "currency PNG 480x320 pt at 150 dpi" "1000x667" "$(png_size "$WORK/cur.png")"
check_rc "currency as PDF" 0 "$LIA" chart currency --as-at 31/03/2020 -o "$WORK/cur.pdf"
pdf_check "currency" "$WORK/cur.pdf" 480 320
T="$WORK/cur.pdf.txt"
check_grep "currency: the title" 'Safeguarding training in date by agency' "$T"
check_grep "currency: the date" 'as at 31 March 2020' "$T"
check_grep "currency: Police" '^Police$' "$T"
check_grep "currency: Health Trust at 4%" '^4%$' "$T"
check_grep "currency: no workforce figure" 'no workforce figure' "$T"
check_rc "currency as SVG" 0 "$LIA" chart currency --as-at 2020-03-31 --level 1 --by sector -o "$WORK/cur.svg"
check_grep "currency SVG root element" '<svg [^>]*width="480pt" height="320pt"' "$WORK/cur.svg"
check_rc "currency --level 1 --by sector" 0 "$LIA" chart currency --as-at 2020-03-31 --level 1 \
    --by sector -o "$WORK/curs.pdf"
pdftotext "$WORK/curs.pdf" "$WORK/curs.txt" 2>/dev/null
check_grep "currency level 1: the title" 'Level 1 safeguarding training in date by sector' "$WORK/curs.txt"
check_grep "currency level 1: voluntary 0 of 10 is 0%, a real zero" '^0%$' "$WORK/curs.txt"
check_rc "currency before any training" 0 "$LIA" chart currency --as-at 2000-01-01 -o "$WORK/e3.pdf"
pdftotext "$WORK/e3.pdf" "$WORK/e3.txt" 2>/dev/null
check_grep "empty currency: No data" 'No data for this selection' "$WORK/e3.txt"
check_rc "currency needs --as-at" 2 "$LIA" chart currency -o "$WORK/x.png"
check_grep "--as-at named" 'the currency chart needs \-\-as-at' "$WORK/err"
check_rc "currency takes no --period" 2 "$LIA" chart currency --as-at 2020-03-31 --period 2019/20 -o "$WORK/x.png"
check_rc "bad --by exits 2" 2 "$LIA" chart reach-by-agency --by role -o "$WORK/x.png"
check_grep "--by message as lia currency's" '\-\-by must be agency or sector' "$WORK/err"
check_rc "bad --level exits 2" 2 "$LIA" chart currency --as-at 2020-03-31 --level x -o "$WORK/x.png"
check_rc "bad --as-at exits 2" 2 "$LIA" chart currency --as-at 31/02/2020 -o "$WORK/x.png"
check_rc "bad --period exits 2" 2 "$LIA" chart reach-by-agency --period 2019/2x -o "$WORK/x.png"
check_rc "--period with --from exits 2" 2 "$LIA" chart reach-by-agency --period 2019/20 --from 2019-01-01 \
    -o "$WORK/x.png"
check_rc "improvement-cycle takes no filters" 2 "$LIA" chart improvement-cycle --agency Police -o "$WORK/x.png"
check_rc "unknown --agency exits 1" 1 "$LIA" chart reach-by-agency --agency Nobody -o "$WORK/x.png"
check_rc "the same reach chart twice gives the same PNG" 0 "$LIA" chart reach-by-agency -o "$WORK/r1.png"
"$LIA" chart reach-by-agency -o "$WORK/r2.png" 2>/dev/null
check_eq "identical reach PNG bytes" "$(sha256sum <"$WORK/r1.png")" "$(sha256sum <"$WORK/r2.png")"
