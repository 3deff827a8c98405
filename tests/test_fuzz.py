"""Fuzzing: schemathesis against the app's own /openapi.json, and hypothesis over question
parameters, SPARQL requests, Accept headers and the document reader.

Deterministic and bounded: every property runs a fixed number of examples, derandomized (and
schemathesis with a fixed seed), with no example database, so CI sees the same inputs on every
run. The HTTP properties go through Flask's test client against real stores built from the
seeds: a scratch store that the write operations (PUT/POST/DELETE /store, SPARQL Update) may
change at will, and one that only ever sees reads, so a label that names a real entity keeps
naming one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import TestResponse

from api.app import Config, create_app
from api.openapi import openapi_document
from kg.build import build
from kg.documents import Document, parse_text_document, read_document
from kg.errors import KGError
from kg.namespaces import ID
from kg.questions import load_catalogue

from .conftest import ROOT

TOKEN = "t"
SEED = 20240917
QUESTIONS = load_catalogue()
DOC_ID = "us-pakistan-strategic-realism"  # the seed document


def fuzz(max_examples: int) -> settings:
    """One property's settings: bounded, reproducible, no deadline (SPARQL runs in worker processes)."""
    return settings(max_examples=max_examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])


def _app(folder: Path, **config) -> Flask:
    build(ROOT / "seeds", folder / "store")
    return create_app(Config(store=str(folder / "store"), workers=2, **config))


@pytest.fixture(scope="module")
def scratch_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """Writes allowed with the token: schemathesis and the update fuzzing may change this store."""
    application = _app(tmp_path_factory.mktemp("fuzz-scratch"), query_timeout=10, update_token=TOKEN)
    yield application
    application.extensions["statecraft"].executor.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """Reads only (no update token). A short time limit, so a random query that runs away costs
    seconds, not the default ten; such a query must then be answered 503, which is allowed."""
    application = _app(tmp_path_factory.mktemp("fuzz-read"), query_timeout=3)
    yield application
    application.extensions["statecraft"].executor.close()


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def assert_json_error(response: TestResponse, *codes: int) -> dict:
    """The status is one of `codes` and the body is `{"error": …, "detail": …}` with a detail."""
    text = response.get_data(as_text=True)
    assert response.status_code in codes, (response.status_code, text[:500])
    assert response.mimetype == "application/json", (response.mimetype, text[:500])
    body = json.loads(text)
    assert isinstance(body.get("error"), str) and body["error"], body
    assert isinstance(body.get("detail"), str) and body["detail"].strip(), body
    return body


def assert_not_server_error(response: TestResponse) -> None:
    """No 5xx except 503 for a query stopped at the time limit, which says so."""
    if response.status_code >= 500:
        body = assert_json_error(response, 503)
        assert "time limit" in body["detail"], body


# --- 1. schemathesis: every operation in /openapi.json ---------------------------------------
#
# schemathesis.pytest.from_fixture cannot be used: its subtests set Function._nodeid, which
# pytest 9 no longer has. So each operation is a test of its own, parametrized by the labels of
# the description the code generates, each run as a hypothesis property over schemathesis'
# strategy for that operation of the schema loaded from the live app; a separate test checks that
# the live schema has exactly these operations, so none is skipped without anyone noticing.

# schemathesis leaves out the operation that serves the schema it was loaded from (GET /openapi.json): loading
# it is that operation's test here, and tests/test_api.py validates the document itself.
SCHEMA_ITSELF = "GET /openapi.json"
LABELS = [label for path, item in openapi_document(QUESTIONS)["paths"].items()
          for label in (f"{method.upper()} {path}" for method in item) if label != SCHEMA_ITSELF]
# Bodies that are text in a media type schemathesis has no serializer for: sent as they are (UTF-8), as
# text/plain is; without this it could not send an update, a SPARQL query body or a graph at all.
RDF_AND_SPARQL_BODIES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
                         "application/sparql-query", "application/sparql-update"]
