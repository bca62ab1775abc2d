#!/usr/bin/env bash
# Sets up (libgmp-dev), builds dtao in release mode and runs the main job on a bundled scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product dtao
# Until the scenario runner lands, the main job is the exact halving schedule of the chain,
# projected from 10,300,000 TAO on 2025-11-15 at the measured 7,161 blocks a day.
.build/release/dtao schedule --from-issuance 10300000000000000 --from-date 2025-11-15 --blocks-per-day 7161
