/* test-cache.c - the BPF cache's pure half: SHA-256 against FIPS 180-4's
 * examples, HMAC-SHA-256 against RFC 4231's, the key (each part changes
 * it), and the entry format: a sound entry comes back as it went in,
 * every kind of damage is refused whole, and so is an entry forged
 * without the user's secret (with a valid checksum, or another secret),
 * where the same forgery under the secret is taken. */
#include "config.h"

#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "filter.h"
#include "policy.h"
#include "sha256.h"
#include "tap.h"

static void hex(const unsigned char *d, char *out)
{
	for (int i = 0; i < JR_SHA256_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

/* the cache's secret in these tests, and another */
static const unsigned char secret[JR_CACHE_SECRET_LEN] = { 's', 'e', 'c' };
static const unsigned char wrong[JR_CACHE_SECRET_LEN] = { 's', 'e', 'd' };

static void hmac_is(const void *key, size_t klen, const char *msg,
		    const char *want, const char *what)
{
	unsigned char d[JR_SHA256_LEN];
	char got[65];

	jr_hmac_sha256(key, klen, msg, strlen(msg), d);
	hex(d, got);
	is_str(got, want, "HMAC-SHA-256: %s", what);
}

/* RFC 4231, test cases 1, 2 and 6 (a key longer than a block); and
 * keys of 0 and of exactly one block, against Python's hmac module */
static void test_hmac(void)
{
	unsigned char k[131];
	char x[201];

	memset(k, 0x0b, 20);
	hmac_is(k, 20, "Hi There",
		"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
		"RFC 4231 case 1");
	hmac_is("Jefe", 4, "what do ya want for nothing?",
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
		"RFC 4231 case 2");
	memset(k, 0xaa, sizeof(k));
	hmac_is(k, sizeof(k),
		"Test Using Larger Than Block-Size Key - Hash Key First",
		"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
		"RFC 4231 case 6 (a key longer than a block)");
	hmac_is("", 0, "",
		"b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
		"an empty key and message");
	memset(x, 'x', 200);
	x[200] = '\0';
	hmac_is(k, 64, x,
		"195d3c6f6ae442a555518c607580f7e912914e7e4dea6e891e8cff56abc6d91f",
		"a key of one block, a message of several");
}

static void sha_is(const char *msg, size_t n, const char *want)
{
	unsigned char d[JR_SHA256_LEN];
	char got[65];

	jr_sha256(msg, n, d);
	hex(d, got);
	is_str(got, want, "sha256 of %zu bytes%s", n,
	       jr_sha256_generic_only ? " (the portable block)" : "");
}

static void test_sha256(void)
{
	struct jr_sha256 c;
	unsigned char d[JR_SHA256_LEN];
	char got[65];
	char *million = malloc(1000000);

	sha_is("abc", 3,
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha_is("", 0,
	       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a's, fed in uneven pieces */
	memset(million, 'a', 1000000);
	jr_sha256_init(&c);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 97 + 1)
		jr_sha256_update(&c, million + off,
				 off + step > 1000000 ? 1000000 - off : step);
	jr_sha256_final(&c, d);
	hex(d, got);
	is_str(got,
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "sha256 of a million a, in pieces%s",
	       jr_sha256_generic_only ? " (the portable block)" : "");
	free(million);
}

static const struct jr_cache_ident ident = { "0123abcd", "2.5.4",
					     "6.1 #1 SMP x86_64" };

static void test_key(void)
{
	unsigned char applied[JR_SHA256_LEN] = { 1 }, k0[JR_SHA256_LEN],
		      k[JR_SHA256_LEN];
	struct jr_filter_opts o = { .notify = true };
	struct jr_cache_ident id = ident;
	struct jr_err err = { { 0 } };

	ok(jr_cache_key(applied, &o, false, &id, k0, &err) == 0, "a key");
	jr_cache_key(applied, &o, false, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) == 0, "the same inputs, the same key");
	applied[5] = 7;
	jr_cache_key(applied, &o, false, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) != 0, "another policy, another key");
	applied[5] = 0;
	o.report = true;
	jr_cache_key(applied, &o, false, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) != 0, "other compile options, another key");
	o.report = false;
	/* each option alone (one forgotten made --report reuse the
	 * program that does not name Landlock's refusals) */
	{
		bool *each[] = { &o.notify, &o.shim, &o.report, &o.learn,
				 &o.ll_notify };
		bool differ = true;

		for (size_t i = 0; i < sizeof(each) / sizeof(each[0]); i++) {
			*each[i] = !*each[i];
			jr_cache_key(applied, &o, false, &id, k, &err);
			differ &= memcmp(k, k0, sizeof(k)) != 0;
			*each[i] = !*each[i];
		}
		ok(differ, "each compile option alone changes the key");
	}
	jr_cache_key(applied, &o, true, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) != 0, "a postexec program, another key");
	id.build = "0123abce";
	jr_cache_key(applied, &o, false, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) != 0, "another build, another key");
	id = ident;
	id.seccomp = "2.5.5";
	jr_cache_key(applied, &o, false, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) != 0, "another libseccomp, another key");
	id = ident;
	id.kernel = "6.2 #1 SMP x86_64";
	jr_cache_key(applied, &o, false, &id, k, &err);
	ok(memcmp(k, k0, sizeof(k)) != 0, "another kernel, another key");
	id.build = "";
	ok(jr_cache_key(applied, &o, false, &id, k, &err) < 0 &&
		   strstr(err.msg, "build identity"),
	   "no build identity: no key (%s)", err.msg);
}

