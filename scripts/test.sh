#!/usr/bin/env bash
# Sets up (libgmp-dev) and runs the whole test suite in a debug build, then the tests of the
# snapshot fetcher's conversion (Python, no SDK or chain needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test "$@"
python3 scripts/test_fetch_snapshot.py
