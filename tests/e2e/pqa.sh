# End-to-end: lia feedback and lia audits on the fixtures of tests/fixtures/pqa
# (see SOURCES.md there), as JSON, CSV and table, plain and with --suppress.
#
# Feedback, "Neglect: recognising and responding" (Microsoft Forms exports):
#   12 June 2019, 12 responses; 3 July 2019, 3 responses; a follow-up form
#   from 5 of the first 12.  Counted by hand from the files:
#   useful      5 5 4 5 4 5 2 4 5 4 5 4 | 3 4 5: n 15; n_2 1, n_3 1, n_4 6, n_5 7;
#               mean 64/15; top two (4, 5) 13 of 15
#   confidence  14 people answered both (the last on 3 July left "before"
#               blank); changes 2 1 1 2 1 2 0 1 2 1 1 2 1 0
#   used        Yes 4, No 1: top point 4 of 5
#   stages      post 15 responses; follow-up 5, all matched: attrition 1 - 5/15
# Audits, a two-cycle multi-agency neglect audit, 10 cases a cycle:
#   N1 4 of 10 met, then 8 of 10; N2 6 of 9 (one n/a), then 7 of 10;
#   N3 2 of 10, then 3 of 9 (one n/a).
# Every interval and p from R 4.2.2, the call beside it.
. tests/lib.sh

P="$FIX/pqa"
# |a - b| <= 1e-9 |b| (jq)
near() { jq -e --argjson want "$2" "(($1) - \$want) | fabs <= 1e-9 * (\$want | fabs)" "$3" >/dev/null; }
check_near() {	# NAME JQ-EXPR R-VALUE FILE
    if near "$2" "$3" "$4"; then ok "$1"
    else not_ok "$1" "expected $3" "actual $(jq "$2" "$4")"; fi
}

check_rc "import the post-course form" 0 "$LIA" import feedback "$P/feedback_msforms_post.csv" \
    --profile msforms --date-order dmy --map "$P/feedback_post.map" --format json
check_eq "15 responses loaded" "15 15 0" "$(jq -r '"\(.read) \(.loaded) \(.rejected)"' "$WORK/out")"
check_rc "import the follow-up form" 0 "$LIA" import feedback "$P/feedback_msforms_followup.csv" \
    --profile msforms --date-order dmy --map "$P/feedback_followup.map" --stage follow-up --format json
check_eq "5 follow-up responses loaded" "5 5 0" "$(jq -r '"\(.read) \(.loaded) \(.rejected)"' "$WORK/out")"

# --- feedback as JSON ----------------------------------------------------------------
check_rc "feedback --format json" 0 "$LIA" feedback --format json
J="$WORK/fb.json"
cp "$WORK/out" "$J"
check_eq "envelope" '["analysis","notes","overall","pairs","params","questions","stages"]' "$(jq -c keys "$J")"
check_eq "questions in code order, free text left out" "confidence_end confidence_start recommend used useful" \
    "$(jq -r '[.questions[].question] | join(" ")' "$J")"
Q='.questions[] | select(.question == "useful")'
check_eq "useful: n and the answers per point" "15 0 1 1 6 7 false" \
    "$(jq -r "$Q"' | "\(.n) \(.n_1) \(.n_2) \(.n_3) \(.n_4) \(.n_5) \(.small_n)"' "$J")"
check_near "useful: mean 64/15" "$Q | .mean" 4.2666666666666666 "$J"
# t.test(c(5,5,4,5,4,5,2,4,5,4,5,4,3,4,5))$conf.int: 3.7772815553494348 4.7560517779838989
check_near "useful: t interval low" "$Q | .mean_ci_low" 3.7772815553494348 "$J"
check_near "useful: t interval high" "$Q | .mean_ci_high" 4.7560517779838989 "$J"
check_near "useful: top2 13/15" "$Q | .top2" 0.8666666666666667 "$J"
# prop.test(13, 15, correct = FALSE)$conf.int: 0.62118017167677642 0.96263874089693469
check_near "useful: Wilson low" "$Q | .top2_ci_low" 0.62118017167677642 "$J"
check_near "useful: Wilson high" "$Q | .top2_ci_high" 0.96263874089693469 "$J"
U='.questions[] | select(.question == "used")'
check_eq "used (yes/no): n 5, the top point alone, small" "5 1 4 0.8 true" \
    "$(jq -r "$U"' | "\(.n) \(.n_0) \(.n_1) \(.top2) \(.small_n)"' "$J")"
check_eq "recommend 0-10: eleven points" "0 1 2 3 5 4 9" \
    "$(jq -r '.questions[] | select(.question == "recommend") | "\(.n_5) \(.n_6) \(.n_7) \(.n_8) \(.n_9) \(.n_10) \(.top2 * 15 | round)"' "$J")"

# R 4.2.2: b <- c(2,3,2,1,3,2,3,4,2,3,2,1,2,3); a <- c(4,4,3,3,4,4,3,5,4,4,3,3,3,3)
# t.test(a, b, paired = TRUE): 1.2142857142857142, CI 0.81052583747635309
# 1.6180455910950755, t 6.4971904040182951, df 13, p 2.0123754997020218e-05;
# wilcox.test(a, b, paired = TRUE): V 78, p 0.0018548454863670685 (ties, zeros);
# d <- a - b; mean(d) / sd(d): 1.7364471763194158
check_eq "pair: keys and counts" "confidence confidence_start confidence_end 14 13" \
    "$(jq -r '.pairs[0] | "\(.question) \(.before) \(.after) \(.n_pairs) \(.df)"' "$J")"
check_near "pair: mean change" '.pairs[0].mean_change' 1.2142857142857142 "$J"
check_near "pair: ci_low" '.pairs[0].ci_low' 0.81052583747635309 "$J"
check_near "pair: ci_high" '.pairs[0].ci_high' 1.6180455910950755 "$J"
check_near "pair: t" '.pairs[0].t' 6.4971904040182951 "$J"
check_near "pair: p_t" '.pairs[0].p_t' 2.0123754997020218e-05 "$J"
check_near "pair: p_wilcoxon" '.pairs[0].p_wilcoxon' 0.0018548454863670685 "$J"
check_near "pair: d_z" '.pairs[0].d_z' 1.7364471763194158 "$J"
check_eq "stages" "post 15 15 null null|follow_up 5 5 5 0.6666666666666667" \
    "$(jq -r '[.stages[] | "\(.stage) \(.responses) \(.respondents) \(.matched) \(.attrition)"] | join("|")' "$J")"
check_eq "a note for the small follow-up" "1" \
    "$(jq '[.notes[] | select(startswith("stage follow_up: 5 responses, below 10"))] | length' "$J")"

# --- filters and grouping -------------------------------------------------------------
check_rc "feedback --by session --format json" 0 "$LIA" feedback --by session --format json
check_eq "useful per session" "Neglect: recognising and responding 2019-06-12 12 false|Neglect: recognising and responding 2019-07-03 3 true" \
    "$(jq -r '[.questions[] | select(.question == "useful") | "\(.session) \(.n) \(.small_n)"] | join("|")' "$WORK/out")"
check_rc "feedback --stage follow-up --format json" 0 "$LIA" feedback --stage follow-up --format json
check_eq "follow-up only: used" "used 5" "$(jq -r '[.questions[] | "\(.question) \(.n)"] | join("|")' "$WORK/out")"
check_rc "feedback --period 2019/20 --from: a usage error" 2 "$LIA" feedback --period 2019/20 --from 2019-01-01
check_rc "feedback --stage during: a usage error" 2 "$LIA" feedback --stage during
check_grep "the stage words named" "baseline, post or follow-up" "$WORK/err"
check_rc "feedback --by agency: a usage error" 2 "$LIA" feedback --by agency
check_rc "feedback --course NOPE: a data error" 1 "$LIA" feedback --course NOPE
check_grep "the course named" "no course named 'NOPE'" "$WORK/err"

# Every rated answer after the training as one: the post stage's answers to
# questions not half of a before/after pair, on a closed scale.  recommend
# (0-10; top two 9 and 10): 5 + 4 = 9 of 15; useful (1-5; top two 4 and 5):
# 6 + 7 = 13 of 15; used is asked at follow-up only, confidence_start and
# confidence_end are the pair.  22 of 30; prop.test(22, 30, correct = FALSE)
# $conf.int (R 4.2.2): 0.55552038304811113 0.85817336680403666
check_eq "overall: post, 2 questions, 22 of 30 in the top two" "post 2 30 22 false" \
    "$(jq -r '.overall[0] | "\(.stage) \(.questions) \(.answers) \(.top2_count) \(.small_n)"' "$J")"
check_near "overall: top two 22/30" '.overall[0].top2' 0.73333333333333328 "$J"
check_near "overall: Wilson low" '.overall[0].top2_ci_low' 0.55552038304811113 "$J"
check_near "overall: Wilson high" '.overall[0].top2_ci_high' 0.85817336680403666 "$J"
# In a copy of the database, the course given two themes: by theme each answer is
# in two groups, and still counts once as a whole.
cp "$LIA_DB" "$WORK/themes.db"
printf 'course_code,themes\n"Neglect: recognising and responding",Neglect;Graded care\n' >"$WORK/c2.csv"
check_rc "the course given two themes" 0 "$LIA" --db "$WORK/themes.db" import courses "$WORK/c2.csv"
check_rc "feedback --by theme --format json" 0 "$LIA" --db "$WORK/themes.db" feedback --by theme --format json
check_eq "by theme: useful in both themes' groups" "Graded care 15|Neglect 15" \
    "$(jq -r '[.questions[] | select(.question == "useful") | "\(.theme) \(.n)"] | join("|")' "$WORK/out")"
check_eq "overall by theme: each answer once" "30 22" \
    "$(jq -r '.overall[0] | "\(.answers) \(.top2_count)"' "$WORK/out")"
check_rc "feedback --stage follow-up --format json" 0 "$LIA" feedback --stage follow-up --format json
check_eq "overall: no row when no post answer passes the filters" 0 "$(jq '.overall | length' "$WORK/out")"

# --- feedback as CSV and as a table -----------------------------------------------------
check_rc "feedback --format csv" 0 "$LIA" feedback --format csv
check_eq "CSV header of the questions" \
    "question,scale,n,n_0,n_1,n_2,n_3,n_4,n_5,n_6,n_7,n_8,n_9,n_10,mean,mean_ci_low,mean_ci_high,top2,top2_ci_low,top2_ci_high,small_n,text" \
    "$(head -1 "$WORK/out")"
check_eq "CSV row of useful" \
    "useful,agreement,15,,0,1,1,6,7,,,,,,4.266666666666667,3.7772815553494348,4.756051777983898,0.8666666666666667,0.6211801716767764,0.9626387408969347,false,The training was relevant and useful to my role" \
    "$(grep '^useful,' "$WORK/out")"
check_rc "feedback (table)" 0 "$LIA" feedback
check_grep "table: the pair, aligned" "^confidence  confidence_start  confidence_end  *14  *2.357  *3.571  *1.214  *0.811  *1.618" "$WORK/out"
check_grep "table: a p below 0.0005 is '<0.001', never 0.000; the Wilcoxon p 0.002" \
    "^confidence  .* 1.618  *6.497  *13.000  *<0.001  *0.002  *1.736 " "$WORK/out"
"$LIA" feedback --format csv | awk -F, '$1 == "question" && $2 == "before" { for (i = 1; i <= NF; i++) c[$i] = i; next }
    c["p_t"] && $1 == "confidence" { print $c["p_t"] "," $c["p_wilcoxon"] }' >"$WORK/p.csv"
# R: 2.0123754997020218e-05 and 0.0018548454863670685 (above), to 13 digits
check_grep "CSV keeps the p's full precision" '^2\.0123754997020[0-9]*e-05,0\.00185484548636[0-9]*$' "$WORK/p.csv"
check_grep "table: the follow-up stage" "^follow_up  *5  *5  *5  *66.7%" "$WORK/out"

