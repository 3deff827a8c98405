"""/store: the SPARQL 1.1 Graph Store HTTP Protocol, and RDF input that cannot be turned
against the host (entity expansion, remote JSON-LD contexts)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph

from api.app import Config, create_app
from kg.build import build
from kg.errors import KGError
from kg.rdfio import read_rdf_file

from .conftest import ROOT

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPH = "https://example.org/graph/uploaded"
TURTLE = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> ."

# 1 KB of RDF/XML whose entities would expand to 8 MB (and, nested once more, to 160 MB).
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
<rdf:Description rdf:about="http://ex/s"><ex:p>&e;</ex:p></rdf:Description></rdf:RDF>"""


def _app(tmp: Path, token: str | None) -> Flask:
    build(ROOT / "seeds", tmp / "store")
    return create_app(Config(store=str(tmp / "store"), update_token=token, workers=1, query_timeout=10))


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    application = _app(tmp_path, TOKEN)
    yield application
    application.extensions["statecraft"].executor.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _triples(client: FlaskClient, graph: str = GRAPH) -> int:
    response = client.get("/store", query_string={"graph": graph}, headers={"Accept": "application/n-triples"})
    return 0 if response.status_code == 404 else len(Graph().parse(data=response.get_data(as_text=True), format="nt"))


def test_put_creates_then_replaces_a_graph(client: FlaskClient) -> None:
    put = lambda body: client.put("/store", query_string={"graph": GRAPH}, data=body,  # noqa: E731
                                  headers={**AUTH, "Content-Type": "text/turtle"})
    assert put(TURTLE).status_code == 201
    assert put(TURTLE.replace(b"/o>", b"/o2>")).status_code == 204
    assert _triples(client) == 1


def test_post_merges_into_a_graph(client: FlaskClient) -> None:
    for body in (TURTLE, TURTLE.replace(b"/o>", b"/o2>")):
        client.post("/store", query_string={"graph": GRAPH}, data=body, headers={**AUTH, "Content-Type": "text/turtle"})
    assert _triples(client) == 2


def test_delete_drops_a_graph_and_404s_after(client: FlaskClient) -> None:
    client.put("/store", query_string={"graph": GRAPH}, data=TURTLE, headers={**AUTH, "Content-Type": "text/turtle"})
    assert client.delete("/store", query_string={"graph": GRAPH}, headers=AUTH).status_code == 204
    assert client.get("/store", query_string={"graph": GRAPH}).status_code == 404


def test_get_reads_a_document_graph(client: FlaskClient) -> None:
    graph = "https://w3id.org/statecraft/graph/us-pakistan-strategic-realism"
    assert _triples(client, graph) > 500


def test_writes_need_the_token_and_change_nothing_without_it(client: FlaskClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = client.put("/store", query_string={"graph": GRAPH}, data=TURTLE,
                              headers={**headers, "Content-Type": "text/turtle"})
        assert response.status_code == 401 and response.get_json()["detail"]
    assert _triples(client) == 0


def test_writes_are_off_without_an_update_token(tmp_path: Path) -> None:
    app = _app(tmp_path, None)
    try:
        response = app.test_client().put("/store", query_string={"graph": GRAPH}, data=TURTLE,
                                         headers={**AUTH, "Content-Type": "text/turtle"})
        assert response.status_code == 403
    finally:
        app.extensions["statecraft"].executor.close()


def test_an_entity_bomb_is_refused_in_milliseconds_and_changes_nothing(client: FlaskClient) -> None:
    started = time.perf_counter()
    response = client.put("/store", query_string={"graph": GRAPH}, data=BOMB,
                          headers={**AUTH, "Content-Type": "application/rdf+xml"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 400 and "ENTITY" in response.get_json()["detail"]
    assert elapsed < 0.5
    assert _triples(client) == 0


def test_a_remote_jsonld_context_is_never_fetched(client: FlaskClient, canary) -> None:
    url, hits = canary
    body = f'{{"@context": "{url}/context.jsonld", "@id": "https://example.org/s", "name": "x"}}'.encode()
    response = client.put("/store", query_string={"graph": GRAPH}, data=body,
                          headers={**AUTH, "Content-Type": "application/ld+json"})
    assert response.status_code == 400 and "context" in response.get_json()["detail"]
    assert hits == []


def test_bomb_in_an_rdf_file_is_refused_by_the_reader(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_bytes(BOMB)
    with pytest.raises(KGError, match="ENTITY") as error:
        read_rdf_file(bomb)
    assert error.value.line == 2


def test_a_remote_context_in_a_jsonld_file_is_not_fetched(tmp_path: Path, canary) -> None:
    url, hits = canary
    doc = tmp_path / "remote.jsonld"
    doc.write_text(f'{{"@context": "{url}/c.jsonld", "@id": "https://example.org/s", "name": "x"}}')
    with pytest.raises(KGError, match="context"):
        read_rdf_file(doc)
    assert hits == []


def test_uploads_in_unknown_formats_are_415(client: FlaskClient) -> None:
    response = client.put("/store", query_string={"graph": GRAPH}, data=b"x",
                          headers={**AUTH, "Content-Type": "application/pdf"})
    assert response.status_code == 415


def test_a_graph_must_be_named_exactly_once(client: FlaskClient) -> None:
    assert client.get("/store").status_code == 400
    assert client.get("/store", query_string={"graph": GRAPH, "default": ""}).status_code == 400
