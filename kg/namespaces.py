"""The IRIs of DESIGN §2, in one place, and the slug rule for entity IRIs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD


class _Vocabulary(Namespace):
    """A Namespace that makes each of its IRIs once.

    rdflib builds (and validates) a new URIRef on every `SC.party`; a document's graph asks
    for the same few dozen terms hundreds of times.
    """

    def term(self, name: str) -> URIRef:
        return _cached_term(str(self), name) if isinstance(name, str) else super().term(name)

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # the next `SC.party` is a plain attribute, found without us
        return term


@lru_cache(maxsize=4096)
def _cached_term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


SC = _Vocabulary("https://w3id.org/statecraft/ontology#")
ID = Namespace("https://w3id.org/statecraft/id/")
DOC = Namespace("https://w3id.org/statecraft/doc/")
GRAPH = Namespace("https://w3id.org/statecraft/graph/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WD = Namespace("http://www.wikidata.org/entity/")

ONTOLOGY_IRI = URIRef("https://w3id.org/statecraft/ontology")
ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
INFERRED_GRAPH = GRAPH["inferred"]

PREFIXES: dict[str, str] = {
    "sc": str(SC),
    "id": str(ID),
    "doc": str(DOC),
    "graph": str(GRAPH),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "nif": str(NIF),
    "wd": str(WD),
}

__all__ = [
    "DCTERMS", "DOC", "GRAPH", "ID", "INFERRED_GRAPH", "NIF", "ONTOLOGY_GRAPH", "ONTOLOGY_IRI",
    "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "REFERENCE_GRAPH", "SC", "SKOS", "WD", "XSD",
    "document_graph", "document_iri", "entity_iri", "slugify", "span_iri",
]

_NOT_SLUG = re.compile(r"[^A-Za-z0-9_.\-]+")


def slugify(label: str) -> str:
    """A readable, stable IRI-safe slug: 'Frontier Works Organisation' -> 'Frontier_Works_Organisation'.

    Accents are folded ('Pezeshkian' stays, 'Zürich' -> 'Zurich'), apostrophes dropped,
    anything else outside [A-Za-z0-9_.-] becomes one underscore.
    """
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    folded = folded.replace("'", "").replace("’", "")
    slug = _NOT_SLUG.sub("_", folded.strip()).strip("_.-")
    if not slug:
        raise ValueError(f"cannot make a slug from {label!r}")
    return slug


@lru_cache(maxsize=16384)  # the same entities recur across every document of a build
def entity_iri(slug: str) -> URIRef:
    return ID[slug]


def document_iri(doc_id: str) -> URIRef:
    return DOC[doc_id]


def document_graph(doc_id: str) -> URIRef:
    return GRAPH[doc_id]


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The RFC 5147 fragment IRI of a span: doc/<id>#char=<start>,<end>."""
    return URIRef(f"{DOC}{doc_id}#char={start},{end}")
