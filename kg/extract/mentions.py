"""Mentions: where a document names an entity, with exact offsets.

Two steps. `discover` reads a document for entities the gazetteer does not know yet
(an organisation introduced with its acronym, a person named with a title) and adds
them. `find_mentions` then matches every known name, demonym and possessive with spaCy's
PhraseMatcher and resolves metonymy (a capital acting as an actor is its state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ..documents import Document
from ..facts import Entity, Evidence
from ..gazetteer import ACTOR_TYPES, AGENCY_TYPES, Gazetteer, is_case_sensitive
from ..namespaces import slugify
from .anchors import AnchoredText
from .cues import (
    GOVERNING_GROUPS,
    INTELLIGENCE_WORDS,
    NAME_JOINERS,
    NAME_STOPWORDS,
    NOT_PLACES,
    ORG_HEADS,
    TITLE_BY_LOWER,
    TITLE_RE,
)

# Capitalised words of titles ("Prime", "Minister", "Director").
_TITLE_WORDS = frozenset(w for t in TITLE_BY_LOWER.values() for w in t.split() if w[:1].isupper())
# Words before a surname that leave it the surname of the person known by it.
_HONORIFICS = frozenset("Mr Ms Mrs Dr Prof Sir Sheikh Mullah Maulana Gen Lt Col Senator".split()) | _TITLE_WORDS
# Prepositions after which a capital is a place, not its government acting.
_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "into", "across", "outside",
                                 "around", "via", "through", "inside", "visit", "visited", "reached"})

# Nouns after which a capital names where people gathered, not its government: "the Astana
# summit", "the Doha talks".
_GATHERINGS = frozenset({"summit", "talks", "round", "meeting", "conference", "dialogue", "forum", "process"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text: `slug` is what it names; `actor` what acts when it is a subject.

    For "Islamabad" used as an actor, slug is Islamabad and actor is Pakistan; for the
    demonym "Pakistani", both are Pakistan and `demonym` is set.
    """

    start: int
    end: int
    text: str
    slug: str
    type: str
    actor: str
    demonym: bool = False
    possessive: bool = False
    place: bool = False   # used as a place ("handlers in Afghanistan"), not as an actor


@cache
def nlp() -> spacy.language.Language:
    """A blank English pipeline: spaCy's tokenizer and its exceptions ('U.S.'), no model."""
    return spacy.blank("en")


