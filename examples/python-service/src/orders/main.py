"""Serves the store over HTTP on port 8080 (ORDERS_PORT)."""

import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from orders.store import Store

STORE = Store()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps([order.__dict__ for order in STORE.list()]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


def run() -> None:
    port = int(os.environ.get("ORDERS_PORT", "8080"))
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
