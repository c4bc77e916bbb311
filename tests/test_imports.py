"""How the package's layers may import each other, and what importing it costs.

The layout follows the data: inputs -> text -> analyses -> comparison -> results -> render -> cli.
Each module belongs to one layer; a module may import its own layer and the layers listed for it,
never a layer above. The test reads every ``import`` in ``framing/`` (including imports inside
functions), so a shortcut taken deep in a function fails here too.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "framing"

#: layer -> the layers it may import (besides itself)
ALLOWED = {
    "base": set(),                                   # errors, text, parallel, lazyjson: no framing imports above
    "inputs": {"base"},
    "analyses": {"base"},
    "results": {"base", "analyses"},
    "comparison": {"base", "analyses", "results", "inputs"},
    "render": {"base", "results", "comparison"},
    "scale": {"base", "inputs", "analyses", "results", "comparison"},   # partitions, reduce, bundle (issue 15)
    "cli": {"base", "inputs", "analyses", "results", "comparison", "render", "scale"},
    "face": {"base", "inputs", "analyses", "results", "comparison", "render", "cli", "scale"},
}
BASE = {"framing.errors", "framing.text", "framing.parallel", "framing.lazyjson"}
COMPARISON = {"framing.comparison", "framing.timeline", "framing.drift", "framing.versions"}


def layer(module: str) -> str:
    if module in BASE or module.startswith("framing.text."):
        return "base"
    if module in COMPARISON:
        return "comparison"
    if module in ("framing", "framing.__main__"):
        return "face"
    top = module.split(".")[1]
    return {"inputs": "inputs", "analyses": "analyses", "results": "results", "render": "render", "cli": "cli",
            "data": "base", "scale": "scale"}[top]


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        yield ".".join(parts), path


def framing_imports(module: str, path: Path):
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names = [".".join(base + ([node.module] if node.module else []))]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            if name == "framing" or name.startswith("framing."):
                yield name


def test_every_module_has_a_layer():
    assert {m: layer(m) for m, _ in modules()}  # raises KeyError for a module outside the layout


@pytest.mark.parametrize("module,path", list(modules()), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_imports_point_down_the_layers(module, path):
    mine = layer(module)
    wrong = sorted({name for name in framing_imports(module, path)
                    if name != "framing" and layer(name) != mine and layer(name) not in ALLOWED[mine]})
    assert wrong == [], f"{module} ({mine}) imports {wrong}"


def test_render_reads_results_not_analyses():
    # the rule above, stated for the case the layout exists for
    render = [m for m, _ in modules() if m.startswith("framing.render")]
    assert render and "analyses" not in ALLOWED["render"]


def test_framing_does_not_import_streamlit():
    code = ("import sys, framing, framing.cli; import framing.render.charts, framing.render.report; "
            "print('streamlit' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_scikit_learn_is_imported_only_when_a_comparison_needs_it():
    # importing scikit-learn (and scipy.stats with it) takes about 0.6 s: the dashboard draws its
    # sidebar, and the CLI answers --help, before paying for it
    code = ("import sys, framing, framing.cli, framing.render.charts, framing.render.report, "
            "framing.render.register_charts\n"
            "print('sklearn' in sys.modules)\n"
            "framing.compare(framing.load_bundled(), framing.CompareOptions(sides=('US', 'China')))\n"
            "print('sklearn' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_import_framing_compare_gives_the_module_path_once():
    # ``framing.compare`` is the function; the module that defines it is ``framing.comparison``
    import framing
    import framing.comparison as module
    assert callable(framing.compare) and module.compare is framing.compare
