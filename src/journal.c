/*
 * journal.c - resumable runs (see bc_journal.h): checksummed lines, appended and fsync'd.
 *
 * The one idea: a line counts only when it ends in a newline and its checksum matches, so
 * a write cut short by SIGKILL (or a crash) is never misread; everything from the first
 * line that does not count is cut off before the file is appended to again.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bc_journal.h"

#define MAGIC "batchcheck-journal v1"
#define LINE_MAX_LEN 8192 /* a header names every claim: room for hundreds */

struct entry {
	char claim[96], point[96]; /* matched by name: the sscanf widths below are 95 */
	int index;
	struct bc_point_result r; /* the fields a point's decision sets */
};

struct bc_journal {
	int fd; /* -1: lookups only */
	char *text;
	size_t text_len;
	struct entry *entries;
	int n_entries, reused;
	int write_error; /* errno of the first failed append, or 0 */
	char path[4096];
};

static uint64_t fnv1a(const char *s, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}
#define FNV_INIT 0xcbf29ce484222325u

static uint64_t fnv1a_str(const char *s, uint64_t h)
{
	/* the terminating NUL too, so ("ab","c") and ("a","bc") differ */
	return s ? fnv1a(s, strlen(s) + 1, h) : fnv1a("\x01", 1, h);
}

/* A hash of what the claims check: their points and planted variants. A journal written
 * before a table changed must not be reused after. */
static uint64_t tables_hash(const struct bc_claim *const *claims, int n)
{
	uint64_t h = FNV_INIT;
	char num[32];
	for (int i = 0; i < n; i++) {
		const struct bc_claim *c = claims[i];
		h = fnv1a_str(c->id, h);
		for (int p = 0; p < c->n_points; p++) {
			const struct bc_point *pt = &c->points[p];
			snprintf(num, sizeof num, "%d", (int)pt->kind);
			h = fnv1a_str(pt->name, fnv1a_str(num, h));
			h = fnv1a_str(pt->args, fnv1a_str(pt->output, fnv1a_str(pt->scale_output, h)));
		}
		for (int v = 0; v < c->n_variants; v++)
			h = fnv1a_str(c->variants[v].name, fnv1a_str(c->variants[v].output, h));
	}
	return h;
}

