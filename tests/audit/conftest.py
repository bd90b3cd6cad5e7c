"""Test setup for the audit gates (tests/audit/).

Registers the ``audit`` marker: tests that need Chromium, Java or the npm tools
(``audit/install.sh`` installs them) carry it, and skip with the reason when a
tool is missing. CI runs them explicitly after installing: ``pytest -m audit``.
"""


import gc
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture
def serve():
    """serve(folder) -> the URL of a loopback server of that folder, for this test."""
    servers = []

    def start(folder) -> str:
        handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
    gc.collect()  # sockets the browser left behind are reported now, inside the test (see below)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "audit: needs the audit toolchain (chromium, java, node_modules from audit/install.sh); "
        "skips when a tool is missing",
    )


def pytest_collection_modifyitems(items):
    # The audit's local HTTP server shuts down while the browser may still hold
    # a keep-alive connection; its handler thread's socket is then closed by the
    # garbage collector, which Python reports as an unraisable ResourceWarning.
    # That is the browser's connection, not a leak in the project's code.
    for item in items:
        if "tests/audit/" in str(item.fspath):
            item.add_marker(pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"))
