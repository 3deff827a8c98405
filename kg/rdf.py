"""Facts -> the triples of one document's named graph (DESIGN §2-4).

Each fact becomes one or more plain triples (n-ary facts get a node of their own), one
`sc:Assertion` (the reading: evidence span, modality, confidence, method) and, for
every triple, an `rdf:Statement` naming it and pointing at that assertion. Node IRIs
are derived from what a fact says, not where, so two documents stating the same tariff
change name the same node and the `evidence` question lists both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from .documents import Document
from .extract.cues import LEADER_TITLES
from .facts import Entity, Evidence, Fact
from .gazetteer import AGENCY_TYPES, Gazetteer
from .namespaces import ID, SC, document_iri, entity_iri, slugify, span_iri

Triple = tuple[URIRef, URIRef, object]
# Titles whose holder heads the body (sc:leaderOf); any other title is sc:positionIn.
HEAD_TITLES = frozenset(t.lower() for t in LEADER_TITLES)
# An office held under another, or no longer held, heads nothing: "Deputy Minister of Finance",
# "Former Prime Minister" are sc:positionIn, whatever the title after the qualifier.
_NOT_HEAD = frozenset({"former", "deputy", "assistant", "vice", "associate", "additional", "joint", "under"})
_ENTITY_PREFIX = str(ID)
_MODALITY = {m: SC[m.capitalize()] for m in ("asserted", "reported", "alleged", "recommended", "pending")}
# Terms in nearly every triple, made once: rdflib builds a new URIRef on each `RDF_TYPE`.
RDF_TYPE, RDFS_LABEL = RDF.type, RDFS.label
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = RDF.Statement, RDF.subject, RDF.predicate, RDF.object
_UNSTATED = frozenset({RDF_TYPE, RDFS_LABEL})  # a fact node's type and label say nothing new


def _number(value: float) -> Literal:
    return Literal(Decimal(str(value)).normalize() if value != int(value) else Decimal(int(value)),
                   datatype=XSD.decimal)


def _date(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


def _label_join(role: str, organization: str, person: str) -> str:
    return f"{role} of {organization}: {person}"


def _node(kind: str, *parts: str) -> URIRef:
    return entity_iri(slugify("_".join([kind, *parts])))


def fact_triples(fact: Fact, gazetteer: Gazetteer) -> Iterator[Triple]:
    """The plain triples a fact states."""
    r = fact.roles
    e = entity_iri
    label = lambda slug: gazetteer.entities[slug].label if slug in gazetteer.entities else slug  # noqa: E731
    match fact.relation:
        case "agency":
            yield e(r["agency"]), SC.agencyOf, e(r["state"])
        case "leader":
            role = r.get("role") or ""
            words = role.lower().split()
            heads = not role or role.lower() in HEAD_TITLES or (
                "minister" in words and words[0] not in _NOT_HEAD)
            yield e(r["person"]), SC.leaderOf if heads else SC.positionIn, e(r["organization"])
            node = _node("Position", r["person"], r["organization"])
            yield node, RDF_TYPE, SC.Position
            yield node, RDFS_LABEL, Literal(_label_join(role or "position", label(r["organization"]),
                                                        label(r["person"])), lang="en")
            yield node, SC.holder, e(r["person"])
            yield node, SC.organization, e(r["organization"])
            if role:
                yield node, SC.role, Literal(role)
        case "member":
            yield e(r["member"]), SC.memberOf, e(r["group"])
        case "located":
            yield e(r["place"]), SC.locatedIn, e(r["in"])
        case "resource":
            yield e(r["holder"]), SC.hasResource, e(r["resource"])
        case "cooperation" | "tension":
            parties = sorted(r["parties"])
            cls, link = (SC.Cooperation, SC.cooperatesWith) if fact.relation == "cooperation" else (
                SC.Tension, SC.inTensionWith)
            node = _node(cls.removeprefix(str(SC)), *parties)
            yield node, RDF_TYPE, cls
            yield node, RDFS_LABEL, Literal(f"{fact.relation} between " + " and ".join(map(label, parties)),
                                            lang="en")
            for party in parties:
                yield node, SC.party, e(party)
            for topic in r.get("area", ()):
                yield node, SC.area, SC[topic]
            if r.get("cause"):
                yield node, SC.cause, Literal(r["cause"])
            for a in parties:
                for b in parties:
                    if a < b:
                        yield e(a), link, e(b)
        case "agreement":
            kind = r["type"]
            node = e(slugify(r["label"])) if r.get("label") else _node(kind, *sorted(r["parties"]))
            yield node, RDF_TYPE, SC[kind]
            yield node, RDFS_LABEL, Literal(r.get("label") or f"{kind} of " + ", ".join(
                map(label, sorted(r["parties"]))), lang="en")
            for party in r["parties"]:
                yield node, SC.party, e(party)
            for topic in r.get("area", ()):
                yield node, SC.area, SC[topic]
            for role, prop in (("status", SC.status), ("value", SC.value)):
                if r.get(role):
                    yield node, prop, Literal(r[role])
            if r.get("date"):
                yield node, SC.date, _date(r["date"])
        case "tariff":
            node = _node("TariffChange", r["imposer"], r["target"], f"{r['toRate']:g}")
            yield node, RDF_TYPE, SC.TariffChange
            yield node, RDFS_LABEL, Literal(f"{label(r['imposer'])} tariff on {label(r['target'])} "
                                            f"to {r['toRate']:g}%", lang="en")
            yield node, SC.imposedBy, e(r["imposer"])
            yield node, SC.appliesTo, e(r["target"])
            yield node, SC.toRate, _number(r["toRate"])
            if r.get("fromRate") is not None:
                yield node, SC.fromRate, _number(r["fromRate"])
            if r.get("goods"):
                yield node, SC.goods, Literal(r["goods"])
        case "ownership":
            node = _node("OwnershipStake", r["owner"], r["owned"])
            yield node, RDF_TYPE, SC.OwnershipStake
            yield node, RDFS_LABEL, Literal(f"{label(r['owner'])} stake in {label(r['owned'])}", lang="en")
            yield node, SC.owner, e(r["owner"])
            yield node, SC.ownedEntity, e(r["owned"])
            if r.get("share") is not None:
                yield node, SC.share, _number(r["share"])
        case "event":
            kind = r["type"]
            node = e(slugify(r["label"])) if r.get("label") else _node(
                kind, *sorted(r.get("participants", ())), r.get("date") or "")
            yield node, RDF_TYPE, SC[kind]
            yield node, RDFS_LABEL, Literal(r.get("label") or f"{kind} of " + ", ".join(
                map(label, sorted(r.get("participants", ())))), lang="en")
            for party in r.get("participants", ()):
                yield node, SC.participant, e(party)
            for role, prop in (("perpetrator", SC.perpetrator), ("target", SC.target), ("place", SC.place)):
                if r.get(role):
                    yield node, prop, e(r[role])
            if r.get("date"):
                yield node, SC.date, _date(r["date"])
            if r.get("casualties") is not None:
                yield node, SC.casualties, Literal(int(r["casualties"]), datatype=XSD.nonNegativeInteger)
        case "recommendation":
            digest = hashlib.sha1(r["text"].encode()).hexdigest()[:10]
            node = _node("Recommendation", r["addressee"], digest)
            yield node, RDF_TYPE, SC.Recommendation
            yield node, RDFS_LABEL, Literal(f"recommendation to {label(r['addressee'])}", lang="en")
            yield node, SC.addressee, e(r["addressee"])
            yield node, SC.text, Literal(r["text"])
            yield node, SC.modality, _MODALITY[fact.modality]


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _assertion(fact: Fact) -> tuple[URIRef, list[Triple]]:
    """One reading of a fact from one span: evidence, modality, confidence and method,
    shared by every triple the fact states (a tariff change is seven triples, one reading)."""
    e = fact.evidence
    key = (fact.relation, sorted(fact.roles.items()), e.start, e.end, fact.modality, fact.method)
    node = URIRef(f"{document_iri(e.doc_id)}#fact-{_digest(*key)}")
    return node, [
        (node, RDF_TYPE, SC.Assertion),
        (node, SC.evidence, span_iri(e.doc_id, e.start, e.end)),
        (node, SC.modality, _MODALITY[fact.modality]),
        (node, SC.confidence, _confidence(fact.confidence)),
        (node, SC.method, _method(fact.method)),
    ]


@lru_cache(maxsize=256)  # a handful of values, asked for by every fact
def _confidence(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


@lru_cache(maxsize=256)
def _method(method: str) -> Literal:
    return Literal(method)


def _statement(triple: Triple, assertion: URIRef) -> Iterator[Triple]:
    """The rdf:Statement naming `triple`, pointing at the reading it comes from."""
    s, p, o = triple
    node = URIRef(f"{assertion.split('#')[0]}#st-{_digest(s, p, o.n3(), assertion)}")
    yield node, RDF_TYPE, _STATEMENT
    yield node, _SUBJECT, s
    yield node, _PREDICATE, p
    yield node, _OBJECT, o
    yield node, SC.assertion, assertion


def _span(evidence: Evidence) -> Iterator[Triple]:
    span = span_iri(evidence.doc_id, evidence.start, evidence.end)
    yield span, RDF_TYPE, SC.TextSpan
    yield span, SC.document, document_iri(evidence.doc_id)
    yield span, SC.quote, Literal(evidence.quote)
    yield span, SC.start, _integer(evidence.start)
    yield span, SC.end, _integer(evidence.end)


@lru_cache(maxsize=8192)  # offsets recur from document to document
def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def document_triples(document: Document) -> Iterator[Triple]:
    node = document_iri(document.id)
    yield node, RDF_TYPE, SC.Document
    yield node, RDFS_LABEL, Literal(document.meta.get("title") or document.id)
    if document.meta.get("title"):
        yield node, DCTERMS.title, Literal(document.meta["title"])
    for key, prop in (("author", DCTERMS.creator), ("language", DCTERMS.language)):
        if document.meta.get(key):
            yield node, prop, Literal(str(document.meta[key]))
    if document.meta.get("published"):
        yield node, DCTERMS.issued, _date(str(document.meta["published"]))
    if document.meta.get("source"):
        yield node, DCTERMS.source, URIRef(str(document.meta["source"]))
    yield node, SC.text, Literal(document.text)


def entity_triples(slugs: Iterable[str], gazetteer: Gazetteer,
                   agencies_with_state: set[str]) -> Iterator[Triple]:
    """Type and labels of the entities a document uses that the reference data does not hold.

    Every document that uses such an entity describes it, so removing one document never
    leaves another's entity without a label. An agency nobody places in a state is only
    an organisation: the graph does not claim more than the text does.
    """
    for slug in sorted(set(slugs)):
        known = gazetteer.entities.get(slug)
        if known is None or known.from_reference:
            continue
        node = entity_iri(slug)
        type_ = known.type
        if type_ in AGENCY_TYPES and slug not in agencies_with_state and not known.state:
            type_ = "Organization"
        yield node, RDF_TYPE, SC[type_]
        yield node, RDFS_LABEL, Literal(known.label, lang="en")
        yield node, SKOS.prefLabel, Literal(known.label, lang="en")
        for name in sorted(known.names - {known.label}):
            yield node, SKOS.altLabel, Literal(name, lang="en")
        if known.state and type_ in AGENCY_TYPES:
            yield node, SC.agencyOf, entity_iri(known.state)


def graph_triples(document: Document, facts: list[Fact], entities: list[Entity],
                  gazetteer: Gazetteer, mentioned: Iterable[str] = ()) -> list[Triple]:
    """Everything one document's named graph holds."""
    out: list[Triple] = list(document_triples(document))
    spans: set[Evidence] = set()
    used: set[str] = {e.slug for e in entities} | set(mentioned)
    agencies_with_state = {f.roles["agency"] for f in facts if f.relation == "agency"}
    for fact in facts:
        assertion, reading = _assertion(fact)
        out.extend(reading)
        for triple in fact_triples(fact, gazetteer):
            out.append(triple)
            if triple[1] not in _UNSTATED:
                out.extend(_statement(triple, assertion))
            for term in (triple[0], triple[2]):
                if isinstance(term, URIRef) and term.startswith(_ENTITY_PREFIX):
                    used.add(term.removeprefix(_ENTITY_PREFIX))
        spans.add(fact.evidence)
    for evidence in spans:
        out.extend(_span(evidence))
    out.extend(entity_triples(used, gazetteer, agencies_with_state))
    return out
