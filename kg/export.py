"""The store -> files other tools load: `kg export` (DESIGN §7).

RDF syntaxes come from Oxigraph's own serialisers, for the embedded store and a remote
endpoint alike, so every backend writes the same conformant bytes:

- quad syntaxes (`nq`, `trig`) keep every named graph;
- triple syntaxes (`nt`, `ttl`, `jsonld`, `xml`) hold the union of the graphs, each triple once.

Two property-graph views of the entities are built from SPARQL over the `Store` interface:

- `graphml` for Gephi and NetworkX: entities and documents as nodes, `sc:` links between
  them as edges, their literal properties as typed node attributes;
- `csv`, a folder holding `nodes.csv` and `relationships.csv` with the headers
  `neo4j-admin database import` reads.

The reification that carries the evidence (`rdf:Statement`, `sc:Assertion`, `sc:TextSpan`)
stays out of the property graphs: it is in the RDF exports, where it can be queried.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .errors import KGError
from .namespaces import DOC, ID, INFERRED_GRAPH, PREFIXES, SC
from .store import OxigraphStore, Store, to_oxigraph

QUAD_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
TRIPLE_FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
FORMATS = (*QUAD_FORMATS, *TRIPLE_FORMATS, "graphml", "csv")


def export(store: Store, fmt: str, out: Path | None) -> str:
    """Write the store as `fmt` to `out` (a file; a folder for csv) or standard output.

    Returns what was written: the path, or "stdout".
    """
    if fmt not in FORMATS:
        raise KGError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        if out is None:
            raise KGError("csv export writes a folder (nodes.csv, relationships.csv): give it with --out")
        write_csv(property_graph(store), out)
        return str(out)
    if fmt == "graphml":
        graph = property_graph(store)
        with _text_output(out) as stream:
            write_graphml(graph, stream)
    else:
        with _binary_output(out) as stream:
            write_rdf(store, fmt, stream)
    return str(out) if out is not None else "stdout"


# --- output targets -----------------------------------------------------------

@contextlib.contextmanager
def _target(out: Path) -> Iterator[Path]:
    """A temporary file beside `out`, moved into place only once it is complete."""
    if out.is_dir():
        raise KGError("is a folder; give a file to export to", path=out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        yield partial
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def _binary_output(out: Path | None) -> Iterator[IO[bytes]]:
    if out is None:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with _target(out) as partial, partial.open("wb") as stream:
        yield stream


@contextlib.contextmanager
def _text_output(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with _target(out) as partial, partial.open("w", encoding="utf-8", newline="\n") as stream:
        yield stream


# --- RDF syntaxes ---------------------------------------------------------------

def write_rdf(store: Store, fmt: str, stream: IO[bytes]) -> None:
    """Serialise with Oxigraph: the whole dataset for quad syntaxes, the union for the others."""
    dataset = _dataset(store)
    if fmt in QUAD_FORMATS:
        dataset.dump(stream, QUAD_FORMATS[fmt], prefixes=PREFIXES)
        return
    # An in-memory copy of the union: each triple once, grouped by subject (its index
    # order), which Turtle and RDF/XML turn into one block per resource.
    union = ox.Store()
    union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in dataset)
    union.dump(stream, TRIPLE_FORMATS[fmt], from_graph=ox.DefaultGraph(), prefixes=PREFIXES)


def _dataset(store: Store) -> ox.Store:
    """The store's quads as a pyoxigraph store: the embedded store itself, or a copy of a remote one.

    A remote store's quads come in one SELECT, so a blank node shared by two graphs stays
    one node (per-graph CONSTRUCTs would each relabel it).
    """
    if isinstance(store, OxigraphStore):
        return store.native
    copy = ox.Store()
    rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    copy.extend(ox.Quad(to_oxigraph(r["s"]), to_oxigraph(r["p"]), to_oxigraph(r["o"]), to_oxigraph(r["g"]))
                for r in rows)
    return copy


# --- the property graph ---------------------------------------------------------

REIFICATION = frozenset({RDF.Statement, SC.Assertion, SC.TextSpan})
_INTEGER_TYPES = frozenset(XSD[t] for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
_REAL_TYPES = frozenset({XSD.decimal, XSD.double, XSD.float})
_RESERVED = frozenset({"id", "iri", "label", "type", "classes"})
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_NODE_FILTER = "(STRSTARTS(STR({v}), STR(id:)) || STRSTARTS(STR({v}), STR(doc:)))"


@dataclass
class Property:
    """One node attribute: its name, value kind (long, double, boolean, string) and arity."""

    name: str
    kind: str = ""
    multi: bool = False


@dataclass
class Node:
    """An entity or document; `type` is its most specific sc: class (`;`-joined if several)."""

    iri: str
    key: str
    label: str = ""
    type: str = ""
    classes: list[str] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Edge:
    source: str
    predicate: str
    target: str
    graphs: list[str]

    @property
    def inferred(self) -> bool:
        return self.graphs == [str(INFERRED_GRAPH)]


@dataclass
class PropertyGraph:
    nodes: list[Node]
    edges: list[Edge]
    properties: list[Property]


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def node_key(iri: str) -> str:
    """A short, unique id for a node: `id:Pakistan`, `doc:<doc-id>`.

    GraphML ids are XML NMTOKENs (no `/` or `#`), so an IRI whose local part does not fit
    gets a digest of the IRI instead.
    """
    for prefix, namespace in (("id", str(ID)), ("doc", str(DOC))):
        if iri.startswith(namespace):
            local = iri.removeprefix(namespace)
            if _SAFE_LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
            return f"{prefix}:_{hashlib.sha1(iri.encode()).hexdigest()[:16]}"
    raise ValueError(f"not an entity or document IRI: {iri}")


def _sparql(body: str) -> str:
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n" + body


def _label_rank(value: Literal) -> tuple[int, str]:
    lang = (value.language or "").lower()
    return (0 if lang == "en" else 1 if not lang else 2, str(value))


def _most_specific(classes: set[str], supers: dict[str, set[str]]) -> list[str]:
    """The classes no other class of the node is a subclass of."""
    return sorted(c for c in classes if not any(c in supers.get(o, ()) for o in classes if o != c))


def property_graph(store: Store) -> PropertyGraph:
    """Entities and documents, the `sc:` links between them and their literal properties."""
    supers: dict[str, set[str]] = defaultdict(set)
    for row in store.select(_sparql(
            "SELECT DISTINCT ?sub ?sup WHERE { ?sub rdfs:subClassOf+ ?sup FILTER(isIRI(?sup) && ?sub != ?sup) }")):
        supers[str(row["sub"])].add(str(row["sup"]))

    classes: dict[str, set[str]] = defaultdict(set)
    skip: set[str] = set()
    for row in store.select(_sparql(
            f"SELECT DISTINCT ?n ?t WHERE {{ ?n a ?t FILTER(isIRI(?n) && {_NODE_FILTER.format(v='?n')}) }}")):
        n, t = str(row["n"]), row["t"]
        if t in REIFICATION:
            skip.add(n)
        elif isinstance(t, URIRef) and t.startswith(str(SC)):
            classes[n].add(str(t))

    iris = {str(row["n"]) for row in store.select(_sparql(
        "SELECT DISTINCT ?n WHERE { { ?n ?p ?o } UNION { ?s ?p ?n } "
        f"FILTER(isIRI(?n) && {_NODE_FILTER.format(v='?n')}) }}"))}
    # A document's fragments are its spans, readings and statements, never entities.
    iris = {n for n in iris - skip if not (n.startswith(str(DOC)) and "#" in n)}
    nodes = {n: Node(iri=n, key=node_key(n)) for n in iris}

    labels: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    raw: dict[str, dict[URIRef, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in store.select(_sparql(
            "SELECT DISTINCT ?n ?p ?v WHERE { ?n ?p ?v "
            f"FILTER(isIRI(?n) && {_NODE_FILTER.format(v='?n')}) "
            "FILTER(?p IN (rdfs:label, skos:prefLabel) || STRSTARTS(STR(?p), STR(sc:)) "
            "       || STRSTARTS(STR(?p), STR(dcterms:))) "
            "FILTER(isLiteral(?v) || (isIRI(?v) && STRSTARTS(STR(?v), STR(sc:)))) }")):
        n, p, v = str(row["n"]), row["p"], row["v"]
        if n not in nodes:
            continue
        if p in (RDFS.label, SKOS.prefLabel):
            if isinstance(v, Literal):
                labels[n].append((0 if p == RDFS.label else 1, *_label_rank(v)))
            continue
        if p == SC.text and str(SC.Document) in classes[n]:
            continue  # the whole document text is no attribute
        raw[n][p].append(v)

    properties = _properties(raw, nodes)
    for n, node in nodes.items():
        node.label = min(labels[n])[-1] if labels[n] else _local(n)
        node.classes = sorted(_local(c) for c in classes[n])
        node.type = ";".join(_local(c) for c in _most_specific(classes[n], supers))

    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in store.select(_sparql(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER(STRSTARTS(STR(?p), STR(sc:)) && isIRI(?s) && isIRI(?o)) "
            f"FILTER({_NODE_FILTER.format(v='?s')} && {_NODE_FILTER.format(v='?o')}) }}")):
        s, o = str(row["s"]), str(row["o"])
        if s in nodes and o in nodes:
            edges[(s, _local(str(row["p"])), o)].add(str(row["g"]))

    return PropertyGraph(
        nodes=sorted(nodes.values(), key=lambda node: node.key),
        edges=[Edge(nodes[s].key, p, nodes[o].key, sorted(g)) for (s, p, o), g in sorted(edges.items())],
        properties=properties,
    )


def _properties(raw: dict[str, dict[URIRef, list[Any]]], nodes: dict[str, Node]) -> list[Property]:
    """Name each attribute, find its kind across all nodes and fill in the nodes' values."""
    predicates = sorted({p for by_predicate in raw.values() for p in by_predicate})
    names: dict[URIRef, str] = {}
    taken = set(_RESERVED)
    for p in predicates:  # sc: terms get the plain local names; another vocabulary's clash gets a prefix
        if p.startswith(str(SC)) and (local := _local(p)) not in taken:
            names[p] = local
            taken.add(local)
    for p in predicates:
        if p not in names:
            prefix = next((k for k, ns in PREFIXES.items() if p.startswith(ns)), "x")
            name = _local(p) if _local(p) not in taken else f"{prefix}_{_local(p)}"
            names[p] = name
            taken.add(name)

    specs = {p: Property(names[p]) for p in predicates}
    for by_predicate in raw.values():
        for p, values in by_predicate.items():
            spec = specs[p]
            spec.multi = spec.multi or len(set(values)) > 1
            for value in values:
                spec.kind = _widen(spec.kind, _kind(value))
    for n, by_predicate in raw.items():
        for p, values in by_predicate.items():
            spec = specs[p]
            nodes[n].values[spec.name] = sorted({_lexical(v, spec.kind) for v in values})
    return sorted(specs.values(), key=lambda spec: spec.name)


def _kind(value: Any) -> str:
    if isinstance(value, Literal):
        datatype = value.datatype
        lexical = str(value)
        with contextlib.suppress(ValueError):
            if datatype in _INTEGER_TYPES:
                int(lexical)
                return "long"
            if datatype in _REAL_TYPES:
                float(lexical)
                return "double"
        if datatype == XSD.boolean and lexical in ("true", "false", "1", "0"):
            return "boolean"
    return "string"


def _widen(a: str, b: str) -> str:
    if not a or a == b:
        return b
    if {a, b} == {"long", "double"}:
        return "double"
    return "string"


def _lexical(value: Any, kind: str) -> str:
    if isinstance(value, URIRef):
        return _local(value)
    text = str(value).strip()
    if kind == "long":
        return str(int(text))
    if kind == "boolean":
        return "true" if text in ("true", "1") else "false"
    return text


# --- GraphML ---------------------------------------------------------------------

_GRAPHML_TYPES = {"long": "long", "double": "double", "boolean": "boolean", "string": "string"}
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return escape(_XML_INVALID.sub("", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_INVALID.sub("", text))


def write_graphml(graph: PropertyGraph, stream: IO[str]) -> None:
    """GraphML 1.0: one `<key>` per attribute with its `attr.type`, then nodes, then edges."""
    w = stream.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n'
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"\n'
      '         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
      '         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
      'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    node_keys = [("iri", "string"), ("label", "string"), ("type", "string"), ("classes", "string")]
    node_keys += [(p.name, "string" if p.multi else _GRAPHML_TYPES[p.kind]) for p in graph.properties]
    for name, kind in node_keys:
        w(f'  <key id={_xml_attr("n_" + name)} for="node" attr.name={_xml_attr(name)} attr.type="{kind}"/>\n')
    for name, kind in (("predicate", "string"), ("inferred", "boolean")):
        w(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    w('  <graph id="statecraft" edgedefault="directed">\n')

    def data(key: str, value: str) -> str:
        return f"<data key={_xml_attr(key)}>{_xml_text(value)}</data>"

    for node in graph.nodes:
        parts = [data("n_iri", node.iri), data("n_label", node.label)]
        if node.type:
            parts.append(data("n_type", node.type))
        if node.classes:
            parts.append(data("n_classes", ";".join(node.classes)))
        parts += [data("n_" + name, "; ".join(values)) for name, values in node.values.items()]
        w(f"    <node id={_xml_attr(node.key)}>{''.join(parts)}</node>\n")
    for i, edge in enumerate(graph.edges):
        w(f'    <edge id="e{i}" source={_xml_attr(edge.source)} target={_xml_attr(edge.target)}>'
          f'{data("e_predicate", edge.predicate)}{data("e_inferred", str(edge.inferred).lower())}</edge>\n')
    w("  </graph>\n</graphml>\n")


# --- neo4j-admin CSV -------------------------------------------------------------

_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _cell(text: str) -> str:
    """neo4j-admin reads one record per line unless told --multiline-fields: breaks become spaces."""
    return _LINE_BREAK.sub(" ", text)


def _array(values: list[str]) -> str:
    """neo4j-admin splits arrays on `;`, so a `;` inside an element becomes `,`."""
    return ";".join(_cell(v).replace(";", ",") for v in values)


def relationship_type(predicate: str) -> str:
    """`agencyOf` -> `AGENCY_OF`, the relationship-type convention of Cypher."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", predicate).upper()


def write_csv(graph: PropertyGraph, folder: Path) -> None:
    """`nodes.csv` and `relationships.csv` for `neo4j-admin database import full`:

        neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
    """
    if folder.exists() and not folder.is_dir():
        raise KGError("is a file; csv export writes a folder", path=folder)
    folder.mkdir(parents=True, exist_ok=True)
    columns = [f"{p.name}:{p.kind}{'[]' if p.multi else ''}" for p in graph.properties]
    cell: dict[bool, Callable[[list[str]], str]] = {True: _array, False: lambda v: _cell(v[0])}

    with _target(folder / "nodes.csv") as partial, partial.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id:ID", "iri", "label", "type", ":LABEL", *columns])
        for node in graph.nodes:
            props = [cell[p.multi](node.values[p.name]) if p.name in node.values else "" for p in graph.properties]
            writer.writerow([node.key, node.iri, _cell(node.label), node.type, _array(node.classes), *props])

    with _target(folder / "relationships.csv") as partial, partial.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "predicate", "graphs:string[]", "inferred:boolean"])
        for edge in graph.edges:
            writer.writerow([edge.source, edge.target, relationship_type(edge.predicate), edge.predicate,
                             _array(edge.graphs), str(edge.inferred).lower()])
