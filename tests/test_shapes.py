"""Each SHACL shape catches a hand-made bad fact and passes a good one."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.validate import VIOLATION, WARNING, check_shapes

from .conftest import turtle

EVIDENCE = """
<https://w3id.org/statecraft/doc/d> a sc:Document ; rdfs:label "d" .
<https://w3id.org/statecraft/doc/d#char=0,10> a sc:TextSpan ;
    sc:document <https://w3id.org/statecraft/doc/d> ; sc:quote "0123456789" ;
    sc:start "0"^^xsd:integer ; sc:end "10"^^xsd:integer .
"""


def statement(subject: str, predicate: str, obj: str, modality: str = "sc:Asserted") -> str:
    return f"""
[] a rdf:Statement ; rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ;
   sc:assertion [ a sc:Assertion ; sc:evidence <https://w3id.org/statecraft/doc/d#char=0,10> ;
                  sc:modality {modality} ; sc:confidence 0.9 ; sc:method "test" ] .
"""


TARIFF = "id:t a sc:TariffChange ; sc:imposedBy id:US ; sc:appliesTo id:PK ; {rates} ."
TARIFF_EVIDENCE = statement("id:t", "sc:imposedBy", "id:US")

# name -> (good data, bad data, the message the bad data must produce)
CASES = {
    "entity without a label": (
        "id:Pakistan a sc:State ; rdfs:label 'Pakistan' .",
        "id:Pakistan a sc:State .",
        "no rdfs:label"),
    "fact without evidence": (
        EVIDENCE + "id:x a sc:Cooperation ." + statement("id:x", "sc:party", "id:PK"),
        EVIDENCE + "id:x a sc:Cooperation .",
        "no evidence"),
    "statement without a reading": (
        EVIDENCE + statement("id:a", "sc:agencyOf", "id:b"),
        EVIDENCE + "[] a rdf:Statement ; rdf:subject id:a ; rdf:predicate sc:agencyOf ; rdf:object id:b .",
        "no assertion"),
    "reading without a span": (
        EVIDENCE + statement("id:a", "sc:agencyOf", "id:b"),
        EVIDENCE + "[] a sc:Assertion ; sc:modality sc:Asserted ; sc:confidence 0.9 ; sc:method 'test' .",
        "no evidence span"),
    "modality outside the five values": (
        EVIDENCE + statement("id:a", "sc:agencyOf", "id:b"),
        EVIDENCE + statement("id:a", "sc:agencyOf", "id:b", modality="sc:Rumoured"),
        "modality"),
    "tariff change without a to-rate": (
        EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:fromRate 29.0 ; sc:toRate 19.0"),
        EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:fromRate 29.0"),
        "no to-rate"),
    "tariff rate outside 0-1000": (
        EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:fromRate 29.0 ; sc:toRate 1000.0"),
        EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:fromRate 29.0 ; sc:toRate 1900.0"),
        "outside 0-1000"),
    "negative tariff rate": (
        EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:fromRate 0.0 ; sc:toRate 19.0"),
        EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:fromRate -5.0 ; sc:toRate 19.0"),
        "outside 0-1000"),
    "agency with no state": (
        "id:ISI a sc:IntelligenceAgency ; rdfs:label 'ISI' ; sc:agencyOf id:PK . "
        "id:PK a sc:State ; rdfs:label 'Pakistan' .",
        "id:ISI a sc:IntelligenceAgency ; rdfs:label 'ISI' .",
        "belongs to no state"),
    "ownership share outside 0-100": (
        EVIDENCE + statement("id:o", "sc:owner", "id:f")
        + "id:o a sc:OwnershipStake ; sc:owner id:f ; sc:ownedEntity id:c ; sc:share 60.0 .",
        EVIDENCE + statement("id:o", "sc:owner", "id:f")
        + "id:o a sc:OwnershipStake ; sc:owner id:f ; sc:ownedEntity id:c ; sc:share 160.0 .",
        "outside 0-100"),
}


def _problems(data: str, ontology: Graph, shapes: Graph):
    return check_shapes(ontology, shapes, {"test": turtle(data)})


@pytest.mark.parametrize("case", list(CASES))
def test_shape_passes_good_data(case: str, ontology: Graph, shapes: Graph) -> None:
    good, _, _ = CASES[case]
    assert [p for p in _problems(good, ontology, shapes) if p.severity == VIOLATION] == []


@pytest.mark.parametrize("case", list(CASES))
def test_shape_catches_bad_data(case: str, ontology: Graph, shapes: Graph) -> None:
    _, bad, message = CASES[case]
    problems = _problems(bad, ontology, shapes)
    assert any(p.severity == VIOLATION and message in p.message for p in problems), problems


def test_missing_from_rate_is_only_a_warning(ontology: Graph, shapes: Graph) -> None:
    data = EVIDENCE + TARIFF_EVIDENCE + TARIFF.format(rates="; sc:toRate 19.0")
    problems = _problems(data, ontology, shapes)
    assert [(p.severity, "no from-rate" in p.message) for p in problems] == [(WARNING, True)]
