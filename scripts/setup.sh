#!/usr/bin/env bash
# Installs what a bare Debian machine with Swift lacks for dtao: the GMP headers and library.
set -euo pipefail
if ! dpkg -s libgmp-dev >/dev/null 2>&1; then
  echo "setup: installing libgmp-dev" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update && apt-get install -y libgmp-dev
  else
    sudo apt-get update && sudo apt-get install -y libgmp-dev
  fi
fi
