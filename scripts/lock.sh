#!/usr/bin/env bash
# Compile the locks from the tested bounds: requirements.in -> requirements.txt (what the hosted app
# installs; Streamlit Community Cloud reads requirements.txt from the root) and requirements-dev.in
# -> requirements-dev.txt (what CI installs), exact versions with hashes, for every platform and
# Python 3.11 and newer. Pins already in the locks are kept unless they no longer fit the bounds;
# pass --upgrade to take the newest versions the bounds allow (then run the whole suite).
#   bash scripts/lock.sh             # after editing requirements.in or requirements-dev.in
#   bash scripts/lock.sh --upgrade   # newest versions within the bounds
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
if command -v uv >/dev/null 2>&1; then
  UV=uv
else  # a private copy of uv, pinned, outside the repository
  TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/framing-lock-uv-$UV_VERSION"
  [ -x "$TOOLS/bin/uv" ] || { python3 -m venv "$TOOLS" && "$TOOLS/bin/pip" install -q "uv==$UV_VERSION"; }
  UV="$TOOLS/bin/uv"
fi
common=(--generate-hashes --universal --python-version 3.11 --index-url https://pypi.org/simple
        --custom-compile-command "bash scripts/lock.sh" --quiet "$@")
"$UV" pip compile requirements.in -o requirements.txt "${common[@]}"
# The dev lock keeps the runtime lock's versions, so CI tests exactly what the hosted app runs.
"$UV" pip compile requirements-dev.in -o requirements-dev.txt --constraint requirements.txt "${common[@]}"
echo "locked: requirements.txt ($(grep -c '==' requirements.txt) packages), requirements-dev.txt ($(grep -c '==' requirements-dev.txt) packages)"
