/* fuzz-profile.c - libFuzzer target: arbitrary bytes as one profile file,
 * through jr_profile_parse_buffer(), the parser jailrun itself uses.
 *
 * The profile is named T/fuzz.profile, T a temporary directory that is
 * also the only lookup dir.  T holds nothing but the few small files
 * below, so that include, include errors and cycles are reached;
 * `include = NAME` and relative paths find nothing else.  An absolute
 * include reads a real file, at most JR_PROFILE_SIZE_MAX bytes of a
 * regular one, and never writes.
 *
 * Checked beyond "no crash, no leak": the result is 0 or -1, and a
 * failure always comes with a message. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "profile.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char *name, *text;
} fixtures[] = {
	{ "inc.profile", "seccomp.drop = mkdir\nignore = net\n" },
	{ "common.inc", "[seccomp]\nkeep = @mount, read\n" },
	{ "bad.inc", "\nseccomp.drop = mkdri\n" },
	{ "cycle.profile", "include = ./cycle.profile\n" },
	{ "sub/rel.profile", "include = ../inc.profile\n" },
};
static char dir[64];
static char path[96];
static struct jr_lookup lk;

static const char *in_dir(const char *name)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static void remove_dir(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(fixtures); i++)
		unlink(in_dir(fixtures[i].name));
	rmdir(in_dir("sub"));
	rmdir(dir);
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(in_dir(name), "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(in_dir(name));
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/jailrun-fuzz-profile.XXXXXX");
	if (!mkdtemp(dir) || mkdir(in_dir("sub"), 0700) < 0) {
		perror("fuzz-profile: mkdtemp");
		abort();
	}
	atexit(remove_dir);
	for (size_t i = 0; i < ARRAY_SIZE(fixtures); i++)
		put(fixtures[i].name, fixtures[i].text);
	snprintf(path, sizeof(path), "%s/fuzz.profile", dir);
	lk.user_dir = dir;
	lk.system_path = dir;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jr_policy *pol = jr_policy_new();
	struct jr_profile_log log = { .n = 0 };
	struct jr_err err = { { 0 } };
	int r;

	r = jr_profile_parse_buffer(pol, &lk, path, (const char *)data, size,
				    &log, &err);
	if (r != 0 && r != -1)
		abort();
	if (r == -1 && (!err.msg[0] || !memchr(err.msg, '\0', sizeof(err.msg))))
		abort();
	jr_profile_log_free(&log);
	jr_policy_free(pol);
	return 0;
}
