#!/usr/bin/env bash
# Makes screenshots/tmux-viewers.png and screenshots/status-line.png from a real run:
# one `flowtop serve --demo`, and a tmux window of three viewers attached to it (the full
# dashboard, `--pane alerts`, `--pane funnel`) with `flowtop status --format tmux` in its
# status line. The window is a tmux client inside an outer tmux pane, so one capture
# (capture-pane -e) holds the panes, their borders and the status line; ansi2png.py draws
# it. Needs: tmux, python3 with Pillow, fonts-dejavu-core. CONFIG=debug for the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${CONFIG:-release}"
swift build -c "$config" --product flowtop
bin="$(swift build -c "$config" --show-bin-path)/flowtop"
dir="$(mktemp -d /tmp/ft-viewers-shots.XXXXXX)"
inner="flowtop-inner-$$" outer="flowtop-outer-$$"
cols=200 rows=50
"$bin" serve --ephemeral --demo --socket "$dir/s.sock" --http 127.0.0.1:0 2>"$dir/serve.log" &
serve=$!
trap 'tmux -L "$outer" kill-server 2>/dev/null || true; tmux -L "$inner" kill-server 2>/dev/null || true;
      kill $serve 2>/dev/null || true; wait $serve 2>/dev/null || true; rm -rf "$dir"' EXIT
env="env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$dir/state"
cat > "$dir/tmux.conf" <<CONF
set -g status-interval 1
set -g status-right-length 110
set -g status-right '#($bin status --socket $dir/s.sock --format tmux) '
set -g status-left '[ops] '
set -g status-style bg=colour236,fg=colour250
CONF
sleep 2
tmux -L "$inner" -f "$dir/tmux.conf" new-session -d -s ops -x "$cols" -y "$((rows - 1))" \
  "$env $bin --socket $dir/s.sock --fresh"
tmux -L "$inner" split-window -h -l 72 -t ops "$env $bin --socket $dir/s.sock --fresh --pane alerts"
tmux -L "$inner" split-window -v -t ops "$env $bin --socket $dir/s.sock --fresh --pane funnel"
tmux -L "$outer" -f /dev/null new-session -d -s view -x "$cols" -y "$rows" \
  "env -u TMUX TERM=xterm-256color LANG=C.UTF-8 tmux -L $inner attach -t ops"
tmux -L "$outer" set-option -t view status off
# The first incident starts 20 s in; by 70 s its pages are listed and the status line burns.
sleep "${WAIT:-70}"
tmux -L "$outer" capture-pane -e -p -t view > "$dir/viewers.ansi"
python3 scripts/ansi2png.py "$dir/viewers.ansi" screenshots/tmux-viewers.png --cols "$cols" --rows "$rows"
tail -n 1 "$dir/viewers.ansi" > "$dir/status.ansi"
python3 scripts/ansi2png.py "$dir/status.ansi" screenshots/status-line.png --cols "$cols" --rows 1
echo screenshots/tmux-viewers.png screenshots/status-line.png
