"""Documents -> store: `kg build`, `kg add`, `kg remove`.

Every document is read and extracted before the store is touched, and each document's
graph is written in one transaction, so a bad file never leaves a half-loaded store.
"""

from __future__ import annotations

import gc
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from .curated import annotation_path, load_annotations, load_turtle_annotations
from .documents import DOCUMENT_SUFFIXES, Document, read_document
from .errors import KGError
from .extract import Extractor
from .extract.mentions import discover
from .facts import Fact
from .gazetteer import Gazetteer
from .namespaces import GRAPH, ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, document_graph
from .ontology import ontology_graph, reference_graph
from .rdf import graph_triples
from .reason import NEXT_GRAPH, compile_rules, materialize
from .store import OxigraphStore, Store, is_remote, open_store

SYSTEM_GRAPHS = {ONTOLOGY_GRAPH, REFERENCE_GRAPH, INFERRED_GRAPH, NEXT_GRAPH}


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


@dataclass(frozen=True)
class Source:
    """A document file that passed the first read: its id and its annotation file."""

    path: Path
    doc_id: str
    annotations: Path | None


Progress = Callable[[int, int, str], None]


def find_documents(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise KGError("not a folder of documents", path=folder)
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and ".facts." not in p.name)


def scan(paths: Iterable[Path], gazetteer: Gazetteer) -> list[Source]:
    """Pass 1: read every document and its annotations, failing on the first bad one
    before anything is written; every entity they introduce joins the gazetteer, so
    "FWO" in one report resolves to "Frontier Works Organisation (FWO)" in another.
    Documents are not kept: memory stays flat however many there are."""
    sources: list[Source] = []
    seen: dict[str, Path] = {}
    for path in paths:
        document = read_document(path)
        if document.id in seen:
            raise KGError(f"document id {document.id!r} is also used by {seen[document.id]}", path=path)
        seen[document.id] = path
        annotations = annotation_path(path)
        if annotations is not None:
            _load(annotations, document, gazetteer)
        discover(document, gazetteer)
        sources.append(Source(path, document.id, annotations))
    return sources


def document_graphs(sources: list[Source], gazetteer: Gazetteer, summary: Summary,
                    progress: Progress | None = None) -> Iterator[tuple[URIRef, list]]:
    """Pass 2: each document's named graph, one at a time."""
    extractor = Extractor(gazetteer)
    with collector_spared():
        for n, source in enumerate(sources, 1):
            document = read_document(source.path)
            entities, curated, curated_triples = [], [], []
            if source.annotations is not None:
                entities, curated, curated_triples = _load(source.annotations, document, gazetteer)
            result = extractor.extract(document)
            facts = merge(curated, result.facts)
            summary.documents += 1
            summary.sentences += len(document.sentences)
            summary.entities += len(result.entities) + len(entities)
            summary.facts += len(facts)
            if progress:
                progress(n, len(sources), document.id)
            yield document_graph(document.id), graph_triples(
                document, facts, [*entities, *result.entities], gazetteer,
                mentioned=(m.slug for m in result.mentions)) + curated_triples


@contextmanager
def collector_spared() -> Iterator[None]:
    """Keep Python's garbage collector off every object that exists now until the block ends.

    The reference data, gazetteer and matchers live as long as a build; each full collection
    walked all of them again (~60 ms each, ~0.6 ms a document), though only the documents'
    short-lived objects can become garbage.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Entities documents introduced: their types, labels, aliases and states, from every
# document graph (not the reference, ontology or inferred graphs). Only what
# `rdf.entity_triples` described (it alone writes skos:prefLabel): fact nodes (events,
# cooperations, recommendations…) and the reasoner's scratch graph are no entities.
_KNOWN_ENTITIES = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sc: <https://w3id.org/statecraft/ontology#>
CONSTRUCT {{ ?s a ?t ; rdfs:label ?l ; skos:altLabel ?a ; sc:agencyOf ?st }}
WHERE {{
  GRAPH ?g {{
    ?s a ?t ; skos:prefLabel ?pl . FILTER(STRSTARTS(STR(?s), "{ID}"))
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


def _load(path: Path, document: Document, gazetteer: Gazetteer) -> tuple[list, list, list]:
    """Curated annotations in YAML (facts) or Turtle (triples), as (entities, facts, triples)."""
    if path.suffix == ".ttl":
        return [], [], load_turtle_annotations(path, document, gazetteer)
    entities, facts = load_annotations(path, document, gazetteer)
    return entities, facts, []


def merge(curated: list[Fact], extracted: list[Fact]) -> list[Fact]:
    """Curated facts, then extracted facts that say something no curated fact says."""
    keys = {f.key() for f in curated}
    return [*curated, *(f for f in extracted if f.key() not in keys)]


def _system_graphs() -> dict[URIRef, Graph]:
    return {ONTOLOGY_GRAPH: ontology_graph(), REFERENCE_GRAPH: reference_graph()}


def build(folder: Path, location: str | Path, progress: Progress | None = None) -> Summary:
    """Rebuild a store from a folder: same folder, same triples.

    An embedded store is built beside the old one and swapped in when complete, so a
    failure at any point leaves the old store as it was; a remote store gets each
    document's graph in its own transaction.
    """
    started = time.perf_counter()
    gazetteer = gazetteer_from_store(None)
    sources = scan(find_documents(folder), gazetteer)
    summary = Summary()
    graphs = document_graphs(sources, gazetteer, summary, progress)
    if is_remote(location):
        with open_store(location) as store:
            stale = [g for g in store.graph_names()
                     if g not in SYSTEM_GRAPHS and g not in {document_graph(s.doc_id) for s in sources}]
            store.replace_graphs(_system_graphs(), drop=stale)
            for graph, triples in graphs:
                store.replace_graphs({graph: triples})
            summary.inferred = materialize(store, compile_rules(ontology_graph()))
    else:
        target = Path(location)
        staging = target.with_name(target.name + ".building")
        shutil.rmtree(staging, ignore_errors=True)
        with OxigraphStore(staging) as store:
            store.bulk_add(_system_graphs().items())
            batch: list[tuple[URIRef, list]] = []
            for item in graphs:
                batch.append(item)
                if len(batch) >= 64:
                    store.bulk_add(batch)
                    batch = []
            store.bulk_add(batch)
            summary.inferred = materialize(store, compile_rules(ontology_graph()))
        _swap(staging, target)
    summary.seconds = time.perf_counter() - started
    return summary


def _swap(staging: Path, target: Path) -> None:
    """Put the finished store where the old one was (two renames; the old is then removed)."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def add(paths: list[Path], store: Store, progress: Progress | None = None) -> Summary:
    """Add or replace documents by id; each document's graph is swapped in one transaction."""
    started = time.perf_counter()
    gazetteer = gazetteer_from_store(store)
    sources = scan(paths, gazetteer)
    if ONTOLOGY_GRAPH not in store.graph_names():
        store.replace_graphs(_system_graphs())
    summary = Summary()
    for graph, triples in document_graphs(sources, gazetteer, summary, progress):
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

