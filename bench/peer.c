/*
 * peer.c - runs a claim's NumPy peer (bench/peers/ID.py) and reads back its one line.
 *
 * The peer is a child process (popen), so its interpreter start and NumPy import never
 * count: it times its own simulation loop with process CPU time and prints
 *     draws=<N> cpu_s=<s> mean=<x> se=<x>
 * Exit status 3 is the peer's own way of saying NumPy is missing (bench/peers/peer_common.py);
 * 127 is the shell's for a missing interpreter. Both mean "not installed", told apart from a
 * peer that ran and failed, so `make bench` can go on without Python.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "peer.h"

#define PEER_EXIT_NO_NUMPY 3
#define SHELL_EXIT_NOT_FOUND 127

/* The id goes into a shell command: only a claim id's own characters are let through. */
static int id_is_plain(const char *id)
{
	if (!*id || strlen(id) > 64)
		return 0;
	for (const char *s = id; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* One line `draws=N cpu_s=S mean=X se=X`, nothing after it but the newline. */
static int parse_line(const char *line, struct bc_peer_result *out)
{
	int end = -1;
	if (sscanf(line, "draws=%llu cpu_s=%lf mean=%lf se=%lf%n", &out->draws, &out->cpu_s,
	           &out->mean, &out->se, &end) != 4 || end < 0)
		return -1;
	return strcmp(line + end, "\n") == 0 || line[end] == '\0' ? 0 : -1;
}

int bc_bench_peer(const char *claim_id, unsigned long long replicates, unsigned long long seed,
                  struct bc_peer_result *out)
{
	char script[128], cmd[256], line[256];
	if (!id_is_plain(claim_id)) {
		fprintf(stderr, "NumPy peer: '%s' is not a claim id\n", claim_id);
		return -2;
	}
	if (access(BC_PEER_PYTHON, X_OK) != 0) {
		fprintf(stderr, "NumPy peer: %s is not installed (make deps-bench)\n", BC_PEER_PYTHON);
		return -1;
	}
	snprintf(script, sizeof script, "%s/%s.py", BC_PEER_DIR, claim_id);
	if (access(script, R_OK) != 0) {
		fprintf(stderr, "NumPy peer: no %s (claim without a peer, or not run from the "
		        "repository root)\n", script);
		return -2;
	}
	/* -B: importing peer_common must not write __pycache__ into the tree */
	snprintf(cmd, sizeof cmd, "%s -B %s %llu %llu", BC_PEER_PYTHON, script, replicates, seed);
	fflush(NULL); /* what we printed so far comes before anything the peer says on stderr */
	FILE *p = popen(cmd, "r");
	if (!p) {
		perror("NumPy peer: popen");
		return -2;
	}
	int parsed = -1, lines = 0;
	while (fgets(line, sizeof line, p)) /* read to the end, so the child never blocks */
		if (lines++ == 0)
			parsed = parse_line(line, out);
	int status = pclose(p);
	int code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == PEER_EXIT_NO_NUMPY || code == SHELL_EXIT_NOT_FOUND) {
		fprintf(stderr, "NumPy peer: %s %s (make deps-bench)\n", BC_PEER_PYTHON,
		        code == PEER_EXIT_NO_NUMPY ? "cannot import NumPy" : "would not start");
		return -1;
	}
	if (code != 0 || parsed != 0 || lines != 1) {
		fprintf(stderr, "NumPy peer: `%s` %s\n", cmd,
		        code != 0 ? "failed" : "printed something other than its one line");
		return -2;
	}
	return 0;
}
