"""Relation rules: each reads one sentence with its mentions and yields facts.

Every rule is a small function registered in `RULES`; its docstring shows the sentence
shape it handles. Rules never look outside their sentence except through `Context`
(the previous sentence's addressee, for "It should…").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ..documents import Document, Sentence
from ..facts import Evidence, Fact
from ..gazetteer import ACTOR_TYPES, AGENCY_TYPES, PLACE_TYPES, Gazetteer
from .anchors import SentenceFilter
from .cues import (
    ALLEGED,
    ARMY_CHIEF,
    CHINA_OFFICES,
    GOVERNING_GROUPS,
    PENDING,
    RECOMMENDED,
    REPORTED,
    STATE_OFFICES,
    TITLE_BY_LOWER,
    TITLE_RE,
    TOPIC_WORDS,
    URGED,
    US_OFFICES,
)
from .mentions import Mention, owning_state

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


# --- agencies and leaders -------------------------------------------------------------------

_AGENCY_GAP = re.compile(r"(?:[’']s)?\s+(?:(?:own|newly formed|new|premier|main|counterpart|government|"
                         r"state-run|federal|military|civilian|top|spy agency|intelligence agency|"
                         r"(?:official|state|national|semi-official)\s+(?:news\s+)?agency),?\s+)*$")
_AGENCY_NOUN = re.compile(r"\b(?:agency|service|wing|body|ministry|department|force|forces|organi[sz]ation|"
                          r"authority|bureau|arm|directorate|office|regulator|council)\b", re.I)


def _state_in_name(agency: Mention, ctx: Context) -> str | None:
    """'US Department of State', 'Pakistan Army': the state a matched name itself carries."""
    owner = re.match(r"([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?P<s>[’']s)?\s", agency.text)
    if owner and (owner.group("s") or ctx.gazetteer.resolve(owner.group(1)) in GOVERNING_GROUPS):
        # "the Taliban's interior ministry", "the Taliban foreign ministry": matched whole as a
        # ministry found in discovery
        return owning_state(owner.group(1), ctx.gazetteer)
    words = [w for w in re.split(r"[\s\-–]+", agency.text) if w not in ("of", "and", "for", "the")]
    if any(w.islower() for w in words):  # "Pakistani military": a description, not a name
        return None
    # names of one word or two ("Sri Lanka Navy", "Central Bank of Sri Lanka")
    for name in [*words, *(" ".join(pair) for pair in pairwise(words))]:
        state = ctx.gazetteer.demonyms.get(name) or ctx.gazetteer.resolve(name)
        if state and ctx._type(state) == "State":
            return state
    return None


_OF_GOVERNMENT = re.compile(r"(?:\s*\([A-Z][\w&-]*\))?\s+of\s+the\s+(?:[Ff]ederal\s+)?[Gg]overnment\s+of\s+(?:the\s+)?")


def _mention_at(ctx: Context, at: int) -> Mention | None:
    return next((m for m in ctx.mentions if at - 1 <= ctx.local(m) <= at + 1), None)


def agency_of_state(ctx: Context) -> Iterator[Fact]:
    """"its Pakistani counterpart Inter-Services Intelligence (ISI)", "Pakistan's Frontier
    Works Organisation", "the US Department of State", "the CIA, a US government agency",
    "ISPR, the Pakistani military's media wing": a state named right before an agency, in its
    name, or in an appositive after it owns the agency."""
    for agency in ctx.of_types(AGENCY_TYPES):
        start = ctx.local(agency)
        gap = _AGENCY_GAP.search(ctx.text[max(0, start - 40):start])
        before = _mention_before(ctx, start) or (
            _mention_before(ctx, start - len(gap.group(0))) if gap else None)
        owner = None
        if before is not None and ctx._type(before.actor) == "State":
            owner = before.actor
        elif before is not None and before.possessive and before.type in AGENCY_TYPES:
            # "The Treasury Department's Office of Foreign Assets Control": a part of a ministry
            owner = ctx.gazetteer.state_of(before.actor)
            if before.slug != agency.slug:
                yield ctx.fact("member", "agency_of_state", 0.8, member=agency.slug, group=before.slug)
        owner = owner or _state_in_name(agency, ctx)
        government = _OF_GOVERNMENT.match(ctx.text, start + len(agency.text))
        if owner is None and government:
            # "The Finance Division of the Government of Pakistan"
            state = _mention_at(ctx, government.end())
            owner = state.actor if state is not None and ctx._type(state.actor) == "State" else None
        if owner is None and re.search(r"\bits\s+(?:own\s+|newly formed\s+|new\s+)?$", ctx.text[:start]):
            # "Pakistan can integrate its newly formed NIFTAC": 'its' is the subject state
            subjects = [m for m in ctx.mentions if ctx.local(m) < start and ctx._type(m.actor) == "State"]
            owner = subjects[0].actor if subjects else None
        if owner is None:
            end = start + len(agency.text)
            # ", a US government agency", ", Pakistan's tax collection authority" (no article only before a possessive)
            after = re.match(r"\s*(?:\([A-Z]+\))?,\s+(?:(?:a|an|the)\s+|(?=[A-Z][\w-]*(?: [A-Z][\w-]*)?[’']s\s))"
                             r"([^,;.]{0,60})", ctx.text[end:])
            if after and _AGENCY_NOUN.search(after.group(1)):
                zone = end + after.start(1), end + after.end(1)
                inside = [ctx.gazetteer.state_of(m.actor) for m in ctx.mentions
                          if zone[0] <= ctx.local(m) < zone[1]]
                owner = next((state for state in inside if state), None)
                if owner is None and re.match(r"(?:military|army|government|country)[’']s\b", after.group(1)):
                    # "ISPR, the military's media wing": of the state in view, or the one it is known to serve
                    owner = ctx.home_state or ctx.gazetteer.entities[agency.slug].state
        if owner and owner != agency.slug:
            yield ctx.fact("agency", "agency_of_state", 0.9, agency=agency.slug, state=owner)
        elif owner is None and (state := _state_in_view(ctx, agency)):
            yield ctx.fact("agency", "agency_of_state", 0.7, agency=agency.slug, state=state)


def _state_in_view(ctx: Context, agency: Mention) -> str | None:
    """"In New Delhi, the Ministry of External Affairs said India had noted …": a body the
    reference data gives a state, named where that state (or its capital) is named too or in a
    text about it; "The Ministry of Communication … had ordered" in a text about Nepal: a
    ministry of no named state is the home state's."""
    known = ctx.gazetteer.entities[agency.slug].state
    if known:
        if not re.fullmatch(r"(?:[A-Z][\w-]*|of|and|for|the)(?:\s+(?:[A-Z][\w-]*|of|and|for|the))*", agency.text):
            return None  # "troops", "the army chief": a description, not a name the text gives
        named = {ctx.gazetteer.state_of(m.actor) for m in ctx.mentions if m.type in ("State", "City")}
        return known if known in named else None
    if agency.type == "Ministry" and not agency.possessive and re.match(r"(?:Ministry|Department) of ", agency.text):
        return ctx.home_state
    return None


def member_of_group(ctx: Context) -> Iterator[Fact]:
    """"China and Pakistan are both members of the SCO"; "India, a founding member of the
    BRICS grouping"; "the BLA and its suicide squad, the Majeed Brigade"; "TRF, which Indian
    officials describe as a front for the Pakistan-based Lashkar-e-Taiba (LeT)"."""
    text = ctx.text
    for match in re.finditer(r"\bmembers? of\s+(?:the\s+)?|\bjoined\s+(?:the\s+)?", text):
        group = next((m for m in ctx.mentions if ctx.local(m) >= match.end() - 1
                      and ctx._type(m.slug) in ("InternationalGroup", "ArmedGroup", "Organization")), None)
        if group is None or ctx.local(group) > match.end() + 5:
            continue
        clause_start = max(text.rfind(";", 0, match.start()), text.rfind(". ", 0, match.start()), 0)
        members = [m for m in ctx.actors(exclude=frozenset()) if clause_start <= ctx.local(m) < match.start()
                   and m.slug != group.slug and not m.possessive]
        for member in _distinct(members):
            yield ctx.fact("member", "member_of_group", 0.8, ctx.modality_at(match.start()),
                           member=member, group=group.slug)
    wing = re.search(r"\band its\s+[\w\s-]{0,30}?(?:squad|wing|branch|affiliate|front|unit|arm),"
                     r"\s+(?:the\s+)?", text)
    if wing:
        parent = [m for m in ctx.mentions if ctx.local(m) < wing.start() and m.type == "ArmedGroup"]
        child = [m for m in ctx.mentions if ctx.local(m) >= wing.end() - 1 and m.type == "ArmedGroup"]
        if parent and child and ctx.local(child[0]) <= wing.end() + 2:
            yield ctx.fact("member", "member_of_group", 0.8, member=child[0].slug, group=parent[-1].slug)
    its = re.search(r"\b(?:belonged to|belongs to|part of|raised)\s+its\s+", text)
    if its:
        # "the bomber belonged to its Majeed Brigade": 'its' is the group named before
        child = next((m for m in ctx.mentions if m.type == "ArmedGroup"
                      and its.end() - 1 <= ctx.local(m) <= its.end() + 30), None)
        parent = next((m.slug for m in reversed(ctx.mentions) if m.type == "ArmedGroup"
                       and ctx.local(m) < its.start()), None) or ctx.recent.get("ArmedGroup")
        if child is not None and parent and parent != child.slug:
            yield ctx.fact("member", "member_of_group", 0.7, member=child.slug, group=parent)
    of_which = re.search(r"\bof which\s+", text)
    if of_which:
        # "an alliance … of which Pakistan is a member"
        group = next((m for m in reversed(ctx.mentions) if ctx.local(m) < of_which.start()
                      and m.type in ("InternationalGroup", "Organization")), None)
        member = next((m for m in ctx.mentions if ctx.local(m) >= of_which.end() - 1), None)
        if group is not None and member is not None and re.match(r"\s+(?:is|was|are|were)\s+(?:a\s+)?members?\b",
                                                                   text[ctx.local(member) + len(member.text):]):
            yield ctx.fact("member", "member_of_group", 0.8, member=member.actor, group=group.slug)
    groups_ = re.search(r"\b(?:which|that)\s+(?:groups|brings together|comprises|includes|unites)\s+(?:the\s+)?", text)
    if groups_:
        # "The Quadrilateral Security Dialogue, which groups the United States, India, Japan and Australia"
        group = next((m for m in reversed(ctx.mentions) if ctx.local(m) < groups_.start()
                      and m.type in ("InternationalGroup", "Organization")), None)
        listed = _listed(ctx, groups_.end() - 1)
        for member in listed if group is not None else []:
            yield ctx.fact("member", "member_of_group", 0.8, member=member, group=group.slug)
    chaired = re.search(r"(?:\s*\([A-Z][\w&-]*\))?,\s+(?:co-)?chaired\s+by\s+(?:the\s+)?", text)
    if chaired:
        # "the Official Creditor Committee, co-chaired by India, Japan and France": states that
        # chair a body sit on it
        group = next((m for m in reversed(ctx.mentions) if ctx.local(m) + len(m.text) <= chaired.start()
                      and m.type not in ("Person", "State", "City", "Region", "Place")), None)
        if group is not None and re.fullmatch(r"\s*(?:\([A-Z][\w&-]*\))?",
                                              text[ctx.local(group) + len(group.text):chaired.start()]):
            for member in _listed(ctx, chaired.end() - 1):
                if ctx._type(member) == "State" and member != group.actor:
                    yield ctx.fact("member", "member_of_group", 0.75, member=member, group=group.slug)
    seat = re.search(r"\b(?:holds?|held|has|took|won|occupies)\s+an?\s+(?:non-permanent\s+|permanent\s+|rotating\s+)?"
                     r"seat\s+on\s+(?:the\s+)?", text)
    if seat:
        # "Pakistan, which holds a non-permanent seat on the Security Council"
        group = next((m for m in ctx.mentions if 0 <= ctx.local(m) - seat.end() <= 2), None)
        member = next((m for m in reversed(ctx.actors()) if ctx.local(m) < seat.start()), None)
        if group is not None and member is not None and group.actor != member.actor:
            yield ctx.fact("member", "member_of_group", 0.8, member=member.actor, group=group.slug)
    belong = re.search(r"\bto which\s+(?:both|all|the two|the)\s+(?:states|countries|nations)\s+belong\b", text)
    # the two states this sentence names, directly or through their people ("Yunus and Prime
    # Minister Shehbaz Sharif met …"), else the two the text just named
    here = list(dict.fromkeys(state for m in ctx.mentions if not m.place for state in
                              [ctx.gazetteer.state_of(m.actor) or ctx.gazetteer.entities[m.slug].citizen_of]
                              if state))
    both = here if len(here) == 2 else list(ctx.recent_states[-2:])
    if belong and len(both) == 2:
        # "the D-8, a group … to which both states belong"
        group = next((m for m in reversed(ctx.mentions) if ctx.local(m) < belong.start()
                      and m.type in ("InternationalGroup", "Organization")), None)
        for member in both if group is not None else ():
            yield ctx.fact("member", "member_of_group", 0.7, member=member, group=group.slug)
    front = re.search(r"\ba front for\s+(?:the\s+)?", text)
    if front:
        groups = [m for m in ctx.mentions if m.type == "ArmedGroup"]
        before = [m for m in groups if ctx.local(m) < front.start()]
        after = [m for m in groups if ctx.local(m) >= front.end() - 1]
        if before and after:
            yield ctx.fact("member", "member_of_group", 0.7, "alleged", member=before[-1].slug,
                           group=after[0].slug)
    yield from _founders(ctx)
    yield from _new_members(ctx)
    yield from _newest_member(ctx)
    yield from _party_of_a_legislator(ctx)
    affiliate = re.search(r",\s+(?:the|its|a|an)\s+(?:[\w-]+\s+){0,2}?(?:affiliate|branch|franchise|offshoot)\s+of\s+"
                          r"(?:the\s+)?", text)
    if affiliate:
        # "ISKP, the regional affiliate of Islamic State": an armed group's branch is one of it
        child = next((m for m in reversed(ctx.mentions) if m.type == "ArmedGroup"
                      and ctx.local(m) + len(m.text) <= affiliate.start()), None)
        parent = next((m for m in ctx.mentions if m.type == "ArmedGroup"
                       and 0 <= ctx.local(m) - affiliate.end() <= 1), None)
        if child is not None and parent is not None and child.slug != parent.slug and re.fullmatch(
                r"\s*(?:\([\w&-]+\))?\)?", text[ctx.local(child) + len(child.text):affiliate.start()]):
            yield ctx.fact("member", "member_of_group", 0.75, member=child.slug, group=parent.slug)


# "The SCO was founded in Shanghai in 2001 by China, Russia, …": a group's founding states
_FOUNDED_BY = re.compile(r"\b(?:was|were)\s+(?:founded|established|formed|created|set up)\b[^.;]{0,60}?\bby\s+"
                         r"(?:the\s+)?")


def _founders(ctx: Context) -> Iterator[Fact]:
    """"The Shanghai Cooperation Organisation (SCO) was founded in 2001 by China, Russia and
    Kazakhstan": the states that found an international group are its members."""
    founded = _FOUNDED_BY.search(ctx.text)
    if founded is None:
        return
    clause = ctx.text.rfind(";", 0, founded.start()) + 1
    group = next((m for m in reversed(ctx.mentions) if clause <= ctx.local(m) < founded.start()), None)
    if group is None or group.type != "InternationalGroup":  # "Sinopec was founded by China": no group
        return
    for member in _listed(ctx, founded.end() - 1):
        if ctx._type(member) == "State":
            yield ctx.fact("member", "member_of_group", 0.8, ctx.modality_at(founded.start()),
                           member=member, group=group.slug)


# "India and Pakistan were admitted as full members", "Belarus became the tenth member",
# "Egypt and Iran took up membership", "Iran joined in July 2023"
_BECAME_MEMBER = re.compile(r"\b(?:(?:was|were)\s+(?:formally\s+)?admitted\s+(?:\w+\s+)?as\s+(?:a\s+)?(?:full\s+)?"
                            r"members?\b|became\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,2}?member\b|"
                            r"took\s+up\s+(?:full\s+)?membership\b|"
                            r"joined(?=\s+(?:in|on)\s+(?:\d|[A-Z][a-z]+\s+\d)|\s+(?:last|this)\s+(?:year|month)\b|\s*[,;]|\.?$))")
_NOT_YET = re.compile(r"\b(?:not|never|yet to|n[’']t)\s+(?:\w+\s+){0,2}$")


def _new_members(ctx: Context) -> Iterator[Fact]:
    """"India and Pakistan were admitted together as full members at the Astana summit";
    "Iran joined in July 2023, and Belarus became the tenth member": the states that join a
    group, named after the verb ("became a member of BRICS") or in the sentences before."""
    for verb in _BECAME_MEMBER.finditer(ctx.text):
        if _NOT_YET.search(ctx.text, 0, verb.start()):
            continue  # "Saudi Arabia has not formally joined"
        clause = max(ctx.text.rfind(";", 0, verb.start()), ctx.text.rfind(", and ", 0, verb.start()),
                     ctx.text.rfind(" which ", 0, verb.start()), 0)
        states = [m for m in ctx.mentions if clause <= ctx.local(m) < verb.start()
                  and ctx._type(m.actor) == "State" and not m.possessive and not m.demonym]
        named = re.match(r"\s+(?:of|in|to)\s+(?:the\s+)?", ctx.text[verb.end():])
        if named:
            after = [m for m in ctx.mentions if 0 <= ctx.local(m) - verb.end() - named.end() <= 1]
            if after:
                continue  # "became a member of the SCO": read by the 'member of' shape
        group = next((m.slug for m in ctx.mentions if m.type == "InternationalGroup"
                      and ctx.local(m) >= verb.end()), None) or ctx.recent.get("InternationalGroup")
        if group is None:
            continue
        for member in _chain_before(ctx, states):
            yield ctx.fact("member", "member_of_group", 0.7, ctx.modality_at(verb.start()),
                           member=member, group=group)


def _chain_before(ctx: Context, mentions: list[Mention]) -> list[str]:
    """The last of `mentions` and those coordinated before it: 'Egypt, Ethiopia and Iran' in
    'After talks with Russia in 2022, Egypt, Ethiopia and Iran joined'."""
    chain: list[Mention] = []
    for m in reversed(mentions):
        if chain and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?",
                                      ctx.text[ctx.local(m) + len(m.text):ctx.local(chain[-1])]):
            break
        chain.append(m)
    return _distinct(chain[::-1])


_NEWEST = re.compile(r"(?:[’']s|\b(?:the|its)\s+(?:bloc|group|grouping|alliance|organi[sz]ation|club)[’']s)\s+"
                     r"(?:newest|latest|youngest|first|founding|largest|smallest)\s+(?:full\s+)?member,\s+(?:the\s+)?")


def _newest_member(ctx: Context) -> Iterator[Fact]:
    """"the bloc's newest member, Indonesia"; "ASEAN's newest member, Timor-Leste": the state
    apposed to a group's member."""
    for match in _NEWEST.finditer(ctx.text):
        member = next((m for m in ctx.mentions if 0 <= ctx.local(m) - match.end() <= 1), None)
        owner = next((m for m in ctx.mentions if ctx.local(m) + len(m.text) == match.start()), None)
        group = (owner.slug if owner is not None and owner.type == "InternationalGroup"
                 else None if owner is not None else ctx.recent.get("InternationalGroup"))
        if member is not None and group and ctx._type(member.actor) == "State":
            yield ctx.fact("member", "member_of_group", 0.75, member=member.actor, group=group)


_LEGISLATOR = re.compile(r"\b(?:Senator|Sen\.|MNA|MPA|MP|lawmaker|legislator|Congressman|Congresswoman|"
                         r"Representative|Rep\.|parliamentarian)\s+$")


def _party_of_a_legislator(ctx: Context) -> Iterator[Fact]:
    """"Senator Mohsin Aziz of the Pakistan Tehreek-e-Insaf (PTI)": a legislator belongs to
    the party named after him."""
    for person in ctx.mentions:
        if person.type != "Person" or not _LEGISLATOR.search(ctx.text, 0, ctx.local(person)):
            continue
        of = re.match(r"\s+of\s+(?:the\s+)?(?:(?:ruling|opposition|governing)\s+)?",
                      ctx.text[ctx.local(person) + len(person.text):])
        if of is None:
            continue
        at = ctx.local(person) + len(person.text) + of.end()
        party = next((m for m in ctx.mentions if 0 <= ctx.local(m) - at <= 1), None)
        if party is not None and party.type == "Organization":
            yield ctx.fact("member", "member_of_group", 0.75, member=person.slug, group=party.slug)


# "Rashakai in Khyber Pakhtunkhwa", "Zhoushan island in Zhejiang province", "Besham, a town in …"
_IN_PLACE = re.compile(r",?\s+(?:(?:island|county|prefecture|district|city|town)\s+(?=in\s))?"
                       r"(?:(?:a|an)\s+(?:[\w,-]+\s+){0,3}?(?:town|city|village|port|district|"
                       r"area|region|province|valley|scheme|project|mine|site|base)\s+(?:on\s+the\s+\w+\s+)?)?"
                       r"(?:in|near|on\s+the\s+(?:[a-z-]+\s+)?(?:outskirts|edge)\s+of)\s+(?:the\s+)?")
_PART_OF = re.compile(r"\s+(?:district|area|region|province|valley|division)\s+of\s+(?:the\s+)?")


_KIND_WORD = re.compile(r"\s(?:district|province|region|valley|division|area)$", re.I)
_BASED = re.compile(r"\b([A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)-based\s+(?:[a-z]+\s+){0,3}")
_CAPITAL_OF = re.compile(r",\s+(?:the|its)\s+capital(?:\s+city)?\s+of\s+(?:the\s+)?")


def _listed(ctx: Context, start: int) -> list[str]:
    """The actors listed from local offset `start`: 'the United States, India, Japan and Australia'."""
    out: list[str] = []
    end = start
    for m in ctx.mentions:
        if ctx.local(m) < start:
            continue
        if not re.fullmatch(r"[\s,]*(?:and\s+|or\s+)?(?:the\s+)?", ctx.text[end:ctx.local(m)]):
            break
        out.append(m.actor)
        end = ctx.local(m) + len(m.text)
    return list(dict.fromkeys(out))


_SITES = re.compile(r"[’']s\s+(?:[a-z][\w-]*\s+){1,4}?(?:at|in)\s+")


