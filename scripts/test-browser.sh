#!/usr/bin/env bash
# The browser test: every bundled scenario and sweep writes report.html, headless Chromium
# renders each with no console error and no network request, every chart has a drawn path, the
# screenshot is not blank (scripts/test-browser.py), and `dtao report DIR` rebuilds each page
# byte for byte. Installs chromium (Debian) and websocket-client and pillow (PyPI) when missing.
#
# Usage (after `swift build -c release --product dtao`):
#     bash scripts/test-browser.sh [--screenshot FILE]    # FILE: the baseline report's picture
set -euo pipefail
cd "$(dirname "$0")/.."
dtao=$PWD/.build/release/dtao
[[ -x "$dtao" ]] || { echo "build dtao first: swift build -c release --product dtao" >&2; exit 2; }
command -v chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
python3 -c "import websocket, PIL" 2>/dev/null || python3 -m pip install --quiet websocket-client pillow

work=$(mktemp -d /tmp/dtao-browser.XXXXXX)
trap 'rm -rf "$work"' EXIT
folders=()
for scenario in Scenarios/baseline.yaml Scenarios/*.yaml; do
    name=$(basename "$scenario" .yaml)
    [[ -d "$work/$name" ]] && continue
    "$dtao" run "$scenario" --out "$work/$name" >/dev/null
    folders+=("$work/$name")
done
for sweep in Scenarios/sweeps/*.yaml; do
    grep -q '^scenario:' "$sweep" || continue  # the base scenario is not a sweep
    name=sweep-$(basename "$sweep" .yaml)
    "$dtao" sweep "$sweep" --out "$work/$name" --quiet
    folders+=("$work/$name")
done
for folder in "${folders[@]}"; do
    cp "$folder/report.html" "$work/written.html"
    "$dtao" report "$folder" >/dev/null
    cmp -s "$work/written.html" "$folder/report.html" || { echo "dtao report $folder does not rebuild the page byte for byte" >&2; exit 1; }
done
screenshot=()
if [[ "${1:-}" == "--screenshot" ]]; then screenshot=(--screenshot "$2"); fi
python3 scripts/test-browser.py "${screenshot[@]}" "${folders[@]}"
echo "browser: ${#folders[@]} reports rendered with no errors and no network requests, each rebuilt byte for byte by dtao report"
