/* tty-inject - push a character into the terminal's input queue with
 * TIOCSTI (a sandboxed program typing commands into the user's shell),
 * or ask for a console selection with TIOCLINUX.
 *
 *   tty-inject tiocsti|tioclinux [hi|allhi] [notty]
 *
 * "hi" sets bit 32 of the command, "allhi" all 32 high bits: the kernel
 * reads an unsigned int, so a plain 64-bit compare would miss both.
 * "notty" aims at a pipe instead of fd 0: the kernel can only answer
 * ENOTTY there, so any other error came from the filter.
 * Defeated by: every jailrun filter (masked compare on the 32-bit
 * command); with no filter, a session of its own (no controlling
 * terminal: EPERM). */
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
	int fd = 0, p[2];
	long r;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "hi") == 0)
			cmd |= 1UL << 32;
		else if (strcmp(argv[i], "allhi") == 0)
			cmd |= 0xffffffff00000000UL;
		else if (strcmp(argv[i], "notty") == 0 && pipe(p) == 0)
			fd = p[0];
	}
	r = syscall(SYS_ioctl, fd, cmd, c);
	printf("%s\n", r < 0 ? strerrorname_np(errno) : "OK");
	return 0;
}
