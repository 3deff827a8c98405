"""Documents -> store: `kg build`, `kg add`, `kg remove`.

Every document is read and extracted before the store is touched, and each document's
graph is written in one transaction, so a bad file never leaves a half-loaded store.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .curated import annotation_path, load_annotations
from .documents import DOCUMENT_SUFFIXES, Document, read_document
from .errors import KGError
from .extract import Extractor
from .extract.mentions import discover
from .facts import Fact
from .gazetteer import Gazetteer
from .namespaces import GRAPH, ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, document_graph
from .ontology import ontology_graph, reference_graph
from .rdf import graph_triples
from .reason import compile_rules, materialize
from .store import Store

SYSTEM_GRAPHS = {ONTOLOGY_GRAPH, REFERENCE_GRAPH, INFERRED_GRAPH}


@dataclass
class Summary:
    documents: int = 0
    sentences: int = 0
    entities: int = 0
    facts: int = 0
    inferred: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"{self.documents} documents, {self.sentences} sentences, {self.entities} new entities, "
                f"{self.facts} facts, {self.inferred} inferred triples in {self.seconds:.2f} s")


@dataclass
class Prepared:
    document: Document
    annotations: Path | None


def find_documents(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise KGError("not a folder of documents", path=folder)
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and ".facts." not in p.name)


def read_all(paths: Iterable[Path]) -> list[Prepared]:
    """Read every document first; duplicated ids are an error naming both files."""
    prepared: list[Prepared] = []
    seen: dict[str, Path] = {}
    for path in paths:
        document = read_document(path)
        if document.id in seen:
            raise KGError(f"document id {document.id!r} is also used by {seen[document.id]}", path=path)
        seen[document.id] = path
        prepared.append(Prepared(document, annotation_path(path)))
    return prepared


# Entities documents introduced: their types, labels, aliases and states, from every
# document graph (not the reference, ontology or inferred graphs).
_KNOWN_ENTITIES = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sc: <https://w3id.org/statecraft/ontology#>
CONSTRUCT {{ ?s a ?t ; rdfs:label ?l ; skos:altLabel ?a ; sc:agencyOf ?st }}
WHERE {{
  GRAPH ?g {{
    ?s a ?t . FILTER(STRSTARTS(STR(?s), "{ID}"))
    OPTIONAL {{ ?s rdfs:label ?l }} OPTIONAL {{ ?s skos:altLabel ?a }} OPTIONAL {{ ?s sc:agencyOf ?st }}
  }}
  FILTER(?g NOT IN (<{REFERENCE_GRAPH}>, <{INFERRED_GRAPH}>, <{ONTOLOGY_GRAPH}>))
}}"""


def gazetteer_from_store(store: Store | None) -> Gazetteer:
    """Reference data plus every entity documents already in the store introduced."""
    gazetteer = Gazetteer.from_graph(reference_graph())
    if store is not None:
        known = store.construct(_KNOWN_ENTITIES)
        gazetteer.add_graph(known)
    return gazetteer


def _extract(items: list[Prepared], gazetteer: Gazetteer,
             progress: Callable[[str], None] | None) -> tuple[dict, Summary]:
    # Pass 1: every document's new entities join the gazetteer before any is extracted,
    # so "FWO" in one report resolves to "Frontier Works Organisation (FWO)" in another.
    curated: dict[str, tuple] = {}
    for item in items:
        if item.annotations is not None:
            curated[item.document.id] = load_annotations(item.annotations, item.document, gazetteer)
        discover(item.document, gazetteer)
    extractor = Extractor(gazetteer)
    summary = Summary()
    graphs = {}
    for n, item in enumerate(items, 1):
        result = extractor.extract(item.document)
        entities, facts = curated.get(item.document.id, ([], []))
        merged = merge(facts, result.facts)
        graphs[document_graph(item.document.id)] = graph_triples(
            item.document, merged, [*entities, *result.entities], gazetteer,
            mentioned=(m.slug for m in result.mentions))
        summary.documents += 1
        summary.sentences += len(item.document.sentences)
        summary.entities += len(result.entities) + len(entities)
        summary.facts += len(merged)
        if progress:
            progress(f"[{n}/{len(items)}] {item.document.id}: {len(merged)} facts")
    return graphs, summary


def merge(curated: list[Fact], extracted: list[Fact]) -> list[Fact]:
    """Curated facts, then extracted facts that say something no curated fact says."""
    keys = {f.key() for f in curated}
    return [*curated, *(f for f in extracted if f.key() not in keys)]


def build(folder: Path, store: Store, progress: Callable[[str], None] | None = None) -> Summary:
    """Rebuild the store from a folder: same folder, same triples."""
    started = time.perf_counter()
    items = read_all(find_documents(folder))
    graphs, summary = _extract(items, gazetteer_from_store(None), progress)
    stale = [g for g in store.graph_names() if g not in graphs and g not in SYSTEM_GRAPHS]
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_graph(), REFERENCE_GRAPH: reference_graph()})
    for graph, triples in graphs.items():
        store.replace_graphs({graph: triples})
    if stale:
        store.replace_graphs({}, drop=stale)
    summary.inferred = materialize(store, compile_rules(ontology_graph()))
    summary.seconds = time.perf_counter() - started
    return summary


def add(paths: list[Path], store: Store, progress: Callable[[str], None] | None = None) -> Summary:
    """Add or replace documents by id; each document's graph is swapped in one transaction."""
    started = time.perf_counter()
    items = read_all(paths)
    if ONTOLOGY_GRAPH not in store.graph_names():
        store.replace_graphs({ONTOLOGY_GRAPH: ontology_graph(), REFERENCE_GRAPH: reference_graph()})
    graphs, summary = _extract(items, gazetteer_from_store(store), progress)
    for graph, triples in graphs.items():
        store.replace_graphs({graph: triples})
    summary.inferred = materialize(store, compile_rules(ontology_graph()))
    summary.seconds = time.perf_counter() - started
    return summary


def remove(doc_ids: list[str], store: Store) -> int:
    """Remove documents (and only what they alone said); returns how many were there."""
    present = store.graph_names()
    graphs = [document_graph(d) for d in doc_ids]
    missing = [d for d, g in zip(doc_ids, graphs, strict=True) if g not in present]
    if missing:
        raise KGError(f"no such document in the store: {', '.join(missing)}")
    store.replace_graphs({}, drop=graphs)
    materialize(store, compile_rules(ontology_graph()))
    return len(graphs)


def document_ids(store: Store) -> list[str]:
    prefix = str(GRAPH)
    return sorted(g.removeprefix(prefix) for g in store.graph_names() if g not in SYSTEM_GRAPHS)