def sites_of_a_state(ctx: Context) -> Iterator[Fact]:
    """"Iran's nuclear sites at Fordow, Natanz and Isfahan", "Pakistan's air bases at Nur Khan
    and Sargodha": places listed as a state's sites are in that state (unless the reference
    data places them elsewhere)."""
    for m in ctx.mentions:
        if not m.possessive or ctx._type(m.actor) != "State":
            continue
        link = _SITES.match(ctx.text, ctx.local(m) + len(m.text))
        if link is None:
            continue
        for place in _listed(ctx, link.end()):
            known = ctx.gazetteer.entities[place]
            if known.type in ("City", "Place", "Facility", "Region") and ctx.gazetteer.country_of(place) in (
                    None, m.actor):
                yield ctx.fact("located", "sites_of_a_state", 0.75, place=place, **{"in": m.actor})


# What kind of place an appositive calls a name, and which of the gazetteer's types fit it:
# "Pokhara, Nepal's second largest city" is a city; "the Helmand, Afghanistan's longest river"
# no province.
_PLACE_NOUNS = {**dict.fromkeys("city town village port capital hub metropolis".split(), ("City", "Place")),
                **dict.fromkeys("province region district state territory".split(), ("Region",)),
                **dict.fromkeys("crossing gateway post checkpoint airport base site field".split(),
                                ("Place", "Facility"))}
_APPOSED_PLACE = re.compile(r",\s+(?:(?P<owner>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})[’']s|(?:the|a|an|one of the))\s+"
                            r"(?:[\w-]+\s+){0,4}?(?P<noun>" + "|".join(_PLACE_NOUNS) + r")(?:s|es)?\b"
                            r"(?P<of>\s+(?:of|in)\s+(?:the\s+)?)?")
_A_STATES_RIVER = re.compile(r",\s+(?P<owner>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})[’']s\s+(?:[\w-]+\s+){0,3}?river\b")
# "PVARA's head office is in Islamabad"; "USSM, headquartered in Missouri"; "X is based in Y"
_SEATED = re.compile(r"(?:[’']s\s+(?:head\s+office|headquarters|head\s+quarters|main\s+office|secretariat)\s+"
                     r"(?:is|are|was|will be)\s+(?:located\s+|based\s+)?|,?\s+(?:which\s+is\s+|is\s+|are\s+)?"
                     r"(?:headquartered|based)\s+)in\s+(?:the\s+)?")
# "US Strategic Metals (USSM), a Missouri-based company": the based-in after the name
_BASED_AFTER = re.compile(r"(?:\s*\([A-Z][\w&-]*\))?,\s+(?:a|an|the)\s+"
                          r"(?P<place>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)-based\b")
# "in Balochistan, where the Saindak and Reko Diq projects are located"
_WHERE_LOCATED = re.compile(r",\s+where\s+(?:the\s+)?(?P<what>[^,;]{1,80}?)\s+(?:is|are|lies|lie)\s+"
                            r"(?:located|situated|based)\b")
# "Galkynysh, one of the world's largest gas fields, located in south-eastern Turkmenistan"
_LOCATED_IN = re.compile(r",\s+(?:[^,;]{0,80},\s+)?(?:located|situated|lying)\s+in\s+(?:the\s+)?"
                         r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
                         r"(?:ern)?\s+)?")


def _container_at(ctx: Context, at: int, slack: int = 2) -> Mention | None:
    """The place named at local offset `at` ("Iran's Sistan region" is Sistan, not Iran)."""
    first = next((m for m in ctx.mentions if at - 1 <= ctx.local(m) <= at + slack and not m.demonym), None)
    if first is not None and first.possessive:
        after = next((m for m in ctx.mentions if ctx.local(m) > ctx.local(first) and not m.demonym), None)
        if after is not None and re.fullmatch(r"[’']s\s+", ctx.text[ctx.local(first) + len(first.text):
                                                                  ctx.local(after)]):
            return after
    return first


def _fits(ctx: Context, place: str, container: str) -> bool:
    """A place may be said to lie in a container the reference data does not put it outside of."""
    known = ctx.gazetteer.country_of(place)
    return place != container and known in (None, ctx.gazetteer.country_of(container))


def place_by_apposition(ctx: Context) -> Iterator[Fact]:
    """"Pokhara, Nepal's second largest city"; "Zabol, the main city of Iran's Sistan region";
    "the Milak border crossing, Iran's main trade gateway": what an appositive says a place is
    part of, when the kind of place it names fits the name."""
    for m in ctx.mentions:
        if m.demonym or m.possessive or m.type not in ("City", "Place", "Facility", "Region"):
            continue
        end = ctx.local(m) + len(m.text)
        river = _A_STATES_RIVER.match(ctx.text, end)
        water = ctx.gazetteer.resolve("water")
        if river and water:
            # "the Helmand, Afghanistan's longest river": the river's water is that state's
            owner = _container_at(ctx, river.start("owner"), slack=0)
            if owner is not None and owner.possessive and ctx._type(owner.actor) == "State":
                yield ctx.fact("resource", "place_by_apposition", 0.7, holder=owner.actor, resource=water)
        apposed = _APPOSED_PLACE.match(ctx.text, end)
        if apposed is None or m.type not in _PLACE_NOUNS[apposed.group("noun")]:
            continue
        container = None
        if apposed.group("owner"):
            container = _container_at(ctx, apposed.start("owner"), slack=0)
            container = container if container is not None and container.possessive else None
        elif apposed.group("of"):
            container = _container_at(ctx, apposed.end())
        if container is None or ctx._type(container.slug) not in ("State", "Region", "City"):
            continue
        if _fits(ctx, m.slug, container.slug):
            yield ctx.fact("located", "place_by_apposition", 0.75, place=m.slug, **{"in": container.slug})


def seat_of_a_body(ctx: Context) -> Iterator[Fact]:
    """"PVARA's head office is in Islamabad"; "the alliance, headquartered in Riyadh";
    "US Strategic Metals (USSM), a Missouri-based company"; "Balochistan, where the Saindak
    and Reko Diq projects are located"; "Galkynysh, one of the world's largest gas fields,
    located in south-eastern Turkmenistan": where a body or site is, said of it."""
    for m in ctx.mentions:
        if m.demonym or ctx._type(m.slug) in ("State", "Person"):
            continue
        end = ctx.local(m) + len(m.text)
        seated = _SEATED.match(ctx.text, end) or _LOCATED_IN.match(ctx.text, end)
        based = _BASED_AFTER.match(ctx.text, end)
        container = None
        if seated:
            container = _container_at(ctx, seated.end())
        elif based:
            place = ctx.gazetteer.resolve(based.group("place"))
            container = next((x for x in ctx.mentions if x.slug == place), None) if place else None
        if (container is not None and ctx._type(container.slug) in ("State", "Region", "City")
                and _fits(ctx, m.slug, container.slug)):
            yield ctx.fact("located", "seat_of_a_body", 0.75, place=m.slug, **{"in": container.slug})
    for where in _WHERE_LOCATED.finditer(ctx.text):
        container = next((m for m in reversed(ctx.mentions) if ctx.local(m) + len(m.text) == where.start()), None)
        if container is None or ctx._type(container.slug) not in ("State", "Region", "City"):
            continue
        for m in ctx.mentions:
            if (where.start("what") <= ctx.local(m) < where.end("what") and not m.demonym
                    and m.type in ("Place", "Facility", "Project", "Company", "Organization")
                    and _fits(ctx, m.slug, container.slug)):
                yield ctx.fact("located", "seat_of_a_body", 0.75, place=m.slug, **{"in": container.slug})


def located_by_apposition(ctx: Context) -> Iterator[Fact]:
    """"the Islamabad-based NDC", "Doha, the capital of Qatar", "Afghanistan's Paktika
    province", "Besham, a town in the Shangla district": where a place or body is, said in
    passing."""
    for match in _BASED.finditer(ctx.text):
        place = ctx.gazetteer.resolve(match.group(1))
        after = [m for m in ctx.mentions if ctx.local(m) >= match.end() - 1 and m.type in ACTOR_TYPES]
        if place and ctx._type(place) in PLACE_TYPES and after and ctx.local(after[0]) <= match.end() + 2:
            yield ctx.fact("located", "located_by_apposition", 0.75, place=after[0].slug, **{"in": place})
    for m in ctx.mentions:
        end = ctx.local(m) + len(m.text)
        capital = _CAPITAL_OF.match(ctx.text, end)
        if capital and m.type == "City":
            state = next((x for x in ctx.mentions if ctx.local(x) >= capital.end() - 1
                          and ctx._type(x.actor) == "State"), None)
            if state is not None:
                yield ctx.fact("located", "located_by_apposition", 0.85, place=m.slug, **{"in": state.actor})
        kind = re.match(r"\s+(?:province|district|region|valley)\b", ctx.text[end:])
        named = _NAMED_KIND.search(m.text)  # "Sri Lanka's Eastern Province", "Kathmandu's Durbar Square"
        if (kind or named) and m.type in ("Region", "Place"):
            owner = next((x for x in reversed(ctx.mentions) if ctx.local(x) < ctx.local(m) and x.possessive
                          and (ctx._type(x.actor) == "State" or (m.type == "Place" and x.type == "City"))
                          and re.fullmatch(r"[’']s\s+", ctx.text[ctx.local(x) + len(x.text):ctx.local(m)])), None)
            place = owner.slug if owner is not None and owner.type == "City" else owner.actor if owner else None
            # what the text says is kept, with its evidence, even where the reference data agrees
            if place is not None and ctx.gazetteer.country_of(m.slug) in (None, ctx.gazetteer.country_of(place)):
                yield ctx.fact("located", "located_by_apposition", 0.85, place=m.slug, **{"in": place})


_NAMED_KIND = re.compile(r" (?:Province|District|Region|Valley|Square|Bazaar|Island|Bay|Coast)$")
_HOME_NOUN = re.compile(r",\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+)?(?P<demonym>[A-Z][\w-]+)\s+(?:[a-z][\w-]*\s+){0,2}?"
                        r"(?:company|firm|group|institute|miner|conglomerate|corporation|bank|lender|fund|"
                        r"producer|manufacturer|maker|developer|operator|exchange|contractor|investor|giant|"
                        r"supplier|insurer|shipper|carrier|airline|institute|university|laboratory)\b")
_ORGANISATIONS = frozenset({"Company", "Organization"})
_BODIES = AGENCY_TYPES | {"Organization", "Company", "InternationalGroup"}


def company_home(ctx: Context) -> Iterator[Fact]:
    """"Qatar's Al-Mirqab Capital", "Chile's Antofagasta"; "Barrick Gold, the Canadian
    mining company"; "Foo Ltd, a state-owned Chinese firm"; "Ant Group of China": the state a company is from,
    said in passing. Agencies are not companies: "Pakistan's NDC" is an agency fact."""
    for m in ctx.mentions:
        if m.type not in _BODIES or m.demonym:
            continue
        owner = _mention_before(ctx, ctx.local(m))
        if (m.type in _ORGANISATIONS and owner is not None and owner.possessive
                and ctx._type(owner.actor) == "State" and not owner.demonym):
            yield ctx.fact("located", "company_home", 0.75, place=m.slug, **{"in": owner.actor})
            continue
        home = _HOME_NOUN.match(ctx.text, ctx.local(m) + len(m.text))
        state = home and ctx.gazetteer.demonyms.get(home.group("demonym"))
        if state:
            yield ctx.fact("located", "company_home", 0.75, place=m.slug, **{"in": state})
            continue
        of = re.match(r"(?:\s+(?:ASA|AG|SA|NV|plc|PLC|Ltd\.?|Limited|Inc\.?))?\s+of\s+",
                      ctx.text[ctx.local(m) + len(m.text):])
        after = of and next((x for x in ctx.mentions if ctx.local(x) == ctx.local(m) + len(m.text) + of.end()), None)
        if m.type == "Company" and after and ctx._type(after.slug) == "State" and not after.possessive:
            # "a subsidiary of Telenor ASA of Norway": a company 'of' a state is from it
            yield ctx.fact("located", "company_home", 0.7, place=m.slug, **{"in": after.slug})


def facility_in_city(ctx: Context) -> Iterator[Fact]:
    """"the 2021 Kabul Airport attack", "Gwadar Port": a facility named after its city is in it."""
    for m in ctx.mentions:
        if m.type == "Facility":
            city = ctx.gazetteer.resolve(m.text.split()[0])
            if city and ctx._type(city) == "City":
                yield ctx.fact("located", "facility_in_city", 0.8, place=m.slug, **{"in": city})


def located_in(ctx: Context) -> Iterator[Fact]:
    """"Rashakai in Khyber Pakhtunkhwa", "Bahawalpur and Muridke in Pakistan's Punjab
    province", "the Chagai district of Balochistan": a place, then 'in' or 'district of' and
    the region or state containing it."""
    places = [m for m in ctx.mentions if m.type in PLACE_TYPES | {"Project"} and not m.demonym]
    for i, place in enumerate(places):
        end = ctx.local(place) + len(place.text)
        rest = ctx.text[end:]
        link = _PART_OF.match(rest) or _IN_PLACE.match(rest)
        if link is None and _KIND_WORD.search(place.text):  # "the Chagai district of Balochistan"
            link = re.match(r"\s+of\s+(?:the\s+)?", rest)
        if link is None:
            continue
        zone = end + link.end()
        container = next((m for m in places[i + 1:] if ctx.local(m) >= zone - 1), None)
        if container is not None and container.possessive:  # "in Pakistan's Punjab province"
            container = next((m for m in places if ctx.local(m) > ctx.local(container)), None)
        if container is None:
            continue
        gap = ctx.text[zone:ctx.local(container)]
        if not re.fullmatch(r"(?:[\w-]+(?:[’']s)\s+|Indian-administered\s+|Pakistan-administered\s+)?", gap):
            # "Pakistan's Punjab": the state's name qualifies the region that follows it
            possessive = next((m for m in places if ctx.local(m) >= zone - 1 and m.possessive), None)
            if possessive is None:
                continue
            container = next((m for m in places if ctx.local(m) > ctx.local(possessive)), None)
            if container is None:
                continue
        if container.type not in ("State", "Region", "City") or container.slug == place.slug:
            continue
        if place.type == "State":
            continue
        yield ctx.fact("located", "located_in", 0.8, place=place.slug, **{"in": container.slug})
        # "Bahawalpur and Muridke in Punjab": the place coordinated before shares the container
        if i > 0:
            prev = places[i - 1]
            between = ctx.text[ctx.local(prev) + len(prev.text):ctx.local(place)]
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", between) and prev.type in ("City", "Place",
                                                                                        "Facility"):
                yield ctx.fact("located", "located_in", 0.75, place=prev.slug, **{"in": container.slug})


_FORMER = re.compile(r"\b(?i:former|ousted|deposed|then|erstwhile)\s+$|\b(?i:ex)-$")
_TITLE_BEFORE = re.compile(rf"((?i:{TITLE_RE}))(?:\s+and\s+(?i:{TITLE_RE}))?,?\s+(?:(?:General|Gen\.|Field Marshal|"
                           rf"Lieutenant General|Lt\. Gen\.|Mullah)\s+)?$")
_COUNTERPART = re.compile(r"\b(?:his|her|their|its)\s+([A-Z][\w-]+)\s+(?:counterpart|opposite number),?\s+$")
# "The Army, led by Chief of the Army Staff General X": a rank may follow the office.
_HEADED_BY = re.compile(rf",?\s+(?P<verb>headed|led|chaired|run)\s+by\s+(?:its\s+|the\s+)?(?:[^,;()]{{0,60}},\s+)?"
                        rf"(?:(?P<title>(?i:{TITLE_RE}))\s+)?(?:(?:General|Gen\.|Admiral|Air Chief Marshal|Air Marshal|"
                        rf"Lieutenant General|Lt\. Gen\.|Field Marshal)\s+)?(?:(?:Senator|Mr\.?|Ms\.?|Dr\.?)\s+)?$")
_AS_ITS = re.compile(rf"^\s+as\s+(?:its|the)\s+(?P<title>(?i:{TITLE_RE}))\b")
_APPOSITIVE = re.compile(rf"^,\s+(?:(?:the|its|a|an|who is|now|former)\s+)*(?P<pre>[^,;]{{0,40}}?)"
                         rf"\b(?P<title>(?i:{TITLE_RE}))\b(?P<post>[^,;.]{{0,80}})")


def _is_minister(title: str) -> bool:
    """'Defence Minister', 'Federal Minister for Finance': an office in a government."""
    return "minister" in title.lower().split()


def _office(title: str) -> str:
    """'defence minister' -> 'Defence Minister': offices compare in their usual case."""
    if _is_minister(title):
        return " ".join(w if w in ("of", "for", "and") else w.capitalize() for w in title.split())
    return TITLE_BY_LOWER.get(title.lower(), title)


def _army_of(state: str | None, gazetteer: Gazetteer) -> str | None:
    """A state's army, for 'Pakistan's army chief': the armed force of that state called Army."""
    if state is None:
        return None
    return next((k.slug for k in gazetteer.entities.values()
                 if k.type == "ArmedForces" and k.state == state and "Army" in k.label
                 and "Armed" not in k.label), None)


def _org_for(ctx: Context, mention: Mention | None, title: str, person: Mention) -> str | None:
    """The organisation a titled person leads: the one named, else what the office implies."""
    citizen = ctx.gazetteer.entities[person.slug].citizen_of
    title = _office(title)
    state = None
    if mention is not None:
        state = mention.actor if mention.demonym or ctx._type(mention.actor) == "State" else None
        if state is None and _is_minister(title) and mention.slug in GOVERNING_GROUPS:
            state = GOVERNING_GROUPS[mention.slug]
        if state is None:
            return mention.slug
    if title in ARMY_CHIEF or title.lower() in ("army chief", "chief of army staff"):
        return _army_of(state or citizen, ctx.gazetteer)
    if state:
        return state
    if title in US_OFFICES and citizen in (None, "United_States"):
        return "United_States"
    if title in CHINA_OFFICES and citizen in (None, "China"):
        return "China"
    if _is_minister(title):  # ministers of their state, or of the one the text is about
        return citizen or _state_near(ctx, person) or ctx.home_state or _state_before(ctx, person)
    if title in STATE_OFFICES:  # "while President Serdar Berdimuhamedov took part": the state in view
        return citizen or _state_near(ctx, person) or ctx.home_state or _state_before(ctx, person, only=True)
    return None


def _body_before(ctx: Context, end: int) -> Mention | str | None:
    """What 'its' refers to: the last agency, company or organisation named before `end`,
    in this sentence or (as a slug) an earlier one."""
    here = [m for m in ctx.mentions if ctx.local(m) < end and m.type in _BODIES]
    if here:
        return here[-1]
    return next((slug for type_, slug in reversed(ctx.recent.items()) if type_ in _BODIES), None)


def _state_near(ctx: Context, person: Mention) -> str | None:
    """"Planning Minister Ahsan Iqbal, who oversees CPEC on the Pakistani side": a state
    named in the relative clause about the person."""
    end = ctx.local(person) + len(person.text)
    clause = re.match(r",\s+who\s+(?:(?!\bwith\b)[^,;])*", ctx.text[end:])
    if clause is None:
        return None
    for m in ctx.mentions:
        if end <= ctx.local(m) < end + clause.end():
            if m.type == "Person":  # "… negotiating with US Trade Representative Jamieson Greer"
                return None
            if ctx._type(m.actor) == "State":
                return m.actor
    return None


def _state_before(ctx: Context, person: Mention, only: bool = False) -> str | None:
    """"Pakistan's delegation was led by Khawaja Asif, the defence minister": the last
    state named before the person, when nothing else tells whose minister this is
    (with `only`, when it is the one state named before him)."""
    states = list(dict.fromkeys(m.actor for m in ctx.mentions if ctx.local(m) < ctx.local(person)
                                and ctx._type(m.actor) == "State"))
    if only and len(states) != 1:
        return None
    return states[-1] if states else None


def _mention_before(ctx: Context, end: int) -> Mention | None:
    """A name that ends right before local offset `end` ("Pakistan's ", "CIA ", "the US ")."""
    for m in reversed(ctx.mentions):
        local_end = ctx.local(m) + len(m.text)
        if local_end <= end:
            gap = ctx.text[local_end:end]
            return m if re.fullmatch(r"(?:[’']s|\))?\s*", gap) and m.type != "Person" else None
    return None


def _tail_of_a_name(ctx: Context, mention: Mention) -> bool:
    """"Hami Nepal, a youth-led civic group headed by …": 'Nepal' ends a name nobody knows,
    so it is not the body that is headed."""
    return bool(re.search(r"(?<![.!?:]\s)\b(?!(?:The|A|An|In|On|At|By|For|From|With|And)\s)[A-Z][\w’'-]*\s+$",
                          ctx.text[:ctx.local(mention)])) and ctx.local(mention) > 0


