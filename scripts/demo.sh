#!/usr/bin/env bash
# Sets up (libgmp-dev), builds dtao in release mode and runs the main job: the bundled baseline
# scenario, writing its reports to out/baseline (replacing an earlier run's).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product dtao
.build/release/dtao run Scenarios/baseline.yaml --out out/baseline --force
echo
cat out/baseline/summary.md
