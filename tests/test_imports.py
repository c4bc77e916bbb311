import subprocess
import sys
from pathlib import Path


def test_framing_does_not_import_streamlit():
    code = "import sys, framing, framing.__main__; import framing.charts, framing.report; print('streamlit' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
