-- The whole lia schema, as numbered migrations.  db_open applies every
-- migration above the database's PRAGMA user_version in one transaction.
-- Append new migrations at the end; never edit one that has shipped.
-- Dates are ISO text YYYY-MM-DD.  Enumerations are CHECKed.  Natural keys
-- are UNIQUE so a re-import never duplicates.

-- migration: 1

-- Settings of this database; holds the pseudonymisation key.
CREATE TABLE meta (
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL
) STRICT;

-- One imported file.  read = loaded + duplicates + rejected, always.
CREATE TABLE import_batch (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('attendance', 'feedback', 'audits',
	               'workforce', 'courses', 'reviews', 'actions', 'holidays')),
	source     TEXT NOT NULL,
	sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
	profile    TEXT NOT NULL DEFAULT 'generic',
	header     TEXT,                       -- the header record, for `lia rejects --format csv`
	delimiter  TEXT NOT NULL DEFAULT ',',
	started    TEXT NOT NULL,
	finished   TEXT,
	rows_read      INTEGER NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
	rows_loaded    INTEGER NOT NULL DEFAULT 0 CHECK (rows_loaded >= 0),
	rows_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (rows_duplicate >= 0),
	rows_rejected  INTEGER NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
	warnings   INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'rolled_back')),
	CHECK (rows_read = rows_loaded + rows_duplicate + rows_rejected),
	UNIQUE (kind, sha256)
) STRICT;

-- A row that could not be loaded, with the physical line its record starts
-- on (the header is line 1).  Personal fields of the record are replaced by
-- their keyed pseudonym before it is stored.
CREATE TABLE reject (
	id       INTEGER PRIMARY KEY,
	batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
	line     INTEGER NOT NULL CHECK (line >= 1),
	reason   TEXT NOT NULL,
	record   TEXT NOT NULL
) STRICT;
CREATE INDEX reject_batch ON reject(batch_id, line);

-- Warnings about rows that were loaded (a milestone out of order, say).
CREATE TABLE import_warning (
	id       INTEGER PRIMARY KEY,
	batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
	line     INTEGER NOT NULL,
	message  TEXT NOT NULL
) STRICT;

CREATE TABLE agency (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	name_key TEXT NOT NULL UNIQUE,         -- lower case, spaces collapsed
	sector   TEXT
) STRICT;

-- Headcount of an agency's workforce for a period ("2019" or "2019/20").
CREATE TABLE workforce (
	id          INTEGER PRIMARY KEY,
	agency_id   INTEGER NOT NULL REFERENCES agency(id),
	period      TEXT NOT NULL,
	period_from TEXT NOT NULL,
	period_to   TEXT NOT NULL,
	headcount   INTEGER NOT NULL CHECK (headcount >= 0),
	batch_id    INTEGER REFERENCES import_batch(id),
	UNIQUE (agency_id, period)
) STRICT;

-- A person, known only by a keyed hash (HMAC-SHA-256, hex) of their e-mail
-- or source id.  No name or e-mail is ever stored.
CREATE TABLE practitioner (
	id        INTEGER PRIMARY KEY,
	pkey      TEXT NOT NULL UNIQUE CHECK (length(pkey) = 64),
	agency_id INTEGER REFERENCES agency(id),   -- latest agency seen
	role      TEXT
) STRICT;

CREATE TABLE theme (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	name_key TEXT NOT NULL UNIQUE
) STRICT;

-- Training levels: a level may be defined by hours in a rolling window
-- (e.g. Level 3: 6 hours in 36 months) instead of by a course's refresh.
CREATE TABLE training_level (
	level          INTEGER PRIMARY KEY,
	title          TEXT,
	refresh_months INTEGER CHECK (refresh_months > 0),
	hours_required REAL CHECK (hours_required > 0),
	window_months  INTEGER CHECK (window_months > 0)
) STRICT;

CREATE TABLE course (
	id                INTEGER PRIMARY KEY,
	code              TEXT NOT NULL,
	code_key          TEXT NOT NULL UNIQUE,
	title             TEXT,
	level             INTEGER,
	refresh_months    INTEGER CHECK (refresh_months > 0),
	delivery          TEXT,
	hours             REAL CHECK (hours >= 0),
	train_the_trainer INTEGER NOT NULL DEFAULT 0 CHECK (train_the_trainer IN (0, 1))
) STRICT;

