import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def server():
    """``streamlit run dashboard.py`` on a free loopback port, for one test module's browser tests."""
    from browser_support import (
        StreamlitServer,  # Playwright and Chromium only where a test asks for them
    )
    srv = StreamlitServer()
    try:
        srv.wait_healthy()
        yield srv
    finally:
        srv.stop()
