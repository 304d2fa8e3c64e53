/* cache.c - the BPF cache's key and entry format (cache.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

static const unsigned char magic[8] = { 'J', 'R', 'B', 'P', 'F', 'C', 0, 2 };

#define HEAD (sizeof(magic) + JR_SHA256_LEN + 4 + 4 * JR_CACHE_NPROG)

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* a string with its NUL, so that parts cannot run into each other */
static void add_str(struct jr_sha256 *c, const char *s)
{
	jr_sha256_update(c, s, strlen(s) + 1);
}

/* Every compile option shapes the program: one added to jr_filter_opts
 * and not to the key below would make two programs share an entry. */
_Static_assert(sizeof(struct jr_filter_opts) == 6 * sizeof(bool),
	       "each field of jr_filter_opts is in jr_cache_key");

int jr_cache_key(const unsigned char applied[JR_SHA256_LEN],
		 const struct jr_filter_opts *o, bool postexec,
		 const struct jr_cache_ident *id,
		 unsigned char key[JR_SHA256_LEN], struct jr_err *err)
{
	const unsigned char opts[] = { o->notify,    o->shim,
				       o->report,    o->learn,
				       o->ll_notify, o->keyrings_closed,
				       postexec };
	struct jr_sha256 c;

	if (!id->build || !*id->build || !id->seccomp || !*id->seccomp ||
	    !id->kernel || !*id->kernel)
		return jr_fail(err, NULL, "no %s to key the cache with",
			       !id->build || !*id->build ? "build identity" :
			       !id->seccomp || !*id->seccomp ?
							   "libseccomp version" :
							   "kernel identity");
	jr_sha256_init(&c);
	jr_sha256_update(&c, magic, sizeof(magic));
	jr_sha256_update(&c, applied, JR_SHA256_LEN);
	jr_sha256_update(&c, opts, sizeof(opts));
	add_str(&c, id->build);
	add_str(&c, id->seccomp);
	add_str(&c, id->kernel);
	jr_sha256_final(&c, key);
	return 0;
}

void jr_cache_name(const unsigned char key[JR_SHA256_LEN], char name[65])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < JR_SHA256_LEN; i++) {
		name[2 * i] = hex[key[i] >> 4];
		name[2 * i + 1] = hex[key[i] & 15];
	}
	name[64] = '\0';
}

unsigned char *jr_cache_encode(const unsigned char key[JR_SHA256_LEN],
			       const struct jr_bpf *progs,
			       const unsigned char secret[JR_CACHE_SECRET_LEN],
			       size_t *len)
{
	size_t n = HEAD + JR_SHA256_LEN;
	unsigned char *buf, *p;

	for (int i = 0; i < JR_CACHE_NPROG; i++)
		n += progs[i].len * sizeof(struct sock_filter);
	buf = xmalloc(n);
	memcpy(buf, magic, sizeof(magic));
	memcpy(buf + sizeof(magic), key, JR_SHA256_LEN);
	p = buf + sizeof(magic) + JR_SHA256_LEN;
	put32(p, JR_CACHE_NPROG);
	for (int i = 0; i < JR_CACHE_NPROG; i++)
		put32(p + 4 + 4 * i, (uint32_t)progs[i].len);
	p = buf + HEAD;
	for (int i = 0; i < JR_CACHE_NPROG; i++)
		for (size_t j = 0; j < progs[i].len; j++, p += 8) {
			const struct sock_filter *f = &progs[i].insns[j];

			p[0] = (unsigned char)f->code;
			p[1] = (unsigned char)(f->code >> 8);
			p[2] = f->jt;
			p[3] = f->jf;
			put32(p + 4, f->k);
		}
	jr_hmac_sha256(secret, JR_CACHE_SECRET_LEN, buf, n - JR_SHA256_LEN, p);
	*len = n;
	return buf;
}

/* equal in a time that does not depend on where they differ */
static bool same_mac(const unsigned char *a, const unsigned char *b)
{
	unsigned char d = 0;

	for (int i = 0; i < JR_SHA256_LEN; i++)
		d |= a[i] ^ b[i];
	return d == 0;
}

int jr_cache_decode(const unsigned char *buf, size_t len,
		    const unsigned char key[JR_SHA256_LEN],
		    const unsigned char secret[JR_CACHE_SECRET_LEN],
		    struct jr_bpf *progs, struct jr_err *err)
{
	unsigned char mac[JR_SHA256_LEN];
	const unsigned char *p;
	size_t total = 0;

	for (int i = 0; i < JR_CACHE_NPROG; i++)
		progs[i] = (struct jr_bpf){ NULL, 0 };
	if (len < HEAD + JR_SHA256_LEN || len > JR_CACHE_MAX)
		return jr_fail(err, NULL, "%zu bytes: not an entry", len);
	if (memcmp(buf, magic, sizeof(magic)) != 0)
		return jr_fail(err, NULL, "not an entry of this format");
	if (memcmp(buf + sizeof(magic), key, JR_SHA256_LEN) != 0)
		return jr_fail(err, NULL, "another key's entry");
	p = buf + sizeof(magic) + JR_SHA256_LEN;
	if (get32(p) != JR_CACHE_NPROG)
		return jr_fail(err, NULL, "%u programs, not %d", get32(p),
			       JR_CACHE_NPROG);
	for (int i = 0; i < JR_CACHE_NPROG; i++) {
		uint32_t n = get32(p + 4 + 4 * i);

		if (n > BPF_MAXINSNS)
			return jr_fail(err, NULL,
				       "a program of %u instructions", n);
		total += n;
	}
	if (len != HEAD + total * 8 + JR_SHA256_LEN)
		return jr_fail(err, NULL,
			       "%zu bytes where its lengths say %zu", len,
			       HEAD + total * 8 + JR_SHA256_LEN);
	jr_hmac_sha256(secret, JR_CACHE_SECRET_LEN, buf, len - JR_SHA256_LEN,
		       mac);
	if (!same_mac(mac, buf + len - JR_SHA256_LEN))
		return jr_fail(err, NULL, "not authenticated by the user's "
			       "cache secret");
	/* the main and init programs are never empty */
	if (!get32(p + 4 + 4 * JR_CACHE_MAIN) ||
	    !get32(p + 4 + 4 * JR_CACHE_INIT))
		return jr_fail(err, NULL, "an empty program");
	p = buf + HEAD;
	for (int i = 0; i < JR_CACHE_NPROG; i++) {
		size_t n = get32(buf + sizeof(magic) + JR_SHA256_LEN + 4 +
				 4 * i);

		struct sock_filter *insns;

		if (!n)
			continue;
		insns = xmalloc(n * sizeof(*insns));
		progs[i].insns = insns;
		progs[i].len = n;
		for (size_t j = 0; j < n; j++, p += 8) {
			struct sock_filter *f = &insns[j];

			f->code = (uint16_t)(p[0] | p[1] << 8);
			f->jt = p[2];
			f->jf = p[3];
			f->k = get32(p + 4);
		}
	}
	return 0;
}
