"""Test setup for the audit gates (tests/audit/).

Registers the ``audit`` marker: tests that need Chromium, Java or the npm tools
(``audit/install.sh`` installs them) carry it, and skip with the reason when a
tool is missing. CI runs them explicitly after installing: ``pytest -m audit``.
"""

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:  # `import audit` works however pytest is started
    sys.path.insert(0, str(PROJECT))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "audit: needs the audit toolchain (chromium, java, node_modules from audit/install.sh); "
        "skips when a tool is missing",
    )