schemathesis.serializer.alias(RDF_AND_SPARQL_BODIES, "text/plain")
STORE_TARGETS = [{"default": ""}, {"graph": "https://w3id.org/statecraft/graph/reference"}, {"graph": "urn:fuzz"}]
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
WRITES = {"PUT", "POST", "DELETE"}


@pytest.fixture(scope="module")
def api_schema(scratch_app: Flask) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi("/openapi.json", scratch_app, config=schemathesis.Config(seed=SEED))


def test_schemathesis_sees_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    live = sorted(result.ok().label for result in api_schema.get_all_operations())
    assert live == sorted(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_operation_conforms_to_the_openapi_description(api_schema: schemathesis.BaseSchema, label: str) -> None:
    """No 5xx; documented status codes and content types; JSON bodies matching their schemas.

    Valid and invalid requests (schemathesis' positive and negative modes). Nothing is excluded:
    the write operations run too, half of the time with the update token, on the scratch store
    (that they really write is tested elsewhere; here they must only never fail the app).
    """
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label
    strategies = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
    if operation.path == "/store":  # random graph names are seldom absolute IRIs: name real targets too
        strategies += [operation.as_strategy(query=target) for target in STORE_TARGETS]
    cases = st.one_of(strategies)

    @fuzz(40)
    @given(case=cases, authorised=st.booleans())
    def check(case, authorised: bool) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"} if authorised and case.method.upper() in WRITES else None
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@pytest.mark.parametrize(("label", "request_", "expected"), [
    ("GET /store", {}, 400),                                                  # names no graph
    ("GET /store", {"query": {"graph": "no-iri"}}, 400),
    ("DELETE /store", {"query": {"graph": "urn:x", "default": ""}}, 400),    # names two
    ("DELETE /store", {"query": {"graph": "urn:nothing-here"}}, 404),
    ("PUT /store", {"query": {"default": ""}, "body": "<a> <b> <c> .", "media_type": "application/json"}, 415),
    ("POST /store", {"query": {"graph": "urn:big"}, "body": "#" * 1_000_001, "media_type": "text/turtle"}, 413),
    ("POST /sparql", {"body": "#" * 1_000_001, "media_type": "application/sparql-query"}, 413),
    ("POST /sparql", {"body": "SELECT * {}", "media_type": "text/plain"}, 415),
    ("GET /sparql", {"query": {"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"}}, 400),
    ("GET /sparql", {"query": {"query": "ASK {}"}, "headers": {"Accept": "text/turtle"}}, 406),
    ("GET /api/questions/evidence", {}, 400),
    ("GET /api/questions/agencies", {"query": {"format": "xml"}}, 400),
    ("GET /id/{slug}", {"path_parameters": {"slug": "ISI"}, "headers": {"Accept": "image/png"}}, 406),
])
def test_edge_responses_conform_too(api_schema: schemathesis.BaseSchema, label: str, request_: dict,
                                    expected: int) -> None:
    """Requests random generation seldom makes: their error answers are documented as well."""
    operation = api_schema.find_operation_by_label(label)
    headers = {"Authorization": f"Bearer {TOKEN}"} if label.split()[0] in WRITES else None
    response = operation.Case(**request_).call_and_validate(headers=headers, checks=CHECKS)
    assert response.status_code == expected


def test_writes_disabled_are_documented(app: Flask) -> None:
    """On a server without an update token the writes answer 403, which the description lists."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app, config=schemathesis.Config(seed=SEED))
    for label, request_ in [("DELETE /store", {"query": {"default": ""}}),
                            ("PUT /store", {"query": {"default": ""}, "body": "", "media_type": "text/turtle"}),
                            ("POST /sparql", {"body": "CLEAR ALL", "media_type": "application/sparql-update"})]:
        response = schema.find_operation_by_label(label).Case(**request_).call_and_validate(
            headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
        assert response.status_code == 403, label


# --- 2. question parameters ----------------------------------------------------------------

SPARQL_BITS = [
    '"', "'", '"""', "'''", "\\", "\\u0022", "{", "}", "(", ")", "<", ">", "#", "?x", "$x", "?_state", ".", ";",
    "SELECT", "WHERE", "FILTER", "UNION", "VALUES", "BIND", "OPTIONAL", "INSERT DATA", "DELETE WHERE", "DROP ALL",
    "SERVICE <http://example.org/sparql>", "LOAD <http://example.org/x.ttl>", "} ; DROP ALL ; SELECT * WHERE {",
    '") } UNION { ?s ?p ?o } #', "@en", "^^<http://www.w3.org/2001/XMLSchema#string>", "http://", "https://",
    "https://w3id.org/statecraft/id/", "urn:x", "ISI", "Pakistan", "pakistan", "Inter-Services Intelligence",
    " ", "\t", "\n", "\r\n", "\x00", "\x07", "\x1b[31m", "\u202e", "\ufeff", "\u2028", "é", "İ", "ß", "中国", "🇵🇰",
    "%", "%00", "%zz", "&", "=", "+", "../", "<script>", "' OR '1'='1",
]
nasty_text = st.one_of(
    st.text(max_size=40),  # every code point but surrogates: controls, NUL, RTL marks, emoji
    st.lists(st.one_of(st.sampled_from(SPARQL_BITS), st.text(max_size=4)), max_size=8).map("".join),
    st.builds("{}{}".format, st.sampled_from(["http://", "https://", "https://w3id.org/statecraft/id/"]),
              st.lists(st.sampled_from(SPARQL_BITS), max_size=4).map("".join)),
)
PARAMETERS = [(q.id, p.name) for q in QUESTIONS.values() for p in q.parameters]