class MentionFinder:
    """PhraseMatchers over a gazetteer's names, rebuilt only when the gazetteer grew."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._exact = PhraseMatcher(nlp().vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp().vocab, attr="LOWER")
        self._known: set[tuple[str, str]] = set()
        self._version = -1
        self.refresh()

    def refresh(self) -> None:
        """Add matcher patterns for names the gazetteer learnt since the last call."""
        if self._version == self.gazetteer.version:
            return
        self._version = self.gazetteer.version
        make = nlp().make_doc
        new = [(n, s) for n, s in self.gazetteer.names() if (n, s) not in self._known]
        for name, slug in new:
            self._known.add((name, slug))
            matcher = self._exact if is_case_sensitive(name) else self._folded
            matcher.add(slug, [make(name)])
        for demonym, slug in self.gazetteer.demonyms.items():
            if (demonym, "demonym:" + slug) not in self._known:
                self._known.add((demonym, "demonym:" + slug))
                self._exact.add("demonym:" + slug, [make(demonym)])

    def find(self, document: Document) -> list[Mention]:
        doc = nlp().make_doc(document.text)
        vocab = doc.vocab.strings
        matches = [*self._exact(doc), *self._folded(doc)]
        spans = [doc[s:e] for _, s, e in matches]
        labels = {(s, e): vocab[m] for m, s, e in matches}
        mentions = []
        for span in filter_spans(spans):
            key = labels[(span.start, span.end)]
            demonym = key.startswith("demonym:")
            slug = key.removeprefix("demonym:")
            known = self.gazetteer.entities[slug]
            after = doc[span.end] if span.end < len(doc) else None
            before = doc[span.start - 1] if span.start > 0 else None
            possessive = after is not None and after.lower_ in ("'s", "’s", "'", "’")
            if (known.type == "Person" and len(span) == 1 and before is not None
                    and before.is_title and before.i > 0 and not before.is_sent_start
                    and not self.gazetteer.resolve(before.text) and before.text.rstrip(".") not in _HONORIFICS):
                continue  # "Steve Witkoff" is not Zach Witkoff because both are "Witkoff"; "Mr. Modi" is Modi
            actor = slug
            if known.capital_of and not (before is not None and before.lower_ in _PLACE_PREPOSITIONS) and not (
                    after is not None and after.lower_ in _GATHERINGS):
                actor = known.capital_of  # "Islamabad facilitated…", "Washington's patience"
            if known.type in AGENCY_TYPES and not known.state and before is not None:
                slug = self._qualified(span.text, doc, span.start) or slug
                known = self.gazetteer.entities[slug]
            place = (before is not None and before.lower_ in _PLACE_PREPOSITIONS
                     and known.type in ("State", "City", "Region")) or (
                         known.capital_of is not None and after is not None and after.lower_ in _GATHERINGS)
            mentions.append(Mention(span.start_char, span.end_char, span.text, slug, known.type,
                                    actor if actor != known.slug or slug == actor else slug,
                                    demonym, possessive, place))
        return mentions


    def _qualified(self, name: str, doc: spacy.tokens.Doc, start: int) -> str | None:
        """"Pakistan's Ministry of Foreign Affairs" is the ministry of Pakistan the reference
        data knows as "Ministry of Foreign Affairs of Pakistan", not a stateless new one."""
        i = start - 1
        if i >= 0 and doc[i].lower_ in ("'s", "’s"):
            i -= 1
        if i < 0:
            return None
        state = self.gazetteer.demonyms.get(doc[i].text) or self.gazetteer.resolve(doc[i].text)
        if state is None or self.gazetteer.entities[state].type != "State":
            return None
        return state_body(self.gazetteer, state, name)


def state_body(gazetteer: Gazetteer, state: str, name: str) -> str | None:
    """The agency of `state` known by a name beginning with `name` ('Ministry of Foreign Affairs')."""
    lowered = name.lower()
    for known in gazetteer.entities.values():
        if known.state == state and known.type in AGENCY_TYPES and any(
                n.lower().startswith(lowered) for n in known.names):
            return known.slug
    return None


# --- discovering new entities ---------------------------------------------------------------

_WORD = r"[A-Z][\w’'\-.&]*(?:/[A-Z][\w’'\-.&]*)?"
_ACRONYM_DEF = re.compile(
    rf"((?:{_WORD}|of|and|for|the|on|&)(?:\s+(?:{_WORD}|of|and|for|the|on|&|\(Private\)|\(Pvt\.?\))){{0,9}})\s*"
    # filings quote it: 'Pakistan Telecommunication Company Limited ("PTCL" or "the Company")'
    r"\([\"“]?([A-Z][A-Za-z0-9&\-.]{1,11}|[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){1,3}(?=[\"”]))[\"”]?"
    r"(?:\s+or\s+[\"“][^\"”]{1,30}[\"”])?\)")
_HEADED_NAME = re.compile(
    rf"\b((?:{_WORD}\s+)(?:(?:{_WORD}|of|for|and(?=\s+[A-Z]))\s+){{0,6}}(?:{'|'.join(map(re.escape, ORG_HEADS))})"
    r"(?:\s+(?:of|for)\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}){0,2})(?!\w)")
# "Ministry of Mines and Petroleum", "Directorate General of Food", "Bureau of Industry and Security"
_MINISTRY_OF = re.compile(r"\b((?:Ministry|Department|Directorate(?: General)?|Bureau|Commission|Secretariat) of "
                          r"(?:[A-Z][\w’'\-]*)(?:\s+(?:and\s+)?[A-Z][\w’'\-]*){0,4})")
# Given names and surnames, initials, and names with an inner capital ("LoGerfo", "McCaul").
_NAME_WORD = r"[A-Z][a-z’'\-]+(?:[A-Z][a-z]+)?"
# Up to five words ("Md Abdul Karim Haque Bhuiyan"); particles only as whole words ("Mr. Modi also").
_PARTICLE = r"(?:bin|ibn|al|ul|van|von|de)\b"
_PERSON_NAME = rf"(?:{_NAME_WORD}|(?:[A-Z]\.){{1,3}})(?:\s+(?:{_PARTICLE}|{_NAME_WORD}|[A-Z]\.)){{1,4}}"
_PERSON_NAME_AT = re.compile(_PERSON_NAME)
_LEADING_TITLE = re.compile(rf"(?:{TITLE_RE}|Senator|Mullah|Maulana|Dr\.|Mr\.|Ms\.|Mrs\.)\s+")
# Only the name after a title is wanted, so "Planning Minister X" may match from "Minister":
# without TITLE_RE's optional leading word every match starts with a literal, and
# `AnchoredText` finds the candidates by `str.find` (1.5 ms a document -> 0.4 ms).
_TITLE_FROM_ITS_LITERAL = TITLE_RE.removeprefix(r"(?:[A-Z][a-z]+ )?")
_TITLED_PERSON = re.compile(
    rf"(?<![\w-])(?:(?i:{_TITLE_FROM_ITS_LITERAL}),?|(?:Mr|Ms|Mrs|Dr)\.?)\s+({_PERSON_NAME})")
# "Khawaja Asif, the defence minister"; "Attaullah Tarar, Pakistan's information minister".
_PERSON_APPOSITIVE = re.compile(
    rf"(?<![\w’'-])({_PERSON_NAME}),\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:former\s+)?"
    # no verb between: "… won the Nobel Peace Prize, was sworn in as chief adviser" names no one
    rf"(?:(?!(?:by|was|is|were|are|has|had|will|would|who|which)\b)[\w’'-]+\s+){{0,4}}?"
    rf"(?i:{TITLE_RE})\b")


# Words in the name of an office ("Federal Minister for Finance"), never of a body.
_OFFICE_WORDS = frozenset("""Minister Ministers President Chairman Chairperson Governor Senator
    Ambassador Adviser Advisor""".split())
# "Tahawwur Rana, a Canadian businessman of Pakistani origin": a person described by trade.
_PERSON_DESCRIBED = re.compile(
    rf"(?<![\w’'-])({_PERSON_NAME}),\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,3}}?(?:businessman|businesswoman|"
    r"national|citizen|cleric|militant|commander|activist|journalist|scientist|engineer|lawyer|economist|"
    r"diplomat|spokesman|spokeswoman|analyst|professor|financier|tycoon|banker|politician|lawmaker)\b")
# "a youth-led civic group headed by Sudan Gurung": whoever heads a body is a person, titled or not.
_HEADED_BY_PERSON = re.compile(rf"\b(?:headed|chaired|led)\s+by\s+({_PERSON_NAME})")
# "his Turkmen counterpart, Rashid Meredov": a person named as someone's opposite number.
_COUNTERPART = re.compile(rf"\b(?:counterpart|opposite number),?\s+({_PERSON_NAME})")
# Capitalised words of offices and bodies, never part of a person's name.
_NOT_NAME_WORDS = _TITLE_WORDS | frozenset(ORG_HEADS) | frozenset(
    "Cabinet Assembly Parliament Senate Court Tribunal Officer Executive Federal".split())


# "near Besham in the Shangla district of Khyber Pakhtunkhwa", "at Rashakai in Khyber
# Pakhtunkhwa", "the Bolan area of Balochistan": an unknown name placed inside a known one.
# A lookahead, so that overlapping candidates ("near Besham in the Shangla district of …")
# are all tried by one finditer.
_PLACE_IN = re.compile(
    r"(?=(?:\b(?:near|in|at|from|to|and|of)\s+(?:the\s+)?"
    r"(?P<city>(?:port |border |garrison )?(?:city|town|village) of\s+)?)"
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
    r"(?:(?P<part>\s+(?:district|area|region|valley|division|tehsil)\s+of\s+)|,?\s+in\s+)(?:the\s+)?"
    r"(?:[A-Z][\w-]*(?:’s|'s)\s+)?(?P<container>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))")
_SITES_LIST = re.compile(
    r"\b(?P<state>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)[’']s\s+(?:[a-z][\w-]*\s+){1,3}?(?:sites?|bases?|facilities|plants?|"
    r"ports?|mines?|fields?|cities|towns|provinces)\s+(?:at|in)\s+"
    r"(?P<names>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)*(?:,?\s+and\s+[A-Z][a-z]+"
    r"(?:[ -][A-Z][a-z]+)?)?)")
_MINISTRY_KINDS = {"foreign": "Foreign Affairs", "external affairs": "External Affairs", "interior": "Interior",
                   "home": "Home Affairs", "defence": "Defence", "defense": "Defense", "finance": "Finance",
                   "commerce": "Commerce", "trade": "Commerce", "information": "Information"}
_STATE_MINISTRY = re.compile(
    r"\b(?P<owner>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:[’']s)?\s+(?P<kind>(?i:" + "|".join(_MINISTRY_KINDS)
    + r"))\s+(?i:ministry)\b")
_STATE_ACRONYM = re.compile(r"\b(?P<owner>[A-Z][\w-]+(?: [A-Z][\w-]+)?)[’']s\s+(?P<acronym>[A-Z]{2,6})\b(?![’'-])")
_FACILITY = re.compile(r"\b((?:[A-Z][\w’'\-]+\s+){1,4}(?:Airport|Port|Seaport|Mine|Dam|Airbase|Air Base|"
                       r"Naval Base|Refinery|Terminal|Port Authority|Palace|Stadium|Hotel|Embassy))\b")
# "the Kamal Khan dam", "the Milak border crossing", "the 120 MW Sampur solar power project":
# a site named by a proper name and a common noun saying what it is.
_SITE_KINDS = {**dict.fromkeys("""dam barrage tunnel palace refinery terminal airport airbase plant
    station mine port bridge motorway highway canal hospital""".split(), "Facility"),
               **dict.fromkeys(["border post", "border crossing", "crossing", "checkpoint", "gas field",
                                "oil field", "oilfield", "field"], "Place"),
               "project": "Project"}
_NAMED_SITE = re.compile(
    r"\b[Tt]he\s+(?:(?:[\d,.]+|[A-Z]?[a-z][\w-]*|MW|GW|km)\s+){0,3}?"
    r"(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2})\s+(?P<mods>(?:[a-z][a-z-]+\s+){0,2}?)"
    r"(?P<kind>" + "|".join(sorted(map(re.escape, _SITE_KINDS), key=len, reverse=True)) + r")"
    r"(?P<project>\s+project)?\b")
# "Afghanistan's Paktika province", "Besham, a town in the Shangla district": places named
# with what kind of place they are.
_KIND_OF_PLACE = re.compile(
    r"(?:\b(?P<owner>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:’s|'s)\s+(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+"
    r"(?P<kind>province|district|region|valley|city|town)\b)|"
    r"(?:\b(?P<name2>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?),\s+(?:a|the)\s+(?P<kind2>town|city|village|district|"
    r"province|region|port city)\s+(?:in|of)\s)")
# "Fly Jinnah — a joint venture of Sharjah-based Air Arabia and Pakistan's Lakson Group":
# the venture and its partners are companies, whatever their names' last words.
# A bracketed word inside a name is part of it ("Adani Power (Jharkhand) Limited"); one at its
# end is an acronym ("Fly Jinnah (FJ)").
_COMPANY_NAME = (r"[A-Z](?:[\w&’'-]|\.(?=\w))*(?:\s+(?:[A-Z](?:[\w&’'-]|\.(?=\w))*|\([A-Z][\w-]*\)(?=\s+[A-Z])|of|"
                 r"and(?=\s+[A-Z]\w*\s+[A-Z]))){0,4}")
_VENTURE = re.compile(
    rf"(?P<owned>{_COMPANY_NAME})(?:\s*\([A-Z][\w&-]*\))?(?:,|\s[—–])\s+(?:a|the)\s+(?:\d+:\d+\s+|equal\s+)?"
    rf"joint venture\s+(?:of|between)\s+(?:[\w-]+-based\s+|the\s+)?(?P<first>{_COMPANY_NAME})\s+and\s+"
    rf"(?:[\w-]+-based\s+|the\s+)?(?P<second>{_COMPANY_NAME})")
# "Lanka IOC, the local subsidiary of the Indian Oil Corporation": a subsidiary is a company.
_SUBSIDIARY = re.compile(rf"(?P<name>{_COMPANY_NAME}),\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){{0,3}}?subsidiary\s+of\b")
# "Galkynysh, one of the world's largest gas fields": a site named by what it holds.
_RESOURCE_SITE = re.compile(r"\b(?P<name>[A-Z][a-z][\w-]*(?:\s[A-Z][a-z][\w-]*)?),\s+(?:one of the|a|an|the)\s+"
                            r"(?:[\w’'-]+\s+){0,5}?(?:gas|oil|oilfield|copper|gold|coal|lithium|iron|mineral)"
                            r"(?:\s+and\s+\w+)?\s+(?:fields?|deposits?|mines?|reserves?|basins?)\b")
# "Sri Lanka's Eastern Province", "Kathmandu's Durbar Square": a place a known one owns, with
# its kind in its name.
_OWNED_PLACE = re.compile(r"\b(?P<owner>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)[’']s\s+"
                          r"(?P<name>(?:[A-Z][a-z]+\s){1,2}(?P<kind>Province|District|Region|Valley|Square|Bazaar|"
                          r"Island|Bay|Coast))\b")
_STAKE_IN = re.compile(r"\b(?:stake|share|interest)\s+in\s+(?:the\s+)?((?:[A-Z][\w’'-]+\s?){1,5})"
                       r"(?:(project|plant|power plant|mine|port|refinery|field|company|firm)\b)?")
_REGION_GOVERNMENT = re.compile(r"\b(?!The\b)([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:provincial\s+)?government\b")
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)[’']s\s+$")
_FAMILY = re.compile(r"\bthe ([A-Z][a-z]+) family\b")


# "Pakistan International Airlines Corporation Limited (PIACL)" is the airline known as
# "Pakistan International Airlines": a company's legal form is no part of what it is.
_LEGAL_SUFFIX = re.compile(r"\s+(?:(?:Corporation|Company|Co\.)\s+)?"
                           r"(?:Limited|Ltd\.?|Inc\.?|PLC|LLC|\(Private\) Limited|\(Pvt\.?\) Ltd\.?)$")


def _without_legal_form(name: str, *, keep_kind: bool = False) -> str:
    """'Indian Oil Corporation Limited' -> 'Indian Oil'; a bare 'Airblue Ltd' keeps its form.
    With `keep_kind`, only the legal form goes: 'Oil and Gas Development Company Limited' ->
    'Oil and Gas Development Company', a label to show."""
    bare = (_LEGAL_FORM if keep_kind else _LEGAL_SUFFIX).sub("", name)
    return bare if len(bare.split()) >= 2 else name


_LEGAL_FORM = re.compile(r"\s+(?:Limited|Ltd\.?|Inc\.?|PLC|LLC|\(Private\) Limited|\(Pvt\.?\) Ltd\.?)$")


def _initials(words: list[str]) -> str:
    out = []
    for word in words:
        if word.lower() in NAME_JOINERS:
            continue
        if "/" in word:  # "Asia/Pacific": A, P
            out.extend(part[:1] for part in word.split("/"))
            continue
        letters = word.replace(".", "").strip("()")
        out.append(letters if letters.isupper() and len(letters) <= 4 else letters[:1])
    return "".join(out).upper()


def acronym_definitions(text: str) -> list[tuple[int, int, str, str]]:
    """'Frontier Works Organisation (FWO)' -> (start, end, 'Frontier Works Organisation', 'FWO').

    The long form is the shortest run of words before the brackets whose initials spell
    the acronym ('US Strategic Metals (USSM)': U.S. + S + M), so leading words such as
    "Pakistan's" stay out of the name.
    """
    found = []
    for match in _ACRONYM_DEF.finditer(text):
        words = match.group(1).split()
        acronym = match.group(2).rstrip(".")
        if " " in acronym:  # 'Telenor Kenya (Private) Limited ("Telenor Kenya")': a short name it begins with
            i = next((i for i in range(len(words)) if " ".join(words[i:]).startswith(acronym + " ")), None)
            if i is not None:
                long_form = " ".join(words[i:])
                start = match.start(1) + match.group(1).rfind(long_form)
                found.append((start, match.end(), long_form, acronym))
            continue
        target = re.sub(r"[^A-Z]", "", acronym.upper())
        for i in range(len(words) - 1, -1, -1):
            if words[i] in NAME_STOPWORDS or words[i].lower() in NAME_JOINERS:
                continue
            tail = words[i:]
            got = _initials(tail)
            # "Asia/Pacific Group on Money Laundering (APG)": the acronym may leave out what
            # the body works 'on'
            on = next((k for k, w in enumerate(tail) if w in ("on", "for") and k > 0), None)
            # "Kenya Power and Lighting Company Limited (KPLC)", "Gas & Oil Kenya Ltd (GO)": the acronym
            # may leave out a legal form, and one word before it
            formal = len(tail) >= 3 and bool(_LEGAL_SUFFIX.search(" " + tail[-1]))
            short = formal and target in (_initials(tail[:-1]), _initials(tail[:-2]))
            if got == target or short or (len(target) >= 3 and got.replace("S", "") == target.replace("S", "")
                                 and got[0] == target[0]) or (on is not None and _initials(tail[:on]) == target):
                # "the Defence Research and Development Organisation's (DRDO) missile": no "'s" in the name
                long_form = re.sub(r"[’']s$", "", " ".join(tail).rstrip(","))
                start = match.start(1) + match.group(1).rfind(long_form)
                found.append((start, match.end(), long_form, acronym))
                break
    return found


def type_for_name(name: str) -> str | None:
    """The class a new organisation's name implies, from its head word; None if it names no body."""
    words = [w if w in ORG_HEADS else w.strip("’'.,") for w in name.split()]  # "B.V." keeps its dots
    head = next((w for w in reversed(words) if w in ORG_HEADS), None)
    if len(words) > 2 and words[0] in ORG_HEADS and words[1] in ("of", "for", "on"):
        head = words[0]  # "Ministry of Mines and Petroleum" is a ministry, not a petroleum company
    if head is None:
        return None
    type_ = ORG_HEADS[head]
    if type_ == "Company" and re.search(rf"\b{head}\s+on\s", name):
        type_ = "Organization"  # "Group on Money Laundering": a body working on something sells nothing
    if head == "Bank" and {"Central", "Reserve", "National", "State"}.intersection(words):
        return "GovernmentAgency"  # "Central Bank of Sri Lanka", "State Bank of Pakistan"
    if type_ in ("GovernmentAgency", "Ministry") and INTELLIGENCE_WORDS.intersection(words):
        return "FusionCentre" if "Fusion" in words else "IntelligenceAgency"
    return type_


