#!/usr/bin/env bash
# Installs everything the project needs to build, run and test, from Debian's archive.
# Idempotent: run it as often as you like; it installs only what is missing.
# Used by both README commands and by .ci/run, so what works here works in CI.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries (each earns its place: see docs/developers.md)
  libsqlite3-dev sqlite3 libyaml-cpp-dev libutf8proc-dev libmd4c-dev libstb-dev
  libsodium-dev libzstd-dev zstd libcurl4-openssl-dev libinih-dev libsystemd-dev
  nlohmann-json3-dev libimgui-dev libsdl2-dev libfreetype-dev libgl-dev libqrencode-dev doctest-dev
  libespeak-ng-dev espeak-ng-data
  # runtime: fonts, Mesa's software GL for headless rendering
  fonts-noto-core libgl1-mesa-dri libegl-mesa0 xvfb xauth
  # tests and benchmarks: real peers and tools
  minisign nginx-light zsync hunspell-vi curl ca-certificates python3 zbar-tools
  clang libclang-rt-14-dev procps
  # image-build's script tests (ctest -L image-build): FAT files, Wi-Fi PSK, packaging
  mtools dosfstools wpasupplicant dpkg-dev binutils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# nginx is only a test peer here: the tests start their own instance on a loopback port.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active -q nginx 2>/dev/null; then
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi
