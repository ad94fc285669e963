"""Fixtures of the batch tests: generated bad inputs, a local HTTP server."""

from __future__ import annotations

import http.server
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

_HERE = Path(__file__).resolve().parent


def _load(name: str) -> Any:
    """Load a helper module of this folder (tests are imported with --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location(f"delib_batch_{name}", _HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[f"delib_batch_{name}"] = mod
    spec.loader.exec_module(mod)
    return mod


pdfgen = _load("pdfgen")
helpers = _load("helpers")


@pytest.fixture(scope="session")
def gen() -> Any:
    """The generator module (tests/batch/pdfgen.py)."""
    return pdfgen


@pytest.fixture(scope="session")
def h() -> Any:
    """Helpers: run ``delib`` in a subprocess, read the warehouse (tests/batch/helpers.py)."""
    return helpers


@pytest.fixture(scope="session")
def real_pdfs() -> dict[str, Path]:
    names = [*pdfgen.GOOD_REAL, pdfgen.SCANNED_REAL, pdfgen.XREF_REAL, pdfgen.OWNER_ONLY_REAL]
    missing = [n for n in names if not pdfgen.real(n).is_file()]
    if missing:
        pytest.skip(f"../shared/real PDFs not found beside the repository ({missing[0]})")
    return {n: pdfgen.real(n) for n in names}


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, bytes, float, bool]]] = {}
    hits: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, body, delay, send_length = route
        if status == -503:  # fail the first request, then serve the body
            if self.hits[self.path] == 1:
                self.send_error(503, "Service Unavailable")
                return
            status = 200
        if delay:
            time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/pdf")
        if send_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalServer:
    """http.server on 127.0.0.1, ephemeral port, in a thread."""

    def __init__(self) -> None:
        handler = type("Handler", (_Handler,), {"routes": {}, "hits": {}})
        self.handler = handler
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def serve(
        self, path: str, body: bytes, status: int = 200, delay: float = 0.0, send_length: bool = True
    ) -> str:
        """Serve ``body`` at ``path``; status -503 fails the first request only."""
        self.handler.routes[path] = (status, body, delay, send_length)
        return self.base + path

    def hits(self, path: str) -> int:
        return int(self.handler.hits.get(path, 0))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    try:
        yield server
    finally:
        server.close()
