"""`/sparql`: the SPARQL 1.1 Protocol over a real store built from the seeds.

Flask's test client for the protocol's rules; a real `kg serve` for the W3C suite.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from api.app import Config, create_app
from api.negotiation import choose, parse_accept
from api.sparql import keywords, tokenize, with_using
from kg.build import build

from .conftest import ROOT

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SRX = "{http://www.w3.org/2005/sparql-results#}"
W3C_RUNNER = ROOT.parent / "shared" / "w3c-protocol" / "w3c_protocol.py"

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
PREFIXES = """PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
AGENCIES = PREFIXES + """SELECT DISTINCT ?agency WHERE {
  ?agency sc:agencyOf <https://w3id.org/statecraft/id/Pakistan> } ORDER BY ?agency"""
AGENCY_GRAPH = PREFIXES + """CONSTRUCT { ?agency sc:agencyOf ?state ; rdfs:label ?label }
WHERE { ?agency sc:agencyOf ?state ; rdfs:label ?label }"""
ISI = "https://w3id.org/statecraft/id/ISI"
REFERENCE = "https://w3id.org/statecraft/graph/reference"
CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


# --- fixtures -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sparql") / "store"
    build(ROOT / "seeds", path)
    return path


@contextlib.contextmanager
def running(config: Config) -> Iterator[Flask]:
    app = create_app(config)
    try:
        yield app
    finally:
        app.extensions["statecraft"].executor.close()


@pytest.fixture(scope="module")
def app(store_path: Path) -> Iterator[Flask]:
    """Read-only (no update token), at most 100 rows a result."""
    with running(Config(store=str(store_path), workers=2, query_timeout=20, max_rows=100,
                        max_query_length=5_000)) as application:
        yield application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def writable(store_path: Path, tmp_path: Path) -> Iterator[tuple[FlaskClient, Path]]:
    """An app taking updates with the token `s3cret`, on its own copy of the store."""
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with running(Config(store=str(copy), workers=2, query_timeout=20, update_token="s3cret")) as application:
        yield application.test_client(), copy


def select(client: FlaskClient, query: str, **params: str) -> list[dict]:
    response = client.get("/sparql", query_string={"query": query, **params}, headers={"Accept": JSON_RESULTS})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["results"]["bindings"]


def values(rows: list[dict], name: str) -> list[str]:
    return [row[name]["value"] for row in rows if name in row]


# --- the three ways of sending a query ----------------------------------------------------

