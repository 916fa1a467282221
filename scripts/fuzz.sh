#!/usr/bin/env bash
# Runs the libFuzzer targets (clang, ASan + UBSan) for a while each.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 300)] [TARGET...]
# Crashers land in fuzz-out/<target>/; copy each into content-pack/fuzz/corpus/<name>/
# once fixed, so ctest replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_pack_open fuzz_source fuzz_content_stream fuzz_manifest)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DKIOSK_FUZZ=ON -DKIOSK_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz --target "${targets[@]}"
for t in "${targets[@]}"; do
  corpus=content-pack/fuzz/corpus/${t#fuzz_}
  work=fuzz-out/$t
  mkdir -p "$work/corpus"
  cp -n "$corpus"/* "$work/corpus/" 2>/dev/null || true
  echo "== $t for ${seconds}s"
  build-fuzz/fuzz/$t "$work/corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$work/" -print_final_stats=1 2>&1 | tail -n 12
done
