"""Relation rules: each reads one sentence with its mentions and yields facts.

Every rule is a small function registered in `RULES`; its docstring shows the sentence
shape it handles. Rules never look outside their sentence except through `Context`
(the previous sentence's addressee, for "It should…"). One module per family of
relations; `context` holds what they all read, `phrases` the phrases several read alike.
"""

from __future__ import annotations

import re

from ...gazetteer import AGENCY_TYPES
from ..cues import PENDING, RECOMMENDED, URGED
from .agreements import _AGREEMENT_KINDS, agreement, contract_awarded
from .context import Context, Rule, _any_of
from .events import _EVENT_TRIGGERS, events, responsibility
from .leaders import agency_of_state, leader_by_appointment, leader_by_title, leader_of_a_government
from .members import member_of_group
from .ownership import _EACH, _JOINT_VENTURE, _OWNED_BY, _STAKE, owned_by, ownership_stake, part_of_a_body, state_owned
from .phrases import _BODIES
from .places import (
    _PLACE_LIKE,
    _SITES,
    company_home,
    facility_in_city,
    located_by_apposition,
    located_in,
    place_by_apposition,
    resources_in_places,
    seat_of_a_body,
    sites_of_a_state,
)
from .recommendations import recommendation
from .relations import (
    _AID,
    _BACKS,
    _COOPERATION,
    _FINANCED,
    _HELPS,
    _INVESTS,
    _SUPPLIES,
    _TENSION,
    _THANKED,
    _TIE_NOUNS,
    _TRADES,
    cooperation,
    economic_tie,
    financial_support,
    support_given,
    tension,
    thanks_for_support,
)
from .tariffs import _TARIFF_ANAPHOR, _TARIFF_WORD, tariff_change

__all__ = ["RULES", "Context", "Rule"]
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