def test_get_form_post_and_direct_post_give_the_same_answer(client: FlaskClient) -> None:
    headers = {"Accept": JSON_RESULTS}
    answers = [
        client.get("/sparql", query_string={"query": AGENCIES}, headers=headers),
        client.post("/sparql", data={"query": AGENCIES}, headers=headers),
        client.post("/sparql", data=AGENCIES.encode(), content_type="application/sparql-query", headers=headers),
        client.post("/sparql", data=AGENCIES.encode(), content_type="application/sparql-query; charset=UTF-8",
                    headers=headers),
    ]
    assert {r.status_code for r in answers} == {200}
    bindings = [r.get_json()["results"]["bindings"] for r in answers]
    assert ISI in values(bindings[0], "agency")
    assert all(b == bindings[0] for b in bindings)


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    response = client.head("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 200 and response.mimetype == JSON_RESULTS and response.data == b""
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize(("request_kwargs", "status", "says"), [
    ({"method": "PUT", "query_string": {"query": "ASK {}"}}, 405, ""),
    ({"method": "GET", "query_string": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "not several"),
    ({"method": "POST", "data": b"ASK {}", "content_type": "text/plain"}, 415, "text/plain"),
    ({"method": "POST", "data": b"query=ASK%20%7B%7D"}, 415, "no Content-Type"),
    ({"method": "POST", "data": "ASK {}".encode("utf-16"),
      "content_type": "application/sparql-query; charset=UTF-16"}, 415, "UTF-8"),
    ({"method": "POST", "data": b"ASK { \xff }", "content_type": "application/sparql-query"}, 400, "UTF-8"),
    ({"method": "POST", "data": {"default-graph-uri": REFERENCE}}, 400, "nothing to do"),
    ({"method": "GET", "query_string": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400, "absolute IRI"),
    ({"method": "GET", "query_string": {"query": "ASK {}", "using-graph-uri": REFERENCE}}, 400, "for updates"),
])
def test_protocol_violations_are_refused_with_json(client: FlaskClient, request_kwargs: dict, status: int,
                                                   says: str) -> None:
    response = client.open("/sparql", **request_kwargs)
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error", "detail"} and says in body["detail"]


def test_a_malformed_query_is_a_400_with_the_parsers_message(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "})
    assert response.status_code == 400
    detail = response.get_json()["detail"]
    assert detail.startswith("malformed SPARQL") and "error at 1:" in detail


def test_a_query_longer_than_the_limit_is_a_413(client: FlaskClient) -> None:
    query = "ASK {}" + " " * 5_000
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 413 and "at most 5000" in response.get_json()["detail"]


def test_a_body_past_max_content_length_is_a_413(store_path: Path) -> None:
    with running(Config(store=str(store_path), workers=1, max_body=1_000)) as application:
        response = application.test_client().post("/sparql", data=b"ASK {}" + b" " * 2_000,
                                                  content_type="application/sparql-query")
    assert response.status_code == 413 and response.is_json


# --- formats and content negotiation ------------------------------------------------------

def _csv_rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(("accept", "content_type"), [
    (JSON_RESULTS, JSON_RESULTS),
    (XML_RESULTS, f"{XML_RESULTS}; charset=utf-8"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
])
def test_select_in_each_result_format(client: FlaskClient, accept: str, content_type: str) -> None:
    response = client.get("/sparql", query_string={"query": AGENCIES}, headers={"Accept": accept})
    assert response.status_code == 200 and response.content_type == content_type
    text = response.get_data(as_text=True)
    if accept == JSON_RESULTS:
        body = json.loads(text)
        assert body["head"]["vars"] == ["agency"]
        agencies = values(body["results"]["bindings"], "agency")
    elif accept == XML_RESULTS:
        root = ET.fromstring(text)
        agencies = [u.text for u in root.iter(f"{SRX}uri")]
    elif accept == "text/csv":
        rows = _csv_rows(text)
        assert rows[0] == ["agency"]
        agencies = [r[0] for r in rows[1:]]
    else:
        lines = text.splitlines()
        assert lines[0] == "?agency"
        agencies = [line.strip("<>") for line in lines[1:]]
    assert ISI in agencies and len(agencies) == len(set(agencies)) > 5


@pytest.mark.parametrize(("accept", "boolean"), [(JSON_RESULTS, "json"), (XML_RESULTS, "xml")])
def test_ask_in_json_and_xml(client: FlaskClient, accept: str, boolean: str) -> None:
    query = f"ASK {{ <{ISI}> ?p ?o }}"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    if boolean == "json":
        assert response.get_json()["boolean"] is True
    else:
        assert ET.fromstring(response.data).find(f"{SRX}boolean").text == "true"


@pytest.mark.parametrize(("accept", "expected"), [
    (None, JSON_RESULTS),
    ("", JSON_RESULTS),
    ("*/*", JSON_RESULTS),
    (f"{JSON_RESULTS},{XML_RESULTS};q=0.9,*/*;q=0.1", JSON_RESULTS),
    (f"{XML_RESULTS},{JSON_RESULTS};q=0.9,*/*;q=0.1", XML_RESULTS),
    (f"{JSON_RESULTS};q=0.5, {XML_RESULTS};q=0.5", JSON_RESULTS),  # a tie: the server's preference
    (f"{XML_RESULTS};q=0.5, {JSON_RESULTS};q=0.5", JSON_RESULTS),
    ("text/csv;q=0.8, text/tab-separated-values", "text/tab-separated-values"),
    ("text/*", "text/csv"),
    ("text/*;q=0.3, text/tab-separated-values;q=0.4, */*;q=0.1", "text/tab-separated-values"),
    (f"{JSON_RESULTS};q=0, */*", XML_RESULTS),
    ("application/json", JSON_RESULTS),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", XML_RESULTS),  # a browser
])
def test_q_values_choose_the_result_format(client: FlaskClient, accept: str | None, expected: str) -> None:
    headers = {} if accept is None else {"Accept": accept}
    response = client.get("/sparql", query_string={"query": AGENCIES}, headers=headers)
    assert response.status_code == 200 and response.mimetype == expected
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize(("names", "expected"), [
    (["csv"], "text/csv"), (["tsv", "text/tab-separated-values"], "text/tab-separated-values"),
    (["xml"], XML_RESULTS), (["json"], JSON_RESULTS), ([JSON_RESULTS], JSON_RESULTS),
])
def test_format_parameter_overrides_accept(client: FlaskClient, names: list[str], expected: str) -> None:
    response = client.get("/sparql", query_string=[("query", AGENCIES), *(("format", n) for n in names)],
                          headers={"Accept": "application/sparql-results+xml;q=0.1"})
    assert response.status_code == 200 and response.mimetype == expected


@pytest.mark.parametrize(("query", "accept"), [
    (AGENCIES, "image/png"),
    (AGENCIES, "text/turtle"),
    (AGENCY_GRAPH, "text/csv"),
    (AGENCY_GRAPH, f"{JSON_RESULTS}, text/turtle;q=0"),
])
def test_406_when_no_format_is_acceptable(client: FlaskClient, query: str, accept: str) -> None:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert "offered" in response.get_json()["detail"]


@pytest.mark.parametrize(("accept", "content_type", "syntax"), [
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml; charset=utf-8", "xml"),
])
def test_construct_in_each_rdf_format(client: FlaskClient, accept: str, content_type: str, syntax: str) -> None:
    turtle = client.get("/sparql", query_string={"query": AGENCY_GRAPH}, headers={"Accept": "text/turtle"})
    reference = Graph().parse(data=turtle.data, format="turtle")
    assert (URIRef(ISI), URIRef("https://w3id.org/statecraft/ontology#agencyOf"),
            URIRef("https://w3id.org/statecraft/id/Pakistan")) in reference
    response = client.post("/sparql", data={"query": AGENCY_GRAPH}, headers={"Accept": accept})
    assert response.status_code == 200 and response.content_type == content_type
    assert isomorphic(Graph().parse(data=response.data, format=syntax), reference)


def test_describe_answers_a_graph_about_the_resource(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{ISI}>"},
                          headers={"Accept": "application/n-triples"})
    graph = Graph().parse(data=response.data, format="nt")
    assert response.status_code == 200 and len(graph) > 0 and set(graph.subjects()) == {URIRef(ISI)}


def test_graphs_default_to_turtle(client: FlaskClient) -> None:
    for accept in (None, "*/*", "text/turtle;q=0.2, application/rdf+xml;q=0.2"):
        response = client.get("/sparql", query_string={"query": AGENCY_GRAPH},
                              headers={} if accept is None else {"Accept": accept})
        assert response.mimetype == "text/turtle"


# --- the dataset --------------------------------------------------------------------------

def _count(client: FlaskClient, query: str, **params: str) -> int:
    return int(select(client, query, **params)[0]["n"]["value"])


def test_the_default_graph_is_the_union_and_from_narrows_it(client: FlaskClient) -> None:
    everything = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    in_reference = _count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{REFERENCE}> {{ ?s ?p ?o }} }}")
    assert everything > in_reference > 0
    assert _count(client, f"SELECT (COUNT(*) AS ?n) FROM <{REFERENCE}> WHERE {{ ?s ?p ?o }}") == in_reference
    relative = "BASE <https://w3id.org/statecraft/> SELECT (COUNT(*) AS ?n) FROM <graph/reference> { ?s ?p ?o }"
    assert _count(client, relative) == in_reference
    # FROM NAMED alone: an empty default graph, and only the graphs named
    named_only = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{REFERENCE}> WHERE {{ ?s ?p ?o }}"
    assert _count(client, named_only) == 0
    graphs = select(client, f"SELECT DISTINCT ?g FROM NAMED <{REFERENCE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert values(graphs, "g") == [REFERENCE]


def test_protocol_graphs_replace_the_querys_from(client: FlaskClient) -> None:
    in_reference = _count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{REFERENCE}> {{ ?s ?p ?o }} }}")
    query = "SELECT (COUNT(*) AS ?n) FROM <urn:x-nothing> WHERE { ?s ?p ?o }"
    assert _count(client, query) == 0
    assert _count(client, query, **{"default-graph-uri": REFERENCE}) == in_reference
    # named-graph-uri alone: the default graph is empty
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"named-graph-uri": REFERENCE}) == 0


