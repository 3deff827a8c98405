"""Ownership stakes: "a 51% stake in", "75 per cent owned by", joint ventures, subsidiaries,
state-owned bodies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts import Fact
from ...gazetteer import ACTOR_TYPES
from ..mentions import Mention
from .context import _GOVERNMENT, _PERCENT, Context, _distinct
from .phrases import _BODIES, _modifiers

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
