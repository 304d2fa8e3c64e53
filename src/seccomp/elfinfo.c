/* elfinfo.c - static / dynamic / foreign judgement of a target. */
#include "config.h"

#include <elf.h>
#include <linux/capability.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "elfinfo.h"
#include "util.h"

#define PHDR_MAX 256 /* program headers read at most */

/* The interpreters the shim (built for this glibc) can load into. */
static const char *const glibc_interps[] = {
	"/lib64/ld-linux-x86-64.so.2",
	"/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
	"/usr/lib64/ld-linux-x86-64.so.2",
	"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
};

const char *jr_elf_kind_name(enum jr_elf_kind kind)
{
	switch (kind) {
	case JR_ELF_GLIBC:
		return "dynamic (glibc)";
	case JR_ELF_STATIC:
		return "static";
	case JR_ELF_FOREIGN:
		return "foreign interpreter";
	case JR_ELF_SECURE:
		return "set-id or file capabilities";
	case JR_ELF_32BIT:
		return "not x86_64";
	case JR_ELF_NOTELF:
		break;
	}
	return "not ELF";
}

static bool is_glibc_interp(const char *interp)
{
	for (size_t i = 0; i < ARRAY_SIZE(glibc_interps); i++)
		if (strcmp(interp, glibc_interps[i]) == 0)
			return true;
	return false;
}

static int read_interp(int fd, const Elf64_Ehdr *eh, char *interp, size_t n)
{
	interp[0] = '\0';
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum > PHDR_MAX)
		return -ENOEXEC;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr ph;
		off_t off = (off_t)(eh->e_phoff + i * sizeof(ph));

		if (pread(fd, &ph, sizeof(ph), off) != sizeof(ph))
			return -ENOEXEC;
		if (ph.p_type != PT_INTERP)
			continue;
		if (ph.p_filesz == 0 || ph.p_filesz >= n)
			return -ENOEXEC;
		if (pread(fd, interp, ph.p_filesz, (off_t)ph.p_offset) !=
		    (ssize_t)ph.p_filesz)
			return -ENOEXEC;
		interp[ph.p_filesz] = '\0';
		return 1;
	}
	return 0;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* security.capability (struct vfs_cap_data, little-endian): the magic
 * word with revision and effective flag, then {permitted, inheritable}
 * once (revision 1) or twice (2 and 3: bits 32-63; 3 adds a root id). */
static bool has_file_caps(int fd, struct jr_elf_info *info)
{
	unsigned char b[XATTR_CAPS_SZ_3];
	ssize_t n = fgetxattr(fd, "security.capability", b, sizeof(b));
	uint32_t magic;

	info->file_caps = 0;
	info->file_caps_effective = false;
	if (n < 0 && errno == ERANGE)
		return true; /* larger than any revision: still caps */
	if (n < (ssize_t)XATTR_CAPS_SZ_1)
		return n > 0;
	magic = le32(b);
	info->file_caps = le32(b + 4);
	if ((magic & VFS_CAP_REVISION_MASK) != VFS_CAP_REVISION_1 &&
	    n >= (ssize_t)XATTR_CAPS_SZ_2)
		info->file_caps |= (unsigned long long)le32(b + 12) << 32;
	info->file_caps_effective = magic & VFS_CAP_FLAGS_EFFECTIVE;
	return true;
}

