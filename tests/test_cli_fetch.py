"""``python -m framing fetch`` through a real subprocess, against the loopback site: pages and errors
as JSON or text, exit 0 when a page was read, 2 with one line on stderr when none was."""
import json
import os
import subprocess
import sys
from pathlib import Path

import loopback_site
import pytest
from loopback_site import READOUT

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site():
    with loopback_site.serve() as base:
        yield base


def fetch(*args):
    env = {k: v for k, v in os.environ.items() if k not in loopback_site.PROXY_VARIABLES}
    return subprocess.run([sys.executable, "-m", "framing", "fetch", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


def test_json_pages_and_errors_exit_0_when_a_page_was_read(site):
    out = fetch(f"{site}/moved", f"{site}/data.json", "--allow-private", "--timeout", "5", "--format", "json")
    assert out.returncode == 0 and out.stderr == ""
    data = json.loads(out.stdout)
    assert list(data) == ["pages", "errors"]
    [page] = data["pages"]
    assert list(page) == ["url", "final_url", "title", "date", "text", "size"]
    assert (page["url"], page["final_url"]) == (f"{site}/moved", f"{site}/readout")
    assert (page["title"], page["date"], page["size"]) == (
        "Secretary Blinken's Meeting with Foreign Minister Qin", "2023-06-18", len(READOUT.encode()))
    assert page["text"].startswith("Secretary Blinken's Meeting with Foreign Minister Qin\n\nSecretary Blinken met")
    assert data["errors"] == [{"url": f"{site}/data.json", "problem": "the server sent application/json, not a web "
                               "page (HTML); link to the HTML page, or save the file's text and upload it"}]


def test_text_format(site):
    out = fetch(f"{site}/readout", "--allow-private")
    assert out.returncode == 0
    assert out.stdout.startswith(f"# Secretary Blinken's Meeting with Foreign Minister Qin\n{site}/readout (2023-06-18)\n\n")


def test_private_addresses_are_refused_unless_allowed(site):
    out = fetch(f"{site}/readout", "--format", "json")
    assert out.returncode == 2
    port = site.rsplit(":", 1)[1]
    problem = f"the port {port} is not one this app reads (only 80, 443); paste the page's text instead"
    assert json.loads(out.stdout) == {"pages": [], "errors": [{"url": f"{site}/readout", "problem": problem}]}
    assert out.stderr == f"framing: error: no page could be read: {site}/readout: {problem}\n"


def test_no_page_read_is_exit_2_with_one_line(site):
    out = fetch(f"{site}/gzip-bomb", f"{site}/missing", "--allow-private", "--max-bytes", "100000")
    assert out.returncode == 2
    assert out.stderr == (f"framing: error: no page could be read: {site}/gzip-bomb: the page inflates to over the "
                          "100,000-byte limit; save the text and upload it as a .txt file instead (and 1 more)\n")
    assert out.stdout.splitlines()[-1] == (f"could not read {site}/missing: the server answered 404 Not Found; "
                                           "check the address, or paste the page's text instead")


@pytest.mark.parametrize("args,message", [
    (["--timeout", "0"], "timeout 0.0 is not valid; use a number of seconds above 0"),
    (["--max-bytes", "0"], "--max-bytes 0 is not valid; use 1 or more bytes"),
])
def test_bad_limits_are_usage_errors(args, message):
    out = fetch("http://example.org/", *args)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"framing: error: {message.replace('timeout 0.0', '--timeout 0.0')}\n"