CREATE TABLE course_theme (
	course_id INTEGER NOT NULL REFERENCES course(id),
	theme_id  INTEGER NOT NULL REFERENCES theme(id),
	PRIMARY KEY (course_id, theme_id)
) STRICT;

-- One delivery of a course.  label tells apart sessions of one course on
-- one day (a morning and an afternoon sitting of a learning event).
CREATE TABLE session (
	id        INTEGER PRIMARY KEY,
	course_id INTEGER NOT NULL REFERENCES course(id),
	date      TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	label     TEXT NOT NULL DEFAULT '',
	capacity  INTEGER CHECK (capacity >= 0),
	mode      TEXT CHECK (mode IN ('face_to_face', 'virtual', 'e_learning', 'blended')),
	UNIQUE (course_id, date, label)
) STRICT;
CREATE INDEX session_date ON session(date);

-- A named attendance.  agency and role are as recorded on that attendance:
-- people move, and reach counts them where they were.  The table is keyed
-- by its natural key (session, practitioner) WITHOUT ROWID: one B-tree that
-- is both the uniqueness check on import and, being in session order, the
-- covering index of every reach query over a date range of sessions.
CREATE TABLE attendance (
	session_id      INTEGER NOT NULL REFERENCES session(id),
	practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
	agency_id       INTEGER REFERENCES agency(id),
	role            TEXT,
	-- OR, not IN: SQLite builds an IN list's lookup table on every insert.
	status          TEXT NOT NULL CHECK (status = 'attended' OR status = 'did_not_attend'
	                    OR status = 'cancelled'),
	hours           REAL CHECK (hours >= 0),
	completed       TEXT,
	batch_id        INTEGER REFERENCES import_batch(id),
	PRIMARY KEY (session_id, practitioner_id)
) STRICT, WITHOUT ROWID;

