/* cache.h - the BPF cache's pure half: the key (a SHA-256 of everything
 * that shapes a run's programs) and the entry format, with the checks an
 * entry must pass before its programs are used.  The file I/O, who may
 * own an entry, and the secret are bpfcache.c's (running layer).
 *
 * An entry is authenticated, not only checked: a sandboxed program runs
 * as the user and may be able to write the cache, and a checksum is
 * something it can compute.  The HMAC is keyed with the user's cache
 * secret, which no sandbox can read (bpfcache.h).
 *
 * An entry, all integers little-endian:
 *
 *	"JRBPFC\0\2"             8 bytes, magic and format version
 *	key                      32 bytes, jr_cache_key
 *	n                        u32, JR_CACHE_NPROG
 *	len[n]                   u32 each, instructions of each program
 *	insns                    8 bytes each (struct sock_filter)
 *	HMAC-SHA-256 of all the    32 bytes, under the secret
 *	above
 *
 * Anything else (a wrong length, key, count, size or check) is refused
 * whole: the caller compiles instead. */
#ifndef JAILRUN_CACHE_H
#define JAILRUN_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "filter.h"
#include "sha256.h"
#include "util.h"

/* The user's cache secret: the HMAC's key. */
#define JR_CACHE_SECRET_LEN 32

/* The programs of one run, in this order. */
enum { JR_CACHE_MAIN, JR_CACHE_POSTEXEC, JR_CACHE_INIT, JR_CACHE_NPROG };

/* The largest entry: every program at the kernel's limit. */
#define JR_CACHE_MAX                                                           \
	(8 + JR_SHA256_LEN + 4 + 4 * JR_CACHE_NPROG +                          \
	 JR_CACHE_NPROG * BPF_MAXINSNS * sizeof(struct sock_filter) +         \
	 JR_SHA256_LEN)

/* What shapes the programs besides the policy: facts about this build
 * and this machine, as strings (empty when unknown: then no cache). */
struct jr_cache_ident {
	const char *build;   /* jailrun's build identity (ELF build id) */
	const char *seccomp; /* libseccomp's version */
	const char *kernel;  /* uname: release, version, machine */
};

/* KEY from the policy's applied keys (jr_policy_applied), how the main
 * and postexec programs are compiled, and ID.  -1 with ERR when ID lacks
 * a part (a key without it could match another build's entry). */
int jr_cache_key(const unsigned char applied[JR_SHA256_LEN],
		 const struct jr_filter_opts *o, bool postexec,
		 const struct jr_cache_ident *id,
		 unsigned char key[JR_SHA256_LEN], struct jr_err *err);

/* KEY as 64 hex digits: the entry's file name. */
void jr_cache_name(const unsigned char key[JR_SHA256_LEN], char name[65]);

/* An entry for PROGS (JR_CACHE_NPROG of them, each at most
 * BPF_MAXINSNS) under SECRET; *LEN its size.  Returns the malloc'd
 * bytes. */
unsigned char *jr_cache_encode(const unsigned char key[JR_SHA256_LEN],
			       const struct jr_bpf *progs,
			       const unsigned char secret[JR_CACHE_SECRET_LEN],
			       size_t *len);

/* Check the entry BUF of LEN bytes against KEY and SECRET and copy its
 * programs into PROGS (JR_CACHE_NPROG, freed by the caller).  -1 with
 * ERR (why it was refused), PROGS left empty. */
int jr_cache_decode(const unsigned char *buf, size_t len,
		    const unsigned char key[JR_SHA256_LEN],
		    const unsigned char secret[JR_CACHE_SECRET_LEN],
		    struct jr_bpf *progs, struct jr_err *err);

#endif
