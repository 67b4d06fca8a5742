#!/usr/bin/env bash
# Screenshots of the admin console on the running local stack (./magpie start first; same MAGPIE_RUNTIME_DIR and
# MAGPIE_PORT_OFFSET): docs/admin/*-live.png. Installs Chromium (apt) and Selenium (a virtualenv in .magpie).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MAGPIE_RUNTIME_DIR=${MAGPIE_RUNTIME_DIR:-$ROOT/.magpie/stack}
"$ROOT/infra/local/install-chromium.sh"
VENV=$ROOT/.magpie/screenshots-venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import selenium" 2>/dev/null || "$VENV/bin/pip" install -q "selenium==4.52.0"
exec "$VENV/bin/python" "$ROOT/infra/local/console-screenshots.py" "$ROOT/docs/admin"