def leader_by_title(ctx: Context) -> Iterator[Fact]:
    """"US President Donald Trump", "CIA Director John Ratcliffe", "Prime Minister Shehbaz
    Sharif" (a national of Pakistan), "Field Marshal Asim Munir, Pakistan's army chief",
    "Lieutenant General Asim Malik, the Director General of Pakistan's Inter-Services
    Intelligence": a title before or in an appositive after a person, and what it heads."""
    last_role = None
    for person in ctx.of_types({"Person"}):
        start = ctx.local(person)
        window = ctx.text[max(0, start - 70):start]
        found = False
        counterpart = _COUNTERPART.search(window)
        if counterpart and last_role:
            # "Muttaqi, the Taliban's foreign minister, … with his Turkmen counterpart, Rashid Meredov"
            state = ctx.gazetteer.demonyms.get(counterpart.group(1)) or ctx.gazetteer.resolve(counterpart.group(1))
            if state:
                yield ctx.fact("leader", "leader_by_title", 0.75, person=person.slug, organization=state,
                               role=_office(last_role))
                continue
        match = _TITLE_BEFORE.search(window)
        if match:
            title = role = match.group(1)
            if _FORMER.search(window[:match.start(1)]):
                # "former prime minister Sheikh Hasina", "the then prime minister X": an office
                # held before, told as such
                role = f"Former {_office(title)}"
            title_start = start - len(window) + match.start(1)
            named = _mention_before(ctx, title_start)
            if named is None and re.search(r"\b[Ii]ts\s+$", ctx.text[:title_start]):
                named = _body_before(ctx, title_start)  # "Its spokesperson, Randhir Jaiswal"
            if named is None and re.search(r"\b[A-Z][\w-]*[A-Z][\w-]*\s+$", ctx.text[:title_start]):
                continue  # "PML-N president Nawaz Sharif": an office in a body nobody knows yet
            org = _org_for(ctx, named, title, person) if not isinstance(named, str) else named
            if org and org != person.slug:
                found = True
                last_role = title
                yield ctx.fact("leader", "leader_by_title", 0.85, person=person.slug,
                               organization=org, role=role)
        headed = _HEADED_BY.search(ctx.text[max(0, start - 120):start])
        appositive = _APPOSITIVE.match(ctx.text[start + len(person.text):])
        as_its = _AS_ITS.match(ctx.text[start + len(person.text):])
        if as_its:
            # "with Mr Bilal bin Saqib as its Chief Executive Officer": the body named before
            body = _body_before(ctx, start)
            org = body.slug if isinstance(body, Mention) else body
            if org:
                found = True
                yield ctx.fact("leader", "leader_by_title", 0.75, person=person.slug, organization=org,
                               role=as_its.group("title"))
        if headed and not appositive and not as_its:
            window = ctx.text[max(0, start - 120):start]
            # "The State Bank of Pakistan (SBP), headed by Governor Jameel Ahmad"
            org = _mention_before(ctx, start - len(window) + headed.start())
            if org is None:
                before = [m for m in ctx.mentions if ctx.local(m) < start - len(window) + headed.start()]
                org = before[-1] if before and not _tail_of_a_name(ctx, before[-1]) else None
            if org is not None and org.type not in ("Person", "City", "Region", "Place", "Facility"):
                found = True
                yield ctx.fact("leader", "leader_by_title", 0.8, person=person.slug,
                               organization=org.actor if ctx._type(org.actor) == "State" else org.slug,
                               role="Chair" if headed.group("verb") == "chaired" else headed.group("title") or "Head")
        after = _APPOSITIVE.match(ctx.text[start + len(person.text):])
        if found or not after or "former" in after.group(0).split():
            continue
        base = start + len(person.text)
        if any(0 <= ctx.local(m) - (base + after.end("title")) <= 2 for m in ctx.mentions if m.type == "Person"):
            continue  # "Harshana Suriyapperuma, CBSL Governor P. Nandalal Weerasinghe": the next one's title
        title = after.group("title")
        post = [m for m in ctx.mentions
                if base + after.start("post") <= ctx.local(m) < base + after.end("post")]
        pre = [m for m in ctx.mentions
               if base + after.start("pre") <= ctx.local(m) < base + after.start("title")]
        named = (post or pre or [None])[-1 if post and not pre else 0]
        # "China's ambassador to Pakistan": the possessor, not where the post is, is the body;
        # "the Director General of ISPR": the body after 'of'.
        regional = re.search(r"(?i)chief minister|governor|premier", title)  # "the chief minister of Balochistan"
        post = [m for m in post if m.type not in ("Person", "City", "Place") and (regional or m.type != "Region")]
        pre = [m for m in pre if m.type not in ("Person", "Region", "City", "Place")]
        if pre:
            named = pre[0]
        elif post and re.match(r"\s*(?:of|at|in)\b", after.group("post")):
            named = next((m for m in post if not m.demonym and ctx._type(m.actor) != "State"), post[-1])
        elif post and re.match(r"\s*for\b", after.group("post")):
            # "spokesman for the Taliban's interior ministry"; but "Mission Chief for Sri Lanka" is about it
            named = next((m for m in post if not m.demonym and ctx._type(m.actor) != "State"), None)
        else:
            named = None
        org = _org_for(ctx, named, title, person)
        if org is None and named is None and re.search(r"\b(?:government|administration|cabinet)[’']s\s+$",
                                                       after.group("pre")):
            # "Touhid Hossain, the interim government's adviser for foreign affairs": the government
            # of his state, or of the one the text is about
            org = (ctx.gazetteer.entities[person.slug].citizen_of or ctx.home_state
                   or _state_before(ctx, person, only=True))
        if org and org != person.slug:
            last_role = title
            yield ctx.fact("leader", "leader_by_title", 0.8, person=person.slug, organization=org,
                           role=title)
            if ctx._type(org) == "ArmedGroup" and re.fullmatch(
                    r"(?i)(?:senior |top |deputy |military |field )?(?:commander|chief|leader|head|founder|emir)",
                    title):  # a militant group's commander is a member; its spokesman need not be
                yield ctx.fact("member", "leader_by_title", 0.75, member=person.slug, group=org)


_SWORN_IN = re.compile(
    rf"^(?:,[^,;]{{1,60}},)?\s+(?:(?:was|were|has been|had been|is|will be)\s+)?(?:formally\s+)?"
    rf"(?:sworn in|took the oath(?: of office)?|took office|appointed|named|elected|installed)\s+as\s+"
    rf"(?:the\s+|an?\s+)?(?P<mod>(?:(?:new|interim|acting|caretaker)\s+)*)(?P<title>(?i:{TITLE_RE}))\b"
    rf"(?P<of>\s+of\s+(?:the\s+)?)?")
_APPOINTED = re.compile(r"\b(?:appointed|named|nominated|elected|swore in|installed)\s+(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?$")
_AS_TITLE = re.compile(rf"^\s+as\s+(?:the\s+|an?\s+)?(?P<mod>(?:(?:new|interim|acting|caretaker)\s+)*)"
                       rf"(?P<title>(?i:{TITLE_RE}))\b(?P<of>\s+of\s+(?:the\s+)?)?")


def leader_by_appointment(ctx: Context) -> Iterator[Fact]:
    """"Sushila Karki, the former chief justice, took the oath of office as interim prime
    minister"; "Yunus was sworn in as chief adviser"; "the President appointed Ayesha Khan as
    Governor of the State Bank": a person made to hold an office holds it."""
    for person in ctx.of_types({"Person"}):
        end = ctx.local(person) + len(person.text)
        match = _SWORN_IN.match(ctx.text[end:])
        if match is None and _APPOINTED.search(ctx.text[:ctx.local(person)]):
            match = _AS_TITLE.match(ctx.text[end:])
        if match is None:
            continue
        title = match.group("title")
        named = _mention_at(ctx, end + match.end()) if match.group("of") else None
        if named is not None and named.type in ("Person", "City", "Place"):
            named = None
        org = _org_for(ctx, named, title, person)
        if org and org != person.slug:
            role = f"{match.group('mod').strip().title()} {_office(title)}".strip()
            yield ctx.fact("leader", "leader_by_appointment", 0.8, person=person.slug, organization=org, role=role)


_GOVERNMENT_OF = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+)?(?:government|administration|cabinet)\s+of\s+"
                            rf"(?:(?i:{TITLE_RE})\s+)?$")
_GOVERNMENT_AFTER = re.compile(r"^(?:[’']s)?\s+(?:(?:interim|caretaker|coalition|former|previous|new)\s+)?"
                               r"(?:government|administration|cabinet)\b")


def leader_of_a_government(ctx: Context) -> Iterator[Fact]:
    """"the young protesters who toppled the government of KP Sharma Oli", "during Sheikh
    Hasina's government", "the Oli government": whoever a government is named after heads it,
    for the state that is theirs (or the one the text is about)."""
    for person in ctx.of_types({"Person"}):
        start, end = ctx.local(person), ctx.local(person) + len(person.text)
        before = _GOVERNMENT_OF.search(ctx.text[max(0, start - 60):start])
        after = _GOVERNMENT_AFTER.match(ctx.text[end:])
        if after and not after.group(0).startswith(("'", "’")) and not re.search(r"\b[Tt]he\s+$",
                                                                                ctx.text[:start]):
            after = None  # "the Oli government", but not "Karki government officials"
        if not before and not after:
            continue
        state = ctx.gazetteer.entities[person.slug].citizen_of or ctx.home_state
        if state:
            yield ctx.fact("leader", "leader_of_a_government", 0.7, person=person.slug, organization=state,
                           role="Head of Government")


# --- cooperation and tension ---------------------------------------------------------------

_COOPERATION = re.compile(r"\bcooperat\w*|\bcollaborat\w*|\bpartnership\b|\bin contact\b|"
                          r"\bsharing intelligence\b|\bshare (?:satellite|intelligence|information)|"
                          r"\bjoint (?:operations?|exercises?|patrols?)\b|\bwork(?:ing)? together\b|"
                          r"\bcounterterrorism dialogue\b|\bstrategic dialogue\b|\balliance\b|"
                          r"\bwork(?:ed|ing|s)? with\b|\bbilateral (?:trade|ties|relations)\b|"
                          r"\bengag(?:ed|ing|ement) with\b|\b(?:drawn|drew|draw|grown|moved) closer to\b|"
                          # "has widened its diplomatic contacts with Kabul", "deepened ties with Beijing",
                          # "moved to mend relations with Dhaka", "reopened doors to Islamabad"
                          r"\b(?:widen|deepen|expand|strengthen|broaden|upgrad|mend|restor|normali[sz]|repair)"
                          r"(?:ed|s|ing|e)?\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:ties|contacts|"
                          r"relations|links|engagement)\s+with\b|\breopen(?:ed|s|ing)?\s+(?:its\s+|the\s+)?doors?\s+to\b|"
                          # "Egypt and Turkey restored ties", "agreed to boost bilateral trade"
                          r"\b(?:restored|normali[sz]ed|re-?established)\s+(?:full\s+)?(?:diplomatic\s+)?(?:ties|relations)\b|"
                          r"\bagreed to (?:boost|expand|deepen|strengthen|enhance|increase|step up|intensify|"
                          r"broaden)\b|"
                          # "India said it would upgrade its technical mission in Kabul to a full embassy"
                          r"\b(?:upgrad|reopen|re-open|open)(?:ed|es|s|ing|e)?\s+(?:its|an?|the|their)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:mission|embassy|consulate|high commission)\s+in\b|"
                          # "Pakistan's trade with Afghanistan fell", "Trade between India and Bangladesh reached …"
                          r"\btrade\s+(?:with|between)\b|"
                          # "Iran and Pakistan will jointly develop the border markets"
                          r"\bjointly\s+(?:develop|build|run|operate|produce|manage|fund|finance)\w*\b|"
                          # "Pakistan joined Russia and China in proposing a resolution"
                          r"\bjoined\s+(?:\S+\s+){0,8}?in\s+[a-z]+ing\b", re.I)
_TENSION = re.compile(r"\bstrain\w*|\btensions?\b|\bconfrontation\b|\brift\b|\bfriction\b|"
                      r"\bwearing thin\b|\bhostilit\w*|\bstandoff\b|\bat odds\b|\bin competition with\b|"
                      r"\brivalry\b|\bdispute\b|\bsuspended\b|\bretaliat\w*|\baccus\w+|\bwar with\b|"
                      r"\bsanctions\b(?! waivers?)|\bcondemn\w*|\bprotest\w*|\bclash\w*|\bskirmish\w*|"
                      r"\bfrustrat\w*|\birritat\w*|\bunacceptable\b|\bhostile\b|\bconflict\b|"
                      r"\bwar\b|\balleg(?:ed|es|ing) that\b|\bobject(?:ed|s|ing)\s+to\b|"
                      # "Relations between Dhaka and New Delhi have soured", "frayed ties"
                      r"\bsour(?:ed|ing)\b|\bdeteriorat\w*|\bfrayed\b|\blowest point\b|"
                      # "it placed the Indus Waters Treaty with Pakistan in abeyance"
                      r"\bin abeyance\b|"
                      # "Pakistan blamed India for …", "closed its airspace to Indian airlines", "banned imports of
                      # Japanese seafood", "severed relations with Iran", "warned Pakistan against …",
                      # "Afghan and Pakistani forces exchanged fire", "India and China disagree over …"
                      r"\bblam(?:ed|es|ing)\b|\bclos(?:ed|es|ing)\s+(?:its|their|the)\s+(?:[\w-]+\s+)?(?:airspace|border)"
                      r"(?:\s+crossings?)?\s+(?:to|with)\b|\bbann?(?:ed|s|ing)\s+(?:\w+\s+){0,2}?(?:imports|exports|"
                      r"flights|airlines)\s+(?:of|from|to)\b|\b(?:severed|broke off|cut off|downgraded)\s+(?:its\s+|"
                      r"their\s+)?(?:diplomatic\s+)?(?:ties|relations)\s+with\b|\bwarned\s+(?=\S+(?:\s+\S+)?\s+against\b)|"
                      r"\bexchanged\s+(?:fire|gunfire|artillery fire)\b|\bdisagree(?:d|s)?\s+(?:over|on)\b|"
                      # "a separatist group that opposes Chinese projects", "New Delhi is wary of Beijing"
                      r"\boppos(?:es|ed|ing)\b|\bwary of\b|\bsuspicious of\b|"
                      r"\b(?:restrict|halt|curb)(?:ed|s|ing)?\s+(?:all\s+|bilateral\s+)?trade\s+with\b|"
                      # "The company took Pakistan to international arbitration"
                      r"\b(?:took|takes?|taking)\s+(?=(?:\S+\s+){1,3}?to\s+(?:international\s+)?(?:arbitration|court)\b)|"
                      # "Pakistan summoned the Afghan charge d'affaires", "India rejected Pakistan's claims",
                      # "Ottawa expelled six Indian diplomats", "recalled its ambassador from Tehran"
                      r"\bsummon(?:ed|s|ing)\b|\bexpel(?:led|s|ling)\b|\bcriticis\w*|\bcriticiz\w*|\bdenounc\w*|"
                      r"\bslammed\b|\brebuk\w*|\brejected\b|"
                      r"\brecall(?:ed|s|ing)\s+(?:its|their)\s+(?:ambassador|envoy|high commissioner)s?\s+"
                      r"(?:from|to)\b|"
                      # "Beijing has repeatedly pressed Islamabad to do more to protect …"
                      r"\b(?:press|pressur)(?:ed|es|ing)\s+(?:[\w-]+\s+){1,3}?to\s+do\s+more\b", re.I)
_ALLEGED_THAT = re.compile(r"\b(?:alleg|claim|charg)(?:ed|es|ing)\s+that\b")
_ACCUSED = re.compile(r"\baccus(?:ed|es|ing)\s+(?:the\s+)?")
_BETWEEN = re.compile(r"\bbetween\s+(.+?)\s+and\s+(\S+(?:\s+\S+){0,3})")


_BOTH = re.compile(r"\b(?:both (?:countries|governments|sides|states|capitals|leaders)|the two (?:countries|"
                   r"governments|sides|states|neighbours|neighbors|leaders))\b", re.I)


def _the_two(ctx: Context) -> list[str]:
    """Whom 'both countries' or 'the two sides' means: the two states named in the sentence,
    directly or through their people ("Munir met Mohammed bin Salman"), else (for 'the two
    leaders') the states of the last two people named, else the last two states named."""
    here = list(dict.fromkeys(
        state for m in ctx.mentions if not m.place
        for state in [ctx.gazetteer.state_of(m.actor) or ctx.gazetteer.entities[m.slug].citizen_of]
        if state))
    if len(here) == 2:
        return here
    phrase = _BOTH.search(ctx.text)
    leaders = _distinct_ids([state for person in reversed(ctx.recent_people)
                             for state in [ctx.gazetteer.entities[person].citizen_of] if state])
    if phrase and phrase.group(0).lower().endswith("leaders") and len(leaders) >= 2:
        return leaders[1::-1]  # "The two leaders": the states of the last two people named
    if len(ctx.recent_states) >= 2:
        return list(ctx.recent_states[-2:])
    return []


def _venue(ctx: Context, mention: Mention) -> bool:
    """'Speaking at Peking University', 'a forum at the Carnegie Endowment': a body named as
    where something happens is no party to it (a state 'at' something still acts)."""
    return ctx._type(mention.actor) in ("Organization", "Company", "Facility") and bool(
        re.search(r"\b(?:[Aa]t|[Ii]nside)\s+(?:the\s+)?$", ctx.text[:ctx.local(mention)]))


def _pair(ctx: Context, trigger: re.Match[str], types: frozenset[str] | None = None) -> list[str]:
    """The two actors a relation word links.

    In order: 'both countries' (the two states the text just named), the two agencies of a
    sentence, the two names after 'between … and', else the only two actors present.
    Names that only qualify another ("Pakistan's" in "Pakistan's ministry") and places
    ("handlers in Afghanistan") are not parties; nor is an agency together with its own state.
    """
    modifiers = _modifiers(ctx)
    if _BOTH.search(ctx.text):
        both = _the_two(ctx)
        if both:
            return both
    actors = [m for m in ctx.actors() if m not in modifiers and not m.place and not _describes_something_else(ctx, m)
              and not _source(ctx, m) and not _venue(ctx, m)
              and (types is None or ctx._type(m.actor) in types)]
    agencies = _distinct([m for m in actors if m.type in AGENCY_TYPES and not m.demonym])
    if len(agencies) == 2:  # "the CIA … and its Pakistani counterpart ISI": the agencies act
        return agencies
    between = _BETWEEN.search(ctx.text)
    if between:
        first = [m for m in actors if between.start(1) <= ctx.local(m) < between.end(1)]
        second = [m for m in actors if between.start(2) <= ctx.local(m) < between.end(2)]
        if first and second and first[0].actor != second[0].actor:
            return [first[0].actor, second[0].actor]
    names = _distinct(actors)
    if len(names) == 2 and ctx.gazetteer.state_of(names[0]) != ctx.gazetteer.state_of(names[1]):
        return names
    return []


def cooperation(ctx: Context) -> Iterator[Fact]:
    """"Pakistan and the US have been engaged in sharing intelligence and joint operations";
    "the CIA and its counterpart ISI were reportedly in contact": two actors and a word of
    working together; the area comes from topic words in the sentence."""
    # Names are blanked first: the Shanghai Cooperation Organisation is no cooperation.
    trigger = _COOPERATION.search(ctx.masked())
    strain = _TENSION.search(ctx.masked())
    if strain and _ACCUSED_OF_WORKING.search(ctx.text) and strain.group(0).lower().startswith("accus"):
        strain = _TENSION.search(ctx.masked(), strain.end())
    if not trigger or (strain and strain.start() < trigger.start()):  # "strained … a natural partnership"
        return
    embassy = _embassy(ctx, trigger)
    if re.match(r"trade\s+with", trigger.group(0), re.I):
        parties = _with_partner(ctx, trigger)  # "China's trade with the rest of the world": only who follows
    else:
        parties = (_accused_partners(ctx) or _joined_in(ctx) or embassy or _with_partner(ctx, trigger)
                   or _delegates(ctx) or _signers(ctx, [m for m in ctx.actors() if not m.demonym], trigger.end())
                   or _pair(ctx, trigger))
    advice = RECOMMENDED.search(ctx.text)  # "The CIA and the ISI should put their cooperation …"
    if parties:
        area = topics(ctx.masked()) + (("Diplomacy",) if embassy and parties == embassy else ())
        yield ctx.fact("cooperation", "cooperation", 0.75,
                       "recommended" if advice else ctx.modality_at(trigger.start()),
                       parties=tuple(parties), area=area)
    # "has drawn closer to Beijing, reopened doors to Islamabad and …": each later tie with its partner
    for later in _COOPERATION.finditer(ctx.masked(), trigger.end()):
        partners = _with_partner(ctx, later)
        if partners and set(partners) != set(parties):
            yield ctx.fact("cooperation", "cooperation", 0.7,
                           "recommended" if advice else ctx.modality_at(later.start()),
                           parties=tuple(partners), area=topics(ctx.masked()))


_JOINED_IN = re.compile(r"\bjoined\s+(?:the\s+)?")


def _joined_in(ctx: Context) -> list[str]:
    """"Pakistan, which holds a seat on the council, joined Russia and China in proposing a
    resolution": the subject (the first actor, coordinated) and those it joined in doing something."""
    match = _JOINED_IN.search(ctx.text)
    if match is None:
        return []
    joined = _listed(ctx, match.end() - 1)
    ends = [ctx.local(m) + len(m.text) for m in ctx.mentions if m.actor in joined and ctx.local(m) >= match.end() - 1]
    if not joined or not re.match(r"\s+in\s+[a-z]+ing\b", ctx.text[max(ends):]):
        return []
    before = [m for m in ctx.actors() if ctx.local(m) < match.start() and not m.place and not m.possessive
              and ctx._type(m.actor) != "InternationalGroup"]  # "At the United Nations, Pakistan …"
    subjects = _coordinated(ctx, before)
    return _distinct_ids([*subjects, *joined]) if subjects and set(subjects).isdisjoint(joined) else []


def _embassy(ctx: Context, trigger: re.Match[str]) -> list[str]:
    """"India said it would upgrade its technical mission in Kabul to a full embassy": the
    state opening a mission (named before) and the state of the capital it opens it in."""
    if not re.search(r"\bin\s*$", trigger.group(0)):
        return []
    host = next((ctx.gazetteer.entities[m.slug].capital_of or ctx.gazetteer.country_of(m.slug)
                 for m in ctx.mentions if 0 <= ctx.local(m) - trigger.end() <= 2), None)
    sender = next((m.actor for m in ctx.actors() if ctx.local(m) < trigger.start() and not m.place
                   and ctx._type(m.actor) == "State"), None)
    return [sender, host] if sender and host and sender != host else []


_DELEGATES = re.compile(r"\b(?i:officials|delegations|delegates|representatives|ministers|envoys|diplomats|"
                        r"leaders)\s+(?:from|of)\s+(?:the\s+)?")


def _delegates(ctx: Context) -> list[str]:
    """"Officials from China, Pakistan and Bangladesh … agreed to explore cooperation": the
    states whose people act ('from China' names who, not where)."""
    match = _DELEGATES.search(ctx.text)
    states = _listed(ctx, match.end() - 1) if match else []
    return states if len(states) >= 2 and all(ctx._type(s) == "State" for s in states) else []


_ACCUSED_OF_WORKING = re.compile(r"\baccus\w+\s+(?:\w+\s+){0,3}?of\s+(?:working|cooperating|collaborating|"
                                 r"helping|colluding|conspiring|partnering)\s+with\b", re.I)
def _accused_partners(ctx: Context) -> list[str]:
    """"India accused Pakistan of working with the TTP"; "an institute it accused of working
    with Pakistan": the accused (named right after 'accused', else last before it) and the
    partner after 'with'; the accuser is no party."""
    match = _ACCUSED_OF_WORKING.search(ctx.text)
    if match is None:
        return []
    actors = [m for m in ctx.actors(exclude=frozenset({"Person"})) if not m.demonym]
    right_after = [m for m in actors if match.start() < ctx.local(m) <= match.start() + 12]
    before = [m for m in actors if ctx.local(m) < match.start()]
    partner = next((m for m in actors if ctx.local(m) >= match.end()), None)
    accused = (right_after or before[-1:] or [None])[0]
    if accused is None or partner is None or accused.actor == partner.actor:
        return []
    return [accused.actor, partner.actor]


