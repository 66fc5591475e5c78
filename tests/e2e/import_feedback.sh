# End-to-end: lia import feedback on tests/fixtures/feedback/, each file in
# its tool's real shape: a Microsoft Forms export (whole sentences as
# headers, "anonymous" e-mail, a quoted answer over two lines) read with the
# ten-line map of docs/feedback-map.md; a Google Forms baseline and a
# LimeSurvey follow-up of the same session (stages matched by respondent);
# a SurveyMonkey export with its second header row; a plain file with a
# stage column and confidence_before / confidence_after.  Counts, stored
# values and the absence of every e-mail, name and IP address are checked.
. tests/lib.sh

F="$FIX/feedback"
NEG="Neglect: recognising and responding"
counts() { jq -r '"\(.read) \(.loaded) \(.duplicates) \(.rejected) \(.warnings) \(.status)"' "$WORK/out"; }
reasons() { jq -r '[.rejects[] | "\(.line) \(.reason)"] | join("|")' "$WORK/out"; }
batch() { sql "SELECT max(id) FROM import_batch"; }
answer() {	# question-code stage respondent-email -> value|text
    k=$(printf '%s' "$3" | tr 'A-Z' 'a-z')
    sql "SELECT a.value, a.text FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id
         JOIN question q ON q.id = a.question_id
         WHERE q.code = '$1' AND r.stage = '$2' AND r.respondent = (SELECT respondent FROM feedback_response
         WHERE batch_id = (SELECT id FROM import_batch WHERE source LIKE '%$4') ORDER BY id LIMIT 1 OFFSET $5)"
}

# --- Microsoft Forms with a map file ------------------------------------------------
# (a form exported in a UK locale: its dates day first, where the profile's
# default is the US month first; nothing in it proves either)
check_rc "msforms --dry-run" 0 "$LIA" import feedback "$F/msforms_post.csv" --profile msforms --date-order dmy --map "$F/msforms.map" --dry-run --format json
check_eq "dry run counts" "6 3 1 2 0 dry_run" "$(counts)"
check_eq "dry run: nothing stored" "0 0" "$(sql 'SELECT count(*) FROM question') $(sql 'SELECT count(*) FROM feedback_response')"
check_rc "msforms --strict rolls back" 1 "$LIA" import feedback "$F/msforms_post.csv" --profile msforms --date-order dmy --map "$F/msforms.map" --strict
check_rc "import msforms" 0 "$LIA" import feedback "$F/msforms_post.csv" --profile msforms --date-order dmy --map "$F/msforms.map" --format json
# 6 responses: Jo, Sam and an anonymous one loaded; Jo again (upper-case
# e-mail) a duplicate; Kim's recommend of 11 and Lee's 'Stronly agree' rejected.
check_eq "msforms: 6 read, 3 loaded, 1 duplicate, 2 rejected" "6 3 1 2 0 committed" "$(counts)"
check_rc "msforms rejects" 0 "$LIA" rejects --format json
check_eq "rejects name the question and the answer" \
    "6 question 'recommend': 11 is outside its likelihood scale 0-10|7 question 'useful': 'Stronly agree' is not an answer on its agreement scale" \
    "$(reasons)"
check_eq "questions from the map, with the header sentence as text" \
    "change|text||||||What will you do differently as a result of this training? confidence_end|confidence|1.0|5.0|2|neglect_confidence|after|After the training, how confident do you feel to recognise and respond to neglect? confidence_start|confidence|1.0|5.0|2|neglect_confidence|before|Before the training, how confident did you feel to recognise and respond to neglect? recommend|likelihood|0.0|10.0|1|||How likely are you to recommend this training to a colleague? (0 = not at all likely, 10 = extremely likely) trainer|agreement|1.0|5.0|1|||The trainer was knowledgeable and engaging useful|agreement|1.0|5.0|1|||The training was relevant and useful to my role" \
    "$(sql "SELECT code, scale, scale_min, scale_max, kirkpatrick, pair_code, pair_role, text FROM question ORDER BY code" | tr '\n' ' ' | sed 's/ $//')"
