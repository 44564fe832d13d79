/*
 * The test runner's main for `make valgrind` (build/tests/run-valgrind): Criterion's own,
 * except that every per-test timeout is multiplied by TIMEOUT_SCALE. Under valgrind the
 * tests run 20 to 50 times slower, and a timeout would kill the worker (failing the test
 * and hiding what valgrind would have found at its exit); scaled, a timeout still ends a
 * test that hangs. The tests themselves are the same objects `make check` runs.
 */
#include <criterion/criterion.h>

#define TIMEOUT_SCALE 50

int main(int argc, char *argv[])
{
	struct criterion_test_set *tests = criterion_initialize();
	int result = 0;
	if (criterion_handle_args(argc, argv, true)) {
		FOREACH_SET(struct criterion_suite_set *s, tests->suites)
		{
			if (s->suite.data)
				s->suite.data->timeout *= TIMEOUT_SCALE;
			FOREACH_SET(struct criterion_test *t, s->tests)
			{
				t->data->timeout *= TIMEOUT_SCALE;
			}
		}
		result = !criterion_run_all_tests(tests);
	}
	criterion_finalize(tests);
	return result;
}
