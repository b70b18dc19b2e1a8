#!/usr/bin/env bash
# Captures what flowtop prints and answers, for a fixed seeded workload, into OUTDIR:
# every report kind in every format (and their variants and errors), `snapshot` at several
# sizes, `slos`, and every HTTP API answer of `serve` (its wall clock frozen with
# faketime, so the answers do not move). Run it before a refactor and after, then
# `diff -r BEFORE AFTER`: a change that should not change behaviour shows no difference.
#
#   scripts/golden.sh OUTDIR [FLOWTOP_BINARY] [--small]
#
# --small: six hours of events instead of two days (for debug builds, about 10x faster).
# Needs python3, curl and faketime (apt-get install -y faketime curl).
set -euo pipefail
out="${1:?usage: scripts/golden.sh OUTDIR [FLOWTOP_BINARY] [--small]}"
bin="${2:-.build/debug/flowtop}"
small="${3:-}"
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
# A fixed work folder: its path shows in snapshots and health answers. So one run at a
# time (a second waits for the lock), and `serve` is stopped by its socket's name:
# faketime runs it as a child, which killing faketime's job left running.
work=/tmp/flowtop-golden.work; sock="$work/s.sock"
exec 9>/tmp/flowtop-golden.lock; flock 9
stop_serve() { kill $(jobs -p) 2>/dev/null || true; pkill -f -- "serve --socket $sock" 2>/dev/null || true; }
rm -rf "$work"; mkdir -p "$work"; trap 'stop_serve; rm -rf "$work"' EXIT
base=1795000000                                   # 2026-11-18T11:06:40Z
if [ "$small" = "--small" ]; then hours=6; else hours=48; fi
python3 "$here/scripts/golden-workload.py" "$base" "$hours" > "$work/events.ndjson"
ex="$here/docs/examples"
run() {  # run NAME ARGS...: stdout, stderr and exit status of `flowtop ARGS...`
    local name="$1"; shift
    local status=0
    "$bin" "$@" > "$out/$name.out" 2> "$out/$name.err" || status=$?
    echo "$status" > "$out/$name.status"
}
ev=(--input "$work/events.ndjson")
alerting=(--rules "$ex/rules.yaml" --silences "$ex/silences.yaml")
for kind in slo funnel attribution alerts; do
    for format in json markdown text; do
        run "report-$kind-$format" report "$kind" "${ev[@]}" "${alerting[@]}" --format "$format"
    done
done
for format in json markdown text; do
    run "report-slo-name-$format" report slo "${ev[@]}" --name ai_response_latency --range 1d --format "$format"
    run "report-slo-series-$format" report slo "${ev[@]}" --name message_processing_latency --series tenant:acme --format "$format"
    run "report-funnel-breakdown-$format" report funnel "${ev[@]}" --breakdown source --stalled-days 1 --format "$format"
    run "report-attribution-markov-$format" report attribution "${ev[@]}" --model markov --format "$format"
done
run report-slo-tenant report slo "${ev[@]}" --tenant globex
run report-slo-file report slo "${ev[@]}" --slo "$ex/slos.yaml" --no-builtin-slos --format json
run report-slo-range30d report slo "${ev[@]}" --name ai_response_latency --range 30d --format json
run report-funnel-window report funnel "${ev[@]}" --window-days 1 --period-days 7 --breakdown tenant
run report-attribution-decay report attribution "${ev[@]}" --model time_decay --half-life-days 2 --lookback-days 1
run report-attribution-tenant report attribution "${ev[@]}" --model position_based --tenant initech --format markdown
run report-now-rfc3339 report slo "${ev[@]}" --now 2026-11-18T10:00:00Z --format json
run report-now-offset report funnel "${ev[@]}" --now 2026-11-18T12:00:00+01:00
run report-now-unix report alerts "${ev[@]}" --now 1794990000
run report-now-bad report slo "${ev[@]}" --now 2026-02-30T00:00:00Z
run report-name-bad report slo "${ev[@]}" --name nope
run report-series-bad report slo "${ev[@]}" --name ai_response_latency --series tenant:nobody
run report-kind-bad report nothing "${ev[@]}"
run report-input-missing report slo --input "$work/absent.ndjson"
for size in 120x40 80x24 200x60 60x20; do
    run "snapshot-$size" snapshot "${ev[@]}" "${alerting[@]}" --width "${size%x*}" --height "${size#*x}"
