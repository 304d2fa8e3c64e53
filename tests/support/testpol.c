/* testpol.c - see testpol.h */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "testpol.h"

void jrt_policy_with(struct jr_policy **pol, struct jr_err *err,
		     void (*diag)(const char *msg), const char *kv, ...)
{
	va_list ap;

	jr_policy_free(*pol);
	*pol = jr_policy_new();
	memset(err, 0, sizeof(*err));
	va_start(ap, kv);
	for (const char *s = kv; s; s = va_arg(ap, const char *)) {
		char key[64], msg[sizeof(err->msg) + 80];
		const char *eq = strchr(s, '=');
		size_t n = eq ? (size_t)(eq - s) : strlen(s);

		snprintf(key, sizeof(key), "%.*s", (int)n, s);
		if (jr_key_set(*pol, jr_key_find(key), eq ? eq + 1 : NULL,
			       "test", err) < 0) {
			snprintf(msg, sizeof(msg), "%s: %s", s, err->msg);
			diag(msg);
		}
	}
	va_end(ap);
}
