"""Where the ontology, reference data and shapes live, and how to read them strictly."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from rdflib import Graph

from .errors import KGError

# The ontology folder sits beside the package in the source tree (installs are editable).
ONTOLOGY_DIR = Path(os.environ.get("STATECRAFT_ONTOLOGY_DIR")
                    or Path(__file__).resolve().parent.parent / "ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "statecraft.ttl"
REFERENCE_FILE = ONTOLOGY_DIR / "reference.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

_LINE = re.compile(r"line (\d+)")


def parse_rdf_file(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse an RDF file, turning any parser complaint into a KGError naming file and line."""
    path = Path(path)
    if not path.is_file():
        raise KGError("file not found", path=path)
    fmt = fmt or _format_for(path)
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many types; all mean "this file is broken"
        text = " ".join(str(exc).split())
        match = _LINE.search(text)
        # rdflib appends a byte-string excerpt of the input; the line number says more.
        text = text.split(" at ^ in:")[0].replace(" of <>", "")
        raise KGError(f"not valid {fmt}: {text}", path=path,
                      line=int(match.group(1)) if match else None) from exc
    return graph


def _format_for(path: Path) -> str:
    return {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml", ".xml": "xml",
            ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}.get(path.suffix.lower(), "turtle")


@cache
def ontology_graph() -> Graph:
    """The Statecraft ontology (parsed once per process; callers must not mutate it)."""
    return parse_rdf_file(ONTOLOGY_FILE)


@cache
def reference_graph() -> Graph:
    """The reference data: states, capitals, agencies, groups, resources (read-only)."""
    return parse_rdf_file(REFERENCE_FILE)


@cache
def shapes_graph() -> Graph:
    return parse_rdf_file(SHAPES_FILE)
