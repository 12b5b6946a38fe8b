// SPDX-License-Identifier: GPL-2.0
/* model only: what a student edition's stub says when it is reached */
#include <stdio.h>
#include <string.h>
#include <linux/compiler.h>

void model_exercise_stub(const char *exercise, const char *function)
{
	static char said[32][16];

	for (int i = 0; i < 32; i++) {
		if (strcmp(said[i], exercise) == 0)
			return;
		if (!said[i][0]) {
			snprintf(said[i], sizeof(said[i]), "%s", exercise);
			fprintf(stderr, "exercise %s: %s() is a stub; implement it\n",
				exercise, function);
			return;
		}
	}
}
