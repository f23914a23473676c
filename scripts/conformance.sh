#!/bin/bash
# The BusyBox conformance ratchet.
#   scripts/conformance.sh --check BINARY   fail if a case listed as PASS in
#                                           conformance/results.tsv fails now
#   scripts/conformance.sh --update BINARY  rerun and rewrite results.tsv
# BusyBox's own suites are run by ../shared/conformance/busybox-suite (found
# beside the repository, or named by BUSYBOX_SUITE). When ../shared/conformance
# is absent the ratchet is skipped with a message; when it is there but the
# suite cannot run (missing, a setup error, no results), the ratchet fails.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
bin=${2:-}
[ -n "$mode" ] && [ -n "$bin" ] || { echo "usage: $0 --check|--update BINARY" >&2; exit 2; }
if [ -n "${BUSYBOX_SUITE:-}" ]; then
	suite=$BUSYBOX_SUITE
elif [ -d ../shared/conformance ]; then
	suite=../shared/conformance/busybox-suite
else
	echo "conformance: ../shared/conformance not found (the BusyBox test harness lives there); skipping the BusyBox conformance ratchet"
	exit 0
fi
if [ ! -f "$suite" ] || [ ! -x "$suite" ]; then
	echo "conformance: FAIL: $suite is not an executable file, so the BusyBox suite cannot run" >&2
	exit 1
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
# BusyBox's tests read a .config for their optional features: judge by
# Alpine's build of BusyBox, the system gobox replaces, not the harness's
# default (Debian's).
config=../shared/docs/alpine-3.20-busybox-1.36.1.config
if [ ! -f "$config" ]; then
	echo "conformance: FAIL: $config (Alpine's BusyBox configuration) is missing beside the suite" >&2
	exit 1
fi
known=conformance/results.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The suite exits 1 when some case fails (expected: not every case passes
# yet) and 2 on a usage or setup error; anything above 1 means it did not run
# through, and its partial results must not pass for a run.
status=0
"$suite" --config "$config" --results "$work/raw" "$bin" > "$work/log" 2>&1 || status=$?
summary=$(tail -n 1 "$work/log")
if [ "$status" -gt 1 ] || [ ! -s "$work/raw" ] ||
	! printf '%s\n' "$summary" | grep -Eq '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$'; then
	tail -n 40 "$work/log" >&2
	echo "conformance: FAIL: the BusyBox suite did not run through (status $status, $(cat "$work/raw" 2>/dev/null | wc -l) results); see its output above" >&2
	exit 1
fi
LC_ALL=C sort -u "$work/raw" > "$work/now"
echo "conformance: BusyBox suite run: $summary"

case $mode in
--update)
	cp "$work/now" "$known"
	echo "conformance: wrote $known ($(grep -c $'\tPASS\t' "$known") passing)"
	;;
--check)
	[ -f "$known" ] || { echo "conformance: $known missing; run make conformance" >&2; exit 1; }
	# suite, group and name identify a case; the third field is its result.
	awk -F'\t' '$3=="PASS"{print $1"\t"$2"\t"$4}' "$known" | LC_ALL=C sort > "$work/want"
	awk -F'\t' '$3=="PASS"{print $1"\t"$2"\t"$4}' "$work/now" | LC_ALL=C sort > "$work/have"
	regressed=$(LC_ALL=C comm -23 "$work/want" "$work/have")
	added=$(LC_ALL=C comm -13 "$work/want" "$work/have")
	if [ -n "$added" ]; then
		echo "conformance: $(printf '%s\n' "$added" | wc -l) case(s) pass that $known does not list; run 'make conformance' to add them:"
		printf '%s\n' "$added" | sed 's/^/  + /'
	fi
	if [ -n "$regressed" ]; then
		echo "conformance: FAIL: case(s) listed as passing in $known no longer pass:" >&2
		printf '%s\n' "$regressed" | sed 's/^/  - /' >&2
		grep -A30 '^Failed tests:' "$work/log" >&2 || true
		exit 1
	fi
	echo "conformance: all $(wc -l < "$work/want") listed cases pass"
	;;
*)
	echo "usage: $0 --check|--update BINARY" >&2
	exit 2
	;;
esac
