#!/usr/bin/env bash
# Runs the latency-window benchmarks (release build, ordo-one/benchmark) and prints the
# table of docs/benchmarks.md, "Latency windows": one latency SLO's minute rollover, an
# event between minutes, its status query (percentiles of every window, at the newest
# minute and after a quiet one), and 30 days replayed (wall clock and the heap it leaves).
#
#   Benchmarks/run-latency.sh            # all of them, about 1.5 minutes after the build
#   LATENCY_BENCH_COMMIT=cdab20c /tmp/old/Benchmarks/run-latency.sh   # an exported tree
#
# Raw samples stay in $LATENCY_BENCH_OUT (default: a temporary folder, printed at the
# end). Needs swift 6.1+ and python3.
set -euo pipefail
cd "$(dirname "$0")"

out="${LATENCY_BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flowtop-latency-bench.XXXXXX")}"
mkdir -p "$out"

# The commit measured, as in run-slo.sh; LATENCY_BENCH_COMMIT overrides it.
commit="${LATENCY_BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
if [ -z "${LATENCY_BENCH_COMMIT:-}" ] && [ -n "$(git status --porcelain -- ../Sources/FlowCore 2>/dev/null)" ]; then
  commit="$commit + uncommitted FlowCore changes"
fi

# The filter must match a whole name.
swift package benchmark --target SLOEngine --filter "^Latency .*" \
  --format histogramSamples --path "$out" --no-progress >"$out/run.log" 2>&1 || {
  cat "$out/run.log"
  echo "run-latency.sh: the benchmark run failed (log above, also in $out/run.log)" >&2
  exit 1
}

python3 - "$out" "$commit" <<'PY'
import datetime, glob, os, statistics, sys

out, commit = sys.argv[1], sys.argv[2]

UNIT = {"ns": 1e-3, "μs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6,   # time, to µs
        "K": 1e3, "M": 1e6, "G": 1e9}                               # counts, to units

def samples(name, metric):
    """Per-iteration samples of one benchmark's metric (--format histogramSamples), in µs
    for times and in units for counts (the header names the scale: "(ns)", "(K)")."""
    stem = name.replace(" ", "_")
    paths = glob.glob(os.path.join(out, f"*.SLOEngine.{stem}.{metric}.histogram.samples.tsv"))
    if not paths:
        return None
    with open(paths[0]) as f:
        lines = f.read().split("\n")
    header = lines[0].strip()
    scale = 1.0
    if header.endswith(")"):
        scale = UNIT.get(header[header.rfind("(") + 1:-1], 1.0)
    return [float(x) * scale for x in lines[1:] if x.strip()]

def fmt(x, digits=3):
    if x is None:
        return "-"
    return f"{x:.{digits}g}" if x < 10 ** digits else f"{x:,.0f}"

def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]

load = os.getloadavg()[0]
print(f"Latency windows, {datetime.date.today().isoformat()}, commit {commit}, "
      f"{os.cpu_count()} cores, load average {load:.1f} at the end")
print()
print("| what | p50 | p90 | iterations |")
print("| --- | ---: | ---: | ---: |")
for name, unit, scale in [("Latency minute rollover, 1 SLO", "µs", 1.0),
                          ("Latency record between minutes, 1 SLO", "ns", 1e3),
                          ("Latency status query, 1 SLO", "µs", 1.0),
                          ("Latency status query after a quiet minute, 1 SLO", "µs", 1.0),
                          ("Latency 30 days replayed, 1 SLO", "ms", 1e-3)]:
    wall = samples(name, "wallClock")
    if not wall:
        continue
    print(f"| {name.removeprefix('Latency ')} | {fmt(statistics.median(wall) * scale)} {unit} "
          f"| {fmt(pct(wall, 0.9) * scale)} {unit} | {len(wall)} |")
leaked = samples("Latency 30 days replayed, 1 SLO", "memoryLeakedBytes")
if leaked:
    print()
    print(f"Heap left by the 30 days (counters and latency windows of the one SLO, rule metrics): "
          f"{statistics.median(leaked) / 1024:,.0f} KiB.")
PY
echo
echo "raw samples and the run log: $out"
