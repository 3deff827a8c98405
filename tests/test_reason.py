"""Each inference the product relies on is derived by the compiled rules, and by HermiT."""

from __future__ import annotations

import io

import owlready2
import pytest
from rdflib import Graph

from kg.namespaces import GRAPH, ID, INFERRED_GRAPH, REFERENCE_GRAPH, SC
from kg.reason import compile_rules, materialize
from kg.store import OxigraphStore

from .conftest import turtle

DOC_GRAPH = GRAPH["test-doc"]
FACTS = """
id:ISI a sc:IntelligenceAgency ; rdfs:label "Inter-Services Intelligence" ; sc:agencyOf id:Pakistan .
id:Pakistan a sc:State ; rdfs:label "Pakistan" ; sc:cooperatesWith id:United_States .
id:United_States a sc:State ; rdfs:label "United States" .
id:Balochistan a sc:Region ; rdfs:label "Balochistan" ; sc:locatedIn id:Pakistan ;
    sc:hasResource id:Copper .
id:Gwadar a sc:City ; rdfs:label "Gwadar" ; sc:locatedIn id:Balochistan .
id:Copper a sc:NaturalResource ; rdfs:label "copper" .
"""

# (subject, predicate, object) each rule family must derive from FACTS.
EXPECTED = {
    "agency type up the class tree": (ID.ISI, "a", SC.GovernmentAgency),
    "agency is an actor": (ID.ISI, "a", SC.Actor),
    "inverse of agencyOf": (ID.Pakistan, SC.hasAgency, ID.ISI),
    "locatedIn is transitive": (ID.Gwadar, SC.locatedIn, ID.Pakistan),
    "a region's resource is its state's": (ID.Pakistan, SC.hasResource, ID.Copper),
    "cooperation is symmetric": (ID.United_States, SC.cooperatesWith, ID.Pakistan),
}


@pytest.fixture
def reasoned(store: OxigraphStore, ontology: Graph) -> OxigraphStore:
    store.replace_graphs({DOC_GRAPH: turtle(FACTS)})
    materialize(store, compile_rules(ontology))
    return store


def _holds(store: OxigraphStore, s, p, o, graph=INFERRED_GRAPH) -> bool:
    pred = "a" if p == "a" else p.n3()
    return store.ask(f"ASK {{ GRAPH {graph.n3()} {{ {s.n3()} {pred} {o.n3()} }} }}")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_compiled_rules_derive(name: str, reasoned: OxigraphStore) -> None:
    assert _holds(reasoned, *EXPECTED[name])


def test_inferred_graph_holds_only_new_triples(reasoned: OxigraphStore) -> None:
    assert not _holds(reasoned, ID.ISI, SC.agencyOf, ID.Pakistan)
    assert _holds(reasoned, ID.ISI, SC.agencyOf, ID.Pakistan, graph=DOC_GRAPH)


def test_inferred_graph_says_it_was_inferred(reasoned: OxigraphStore) -> None:
    assert reasoned.ask(
        "PREFIX prov: <http://www.w3.org/ns/prov#> ASK { GRAPH ?g { ?g prov:wasGeneratedBy ?a } }")


def test_removing_a_fact_removes_what_was_inferred_from_it(
        reasoned: OxigraphStore, ontology: Graph) -> None:
    reasoned.update(f"DELETE DATA {{ GRAPH {DOC_GRAPH.n3()} {{ "
                    f"{ID.Balochistan.n3()} {SC.hasResource.n3()} {ID.Copper.n3()} }} }}")
    materialize(reasoned, compile_rules(ontology))
    assert not _holds(reasoned, ID.Pakistan, SC.hasResource, ID.Copper)


def test_materialize_is_idempotent(reasoned: OxigraphStore, ontology: Graph) -> None:
    size = reasoned.count(INFERRED_GRAPH)
    materialize(reasoned, compile_rules(ontology))
    assert reasoned.count(INFERRED_GRAPH) == size


def test_rules_combine_documents_with_reference_data(
        store: OxigraphStore, ontology: Graph, reference: Graph) -> None:
    store.replace_graphs({REFERENCE_GRAPH: reference,
                          DOC_GRAPH: turtle("id:Balochistan sc:hasResource id:Gold .")})
    materialize(store, compile_rules(ontology))
    assert _holds(store, ID.Pakistan, SC.hasResource, ID.Gold)
    assert _holds(store, ID.Pakistan, SC.hasAgency, ID.ISI)


def test_hermit_derives_the_same_facts(ontology: Graph) -> None:
    world = owlready2.World()
    merged = ontology + turtle(FACTS)
    onto = world.get_ontology("https://w3id.org/statecraft/ontology").load(
        fileobj=io.BytesIO(merged.serialize(format="nt", encoding="utf-8")), format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    for name, (s, p, o) in EXPECTED.items():
        individual, value = world[str(s)], world[str(o)]
        if p == "a":
            assert value in individual.INDIRECT_is_a, name
        else:
            prop = world[str(p)]
            assert value in getattr(individual, "INDIRECT_" + prop.python_name), name