check_eq "the session from the course and date columns" "$NEG|2019-06-12|3" \
    "$(sql "SELECT c.code, s.date, count(*) FROM feedback_response r JOIN session s ON s.id = r.session_id JOIN course c ON c.id = s.course_id GROUP BY s.id")"
check_eq "Jo's answers: Likert words as scores" "useful 5.0|trainer 4.0|confidence_start 3.0|confidence_end 5.0|recommend 9.0" \
    "$(sql "SELECT group_concat(q.code || ' ' || a.value, '|') FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE a.response_id = (SELECT min(id) FROM feedback_response) AND a.value IS NOT NULL")"
check_eq "case-insensitive Likert: useful 'agree', trainer 'STRONGLY AGREE'" "trainer 5.0|useful 4.0" \
    "$(sql "SELECT group_concat(x, '|') FROM (SELECT q.code || ' ' || a.value AS x FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE a.response_id = (SELECT min(id) + 1 FROM feedback_response) AND q.code IN ('useful', 'trainer') ORDER BY q.code)")"
check_eq "the anonymous response has no respondent; N/A is missing, not zero" "1|0|3.0" \
    "$(sql "SELECT count(*), (SELECT count(*) FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE q.code = 'trainer' AND a.response_id = r.id), (SELECT value FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE q.code = 'useful' AND a.response_id = r.id) FROM feedback_response r WHERE respondent IS NULL")"
check_eq "free text kept, an e-mail in it removed" "Share information sooner;
email the team at [e-mail removed]" \
    "$(sql "SELECT a.text FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE q.code = 'change' AND a.text LIKE 'Share%'" | tr -d '\r')"
check_eq "response dates from Completion time" "2019-06-12" "$(sql "SELECT DISTINCT date FROM feedback_response")"
check_rc "same file again" 0 "$LIA" import feedback "$F/msforms_post.csv" --profile msforms --date-order dmy --map "$F/msforms.map" --format json
check_eq "already imported" "already_imported" "$(jq -r .status "$WORK/out")"

# --- Google Forms baseline and LimeSurvey follow-up of the same session -------------
check_rc "import googleforms baseline" 0 "$LIA" import feedback "$F/googleforms_baseline.csv" --profile googleforms --course "$NEG" --date 12/06/2019 --stage baseline --format json
check_eq "googleforms: 3 loaded" "3 3 0 0 0 committed" "$(counts)"
check_rc "import limesurvey follow-up" 0 "$LIA" import feedback "$F/limesurvey_followup.csv" --profile limesurvey --course "$NEG" --date 12/06/2019 --stage follow-up --format json
check_eq "limesurvey: 3 loaded" "3 3 0 0 0 committed" "$(counts)"
Q=how_confident_do_you_feel_to_recognise_and_respond_cb4d27c5
check_eq "one question for the same sentence in both tools (a long header: cut, with a hash)" \
    "$Q|confidence|2" "$(sql "SELECT code, scale, count(*) FROM question q JOIN feedback_answer a ON a.question_id = q.id WHERE q.code LIKE 'how_confident%' GROUP BY q.id" | sed 's/|[0-9]*$//')|$(sql "SELECT count(DISTINCT r.stage) FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id JOIN question q ON q.id = a.question_id WHERE q.code = '$Q'")"
# Jo (Jo.Bloggs@ in Google, jo.bloggs@ in LimeSurvey): 2 -> 5; Sam: 1 -> 4;
# Alex only at baseline; the third LimeSurvey response is anonymous.
check_eq "baseline -> follow-up matched by respondent" "1.0|4.0 2.0|5.0" \
    "$(sql "SELECT b.value, f.value FROM feedback_response rb JOIN feedback_answer b ON b.response_id = rb.id
            JOIN feedback_response rf ON rf.respondent = rb.respondent AND rf.session_id = rb.session_id AND rf.stage = 'follow_up'
            JOIN feedback_answer f ON f.response_id = rf.id AND f.question_id = b.question_id
            WHERE rb.stage = 'baseline' AND b.question_id = (SELECT id FROM question WHERE code = '$Q') ORDER BY b.value" | tr '\n' ' ' | sed 's/ $//')"
check_eq "Jo and Sam answered at all three stages (Microsoft Forms post too)" 2 \
    "$(sql "SELECT count(*) FROM (SELECT respondent FROM feedback_response WHERE respondent IS NOT NULL GROUP BY respondent HAVING count(DISTINCT stage) = 3)")"
