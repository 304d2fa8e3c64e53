/* bpfcache.c - the BPF cache's files (bpfcache.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <seccomp.h>

#include "bpfcache.h"

#ifndef NT_GNU_BUILD_ID
#define NT_GNU_BUILD_ID 3
#endif

static char build_hex[2 * 64 + 1];

/* The main program's GNU build id (the linker's hash of its contents),
 * from its PT_NOTE segments in memory. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
			const unsigned char *name = p + sizeof(*nh);
			const unsigned char *desc =
				name + ((nh->n_namesz + 3) & ~3U);

			if (desc + ((nh->n_descsz + 3) & ~3U) > end)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID &&
			    nh->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
			    nh->n_descsz && nh->n_descsz <= 64) {
				for (size_t j = 0; j < nh->n_descsz; j++)
					snprintf(build_hex + 2 * j, 3, "%02x",
						 desc[j]);
				return 1;
			}
			p = desc + ((nh->n_descsz + 3) & ~3U);
		}
	}
	return 1; /* the first object is the main program: stop there */
}

void jr_bpfcache_ident(struct jr_cache_ident *id)
{
	static char seccomp[48], kernel[sizeof(struct utsname)];
	const struct scmp_version *v = seccomp_version();
	struct utsname u;

	if (!build_hex[0])
		dl_iterate_phdr(find_build_id, NULL);
	if (v)
		snprintf(seccomp, sizeof(seccomp), "%u.%u.%u", v->major,
			 v->minor, v->micro);
	if (uname(&u) == 0)
		snprintf(kernel, sizeof(kernel), "%.65s %.65s %.65s",
			 u.release, u.version, u.machine);
	id->build = build_hex;
	id->seccomp = seccomp;
	id->kernel = kernel;
}

/* keyutils' permission bits (the kernel's uapi headers lack them) */
#define KEY_POS_VIEW 0x01000000
#define KEY_POS_READ 0x02000000
#define KEY_POS_SEARCH 0x08000000

static int read_secret(long id, unsigned char secret[JR_CACHE_SECRET_LEN],
		       struct jr_err *why)
{
	unsigned char buf[JR_CACHE_SECRET_LEN + 1];
	long n = syscall(SYS_keyctl, KEYCTL_READ, id, buf, sizeof(buf));

	if (n != JR_CACHE_SECRET_LEN) {
		explicit_bzero(buf, sizeof(buf));
		return n < 0 ? jr_fail(why, NULL, "reading the cache secret: %s",
				       strerror(errno)) :
			       jr_fail(why, NULL, "a cache secret of %ld bytes",
				       n);
	}
	memcpy(secret, buf, JR_CACHE_SECRET_LEN);
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

/* A new secret, closed at once to everything but view, read and search
 * by its possessors: nobody can replace it or link it elsewhere.  Two
 * runs that make one at the same moment: the later add_key updates the
 * earlier's key (or, once closed, fails), and each reads back what is
 * there. */
static long make_secret(struct jr_err *why)
{
	unsigned char fresh[JR_CACHE_SECRET_LEN];
	long id;

	if (getrandom(fresh, sizeof(fresh), 0) != (ssize_t)sizeof(fresh))
		return jr_fail(why, NULL, "getrandom: %s", strerror(errno));
	id = syscall(SYS_add_key, "user", JR_BPFCACHE_SECRET, fresh,
		     sizeof(fresh), KEY_SPEC_USER_KEYRING);
	explicit_bzero(fresh, sizeof(fresh));
	if (id < 0 && errno == EACCES) /* made and closed meanwhile */
		id = syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING,
			     "user", JR_BPFCACHE_SECRET, 0);
	else if (id >= 0 && syscall(SYS_keyctl, KEYCTL_SETPERM, id,
				    KEY_POS_VIEW | KEY_POS_READ |
					    KEY_POS_SEARCH) < 0 &&
		 errno != EACCES)
		return jr_fail(why, NULL, "closing the cache secret: %s",
			       strerror(errno));
	if (id < 0)
		return jr_fail(why, NULL, "making the cache secret: %s",
			       strerror(errno));
	return id;
}

int jr_bpfcache_secret(unsigned char secret[JR_CACHE_SECRET_LEN], bool create,
		       struct jr_err *why)
{
	long id = syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING,
			  "user", JR_BPFCACHE_SECRET, 0);

	if (id < 0 && errno == ENOKEY && create)
		id = make_secret(why);
	else if (id < 0)
		return jr_fail(why, NULL, "no cache secret in the user's "
			       "keyring: %s", strerror(errno));
	return id < 0 ? -1 : read_secret(id, secret, why);
}

/* The base directory: $XDG_CACHE_HOME when absolute, else ~/.cache. */
static char *base_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (x && x[0] == '/')
		return xstrdup(x);
	if (home && home[0] == '/')
		return xasprintf("%s/.cache", home);
	return NULL;
}

