/* fuzz-list.c - libFuzzer target: the LIST syntax and every key's value
 * parser, through the one key table.
 *
 * The input is lines of `KEY=VALUE` (or a bare `KEY`), applied in order
 * to one policy (and its command, for the command-line-only keys) with
 * jr_key_apply(), the function the command line uses for one key and
 * that the profile parser's jr_key_set() is the policy half of:
 * `seccomp.keep=@mount,!chroot`,
 * `protocol=unix,inet`, `caps.drop=all`, `namespaces=!ipc,net`, ...
 * A NUL byte ends the input, as it would end a C string.
 *
 * Checked beyond "no crash, no leak": the result is 0 or -1, and a
 * failure always comes with a message. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "options.h"

#define LINES_MAX 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int apply_line(struct jr_policy *pol, char *line)
{
	struct jr_command cmd = JR_COMMAND_INIT;
	struct jr_err err = { { 0 } };
	const struct jr_key *key;
	char *value = strchr(line, '=');
	int r;

	if (value)
		*value++ = '\0';
	key = jr_key_find(line);
	if (!key)
		return 0;
	r = jr_key_apply(pol, &cmd, key, value, "fuzz:1", &err);
	if (r != 0 && r != -1)
		abort();
	if (r == -1 && (!err.msg[0] || !memchr(err.msg, '\0', sizeof(err.msg))))
		abort();
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	struct jr_policy *pol = jr_policy_new();
	char *line = buf, *next;

	memcpy(buf, data, size);
	buf[size] = '\0';
	for (int n = 0; line && n < LINES_MAX; n++, line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (apply_line(pol, line) < 0)
			break;
	}
	jr_policy_wants_filter(pol);
	jr_policy_free(pol);
	free(buf);
	return 0;
}
