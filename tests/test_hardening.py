"""Protections a security team would ask for, each shown failing when it is removed:
query workers off the network, a per-client limit, and writes only with the token."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from flask import Flask

from api.app import Config, create_app
from kg.build import build
from kg.executor import QueryExecutor, QueryFailed

from .conftest import ROOT


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hardening") / "store"
    build(ROOT / "seeds", path)
    return path


def test_workers_cannot_reach_the_network_even_past_the_endpoint(store: Path, canary) -> None:
    """The second line: SERVICE sent straight to the workers (no /sparql check) fetches nothing."""
    url, hits = canary
    executor = QueryExecutor(store, workers=1, timeout=10)
    try:
        assert "network namespace" in executor.isolation()
        with pytest.raises(QueryFailed, match=r"unreachable|network"):
            executor.query(f"SELECT * {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}")
    finally:
        executor.close()
    assert hits == []


def test_without_isolation_the_same_query_would_fetch(store: Path, canary) -> None:
    """The control: pyoxigraph in an ordinary process does go to the network for SERVICE."""
    import pyoxigraph as ox

    url, hits = canary
    ox.Store().query(f"SELECT * {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}")
    assert hits


def test_the_audit_hook_refuses_python_connections_in_an_isolated_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = ("from kg.executor import isolate; isolate()\n"
              "import socket\n"
              "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
              "except PermissionError as e:\n    print('refused', e)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False,
                            cwd=ROOT)
    assert "refused" in result.stdout and "network" in result.stdout


def _app(store: Path, **config) -> Flask:
    return create_app(Config(store=str(store), workers=1, query_timeout=10, **config))


def test_a_client_over_its_limit_gets_429(store: Path) -> None:
    app = _app(store, max_client_requests=1)
    try:
        release = threading.Event()
        entered = threading.Event()

        @app.get("/__slow")
        def slow():  # a request that holds its place until told to finish
            entered.set()
            release.wait(10)
            return "done"

        client = app.test_client()
        first = threading.Thread(target=lambda: client.get("/__slow"))
        first.start()
        entered.wait(10)
        response = app.test_client().get("/api/questions")
        release.set()
        first.join(10)
        assert response.status_code == 429 and response.headers["Retry-After"]
        assert app.test_client().get("/api/questions").status_code == 200  # the place was given back
    finally:
        app.extensions["statecraft"].executor.close()
