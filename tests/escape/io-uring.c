/* io-uring - set up an io_uring instance: its submissions run in kernel
 * workers that a seccomp filter never sees, so an allowed io_uring is a
 * way around every syscall rule (and a large kernel attack surface).
 * Defeated by: seccomp = yes (@aio in @default-deny). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct io_uring_params p;
	long fd;

	memset(&p, 0, sizeof(p));
	fd = syscall(SYS_io_uring_setup, 4, &p);
	printf("%s\n", fd < 0 ? strerrorname_np(errno) : "OK");
	return 0;
}
