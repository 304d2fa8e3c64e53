/* groups.c - the @group table.  Sorted by name; every group has help
 * text; members are syscall names (of any architecture libseccomp knows)
 * and other @groups.  tests/unit/test-groups.c holds the table to that,
 * checks that every variant of an operation is in the same groups
 * (open/openat/openat2, X and X_time64, X and X32 ...), that every
 * x86_64 syscall is in a group or in jr_ungrouped[], and that every
 * group resolves for aarch64 and i386.
 *
 * A group that carries a systemd SystemCallFilter= name holds exactly
 * systemd's members (`systemd-analyze syscall-filter` of systemd 252,
 * kept in tests/data/systemd-252-groups.txt; test-groups compares them),
 * so a list ported from a unit means the same here; it adds only
 * syscalls newer than systemd 252's table.  A deliberate difference has
 * a name of jailrun's own (@start, @default-deny, @thread, ...).  The
 * short groups follow OpenBSD's pledge(2) promises: @stdio has no exec
 * and no open (pledge's "stdio" has neither); exec is @exec, opening
 * files by path @rpath/@wpath/@cpath.  A group is a list of
 * syscall NAMES: it cannot look at paths or flags, so @rpath and @wpath
 * both hold open(2).  Paths are confined by Landlock, not by groups.
 *
 * Members are listed once per line of thought, variants together:
 *   the generic name, then older and newer forms, then 32-bit-arch forms
 *   (X32 for 16-bit-uid arches, X64 for large-file forms, X_time64 for
 *   64-bit time on 32-bit arches). */
#include "config.h"

#include <string.h>

#include "groups.h"
#include "util.h"

/* Kept in one place: @file-system and @rpath/@wpath/@stdio share them. */
#define STAT_FAMILY                                                          \
	"stat stat64 lstat lstat64 fstat fstat64 newfstatat fstatat64 "      \
	"statx oldstat oldlstat oldfstat "
#define STATFS_FAMILY "statfs statfs64 fstatfs fstatfs64 "
#define OPEN_FAMILY "open openat openat2 "
#define ACCESS_FAMILY "access faccessat faccessat2 "
#define READLINK_FAMILY "readlink readlinkat "
#define GETDENTS_FAMILY "getdents getdents64 readdir "
#define GETXATTR_FAMILY                                                      \
	"getxattr lgetxattr fgetxattr listxattr llistxattr flistxattr "
#define SETXATTR_FAMILY                                                      \
	"setxattr lsetxattr fsetxattr removexattr lremovexattr fremovexattr "
#define TRUNCATE_FAMILY "truncate truncate64 ftruncate ftruncate64 "
#define CHMOD_FAMILY "chmod fchmod fchmodat fchmodat2 "
#define UTIME_FAMILY                                                         \
	"utime utimes futimesat utimensat utimensat_time64 "
#define FCNTL_FAMILY "fcntl fcntl64 "
#define MMAP_FAMILY "mmap mmap2 munmap mprotect "
#define FADVISE_FAMILY "fadvise64 fadvise64_64 arm_fadvise64_64 "
#define SENDFILE_FAMILY "sendfile sendfile64 "
#define RLIMIT_GET "getrlimit ugetrlimit prlimit64 "
#define FUTEX_FAMILY "futex futex_time64 futex_waitv "
/* futex2 calls of Linux 6.7: systemd 252 knows them but groups none */
#define FUTEX2_FAMILY "futex_wait futex_wake futex_requeue "
/* systemd 252's @default less execve: @default adds it, @stdio does not */
#define SD_DEFAULT_NOEXEC                                                    \
	"exit exit_group restart_syscall rt_sigreturn sigreturn "             \
	"brk " MMAP_FAMILY                                                    \
	"arch_prctl set_thread_area get_thread_area set_tls cacheflush "      \
	"set_tid_address set_robust_list get_robust_list rseq "               \
	"membarrier " FUTEX_FAMILY RLIMIT_GET                                 \
	"getrandom sched_yield sched_getaffinity "                            \
	"getpid getppid gettid getpgid getpgrp getsid "                       \
	"getuid getuid32 geteuid geteuid32 getgid getgid32 getegid "          \
	"getegid32 getresuid getresuid32 getresgid getresgid32 getgroups "    \
	"getgroups32 "                                                        \
	"clock_gettime clock_gettime64 clock_getres clock_getres_time64 "     \
	"clock_nanosleep clock_nanosleep_time64 gettimeofday time "           \
	"nanosleep pause riscv_flush_icache "
