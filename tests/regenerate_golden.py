"""Rewrite golden files after a deliberate change of values, and show what changed.

Runs each command of ``test_golden.CASES`` (all, or the names given), keeps only the keys the
current golden file has (as the test does: no key is added to a golden file) and lists every path
whose value differs. With ``--write`` the golden files are rewritten. It fails (exit 1) when a
golden key is missing from the new output, or when a changed path has no key named in ``--allow``
(default: ``alignment``, the alignment rows, wherever they are: top level or per timeline event).

Run from the repository root::

    /work/main/.venv/bin/python tests/regenerate_golden.py                 # show the changes
    /work/main/.venv/bin/python tests/regenerate_golden.py --write         # and rewrite
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test_golden import CASES, GOLDEN, ROOT, _only_golden_keys, _read  # noqa: E402


def missing_keys(new, old, path="") -> list[str]:
    """Paths of keys the golden file has and the new output lacks."""
    out = []
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [path or "/"]
        for k, v in old.items():
            out += [f"{path}/{k}"] if k not in new else missing_keys(new[k], v, f"{path}/{k}")
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (n, o) in enumerate(zip(new, old)):
            out += missing_keys(n, o, f"{path}/{i}")
    return out


def changed(new, old, path="") -> list[str]:
    """Paths whose values differ (a list of another length is one change)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [p for k in old if k in new for p in changed(new[k], old[k], f"{path}/{k}")] + \
            ([f"{path} (key order)"] if [k for k in new if k in old] != list(old) else [])
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [f"{path} (length {len(old)} -> {len(new)})"]
        return [p for i, (n, o) in enumerate(zip(new, old)) for p in changed(n, o, f"{path}/{i}")]
    return [] if new == old else [path]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=sorted(CASES))
    parser.add_argument("--allow", nargs="*", default=["alignment"])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.names:
            old_text = _read(GOLDEN / name)
            old = json.loads(old_text)
            out = subprocess.run([sys.executable, "-m", "framing", *CASES[name](Path(tmp))], cwd=ROOT,
                                 capture_output=True, text=True, encoding="utf-8", check=True).stdout
            full = json.loads(out)
            missing = missing_keys(full, old)
            kept = _only_golden_keys(full, old)
            diffs = changed(kept, old)
            outside = [p for p in diffs if not set(p.split(" ")[0].split("/")) & set(args.allow)]
            print(f"{name}: {len(diffs)} changed paths, {len(missing)} missing keys, {len(outside)} outside {args.allow}")
            for p in outside[:40] + missing[:40]:
                print("   ", p)
            failed |= bool(missing or outside)
            if args.write and not (missing or outside):
                text = json.dumps(kept, ensure_ascii=False, indent=2) + "\n"
                path = GOLDEN / name
                path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0) if path.suffix == ".gz"
                                 else text.encode("utf-8"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