# "China remains Pakistan's largest bilateral creditor", "India … one of the largest buyers of
# Russian seaborne crude": a standing economic or military tie, and the areas its noun implies.
_TIE_NOUNS: dict[str, tuple[str, ...]] = {
    "creditor": ("Finance",), "lender": ("Finance",), "donor": ("Finance",), "investor": ("Investment",),
    "trading partner": ("Trade",), "export market": ("Trade",), "buyer": ("Trade",), "importer": ("Trade",),
    "customer": ("Trade",), "arms supplier": ("Defence", "Trade"), "supplier of arms": ("Defence", "Trade"),
    "defence partner": ("Defence",), "ally": ("Defence",), "development partner": ("Finance",),
    "strategic partner": (), "economic partner": ("Trade",),
}
_TIE = re.compile(r"(?:[’']s\s+|\s+(?:is|was|remains|has become|became)\s+(?:now\s+)?(?:one of\s+)?"
                  r"(?:the\s+)?(?:world's\s+)?)(?:(?:largest|biggest|main|top|second-largest|leading|key|"
                  r"closest|bilateral|single|\w+est)\s+)*(?P<noun>" + "|".join(_TIE_NOUNS) + r")s?\b")
_TIE_OF = re.compile(r"\s+(?:of|for|to)\s+(?:the\s+)?")


def economic_tie(ctx: Context) -> Iterator[Fact]:
    """"China remains Pakistan's largest bilateral creditor"; "India has become one of the
    largest buyers of Russian seaborne crude"; "the UAE is India's third-largest trading
    partner": two actors in a standing tie, its areas from the noun and the sentence."""
    for match in _TIE.finditer(ctx.text):
        noun = match.group("noun")
        before = [m for m in ctx.actors() if ctx.local(m) + len(m.text) <= match.start() + 1]
        if not before:
            continue
        holder = before[-1]
        possessive = ctx.text[ctx.local(holder) + len(holder.text):match.start() + 3].startswith(("’s", "'s"))
        if possessive:  # "Pakistan's largest creditor, China": the possessor and the actor before it
            partner_mention = holder
            subject = next((m for m in reversed(before[:-1]) if m.actor != holder.actor), None)
        else:
            subject = holder
            after = _TIE_OF.match(ctx.text, match.end())
            partner_mention = next((m for m in ctx.actors() if after and after.end() - 1 <= ctx.local(m)
                                    <= after.end() + 2), None)
        if subject is None or partner_mention is None or subject.actor == partner_mention.actor:
            continue
        area = tuple(dict.fromkeys(_TIE_NOUNS[noun] + topics(ctx.masked())))
        yield ctx.fact("cooperation", "economic_tie", 0.7, ctx.modality_at(match.start()),
                       parties=(subject.actor, partner_mention.actor), area=area)


_AID = re.compile(r"\b(?:grants?|loans?|aid|assistance|credit lines?|deposits?|funding)\b(?![- ](?:programme|program|"
                  r"facility|package))")
_FINANCED = re.compile(r"(?<=[a-z])-(?:financed|funded)\b")  # found by its literal; the demonym is read back
_AID_PREPOSITION = re.compile(r"[^,;.]{0,50}?\b(?P<prep>from|to)\s+(?:the\s+)?")


def financial_support(ctx: Context) -> Iterator[Fact]:
    """"The airport was paid for by a grant of roughly $230 million from the Chinese government";
    "China extended a $1 billion loan to Sri Lanka": the giver (after 'from', else the subject)
    and the receiver (after 'to', else the subject, else the state the text is about)."""
    for match in _AID.finditer(ctx.text):
        link = _AID_PREPOSITION.match(ctx.text, match.end())
        if link is None:
            continue
        named = next((m for m in ctx.mentions if 0 <= ctx.local(m) - link.end() <= 1), None)
        if named is None or (named.demonym and not _GOVERNMENT_NOUNS.match(ctx.text, ctx.local(named) + len(
                named.text))):
            continue  # "loans from Chinese banks": a state's lenders, not the state
        other = named.actor if ctx._type(named.actor) in ("State", "InternationalGroup") else None
        # "The World Bank approved a $500 million loan to Pakistan": a lender gives too
        subject = next((m.actor for m in ctx.actors() if ctx.local(m) < match.start() and not m.place
                        and not m.demonym and ctx._type(m.actor) in ("State", "InternationalGroup")), None)
        # "The airport lies … east of Gwadar city and was paid for by a grant … from …": where it goes
        where = next((state for m in ctx.mentions if m.type in PLACE_TYPES and ctx._type(m.actor) != "State"
                      for state in [ctx.gazetteer.country_of(m.slug)] if state and state != other), None)
        if link.group("prep") == "from":
            giver, receiver = other, subject or where or ctx.home_state
        else:
            giver, receiver = subject, other
        if giver and receiver and giver != receiver:
            yield ctx.fact("cooperation", "financial_support", 0.65, ctx.modality_at(match.start()),
                           parties=(giver, receiver), area=tuple(dict.fromkeys(("Finance", *topics(ctx.masked())))))
            return
    # "the Chinese-financed facility" at a place: the financing state and the place's state
    for match in _FINANCED.finditer(ctx.text):
        word = re.search(r"\b[A-Z][a-z]+$", ctx.text[:match.start()])
        giver = word and (ctx.gazetteer.demonyms.get(word.group(0)) or ctx.gazetteer.resolve(word.group(0)))
        if not giver or ctx._type(giver) != "State":
            continue
        receiver = next((state for m in ctx.mentions if m.type in PLACE_TYPES | {"Facility"}
                         and ctx._type(m.actor) != "State"
                         for state in [ctx.gazetteer.country_of(m.slug)] if state and state != giver), None)
        if receiver:
            yield ctx.fact("cooperation", "financial_support", 0.6, ctx.modality_at(match.start()),
                           parties=(giver, receiver), area=tuple(dict.fromkeys(("Finance", *topics(ctx.masked())))))
            return


_INVESTS = re.compile(r"\b(?:invest(?:s|ed|ing)?|(?:pledged|promised|committed)\s+(?:[\w$.,-]+\s+){0,5}?in\s+"
                      r"investments?)\b(?P<how>[^,;.]{0,50}?)\bin\s+(?:the\s+)?")
_HELPS = re.compile(r"\b(?:help(?:s|ed|ing)?|assist(?:s|ed|ing)?)\s+(?:to\s+)?")
_WEAPONS = (r"(?:weapons|arms|drones|jets|fighter jets|fighters|aircraft|missiles|submarines|frigates|corvettes|"
            r"warships|tanks|helicopters|air defence systems|military equipment)")
# "Qatar has agreed to supply LNG to Pakistan", "Bangladesh buys most of its cotton from India"
_TRADES = re.compile(r"\b(?:(?P<out>suppl(?:y|ies|ied)|sold|sells?|deliver(?:s|ed)?|export(?:s|ed)?|ship(?:s|ped)?)|"
                     r"(?P<in>buys?|bought|imports?|imported|purchases?|purchased))\s+")
# "China expressed support for Pakistan's efforts", "Russia backed India's bid"
_BACKS = re.compile(r"\b(?:express(?:ed|es)\s+(?:\w+\s+){0,2}?support\s+for|backed|endorsed)\s+(?:the\s+)?")
_SUPPLIES = re.compile(rf"\b(?:suppl(?:y|ies|ied)|sold|sells|sell|deliver(?:s|ed)?|export(?:s|ed)?)\s+"
                       rf"(?:[\w$.,’'-]+\s+){{0,5}}?{_WEAPONS}\b")


def _subject_actor(ctx: Context, end: int) -> Mention | None:
    """The first actor of the clause before local offset `end` that acts ('China offered …'),
    not a place, a possessor of something else, or a people ('Chinese firms')."""
    clause = max(ctx.text.rfind(";", 0, end), 0)
    modifiers = _modifiers(ctx)
    return next((m for m in ctx.actors() if clause <= ctx.local(m) < end and not m.place and m not in modifiers
                 and not _describes_something_else(ctx, m) and not _source(ctx, m)), None)


def support_given(ctx: Context) -> Iterator[Fact]:
    """"The UAE will invest $10 billion in Pakistan's mining sector"; "China offered to help
    Afghanistan develop its copper mines"; "Turkey has sold armed drones to Pakistan",
    "Russia supplies most of India's weapons"; "Qatar has agreed to supply LNG to Pakistan",
    "Bangladesh buys most of its cotton from India"; "China expressed support for Pakistan's
    efforts": one actor investing in, helping, arming, trading with or backing another (the
    subject, and the state right after 'in', 'help', 'to', 'from', 'for' or owning the arms)."""
    found = []
    invests = _INVESTS.search(ctx.text)
    if invests:
        where = next((m for m in ctx.mentions if 0 <= ctx.local(m) - invests.end() <= 1), None)
        state = where and (ctx.gazetteer.state_of(where.slug) or ctx.gazetteer.country_of(where.slug))
        found.append((invests, state, ("Investment",)))
    helps = _HELPS.search(ctx.text)
    if helps:
        helped = next((m for m in ctx.actors() if 0 <= ctx.local(m) - helps.end() <= 4), None)
        if helped is not None and ctx._type(helped.actor) == "State" and not _describes_something_else(ctx, helped):
            found.append((helps, helped.actor, ()))
    supplies = _SUPPLIES.search(ctx.text)
    if supplies:
        # "… most of India's weapons", "… drones to Pakistan and Azerbaijan"
        owner = next((m for m in ctx.mentions if supplies.start() < ctx.local(m) < supplies.end() and m.possessive
                      and ctx._type(m.actor) == "State"), None)
        to = re.match(r"\s+to\s+(?:the\s+)?", ctx.text[supplies.end():])
        listed = _listed(ctx, supplies.end() + to.end() - 1) if to else []
        for state in ([owner.actor] if owner else [s for s in listed if ctx._type(s) == "State"]):
            found.append((supplies, state, ("Defence",)))
    trades = _TRADES.search(ctx.text)
    resource = trades and next((m for m in ctx.mentions if m.type == "NaturalResource"
                                and 0 <= ctx.local(m) - trades.end() <= 40), None)
    if resource:
        way = re.match(r"\s+(?:[\w-]+\s+){0,3}?(?P<prep>to|from)\s+(?:the\s+)?",
                       ctx.text[ctx.local(resource) + len(resource.text):])
        if way and (way.group("prep") == "to") == bool(trades.group("out")):
            zone = ctx.local(resource) + len(resource.text) + way.end()
            other = next((m.actor for m in ctx.actors() if 0 <= ctx.local(m) - zone <= 1
                          and ctx._type(m.actor) == "State"), None)
            found.append((trades, other, ("Trade",)))
    backs = _BACKS.search(ctx.text)
    if backs:
        backed = next((m for m in ctx.actors() if 0 <= ctx.local(m) - backs.end() <= 1), None)
        if backed is not None and ctx._type(backed.actor) == "State" and not _describes_something_else(ctx, backed):
            found.append((backs, backed.actor, ("Diplomacy",)))
    for match, other, area in found:
        if re.search(r"\b(?:(?:might|could|may)\s+(?:one day\s+|eventually\s+|\w+ly\s+)?|(?:no plans?|refused|declined)"
                     r"\s+to\s+|(?:not|never|n't)\s+(?:\w+\s+)?)$", ctx.text[:match.start()]):
            continue  # "Pakistan might one day sell oil to India", "has no plans to sell jets": no tie
        subject = _subject_actor(ctx, match.start())
        # "The company will invest $7 billion in …": the company last named
        actor = subject.actor if subject is not None else _anaphoric_subject(
            ctx, max(ctx.text.rfind(";", 0, match.start()), 0), match.start())
        if actor is None or other is None or ctx.gazetteer.state_of(actor) == other:
            continue
        yield ctx.fact("cooperation", "support_given", 0.65, ctx.modality_at(match.start()),
                       parties=(actor, other),
                       area=tuple(dict.fromkeys((*area, *topics(ctx.masked())))))


_THANKED = re.compile(r"\b(?:thank(?:ed|s)|expressed\s+(?:his\s+|her\s+|its\s+|their\s+)?(?:deep\s+)?"
                     r"(?:gratitude|thanks|appreciation)\s+to)\s+(?:the\s+)?")


def thanks_for_support(ctx: Context) -> Iterator[Fact]:
    """"The Minister expressed gratitude to China, Saudi Arabia and the United Arab Emirates
    for rolling over their deposits": each actor thanked for help works with the thanker
    ('The Minister', with no state named, is of the state the text is about)."""
    match = _THANKED.search(ctx.text)
    if match is None:
        return
    reason = re.search(r"\bfor\b", ctx.text[match.end():])
    if reason is None:
        return
    end = match.end() + reason.start()
    thanked = [m for m in ctx.actors() if match.end() - 1 <= ctx.local(m) < end and not m.demonym]
    before = [m for m in ctx.actors(exclude=frozenset()) if ctx.local(m) < match.start()]
    thanker = None
    if before:
        first = before[0].actor
        thanker = ctx.gazetteer.entities[first].citizen_of if ctx._type(first) == "Person" else first
        thanker = thanker or ctx.home_state
    elif re.match(r"\s*(?:The|the)\s+(?:[\w-]+\s+)?(?:Minister|Prime Minister|President|government)\b|\s*(?:He|She)\b",
                  ctx.text):
        thanker = ctx.home_state
    area = topics(ctx.masked()[end:])
    for party in _distinct(thanked):
        if thanker and party != thanker:
            yield ctx.fact("cooperation", "thanks_for_support", 0.65, ctx.modality_at(match.start()),
                           parties=(thanker, party), area=area)


_THE_AGENCY = re.compile(r"\b[Tt]he (?:agency|service|bureau|ministry|department)\b")


# "the Company" too: filings name the one they are about so ('PTCL ("the Company")')
_THE_COMPANY = re.compile(r"\b[Tt]he (?:[Cc]ompany|firm|miner|group|conglomerate|lender)\b")


def _anaphoric_subject(ctx: Context, start: int, end: int) -> str | None:
    """Who a clause's subject means when it names no one: 'the agency' (the agency last
    named), 'the company' (the company last named), 'The interim government of Chief Adviser
    Muhammad Yunus' (his state), 'the government' or 'the authorities' (the state the text is
    about), 'It has …' (the subject of the sentence before)."""
    text = ctx.text[start:end]
    if _THE_AGENCY.search(text):
        return next((ctx.recent[t] for t in ("IntelligenceAgency", "SecurityAgency", "GovernmentAgency",
                                             "Ministry") if t in ctx.recent), None)
    if _THE_COMPANY.search(text):
        return ctx.recent.get("Company")
    government = re.search(rf"\b[Tt]he {_GOVERNMENT}", text)
    if government:
        leader = next((m for m in ctx.mentions if m.type == "Person"
                       and 0 <= ctx.local(m) - start - government.end() <= 40), None)
        citizen = ctx.gazetteer.entities[leader.slug].citizen_of if leader is not None else None
        if citizen and re.match(r"\s+of\b", ctx.text[start + government.end():]):
            return citizen
        return ctx.home_state
    if re.search(r"\b(?:[Ii]t|[Tt]hey)\s+(?:has|have|had)\b", text):
        return ctx.previous_subject
    return None


def _with_partner(ctx: Context, trigger: re.Match[str]) -> list[str]:
    """"USSM described … its partnership with Pakistan's Frontier Works Organisation";
    "the agency reportedly worked with Pakistan's ISI": the clause's subject (or the agency
    last named, for 'the agency') and the first name after 'with'."""
    with_ = re.search(r"\b(?:with|closer to|doors? to)\s+(?:the\s+)?", ctx.text[trigger.start():trigger.end() + 30])
    if with_ is None or re.search(r"[,;]", ctx.text[trigger.end():trigger.start() + with_.start()]):
        return []  # "… on defence cooperation, and a pact with the UAE": another clause's partner
    zone = trigger.start() + with_.end()
    modifiers = _modifiers(ctx)
    reach = 2 if trigger.group(0).lower().startswith("trade") else 40  # "trade with the rest of the world"
    partner = next((m for m in ctx.actors() if ctx.local(m) >= zone - 1 and m not in modifiers
                    and ctx.local(m) <= zone + reach), None)
    capital = next((m for m in ctx.mentions if zone - 1 <= ctx.local(m) <= zone + 2
                    and ctx.gazetteer.entities[m.slug].capital_of), None)
    if capital is not None and capital.place and with_.group(0).startswith(("closer", "door")):
        # "has drawn closer to Beijing": a capital one draws closer to is its government, not a place
        partner = replace(capital, actor=ctx.gazetteer.entities[capital.slug].capital_of)
    clause = max(ctx.text.rfind(";", 0, trigger.start()), 0)
    subject = next((m.actor for m in ctx.actors() if clause <= ctx.local(m) < trigger.start()
                    and m not in modifiers and not m.place and not _describes_something_else(ctx, m)), None)
    its = re.search(r"\bits\s+(?:[\w-]+\s+){0,2}$", ctx.text[:trigger.start()])
    if its:  # "thanked Pakistan for standing with Iran during its 12-day war with Israel": Iran's war
        subject = next((m.actor for m in reversed(ctx.actors()) if ctx.local(m) < its.start()
                        and ctx._type(m.actor) == "State"), subject)
    if subject is None:  # "Pakistan's trade with Afghanistan": the possessor
        subject = next((m.actor for m in modifiers if m.possessive and re.fullmatch(
            r"[’']s\s+(?:[\w-]+\s+){0,2}", ctx.text[ctx.local(m) + len(m.text):trigger.start()])), None)
    subject = subject or _anaphoric_subject(ctx, clause, trigger.start())
    if partner is None or subject is None or subject == partner.actor:
        return []
    # "working with the Finance Division and the PCC": every partner listed
    listed = _listed(ctx, ctx.local(partner)) if partner.actor == partner.slug or not partner.place else [
        partner.actor]
    partners = [p for p in listed if p != subject] or [partner.actor]
    return [subject, *partners]


def _accuser_and_accused(ctx: Context) -> list[str]:
    """"They also accused India of backing the BLA": who accuses ('They': whoever the
    previous sentence was about) and the state accused."""
    accused = _ACCUSED.search(ctx.text)
    alleged = accused is None and _ALLEGED_THAT.search(ctx.text)
    if alleged:  # "Pakistani officials alleged that the attackers … handlers in Afghanistan"
        accused = alleged
    if accused is None:
        return []
    reach = len(ctx.text) if alleged else accused.end() + 2
    target = next((m for m in ctx.mentions if ctx.local(m) >= accused.end() - 1
                   and ctx._type(m.actor) == "State" and ctx.local(m) <= reach), None)
    before = [m for m in ctx.actors() if ctx.local(m) < accused.start() and ctx._type(m.actor) == "State"
              and not _describes_something_else(ctx, m)]
    accuser = before[0].actor if before else (
        ctx.previous_subject if re.match(r"\s*(?:They|It|He|She)\b", ctx.text) else None)
    if alleged and target is not None and target.actor == accuser:
        target = next((m for m in ctx.mentions if ctx.local(m) > ctx.local(target)
                       and ctx._type(m.actor) == "State" and m.actor != accuser), None)
    if target is None or accuser is None or accuser == target.actor:
        return []
    return [accuser, target.actor]


_THE_STRIKES = re.compile(r"\s+(?P<what>(?:the|these|those|its)\s+(?:[\w-]+\s+){0,2}?(?:strikes|attacks|"
                          r"bombings|raids|air strikes|missile strikes))\b")


def _relations_with(ctx: Context, trigger: re.Match[str]) -> list[str]:
    """"… has drawn closer to Beijing and allowed relations with New Delhi to sink to their
    lowest point": the relations named just before the strain, and whose they are."""
    relations = list(re.finditer(r"\b(?:relations|ties)\s+with\s+(?:the\s+)?",
                                 ctx.text[max(0, trigger.start() - 50):trigger.start()]))
    if not relations:
        return []
    zone = max(0, trigger.start() - 50) + relations[-1].end()
    partner = next((m.actor for m in ctx.actors() if 0 <= ctx.local(m) - zone <= 1), None)
    subject = _subject_actor(ctx, zone)
    owner = subject.actor if subject is not None else _anaphoric_subject(ctx, 0, zone)
    owner = ctx.gazetteer.state_of(owner) or owner if owner else None
    return [owner, partner] if owner and partner and owner != partner else []


def _objected_state(ctx: Context, trigger: re.Match[str]) -> str | None:
    """The state named right after a verb of objection, by name, demonym or capital ('from Tehran')."""
    return next((state for m in ctx.mentions if 0 <= ctx.local(m) - trigger.end() <= 30
                 for state in [m.actor if ctx._type(m.actor) == "State" else ctx.gazetteer.entities[m.slug].capital_of]
                 if state), None)


def _objector_and_object(ctx: Context, trigger: re.Match[str]) -> list[str]:
    """"New Delhi has repeatedly objected to Chinese research vessels docking at …": who
    objects (the actor before) and the state whose people or things it objects to, right after."""
    target = _objected_state(ctx, trigger)
    modifiers = _modifiers(ctx)
    # an armed group may object too: "The BLA, a separatist group that opposes Chinese projects"
    before = [m for m in ctx.actors(exclude=frozenset({"Person"})) if ctx.local(m) < trigger.start()
              and m not in modifiers
              and not _describes_something_else(ctx, m)]
    # "the Taliban blamed Pakistan": a group that governs stands for its state
    objector = (GOVERNING_GROUPS.get(before[0].actor) or ctx.gazetteer.state_of(before[0].actor)
                or before[0].actor) if before else _anaphoric_subject(ctx, 0, trigger.start())
    return [objector, target] if objector and target and objector != target else []


