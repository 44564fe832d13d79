/*
 * test_journal.c - `check --journal FILE`: a resumed run prints the same bytes as an
 * uninterrupted one, however it was stopped, and a journal of another run is refused.
 *
 * Cheap on purpose: two claims whose points take milliseconds (--no-ulp: the sweep is not
 * journalled), so a whole run is about 0.1 s and the kill test can afford several kills.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bc_test.h"

#define RUN_ARGS "check bn_bias noise_scale_progress --no-ulp --detect 0.2 --budget 20000 --threads 1"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/bc_journal_XXXXXX");
	cr_assert(mkdtemp(dir), "mkdtemp");
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(journal, .init = make_dir, .fini = remove_dir, .timeout = 60);

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	cr_assert(buf);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

static void path_of(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* The argument string of a run writing its table to TAG.txt, JSON to TAG.json and TeX to
 * TAG.tex, with the journal `journal` (none when NULL). */
static void args_for(char *buf, size_t len, const char *tag, const char *journal)
{
	int k = snprintf(buf, len, "%s --json-out %s/%s.json --tex-out %s/%s.tex", RUN_ARGS, dir,
	                 tag, dir, tag);
	if (journal)
		snprintf(buf + k, len - (size_t)k, " --journal %s/%s", dir, journal);
}

/* Runs to the end; the table goes to TAG.txt. */
static void run_to_end(const char *tag, const char *journal)
{
	char args[1024], path[256], *out, *err;
	args_for(args, sizeof args, tag, journal);
	int rc = bc_test_cli(args, &out, &err);
	cr_assert(rc == 0 || rc == 1, "'%s' exited %d: %s", args, rc, err);
	path_of(path, sizeof path, tag);
	strcat(path, ".txt");
	spit(path, out, strlen(out));
	free(out);
	free(err);
}

static void expect_same_file(const char *a, const char *b)
{
	char pa[256], pb[256];
	size_t la, lb;
	path_of(pa, sizeof pa, a);
	path_of(pb, sizeof pb, b);
	char *ta = slurp(pa, &la), *tb = slurp(pb, &lb);
	cr_assert(ta && tb, "missing %s or %s", pa, pb);
	cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s and %s differ", a, b);
	free(ta);
	free(tb);
}

static void expect_same_outputs(const char *tag, const char *ref)
{
	const char *ext[] = {".json", ".tex", ".txt"};
	for (int i = 0; i < 3; i++) {
		char a[64], b[64];
		snprintf(a, sizeof a, "%s%s", tag, ext[i]);
		snprintf(b, sizeof b, "%s%s", ref, ext[i]);
		expect_same_file(a, b);
	}
}

/* The reference: one run without a journal, and one with a journal `full`. */
static char *reference(size_t *len)
{
	run_to_end("ref", NULL);
	run_to_end("full", "full.journal");
	expect_same_outputs("full", "ref");
	char path[256];
	path_of(path, sizeof path, "full.journal");
	char *text = slurp(path, len);
	cr_assert(text);
	return text;
}

/* Offset just after the k-th newline of text. */
static size_t after_line(const char *text, size_t len, int k)
{
	size_t at = 0;
	for (int seen = 0; at < len && seen < k; at++)
		seen += text[at] == '\n';
	return at;
}

/* One reference for three resumes: from a clean partial journal, from one whose last line
 * was torn by a kill, and from one whose last line is whole but damaged. */
Test(journal, resume_from_a_partial_torn_or_corrupted_journal_gives_identical_bytes)
{
	size_t len;
	char *full = reference(&len), path[256];
	size_t start = after_line(full, len, 6), end = after_line(full, len, 7);
	cr_assert_lt(end, len, "the claim set has too few points to cut");
	/* clean: the header and five points */
	path_of(path, sizeof path, "part.journal");
	spit(path, full, start);
	run_to_end("resumed", "part.journal");
	expect_same_outputs("resumed", "ref");
	expect_same_file("part.journal", "full.journal");
	/* torn: the sixth point's line cut in its middle, without its newline */
	path_of(path, sizeof path, "torn.journal");
	spit(path, full, start + (end - start) / 2);
	run_to_end("torn", "torn.journal");
	expect_same_outputs("torn", "ref");
	expect_same_file("torn.journal", "full.journal");
	/* corrupted: whole, with its newline, but one digit of its estimate changed; were it
	 * read, the JSON would differ */
	char *bad = malloc(end);
	cr_assert(bad);
	memcpy(bad, full, end);
	char *x = strstr(bad + start, " 0x1.");
	cr_assert(x && x < bad + end, "no number in the line to corrupt");
	x[5] = x[5] == '0' ? '1' : '0';
	path_of(path, sizeof path, "bad.journal");
	spit(path, bad, end);
	run_to_end("bad", "bad.journal");
	expect_same_outputs("bad", "ref");
	expect_same_file("bad.journal", "full.journal");
	free(bad);
	free(full);
}