static void make_progs(struct jr_bpf *p)
{
	static const size_t lens[JR_CACHE_NPROG] = { 5, 0, 3 };

	for (int i = 0; i < JR_CACHE_NPROG; i++) {
		p[i].len = lens[i];
		p[i].insns = lens[i] ? calloc(lens[i], sizeof(*p[i].insns)) :
				       NULL;
		for (size_t j = 0; j < lens[i]; j++)
			p[i].insns[j] = (struct sock_filter){
				(uint16_t)(0x20 + j), (uint8_t)i, (uint8_t)j,
				0x7fff0000U + (uint32_t)j
			};
	}
}

static void free_progs(struct jr_bpf *p)
{
	for (int i = 0; i < JR_CACHE_NPROG; i++)
		jr_bpf_free(&p[i]);
}

static bool same(const struct jr_bpf *a, const struct jr_bpf *b)
{
	for (int i = 0; i < JR_CACHE_NPROG; i++)
		if (a[i].len != b[i].len ||
		    (a[i].len && memcmp(a[i].insns, b[i].insns,
					a[i].len * sizeof(*a[i].insns))))
			return false;
	return true;
}

/* BUF of LEN refused with a message containing WANT, nothing left */
static void refused(const unsigned char *buf, size_t len,
		    const unsigned char *key, const char *want,
		    const char *what)
{
	struct jr_bpf got[JR_CACHE_NPROG];
	struct jr_err err = { { 0 } };
	int r = jr_cache_decode(buf, len, key, secret, got, &err);
	bool empty = true;

	for (int i = 0; i < JR_CACHE_NPROG; i++)
		empty = empty && !got[i].len && !got[i].insns;
	ok(r < 0 && strstr(err.msg, want) && empty, "%s: refused (%s)", what,
	   err.msg);
	free_progs(got);
}

static void test_entry(void)
{
	unsigned char key[JR_SHA256_LEN], other[JR_SHA256_LEN];
	struct jr_bpf progs[JR_CACHE_NPROG], got[JR_CACHE_NPROG];
	struct jr_err err = { { 0 } };
	unsigned char *buf, *copy;
	size_t len;
	char name[65];

	jr_sha256("k", 1, key);
	jr_sha256("l", 1, other);
	jr_cache_name(key, name);
	is_int((int)strlen(name), 64, "the name is 64 hex digits");
	ok(strspn(name, "0123456789abcdef") == 64, "only hex digits");
	make_progs(progs);
	buf = jr_cache_encode(key, progs, secret, &len);
	is_int((int)len, 8 + 32 + 4 + 12 + 8 * 8 + 32, "the entry's size");
	ok(jr_cache_decode(buf, len, key, secret, got, &err) == 0,
	   "a sound entry: %s", err.msg);
	ok(same(progs, got), "its programs come back as they went in");
	free_progs(got);

	copy = malloc(len + 1);
	/* every single byte changed, one at a time: always refused */
	{
		int accepted = 0;

		for (size_t i = 0; i < len; i++) {
			memcpy(copy, buf, len);
			copy[i] ^= 0x01;
			if (jr_cache_decode(copy, len, key, secret, got,
					    &err) == 0)
				accepted++;
			free_progs(got);
		}
		is_int(accepted, 0, "no entry with a changed byte is accepted");
	}
	memcpy(copy, buf, len);
	copy[8 + 32 + 4 + 12 + 3] ^= 0x40; /* an instruction's jf */
	refused(copy, len, key, "not authenticated", "a changed instruction");
	refused(buf, len - 1, key, "bytes where", "one byte short");
	memcpy(copy, buf, len);
	copy[len] = 0;
	refused(copy, len + 1, key, "bytes where", "one byte more");
	refused(buf, 20, key, "not an entry", "a truncated header");
	refused(buf, len, other, "another key", "another key's entry");
	memcpy(copy, buf, len);
	copy[7] = 1;
	refused(copy, len, key, "format", "format 1 (a checksum, no MAC)");
	memcpy(copy, buf, len);
	copy[8 + 32 + 4] = 6; /* main: 6 instructions, not 5 */
	refused(copy, len, key, "bytes where", "a wrong length");
	memcpy(copy, buf, len);
	copy[8 + 32 + 4 + 3] = 0x10; /* a huge length */
	refused(copy, len, key, "instructions", "a length past the limit");
	memcpy(copy, buf, len);
	copy[8 + 32] = 2;
	refused(copy, len, key, "programs", "a wrong count");
	free(copy);
	free(buf);

	/* a well-formed entry with an empty main program is still refused */
	jr_bpf_free(&progs[JR_CACHE_MAIN]);
	buf = jr_cache_encode(key, progs, secret, &len);
	refused(buf, len, key, "empty program", "an empty main program");
	free(buf);
	free_progs(progs);
}

