"""Running a playwright script in headless Chromium for the browser tests (tests/audit/).

The script gets `process.argv`: [node, NODE_MODULES, CHROMIUM, url]; it prints
one JSON object. The `serve` fixture (conftest.py) serves a built site.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from audit.tools import CHROMIUM, NODE_MODULES, missing, node


def run_in_browser(script: str, url: str) -> dict:
    why = missing("node", "chromium", "playwright")
    if why:
        pytest.skip(f"audit toolchain not installed: {why} (run audit/install.sh)")
    result = subprocess.run([node(), "-e", script, str(NODE_MODULES), CHROMIUM, url],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
