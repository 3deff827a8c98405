"""Phrases several relations read alike: coordinated actors ("A, B and C"), "the two countries",
"the company" said again, who signed, who said so."""

from __future__ import annotations

import re

from ...gazetteer import AGENCY_TYPES
from ..mentions import Mention
from .context import _GOVERNMENT, Context, _distinct


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


_BODIES = AGENCY_TYPES | {"Organization", "Company", "InternationalGroup"}


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


_SIGNED = re.compile(r"\b(?:signed|agreed|concluded|inked|struck|reached|initialled)\b")


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


_GOODS = re.compile(r"\b(?:goods|exports|imports|products|shipments|textiles)\b")


def _distinct_ids(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _distinct_slugs(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.slug for m in mentions))


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
