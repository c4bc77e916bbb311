#!/usr/bin/env bash
# Set up and start the dashboard on the bundled event (http://localhost:8501).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
exec .venv/bin/python -m streamlit run dashboard.py "$@"
