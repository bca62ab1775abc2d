#!/usr/bin/env bash
# Installs what a bare Debian machine with Swift lacks for dtao: the GMP headers and library,
# and python3 for the checks and the snapshot fetcher's tests.
set -euo pipefail
missing=()
dpkg -s libgmp-dev >/dev/null 2>&1 || missing+=(libgmp-dev)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update && apt-get install -y "${missing[@]}"
  else
    sudo apt-get update && sudo apt-get install -y "${missing[@]}"
  fi
fi
