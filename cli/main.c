/*
 * main: global options, the command table and dispatch.  Adding a command:
 * its function in a cli/cmd_*.c file, one row in lia_commands below, its
 * section in docs/lia.1, and a test.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"


const struct cmd lia_commands[] = {
	{ "init", cmd_init, "create the database (every command does so on first use)",
	  "usage: lia [--db FILE] init\n"
	  "\n"
	  "Creates the database with the current schema, mode 0600, and its\n"
	  "pseudonymisation key; migrates an older lia database.  Never required:\n"
	  "every command that needs the database creates it on first use.\n",
	  CMD_NEED_DB },
	{ "status", cmd_status, "row counts of every table and the import batches",
	  "usage: lia [--db FILE] status [--format table|json]\n"
	  "\n"
	  "Prints the schema version, the number of rows in each table and the\n"
	  "list of import batches (file, SHA-256, rows read, loaded, duplicates,\n"
	  "rejected).\n"
	  "\n"
	  "  --format table|json   output form (default table)\n",
	  CMD_NEED_DB },
	{ "import", cmd_import, "import a CSV export (attendance, feedback, audits, reviews, ...)",
	  "usage: lia [--db FILE] import KIND FILE [options]\n"
	  "\n"
	  "Imports one CSV file as one batch, in one transaction.  Every row read is\n"
	  "loaded, a duplicate of a row already held, skipped with a reason (a title\n"
	  "row, someone who has not completed) or rejected with its line and\n"
	  "reason (see `lia rejects`).  The same file twice (same SHA-256) loads\n"
	  "nothing.  Names and e-mail addresses are never stored: people are kept as\n"
	  "a keyed hash of their e-mail (or id).\n"
	  "\n"
	  "KIND: attendance, workforce, courses, feedback, audits, reviews, actions,\n"
	  "holidays, evidence, agencies\n"
	  "\n"
	  "agencies: agency, sector, and aliases separated by ';' (the names people\n"
	  "type for it); every import finds an agency by them before making one.\n"
	  "\n"
	  "  --profile NAME     column names of a tool: generic (default);\n"
	  "                     attendance: moodle, moodle-attendance, facetoface,\n"
	  "                     eventbrite;\n"
	  "                     feedback: msforms, googleforms, surveymonkey, limesurvey;\n"
	  "                     audits: section11-template\n"
	  "  --map FILE         your own column names, one 'field = Header text' a line;\n"
	  "                     feedback also 'code = Question text', pair.NAME,\n"
	  "                     CODE.scale, CODE.level, scale.NAME (docs/feedback-map.md)\n"
	  "  --course CODE      the course of every row (the summary says so when the\n"
	  "                     file has a course column too)\n"
	  "  --date DATE        the session date of every row, likewise\n"
	  "  --agency NAME      the agency of every row, likewise\n"
	  "  --date-order dmy|mdy|ymd  how dates like 06/12/2019 are read; default: what\n"
	  "                     the file's values prove (a part over 12), else the\n"
	  "                     profile's (month first for eventbrite, msforms and\n"
	  "                     surveymonkey, day first otherwise); a file that proves\n"
	  "                     both is refused\n"
	  "  --include-incomplete  feedback: load survey responses never submitted\n"
	  "                     (skipped by default with a tool's profile)\n"
	  "  --stage STAGE      feedback: baseline, post (default) or follow-up\n"
	  "  --cycle CYCLE      audits: the cycle of every row (section11-template)\n"
	  "  --checkin          eventbrite: check-in was taken, so 'Attending' without\n"
	  "                     'Checked In' is a did-not-attend\n"
	  "  --delimiter C      field separator (default: found from the header line)\n"
	  "  --encoding ENC     utf-8 (default; UTF-16 with a BOM is found), latin1, cp1252\n"
	  "  --dry-run          check and count, write nothing\n"
	  "  --strict           roll the whole file back if any row is rejected\n"
	  "  --format table|json  the summary as one line (default) or JSON\n",
	  CMD_NEED_DB },
	{ "batches", cmd_batches, "the import batches: file, counts, status",
	  "usage: lia [--db FILE] batches [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "Lists every import batch, oldest first: its number, kind, file, profile,\n"
	  "when it finished, rows read, loaded, duplicates, skipped, rejected,\n"
	  "warnings, status (committed, forgotten) and the file's SHA-256.\n",
	  CMD_NEED_DB },
	{ "forget", cmd_forget, "undo an import batch",
	  "usage: lia [--db FILE] forget BATCH [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "Removes, in one transaction, everything batch BATCH loaded (attendances,\n"
	  "headcounts, feedback responses and answers, audit results, reviews,\n"
	  "actions, evidence, holidays, workforce rows), puts back the values of rows\n"
	  "it strengthened (an attendance it made attended), and removes the people,\n"
	  "sessions, courses, questions, themes and agencies it created that nothing\n"
	  "else refers to.  Prints what went.  The batch is kept as 'forgotten'\n"
	  "(see lia batches) and its file can be imported again.\n",
	  CMD_NEED_DB },
	{ "rejects", cmd_rejects, "rejected rows of imports, with line and reason",
	  "usage: lia [--db FILE] rejects [--batch N] [--format table|json|csv] [--warnings]\n"
	  "\n"
	  "Lists rejected rows: batch, file, line (the physical line the record starts\n"
	  "on; the header is line 1), reason and the record.  --format csv writes the\n"
	  "rejected records of one batch (default: the latest with rejects) under\n"
	  "their original header, ready to fix and import again; e-mails and ids in\n"
	  "them appear as their pseudonym (lia:...), which imports as the same person,\n"
	  "and a column lia does not read (a name, an order's date) as [not kept];\n"
	  "a cell beginning with = + - @ is written after an apostrophe, so that a\n"
	  "spreadsheet shows it instead of running it.\n"
	  "--warnings lists the warnings about loaded rows instead.\n",
	  CMD_NEED_DB },
	{ "workdays", cmd_workdays, "working days between two dates (England and Wales)",
	  "usage: lia [--db FILE] workdays FROM TO\n"
	  "\n"
	  "Prints the number of working days after FROM up to and including TO,\n"
	  "skipping weekends, England and Wales bank holidays (by rule, with the\n"
	  "one-off changes such as 2022-06-03) and dates in the holiday table.\n"
	  "Dates may be written as 2022-06-01, 01/06/2022, 1 June 2022 and so on.\n",
	  CMD_NEED_DB },
	{ "reach", cmd_reach, "training reach: people, attendances, coverage of the workforce",
	  "usage: lia [--db FILE] reach [--by DIM] [--period P | --from D --to D] [--agency NAME]\n"
	  "       [--course CODE] [--theme T] [--cumulative] [--suppress N|nhs|ons|0]\n"
	  "       [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "Per group: sessions, courses, attendances (attended), unique practitioners,\n"
	  "headcount-only attendances (never in the unique count), did-not-attend and\n"
	  "cancelled, dna_rate = dna / (attended + dna), fill_rate = (attended +\n"
	  "headcount) / capacity of the sessions whose capacity is known, workforce\n"
	  "(headcount for the period; the latest figure in a longer range), coverage =\n"
	  "unique practitioners / workforce with its Wilson score 95% interval.  The\n"
	  "total is computed, not summed: a person in two groups is one person.\n"
	  "Notes say what could not be computed.\n"
	  "\n"
	  "  --by DIM          agency, sector, role, course, theme, level, month, year,\n"
	  "                    fy or quarter (default: the total only)\n"
	  "  --period P        2019, 2019/20 (1 April to 31 March), 2019/20 Q1, 2019-06\n"
	  "  --from D, --to D  a range of session dates (either end may be open)\n"
	  "  --agency NAME     only attendances recorded for that agency\n"
	  "  --course CODE     only that course's sessions\n"
	  "  --theme T         only sessions of courses with that theme\n"
	  "  --cumulative      with --by month: people reached since the period began\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 0, off): counts\n"
	  "                    of people from 1 to N-1 shown as \"<N\", with the rates\n"
	  "                    computed from them and one more count wherever a total\n"
	  "                    would give a hidden one away; nhs hides 1-7, ons hides\n"
	  "                    1-9 and rounds the rest to the nearest 5\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n"
	  "                    instead of standard output\n",
	  CMD_NEED_DB },
	{ "currency", cmd_currency, "share of the workforce whose training is in date",
	  "usage: lia [--db FILE] currency --as-at DATE [--level N] [--by agency|sector]\n"
	  "       [--suppress N|nhs|ons|0] [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "Per group: workforce, practitioners trained (at the level), in date as at\n"
	  "DATE, and the in-date share of the workforce with its Wilson score 95%\n"
	  "interval.  In date: the latest attended session of a course of the level\n"
	  "is less than the course's refresh_months old (the level's when the course\n"
	  "has none); for a level defined by hours (training_level hours_required in\n"
	  "window_months) the hours attended in the window ending at DATE reach it.\n"
	  "People count in the agency of their latest such attendance.\n"
	  "\n"
	  "  --as-at DATE      the day currency is judged on (required)\n"
	  "  --level N         one training level (default: any course)\n"
	  "  --by agency|sector  groups (default: the total only)\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 0, off): counts\n"
	  "                    of people from 1 to N-1 shown as \"<N\", with the rates\n"
	  "                    computed from them and one more count wherever a total\n"
	  "                    would give a hidden one away; nhs hides 1-7, ons hides\n"
	  "                    1-9 and rounds the rest to the nearest 5\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n"
	  "                    instead of standard output\n",
	  CMD_NEED_DB },
	{ "trainers", cmd_trainers, "the trainer pool against its target, by sector",
	  "usage: lia [--db FILE] trainers [--course CODE] [--target N] [--suppress N|nhs|ons|0]\n"
	  "       [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "The trainer pool: practitioners who attended a train-the-trainer course,\n"
	  "counted once, in the sector of their agency on their latest such course.\n"
	  "Lists every sector of the agency table with its trainers; sectors with\n"
	  "none are missing from the pool.  The total gives the pool's size, the\n"
	  "target and the shortfall.\n"
	  "\n"
	  "  --course CODE     one train-the-trainer course (default: all of them)\n"
	  "  --target N        the pool's target size (default 14)\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 0, off): counts\n"
	  "                    of people from 1 to N-1 shown as \"<N\", with the rates\n"
	  "                    computed from them and one more count wherever a total\n"
	  "                    would give a hidden one away; nhs hides 1-7, ons hides\n"
	  "                    1-9 and rounds the rest to the nearest 5\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n"
	  "                    instead of standard output\n",
	  CMD_NEED_DB },
	{ "evidence", cmd_evidence, "the evidence log: briefings, resources, service users, ...",
	  "usage: lia [--db FILE] evidence [--by kind|theme|month|review] [--kind K] [--theme T]\n"
	  "       [--period P | --from D --to D] [--suppress N|nhs|ons|0]\n"
	  "       [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "The evidence log (lia import evidence): per group, the items and their\n"
	  "reach in each unit apart (people, downloads, views, copies: a download is\n"
	  "never added to people; a unit no item is counted in is blank, not 0), and\n"
	  "the items without a reach.  An item of two themes counts under each; the\n"
	  "total counts it once.  Items with no theme or no review are a group of\n"
	  "their own.\n"
	  "\n"
	  "  --by G            kind, theme, month or review (default: the total only)\n"
	  "  --kind K          briefing, resource, learning_event, service_user_feedback,\n"
	  "                    complaint, compliment, frontline_intelligence,\n"
	  "                    national_research, dataset_report or other\n"
	  "  --theme T         only items of that theme\n"
	  "  --period P        2019, 2019/20 (1 April to 31 March), 2019/20 Q1, 2019-06\n"
	  "  --from D, --to D  a range of item dates (either end may be open)\n"
	  "  --suppress N|nhs|ons|0  small-number suppression of items and of reach in\n"
	  "                    people (default 0, off), as for lia reach\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE instead of standard output\n",
	  CMD_NEED_DB },
	{ "feedback", cmd_feedback, "feedback per question, before/after change, stages",
	  "usage: lia [--db FILE] feedback [--course CODE] [--theme T] [--period P | --from D --to D]\n"
	  "       [--stage baseline|post|follow-up] [--by course|theme|session]\n"
	  "       [--suppress N|nhs|ons|0] [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "questions: per rated question, n, the answers at each point of its scale\n"
	  "(n_1 ... n_5), the mean with its t 95% interval and top2, the share in the\n"
	  "top two points, with its Wilson 95% interval.\n"
	  "pairs: per before/after pair of questions (X_before, X_after), the people\n"
	  "who answered both, the mean change (after - before) with its paired t 95%\n"
	  "interval, t, df, p_t, p_wilcoxon (signed rank, as R's wilcox.test) and d_z\n"
	  "(mean change / sd of the changes).\n"
	  "stages: responses per stage (baseline, post, follow-up), respondents matched\n"
	  "to the stage before, attrition, and the response rate where attendance is\n"
	  "recorded.  Rows with n below 10 are flagged small_n and noted.\n"
	  "\n"
	  "  --course CODE     only that course's sessions\n"
	  "  --theme T         only sessions of courses with that theme\n"
	  "  --period P        2019, 2019/20, 2019/20 Q1, 2019-06 (session dates)\n"
	  "  --from D, --to D  a range of session dates (either end may be open)\n"
	  "  --stage S         only responses of one stage\n"
	  "  --by G            course, theme or session (default: all together)\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 0, off): counts\n"
	  "                    1 to N-1 shown as \"<N\", with the means, shares and\n"
	  "                    intervals computed from them; nhs hides 1-7, ons hides\n"
	  "                    1-9 and rounds the rest to the nearest 5\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n",
	  CMD_NEED_DB },
	{ "audits", cmd_audits, "audit compliance by standard and cycle, and its change",
	  "usage: lia [--db FILE] audits [--kind section11|s175|single_agency|multi_agency]\n"
	  "       [--standard CODE] [--agency NAME] [--theme T] [--suppress N|nhs|ons|0]\n"
	  "       [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "rows: per standard and cycle (cycles in time order), rated (met + partially\n"
	  "met + not met; n/a left out), met, compliance = met / rated with its Wilson\n"
	  "95% interval.  A RAG alone counts green as met, amber partially, red not.\n"
	  "changes: between consecutive cycles of a standard, the difference with\n"
	  "Newcombe's hybrid score 95% interval and Fisher's exact p (two-sided).\n"
	  "trend: over three or more cycles, the chi-squared test for trend.\n"
	  "section11: each agency's self-assessed and moderated score per standard.\n"
	  "rag: RAG ratings of the same agency (case) improved, same or worse.\n"
	  "\n"
	  "  --kind K          one kind of audit\n"
	  "  --standard CODE   one standard\n"
	  "  --agency NAME     results recorded against that agency\n"
	  "  --theme T         standards of that theme\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 0, off), as for\n"
	  "                    feedback; a trend test goes with a hidden count\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n",
	  CMD_NEED_DB },
	{ "timeliness", cmd_timeliness, "statutory clocks of each review, in working days",
	  "usage: lia [--db FILE] timeliness [--kind SCR|CSPR|rapid-review|SAR]\n"
	  "       [--period P | --from D --to D] [--layout rows|seed] [--suppress N|nhs|ons|0]\n"
	  "       [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "rows: per review, the statutory clocks in working days as `lia workdays`\n"
	  "counts them (after the first date, up to and including the second; bank\n"
	  "holidays and the holiday table are not working days): incident to\n"
	  "notification of the national panel (on time if 5 or fewer), notification\n"
	  "to the rapid review's decision (15 or fewer), incident to decision (15 or\n"
	  "fewer, as Working Together 2023 counts it), the report to the board within\n"
	  "6 calendar months of the decision (the day clamped to the month's end),\n"
	  "the report to the panel at least 7 working days before publication; the\n"
	  "months from decision to publication and the reason for any delay.  A\n"
	  "missing date leaves its clocks empty with a note, never 0; a date known\n"
	  "to the month only is judged when every day of the month agrees.\n"
	  "milestones: the dates (a month only as 2019-02) and the 6-month deadline.\n"
	  "clocks: per clock, the reviews judged, met and not met.\n"
	  "\n"
	  "  --kind K          SCR, CSPR, rapid review or SAR\n"
	  "  --period P        reviews with any milestone in 2019, 2019/20, 2019/20 Q1,\n"
	  "                    2019-06\n"
	  "  --from D, --to D  a range of dates (either end may be open)\n"
	  "  --layout seed     the seed report's table instead: a column per review, a\n"
	  "                    row per milestone (author appointed, report to the board,\n"
	  "                    to the national panel, publication), cells \"Feb 2018\"\n"
	  "  --suppress N|nhs|ons|0  taken as by every analysis; reviews' dates and\n"
	  "                    clocks count no people, so nothing is hidden\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n",
	  CMD_NEED_DB },
	{ "actions", cmd_actions, "review action plans: done, outstanding and overdue",
	  "usage: lia [--db FILE] actions [--review CODE] [--theme T] [--agency NAME]\n"
	  "       [--as-at DATE] [--by review-theme|review|theme] [--suppress N|nhs|ons|0]\n"
	  "       [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "rows: per review and theme, the actions done (completed on or before the\n"
	  "date, or marked completed without a date), outstanding (neither done nor\n"
	  "cancelled), overdue (outstanding and due before the date), cancelled,\n"
	  "outstanding without a due date, and the most days any is overdue; a total.\n"
	  "overdue: each overdue action with its review, theme, text, owner agency,\n"
	  "due date and days overdue, most overdue first.\n"
	  "\n"
	  "  --review CODE     one review's actions\n"
	  "  --theme T         one theme (case, spaces and punctuation ignored)\n"
	  "  --agency NAME     actions owned by that agency\n"
	  "  --as-at DATE      the day the plan is judged on (default today)\n"
	  "  --by G            review-theme (default), review or theme\n"
	  "  --suppress N|nhs|ons|0  taken as by every analysis; actions count no\n"
	  "                    people, so nothing is hidden\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n",
	  CMD_NEED_DB },
	{ "impact", cmd_impact, "the chain from review to re-audit, theme by theme",
	  "usage: lia [--db FILE] impact [--theme T] [--period P | --from D --to D]\n"
	  "       [--as-at DATE] [--suppress N|nhs|ons|0] [--format table|csv|json] [-o FILE]\n"
	  "\n"
	  "rows: per theme (themes match across files ignoring case, spaces and\n"
	  "punctuation), the reviews that raised it; its actions done, outstanding\n"
	  "and overdue as at the date; courses, sessions, attendances, unique\n"
	  "practitioners and coverage of the workforce (as lia reach --by theme); the\n"
	  "evidence log's briefings, resources and other items; feedback after the\n"
	  "training: rated answers and the top-two share, and the mean change of a\n"
	  "before/after pair (\"confidence\" when there is one) with its paired t 95%\n"
	  "interval (as lia feedback --by theme); audit compliance of the theme's\n"
	  "standards pooled, first cycle against latest, with the change and\n"
	  "Newcombe's 95% interval.  Then the Kirkpatrick level the evidence reaches\n"
	  "(1 reaction, 2 learning, 3 behaviour, 4 results), the evidence grade\n"
	  "(strong, moderate, limited, none) and the gaps, by the rules of\n"
	  "docs/methods.md.\n"
	  "gaps: a row per theme and gap.\n"
	  "\n"
	  "  --theme T         one theme\n"
	  "  --period P        training, feedback and evidence items dated in 2019,\n"
	  "                    2019/20, 2019/20 Q1, 2019-06 (reviews and audits: all)\n"
	  "  --from D, --to D  a range of dates (either end may be open)\n"
	  "  --as-at DATE      the day actions are judged on (default: the period's\n"
	  "                    last day, or today when that is later)\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 0, off), as for\n"
	  "                    reach\n"
	  "  --format F        table (default), csv or json\n"
	  "  -o, --output FILE write to FILE (mode 0600, replaced whole or not at all)\n",
	  CMD_NEED_DB },
	{ "chart", cmd_chart, "draw a chart as PNG, PDF or SVG",
	  "usage: lia [--db FILE] chart NAME -o FILE.png|pdf|svg [--width PT] [--height PT] [--dpi N]\n"
	  "       [--period P | --from D --to D] [--agency NAME] [--course CODE] [--theme T]\n"
	  "       [--by agency|sector] [--as-at DATE] [--level N] [--stage S] [--kind K]\n"
	  "       [--standard CODE] [--suppress N|nhs|ons|0]\n"
	  "\n"
	  "Draws the chart NAME from the database and writes it to FILE, as PNG,\n"
	  "PDF or SVG by the file's extension.  Sizes are in points (1/72 inch); a\n"
	  "PNG is width x dpi / 72 pixels wide.  A selection without data draws\n"
	  "\"No data for this selection\".\n"
	  "\n"
	  "  -o, --output FILE  the file to write (required)\n"
	  "  --width PT         width in points (default: the chart's)\n"
	  "  --height PT        height in points (default: the chart's)\n"
	  "  --dpi N            PNG resolution (default 150)\n"
	  "\n"
	  "Filters, as the chart's analysis takes them (each chart below lists its own):\n"
	  "  --period P         2019, 2019/20, 2019/20 Q1, 2019-06 (default: all dates)\n"
	  "  --from D, --to D   a range of session dates (either end may be open)\n"
	  "  --agency NAME      only attendances recorded for that agency\n"
	  "  --course CODE      only that course's sessions\n"
	  "  --theme T          only sessions of courses with that theme\n"
	  "  --by agency|sector bars per agency (default) or per sector\n"
	  "  --as-at DATE       the day currency, actions and a running review are judged on\n"
	  "  --level N          one training level (default: any course)\n"
	  "  --stage S          feedback: baseline, post or follow-up responses only\n"
	  "  --kind K           audits: section11, s175, single_agency or multi_agency;\n"
	  "                     review-timeline: SCR, CSPR, rapid review or SAR\n"
	  "  --standard CODE    audits: one standard\n"
	  "  --suppress N|nhs|ons|0  hide small counts (default 0, off): counts\n"
	  "                     1 to N-1 drawn as a hatched \"<N\", never as numbers\n",
	  CMD_NEED_DB, cmd_chart_help },
	{ "demo", cmd_demo, "build the Westmere demo partnership and its reports",
	  "usage: lia demo [--out DIR] [--seed N] [--scale N]\n"
	  "\n"
	  "Writes a fictional partnership's source files (training records, Moodle,\n"
	  "Eventbrite, Microsoft Forms, Google Forms and SurveyMonkey exports,\n"
	  "audits, reviews, actions, the evidence log) into DIR/data with\n"
	  "DIR/data/manifest.csv, the order and options to import them; imports\n"
	  "them into a new database DIR/lia.db as `lia import` does; then writes\n"
	  "the analyses (DIR/analyses/*.json), every chart (DIR/charts/*.png) and\n"
	  "the three report packs (DIR/board-pack.pdf, ld-pack.pdf, pqa-pack.pdf,\n"
	  "and each as .html), as at 26 January 2021.\n"
	  "It keeps the seed report's figures: five reviews, 25 Working Together\n"
	  "sessions reaching 539 practitioners, six Hear My Voice sittings, 10 of\n"
	  "14 Graded Care Profile 2 trainers.  A few rows are bad on purpose (`lia\n"
	  "rejects`).\n"
	  "Ignores --db: the demo has its own database.\n"
	  "\n"
	  "  --out DIR    where to write (default out); DIR/lia.db is replaced\n"
	  "  --seed N     the random seed (default 2021): one seed, the same files\n"
	  "  --scale N    multiply the synthetic volume, 1 to 1000 (default 1)\n",
	  0, NULL },
	{ "report", cmd_report, "a report pack as PDF or accessible HTML: board, ld or pqa",
	  "usage: lia [--db FILE] report board|ld|pqa -o FILE.pdf|FILE.html\n"
	  "       [--period P | --from D --to D] [--partnership NAME] [--title TEXT]\n"
	  "       [--suppress N|nhs|ons|0] [--targets FILE]\n"
	  "\n"
	  "Builds a report pack from the database and writes it as an A4 PDF (cover,\n"
	  "contents, bookmarks, running header and footer, methods and data provenance\n"
	  "appendices), or as one accessible, self-contained HTML file, by the file's\n"
	  "extension.  The file is written whole or not at all, mode 0600.\n"
	  "\n"
	  "  board   the board assurance pack: key indicators rated against targets,\n"
	  "          reviews and their statutory clocks, reach and currency, feedback,\n"
	  "          audits, impact by theme, actions, the improvement cycle\n"
	  "  ld      the L&D reach report: reach by agency, sector, course and month,\n"
	  "          currency, did-not-attend and fill rates, the trainer pool\n"
	  "  pqa     the PQA impact report: feedback, confidence change, audits,\n"
	  "          Section 11, the impact chains\n"
	  "\n"
	  "  -o, --output FILE     the file to write, .pdf or .html (required)\n"
	  "  --period P            2019, 2019/20, 2019/20 Q1, 2019-06 (default: all dates)\n"
	  "  --from D, --to D      a range of dates (either end may be open)\n"
	  "  --partnership NAME    the partnership: the cover, the header, the author\n"
	  "  --title TEXT          the pack's title (default: the pack's own)\n"
	  "  --suppress N|nhs|ons|0  small-number suppression (default 5: counts of\n"
	  "                        people from 1 to 4 shown as \"<5\"); 0 turns it off and\n"
	  "                        every page then says \"Not for publication: small\n"
	  "                        numbers shown\"\n"
	  "  --targets FILE        targets of the key indicators, 'key = value' lines\n"
	  "                        (coverage = 80%, trainer_pool = 14, KEY.amber = ...;\n"
	  "                        the keys and defaults are in lia(1))\n"
	  "\n"
	  "SOURCE_DATE_EPOCH, when set, is the moment of production (cover, metadata).\n",
	  CMD_NEED_DB },
	{ NULL, NULL, NULL, NULL, 0, NULL }
};

static const char main_usage[] =
    "usage: lia [--db FILE] COMMAND [ARGS]";

static void
print_help(FILE *fp)
{
	const struct cmd *c;

	fprintf(fp, "%s\n\n"
	    "lia: learning impact analytics for safeguarding partnerships.\n"
	    "\n"
	    "Global options:\n"
	    "  --db FILE    the database (default $LIA_DB, else ./lia.db)\n"
	    "  --help       this help; `lia help COMMAND` for a command's\n"
	    "  --version    the version\n"
	    "\n"
	    "Commands:\n", main_usage);
	for (c = lia_commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "  %-10s %s\n", "help", "the help of a command");
}

static void
print_command_help(const struct cmd *c, FILE *fp)
{
	fputs(c->help, fp);
	if (c->more_help)
		c->more_help(fp);
}

static const struct cmd *
find_command(const char *name)
{
	const struct cmd *c;

	for (c = lia_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cli_usage(const struct ctx *ctx, const char *fmt, ...)
{
	char raw[512], *msg;
	const char *usage = ctx && ctx->usage ? ctx->usage : main_usage;
	size_t ulen = strcspn(usage, "\n");
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	msg = out_clean(raw, 0);	/* it may quote an argument */
	if (ctx && ctx->cmd)
		fprintf(stderr, "lia: %s: %s (%.*s)\n", ctx->cmd, msg, (int)ulen, usage);
	else
		fprintf(stderr, "lia: %s (%.*s)\n", msg, (int)ulen, usage);
	g_free(msg);
	return LIA_EXIT_USAGE;
}

