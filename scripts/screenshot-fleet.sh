#!/usr/bin/env bash
# Makes screenshots/fleet.png and screenshots/fleet-detail.png from a real fleet: three
# `flowtop serve` engines on 127.0.0.1, Debian's Prometheus scraping them every second,
# each engine fed its own simulated workload (`flowtop demo`, a different seed and an hour
# of backfill each), and `flowtop --prometheus URL` in a 120x40 tmux pane (docs/fleet.md).
# Needs: tmux, prometheus, python3 with Pillow, fonts-dejavu-core (as screenshots.sh).
# CONFIG=debug uses the debug build; the default is release.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-release}"
swift build -c "$config" --product flowtop
bin="$(swift build -c "$config" --show-bin-path)/flowtop"
dir="$(mktemp -d /tmp/ft-fleet.XXXXXX)"
server="flowtop-fleet-$$"
pids=()
trap 'tmux -L "$server" kill-server 2>/dev/null || true; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
targets=()
for i in 1 2 3; do
  port="$(free_port)"
  mkdir -p "$dir/e$i"
  XDG_STATE_HOME="$dir/e$i" "$bin" serve --ephemeral --socket "$dir/e$i/s.sock" --http "127.0.0.1:$port" \
    > "$dir/e$i/log" 2>&1 &
  pids+=($!)
  targets+=("'127.0.0.1:$port'")
done
prom_port="$(free_port)"
cat > "$dir/prometheus.yml" <<YML
global: {scrape_interval: 1s, scrape_timeout: 900ms}
scrape_configs:
  - job_name: flowtop
    static_configs: [{targets: [$(IFS=,; echo "${targets[*]}")]}]
YML
prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn > "$dir/prometheus.log" 2>&1 &
pids+=($!)
sleep 2
# Three engines, three workloads: the demo's incidents at different seeds and rates.
for i in 1 2 3; do
  "$bin" demo --socket "$dir/e$i/s.sock" --seed "$((i * 7))" --rate "$((100 * i))" --backfill-minutes 60 \
    > /dev/null 2>&1 &
  pids+=($!)
done
tmux -L "$server" -f /dev/null new-session -d -s s -x 120 -y 40 \
  "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$dir/viewer $bin --prometheus http://127.0.0.1:$prom_port --fresh"
. scripts/shot-lib.sh   # shot NAME: capture the pane now into screenshots/NAME.png
sleep "${WAIT:-150}"
shot fleet
tmux -L "$server" send-keys -t s Enter; sleep 2; shot fleet-detail
tmux -L "$server" send-keys -t s Escape q
