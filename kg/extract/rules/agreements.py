"""Agreements, their parties, kind and status: deals, contracts, memoranda, loan programmes,
leases and concessions awarded."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts import Fact
from ...gazetteer import AGENCY_TYPES, Gazetteer
from ..cues import PENDING
from .context import Context, _distinct, topics
from .phrases import (
    _BOTH,
    _GOVERNMENT_NOUNS,
    _SIGNED,
    _anaphoric_subject,
    _coordinated,
    _describes_something_else,
    _distinct_ids,
    _modifiers,
    _signers,
    _source,
    _the_two,
)

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


# "The memorandum was signed by Ahsan Iqbal on behalf of Pakistan and …"
_SIGNED_BY = re.compile(r"[^.;]{0,40}?\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:signed|inked|initialled)\b"
                        r"[^.;]{0,40}?\bby\s+")


def _states_in(name: str, gazetteer: Gazetteer) -> list[str]:
    out = []
    for word in re.split(r"[\s\-–]+", name):
        slug = gazetteer.resolve(word)
        if slug and gazetteer.entities[slug].type == "State":
            out.append(slug)
    return out
