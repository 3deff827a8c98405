"""Extraction: a document and a gazetteer in, entities and facts out.

    document ─▶ discover new entities ─▶ mentions ─▶ per sentence, every rule ─▶ facts
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ..documents import Document
from ..facts import Entity, Fact
from ..gazetteer import Gazetteer
from .anchors import AnchoredText, SentenceFilter
from .mentions import Mention, MentionFinder, discover
from .rules import RULES, Context, Rule

__all__ = ["Extraction", "Extractor"]


@dataclass
class Extraction:
    document: Document
    entities: list[Entity]
    mentions: list[Mention]
    facts: list[Fact]


class Extractor:
    """Holds the gazetteer and its matchers across documents (building them is the slow part)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.finder = MentionFinder(gazetteer)

    def extract(self, document: Document) -> Extraction:
        entities = discover(document, self.gazetteer)
        self.finder.refresh()  # also names learnt outside, by a first pass over other documents
        mentions = self.finder.find(document)
        facts: list[Fact] = []
        last_addressee = None
        last_attack: str | None = None
        last_striker: str | None = None   # the state that last attacked or struck, for 'condemned the strikes'
        last_tariff: tuple[int, Fact] | None = None   # (sentence index, fact), for 'the rate' just after
        stakes: list[tuple[int, Fact]] = []   # (sentence index, fact), for "holds the other 51 per cent"
        subject: str | None = None   # the previous sentence's first actor, for 'They accused …'
        recent: list[str] = []
        people: list[str] = []   # the people named, latest last, for 'the two leaders'
        latest: dict[str, str] = {}
        home = home_state(mentions, self.gazetteer)
        starts = [s.start for s in document.sentences]
        text = AnchoredText(document.text)
        fired = [_sentences_hit(rule, text, starts) for rule in RULES]
        prefilter = SentenceFilter(text, starts)
        index = 0
        for n, sentence in enumerate(document.sentences):
            while index < len(mentions) and mentions[index].start < sentence.start:
                index += 1
            inside = []
            j = index
            while j < len(mentions) and mentions[j].end <= sentence.end:
                inside.append(mentions[j])
                j += 1
            ctx = Context(document, sentence, inside, self.gazetteer, last_addressee, last_attack, dict(latest),
                          tuple(recent), home, subject, last_striker=last_striker, recent_people=tuple(people),
                          last_tariff=last_tariff[1] if last_tariff and n - last_tariff[0] <= 2 else None,
                          last_stakes=tuple(f for i, f in stakes if n - i <= 2), index=n, prefilter=prefilter)
            types = {m.type for m in inside}
            for rule, hits in zip(RULES, fired, strict=True):
                if (hits is None or n in hits) and (rule.needs is None or types & rule.needs):
                    for fact in rule.apply(ctx):
                        facts.append(fact)
                        if fact.relation == "event" and fact.roles["type"] == "Attack" and fact.get("label"):
                            last_attack = fact.roles["label"]
                        if fact.relation == "tariff":
                            last_tariff = (n, fact)
                        if fact.relation == "ownership" and fact.get("share"):
                            stakes.append((n, fact))
                            ctx.last_stakes = (*ctx.last_stakes, fact)
                        if fact.relation == "event" and fact.roles["type"] in ("Attack", "MilitaryOperation"):
                            striker = fact.get("perpetrator") or (fact.get("participants") or (None,))[0]
                            if striker and self.gazetteer.entities[striker].type == "State":
                                last_striker = striker
            first = _first_actor(ctx)
            last_addressee = ctx.last_addressee or first or last_addressee
            subject = first or subject
            for m in inside:
                latest.pop(m.type, None)  # re-inserted: the dict's order is the order last named
                latest[m.type] = m.slug
                if self.gazetteer.entities[m.actor].type == "State":
                    if m.actor in recent:
                        recent.remove(m.actor)
                    recent.append(m.actor)
                if m.type == "Person":
                    if m.slug in people:
                        people.remove(m.slug)
                    people.append(m.slug)
        return Extraction(document, entities, mentions, _dedupe(facts))


def _sentences_hit(rule: Rule, text: AnchoredText, starts: list[int]) -> set[int] | None:
    """Indices of the sentences where the rule's trigger occurs (None: no trigger, all)."""
    if rule.trigger is None:
        return None
    return {bisect_right(starts, m.start()) - 1 for m in text.finditer(rule.trigger)}


def home_state(mentions: list[Mention], gazetteer: Gazetteer) -> str | None:
    """The state a document is about: named clearly more often than any other (1.5 times),
    counting its nationals among its names (a report on Sheikh Hasina's trial is about Bangladesh)."""
    def state_named(m: Mention) -> str | None:
        known = gazetteer.entities[m.actor]
        return m.actor if known.type == "State" else known.citizen_of

    counts = Counter(state for state in map(state_named, mentions) if state)
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]:
        return ranked[0][0]
    return None


def _first_actor(ctx: Context) -> str | None:
    actors = ctx.actors()
    return actors[0].actor if actors else None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.key(), fact.evidence.start, fact.modality)
        if key not in seen:
            seen[key] = fact
    # "Lanka IOC, the subsidiary of IOC … IOC owns about 75 per cent of Lanka IOC": one stake,
    # told the second time with its size
    sized = {(f.get("owner"), f.get("owned")) for f in seen.values() if f.relation == "ownership" and f.get("share")}
    return [f for f in seen.values() if not (f.relation == "ownership" and not f.get("share")
                                             and (f.get("owner"), f.get("owned")) in sized)]
