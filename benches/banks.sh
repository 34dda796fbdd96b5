#!/usr/bin/env bash
# Benchmarks bank loading: time to the first question of a dsa session against cat reading
# questions/dsa.yaml, and loading a synthetic 10,000-question bank against PyYAML's C loader
# reading the same file, each side by side in one hyperfine run; peak memory from
# /usr/bin/time -v. Needs hyperfine, jq and python3-yaml; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
quiz=$PWD/target/release/quiz
big=target/bench/big.yaml
mkdir -p target/bench
[ -s "$big" ] || python3 benches/gen_bank.py "$big" 10000
hyperfine -N --warmup 5 --runs "${RUNS:-50}" --export-json target/bench-first-question.json \
  "$quiz -t dsa -n 1 --plain --no-history --seed 1" \
  "cat questions/dsa.yaml" < /dev/null > /dev/null
hyperfine -N --warmup 2 --runs "${RUNS_BIG:-10}" --export-json target/bench-big-bank.json \
  "$quiz --bank $big -t big -n 1 --plain --no-history --seed 1" \
  "python3 -c 'import yaml; yaml.load(open(\"$big\"), Loader=yaml.CLoader)'" < /dev/null > /dev/null
for f in target/bench-first-question.json target/bench-big-bank.json; do
  jq -r '.results[] | "\(.median * 1000 | . * 100 | round / 100) ms median  \(.command)"' "$f"
done
for cmd in "$quiz -t dsa -n 1 --plain --no-history --seed 1" "$quiz --bank $big -t big -n 1 --plain --no-history --seed 1"; do
  peak=$( { /usr/bin/time -v sh -c "$cmd < /dev/null > /dev/null" ; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
  echo "peak RSS of '$cmd': ${peak} KiB"
done
peak=$( { /usr/bin/time -v python3 -c "import yaml; yaml.load(open('$big'), Loader=yaml.CLoader)"; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
echo "peak RSS of PyYAML CLoader: ${peak} KiB"