# --- feedback, suppressed -----------------------------------------------------------------
check_rc "feedback --suppress 5 --format json" 0 "$LIA" feedback --suppress 5 --format json
S="$WORK/fb5.json"
cp "$WORK/out" "$S"
# useful: n_2 = 1 and n_3 = 1 hidden; so are the mean, top2 and intervals (from the points)
check_eq "useful suppressed: points hidden, n shown" "15 0 null true null true 6 7" \
    "$(jq -r "$Q"' | "\(.n) \(.n_1) \(.n_2) \(.n_2_suppressed) \(.n_3) \(.n_3_suppressed) \(.n_4) \(.n_5)"' "$S")"
check_eq "useful suppressed: mean and top2 hidden" "null true null true" \
    "$(jq -r "$Q"' | "\(.mean) \(.mean_suppressed) \(.top2) \(.top2_ci_low_suppressed)"' "$S")"
# confidence_end: 15 = 0 + 0 + 7 + 7 + 1; n_5 = 1 the only small cell of a row whose n
# is shown: one more goes, the smallest non-zero (n_3 = 7, the first of two 7s; a
# zero hidden beside the 1 would still give it away as their sum)
check_eq "confidence_end: the one small cell and one more hidden" "true 0 true 7" \
    "$(jq -r '.questions[] | select(.question == "confidence_end") | "\(.n_5_suppressed) \(.n_1) \(.n_3_suppressed) \(.n_4)"' "$S")"
check_eq "secondary suppression noted" "1" \
    "$(jq '[.notes[] | select(test("1 further count hidden"))] | length' "$S")"
