/* libjailrun-postexec.so - the delayed half of jailrun's filter.
 *
 * Preloaded (LD_PRELOAD) into a dynamically linked glibc target.  Its
 * constructor reads the precompiled BPF program from the sealed memfd
 * named by JAILRUN_POSTEXEC_FD (the one descriptor jailrun lets cross
 * execve), loads it, closes the descriptor and takes itself out of the
 * environment, so the target's children neither see nor inherit it.
 *
 * It fails closed: if anything goes wrong it prints one line and
 * _exit(125)s before the program's main() runs.  No libseccomp, no
 * parsing beyond one number, no allocation.
 *
 * The shim is not the only guard: code that runs before it (the
 * executable's DT_PREINIT_ARRAY, constructors of the program's own
 * libraries) meets the supervisor's user notification instead.  Once the
 * shim's filter is loaded its errno outranks that notification, so later
 * execs are refused in the kernel. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ENV_FD "JAILRUN_POSTEXEC_FD"
#define SHIM_NAME "libjailrun-postexec.so"

__attribute__((noreturn)) static void fail(const char *what)
{
	static const char pre[] = "jailrun-postexec: ";
	static const char post[] = ": refusing to run without the filter\n";

	if (write(STDERR_FILENO, pre, sizeof(pre) - 1) < 0 ||
	    write(STDERR_FILENO, what, strlen(what)) < 0 ||
	    write(STDERR_FILENO, post, sizeof(post) - 1) < 0) {
		/* nothing more to say */
	}
	_exit(125);
}

static int parse_fd(const char *s)
{
	int fd = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || fd > 100000)
			return -1;
		fd = fd * 10 + (*s - '0');
	}
	return fd;
}

/* Remove every LD_PRELOAD entry that is this shim; unset it if empty. */
static void forget_preload(void)
{
	char *v = getenv("LD_PRELOAD");
	char *out, *in;

	if (!v)
		return;
	out = in = v;
	while (*in) {
		size_t n = strcspn(in, ": ");
		const char *base = in;

		for (size_t i = 0; i < n; i++)
			if (in[i] == '/')
				base = in + i + 1;
		if ((size_t)(in + n - base) != strlen(SHIM_NAME) ||
		    memcmp(base, SHIM_NAME, strlen(SHIM_NAME)) != 0) {
			if (out != v)
				*out++ = ':';
			memmove(out, in, n);
			out += n;
		}
		in += n;
		while (*in == ':' || *in == ' ')
			in++;
	}
	*out = '\0';
	if (!*v)
		unsetenv("LD_PRELOAD");
}

__attribute__((constructor)) static void jailrun_postexec(void)
{
	static struct sock_filter insns[BPF_MAXINSNS];
	struct sock_fprog prog;
	struct stat st;
	int fd = parse_fd(getenv(ENV_FD));

	if (fd < 0)
		fail(ENV_FD " is missing or not a number");
	if (fstat(fd, &st) < 0)
		fail("the filter descriptor cannot be read");
	if (st.st_size <= 0 || st.st_size % sizeof(insns[0]) ||
	    (size_t)st.st_size > sizeof(insns))
		fail("the filter has a bad size");
	if (pread(fd, insns, (size_t)st.st_size, 0) != st.st_size)
		fail("the filter cannot be read");
	prog.len = (unsigned short)(st.st_size / sizeof(insns[0]));
	prog.filter = insns;
	/* no_new_privs is already set by jailrun's launcher */
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
		fail("the filter cannot be loaded");
	close(fd);
	unsetenv(ENV_FD);
	forget_preload();
}
