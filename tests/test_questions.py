"""The canned questions: their files, parameters, and their answers on the seed, row by row
against the curated facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build, gazetteer_from_store
from kg.curated import load_annotations
from kg.documents import read_document
from kg.facts import Fact
from kg.namespaces import ID
from kg.questions import BadParameter, ask, load_catalogue
from kg.store import OxigraphStore

from .conftest import ROOT

SEED = ROOT / "seeds" / "us-pakistan-strategic-realism.md"
# DESIGN §6: ids, parameters and the columns every answer must have.
CONTRACT = {
    "agencies": ("state", "agency agencyLabel state stateLabel"),
    "cooperation": ("actor", "actor actorLabel partner partnerLabel area"),
    "resources": ("state", "state stateLabel resource resourceLabel region regionLabel"),
    "agreements": ("actor", "agreement agreementLabel type party partyLabel area status"),
    "tariffs": ("target", "imposer imposerLabel target targetLabel fromRate toRate"),
    "events": ("actor", "event eventLabel type date place placeLabel participant participantLabel casualties"),
    "ownership": ("entity", "owner ownerLabel owned ownedLabel share"),
    "tensions": ("actor", "actor actorLabel counterpart counterpartLabel cause"),
    "recommendations": ("actor", "recommendation text addressee addresseeLabel modality"),
    "leaders": ("actor", "person personLabel role organization organizationLabel"),
    "evidence": ("entity", "subject predicate object quote document start end modality"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    path: Path = tmp_path_factory.mktemp("questions") / "store"
    build(ROOT / "seeds", path)
    with OxigraphStore(path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def curated(store: OxigraphStore) -> list[Fact]:
    _, facts = load_annotations(SEED.with_name(SEED.stem + ".facts.yaml"), read_document(SEED),
                                gazetteer_from_store(store))
    return facts


def run(catalogue, store, question: str, **params: str) -> list[dict[str, str]]:
    return ask(catalogue[question], params, store.select).rows


@pytest.mark.parametrize("question", list(CONTRACT))
def test_question_has_the_design_parameter_and_columns(question: str, catalogue) -> None:
    parameter, columns = CONTRACT[question]
    q = catalogue[question]
    assert [p.name for p in q.parameters] == [parameter]
    assert set(columns.split()) <= set(q.columns)
    if question != "evidence":
        assert {"quote", "document"} <= set(q.columns)


@pytest.mark.parametrize("question", [q for q in CONTRACT if q != "evidence"])
def test_question_runs_with_its_optional_parameter_left_out(question: str, catalogue, store) -> None:
    rows = run(catalogue, store, question)
    assert rows and all(set(CONTRACT[question][1].split()) <= set(row) for row in rows)


def test_entity_parameter_accepts_label_alias_iri_in_any_case(catalogue, store) -> None:
    expected = run(catalogue, store, "agencies", state="Pakistan")
    for name in ["pakistan", "PAKISTAN", f"{ID}Pakistan", "Islamic Republic of Pakistan"]:
        assert run(catalogue, store, "agencies", state=name) == expected, name
    isi = run(catalogue, store, "evidence", entity="Inter-Services Intelligence")
    assert isi == run(catalogue, store, "evidence", entity="ISI") and isi


def test_unknown_entity_is_a_bad_parameter_naming_it(catalogue, store) -> None:
    with pytest.raises(BadParameter, match=r"'state'.*Narnia"):
        run(catalogue, store, "agencies", state="Narnia")


def test_missing_required_parameter_says_what_is_expected(catalogue, store) -> None:
    with pytest.raises(BadParameter, match="required"):
        run(catalogue, store, "evidence")


def test_unknown_parameter_lists_the_right_ones(catalogue, store) -> None:
    with pytest.raises(BadParameter, match="takes: state"):
        run(catalogue, store, "agencies", country="Pakistan")


def test_parameter_text_never_reaches_the_query(catalogue, store) -> None:
    hostile = 'Pakistan" } } DROP ALL ; SELECT * { ?s ?p ?o } #'
    with pytest.raises(BadParameter):
        run(catalogue, store, "agencies", state=hostile)
    assert run(catalogue, store, "agencies", state="Pakistan")


def test_agreements_for_an_actor_keep_every_party(catalogue, store) -> None:
    rows = run(catalogue, store, "agreements", actor="World Liberty Financial")
    assert {r["party"] for r in rows} == {f"{ID}Pakistan", f"{ID}World_Liberty_Financial"}


def test_cooperation_puts_the_given_actor_first(catalogue, store) -> None:
    rows = run(catalogue, store, "cooperation", actor="ISI")
    assert rows and {r["actor"] for r in rows} == {f"{ID}ISI"}


def test_same_fact_in_two_documents_has_two_pieces_of_evidence(tmp_path: Path, catalogue) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a", "b"):
        (docs / f"{name}.md").write_text(f"---\nid: report-{name}\n---\nPakistan's Inter-Services "
                                         f"Intelligence (ISI) said so in report {name}.\n")
    build(docs, tmp_path / "store")
    with OxigraphStore(tmp_path / "store", read_only=True) as two:
        rows = [r for r in run(catalogue, two, "evidence", entity="ISI")
                if r["predicate"].endswith("agencyOf")]
        triples = two.select("SELECT DISTINCT ?o WHERE { <https://w3id.org/statecraft/id/ISI> "
                             "<https://w3id.org/statecraft/ontology#agencyOf> ?o }")
    assert {r["document"].rsplit("/", 1)[1] for r in rows} == {"report-a", "report-b"}
    assert len(triples) == 1


def test_two_reports_of_one_stake_each_give_their_own_share(tmp_path: Path, catalogue) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, share in (("early", 51), ("late", 60)):
        (docs / f"{name}.md").write_text(f"---\nid: report-{name}\n---\nBarrick Gold holds a {share}% stake "
                                         f"in the Reko Diq project.\n")
    build(docs, tmp_path / "store")
    with OxigraphStore(tmp_path / "store", read_only=True) as two:
        rows = run(catalogue, two, "ownership", entity="Reko Diq")
    assert {(r["share"], r["document"].rsplit("/", 1)[1]) for r in rows} == {
        ("51", "report-early"), ("60", "report-late")}


def test_a_resource_the_state_itself_holds_is_one_row_with_no_region(tmp_path: Path, catalogue) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\nid: report-a\n---\nAfghanistan is home to deposits of lithium. "
                               "Pakistan's Balochistan province holds reserves of copper.\n")
    build(docs, tmp_path / "store")
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        rows = run(catalogue, store, "resources", state="Afghanistan")
    assert [(r["resource"].rsplit("/", 1)[1], r["region"]) for r in rows] == [("Lithium", "")]


# What each entity column must hold, checked on many texts: a join gone wrong shows as a
# value of the wrong kind long before anyone reads the rows.
COLUMN_CLASSES = {"state": "State", "region": "Region", "agency": "Organization", "imposer": "Actor",
                  "target": "Actor", "owner": "Actor", "person": "Person", "organization": "Actor",
                  "actor": "Actor", "partner": "Actor", "counterpart": "Actor", "addressee": "Actor",
                  "party": "Actor", "resource": "Resource", "place": "Place"}


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    docs = tmp_path_factory.mktemp("many")
    for path in [*(ROOT / "tests" / "corpus").glob("*.md"), *(ROOT / "tests" / "dev").glob("*.md")]:
        (docs / path.name).write_text(path.read_text())
    build(docs, docs / "store")
    with OxigraphStore(docs / "store", read_only=True) as opened:
        yield opened


@pytest.mark.parametrize("question", list(CONTRACT))
def test_on_many_texts_every_row_holds_the_right_kinds_and_its_own_quote(question: str, catalogue,
                                                                           many: OxigraphStore) -> None:
    rows = run(catalogue, many, question, **({"entity": "Pakistan"} if question == "evidence" else {}))
    assert rows
    kinds = {}
    for row in rows:
        for column, cls in COLUMN_CLASSES.items():
            value = row.get(column)
            if value and value not in kinds:
                kinds[value] = many.ask(f"ASK {{ <{value}> a <https://w3id.org/statecraft/ontology#{cls}> }}")
                assert kinds[value], f"{question}: {column} {value} is no sc:{cls}"
        if row.get("quote"):
            text = many.select(f"SELECT ?t WHERE {{ <{row['document']}> "
                               "<https://w3id.org/statecraft/ontology#text> ?t }")[0]["t"]
            assert row["quote"] in str(text), f"{question}: a quote not in its document"


# --- row by row against the curated facts of the seed ------------------------------------------

def _iri(slug: str) -> str:
    return f"{ID}{slug}"


def _expected_rows(fact: Fact) -> tuple[str, dict[str, str], dict[str, str]]:
    """(question, parameters, values one of its rows must have) for a curated fact."""
    r = fact.roles
    quote = {"quote": fact.evidence.quote}
    match fact.relation:
        case "agency":
            return "agencies", {"state": _iri(r["state"])}, {"agency": _iri(r["agency"]), **quote}
        case "leader":
            return "leaders", {"actor": _iri(r["person"])}, {"organization": _iri(r["organization"]), **quote}
        case "cooperation" | "tension":
            a, b = r["parties"][:2]
            column = "partner" if fact.relation == "cooperation" else "counterpart"
            return ("cooperation" if fact.relation == "cooperation" else "tensions",
                    {"actor": _iri(a)}, {column: _iri(b), **quote})
        case "agreement":
            return "agreements", {"actor": _iri(r["parties"][0])}, {"party": _iri(r["parties"][-1]), **quote}
        case "tariff":
            return "tariffs", {"target": _iri(r["target"])}, {
                "imposer": _iri(r["imposer"]), "fromRate": f"{r['fromRate']:g}", "toRate": f"{r['toRate']:g}", **quote}
        case "ownership":
            return "ownership", {"entity": _iri(r["owned"])}, {
                "owner": _iri(r["owner"]), "share": f"{r['share']:g}", **quote}
        case "recommendation":
            return "recommendations", {"actor": _iri(r["addressee"])}, {"modality": fact.modality, **quote}
        case "event":
            return "evidence", {"entity": _iri(_slug_of(r["label"]))}, quote
        case _:  # resource, located, member
            subject = r.get("holder") or r.get("place") or r.get("member")
            return "evidence", {"entity": _iri(subject)}, quote


def _slug_of(label: str) -> str:
    from kg.namespaces import slugify
    return slugify(label)


def test_every_curated_fact_of_the_seed_is_answered_with_its_quote(catalogue, store, curated) -> None:
    missing = []
    for fact in curated:
        question, params, wanted = _expected_rows(fact)
        rows = run(catalogue, store, question, **params)
        if not any(all(row.get(k) == v for k, v in wanted.items()) for row in rows):
            missing.append((fact.relation, question, params, wanted))
    assert missing == []


def test_seed_tariff_question_answers_exactly_the_one_change(catalogue, store) -> None:
    rows = run(catalogue, store, "tariffs")
    assert {(r["imposerLabel"], r["targetLabel"], r["fromRate"], r["toRate"]) for r in rows} == {
        ("United States", "Pakistan", "29", "19")}


def test_seed_ownership_question_answers_exactly_the_one_stake(catalogue, store) -> None:
    rows = run(catalogue, store, "ownership")
    assert {(r["ownerLabel"], r["ownedLabel"], r["share"]) for r in rows} == {
        ("Trump family", "World Liberty Financial", "60")}


def test_recommendations_say_recommended_or_pending_never_asserted(catalogue, store) -> None:
    rows = run(catalogue, store, "recommendations", actor="Pakistan")
    assert {r["modality"] for r in rows} == {"recommended", "pending"}
