"""Helper for the CLI tests: ``python -m framing`` in a real subprocess, from the project's root."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The CLI run with ``args`` (and ``stdin`` as its standard input): exit status, stdout and stderr as text."""
    return subprocess.run([sys.executable, "-m", "framing", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)
