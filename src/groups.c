/* groups.c - the @group table.  Sorted by name; every group has help
 * text; members may name other groups.  tests/unit/test-groups.c holds
 * the table to that and resolves every member.
 *
 * Group names and most memberships follow systemd's SystemCallFilter=
 * groups (src/shared/seccomp-util.c) where one exists; @default-deny
 * follows the kernel-attack surface of firejail's default list (facts,
 * not code). */
#include "config.h"

#include <string.h>

#include "groups.h"
#include "util.h"

const struct jr_group jr_groups[] = {
	{ "@clock", "Change the system time",
	  "adjtimex clock_adjtime clock_adjtime64 clock_settime "
	  "clock_settime64 settimeofday stime" },
	{ "@cpu-emulation", "Emulate other CPUs and ABIs (vm86, LDT)",
	  "modify_ldt subpage_prot switch_endian vm86 vm86old" },
	{ "@debug", "Debug, trace or profile other processes",
	  "lookup_dcookie perf_event_open pidfd_getfd ptrace rtas "
	  "s390_runtime_instr sys_debug_setcontext" },
	{ "@default-deny",
	  "What `seccomp = yes` denies: kernel-attack surface a normal "
	  "program never needs",
	  "@clock @cpu-emulation @debug @keyring @module @mount @obsolete "
	  "@raw-io @reboot @swap "
	  "acct bpf fanotify_init io_cancel io_destroy io_getevents "
	  "io_pgetevents io_setup io_submit io_uring_enter io_uring_register "
	  "io_uring_setup ioprio_set kcmp mbind migrate_pages move_pages "
	  "name_to_handle_at nfsservctl open_by_handle_at personality "
	  "process_madvise process_vm_readv process_vm_writev quotactl "
	  "remap_file_pages set_mempolicy setdomainname sethostname syslog "
	  "userfaultfd vhangup vmsplice" },
	{ "@keyring", "Kernel keyring access", "add_key keyctl request_key" },
	{ "@module", "Load and unload kernel modules",
	  "delete_module finit_module init_module" },
	{ "@mount", "Mount and unmount file systems, change root",
	  "chroot fsconfig fsmount fsopen fspick mount mount_setattr "
	  "move_mount open_tree pivot_root umount umount2" },
	{ "@obsolete", "Unusual, obsolete or unimplemented syscalls",
	  "_sysctl afs_syscall bdflush break create_module ftime "
	  "get_kernel_syms getpmsg gtty idle lock mpx prof profil putpmsg "
	  "query_module security sgetmask ssetmask stime stty sysfs tuxcall "
	  "ulimit uselib ustat vserver" },
	{ "@raw-io", "Raw I/O port and PCI config access",
	  "ioperm iopl pciconfig_iobase pciconfig_read pciconfig_write" },
	{ "@reboot", "Reboot the machine or load a new kernel",
	  "kexec_file_load kexec_load reboot" },
	{ "@swap", "Enable and disable swap devices", "swapoff swapon" },
};

const size_t jr_ngroups = ARRAY_SIZE(jr_groups);

const struct jr_group *jr_group_find(const char *name)
{
	for (size_t i = 0; i < jr_ngroups; i++)
		if (strcmp(jr_groups[i].name, name) == 0)
			return &jr_groups[i];
	return NULL;
}

const char *jr_group_suggest(const char *name)
{
	const char *names[ARRAY_SIZE(jr_groups) + 1];

	for (size_t i = 0; i < jr_ngroups; i++)
		names[i] = jr_groups[i].name;
	names[jr_ngroups] = NULL;
	return jr_closest(name, names);
}
