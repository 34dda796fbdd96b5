#!/usr/bin/env bash
# Benchmarks a plain one-question session on the built-in banks (stdin closed, so it shows the
# first question, reads end of input and prints the report) against cat reading the banks, in
# one hyperfine run. Needs hyperfine and jq; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
quiz=$PWD/target/release/quiz
hyperfine -N --warmup 5 --runs "${RUNS:-50}" --export-json target/bench-session.json \
  "$quiz -n 1 --plain --no-history --seed 1" \
  "$quiz -t dsa -n 1 --plain --no-history --seed 1" \
  "cat $(ls questions/*.yaml | tr '\n' ' ')" \
  "cat questions/dsa.yaml" < /dev/null > /dev/null
jq -r '.results[] | "\(.median * 1000 | . * 100 | round / 100) ms median  \(.command)"' target/bench-session.json
