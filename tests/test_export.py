"""`kg export`: every format, written from a real store built from the seeds, read back by
the tools it is for (pyoxigraph, rdflib, raptor's `rapper`, NetworkX, neo4j-admin's header rules)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from kg.build import build
from kg.cli import main
from kg.errors import KGError
from kg.export import FORMATS, export, node_key, relationship_type
from kg.namespaces import ID, INFERRED_GRAPH, SC
from kg.store import OxigraphStore, Row, Store

from .conftest import ROOT

QUAD_SYNTAX = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
TRIPLE_SYNTAX = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE,
                 "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RDFLIB_SYNTAX = {"nq": "nquads", "trig": "trig", "nt": "nt", "ttl": "turtle", "jsonld": "json-ld", "xml": "xml"}
RAPPER_SYNTAX = {"nt": "ntriples", "ttl": "turtle", "xml": "rdfxml", "nq": "nquads", "trig": "trig"}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
NMTOKEN = re.compile(r"[\w.:\-]+")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # rdflib's own parsers


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    build(ROOT / "seeds", path)
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> OxigraphStore:
    with OxigraphStore(store_path, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def quads(store: OxigraphStore) -> set[ox.Quad]:
    found = set(store.native)
    assert len(found) > 1000 and len({q.graph_name for q in found}) >= 4  # ontology, reference, inferred, seed
    return found


@pytest.fixture(scope="module")
def triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    union = {q.triple for q in quads}
    assert len(union) < len(quads)  # some triples sit in two graphs: the union must drop the copies
    return union


@pytest.fixture(scope="module")
def exported(store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("out")
    paths = {}
    for fmt in FORMATS:
        target = folder / ("csv" if fmt == "csv" else f"graph.{fmt}")
        assert export(store, fmt, target) == str(target)
        paths[fmt] = target
    return paths


# --- RDF syntaxes ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(QUAD_SYNTAX))
def test_quad_formats_keep_every_named_graph(fmt: str, exported: dict[str, Path], quads: set[ox.Quad]):
    parsed = list(ox.parse(path=exported[fmt], format=QUAD_SYNTAX[fmt]))
    assert set(parsed) == quads  # blank node labels survive a round trip through Oxigraph
    dataset = Dataset()
    dataset.parse(exported[fmt], format=RDFLIB_SYNTAX[fmt])
    read = set(dataset.quads((None, None, None, None)))
    assert len(read) == len(quads)
    assert {g for *_, g in read} == {URIRef(q.graph_name.value) for q in quads}


@pytest.mark.parametrize("fmt", sorted(TRIPLE_SYNTAX))
def test_triple_formats_hold_the_union_once(fmt: str, exported: dict[str, Path], triples: set[ox.Triple]):
    parsed = [q.triple for q in ox.parse(path=exported[fmt], format=TRIPLE_SYNTAX[fmt], without_named_graphs=True)]
    assert len(parsed) == len(triples)  # no triple written twice
    assert set(parsed) == triples
    graph = Graph().parse(exported[fmt], format=RDFLIB_SYNTAX[fmt])
    assert len(graph) == len(triples)
    assert (ID.ISI, SC.agencyOf, ID.Pakistan) in graph


@pytest.mark.parametrize("fmt", ["ttl", "trig", "xml"])
def test_readable_prefixes(fmt: str, exported: dict[str, Path]):
    text = exported[fmt].read_text(encoding="utf-8")
    if fmt == "xml":
        assert 'xmlns:sc="https://w3id.org/statecraft/ontology#"' in text
        assert "<sc:" in text
    else:
        assert "@prefix sc: <https://w3id.org/statecraft/ontology#> ." in text
        assert "id:ISI" in text and "sc:agencyOf id:Pakistan" in text
        assert "<https://w3id.org/statecraft/id/Pakistan>" not in text


def test_jsonld_is_json(exported: dict[str, Path]):
    data = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    ids = {item["@id"] for item in (data if isinstance(data, list) else data["@graph"])}
    assert str(ID.Pakistan) in ids


@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_parses_without_complaint(fmt: str, exported: dict[str, Path], quads: set, triples: set):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("raptor2-utils (rapper) is not installed")
    done = subprocess.run([rapper, "-i", RAPPER_SYNTAX[fmt], "-c", str(exported[fmt])],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr
    expected = len(quads) if fmt in QUAD_SYNTAX else len(triples)
    assert f"returned {expected} triples" in done.stderr


class ViaSparql(Store):
    """The embedded store seen only through the `Store` interface, as a remote endpoint is."""

    def __init__(self, inner: OxigraphStore):
        self.inner = inner
        self.location = "sparql+http://example.invalid/query"

    def select(self, sparql: str) -> list[Row]:
        return self.inner.select(sparql)

    def ask(self, sparql: str) -> bool:
        return self.inner.ask(sparql)

    def construct(self, sparql: str) -> Graph:
        return self.inner.construct(sparql)

    def run(self, sparql: str, fmt: str = "json") -> tuple[str, bytes]:
        return self.inner.run(sparql, fmt)

    def update(self, sparql: str) -> None:
        raise AssertionError("export must not write")

    def graph_names(self) -> set[URIRef]:
        return self.inner.graph_names()

    def graph(self, name: URIRef) -> Graph:
        return self.inner.graph(name)


@pytest.mark.parametrize("fmt", ["nq", "ttl"])
def test_any_store_exports_the_same_data(fmt: str, store: OxigraphStore, exported: dict[str, Path],
                                         tmp_path: Path):
    out = tmp_path / f"remote.{fmt}"
    export(ViaSparql(store), fmt, out)
    syntax = {**QUAD_SYNTAX, **TRIPLE_SYNTAX}[fmt]
    assert set(ox.parse(path=out, format=syntax)) == set(ox.parse(path=exported[fmt], format=syntax))


def test_stdout(store: OxigraphStore, capsysbinary: pytest.CaptureFixture[bytes], triples: set):
    assert export(store, "nt", None) == "stdout"
    written = capsysbinary.readouterr().out
    assert len(list(ox.parse(written, format=ox.RdfFormat.N_TRIPLES))) == len(triples)


# --- GraphML --------------------------------------------------------------------

def test_graphml_is_valid_graphml(exported: dict[str, Path]):
    root = ET.parse(exported["graphml"]).getroot()
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("id"): k for k in root.findall(f"{GRAPHML}key")}
    assert {k.get("attr.type") for k in keys.values()} <= {"boolean", "int", "long", "float", "double", "string"}
    (graph,) = root.findall(f"{GRAPHML}graph")
    nodes = graph.findall(f"{GRAPHML}node")
    ids = [n.get("id") for n in nodes]
    assert len(ids) == len(set(ids)) > 100
    assert all(NMTOKEN.fullmatch(i) for i in ids)  # GraphML ids are NMTOKENs: no '/' or '#'
    edges = graph.findall(f"{GRAPHML}edge")
    assert edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)
    numeric = {k for k, e in keys.items() if e.get("attr.type") in ("long", "double")}
    assert numeric  # toRate, share, casualties
    for element in [*nodes, *edges]:
        for data in element.findall(f"{GRAPHML}data"):
            assert data.get("key") in keys
            if data.get("key") in numeric:
                float(data.text)


def test_graphml_loads_in_networkx(exported: dict[str, Path]):
    import networkx as nx

    graph = nx.read_graphml(exported["graphml"])
    pakistan = graph.nodes[node_key(str(ID.Pakistan))]
    assert pakistan["label"] == "Pakistan"
    assert pakistan["type"] == "State"
    assert pakistan["iri"] == str(ID.Pakistan)
    links = graph.get_edge_data(node_key(str(ID.ISI)), node_key(str(ID.Pakistan)))
    assert links and "agencyOf" in {e["predicate"] for e in links.values()}
    tariff = [d for _, d in graph.nodes(data=True) if d.get("type") == "TariffChange"]
    assert tariff and tariff[0]["toRate"] == pytest.approx(19.0)
    kinds = {d.get("type") for _, d in graph.nodes(data=True)}
    assert "Document" in kinds
    assert not kinds & {"Assertion", "TextSpan", "Statement"}  # reification stays out
    assert not any("#" in d["iri"] for _, d in graph.nodes(data=True))


# --- neo4j-admin CSV ------------------------------------------------------------

def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def test_csv_has_neo4j_headers_and_consistent_ids(exported: dict[str, Path]):
    node_header, nodes = _rows(exported["csv"] / "nodes.csv")
    rel_header, rels = _rows(exported["csv"] / "relationships.csv")
    assert node_header[:5] == ["id:ID", "iri", "label", "type", ":LABEL"]
    assert rel_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    types = {"int", "long", "float", "double", "boolean", "string", "date"}
    for column in [*node_header[5:], *rel_header[3:]]:
        name, _, kind = column.partition(":")  # an untyped column is a string property
        assert name and (not kind or kind.removesuffix("[]") in types), column
    ids = [n["id:ID"] for n in nodes]
    assert len(ids) == len(set(ids))
    assert rels and all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", r[":TYPE"]) for r in rels)

    pakistan = next(n for n in nodes if n["iri"] == str(ID.Pakistan))
    assert pakistan["type"] == "State" and "State" in pakistan[":LABEL"].split(";")
    isi = next(n for n in nodes if n["iri"] == str(ID.ISI))
    assert any(r[":START_ID"] == isi["id:ID"] and r[":END_ID"] == pakistan["id:ID"] and r[":TYPE"] == "AGENCY_OF"
               for r in rels)
    graphs = {g for r in rels for g in r["graphs:string[]"].split(";")}
    assert str(INFERRED_GRAPH) in graphs and len(graphs) >= 2
    typed = [c for c in node_header if c.endswith((":long", ":double"))]
    for node in nodes:
        for column in typed:
            if node[column]:
                float(node[column])


def test_relationship_type():
    assert relationship_type("agencyOf") == "AGENCY_OF"
    assert relationship_type("hasResource") == "HAS_RESOURCE"
    assert relationship_type("party") == "PARTY"


# --- errors and the command line --------------------------------------------------

def test_unknown_format_lists_the_formats(store: OxigraphStore, tmp_path: Path):
    with pytest.raises(KGError, match="graphml") as err:
        export(store, "rdfa", tmp_path / "x")
    assert "rdfa" in str(err.value) and "nq" in str(err.value)
    assert not (tmp_path / "x").exists()


def test_csv_needs_a_folder(store: OxigraphStore, tmp_path: Path):
    with pytest.raises(KGError, match="--out"):
        export(store, "csv", None)
    (tmp_path / "file").write_text("x")
    with pytest.raises(KGError, match="folder"):
        export(store, "csv", tmp_path / "file")


def test_cli_export_end_to_end(store_path: Path, tmp_path: Path, quads: set, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "new" / "folder" / "all.nq"  # parents are created
    assert main(["export", "--format", "nq", "--out", str(out), "--store", str(store_path)]) == 0
    assert set(ox.parse(path=out, format=ox.RdfFormat.N_QUADS)) == quads
    assert str(out) in capsys.readouterr().err
    assert not [p for p in out.parent.iterdir() if p != out]  # no partial file left behind

    assert main(["export", "--format", "csv", "--store", str(store_path)]) == 2
    assert "--out" in capsys.readouterr().err
