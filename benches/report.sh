#!/usr/bin/env bash
# Times `quiz report` on a synthetic log of 100,000 answers (with a study plan, so every section
# is drawn) and prints the median of three runs and the file's size. Needs python3; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
quiz=$PWD/target/release/quiz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=${LOG:-target/bench-report-history.jsonl}
[ -s "$log" ] || python3 benches/gen_log.py "$quiz" "$log" "${RECORDS:-100000}"
export HOME=$work TZ=UTC QUIZ_NOW=2026-11-21T12:00:00Z QUIZ_HISTORY=$PWD/$log
QUIZ_NOW=2026-10-01T09:00:00Z "$quiz" plan --interview 2026-12-20 --level mid >/dev/null
"$quiz" report -o "$work/progress.html" >/dev/null # warm the page cache
times=()
for _ in 1 2 3; do
  start=$(date +%s%N)
  "$quiz" report -o "$work/progress.html" >/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
echo "log: $(grep -c '"kind":"answer"' "$log") answers, $(du -h "$log" | cut -f1)"
echo "quiz report: runs ${times[*]} ms, median ${median} ms; file $(stat -c %s "$work/progress.html") bytes"
