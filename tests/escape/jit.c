/* jit - write machine code into memory and run it: how an exploit turns
 * a write primitive into code execution.
 *   jit rwx    a mapping both writable and executable
 *   jit flip   write to a mapping, then mprotect it executable
 * Prints OK when the injected code ran.
 * Defeated by: memory-deny-write-execute = yes. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* x86_64: mov eax, 42; ret */
static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static int fail(void)
{
	printf("%s\n", strerrorname_np(errno));
	return 0;
}

int main(int argc, char **argv)
{
	int flip = argc > 1 && strcmp(argv[1], "flip") == 0;
	int prot = PROT_READ | PROT_WRITE | (flip ? 0 : PROT_EXEC);
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int (*fn)(void);

	if (p == MAP_FAILED)
		return fail();
	memcpy(p, code, sizeof(code));
	if (flip && mprotect(p, 4096, PROT_READ | PROT_EXEC) < 0)
		return fail();
	fn = (int (*)(void))p;
	printf("%s\n", fn() == 42 ? "OK" : "WRONG");
	return 0;
}
