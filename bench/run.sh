#!/bin/sh
# make bench: runs every bench/NN-*.sh in order.  They share the folder
# build/bench (generated data, databases), so later ones may use what the
# earlier made (the reach bench uses the 5,000,000-row database of the import
# bench).  Each prints its own figures; the run fails if one fails.
top=$(cd "$(dirname "$0")/.." && pwd)
export LIA="$top/build/lia"
export BENCH="$top/build/bench"
mkdir -p "$BENCH"
status=0
for f in "$top"/bench/[0-9][0-9]-*.sh; do
    [ -f "$f" ] || continue
    echo "== $(basename "$f")"
    (cd "$top" && bash "$f") || status=1
done
exit $status
