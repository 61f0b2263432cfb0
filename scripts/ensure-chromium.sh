#!/usr/bin/env bash
# The e2e tests drive Debian's Chromium (never a browser downloaded by a test tool: this machine's network only
# reaches the npm registry and Debian's packages). Installs it when missing, so the one test command works on a
# fresh Debian machine. Override the binary with CHROMIUM_PATH.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then
  exit 0
fi
echo "Chromium not found at $bin: installing Debian's chromium package…" >&2
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium >/dev/null
test -x "$bin"