@pytest.mark.parametrize(("question", "parameter"), PARAMETERS)
def test_any_parameter_value_is_an_answer_or_a_400(client: FlaskClient, question: str, parameter: str) -> None:
    @fuzz(30)
    @given(value=nasty_text)
    def check(value: str) -> None:
        response = client.get(f"/api/questions/{question}", query_string={parameter: value})
        if response.status_code == 200:
            body = response.get_json()
            assert body["question"] == question and isinstance(body["rows"], list), body
            assert all(set(row) == set(body["columns"]) for row in body["rows"])
        else:
            body = assert_json_error(response, 400)
            assert repr(parameter) in body["detail"], body  # says which parameter, and what it expected

    check()


@pytest.fixture(scope="module")
def labels(client: FlaskClient) -> list[str]:
    """Every label and alias of an entity in the store, as the questions resolve them."""
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?name WHERE {{ ?e rdfs:label|skos:prefLabel|skos:altLabel ?name
                                       FILTER(STRSTARTS(STR(?e), "{ID}")) }} ORDER BY ?name"""
    response = client.get("/sparql", query_string={"query": query})
    names = [b["name"]["value"] for b in response.get_json()["results"]["bindings"]]
    assert len(names) > 50
    return names


@fuzz(60)
@given(data=st.data())
def test_a_real_entity_name_still_works_in_any_case(client: FlaskClient, labels: list[str], data) -> None:
    question, parameter = data.draw(st.sampled_from(PARAMETERS))
    name = data.draw(st.sampled_from(labels))
    flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    # ASCII letters only: Unicode case mapping is not one-to-one (ß -> SS), and no one expects it to be
    name = "".join(c.swapcase() if flip and c.isascii() else c for c, flip in zip(name, flips, strict=True))
    name = data.draw(st.sampled_from(["", " ", "\t"])) + name + data.draw(st.sampled_from(["", " ", "\n"]))
    response = client.get(f"/api/questions/{question}", query_string={parameter: name})
    assert response.status_code == 200, (question, parameter, name, response.get_data(as_text=True)[:300])


# --- 3. SPARQL requests --------------------------------------------------------------------

STANDARD = ("PREFIX sc: <https://w3id.org/statecraft/ontology#> PREFIX id: <https://w3id.org/statecraft/id/> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ")
# Mostly the usual prefixes, sometimes none (undeclared prefixes) or a BASE, a default prefix, or a prefix whose
# name holds "service" (refused, conservatively).
PROLOGUE = st.sampled_from([STANDARD] * 6 + ["", f"{STANDARD}BASE <http://example.org/> ",
                                             f"{STANDARD}PREFIX : <http://example.org/> ",
                                             f"{STANDARD}PREFIX services: <http://example.org/> "])
# Subjects are ?s or constants, so patterns join on ?s: no accidental cross product of the store.
SUBJECTS = ["?s", "?s", "?s", "id:ISI", "id:Pakistan", "<https://w3id.org/statecraft/id/China>", "<relative>", "<>",
            ":x"]
PREDICATES = ["?p", "?p", "a", "rdfs:label", "sc:agencyOf", "sc:partOf", "<http://www.w3.org/2000/01/rdf-schema#label>",
              "rdfs:label|sc:name", "sc:agencyOf/rdfs:label", "^sc:agencyOf", "sc:memberOf*", "!rdfs:label",
              "undeclared:p"]
OBJECTS = ["?o", "?o", "?x", "[]", '"Pakistan"@en', '"ISI"', "'single'", '"""multi\nline"""', '"esc\\"aped"', "42",
           "-3.5e2", "true", "id:ISI", '"2025-08-08"^^xsd:date', '"x"@not-a-lang', "<http://example.org/SERVICE>",
           '"LOAD SERVICE"']
EXPRESSIONS = ["?o = ?x", "BOUND(?x)", 'REGEX(STR(?o), "pak", "i")', 'REGEX(STR(?o), "(")', "LANG(?o) = 'en'",
               "?o > 3", "ISIRI(?o)", 'CONTAINS(LCASE(STR(?o)), "isi")', "!(?s = ?o)", "STRLEN(STR(?o)) < 10",
               "?o IN (1, 2, 'a')", "COALESCE(?x, 1) = 1", "1/0 = 1", "RAND() < 2", "?o", "xsd:integer(?o) = 1",
               'STRDT("1", xsd:integer) = 1', "EXISTS { ?s ?p ?x }", "?s < ?o", "?o <?x"]
VARIABLES = st.sampled_from(["?s", "?o", "?x", "?n", "$s", "*", "(COUNT(*) AS ?n)", "(SAMPLE(?o) AS ?y)"])
GROUPS = ["OPTIONAL {{ {0} }}", "OPTIONAL {{ {0} }}", "{{ {0} }} UNION {{ {1} }}", "MINUS {{ {0} }}",
          "GRAPH ?g {{ {0} }}", "GRAPH <https://w3id.org/statecraft/graph/reference> {{ {0} }}",
          "GRAPH <urn:none> {{ {0} }}", "{{ SELECT ?s ?o WHERE {{ {0} }} LIMIT 5 }}", "FILTER NOT EXISTS {{ {0} }}",
          "{{ {0} }}", "SERVICE <http://example.org/sparql> {{ {0} }}"]


def _groups(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    group = st.lists(children, min_size=1, max_size=3).map(" ".join)
    return st.builds(str.format, st.sampled_from(GROUPS), group, group)


TRIPLE = st.builds("{} {} {} .".format, st.sampled_from(SUBJECTS), st.sampled_from(PREDICATES),
                   st.sampled_from(OBJECTS))
PATTERNS = st.recursive(
    st.one_of(
        TRIPLE, TRIPLE,
        st.builds("FILTER({})".format, st.sampled_from(EXPRESSIONS)),
        st.builds("BIND({} AS ?b)".format, st.sampled_from(EXPRESSIONS)),
        st.sampled_from(["VALUES ?x { 1 'a' id:ISI UNDEF }", "VALUES (?s ?x) { (id:ISI 1) }", "?s ?p ?o",
                         "?s ?p ?o .", "}", "{", "; .", "GRAPH"]),
    ),
    _groups, max_leaves=6,
)
WHERE = st.lists(PATTERNS, max_size=4).map(lambda parts: "{ " + " ".join(parts) + " }")
MODIFIERS = st.lists(st.sampled_from(["GROUP BY ?s", "ORDER BY ?s", "ORDER BY DESC(?o)", "LIMIT 7", "OFFSET 2",
                                      "LIMIT -1", "HAVING (COUNT(*) > 1)", "VALUES ?s { id:ISI }"]),
                     max_size=3, unique=True).map(" ".join)
DATASETS = st.sampled_from(["", "", "", "FROM <https://w3id.org/statecraft/graph/reference> ",
                            "FROM NAMED <urn:g> ", "FROM <http://example.org/remote.ttl> "])
QUERIES = st.one_of(
    st.builds("{}SELECT {}{} {}WHERE {} {}".format, PROLOGUE, st.sampled_from(["", "", "DISTINCT ", "REDUCED "]),
              st.lists(VARIABLES, min_size=1, max_size=3).map(" ".join), DATASETS, WHERE, MODIFIERS),
    st.builds("{}ASK {}{}".format, PROLOGUE, DATASETS, WHERE),
    st.builds("{}CONSTRUCT {{ ?s ?p ?o }} {}WHERE {} {}".format, PROLOGUE, DATASETS, WHERE, MODIFIERS),
    st.builds("{}CONSTRUCT WHERE {{ {} }}".format, PROLOGUE, TRIPLE),
    st.builds("{}DESCRIBE {} {}".format, PROLOGUE, st.sampled_from(["?s", "id:ISI", "<urn:x>", "*"]),
              st.one_of(st.just(""), WHERE.map("WHERE {}".format))),
)
SOUP = st.lists(st.one_of(st.sampled_from([*SPARQL_BITS, *SUBJECTS, *PREDICATES, *OBJECTS, *EXPRESSIONS]),
                          st.text(max_size=3)), max_size=12).map(" ".join)

RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
                "application/rdf+xml"}


def send(client: FlaskClient, how: str, text: str) -> TestResponse:
    """A query the three ways the protocol allows: GET, a form POST, a POST of the query itself."""
    if how == "GET":
        return client.get("/sparql", query_string={"query": text})
    if how == "form":
        return client.post("/sparql", data={"query": text})
    return client.post("/sparql", data=text.encode("utf-8"), content_type="application/sparql-query")


def check_query_response(response: TestResponse) -> None:
    """Results in a results format, or 400 with the reason, or 503 at the time limit; nothing else."""
    assert_not_server_error(response)
    if response.status_code == 200:
        assert response.mimetype in RESULT_TYPES, response.mimetype
        if response.mimetype == "application/sparql-results+json":
            body = response.get_json()
            assert "boolean" in body or "bindings" in body["results"], body
    elif response.status_code != 503:
        assert assert_json_error(response, 400)["error"] == "Bad Request"


@fuzz(100)
@given(how=st.sampled_from(["GET", "form", "body"]), text=st.one_of(
    st.text(max_size=80), SOUP,
    st.builds("SELECT * WHERE {{ {} }}".format, st.text(max_size=40)),
    st.builds("{}{}".format, PROLOGUE, st.text(max_size=40))))
def test_arbitrary_text_as_a_query_is_answered_or_refused(client: FlaskClient, how: str, text: str) -> None:
    check_query_response(send(client, how, text))


@fuzz(200)
@given(how=st.sampled_from(["GET", "form", "body"]), query=QUERIES)
def test_random_queries_are_answered_or_refused(client: FlaskClient, how: str, query: str) -> None:
    response = send(client, how, query)
    check_query_response(response)
    if "SERVICE <" in query or "PREFIX services:" in query:  # never fetched: refused before anything runs
        assert response.status_code == 400 and "SERVICE" in response.get_json()["detail"], query


@fuzz(20)
@given(body=st.binary(max_size=200))
def test_a_query_body_of_random_bytes_is_answered_or_refused(client: FlaskClient, body: bytes) -> None:
    check_query_response(client.post("/sparql", data=body, content_type="application/sparql-query"))


UPDATES = st.one_of(
    st.text(max_size=60), SOUP,
    st.builds("{}{}".format, PROLOGUE, st.sampled_from([
        "INSERT DATA { <urn:a> <urn:b> 'c' }", "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } }",
        "DELETE DATA { <urn:a> <urn:b> 'c' }", "DELETE WHERE { <urn:a> ?p ?o }", "CLEAR SILENT GRAPH <urn:g>",
        "CLEAR DEFAULT", "DROP GRAPH <urn:missing>", "CREATE GRAPH <urn:g>", "COPY DEFAULT TO <urn:h>",
        "MOVE <urn:h> TO <urn:g>", "ADD <urn:g> TO DEFAULT", "LOAD <http://example.org/x.ttl>",
        "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 'new' } WHERE { ?s ?p ?o }",
        "INSERT { ?s <urn:seen> true } WHERE { ?s a ?type }", "INSERT DATA { <urn:a> <urn:b> '''unterminated }",
        "INSERT DATA { <relative> <urn:b> <> }", "DELETE { ?s ?p ?o } WHERE { GRAPH <urn:g> { ?s ?p ?o } }",
    ])),
    st.lists(st.sampled_from(["INSERT DATA { <urn:a> <urn:b> 'c' }", "CLEAR SILENT GRAPH <urn:g>", ";", "",
                              "DELETE WHERE { ?s <urn:b> ?o }"]), max_size=4).map(" ; ".join),
)


@fuzz(50)
@given(update=UPDATES, how=st.sampled_from(["form", "body"]),
       using=st.lists(st.sampled_from(["urn:g", "http://example.org/g", "not an iri", ""]), max_size=2))
def test_random_updates_are_applied_or_refused(scratch_app: Flask, update: str, how: str, using: list[str]) -> None:
    client = scratch_app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if how == "form":
        response = client.post("/sparql", data={"update": update, "using-graph-uri": using}, headers=headers)
    else:
        response = client.post("/sparql", query_string={"using-graph-uri": using}, data=update.encode(),
                               content_type="application/sparql-update", headers=headers)
    assert response.status_code in (204, 400), (response.status_code, response.get_data(as_text=True)[:300])
    if response.status_code == 400:
        assert_json_error(response, 400)
    assert client.get("/health").status_code == 200


MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
         "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "application/json",
         "application/xml", "text/xml", "text/plain", "text/html", "application/xhtml+xml", "image/png",
         "application/x-turtle", "text/n3", "*/*", "text/*", "application/*", "image/*", "TEXT/Turtle", "foo",
         "", "/", "a/", "/b", "*/json", "text/turtle;charset=utf-8"]
ACCEPT_PARAMS = ["q=0", "q=0.5", "q=1", "q=1.000", "q=0.001", "q=abc", "q=2", "q=-1", "q=", "q=nan", "q=inf",
                 "Q=0.3", 'q="0.4"', "charset=utf-8", "level=1", "", "=", "q=0.5;ext=1"]
MEDIA_RANGE = st.builds(lambda media, params: ";".join([media, *params]), st.sampled_from(MEDIA),
                        st.lists(st.sampled_from(ACCEPT_PARAMS), max_size=2))
ACCEPT = st.one_of(
    st.lists(MEDIA_RANGE, min_size=1, max_size=5).flatmap(
        lambda ranges: st.sampled_from([", ", ",", " ,  "]).map(lambda sep: sep.join(ranges))),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40),
)
# target -> the media types it may answer 200 with
TARGETS = {
    "/sparql?query=SELECT+*+WHERE+{+?s+?p+?o+}+LIMIT+2": {"application/sparql-results+json",
                                                          "application/sparql-results+xml", "text/csv",
                                                          "text/tab-separated-values"},
    "/sparql?query=ASK+{}": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                             "text/tab-separated-values"},
    "/sparql?query=CONSTRUCT+WHERE+{+?s+a+?o+}+LIMIT+2": {"text/turtle", "application/n-triples",
                                                          "application/ld+json", "application/rdf+xml"},
    "/sparql?query=DESCRIBE+<https://w3id.org/statecraft/id/ISI>": {"text/turtle", "application/n-triples",
                                                                    "application/ld+json", "application/rdf+xml"},
    "/sparql": {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"},
    "/store?graph=https://w3id.org/statecraft/graph/reference": {"text/turtle", "application/n-triples",
                                                                  "application/ld+json", "application/rdf+xml"},
    "/id/ISI": {"text/html", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"},
    f"/doc/{DOC_ID}": {"text/html", "text/turtle", "application/n-triples", "application/ld+json",
                       "application/rdf+xml"},
    "/api/questions/agencies": {"application/json", "text/csv"},
}


@fuzz(150)
@given(target=st.sampled_from(sorted(TARGETS)), accept=ACCEPT)
def test_any_accept_header_gets_an_offered_format_or_406(client: FlaskClient, target: str, accept: str) -> None:
    response = client.get(target, headers={"Accept": accept})
    if response.status_code == 200:
        assert response.mimetype in TARGETS[target], (target, accept, response.mimetype)
    else:
        assert_json_error(response, 406)


# --- 4. the document reader ----------------------------------------------------------------

YAML_KEYS = ["id", "title", "published", "source", "author", "language", "tags", "x", "'quoted key'", "1", "? id",
             "-", "<<", "id ", " id"]
YAML_VALUES = ["doc-1", "2025-08-08", "2025-13-45", "2025-02-30", "2025-08-08T10:00:00Z", "2025-08-08 25:61:00",
               "'2025-08-08'", "'2025-99-99'", "yes", "no", "null", "~", "", "1e400", ".inf", ".nan", "-1", "0x1F",
               "12345", "1.5", "true", "[a, b]", "{a: 1}", "[", "{", "]", ":", "- item", "&anchor x", "*anchor",
               "*undefined", "!!binary AAA", "!!python/object:os.system x", "!!timestamp 2020-99-99", "!!int x",
               "!!float x", "|\n  block text", ">-\n  folded", '"quoted \\u00e9"', "'", '"', "%TAG", "@at", "`tick`",
               "a: b: c", "\t", "ünïcödé", "[" * 60 + "]" * 60, "{a: [" * 30 + "]}" * 30]
YAML_LINE = st.one_of(
    st.builds("{}: {}".format, st.sampled_from(YAML_KEYS),
              st.one_of(st.sampled_from(YAML_VALUES), st.text(max_size=12))),
    st.sampled_from(YAML_VALUES), st.text(max_size=16))
WORDS = ["Pakistan", "the", "U.S.", "Lt.", "Gen.", "A.Q.", "Khan", "said", "no.", "It", "rose", "5%.", "“Good,”",
         "he", "said.", "WASHINGTON", "—", "ISLAMABAD, March 5 (Wire) —", "e.g.", "etc.", "Mr.", "?", "!", "...",
         "#", "##", "-", "*", ">", "+", "---", "* * *", "\n", "\n\n", "\r\n", "\r", "\t", " ", "  ", "\u00a0", "\u2028",
         "\u3000", "‘", "’", "“", "”", "(", ")", "[", "]", "'", '"', "É", "İ", "中国。", "ß", "🇵🇰", "\x0b", "\x0c",
         "\x85", "1.", "2)", "A.", "B", "Inc.", "St.", "Jr.", "No.", "Dr.", "3.14", "\ufeff"]
BODY = st.one_of(st.text(max_size=200),
                 st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map(" ".join),
                 st.lists(st.sampled_from(WORDS), max_size=40).map("".join))
FRONT_MATTER = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["", "\ufeff"]),
    st.sampled_from(["---\n", "---\r\n", "--- \t\n", "---"]),
    st.lists(YAML_LINE, max_size=6).map("\n".join),
    st.sampled_from(["\n---\n", "\n---\r\n", "\n---", "\n--- \n", "\n----\n", "\n", "\n...\n"]),
    BODY)
DOCUMENT_TEXT = st.one_of(BODY, FRONT_MATTER)


def assert_sentences_are_exact(document: Document) -> None:
    text = document.text
    assert document.id and text.strip()
    previous_end = 0
    for sentence in document.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text), (sentence, previous_end)
        assert text[sentence.start:sentence.end] == sentence.text, sentence
        previous_end = sentence.end


@fuzz(1000)
@given(raw=DOCUMENT_TEXT)
def test_parsing_text_gives_exact_sentences_or_a_kgerror(raw: str) -> None:
    try:
        document = parse_text_document(raw, default_id="x")
    except KGError as exc:
        assert str(exc).strip()
        return
    assert_sentences_are_exact(document)


def _variants(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from([text.encode("utf-8"), text.encode("utf-8", "replace")[:-1],
                            text.encode("utf-16"), text.encode("latin-1", "replace"), b"\xef\xbb\xbf" + text.encode()])


HTML = st.builds("<html{}><head><title>{}</title></head><body><article><h1>{}</h1><p>{}</p><p>{}</p></article>"
                 "</body></html>".format, st.sampled_from(["", ' lang="en"', " lang"]), st.text(max_size=20),
                 st.text(max_size=20), BODY, BODY)
FILES = st.one_of(
    st.tuples(st.sampled_from([".md", ".txt", ".markdown", ".html", ".htm", ".MD", ".pdf"]), st.binary(max_size=300)),
    st.tuples(st.sampled_from([".md", ".txt"]), DOCUMENT_TEXT.flatmap(_variants)),
    st.tuples(st.sampled_from([".html", ".htm"]), HTML.flatmap(_variants)),
    st.tuples(st.just(".pdf"), st.binary(max_size=200).map(lambda b: b"%PDF-1.7\n" + b)),
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-documents")


@fuzz(400)
@given(file=FILES)
def test_reading_any_file_gives_exact_sentences_or_a_kgerror_naming_it(files: Path, file: tuple[str, bytes]) -> None:
    suffix, data = file
    path = files / f"report{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except KGError as exc:
        assert exc.path == str(path) and str(path) in str(exc), exc
        return
    assert document.path == path
    assert_sentences_are_exact(document)


@pytest.mark.parametrize("raw", [
    "---\npublished: 2025-13-45\n---\nText.",     # PyYAML builds the date and datetime refuses it
    "---\nwhen: 2025-02-30\n---\nText.",
    "---\n" + "[" * 5000 + "\n---\nText.",        # deeper than Python's recursion limit
])
def test_front_matter_pyyaml_cannot_build_is_a_kgerror(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "report.md"
    path.write_text(raw)
    with pytest.raises(KGError) as caught:
        read_document(path)
    assert caught.value.path == str(path) and "front matter" in caught.value.message


def test_question_parameter_that_is_not_a_usable_iri_is_a_400(client: FlaskClient) -> None:
    for value in ["http://x y", "http://x>", "https://a{b}", 'http://"', "http://\\", "http://a\x00"]:
        response = client.get("/api/questions/agencies", query_string={"state": value})
        assert "'state'" in assert_json_error(response, 400)["detail"], value
