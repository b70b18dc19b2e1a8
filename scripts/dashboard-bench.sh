#!/bin/bash
# dashboard-bench.sh [BIN] [SECONDS]: what the dashboard costs in a real terminal (tmux, 200x60).
#
# 1. Frame time: `BIN --demo` with FLOWTOP_FRAME_TIMES set, driven for SECONDS (default 60)
#    by a key every 0.5 s (panes, detail views, models, sorts, the help), then quit; prints
#    the frames' percentiles (and the five costliest in CPU, by frame number): from the tick
#    that asks for a frame to the terminal having it
#    (the grid drawn from the snapshot, then the difference written). Snapshots are
#    taken on the pump's thread and are not part of a frame.
# 2. Idle CPU: `BIN --standalone` with no events (its own engine, nobody sending) and a
#    dashboard attached to an idle `BIN serve`, each left alone for SECONDS; prints the
#    process's user+system CPU over that time as a share of one core (/proc/PID/stat).
#
# Needs tmux. Each run has its own tmux server, state, runtime and socket directories.
set -euo pipefail
bin=$(realpath "${1:-.build/release/flowtop}")
seconds=${2:-60}
work=$(mktemp -d /tmp/flowtop-dashboard-bench.XXXXXX)
server="flowtop-dashboard-bench-$$"
tick=$(getconf CLK_TCK)
trap 'tmux -L "$server" kill-server 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/state" "$work/run"; chmod 700 "$work/run"
env_of() { echo "env TERM=xterm-256color XDG_STATE_HOME=$work/state XDG_RUNTIME_DIR=$work/run $*"; }
tmux -L "$server" -f /dev/null new-session -d -s keep -x 200 -y 60 "sleep 100000"

window() {  # window NAME COMMAND: a 200x60 window running COMMAND (exec'd, so pane_pid is it)
    tmux -L "$server" new-window -d -n "$1" "exec $2"
    tmux -L "$server" resize-window -t "$1" -x 200 -y 60 2>/dev/null || true
}
pid_of() { tmux -L "$server" display -p -t "$1" '#{pane_pid}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_for() {  # wait_for WINDOW TEXT: until the screen shows TEXT (60 s at most)
    for _ in $(seq 600); do
        tmux -L "$server" capture-pane -p -t "$1" | grep -q "$2" && return 0
        sleep 0.1
    done
    echo "$1 never showed '$2'; the screen:"; tmux -L "$server" capture-pane -p -t "$1"; exit 1
}
idle_share() {  # idle_share WINDOW: CPU over $seconds as % of one core
    local pid before after
    pid=$(pid_of "$1"); before=$(cpu_ticks "$pid"); sleep "$seconds"; after=$(cpu_ticks "$pid")
    awk -v t=$((after - before)) -v hz="$tick" -v s="$seconds" 'BEGIN { printf "%.2f%% of a core (%d ticks in %d s)", 100 * t / hz / s, t, s }'
}

echo "flowtop dashboard at 200x60: $bin ($(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo "?")), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Frame times under the demo, with keys.
window frames "$(env_of FLOWTOP_FRAME_TIMES="$work/frames.json" "$bin" --demo --fresh --socket "$work/demo.sock")"
wait_for frames "ai_request_success"
keys=(Tab Tab Tab Tab Enter Escape m m s s Tab Enter Escape p b Tab '?' Escape z z Down Down Up)
end=$(( $(date +%s) + seconds ))
i=0
while [ "$(date +%s)" -lt "$end" ]; do
    tmux -L "$server" send-keys -t frames "${keys[$(( i % ${#keys[@]} ))]}"
    i=$((i + 1)); sleep 0.5
done
tmux -L "$server" send-keys -t frames Escape q
for _ in $(seq 100); do [ -s "$work/frames.json" ] && break; sleep 0.1; done
echo "frames (--demo, $i keys in ${seconds} s): $(cat "$work/frames.json")"

# 2. Idle CPU: a standalone dashboard that nobody feeds, then a viewer of an idle serve.
window idle "$(env_of "$bin" --standalone --fresh --socket "$work/idle.sock")"
wait_for idle "SLO"
sleep 2
echo "idle standalone dashboard: $(idle_share idle)"
tmux -L "$server" send-keys -t idle q

env XDG_STATE_HOME="$work/state" XDG_RUNTIME_DIR="$work/run" "$bin" serve --socket "$work/serve.sock" --ephemeral \
    > "$work/serve.log" 2>&1 &
for _ in $(seq 100); do [ -S "$work/serve.sock" ] && break; sleep 0.1; done
window viewer "$(env_of "$bin" --fresh --socket "$work/serve.sock")"
wait_for viewer "attached"
sleep 2
echo "idle viewer of an idle serve: $(idle_share viewer)"
tmux -L "$server" send-keys -t viewer q
