#!/usr/bin/env bash
# Regenerates docs/report.png: the progress report of a realistic demo log, as headless
# chromium draws it. Needs python3 and chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
quiz=$PWD/target/debug/quiz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work TZ=UTC QUIZ_NOW=2026-11-21T18:00:00Z QUIZ_HISTORY=$work/history.jsonl
python3 docs/demo_log.py "$quiz" "$QUIZ_HISTORY"
QUIZ_NOW=2026-10-01T09:00:00Z "$quiz" plan --interview 2026-12-18 --level mid \
  --topic apis --topic caching --topic databases --topic dsa --topic system-design --daily 30m >/dev/null
"$quiz" report -o "$work/progress.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=900,"${HEIGHT:-4500}" --screenshot="$PWD/docs/report.png" "file://$work/progress.html" 2>/dev/null
echo "wrote docs/report.png"
