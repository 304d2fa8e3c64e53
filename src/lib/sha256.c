/* sha256.c - SHA-256 as FIPS 180-4 §6.2 describes it. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "sha256.h"

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

/* One block, as §6.2.2 writes it: the working variables rotate by
 * name, not by moving them in memory. */
static void block_generic(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4],
			f = h[5], g = h[6], hh = h[7];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^
			      (w[t - 15] >> 3);
		uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^
			      (w[t - 2] >> 10);

		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
			      ((e & f) ^ (~e & g)) + k[t] + w[t];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));

		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

/* One block with the x86 SHA extensions (sha256rnds2 does two rounds,
 * sha256msg1/msg2 the message schedule), ~10x the generic block: the
 * policy's applied lines are hashed at every start (issue 21).  The
 * state is kept as the instructions want it: ABEF and CDGH. */
__attribute__((target("sha,sse4.1"))) static void
block_shani(uint32_t h[8], const unsigned char *p)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
					     0x0405060700010203ULL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
	__m128i abef0 = abef, cdgh0 = cdgh, w[4], m;

	for (int i = 0; i < 16; i++) {
		__m128i *wi = &w[i % 4];

		if (i < 4)
			*wi = _mm_shuffle_epi8(
				_mm_loadu_si128((const __m128i *)(p + 16 * i)),
				bswap);
		else
			*wi = _mm_sha256msg2_epu32(
				_mm_add_epi32(_mm_sha256msg1_epu32(
						      *wi, w[(i + 1) % 4]),
					      _mm_alignr_epi8(w[(i + 3) % 4],
							      w[(i + 2) % 4], 4)),
				w[(i + 3) % 4]);
		m = _mm_add_epi32(*wi,
				  _mm_loadu_si128((const __m128i *)&k[4 * i]));
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
		abef = _mm_sha256rnds2_epu32(abef, cdgh,
					     _mm_shuffle_epi32(m, 0x0E));
	}
	abef = _mm_add_epi32(abef, abef0);
	cdgh = _mm_add_epi32(cdgh, cdgh0);
	/* back to DCBA and HGFE */
	{
		__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
		__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);

		_mm_storeu_si128((__m128i *)&h[0],
				 _mm_blend_epi16(feba, dchg, 0xF0));
		_mm_storeu_si128((__m128i *)&h[4],
				 _mm_alignr_epi8(dchg, feba, 8));
	}
}

static bool have_shani(void)
{
	static int known = -1;
	unsigned a, b, c, d;

	if (known < 0) {
		known = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) &&
			(c & bit_SSSE3) && __get_cpuid_count(7, 0, &a, &b, &c, &d) &&
			(b & bit_SHA);
	}
	return known;
}
#else
static bool have_shani(void)
{
	return false;
}
#define block_shani block_generic
#endif

bool jr_sha256_generic_only;

static void block(struct jr_sha256 *c, const unsigned char *p)
{
	if (!jr_sha256_generic_only && have_shani())
		block_shani(c->h, p);
	else
		block_generic(c->h, p);
}

void jr_sha256_init(struct jr_sha256 *c)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, h0, sizeof(h0));
	c->bytes = 0;
	c->nbuf = 0;
}

void jr_sha256_update(struct jr_sha256 *c, const void *p, size_t n)
{
	const unsigned char *b = p;

	c->bytes += n;
	while (n) {
		size_t take = sizeof(c->buf) - c->nbuf;

		if (take > n)
			take = n;
		memcpy(c->buf + c->nbuf, b, take);
		c->nbuf += take;
		b += take;
		n -= take;
		if (c->nbuf == sizeof(c->buf)) {
			block(c, c->buf);
			c->nbuf = 0;
		}
	}
}

void jr_sha256_final(struct jr_sha256 *c, unsigned char out[JR_SHA256_LEN])
{
	uint64_t bits = c->bytes * 8;
	unsigned char pad = 0x80, len[8];

	jr_sha256_update(c, &pad, 1);
	pad = 0;
	while (c->nbuf != 56)
		jr_sha256_update(c, &pad, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	jr_sha256_update(c, len, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void jr_sha256(const void *p, size_t n, unsigned char out[JR_SHA256_LEN])
{
	struct jr_sha256 c;

	jr_sha256_init(&c);
	jr_sha256_update(&c, p, n);
	jr_sha256_final(&c, out);
}

/* RFC 2104: H((K ^ opad) || H((K ^ ipad) || msg)), K padded to one block
 * (hashed first when longer than a block). */
void jr_hmac_sha256(const void *key, size_t klen, const void *msg, size_t n,
		    unsigned char out[JR_SHA256_LEN])
{
	unsigned char kb[64] = { 0 }, pad[64], inner[JR_SHA256_LEN];
	struct jr_sha256 c;

	if (klen > sizeof(kb))
		jr_sha256(key, klen, kb);
	else if (klen)
		memcpy(kb, key, klen);
	for (size_t i = 0; i < sizeof(pad); i++)
		pad[i] = kb[i] ^ 0x36;
	jr_sha256_init(&c);
	jr_sha256_update(&c, pad, sizeof(pad));
	jr_sha256_update(&c, msg, n);
	jr_sha256_final(&c, inner);
	for (size_t i = 0; i < sizeof(pad); i++)
		pad[i] = kb[i] ^ 0x5c;
	jr_sha256_init(&c);
	jr_sha256_update(&c, pad, sizeof(pad));
	jr_sha256_update(&c, inner, sizeof(inner));
	jr_sha256_final(&c, out);
	explicit_bzero(kb, sizeof(kb));
	explicit_bzero(pad, sizeof(pad));
	explicit_bzero(&c, sizeof(c));
}
