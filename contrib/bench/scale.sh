# contrib/bench/scale.sh - sourced by contrib/bench/run (issue 21):
# many sandboxes started at once.
#
# One hyperfine command starts SCALE_N copies of a sandbox running
# /bin/true, all in the background, and waits for every one; its wall
# time divided by SCALE_N is the time per sandbox when they compete for
# the machine (locks in the kernel's namespace and mount code, the
# records directory, the BPF cache, the CPUs). jailrun against bwrap
# --unshare-all --share-net, with the same SCALE_N bare /bin/true as the
# baseline, in rounds with the order reversed every other round.

SCALE_N=50

# The launcher: sh starts N copies of "$@" and waits for all of them.
# One sh for every row, so its own cost is in the baseline too.
SCALE_SH='n=$1; shift; i=0; while [ $i -lt $n ]; do "$@" >/dev/null 2>&1 </dev/null & i=$((i + 1)); done; wait'

scale_add() { # scale_add ID CMD...
	id=$1
	shift
	cmd="sh -c $(q "$SCALE_SH") sh $SCALE_N"
	for w; do cmd="$cmd $(q "$w")"; done
	printf '%s\t%s\n' "$id" "$cmd" >>"$tmp/scale.hf"
}

# scale_per ID: ms per sandbox (wall of the whole batch / N)
scale_per() {
	v=$(stat scale "$1" 2)
	[ -n "$v" ] && awk -v v="$v" -v n="$SCALE_N" 'BEGIN { printf "%.2f\n", v / n }'
}

bench_scale() {
	out "## 7. $SCALE_N sandboxes started at once"
	out ""
	if [ "$HAVE_HF" != 1 ]; then
		out "Skipped: hyperfine is not installed."
		out ""
		return 0
	fi
	: >"$tmp/scale.hf"
	scale_add bare /bin/true
	scale_add jr "$J" /bin/true
	if [ "$HAVE_BWRAP" = 1 ]; then
		scale_add bw bwrap --unshare-all --share-net --dev-bind / / /bin/true
	fi
	# a batch is ~50 starts: fewer runs than section 1
	s_runs=$RUNS
	RUNS=$((RUNS / 5 > HF_ROUNDS ? RUNS / 5 : HF_ROUNDS))
	say "scale: $RUNS batches of $SCALE_N of each (hyperfine)"
	hf_rounds scale bare
	RUNS=$s_runs

	out "One command starts $SCALE_N copies of the sandbox running" \
		"\`/bin/true\` in the background and waits for all of them (the" \
		"launcher is \`sh\`, the same for every row). $((RUNS / 5 > HF_ROUNDS ? RUNS / 5 : HF_ROUNDS))" \
		"batches of each in $HF_ROUNDS rounds, the order reversed every other" \
		"round. \"ms per sandbox\" is the batch's median wall time divided by" \
		"$SCALE_N; \"+ ms\" subtracts the same batch of bare \`/bin/true\`."
	out ""
	out "| command | batch wall ms | ms per sandbox | + ms per sandbox over bare |"
	out "|---|---:|---:|---:|"
	bare=$(scale_per bare)
	for id in bare jr bw; do
		case $id in
		bare) label="$SCALE_N x bare \`/bin/true\` (baseline)" ;;
		jr) label="$SCALE_N x \`jailrun /bin/true\`" ;;
		bw) label="$SCALE_N x \`bwrap --unshare-all --share-net --dev-bind / / /bin/true\`" ;;
		esac
		p=$(scale_per "$id")
		if [ -z "$p" ]; then
			out "| $label | skipped (bwrap missing) | | |"
			continue
		fi
		out "| $label | $(stat scale "$id" 2) | $p |" \
			"$(awk -v a="$p" -v b="$bare" 'BEGIN { printf "%.2f", a - b }') |"
	done
	if [ "$HAVE_BWRAP" = 1 ]; then
		jr=$(scale_per jr) bw=$(scale_per bw)
		out ""
		out "jailrun / bwrap per sandbox: **$(ratio "$jr" "$bw")** (the" \
			"ratio of the medians); over bare:" \
			"**$(ratio "$(awk -v a="$jr" -v b="$bare" 'BEGIN { print a - b }')" \
			"$(awk -v a="$bw" -v b="$bare" 'BEGIN { print a - b }')")**."
	fi
	out ""
}
