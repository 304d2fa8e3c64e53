#!/bin/sh
# seccomp.drop, seccomp.keep, seccomp = yes and every seccomp.action:
# each rule is shown failing the call, and the same call working without it.
. "$top_srcdir/tests/integration/lib.sh"

d="$TMPD/dir"

# seccomp.drop
run "$JAILRUN" --noprofile "$TRY" mkdir "$d.1"
is "$out" OK "without a rule, mkdir works"
run "$JAILRUN" --noprofile --seccomp.drop=mkdir "$TRY" mkdir "$d.2"
is "$out" EPERM "seccomp.drop=mkdir: mkdir fails EPERM"
[ ! -e "$d.2" ] && ok "seccomp.drop=mkdir: nothing was created" ||
	not_ok "seccomp.drop=mkdir: nothing was created"
run "$JAILRUN" --noprofile --seccomp.drop=mkdir mkdir "$d.3"
like "$out" "cannot create directory.*Operation not permitted" \
	"the README example: mkdir(1) reports EPERM"
is "$rc" 1 "mkdir(1) exits 1 under seccomp.drop=mkdir"
run "$JAILRUN" --noprofile --seccomp.drop=mkdir,!mkdir "$TRY" mkdir "$d.4"
is "$out" OK "!mkdir takes mkdir out of the drop list again"

# seccomp.action
run "$JAILRUN" --noprofile --seccomp.drop=mkdir --seccomp.action=errno:EHWPOISON "$TRY" mkdir "$d.5"
is "$out" EHWPOISON "seccomp.action=errno:EHWPOISON gives that errno"
run "$JAILRUN" --noprofile --seccomp.drop=mkdir --seccomp.action=kill "$TRY" mkdir "$d.6"
is "$rc" 159 "seccomp.action=kill: killed by SIGSYS, exit 128+31"
run "$JAILRUN" --noprofile --seccomp.drop=mkdir --seccomp.action=log --no-report "$TRY" mkdir "$d.7"
is "$out" OK "seccomp.action=log: permissive, the call runs"
[ -d "$d.7" ] && ok "seccomp.action=log: the directory exists" ||
	not_ok "seccomp.action=log: the directory exists"

# seccomp.keep: an allow-list
run "$JAILRUN" --noprofile "$TRY" call getcwd
is "$out" EFAULT "without a rule, getcwd(bad pointer) reaches the kernel"
run "$JAILRUN" --noprofile --seccomp.keep=@mount,execve,brk,arch_prctl,mmap,munmap,mprotect,access,openat,newfstatat,read,pread64,close,write,exit_group,fstat,set_tid_address,set_robust_list,rseq,prlimit64,getrandom "$TRY" call getcwd
is "$out" EPERM "seccomp.keep without getcwd: getcwd fails EPERM"
run "$JAILRUN" --noprofile --seccomp.keep=@mount,execve,brk,arch_prctl,mmap,munmap,mprotect,access,openat,newfstatat,read,pread64,close,write,exit_group,fstat,set_tid_address,set_robust_list,rseq,prlimit64,getrandom,getcwd "$TRY" call getcwd
is "$out" EFAULT "seccomp.keep with getcwd: getcwd reaches the kernel"
run "$JAILRUN" --noprofile --seccomp.keep=@mount,execve,brk,arch_prctl,mmap,munmap,mprotect,access,openat,newfstatat,read,pread64,close,write,exit_group,fstat,set_tid_address,set_robust_list,rseq,prlimit64,getrandom,getcwd --seccomp.drop=getcwd "$TRY" call getcwd
is "$out" EPERM "a drop beats a keep"
run "$JAILRUN" --noprofile --seccomp.keep=execve,brk,arch_prctl,mmap,munmap,mprotect,access,openat,newfstatat,read,pread64,close,write,exit_group,fstat,set_tid_address,set_robust_list,prlimit64,getrandom --seccomp.action=kill "$TRY" call getcwd
is "$rc" 159 "seccomp.keep with action kill: an unlisted call kills"