done
run snapshot-markov-tenant snapshot "${ev[@]}" --model markov --tenant acme
run slos-builtin slos
run slos-file slos --slo "$ex/slos.yaml"

# The HTTP API, from `serve` with its wall clock frozen a minute after the last event.
port=$((20000 + RANDOM % 20000))
sock="$work/s.sock"
frozen="$(TZ=UTC date -d "@$((base + 60))" '+%Y-%m-%d %H:%M:%S')"
# A data directory of its own (XDG_STATE_HOME), emptied first: a restored engine would
# answer with the last run's events too. (Not --ephemeral, which older binaries lack.)
rm -rf "$work/state"
XDG_STATE_HOME="$work/state" TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -m -f "$frozen" "$bin" serve --socket "$sock" \
    --http "127.0.0.1:$port" "${alerting[@]}" > "$work/serve.log" 2>&1 &
for _ in $(seq 100); do [ -S "$sock" ] && curl -s -o /dev/null "http://127.0.0.1:$port/metrics" && break; sleep 0.2; done
TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -m -f "$frozen" "$bin" emit --socket "$sock" "$work/events.ndjson" > "$out/emit.out" 2>&1 || true
api="/api/analytics"
paths=(
    "$api/slo/status" "$api/slo/status?tenant=acme" "$api/slo/report/json" "$api/slo/report/markdown"
    "$api/slo/ai_response_latency" "$api/slo/ai_response_latency?range=1d&series=model:gpt-4o"
    "$api/slo/message_processing_latency?tenant=globex" "$api/slo/nope" "$api/slo/ai_response_latency?range=2w"
    "$api/health/check" "$api/health/kubernetes/liveness" "$api/health/kubernetes/readiness"
    "$api/health/kubernetes/startup" "$api/health/kubernetes/other"
    "$api/alerts/active" "$api/alerts/active?tenant=acme" "$api/alerts/stats"
    "$api/funnel/snapshot" "$api/funnel/snapshot?period_days=7&tenant=initech" "$api/funnel/visualization"
    "$api/funnel/dropoff" "$api/funnel/snapshot?period_days=0"
    "$api/attribution/report" "$api/attribution/report?model=markov" "$api/attribution/channels?model=first_touch"
    "$api/attribution/features" "$api/attribution/ai-roi?tenant=acme" "$api/attribution/report?model=nope"
    "$api/openapi.json" "/nowhere" "$api/metrics/prometheus?tenant=acme" "/metrics"
)
i=0
for path in "${paths[@]}"; do
    i=$((i + 1))
    curl -s -D "$work/headers" -o "$out/api-$(printf %02d $i).body" "http://127.0.0.1:$port$path" || true
    { echo "GET $path"; grep -i '^HTTP/\|^content-type\|^allow\|^cache-control' "$work/headers" | tr -d '\r'; } > "$out/api-$(printf %02d $i).head"
done
curl -s -X POST -D - -o "$out/api-post.body" "http://127.0.0.1:$port$api/slo/status" | grep -i '^HTTP/\|^allow' | tr -d '\r' > "$out/api-post.head" || true
sleep 1
# Process figures (memory, CPU, open files, start time) and the store's fsync times, fsync
# count and byte counts (they follow group-commit timing) move from run to run: their
# values are masked, their lines kept.
for f in "$out"/api-*.body; do
    grep -q '^# TYPE' "$f" 2>/dev/null && sed -i -E '/^process_|^# (HELP|TYPE) process_/d' "$f"
    sed -i -E 's/^(flowtop_store_((last|max)_fsync_seconds|fsyncs_total|bytes|journal_bytes_since_checkpoint)(\{[^}]*\})?) .*/\1 <measured>/' "$f"
    sed -i -E "s/last fsync [0-9.]+ ms/last fsync <measured>/g" "$f"
done
stop_serve; wait 2>/dev/null || true
echo "captured $(ls "$out" | wc -l) files in $out"
