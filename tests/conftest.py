"""Shared fixtures: the real ontology files and real Oxigraph stores on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.ontology import ontology_graph, reference_graph, shapes_graph
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """
@prefix sc: <https://w3id.org/statecraft/ontology#> .
@prefix id: <https://w3id.org/statecraft/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(text: str) -> Graph:
    """A graph from a Turtle snippet written without prefix declarations."""
    return Graph().parse(data=PREFIXES + text, format="turtle")


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="session")
def reference() -> Graph:
    return reference_graph()


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return shapes_graph()


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    with OxigraphStore(tmp_path / "store") as s:
        yield s
