/* jr-doc - print the key table and the group table as man(7) source, for
 * the parts of jailrun(1) and jailrun.profile(5) that must not drift from
 * the code.  Built at `make` time (not installed); the Makefile splices
 * its output into src/jailrun.1.in and src/jailrun.profile.5.in.
 *
 *   jr-doc options     every command-line option (jailrun.1, OPTIONS)
 *   jr-doc directives  the profile-only keys, one sentence (jailrun.1)
 *   jr-doc keys        every profile key (jailrun.profile.5, KEYS)
 *   jr-doc cli-only    the options that are not profile keys, one sentence
 *   jr-doc groups      every @group with its help and members
 *   jr-doc limits      the limits on what a profile may hold
 *   jr-doc names       every key: name TAB scope (both, cli, profile)
 *   jr-doc firejail    firejail's options jailrun spells otherwise
 *
 * Text from the tables is escaped for roff: a backslash, a leading dot or
 * quote, and a hyphen that starts an option or sits in a name (\- does
 * not break a line, so "--memory-deny-write-execute" stays whole). */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "groups.h"
#include "hints.h"
#include "list.h"
#include "options.h"
#include "profile.h"

/* Prose: '-' after a non-alphanumeric (or another '-') is an option's
 * minus; '-' inside a word is a hyphen. */
static void put_text(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (const char *p = s; *p; p++) {
		if (*p == '\\')
			fputs("\\e", stdout);
		else if (*p == '-' &&
			 (p == s || !isalnum((unsigned char)p[-1]) ||
			  p[-1] == '-'))
			fputs("\\-", stdout);
		else
			putchar(*p);
	}
}

/* A name (key, group, syscall): every '-' is \-. */
static void put_name(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '-')
			fputs("\\-", stdout);
		else if (*p == '\\')
			fputs("\\e", stdout);
		else
			putchar(*p);
	}
}

/* A metavar such as "errno|errno:ENAME|kill|log": words in capitals are
 * placeholders (italic), the rest literal values (bold). */
static void put_metavar(const char *m)
{
	while (*m) {
		size_t n = strcspn(m, "|:,");
		bool placeholder = true;

		for (size_t i = 0; i < n; i++)
			if (islower((unsigned char)m[i]))
				placeholder = false;
		fputs(placeholder ? "\\fI" : "\\fB", stdout);
		printf("%.*s", (int)n, m); /* no '-' or '\' in metavars */
		fputs("\\fR", stdout);
		m += n;
		if (*m)
			putchar(*m++);
	}
}

static void put_key_sentence(enum jr_key_scope scope, const char *prefix,
			     const char *lead, const char *tail)
{
	size_t n = 0, done = 0;

	for (size_t i = 0; i < jr_nkeys; i++)
		n += jr_keys[i].scope == scope;
	fputs(lead, stdout);
	for (size_t i = 0; i < jr_nkeys; i++) {
		if (jr_keys[i].scope != scope)
			continue;
		done++;
		fputs("\\fB", stdout);
		put_name(prefix);
		put_name(jr_keys[i].name);
		fputs("\\fR", stdout);
		fputs(done == n ? "" : done + 1 == n ? " and " : ", ", stdout);
	}
	puts(tail);
}

static void options(void)
{
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];

		if (k->scope == JR_SCOPE_PROFILE)
			continue;
		fputs(".TP\n\\fB\\-\\-", stdout);
		put_name(k->name);
		fputs("\\fR", stdout);
		if (k->arg == JR_ARG_OPTIONAL)
			fputs("[=", stdout);
		else if (k->metavar)
			putchar('=');
		if (k->metavar)
			put_metavar(k->metavar);
		if (k->arg == JR_ARG_OPTIONAL)
			putchar(']');
		putchar('\n');
		put_text(k->help);
		putchar('.');
		if (k->scope == JR_SCOPE_BOTH) {
			fputs("\nProfile key: \\fB", stdout);
			put_name(k->name);
			fputs("\\fR.", stdout);
		}
		putchar('\n');
	}
}