/* What the dynamic loader adds to that, to map a program's libraries
 * (measured with strace on glibc 2.36; preflight.c's jr_start_needs) */
#define LOADER_CALLS                                                         \
	OPEN_FAMILY ACCESS_FAMILY STAT_FAMILY "read pread64 close madvise "   \
	"map_shadow_stack "
#define FORK_FAMILY "fork vfork clone clone3 "
#define WAIT_FAMILY "wait4 waitid waitpid "
#define KILL_FAMILY                                                          \
	"kill tkill tgkill rt_sigqueueinfo rt_tgsigqueueinfo "                \
	"pidfd_send_signal "

const struct jr_group jr_groups[] = {
	{ "@aio", "Asynchronous I/O: POSIX AIO and io_uring",
	  "io_setup io_destroy io_submit io_cancel io_getevents "
	  "io_pgetevents io_pgetevents_time64 "
	  "io_uring_setup io_uring_enter io_uring_register" },
	{ "@basic-io", "Read, write, seek and close file descriptors",
	  "read readv pread64 preadv preadv2 write writev pwrite64 pwritev "
	  "pwritev2 lseek _llseek close close_range dup dup2 dup3" },
	{ "@chown", "Change file ownership",
	  "chown chown32 fchown fchown32 fchownat lchown lchown32" },
	{ "@clock", "Change the system time",
	  "adjtimex clock_adjtime clock_adjtime64 clock_settime "
	  "clock_settime64 settimeofday" },
	{ "@cpath", "Create, rename and remove files and directories",
	  OPEN_FAMILY "creat mkdir mkdirat rmdir rename renameat renameat2 "
	  "link linkat symlink symlinkat unlink unlinkat mknod mknodat" },
	{ "@cpu-emulation", "Emulate other CPUs and ABIs (vm86, LDT)",
	  "modify_ldt subpage_prot switch_endian vm86 vm86old" },
	{ "@debug", "Debug, trace, profile or reach into other processes",
	  "ptrace perf_event_open lookup_dcookie pidfd_getfd rtas "
	  "s390_runtime_instr sys_debug_setcontext" },
	{ "@default",
	  "systemd's @default: exit, signal return, memory maps, TLS, ids, "
	  "clocks, and execve; not enough for a dynamic program to start "
	  "(add @start or @rpath)",
	  "execve " SD_DEFAULT_NOEXEC },
	{ "@default-deny",
	  "What `seccomp = yes` denies: kernel-attack surface a normal "
	  "program never needs",
	  "@aio @clock @cpu-emulation @debug @keyring @module @mount "
	  "@obsolete @raw-io @reboot @swap "
	  "process_vm_readv process_vm_writev process_madvise "
	  "epoll_ctl_old epoll_wait_old "
	  "acct bpf fanotify_init ioprio_set kcmp mbind migrate_pages "
	  "move_pages name_to_handle_at nfsservctl open_by_handle_at "
	  "personality quotactl quotactl_fd remap_file_pages set_mempolicy "
	  "set_mempolicy_home_node setdomainname sethostname syslog "
	  "userfaultfd vhangup vmsplice" },
	{ "@dns", "Resolve host names: read resolver files, query over UDP/TCP",
	  "@inet @rpath @io-event uname" },
	{ "@exec", "Run other programs", "execve execveat" },
	{ "@file-system", "File system operations: open, stat, create, "
	  "remove, attributes, watches",
	  OPEN_FAMILY ACCESS_FAMILY STAT_FAMILY STATFS_FAMILY READLINK_FAMILY
	  GETXATTR_FAMILY SETXATTR_FAMILY TRUNCATE_FAMILY
	  CHMOD_FAMILY UTIME_FAMILY FCNTL_FAMILY
	  "getdents getdents64 close creat chdir fchdir getcwd fallocate "
	  "mkdir mkdirat rmdir rename renameat renameat2 link linkat symlink "
	  "symlinkat unlink unlinkat mknod mknodat "
	  "inotify_init inotify_init1 inotify_add_watch inotify_rm_watch" },
	{ "@inet", "Internet sockets (pair with protocol = inet,inet6)",
	  "@network-io" },
	{ "@io-event", "Wait for events on file descriptors",
	  "select _newselect pselect6 pselect6_time64 poll ppoll ppoll_time64 "
	  "epoll_create epoll_create1 epoll_ctl epoll_wait epoll_pwait "
	  "epoll_pwait2 epoll_ctl_old epoll_wait_old eventfd eventfd2" },
	{ "@ipc", "SysV IPC, POSIX message queues, pipes, memfd",
	  "ipc shmget shmat shmdt shmctl semget semop semtimedop "
	  "semtimedop_time64 semctl msgget msgsnd msgrcv msgctl "
	  "mq_open mq_unlink mq_timedsend mq_timedsend_time64 "
	  "mq_timedreceive mq_timedreceive_time64 mq_notify mq_getsetattr "
	  "pipe pipe2 memfd_create process_vm_readv process_vm_writev "
	  "process_madvise" },
	{ "@keyring", "Kernel keyring access", "add_key keyctl request_key" },
	{ "@memlock", "Lock memory into RAM",
	  "mlock mlock2 mlockall munlock munlockall" },
	{ "@module", "Load and unload kernel modules",
	  "delete_module finit_module init_module" },
	{ "@mount", "Mount and unmount file systems, change root",
	  "chroot fsconfig fsmount fsopen fspick mount mount_setattr "
	  "move_mount open_tree pivot_root umount umount2" },
	{ "@network-io", "Socket I/O of any family (protocol = says which)",
	  "socket socketpair socketcall bind listen accept accept4 connect "
	  "shutdown getsockname getpeername getsockopt setsockopt "
	  "send sendto sendmsg sendmmsg recv recvfrom recvmsg recvmmsg "
	  "recvmmsg_time64" },
	{ "@obsolete", "Unusual, obsolete or unimplemented syscalls",
	  "_sysctl afs_syscall bdflush break create_module "
	  "ftime get_kernel_syms getpmsg gtty idle lock mpx "
	  "prof profil putpmsg query_module security sgetmask ssetmask stime "
	  "stty sysfs tuxcall ulimit uselib ustat vserver" },
	{ "@pkey", "Memory protection keys",
	  "pkey_alloc pkey_free pkey_mprotect" },
	{ "@privileged", "Operations that need privilege (capabilities)",
	  "@chown @clock @module @raw-io @reboot @swap _sysctl acct bpf "
	  "capset chroot fanotify_init fanotify_mark nfsservctl "
	  "open_by_handle_at pivot_root quotactl quotactl_fd setdomainname "
	  "setfsuid setfsuid32 setgroups setgroups32 sethostname setresuid "
	  "setresuid32 setreuid setreuid32 setuid setuid32 vhangup" },
	{ "@proc", "Create, wait for and signal processes; sessions, "
	  "process attributes (prctl), "
	  "priorities, limits",
	  FORK_FAMILY WAIT_FAMILY KILL_FAMILY "pidfd_open process_mrelease "
	  "prctl setpgid setsid "
	  "getpriority setpriority setrlimit " RLIMIT_GET },
	{ "@process", "Process control: create, wait, signal, namespaces",
	  FORK_FAMILY WAIT_FAMILY KILL_FAMILY "execveat capget "
	  "getrusage times prctl pidfd_open setns unshare "
	  "swapcontext" },
	{ "@raw-io", "Raw I/O port and PCI config access",
	  "ioperm iopl pciconfig_iobase pciconfig_read pciconfig_write "
	  "s390_pci_mmio_read s390_pci_mmio_write" },
	{ "@reboot", "Reboot the machine or load a new kernel",
	  "kexec_file_load kexec_load reboot" },
	{ "@resources", "Change scheduling, memory policy and resource limits",
	  "ioprio_set mbind migrate_pages move_pages nice sched_setaffinity "
	  "sched_setattr sched_setparam sched_setscheduler set_mempolicy "
	  "set_mempolicy_home_node setpriority setrlimit" },
	{ "@rpath", "Read files and directories by path (open is shared with "
	  "@wpath: groups cannot see flags)",
	  OPEN_FAMILY ACCESS_FAMILY STAT_FAMILY STATFS_FAMILY READLINK_FAMILY
	  GETDENTS_FAMILY GETXATTR_FAMILY FADVISE_FAMILY
	  "chdir fchdir getcwd readahead" },
	{ "@sandbox", "Set up sandboxes: seccomp and Landlock",
	  "seccomp landlock_create_ruleset landlock_add_rule "
	  "landlock_restrict_self" },
	{ "@setuid", "Change user and group ids",
	  "setuid setuid32 setgid setgid32 setreuid setreuid32 setregid "
	  "setregid32 setresuid setresuid32 setresgid setresgid32 setgroups "
	  "setgroups32" },
	{ "@signal", "Handle and wait for signals",
	  "rt_sigaction sigaction signal rt_sigprocmask sigprocmask "
	  "rt_sigpending sigpending rt_sigsuspend sigsuspend rt_sigtimedwait "
	  "rt_sigtimedwait_time64 sigaltstack signalfd signalfd4" },
	{ "@start",
	  "What every dynamically linked program needs to start and exit: "
	  "@default and the loader's calls (open, stat, read, close, mmap)",
	  "@default " LOADER_CALLS FUTEX2_FAMILY },
	{ "@stdio",
	  "Work on open file descriptors (pledge's stdio): I/O, memory, "
	  "time, signals, pipes, polling, terminal queries (ioctl: see "
	  "@tty); no exec (@exec) and no open: a dynamic program needs "
	  "@rpath too, for the loader's openat and access",
	  SD_DEFAULT_NOEXEC STAT_FAMILY FUTEX2_FAMILY
	  "@basic-io @io-event @signal @timer "
	  FCNTL_FAMILY SENDFILE_FAMILY
	  "fsync fdatasync ftruncate ftruncate64 madvise map_shadow_stack "
	  "mincore mremap timerfd "
	  "pipe pipe2 socketpair sendmsg recvmsg send sendto recv recvfrom "
	  "shutdown "
	  "ioctl umask uname getrusage sysinfo getcpu getpriority "
	  "copy_file_range splice tee" },
	{ "@swap", "Enable and disable swap devices", "swapoff swapon" },
	{ "@sync", "Flush data to storage",
	  "sync syncfs fsync fdatasync msync sync_file_range "
	  "sync_file_range2 arm_sync_file_range" },
	{ "@system-service", "What a typical system service needs",
	  "@aio @basic-io @chown @default @file-system @io-event @ipc "
	  "@keyring @memlock @network-io @process @resources @setuid @signal "
	  "@sync @timer "
	  "brk cachestat capget capset copy_file_range " FADVISE_FAMILY
	  "flock get_mempolicy getcpu getpriority ioctl ioprio_get kcmp "
	  "madvise mremap name_to_handle_at oldolduname olduname "
	  "personality readahead readdir remap_file_pages "
	  "sched_get_priority_max "
	  "sched_get_priority_min sched_getattr sched_getparam "
	  "sched_getscheduler sched_rr_get_interval "
	  "sched_rr_get_interval_time64 " SENDFILE_FAMILY
	  "setfsgid setfsgid32 setfsuid setfsuid32 setpgid setsid splice "
	  "sysinfo tee umask uname userfaultfd vmsplice" },
	{ "@thread", "Threads: create, synchronise, thread-local state",
	  "clone clone3 " FUTEX_FAMILY FUTEX2_FAMILY "set_robust_list get_robust_list "
	  "set_tid_address gettid tgkill tkill rseq membarrier "
	  "set_thread_area get_thread_area sched_yield sched_getaffinity "
	  "sched_setaffinity " MMAP_FAMILY "madvise rt_sigprocmask sigprocmask "
	  "sigaltstack" },
	{ "@timer", "Timers and alarms",
	  "alarm getitimer setitimer timer_create timer_delete "
	  "timer_getoverrun timer_gettime timer_gettime64 timer_settime "
	  "timer_settime64 timerfd_create timerfd_gettime "
	  "timerfd_gettime64 timerfd_settime timerfd_settime64 times" },
	{ "@tty", "Terminal control (ioctl: TCGETS, TIOCGWINSZ, ...)",
	  "ioctl" },
	{ "@unix", "Unix-domain sockets (pair with protocol = unix)",
	  "@network-io" },
	{ "@wpath", "Write to existing files by path, change their "
	  "attributes (open is shared with @rpath)",
	  OPEN_FAMILY TRUNCATE_FAMILY CHMOD_FAMILY UTIME_FAMILY
	  SETXATTR_FAMILY "fallocate flock" },
};

