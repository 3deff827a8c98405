"""What every rule reads: one sentence in its document (`Context`), the `Rule` that registers
a rule, and the readings all rules share (dates, topics, shares in per cent)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ...documents import Document, Sentence
from ...facts import Evidence, Fact
from ...gazetteer import ACTOR_TYPES, Gazetteer
from ..anchors import SentenceFilter
from ..cues import ALLEGED, REPORTED, TOPIC_WORDS
from ..mentions import Mention

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_PERCENT = r"(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b|pc\b)"
# "the authorities", "the federal government": the government of the state the text is about
_GOVERNMENT = r"(?:[a-z]+\s+)?(?i:government|authorities|administration)\b"


@dataclass
class Context:
    """One sentence, its mentions, and what the rules may know of the sentences before."""

    document: Document
    sentence: Sentence
    mentions: list[Mention]
    gazetteer: Gazetteer
    last_addressee: str | None = None
    last_attack: str | None = None   # the label of the attack last told of, for "claimed … the attack"
    recent: dict[str, str] = field(default_factory=dict)   # type -> entity last named before, latest last
    recent_states: tuple[str, ...] = ()   # states named in earlier sentences, latest last
    home_state: str | None = None   # the state a document is mostly about, if one clearly is
    previous_subject: str | None = None   # the first actor of the sentence before
    last_tariff: Fact | None = None   # a tariff told of in the two sentences before, for "the rate"
    last_striker: str | None = None   # the state that last attacked or struck, for "condemned the strikes"
    recent_people: tuple[str, ...] = ()   # people named in earlier sentences, latest last, for "the two leaders"
    last_stakes: tuple[Fact, ...] = ()   # the stakes told in this sentence or the two before, latest last
    facts: list[Fact] = field(default_factory=list)
    index: int = 0   # the sentence's place in the document
    prefilter: SentenceFilter | None = field(default=None, repr=False)
    _masked: str | None = field(default=None, repr=False)

    def may_match(self, pattern: re.Pattern[str]) -> bool:
        """False only if `pattern` cannot match this sentence: none of its literals is here."""
        return self.prefilter is None or self.prefilter.may_match(pattern, self.index)

    @property
    def text(self) -> str:
        return self.sentence.text

    def masked(self) -> str:
        """The sentence with names blanked, so 'World Liberty Financial' is no finance topic."""
        if self._masked is None:  # made once: several rules read it
            chars = list(self.text)
            for m in self.mentions:
                for i in range(self.local(m), self.local(m) + len(m.text)):
                    chars[i] = " "
            self._masked = "".join(chars)
        return self._masked

    def date(self, text: str) -> str | None:
        """The date `text` gives, a year-less one dated by the document's publication."""
        published = self.document.meta.get("published")
        return _date(text, str(published) if published else None)

    def local(self, mention: Mention) -> int:
        return mention.start - self.sentence.start

    def evidence(self) -> Evidence:
        s = self.sentence
        return Evidence(self.document.id, s.start, s.end, s.text)

    def actors(self, *, exclude: frozenset[str] = frozenset({"Person", "ArmedGroup"})) -> list[Mention]:
        return [m for m in self.mentions
                if (m.type in ACTOR_TYPES or m.actor != m.slug) and self._type(m.actor) not in exclude]

    def _type(self, slug: str) -> str:
        return self.gazetteer.entities[slug].type

    def of_types(self, types: frozenset[str] | set[str]) -> list[Mention]:
        return [m for m in self.mentions if m.type in types and not m.demonym]

    def modality_at(self, offset: int, window: int = 60) -> str:
        """The modality of a fact whose trigger word sits at `offset` in the sentence:
        a cue counts if it comes shortly before the trigger ('who allegedly masterminded')."""
        before = self.text[max(0, offset - window):offset + 1]
        if ALLEGED.search(before):
            return "alleged"
        if REPORTED.search(before):
            return "reported"
        return "asserted"

    def fact(self, relation: str, method: str, confidence: float, modality: str = "asserted",
             **roles: object) -> Fact:
        return Fact(relation, {k: v for k, v in roles.items() if v not in (None, (), "")},
                    self.evidence(), modality, confidence, f"rule:{method}")


def _distinct(mentions: list[Mention]) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.actor not in seen:
            seen.append(m.actor)
    return seen


def topics(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(topic for pattern, topic in TOPIC_WORDS if pattern.search(text)))


_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_FULL_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:-\d{{1,2}})?,\s+(\d{{4}})\b|"
                        rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b")
_DAY_MONTH = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:-\d{{1,2}})?\b(?!,?\s+\d)|\b(\d{{1,2}})\s+{_MONTH}(?!\s+\d)")
_MONTHS = {m: i for i, m in enumerate("January February March April May June July August September "
                                      "October November December".split(), 1)}
_MONTHS.update({m[:3] + ".": i for m, i in list(_MONTHS.items())} | {"Sept.": 9})


def _date(text: str, published: str | None = None) -> str | None:
    """The date a sentence gives: 'October 6, 2024', '6 October 2024', 'June 2024', '2021';
    'Oct. 11-12' or '7 August' without a year take the year of `published` (the year
    before, when the month lies after the publication date)."""
    full = _FULL_DATE.search(text)
    if full:
        month, day, year = (full.group(1), full.group(2), full.group(3)) if full.group(1) else (
            full.group(5), full.group(4), full.group(6))
        return f"{year}-{_MONTHS[month]:02d}-{int(day):02d}"
    month_year = _MONTH_YEAR.search(text)
    if month_year:
        return f"{month_year.group(2)}-{_MONTHS[month_year.group(1)]:02d}"
    year = _YEAR.search(text)
    if year:
        return year.group(1)
    day_month = _DAY_MONTH.search(text) if published else None
    if day_month and published:
        month, day = (day_month.group(1), day_month.group(2)) if day_month.group(1) else (
            day_month.group(4), day_month.group(3))
        number = _MONTHS[month]
        pub_year, pub_month = int(published[:4]), int(published[5:7])
        return f"{pub_year - (number > pub_month)}-{number:02d}-{int(day):02d}"
    return None


@dataclass(frozen=True)
class Rule:
    """A rule and when it can fire at all, so most sentences never reach most rules.

    `trigger` is run once over the whole document; `needs` are mention types of which the
    sentence must have one.
    """

    apply: Callable[[Context], Iterator[Fact]]
    trigger: re.Pattern[str] | None = None
    needs: frozenset[str] | None = None


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern matching where any of `patterns` would (each keeps its own flags)."""
    return re.compile("|".join(f"(?{'i' if p.flags & re.I else ''}:{p.pattern})"
                               for p in patterns))
