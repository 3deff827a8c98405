"""Where places, bodies and resources are: "a town in Khyber Pakhtunkhwa", "the Islamabad-based
NDC", "PVARA's head office is in Islamabad", "copper deposits in Balochistan"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...facts import Fact
from ...gazetteer import ACTOR_TYPES, PLACE_TYPES
from ..mentions import Mention
from .context import Context
from .leaders import _mention_before
from .phrases import _BODIES, _distinct_slugs, _listed

# "Rashakai in Khyber Pakhtunkhwa", "Zhoushan island in Zhejiang province", "Besham, a town in …"
_IN_PLACE = re.compile(r",?\s+(?:(?:island|county|prefecture|district|city|town)\s+(?=in\s))?"
                       r"(?:(?:a|an)\s+(?:[\w,-]+\s+){0,3}?(?:town|city|village|port|district|"
                       r"area|region|province|valley|scheme|project|mine|site|base)\s+(?:on\s+the\s+\w+\s+)?)?"
                       r"(?:in|near|on\s+the\s+(?:[a-z-]+\s+)?(?:outskirts|edge)\s+of)\s+(?:the\s+)?")
_PART_OF = re.compile(r"\s+(?:district|area|region|province|valley|division)\s+of\s+(?:the\s+)?")


_KIND_WORD = re.compile(r"\s(?:district|province|region|valley|division|area)$", re.I)
_BASED = re.compile(r"\b([A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)-based\s+(?:[a-z]+\s+){0,3}")
_CAPITAL_OF = re.compile(r",\s+(?:the|its)\s+capital(?:\s+city)?\s+of\s+(?:the\s+)?")


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


_PLACE_LIKE = frozenset(PLACE_TYPES | {"Project"})
