"""The store behind one small interface: embedded Oxigraph on disk, or a remote SPARQL endpoint.

Everything above this module (building, reasoning, questions, HTTP) speaks SPARQL and
rdflib terms through `Store`; only this module knows pyoxigraph or HTTP exist.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import KGError

DEFAULT_STORE = "data/store"
REMOTE_SCHEME = "sparql+"

Row = dict[str, Node]
Triple = tuple[Node, Node, Node]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# `kg query --format` names -> (media type for solutions, media type for graphs)
_FORMATS = {
    "table": ("application/sparql-results+json", "text/turtle"),
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", "application/n-triples"),
    "tsv": ("text/tab-separated-values", "application/n-triples"),
    "ttl": ("application/sparql-results+json", "text/turtle"),
    "nt": ("application/sparql-results+json", "application/n-triples"),
    "jsonld": ("application/sparql-results+json", "application/ld+json"),
    "rdfxml": ("application/sparql-results+xml", "application/rdf+xml"),
}
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Store(ABC):
    """A quad store holding one named graph per document plus reference and inferred graphs.

    Queries see the union of all named graphs as their default graph.
    """

    location: str

    @abstractmethod
    def select(self, sparql: str) -> list[Row]:
        """Run a SELECT; unbound columns are absent from a row. (To bind parameters, see
        kg.questions.bind_values: RDF terms in a VALUES block at the head of the WHERE.)"""

    @abstractmethod
    def ask(self, sparql: str) -> bool: ...

    @abstractmethod
    def construct(self, sparql: str) -> Graph: ...

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction."""

    @abstractmethod
    def graph_names(self) -> set[URIRef]: ...

    @abstractmethod
    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph's triples."""

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]],
                       drop: Iterable[URIRef] = ()) -> None:
        """Replace the given named graphs (and drop others) in one transaction.

        Either every graph is replaced or, on any failure, the store is left as it was.
        """
        parts = [f"DROP SILENT GRAPH {URIRef(g).n3()}" for g in (*drop, *graphs)]
        body = "\n".join(
            f"GRAPH {URIRef(g).n3()} {{\n{_ntriples(triples)}\n}}" for g, triples in graphs.items()
        )
        if body:
            parts.append(f"INSERT DATA {{\n{body}\n}}")
        if parts:
            self.update(" ;\n".join(parts))

    @abstractmethod
    def run(self, sparql: str, fmt: str = "json") -> tuple[str, bytes]:
        """Run any query; results serialised in `fmt` (json, xml, csv, tsv for solutions and
        booleans; ttl, nt, jsonld, rdfxml for graphs). Returns (kind, body)."""

    def count(self, graph: URIRef | None = None) -> int:
        pattern = f"GRAPH {graph.n3()} {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0]["n"]) if rows else 0

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flush files, close connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ntriples(triples: Iterable[Triple]) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)


# --- term conversion between rdflib and pyoxigraph ---------------------------

def to_rdflib(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) not in (_XSD_STRING, _RDF_LANGSTRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def _quads(graphs: Iterable[tuple[URIRef, Iterable[Triple]]]) -> Iterator[ox.Quad]:
    """pyoxigraph quads for named graphs of rdflib triples.

    Each distinct IRI is converted once per call: predicates, classes and entities recur in
    nearly every triple, and conversion is most of the Python time of a write. (Literals
    are not memoised: rdflib finds "x"@EN equal to "x"@en.)
    """
    iris: dict[URIRef, ox.NamedNode] = {}

    def convert(term: Node) -> Any:
        if type(term) is URIRef:
            node = iris.get(term)
            if node is None:
                node = iris[term] = ox.NamedNode(str(term))
            return node
        return to_oxigraph(term)

    for g, triples in graphs:
        name = ox.NamedNode(str(g))
        for s, p, o in triples:
            yield ox.Quad(convert(s), convert(p), convert(o), name)


# --- embedded Oxigraph --------------------------------------------------------

class OxigraphStore(Store):
    """Oxigraph on disk (RocksDB): transactional, and a crash never leaves half a write."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False):
        self.location = str(path) if path is not None else ":memory:"
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise KGError(f"cannot open the store: {exc}", path=path) from exc

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store, for the few callers (the SPARQL endpoint) that stream its output."""
        return self._store

    def _query(self, sparql: str) -> Any:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise KGError(f"malformed SPARQL: {exc}") from exc

    def select(self, sparql: str) -> list[Row]:
        solutions = self._query(sparql)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return rows

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql))

    def construct(self, sparql: str) -> Graph:
        graph = Graph()
        for triple in self._query(sparql):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                       to_rdflib(triple.object)))
        return graph

    def run(self, sparql: str, fmt: str = "json") -> tuple[str, bytes]:
        from .executor import answer

        solutions, graph = _FORMATS.get(fmt, ("application/sparql-results+json", "text/turtle"))
        try:
            kind, body, _ = answer(self._store, {"query": sparql, "solutions_format": solutions,
                                                 "boolean_format": solutions, "graph_format": graph})
        except SyntaxError as exc:
            raise KGError(f"malformed SPARQL: {exc}") from exc
        return kind, body

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise KGError(f"malformed SPARQL update: {exc}") from exc

    def graph_names(self) -> set[URIRef]:
        return {URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def graph(self, name: URIRef) -> Graph:
        graph = Graph()
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return graph

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]],
                       drop: Iterable[URIRef] = ()) -> None:
        drop = list(drop)
        existing = self.graph_names()
        if not drop and not existing.intersection(map(URIRef, graphs)):
            # Nothing to remove: one `extend` is a single transaction and far cheaper
            # than serialising an INSERT DATA.
            self._store.extend(_quads(graphs.items()))
            return
        super().replace_graphs(graphs, drop)

    def bulk_add(self, graphs: Iterable[tuple[URIRef, Iterable[Triple]]]) -> None:
        """Write whole graphs into a store nobody reads yet (a build's staging store).

        Oxigraph's bulk loader skips transactions: roughly twice as fast, and safe only
        because the store is swapped in after it is complete.
        """
        self._store.bulk_extend(_quads(graphs))

    def close(self) -> None:
        """Flush and release the files (RocksDB's lock goes with the last reference)."""
        if self._store is None:
            return
        if not self.read_only:
            self._store.flush()
        self._store = None


