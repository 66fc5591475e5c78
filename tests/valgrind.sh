#!/bin/sh
# Runs a program under valgrind's memcheck for `make check-valgrind`: any
# memory error, or a block definitely lost, fails the program (exit 99)
# and the log of each run stays in $VG_LOGS.  Reachable blocks are
# fontconfig's and GLib's caches, kept for the life of the process.
logs=${VG_LOGS:-build/valgrind}
mkdir -p "$logs"
exec valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$(dirname "$0")/valgrind.supp" \
    --log-file="$logs/%p.log" "$@"
