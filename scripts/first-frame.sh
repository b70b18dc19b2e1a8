#!/bin/bash
# first-frame.sh BIN DATADIR: how long a restarted dashboard takes to show its first full
# frame. Copies DATADIR (so the original stays as it is), starts `BIN --data-dir COPY` in a
# tmux session of its own (160x48), and prints the wall milliseconds from the start until
# the screen shows the restored funnel counts and the attribution table; tmux's own start
# is included. Needs tmux; a data directory with leads (see docs/benchmarks.md, "Restart
# at the default caps", for making one).
set -euo pipefail
bin=$1; src=$2
work=$(mktemp -d /tmp/flowtop-first-frame.XXXXXX)
server="flowtop-first-frame-$$"
trap 'tmux -L "$server" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cp -a "$src" "$work/data"; rm -f "$work/data/LOCK"; sync
start=$(date +%s%N)
tmux -L "$server" -f /dev/null new-session -d -s t -x 160 -y 48 \
  "env TERM=xterm-256color XDG_STATE_HOME=$work/state $bin --data-dir $work/data --socket $work/s.sock --theme mono; sleep 60"
deadline=$(( start + 60000000000 ))
while true; do
  screen=$(tmux -L "$server" capture-pane -p -t t 2>/dev/null || true)
  if grep -q "lead_created.*[0-9],[0-9][0-9][0-9]" <<<"$screen" && grep -q "channel  *revenue" <<<"$screen"; then break; fi
  [ "$(date +%s%N)" -lt "$deadline" ] || { echo "no full frame within 60 s; the screen:"; echo "$screen"; exit 1; }
  sleep 0.02
done
end=$(date +%s%N)
echo "first full frame after $(( (end - start) / 1000000 )) ms"
tmux -L "$server" send-keys -t t q
sleep 1