# --- a remote SPARQL 1.1 endpoint ---------------------------------------------

class RemoteStore(Store):
    """Any SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso).

    `sparql+http://host:port/path` queries `http://host:port/path`; updates go to the
    same URL unless the server names a separate one (Oxigraph: `/query` and `/update`).
    """

    def __init__(self, location: str, *, timeout: float = 60.0):
        self.location = location
        url = location.removeprefix(REMOTE_SCHEME)
        self.query_url = url
        self.update_url = url[: -len("/query")] + "/update" if url.endswith("/query") else url
        self.timeout = timeout

    def _post(self, url: str, field: str, text: str, accept: str) -> bytes:
        data = urllib.parse.urlencode({field: text}).encode()
        request = urllib.request.Request(url, data=data, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise KGError(f"{url} answered {exc.code}: {detail}") from exc
        except OSError as exc:
            raise KGError(f"cannot reach the store at {url}: {exc}") from exc

    def _results(self, sparql: str) -> dict:
        return json.loads(self._post(self.query_url, "query", sparql, "application/sparql-results+json"))

    def select(self, sparql: str) -> list[Row]:
        results = self._results(sparql)
        return [{k: json_term(v) for k, v in b.items()} for b in results["results"]["bindings"]]

    def ask(self, sparql: str) -> bool:
        return bool(self._results(sparql)["boolean"])

    def construct(self, sparql: str) -> Graph:
        body = self._post(self.query_url, "query", sparql, "application/n-triples")
        return Graph().parse(data=body.decode("utf-8"), format="nt")

    def run(self, sparql: str, fmt: str = "json") -> tuple[str, bytes]:
        solutions, graph = _FORMATS.get(fmt, ("application/sparql-results+json", "text/turtle"))
        body = self._post(self.query_url, "query", sparql, f"{solutions}, {graph};q=0.9")
        kind = "graph" if not body.lstrip().startswith((b"{", b"<?xml", b"<sparql")) and fmt in (
            "ttl", "nt", "jsonld", "rdfxml") else "solutions"
        return kind, body

    def update(self, sparql: str) -> None:
        self._post(self.update_url, "update", sparql, "*/*")

    def graph_names(self) -> set[URIRef]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {URIRef(r["g"]) for r in rows}

    def graph(self, name: URIRef) -> Graph:
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}")


def json_term(value: dict) -> Node:
    """An RDF term from its SPARQL JSON results form."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    return Literal(value["value"], datatype=URIRef(datatype) if datatype else None)


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(REMOTE_SCHEME)


def open_store(location: str | Path = DEFAULT_STORE, *, read_only: bool = False) -> Store:
    """Open `location`: a directory for embedded Oxigraph, or `sparql+http(s)://…` for a server."""
    text = str(location)
    if text.startswith(REMOTE_SCHEME):
        return RemoteStore(text)
    if read_only and not Path(text).exists():
        raise KGError("no store here yet; run `kg build` first", path=text)
    return OxigraphStore(text, read_only=read_only)
