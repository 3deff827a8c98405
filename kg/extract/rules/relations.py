"""Cooperation and tension between actors: ties, aid, trade, investment and support;
accusations, protests, summonses and strains, with what they are about."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...facts import Fact
from ...gazetteer import AGENCY_TYPES, PLACE_TYPES
from ..cues import GOVERNING_GROUPS, RECOMMENDED
from ..mentions import Mention
from .context import Context, _distinct, topics
from .phrases import (
    _BOTH,
    _GOVERNMENT_NOUNS,
    _anaphoric_subject,
    _coordinated,
    _describes_something_else,
    _distinct_ids,
    _listed,
    _modifiers,
    _signers,
    _source,
    _the_two,
)

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