int
cli_bad_option(const struct ctx *ctx, char **argv, int next, int opt)
{
	const char *arg = argv[next - 1];

	/* Inside a cluster ("-lead.csv"), getopt has not moved past it yet:
	 * the argument at fault is the next one, not the last one read. */
	if (opt != 0 && argv[next] != NULL && argv[next][0] == '-' && argv[next][1] != '-' &&
	    strchr(argv[next] + 1, opt) != NULL && (arg[0] != '-' || strchr(arg, opt) == NULL))
		arg = argv[next];
	if (opt != 0 && arg[0] == '-' && arg[1] != '-') {
		/* A short option: name the letter, and the argument when it is
		 * more than the letter (a file name beginning with '-'?). */
		if (arg[2] != '\0')
			return cli_usage(ctx, "bad option '-%c' in '%s' (a file whose name begins"
			    " with '-' is written ./%s, or after --)", opt, arg, arg);
		return cli_usage(ctx, "bad option '-%c'", opt);
	}
	if (strchr(arg, '=') == NULL && opt != 0 && strncmp(arg, "--", 2) == 0)
		return cli_usage(ctx, "option '%s' needs a value", arg);
	return cli_usage(ctx, "unknown option '%s'", arg);
}

int
cli_fail(const struct lia_err *err)
{
	/* File names and the values quoted in messages come from users and
	 * their files: their control characters are shown, not obeyed. */
	char *file = out_clean(err->file, 0), *msg = out_clean(err->msg, 0);

	if (err->file[0] != '\0' && err->line > 0)
		fprintf(stderr, "lia: %s:%ld: %s\n", file, err->line, msg);
	else if (err->file[0] != '\0')
		fprintf(stderr, "lia: %s: %s\n", file, msg);
	else
		fprintf(stderr, "lia: %s\n", msg);
	g_free(file);
	g_free(msg);
	return LIA_EXIT_DATA;
}

