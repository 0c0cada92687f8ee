#!/usr/bin/env bash
# Smoke test of the web edition in headless Chromium (README, "Web"): builds dist/web/ when it
# is missing (tools/web/build.sh), then runs tools/web/smoke.py, which serves it on 127.0.0.1 and
# drives the browser over the DevTools protocol. Needs Debian's chromium, python3-websocket and
# python3-pil. Extra arguments go to smoke.py (e.g. --shots DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f dist/web/gd_atlas_web_bg.wasm ]; then
  tools/web/build.sh
fi
exec /usr/bin/python3 tools/web/smoke.py --dist dist/web "$@"
