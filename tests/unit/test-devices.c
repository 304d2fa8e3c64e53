/* test-devices.c - the plan the device classes make (devices.c): each
 * no* key hides its class's nodes, private-dev binds the classes whose
 * key is not set, with the nodes read from a fake /dev (a directory of
 * empty files the test makes); and the keys' parsers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices.h"
#include "options.h"
#include "tap.h"
#include "testpol.h"

static struct jr_policy *pol;
static struct jr_confine plan;
static struct jr_err err;
static char fake[] = "/tmp/jr-test-devices.XXXXXX";

static void say(const char *msg) { tap_diag("%s", msg); }

/* A fresh policy with KEY=VALUE pairs applied (NULL-terminated). */
#define with(...) jrt_policy_with(&pol, &err, say, __VA_ARGS__)

static int plan_devices(void)
{
	int rc;

	jr_confine_free(&plan);
	memset(&plan, 0, sizeof(plan));
	memset(&err, 0, sizeof(err));
	rc = jr_devices_plan(pol, fake, &plan, &err);
	if (rc < 0)
		tap_diag("plan: %s", err.msg);
	return rc;
}

/* Whether the plan has OP on DST (phase PH) with ORIGIN. */
static bool has(enum jr_mnt_phase ph, enum jr_mnt_op op, const char *dst,
		const char *origin)
{
	for (size_t i = 0; i < plan.nmounts; i++) {
		const struct jr_mount *m = &plan.mounts[i];

		if (m->phase == ph && m->op == op && !strcmp(m->dst, dst) &&
		    (!origin || !strcmp(m->origin, origin)) &&
		    (op != JR_MNT_BIND || !strcmp(m->src, dst)) && m->optional)
			return true;
	}
	return false;
}

static bool hidden(const char *dst, const char *origin)
{
	return has(JR_PH_HIDE, JR_MNT_HIDE, dst, origin);
}

static bool bound(const char *dst)
{
	return has(JR_PH_DEV, JR_MNT_BIND, dst, NULL);
}

static bool noted(const char *needle)
{
	for (size_t i = 0; i < plan.nnotes; i++)
		if (strstr(plan.notes[i], needle))
			return true;
	return false;
}

static void touch(const char *name)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", fake, name);
	f = fopen(p, "w");
	if (!f)
		tap_diag("%s: cannot create", p);
	else
		fclose(f);
}

static void mkd(const char *name)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", fake, name);
	if (mkdir(p, 0755) < 0)
		tap_diag("%s: cannot mkdir", p);
}

static void make_fake_dev(void)
{
	char p[256], q[256];

	if (!mkdtemp(fake))
		tap_diag("mkdtemp failed");
	touch("video0");
	touch("video12");
	touch("videox"); /* not video[0-9]* */
	touch("hidraw0");
	touch("hidraw3");
	touch("sr0");
	touch("nvidia0");
	touch("nvidiactl");
	touch("null");
	mkd("dri");
	mkd("snd");
	mkd("input");
	mkd("shm");
	touch("shm/jack_default_0");
	touch("shm/other");
	/* a link matching a pattern is left out: what it names is covered
	 * by its own name */
	snprintf(p, sizeof(p), "%s/video99", fake);
	snprintf(q, sizeof(q), "%s/null", fake);
	if (symlink(q, p) < 0)
		tap_diag("symlink failed");
}

static void test_keys(void)
{
	static const char *const keys[] = { "no3d", "nodvd", "noinput",
					    "notv", "nou2f", "novideo" };

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const struct jr_key *k = jr_key_find(keys[i]);

		ok(k && k->arg == JR_ARG_OPTIONAL && jr_key_bounds(k),
		   "%s: a yes|no key that bounds the sandbox", keys[i]);
	}
	with("nou2f=maybe", NULL);
	is_str(err.msg, "test: expected yes or no, not 'maybe'",
	       "nou2f: a value other than yes or no is refused");
	with("noroot", "nogroups=yes", NULL);
	ok(pol->noroot && pol->nogroups, "noroot, nogroups: set");
	is_str(pol->noroot_origin, "test", "noroot: its origin kept");
	with("noroot=yes", "noroot=no", NULL);
	ok(!pol->noroot, "noroot = no after yes: the last one wins");
}

