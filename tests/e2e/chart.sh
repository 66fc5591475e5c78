# End-to-end: lia chart writes PNG, PDF and SVG of the right size, lists only
# the charts that work, and refuses unknown names, formats and sizes.
. tests/lib.sh

# PNG width and height from the IHDR chunk (bytes 16-23, big-endian).
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

check_rc "chart --help exits 0" 0 "$LIA" chart --help
check_grep "help lists improvement-cycle" '^  improvement-cycle ' "$WORK/out"
check_no_grep "help lists no chart that does not work yet" '^  review-timeline ' "$WORK/out"
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
check_rc "a chart not available yet exits 2" 2 "$LIA" chart reach-by-agency -o "$WORK/x.png"
check_rc "no name exits 2" 2 "$LIA" chart
check_rc "no -o exits 2" 2 "$LIA" chart improvement-cycle
check_rc "unknown extension exits 2" 2 "$LIA" chart improvement-cycle -o "$WORK/x.gif"
check_grep "extension named" "must end in .png, .pdf or .svg" "$WORK/err"
check_rc "bad width exits 2" 2 "$LIA" chart improvement-cycle -o "$WORK/x.png" --width wide
check_rc "unknown option exits 2" 2 "$LIA" chart improvement-cycle -o "$WORK/x.png" --frob
check_rc "unwritable file exits 1" 1 "$LIA" chart improvement-cycle -o "$WORK/no/such/dir/x.png"
check_grep "error names the file" "x.png" "$WORK/err"
