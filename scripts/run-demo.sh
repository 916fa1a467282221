#!/usr/bin/env bash
# The README's run command: installs what the project needs, builds it, builds the
# bundled demo content pack and starts the kiosk on it. With a desktop (X11/Wayland) the
# kiosk opens in a 1280x800 window; on a bare console it takes the screen through
# KMS/DRM; with no display at all it runs a scripted tour headless and says where the
# screenshots are. Leave the kiosk with the admin screen (hold the top-left corner 5 s,
# PIN 1234 in this demo) or, in a window, by closing the window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
demo=build/demo
mkdir -p "$demo"
build/bin/content-pack build content-pack/demo -o "$demo/demo.pack"
build/bin/content-pack search "$demo/demo.pack" "dang ky khai sinh" --limit 3

if [ ! -x build/bin/kiosk ]; then
  echo "run-demo: the kiosk application is not built yet; the search above is the demo." >&2
  exit 0
fi
exec bash scripts/start-kiosk.sh "$demo"