/* A directory of ours that nobody else may write (PRIVATE: nor enter),
 * opened at DIR's NAME without following a symlink; created when CREATE
 * and missing. */
static int open_own_dir(int dir, const char *name, bool private,
			bool create, struct jr_err *why)
{
	int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
				   O_CLOEXEC);
	struct stat st;

	if (fd < 0 && errno == ENOENT && create &&
	    (mkdirat(dir, name, 0700) == 0 || errno == EEXIST))
		fd = openat(dir, name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return jr_fail(why, NULL, "%s: %s", name, strerror(errno));
	if (fstat(fd, &st) < 0 || st.st_uid != geteuid() ||
	    (st.st_mode & (private ? 077 : 022))) {
		close(fd);
		return jr_fail(why, NULL, "%s is not the user's own, %s "
			       "directory: not used", name,
			       private ? "private" : "unshared");
	}
	return fd;
}

static int open_cache(bool create, struct jr_err *why)
{
	cleanup_free char *base = base_dir();
	cleanup_fd int b = -1, j = -1;

	if (!base)
		return jr_fail(why, NULL, "no $XDG_CACHE_HOME or $HOME");
	if (create)
		(void)mkdir(base, 0700);
	b = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b < 0)
		return jr_fail(why, NULL, "%s: %s", base, strerror(errno));
	j = open_own_dir(b, "jailrun", false, create, why);
	if (j < 0)
		return -1;
	return open_own_dir(j, "bpf", true, create, why);
}

static int read_all(int fd, unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

int jr_bpfcache_load(const unsigned char key[JR_SHA256_LEN],
		     const unsigned char secret[JR_CACHE_SECRET_LEN],
		     struct jr_bpf *progs, struct jr_err *why)
{
	cleanup_fd int dir = open_cache(false, why);
	cleanup_fd int fd = -1;
	cleanup_free unsigned char *buf = NULL;
	char name[65];
	struct stat st;

	if (dir < 0)
		return -1;
	jr_cache_name(key, name);
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return jr_fail(why, NULL, "entry %.16s: %s", name,
			       errno == ELOOP ? "a symlink" : strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return jr_fail(why, NULL, "entry %.16s: not a regular file",
			       name);
	if (st.st_uid != geteuid() || (st.st_mode & 077))
		return jr_fail(why, NULL,
			       "entry %.16s: not the user's own, private file",
			       name);
	if (st.st_size <= 0 || (size_t)st.st_size > JR_CACHE_MAX)
		return jr_fail(why, NULL, "entry %.16s: %lld bytes", name,
			       (long long)st.st_size);
	buf = xmalloc((size_t)st.st_size + 1);
	/* one byte more than fstat said: a file that grew is refused */
	if (read_all(fd, buf, (size_t)st.st_size) < 0 ||
	    read(fd, buf + st.st_size, 1) != 0)
		return jr_fail(why, NULL, "entry %.16s: short or changing read",
			       name);
	if (jr_cache_decode(buf, (size_t)st.st_size, key, secret, progs,
			    why) < 0) {
		char msg[JR_ERR_MAX];

		snprintf(msg, sizeof(msg), "%s", why->msg);
		return jr_fail(why, NULL, "entry %.16s refused: %s", name,
			       msg);
	}
	return 0;
}

/* At most JR_BPFCACHE_MAX entries: past that the directory is emptied
 * (a policy per distinct command line can add up; a miss only costs a
 * compile).  Only on a store, so only on a miss. */
static void trim(int dir)
{
	int fd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	size_t n = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	if (n >= JR_BPFCACHE_MAX) {
		rewinddir(d);
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				unlinkat(dir, e->d_name, 0);
	}
	closedir(d);
}

int jr_bpfcache_store(const unsigned char key[JR_SHA256_LEN],
		      const struct jr_bpf *progs,
		      const unsigned char secret[JR_CACHE_SECRET_LEN],
		      struct jr_err *why)
{
	cleanup_fd int dir = open_cache(true, why);
	cleanup_fd int fd = -1;
	cleanup_free unsigned char *buf = NULL;
	char name[65], tmp[96];
	size_t len, done = 0;

	if (dir < 0)
		return -1;
	jr_cache_name(key, name);
	snprintf(tmp, sizeof(tmp), ".%.16s.%ld", name, (long)getpid());
	trim(dir);
	buf = jr_cache_encode(key, progs, secret, &len);
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
				      O_CLOEXEC, 0600);
	if (fd < 0)
		return jr_fail(why, NULL, "%s: %s", tmp, strerror(errno));
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < len || close(steal_fd(&fd)) < 0 ||
	    renameat(dir, tmp, dir, name) < 0) {
		int e = errno;

		unlinkat(dir, tmp, 0);
		return jr_fail(why, NULL, "writing entry %.16s: %s", name,
			       strerror(e));
	}
	return 0;
}
