#!/usr/bin/env bash
# The README's test command: installs what the project needs (Debian packages), builds
# everything into build/ and runs every test with ctest. Tests start their own servers
# (nginx, the fault-injecting portal) on loopback ports and stop them again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest -j "$(nproc 2>/dev/null || echo 2)" --output-on-failure --timeout 900 "$@"
