# Bench: a 40-agency reach bar chart (coverage with Wilson whiskers) written
# to PNG by a whole `lia chart reach-by-agency` process, against the same
# chart drawn by a small matplotlib script (python3-matplotlib, Debian),
# run alternately; prints both medians and the ratio.  Target: lia at least
# 8 times faster.  Skips until `lia chart --help` lists reach-by-agency.
set -u
top=$(pwd)
: "${LIA:=$top/build/lia}"
: "${BENCH:=$top/build/bench}"
RUNS=${RUNS:-11}

if ! "$LIA" chart --help 2>/dev/null | grep -q '^  reach-by-agency '; then
    echo "skipped: lia chart reach-by-agency not available yet"
    exit 0
fi

PY=/usr/bin/python3
if ! "$PY" -c 'import matplotlib' 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing python3-matplotlib"
        inst() {
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                python3-matplotlib >/dev/null 2>&1
        }
        inst || { apt-get update -q >/dev/null 2>&1 && inst; } ||
            { echo "cannot install python3-matplotlib"; exit 1; }
    else
        echo "skipped: python3-matplotlib is missing (apt-get install python3-matplotlib)"
        exit 0
    fi
fi

dir="$BENCH/chart"
rm -rf "$dir"
mkdir -p "$dir"
db="$dir/reach.db"

# 40 agencies: workforce returns and a year of attendance at one course.
awk 'BEGIN {
    srand(30);
    print "course_code,course_title,level" > "'"$dir"'/courses.csv";
    print "L3,Level 3 Safeguarding Children,3" > "'"$dir"'/courses.csv";
    print "agency,period,headcount,sector" > "'"$dir"'/workforce.csv";
    print "agency,course_code,session_date,practitioner_id,status" > "'"$dir"'/attendance.csv";
    for (a = 1; a <= 40; a++) {
        name = sprintf("Agency %02d %s", a, (a % 3 == 0) ? "NHS Foundation Trust" : (a % 3 == 1) ? "Council Children'"'"'s Services" : "Police and Partners");
        head = 40 + int(rand() * 1500);
        if (a == 40) head = 3;
        printf "\"%s\",2019/20,%d,public\n", name, head >> "'"$dir"'/workforce.csv";
        trained = int(head * (0.2 + rand() * 0.7));
        for (p = 1; p <= trained; p++) {
            m = 4 + int(rand() * 12); y = 2019; if (m > 12) { m -= 12; y = 2020 }
            printf "\"%s\",L3,%04d-%02d-%02d,A%02dP%05d,attended\n", name, y, m, 1 + int(rand() * 28), a, p >> "'"$dir"'/attendance.csv";
        }
    }
}'
for k in courses workforce attendance; do
    "$LIA" --db "$db" import "$k" "$dir/$k.csv" >/dev/null || { echo "import $k failed"; exit 1; }
done
"$LIA" --db "$db" reach --by agency --period 2019/20 --format json -o "$dir/reach.json" ||
    { echo "lia reach failed"; exit 1; }

cat >"$dir/reach.py" <<'PY'
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
rows = json.load(open(sys.argv[1]))["rows"]
names = [r["agency"] for r in rows]
cov = [r["coverage"] or 0 for r in rows]
lo = [(r["coverage"] or 0) - (r["coverage_ci_low"] or 0) for r in rows]
hi = [(r["coverage_ci_high"] or 0) - (r["coverage"] or 0) for r in rows]
fig, ax = plt.subplots(figsize=(6, 8.5))
ax.barh(range(len(rows)), cov, xerr=[lo, hi], color="#0072B2", capsize=2)
ax.set_yticks(range(len(rows)))
ax.set_yticklabels(names, fontsize=6)
ax.invert_yaxis()
ax.set_xlim(0, 1)
ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
ax.set_title("Safeguarding training reach by agency")
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=150)
PY

now() { date +%s.%N; }
: >"$dir/lia.times"
: >"$dir/mpl.times"
for i in $(seq "$RUNS"); do
    t0=$(now)
    "$LIA" --db "$db" chart reach-by-agency --period 2019/20 -o "$dir/lia.png" --width 432 --height 612 ||
        { echo "lia chart failed"; exit 1; }
    t1=$(now)
    "$PY" "$dir/reach.py" "$dir/reach.json" "$dir/mpl.png" || { echo "matplotlib failed"; exit 1; }
    t2=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$dir/lia.times"
    awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }' >>"$dir/mpl.times"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ml=$(median "$dir/lia.times")
mm=$(median "$dir/mpl.times")
printf 'reach-by-agency, 40 agencies, PNG 900 px wide, %d runs each, alternating\n' "$RUNS"
printf '  lia chart:   median %.3f s\n' "$ml"
printf '  matplotlib:  median %.3f s\n' "$mm"
awk -v l="$ml" -v m="$mm" 'BEGIN { r = m / l; v = (r >= 8) ? "met" : "NOT MET"; printf "  ratio: lia is %.1f times faster (target: at least 8): %s\n", r, v; exit !(r >= 8) }'
