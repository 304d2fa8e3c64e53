/* jr-try - do one thing and print how it went: "OK" or the errno name.
 * Integration tests run it with and without a rule, so a denial is
 * always shown against a run where the same call works.
 *
 *   jr-try mkdir PATH          jr-try socket FAMILY [hi]
 *   jr-try call NAME           (syscall NAME with bad pointers: an allowed
 *                               call fails EFAULT/EBADF/EINVAL, a denied one
 *                               with the filter's errno)
 *   jr-try nr NUMBER           (the same by number: syscalls newer than
 *                               libseccomp's table have no name)
 *   jr-try int80-getpid        (i386 entry point)
 *   jr-try x32-getpid          (x32 syscall number)
 *   jr-try pid                 (print getpid())
 *   jr-try setuid UID          (setuid(2): can the process become UID?)
 *   jr-try wait-signal         (print the first SIGINT/SIGTERM/SIGHUP/
 *                               SIGUSR1 received, exit 0)
 *   jr-try read|write|create|truncate|exec|opendir PATH
 *                              (open for reading, for writing, O_CREAT,
 *                               truncate(2), execv with no arguments,
 *                               open a directory and read its entries)
 *   jr-try connect|bind PORT   (TCP on 127.0.0.1)
 *   jr-try watch FILE OUT      (append "open" to OUT for every inotify
 *                               open of FILE, until killed)
 *   jr-try key DESC            (find the "user" key DESC in the user
 *                               keyring and read it)
 *   jr-try key-id SERIAL       (read the key SERIAL)
 *   jr-try key-add             (add a key to the session keyring)
 *   jr-try int80-keyctl|x32-keyctl  (the user keyring's serial, by the
 *                               i386 and x32 entry points) */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/keyctl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int report(long r)
{
	if (r < 0)
		printf("%s\n", strerrorname_np(errno) ? strerrorname_np(errno) :
							"E?");
	else
		printf("OK\n");
	return 0;
}

static int family(const char *name)
{
	static const struct {
		const char *name;
		int af;
	} fam[] = {
		{ "unix", AF_UNIX },	   { "inet", AF_INET },
		{ "inet6", AF_INET6 },	   { "netlink", AF_NETLINK },
		{ "packet", AF_PACKET },   { "bluetooth", AF_BLUETOOTH },
		{ "vsock", AF_VSOCK },	   { "alg", AF_ALG },
	};

	for (size_t i = 0; i < sizeof(fam) / sizeof(fam[0]); i++)
		if (strcmp(fam[i].name, name) == 0)
			return fam[i].af;
	return atoi(name);
}

static int try_socket(const char *name, int hi)
{
	long af = family(name);
	int type = af == AF_UNIX || af == AF_INET || af == AF_INET6 ?
			   SOCK_STREAM :
		   af == AF_NETLINK ? SOCK_RAW :
		   af == AF_PACKET  ? SOCK_DGRAM :
				      SOCK_SEQPACKET;

	if (hi)
		af |= 1L << 32; /* the kernel reads an int: same family */
	return report(syscall(SYS_socket, af, type, 0));
}

static int try_call(const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr < 0) {
		fprintf(stderr, "jr-try: unknown syscall %s\n", name);
		return 2;
	}
	/* -1 everywhere: a bad fd, a bad pointer, an invalid flag. */
	return report(syscall(nr, -1L, -1L, -1L, -1L, -1L, -1L));
}

