# Sourced by the screenshot scripts: `shot NAME` captures tmux session `s` of server
# "$server" (120x40, with its colours: capture-pane -e) into screenshots/NAME.png,
# through "$dir" and scripts/ansi2png.py. Run from the repository's root.
shot() {
  tmux -L "$server" capture-pane -e -p -t s > "$dir/$1.ansi"
  python3 scripts/ansi2png.py "$dir/$1.ansi" "screenshots/$1.png" --cols 120 --rows 40
  echo "screenshots/$1.png"
}
