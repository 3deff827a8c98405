"""The same commands against a real Oxigraph server: `--store sparql+http://…`."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.build import add, build, document_ids, remove
from kg.questions import ask, load_catalogue
from kg.store import OxigraphStore, RemoteStore, open_store

from .conftest import ROOT

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not Path(OXIGRAPH).exists():
        pytest.fail("the oxigraph server is not installed (pip install oxigraph; the test extra has it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder / "db"), "--bind",
                               f"127.0.0.1:{port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"sparql+{url}"
    finally:
        server.terminate()
        server.wait(10)


def test_open_store_gives_a_remote_store_for_sparql_urls(endpoint: str) -> None:
    store = open_store(endpoint)
    assert isinstance(store, RemoteStore) and store.update_url.endswith("/update")


def test_build_and_questions_agree_with_the_embedded_store(endpoint: str, tmp_path: Path) -> None:
    build(ROOT / "seeds", endpoint)
    build(ROOT / "seeds", tmp_path / "local")
    catalogue = load_catalogue()
    with OxigraphStore(tmp_path / "local", read_only=True) as local:
        remote = open_store(endpoint)
        for question, params in [("agencies", {"state": "Pakistan"}), ("tariffs", {}), ("events", {}),
                                 ("evidence", {"entity": "ISI"}), ("resources", {"state": "pakistan"})]:
            here = ask(catalogue[question], params, local.select).rows
            there = ask(catalogue[question], params, remote.select).rows
            key = lambda rows: sorted(tuple(sorted(r.items())) for r in rows)  # noqa: E731
            assert key(there) == key(here) and here, question


def test_add_and_remove_documents_remotely(endpoint: str, tmp_path: Path) -> None:
    build(ROOT / "seeds", endpoint)
    report = tmp_path / "report.md"
    report.write_text("---\nid: remote-report\n---\nPakistan's Frontier Works Organisation (FWO) signed a "
                      "memorandum of understanding with US Strategic Metals (USSM).\n")
    store = open_store(endpoint)
    add([report], store)
    assert "remote-report" in document_ids(store)
    remove(["remote-report"], store)
    assert document_ids(store) == ["us-pakistan-strategic-realism"]
