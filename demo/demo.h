/*
 * demo: a fictional safeguarding children partnership, "Westmere", written
 * as the CSV files its systems would export, for `lia demo` and the tests.
 * It keeps the published figures of the partnership report the project grew
 * from exactly (the five reviews and the months of their milestones, the
 * Working Together course's 25 sessions and 539 practitioners, the Hear My
 * Voice events, the Graded Care Profile 2 trainers, the actions done and
 * outstanding); everything else is synthetic and plausible.  The same seed
 * gives byte-identical files.  This floor knows nothing of the importers:
 * it writes files and a manifest that says how each is imported, and the
 * command imports them through `lia import`'s own code.
 */
#ifndef LIA_DEMO_H
#define LIA_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/*
 * Files the generator can write in the exact shape a real system exports
 * (header, BOM, line ends, quoting, date format, status words).  A shape not
 * asked for is written in lia's canonical (generic) format instead, with the
 * same people and the same figures.
 */
enum demo_shape {
	DEMO_SHAPE_MOODLE = 1 << 0,	/* Moodle course completion download */
	DEMO_SHAPE_EVENTBRITE = 1 << 1,	/* Eventbrite attendee report */
	DEMO_SHAPE_MSFORMS = 1 << 2,	/* Microsoft Forms responses, saved as CSV UTF-8 */
	DEMO_SHAPE_GOOGLEFORMS = 1 << 3,	/* Google Forms "Download responses (.csv)" */
	DEMO_SHAPE_SURVEYMONKEY = 1 << 4	/* SurveyMonkey export, two header rows */
};
#define DEMO_SHAPES_ALL 0x1fu
/* The shapes the demo writes: every one (lia reads each as its system writes it). */
#define DEMO_SHAPES_DEFAULT DEMO_SHAPES_ALL

struct demo_opts {
	uint32_t seed;		/* GRand seed (default 2021) */
	int scale;		/* multiplies the synthetic volume, 1 to 1000 (default 1) */
	unsigned shapes;	/* enum demo_shape bits (default DEMO_SHAPES_DEFAULT) */
};

void demo_opts_defaults(struct demo_opts *);

/* One file to import, in order, with the options `lia import` needs for it. */
struct demo_import {
	char *kind;		/* as `lia import` names it: "attendance" */
	char *file;		/* its path: the data folder joined to its name */
	char *profile;		/* NULL for generic */
	char *map;		/* a map file's path, or NULL */
	char *course, *date, *stage;	/* --course, --date, --stage, or NULL */
	int checkin;		/* --checkin */
	int64_t rows;		/* data rows written (not headers) */
	int64_t planted_rejects;	/* rows written bad on purpose */
	int64_t planted_duplicates;	/* rows that repeat one already written */
	char *source;		/* the system whose export it is, in words */
};

struct demo_manifest {
	char *data_dir;		/* OUT/data */
	struct demo_import *imports;
	size_t n;
};

/*
 * Writes the partnership's files into OUT/data/ (created, with OUT, if
 * missing; files of the same names are replaced) and OUT/data/manifest.csv,
 * which lists the imports in the order they must run.  Returns the manifest
 * (free with demo_manifest_free), or NULL with err when a file cannot be
 * written or the options are out of range.
 */
struct demo_manifest *demo_generate(const char *out_dir, const struct demo_opts *,
    struct lia_err *);
void demo_manifest_free(struct demo_manifest *);

/* The seed report's figures the demo keeps, for the command's summary and
 * the tests. */
#define DEMO_WT_CODE "WT"		/* Working Together to Safeguard Children */
#define DEMO_WT_SESSIONS 25		/* 2018 to the end of 2020 */
#define DEMO_WT_PRACTITIONERS 539	/* unique practitioners who attended */
#define DEMO_HMV_CODE "HMV"		/* Hear My Voice learning events */
#define DEMO_HMV_SESSIONS 6		/* across 2 days, June and November 2019 */
#define DEMO_TTT_CODE "GCP2-TTT"	/* Graded Care Profile 2 train the trainer */
#define DEMO_TTT_TRAINED 10		/* on 13-14 January 2021 */
#define DEMO_TTT_TARGET 14		/* the pool the partnership aims for */
#define DEMO_AS_AT "2021-01-26"		/* the day the seed report was presented */
#define DEMO_PARTNERSHIP "Westmere Safeguarding Children Partnership"

#endif
