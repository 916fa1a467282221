#!/usr/bin/env bash
# Regenerates the screenshots in this folder with scripted, offscreen kiosk runs on the
# bundled demo pack, at landscape 1920x1080 (landscape/) and portrait 1080x1920
# (portrait/):
#   docs/screenshots/make.sh [BUILD_DIR]      (default: build)
# The admin PIN for the run is 2468; its lock state lives in a temp dir. The run is "on"
# 1 December 2026, 09:00 in Vietnam, inside the demo announcements' windows.
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
    --local-time 2026-12-01T09:00 --script "$here/screens.script" --screenshot-dir "$here/$name" 2>/dev/null
  # No pack at all: the maintenance screen.
  conf "pack = $tmp/missing.pack" > "$tmp/kiosk.conf"
  printf 'shot maintenance\n' > "$tmp/maintenance.script"
  SDL_VIDEODRIVER=offscreen "$build/bin/kiosk" --config "$tmp/kiosk.conf" --window "$size" \
    --script "$tmp/maintenance.script" --screenshot-dir "$here/$name" 2>/dev/null
done
# The admin screen with a real sync behind it: a file:// portal signed with a throwaway
# minisign key, version 1 of the demo pack installed by kiosk-sync, version 2 on the portal;
# then sync now, a hostile USB stick (a link in its portal tree), the network check, and
# the PIN pad locked after three wrong PINs.
minisign -G -W -p "$tmp/demo.pub" -s "$tmp/demo.key" >/dev/null
"$build/bin/content-pack" build "$here/../../content-pack/demo" -o "$tmp/demo-1.pack" --version 1 >/dev/null
"$build/bin/content-pack" build "$here/../../content-pack/demo" -o "$tmp/demo-2.pack" --version 2 >/dev/null
"$build/bin/content-pack" publish "$tmp/demo-1.pack" --key "$tmp/demo.key" --out "$tmp/portal-1" >/dev/null
"$build/bin/content-pack" publish "$tmp/demo-1.pack" --key "$tmp/demo.key" --out "$tmp/portal" >/dev/null
"$build/bin/content-pack" publish "$tmp/demo-2.pack" --key "$tmp/demo.key" --out "$tmp/portal" >/dev/null
mkdir -p "$tmp/media/KINGSTON/kiosk"
ln -s "$tmp/portal/v1" "$tmp/media/KINGSTON/kiosk/v1"
admin_conf() {
  conf "pack =" "usb_root = $tmp/media"
  echo "[sync]"
  echo "portal = file://$tmp/portal"
  echo "pack_id = vn-hau-giang-tu-phap"
  echo "public_key = $(sed -n 2p "$tmp/demo.pub")"
  echo "data_dir = $tmp/data"
  echo "min_free_mb = 1"
}
for layout in landscape:1920x1080 portrait:1080x1920; do
  name=${layout%%:*}
  size=${layout#*:}
  rm -rf "$tmp/data" "$tmp/admin-lock.json" "$tmp/kiosk.log"
  mkdir -p "$tmp/data"
  admin_conf > "$tmp/kiosk.conf"
  # Version 1 as delivered (from a portal that has only it), so "sync now" finds version 2.
  "$build/bin/kiosk-sync" --config "$tmp/kiosk.conf" --once --portal "file://$tmp/portal-1" >/dev/null 2>&1
  printf '%s\n' "hold 20 20 5200" "type 2468" "key pin:ok" "wait 5000" "shot admin" \
    "key admin:sync" "wait 30000" "shot admin-synced" "key admin:usb" "wait 30000" "shot admin-usb-refused" \
    "key admin:network" "wait 30000" "shot admin-network" "key admin:text_size" "key admin:text_size" \
    "wait 1000" "shot admin-extra-large" > "$tmp/admin.script"
  SDL_VIDEODRIVER=offscreen "$build/bin/kiosk" --config "$tmp/kiosk.conf" --window "$size" \
    --script "$tmp/admin.script" --screenshot-dir "$here/$name" 2>/dev/null
  printf '%s\n' "hold 20 20 5200" "type 1111" "key pin:ok" "type 1112" "key pin:ok" "type 1113" "key pin:ok" \
    "shot pin-pad-locked" > "$tmp/locked.script"
  SDL_VIDEODRIVER=offscreen "$build/bin/kiosk" --config "$tmp/kiosk.conf" --window "$size" \
    --script "$tmp/locked.script" --screenshot-dir "$here/$name" 2>/dev/null
done
echo "screenshots written to $here/landscape and $here/portrait"
