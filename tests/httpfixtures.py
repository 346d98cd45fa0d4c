"""A real HTTP server on 127.0.0.1 for tests (downloads, Nominatim-like answers)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes
    status: int = 200
    content_type: str = "application/octet-stream"
    truncate_to: int | None = None  # send fewer bytes than Content-Length says


@dataclass
class LocalServer:
    """Routes by path; ``handler`` answers paths without a route (gets path and query)."""

    routes: dict[str, Route] = field(default_factory=dict)
    handler: Callable[[str, str], Route | None] | None = None
    requests: list[str] = field(default_factory=list)
    url: str = ""

    def start(self) -> LocalServer:
        server_ref = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                server_ref.requests.append(self.path)
                route = server_ref.routes.get(parts.path)
                if route is None and server_ref.handler is not None:
                    route = server_ref.handler(parts.path, parts.query)
                if route is None:
                    route = Route(b"not found", status=404, content_type="text/plain")
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                body = route.body if route.truncate_to is None else route.body[:route.truncate_to]
                self.wfile.write(body)
                if route.truncate_to is not None:
                    self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
