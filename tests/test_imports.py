import subprocess
import sys
from pathlib import Path


def test_framing_does_not_import_streamlit():
    code = "import sys, framing, framing.__main__; import framing.charts, framing.report; print('streamlit' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_scikit_learn_is_imported_only_when_a_comparison_needs_it():
    # importing scikit-learn (and scipy.stats with it) takes about 0.6 s: the dashboard draws its
    # sidebar, and the CLI answers --help, before paying for it
    code = ("import sys, framing, framing.__main__, framing.charts, framing.report, framing.register_charts\n"
            "print('sklearn' in sys.modules)\n"
            "framing.compare(framing.load_bundled(), framing.CompareOptions(sides=('US', 'China')))\n"
            "print('sklearn' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]
