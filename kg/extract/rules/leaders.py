"""Agencies of states and the people who lead states and bodies: "Pakistan's ISI", "CIA Director
John Ratcliffe", "sworn in as interim prime minister"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ...facts import Fact
from ...gazetteer import AGENCY_TYPES, Gazetteer
from ..cues import ARMY_CHIEF, CHINA_OFFICES, GOVERNING_GROUPS, STATE_OFFICES, TITLE_BY_LOWER, TITLE_RE, US_OFFICES
from ..mentions import Mention, owning_state
from .context import Context
from .phrases import _BODIES

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


# "Assistant US Trade Representative", "the deputy chief of …": an office under the one named,
# so the qualifier stays in the role (and a deputy is not the head).
_QUALIFIER = re.compile(r"\b(?i:(deputy|assistant|vice|associate|additional|joint|under)[- ])\s*$")
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


def _qualified(qualifier: re.Match[str], title: str) -> str:
    """'deputy' + 'chief' -> 'Deputy Chief'."""
    return f"{qualifier.group(1).capitalize()} {_office(title)}"


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


def _region_in_title(ctx: Context, title: str, start: int) -> Mention | None:
    """"Sarfraz Bugti, the chief minister of Balochistan", "Punjab's chief minister": a
    province's chief minister or governor leads the province, not the state around it."""
    if not re.match(r"(?i)chief minister|governor", title):
        return None
    return next((m for m in ctx.mentions if m.type == "Region" and start <= ctx.local(m) < start + len(title)), None)


def _office_of_city(ctx: Context, named: Mention | str | None) -> str | None:
    """"Crown Prince of Abu Dhabi", "Mayor of Karachi": the office a title 'of <city>' names,
    held in that city rather than in the state the city would stand for as an actor."""
    if not isinstance(named, Mention) or named.type != "City":
        return None
    of = re.search(rf"\b((?i:{TITLE_RE}))\s+of\s+(?:the\s+)?$", ctx.text[:ctx.local(named)])
    return _office(of.group(1)) if of else None


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
            before_title = window[:match.start(1)]
            qualifier = _QUALIFIER.search(before_title)
            if qualifier:
                before_title = before_title[:qualifier.start()]
                role = _qualified(qualifier, title)
            if _FORMER.search(before_title):
                # "former prime minister Sheikh Hasina", "the then prime minister X": an office
                # held before, told as such
                role = f"Former {role if qualifier else _office(title)}"
            title_start = start - len(window) + match.start(1)
            named = _mention_before(ctx, title_start) or _region_in_title(ctx, title, title_start)
            if named is None and re.search(r"\b[Ii]ts\s+$", ctx.text[:title_start]):
                named = _body_before(ctx, title_start)  # "Its spokesperson, Randhir Jaiswal"
            if named is None and re.search(r"\b[A-Z][\w-]*[A-Z][\w-]*\s+$", ctx.text[:title_start]):
                continue  # "PML-N president Nawaz Sharif": an office in a body nobody knows yet
            org = _org_for(ctx, named, title, person) if not isinstance(named, str) else named
            city_office = _office_of_city(ctx, named)
            if city_office:
                # "Crown Prince of Abu Dhabi Sheikh Khaled": the city (emirate) is the body, not its state
                org, role = named.slug, city_office
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
        pre = [m for m in pre if m.type not in ("Person", "City", "Place") and (regional or m.type != "Region")]
        in_title = _region_in_title(ctx, title, base + after.start("title"))
        if in_title is not None:
            named = in_title
        elif pre:
            named = pre[0]
        elif post and re.match(r"\s*(?:of|at|in)\b", after.group("post")):
            named = next((m for m in post if not m.demonym and ctx._type(m.actor) != "State"), post[-1])
        elif post and re.match(r"\s*for\b", after.group("post")):
            # "spokesman for the Taliban's interior ministry"; but "Mission Chief for Sri Lanka" is about it
            named = next((m for m in post if not m.demonym and ctx._type(m.actor) != "State"), None)
        else:
            named = None
        org = _org_for(ctx, named, title, person)
        qualifier = _QUALIFIER.search(after.group("pre"))
        if org is None and named is None and re.search(r"\b(?:government|administration|cabinet)[’']s\s+$",
                                                       after.group("pre")):
            # "Touhid Hossain, the interim government's adviser for foreign affairs": the government
            # of his state, or of the one the text is about
            org = (ctx.gazetteer.entities[person.slug].citizen_of or ctx.home_state
                   or _state_before(ctx, person, only=True))
        if org and org != person.slug:
            last_role = title
            yield ctx.fact("leader", "leader_by_title", 0.8, person=person.slug, organization=org,
                           role=_qualified(qualifier, title) if qualifier else title)
            if not qualifier and ctx._type(org) == "ArmedGroup" and re.fullmatch(
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
