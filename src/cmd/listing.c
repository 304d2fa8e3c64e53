/* listing.c - the --debug-syscalls, --debug-protocols and --debug-caps
 * listings.  Tab-separated columns, one row per item, comment lines start
 * with '#': easy to read, grep and awk.  Pure: builds rows, writes them
 * to the FILE main gives. */
#include "config.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "capnames.h"
#include "groups.h"
#include "listing.h"
#include "options.h"
#include "syscalls.h"

/* The architectures shown: the native one first, then those profiles
 * are also written for (DESIGN §5). */
static const struct {
	uint32_t arch;
	const char *name;
} shown[] = {
	{ SCMP_ARCH_X86_64, "x86_64" },
	{ SCMP_ARCH_X86, "i386" },
	{ SCMP_ARCH_AARCH64, "aarch64" },
};

#define NAMES_MAX 1024

struct names {
	char *v[NAMES_MAX];
	size_t n;
};

static void names_add(struct names *ns, const char *name)
{
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], name) == 0)
			return;
	if (ns->n < NAMES_MAX)
		ns->v[ns->n++] = xstrdup(name);
}

static void names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i]);
	ns->n = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_member(void *ctx, const char *name, const char *where,
		      struct jr_err *err)
{
	(void)where;
	(void)err;
	names_add(ctx, name);
	return 0;
}

/* Every group's expansion, made once per listing. */
struct expansions {
	struct names g[JR_GROUPS_MAX];
};

static void expansions_load(struct expansions *ex)
{
	struct jr_err err = { { 0 } };

	for (size_t g = 0; g < jr_ngroups && g < JR_GROUPS_MAX; g++)
		jr_group_expand(jr_groups[g].name, add_member, &ex->g[g], "",
				&err);
}

static void expansions_free(struct expansions *ex)
{
	for (size_t g = 0; g < jr_ngroups && g < JR_GROUPS_MAX; g++)
		names_free(&ex->g[g]);
	free(ex);
}

static bool group_has(const struct expansions *ex, size_t g, const char *name)
{
	for (size_t i = 0; g < JR_GROUPS_MAX && i < ex->g[g].n; i++)
		if (strcmp(ex->g[g].v[i], name) == 0)
			return true;
	return false;
}

static void print_row(FILE *out, const struct expansions *ex,
		      const char *name)
{
	bool first = true;

	fprintf(out, "%s", name);
	for (size_t a = 0; a < ARRAY_SIZE(shown); a++) {
		int nr = seccomp_syscall_resolve_name_arch(shown[a].arch, name);

		if (nr >= 0)
			fprintf(out, "\t%d", nr);
		else
			fprintf(out, "\t-");
	}
	fprintf(out, "\t");
	for (size_t g = 0; g < jr_ngroups; g++) {
		if (!group_has(ex, g, name))
			continue;
		fprintf(out, "%s%s", first ? "" : ",", jr_groups[g].name);
		first = false;
	}
	fprintf(out, "%s\n", first ? "-" : "");
}

static void print_header(FILE *out)
{
	fprintf(out, "# name");
	for (size_t a = 0; a < ARRAY_SIZE(shown); a++)
		fprintf(out, "\t%s", shown[a].name);
	fprintf(out, "\tgroups\n");
}

static void print_names(FILE *out, struct names *ns)
{
	struct expansions *ex = xcalloc(1, sizeof(*ex));

	expansions_load(ex);
	qsort(ns->v, ns->n, sizeof(ns->v[0]), cmp_str);
	print_header(out);
	for (size_t i = 0; i < ns->n; i++)
		print_row(out, ex, ns->v[i]);
	expansions_free(ex);
}

static void list_all(FILE *out)
{
	struct names ns = { .n = 0 };

	fprintf(out, "# every syscall of %s, %s and %s (numbers; - where the "
		"arch has none)\n", shown[0].name, shown[1].name,
		shown[2].name);
	for (size_t a = 0; a < ARRAY_SIZE(shown); a++) {
		for (int nr = 0; nr < NAMES_MAX; nr++) {
			char *n = seccomp_syscall_resolve_num_arch(shown[a].arch,
								   nr);
			if (n)
				names_add(&ns, n);
			free(n);
		}
	}
	print_names(out, &ns);
	fprintf(out, "# groups:");
	for (size_t g = 0; g < jr_ngroups; g++)
		fprintf(out, " %s", jr_groups[g].name);
	fprintf(out, "\n# syscalls newer than this libseccomp cannot be named;"
		" the default action covers them\n");
	names_free(&ns);
}

static int list_group(FILE *out, const char *name, struct jr_err *err)
{
	const struct jr_group *g = jr_group_find(name);
	struct names ns = { .n = 0 };

	if (jr_group_expand(name, add_member, &ns, "--debug-syscalls", err))
		return -1;
	fprintf(out, "# %s: %s\n# members: %s\n", g->name, g->help, g->members);
	print_names(out, &ns);
	names_free(&ns);
	return 0;
}

int jr_list_syscalls(FILE *out, const char *which, struct jr_err *err)
{
	struct names one = { .n = 0 };
	char buf[64];
	int nr;

	if (!which)
		list_all(out);
	else if (which[0] == '@')
		return list_group(out, which, err);
	else if (jr_syscall_resolve(which, &nr) != JR_SC_UNKNOWN) {
		names_add(&one, which);
		print_names(out, &one);
		names_free(&one);
	} else if (jr_syscall_suggest(which, buf, sizeof(buf)))
		return jr_fail(err, "--debug-syscalls",
			       "unknown syscall '%s' (did you mean '%s'?)",
			       which, buf);
	else
		return jr_fail(err, "--debug-syscalls",
			       "unknown syscall '%s'", which);
	return 0;
}

void jr_list_protocols(FILE *out)
{
	fprintf(out, "# name\tfamily\t(protocol = LIST allows these; every "
		"other family fails with EAFNOSUPPORT)\n");
	for (size_t i = 0; i < jr_nfamilies; i++)
		fprintf(out, "%s\t%d\n", jr_families[i].name, jr_families[i].af);
}

void jr_list_caps(FILE *out)
{
	fprintf(out, "# nr\tname\tbounding (in jailrun's own bounding set: "
		"what caps.keep can keep)\n");
	for (int cap = 0; cap < 64; cap++) {
		int in = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
		const char *name;

		if (in < 0)
			break; /* past the kernel's last capability */
		name = jr_cap_name(cap);
		fprintf(out, "%d\t%s\t%s\n", cap, name ? name : "?",
			in > 0 ? "yes" : "no");
	}
}
