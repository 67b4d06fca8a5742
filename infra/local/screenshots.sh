#!/usr/bin/env bash
# The admin console's screenshots (docs/admin/*.png) from a running local stack (./magpie start, demo data loaded):
# headless Chromium signs in with the stack's admin key and walks every page with a merchandiser's actions on the
# demo catalogue (infra/local/screenshots.py), then leaves the stack as it found it. See docs/admin/README.md.
#
# Environment: as ./magpie start (MAGPIE_RUNTIME_DIR, MAGPIE_PORT_OFFSET); MAGPIE_SCREENSHOTS_DIR (default docs/admin).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNTIME=${MAGPIE_RUNTIME_DIR:-$ROOT/.magpie/stack}
GATEWAY=http://127.0.0.1:$((8080 + ${MAGPIE_PORT_OFFSET:-0}))
VENV=$ROOT/.magpie/screenshots-venv
# selenium 4.52.0 needs a certifi newer than some mirrors carry; 4.51.0 drives the same chromedriver protocol.
# Pillow makes the pictures small (128 colours).
PACKAGES="selenium==4.51.0 pillow==12.0.0"

[ -f "$RUNTIME/admin-key" ] || { echo "[magpie] no admin key at $RUNTIME/admin-key: start the stack first (./magpie start)" >&2; exit 1; }
curl -sf "$GATEWAY/q/health/ready" > /dev/null \
  || { echo "[magpie] the gateway at $GATEWAY is not ready: start the stack first (./magpie start)" >&2; exit 1; }
"$ROOT/infra/local/install-chromium.sh"
if ! "$VENV/bin/python" -c "import selenium, PIL" 2> /dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check $PACKAGES
fi
MAGPIE_ADMIN_KEY_FILE=$RUNTIME/admin-key exec "$VENV/bin/python" "$ROOT/infra/local/screenshots.py" \
  "$GATEWAY" "${MAGPIE_SCREENSHOTS_DIR:-$ROOT/docs/admin}" "$@"
