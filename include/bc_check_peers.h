/*
 * bc_check_peers.h - `check` run by several processes at once (build/batchcheck-mpi).
 *
 * Every process runs the same command on the same arguments, so a bad argument is found by
 * all of them alike; what one process alone can find (an output file or journal it cannot
 * open) is agreed through `agree`, so every process takes the same path and exits with the
 * same status. Only the writer opens and writes files and the journal; the others see the
 * writer's journal text through `share_text`.
 */
#ifndef BC_CHECK_PEERS_H
#define BC_CHECK_PEERS_H

#include <stdbool.h>
#include <stddef.h>

struct bc_check_peers {
	bool writer;             /* this process writes stdout, the files and the journal */
	int (*agree)(int value); /* the largest value over the processes */
	/* The writer's text (*text, *len) to every process: the others receive a malloc'd
	 * copy. 0, or -1 on every process when it failed. */
	int (*share_text)(char **text, size_t *len);
};

/* `batchcheck check` (bc_cmd_check) as one of several processes; peers NULL: alone. */
int bc_cmd_check_with(int argc, char **argv, const struct bc_check_peers *peers);

#endif
