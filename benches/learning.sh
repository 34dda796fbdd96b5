#!/usr/bin/env bash
# Benchmarks `quiz stats` and `quiz review` on a synthetic log of 1,000,000 answers in one run
# beside `wc -l` (the floor: reading the same bytes) and jq computing per-topic accuracy over the
# same file, then prints each median with its ratio to `wc -l`, and peak memory. Needs hyperfine
# and jq (apt-get install hyperfine jq); not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
quiz=target/release/quiz
log=${LOG:-target/bench-history.jsonl}
[ -s "$log" ] || python3 benches/gen_log.py "$quiz" "$log" "${RECORDS:-1000000}"
export QUIZ_NOW=2026-11-21T12:00:00Z QUIZ_HISTORY="$log"
jq_accuracy='reduce (inputs | select(.kind == "answer")) as $a ({}; .[$a.topic].n += 1 | .[$a.topic].c += (if $a.correct then 1 else 0 end)) | map_values(.c / .n)'
echo "log: $(wc -l < "$log") lines, $(du -h "$log" | cut -f1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json target/bench-learning.json \
  "wc -l $log" \
  "$quiz stats --json" \
  "$quiz stats" \
  "$quiz review -n 1 --plain --no-history --seed 1 < /dev/null" \
  "jq -n '$jq_accuracy' $log"
jq -r '(.results[0].median) as $wc | .results[] |
  "\(.median * 1000 | round) ms median  \((.median / $wc * 10 | round) / 10)x wc -l  \(.command)"' target/bench-learning.json
for cmd in "wc -l $log" "$quiz stats" "$quiz review -n 1 --plain --no-history --seed 1"; do
  peak=$( { /usr/bin/time -v sh -c "$cmd < /dev/null > /dev/null" ; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
  echo "peak RSS of '$cmd': ${peak} KiB"
done
peak=$( { /usr/bin/time -v jq -n "$jq_accuracy" "$log" > /dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
echo "peak RSS of jq: ${peak} KiB"