static int judge_elf(int fd, const struct stat *st, struct jr_elf_info *info)
{
	Elf64_Ehdr eh;
	char interp[256];
	int r;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64) {
		info->kind = JR_ELF_32BIT;
		snprintf(info->why, sizeof(info->why),
			 "not an x86_64 program (32-bit or another machine)");
		return 0;
	}
	if (has_file_caps(fd, info) | (st->st_mode & (S_ISUID | S_ISGID))) {
		info->kind = JR_ELF_SECURE;
		snprintf(info->why, sizeof(info->why),
			 "%s: glibc runs it with AT_SECURE and ignores "
			 "LD_PRELOAD",
			 st->st_mode & (S_ISUID | S_ISGID) ? "set-id bits" :
							     "file capabilities");
		if (read_interp(fd, &eh, interp, sizeof(interp)) > 0)
			snprintf(info->interp, sizeof(info->interp), "%s",
				 interp);
		return 0;
	}
	r = read_interp(fd, &eh, interp, sizeof(interp));
	if (r > 0)
		snprintf(info->interp, sizeof(info->interp), "%s", interp);
	if (r < 0) {
		info->kind = JR_ELF_NOTELF;
		snprintf(info->why, sizeof(info->why), "malformed ELF");
		return 0;
	}
	if (r == 0) {
		info->kind = JR_ELF_STATIC;
		snprintf(info->why, sizeof(info->why),
			 "statically linked (no PT_INTERP)%s",
			 eh.e_type == ET_DYN ? ", static-pie" : "");
	} else if (is_glibc_interp(interp)) {
		info->kind = JR_ELF_GLIBC;
		snprintf(info->why, sizeof(info->why), "dynamic, %.200s",
			 interp);
	} else {
		info->kind = JR_ELF_FOREIGN;
		snprintf(info->why, sizeof(info->why),
			 "interpreter %.200s is not this glibc's", interp);
	}
	return 0;
}

/* "#!INTERP [ARG]": copy INTERP into OUT, ARG (its first word) into
 * ARGOUT.  1 if a script, 0 if not. */
static int script_interp(const char *head, size_t n, char *out, size_t outn,
			 char *argout, size_t argn)
{
	size_t i = 2, j = 0, k = 0;

	if (n < 3 || head[0] != '#' || head[1] != '!')
		return 0;
	while (i < n && (head[i] == ' ' || head[i] == '\t'))
		i++;
	while (i < n && head[i] != ' ' && head[i] != '\t' && head[i] != '\n' &&
	       j + 1 < outn)
		out[j++] = head[i++];
	out[j] = '\0';
	while (i < n && (head[i] == ' ' || head[i] == '\t'))
		i++;
	while (i < n && head[i] != ' ' && head[i] != '\t' && head[i] != '\n' &&
	       head[i] != '\r' && k + 1 < argn)
		argout[k++] = head[i++];
	argout[k] = '\0';
	return j > 0 ? 1 : 0;
}

int jr_elf_classify(const char *path, struct jr_elf_info *info)
{
	char cur[sizeof(info->binary)];

	snprintf(cur, sizeof(cur), "%s", path);
	info->scripts = 0;
	info->why[0] = info->script_arg[0] = info->interp[0] = '\0';
	info->file_caps = 0;
	info->file_caps_effective = false;
	for (int depth = 0; depth <= JR_SCRIPT_DEPTH_MAX; depth++) {
		char arg[sizeof(info->script_arg)];
		cleanup_fd int fd = open(cur, O_RDONLY | O_CLOEXEC);
		char head[256];
		struct stat st;
		ssize_t n;

		snprintf(info->binary, sizeof(info->binary), "%s", cur);
		if (fd < 0 || fstat(fd, &st) < 0)
			return -errno;
		n = pread(fd, head, sizeof(head), 0);
		if (n >= 4 && memcmp(head, ELFMAG, SELFMAG) == 0)
			return judge_elf(fd, &st, info);
		if (n > 0 && script_interp(head, (size_t)n, cur, sizeof(cur),
					   arg, sizeof(arg))) {
			if (depth == 0)
				snprintf(info->script_arg,
					 sizeof(info->script_arg), "%s", arg);
			if (depth < JR_SCRIPT_DEPTH_MAX)
				snprintf(info->chain[info->scripts++],
					 sizeof(info->chain[0]), "%s", cur);
			continue;
		}
		info->kind = JR_ELF_NOTELF;
		snprintf(info->why, sizeof(info->why), "neither ELF nor script");
		return 0;
	}
	info->kind = JR_ELF_NOTELF;
	snprintf(info->why, sizeof(info->why), "scripts nest deeper than %d",
		 JR_SCRIPT_DEPTH_MAX);
	return 0;
}
