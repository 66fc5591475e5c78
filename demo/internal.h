/*
 * Private to demo/: the partnership model (agencies, people, courses,
 * sessions and who attended them, built once from the seed) that every file
 * writer reads, and a CSV writer that quotes as each producing system does.
 * No other folder includes this.
 */
#ifndef LIA_DEMO_INTERNAL_H
#define LIA_DEMO_INTERNAL_H

#include <glib.h>

#include "demo/demo.h"

/* ---- CSV as a producer writes it ---------------------------------------- */

enum csvw_quote {
	CSVW_MINIMAL,	/* only fields with the delimiter, a quote or a line end
			 * (Excel, Python's csv module) */
	CSVW_PHP,	/* PHP's fputcsv: also fields with a space, tab or backslash */
	CSVW_ALL	/* every field */
};

struct csvw {
	GString *buf;
	enum csvw_quote quote;
	const char *eol;	/* "\r\n" or "\n" */
	int at_start;		/* no field yet on this line */
};

/* A writer; bom starts the text with the UTF-8 byte order mark. */
void csvw_init(struct csvw *, enum csvw_quote, const char *eol, int bom);
void csvw_fini(struct csvw *);
void csvw_field(struct csvw *, const char *);
void csvw_fieldf(struct csvw *, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void csvw_int(struct csvw *, int64_t);
/* Ends the record. */
void csvw_end(struct csvw *);
/* A whole record of n fields. */
void csvw_row(struct csvw *, int n, const char *const *fields);

/* ---- the partnership ------------------------------------------------------- */

enum sector {
	SEC_LA, SEC_HEALTH, SEC_POLICE, SEC_EDUCATION, SEC_VOLUNTARY, SEC_PROBATION,
	SEC_HOUSING, SEC_EARLY_YEARS, SEC_N
};

struct agency {
	const char *name, *domain, *aliases;
	enum sector sector;
	int headcount;		/* 2019/20, before --scale */
	unsigned flags;		/* AG_* */
};

enum {
	AG_S11 = 1 << 0,	/* returns a Section 11 audit */
	AG_S175 = 1 << 1,	/* a school or college: Section 175/157 */
	AG_NO_STAFF = 1 << 2	/* no workforce return (elected members) */
};

struct person {
	int agency;		/* index in the agency table */
	const char *first, *last;
	const char *role;
	char *email;
	int moodle_id;
};

enum att {
	ATT_ATTENDED, ATT_DNA, ATT_CANCELLED
};

struct seat {
	int person;		/* index in people */
	enum att status;
};

enum source {
	SRC_RECORDS,		/* the partnership's training records export */
	SRC_EVENTBRITE		/* booked through Eventbrite: one report per session */
};

struct course {
	const char *code, *title, *themes, *delivery;
	int level, refresh_months, train_the_trainer;
	double hours;
};

struct session {
	const struct course *course;
	lia_date date;
	const char *label;	/* "" or "Morning" ... */
	const char *mode;	/* "face to face", "virtual" */
	int capacity;
	enum source source;
	GArray *seats;		/* struct seat */
};

struct model {
	GRand *rand;
	const struct demo_opts *opts;
	const struct agency *agencies;
	int nagencies;
	GArray *people;		/* struct person */
	GPtrArray *sessions;	/* struct session *, in date order */
	GHashTable *emails;	/* taken e-mail addresses */
	double *engage;		/* per agency: how keen to train, 0 to ENGAGE_MAX */
};

extern const struct course demo_courses[];
extern const int demo_hmv_headcount[DEMO_HMV_SESSIONS];
extern const int demo_ncourses;
const struct course *demo_course(const char *code);
const char *demo_sector_name(enum sector);

/* Builds the partnership from the options.  Cannot fail but for memory. */
void model_init(struct model *, const struct demo_opts *);
void model_fini(struct model *);

/* A uniform integer in [lo, hi]. */
int rnd(struct model *, int lo, int hi);
/* True with probability p. */
int chance(struct model *, double p);

/* ---- dates as the producers write them ------------------------------------- */

/* "12/06/2019" */
char *fmt_uk(lia_date, char *buf);
/* "06/20/2019" */
char *fmt_us(lia_date, char *buf);
/* The n-th weekday wd (0 Monday) of a month. */
lia_date nth_weekday_of(int y, int m, int wd, int n);
/* "2019-06-12" */
char *fmt_iso(lia_date, char *buf);

/* ---- the files (exports.c) ------------------------------------------------ */

/* Where the files go and what has been written: each writer adds one
 * import to the manifest. */
struct out {
	const char *dir;
	struct model *m;
	GArray *imports;	/* struct demo_import */
	struct lia_err *err;
	int failed;
};

/* Writes text to DIR/name and adds it to the manifest; the returned import
 * is the caller's to fill in (kind, profile, options, counts). */
struct demo_import *out_file(struct out *, const char *name, const GString *text,
    const char *kind, const char *source);
/* Writes a file that is not imported by itself (a map file); returns its
 * path, owned by the caller, or NULL after setting o->failed. */
char *out_aux(struct out *, const char *name, const char *text);

void write_agencies(struct out *);
void write_workforce(struct out *);
void write_courses(struct out *);
void write_reviews(struct out *);
void write_actions(struct out *);
void write_training_records(struct out *);
void write_eventbrite(struct out *);
void write_hear_my_voice(struct out *);
void write_moodle(struct out *);
void write_wt_feedback(struct out *);
void write_neglect_feedback(struct out *);
void write_hmv_feedback(struct out *);
void write_section11(struct out *);
void write_section175(struct out *);
void write_case_audits(struct out *);
void write_evidence(struct out *);

#endif
