#!/bin/sh
# Runs a program under valgrind's memcheck for `make check-valgrind`: any
# memory error, or a block definitely lost, fails the program (exit 99)
# and the log of each run stays in $VG_LOGS.  Reachable blocks are
# fontconfig's and GLib's caches, kept for the life of the process.
#
# With VG_PER=N (CI sets 1), only the first N runs of each command run
# under memcheck: a command is lia's command word with, for import, chart
# and report, the word after it (import feedback, chart likert, report
# board), so every command and every kind is checked N times and the rest
# run as they are, fast.  Unset or 0: every run.
logs=${VG_LOGS:-build/valgrind}
mkdir -p "$logs"
per=${VG_PER:-0}
if [ "$per" -gt 0 ]; then
    key= skip=0 want=1
    for a in "$@"; do
        [ "$a" = "$1" ] && [ -z "$key" ] && [ "$want" = 1 ] && want=2 && continue
        if [ "$skip" = 1 ]; then skip=0; continue; fi
        case $a in
        --db) skip=1 ;;
        -*) ;;
        *)  key=${key:+$key-}$a
            case $key in import|chart|report) ;; *) break ;; esac ;;
        esac
    done
    key=$(printf '%s' "${key:-none}" | tr -c 'A-Za-z0-9_.-' '_' | cut -c1-60)
    mkdir -p "$logs/keys"
    i=1 mine=
    while [ "$i" -le "$per" ]; do
        if mkdir "$logs/keys/$key.$i" 2>/dev/null; then mine=1; break; fi
        i=$((i + 1))
    done
    [ -n "$mine" ] || exec "$@"
fi
exec valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$(dirname "$0")/valgrind.supp" \
    --log-file="$logs/%p.log" "$@"
