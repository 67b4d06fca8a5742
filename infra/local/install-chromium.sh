#!/usr/bin/env bash
# Installs headless Chromium and chromedriver from the system's packages (Debian: chromium, chromium-driver) for
# the admin console's browser test. Idempotent; nothing downloads a browser at test time.
set -euo pipefail

if command -v chromium > /dev/null && command -v chromedriver > /dev/null; then
  exit 0
fi
if ! command -v apt-get > /dev/null; then
  echo "install Chromium and its chromedriver (Debian/Ubuntu: chromium chromium-driver) for the browser test" >&2
  exit 1
fi
SUDO=
if [ "$(id -u)" != 0 ]; then
  SUDO=sudo
fi
echo "installing chromium and chromium-driver"
$SUDO apt-get install -y -qq chromium chromium-driver > /dev/null 2>&1 \
  || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver; }
