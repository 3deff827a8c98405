"""Shared fixtures: the real ontology files and real Oxigraph stores on disk."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph

from kg.ontology import ontology_graph, reference_graph, shapes_graph
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """
@prefix sc: <https://w3id.org/statecraft/ontology#> .
@prefix id: <https://w3id.org/statecraft/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(text: str) -> Graph:
    """A graph from a Turtle snippet written without prefix declarations."""
    return Graph().parse(data=PREFIXES + text, format="turtle")


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="session")
def reference() -> Graph:
    return reference_graph()


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return shapes_graph()


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    with OxigraphStore(tmp_path / "store") as s:
        yield s


@contextmanager
def running_server(folder: Path, *extra: str, docs: Path | None = None) -> Iterator[str]:
    """A real `kg serve` on a free loopback port over a store built from `docs` (the seeds)."""
    from kg.build import build

    store = folder / "store"
    build(docs or ROOT / "seeds", store)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kg = Path(sys.executable).with_name("kg")
    process = subprocess.Popen([str(kg), "serve", "--store", str(store), "--port", str(port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"kg serve did not start: {output[-2000:]}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


class _Canary(http.server.BaseHTTPRequestHandler):
    """A loopback HTTP server that only records who called: in these tests, nothing should.

    It answers like what a fetch would expect (SPARQL results, a JSON-LD context, Turtle),
    so a control test can show a fetch really happens when a protection is off.
    """

    calls: list[str]

    def do_GET(self) -> None:
        self.calls.append(f"{self.command} {self.path}")
        if "sparql" in self.path:
            media, body = "application/sparql-results+json", b'{"head": {"vars": []}, "results": {"bindings": []}}'
        elif "json" in self.path:
            media, body = "application/ld+json", b'{"@context": {"name": "http://xmlns.com/foaf/0.1/name"}}'
        else:
            media, body = "text/turtle", b"<urn:s> <urn:p> <urn:o> .\n"
        self.send_response(200)
        self.send_header("Content-Type", media)
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """(base URL, calls so far) of a canary HTTP server on loopback."""
    calls: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Canary,), {"calls": calls}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", calls
    finally:
        server.shutdown()
