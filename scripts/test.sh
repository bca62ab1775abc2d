#!/usr/bin/env bash
# Sets up (libgmp-dev) and runs the whole test suite in a debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test "$@"