static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

static int
run(const struct cmd *c, const char *db_path, int argc, char **argv)
{
	struct ctx ctx = { db_path, NULL, c->name, c->help };
	struct lia_err err;
	int rc;

	if (wants_help(argc, argv)) {
		print_command_help(c, stdout);
		return LIA_EXIT_OK;
	}
	lia_err_clear(&err);
	if (c->flags & CMD_NEED_DB) {
		ctx.db = db_open(db_path, &err);
		if (ctx.db == NULL)
			return cli_fail(&err);
	}
	rc = c->fn(&ctx, argc, argv);
	db_close(ctx.db);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("lia: standard output");
		return LIA_EXIT_DATA;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	const char *db_path = getenv("LIA_DB");
	const struct cmd *c;
	int i = 1;

	gsl_set_error_handler_off();
	/* A file-size limit (ulimit -f) makes the write that passes it fail
	 * with EFBIG, which lia reports, rather than end lia without a word;
	 * the database rolls back as on any failed write. */
	signal(SIGXFSZ, SIG_IGN);
	if (db_path == NULL || *db_path == '\0')
		db_path = "lia.db";

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return cli_usage(NULL, "option '--db' needs a value");
			db_path = argv[i + 1];
			i += 2;
		} else if (strncmp(a, "--db=", 5) == 0) {
			db_path = a + 5;
			i++;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_help(stdout);
			return LIA_EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("lia %s (schema %d)\n", LIA_VERSION, db_schema_version());
			return LIA_EXIT_OK;
		} else {
			return cli_usage(NULL, "unknown option '%s'", a);
		}
	}
	if (*db_path == '\0')
		return cli_usage(NULL, "--db needs a file name");
	if (i >= argc) {
		print_help(stderr);
		return LIA_EXIT_USAGE;
	}
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 >= argc || strcmp(argv[i + 1], "help") == 0 ||
		    strcmp(argv[i + 1], "--help") == 0 || strcmp(argv[i + 1], "-h") == 0) {
			print_help(stdout);
			return LIA_EXIT_OK;
		}
		if ((c = find_command(argv[i + 1])) == NULL)
			return cli_usage(NULL, "unknown command '%s'; see 'lia --help'", argv[i + 1]);
		print_command_help(c, stdout);
		return LIA_EXIT_OK;
	}
	if ((c = find_command(argv[i])) == NULL)
		return cli_usage(NULL, "unknown command '%s'; see 'lia --help'", argv[i]);
	return run(c, db_path, argc - i, argv + i);
}
