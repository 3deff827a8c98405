"""Reading RDF that someone else wrote, safely: files, uploads, annotations.

Everything goes through Oxigraph's parsers, which never fetch (a JSON-LD document
naming a remote @context is refused, not resolved). Oxigraph's RDF/XML parser does
expand internal XML entities, so a 1 KB document could grow to gigabytes ("billion
laughs"); DOCTYPE and ENTITY declarations are refused before parsing: RDF/XML has no
use for them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import KGError

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
}
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


def read_rdf(data: bytes, fmt: ox.RdfFormat, *, base_iri: str | None = None,
             source: str | Path = "input") -> list[ox.Quad]:
    """Parse `data`; any problem is a KGError naming `source` and, when known, the line."""
    if fmt == ox.RdfFormat.RDF_XML and _DTD.search(data):
        line = data[: _DTD.search(data).start()].count(b"\n") + 1
        raise KGError("XML DOCTYPE and ENTITY declarations are refused (they can expand a small file "
                      "into gigabytes); remove them, RDF/XML does not need them", path=source, line=line)
    try:
        return list(ox.parse(io.BytesIO(data), format=fmt, base_iri=base_iri))
    except SyntaxError as exc:
        message = " ".join(str(exc).split())
        if "LoadDocumentCallback" in message:
            message = "remote JSON-LD contexts are not fetched; inline the @context instead"
        raise KGError(f"not valid {fmt.name}: {message}", path=source, line=getattr(exc, "lineno", None)) from None
    except (ValueError, OSError) as exc:
        raise KGError(f"not valid {fmt.name}: {exc}", path=source) from None


def read_rdf_file(path: str | Path) -> Graph:
    """A file's triples (of every graph it has) as an rdflib Graph, for validation and reasoning."""
    from .store import to_rdflib

    path = Path(path)
    if not path.is_file():
        raise KGError("file not found", path=path)
    fmt = FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
    graph = Graph()
    for quad in read_rdf(path.read_bytes(), fmt, base_iri=path.resolve().as_uri(), source=path):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph
