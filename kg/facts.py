"""Facts as the pipeline passes them on: a relation, its roles, and the evidence for it.

Extraction rules and curated annotations both produce `Fact`s; `kg.rdf` turns them into
triples. The relations and their roles are data (`RELATIONS`), the one place that says
what an `agreement` or a `tariff` is made of (docs/annotations.md documents it for users).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MODALITIES = ("asserted", "reported", "alleged", "recommended", "pending")

ENTITY, ENTITIES, TOPICS, NUMBER, TEXT, DATE, KIND = (
    "entity", "entities", "topics", "number", "text", "date", "kind")


@dataclass(frozen=True)
class Relation:
    """The shape of one relation: each role's kind, and which roles it cannot do without."""

    name: str
    roles: Mapping[str, str]
    required: tuple[str, ...]
    # Roles that identify the fact: two facts with equal keys say the same thing.
    key: tuple[str, ...]


def _relation(name: str, required: str, optional: str = "", key: str | None = None,
              **kinds: str) -> Relation:
    req = tuple(required.split())
    opt = tuple(optional.split())
    roles = {r: kinds.get(r, ENTITY) for r in (*req, *opt)}
    return Relation(name, roles, req, tuple((key or required).split()))


RELATIONS: dict[str, Relation] = {r.name: r for r in [
    _relation("agency", "agency state"),
    _relation("leader", "person organization", "role", role=TEXT),
    _relation("member", "member group"),
    _relation("located", "place in"),
    _relation("resource", "holder resource"),
    _relation("cooperation", "parties", "area", parties=ENTITIES, area=TOPICS),
    _relation("tension", "parties", "cause", parties=ENTITIES, cause=TEXT),
    _relation("agreement", "type parties", "label area status date value", key="type parties",
              type=KIND, parties=ENTITIES, label=TEXT, area=TOPICS, status=TEXT, date=DATE, value=TEXT),
    _relation("tariff", "imposer target toRate", "fromRate goods",
              toRate=NUMBER, fromRate=NUMBER, goods=TEXT),
    _relation("ownership", "owner owned", "share", key="owner owned", share=NUMBER),
    _relation("event", "type", "label participants perpetrator target place date casualties",
              key="type participants", type=KIND, label=TEXT, participants=ENTITIES, date=DATE,
              casualties=NUMBER),
    _relation("recommendation", "addressee text", key="addressee text", text=TEXT),
]}

AGREEMENT_TYPES = ("TradeAgreement", "Contract", "Memorandum", "LetterOfIntent", "Treaty",
                   "Ceasefire", "Agreement", "Project", "Corridor", "Pipeline")
EVENT_TYPES = ("Attack", "Arrest", "Extradition", "Speech", "Address", "Visit", "Meeting",
               "Inauguration", "Election", "MilitaryOperation", "Sanction", "Event")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: a document and the exact span of its text."""

    doc_id: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Entity:
    """An entity a document introduces or uses: its slug is its IRI's last segment."""

    slug: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Fact:
    """One statement of a relation, with its evidence and what the text commits to.

    Entity roles hold slugs; list roles hold tuples; numbers are floats.
    """

    relation: str
    roles: Mapping[str, Any]
    evidence: Evidence
    modality: str = "asserted"
    confidence: float = 1.0
    method: str = "curated"
    entities: tuple[Entity, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}")
        # 0 is a value ("duties removed": a tariff to 0%), not a missing one
        missing = [r for r in RELATIONS[self.relation].required if self.roles.get(r) in (None, "", (), [])]
        if missing:
            raise ValueError(f"{self.relation} fact lacks {', '.join(missing)}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")

    def get(self, role: str, default: Any = None) -> Any:
        return self.roles.get(role, default)

    def key(self) -> tuple:
        """What the fact says, without where it says it: equal keys are one fact."""
        relation = RELATIONS[self.relation]
        parts: list[Any] = [self.relation]
        for role in relation.key:
            value = self.roles.get(role)
            if relation.roles[role] in (ENTITIES, TOPICS):
                value = frozenset(value or ())
            parts.append(value)
        return tuple(parts)
