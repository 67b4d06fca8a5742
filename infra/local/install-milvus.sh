#!/usr/bin/env bash
# Installs the local Milvus server (milvus-lite, see docs/adr/0002-local-milvus-server.md) into a project-local
# virtualenv. Idempotent: does nothing when the pinned versions are already there.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=${MAGPIE_MILVUS_VENV:-$ROOT/.magpie/milvus-venv}
PINS="milvus-lite==3.2.2 pymilvus==3.0.2"

if [ -f "$VENV/.installed" ] && [ "$(cat "$VENV/.installed")" = "$PINS" ]; then
  exit 0
fi
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "milvus-lite needs Python >= 3.10")'
echo "installing $PINS into $VENV"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check $PINS
echo "$PINS" > "$VENV/.installed"