int bc_journal_header(const struct bc_claim *const *claims, int n, const struct bc_config *cfg,
                      char *buf, size_t len)
{
	size_t k = (size_t)snprintf(buf, len,
	                            MAGIC " seed=%" PRIu64 " alpha=%a detect=%a power=%a pilot=%" PRIu64
	                                  " budget=%" PRIu64 " tables=%016" PRIx64 " claims=",
	                            cfg->seed, cfg->alpha, cfg->detect, cfg->power, cfg->pilot,
	                            cfg->budget, tables_hash(claims, n));
	for (int i = 0; i < n && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", i ? "," : "", claims[i]->id);
	return k < len ? (int)k : -1;
}

/* Length of line `s` (up to its newline) when it is whole and its checksum matches, else 0. */
static size_t valid_line(const char *s, size_t avail, size_t *body)
{
	const char *nl = memchr(s, '\n', avail < LINE_MAX_LEN ? avail : LINE_MAX_LEN);
	if (!nl || nl - s < 19 || nl[-18] != ' ' || nl[-17] != '#')
		return 0;
	size_t b = (size_t)(nl - s) - 18;
	char want[17];
	snprintf(want, sizeof want, "%016" PRIx64, fnv1a(s, b, FNV_INIT));
	if (memcmp(want, nl - 16, 16) != 0)
		return 0;
	*body = b;
	return (size_t)(nl - s) + 1;
}

/* Parses one point line's body into e; 0, or -1 when it is not one. */
static int parse_point(const char *body, size_t n, struct entry *e)
{
	char line[LINE_MAX_LEN], est[64], se[64], z[64], det[64];
	unsigned verdict, pilot_only, resized;
	unsigned long long samples, needed;
	int used = 0;
	memcpy(line, body, n);
	line[n] = '\0';
	memset(e, 0, sizeof *e);
	/* field widths: sizeof e->claim - 1 and friends */
	if (sscanf(line, "point %95s %d %95s %u %llu %llu %u %u %63s %63s %63s %63s%n", e->claim,
	           &e->index, e->point, &verdict, &samples, &needed, &pilot_only, &resized, est,
	           se, z, det, &used) != 12 ||
	    (size_t)used != n || verdict > BC_NOT_FLAGGED || pilot_only > 1 || resized > 1)
		return -1;
	e->r.verdict = (enum bc_verdict)verdict;
	e->r.samples = samples;
	e->r.needed = needed;
	e->r.pilot_only = pilot_only;
	e->r.resized = resized;
	e->r.estimate = strtod(est, NULL);
	e->r.se = strtod(se, NULL);
	e->r.z = strtod(z, NULL);
	e->r.detectable = strtod(det, NULL);
	return 0;
}

/* Reads the point lines after the header; returns the length of the valid prefix of text
 * (header included), or 0 when the header itself is not whole. */
static size_t load(struct bc_journal *j, const char *text, size_t len)
{
	size_t body, at = valid_line(text, len, &body);
	if (!at)
		return 0;
	while (at < len) {
		size_t n = valid_line(text + at, len - at, &body);
		struct entry e;
		if (!n || parse_point(text + at, body, &e))
			break;
		struct entry *more = realloc(j->entries, ((size_t)j->n_entries + 1) * sizeof *more);
		if (!more)
			break; /* the rest is run again */
		j->entries = more;
		j->entries[j->n_entries++] = e;
		at += n;
	}
	return at;
}

static struct bc_journal *journal_new(void)
{
	struct bc_journal *j = calloc(1, sizeof *j);
	if (j)
		j->fd = -1;
	return j;
}

struct bc_journal *bc_journal_from_text(const char *text, size_t len)
{
	struct bc_journal *j = journal_new();
	if (!j)
		return NULL;
	j->text = malloc(len + 1);
	if (!j->text) {
		free(j);
		return NULL;
	}
	memcpy(j->text, text, len);
	j->text[len] = '\0';
	j->text_len = load(j, j->text, len);
	return j;
}

/* Appends `body` with its checksum and newline in one write, then fsyncs. */
static int append_line(int fd, const char *body)
{
	char line[LINE_MAX_LEN];
	size_t n = strlen(body);
	if (n + 19 > sizeof line)
		return errno = ENAMETOOLONG, -1;
	memcpy(line, body, n);
	n += (size_t)snprintf(line + n, sizeof line - n, " #%016" PRIx64 "\n",
	                      fnv1a(body, strlen(body), FNV_INIT));
	ssize_t w = write(fd, line, n);
	if (w != (ssize_t)n)
		return errno = w < 0 ? errno : EIO, -1;
	return fsync(fd);
}

/* fsyncs the directory holding path, so a newly created file's name survives a crash. */
static int sync_dir(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* True when text is a prefix of header's whole line: a header a kill cut short. */
static bool torn_header(const char *text, size_t len, const char *header)
{
	size_t h = strlen(header);
	char tail[24];
	snprintf(tail, sizeof tail, " #%016" PRIx64 "\n", fnv1a(header, h, FNV_INIT));
	if (len <= h)
		return memcmp(text, header, len) == 0;
	return memcmp(text, header, h) == 0 && len - h <= strlen(tail) &&
	       memcmp(text + h, tail, len - h) == 0;
}

static char *read_all(int fd, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	for (ssize_t r; buf; n += (size_t)r) {
		if (n == cap) {
			char *more = realloc(buf, 2 * cap + 1);
			if (!more)
				break;
			buf = more;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r <= 0) {
			if (r == 0) {
				buf[n] = '\0';
				*len = n;
				return buf;
			}
			break;
		}
	}
	free(buf);
	return NULL;
}

struct bc_journal *bc_journal_open(const char *path, const char *header, char *err,
                                   size_t errlen)
{
	struct bc_journal *j = journal_new();
	if (!j) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(j->path, sizeof j->path, "%s", path);
	struct stat st;
	int existed = stat(path, &st) == 0;
	j->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	/* one run per journal: a second one appending to it would interleave its lines */
	struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (j->fd >= 0 && fcntl(j->fd, F_SETLK, &lock) < 0) {
		snprintf(err, errlen, "--journal '%s' is in use by another run", path);
		goto fail;
	}
	size_t len = 0;
	if (j->fd < 0 || !(j->text = read_all(j->fd, &len))) {
		snprintf(err, errlen, "cannot use '%s' as --journal: %s", path, strerror(errno));
		goto fail;
	}
	size_t valid = load(j, j->text, len), body = 0;
	if (!valid && !torn_header(j->text, len, header)) {
		/* not cut off: never truncate a file that is not a journal (a mistyped path) */
		snprintf(err, errlen, "--journal '%s' is not a batchcheck journal: remove it or name "
		         "another file", path);
		goto fail;
	}
	if (valid) {
		valid_line(j->text, len, &body);
		if (body != strlen(header) || memcmp(j->text, header, body) != 0) {
			snprintf(err, errlen, "--journal '%s' belongs to another run (seed, options, "
			         "claims or their tables differ): remove it or name another file", path);
			goto fail;
		}
	}
	/* Cut off a torn tail (or a header torn before it was whole) before appending. */
	if (valid < len && (ftruncate(j->fd, (off_t)valid) || fsync(j->fd)))
		goto io_fail;
	j->text_len = valid;
	j->text[valid] = '\0';
	if (!valid) {
		if (append_line(j->fd, header) || (!existed && sync_dir(path)))
			goto io_fail;
		free(j->text);
		j->text = NULL;
		/* read back what was written, so text() hands other ranks exactly the file */
		if (lseek(j->fd, 0, SEEK_SET) < 0 || !(j->text = read_all(j->fd, &len)))
			goto io_fail;
		j->text_len = load(j, j->text, len);
	}
	return j;
io_fail:
	snprintf(err, errlen, "cannot write --journal '%s': %s", path, strerror(errno));
fail:
	if (j->fd >= 0)
		close(j->fd);
	free(j->text);
	free(j->entries);
	free(j);
	return NULL;
}

const char *bc_journal_text(const struct bc_journal *j, size_t *len)
{
	*len = j->text_len;
	return j->text;
}

int bc_journal_points(const struct bc_journal *j)
{
	return j->n_entries;
}

int bc_journal_reused(const struct bc_journal *j)
{
	return j->reused;
}

static bool known(void *ctx, const struct bc_claim *c, int index, struct bc_point_result *pr)
{
	struct bc_journal *j = ctx;
	for (int i = 0; i < j->n_entries; i++) {
		const struct entry *e = &j->entries[i];
		if (e->index != index || strcmp(e->claim, c->id) != 0 ||
		    strcmp(e->point, c->points[index].name) != 0)
			continue;
		pr->verdict = e->r.verdict;
		pr->samples = e->r.samples;
		pr->needed = e->r.needed;
		pr->pilot_only = e->r.pilot_only;
		pr->resized = e->r.resized;
		pr->estimate = e->r.estimate;
		pr->se = e->r.se;
		pr->z = e->r.z;
		pr->detectable = e->r.detectable;
		j->reused++;
		return true;
	}
	return false;
}

static void done(void *ctx, const struct bc_claim *c, int index, const struct bc_point_result *pr)
{
	struct bc_journal *j = ctx;
	if (j->fd < 0 || j->write_error)
		return;
	char body[LINE_MAX_LEN];
	/* %a: every number reads back bit for bit */
	snprintf(body, sizeof body, "point %s %d %s %u %llu %llu %u %u %a %a %a %a", c->id, index,
	         c->points[index].name, (unsigned)pr->verdict, (unsigned long long)pr->samples,
	         (unsigned long long)pr->needed, (unsigned)pr->pilot_only, (unsigned)pr->resized,
	         pr->estimate, pr->se, pr->z, pr->detectable);
	if (append_line(j->fd, body))
		j->write_error = errno ? errno : EIO;
}

void bc_journal_attach(struct bc_journal *j, struct bc_config *cfg)
{
	cfg->point_known = known;
	cfg->point_done = done;
	cfg->hook_ctx = j;
}

int bc_journal_close(struct bc_journal *j, char *err, size_t errlen)
{
	int rc = 0;
	if (j->write_error) {
		snprintf(err, errlen, "cannot write --journal '%s': %s", j->path,
		         strerror(j->write_error));
		rc = -1;
	}
	if (j->fd >= 0 && close(j->fd) && !rc) {
		snprintf(err, errlen, "cannot write --journal '%s': %s", j->path, strerror(errno));
		rc = -1;
	}
	free(j->text);
	free(j->entries);
	free(j);
	return rc;
}
