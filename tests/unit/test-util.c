/* test-util.c - util.h's string helpers: xconcat, and the string pool
 * (jr_pool_intern packs strings into blocks: each copy stays whole and
 * apart across block boundaries, and one longer than a block fits). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"

static void test_concat(void)
{
	char *s = xconcat("/home/a", "/.ssh");

	is_str(s, "/home/a/.ssh", "xconcat: A then B");
	free(s);
	s = xconcat("", "/etc");
	is_str(s, "/etc", "xconcat: an empty A");
	free(s);
	s = xconcat("/etc", "");
	is_str(s, "/etc", "xconcat: an empty B");
	free(s);
}

/* string I of the test: lengths 0..199, cycling, contents from I */
static void nth(int i, char *buf, size_t size)
{
	size_t n = (size_t)(i * 37 % 200);

	if (n >= size)
		n = size - 1;
	for (size_t k = 0; k < n; k++)
		buf[k] = (char)('a' + (i + (int)k) % 26);
	buf[n] = '\0';
}

static void test_pool(void)
{
	struct jr_strpool *pool = NULL;
	const char *got[2000];
	char want[256], *big;
	bool same = true, apart = true;
	const char *b;

	for (int i = 0; i < 2000; i++) {
		nth(i, want, sizeof(want));
		got[i] = jr_pool_intern(&pool, want);
	}
	for (int i = 0; i < 2000; i++) {
		nth(i, want, sizeof(want));
		same &= strcmp(got[i], want) == 0;
		apart &= i == 0 || got[i] != got[i - 1];
	}
	ok(same, "2000 strings (~200 KB, many blocks) each read back whole");
	ok(apart, "each intern is a copy of its own");
	big = malloc(10001);
	memset(big, 'x', 10000);
	big[10000] = '\0';
	b = jr_pool_intern(&pool, big);
	ok(strcmp(b, big) == 0 && b != big,
	   "a string longer than a block is copied whole");
	is_str(jr_pool_intern(&pool, "after"), "after",
	       "a string after the long one");
	nth(1999, want, sizeof(want));
	is_str(got[1999], want, "earlier strings untouched by later blocks");
	is_str(jr_pool_intern(&pool, ""), "", "an empty string");
	free(big);
	jr_pool_free(&pool);
	ok(pool == NULL, "jr_pool_free empties the pool");
}

int main(void)
{
	test_concat();
	test_pool();
	return tap_done();
}