static void test_hide(void)
{
	with(NULL);
	plan_devices();
	is_int((int)plan.nmounts, 0, "no key, no private-dev: /dev as it is");

	with("novideo", NULL);
	plan_devices();
	ok(hidden("/dev/video0", "novideo") &&
		   hidden("/dev/video12", "novideo"),
	   "novideo: each /dev/video[0-9]* hidden");
	ok(!hidden("/dev/videox", NULL), "novideo: videox is not a video node");
	ok(!hidden("/dev/video99", NULL), "novideo: a link is left out");
	ok(hidden("/dev/v4l", "novideo"),
	   "novideo: /dev/v4l hidden (planned even where it is missing)");
	ok(!hidden("/dev/hidraw0", NULL) && !hidden("/dev/dri", NULL),
	   "novideo: other classes untouched");
	ok(noted("novideo: hides /dev/video0 /dev/video12"),
	   "novideo: the note names what is hidden");

	with("nou2f", NULL);
	plan_devices();
	ok(hidden("/dev/hidraw0", "nou2f") && hidden("/dev/hidraw3", "nou2f") &&
		   hidden("/dev/usb", "nou2f"),
	   "nou2f: /dev/hidraw* and /dev/usb hidden");

	with("no3d", NULL);
	plan_devices();
	ok(hidden("/dev/dri", "no3d") && hidden("/dev/nvidia0", "no3d") &&
		   hidden("/dev/nvidiactl", "no3d") &&
		   hidden("/dev/kfd", "no3d"),
	   "no3d: /dev/dri, /dev/kfd, /dev/nvidia* hidden");

	with("nodvd", NULL);
	plan_devices();
	ok(hidden("/dev/sr0", "nodvd") && hidden("/dev/cdrom", "nodvd"),
	   "nodvd: /dev/sr* and /dev/cdrom hidden");

	with("notv", "noinput", NULL);
	plan_devices();
	ok(hidden("/dev/dvb", "notv") && hidden("/dev/input", "noinput"),
	   "notv, noinput: /dev/dvb and /dev/input hidden");
	ok(noted("notv: no tv device here"), "notv: none here is noted");

	with("sound=no", NULL);
	plan_devices();
	ok(hidden("/dev/snd", "sound = no") &&
		   hidden("/dev/shm/jack_default_0", "sound = no") &&
		   !hidden("/dev/shm/other", NULL),
	   "sound = no: /dev/snd and JACK's sockets hidden");
	with("sound=yes", NULL);
	plan_devices();
	is_int((int)plan.nmounts, 0,
	       "sound = yes without private-dev: nothing");
}

static void test_private_dev(void)
{
	with("private-dev", NULL);
	plan_devices();
	ok(bound("/dev/dri") && bound("/dev/nvidia0") && bound("/dev/snd") &&
		   bound("/dev/video0") && bound("/dev/sr0") &&
		   bound("/dev/hidraw0") && bound("/dev/input") &&
		   bound("/dev/shm/jack_default_0"),
	   "private-dev: every class kept (GPU, sound, video, dvd, u2f, "
	   "input)");
	ok(!bound("/dev/null") && !bound("/dev/videox"),
	   "private-dev: nothing outside the classes (the base nodes are "
	   "JR_MNT_DEV's)");
	ok(!hidden("/dev/dri", NULL), "private-dev: nothing hidden");

	with("private-dev", "no3d", "nou2f", "sound=no", NULL);
	plan_devices();
	ok(!bound("/dev/dri") && !bound("/dev/nvidia0") && !bound("/dev/kfd"),
	   "private-dev with no3d: the GPU is left out");
	ok(!bound("/dev/hidraw0") && !bound("/dev/usb"),
	   "private-dev with nou2f: hidraw and usb left out");
	ok(!bound("/dev/snd"),
	   "private-dev with sound = no: /dev/snd left out");
	ok(bound("/dev/video0"), "private-dev with no3d: video still kept");
	ok(!hidden("/dev/dri", NULL),
	   "private-dev with no3d: nothing to hide in the new /dev");
	ok(noted("private-dev: 3d left out (no3d)"),
	   "private-dev with no3d: the note says so");
}

static void test_limit(void)
{
	for (int i = 0; i < 70; i++) {
		char n[32];

		snprintf(n, sizeof(n), "hidraw%d", 100 + i);
		touch(n);
	}
	with("nou2f", NULL);
	is_int(plan_devices(), -1, "more than 64 hidraw nodes: refused");
	ok(strstr(err.msg, "more than 64 nodes") != NULL,
	   "the error says why (%s)", err.msg);
}

int main(void)
{
	char cmd[300];

	make_fake_dev();
	test_keys();
	test_hide();
	test_private_dev();
	test_limit();
	jr_confine_free(&plan);
	jr_policy_free(pol);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fake);
	if (system(cmd) != 0)
		tap_diag("cleanup of %s failed", fake);
	return tap_done();
}