/* What a sandboxed program that can write the cache can make: an entry
 * of another policy's key whose main program allows everything.  With
 * a valid SHA-256 where the MAC goes (format 1's check, which it
 * passed), or under a secret of its own: refused.  Under the user's
 * secret the same entry is taken: the secret is all that stops it. */
static void test_forged(void)
{
	static struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K,
						   SECCOMP_RET_ALLOW);
	struct jr_bpf progs[JR_CACHE_NPROG] = {
		[JR_CACHE_MAIN] = { &allow, 1 },
		[JR_CACHE_INIT] = { &allow, 1 },
	};
	struct jr_bpf got[JR_CACHE_NPROG];
	struct jr_err err = { { 0 } };
	unsigned char key[JR_SHA256_LEN], *buf;
	size_t len;

	jr_sha256("a policy", 8, key);
	buf = jr_cache_encode(key, progs, wrong, &len);
	refused(buf, len, key, "not authenticated",
		"an allow-all entry under another secret");
	jr_sha256(buf, len - JR_SHA256_LEN, buf + len - JR_SHA256_LEN);
	refused(buf, len, key, "not authenticated",
		"an allow-all entry with a valid SHA-256 (format 1's check)");
	free(buf);
	buf = jr_cache_encode(key, progs, secret, &len);
	ok(jr_cache_decode(buf, len, key, secret, got, &err) == 0 &&
		   got[JR_CACHE_MAIN].len == 1 &&
		   got[JR_CACHE_MAIN].insns[0].k == SECCOMP_RET_ALLOW,
	   "control: the same entry under the user's secret is taken: %s",
	   err.msg);
	free_progs(got);
	free(buf);
}

/* The applied-keys digest: order and values count. */
static void test_applied(void)
{
	struct jr_policy *a = jr_policy_new(), *b = jr_policy_new();
	unsigned char da[JR_SHA256_LEN], db[JR_SHA256_LEN];

	jr_policy_applied_add(a, "seccomp.drop", "ptrace");
	jr_policy_applied_add(a, "seccomp.keep", "read");
	jr_policy_applied_add(b, "seccomp.keep", "read");
	jr_policy_applied_add(b, "seccomp.drop", "ptrace");
	jr_policy_applied(a, da);
	jr_policy_applied(b, db);
	ok(memcmp(da, db, sizeof(da)) != 0, "the order of the keys counts");
	jr_policy_free(b);
	b = jr_policy_new();
	jr_policy_applied_add(b, "seccomp.drop", "ptrac");
	jr_policy_applied_add(b, "eseccomp.keep", "read");
	jr_policy_applied(b, db);
	ok(memcmp(da, db, sizeof(da)) != 0, "keys and values do not run together");
	jr_policy_applied(a, db);
	ok(memcmp(da, db, sizeof(da)) == 0, "reading the digest changes nothing");
	jr_policy_free(a);
	jr_policy_free(b);
}

int main(void)
{
	test_sha256(); /* the x86 SHA instructions where this CPU has them */
	jr_sha256_generic_only = true;
	test_sha256();
	jr_sha256_generic_only = false;
	test_hmac();
	test_key();
	test_entry();
	test_forged();
	test_applied();
	return tap_done();
}
