#!/usr/bin/env bash
# Regenerates the screenshots in this folder with a scripted, offscreen kiosk run:
#   docs/screenshots/make.sh [BUILD_DIR]      (default: build)
# The admin PIN for the run is 2468; its lock state lives in a temp dir.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../../build"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo "[kiosk]"
  echo "commune = UBND xã Vị Thủy"
  echo 2468 | "$build/bin/kiosk" hash-pin
  echo "admin_state_file = $tmp/admin-lock.json"
  echo "log_file = $tmp/kiosk.log"
  echo "attract_seconds = 120"
} > "$tmp/kiosk.conf"
"$build/bin/kiosk" --config "$tmp/kiosk.conf" --window 1280x800 \
  --script "$here/screens.script" --screenshot-dir "$here"
echo "screenshots written to $here"
