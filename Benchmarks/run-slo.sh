#!/usr/bin/env bash
# Runs the SLO engine benchmarks (release build, ordo-one/benchmark) and prints the table
# for docs/benchmarks.md, "SLO engine": per tenant count, record ns/event (the mean of every
# batch of 1,000 events, the minute's judgement included, and the median batch), the batch
# that ends a minute, all the batches that judge it and the slowest of them (the ingest
# stall), status query ns, snapshot ms and resident and heap memory per series.
#
#   Benchmarks/run-slo.sh                 # all of them, about 1.5 min after the build
#   Benchmarks/run-slo.sh '10000 tenants' # only the names matching this regex
#
# Raw samples (one file per benchmark and metric) stay in $SLO_BENCH_OUT (default: a
# temporary folder, printed at the end). Needs swift 6.1+ and python3.
set -euo pipefail
cd "$(dirname "$0")"

filter="^SLO .*${1:-}.*"
out="${SLO_BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flowtop-slo-bench.XXXXXX")}"
mkdir -p "$out"

# The commit measured: HEAD, marked when FlowCore has uncommitted changes; SLO_BENCH_COMMIT
# overrides it (for a tree exported with `git archive`, which has no .git).
commit="${SLO_BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
if [ -z "${SLO_BENCH_COMMIT:-}" ] && [ -n "$(git status --porcelain -- ../Sources/FlowCore 2>/dev/null)" ]; then
  commit="$commit + uncommitted FlowCore changes"
fi

swift package benchmark --target SLOEngine --filter "$filter" \
  --format histogramSamples --path "$out" --no-progress >"$out/run.log" 2>&1 || {
  cat "$out/run.log"
  echo "run-slo.sh: the benchmark run failed (log above, also in $out/run.log)" >&2
  exit 1
}

python3 - "$out" "$commit" <<'PY'
import datetime, glob, os, statistics, sys

out, commit = sys.argv[1], sys.argv[2]

def samples(kind, tenants, metric):
    """Per-iteration samples of one benchmark's metric, as written by --format histogramSamples."""
    name = f"SLO_{kind},_{tenants}_tenant{'s' if tenants != 1 else ''}"
    paths = glob.glob(os.path.join(out, f"*.SLOEngine.{name}.{metric}.histogram.samples.tsv"))
    if not paths:
        return None
    with open(paths[0]) as f:
        lines = f.read().split("\n")
    # A custom metric's header may say its samples are in thousands: "slowest batch (K)".
    scale = 1000.0 if "(K)" in lines[0] else 1e6 if "(M)" in lines[0] else 1.0
    return [float(x) * scale for x in lines[1:] if x.strip()]

def fmt(x, digits=3):
    """Three significant digits, thousands separated: 0.00527, 80.3, 1,753."""
    if x is None:
        return "-"
    return f"{x:.{digits}g}" if x < 10 ** digits else f"{x:,.0f}"

def p50(xs, scale=1.0):
    return statistics.median(xs) / scale if xs else None

rows = []
for n in (1, 100, 10_000):
    record = p50(samples("record", n, "wallClock"), 1000)            # ns per batch of 1,000
    rollover = p50(samples("minute_rollover", n, "wallClock"))         # ns, the batch that ends a minute
    slices = p50(samples("minute_slices", n, "wallClock"))             # ns, every batch judging the minute
    slowest = p50(samples("minute_slices", n, "slowest_batch"))        # ns, the longest of them
    status = p50(samples("status", n, "wallClock"), 1000)            # ns per 1,000 calls
    snapshot = p50(samples("snapshot", n, "wallClock"), 1e9)         # ns per 1,000 calls -> ms
    rss = p50(samples("memory", n, "residentBytesPerSeries"), 1024)  # bytes per series -> KiB
    heap = p50(samples("memory", n, "memoryLeakedBytes"), 1024 * n)  # bytes for n series -> KiB each
    if all(x is None for x in (record, rollover, slices, slowest, status, snapshot, rss, heap)):
        continue
    # Every batch's share of the minute's judgement is in its own sample (the engine judges
    # a slice of the series after each batch), so the mean of all batches is the cost of
    # an event, everything included; the median is a batch without the minute's first slice.
    batches = samples("record", n, "wallClock")
    amortised = statistics.fmean(batches) / 1000 if batches else None
    us = lambda x: fmt(x / 1e3 if x is not None else None)
    rows.append((f"{n:,}", fmt(amortised), fmt(record), us(rollover), us(slices), us(slowest),
                 fmt(status), fmt(snapshot), fmt(rss), fmt(heap)))

load = os.getloadavg()[0]
print(f"SLO engine, {datetime.date.today().isoformat()}, commit {commit}, "
      f"{os.cpu_count()} cores, load average {load:.1f} at the end (medians of each benchmark's iterations)")
print()
print("| tenant series | record ns/event | record ns/event between minutes | minute rollover µs "
      "| minute judged, all batches µs | slowest batch µs "
      "| status query ns | snapshot ms | RSS KiB per series | heap KiB per series |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
echo
echo "raw samples and the run log: $out"