def tension(ctx: Context) -> Iterator[Fact]:
    """"Washington's patience with New Delhi is wearing thin"; "the US-China confrontation";
    "India's refusal to lower tariffs … have strained … between Washington and New Delhi":
    two states and a word of strain; what comes before 'strained' is the cause."""
    trigger = _TENSION.search(ctx.text)
    while trigger and trigger.group(0).lower() in ("protesters", "protests"):
        trigger = _TENSION.search(ctx.text, trigger.end())  # "the killing of protesters": people, no state protesting
    if not trigger or RECOMMENDED.search(ctx.text, 0, trigger.start()):  # advice about a strain is not the strain
        return
    if _ACCUSED_OF_WORKING.search(ctx.text) and trigger.group(0).lower().startswith("accus"):
        return  # "a Chinese institute it accused of working with Pakistan": alleged cooperation
    objection = trigger.group(0).lower().startswith(("condemn", "protest", "object", "summon", "expel", "critici",
                                                     "denounc", "slammed", "rebuk", "rejected", "recall", "blam",
                                                     "clos", "ban", "warned", "oppos", "wary", "suspicious",
                                                     "took", "take"))
    told = _THE_STRIKES.match(ctx.text, trigger.end())
    if objection and told and ctx.last_striker:
        # "Pakistan condemned the strikes": a strain with whoever struck, told of before
        before = [m for m in ctx.actors() if ctx.local(m) < trigger.start() and not m.place]
        objector = ctx.gazetteer.state_of(before[-1].actor) if before else None
        if objector and objector != ctx.last_striker:
            yield ctx.fact("tension", "tension", 0.65, ctx.modality_at(trigger.start()),
                           parties=(objector, ctx.last_striker), cause=told.group("what"))
        return
    if objection and _objected_state(ctx, trigger) is None:
        return  # "Both sides condemned the attack": a strain with an attack, not between them
    parties = ((objection and _objector_and_object(ctx, trigger)) or _accuser_and_accused(ctx)
               or _with_partner(ctx, trigger) or _relations_with(ctx, trigger)
               or _pair(ctx, trigger, frozenset({"State"})))
    if not parties:
        return
    cause = None
    verb = re.search(r"\b(?:have|has)\s+strained\b|\bstrained\b", ctx.text)
    if verb and verb.start() > 20:
        cause = ctx.text[:verb.start()].strip(" ,")
    modality = "alleged" if trigger.group(0).lower().startswith("alleg") else ctx.modality_at(trigger.start())
    yield ctx.fact("tension", "tension", 0.7, modality, parties=tuple(parties), cause=cause)


# --- agreements ---------------------------------------------------------------------------------

_AGREEMENT_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), kind) for p, kind in [
        (r"\btrade (?:deal|agreement|pact)s?\b", "TradeAgreement"),
        (r"\bmemorand(?:um|a)\b|\bMoUs?\b|\bMOUs?\b", "Memorandum"),
        (r"\bletters? of intent\b|\bLoIs?\b|\bLOIs?\b", "LetterOfIntent"),
        # "under a 40-year lease granted by the Pakistani government"
        (r"\bcontracts?\b|(?<=\d-year )lease\b", "Contract"),
        (r"\btreaty\b", "Treaty"),
        (r"\bceasefire\b|\bcease-fire\b", "Ceasefire"),
        (r"\bpipeline\b", "Pipeline"),
        (r"\bcorridor\b", "Corridor"),
        # "a $7 billion loan programme with the IMF", "its Extended Fund Facility with the Fund"
        (r"\b(?:loan|bailout|rescue)\s+(?:programmes?|programs?|packages?|facility)\b|"
         r"\bExtended Fund Facility\b|\bStand-By Arrangement\b", "Agreement"),
        (r"\bagreements?\b|\baccords?\b|\bpacts?\b|\bdeals?\b", "Agreement"),
    ]
]
_STATUS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), status) for p, status in [
        (r"\b(?:declared|ruled|found)\s+[^.;]{0,80}?\bvoid\b|\bannull\w*|\bcancell?ed\b|\bscrapped\b|"
         r"\bterminated\b", "cancelled"),
        (r"\bsuspend\w*|\bin abeyance\b|\bstalled\b|\bfrozen\b", "suspended"),
        (PENDING.pattern, "pending"),
        (r"\bsigned\b|\bentered into\b|\bsecured?\b|\binked\b|\bconcluded\b|\breached\b|\bstruck\b",
         "signed"),
        (r"\bproposed\b|\bplanned\b|\bnegotiat\w*|\bexplor\w*", "proposed"),
    ]
]


# every agreement word in one pattern, so a sentence is scanned once; the group says the kind
_AGREEMENT_WORD = re.compile("|".join(f"(?P<k{i}>{p.pattern})" for i, (p, _) in enumerate(_AGREEMENT_KINDS)), re.I)


def _agreement_kind(match: re.Match[str]) -> str:
    return _AGREEMENT_KINDS[int(match.lastgroup[1:])][1]


_LENDING = re.compile(r"\bstaff-level agreement\b|\b(?:loan|bailout|rescue)\s+(?:programmes?|programs?|packages?|"
                      r"facility)\b|\bExtended Fund Facility\b|\bStand-By Arrangement\b", re.I)


def agreement(ctx: Context) -> Iterator[Fact]:
    """"Pakistan's ability to secure a trade deal with the US"; "Islamabad has entered into a
    contract with World Liberty Financial"; "keep China-Pakistan Economic Corridor (CPEC)
    Phase 2 …": an agreement word and its parties (at least two actors; a named project's
    parties are the states in its name)."""
    # the agreement word named first: "signed a memorandum with …, the first trade deal between …"
    trigger = _AGREEMENT_WORD.search(ctx.text)
    if trigger is None:
        return
    kind = _agreement_kind(trigger)
    projects = [m for m in ctx.mentions if m.type in ("Project", "Corridor", "Pipeline")]
    parties = _agreement_parties(ctx, trigger)
    label = None
    if projects:
        project = projects[0]
        label = ctx.gazetteer.entities[project.slug].label
        kind = ctx.gazetteer.entities[project.slug].type
        kind = kind if kind in ("Corridor", "Pipeline") else "Project"
        parties = list(dict.fromkeys(_states_in(label, ctx.gazetteer))) or parties
    # a state's armed forces sign nothing apart from it ("ordered Pakistani military advisers to leave")
    parties = list(dict.fromkeys(ctx.gazetteer.state_of(p) or p if ctx._type(p) == "ArmedForces" else p
                                 for p in parties))
    if len(parties) < 2:
        return
    status = next((s for p, s in _STATUS if p.search(ctx.text)), None)
    yield ctx.fact("agreement", "agreement", 0.7, ctx.modality_at(trigger.start()), type=kind,
                   parties=tuple(parties), area=topics(ctx.masked()), status=status, label=label)
    if _LENDING.search(ctx.text) and any(ctx._type(p) == "InternationalGroup" for p in parties):
        # "reached a staff-level agreement with the IMF", "its $7bn Extended Fund Facility with the
        # Fund": a lender's programme is also financial cooperation with it
        yield ctx.fact("cooperation", "agreement", 0.65, ctx.modality_at(trigger.start()),
                       parties=tuple(parties), area=tuple(dict.fromkeys(("Finance", *topics(ctx.masked())))))
    # "India and Sri Lanka signed a defence agreement, and a trilateral pact with the UAE …":
    # a further agreement with a partner of its own; a trilateral one binds the first parties too
    later_words = _AGREEMENT_WORD.finditer(ctx.text, trigger.end()) if " with " in ctx.text[trigger.end():] else ()
    for later in later_words:
        later_kind = _agreement_kind(later)
        if not re.match(r"[\w\s]{0,25}?\bwith\b", ctx.text[later.end():]):
            continue
        others = _agreement_parties(ctx, later)
        if re.search(r"\btrilateral\s+(?:[\w-]+\s+)?$", ctx.text[:later.start()]) and others:
            others = list(dict.fromkeys([*parties, others[-1]]))
        if len(others) >= 2 and set(others) != set(parties):
            yield ctx.fact("agreement", "agreement", 0.65, ctx.modality_at(later.start()), type=later_kind,
                           parties=tuple(others), area=topics(ctx.masked()), status=status)
        break


# "the government awarded the Tullow blocks to Eni"; "The concession was awarded in 2009 to DP World";
# "Eni (has been) awarded / won / holds the 30-year lease": a grant of rights is a contract between
# whoever grants them (the subject, or the state the text is about) and whoever gets them.
_GRANT = r"(?:concessions?|lease|licen[cs]e|contract|blocks?|tender)"
_AWARD = re.compile(rf"\b(?:awarded|granted)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w$.,’'-]+\s+){{0,5}}?"
                    rf"(?P<object>{_GRANT}|project)\b"
                    rf"|\b(?:won|wins|holds|held)\s+(?:the\s+|a\s+|an\s+|its\s+)(?:[\w$.,’'-]+\s+){{0,4}}?"
                    rf"(?P<held>{_GRANT})\b"
                    rf"|\b(?P<granted>{_GRANT})\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:awarded|granted)\b")
_TO = re.compile(r"[^.;]{0,40}?\bto\s+(?:the\s+)?")


def contract_awarded(ctx: Context) -> Iterator[Fact]:
    """"In 2009 the government of President X awarded the oil blocks to Eni"; "The concession was
    originally awarded in 2009 to DP World"; "Eni won the 30-year lease in 2007"; "Tullow holds the
    licence for the field": the body granted the rights and the state that granted them."""
    actors = [m for m in ctx.actors() if m not in _modifiers(ctx) and not m.place
              and not _describes_something_else(ctx, m)]
    after = 0   # "X won a lease, and Y holds the licence": each grant's subject is after the one before
    for award in _AWARD.finditer(ctx.text):
        clause = max(ctx.text.rfind(";", 0, award.start()), ctx.text.rfind(", which", 0, award.start()), after)
        after = award.end()
        subject = next((m for m in reversed(actors) if clause <= ctx.local(m) < award.start()), None)
        to = _TO.match(ctx.text, award.end()) if not award.group("held") else None
        grantee = next((m for m in actors if to and to.end() - 1 <= ctx.local(m) <= to.end() + 2), None)
        if grantee is not None:  # "X awarded … to Y", "… was awarded … to Y"
            grantor = (subject.actor if subject is not None and not award.group("granted")
                       else _anaphoric_subject(ctx, clause, award.start()) or ctx.home_state)
            if grantor is not None and ctx._type(grantor) in AGENCY_TYPES:  # "the ports ministry awarded …"
                grantor = ctx.gazetteer.state_of(grantor) or grantor
        elif subject is not None and not award.group("granted") and not to:  # "Y (was) awarded / won / holds"
            grantee, grantor = subject, ctx.home_state
        else:
            continue
        if grantor is None or grantee.actor == grantor or ctx._type(grantee.actor) in ("State", "InternationalGroup"):
            continue
        thing = award.group("object") or award.group("held") or award.group("granted")
        yield ctx.fact("agreement", "contract_awarded", 0.6, ctx.modality_at(award.start()),
                       type="Project" if thing == "project" else "Contract", parties=(grantor, grantee.actor),
                       area=topics(ctx.masked()), status="in force" if award.group("held") else "signed")


_GOVERNMENT_NOUNS = re.compile(r"\s+(?:government|authorities|officials|side|state|forces|troops|leaders?|"
                               r"delegation|negotiators|military|army|diplomats?)\b(?!-)", re.I)  # not 'state-owned'


_SAID = re.compile(r"\s*(?:said|says|announced|stated|reported|told|added|noted)\b")
# "Pakistani officials alleged that …": who alleges a tie is no party to it.
_ALLEGING = re.compile(r"\s+(?:officials|authorities|police|military|government|sources|prosecutors)?\s*"
                       r"(?:alleged|allege|alleges|claimed|claims)\s+that\b")


def _source(ctx: Context, mention: Mention) -> bool:
    """'…, the Foreign Office said.', 'according to ISPR': who reports a fact is not in it."""
    after = ctx.text[ctx.local(mention) + len(mention.text):]
    return bool(_SAID.match(after) or _ALLEGING.match(after)) or bool(re.search(r"according to\s+(?:the\s+)?$",
                                                        ctx.text[:ctx.local(mention)]))


def _describes_something_else(ctx: Context, mention: Mention) -> bool:
    """'an American company', 'Indian tourists': a demonym before a common noun names a
    person or thing of that state, not the state acting ('Pakistani officials' is)."""
    if not mention.demonym:
        return False
    after = ctx.text[ctx.local(mention) + len(mention.text):]
    shared = re.match(r"\s+and\s+[A-Z][\w-]+(?=\s)", after)  # "Indian and Chinese troops": both act
    if shared:
        after = after[shared.end():]
    return bool(re.match(r"\s+[a-z]", after)) and not _GOVERNMENT_NOUNS.match(after) and not _GOODS.match(
        after.strip())


def _agreement_parties(ctx: Context, trigger: re.Match[str]) -> list[str]:
    """Who an agreement binds, from the words around it, most specific first:
    "the FWO-USSM deal"; "an agreement between A and B"; "A … a trade deal with B";
    "A and B signed"; else the only two actors of the sentence, unless one of them owns the
    agreement's name ("Pakistan's tariff deal leaves India …": India is no party)."""
    modifiers = _modifiers(ctx)
    named = [m for m in ctx.actors() if m not in modifiers and not _describes_something_else(ctx, m)
             and not _source(ctx, m) and ctx._type(m.actor) != "Family"
             and not (m.place and m.type == "City")]  # "a ceasefire agreed in Doha": where, not who
    # A group (IMF, BRICS) is a party only when the words make it one ("with the IMF").
    actors = [m for m in named if ctx._type(m.actor) != "InternationalGroup"]
    at = trigger.start()
    compound = re.search(r"((?:[\w.’'&]+\s*[-–]\s*)+[\w.’'&]+)\s+(?:\w+\s+)?$", ctx.text[:at])
    if compound:
        inside = _distinct([m for m in actors if compound.start(1) <= ctx.local(m) < compound.end(1)])
        if len(inside) >= 2:
            return inside
    between = re.match(r"[\w\s]{0,25}?\bbetween\s+", ctx.text[trigger.end():])
    if between and _BOTH.match(ctx.text, trigger.end() + between.end()):
        return _the_two(ctx)  # "the first trade deal between the two countries"
    if between:
        after = [m for m in actors if ctx.local(m) >= trigger.end() + between.end() - 1]
        if len(after) >= 2:
            return _distinct(after[:2])
    # "a Share Purchase Agreement ("SPA") with …": the agreement's own short name is no gap
    partner = re.match(r"(?:\s*\([^()]{1,20}\))?[\w\s]{0,25}?\bwith\s+(?:the\s+)?", ctx.text[trigger.end():])
    if partner:
        zone = trigger.end() + partner.end()
        owner = next((m for m in modifiers if m.possessive and zone - 1 <= ctx.local(m) <= zone + 2), None)
        if owner is not None:  # "a memorandum with Russia's United Grain Company": the company
            zone = re.compile(r"[’']s?\s*").match(ctx.text, ctx.local(owner) + len(owner.text)).end()
        after = [m for m in named if zone - 1 <= ctx.local(m) <= zone + 2]
        if owner is not None and not after and _GOVERNMENT_NOUNS.match(" " + ctx.text[zone:]):
            after = [owner]  # "a contract with Pakistan's government"
        clause = max(ctx.text.rfind(";", 0, at), ctx.text.rfind(" which ", 0, at), 0)
        before = [m.actor for m in actors if clause <= ctx.local(m) < at]
        if not before:  # "The authorities reached agreements with …", "The company signed a contract with …"
            before = [s for s in [_anaphoric_subject(ctx, clause, at)] if s]
        if after and before and before[0] != after[0].actor:
            return [before[0], after[0].actor]
        if not after:
            return []  # "a letter of intent with a crypto venture …": the partner is not named
    signers = _signers(ctx, named, at)
    if len(signers) >= 2:
        return signers
    passive = _SIGNED_BY.match(ctx.text, trigger.end())
    if passive:
        # "The contract was signed by the Ministry of Energy and Eni": a company signs for itself,
        # a ministry for its state
        group = [ctx.gazetteer.state_of(p) or ctx.home_state if ctx._type(p) in AGENCY_TYPES else p
                 for p in _coordinated(ctx, [m for m in named if ctx.local(m) >= passive.end() - 1])]
        if len(group) >= 2 and None not in group and any(ctx._type(p) == "Company" for p in group):
            return _distinct_ids(group)
        # "The agreement was signed in Islamabad by Pakistan's finance minister and the Saudi
        # ambassador", "… by Ahsan Iqbal on behalf of Pakistan and Liu Sushe on behalf of China"
        states = _distinct_ids([state for m in ctx.mentions if ctx.local(m) >= passive.end() - 1
                                for state in [ctx.gazetteer.state_of(m.actor)
                                              or ctx.gazetteer.entities[m.slug].citizen_of] if state])
        if len(states) == 2:
            return states
    if _BOTH.search(ctx.text, 0, at) and _SIGNED.search(ctx.text, 0, at):
        return _the_two(ctx)  # "The two sides then signed an agreement …"
    names = _distinct(actors)
    owner = [m for m in actors if m.possessive and 0 <= at - ctx.local(m) <= 40]
    if owner or len(names) != 2 or ctx.gazetteer.state_of(names[0]) == ctx.gazetteer.state_of(names[1]):
        return []
    if re.search(r"\b[Tt]he\s+$", ctx.text[:at]) and not re.match(
            r"\s*(?:of [^,]{1,30})?,?\s*(?:under|in|by) which\b", ctx.text[trigger.end():]):
        # "rather than treat the pact as …": an agreement told of before, not these two's;
        # but "the trade deal of July 2025, under which the US cut …" says whose it is
        return []
    return names


_SIGNED = re.compile(r"\b(?:signed|agreed|concluded|inked|struck|reached|initialled)\b")
# "The memorandum was signed by Ahsan Iqbal on behalf of Pakistan and …"
_SIGNED_BY = re.compile(r"[^.;]{0,40}?\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:signed|inked|initialled)\b"
                        r"[^.;]{0,40}?\bby\s+")


def _signers(ctx: Context, actors: list[Mention], at: int) -> list[str]:
    """"India and Sri Lanka on Saturday signed their first-ever framework agreement": the
    actors coordinated as the subject of the verb of signing before the agreement word."""
    verbs = list(_SIGNED.finditer(ctx.text, 0, at))
    if not verbs:
        return []
    verb = verbs[-1]
    clause = max(ctx.text.rfind(";", 0, verb.start()), ctx.text.rfind(" which ", 0, verb.start()), 0)
    # "During the summit in Beijing, Rosneft and Sinopec signed …": where they signed is no signer
    group = _coordinated(ctx, [m for m in actors if clause <= ctx.local(m) < verb.start() and not m.place])
    return group if len(group) >= 2 else []


def _modifiers(ctx: Context) -> set[Mention]:
    """Mentions that only qualify the next name: "Pakistan's" in "Pakistan's FWO"."""
    out = set()
    for a, b in zip(ctx.mentions, ctx.mentions[1:], strict=False):
        gap = ctx.text[ctx.local(a) + len(a.text):ctx.local(b)]
        if (a.possessive or a.demonym) and re.fullmatch(r"(?:[’']s?)?\s*", gap):
            out.add(a)
    return out


def _states_in(name: str, gazetteer: Gazetteer) -> list[str]:
    out = []
    for word in re.split(r"[\s\-–]+", name):
        slug = gazetteer.resolve(word)
        if slug and gazetteer.entities[slug].type == "State":
            out.append(slug)
    return out


# --- tariffs and ownership ------------------------------------------------------------------

_TARIFF_WORD = re.compile(r"\btariffs?\b|\bduty\b|\bduties\b|\blevy\b|\blevies\b", re.I)
_RATE = re.compile(rf"(?P<lead>\b(?:from|to|of|at|down from|up from|ranging from|between|and)\s+(?:the\s+|a\s+)?)?"
                   rf"{_PERCENT}")
_GOODS = re.compile(r"\b(?:goods|exports|imports|products|shipments|textiles)\b")


def _rates(ctx: Context, around: int) -> tuple[float | None, float] | None:
    """(from, to) of the tariff whose word is at `around`: 'from 29% to 19%', 'to 19% from
    29%', 'a 19% tariff … down from 29%', 'tariffs of 19%'. Ranges are not changes."""
    clause_start = max(ctx.text.rfind(";", 0, around), 0)
    clause_end = ctx.text.find(";", around)
    clause = ctx.text[clause_start:clause_end if clause_end > 0 else len(ctx.text)]
    if re.search(r"\branging\b|\bbetween\s+\d+(?:\.\d+)?\s?%", clause):
        return None
    from_rate = to_rate = None
    for match in _RATE.finditer(clause):
        value = float(match.group(2))
        lead = (match.group("lead") or "").strip().lower()
        if "from" in lead:
            from_rate = from_rate if from_rate is not None else value
        elif lead.startswith(("to", "at")) or to_rate is None:  # "stood at 50%, up from 25%"
            to_rate = value
    if to_rate is None or (from_rate is not None and from_rate == to_rate):
        return None
    return from_rate, to_rate


_IMPOSING_NOUN = re.compile(r"\s+(?:tariffs?|dut(?:y|ies)|levies|levy|government|administration|officials|"
                            r"authorities|side|customs)\b")


# "was hit with a 37 percent tariff", "faces a 26% tariff": the subject is whose goods are taxed
_TAXED = re.compile(r"\b(?:(?:was|were|is|are|been|being)\s+(?:hit|slapped|handed)\s+with|faces?|facing)\s+(?:an?\s+)?")
# A rate told of right after a tariff, without the word: "Washington set the rate at 20 percent",
# "lifting the combined rate to 50%", "Bangladesh secured 20 per cent, down from 37 per cent".
_TARIFF_ANAPHOR = re.compile(rf"\bthe\s+(?:(?:combined|new|overall|effective|reciprocal|final|headline|"
                             rf"tariff|duty)\s+)?rate\b(?!\s+of\b)|\b(?:secured|got|won|obtained|received)\s+(?:an?\s+)?"
                             rf"(?:rate\s+of\s+)?{_PERCENT}")
# "… and 26 per cent on Indian goods": a further rate for a further target
_FURTHER_RATE = re.compile(rf"\b(?:and|while)\s+(?:a\s+)?{_PERCENT}\s+(?:\w+\s+)?(?:on|for|against)\s+"
                           rf"(?:imports\s+from\s+)?(?:the\s+)?")


def _tariff_target(ctx: Context, states: list[Mention]) -> str | None:
    """Whose goods: 'Pakistani goods', 'on Pakistan', 'imports from India', 'its exports',
    'Bangladesh … was hit with a 37 percent tariff'."""
    for m in states:
        after = ctx.text[ctx.local(m) + len(m.text):ctx.local(m) + len(m.text) + 25]
        before = ctx.text[max(0, ctx.local(m) - 25):ctx.local(m)]
        if _GOODS.match(after.strip(" ’'s")) or re.search(
                r"\b(?:on|against|from)\s+(?:the\s+)?$", before):
            return m.actor
    if re.search(r"\bon its (?:goods|exports|products)\b", ctx.text):
        subjects = [m for m in states if not m.demonym]
        return subjects[0].actor if subjects else None
    taxed = _TAXED.search(ctx.text)
    subject = next((m for m in states if taxed and ctx.local(m) < taxed.start() and not m.demonym), None)
    return subject.actor if subject is not None and not subject.possessive else None


def tariff_change(ctx: Context) -> Iterator[Fact]:
    """"a trade deal with the US, which lowered tariffs from 29% to 19% on Pakistani goods";
    "the US cut its tariff on Pakistani goods to 19% from 29%"; "secured a 19% US tariff on
    its exports": a tariff word, rates in percent, the target (whose goods) and the imposer
    (another state). Ranges ("tariffs ranging from 19% to 20%") and money ("$3bn to $10bn")
    are not changes. Right after a tariff, "the rate" and "X secured 20%" are about it too."""
    trigger = _TARIFF_WORD.search(ctx.text)
    previous = ctx.last_tariff
    anaphor = trigger is None and previous is not None and _TARIFF_ANAPHOR.search(ctx.text)
    trigger = trigger or anaphor or None
    if not trigger:
        return
    rates = _rates(ctx, trigger.start())
    if rates is None:
        return
    states = [m for m in ctx.mentions if ctx._type(m.actor) == "State"]
    target = _tariff_target(ctx, states)
    if anaphor and target is None:
        # "Washington set the rate at 20 percent": the imposer again, the same target;
        # "Bangladesh secured 20 per cent": a new target of the same imposer
        subject = next((m.actor for m in states if ctx.local(m) < trigger.start() and not m.demonym), None)
        target = previous.roles["target"] if subject in (None, previous.roles["imposer"]) else subject
    # a demonym imposes only as 'American tariffs' or 'the American government', not as 'Russian oil'
    imposers = [m.actor for m in states if m.actor != target and not m.possessive
                and not (m.demonym and not _IMPOSING_NOUN.match(ctx.text, ctx.local(m) + len(m.text)))]
    if not imposers:  # "Trump doubled the tariff …": a head of government imposes for his state
        imposers = [ctx.gazetteer.entities[m.slug].citizen_of for m in ctx.mentions
                    if m.type == "Person" and ctx.local(m) < trigger.start()
                    and ctx.gazetteer.entities[m.slug].citizen_of not in (None, target)]
    if not imposers and re.search(r"\b(?:the|this|that)\s+(?:administration|government|White House)\b",
                                  ctx.text[:trigger.start()]):
        # "the administration imposed a 25% tariff": the government the text last named
        imposers = [state for state in reversed(ctx.recent_states) if state != target][:1]
    if not imposers:  # "The European Union raised duties on Chinese electric vehicles": a customs union
        imposers = [m.actor for m in ctx.mentions if ctx.local(m) < trigger.start() and not m.possessive
                    and ctx._type(m.actor) == "InternationalGroup"][:1]
    if not imposers and anaphor and previous.roles["imposer"] != target:
        imposers = [previous.roles["imposer"]]
    if not imposers and _TAXED.search(ctx.text):
        # "India faces a duty of 50% on its exports to the American market": the other state named;
        # "Bangladesh was hit with a 37 percent tariff": else the state the text just named
        imposers = [m.actor for m in states if m.actor != target][:1] or [
            state for state in reversed(ctx.recent_states) if state != target][:1]
    if target is None or not imposers:
        return
    if rates[0] is None and re.search(r"\bdoubl\w*", ctx.text):
        rates = (rates[1] / 2, rates[1])  # "doubled … to 50%" was 25%
    if rates[0] is None and anaphor and target == previous.roles["target"] and previous.roles["toRate"] != rates[1]:
        rates = (previous.roles["toRate"], rates[1])  # "lifting the combined rate to 50%" from the 25% just told
    goods = re.search(r"\b(?:on\s+)?((?:\w+\s+){0,2}(?:goods|exports|imports|products|textiles))\b", ctx.text)
    modality = ctx.modality_at(trigger.start())
    yield ctx.fact("tariff", "tariff_change", 0.85, modality,
                   imposer=imposers[0], target=target, fromRate=rates[0], toRate=rates[1],
                   goods=goods.group(1) if goods else None)
    for further in _FURTHER_RATE.finditer(ctx.text, trigger.end()):
        other = next((m for m in states if 0 <= ctx.local(m) - further.end() <= 1), None)
        if other is not None and other.actor not in (target, imposers[0]) and (
                not other.demonym or _GOODS.match(ctx.text, ctx.local(other) + len(other.text) + 1)):
            yield ctx.fact("tariff", "tariff_change", 0.75, modality, imposer=imposers[0], target=other.actor,
                           toRate=float(further.group(1)))


_STAKE = re.compile(rf"{_PERCENT}\s+(?:ownership\s+|equity\s+|controlling\s+)?(?:stake|share|interest)\b|"
                    rf"\b(?:owns?|holds?|held|controls?)\s+(?:the\s+remaining\s+|a\s+|about\s+)?{_PERCENT}"
                    r"(?=\s+(?:of|in|through|via|and)\b|[.;,])|"
                    # "Kazatomprom has the other 40": the rest of what the last stake was in
                    r"\b(?:owns?|holds?|has|have|keeps?|kept)\s+the\s+(?:other|remaining)\s+"
                    r"(\d+(?:\.\d+)?)(?:\s?(?:%|percent\b|per cent\b|pc\b))?(?=[.;,]|\s+(?:of|in)\b)",
                    re.I)
# "… of the Government of India, which holds 55 per cent": a relative clause on an owner
_WHICH_HOLDS = re.compile(r"(?:\s*\([A-Z][\w&-]*\))?,\s+which\s+(?:also\s+)?(?=(?:owns?|holds?|controls?)\s)")
# "It holds …", "The company owns …": the owner is the company named last
_IT = re.compile(r"\s*(?:[Ii]t|[Tt]he (?:company|firm|group))\s+(?:(?:also|now|still)\s+)?")
_JOINT_VENTURE = re.compile(r"(?:,|\s[—–])\s+(?:a|the)\s+(?:\d+:\d+\s+|equal\s+)?joint venture\s+(?:of|between)\s+",
                            re.I)
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,]{0,80},")


_STATE_OWNED = re.compile(r"\b(?:(?P<demonym>[A-Z][\w-]+)\s+)?(?i:state-(?:owned|run|controlled))\s+")
_STATE_OWNED_NOUN = re.compile(r"\b(?:(?P<demonym>[A-Z][\w-]+)\s+)?(?i:state-(?:owned|run|controlled))\s+"
                               r"(?:[a-z]+\s+){0,2}?(?:company|firm|enterprise|entity|shell|vehicle|holding company|"
                               r"subsidiary|corporation|utility|lender|bank|carrier|airline),\s+")
_OWNED_BY_GOVERNMENT = re.compile(r",\s+(?:which is\s+)?(?P<wholly>wholly\s+|fully\s+)?owned by the "
                                  r"(?:government|state)\b")


_PART_OF_BODY = re.compile(r"(?:\s*\([A-Z][\w&-]*\))?,\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?P<kind>subsidiary|unit|arm|affiliate|wing)\s+of\s+(?:the\s+)?")


def part_of_a_body(ctx: Context) -> Iterator[Fact]:
    """"Lanka IOC, the local subsidiary of the Indian Oil Corporation (IOC)": the parent
    company owns it; "the IFC, the private-sector arm of the World Bank Group": a body's arm
    is a member of it."""
    for m in ctx.of_types(_BODIES):
        part = _PART_OF_BODY.match(ctx.text, ctx.local(m) + len(m.text))
        if part is None:
            continue
        parent = next((p for p in ctx.mentions if part.end() - 1 <= ctx.local(p) <= part.end() + 2
                       and p.type in _BODIES and not p.demonym and not p.possessive), None)
        if parent is None or parent.slug == m.slug:
            continue
        if m.type == "Company" and (parent.type == "Company" or part.group("kind") == "subsidiary"):
            yield ctx.fact("ownership", "part_of_a_body", 0.75, owner=parent.slug, owned=m.slug)
        elif parent.type != "Company" and part.group("kind") != "subsidiary":
            yield ctx.fact("member", "part_of_a_body", 0.75, member=m.slug, group=parent.slug)


def state_owned(ctx: Context) -> Iterator[Fact]:
    """"China Overseas Port Holding Company (COPHC), a Chinese state-owned firm"; "the
    state-run Ceylon Petroleum Corporation"; "the CEB, which is wholly owned by the
    government": a state's holding in a company (all of it, when 'wholly')."""
    for m in ctx.of_types(_BODIES):
        end = ctx.local(m) + len(m.text)
        # "the state-run Ceylon Petroleum Corporation"; "a new state-owned shell, PIA Holding …"
        before = next((b for p in (_STATE_OWNED, _STATE_OWNED_NOUN)
                       if (b := p.search(ctx.text, max(0, ctx.local(m) - 40), ctx.local(m)))
                       and b.end() == ctx.local(m)), None)
        after = re.match(r"\s*(?:\([A-Z]+\))?,\s+(?:a|an|the)\s+(?P<demonym>[A-Z][\w-]+\s+)?state-(?:owned|run)\b",
                         ctx.text[end:])
        wholly = _OWNED_BY_GOVERNMENT.match(re.sub(r"^\s*\([A-Z]+\)", "", ctx.text[end:]))
        cue = after or before
        if cue is None and wholly is None:
            continue
        demonym = cue.group("demonym").strip() if cue is not None and cue.group("demonym") else None
        state = ctx.gazetteer.demonyms.get(demonym) if demonym else None
        # else the state of its seat ("PowerChina, the state-owned builder"), else the text's
        state = (state or ctx.gazetteer.entities[m.slug].state or ctx.gazetteer.country_of(m.slug)
                 or ctx.home_state)
        if state and state != m.slug:
            yield ctx.fact("ownership", "state_owned", 0.7, owner=state, owned=m.slug,
                           share=100.0 if wholly and wholly.group("wholly") else None)


def _outside_appositions(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    spans = [(a.start(), a.end()) for a in _APPOSITION.finditer(ctx.text)]
    return [m for m in mentions if not any(s < ctx.local(m) < e for s, e in spans)]


def ownership_stake(ctx: Context) -> Iterator[Fact]:
    """"World Liberty Financial, a company in which the Trump family holds a 60% ownership
    stake"; "Barrick Gold, the Canadian mining company, holds 50% of the project";
    "Tethyan Copper Company (TCC), a joint venture of Barrick and Antofagasta": a share with
    a word of owning, the owner (the clause's subject, not an appositive) and what is owned.
    "64% of its population" is not a stake."""
    venture = _JOINT_VENTURE.search(ctx.text)
    if venture:
        # the venture is the name right before the comma or dash: "A, B, Fly Jinnah — a joint venture of"
        owned = [m for m in ctx.mentions if ctx.local(m) < venture.start() and m.type in ACTOR_TYPES
                 and re.fullmatch(r"\s*(?:\([A-Z][\w&-]*\))?", ctx.text[ctx.local(m) + len(m.text):venture.start()])]
        owners = [m for m in ctx.mentions if ctx.local(m) >= venture.end() - 1 and m.type in ACTOR_TYPES
                  and m not in _modifiers(ctx)]
        # "a joint venture between A and B": A, and the first name after the next 'and'
        # "… of Sharjah-based Air Arabia and Pakistan's Lakson Group": past the second partner's
        # home, said either way
        second = re.search(r"\band\s+(?:the\s+)?(?:[\w-]+-based\s+)?(?:[A-Z][\w-]*(?:\s[A-Z][\w-]*)?[’']s\s+)?",
                           ctx.text[venture.end():])
        if owners and second:
            after_and = venture.end() + second.end()
            owners = [owners[0], *[m for m in owners[1:] if after_and - 1 <= ctx.local(m) <= after_and + 2][:1]]
        split = re.search(r"(\d+):(\d+)\s+joint", venture.group(0))
        for i, owner in enumerate(_distinct(owners[:2])):
            if owned and owner != owned[-1].slug:
                yield ctx.fact("ownership", "ownership_stake", 0.75, owner=owner, owned=owned[-1].slug,
                               share=float(split.group(i + 1)) if split else None)
    for match in _STAKE.finditer(ctx.text):
        yield from _stake(ctx, match)
    each = _EACH.search(ctx.text)
    # what the stake just told was in, else what the text named last
    owned = ctx.last_stakes[-1].roles["owned"] if ctx.last_stakes else _latest(ctx, ("Project", "Company"))
    if each and owned:
        # "A, B and C — hold 25% between them, or 8.33% each": every company named before
        for owner in _distinct([m for m in ctx.mentions if ctx.local(m) < each.start() and m.type == "Company"]):
            if owner != owned:
                yield ctx.fact("ownership", "ownership_stake", 0.8, ctx.modality_at(each.start()),
                               owner=owner, owned=owned, share=float(each.group(each.lastindex)))


_EACH = re.compile(rf"\b(?:own|hold|control)\s+(?:{_PERCENT}\s+between them,?\s+or\s+)?{_PERCENT}\s+each\b", re.I)
_REST_OWNED_BY = re.compile(rf"(?:\s+(?:of|in)\s+the\s+\w+)?,?\s+(?:with\s+|while\s+)?the\s+(?:remaining|other|rest)\s+"
                            rf"{_PERCENT}\s+(?:is\s+|are\s+|was\s+|being\s+)?(?:owned|held)\s+by\s+(?:a|an|the)?\s*")
_GAPPED_STAKE = re.compile(rf"\s+(?:the\s+remaining\s+|the\s+other\s+|the\s+rest,?\s+)?{_PERCENT}")


_FACILITY_NOUNS = frozenset("hotel plant port terminal refinery field".split())
# "… of the project", "99pc of the hotel": a stake in what the text was about
_OF_THE_OWNED = re.compile(r"\s*\b(?:of|in) (?:the|its) (?P<noun>project|mine|company|venture|airline|bank|shares|"
                           + "|".join(_FACILITY_NOUNS) + r")\b")


def _latest(ctx: Context, kinds: tuple[str, ...]) -> str | None:
    """What the text named last of any of `kinds`: "the company" after "… Rongsheng
    Petrochemical … Fujian Refining and Petrochemical Company (FREP)" is FREP."""
    return next((ctx.recent[t] for t in reversed(ctx.recent) if t in kinds), None)


# Where a clause begins: "The state remains its largest shareholder, and the fund holds 16pc"
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s+|\.\s")


def _clause_start(text: str, end: int) -> int:
    """The start of the clause that ends at `end`."""
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, end)]
    return breaks[-1] if breaks else 0


def _stake(ctx: Context, match: re.Match[str]) -> Iterator[Fact]:
    """One 'holds 51%': its owner, what is owned, and a second owner given the verb's
    share by ellipsis ("… holds 51% and Qatar's Al-Mirqab Capital the remaining 49%")."""
    share = float(next(g for g in match.groups() if g))
    in_which = re.search(r"\bin which\b", ctx.text[:match.start()])
    actors = [m for m in ctx.mentions if m.type in ACTOR_TYPES | {"Project"} and m not in _modifiers(ctx)]
    owned = None
    owner_slug = None
    which = next((w for w in _WHICH_HOLDS.finditer(ctx.text) if w.end() == match.start()), None)
    if in_which:
        candidates = [m for m in ctx.mentions if ctx.local(m) < in_which.start()
                      and m.type in ACTOR_TYPES | {"Project", "Facility"}]
        owned = candidates[-1].slug if candidates else None
        owners = [m for m in actors if in_which.start() < ctx.local(m) < match.start()]
    else:
        # the subject of the verb's own clause: "…, and the PIF holds 16pc of the company"
        clause = _clause_start(ctx.text, match.start())
        owners = _outside_appositions(ctx, [m for m in actors if clause <= ctx.local(m) < match.start()])[:1]
        if which is not None:
            # "a joint venture of the Government of India, which holds 55 per cent": the name
            # the relative clause hangs on
            owners = [m for m in actors if ctx.local(m) + len(m.text) <= which.start()][-1:]
        elif not owners and _IT.fullmatch(ctx.text, clause, match.start()):
            owner_slug = _latest(ctx, ("Company",))  # "It holds 49 per cent of Semizbay-U"
        after = [m for m in ctx.mentions if ctx.local(m) > match.end() - 4 and not m.demonym
                 and m.type in ACTOR_TYPES | {"Project", "Facility"}]
        through = after and re.match(r"\s*(?:%|percent|per cent)?\s*(?:through|via)\b",
                                     ctx.text[match.end() - 1:ctx.local(after[0])])
        of_the = _OF_THE_OWNED.match(ctx.text, match.end())
        bare = re.match(r"\s*(?:[.;,]|$)", ctx.text[match.end():])  # "…, which holds 55 per cent, and"
        owned = after[0].slug if after and not through and not of_the and not bare else None
        told = _OF_THE_OWNED.search(ctx.text, max(0, match.start() - 20), match.end() + 30)
        if owned is None and which is not None and bare:
            # "… SJVN is a joint venture of A, which holds 55 per cent": the sentence's subject
            owned = next((m.slug for m in ctx.mentions if m.type in ACTOR_TYPES | {"Project", "Facility"}
                          and not m.demonym and not m.possessive and m not in owners
                          and ctx.local(m) < match.start()), None)
        elif owned is None and re.search(r"\bthe (?:other|remaining)\b", match.group(0)) and ctx.last_stakes:
            # "Kazatomprom holds the other 51 per cent": of what the last stake was in
            owned = ctx.last_stakes[-1].roles["owned"]
        elif owned is None and (through or told or "the remaining" in ctx.text[match.start() - 20:match.end() + 30]):
            # "holds 50% of the project", "99pc of the hotel": what the text was about
            if told and told.group("noun") in _FACILITY_NOUNS and "Facility" in ctx.recent:
                owned = ctx.recent["Facility"]
            else:
                owned = _latest(ctx, ("Project", "Company"))
    owner = owners[-1].slug if owners else owner_slug
    sold = re.search(r"\b(?:sold|sells?|selling|to sell)\s+(?:its|their|his|her)\s+$", ctx.text[:match.start()])
    if sold:
        # "Uranium One had sold its 49.979 per cent stake in the mine to SNURDC": the buyer's now
        to = re.compile(r"\s+to\s+(?:the\s+)?").search(ctx.text, match.end())
        buyer = to and next((m for m in ctx.mentions if to.end() - 1 <= ctx.local(m) <= to.end() + 2
                             and m.type in ACTOR_TYPES and not m.possessive), None)
        if buyer is None or to.start() - match.end() > 60:
            return
        owner = buyer.slug
    if owner is None and re.search(rf"\b[Tt]he {_GOVERNMENT}\s+$", ctx.text[:match.start()]):
        owner = ctx.home_state  # "The government holds about 96 per cent of PIACL's shares"
    if not (owner and owned and owner != owned):
        return
    yield ctx.fact("ownership", "ownership_stake", 0.85, ctx.modality_at(match.start()),
                   owner=owner, owned=owned, share=share)
    rest = _REST_OWNED_BY.match(ctx.text, match.end())
    if rest:
        # "… holds 99pc of the hotel, with the remaining 1pc owned by a Saudi investor, Prince …"
        other = next((m for m in ctx.mentions if rest.end() - 1 <= ctx.local(m) <= rest.end() + 40
                      and m.type in ACTOR_TYPES and not m.demonym), None)
        if other is not None and other.slug not in (owned, owner):
            yield ctx.fact("ownership", "ownership_stake", 0.8, ctx.modality_at(match.start()),
                           owner=other.slug, owned=owned, share=float(rest.group(1)))
    second = re.match(r"\s+and\s+", ctx.text[match.end():])
    if second:
        after = match.end() + second.end()
        other = next((m for m in ctx.mentions if after <= ctx.local(m) <= after + 25
                      and m.type in ACTOR_TYPES and not m.possessive), None)
        gapped = other and _GAPPED_STAKE.match(ctx.text, ctx.local(other) + len(other.text))
        if gapped and other.slug != owned:
            yield ctx.fact("ownership", "ownership_stake", 0.8, ctx.modality_at(match.start()),
                           owner=other.slug, owned=owned, share=float(gapped.group(1)))


# "is 75 per cent owned by", "is majority-owned by", "is at present wholly owned by"
_OWNED_BY = re.compile(r"\b(?:(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent|per cent|pc)|(?P<word>wholly|fully|majority))"
                       r"[- ]owned\s+by\s+(?:the\s+)?", re.I)
# "owned by Aramco (30%), NORINCO (51%) and …"; "a joint venture between Orano (51%) and …"
_SHARE_IN_BRACKETS = re.compile(r"\s*\((\d+(?:\.\d+)?)\s?(?:%|per cent|pc)\)")
_OWNERS_LISTED = re.compile(r"\b(?:owned\s+by|venture\s+(?:of|between))\s+", re.I)
_THE_VENTURE = re.compile(r"\b(?:[Tt]he|[Ii]ts) (?:joint venture|venture|company|firm)\b")


def _owned_subject(ctx: Context, end: int) -> str | None:
    """What a sentence says is owned, before `end`: its first name ("Kazatomprom is 75 per
    cent owned by …"), or the company the text named last ("The joint venture is owned by …")."""
    if _THE_VENTURE.search(ctx.text, 0, end):
        return _latest(ctx, ("Company", "Project"))
    return next((m.slug for m in ctx.mentions if ctx.local(m) < end and not m.demonym and not m.possessive
                 and m.type in ACTOR_TYPES | {"Project", "Facility"}), None)


def owned_by(ctx: Context) -> Iterator[Fact]:
    """"Kazatomprom is 75 per cent owned by Samruk-Kazyna"; "JV Inkai is majority-owned by
    Canada's Cameco"; "The joint venture is owned by Aramco (30%), NORINCO Group (51%) and
    Panjin Xincheng Industrial Group (19%)": owners after the verb, each with its share."""
    for cue in _OWNED_BY.finditer(ctx.text):
        if re.search(r"\b(?:remaining|other|rest)\s+$", ctx.text[:cue.start()]):
            continue  # "with the remaining 1pc owned by …": a second owner of a stake told before
        owned = _owned_subject(ctx, cue.start())
        owner = next((m for m in ctx.mentions if ctx.local(m) >= cue.end() - 1 and m not in _modifiers(ctx)
                      and m.type in ACTOR_TYPES and not m.demonym), None)
        if owned is None or owner is None or owner.slug == owned or ctx.local(owner) > cue.end() + 40:
            continue
        share = float(cue.group("num")) if cue.group("num") else 100.0 if cue.group("word").lower() in (
            "wholly", "fully") else None
        yield ctx.fact("ownership", "owned_by", 0.8, ctx.modality_at(cue.start()), owner=owner.slug,
                       owned=owned, share=share)
    cue = _OWNERS_LISTED.search(ctx.text)
    if cue is None:
        return
    owners = [(m, float(b.group(1))) for m in ctx.mentions if ctx.local(m) >= cue.end() - 1
              and m.type in ACTOR_TYPES and not m.demonym and not m.possessive
              and (b := _SHARE_IN_BRACKETS.match(ctx.text, ctx.local(m) + len(m.text)))]
    venture = _JOINT_VENTURE.search(ctx.text)
    if venture is not None:  # "Katco, a joint venture between …": the name before the comma
        before = [m for m in ctx.mentions if ctx.local(m) < venture.start() and m.type in ACTOR_TYPES]
        owned = before[-1].slug if before else None
    else:
        owned = _owned_subject(ctx, cue.start())
    for owner, share in owners:
        if owned and owner.slug != owned:
            yield ctx.fact("ownership", "owned_by", 0.8, ctx.modality_at(cue.start()), owner=owner.slug,
                           owned=owned, share=share)


