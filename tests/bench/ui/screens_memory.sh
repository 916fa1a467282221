#!/usr/bin/env bash
# tests/bench/ui/screens_memory.sh: resident memory of the real kiosk while a citizen
# walks the demo pack's screens over and over: Hỏi đáp, Tin tức and an article, a quiz
# (three answers), a search and its first result, home between each. Prints the RSS
# (perf.resident_kb of the state dump) every CHECK screens; a kiosk that leaks shows it
# as a climb. Figures only, never asserted (docs/benchmarks.md, "Screens II memory").
#
#   tests/bench/ui/screens_memory.sh [BUILD_DIR] [SCREENS] [WINDOW]
#   defaults: build 1000 1920x1080
set -euo pipefail
src=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
screens=${2:-1000}
window=${3:-1920x1080}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bin/content-pack" build "$src/content-pack/demo" -o "$tmp/demo.pack" >/dev/null
printf '[kiosk]\npack = %s\nlog_file = %s/kiosk.log\nadmin_state_file = %s/admin.json\n[sync]\ndata_dir = %s\n' \
  "$tmp/demo.pack" "$tmp" "$tmp" "$tmp" > "$tmp/kiosk.conf"
ids() { sed -n 's/^id: //p' "$src/content-pack/demo/$1"/*.md; }
mapfile -t articles < <(ids tin-tuc)
mapfile -t quizzes < <(ids trac-nghiem)
# One round is 13 screens: news, an article, home, Hỏi đáp, home, learn, a quiz and three
# answered questions, home, search with "ket hon", its first result, home.
{
  round=0 shown=0 check=100 next=100
  while [ "$shown" -lt "$screens" ]; do
    a=${articles[$((round % ${#articles[@]}))]}
    q=${quizzes[$((round % ${#quizzes[@]}))]}
    printf 'key home:news\nkey item:%s\nkey nav:home\nkey home:faq\nkey nav:home\n' "$a"
    printf 'key home:learn\nkey item:%s\n' "$q"
    for n in 0 1 2; do printf 'key answer:%d\nkey quiz:next\n' $(((round + n) % 2)); done
    printf 'key nav:home\nkey home:search\ntype ket hon\nkey result:0\nkey nav:home\n'
    shown=$((shown + 13))
    round=$((round + 1))
    if [ "$shown" -ge "$next" ]; then printf 'state m%05d\n' "$shown"; next=$((next + check)); fi
  done
} > "$tmp/script.txt"
start=$(date +%s)
SDL_VIDEODRIVER=offscreen "$build/bin/kiosk" --config "$tmp/kiosk.conf" --window "$window" \
  --script "$tmp/script.txt" --screenshot-dir "$tmp/out" 2>/dev/null
echo "screens  resident_MiB  (demo pack, $window, $(($(date +%s) - start)) s)"
for f in "$tmp"/out/m*.json; do
  n=$(basename "$f" .json)
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%7d  %12.1f" % (int(sys.argv[2]), d["perf"]["resident_kb"] / 1024))' \
    "$f" "${n#m}"
done