check_eq "LimeSurvey matrix subquestions are yes/no questions" "yes_no|2.0 yes_no|1.0" \
    "$(sql "SELECT q.scale, sum(a.value) FROM question q JOIN feedback_answer a ON a.question_id = q.id WHERE q.code LIKE 'since_the_training%' GROUP BY q.id ORDER BY q.code DESC" | tr '\n' ' ' | sed 's/ $//')"
check_eq "LimeSurvey's Date submitted is the response date" "2019-09-12 2019-09-13" \
    "$(sql "SELECT group_concat(DISTINCT date) FROM (SELECT date FROM feedback_response WHERE stage = 'follow_up' ORDER BY date)" | tr ',' ' ')"

# --- SurveyMonkey: two header rows ------------------------------------------------------
check_rc "import surveymonkey" 0 "$LIA" import feedback "$F/surveymonkey_post.csv" --profile surveymonkey --course SCRLE --date 20/06/2019 --format json
# 4 responses (the second header row is not one): Morgan's 7 on a 1-5 scale rejected.
check_eq "surveymonkey: 4 read, 3 loaded, 1 rejected" "4 3 0 1 0 committed" "$(counts)"
check_rc "surveymonkey rejects" 0 "$LIA" rejects --batch "$(batch)" --format json
check_eq "the reject is on physical line 6" \
    "6 question 'overall_how_satisfied_were_you_with_the_learning_event': 7 is outside its numeric scale 1-5" "$(reasons)"
check_eq "the two header rows merged into question texts" \
    "Any other comments?|Overall, how satisfied were you with the learning event?|Please rate the following: - Content|Please rate the following: - Presenter|Please rate the following: - Venue|Which session did you attend?" \
    "$(sql "SELECT group_concat(text, '|') FROM (SELECT q.text FROM question q WHERE EXISTS (SELECT 1 FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id JOIN session s ON s.id = r.session_id JOIN course c ON c.id = s.course_id WHERE a.question_id = q.id AND c.code = 'SCRLE') ORDER BY q.text)")"
check_eq "matrix rows on the agreement scale" "agreement agreement agreement" \
    "$(sql "SELECT group_concat(scale, ' ') FROM question WHERE code LIKE 'please_rate%'")"
check_eq "Venue: neither 3, disagree 2, agree 4" "9.0" "$(sql "SELECT sum(a.value) FROM feedback_answer a JOIN question q ON q.id = a.question_id WHERE q.code = 'please_rate_the_following_venue'")"
check_eq "End Date read month first" "2019-06-20" "$(sql "SELECT DISTINCT r.date FROM feedback_response r WHERE r.batch_id = $(batch)")"
check_rc "rejects csv of SurveyMonkey keeps both header rows" 0 "$LIA" rejects --batch "$(batch)" --format csv
cp "$WORK/out" "$WORK/sm_rejects.csv"
check_eq "header rows and the record" 3 "$(wc -l <"$WORK/sm_rejects.csv")"
check_rc "the written rejects re-import under the same profile" 0 "$LIA" import feedback "$WORK/sm_rejects.csv" --profile surveymonkey --course SCRLE --date 20/06/2019 --dry-run --format json
check_eq "re-import: 1 read, still out of scale" "1 0 0 1 0 dry_run" "$(counts)"

# --- a plain file: stage column, _before / _after pairs --------------------------------
check_rc "import generic" 0 "$LIA" import feedback "$F/generic.csv" --format json
check_eq "generic: 8 read, 4 loaded, 1 duplicate, 3 rejected" "8 4 1 3 0 committed" "$(counts)"
check_rc "generic rejects" 0 "$LIA" rejects --batch "$(batch)" --format json
check_eq "generic reject reasons" \
    "6 question 'confidence_after': 9 is outside its numeric scale 1-5|7 unknown stage 'during' (expected baseline, post or follow-up)|9 no answer to any question" \
    "$(reasons)"
check_eq "X_before / X_after are a pair" "confidence_after|confidence|after confidence_before|confidence|before" \
    "$(sql "SELECT code, pair_code, pair_role FROM question WHERE pair_code = 'confidence' ORDER BY code" | tr '\n' ' ' | sed 's/ $//')"