static void keys(void)
{
	for (size_t i = 0; i < jr_nkeys; i++) {
		const struct jr_key *k = &jr_keys[i];

		if (k->scope == JR_SCOPE_CLI)
			continue;
		fputs(".TP\n\\fB", stdout);
		put_name(k->name);
		fputs("\\fR = ", stdout);
		/* Every profile key has a value: a bare key is an error. */
		put_metavar(k->metavar ? k->metavar : "yes");
		putchar('\n');
		put_text(k->help);
		putchar('.');
		if (k->scope == JR_SCOPE_BOTH) {
			fputs("\nOption: \\fB\\-\\-", stdout);
			put_name(k->name);
			fputs("\\fR.", stdout);
		}
		putchar('\n');
	}
}

static void groups(void)
{
	for (size_t i = 0; i < jr_ngroups; i++) {
		const struct jr_group *g = &jr_groups[i];
		const char *m = g->members;

		fputs(".TP\n\\fB", stdout);
		put_name(g->name);
		fputs("\\fR\n", stdout);
		put_text(g->help);
		fputs(".\n.br\n", stdout);
		/* Members: one space between names, nested groups in bold. */
		while (*m) {
			size_t n = strcspn(m, " ");
			char name[JR_GROUP_NAME_MAX];

			if (n && n < sizeof(name)) {
				memcpy(name, m, n);
				name[n] = '\0';
				fputs(name[0] == '@' ? "\\fB" : "\\fI", stdout);
				put_name(name);
				fputs("\\fR", stdout);
				m += n;
				m += strspn(m, " ");
				putchar(*m ? ' ' : '\n');
			} else {
				m += n + strspn(m + n, " ");
			}
		}
	}
}

/* The limits of profile.h and list.h, as a paragraph. */
static void limits(void)
{
	printf(".PP\n"
	       "Limits: a file holds at most %d bytes and a line at most %d "
	       "characters; a value at most %d characters and %d list items "
	       "of at most %d characters each; includes nest at most %d deep; "
	       "one run reads at most %d files, with at most %d \\fBignore\\fR "
	       "lines.\n",
	       JR_PROFILE_SIZE_MAX, JR_LINE_MAX, JR_VALUE_MAX,
	       JR_LIST_MAX_ITEMS, JR_LIST_MAX_ITEM, JR_INCLUDE_DEPTH_MAX,
	       JR_FILES_MAX, JR_IGNORES_MAX);
}

/* The hint table (hints.h): firejail's option, then jailrun's. */
static void firejail(void)
{
	for (size_t i = 0; i < jr_nhints; i++) {
		const struct jr_hint *h = &jr_hints[i];

		printf(".TP\n.B ");
		put_text("--");
		put_name(h->firejail);
		printf("\n");
		if (h->jailrun) {
			printf(".B ");
			put_text(h->jailrun);
			printf("\n");
		}
		if (h->note) {
			put_text(h->jailrun ? "(" : "");
			put_text(h->note);
			put_text(h->jailrun ? ")" : "");
			printf("\n");
		}
	}
}

int main(int argc, char **argv)
{
	const char *what = argc == 2 ? argv[1] : "";

	if (strcmp(what, "options") == 0)
		options();
	else if (strcmp(what, "directives") == 0)
		put_key_sentence(JR_SCOPE_PROFILE, "",
				 "Profile directives, which are not options: ",
				 " (see \\fBjailrun.profile\\fR(5)).");
	else if (strcmp(what, "keys") == 0)
		keys();
	else if (strcmp(what, "cli-only") == 0)
		put_key_sentence(JR_SCOPE_CLI, "--",
				 "These are command-line options only, not "
				 "profile keys: ",
				 ".");
	else if (strcmp(what, "groups") == 0)
		groups();
	else if (strcmp(what, "limits") == 0)
		limits();
	else if (strcmp(what, "firejail") == 0)
		firejail();
	else if (strcmp(what, "names") == 0)
		for (size_t i = 0; i < jr_nkeys; i++)
			printf("%s\t%s\n", jr_keys[i].name,
			       jr_keys[i].scope == JR_SCOPE_BOTH ? "both" :
			       jr_keys[i].scope == JR_SCOPE_CLI  ? "cli" :
								   "profile");
	else {
		fprintf(stderr, "usage: jr-doc options|directives|keys|"
				"cli-only|groups|limits|names|firejail\n");
		return 2;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