static long int80_getpid(void)
{
	long r = 20; /* __NR_getpid on i386 */

	__asm__ volatile("int $0x80" : "+a"(r) : : "memory");
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/* keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING) on i386: 288 */
static long int80_keyctl(void)
{
	long r = 288;

	__asm__ volatile("int $0x80"
			 : "+a"(r)
			 : "b"((long)KEYCTL_GET_KEYRING_ID),
			   "c"((long)KEY_SPEC_USER_KEYRING), "d"(0L)
			 : "memory");
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static long read_key(long id)
{
	char buf[256];

	return id < 0 ? -1 : syscall(SYS_keyctl, KEYCTL_READ, id, buf,
				     sizeof(buf));
}

static volatile sig_atomic_t got;
static void on_signal(int sig)
{
	got = sig;
}

static int wait_signal(void)
{
	const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGUSR1 };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	printf("ready\n");
	fflush(stdout);
	while (!got)
		pause();
	printf("%s\n", sigabbrev_np(got));
	return 0;
}

static const char *const file_ops[] = { "read",	"write", "create",
					"truncate", "exec",  "opendir" };

static int try_file(const char *op, const char *path)
{
	int fd = -1;

	if (!strcmp(op, "read"))
		fd = open(path, O_RDONLY | O_CLOEXEC);
	else if (!strcmp(op, "write"))
		fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	else if (!strcmp(op, "create"))
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	else if (!strcmp(op, "truncate"))
		return report(truncate(path, 0));
	else if (!strcmp(op, "exec"))
		return report(execl(path, path, (char *)NULL));
	else if (!strcmp(op, "opendir")) {
		DIR *d = opendir(path);

		if (d && !readdir(d) && errno)
			d = NULL;
		if (d)
			closedir(d);
		return report(d ? 0 : -1);
	}
	if (fd >= 0)
		close(fd);
	return report(fd);
}

/* connect|bind PORT on 127.0.0.1; connect-straddle: the address two
 * bytes before a page's end, so that it spans two pages (its family's
 * high byte, a NUL, ends the first) */
static int try_tcp(const char *op, const char *port)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons((unsigned short)atoi(port)),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr *at = (struct sockaddr *)&sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return report(fd);
	if (!strcmp(op, "connect-straddle")) {
		char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (pages == MAP_FAILED)
			return report(-1);
		at = (struct sockaddr *)(pages + 4096 - 2);
		memcpy(at, &sa, sizeof(sa));
	}
	if (!strcmp(op, "bind"))
		return report(bind(fd, at, sizeof(sa)));
	return report(connect(fd, at, sizeof(sa)));
}

static int watch(const char *file, const char *out)
{
	char buf[4096] __attribute__((aligned(8)));
	int in = inotify_init1(IN_CLOEXEC);
	FILE *o = fopen(out, "a");

	if (in < 0 || !o || inotify_add_watch(in, file, IN_OPEN) < 0) {
		perror(file);
		return 1;
	}
	fprintf(o, "watching\n");
	fflush(o);
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));

		if (n <= 0)
			return 1;
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			if (e->mask & IN_OPEN)
				fprintf(o, "open\n");
			p += sizeof(*e) + e->len;
		}
		fflush(o);
	}
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";

	if (!strcmp(op, "mkdir") && argc == 3)
		return report(mkdir(argv[2], 0700));
	if (!strcmp(op, "socket") && argc >= 3)
		return try_socket(argv[2], argc > 3);
	if (!strcmp(op, "call") && argc == 3)
		return try_call(argv[2]);
	if (!strcmp(op, "nr") && argc == 3)
		return report(syscall(atol(argv[2]), -1L, -1L, -1L, -1L, -1L,
				      -1L));
	if (!strcmp(op, "int80-getpid"))
		return report(int80_getpid());
	if (!strcmp(op, "x32-getpid"))
		return report(syscall(39 | 0x40000000));
	if (!strcmp(op, "pid"))
		return printf("%d\n", getpid()) < 0;
	if (!strcmp(op, "key") && argc == 3)
		return report(read_key(syscall(SYS_keyctl, KEYCTL_SEARCH,
					       KEY_SPEC_USER_KEYRING, "user",
					       argv[2], 0L)));
	if (!strcmp(op, "key-id") && argc == 3)
		return report(read_key(atol(argv[2])));
	if (!strcmp(op, "key-add"))
		return report(syscall(SYS_add_key, "user", "jr-try", "x", 1UL,
				      KEY_SPEC_SESSION_KEYRING));
	if (!strcmp(op, "int80-keyctl"))
		return report(int80_keyctl());
	if (!strcmp(op, "x32-keyctl"))
		return report(syscall(SYS_keyctl | 0x40000000,
				      KEYCTL_GET_KEYRING_ID,
				      KEY_SPEC_USER_KEYRING, 0L));
	if (!strcmp(op, "setuid") && argc == 3)
		return report(setuid((uid_t)atol(argv[2])));
	if (!strcmp(op, "wait-signal"))
		return wait_signal();
	for (size_t i = 0; argc == 3 && i < sizeof(file_ops) / sizeof(*file_ops);
	     i++)
		if (!strcmp(op, file_ops[i]))
			return try_file(op, argv[2]);
	if (argc == 3 && (!strcmp(op, "connect") || !strcmp(op, "bind") ||
			  !strcmp(op, "connect-straddle")))
		return try_tcp(op, argv[2]);
	if (argc == 4 && !strcmp(op, "watch"))
		return watch(argv[2], argv[3]);
	fprintf(stderr, "usage: jr-try mkdir|socket|call|nr|int80-getpid|"
			"x32-getpid|pid|setuid|wait-signal|read|write|create|"
			"truncate|exec|opendir|connect|connect-straddle|bind|watch ...\n");
	return 2;
}
