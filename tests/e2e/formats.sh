# End-to-end: every example of docs/formats.md imports as the page says.
# An example is a line
#     `lia import KIND FILE [options]` loads N rows[ and rejects M][ and skips K]:
# followed by a ```csv block, the file's contents; a ```map block whose
# first line is "# NAME.map: ..." is written to NAME.map first.  The
# examples are imported in the page's order into one database, each
# checked exactly: loaded N, rejected M and skipped K (default 0), no
# duplicates.  Every
# kind `lia import --help` names must have an example, and every profile
# its section.
. tests/lib.sh
DOC="$TOP/docs/formats.md"
cd "$WORK" || exit 1

# The examples as "LINE<TAB>COMMAND<TAB>LOADED<TAB>REJECTED<TAB>FILE<TAB>SKIPPED"
# lines;
# each file's contents go to EX/FILE, each map to EX/NAME.map.
mkdir -p ex
awk -v ex="$WORK/ex" '
    function flush() { if (out != "") close(out); out = "" }
    /^```/ && inblock { inblock = 0; flush(); next }
    inblock { if (first && kind == "map") {
                  if (match($0, /^# [^ :]+\.map/)) { name = substr($0, 3, RLENGTH - 2); out = ex "/" name }
                  else { print "BADMAP\t" NR; out = "/dev/null" }
              }
              first = 0; if (out != "") print > out; next }
    /^```csv/ && pending != "" {
        inblock = 1; first = 0; kind = "csv"; out = ex "/" file; print pending; pending = ""; next }
    /^```map/ { inblock = 1; first = 1; kind = "map"; out = ""; next }
    /^```/ { inblock = 1; first = 0; kind = "other"; out = "/dev/null"; next }
    /^`lia import [a-z]+ [^ `]+[^`]*` loads [0-9]+ rows?( and rejects [0-9]+)?( and skips [0-9]+)?:$/ {
        cmd = $0; sub(/^`/, "", cmd); sub(/`.*/, "", cmd)
        n = split(cmd, w, " "); file = w[4]
        rest = $0; sub(/.*` loads /, "", rest); loaded = rest + 0
        rej = 0; r = rest; if (r ~ /rejects/) { sub(/.* rejects /, "", r); rej = r + 0 }
        skip = 0; r = rest; if (r ~ /skips/) { sub(/.* skips /, "", r); skip = r + 0 }
        pending = NR "\t" cmd "\t" loaded "\t" rej "\t" file "\t" skip; next }
    NF > 0 { pending = "" }
' "$DOC" >examples.tsv

check_eq "formats.md: every map block names its file" "" "$(grep '^BADMAP' examples.tsv)"
nex=$(grep -vc '^BADMAP' examples.tsv)
if [ "$nex" -ge 10 ]; then ok "formats.md: $nex examples found"
else not_ok "formats.md: examples found" "only $nex"; fi

grep -v '^BADMAP' examples.tsv | while IFS="$(printf '\t')" read -r line cmd loaded rej file skip; do
    # shellcheck disable=SC2086
    set -- $cmd
    shift    # lia
    (cd ex && "$LIA" "$@" --format json) >out 2>err
    rc=$?
    got=$(jq -r '"\(.loaded) \(.rejected) \(.duplicates) \(.skipped // 0) \(.status)"' out 2>/dev/null)
    want="$loaded $rej 0 $skip committed"
    if [ "$got" = "$want" ] && { [ "$rc" -eq 0 ]; }; then
        ok "formats.md line $line: $cmd: $loaded loaded, $rej rejected, $skip skipped"
    else
        not_ok "formats.md line $line: $cmd" "expected loaded, rejected, duplicates, skipped, status: $want" \
            "actual: $got (exit $rc)" "stderr: $(head -c 300 err)" \
            "rejects: $("$LIA" rejects 2>&1 | tail -5 | tr '\n' '|')"
    fi
done

# Every kind of `lia import --help` has an example, every profile a section.
"$LIA" import --help >help.txt 2>&1
kinds=$(sed -n '/^KIND:/,/^$/p' help.txt | sed 's/^KIND://' | tr ',\n' '  ')
for k in $kinds; do
    if cut -f2 examples.tsv | grep -q "^lia import $k "; then ok "formats.md: an example of kind $k"
    else not_ok "formats.md: an example of kind $k" "no \`lia import $k ...\` example"; fi
    check_grep "formats.md: a section for kind $k" "^## Kind: $k\$" "$DOC"
done
# The --profile paragraph: "generic (default); KIND: p, q; KIND: r" over lines.
profiles=$(sed -n '/^  --profile/,/^  --map/p' help.txt | sed '$d' | tr '\n' ' ' |
    sed -e 's/^ *--profile NAME *//' -e 's/[^;]*://' | tr ';' '\n' |
    sed -e 's/^[^:]*: *//' -e 's/(default)//' | tr ',' '\n' | tr -d ' ' | grep -v '^$')
check_grep "formats.md: profiles read from lia import --help" "." "$(printf '%s\n' $profiles >profiles.txt; echo profiles.txt)"
for p in $profiles; do
    check_grep "formats.md: a section for profile $p" "^### Profile: $p\$" "$DOC"
done
