/* tap.h - a tiny header-only TAP producer for the C unit tests.
 *
 * Each unit test is one .c file that includes this header; automake's
 * tap-driver.sh reads what it prints on stdout.  The state lives in static
 * variables here, so one test program is one TAP stream.
 *
 *	tap_plan(n);			prints "1..n" (optional)
 *	ok(cond, fmt, ...);		"ok N - desc" / "not ok N - desc"
 *	is_int(got, want, fmt, ...);	integers; got/want on failure
 *	is_str(got, want, fmt, ...);	strings, NULL-safe
 *	skip(reason);			"ok N # SKIP reason"
 *	diag(fmt, ...);			"# ..."
 *	return tap_done();		"1..N" if no plan; 0 iff all ok
 *
 * ok(), is_int() and is_str() return non-zero when the test passed.
 * Descriptions should not contain '#' or newlines: TAP reads a '#' as the
 * start of a directive.
 */
#ifndef JAILRUN_TAP_H
#define JAILRUN_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))

static int tap_planned __attribute__((unused)) = -1;
static int tap_run __attribute__((unused));
static int tap_failed __attribute__((unused));

static inline void tap_plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static inline TAP_PRINTF(1, 0) void tap_vdiag(const char *fmt, va_list ap)
{
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static inline TAP_PRINTF(1, 2) void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

/* Print one result line; on failure add where it came from. */
static inline TAP_PRINTF(4, 0)
int tap_vresult(int pass, const char *file, int line, const char *fmt,
		va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	if (!pass)
		printf("# at %s:%d\n", file, line);
	fflush(stdout);
	return pass;
}

static inline TAP_PRINTF(4, 5)
int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static inline TAP_PRINTF(5, 6)
int tap_is_int(long long got, long long want, const char *file, int line,
	       const char *fmt, ...)
{
	int pass = got == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_diag("  got: %lld (%#llx)", got, (unsigned long long)got);
		tap_diag(" want: %lld (%#llx)", want, (unsigned long long)want);
	}
	return pass;
}

static inline TAP_PRINTF(5, 6)
int tap_is_str(const char *got, const char *want, const char *file, int line,
	       const char *fmt, ...)
{
	int pass;
	va_list ap;

	if (!got || !want)
		pass = got == want;
	else
		pass = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_diag("  got: %s%s%s", got ? "\"" : "",
			 got ? got : "(null)", got ? "\"" : "");
		tap_diag(" want: %s%s%s", want ? "\"" : "",
			 want ? want : "(null)", want ? "\"" : "");
	}
	return pass;
}

static inline void tap_skip(const char *reason)
{
	tap_run++;
	printf("ok %d # SKIP %s\n", tap_run, reason ? reason : "");
	fflush(stdout);
}

/* Finish the stream; the result is main()'s exit status. */
static inline int tap_done(void)
{
	if (tap_planned < 0) {
		printf("1..%d\n", tap_run);
	} else if (tap_planned != tap_run) {
		tap_diag("planned %d tests but ran %d", tap_planned, tap_run);
		fflush(stdout);
		return 1;
	}
	if (tap_failed)
		tap_diag("failed %d of %d tests", tap_failed, tap_run);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#define ok(cond, ...) \
	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), \
		   __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define skip(reason)	tap_skip(reason)
#define diag(...)	tap_diag(__VA_ARGS__)

#endif /* JAILRUN_TAP_H */
