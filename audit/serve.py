"""A tiny threaded static server for the built site, on a loopback port.

It behaves like the static hosts a Pelican site is published on (GitHub
Pages, Netlify): ``/dir/`` serves ``dir/index.html``, a missing path answers
404 with the site's ``404.html``, text is gzip-compressed when the browser asks
for it, and responses carry ``Cache-Control``. It logs every request so the
audit can tell what a page really fetched.

    with serve(Path("output")) as server:
        print(server.base_url)   # http://127.0.0.1:PORT
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

_COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/manifest+json",
    "image/svg+xml",
)


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".webp": "image/webp",
        ".avif": "image/avif",
        ".woff2": "font/woff2",
        ".woff": "font/woff",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
        ".bib": "text/plain",
    }

    def __init__(self, *args, server_state: Server, **kwargs):
        self.state = server_state
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:
        pass  # quiet; requests are recorded in log_request

    def log_request(self, code="-", size="-") -> None:
        self.state.requests.append(
            (self.command, self.path, int(code) if str(code).isdigit() else 0)
        )

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.exists(path):
            return self._not_found()
        if os.path.isdir(path) or not self.state.gzip:
            return super().send_head()
        ctype = self.guess_type(path)
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not ctype.startswith(
            _COMPRESSIBLE
        ):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@dataclass
class Server:
    site: Path
    gzip: bool = True
    port: int = 0
    requests: list[tuple[str, str, int]] = field(default_factory=list)
    base_url: str = ""


def free_port() -> int:
    """A loopback port free right now: to build the site for http://127.0.0.1:PORT before serving it."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path, *, port: int = 0, compress: bool = True) -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1 (port 0: a free one) for the ``with`` block."""
    state = Server(Path(site).resolve(), gzip=compress)
    handler = functools.partial(_Handler, directory=str(state.site), server_state=state)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    state.base_url = f"http://127.0.0.1:{state.port}"
    thread = threading.Thread(target=httpd.serve_forever, name="audit-serve", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def main() -> None:  # pragma: no cover - manual use: python -m audit.serve DIR [PORT]
    import sys
    import time

    with serve(Path(sys.argv[1]), port=int(sys.argv[2]) if len(sys.argv) > 2 else 0) as s:
        print(f"Serving {s.site} on {s.base_url}/ (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":  # pragma: no cover
    main()
