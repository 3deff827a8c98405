"""Events: attacks, arrests, visits, meetings, speeches, elections, inaugurations and
extraditions, with their actors, place, date and toll."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts import Fact
from ...gazetteer import AGENCY_TYPES, PLACE_TYPES
from ..mentions import Mention
from .context import _NUMBER_WORDS, Context, _distinct
from .phrases import _BOTH, _THE_AGENCY, _distinct_ids, _the_two

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
_HABITUAL = re.compile(r"\b(?:repeatedly|regularly|often|frequently|routinely)\b", re.I)
_ANAPHORS: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (re.compile(r"\b(?:him|her|the suspect|the commander|the militant)\b", re.I), frozenset({"Person"})),
    (re.compile(r"\b(?:the group|the outfit|the militants)\b", re.I), frozenset({"ArmedGroup"})),
    (re.compile(r"\b(?:the project|the mine)\b", re.I), frozenset({"Project", "Facility"})),
    (re.compile(r"\b(?:the company|the firm)\b", re.I), frozenset({"Company"})),
]


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
        if place is None:  # "at the Astana summit": the city the gathering is named after
            place = next((m.slug for m in ctx.mentions if m.type == "City" and re.match(
                r"\s+(?:summit|talks|meeting|conference)\b", ctx.text[ctx.local(m) + len(m.text):])), None)
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
