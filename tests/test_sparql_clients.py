"""Real SPARQL clients against a real `kg serve`: SPARQLWrapper, rdflib's SPARQLStore and
rasqal's `roqet` get the same answers as the store itself."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from kg.build import build
from kg.store import OxigraphStore

from .conftest import ROOT
from .test_sparql_protocol import kg_serve

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

PREFIXES = """PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
QUERIES = {
    "agencies of Pakistan": PREFIXES + """SELECT DISTINCT ?agency ?label WHERE {
        ?agency sc:agencyOf <https://w3id.org/statecraft/id/Pakistan> ; rdfs:label ?label }""",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "tariffs": PREFIXES + """SELECT ?change ?from ?to ?label WHERE {
        ?change sc:fromRate ?from ; sc:toRate ?to OPTIONAL { ?change rdfs:label ?label } }""",
}
AGENCY_GRAPH = PREFIXES + """CONSTRUCT { ?agency sc:agencyOf ?state ; rdfs:label ?label }
WHERE { ?agency sc:agencyOf ?state ; rdfs:label ?label }"""

Row = tuple  # one solution: the values of the query's variables in order, None where unbound


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clients") / "store"
    build(ROOT / "seeds", path)
    return path


@pytest.fixture(scope="module")
def endpoint(store_path: Path) -> Iterator[str]:
    with kg_serve(store_path) as url:
        yield url


@pytest.fixture(scope="module")
def direct(store_path: Path) -> Iterator[OxigraphStore]:
    """The same store, read straight through pyoxigraph: what every client should see."""
    with OxigraphStore(store_path, read_only=True) as store:
        yield store


def expected(direct: OxigraphStore, query: str) -> list[Row]:
    names = _projection(query)
    return sorted((tuple(row.get(n) for n in names) for row in direct.select(query)), key=repr)


def _projection(query: str) -> list[str]:
    select = query.split("SELECT", 1)[1].split("WHERE", 1)[0]
    if " AS ?" in select:
        return [select.split(" AS ?", 1)[1].split(")", 1)[0]]
    return [w[1:] for w in select.split() if w.startswith("?")]


def as_strings(rows: list[Row]) -> list[tuple]:
    return sorted((tuple("" if v is None else str(v) for v in row) for row in rows), key=repr)


# --- SPARQLWrapper ------------------------------------------------------------------------

def _wrapper(endpoint: str, query: str, fmt: str, method: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == "POST":
        sparql.setMethod(POST)
    elif method == "POSTDIRECTLY":
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    return sparql


def _json_term(value: dict) -> object:
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    datatype = value.get("datatype")
    return Literal(value["value"], lang=value.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


def _xml_term(node) -> object:
    kind, text = node.tagName, "".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE)
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    datatype = node.getAttribute("datatype") or None
    return Literal(text, lang=node.getAttribute("xml:lang") or None, datatype=URIRef(datatype) if datatype else None)


def wrapper_rows(sparql: SPARQLWrapper, fmt: str, names: list[str]) -> list[Row]:
    converted = sparql.queryAndConvert()
    if fmt == JSON:
        rows = [tuple(_json_term(b[n]) if n in b else None for n in names)
                for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = []
        for result in converted.getElementsByTagName("result"):
            found = {}
            for binding in result.getElementsByTagName("binding"):
                term = next(c for c in binding.childNodes if c.nodeType == c.ELEMENT_NODE)
                found[binding.getAttribute("name")] = _xml_term(term)
            rows.append(tuple(found.get(n) for n in names))
    elif fmt == TSV:
        parsed = Result.parse(io.BytesIO(converted), format="tsv")
        assert [str(v) for v in parsed.vars] == names
        rows = [tuple(row) for row in parsed]
    else:
        table = list(csv.reader(io.StringIO(converted.decode("utf-8"))))
        assert table[0] == names
        rows = [tuple(v or None for v in row) for row in table[1:]]
    return sorted(rows, key=repr)


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("name", list(QUERIES))
def test_sparqlwrapper_gets_what_the_store_holds(endpoint: str, direct: OxigraphStore, name: str, fmt: str,
                                                 method: str) -> None:
    query = QUERIES[name]
    names = _projection(query)
    got = wrapper_rows(_wrapper(endpoint, query, fmt, method), fmt, names)
    want = expected(direct, query)
    assert want, name
    if fmt == CSV:  # CSV keeps only the lexical forms
        assert as_strings(got) == as_strings(want)
    else:
        assert got == want


def test_sparqlwrapper_construct_as_turtle(endpoint: str, direct: OxigraphStore) -> None:
    sparql = _wrapper(endpoint, AGENCY_GRAPH, TURTLE, "GET")
    graph = Graph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(graph) > 10 and isomorphic(graph, direct.construct(AGENCY_GRAPH))


def test_sparqlwrapper_ask(endpoint: str) -> None:
    for query, answer in (("ASK { ?s a <https://w3id.org/statecraft/ontology#State> }", True),
                          ("ASK { <urn:nothing> ?p ?o }", False)):
        assert _wrapper(endpoint, query, JSON, "GET").queryAndConvert()["boolean"] is answer


# --- rdflib's SPARQLStore -----------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST_FORM"])
@pytest.mark.parametrize("name", list(QUERIES))
def test_rdflib_sparqlstore_gets_what_the_store_holds(endpoint: str, direct: OxigraphStore, name: str,
                                                      method: str) -> None:
    graph = Graph(store=SPARQLStore(endpoint, method=method))
    query = QUERIES[name]
    got = sorted((tuple(row) for row in graph.query(query)), key=repr)
    assert got == expected(direct, query)


def test_rdflib_sparqlstore_construct(endpoint: str, direct: OxigraphStore) -> None:
    graph = Graph(store=SPARQLStore(endpoint)).query(AGENCY_GRAPH).graph
    assert len(graph) > 10 and isomorphic(graph, direct.construct(AGENCY_GRAPH))


# --- rasqal's roqet -----------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("roqet") is None, reason="roqet is not installed (Debian: rasqal-utils)")
@pytest.mark.parametrize("name", list(QUERIES))
def test_roqet_gets_what_the_store_holds(endpoint: str, direct: OxigraphStore, name: str) -> None:
    query = QUERIES[name]
    run = subprocess.run(["roqet", "-q", "-p", endpoint, "-e", query, "-r", "csv"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    table = list(csv.reader(io.StringIO(run.stdout)))
    assert table[0] == _projection(query)
    got = sorted((tuple(row) for row in table[1:]), key=repr)
    assert got == as_strings(expected(direct, query))