# seccomp = yes: the default deny-list
run "$JAILRUN" --noprofile "$TRY" call ptrace
is "$out" ESRCH "without seccomp, ptrace(-1, ...) reaches the kernel"
run "$JAILRUN" --noprofile --seccomp --seccomp.action=errno:EHWPOISON "$TRY" call ptrace
is "$out" EHWPOISON "seccomp: ptrace denied"
run "$JAILRUN" --noprofile --seccomp --seccomp.action=errno:EHWPOISON "$TRY" call kexec_load
is "$out" EHWPOISON "seccomp: kexec_load denied"
run "$JAILRUN" --noprofile --seccomp --seccomp.drop=!ptrace "$TRY" call ptrace
is "$out" ESRCH "seccomp with !ptrace: ptrace allowed again"
run "$JAILRUN" --noprofile --seccomp=no "$TRY" call ptrace
is "$out" ESRCH "--seccomp=no: no filter"

# probed syscalls get ENOSYS so libc falls back
run "$JAILRUN" --noprofile "$TRY" call clone3
is "$out" E2BIG "without a rule, clone3(bad size) reaches the kernel"
run "$JAILRUN" --noprofile --seccomp.drop=clone3 "$TRY" call clone3
is "$out" ENOSYS "dropped clone3 fails ENOSYS (glibc falls back to clone)"
run "$JAILRUN" --noprofile --seccomp.drop=clone3 sh -c '/bin/true && echo spawned'
is "$out" spawned "with clone3 dropped, a shell still spawns children"

# Numbers newer than libseccomp's table (statmount 457, listmount 458,
# open_tree_attr 467 on x86_64): ENOSYS under every deny-list, so a
# kernel upgrade does not widen the sandbox; an allow-list's default
# denies them already.  The bare control shows the kernel has them.
jr --noprofile --seccomp --print-filter true
max=$(printf '%s\n' "$out" | sed -n 's/^numbers above \([0-9]*\) .*ENOSYS$/\1/p')
like "$max" '^[0-9]+$' "--print-filter names the highest known number ($max)"
nrs="$((max + 1))"
[ "$(uname -m)" = x86_64 ] && nrs="$nrs 457 458 467"
for nr in $nrs; do
	[ "$nr" -gt "${max:-0}" ] || continue
	run "$TRY" nr $nr
	case $out in
	ENOSYS) skip_always "syscall $nr: this kernel has none either" ;;
	*) ok "control: syscall $nr reaches the kernel bare ($out)" ;;
	esac
	for mode in $userns_modes; do
		# the answer is the last line (the nouserns fallback warns
		# first)
		in_mode $mode "$JAILRUN" --noprofile "$TRY" nr $nr
		out=$(printf '%s\n' "$out" | tail -1)
		is "$out" "$(${TRY} nr $nr)" "$mode: no filter: syscall $nr reaches the kernel"
		for rule in --seccomp --seccomp.drop=execve,execveat \
			--protocol=unix "--seccomp.drop=$nr"; do
			in_mode $mode "$JAILRUN" --noprofile $rule \
				--seccomp.action=errno:EHWPOISON "$TRY" nr $nr
			out=$(printf '%s\n' "$out" | tail -1)
			is "$out" ENOSYS "$mode: $rule: syscall $nr gets ENOSYS"
		done
		in_mode $mode "$JAILRUN" "$TRY" nr $nr
		out=$(printf '%s\n' "$out" | tail -1)
		is "$out" ENOSYS "$mode: the default profile: syscall $nr gets ENOSYS"
		in_mode $mode "$JAILRUN" --noprofile --seccomp.action=errno:EHWPOISON \
			--seccomp.keep=@start,@basic-io,@file-system,@process,@signal,@network-io "$TRY" nr $nr
		out=$(printf '%s\n' "$out" | tail -1)
		is "$out" EHWPOISON "$mode: an allow-list denies syscall $nr (its default)"
	done
done

# the status the kernel shows
run "$JAILRUN" --noprofile --seccomp.drop=mkdir cat /proc/self/status
like "$out" "Seccomp:[[:space:]]+2" "the target runs in seccomp filter mode"
like "$out" "NoNewPrivs:[[:space:]]+1" "no_new_privs is set"
run "$JAILRUN" --noprofile cat /proc/self/status
like "$out" "Seccomp:[[:space:]]+2" "with no seccomp setting, the floor filter still"
run "$JAILRUN" --noprofile mkdir "$TMPD/floor"
[ "$rc" = 0 ] && [ -d "$TMPD/floor" ] && ok "the floor allows what no rule denies (mkdir)" ||
	not_ok "the floor allows what no rule denies (mkdir)" "$out"

done_testing