# --- resources and places --------------------------------------------------------------------

_HOLDS = re.compile(r"(?:[’']s\s+|(?:,\s+(?:which|that)\s+)?\s*(?:(?:is|are)\s+(?:estimated|believed|thought|said)"
                    r"\s+to\s+)?(?:has|have|holds?|hold|possess\w*|sits on|is rich in|is home to)\s+)"
                    r"(?:[\w’'$.,-]+\s+){0,6}?"
                    r"(?:reserves?|deposits?|resources|fields?|wealth|untapped)\b|"
                    r"\s+(?:is rich in|sits on|produces|pumps|extracts|mines)\b|"
                    r",?\s+(?:is|was|remains|the)\s+(?:one of\s+)?(?:[\w’'-]+\s+){0,4}?"
                    r"(?:producers?|suppliers?|exporters?|sellers?)\s+of\b")
_LIST_GAP = re.compile(r"[\s,]*(?:and|or)?[\s,]*(?:(?:proven|untapped|large|vast|rich|significant|and)\s+)*")
_IN_PLACES = re.compile(r"\s*(?:(?:reserves|deposits|fields|mines|resources)\s+)?(?:in|from|across|of)\s+(?:the\s+)?")


def _resource_groups(ctx: Context) -> list[list[Mention]]:
    """Resources listed together: 'oil, gas, rare earth, and critical minerals'."""
    groups: list[list[Mention]] = []
    for m in (m for m in ctx.mentions if m.type == "NaturalResource"):
        if groups:
            last = groups[-1][-1]
            gap = ctx.text[ctx.local(last) + len(last.text):ctx.local(m)]
            if _LIST_GAP.fullmatch(gap):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def resources_in_places(ctx: Context) -> Iterator[Fact]:
    """"Islamabad's untapped reserves, oil, gas, rare earth, and critical minerals in
    Gilgit-Baltistan and Balochistan"; "Pakistan has deposits of copper and gold in
    Balochistan, … and antimony deposits in Khyber Pakhtunkhwa": each list of resources
    belongs to the places right after it, and to a state that 'has' or possesses them."""
    for group in _resource_groups(ctx):
        first, last = ctx.local(group[0]), ctx.local(group[-1]) + len(group[-1].text)
        resources = _distinct_slugs(group)
        holders: dict[str, float] = {}
        link = _IN_PLACES.match(ctx.text, last)
        if link:
            places: list[Mention] = []
            for m in ctx.mentions:
                if ctx.local(m) < link.end() - 1 or m.demonym:
                    continue
                gap = ctx.text[link.end() if not places else ctx.local(places[-1]) + len(places[-1].text):
                               ctx.local(m)]
                if re.match(r"\s+(?:river|lake|canal|basin|sea)\b", ctx.text[ctx.local(m) + len(m.text):], re.I):
                    break  # "water from the Helmand river": the river, not the province of that name
                if m.type in ("State", "Region", "City") and re.fullmatch(r"[\s,]*(?:and)?\s*(?:the\s+)?", gap):
                    places.append(m)
                else:
                    break
            for m in places:
                holders[m.slug] = 0.8 if len(places) > 1 else 0.9
        for m in ctx.mentions:
            if ctx.local(m) >= first or first - ctx.local(m) > 100 or ctx._type(m.actor) not in ("State", "Region"):
                continue
            if _HOLDS.match(ctx.text, ctx.local(m) + len(m.text)) or (
                    m.possessive and _HOLDS.search(ctx.text[ctx.local(m) + len(m.text):first + 1])):
                holders.setdefault(m.actor, 0.9)
                for region in list(holders):
                    if ctx.gazetteer.entities[region].located_in == m.actor:
                        yield ctx.fact("located", "resources_in_places", 0.7, place=region, **{"in": m.actor})
        if not holders:
            holders = dict.fromkeys(_site_holders(ctx, last), 0.75)
        for holder, confidence in holders.items():
            for resource in resources:
                yield ctx.fact("resource", "resources_in_places", confidence, holder=holder, resource=resource)


_SITE_NOUN = re.compile(r"\s+(?:[a-z-]+\s+)?(?:fields?|deposits?|mines?|reserves?|basins?)\b")
_SITE_IN = re.compile(r"(?:,\s+|\b(?:located|situated|lying)\s+)in\s+(?:the\s+)?(?:[a-z-]+\s+)?(?P<zone>[^,;.]{1,60})")


def _site_holders(ctx: Context, end: int) -> list[str]:
    """"Galkynysh, one of the world's largest gas fields, located in south-eastern
    Turkmenistan"; "Reko Diq, in the Chagai district of Balochistan, is one of the largest
    copper and gold deposits": resources called a site's are held where the sentence puts the
    site (the outermost region or state named there)."""
    if not _SITE_NOUN.match(ctx.text, end):
        return []
    for where in _SITE_IN.finditer(ctx.text):
        inside = [m for m in ctx.mentions if where.start("zone") <= ctx.local(m) < where.end("zone")
                  and not m.demonym and ctx._type(m.actor) in ("State", "Region")]
        if inside:
            return [inside[-1].actor]
    return []


def _distinct_ids(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _distinct_slugs(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.slug for m in mentions))


# --- events ------------------------------------------------------------------------------

_EVENT_TRIGGERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, flags), kind) for p, kind, flags in [
        # "put into operation in January 2023", "The foundation stone was laid in 2019 by …",
        # "launched construction of the section at a ceremony"
        (r"\binaugurat\w*|\bsworn in\b|\bput into (?:operation|service)\b|\bfoundation stone\b|"
         r"\bground-?breaking\b|\bbroke ground\b|\blaunched (?:the\s+)?construction\b", "Inauguration", re.I),
        # "a general election will be held in February 2026", "after the February 2026 election"
        (r"\b(?:general|presidential|parliamentary|legislative|snap|national|provincial)\s+elections?\b|"
         r"(?<=(?:19|20)\d\d )elections?\b|\b(?:was|were|been) (?:re-?)?elected (?:as )?(?:president|prime minister)\b",
         "Election", 0),
        (r"\bextradit\w*|\bhanded\b(?:\s+\S+){0,10}?\s+(?:over\s+)?to\s+(?:the\s+)?|\bflown to\b|"
         r"\bhand(?:ed|s)? over\b", "Extradition", re.I),
        (r"\barrest\w*|\bcaptur\w*|\bdetain\w*|\bapprehend\w*", "Arrest", re.I),
        (r"\battack(?:ed)?\b|\bbombing\b|\bblast\b|\bfired\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|drones?)\b|"
         r"\bhijack\w*|\bambush\w*|\bmassacre\b|\bopened fire\b|"
         r"\bblew up\b|\brammed\b|\bstormed\b|\b(?:tried|attempted|sought) to storm\b|\bshot dead\b|"
         r"\bbomb exploded\b|\bexplosion\b|\bfired\s+(?:first\s+)?(?:at|on|towards|into)\b|"
         r"\b(?:gunmen|militants|attackers|assailants|bomber)\s+(?:killed|attacked|struck)\b", "Attack", re.I),
        (r"\bjoint session\b|\bunion speech\b|\bState of the Union\b|\baddress(?:ed)? (?:to )?(?:Congress|"
         r"parliament|the National Assembly|lawmakers)", "Address", re.I),
        (r"\bspeech\b|\bremarks\b|\bnational address\b|\bpress (?:statement|conference)\b|"
         r"\bSpeaking (?:at|to|before)\b|\b(?:told|[Aa]ddressing|addressed) (?:a|an|the)\s+"
         r"(?:[\w-]+\s+){0,5}?"
         r"(?:conference|summit|forum|seminar|assembly|gathering|audience|think tank|reporters)\b", "Speech", 0),
        (r"\bvisit(?:ed|s|ing)?\b|\btrip to\b|\barrived in\b|\btoured\b", "Visit", re.I),
        (r"\b(?i:met|meeting|lunch|summit|talks|round of|convened)\b|"
         r"\b(?i:held)\s+(?:\w+\s+)?(?i:discussions)\b|"
         # "Xi Jinping hosted Russian President Vladimir Putin" (not "Qatar, which hosts American troops")
         r"\b[Hh]ost(?:ed|s|ing)\s+(?=(?:the\s+)?(?:[A-Z][\w’'-]+\s+){0,2}(?:President|Prime Minister|Premier|King|"
         r"Emir|Crown Prince|Chancellor|Sheikh|(?:[A-Z]\w+ )?Minister|Secretary)\b)", "Meeting", 0),
        (r"\bOperation [A-Z][\w-]+\b|\bstruck\b|\b(?:air|missile|drone|retaliatory)?\s?strikes\b",
         "MilitaryOperation", 0),
        (r"\bdesignat\w+\b|\bsanction(?:ed|s)?\b(?! waivers?)", "Sanction", re.I),
    ]
]
_KILLED = re.compile(r"\bkill(?:ed|ing)\s+(?:at least\s+|some\s+|about\s+|nearly\s+)?(\d+|"
                     + "|".join(_NUMBER_WORDS)
                     + r")\b|\b(\d+)\s+(?:\w+\s+){0,2}(?:were|was|have been)\s+killed|"
                     r"\bleft\s+(\d+)\s+(?:\w+\s+)?dead\b|\b(\d+)\s+(?:people\s+)?dead\b", re.I)
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
_HABITUAL = re.compile(r"\b(?:repeatedly|regularly|often|frequently|routinely)\b", re.I)
_ANAPHORS: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\b(?:him|her|the suspect|the commander|the militant)\b", re.I), frozenset({"Person"})),
    (re.compile(r"\b(?:the group|the outfit|the militants)\b", re.I), frozenset({"ArmedGroup"})),
    (re.compile(r"\b(?:the project|the mine)\b", re.I), frozenset({"Project", "Facility"})),
    (re.compile(r"\b(?:the company|the firm)\b", re.I), frozenset({"Company"})),
]


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


def _anaphor(ctx: Context, text: str, types: frozenset[str]) -> str | None:
    """'arrested him' -> the person last named; 'claimed by the group' -> the armed group."""
    for pattern, kinds in _ANAPHORS:
        if kinds & types and pattern.search(text):
            return next((ctx.recent[k] for k in kinds if k in ctx.recent), None)
    return None


def events(ctx: Context) -> Iterator[Fact]:
    """"Islamabad facilitated the arrest of IS-Khorasan operatives"; "the 2021 Kabul Airport
    attack that killed 13 US personnel"; "conveyed by Trump in his annual union speech";
    "Donald Trump's second inauguration"; "Pakistan handed over an ISIS-Khorasan suspect to the
    United States"; "US forces struck three Iranian nuclear sites": an event word, its actors,
    place, date and toll. An address to a legislature is not also counted as a speech."""
    kinds = set()
    for pattern, kind in _EVENT_TRIGGERS:
        trigger = pattern.search(ctx.text) if ctx.may_match(pattern) else None
        if trigger and not (kind == "Speech" and "Address" in kinds):
            kinds.add(kind)
            yield from _event(ctx, kind, trigger)


