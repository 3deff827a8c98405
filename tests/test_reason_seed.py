"""On the seed graph, the compiled rules derive what a full OWL RL reasoner derives."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.build import build
from kg.namespaces import ID, INFERRED_GRAPH, ONTOLOGY_GRAPH, SC
from kg.ontology import ontology_graph
from kg.store import OxigraphStore

from .conftest import ROOT


def _facts_about_entities(graph: Graph) -> set[tuple]:
    """Triples the product asks about: entity types and object relations in sc:."""
    out = set()
    for s, p, o in graph:
        if not (isinstance(s, URIRef) and s.startswith(str(ID))):
            continue
        typed = p == RDF.type and isinstance(o, URIRef) and o.startswith(str(SC))
        related = p.startswith(str(SC)) and isinstance(o, URIRef) and o.startswith(str(ID))
        if typed or related:
            out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def seed_graphs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Graph]:
    """(asserted facts, asserted + inferred facts) of the seed store."""
    path: Path = tmp_path_factory.mktemp("seed") / "store"
    build(ROOT / "seeds", path)
    asserted, closed = Graph(), Graph()
    with OxigraphStore(path) as store:
        for name in store.graph_names():
            if name == ONTOLOGY_GRAPH:
                continue
            graph = store.graph(name)
            closed += graph
            if name != INFERRED_GRAPH:
                asserted += graph
    return asserted, closed


def test_compiled_rules_derive_everything_owl_rl_derives(seed_graphs: tuple[Graph, Graph]) -> None:
    asserted, closed = seed_graphs
    reference = asserted + ontology_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(reference)
    missing = _facts_about_entities(reference) - _facts_about_entities(closed)
    assert sorted(missing) == []


def test_compiled_rules_derive_nothing_owl_rl_does_not(seed_graphs: tuple[Graph, Graph]) -> None:
    asserted, closed = seed_graphs
    reference = asserted + ontology_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(reference)
    extra = _facts_about_entities(closed) - _facts_about_entities(reference)
    assert sorted(extra) == []
