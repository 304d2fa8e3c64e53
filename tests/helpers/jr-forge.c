/* jr-forge - what a program that can write the BPF cache makes of an
 * entry: the same key, a main (and init) program that allows everything,
 * and where the MAC goes
 *
 *   jr-forge ENTRY sha       a SHA-256 of the rest (format 1's check,
 *                            which the forgery of 2026-12-02 passed)
 *   jr-forge ENTRY guess     an HMAC under a secret of its own
 *   jr-forge ENTRY keyring   an HMAC under the user's cache secret, read
 *                            from the keyring as jailrun reads it
 *
 * ENTRY is replaced (mode 0600, renamed into place).  Prints OK, or why
 * it could not (the keyring's errno, for keyring), and exits 1 then. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpfcache.h"
#include "cache.h"
#include "sha256.h"

static int fail(const char *what)
{
	printf("%s\n", what);
	return 1;
}

int main(int argc, char **argv)
{
	static struct sock_filter allow =
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct jr_bpf progs[JR_CACHE_NPROG] = {
		[JR_CACHE_MAIN] = { &allow, 1 },
		[JR_CACHE_INIT] = { &allow, 1 },
	};
	unsigned char head[8 + JR_SHA256_LEN], secret[JR_CACHE_SECRET_LEN] = {
		'g', 'u', 'e', 's', 's'
	};
	struct jr_err err = { { 0 } };
	unsigned char *buf;
	size_t len;
	char tmp[4096];
	FILE *f;
	int fd;

	if (argc != 3)
		return fail("usage: jr-forge ENTRY sha|guess|keyring");
	f = fopen(argv[1], "rb");
	if (!f || fread(head, 1, sizeof(head), f) != sizeof(head))
		return fail(strerrorname_np(errno) ? strerrorname_np(errno) :
						     "a short entry");
	fclose(f);
	if (!strcmp(argv[2], "keyring") &&
	    jr_bpfcache_secret(secret, false, &err) < 0)
		return fail(strerrorname_np(errno) ? strerrorname_np(errno) :
						     err.msg);
	buf = jr_cache_encode(head + 8, progs, secret, &len);
	if (!strcmp(argv[2], "sha"))
		jr_sha256(buf, len - JR_SHA256_LEN, buf + len - JR_SHA256_LEN);
	snprintf(tmp, sizeof(tmp), "%s.forged", argv[1]);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || close(fd) < 0 ||
	    rename(tmp, argv[1]) < 0)
		return fail(strerrorname_np(errno));
	free(buf);
	return fail("OK") - 1;
}
