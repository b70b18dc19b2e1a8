#!/usr/bin/env bash
# Fuzzes the ingest hot path (LineFramer -> WireParser -> Engine.apply/snapshot/metrics,
# Sources/FlowTestKit/HotPathFuzzing.swift) with libFuzzer for SECONDS (default 600), then
# stops by itself and prints executions, coverage and corpus size.
#
#   scripts/fuzz.sh [SECONDS]
#
# Why a script: the fuzz target exists only with FLOWTOP_FUZZ set and links only with
# -sanitize=fuzzer, in its own scratch path (.build-fuzz), so the normal build never sees it.
#
# Inputs: the committed seeds (Tests/FlowWireTests/FuzzSeeds) plus the working corpus the
# fuzzer grows between runs (.build-fuzz/corpus, not committed). Crashers go to
# Tests/FlowWireTests/FuzzCrashers/, where `swift test` replays them (FuzzCorpusTests).
#
# Environment:
#   FUZZ_SANITIZE=address|none     with AddressSanitizer (default) or without (built into
#                                  .build-fuzz-noasan; about twice the runs per second)
#   FUZZ_KEEP_GOING=1              go on after a crash (-fork=1 -ignore_crashes=1), to
#                                  find more than the first in one run
#   FUZZ_ARGS="..."                extra libFuzzer flags
set -euo pipefail

seconds="${1:-600}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scratch=.build-fuzz
build="$scratch"
seeds_committed=Tests/FlowWireTests/FuzzSeeds
crashers=Tests/FlowWireTests/FuzzCrashers
corpus="$scratch/corpus"
seeds="$scratch/seeds"
log="$scratch/fuzz.log"
sanitize="${FUZZ_SANITIZE:-address}"

# One -sanitize= flag, not two: with `-sanitize=fuzzer -sanitize=address` this toolchain's
# driver links libFuzzer but emits no coverage counters, and libFuzzer fuzzes blind ("no
# interesting inputs were found"); `-sanitize=fuzzer,address` instruments as it should.
# Without ASan the build gets its own scratch path, so switching does not rebuild all.
case "$sanitize" in
    address) flags=(-Xswiftc -sanitize=fuzzer,address) ;;
    none) flags=(-Xswiftc -sanitize=fuzzer); build="$scratch-noasan" ;;
    *) echo "FUZZ_SANITIZE must be address or none, not '$sanitize'" >&2; exit 2 ;;
esac

echo "== building flowtop-fuzz (release, ${flags[*]}) into $build"
FLOWTOP_FUZZ=1 swift build -c release --scratch-path "$build" --product flowtop-fuzz "${flags[@]}"
binary="$build/release/flowtop-fuzz"

# A fresh copy of the seeds each run, so a seed removed from the repo is really gone;
# the working corpus is kept, so each run starts where the last one stopped.
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashers"
for file in "$seeds_committed"/*; do
    name="$(basename "$file")"
    cp "$file" "$seeds/$name"
done

fuzz_flags=(
    -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=2048
    -print_final_stats=1 -artifact_prefix="$crashers/"
)
if [[ "${FUZZ_KEEP_GOING:-}" == 1 ]]; then
    fuzz_flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
# shellcheck disable=SC2206
fuzz_flags+=(${FUZZ_ARGS:-})

echo "== fuzzing for ${seconds}s: $binary ${fuzz_flags[*]} $corpus $seeds"
status=0
# Swift's own crash backtracer would catch the trap first and then trip ASan in its helper
# thread; with it off, libFuzzer's handler prints the stack and saves the input.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
# libFuzzer stops itself after -max_total_time; the outer timeout is only a backstop for a
# run that hangs where libFuzzer cannot interrupt it.
timeout --signal=INT --kill-after=30 "$((seconds + 120))" \
    "$binary" "${fuzz_flags[@]}" "$corpus" "$seeds" 2>&1 | tee "$log" || status=$?

echo
echo "== summary (full log: $log)"
grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
grep -E '^Done [0-9]+ runs' "$log" || true
echo "working corpus: $(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)"
new_crashers="$(find "$crashers" -type f -newer "$seeds" ! -name README.md)"
if [[ -n "$new_crashers" ]]; then
    echo "crashers written this run:"
    echo "$new_crashers"
fi
exit "$status"
