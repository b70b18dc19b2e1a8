#!/usr/bin/env bash
# Runs the lead benchmarks (release build, ordo-one/benchmark): 100,000 leads with
# 1,000,000 touchpoints through the engine. Prints the two tables of docs/benchmarks.md,
# "Funnel and attribution at lead scale": apply, cold and warm snapshots and the retention
# sweep (medians and p90), and memory per lead (base and per touch).
#
#   Benchmarks/run-leads.sh                 # all of them, about 3 minutes after the build
#   Benchmarks/run-leads.sh snapshot        # only the names that contain a match of this regex
#
# Raw samples (one file per benchmark and metric) stay in $LEADS_BENCH_OUT (default: a
# temporary folder, printed at the end). Needs swift 6.1+ and python3.
set -euo pipefail
cd "$(dirname "$0")"

filter="^Leads .*${1:-}.*"
out="${LEADS_BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flowtop-leads-bench.XXXXXX")}"
mkdir -p "$out"

# The commit measured, as in run-slo.sh; LEADS_BENCH_COMMIT overrides it.
commit="${LEADS_BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
if [ -z "${LEADS_BENCH_COMMIT:-}" ] && [ -n "$(git status --porcelain -- ../Sources/FlowCore 2>/dev/null)" ]; then
  commit="$commit + uncommitted FlowCore changes"
fi

swift package benchmark --target AttributionEngine --filter "$filter" \
  --format histogramSamples --path "$out" --no-progress >"$out/run.log" 2>&1 || {
  cat "$out/run.log"
  echo "run-leads.sh: the benchmark run failed (log above, also in $out/run.log)" >&2
  exit 1
}

python3 - "$out" "$commit" <<'PY'
import datetime, glob, os, statistics, sys

out, commit = sys.argv[1], sys.argv[2]

UNIT = {"ns": 1e-6, "μs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3,   # time, to ms
        "K": 1e3, "M": 1e6, "G": 1e9}                                 # counts, to units

def samples(name, metric):
    """Per-iteration samples of one benchmark's metric, as written by --format histogramSamples,
    in ms for times and in units for counts (the header names the scale: "(ms)", "(K)")."""
    stem = name.replace(" ", "_")
    paths = glob.glob(os.path.join(out, f"*.AttributionEngine.{stem}.{metric}.histogram.samples.tsv"))
    if not paths:
        return None
    with open(paths[0]) as f:
        lines = f.read().split("\n")
    header = lines[0].strip()
    scale = 1.0
    if header.endswith(")"):
        scale = UNIT.get(header[header.rfind("(") + 1:-1], 1.0)
    return [float(x) * scale for x in lines[1:] if x.strip()]

def mix(z):
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & 0xFFFFFFFFFFFFFFFF
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & 0xFFFFFFFFFFFFFFFF
    return z ^ (z >> 31)

def workload_events(leads, touches):
    """The events of LeadWorkload: created + touches per lead, plus the won ones (SplitMix64 by lead)."""
    won = 0
    for n in range(leads):
        state = n
        def draw():
            nonlocal state
            state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
            return mix(state)
        draw()                                   # source
        for _ in range(touches):
            if draw() % 2 == 0 and draw() % 3 == 0:
                draw()                           # feature
            draw()                               # channel
        won += draw() % 10 == 0
    return leads * (1 + touches) + won

def fmt(x, digits=3):
    """Three significant digits, thousands separated: 0.00527, 80.3, 1,753."""
    if x is None:
        return "-"
    return f"{x:.{digits}g}" if x < 10 ** digits else f"{x:,.0f}"

def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]

load = os.getloadavg()[0]
print(f"Leads, {datetime.date.today().isoformat()}, commit {commit}, "
      f"{os.cpu_count()} cores, load average {load:.1f} at the end")
print()
applied = None
print("| what | p50 | p90 | mallocs (p50) | iterations |")
print("| --- | ---: | ---: | ---: | ---: |")
timed = ["Leads apply, 100k leads 1M touches", "Leads snapshot cold, linear", "Leads snapshot cold, markov",
         "Leads snapshot warm, model switch", "Leads retention sweep, 100k leads"]
for name in timed:
    wall = samples(name, "wallClock")
    if not wall:
        continue
    mallocs = samples(name, "mallocCountTotal")
    print(f"| {name.removeprefix('Leads ')} | {fmt(statistics.median(wall))} ms "
          f"| {fmt(pct(wall, 0.9))} ms | {fmt(statistics.median(mallocs)) if mallocs else '-'} | {len(wall)} |")
    if name.startswith("Leads apply"):
        events = workload_events(100_000, 10)
        applied = (f"Applying: {events:,} events, {fmt(statistics.median(wall) * 1e6 / events)} ns "
                   f"and {fmt(statistics.median(mallocs) / events) if mallocs else '-'} mallocs per event (p50).")

if applied:
    print()
    print(applied)
print()
print("| leads | touches each | lead ids | heap bytes per lead | RSS bytes per lead |")
print("| ---: | ---: | --- | ---: | ---: |")
heap = {}
for leads, touches, ids in [(100_000, 0, ""), (100_000, 10, ""), (100_000, 32, ""),
                            (100_000, 10, ", 36-byte ids"), (200_000, 40, "")]:
    name = f"Leads memory, {leads // 1000}k leads {touches} touches{ids}"
    leaked = samples(name, "memoryLeakedBytes")
    rss = samples(name, "residentBytesPerLead")
    if not leaked and not rss:
        continue
    per = statistics.median(leaked) / leads if leaked else None
    heap[(leads, touches, ids)] = per
    print(f"| {leads:,} | {touches} | {'36 bytes' if ids else 'short (inline)'} | {fmt(per)} "
          f"| {fmt(statistics.median(rss)) if rss else '-'} |")
base, full = heap.get((100_000, 0, "")), heap.get((100_000, 32, ""))
if base is not None and full is not None:
    print()
    print(f"Per lead at 100,000: {fmt(base)} bytes with no touches, plus {fmt((full - base) / 32)} per touch "
          f"(the slope from 0 to 32 touches).")
cap = heap.get((200_000, 40, ""))
if cap is not None:
    print(f"At the default caps (200,000 leads, 32 touches kept of 40): {fmt(cap)} bytes per lead, "
          f"{cap * 200_000 / 2**20:,.0f} MiB in all.")
PY
echo
echo "raw samples and the run log: $out"
