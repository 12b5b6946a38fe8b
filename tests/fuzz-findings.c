/* Every fuzzing input kept in the repository runs clean under --check. */
#include <dirent.h>
#include <string.h>
#include "helpers.h"
#include "pagesim/pagesim.h"
#include "fuzz/machine_of.h"

static int replay(const char *dir)
{
	struct pagesim_options opt = { .check = true };
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	cr_assert_not_null(d, "%s", dir);
	cr_assert_not_null(freopen("/dev/null", "w", stdout));
	while ((e = readdir(d))) {
		struct sim_config cfg = { .ram = 64 * MiB, .nr_cpus = 2 };
		char path[512], text[1 << 16];
		size_t len;
		FILE *in;
		int status;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		in = fopen(path, "r");
		cr_assert_not_null(in, "%s", path);
		len = fread(text, 1, sizeof(text), in);
		machine_of((const uint8_t *)text, len, &cfg);	/* as the fuzzer ran it */
		rewind(in);
		boot(cfg.ram, cfg.nr_cpus);
		status = pagesim_run(in, path, &opt);
		fclose(in);
		sim_shutdown();
		cr_assert(status == 0 || status == 2 || status == 4, "%s: status %d", path, status);
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
