/*
 * bc_journal.h - resumable runs: `check --journal FILE`.
 *
 * A journal is a text file of lines, each ending in " #" and a 64-bit FNV-1a checksum of
 * what precedes it. The first line pins the run it belongs to (seed, the options a point's
 * result depends on, the claim set and a hash of the claims' point and variant tables);
 * each later line is one finished check point's result, its numbers in %a so they read
 * back bit for bit. A line is appended with one write() and fsync'd, so a run killed at any
 * moment leaves every finished point on disk and at worst one torn last line, which the
 * checksum exposes: it is cut off and that point is run again. A resumed run takes each
 * journalled point's result instead of running it, so its output is byte-identical to an
 * uninterrupted run's. The double-vs-MPFR sweep is not journalled (it does not grow with
 * the budget; it is simply run again).
 *
 * The journal's text is separate from its file so that an MPI run can read it on rank 0
 * and hand the same text to every rank (bc_journal_from_text).
 */
#ifndef BC_JOURNAL_H
#define BC_JOURNAL_H

#include <stddef.h>

#include "bc_harness.h"

struct bc_journal;

/* The header line (without its checksum and newline) a run of `claims` under cfg writes;
 * returns its length, or -1 when it does not fit in len bytes. */
int bc_journal_header(const struct bc_claim *const *claims, int n, const struct bc_config *cfg,
                      char *buf, size_t len);

/*
 * Opens or creates `path` for the run whose header is `header`: a new (or empty, or
 * torn-before-its-first-line) file gets the header, fsync'd with its directory; an
 * existing one must carry the same header, and any torn tail is cut off. Returns NULL
 * with a one-line message when the file cannot be used or belongs to another run.
 */
struct bc_journal *bc_journal_open(const char *path, const char *header, char *err,
                                   size_t errlen);

/* A journal that only answers lookups, from the valid text another process read (an MPI
 * rank other than 0); NULL when out of memory. */
struct bc_journal *bc_journal_from_text(const char *text, size_t len);

/* The valid text of an opened journal (header and whole point lines), and its length. */
const char *bc_journal_text(const struct bc_journal *j, size_t *len);

/* Points the journal held when opened. */
int bc_journal_points(const struct bc_journal *j);

/* Points the run took from the journal. */
int bc_journal_reused(const struct bc_journal *j);

/* Makes the harness take points from j and record finished ones in it (its file, where it
 * has one). */
void bc_journal_attach(struct bc_journal *j, struct bc_config *cfg);

/* Closes and frees j; -1 with a one-line message when a point could not be written. */
int bc_journal_close(struct bc_journal *j, char *err, size_t errlen);

#endif
