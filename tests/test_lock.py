"""The locks (requirements.txt, requirements-dev.txt) agree with the tested bounds (the .in files):
every package named there is pinned, at a version inside its bounds, with hashes; the dev lock pins
the runtime packages at the runtime lock's versions. Refresh them with ``bash scripts/lock.sh``."""
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _bounds(name: str) -> list[Requirement]:
    out = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            out += _bounds(line[3:].strip())
        elif line:
            out.append(Requirement(line))
    return out


def _lock(name: str) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)}."""
    text = (ROOT / name).read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", block)
        if match:
            pins[canonicalize_name(match.group(1))] = (match.group(2), block.count("--hash=sha256:"))
    return pins


@pytest.mark.parametrize("source,lock", [("requirements.in", "requirements.txt"),
                                         ("requirements-dev.in", "requirements-dev.txt")])
def test_every_bounded_package_is_pinned_inside_its_bounds_with_hashes(source, lock):
    pins = _lock(lock)
    assert pins and all(hashes for _version, hashes in pins.values()), "a pin without hashes"
    for requirement in _bounds(source):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in {lock}: run bash scripts/lock.sh"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"{lock} pins {name}=={pins[name][0]}, outside {requirement}: run bash scripts/lock.sh")


def test_ci_tests_the_versions_the_hosted_app_runs():
    runtime, dev = _lock("requirements.txt"), _lock("requirements-dev.txt")
    assert {n: v for n, (v, _h) in runtime.items()} == {n: dev[n][0] for n in runtime if n in dev}
    assert set(runtime) <= set(dev)