const size_t jr_ngroups = ARRAY_SIZE(jr_groups);

/* x86_64 syscalls deliberately in no group, each with why.  The coverage
 * test fails on any syscall libseccomp knows that is in neither, so a
 * syscall it learns is looked at instead of silently allowed or denied
 * by a group's absence. */
const struct jr_ungrouped jr_ungrouped[] = {
	{ "memfd_secret", "secret memory areas: systemd 252 puts it in no "
	  "group, and jailrun's groups follow systemd's where they share a "
	  "name; allowed unless a list denies it by name" },
	{ NULL, NULL },
};
const size_t jr_nungrouped = ARRAY_SIZE(jr_ungrouped) - 1;

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

static int expand(const struct jr_group *g, int depth, jr_group_fn fn,
		  void *ctx, const char *where, struct jr_err *err)
{
	const char *p = g->members;
	char name[JR_GROUP_NAME_MAX];
	int r = 0;

	if (depth >= JR_GROUP_DEPTH_MAX)
		return jr_fail(err, where, "group '%s' nests too deeply",
			       g->name);
	while (*p && r == 0) {
		size_t n = strcspn(p, " ");

		if (n == 0 || n >= sizeof(name))
			return jr_fail(err, where, "group '%s': bad member",
				       g->name);
		memcpy(name, p, n);
		name[n] = '\0';
		p += n + strspn(p + n, " ");
		if (name[0] != '@') {
			r = fn(ctx, name, where, err);
			continue;
		}
		const struct jr_group *sub = jr_group_find(name);
		if (!sub)
			return jr_fail(err, where, "group '%s': no group '%s'",
				       g->name, name);
		r = expand(sub, depth + 1, fn, ctx, where, err);
	}
	return r;
}

int jr_group_expand(const char *name, jr_group_fn fn, void *ctx,
		    const char *where, struct jr_err *err)
{
	const struct jr_group *g = jr_group_find(name);

	if (!g) {
		const char *s = jr_group_suggest(name);

		return jr_fail(err, where, "unknown syscall group '%s'%s%s%s",
			       name, s ? " (did you mean '" : "", s ? s : "",
			       s ? "'?)" : "");
	}
	return expand(g, 0, fn, ctx, where, err);
}