def test_graphs_the_store_lacks_are_empty_and_never_fetched(client: FlaskClient,
                                                            canary: tuple[str, list[str]]) -> None:
    url, calls = canary
    assert _count(client, f"SELECT (COUNT(*) AS ?n) FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}") == 0
    assert _count(client, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{url}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == 0
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": f"{url}/d"}) == 0
    assert calls == []


# --- never fetching: SERVICE and LOAD -----------------------------------------------------

def test_the_canary_hears_oxigraph_when_service_is_not_refused(canary: tuple[str, list[str]]) -> None:
    """The control: pyoxigraph itself does go to the network for SERVICE."""
    url, calls = canary
    with contextlib.suppress(Exception):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"))
    assert calls


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX c: <{url}/> SELECT * WHERE {{ SERVICE c:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ BIND(<{url}/sparql> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ # a comment\nSERVICE<{url}/sparql>{{?s ?p ?o}} }}",
    # Oxigraph reads keywords without a word boundary: these are all SERVICE to it
    "PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:sparql {{ ?s ?p ?o }} }}",
    "PREFIX x: <{url}/> SELECT * WHERE {{ SERVICEx:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . ?s ?p trueSERVICE<{url}/sparql>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?x {{ UNDEF }}SERVICE<{url}/sparql>{{ ?s ?p ?o }} }}",
    # a comparison Oxigraph reads as `?s < ?o` whose `<…>` would pass for an IRI holding a quote
    "SELECT * WHERE {{ ?s ?p ?o FILTER(?s<?o&&'x>') SERVICE <{url}/sparql> {{ ?s ?p ?o }} #'\n}}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER(?s<?o&&'''x>''') SERVICE <{url}/sparql> {{ ?s ?p ?o }} #'''\n}}",
])
def test_service_is_refused_before_anything_runs(client: FlaskClient, canary: tuple[str, list[str]],
                                                 template: str) -> None:
    url, calls = canary
    response = client.post("/sparql", data={"query": template.format(url=url)})
    assert response.status_code == 400 and "SERVICE" in response.get_json()["detail"]
    assert calls == []


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p "Federal Security Service" }',
    "SELECT ?s WHERE { ?s ?p '''LOAD and SERVICE''' }",
    "SELECT ?s WHERE { ?s <http://example.org/service> ?o } # SERVICE in a comment",
    "PREFIX ex: <http://example.org/> SELECT ?service WHERE { ?service ex:load ?o . ?o ex:SERVICE ?x }",
    "SELECT ?s WHERE { ?s ?p _:service }",
])
def test_the_words_service_and_load_elsewhere_are_fine(client: FlaskClient, query: str) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)


