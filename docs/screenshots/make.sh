#!/usr/bin/env bash
# Regenerates the screenshots in this folder with scripted, offscreen kiosk runs on the
# bundled demo pack, at landscape 1920x1080 (landscape/) and portrait 1080x1920
# (portrait/):
#   docs/screenshots/make.sh [BUILD_DIR]      (default: build)
# The admin PIN for the run is 2468; its lock state lives in a temp dir.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../../build"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bin/content-pack" build "$here/../../content-pack/demo" -o "$tmp/demo.pack" >/dev/null
conf() {  # conf EXTRA_LINES...
  echo "[kiosk]"
  echo "commune = UBND xã Vị Thủy"
  echo "pack = $tmp/demo.pack"
  echo 2468 | "$build/bin/kiosk" hash-pin
  echo "admin_state_file = $tmp/admin-lock.json"
  echo "log_file = $tmp/kiosk.log"
  echo "attract_seconds = 120"
  echo "hotline = 0293 3 870 123"
  echo "technician_contact = Phòng Tư pháp huyện, 0293 3 870 456"
  printf '%s\n' "$@"
}
for layout in landscape:1920x1080 portrait:1080x1920; do
  name=${layout%%:*}
  size=${layout#*:}
  mkdir -p "$here/$name"
  conf > "$tmp/kiosk.conf"
  # A sound device that plays into /dev/null: "Nghe đọc" shows, as on a kiosk with speakers.
  SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null "$build/bin/kiosk" \
    --config "$tmp/kiosk.conf" --window "$size" \
    --script "$here/screens.script" --screenshot-dir "$here/$name" 2>/dev/null
  # No pack at all: the maintenance screen.
  conf "pack = $tmp/missing.pack" > "$tmp/kiosk.conf"
  printf 'shot maintenance\n' > "$tmp/maintenance.script"
  SDL_VIDEODRIVER=offscreen "$build/bin/kiosk" --config "$tmp/kiosk.conf" --window "$size" \
    --script "$tmp/maintenance.script" --screenshot-dir "$here/$name" 2>/dev/null
done
echo "screenshots written to $here/landscape and $here/portrait"
