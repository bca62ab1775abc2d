#!/usr/bin/env bash
# Best-of-N wall time of `dtao run` and `dtao check` for every bundled scenario, and their ratio
# (the issue-17 target: check at most 1.3x run). Usage: N=3 bash Benchmarks/check-vs-run.sh
# after `swift build -c release --product dtao` (needs bc).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${N:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
for file in Scenarios/*.yaml; do
  best_run=999999; best_check=999999
  for _ in $(seq "$runs"); do
    rm -rf "$out/report"
    run=$(seconds .build/release/dtao run "$file" --out "$out/report")
    check=$(seconds .build/release/dtao check "$file")
    best_run=$(echo "if ($run < $best_run) $run else $best_run" | bc)
    best_check=$(echo "if ($check < $best_check) $check else $best_check" | bc)
  done
  printf "%-20s run %6.2f s  check %6.2f s  check/run %.2f\n" "$(basename "$file" .yaml)" "$best_run" "$best_check" "$(echo "$best_check / $best_run" | bc -l)"
done