check_eq "the pair, 14 people, stays" "14 false" "$(jq -r '.pairs[0] | "\(.n_pairs) \(.mean_change_suppressed // false)"' "$S")"
check_rc "feedback --suppress 5 --format csv" 0 "$LIA" feedback --suppress 5 --format csv
check_eq "CSV shows the marker" "useful,agreement,15,,0,<5,<5,6,7,,,,,,<5,<5,<5,<5,<5,<5,false,The training was relevant and useful to my role" \
    "$(grep '^useful,' "$WORK/out")"

# --- audits ------------------------------------------------------------------------------
check_rc "import the two-cycle audit" 0 "$LIA" import audits "$P/audits_two_cycles.csv" --format json
check_eq "60 results loaded" "60 60 0" "$(jq -r '"\(.read) \(.loaded) \(.rejected)"' "$WORK/out")"
check_rc "audits --format json" 0 "$LIA" audits --format json
A="$WORK/au.json"
cp "$WORK/out" "$A"
check_eq "envelope (rows has no total)" '["analysis","changes","notes","overall","params","rag","rows","section11","total","trend"] null' \
    "$(jq -c keys "$A") $(jq -c .total "$A")"
check_eq "rows: standard cycle rated met" \
    "N1 2019/20 10 4|N1 2020/21 10 8|N2 2019/20 9 6|N2 2020/21 10 7|N3 2019/20 10 2|N3 2020/21 9 3" \
    "$(jq -r '[.rows[] | "\(.standard) \(.cycle) \(.rated) \(.met)"] | join("|")' "$A")"
# prop.test(4, 10, correct = FALSE)$conf.int: 0.1681803297062362 0.68732623026634165
check_near "N1 2019/20 compliance" '.rows[0].compliance' 0.4 "$A"
check_near "N1 2019/20 Wilson low" '.rows[0].ci_low' 0.1681803297062362 "$A"
check_near "N1 2019/20 Wilson high" '.rows[0].ci_high' 0.68732623026634165 "$A"
# prop.test(3, 9, correct = FALSE)$conf.int: 0.120583818386911 0.64579786441960374
check_near "N3 2020/21 Wilson low" '.rows[5].ci_low' 0.120583818386911 "$A"
check_near "N3 2020/21 Wilson high" '.rows[5].ci_high' 0.64579786441960374 "$A"
check_eq "N2 2019/20: one n/a, small" "1 true" "$(jq -r '.rows[2] | "\(.not_applicable) \(.small_n)"' "$A")"
# Newcombe as tests/conformance/reference-stats/SOURCE.md computes it, and
# fisher.test: N1 nc(8,10,4,10) 0.4 -0.022558465355208668 0.67254424456747564,
# fisher.test(matrix(c(8,4,2,6),2)) 0.16980233388902138; N2 nc(7,10,6,9)
# 0.033333333333333326 -0.33707974414508507 0.40018245773223238, p 0.99999999999999989;
# N3 nc(3,9,2,10) 0.1333333333333333 -0.24251457494103801 0.47709791687664932,
# fisher.test(matrix(c(3,2,6,8),2)) 0.62848297213622284
check_eq "changes" "N1 2019/20 2020/21|N2 2019/20 2020/21|N3 2019/20 2020/21" \
    "$(jq -r '[.changes[] | "\(.standard) \(.from_cycle) \(.to_cycle)"] | join("|")' "$A")"
check_near "N1 difference" '.changes[0].difference' 0.4 "$A"
check_near "N1 Newcombe low" '.changes[0].ci_low' -0.022558465355208668 "$A"
check_near "N1 Newcombe high" '.changes[0].ci_high' 0.67254424456747564 "$A"
check_near "N1 Fisher" '.changes[0].p_fisher' 0.16980233388902138 "$A"
check_near "N2 Newcombe low" '.changes[1].ci_low' -0.33707974414508507 "$A"
check_near "N2 Newcombe high" '.changes[1].ci_high' 0.40018245773223238 "$A"
check_near "N2 Fisher" '.changes[1].p_fisher' 0.99999999999999989 "$A"
check_near "N3 difference" '.changes[2].difference' 0.1333333333333333 "$A"
check_near "N3 Newcombe low" '.changes[2].ci_low' -0.24251457494103801 "$A"
check_near "N3 Newcombe high" '.changes[2].ci_high' 0.47709791687664932 "$A"
check_near "N3 Fisher" '.changes[2].p_fisher' 0.62848297213622284 "$A"
check_eq "two cycles: no trend, no Section 11, no RAG" "0 0 0" \
    "$(jq -r '"\(.trend | length) \(.section11 | length) \(.rag | length)"' "$A")"
# Each kind as a whole: the cycle's standards pooled.  2019/20: met 4 + 6 + 2 =
# 12 of rated 10 + 9 + 10 = 29; 2020/21: 8 + 7 + 3 = 18 of 10 + 10 + 9 = 29.
# R 4.2.2: prop.test(18, 29, correct = FALSE)$conf.int 0.44002544205988520
# 0.77311977899190154; prop.test(12, 29, ...) 0.25513177341322402
# 0.59262164012121399; Newcombe method 10 from those (p1 = 18/29, p2 = 12/29):
# d = 6/29 = 0.20689655172413796, d - sqrt((p1 - l1)^2 + (u2 - p2)^2) =
# -0.047306523450324711, d + sqrt((u1 - p1)^2 + (p2 - l2)^2) = 0.426915551576687036
check_eq "overall: a row per kind and cycle, pooled" \
    "multi_agency 2019/20 3 29 12 null false|multi_agency 2020/21 3 29 18 2019/20 true" \
    "$(jq -r '[.overall[] | "\(.kind) \(.cycle) \(.standards) \(.rated) \(.met) \(.previous_cycle) \(.latest)"] | join("|")' "$A")"
check_near "overall 2020/21: compliance 18/29" '.overall[1].compliance' 0.62068965517241381 "$A"
check_near "overall 2020/21: Wilson low" '.overall[1].ci_low' 0.44002544205988520 "$A"
check_near "overall 2020/21: Wilson high" '.overall[1].ci_high' 0.77311977899190154 "$A"
check_near "overall 2019/20: Wilson low" '.overall[0].ci_low' 0.25513177341322402 "$A"
check_near "overall: change 6/29" '.overall[1].change' 0.20689655172413796 "$A"
check_near "overall: Newcombe low" '.overall[1].change_ci_low' -0.047306523450324711 "$A"
check_near "overall: Newcombe high" '.overall[1].change_ci_high' 0.426915551576687036 "$A"
check_eq "overall: the first cycle has no change" "null null" \
    "$(jq -r '.overall[0] | "\(.change) \(.change_ci_low)"' "$A")"
check_rc "audits --theme 'voice of the child' --format json" 0 "$LIA" audits --theme "voice of the child" --format json
check_eq "theme filter: N3 only" "N3 N3" "$(jq -r '[.rows[].standard] | join(" ")' "$WORK/out")"
check_rc "audits --kind s11: a usage error" 2 "$LIA" audits --kind s11

check_rc "audits --format csv" 0 "$LIA" audits --format csv
check_eq "CSV: the first change" \
    "multi_agency,N1,2019/20,2020/21,10,4,10,8,0.4,-0.022558465355208668,0.6725442445674756,0.16980233388902102,false" \
    "$(grep '^multi_agency,N1,2019/20,2020/21' "$WORK/out")"
check_rc "audits (table)" 0 "$LIA" audits
check_grep "table: N1 2020/21" "^multi_agency  N1  *Neglect recognised at first contact  *Neglect  *2020/21  *10  *8  *0  *80.0%  *49.0%  *94.3%" "$WORK/out"

# --- audits, suppressed -------------------------------------------------------------------
check_rc "audits --suppress 5 --format json" 0 "$LIA" audits --suppress 5 --format json
check_eq "N1 2019/20: met 4 hidden with its compliance" "10 null true null true" \
    "$(jq -r '.rows[0] | "\(.rated) \(.met) \(.met_suppressed) \(.compliance) \(.ci_high_suppressed)"' "$WORK/out")"
check_eq "N1 change hidden with the count it comes from" "null true null true 8" \
    "$(jq -r '.changes[0] | "\(.from_met) \(.from_met_suppressed) \(.difference) \(.p_fisher_suppressed) \(.to_met)"' "$WORK/out")"
# 2020/21 pools N1 8, N2 7 and N3 3: with 3 hidden and 18 shown, 3 = 18 - 8 - 7,
# so the smallest other, N2's 7, goes too; in the rows, in the changes that
# repeat it, and with them N2's compliance and change.  2019/20 hides 4 and 2
# (two already): nothing more.  Both pooled totals stay, and so the change.
check_eq "N2 2020/21: met 7 hidden beside N3's 3, in the rows and the changes" \
    "null true null true null true" \
    "$(jq -r '"\(.rows[3].met) \(.rows[3].met_suppressed) \(.changes[1].to_met) \(.changes[1].to_met_suppressed) \(.changes[1].difference) \(.changes[1].difference_suppressed)"' "$WORK/out")"
check_eq "N1 2020/21 stays, and N2 2019/20" "8 6" "$(jq -r '"\(.rows[1].met) \(.rows[2].met)"' "$WORK/out")"
check_eq "overall: both cycles' totals and the change stay" "12 18 0.20689655172413796" \
    "$(jq -r '"\(.overall[0].met) \(.overall[1].met) \(.overall[1].change)"' "$WORK/out")"
check_eq "overall: the further count is noted" 1 \
    "$(jq '[.notes[] | select(test("^[0-9]+ further counts? hidden"))] | length' "$WORK/out")"
check_rc "audits --suppress 5 (table)" 0 "$LIA" audits --suppress 5
check_grep "table: the marker" "^multi_agency  N1  *Neglect recognised at first contact  *Neglect  *2019/20  *10  *<5  *0  *<5  *<5  *<5" "$WORK/out"
check_grep "the rule said" "^suppression: counts of people from 1 to 4" "$WORK/out"

# --- charts ------------------------------------------------------------------------------
for c in likert confidence-change audit-heatmap audit-change; do
    check_grep "chart --help lists $c" "^  $c " <("$LIA" chart --help)
done
check_rc "chart likert" 0 "$LIA" chart likert -o "$WORK/likert.png"
check_eq "likert PNG 480x320 pt at 150 dpi" "1000x667" "$(png_size "$WORK/likert.png")"
check_rc "chart confidence-change" 0 "$LIA" chart confidence-change -o "$WORK/cc.png"
check_eq "confidence-change PNG 480x260 pt at 150 dpi" "1000x542" "$(png_size "$WORK/cc.png")"
check_rc "chart audit-heatmap" 0 "$LIA" chart audit-heatmap -o "$WORK/hm.png"
check_eq "audit-heatmap PNG 480x300 pt at 150 dpi" "1000x625" "$(png_size "$WORK/hm.png")"
check_rc "chart audit-change" 0 "$LIA" chart audit-change -o "$WORK/ac.png"
check_eq "audit-change PNG 480x300 pt at 150 dpi" "1000x625" "$(png_size "$WORK/ac.png")"
check_rc "chart likert --kind: not a feedback option" 2 "$LIA" chart likert --kind s175 -o "$WORK/x.png"
check_rc "chart audit-heatmap --stage: not an audit option" 2 "$LIA" chart audit-heatmap --stage post -o "$WORK/x.png"

# The text the charts draw, from PDFs: the numbers, and with --suppress 5 the marker in their place.
check_rc "chart audit-heatmap as PDF" 0 "$LIA" chart audit-heatmap -o "$WORK/hm.pdf"
pdftotext -layout "$WORK/hm.pdf" "$WORK/hm.txt" 2>/dev/null
check_grep "heatmap: N1 at 40% and 80%" "^ *40% *80%$" "$WORK/hm.txt"
check_grep "heatmap: N2 at 67% and 70%" "N2 Graded Care Profile 2 used *67% *70%" "$WORK/hm.txt"
check_rc "chart audit-heatmap --suppress 5 as PDF" 0 "$LIA" chart audit-heatmap --suppress 5 -o "$WORK/hm5.pdf"
pdftotext -layout "$WORK/hm5.pdf" "$WORK/hm5.txt" 2>/dev/null
check_grep "suppressed heatmap: the marker for N1 2019/20" "^ *<5 *80%$" "$WORK/hm5.txt"
check_grep "suppressed heatmap: N3 both hidden" "N3 Child's lived experience recorded *<5 *<5" "$WORK/hm5.txt"
check_no_grep "suppressed heatmap: no 40%" "40%" "$WORK/hm5.txt"
check_no_grep "suppressed heatmap: no 20%" "20%" "$WORK/hm5.txt"
check_rc "chart audit-change --suppress 5 as PDF" 0 "$LIA" chart audit-change --suppress 5 -o "$WORK/ac5.pdf"
pdftotext "$WORK/ac5.pdf" "$WORK/ac5.txt" 2>/dev/null
check_grep "suppressed dumbbell: N1 hidden in the note" "N1 hidden" "$WORK/ac5.txt"
check_grep "suppressed dumbbell: N2 hidden too (its 2020/21 met protects N3's)" "N2 hidden" "$WORK/ac5.txt"
check_no_grep "suppressed dumbbell: no N2 difference" "3.3%" "$WORK/ac5.txt"
check_no_grep "suppressed dumbbell: no 40% for N1" "+40 pts" "$WORK/ac5.txt"
check_rc "chart likert --suppress 5 as PDF" 0 "$LIA" chart likert --suppress 5 -o "$WORK/lk5.pdf"
pdftotext "$WORK/lk5.pdf" "$WORK/lk5.txt" 2>/dev/null
check_no_grep "suppressed likert: no shares" "47%" "$WORK/lk5.txt"
# Every five-point question has a hidden answer under --suppress 5 (useful's
# n_2 and n_3, say), but no n under 5: each bar is hatched and says its n as
# the table shows it, never "n <5".
check_grep "suppressed likert: useful's n shown beside its hidden answers" '^ *useful  *n = 15$' <(pdftotext -layout "$WORK/lk5.pdf" -)
check_no_grep "suppressed likert: no n drawn as the marker" 'n <5' "$WORK/lk5.txt"
check_rc "chart likert --suppress 20 as PDF" 0 "$LIA" chart likert --suppress 20 -o "$WORK/lk20.pdf"
check_grep "--suppress 20: an n of 15 hidden, drawn as the marker" '^ *useful  *n <20$' <(pdftotext -layout "$WORK/lk20.pdf" -)
check_rc "chart confidence-change as PDF" 0 "$LIA" chart confidence-change -o "$WORK/cc.pdf"
pdftotext "$WORK/cc.pdf" "$WORK/cc.txt" 2>/dev/null
check_grep "forest: the mean change and its interval" "1.21 (0.81 to 1.62)" "$WORK/cc.txt"
check_grep "forest: n pairs in the note" "n pairs: confidence 14" "$WORK/cc.txt"
