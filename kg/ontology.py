"""Where the ontology, reference data and shapes live, and how to read them strictly."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from rdflib import Graph

from .rdfio import read_rdf_file

# The ontology folder sits beside the package in the source tree (installs are editable).
ONTOLOGY_DIR = Path(os.environ.get("STATECRAFT_ONTOLOGY_DIR")
                    or Path(__file__).resolve().parent.parent / "ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "statecraft.ttl"
REFERENCE_FILE = ONTOLOGY_DIR / "reference.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

def parse_rdf_file(path: str | Path) -> Graph:
    """Parse an RDF file strictly and safely (kg.rdfio); errors name the file and line."""
    return read_rdf_file(path)


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
