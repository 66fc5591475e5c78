# End-to-end: lia report board|ld|pqa -o FILE.html, the accessible HTML
# edition, on the fixtures tests/e2e/report.sh uses (and an agency named
# like markup, which must show as text).  The page must be one
# self-contained HTML5 file (no script, no request elsewhere), pass
# `tidy -errors -q`, hold well-formed SVG charts with role="img", a title
# and a description, give every table a caption and th with scope, write a
# hidden count "<5" for the eye and "fewer than 5" for a screen reader,
# never the count, and no fixture e-mail or identifier.  When Chromium and
# node are installed, tests/browser/a11y.mjs checks it in the browser:
# axe-core (WCAG 2.2 A and AA), no sideways scrolling at 320 px and at 200%
# text, screenshots at 1280 and 320 px.
. tests/lib.sh

export SOURCE_DATE_EPOCH=1615507200	# 12 March 2021
P="Westmere Safeguarding Children Partnership"
"$LIA" import courses "$FIX/reach/courses.csv" >/dev/null 2>&1
"$LIA" import workforce "$FIX/reach/workforce.csv" >/dev/null 2>&1
"$LIA" import attendance "$FIX/reach/attendance.csv" >/dev/null 2>&1
"$LIA" import evidence "$FIX/evidence/evidence.csv" >/dev/null 2>&1
"$LIA" import audits "$FIX/audits/section11.csv" >/dev/null 2>&1
"$LIA" import audits "$FIX/audits/case_audits.csv" >/dev/null 2>&1
"$LIA" import feedback "$FIX/feedback/generic.csv" >/dev/null 2>&1
# An agency whose name looks like markup: six people on 5 June 2019.
{
    echo "agency,course_code,session_date,practitioner_id,status"
    for i in 1 2 3 4 5 6; do echo "\"<script>alert(1)</script> & Co\",NEG1,05/06/2019,mk-$i,attended"; done
} >"$WORK/markup.csv"
check_rc "import an agency named like markup" 0 "$LIA" import attendance "$WORK/markup.csv"

SECRETS="$WORK/secrets"
cat "$FIX/reach/attendance.csv" "$FIX/feedback/generic.csv" "$FIX/audits/case_audits.csv" |
    grep -o -E '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]+|\bP0[0-9][0-9]\b|\bC1[0-9][0-9]\b|\bmk-[0-9]\b' |
    sort -u >"$SECRETS"

H="$WORK/board.html"
check_rc "report board as HTML" 0 "$LIA" report board -o "$H" --period 2019/20 --partnership "$P"
echo "# board.html: $(wc -c <"$H") bytes"
check_eq "mode 0600" 600 "$(stat -c %a "$H")"
check_eq "HTML5 with lang en-GB" '<!DOCTYPE html>
<html lang="en-GB">' "$(head -2 "$H")"
check_eq "one h1" 1 "$(grep -c '<h1' "$H")"
check_eq "the h1 is the title" '<h1>Board assurance pack</h1>' "$(grep '<h1' "$H")"
check_grep "a skip link to the content" '<a class="skip" href="#main">Skip to the content</a>' "$H"
check_grep "the content it skips to" '<main id="main">' "$H"
check_eq "no script of its own" 0 "$(grep -c -i '<script' "$H")"
check_eq "every link within the page" "" "$(grep -o -E '(href|src|action)="[^#"][^"]*"' "$H" | head -3)"
check_eq "nothing loaded from elsewhere" 0 "$(grep -c -E '<link|<img|<iframe|<object|<embed|@import|url\([^#]' "$H")"
check_grep "the stylesheet inline" '^<style>$' "$H"
check_grep "a print stylesheet: A4, a page break before sections" '@media print{@page{size:A4;margin:18mm}' "$H"
check_grep "section.major breaks the page in print" 'section.major{break-before:page}' "$H"
for s in "About this report" "Summary: key indicators" "Case reviews and statutory clocks" \
    "Training reach and currency" "Feedback and confidence" "Audit compliance and change" \
    "Impact by theme" "Actions from reviews" "The learning improvement cycle" \
    "Appendix A: Methods" "Appendix B: Data provenance"; do
    check_grep "section '$s' as h2" "<h2 id=\"[a-z0-9-]*\">$s</h2>" "$H"
done
ids=$(grep -o '<h[23] id="[^"]*"' "$H" | grep -v '"contents"' | sed 's/.*id="//; s/"//' | tr '\n' ' ')
links=$(grep -o '<li><a href="#[^"]*"' "$H" | sed 's/.*#//; s/"//' | tr '\n' ' ')
check_eq "the contents link every h2 and h3, in order" "$ids" "$links"
check_eq "headings never skip a level (an h4 only under an h3)" "" \
    "$(grep -o '<h[1-6]' "$H" | tr -d '<h' | awk 'NR > 1 && $1 > last + 1 { print NR ": h" last " then h" $1 } { last = $1 }')"
check_eq "the board's kinds of audit change as h4 under their h3" 1 \
    "$([ "$(grep -c '<h4' "$H")" -ge 1 ] && echo 1)"
tables=$(grep -c '<table>' "$H")
check_eq "every table has a caption" "$tables" "$(grep -c '<caption id=' "$H")"
check_eq "every th has a scope" 0 "$(grep -o '<th[ >][^>]*>' "$H" | grep -vc 'scope=')"
check_eq "wide tables scroll in their own focusable region" "$tables" \
    "$(grep -c '<div class="table-wrap" role="region" aria-labelledby="t[0-9]*" tabindex="0">' "$H")"
# Health Trust, 2019/20: 4 sessions, 3 attendances by 2 people (tests/e2e/reach.sh).
check_grep "a hidden count: <5 to the eye, fewer than 5 in words" \
    '<th scope="row">Health Trust</th><td class="num">4</td><td class="num"><span aria-hidden="true">&lt;5</span><span class="vh">fewer than 5</span></td>' "$H"
check_no_grep "never the hidden count" '<th scope="row">Health Trust</th><td class="num">4</td><td class="num">3<' "$H"
check_grep "numbers right-aligned" '<td class="num">11</td>' "$H"
check_grep "the markup-like agency is text" '<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</th>' "$H"
leaked=$(grep -F -o -w -f "$SECRETS" "$H" | sort -u | tr '\n' ' ')
check_eq "no fixture e-mail or identifier" "" "$leaked"

# Charts: inline SVG, role img, a title and a description, well-formed XML.
svgs=$(grep -c '^<svg ' "$H")
check_eq "charts as inline SVG" 1 "$([ "$svgs" -ge 4 ] && echo 1)"
check_eq "each SVG has role img" "$svgs" "$(grep -c '^<svg [^>]*role="img"' "$H")"
check_eq "each SVG has a title (and the page its own)" "$((svgs + 1))" "$(grep -c '^<title>' "$H")"
check_eq "each SVG has a description" "$svgs" "$(grep -c '^<desc>' "$H")"
check_grep "a description with its key numbers" '^<desc>Lines of the cumulative count of unique practitioners and of attendances by month in 2019/20, 12 months, ending at 13 people and 17 attendances.</desc>$' "$H"
check_grep "the description escaped" '^<desc>Horizontal bars of the share of each agency&#39;s workforce trained in 2019/20, with 95% intervals, for 5 agencies' "$H"
check_grep "the chart's data as a table, collapsed" '<details>' "$H"
check_grep "under a summary" '<summary>The chart.s data as a table</summary>' "$H"
awk -v dir="$WORK" '/^<svg /{n++; f=dir "/chart-" n ".svg"} f{print >f} /^<\/svg>/{close(f); f=""}' "$H"
bad=""
for f in "$WORK"/chart-*.svg; do
    xmllint --noout "$f" 2>>"$WORK/xmllint" || bad="$bad $(basename "$f")"
done
check_eq "every SVG is well-formed XML" "" "${bad# }"
check_eq "ids unique across the charts" "" "$(grep -o ' id="[^"]*"' "$H" | sort | uniq -d | head -3)"

if command -v tidy >/dev/null; then
    tidy -errors -q "$H" >"$WORK/tidy" 2>&1
    check_eq "tidy -errors -q: no error, no warning" "0 " "$? $(head -c 300 "$WORK/tidy")"
else
    not_ok "tidy is installed (make deps installs it)"
fi

# --- the other packs, and suppression off ------------------------------------------------
for pack in ld pqa; do
    check_rc "report $pack as HTML" 0 "$LIA" report "$pack" -o "$WORK/$pack.html" --period 2019/20
    tidy -errors -q "$WORK/$pack.html" >"$WORK/tidy" 2>&1
    check_eq "$pack: tidy clean" "0 " "$? $(head -c 300 "$WORK/tidy")"
    check_eq "$pack: one h1" 1 "$(grep -c '<h1' "$WORK/$pack.html")"
done
check_rc "--suppress 0 as HTML" 0 "$LIA" report board -o "$WORK/open.html" --period 2019/20 --suppress 0
check_eq "not for publication: under the title and in the footer" 2 \
    "$(grep -c '<p class="warning">Not for publication: small numbers shown</p>' "$WORK/open.html")"
check_grep "--suppress 0: Health Trust's counts shown" \
    '<th scope="row">Health Trust</th><td class="num">4</td><td class="num">3</td><td class="num">2</td>' "$WORK/open.html"
# Section 11's latest cycle, 2019/20, 2 of 2 met against 2018/19's 3 of 6
# (tests/e2e/report.sh works it): its tile says the change in words.
check_grep "--suppress 0: a kind of audit's tile with its change in words" \
    'up 50 points since 2018/19' "$WORK/open.html"
check_no_grep "--suppress 0: no sign beside up or down" 'up +\|down −' "$WORK/open.html"
check_rc "an unknown extension" 2 "$LIA" report board -o "$WORK/x.txt"

# --- in the browser ---------------------------------------------------------------------------
B="$TOP/tests/browser"
if command -v node >/dev/null && command -v chromium >/dev/null; then
    if [ ! -d "$B/node_modules/axe-core" ] || [ ! -d "$B/node_modules/puppeteer-core" ]; then
        (cd "$B" && npm install --no-audit --no-fund >/dev/null 2>&1)
    fi
    if [ -d "$B/node_modules/axe-core" ]; then
        mkdir -p "$WORK/shots"
        node "$B/a11y.mjs" "$H" "$WORK/shots" >"$WORK/browser" 2>&1
        cat "$WORK/browser"
        check_eq "screenshots at 1280 and 320 px" "screen-1280.png screen-320.png" \
            "$(cd "$WORK/shots" && ls screen-1280.png screen-320.png 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"
        check_eq "320 px screenshot is 320 wide" 320 \
            "$(od -An -tu1 -j16 -N4 "$WORK/shots/screen-320.png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')"
        # Kept for the README when asked: LIA_SHOTS=DIR.
        if [ -n "${LIA_SHOTS:-}" ]; then cp "$WORK"/shots/*.png "$LIA_SHOTS"/; fi
    else
        not_ok "axe-core and puppeteer-core from npm (tests/browser)"
    fi
else
    echo "# browser checks skipped: chromium or node not installed"
fi
true
