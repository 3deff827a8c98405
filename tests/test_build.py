"""`kg build`, `kg add`, `kg remove` against real Oxigraph stores on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import add, build, document_ids, remove
from kg.errors import KGError
from kg.store import OxigraphStore

from .conftest import ROOT

SEEDS = ROOT / "seeds"
FWO_A = """---
id: fwo-a
title: FWO signs minerals MoU
---
Pakistan’s Frontier Works Organisation (FWO) signed a memorandum of understanding with
US Strategic Metals (USSM).
"""
FWO_B = """---
id: fwo-b
title: FWO ships samples
---
FWO sent its first shipment of antimony to USSM in October.
"""


def _quads(store: OxigraphStore) -> set:
    """The store's quads; blank nodes (OWL lists in the ontology) are compared by position only."""
    import pyoxigraph as ox
    blank = lambda t: "_" if isinstance(t, ox.BlankNode) else t  # noqa: E731
    return {(blank(q.subject), q.predicate, blank(q.object), q.graph_name) for q in store.native}


@pytest.fixture
def seed_store(tmp_path: Path) -> OxigraphStore:
    build(SEEDS, tmp_path / "seed-store")
    with OxigraphStore(tmp_path / "seed-store") as store:
        yield store


def test_build_is_idempotent(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "s")
    with OxigraphStore(tmp_path / "s") as store:
        first = _quads(store)
    build(SEEDS, tmp_path / "s")
    with OxigraphStore(tmp_path / "s") as store:
        assert _quads(store) == first and len(first) > 1000


def test_build_leaves_no_staging_folders(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "s")
    build(SEEDS, tmp_path / "s")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]


def test_every_statement_quotes_its_document_exactly(seed_store: OxigraphStore) -> None:
    store = seed_store
    rows = store.select("""
        PREFIX sc: <https://w3id.org/statecraft/ontology#>
        SELECT ?quote ?start ?end ?text WHERE {
          ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ; sc:assertion/sc:evidence ?span .
          ?span sc:quote ?quote ; sc:start ?start ; sc:end ?end ; sc:document ?doc .
          ?doc sc:text ?text }""")
    assert len(rows) > 50
    assert all(str(r["text"])[int(r["start"]):int(r["end"])] == str(r["quote"]) for r in rows)


def test_seed_graph_states_the_tariff_change_with_evidence(seed_store: OxigraphStore) -> None:
    assert seed_store.ask("""
        PREFIX sc: <https://w3id.org/statecraft/ontology#>
        PREFIX id: <https://w3id.org/statecraft/id/>
        ASK { ?t a sc:TariffChange ; sc:imposedBy id:United_States ; sc:appliesTo id:Pakistan ;
                 sc:fromRate ?from ; sc:toRate ?to . FILTER(?from = 29 && ?to = 19)
              ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?t ; sc:assertion/sc:evidence ?span .
              ?span sc:quote ?q . FILTER(CONTAINS(?q, "from 29% to 19%")) }""")


def test_a_quote_missing_from_the_text_names_file_and_line_and_changes_nothing(
        tmp_path: Path, seed_store: OxigraphStore) -> None:
    store = seed_store
    before = _quads(store)
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    facts = docs / "us-pakistan-strategic-realism.facts.yaml"
    text = facts.read_text().replace("tariffs from 29% to 19%", "tariffs from 30% to 19%")
    facts.write_text(text)
    with pytest.raises(KGError) as error:
        add([docs / "us-pakistan-strategic-realism.md"], store)
    assert str(facts) in str(error.value) and "quote not found" in str(error.value)
    assert error.value.line is not None
    assert _quads(store) == before


def test_an_entity_from_one_report_is_recognised_in_the_next(tmp_path: Path, store: OxigraphStore) -> None:
    (tmp_path / "a.md").write_text(FWO_A)
    (tmp_path / "b.md").write_text(FWO_B)
    add([tmp_path / "a.md"], store)
    add([tmp_path / "b.md"], store)
    assert store.ask("""ASK { GRAPH <https://w3id.org/statecraft/graph/fwo-b> {
        <https://w3id.org/statecraft/id/FWO> <http://www.w3.org/2000/01/rdf-schema#label>
        "Frontier Works Organisation"@en } }""")


def test_removing_a_document_keeps_what_another_also_said(tmp_path: Path, store: OxigraphStore) -> None:
    (tmp_path / "a.md").write_text(FWO_A)
    (tmp_path / "b.md").write_text(FWO_B)
    add([tmp_path / "a.md", tmp_path / "b.md"], store)
    remove(["fwo-a"], store)
    assert document_ids(store) == ["fwo-b"]
    assert store.ask("ASK { <https://w3id.org/statecraft/id/FWO> ?p ?o }")
    assert not store.ask("ASK { GRAPH <https://w3id.org/statecraft/graph/fwo-a> { ?s ?p ?o } }")


def test_removing_an_unknown_document_is_an_error(store: OxigraphStore) -> None:
    with pytest.raises(KGError, match="no such document"):
        remove(["nope"], store)


def test_duplicate_document_ids_name_both_files_and_keep_the_old_store(
        tmp_path: Path, seed_store: OxigraphStore) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(FWO_A)
    (docs / "a-copy.md").write_text(FWO_A)
    with pytest.raises(KGError, match="also used by"):
        build(docs, tmp_path / "seed-store")
    assert document_ids(seed_store) == ["us-pakistan-strategic-realism"]


TTL_FACTS = """
@prefix sc: <https://w3id.org/statecraft/ontology#> .
@prefix id: <https://w3id.org/statecraft/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

id:Frontier_Works_Organisation a sc:GovernmentAgency ; rdfs:label "Frontier Works Organisation"@en .

[] rdf:subject id:Frontier_Works_Organisation ; rdf:predicate sc:agencyOf ; rdf:object id:Pakistan ;
   sc:assertion [ sc:quote "Pakistan’s Frontier Works Organisation" ; sc:modality sc:Reported ] .
"""


def test_curated_facts_in_turtle_are_located_and_evidenced(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "fwo.md").write_text("---\nid: fwo-ttl\n---\nOfficials said Pakistan’s Frontier Works Organisation "
                                 "would lead the work.\n")
    (docs / "fwo.facts.ttl").write_text(TTL_FACTS)
    build(docs, tmp_path / "store")
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        rows = store.select("""
            PREFIX sc: <https://w3id.org/statecraft/ontology#>
            PREFIX id: <https://w3id.org/statecraft/id/>
            SELECT ?quote ?start ?modality WHERE {
              ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> id:Frontier_Works_Organisation ;
                  sc:assertion [ sc:method "curated" ; sc:modality ?modality ;
                                 sc:evidence [ sc:quote ?quote ; sc:start ?start ] ] }""")
    assert [(str(r["quote"]), int(r["start"]), str(r["modality"]).rsplit("#")[1]) for r in rows] == [
        ("Pakistan’s Frontier Works Organisation", 15, "Reported")]


def test_a_turtle_quote_not_in_the_text_names_the_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "fwo.md").write_text("---\nid: fwo-ttl\n---\nNothing about that here.\n")
    (docs / "fwo.facts.ttl").write_text(TTL_FACTS)
    with pytest.raises(KGError, match="quote not found") as error:
        build(docs, tmp_path / "store")
    assert str(docs / "fwo.facts.ttl") in str(error.value)
