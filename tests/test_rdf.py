"""Facts -> triples: which link a leader fact states."""

from __future__ import annotations

import pytest

from kg.facts import Evidence, Fact
from kg.gazetteer import Gazetteer
from kg.namespaces import SC, entity_iri
from kg.ontology import reference_graph
from kg.rdf import fact_triples

SPAN = Evidence("d", 0, 10, "x" * 10)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_graph(reference_graph())


@pytest.mark.parametrize(("role", "link"), [
    ("Finance Minister", SC.leaderOf), ("Prime Minister", SC.leaderOf), ("Minister of Finance", SC.leaderOf),
    ("Deputy Minister of Finance", SC.positionIn), ("Former Prime Minister", SC.positionIn),
    ("Deputy Prime Minister", SC.positionIn), ("Spokesperson", SC.positionIn),
])
def test_only_a_sitting_head_leads_the_body(gazetteer: Gazetteer, role: str, link) -> None:
    fact = Fact("leader", {"person": "Ishaq_Dar", "organization": "Pakistan", "role": role}, SPAN)
    links = {p for s, p, o in fact_triples(fact, gazetteer) if s == entity_iri("Ishaq_Dar")}
    assert links == {link}