-- Headcount-only attendance: large events that record numbers, not names.
-- Never mixed into unique-practitioner counts.
CREATE TABLE headcount_attendance (
	id         INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES session(id),
	agency_id  INTEGER REFERENCES agency(id),
	count      INTEGER NOT NULL CHECK (count >= 0),
	batch_id   INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE UNIQUE INDEX headcount_key ON headcount_attendance(session_id, ifnull(agency_id, 0));

-- A feedback question.  scale: the answer scale's name and range; pair_code
-- and pair_role join a before rating to its after rating.
CREATE TABLE question (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	text        TEXT,
	scale       TEXT NOT NULL DEFAULT 'numeric',
	scale_min   REAL,
	scale_max   REAL,
	kirkpatrick INTEGER CHECK (kirkpatrick BETWEEN 1 AND 4),
	pair_code   TEXT,
	pair_role   TEXT CHECK (pair_role IN ('before', 'after')),
	CHECK (scale_min IS NULL OR scale_max IS NULL OR scale_min < scale_max)
) STRICT;

-- One person's (or one anonymous) response at one stage.  respondent is the
-- keyed hash of their id or e-mail, so stages of one person can be matched.
CREATE TABLE feedback_response (
	id         INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES session(id),
	respondent TEXT CHECK (respondent IS NULL OR length(respondent) = 64),
	stage      TEXT NOT NULL DEFAULT 'post' CHECK (stage IN ('baseline', 'post', 'follow_up')),
	date       TEXT,
	batch_id   INTEGER REFERENCES import_batch(id),
	UNIQUE (session_id, respondent, stage)
) STRICT;
CREATE INDEX feedback_response_respondent ON feedback_response(respondent);

CREATE TABLE feedback_answer (
	response_id INTEGER NOT NULL REFERENCES feedback_response(id) ON DELETE CASCADE,
	question_id INTEGER NOT NULL REFERENCES question(id),
	value       REAL,
	text        TEXT,
	PRIMARY KEY (response_id, question_id),
	CHECK (value IS NOT NULL OR text IS NOT NULL)
) STRICT;

CREATE TABLE audit (
	id    INTEGER PRIMARY KEY,
	kind  TEXT NOT NULL CHECK (kind IN ('section11', 's175', 'single_agency', 'multi_agency')),
	title TEXT NOT NULL DEFAULT '',
	cycle TEXT NOT NULL,
	date  TEXT,
	UNIQUE (kind, title, cycle)
) STRICT;

CREATE TABLE audit_standard (
	id       INTEGER PRIMARY KEY,
	kind     TEXT NOT NULL CHECK (kind IN ('section11', 's175', 'single_agency', 'multi_agency')),
	code     TEXT NOT NULL,
	title    TEXT,
	theme_id INTEGER REFERENCES theme(id),
	UNIQUE (kind, code)
) STRICT;

-- One rating: per agency x standard (Section 11) or per case x standard.
CREATE TABLE audit_result (
	id              INTEGER PRIMARY KEY,
	audit_id        INTEGER NOT NULL REFERENCES audit(id),
	standard_id     INTEGER NOT NULL REFERENCES audit_standard(id),
	agency_id       INTEGER REFERENCES agency(id),
	case_ref        TEXT NOT NULL DEFAULT '',
	rating          TEXT CHECK (rating IN ('met', 'partially_met', 'not_met', 'not_applicable')),
	rag             TEXT CHECK (rag IN ('red', 'amber', 'green')),
	self_score      INTEGER CHECK (self_score BETWEEN 0 AND 3),
	moderated_score INTEGER CHECK (moderated_score BETWEEN 0 AND 3),
	batch_id        INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE UNIQUE INDEX audit_result_key
	ON audit_result(audit_id, standard_id, ifnull(agency_id, 0), case_ref);

CREATE TABLE review (
	id               INTEGER PRIMARY KEY,
	code             TEXT NOT NULL UNIQUE,
	kind             TEXT NOT NULL DEFAULT 'scr' CHECK (kind IN ('scr', 'cspr', 'rapid_review', 'sar')),
	title            TEXT,
	incident_date    TEXT,
	notified_date    TEXT,
	decision_date    TEXT,
	author_appointed TEXT,
	report_to_board  TEXT,
	report_to_panel  TEXT,
	published        TEXT,
	delay_reason     TEXT,
	batch_id         INTEGER REFERENCES import_batch(id)
) STRICT;

CREATE TABLE review_theme (
	review_id INTEGER NOT NULL REFERENCES review(id),
	theme_id  INTEGER NOT NULL REFERENCES theme(id),
	PRIMARY KEY (review_id, theme_id)
) STRICT;

CREATE TABLE action (
	id              INTEGER PRIMARY KEY,
	ref             TEXT NOT NULL UNIQUE,
	review_id       INTEGER REFERENCES review(id),
	theme_id        INTEGER REFERENCES theme(id),
	text            TEXT NOT NULL,
	owner_agency_id INTEGER REFERENCES agency(id),
	due             TEXT,
	completed       TEXT,
	status          TEXT NOT NULL DEFAULT 'open'
	                CHECK (status IN ('open', 'in_progress', 'completed', 'cancelled')),
	batch_id        INTEGER REFERENCES import_batch(id)
) STRICT;

-- Extra non-working days on top of the built-in bank holidays.
CREATE TABLE holiday (
	date     TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	title    TEXT,
	batch_id INTEGER REFERENCES import_batch(id)
) STRICT;

-- migration: 2

-- Reach reads every named attendance of a period in session order.  Since
-- attendance is keyed (session_id, practitioner_id) WITHOUT ROWID, its own
-- B-tree covers that query: no further index is needed (one was planned
-- here as attendance_reach; an index costs the import a B-tree more).
DROP INDEX IF EXISTS attendance_reach;

-- migration: 3

-- A CHECK with an IN list builds a lookup table each time a statement
-- checks it, which an import that adds thousands of sessions pays for each
-- one.  session.mode is checked with OR instead, as attendance.status is.
-- SQLite cannot change a CHECK in place: the table is rebuilt with the same
-- ids (migrations run with foreign keys off and are checked before commit).
CREATE TABLE session_new (
	id        INTEGER PRIMARY KEY,
	course_id INTEGER NOT NULL REFERENCES course(id),
	date      TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	label     TEXT NOT NULL DEFAULT '',
	capacity  INTEGER CHECK (capacity >= 0),
	mode      TEXT CHECK (mode = 'face_to_face' OR mode = 'virtual' OR mode = 'e_learning'
	              OR mode = 'blended'),
	UNIQUE (course_id, date, label)
) STRICT;
INSERT INTO session_new(id, course_id, date, label, capacity, mode)
	SELECT id, course_id, date, label, capacity, mode FROM session;
DROP TABLE session;
ALTER TABLE session_new RENAME TO session;
CREATE INDEX session_date ON session(date);

-- migration: 4

-- A practitioner's pseudonym is unique through a named index rather than a
-- column constraint, so that an import into a table that held nobody can
-- drop the index, append its people in id order and build the index once
-- at the end, sorted (the import puts it back before anything else reads
-- it).  The table is rebuilt with the same ids.
CREATE TABLE practitioner_new (
	id        INTEGER PRIMARY KEY,
	pkey      TEXT NOT NULL CHECK (length(pkey) = 64),
	agency_id INTEGER REFERENCES agency(id),   -- latest agency seen
	role      TEXT
) STRICT;
INSERT INTO practitioner_new(id, pkey, agency_id, role)
	SELECT id, pkey, agency_id, role FROM practitioner;
DROP TABLE practitioner;
ALTER TABLE practitioner_new RENAME TO practitioner;
CREATE UNIQUE INDEX practitioner_pkey ON practitioner(pkey);

-- migration: 5

-- Two more kinds of import (the agency list with the names people type for
-- each agency, and the evidence log), rows a source marks as not data
-- counted apart as skipped (a Moodle non-completer, an incomplete survey
-- response: read = loaded + duplicates + skipped + rejected), and batches
-- that `lia forget` has removed kept as 'forgotten', so that only the live
-- batches make a file already imported.  The table is rebuilt with the
-- same ids.
CREATE TABLE import_batch_new (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('attendance', 'feedback', 'audits',
	               'workforce', 'courses', 'reviews', 'actions', 'holidays',
	               'agencies', 'evidence')),
	source     TEXT NOT NULL,
	sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
	profile    TEXT NOT NULL DEFAULT 'generic',
	header     TEXT,
	delimiter  TEXT NOT NULL DEFAULT ',',
	started    TEXT NOT NULL,
	finished   TEXT,
	rows_read      INTEGER NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
	rows_loaded    INTEGER NOT NULL DEFAULT 0 CHECK (rows_loaded >= 0),
	rows_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (rows_duplicate >= 0),
	rows_skipped   INTEGER NOT NULL DEFAULT 0 CHECK (rows_skipped >= 0),
	rows_rejected  INTEGER NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
	warnings   INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT 'committed'
	           CHECK (status IN ('committed', 'rolled_back', 'forgotten')),
	CHECK (rows_read = rows_loaded + rows_duplicate + rows_skipped + rows_rejected)
) STRICT;
INSERT INTO import_batch_new(id, kind, source, sha256, profile, header, delimiter, started,
	finished, rows_read, rows_loaded, rows_duplicate, rows_rejected, warnings, status)
	SELECT id, kind, source, sha256, profile, header, delimiter, started, finished,
	       rows_read, rows_loaded, rows_duplicate, rows_rejected, warnings, status
	FROM import_batch;
DROP TABLE import_batch;
ALTER TABLE import_batch_new RENAME TO import_batch;
CREATE UNIQUE INDEX import_batch_file ON import_batch(kind, sha256) WHERE status = 'committed';

-- How people type an agency in booking and survey tools ("Sefton MBC",
-- "merseycare nhs ft"): the alias's name key (as agency.name_key) leads to
-- the agency.  Every importer resolves an agency name through it.
CREATE TABLE agency_alias (
	alias_key TEXT PRIMARY KEY,
	alias     TEXT NOT NULL,
	agency_id INTEGER NOT NULL REFERENCES agency(id),
	batch_id  INTEGER REFERENCES import_batch(id)
) STRICT;

-- The evidence log: learning products that are not courses (7-minute
-- briefings, practice resources) and the evidence sources of the
-- improvement cycle that are not audits (service-user feedback,
-- complaints and compliments, frontline intelligence, national research).
-- reach counts what its unit says (people, downloads, views or copies):
-- units are never added together.
CREATE TABLE evidence_item (
	id         INTEGER PRIMARY KEY,
	date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	kind       TEXT NOT NULL CHECK (kind IN ('briefing', 'resource', 'learning_event',
	               'service_user_feedback', 'complaint', 'compliment',
	               'frontline_intelligence', 'national_research', 'dataset_report', 'other')),
	title      TEXT NOT NULL,
	title_key  TEXT NOT NULL,
	review_id  INTEGER REFERENCES review(id),
	agency_id  INTEGER REFERENCES agency(id),
	reach      INTEGER CHECK (reach >= 0),
	reach_unit TEXT CHECK (reach_unit IN ('people', 'downloads', 'views', 'copies')),
	source     TEXT,
	link       TEXT,
	batch_id   INTEGER REFERENCES import_batch(id),
	CHECK (reach IS NULL OR reach_unit IS NOT NULL),
	UNIQUE (kind, date, title_key)
) STRICT;

CREATE TABLE evidence_theme (
	evidence_id INTEGER NOT NULL REFERENCES evidence_item(id) ON DELETE CASCADE,
	theme_id    INTEGER NOT NULL REFERENCES theme(id),
	PRIMARY KEY (evidence_id, theme_id)
) STRICT;

-- migration: 6

-- One theme however a file spells it: theme.name_key becomes the theme's
-- case-folded letters and digits (lia_theme_key), so "Voice of the Child"
-- and "voice-of-the-child" are one row.  Rows that fold to one key are
-- merged into the first of them (the lowest id): every reference moves to
-- it, and the others go.
CREATE TEMP TABLE theme_fold AS
	SELECT t.id AS id, (SELECT min(u.id) FROM theme u
	                    WHERE lia_theme_key(u.name) = lia_theme_key(t.name)) AS keep
	FROM theme t;
DELETE FROM theme_fold WHERE id = keep;
INSERT OR IGNORE INTO course_theme(course_id, theme_id)
	SELECT ct.course_id, f.keep FROM course_theme ct JOIN theme_fold f ON f.id = ct.theme_id;
DELETE FROM course_theme WHERE theme_id IN (SELECT id FROM theme_fold);
INSERT OR IGNORE INTO review_theme(review_id, theme_id)
	SELECT rt.review_id, f.keep FROM review_theme rt JOIN theme_fold f ON f.id = rt.theme_id;
DELETE FROM review_theme WHERE theme_id IN (SELECT id FROM theme_fold);
INSERT OR IGNORE INTO evidence_theme(evidence_id, theme_id)
	SELECT et.evidence_id, f.keep FROM evidence_theme et JOIN theme_fold f ON f.id = et.theme_id;
DELETE FROM evidence_theme WHERE theme_id IN (SELECT id FROM theme_fold);
UPDATE audit_standard SET theme_id = (SELECT keep FROM theme_fold WHERE id = theme_id)
	WHERE theme_id IN (SELECT id FROM theme_fold);
UPDATE action SET theme_id = (SELECT keep FROM theme_fold WHERE id = theme_id)
	WHERE theme_id IN (SELECT id FROM theme_fold);
DELETE FROM theme WHERE id IN (SELECT id FROM theme_fold);
UPDATE theme SET name_key = lia_theme_key(name);
DROP TABLE theme_fold;

-- migration: 7

-- Undoing an import (`lia forget BATCH`).  Rows a batch created in the
-- dimension tables carry its id, so that forgetting it removes those that
-- nothing else refers to; feedback answers a later file added to a
-- response already held carry theirs.  batch_change keeps, for each row a
-- batch changed rather than created (a duplicate that said more: attended
-- where the row said did not attend, a date where it had none), the row's
-- values before, as a JSON object of column -> value, to put back.  An
-- attendance may be 'excused' (Moodle attendance's E): never attended,
-- never a did-not-attend.  SQLite cannot change a CHECK in place: the
-- attendance table is rebuilt with the same rows.
ALTER TABLE agency ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE practitioner ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE theme ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE course ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE session ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE question ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE audit ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE audit_standard ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE feedback_answer ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);

CREATE TABLE batch_change (
	batch_id INTEGER NOT NULL REFERENCES import_batch(id),
	tbl      TEXT NOT NULL,
	row_key  TEXT NOT NULL,        -- rowid, or "session_id,practitioner_id"
	old      TEXT NOT NULL CHECK (json_valid(old)),
	PRIMARY KEY (batch_id, tbl, row_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance_new (
	session_id      INTEGER NOT NULL REFERENCES session(id),
	practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),
	agency_id       INTEGER REFERENCES agency(id),
	role            TEXT,
	status          TEXT NOT NULL CHECK (status = 'attended' OR status = 'did_not_attend'
	                    OR status = 'cancelled' OR status = 'excused'),
	hours           REAL CHECK (hours >= 0),
	completed       TEXT,
	batch_id        INTEGER REFERENCES import_batch(id),
	PRIMARY KEY (session_id, practitioner_id)
) STRICT, WITHOUT ROWID;
INSERT INTO attendance_new SELECT session_id, practitioner_id, agency_id, role, status, hours,
	completed, batch_id FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;
