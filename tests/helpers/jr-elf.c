/* jr-elf - print how jailrun judges a target: "KIND: reason". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "elfinfo.h"

int main(int argc, char **argv)
{
	struct jr_elf_info info;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: jr-elf PATH\n");
		return 2;
	}
	r = jr_elf_classify(argv[1], &info);
	if (r < 0) {
		fprintf(stderr, "jr-elf: %s: %s\n", argv[1], strerror(-r));
		return 1;
	}
	printf("%s: %s (%s)\n", jr_elf_kind_name(info.kind), info.why,
	       info.binary);
	return 0;
}