def _label(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _event(ctx: Context, kind: str, trigger: re.Match[str]) -> Iterator[Fact]:
    at = trigger.start()
    modality = ctx.modality_at(at, window=25)
    people = [m for m in ctx.mentions if m.type == "Person"]
    groups = [m for m in ctx.mentions if m.type == "ArmedGroup"]
    states = [m for m in ctx.actors() if ctx._type(m.actor) in AGENCY_TYPES | {"State"}]
    label_of = lambda slug: ctx.gazetteer.entities[slug].label  # noqa: E731
    by = re.match(r"\w*\s+by\s+(?:the\s+)?", ctx.text[trigger.end():]) if kind == "Arrest" else None
    if by and re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", ctx.text[:at]):
        # "Over 500 Indian fishermen were arrested by the Sri Lanka Navy last year": who arrested
        zone = trigger.end() + by.end()
        arrester = next((m for m in states if 0 <= ctx.local(m) - zone <= 1), None)
        held = [m.slug for m in groups + people if ctx.local(m) < at]
        if arrester is not None:
            state = ctx.gazetteer.state_of(arrester.actor)
            yield ctx.fact("event", "event_arrest", 0.7, modality, type=kind,
                           label=_label("Arrest of" if held else "Arrests by", label_of(held[0]) if held else
                                        label_of(arrester.actor)),
                           participants=tuple(_distinct_ids([arrester.actor, *([state] if state else [])])),
                           target=held[0] if held else None, date=ctx.date(ctx.text))
    elif kind == "Arrest":
        targets = [m.slug for m in groups + people if ctx.local(m) > at]
        target = targets[0] if targets else _anaphor(ctx, ctx.text[at:at + 40], frozenset({"Person", "ArmedGroup"}))
        actors = [m for m in states if ctx.local(m) < at]
        if target and actors:
            yield ctx.fact("event", "event_arrest", 0.75, modality, type=kind,
                           label=f"Arrest of {label_of(target)}", participants=tuple(_distinct(actors)),
                           target=target)
    elif kind == "Extradition" and _ASKED_TO_EXTRADITE.search(ctx.text):
        yield from _extradition_request(ctx, _ASKED_TO_EXTRADITE.search(ctx.text), people)
    elif kind == "Extradition":
        to = [m for m in states if ctx.local(m) >= trigger.end() - 1 and ctx._type(m.actor) == "State"]
        recipient = next((m.actor for m in to if re.search(r"\bto\s+(?:the\s+)?$", ctx.text[:ctx.local(m)])), None)
        if recipient is None and re.search(r"\bto\s+(?:the\s+)?$", trigger.group(0)) and to:
            recipient = to[0].actor
        if recipient is None:  # "flown to New Delhi": the state of the city
            city = next((m for m in ctx.mentions if m.type in ("City", "Place") and ctx.local(m) > at
                         and re.search(r"\bto\s+$", ctx.text[:ctx.local(m)])), None)
            recipient = ctx.gazetteer.country_of(city.slug) if city is not None else None
        # "extradited from the United States and flown to New Delhi": 'from' names the giver;
        # else a state named as such ("a Canadian businessman" is no giver)
        source = next((m.actor for m in states if m.actor != recipient
                       and re.search(r"\bfrom\s+(?:the\s+)?$", ctx.text[:ctx.local(m)])), None)
        givers = [source] if source else [m.actor for m in states if m.actor != recipient and not m.demonym
                                          and ctx._type(m.actor) == "State"]
        person = next((m.slug for m in people + groups), None) or _anaphor(
            ctx, ctx.text, frozenset({"Person"}))
        if recipient and givers:
            yield ctx.fact("event", "event_extradition", 0.7, modality, type=kind,
                           label=_label("Handover of", label_of(person) if person else None, "to",
                                        label_of(recipient)),
                           participants=(givers[0], recipient), target=person,
                           date=ctx.date(ctx.text[at:at + 100]) or ctx.date(ctx.text))
    elif kind == "Attack":
        yield from _attack(ctx, trigger, groups)
    elif kind == "Inauguration" and not re.match(r"sworn", trigger.group(0)):
        yield from _inauguration(ctx, trigger, people, modality)
    elif kind == "Election":
        yield from _election(ctx, trigger)
    elif kind in ("Address", "Speech", "Inauguration"):
        speakers = [m.slug for m in people if abs(ctx.local(m) - at) < 80]
        owner = re.search(r"[’']s\s+(?:[\w-]+\s+)?$", ctx.text[:at])
        if owner and kind == "Speech":
            # "Baloch rejected Finer's remarks": the speech is Finer's, not the subject's
            speakers = [m.slug for m in people if ctx.local(m) + len(m.text) == owner.start()]
        if kind == "Inauguration":  # "Muhammad Yunus, the pioneer who won …, was sworn in": the subject
            speakers = [m.slug for m in people if ctx.local(m) < at][:1] or speakers
        elif re.match(r"\W*(?:Addressing|Speaking)\b", ctx.text):
            # "Addressing the conference in Las Vegas, United States, on 28 May, Mr Saqib announced …"
            speakers = speakers or [m.slug for m in people if ctx.local(m) > at][:1]
        if not speakers and re.search(r"\b(?:he|she)\s+(?:said|warned|told|added|declared|urged|described|called|"
                                      r"argued|insisted|stated)\b", ctx.text):
            speakers = [s for s in [ctx.recent.get("Person")] if s]  # "In a speech to crowds … he warned"
        if speakers:
            person = ctx.gazetteer.entities[speakers[0]]
            noun = {"Address": "address", "Speech": "speech", "Inauguration": "inauguration"}[kind]
            date = ctx.date(ctx.text)
            yield ctx.fact("event", f"event_{kind.lower()}", 0.7, modality, type=kind,
                           label=_label(f"{person.label}’s {noun}", date), participants=(person.slug,),
                           date=date)
    elif kind in ("Visit", "Meeting"):
        if _HABITUAL.search(ctx.text):
            return
        sources = [m for m in ctx.mentions if re.search(r"according to\s+(?:the\s+)?$", ctx.text[:ctx.local(m)])]
        actors = _distinct([m for m in ctx.actors(exclude=frozenset({"ArmedGroup", "Company", "InternationalGroup"}))
                            if m not in sources and not (m.type in AGENCY_TYPES and kind == "Meeting")])
        place = None
        to = re.search(r"\b(?:visit|trip)\w*\s+to\s+|\barrived in\s+|\b(?:held|convened|met)\s+in\s+|"
                       r"\b(?:talks|summit|meeting|round)\s+in\s+|\bvisit(?:ed|s)?\s+(?=[A-Z])", ctx.text)
        if not to and kind == "Meeting":  # "met Crown Prince Mohammed bin Salman in Riyadh"
            to = re.compile(r"\bin\s+").search(ctx.text, at)
        if to:
            dest = [m for m in ctx.mentions if ctx.local(m) >= to.end() - 1 and m.type in PLACE_TYPES]
            place = dest[0].slug if dest else None
        if len(actors) < 2:  # "The two leaders held talks": the last two people named
            actors = _distinct_ids([*actors, *_two_leaders(ctx, at)])
        if len(actors) < 2 and _BOTH.search(ctx.text, 0, at) and not _two_leaders(ctx, at):
            actors = _distinct_ids([*actors, *_the_two(ctx)])  # "The two sides held talks in Doha"
        if place and len(actors) == 1 and kind == "Visit":
            # "Modi … on a visit to Jeddah": the visitor and the state visited
            host = ctx.gazetteer.state_of(place) or ctx.gazetteer.country_of(place)
            actors = _distinct_ids([*actors, host] if host else actors)
        if not (2 <= len(actors) <= 4 or (kind == "Meeting" and place and re.search(
                r"\bsummit|\bforum|\bconference", ctx.text))):
            return
        if re.search(r"\b(?:is|are) (?:expected|due|scheduled|set) to\b|\bwill (?:visit|meet|travel)\b",
                     ctx.text):
            modality = "pending"  # a visit announced, not yet made
        yield ctx.fact("event", f"event_{kind.lower()}", 0.6, modality, type=kind,
                       participants=tuple(actors), place=place, date=ctx.date(ctx.text))
    elif kind == "MilitaryOperation":
        if re.search(r"\b(?:condemn|denounc|criticis|criticiz|deplor|welcom|prais)\w*\s+(?:the|these|those)"
                     r"(?:\s+[\w-]+)?\s*$", ctx.text[:at]):
            return  # "Pakistan condemned the strikes": strikes told of before, not new ones
        named = trigger.group(0).startswith("Operation")
        actors = _distinct([m for m in states if ctx._type(m.actor) == "State" and not m.place
                            and (named or ctx.local(m) < at)])
        if not actors:
            return
        after = [m for m in ctx.mentions if ctx.local(m) > at and (m.demonym or m.type in ("State", "ArmedGroup"))]
        target = next((m.actor for m in after if m.actor != actors[0]), None)
        date = ctx.date(ctx.text)
        label = trigger.group(0) if named else _label(label_of(actors[0]), "strikes",
                                                      f"on {label_of(target)}" if target else None, date)
        yield ctx.fact("event", "event_operation", 0.65, modality, type=kind, label=label,
                       participants=tuple(actors[:1]), target=target, date=date)
    elif kind == "Sanction":
        # "the US designated the BLA …"; "Treasury imposed sanctions on Affiliates International and …"
        actors = _distinct([m for m in states if ctx.local(m) < at and not m.demonym])
        if not actors and _THE_AGENCY.search(ctx.text[:at]):  # "the department designated …"
            actors = [slug for type_, slug in reversed(ctx.recent.items()) if type_ in AGENCY_TYPES][:1]
        targets = [m.slug for m in ctx.mentions if ctx.local(m) > at and m.type in (
            "ArmedGroup", "Company", "Organization", "GovernmentAgency", "Person")] or [m.slug for m in groups]
        for target in dict.fromkeys(targets):
            if actors and target not in actors:
                yield ctx.fact("event", "event_sanction", 0.6, modality, type=kind,
                               label=_label(label_of(ctx.gazetteer.state_of(actors[0]) or actors[0]), "sanctions on",
                                            label_of(target)),
                               participants=tuple(actors[:2]), target=target, date=ctx.date(ctx.text))


_ASKED_TO_EXTRADITE = re.compile(r"\b(?:asked|requested|urged|pressed|called on)\s+(?P<whom>(?:[\w’'-]+\s+){1,3}?)"
                                 r"to\s+(?:extradite|hand over|return)\b")


def _extradition_request(ctx: Context, match: re.Match[str], people: list[Mention]) -> Iterator[Fact]:
    """"Dhaka has formally asked New Delhi to extradite Hasina": the state asking and the state
    asked, and whom; a request, so pending."""
    asker = next((m.actor for m in ctx.actors() if ctx.local(m) < match.start()
                  and ctx._type(m.actor) == "State"), None)
    asked = next((m.actor for m in ctx.actors() if match.start("whom") <= ctx.local(m) < match.end("whom")
                  and ctx._type(m.actor) == "State"), None)
    person = next((m.slug for m in people if ctx.local(m) >= match.end() - 1), None)
    if asker and asked and asker != asked:
        label = ctx.gazetteer.entities[person].label if person else None
        yield ctx.fact("event", "event_extradition", 0.6, "pending", type="Extradition",
                       label=_label("Request for the extradition of", label, "to", ctx.gazetteer.entities[asker].label)
                       if label else None, participants=(asker, asked), target=person)


_ELECTION_OF = re.compile(r"(?:[’']s)?\s+(?:(?:[\w-]+\s+){0,3})$")


def _election(ctx: Context, trigger: re.Match[str]) -> Iterator[Fact]:
    """"Yunus has promised that a general election will be held in February 2026"; "Pakistan's
    general election of February 2024"; "after the February 2026 election": whose election (a
    state named right before it or 'in' after it, else a person's state, else the text's)."""
    at = trigger.start()
    before = next((m.actor for m in reversed(ctx.mentions) if ctx.local(m) < at and ctx._type(m.actor) == "State"
                   and _ELECTION_OF.fullmatch(ctx.text, ctx.local(m) + len(m.text), at)), None)
    after = next((m.actor for m in ctx.mentions if ctx._type(m.actor) == "State"
                  and re.fullmatch(r"\s+in\s+(?:the\s+)?", ctx.text[trigger.end():ctx.local(m)])), None)
    person = next((ctx.gazetteer.entities[m.slug].citizen_of for m in ctx.mentions
                   if m.type == "Person" and ctx.gazetteer.entities[m.slug].citizen_of), None)
    state = before or after or person or ctx.home_state
    if state is None:
        return
    date = ctx.date(ctx.text)
    published = str(ctx.document.meta.get("published") or "")
    future = re.search(r"\bwill\s+(?:be\s+)?(?:hold|held)\b|\b(?:is|are) (?:due|scheduled|expected|set)\b|"
                       r"\bupcoming\b|\bnext\b", ctx.text) or (date and published and date[:7] > published[:7])
    yield ctx.fact("event", "event_election", 0.6, "pending" if future else ctx.modality_at(at, window=25),
                   type="Election", label=_label(ctx.gazetteer.entities[state].label, "election", date),
                   participants=(state,), date=date)


def _two_leaders(ctx: Context, before: int) -> list[str]:
    """'The two leaders also took part in the ground-breaking': the last two people named."""
    if re.search(r"\b(?:[Tt]he two|[Bb]oth) leaders\b", ctx.text[:before]) and len(ctx.recent_people) >= 2:
        return list(ctx.recent_people[-2:])
    return []


def _inauguration(ctx: Context, trigger: re.Match[str], people: list[Mention], modality: str) -> Iterator[Fact]:
    """"Prime Minister Shehbaz Sharif and Chinese Premier Li Qiang inaugurated the airport on
    Oct. 14, 2024": who opened what, and when (the people coordinated before the verb)."""
    at = trigger.start()
    openers = [m for m in people if ctx.local(m) < at and at - ctx.local(m) < 120]
    if not openers:
        openers = [m for m in people if 0 < ctx.local(m) - at < 60]  # "was inaugurated by …"
    opened = next((m for m in ctx.mentions if 0 < ctx.local(m) - trigger.end() <= 6
                   and m.type in ("Facility", "Project", "Place", "City")), None)
    ids = _distinct(openers) or _two_leaders(ctx, at)
    if not ids:
        # "Pokhara International Airport, built by …, was put into operation in January 2023":
        # the facility opened is the subject, and no one is named opening it
        subject = ctx.mentions[0] if ctx.mentions and ctx.mentions[0].type in ("Facility", "Project") else None
        if subject is None or not re.match(r"\W*(?:the\s+)?$", ctx.text[:ctx.local(subject)], re.I):
            return
        opened = subject
    # "inaugurated the new terminal", "the ground-breaking for the Rooppur power plant"
    noun = re.match(r"\s+(?:(?:for|of)\s+)?(?:the\s+)?((?:new\s+)?(?!(?:on|in|at|of|by|with|for|and)\b)[A-Za-z][\w-]*"
                    r"(?:\s+(?!(?:on|in|at|of|by|with|for|and)\b)[a-z][\w-]*)?)", ctx.text[trigger.end():])
    what = ctx.gazetteer.entities[opened.slug].label if opened else (f"the {noun.group(1)}" if noun else None)
    date = ctx.date(ctx.text)
    yield ctx.fact("event", "event_inauguration", 0.7, modality, type="Inauguration",
                   label=_label("Inauguration of" if what else "Inauguration", what, date),
                   participants=tuple(ids), place=opened.slug if opened else None, date=date)


def responsibility(ctx: Context) -> Iterator[Fact]:
    """"The TTP claimed responsibility for the attack", "The BLA, a separatist group, claimed
    responsibility.": the attack the text last told of."""
    # also a bare claim, told right after the attack: "The BLA claimed responsibility."
    claim = re.search(r"\bclaimed responsibility(?: for (?:the|this|that|[A-Z]\w+day's)\s+"
                      r"(?:attack|bombing|blast|assault|ambush)\b|(?!\s+for\b))", ctx.text)
    group = next((m for m in ctx.mentions if m.type == "ArmedGroup" and claim and ctx.local(m) < claim.start()), None)
    if claim and group is not None and ctx.last_attack:
        yield ctx.fact("event", "responsibility", 0.7, "reported", type="Attack", label=ctx.last_attack,
                       perpetrator=group.slug)


_FIRED = re.compile(r"\b(?:fired|launched)\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|drones?|shells?)\s+"
                    r"(?:at|on|into|towards)\s+(?:the\s+)?")
_VICTIMS = re.compile(r"(?:\s+(?:nationals|citizens|engineers|workers|tourists|pilgrims|soldiers|troops|"
                      r"investors|personnel|civilians|diplomats|staff)\b|[.,;]|$)")
_FORCES = re.compile(r"(?:[’']s)?\s+(?:(?:security|armed|border|military|government)\s+)?(?:forces|troops|"
                     r"soldiers|military|army|jets|drones|artillery)\s+")


def _attack(ctx: Context, trigger: re.Match[str], groups: list[Mention]) -> Iterator[Fact]:
    """An attack, with what the sentence says of it; a second, separately hedged fact names who
    did it ('who allegedly masterminded'), so an alleged perpetrator never makes the attack
    itself alleged. A generic 'attacks' with nothing specific is no event, nor are attacks told
    as a habit ('It has repeatedly attacked Chinese nationals', 'why workers keep being attacked')."""
    at = trigger.start()
    if re.search(r"\b(?:repeatedly|regularly|often|frequently|routinely|keeps?\s+being|kept\s+being)\s+"
                 r"(?:been\s+)?$", ctx.text[:at], re.I):
        return
    killed = _KILLED.search(ctx.text[at:]) or _KILLED.search(ctx.text)
    casualties = None
    if killed:
        value = next(g for g in killed.groups() if g)
        casualties = float(value) if value.isdigit() else float(_NUMBER_WORDS[value.lower()])
    near = [m for m in ctx.mentions if m.type in ("City", "Facility", "Region", "Place")
            and (0 <= ctx.local(m) - at < 60 or 0 <= at - (ctx.local(m) + len(m.text)) <= 2)]
    place = near[0].slug if near else None
    targets = [m for m in ctx.mentions if (m.demonym or ctx._type(m.actor) == "State")
               and at < ctx.local(m) < at + 80
               and re.search(r"\b(?:on|killed|killing|against|attacked|struck|shelled)\s+"
                             r"(?:about\s+|some\s+|the\s+|\d+\s+)?$",
                             ctx.text[:ctx.local(m)])]
    if not targets:  # "a convoy carrying Chinese engineers", "killed 13 people, nine of them Chinese"
        targets = [m for m in ctx.mentions if m.demonym and at < ctx.local(m) and _VICTIMS.match(
            ctx.text, ctx.local(m) + len(m.text))]
    target = targets[0].actor if targets else None
    date = ctx.date(ctx.text[max(0, at - 80):at + 80])
    perpetrators = [m.slug for m in groups if re.search(
        r"\b(?:masterminded|carried out|claimed|behind|responsible|blamed)\b|\bby\s+(?:the\s+)?$",
        ctx.text[:ctx.local(m) + len(m.text) + 30])]
    if not perpetrators and groups and ctx.local(groups[0]) < at and not re.search(r"\bagainst\b", ctx.text):
        perpetrators = [groups[0].slug]  # "BLA fighters blew up a section of track"
    fired = _FIRED.search(ctx.text)
    if not perpetrators and fired:
        # "Iran also fired missiles at the US base at Al Udeid": the state that fired, and at whom
        shooters = [m for m in ctx.mentions if ctx.local(m) < fired.start() and not m.demonym
                    and ctx._type(m.actor) == "State"]
        perpetrators = [shooters[-1].actor] if shooters else []
        aimed = next((m for m in ctx.mentions if 0 <= ctx.local(m) - fired.end() <= 2
                      and (m.demonym or ctx._type(m.actor) == "State")), None)
        target = target or (aimed.actor if aimed is not None else None)
    if not perpetrators and re.match(r"(?:attacked|struck|shelled|fired)\b", trigger.group(0)):
        # "Afghan forces attacked Pakistani border posts": a state's forces, then the verb
        forces = [m for m in ctx.mentions if (m.demonym or ctx._type(m.actor) == "State")
                  and 0 <= at - ctx.local(m) - len(m.text) <= 25
                  and _FORCES.fullmatch(ctx.text[ctx.local(m) + len(m.text):at])]
        perpetrators = [forces[-1].actor] if forces else []
    if not perpetrators and re.search(r"\bclaimed by the group\b", ctx.text):
        anaphor = _anaphor(ctx, "the group", frozenset({"ArmedGroup"}))
        perpetrators = [anaphor] if anaphor else []
    if not (place or casualties or target or perpetrators):
        return
    if trigger.group(0).lower() == "attack" and not (place or casualties or date):
        return  # "the attack" without place, toll or date: a mention of one told elsewhere
    label = _label(date[:4] if date else None,
                   ctx.gazetteer.entities[place].label if place else None, "attack")
    if not place:
        label = _label(label, f"on {ctx.gazetteer.entities[target].label}" if target else None,
                       f"by {ctx.gazetteer.entities[perpetrators[0]].label}" if perpetrators else None)
    if label == "attack":
        return
    hedge = None
    if perpetrators:
        cue = re.search(r"\b(?:masterminded|carried out|claimed|behind|responsible|blamed)\b", ctx.text)
        hedge = ctx.modality_at(cue.start() if cue else at, window=25)
    # An asserted perpetrator is part of the attack's fact; a hedged one a fact of its own.
    yield ctx.fact("event", "event_attack", 0.7, "asserted", type="Attack", label=label, place=place, date=date,
                   casualties=casualties, target=target,
                   perpetrator=perpetrators[0] if hedge == "asserted" else None)
    if hedge and hedge != "asserted":
        yield ctx.fact("event", "event_attack", 0.65, hedge, type="Attack", label=label, perpetrator=perpetrators[0])


# --- recommendations ------------------------------------------------------------------------

_HIGH_TIME = re.compile(r"\bit is (?:high )?time for\s+", re.I)
_PASSIVE = re.compile(r"\s+be\s+\w+ed\b")


_NOT_ADVICE = re.compile(r"\b(?:none of this means|does not mean|doesn't mean|no reason)\b", re.I)


_GOVERNMENT_SUBJECT = re.compile(rf"(?:\b[Tt]he\s+{_GOVERNMENT}\s+(?:(?:also|now|first|still|further)\s+)?|"
                                 rf"\b[Tt]he\s+{_GOVERNMENT}.*,\s+it\s+)$")
_ASIDE = re.compile(r",\s*(?:for (?:its|their|his|her) part|in turn|too|however|meanwhile|for now|"
                    r"in other words|then|therefore|instead)\s*,\s*$", re.I)
_SAYING = re.compile(r"\b(?:said|says|say|argued|argues|warned|warns|wrote|writes|noted|notes|insisted|insists|"
                   r"believes?|added|that)\s+(?:the\s+)?")


def _urged(ctx: Context) -> Iterator[Fact]:
    """"The staff also urged the authorities to press ahead with reforms"; "China demanded
    that Pakistan severely punish the perpetrators": the actor after the verb is advised
    ('the authorities' are the government of the state the text is about)."""
    cue = URGED.search(ctx.text)
    if cue is None:
        return
    rest = ctx.text[cue.end():]
    if not cue.group(0).lower().startswith(("demand", "recommend", "direct")) and not re.match(
            r"(?:[\w’'-]+\s+){1,4}?to\s+[a-z]", rest):
        return  # "asked whether …", "pressed ahead": no one is told to do anything
    actor = next((m.actor for m in ctx.actors() if cue.end() - 1 <= ctx.local(m) <= cue.end() + 2), None)
    if actor is None and re.match(_GOVERNMENT, rest):
        actor = ctx.home_state
    if actor is None and cue.group(0).lower().startswith("direct") and re.match(r"(?:[\w’'-]+\s+){1,4}?be\s+\w+", rest):
        actor = ctx.home_state  # "The court directed that compensation be paid": the state in view must pay
    if actor is None:
        return
    ctx.last_addressee = actor
    yield ctx.fact("recommendation", "recommendation", 0.65, "recommended", addressee=actor, text=ctx.text)


def _subjects(ctx: Context, end: int) -> list[str]:
    """The actors before a modal, as a list when coordinated: 'The CIA and the ISI should';
    in reported advice, those after the verb of saying: 'the IMF said Pakistan should'."""
    said = [m.end() for m in _SAYING.finditer(ctx.text, 0, end)]
    start = said[-1] - 1 if said else 0
    before = [m for m in ctx.actors(exclude=frozenset()) if start <= ctx.local(m) < end and (
        ctx._type(m.actor) != "ArmedGroup" or m.actor in GOVERNING_GROUPS)]
    return _coordinated(ctx, [replace(m, actor=GOVERNING_GROUPS[m.actor]) if m.actor in GOVERNING_GROUPS else m
                              for m in before])  # "The Taliban administration must guarantee …" advises Afghanistan


def _coordinated(ctx: Context, mentions: list[Mention]) -> list[str]:
    """The first of `mentions` and those coordinated with it: 'The CIA and the ISI', 'A, B and C',
    'IMF staff and the Sri Lankan authorities', 'The Kuwait Oil Company (KOC) and Shell (RDS)'."""
    if not mentions:
        return []
    head = [mentions[0]]
    for m in mentions[1:]:
        gap = ctx.text[ctx.local(head[-1]) + len(head[-1].text):ctx.local(m)]
        if m.actor == head[-1].actor and re.fullmatch(r"\s*\(", gap):
            continue  # the acronym in brackets after a name is that name again
        gap = re.sub(r"^\s*\([A-Z][\w&.-]*\)", "", gap)
        if not re.fullmatch(r"(?:\s+(?:staff|officials|authorities|government|negotiators|delegation))?"
                            r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", gap):
            break
        head.append(m)
    return _distinct(head)


def _no_advice_at(text: str, cue: re.Match[str]) -> bool:
    """A modal that advises no one: in a relative clause ("which must …"), a question
    reported ("what New Delhi and Washington should do"), or an obligation denied
    ("employers will not have to pay")."""
    before = text[:cue.start()]
    return bool(re.search(r"\b(?:that|which)\s+$", before)
                or re.search(r"\b(?:what|how|whether)\s+(?:[\w’'-]+\s+){0,6}$", before)
                or (re.match(r"(?i)(?:has|have|needs?) to", cue.group(0))
                    and re.search(r"(?:\bnot|n[’']t|\bnever|\bno longer)\s+$", before)))


def recommendation(ctx: Context) -> Iterator[Fact]:
    """"It should keep CPEC Phase 2 focused on industrial zones"; "It is high time for
    Islamabad to utilise its untapped resources"; "The CIA and the ISI should put …" (two
    addressees); "Both governments need to publish …"; "the gas pipeline project must wait for
    the US sanctions waivers" (pending): a modal of obligation and the actors it binds (the
    subject, or the previous sentence's addressee for 'It …' and passives). Headings and
    negated advice ("None of this means Pakistan should …") are not recommendations."""
    pending = re.search(r"\bmust wait\b|\bwaits? for\b|\bawait(?:s|ing)\b", ctx.text, re.I)
    cue = pending or next((c for c in RECOMMENDED.finditer(ctx.text) if not _no_advice_at(ctx.text, c)), None)
    heading = len(ctx.text.split()) < 8 and not re.search(r"[.!?”\"’)]\s*$", ctx.text)
    if heading or _NOT_ADVICE.search(ctx.text):
        return
    if not cue:
        yield from _urged(ctx)
        return
    addressees: list[str] = []
    high_time = _HIGH_TIME.search(ctx.text)
    if high_time:
        after = [m for m in ctx.actors() if ctx.local(m) >= high_time.end() - 1]
        addressees = [after[0].actor] if after else []
    passive = _PASSIVE.match(ctx.text[cue.end():])
    subject_text = ctx.text[:cue.start()]
    if not addressees and _BOTH.search(subject_text) and len(ctx.recent_states) >= 2:
        addressees = list(ctx.recent_states[-2:])
    subject_text = _ASIDE.sub(" ", subject_text)  # "Pakistan, for its part, must avoid …"
    government = _GOVERNMENT_SUBJECT.search(subject_text)
    if not addressees and government and ctx.home_state:
        # "The authorities should …", "if the government cannot …, it should …"
        addressees = [ctx.home_state]
    if not addressees and not passive and not re.search(r"[,;]\s*$", subject_text):
        addressees = _subjects(ctx, cue.start())
    if not addressees and (passive or pending) and not re.match(r"\s*(?:It|They)\b", ctx.text) and ctx.home_state:
        # "new tax exemptions must be avoided": advice to the government the text is about
        addressees = [ctx.home_state]
    if not addressees and (re.match(r"\s*(?:It|They)\b", ctx.text) or passive or pending):
        addressees = [ctx.last_addressee] if ctx.last_addressee else []
    if not addressees:
        return
    ctx.last_addressee = addressees[0]
    for addressee in addressees:
        yield ctx.fact("recommendation", "recommendation", 0.7, "pending" if pending else "recommended",
                       addressee=addressee, text=ctx.text)


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


_PLACE_LIKE = frozenset(PLACE_TYPES | {"Project"})
RULES: list[Rule] = [
    Rule(agency_of_state, needs=AGENCY_TYPES),
    Rule(member_of_group, trigger=re.compile(r"\bmembers? of\b|\bjoined\b|\band its\b|\ba front for\b|"
                                             r"\bwhich groups\b|\bbrings together\b|\bcomprises\b|\bincludes\b|"
                                             r"\bunites\b|\bto which\b|\bseat on\b|"
                                             r"\bits\s|\bof which\b|\bchaired by\b|\bfounded\b|\bestablished\b|"
                                             r"\bformed\b|\bcreated\b|\bset up\b|\badmitted\b|\bmember\b|"
                                             r"\bmembership\b|\baffiliate of\b|\bbranch of\b|\bfranchise of\b|"
                                             r"\boffshoot of\b|\bSenator\b|\bMNA\b|\bMPA\b|\bMP\b|\blawmaker\b|"
                                             r"\blegislator\b|\bCongress(?:wo)?man\b|\bRep(?:resentative|\.)|"
                                             r"\bparliamentarian\b")),
    Rule(located_in, needs=_PLACE_LIKE),
    Rule(facility_in_city, needs=frozenset({"Facility"})),
    Rule(sites_of_a_state, trigger=_SITES),
    Rule(company_home, needs=_BODIES),
    Rule(place_by_apposition, trigger=re.compile(r",\s+(?:the|a|an|one of the|[A-Z][\w-]*[’']s)\s")),
    Rule(seat_of_a_body, trigger=re.compile(r"\bhead\s*(?:office|quarters)|\bheadquartered\b|\bbased\b|"
                                            r"\blocated\b|\bsituated\b|\blying in\b|\bsecretariat\b")),
    Rule(located_by_apposition, trigger=re.compile(r"-based\b|\bcapital\b|[’']s\s+[A-Z][\w-]+\s+(?:[A-Z][\w-]+\s+)?"
                                                   r"(?i:province|district|region|valley|square|bazaar|island|"
                                                   r"bay|coast)\b")),
    Rule(leader_by_title, needs=frozenset({"Person"})),
    Rule(leader_by_appointment, trigger=re.compile(r"\b(?:sworn in|oath|took office|appointed|named|elected|"
                                                   r"installed|nominated|swore in)\b")),
    Rule(leader_of_a_government, trigger=re.compile(r"\b(?:government|administration|cabinet)\b")),
    Rule(cooperation, trigger=_COOPERATION),
    Rule(thanks_for_support, trigger=_THANKED),
    Rule(financial_support, trigger=_any_of(_AID, _FINANCED)),
    Rule(support_given, trigger=_any_of(_INVESTS, _HELPS, _SUPPLIES, _TRADES, _BACKS)),
    Rule(economic_tie, trigger=re.compile("|".join(_TIE_NOUNS))),
    Rule(tension, trigger=_TENSION),
    Rule(agreement, trigger=_any_of(*(p for p, _ in _AGREEMENT_KINDS))),
    Rule(contract_awarded, trigger=re.compile(r"\b(?:awarded|granted|won|wins|holds|held)\b")),
    Rule(tariff_change, trigger=_any_of(_TARIFF_WORD, _TARIFF_ANAPHOR)),
    Rule(ownership_stake, trigger=_any_of(_STAKE, _JOINT_VENTURE, _EACH)),
    Rule(owned_by, trigger=_any_of(_OWNED_BY, re.compile(r"\bowned\s+by\b|\bventure\s+(?:of|between)\b"))),
    Rule(part_of_a_body, trigger=re.compile(r"\b(?:subsidiary|unit|arm|affiliate|wing)\s+of\b")),
    Rule(state_owned, trigger=re.compile(r"state-(?:owned|run|controlled)|owned by the (?:government|state)", re.I)),
    Rule(resources_in_places, needs=frozenset({"NaturalResource"})),
    Rule(events, trigger=_any_of(*(p for p, _ in _EVENT_TRIGGERS))),
    Rule(recommendation, trigger=_any_of(RECOMMENDED, PENDING, URGED)),
    Rule(responsibility, trigger=re.compile(r"\bclaimed responsibility\b")),
]
