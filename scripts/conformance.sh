#!/bin/bash
# The BusyBox conformance ratchet.
#   scripts/conformance.sh --check BINARY   fail if a case listed as PASS in
#                                           conformance/results.tsv fails now
#   scripts/conformance.sh --update BINARY  rerun and rewrite results.tsv
# BusyBox's own suites are run by ../shared/conformance/busybox-suite (found
# beside the repository); without it the check is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
bin=${2:-}
[ -n "$mode" ] && [ -n "$bin" ] || { echo "usage: $0 --check|--update BINARY" >&2; exit 2; }
suite=${BUSYBOX_SUITE:-../shared/conformance/busybox-suite}
if [ ! -x "$suite" ]; then
	echo "conformance: $suite not found; skipping the BusyBox conformance ratchet"
	exit 0
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
known=conformance/results.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$suite" --results "$work/raw" "$bin" > "$work/log" 2>&1 || true
if [ ! -s "$work/raw" ]; then
	cat "$work/log" >&2
	echo "conformance: the suite produced no results" >&2
	exit 1
fi
LC_ALL=C sort -u "$work/raw" > "$work/now"
echo "conformance: BusyBox suite run: $(tail -n 1 "$work/log")"

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
