# End-to-end: crash safety of the files lia writes for people (issue 16
# point 3; the import's in crash_import.sh).  lia chart (PNG and PDF), lia
# report (PDF and HTML) and an analysis's -o FILE are killed with SIGKILL
# at writes spread over their output, through tests/crash/killat.c (a
# preload library that counts the calls that write files and stdio's
# writes): each time the previous file stays whole under its name (the
# output goes to a temporary file renamed into place), and a finished one
# is mode 0600 under umask 022.
. tests/lib.sh

KILLAT=$(dirname "$LIA")/tests/killat.so
if [ -n "${RUNNER:-}" ]; then
    # Under valgrind the preload would count valgrind's own writes.
    ok "# SKIP under valgrind: the kill points count the program's own writes"
    exit 0
fi
if [ ! -f "$KILLAT" ]; then
    not_ok "the preload library is built" "missing: $KILLAT (make test builds it)"
    exit 1
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
for k in courses workforce attendance; do
    "$LIA" import "$k" "$FIX/reach/$k.csv" >/dev/null
done
mkdir "$WORK/out"
# kill_output NAME FILE COMMAND...: a good FILE first, then the command
# killed at each of its writes to the file; each time FILE is the good one.
kill_output() {
    name=$1 file=$2; shift 2
    rm -f "$WORK/calls2"
    KILLAT_LOG="$WORK/calls2" LD_PRELOAD="$KILLAT" "$@" >/dev/null 2>&1
    cp "$file" "$WORK/good"
    # 9 writes spread over the file, and its last three calls (the flush,
    # the sync, the rename)
    points=$(awk -v f="$(basename "$file")" '{ n = split($3, p, "/") } index(p[n], f) { print $1 }' "$WORK/calls2" |
        awk '{ a[NR] = $1 } END { for (i = 0; i < 9 && i < NR - 3; i++) print a[1 + int(i * (NR - 4) / 8)];
            for (i = NR - 2; i <= NR; i++) if (i >= 1) print a[i] }' | sort -un)
    kills=0 bad=""
    for k in $points; do
        { (KILLAT_N=$k LD_PRELOAD="$KILLAT" exec "$@" >/dev/null 2>&1); } 2>/dev/null
        rc=$?
        [ "$rc" -eq 137 ] || bad="$bad $k:exit$rc"
        cmp -s "$file" "$WORK/good" || bad="$bad $k:changed"
        kills=$((kills + 1))
    done
    check_eq "$name killed at $kills of its writes: the previous file whole each time" "" "$bad"
    # a finished one replaces it, mode 0600
    rm -f "$file"
    "$@" >/dev/null 2>&1
    check_eq "$name finished: mode 600" 600 "$(stat -c %a "$file")"
}
umask 022
kill_output "lia chart (PNG)" "$WORK/out/reach.png" "$LIA" chart reach-by-agency -o "$WORK/out/reach.png"
kill_output "lia chart (PDF)" "$WORK/out/reach.pdf" "$LIA" chart reach-by-agency -o "$WORK/out/reach.pdf"
kill_output "lia report board (PDF)" "$WORK/out/board.pdf" "$LIA" report board -o "$WORK/out/board.pdf"
kill_output "lia report board (HTML)" "$WORK/out/board.html" "$LIA" report board -o "$WORK/out/board.html"
kill_output "lia reach -o (CSV)" "$WORK/out/reach.csv" "$LIA" reach --by agency --format csv -o "$WORK/out/reach.csv"
leftover=$(ls -A "$WORK/out" | grep -c '^\.')
echo "# temporary files a SIGKILL left beside the outputs (it cannot remove them): $leftover"
check_eq "no output under its final name is partial: each opens" "ok" \
    "$(pdfinfo "$WORK/out/board.pdf" >/dev/null 2>&1 && pdfinfo "$WORK/out/reach.pdf" >/dev/null 2>&1 && echo ok)"
