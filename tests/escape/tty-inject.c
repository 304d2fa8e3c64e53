/* tty-inject - push a character into the terminal's input queue with
 * TIOCSTI (a sandboxed program typing commands into the user's shell),
 * or ask for a console selection with TIOCLINUX.  "hi" sets high bits
 * in the command, which a plain 64-bit compare would miss.
 * Defeated by: seccomp = yes (masked compare on the 32-bit command). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "tiocsti";
	unsigned long cmd = strcmp(op, "tioclinux") == 0 ? 0x541C : TIOCSTI;
	char c[2] = { 0 };
	long r;

	if (argc > 2 && strcmp(argv[2], "hi") == 0)
		cmd |= 1UL << 32;
	r = syscall(SYS_ioctl, 0, cmd, c);
	printf("%s\n", r < 0 ? strerrorname_np(errno) : "OK");
	return 0;
}