def test_load_is_refused_even_with_the_token(writable: tuple[FlaskClient, Path],
                                             canary: tuple[str, list[str]]) -> None:
    client, _ = writable
    url, calls = canary
    before = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for update in (f"LOAD <{url}/data.ttl>", f"load silent <{url}/data.ttl> into graph <urn:g>",
                   f"PREFIX : <{url}/> LOAD:data.ttl", f"PREFIX d: <{url}/> LOADd:data.ttl",
                   f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"):
        response = client.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer s3cret"})
        assert response.status_code == 400, update
    assert calls == []
    assert _count(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


# --- updates ------------------------------------------------------------------------------

INSERT = "INSERT DATA { GRAPH <urn:x-test:g> { <urn:x-test:s> <urn:x-test:p> 'inserted' } }"
PROBE = "ASK { <urn:x-test:s> <urn:x-test:p> 'inserted' }"


def _ask(client: FlaskClient, query: str) -> bool:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": JSON_RESULTS})
    assert response.status_code == 200
    return response.get_json()["boolean"]


def test_updates_are_refused_when_no_token_is_configured(client: FlaskClient) -> None:
    for kwargs in ({"data": {"update": INSERT}},
                   {"data": INSERT.encode(), "content_type": "application/sparql-update"}):
        response = client.post("/sparql", headers={"Authorization": "Bearer anything"}, **kwargs)
        assert response.status_code == 403
        assert "updates are disabled" in response.get_json()["detail"]
    assert not _ask(client, PROBE)


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic czNjcmV0", "Bearer ", "Bearer s3cret2"])
def test_updates_need_the_right_token(writable: tuple[FlaskClient, Path], authorization: str | None) -> None:
    client, _ = writable
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.post("/sparql", data={"update": INSERT}, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"] == "Unauthorized"
    assert not _ask(client, PROBE)


def test_an_update_with_the_token_is_seen_by_the_very_next_query(writable: tuple[FlaskClient, Path]) -> None:
    client, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    assert not _ask(client, PROBE)  # the workers have a view open already
    response = client.post("/sparql", data={"update": INSERT}, headers=auth)
    assert response.status_code == 204 and response.data == b""
    assert _ask(client, PROBE)
    response = client.post("/sparql", data=b"CLEAR GRAPH <urn:x-test:g>", headers=auth,
                           content_type="application/sparql-update")
    assert response.status_code == 204
    assert not _ask(client, PROBE)
    for i in range(5):  # back to back, faster than file timestamps tick
        client.post("/sparql", data={"update": f"INSERT DATA {{ <urn:x-test:n> <urn:x-test:i> {i} }}"}, headers=auth)
        assert _ask(client, f"ASK {{ <urn:x-test:n> <urn:x-test:i> {i} }}")


def test_update_errors(writable: tuple[FlaskClient, Path]) -> None:
    client, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    response = client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> }"}, headers=auth)
    assert response.status_code == 400 and response.get_json()["detail"].startswith("malformed SPARQL")
    response = client.get("/sparql", query_string={"update": INSERT}, headers=auth)
    assert response.status_code == 400 and "POST" in response.get_json()["detail"]
    assert not _ask(client, PROBE)


def test_an_update_past_the_time_limit_is_stopped_and_writes_nothing(store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    runaway = ("INSERT { GRAPH <urn:x-test:cube> { ?a ?p ?c } } "  # an update reads the default graph,
               "WHERE { GRAPH ?g { ?a ?p ?b } GRAPH ?h { ?c ?q ?d } GRAPH ?i { ?e ?r ?f } }")  # empty here
    auth = {"Authorization": "Bearer s3cret"}
    with running(Config(store=str(copy), workers=1, query_timeout=2, update_token="s3cret")) as application:
        client = application.test_client()
        response = client.post("/sparql", data={"update": runaway}, headers=auth)
        assert response.status_code == 503
        assert "time limit" in response.get_json()["detail"] and response.headers["Retry-After"]
        assert not _ask(client, "ASK { GRAPH <urn:x-test:cube> { ?s ?p ?o } }")
        # the killed update let go of the store: the next one is written
        assert client.post("/sparql", data={"update": INSERT}, headers=auth).status_code == 204
        assert _ask(client, PROBE)


def test_using_graph_uri_sets_the_updates_dataset(writable: tuple[FlaskClient, Path]) -> None:
    client, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    update = PREFIXES + "INSERT { GRAPH <urn:x-test:copy> { ?a sc:agencyOf ?s } } WHERE { ?a sc:agencyOf ?s }"
    # an update's WHERE reads the store's own default graph, which is empty here…
    assert client.post("/sparql", data={"update": update}, headers=auth).status_code == 204
    assert not _ask(client, "ASK { GRAPH <urn:x-test:copy> { ?a ?p ?s } }")
    # …unless using-graph-uri names the graphs to read
    response = client.post(f"/sparql?using-graph-uri={REFERENCE}", data=update.encode(), headers=auth,
                           content_type="application/sparql-update")
    assert response.status_code == 204
    assert _ask(client, f"ASK {{ GRAPH <urn:x-test:copy> {{ <{ISI}> ?p ?s }} }}")
    conflict = "WITH <urn:x-test:copy> DELETE { ?a ?p ?s } WHERE { ?a ?p ?s }"
    response = client.post("/sparql", data={"update": conflict, "using-named-graph-uri": REFERENCE}, headers=auth)
    assert response.status_code == 400 and "USING or WITH" in response.get_json()["detail"]


def test_relative_iris_resolve_against_the_endpoint(writable: tuple[FlaskClient, Path]) -> None:
    client, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    assert client.post("/sparql", data={"update": "INSERT DATA { <rel-s> <rel-p> <rel-o> }"},
                       headers=auth).status_code == 204
    assert _ask(client, "ASK { <http://localhost/rel-s> <http://localhost/rel-p> <http://localhost/rel-o> }")
    assert _ask(client, "ASK { <rel-s> <rel-p> <rel-o> }")


# --- limits -------------------------------------------------------------------------------

def test_results_past_max_rows_are_cut_and_flagged(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"},
                          headers={"Accept": JSON_RESULTS})
    assert response.status_code == 200
    assert response.headers["X-Statecraft-Truncated"] == "true"
    assert len(response.get_json()["results"]["bindings"]) == 100
    csv_response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "csv"})
    assert len(_csv_rows(csv_response.get_data(as_text=True))) == 101
    graph = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/n-triples"})
    assert graph.headers["X-Statecraft-Truncated"] == "true"
    assert len(Graph().parse(data=graph.data, format="nt")) <= 100
    exact = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 100"})
    assert "X-Statecraft-Truncated" not in exact.headers
    assert len(exact.get_json()["results"]["bindings"]) == 100


def test_cut_results_keep_every_kind_of_term(client: FlaskClient) -> None:
    query = """SELECT ?iri ?blank ?plain ?lang ?typed ?unbound WHERE {
      BIND(<http://example.org/é> AS ?iri) BIND(BNODE() AS ?blank) BIND("tab\\tnew\\nline \\"q\\" é" AS ?plain)
      BIND("bonjour"@fr AS ?lang) BIND(42 AS ?typed) }"""
    row = select(client, query)[0]
    assert row["iri"] == {"type": "uri", "value": "http://example.org/é"}
    assert row["blank"]["type"] == "bnode"
    assert row["plain"] == {"type": "literal", "value": 'tab\tnew\nline "q" é'}
    assert row["lang"] == {"type": "literal", "value": "bonjour", "xml:lang": "fr"}
    assert row["typed"] == {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "unbound" not in row


def test_the_time_limit_stops_a_runaway_query_while_others_are_answered(store_path: Path) -> None:
    with running(Config(store=str(store_path), workers=2, query_timeout=1.5)) as application:
        outcome: dict[str, object] = {}

        # Rows stream: SELECT * stops at max_rows, well inside the limit…
        started = time.monotonic()
        cut = application.test_client().get("/sparql", query_string={"query": CROSS_PRODUCT})
        assert cut.status_code == 200 and cut.headers["X-Statecraft-Truncated"] == "true"
        assert time.monotonic() - started < 1.5
        # …so the runaway is one that must see every row before its first answer.
        runaway_query = CROSS_PRODUCT.replace("SELECT *", "SELECT (COUNT(*) AS ?n)")

        def runaway() -> None:
            started = time.monotonic()
            response = application.test_client().get("/sparql", query_string={"query": runaway_query})
            outcome.update(status=response.status_code, body=response.get_json(), took=time.monotonic() - started)

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        small = application.test_client().get("/sparql", query_string={"query": AGENCIES})
        small_took = time.monotonic() - started
        assert small.status_code == 200 and ISI in values(small.get_json()["results"]["bindings"], "agency")
        assert "status" not in outcome  # answered while the runaway was still running
        thread.join(30)
        assert outcome["status"] == 503 and "stopped after 1.5 s" in outcome["body"]["detail"]
        assert small_took < 1.0 and outcome["took"] < 5
        # the killed worker is replaced and the server keeps answering
        for _ in range(3):
            assert application.test_client().get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


# --- service description ------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "syntax", "media"), [
    (None, "turtle", "text/turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "turtle", "text/turtle"),
    ("application/rdf+xml", "xml", "application/rdf+xml"),
    ("application/ld+json", "json-ld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
])
def test_service_description(client: FlaskClient, accept: str | None, syntax: str, media: str) -> None:
    response = client.get("/sparql", headers={} if accept is None else {"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media
    graph = Graph().parse(data=response.data, format=syntax)
    service = graph.value(predicate=SD.endpoint, object=URIRef("http://localhost/sparql"))
    assert service is not None
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}  # read-only
    assert set(graph.objects(service, SD.resultFormat)) == {
        URIRef(f"http://www.w3.org/ns/formats/{name}") for name in (
            "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
            "Turtle", "N-Triples", "JSON-LD", "RDF_XML")}
    assert SD.UnionDefaultGraph in set(graph.objects(service, SD.feature))
    dataset = graph.value(service, SD.defaultDataset)
    names = {graph.value(n, SD.name) for n in graph.objects(dataset, SD.namedGraph)}
    assert URIRef(REFERENCE) in names
    assert graph.value(dataset, SD.defaultGraph) is not None


def test_service_description_lists_update_when_a_token_is_set(writable: tuple[FlaskClient, Path]) -> None:
    client, _ = writable
    graph = Graph().parse(data=client.get("/sparql").data, format="turtle")
    assert set(graph.objects(None, SD.supportedLanguage)) == {SD.SPARQL11Query, SD.SPARQL11Update}
    dataset = next(graph.objects(None, SD.defaultDataset))
    triples = graph.value(graph.value(dataset, SD.defaultGraph), URIRef("http://rdfs.org/ns/void#triples"))
    assert isinstance(triples, Literal) and triples.toPython() > 1000


# --- the pieces ---------------------------------------------------------------------------

def test_parse_accept_orders_by_quality_then_specificity() -> None:
    assert parse_accept("*/*;q=0.1, text/*;q=0.5, text/turtle;charset=utf-8, application/json") == [
        ("text/turtle", 1.0, 3), ("application/json", 1.0, 2), ("text/*", 0.5, 1), ("*/*", 0.1, 0)]
    assert parse_accept("text/turtle;q=abc, bogus, text/csv;q=2") == [("text/turtle", 0.0, 2), ("text/csv", 0.0, 2)]
    assert parse_accept(None) == []


def test_choose() -> None:
    offers = ["text/turtle", "application/rdf+xml"]
    assert choose(None, offers) == "text/turtle"
    assert choose("application/rdf+xml;q=0.9, text/turtle;q=0.8", offers) == "application/rdf+xml"
    assert choose("text/*;q=0.9, text/turtle;q=0.1, application/rdf+xml;q=0.5", offers) == "application/rdf+xml"
    assert choose("image/png", offers) is None
    assert choose("*/*;q=0", offers) is None
    assert choose("nonsense", offers) == "text/turtle"


def test_tokenizer_skips_strings_iris_and_comments() -> None:
    tokens, _ = tokenize('SELECT ?x WHERE { ?x <http://ex.org/#service> "a # SERVICE" } # SERVICE')
    assert [t.text for t in tokens if t.kind == "word"] == ["SELECT", "WHERE"]
    assert keywords("ASK { ?s ?p 'LOAD' } # LOAD") == {"ASK"}
    assert "SERVICE" in keywords("ASK { FILTER(?a<?b&&'x>') SERVICE <http://e/> {} #'\n}")
    assert {"SERVICEX", "TRUESERVICE"} <= keywords("ASK { SERVICEx:y {} ?s ?p trueSERVICE<urn:x> {} }")


def test_with_using_goes_before_each_delete_insert_where() -> None:
    update = ("DELETE WHERE { ?a ?b ?c } ; INSERT { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } } ;"
              " DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    tokens, _ = tokenize(update)
    rewritten = with_using(update, tokens, ["urn:d"], ["urn:n"])
    assert rewritten.count("USING <urn:d> USING NAMED <urn:n> WHERE") == 2
    assert rewritten.startswith("DELETE WHERE { ?a ?b ?c }")
    assert "SELECT * WHERE" in rewritten


# --- the W3C SPARQL 1.1 Protocol suite, against a real server -----------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def kg_serve(store: Path, *options: str) -> Iterator[str]:
    """`kg serve` on `store` in a subprocess; yields its /sparql URL once it answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store),
                                "--port", str(port), *options], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kg serve exited: {process.stdout.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.kill()
        process.wait(10)
        process.stdout.close()


@pytest.mark.skipif(not W3C_RUNNER.exists(), reason="the W3C protocol suite is not beside the project")
def test_w3c_sparql_protocol_suite_passes(store_path: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"  # the suite clears the store
    shutil.copytree(store_path, scratch)
    with kg_serve(scratch, "--update-token", "w3c") as url:
        run = subprocess.run([sys.executable, str(W3C_RUNNER), "--query-url", url, "--update-url", url,
                              "--header", "Authorization: Bearer w3c", "--verbose"],
                             capture_output=True, text=True, timeout=300)
    last = run.stdout.strip().splitlines()[-1]
    assert last == "w3c protocol: 34/34 passed", run.stdout + run.stderr
    assert "warning" not in run.stderr, run.stderr
