"""Membership of groups: "a member of the SCO", "joined BRICS in 2024", "the bloc's newest
member", "Senator X of the PPP"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts import Fact
from ..mentions import Mention
from .context import Context, _distinct
from .phrases import _listed


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
