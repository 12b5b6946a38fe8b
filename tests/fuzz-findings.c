/* Every fuzzing input kept in the repository runs clean under --check. */
#include <dirent.h>
#include <string.h>
#include "helpers.h"
#include "pagesim/pagesim.h"

static int replay(const char *dir)
{
	struct pagesim_options opt = { .check = true };
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	cr_assert_not_null(d, "%s", dir);
	cr_assert_not_null(freopen("/dev/null", "w", stdout));
	while ((e = readdir(d))) {
		char path[512];
		FILE *in;
		int status;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		in = fopen(path, "r");
		cr_assert_not_null(in, "%s", path);
		boot(64 * MiB, 2);
		status = pagesim_run(in, path, &opt);
		fclose(in);
		sim_shutdown();
		cr_assert_neq(status, 3, "%s breaks an invariant", path);
		n++;
	}
	closedir(d);
	return n;
}

Test(fuzz, corpus_runs_clean)
{
	cr_assert_gt(replay("tests/fuzz/corpus"), 5);
}

Test(fuzz, findings_run_clean)
{
	replay("tests/fuzz/findings");
}
