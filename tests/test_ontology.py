"""The ontology and reference data: they parse, are consistent, and are written for people."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import ID, SC, WD
from kg.validate import check_consistency

from .conftest import turtle

# DESIGN §3: these names are fixed.
CORE_CLASSES = """Actor State Organization Person GovernmentAgency IntelligenceAgency Company ArmedGroup
InternationalGroup Place Region City Resource NaturalResource Agreement TradeAgreement Contract
Memorandum Project Event Attack Arrest Speech Visit Meeting TariffChange OwnershipStake
Cooperation Tension Recommendation Document""".split()
CORE_PROPERTIES = """agencyOf hasAgency locatedIn hasResource party participant perpetrator
target area imposedBy
appliesTo fromRate toRate owner ownedEntity share date place casualties leaderOf memberOf cause
addressee modality""".split()
MODALITIES = ["Asserted", "Reported", "Alleged", "Recommended", "Pending"]
VERIFIED_WIKIDATA = {
    "Pakistan": "Q843", "United_States": "Q30", "India": "Q668", "China": "Q148", "Iran": "Q794",
    "Russia": "Q159", "Afghanistan": "Q889", "CIA": "Q37230", "Islamabad": "Q1362",
    "Kabul": "Q5838", "Donald_Trump": "Q22686", "Oil": "Q22656",
}


def test_ontology_declares_every_core_class(ontology: Graph) -> None:
    missing = [c for c in CORE_CLASSES if (SC[c], RDF.type, OWL.Class) not in ontology]
    assert missing == []


def test_ontology_declares_every_core_property(ontology: Graph) -> None:
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    missing = [p for p in CORE_PROPERTIES
               if not any((SC[p], RDF.type, k) in ontology for k in kinds)]
    assert missing == []


def test_modality_values_are_the_closed_five(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, SC.Modality)) == {SC[m] for m in MODALITIES}


def test_agency_class_tree_follows_design(ontology: Graph) -> None:
    assert (SC.IntelligenceAgency, RDFS.subClassOf, SC.SecurityAgency) in ontology
    assert (SC.SecurityAgency, RDFS.subClassOf, SC.GovernmentAgency) in ontology
    assert (SC.GovernmentAgency, RDFS.subClassOf, SC.Organization) in ontology
    assert (SC.Organization, RDFS.subClassOf, SC.Actor) in ontology


@pytest.mark.parametrize("graph_name", ["ontology", "reference"])
def test_every_sc_term_is_labelled_and_defined(graph_name: str, request: pytest.FixtureRequest,
                                               ontology: Graph) -> None:
    graph = request.getfixturevalue(graph_name)
    terms = {t for t in graph.all_nodes() if isinstance(t, URIRef) and t.startswith(str(SC))}
    unlabelled = sorted(t for t in terms if (t, RDFS.label, None) not in ontology)
    undefined = sorted(t for t in terms if (t, SKOS.definition, None) not in ontology)
    assert terms and unlabelled == [] and undefined == []


def test_hermit_finds_ontology_and_reference_consistent(ontology: Graph, reference: Graph) -> None:
    assert check_consistency(ontology, [reference], reasoner="hermit") == []


def test_hermit_catches_an_entity_typed_both_state_and_person(ontology: Graph) -> None:
    bad = turtle("id:Pakistan a sc:State, sc:Person ; rdfs:label 'Pakistan' .")
    problems = check_consistency(ontology, [bad], reasoner="hermit")
    assert [p.check for p in problems] == ["owl"]
    assert "inconsistent" in problems[0].message


def test_owlrl_fallback_catches_the_same_inconsistency(ontology: Graph) -> None:
    bad = turtle("id:Pakistan a sc:State, sc:Person .")
    assert check_consistency(ontology, [bad], reasoner="owlrl") != []
    assert check_consistency(ontology, [turtle("id:Pakistan a sc:State .")], reasoner="owlrl") == []


def test_reference_entities_have_label_and_preflabel(reference: Graph) -> None:
    typed = {s for s, t in reference.subject_objects(RDF.type) if str(t).startswith(str(SC))}
    bad = sorted(s for s in typed if (s, RDFS.label, None) not in reference
                 or (s, SKOS.prefLabel, None) not in reference)
    assert len(typed) > 150 and bad == []


def test_reference_agencies_belong_to_a_state(reference: Graph, ontology: Graph) -> None:
    agency_classes = {SC.GovernmentAgency, SC.SecurityAgency, SC.IntelligenceAgency,
                      SC.Ministry, SC.ArmedForces, SC.FusionCentre}
    agencies = {s for c in agency_classes for s in reference.subjects(RDF.type, c)}
    assert {ID.CIA, ID.ISI, ID.FBI, ID.NSA, ID.IB, ID.NACTA, ID.RAW, ID.MSS} <= agencies
    stateless = sorted(a for a in agencies if reference.value(a, SC.agencyOf) is None)
    assert stateless == []
    assert reference.value(ID.ISI, SC.agencyOf) == ID.Pakistan
    assert reference.value(ID.CIA, SC.agencyOf) == ID.United_States


def test_reference_knows_states_capitals_and_demonyms(reference: Graph) -> None:
    assert reference.value(ID.Pakistan, SC.capital) == ID.Islamabad
    assert str(reference.value(ID.Pakistan, SC.demonym)) == "Pakistani"
    assert "American" in {str(d) for d in reference.objects(ID.United_States, SC.demonym)}
    for state in ["India", "Afghanistan", "Bangladesh", "Iran", "Saudi_Arabia", "China", "Russia"]:
        assert (ID[state], RDF.type, SC.State) in reference, state
        assert reference.value(ID[state], SC.capital) is not None, state


def test_reference_places_pakistans_provinces_in_pakistan(reference: Graph) -> None:
    for region in ["Punjab", "Sindh", "Khyber_Pakhtunkhwa", "Balochistan", "Gilgit-Baltistan"]:
        assert (ID[region], SC.locatedIn, ID.Pakistan) in reference, region


def test_reference_aliases_cover_acronyms_and_short_names(reference: Graph) -> None:
    us = {str(a) for a in reference.objects(ID.United_States, SKOS.altLabel)}
    assert {"US", "U.S.", "USA"} <= us
    assert "Inter-Services Intelligence" in {str(x) for x in reference.objects(ID.ISI, RDFS.label)}


def test_reference_links_only_verified_wikidata_ids(reference: Graph) -> None:
    links = {s.removeprefix(str(ID)): o.removeprefix(str(WD))
             for s, o in reference.subject_objects(SKOS.exactMatch) if o.startswith(str(WD))}
    assert links == {k: v for k, v in VERIFIED_WIKIDATA.items() if k in links}
    assert links["Pakistan"] == "Q843"


def test_reference_graph_describes_its_own_provenance(reference: Graph) -> None:
    graph_iri = URIRef("https://w3id.org/statecraft/graph/reference")
    assert (graph_iri, RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")) in reference


def test_slugs_in_reference_are_readable() -> None:
    from kg.ontology import reference_graph
    slugs = {str(s).removeprefix(str(ID)) for s in reference_graph().subjects() if str(s).startswith(str(ID))}
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+", s) for s in slugs)
