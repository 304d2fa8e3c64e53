/* elfinfo.h - can the postexec shim apply to this target?  Judged from the
 * file itself before launch: static or dynamic, which interpreter, set-id
 * bits or file capabilities (glibc then runs with AT_SECURE and ignores
 * LD_PRELOAD), and `#!` scripts by their interpreter. */
#ifndef JAILRUN_ELFINFO_H
#define JAILRUN_ELFINFO_H

#include <stdbool.h>
#include <stddef.h>

enum jr_elf_kind {
	JR_ELF_GLIBC,   /* dynamic, native glibc interpreter: shim applies */
	JR_ELF_STATIC,  /* no PT_INTERP (static or static-pie) */
	JR_ELF_FOREIGN, /* another interpreter (musl, ...) */
	JR_ELF_SECURE,  /* set-id bits or file capabilities: AT_SECURE */
	JR_ELF_32BIT,   /* 32-bit (i386, x32) or another machine */
	JR_ELF_NOTELF,  /* neither ELF nor script: execve decides */
};

#define JR_SCRIPT_DEPTH_MAX 4

struct jr_elf_info {
	enum jr_elf_kind kind;
	char binary[4096]; /* the file judged (a script's interpreter) */
	char why[256];     /* human-readable reason */
	/* what the kernel opens to run the target, besides the target:
	 * each `#!` interpreter in order (the last is BINARY when it is
	 * ELF), then BINARY's PT_INTERP */
	int scripts;       /* `#!` levels followed (0: the target is ELF) */
	char chain[JR_SCRIPT_DEPTH_MAX][4096];
	char script_arg[256]; /* the first `#!` line's argument
			       * ("#!/usr/bin/env bash": bash), or "" */
	char interp[256];  /* BINARY's PT_INTERP, "" when static */
	/* BINARY's file capabilities (security.capability): permitted
	 * bits, and whether they are effective at exec (=ep) */
	unsigned long long file_caps;
	bool file_caps_effective;
};

/* Classify PATH (following `#!` up to JR_SCRIPT_DEPTH_MAX levels).
 * 0, or -errno when PATH cannot be read.  Every field is set but KIND
 * on an error (and CHAIN beyond SCRIPTS): INFO, 21 KiB, need not be
 * zeroed first, which faulted in all of its pages (issue 21). */
int jr_elf_classify(const char *path, struct jr_elf_info *info);

const char *jr_elf_kind_name(enum jr_elf_kind kind);

#endif
