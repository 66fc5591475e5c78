# The vendored conformance material (tests/conformance) is a byte-identical
# copy of the team's shared folder: every file its MANIFEST.sha256 lists is
# present with that checksum, and no file is there that it does not list.
. tests/lib.sh

C="$TOP/tests/conformance"
if (cd "$C" && sha256sum --quiet -c MANIFEST.sha256) >"$WORK/sums" 2>&1; then
    ok "every file matches MANIFEST.sha256"
else
    not_ok "every file matches MANIFEST.sha256" "$(head -5 "$WORK/sums")"
fi
(cd "$C" && find . -type f ! -name MANIFEST.sha256 | LC_ALL=C sort) >"$WORK/have"
sed 's/^[0-9a-f]*  //' "$C/MANIFEST.sha256" | LC_ALL=C sort >"$WORK/listed"
check_eq "no file beyond the manifest" "" "$(comm -23 "$WORK/have" "$WORK/listed" | head -5)"
check_eq "the reference values include T14 and T15" "11 30" \
    "$(grep -c '^T14_' "$C/reference-stats/expected.csv") $(grep -c '^T15_' "$C/reference-stats/expected.csv")"
