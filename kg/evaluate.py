"""`kg eval`: precision and recall of the extraction rules alone against gold facts.

Gold facts are curated annotations (`*.facts.yaml`, docs/annotations.md) beside each
document. The rules run without them; gold names are then resolved through the same
gazetteer, so "FWO" in the gold and an extracted "Frontier Works Organisation (FWO)"
are one entity.

A gold fact and an extracted one match when they agree on what identifies the fact:

==============  =====================================================================
relation        must agree on
==============  =====================================================================
agency          agency, state
leader          person, organization
member          member, group
located         place, in
resource        holder, resource
cooperation     the set of parties
tension         the set of parties
agreement       the set of parties
tariff          imposer, target, to-rate
ownership       owner, owned, share
event           type, and evidence in the same sentence sharing an entity (or both none)
recommendation  addressee, and overlapping evidence
==============  =====================================================================

Each gold fact is matched at most once; extracted facts that say the same thing count once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .build import find_documents
from .curated import annotation_path, load_annotations
from .documents import read_document
from .extract import Extractor
from .extract.mentions import discover
from .facts import RELATIONS, Fact
from .gazetteer import Gazetteer
from .ontology import reference_graph

_KEYS = {
    "agency": ("agency", "state"), "leader": ("person", "organization"), "member": ("member", "group"),
    "located": ("place", "in"), "resource": ("holder", "resource"), "cooperation": ("parties",),
    "tension": ("parties",), "agreement": ("parties",), "tariff": ("imposer", "target", "toRate"),
    "ownership": ("owner", "owned", "share"), "event": ("type",), "recommendation": ("addressee",),
}
_SPAN_MATCHED = {"event", "recommendation"}
_EVENT_ROLES = ("participants", "perpetrator", "target", "place")


def _key(fact: Fact) -> tuple:
    parts = []
    for role in _KEYS[fact.relation]:
        value = fact.roles.get(role)
        parts.append(frozenset(value) if isinstance(value, tuple) else value)
    return (fact.relation, *parts)


def _event_entities(fact: Fact) -> set[str]:
    out: set[str] = set()
    for role in _EVENT_ROLES:
        value = fact.roles.get(role)
        if isinstance(value, tuple):
            out.update(value)
        elif value:
            out.add(value)
    return out


def _overlap(a: Fact, b: Fact, slack: int = 0) -> bool:
    return a.evidence.start < b.evidence.end + slack and b.evidence.start < a.evidence.end + slack


def matches(gold: Fact, found: Fact) -> bool:
    if gold.relation != found.relation or _key(gold) != _key(found):
        return False
    if gold.relation == "recommendation":
        return _overlap(gold, found)
    if gold.relation == "event":
        # One document rarely tells of two events of one type with the same actors or
        # place, so sharing one is enough; without any, the evidence must overlap.
        if gold.roles.get("label") and gold.roles.get("label") == found.roles.get("label"):
            return True
        if _event_entities(gold) & _event_entities(found):
            return True
        return not _event_entities(gold) and not _event_entities(found) and _overlap(gold, found, slack=40)
    return True


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0
    matched_found: int = 0
    misses: list[Fact] = field(default_factory=list)
    false: list[Fact] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched_gold += other.matched_gold
        self.matched_found += other.matched_found
        self.misses += other.misses
        self.false += other.false


def _unique(facts: Iterable[Fact]) -> list[Fact]:
    seen: dict[tuple, Fact] = {}
    for fact in facts:
        key = _key(fact)
        if fact.relation in _SPAN_MATCHED:
            entities = frozenset(_event_entities(fact)) if fact.relation == "event" else None
            key += (fact.evidence.start, entities)
        seen.setdefault(key, fact)
    return list(seen.values())


def score(gold: list[Fact], found: list[Fact]) -> dict[str, Score]:
    """Per-relation scores of `found` against `gold` for one document."""
    scores: dict[str, Score] = defaultdict(Score)
    found = _unique(found)
    gold = _unique(gold)
    used: set[int] = set()
    for g in gold:
        s = scores[g.relation]
        s.gold += 1
        hit = next((i for i, f in enumerate(found) if i not in used and matches(g, f)), None)
        if hit is None:
            # A second statement of an already matched fact still counts as recalled.
            if any(matches(g, f) for f in found):
                s.matched_gold += 1
            else:
                s.misses.append(g)
            continue
        used.add(hit)
        s.matched_gold += 1
    for i, f in enumerate(found):
        s = scores[f.relation]
        s.found += 1
        if i in used or any(matches(g, f) for g in gold):
            s.matched_found += 1
        else:
            s.false.append(f)
    return dict(scores)


def evaluate(folder: Path) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Run the rules over every document in `folder` that has gold beside it."""
    items = [(read_document(p), annotation_path(p)) for p in find_documents(folder)]
    items = [(document, gold) for document, gold in items if gold is not None]
    gazetteer = Gazetteer.from_graph(reference_graph())
    for document, _ in items:  # the same first pass as a build: entities every document introduces
        discover(document, gazetteer)
    extractor = Extractor(gazetteer)
    total: dict[str, Score] = defaultdict(Score)
    per_document: dict[str, dict[str, Score]] = {}
    for document, gold_path in items:
        found = extractor.extract(document).facts
        _, gold = load_annotations(gold_path, document, gazetteer.copy())
        per_document[document.id] = score(gold, found)
        for relation, s in per_document[document.id].items():
            total[relation].add(s)
    return dict(total), per_document


def format_scores(scores: dict[str, Score], title: str) -> str:
    lines = [title, f"{'relation':16} {'gold':>5} {'found':>6} {'recall':>7} {'precision':>9}"]
    overall = Score()
    for relation in RELATIONS:
        if relation not in scores:
            continue
        s = scores[relation]
        overall.add(s)
        lines.append(f"{relation:16} {s.gold:5d} {s.found:6d} {s.recall:7.0%} {s.precision:9.0%}")
    lines.append(f"{'all':16} {overall.gold:5d} {overall.found:6d} {overall.recall:7.0%} "
                 f"{overall.precision:9.0%}")
    return "\n".join(lines)