def discover(document: Document, gazetteer: Gazetteer) -> list[Entity]:
    """Add to `gazetteer` the organisations and people `document` introduces; return them.

    What a pass finds depends only on the text and the gazetteer, so once a pass over a
    text has changed nothing, the next one over it (`Extractor.extract` after a caller
    discovered the document itself) is skipped until the gazetteer changes.
    """
    if gazetteer.settled == (document.text, gazetteer.version):
        return []
    version = gazetteer.version
    found = _discover(document, gazetteer)
    if gazetteer.version == version:
        gazetteer.settled = (document.text, version)
    return found


def _discover(document: Document, gazetteer: Gazetteer) -> list[Entity]:
    text = document.text
    anchored = AnchoredText(text)  # patterns with literal cue words are matched only where those occur
    found: list[Entity] = []

    def evidence(start: int, end: int) -> Evidence:
        return Evidence(document.id, start, end, text[start:end])

    def learn(entity: Entity, *, state: str | None = None) -> None:
        gazetteer.add_entity(entity, state=state)
        found.append(entity)

    defined = acronym_definitions(text)
    for start, end, long_form, acronym in defined:
        slug = gazetteer.resolve(long_form) or gazetteer.resolve(_without_legal_form(long_form))
        if slug is not None:
            for name in (acronym, long_form):
                if gazetteer.resolve(name) is None:
                    gazetteer.add_alias(slug, name)
            continue
        type_ = type_for_name(long_form)
        if type_ is None:
            continue
        # "Gas & Oil Kenya Ltd (GO)" is the company "Gas & Oil Kenya"
        label = _without_legal_form(long_form, keep_kind=True) if type_ == "Company" else long_form
        aliases = (acronym,) if label == long_form else (acronym, long_form)
        entity = Entity(slugify(acronym if len(acronym) >= 3 and " " not in acronym else label), type_, label,
                        aliases, evidence(start, end))
        if entity.slug in gazetteer.entities:  # acronym slug taken by another entity
            entity = Entity(slugify(label), type_, label, aliases, entity.evidence)
        learn(entity)

    for pattern in (_MINISTRY_OF, _HEADED_NAME):
        for match in anchored.finditer(pattern):
            tail_of = re.search(r"(?:\b([A-Z][\w-]*)|\band)\s+$", text[:match.start()])
            if pattern is _MINISTRY_OF and tail_of and tail_of.group(1) not in NAME_STOPWORDS:
                continue  # the tail of a longer name: "Securities and Exchange Commission of Pakistan"
            for name in map(_trim_name, _split_coordinated(_trim_name(match.group(1)), gazetteer)):
                if not name or len(name.split()) < 2 or _known_suffix(name, gazetteer):
                    continue
                if any(gazetteer.resolve(part) for w in name.split() if "/" in w for part in w.split("/")):
                    continue  # "IMF/World Bank": two known bodies, not a bank of that name
                type_ = type_for_name(name)
                if type_ is None or _starts_sentence_only(name) or _OFFICE_WORDS.intersection(name.split()):
                    continue  # "the Minister for Finance and Revenue" is an office, not a body
                start = match.start(1) + match.group(1).find(name)
                if any(d_start <= start < d_end for d_start, d_end, _, _ in defined):
                    continue  # part of a name defined with its acronym ("Saudi Fund for Development (SFD)")
                if re.search(r"\b(?:as|designated)\s+an?\s+$", text[max(0, start - 20):start]):
                    continue  # "designated … as a Foreign Terrorist Organization": a category, not a body
                short = _short_name(name, type_, gazetteer)
                owned = _OWNER_BEFORE.search(text, max(0, start - 40), start)
                state = owning_state(owned.group(1), gazetteer) if owned else None
                if state and state_body(gazetteer, state, name):
                    state = None  # "Pakistan's Ministry of Foreign Affairs": matching finds the reference's
                # "Afghanistan's Ministry of Mines and Petroleum": a body of that state is also
                # known by the phrase, so it stays apart from another state's body of that name
                qualified = (text[owned.start(1):start + len(name)]
                             if state and type_ in ("Ministry", "GovernmentAgency") else None)
                entity = Entity(slugify(name), type_, name, tuple(a for a in (short, qualified) if a),
                                evidence(start, start + len(name)))
                learn(entity)

    for match in _STATE_MINISTRY.finditer(text):
        # "Qatar's foreign ministry", "the Taliban's interior ministry": a ministry of a state
        # the reference data gives none of that kind
        state = owning_state(match.group("owner"), gazetteer)
        if state is None:
            continue
        kind = _MINISTRY_KINDS[match.group("kind").lower()]
        phrase = match.group(0)
        if gazetteer.resolve(phrase) is not None:
            continue
        known = next((k.slug for k in gazetteer.entities.values() if k.state == state and k.type == "Ministry"
                      and kind.split()[0] in k.label), None)
        if known is not None:  # the reference has it: this phrase names it too
            gazetteer.add_alias(known, phrase)
            continue
        label = f"Ministry of {kind} of {gazetteer.entities[state].label}"
        entity = Entity(slugify(label), "Ministry", label, (phrase,), evidence(match.start(), match.end()))
        learn(entity, state=state)

    for match in _STATE_ACRONYM.finditer(text):
        # "India's NTPC", "Pakistan's OGRA": an unknown acronym a state owns names a body of it
        state = owning_state(match.group("owner"), gazetteer)
        acronym = match.group("acronym")
        if state is None or gazetteer.resolve(acronym) is not None or acronym in gazetteer.demonyms:
            continue
        entity = Entity(slugify(acronym), "Organization", acronym, (), evidence(match.start("acronym"),
                                                                                match.end("acronym")))
        learn(entity, state=state)

    for match in _FACILITY.finditer(text):
        name = _trim_name(match.group(1))
        if len(name.split()) < 2 or gazetteer.resolve(name) is not None:
            continue
        entity = Entity(slugify(name), "Facility", name, (), evidence(match.start(1), match.end(1)))
        learn(entity)

    for match in _NAMED_SITE.finditer(text):
        name = match.group("name")
        words = name.split()
        if (gazetteer.resolve(name) is not None or any(w in NOT_PLACES or w in gazetteer.demonyms
                                                       or gazetteer.resolve(w) for w in words)
                or _OWNS_NAME.fullmatch(words[-1]) or words[-1].endswith(("’s", "'s"))):
            continue  # "the Karachi port" is Karachi's; "the Pakistani port" no name at all
        label = text[match.start("name"):match.end()]
        if gazetteer.resolve(label) is not None:
            continue
        kind = match.group("kind")
        type_ = "Project" if match.group("project") else _SITE_KINDS[kind]
        # "Milak" alone is the crossing later on; a two-word name may be someone's ("Kamal Khan")
        aliases = (name,) if len(words) == 1 and type_ == "Place" else ()
        entity = Entity(slugify(label), type_, label, aliases, evidence(match.start("name"), match.end()))
        learn(entity)

    for match in _KIND_OF_PLACE.finditer(text):
        name = match.group("name") or match.group("name2")
        kind = match.group("kind") or match.group("kind2")
        if gazetteer.resolve(name) is not None or name.split()[0] in NOT_PLACES:
            continue
        owner = match.group("owner")
        if owner and gazetteer.entities.get(gazetteer.resolve(owner) or "", None) is None:
            continue
        type_ = "Region" if kind in ("province", "district", "region", "valley") else "City"
        start = match.start("name") if match.group("name") else match.start("name2")
        entity = Entity(slugify(name), type_, name, (), evidence(start, start + len(name)))
        learn(entity)

    ventures = [(m, ("owned", "first", "second")) for m in _VENTURE.finditer(text)]
    for match, roles in [*ventures, *((m, ("name",)) for m in anchored.finditer(_SUBSIDIARY))]:
        for role in roles:
            name = _trim_name(match.group(role))
            words = name.split()
            if (not words or gazetteer.resolve(name) is not None or owning_state(name, gazetteer)
                    or any(w in NAME_STOPWORDS or w in NOT_PLACES for w in words)
                    or _LEGAL_SUFFIX.fullmatch(" " + name)):
                continue  # a legal form alone ("Limited") names no company
            start = match.start(role) + match.group(role).find(name)
            entity = Entity(slugify(name), "Company", name, (), evidence(start, start + len(name)))
            learn(entity)

    for match in _RESOURCE_SITE.finditer(text):
        name = match.group("name")
        if gazetteer.resolve(name) is None and name.split()[0] not in NOT_PLACES and name not in gazetteer.demonyms:
            entity = Entity(slugify(name), "Place", name, (), evidence(match.start("name"), match.end("name")))
            learn(entity)

    for match in _OWNED_PLACE.finditer(text):
        owner = gazetteer.resolve(match.group("owner"))
        name = match.group("name")
        if (owner is None or gazetteer.entities[owner].type not in ("State", "City", "Region")
                or gazetteer.resolve(name) is not None or name.split()[0] in NOT_PLACES):
            continue
        type_ = "Region" if match.group("kind") in ("Province", "District", "Region", "Valley") else "Place"
        entity = Entity(slugify(name), type_, name, (), evidence(match.start("name"), match.end("name")))
        learn(entity)

    for match in _SITES_LIST.finditer(text):
        # "Iran's nuclear sites at Fordow, Natanz and Isfahan": places of a named state
        if owning_state(match.group("state"), gazetteer) is None:
            continue
        for name in re.findall(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", match.group("names")):
            if gazetteer.resolve(name) is None and name.split()[0] not in NOT_PLACES:
                start = match.start("names") + match.group("names").find(name)
                entity = Entity(slugify(name), "Place", name, (), evidence(start, start + len(name)))
                learn(entity)

    # Twice: "near Besham in the Shangla district of Khyber Pakhtunkhwa" places Shangla
    # first, and only then Besham.
    for _ in range(2):
        for match in _PLACE_IN.finditer(text):
            name, container = match.group("name"), match.group("container")
            inside = gazetteer.resolve(container) or gazetteer.resolve(container.split()[0])
            if (inside is None or gazetteer.entities[inside].type not in ("State", "Region", "City")
                    or gazetteer.resolve(name) is not None or name.split()[0] in NOT_PLACES):
                continue
            kind = "Region" if match.group("part") else "City" if match.group("city") else "Place"
            entity = Entity(slugify(name), kind, name, (), evidence(match.start("name"), match.end("name")))
            learn(entity)

    for match in anchored.finditer(_STAKE_IN):
        # "a 51% stake in the Port Qasim power plant": what is owned, even if never named before
        name = re.split(r"[’']s\b", match.group(1))[0].strip()  # "a stake in WLF's holding company"
        if gazetteer.resolve(name) is None and name.split()[0] not in NOT_PLACES and len(name) > 3:
            kind = (match.group(2) or "").lower()
            type_ = "Company" if kind in ("company", "firm") else "Facility" if kind in (
                "plant", "power plant", "port", "refinery", "mine", "field") else "Project"
            label = f"{name} {kind}".strip() if kind else name
            entity = Entity(slugify(label), type_, label, (name,) if kind else (),
                            evidence(match.start(1), match.start(1) + len(label)))
            learn(entity)

    for match in _REGION_GOVERNMENT.finditer(text):
        region = gazetteer.resolve(match.group(1))
        if region is None or gazetteer.entities[region].type != "Region":
            continue
        label = f"Government of {gazetteer.entities[region].label}"
        if gazetteer.resolve(label) is None:
            entity = Entity(slugify(label), "GovernmentAgency", label, (match.group(0).removeprefix("the ").strip(),),
                            evidence(match.start(1), match.end()))
            learn(entity, state=gazetteer.entities[region].located_in)

    for match in anchored.finditer(_FAMILY):
        name = f"{match.group(1)} family"
        if gazetteer.resolve(name) is None:
            entity = Entity(slugify(name), "Family", name, (), evidence(match.start(1), match.end()))
            learn(entity)

    people = [*anchored.finditer(_TITLED_PERSON), *_PERSON_APPOSITIVE.finditer(text), *_COUNTERPART.finditer(text),
              *_PERSON_DESCRIBED.finditer(text), *anchored.finditer(_HEADED_BY_PERSON)]
    actors = _actors(gazetteer) if people else set()  # once, not per person
    for match in people:
        name = re.sub(r"[’']s?$", "", match.group(1).strip())
        words = name.split()
        while words:  # "Field Marshal Asim Munir", "Pakistan Prime Minister …", "The …": no first names
            title = _LEADING_TITLE.match(" ".join(words))
            if title:
                words = " ".join(words)[title.end():].split()
            elif words[0] in NOT_PLACES or words[0] == "Mullah" or (
                    gazetteer.resolve(words[0]) is not None
                    and gazetteer.entities[gazetteer.resolve(words[0])].type != "Person"):
                words.pop(0)  # but "Chowdhury Abdullah Al-Mamun" keeps a first name that is someone's surname
            else:
                break
        if len(words) < 2:
            continue
        name = " ".join(words)
        start = match.start(1) + match.group(1).find(name)
        whole = _PERSON_NAME_AT.match(text, start)
        if whole and match.group(1).find(name) >= 0 and whole.end() > start + len(name) == match.end(1):
            # "Air Chief Marshal Amar Preet Singh": the title took words the name was allowed
            name = re.sub(r"[’']s?$", "", whole.group(0))
        known = gazetteer.resolve(name)
        if known is not None or gazetteer.resolve(name.split()[-1]) in actors:
            continue
        if any(w in NAME_STOPWORDS or w in _NOT_NAME_WORDS for w in name.split()):
            continue  # "Chief Executive Officer", "the Federal Cabinet, chaired by …": no person
        surname = name.split()[-1]
        # The surname alone finds the person later in the text, unless it already names someone.
        aliases = (surname,) if gazetteer.resolve(surname) is None else ()
        entity = Entity(slugify(name), "Person", name, aliases, evidence(start, start + len(name)))
        learn(entity)
    return found


def owning_state(name: str, gazetteer: Gazetteer) -> str | None:
    """The state a name stands for as an owner: 'Qatar', 'Pakistani', or a group that runs
    a government ('the Taliban's interior ministry' is Afghanistan's)."""
    state = gazetteer.demonyms.get(name) or gazetteer.resolve(name)
    state = GOVERNING_GROUPS.get(state or "", state)
    return state if state is not None and gazetteer.entities[state].type == "State" else None


# Trades a company name joins to another ("Petroleum and Gas Co", "Oil and Gas Development Company").
_TRADES = frozenset("Gas Oil Petroleum Chemical Chemicals Power Mining Minerals Energy Steel Trading".split())


def _split_coordinated(name: str, gazetteer: Gazetteer | None = None) -> list[str]:
    """'Barrick Gold and Antofagasta Minerals' names two companies; 'Oil and Gas Development
    Company' one: split at 'and' only where the part before it already ends in a head word,
    or where what follows 'and' is a name already known ("the Ministry of Energy and Sinopec"),
    or where what comes before it is a known company ("IOC and Bharat PetroResources Limited")."""
    parts = name.split(" and ")
    if len(parts) == 2 and len(parts[1].split()) >= 2 and (
            (parts[0].split()[-1] in ORG_HEADS and parts[1].split()[0] not in _TRADES)
            or re.match(r"\S+[’']s\s", parts[1])):
        return parts  # also "Air Arabia and Pakistan's Lakson Group": an owner starts a second name
    known = gazetteer.resolve(parts[-1]) if len(parts) >= 2 and gazetteer is not None else None
    if known is not None and gazetteer.entities[known].type in ACTOR_TYPES:
        return [" and ".join(parts[:-1])]
    first = gazetteer.resolve(parts[0]) if len(parts) == 2 and gazetteer is not None else None
    if first is not None and len(parts[1].split()) >= 2 and gazetteer.entities[first].type in (
            "Company", "Organization"):
        # "a joint venture between IOC and Bharat PetroResources Limited": a company already
        # known before 'and' is a partner, not the start of one long name
        return [parts[1]]
    return [name]


def _short_name(name: str, type_: str, gazetteer: Gazetteer) -> str | None:
    """'Barrick Gold' is 'Barrick' on second mention, 'Manara Minerals' 'Manara': a company
    name without its head word, when what is left is a name of its own (one distinctive
    capitalised word) that names nothing else."""
    words = name.split()
    if type_ != "Company" or len(words) != 2 or words[1] not in ORG_HEADS:
        return None
    short = words[0]
    if (len(short) < 4 or not re.fullmatch(r"[A-Z][a-z][\w-]*", short) or short in NOT_PLACES
            or short in ORG_HEADS or gazetteer.resolve(short) is not None or short in gazetteer.demonyms):
        return None
    return short


def _known_suffix(name: str, gazetteer: Gazetteer) -> bool:
    """'US Central Intelligence Agency' is the CIA: some tail of the name is already known.
    A tail after 'of' is what the body is of, not the body: "Board of Investment of Sri Lanka"."""
    words = name.split()
    return any(gazetteer.resolve(" ".join(words[i:])) is not None for i in range(len(words) - 1)
               if i == 0 or words[i - 1] not in ("of", "for"))


def _actors(gazetteer: Gazetteer) -> set[str]:
    return {slug for slug, k in gazetteer.entities.items() if k.type in ACTOR_TYPES and k.type != "Person"}


# Possessives inside a name, never an owner before it.
_OWNS_NAME = re.compile(r"(?:People|Peoples|Workers|Women|Children|Farmers|Veterans|Citizens)[’']s?")


def _trim_name(name: str) -> str:
    """Drop leading articles, possessives and known actor words: "Pakistan's Frontier Works
    Organisation" -> "Frontier Works Organisation"."""
    if re.search(r"\w{2}\. ", name):  # "Monday. The Saudi Fund": a name never spans two sentences
        name = re.split(r"(?<=\w{2})\. ", name)[-1]
    words = name.split()
    possessive = next((i for i, w in enumerate(words[:3]) if w.endswith(("’s", "'s"))), None)
    if possessive is not None and not _OWNS_NAME.fullmatch(words[possessive]):
        # "Saudi Arabia's Manara Minerals" -> "Manara Minerals"; but "National People's Congress"
        words = words[possessive + 1:]
    while words and (words[0] in NAME_STOPWORDS or words[0].lower() in NAME_JOINERS or words[0].endswith("-based")):
        words.pop(0)  # "Sharjah-based Air Arabia" -> "Air Arabia"
    return " ".join(words)


def _starts_sentence_only(name: str) -> bool:
    """A one-capitalised-word 'name' ('Security Council') is fine; 'Both Board' is not a name."""
    return name.split()[0] in NAME_STOPWORDS