/* Starts `batchcheck ARGS` with its output discarded; returns its pid. */
static pid_t start(const char *args)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "exec %s %s >/dev/null 2>&1 </dev/null", BC_BINARY, args);
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

Test(journal, sigkill_at_seeded_moments_never_loses_a_point_and_resume_gives_identical_bytes)
{
	size_t len;
	double t0 = now();
	char *full = reference(&len), path[256], args[1024];
	double span = (now() - t0) / 2; /* one run's wall time, about */
	path_of(path, sizeof path, "killed.journal");
	args_for(args, sizeof args, "killed", "killed.journal");
	/* Four kills, each in its own quarter of a run (start-up, points and writes alike) at
	 * a moment from a fixed LCG, so the same moments on every run of the test up to the
	 * machine's speed; each from a fresh journal, then resumed to the end. */
	uint64_t lcg = 16;
	for (int k = 0; k < 4; k++) {
		lcg = lcg * 6364136223846793005u + 1442695040888963407u;
		double wait = span * ((double)k + (double)(lcg >> 11) * 0x1p-53) / 4;
		unlink(path);
		pid_t pid = start(args);
		struct timespec d = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
		nanosleep(&d, NULL);
		kill(pid, SIGKILL);
		int status;
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		/* whatever is on disk is the uninterrupted journal's prefix, a torn line at most
		 * excepted */
		size_t got = 0;
		char *text = slurp(path, &got);
		size_t whole = got;
		while (text && whole > 0 && text[whole - 1] != '\n')
			whole--;
		cr_assert(!text || (whole <= len && memcmp(text, full, whole) == 0),
		          "kill %d (after %.3f s) left a journal that is not a prefix of the full one",
		          k, wait);
		free(text);
		run_to_end("killed", "killed.journal");
		expect_same_outputs("killed", "ref");
		expect_same_file("killed.journal", "full.journal");
	}
	free(full);
}

Test(journal, a_journal_of_another_run_is_refused_and_left_alone)
{
	char path[256], args[1024];
	path_of(path, sizeof path, "other.journal");
	snprintf(args, sizeof args, "check bn_bias --no-ulp --detect 0.2 --budget 2000 --journal %s",
	         path);
	char *out, *err;
	int rc = bc_test_cli(args, &out, &err);
	cr_assert(rc == 0 || rc == 1, "%s", err);
	free(out);
	free(err);
	size_t len0, len1;
	char *before = slurp(path, &len0);
	/* each differs from the first run in one thing a point's result depends on */
	const char *others[] = {"--seed 2 --detect 0.2 --budget 2000", "--detect 0.3 --budget 2000",
	                        "--detect 0.2 --budget 3000", "--detect 0.2 --budget 2000 --alpha 1e-5",
	                        "--detect 0.2 --budget 2000 --power 0.95"};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		char other[1200];
		snprintf(other, sizeof other, "check bn_bias --no-ulp %s --journal %s", others[i], path);
		bc_test_expect_usage_error(other, "belongs to another run");
	}
	snprintf(args, sizeof args, "check bn_bias noise_scale_progress --no-ulp --detect 0.2 "
	         "--budget 2000 --journal %s", path);
	bc_test_expect_usage_error(args, "belongs to another run");
	char *after = slurp(path, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0, "a refused run changed it");
	free(before);
	free(after);
	/* a file that is no journal is refused, not truncated */
	char notes[256];
	path_of(notes, sizeof notes, "notes.txt");
	spit(notes, "precious\n", 9);
	snprintf(args, sizeof args, "check bn_bias --no-ulp --journal %s", notes);
	bc_test_expect_usage_error(args, "is not a batchcheck journal");
	after = slurp(notes, &len1);
	cr_assert(len1 == 9 && memcmp(after, "precious\n", 9) == 0);
	free(after);
	/* a journal another run holds (its lock, taken here) */
	int fd = open(path, O_RDWR);
	struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	cr_assert(fd >= 0 && fcntl(fd, F_SETLK, &lock) == 0);
	snprintf(args, sizeof args, "check bn_bias --no-ulp --detect 0.2 --budget 2000 --journal %s",
	         path);
	bc_test_expect_usage_error(args, "is in use by another run");
	close(fd);
	snprintf(args, sizeof args, "check bn_bias --no-ulp --journal %s/no/such/dir/j", dir);
	bc_test_expect_usage_error(args, "--journal");
}