check_eq "pairs: before -> after per post response" "1.0|3.0 2.0|4.0 3.0|5.0" \
    "$(sql "SELECT b.value, a.value FROM feedback_response r JOIN feedback_answer b ON b.response_id = r.id JOIN question qb ON qb.id = b.question_id AND qb.pair_role = 'before'
            JOIN feedback_answer a ON a.response_id = r.id JOIN question qa ON qa.id = a.question_id AND qa.pair_role = 'after' AND qa.pair_code = qb.pair_code
            WHERE r.stage = 'post' AND r.batch_id = $(batch) ORDER BY b.value" | tr '\n' ' ' | sed 's/ $//')"
check_eq "stage column: P001 post and follow-up" "follow_up post" \
    "$(sql "SELECT group_concat(stage, ' ') FROM (SELECT stage FROM feedback_response WHERE batch_id = $(batch) GROUP BY respondent, stage HAVING respondent IN (SELECT respondent FROM feedback_response WHERE stage = 'follow_up' AND batch_id = $(batch)) ORDER BY stage)")"

printf 'course_code,overall\nDV2,4\n' >"$WORK/nodate.csv"
check_rc "missing session_date is fatal" 1 "$LIA" import feedback "$WORK/nodate.csv"
check_grep "names the column and those found" "missing required column 'session_date'; columns found: 'course_code', 'overall'" "$WORK/err"
check_rc "an unknown --stage is fatal" 1 "$LIA" import feedback "$F/generic.csv" --stage during
check_grep "names the stage" "unknown --stage 'during'" "$WORK/err"

# --- nothing personal in the database ---------------------------------------------------
leaks=""
for p in $(cat "$F"/*.csv | grep -o '[A-Za-z0-9._-]*@[A-Za-z0-9.-]*' | sort -u) \
    "Jo Bloggs" "Sam Smith" "Kim Patel" "Lee Wong" Bloggs Patel Evans Morgan Reed \
    81.2.69.160 81.2.69.161 81.2.69.162 81.2.69.163 192.168.10.21 192.168.10.22 192.168.10.23; do
    for f in "$LIA_DB" "$LIA_DB-wal"; do
        [ -f "$f" ] && grep -q -i -a -F -e "$p" "$f" && leaks="$leaks $p"
    done
done
check_eq "no e-mail, name or IP address of the fixtures in the database" "" "$leaks"
check_eq "read = loaded + duplicates + rejected in every batch" 0 \
    "$(sql 'SELECT count(*) FROM import_batch WHERE rows_read != rows_loaded + rows_duplicate + rows_rejected')"

# --- the same person in attendance and feedback ---------------------------------------
# A respondent's pseudonym is the practitioner's, whichever way the e-mail is
# written (the reader's pseudonym for an e-mail cell; the loader's own for
# an id that is an e-mail); "anonymous" is nobody.
export LIA_DB="$WORK/same.db"
printf 'agency,course_code,session_date,email\nPolice,WT01,12/06/2019,Ann@X.example\nPolice,WT01,12/06/2019,bob@x.example\n' >"$WORK/same_att.csv"
printf 'course_code,session_date,email,respondent,confidence_after\nWT01,12/06/2019, mailto:ANN@x.example ,,4\nWT01,12/06/2019,,Bob@x.example,5\nWT01,12/06/2019,anonymous,,3\n' >"$WORK/same_fb.csv"
check_rc "attendance of Ann and Bob" 0 "$LIA" import attendance "$WORK/same_att.csv"
check_rc "their feedback" 0 "$LIA" import feedback "$WORK/same_fb.csv" --format json
check_eq "feedback: 3 responses" "3 3 0 0" "$(jq -r '"\(.read) \(.loaded) \(.duplicates) \(.rejected)"' "$WORK/out")"
check_eq "respondents are the practitioners; anonymous is nobody" "2|1" \
    "$(sql "SELECT count(*) FROM feedback_response WHERE respondent IN (SELECT pkey FROM practitioner)")|$(sql 'SELECT count(*) FROM feedback_response WHERE respondent IS NULL')"
