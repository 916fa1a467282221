#!/usr/bin/env bash
# Starts the built kiosk on a pack in DEMO_DIR (default build/demo), as run-demo.sh does.
#   With X11 or Wayland: a 1280x800 window (close it to quit).
#   On a bare Linux console with a GPU device: fullscreen through KMS/DRM.
#   With no display at all: a scripted tour, headless, screenshots in DEMO_DIR/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=${1:-build/demo}
pack=$(realpath "$demo/demo.pack")
conf="$demo/kiosk.conf"
# The demo's admin PIN is 1234 (hold the top-left corner for 5 seconds to be asked).
pin_hash=$(printf '1234\n' | build/bin/kiosk hash-pin)
cat > "$conf" <<CONF
# Settings for the demo run (see docs/settings.md). A real kiosk reads /etc/kiosk/kiosk.conf.
[kiosk]
commune = UBND xã Vị Thủy (trình diễn)
pack = $pack
$pin_hash
allow_exit = true
admin_state_file = $(realpath "$demo")/admin-state
log_file = $(realpath "$demo")/kiosk.log

[sync]
# the demo's own data dir (the admin PIN lock lives in its state.sqlite)
data_dir = $(realpath "$demo")
CONF

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/kiosk --config "$conf" --window 1280x800
fi
if [ -e /dev/dri/card0 ] && tty -s && [[ "$(tty)" == /dev/tty[0-9]* ]]; then
  exec build/bin/kiosk --config "$conf"
fi

echo "start-kiosk: no display here (no X11, Wayland or console); running a scripted tour headless." >&2
shots="$demo/screenshots"
mkdir -p "$shots"
cat > "$demo/tour.script" <<'SCRIPT'
# A short tour: home, search typed in Telex, the procedure, its legal basis in the law,
# the guide, Hỏi đáp, Tin tức, a quiz question answered, back home.
shot 01-home
key home:search
type dangw kys khai sinh
shot 02-search
key result:0
shot 03-procedure
key basis:0
shot 04-law-at-article
key nav:home
key home:guide
drag 640 600 640 300 300
wait 1500
shot 05-guide
key nav:home
key home:faq
shot 06-faq
key nav:home
key home:news
shot 07-news
key nav:home
key home:learn
key item:tim-hieu-luat-phong-chong-tham-nhung-2018
key answer:1
shot 08-quiz
key nav:home
shot 09-home-again
SCRIPT
SDL_VIDEODRIVER=offscreen build/bin/kiosk --config "$conf" --window 1280x800 \
  --script "$demo/tour.script" --screenshot-dir "$shots" --dump-state "$demo/state.json"
echo "start-kiosk: screenshots in $shots/, state in $demo/state.json"
