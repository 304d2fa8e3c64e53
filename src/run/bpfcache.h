/* bpfcache.h - the BPF cache's files: a run's compiled programs kept in
 * $XDG_CACHE_HOME/jailrun/bpf/ (else ~/.cache/jailrun/bpf/), a directory
 * only the user may enter, one file per key (cache.h has the key and
 * the format).  An entry is used only when the directory and the file
 * are the user's and private, the file is a regular one reached without
 * a symlink, and it passes jr_cache_decode under the user's cache
 * secret; anything else is a miss: the programs are compiled again, and
 * the entry replaced.
 *
 * The secret is a random key of the user's keyring (@u, "user" key
 * "jailrun:bpf-cache"), readable only by a process that possesses it.
 * A target never does: with a user namespace of its own it has its own
 * user keyring and a new session keyring, and where it shares the
 * user's, the keyring calls are refused to it (launch.c). */
#ifndef JAILRUN_BPFCACHE_H
#define JAILRUN_BPFCACHE_H

#include "cache.h"

/* This build's and this machine's identity, for jr_cache_key: parts
 * that cannot be found are left empty (then jr_cache_key refuses). */
void jr_bpfcache_ident(struct jr_cache_ident *id);

/* The key's description in the user's keyring. */
#define JR_BPFCACHE_SECRET "jailrun:bpf-cache"

/* The user's cache secret into SECRET, made (random, then closed to
 * change) when there is none and CREATE.  0, or -1 with WHY: no keyring
 * (then no cache). */
int jr_bpfcache_secret(unsigned char secret[JR_CACHE_SECRET_LEN], bool create,
		       struct jr_err *why);

/* The entry for KEY into PROGS (JR_CACHE_NPROG).  0, or -1 with WHY
 * (a miss: nothing there, or refused, and why). */
int jr_bpfcache_load(const unsigned char key[JR_SHA256_LEN],
		     const unsigned char secret[JR_CACHE_SECRET_LEN],
		     struct jr_bpf *progs, struct jr_err *why);

/* Entries kept at most; a store past that empties the directory. */
#define JR_BPFCACHE_MAX 256

/* Keep PROGS under KEY (written aside, then renamed into place).  0, or
 * -1 with WHY; a failure only costs the next run a compile. */
int jr_bpfcache_store(const unsigned char key[JR_SHA256_LEN],
		      const struct jr_bpf *progs,
		      const unsigned char secret[JR_CACHE_SECRET_LEN],
		      struct jr_err *why);

#endif
