#!/usr/bin/env bash
# Makes screenshots/*.png from a real run: flowtop --demo in a 120x40 tmux pane, the
# screen captured with colours (capture-pane -e) and drawn to PNG by scripts/ansi2png.py.
# Needs: tmux, python3 with Pillow (pip install pillow), fonts-dejavu-core.
# CONFIG=debug uses the debug build (faster to make); the default is release.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-release}"
swift build -c "$config" --product flowtop
bin="$(swift build -c "$config" --show-bin-path)/flowtop"
dir="$(mktemp -d /tmp/ft-shots.XXXXXX)"
server="flowtop-shots-$$"
trap 'tmux -L "$server" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT

tmux -L "$server" -f /dev/null new-session -d -s s -x 120 -y 40 \
  "env TERM=xterm-256color LANG=C.UTF-8 $bin --demo --fresh --socket $dir/s.sock"
. scripts/shot-lib.sh   # shot NAME: capture the pane now into screenshots/NAME.png
# The first incident (AI request failures, 20 s to 2:20 in) pages once the sparse traffic
# holds a few failed requests: by 130 s.
sleep "${WAIT:-130}"
shot demo
tmux -L "$server" send-keys -t s Enter; sleep 1; shot slo-detail
tmux -L "$server" send-keys -t s Escape '?'; sleep 1; shot help
# Focus the funnel pane (SLOs, Alerts, Funnel), open a stage, then the attribution pane.
tmux -L "$server" send-keys -t s Escape Tab Tab Down Down Enter; sleep 1; shot funnel-stage
tmux -L "$server" send-keys -t s Escape Tab Enter; sleep 1; shot attribution-channel
tmux -L "$server" send-keys -t s r; sleep 1; shot ai-roi
tmux -L "$server" send-keys -t s Escape q
