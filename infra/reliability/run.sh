#!/usr/bin/env bash
# ./magpie reliability [--short]: the fault-injection and fuzzing suite (docs/adr/0027). Makes its own virtualenv
# with schemathesis from PyPI (once), then runs reliability.py, which starts and stops a stack of its own.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=${MAGPIE_RELIABILITY_VENV:-$ROOT/.magpie/reliability-venv}
SCHEMATHESIS_VERSION=4.32.5
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "[reliability] installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi
exec "$VENV/bin/python" "$ROOT/infra/reliability/reliability.py" "$@"
