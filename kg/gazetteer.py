"""The gazetteer: every name the system knows, with its entity, type and aliases.

It starts from the reference data and grows with every entity a document introduces
(DESIGN §4: "FWO" in one report and "Frontier Works Organisation (FWO)" in another are
one entity). Matching is spaCy's PhraseMatcher over a blank English tokenizer: names
that carry case (acronyms such as "US", "IB", "ISI") match case-sensitively, other
names case-insensitively, so "US" is not "us".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .facts import Entity
from .namespaces import ID, SC

# Types whose members act in the world (used for metonymy and party detection).
ACTOR_TYPES = frozenset({
    "State", "Organization", "GovernmentAgency", "SecurityAgency", "IntelligenceAgency",
    "FusionCentre", "Ministry", "ArmedForces", "Company", "ArmedGroup", "InternationalGroup",
    "Delegation", "Person", "Family"})
AGENCY_TYPES = frozenset({"GovernmentAgency", "SecurityAgency", "IntelligenceAgency",
                          "FusionCentre", "Ministry", "ArmedForces"})
PLACE_TYPES = frozenset({"State", "Region", "City", "Facility", "Place"})


@dataclass
class Known:
    """What the gazetteer knows of one entity."""

    slug: str
    type: str
    label: str
    names: set[str] = field(default_factory=set)
    state: str | None = None        # for agencies: the state they belong to
    capital_of: str | None = None   # for capitals: their state
    located_in: str | None = None
    citizen_of: str | None = None   # for people: their state (reference data)
    demonyms: set[str] = field(default_factory=set)
    from_reference: bool = False


def is_case_sensitive(name: str) -> bool:
    """Acronyms and words with inner capitals match exactly ('US', 'IS-K', 'U.S.', 'McCaul');
    other names, 'Finance Ministry' among them, match in any case ('the finance ministry')."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 or name.isupper():
        return True
    return any(any(c.isupper() for c in word[1:]) for word in name.split())


class Gazetteer:
    """Names to entities. Cheap to copy per document, so one document's discoveries
    never leak into another's extraction except through the store."""

    def __init__(self) -> None:
        self.entities: dict[str, Known] = {}
        self._by_name: dict[str, str] = {}       # exact name -> slug
        self._by_lower: dict[str, str] = {}      # lower-case name -> slug (case-insensitive names)
        self.demonyms: dict[str, str] = {}       # "Pakistani" -> "Pakistan"
        self._slug_lower: dict[str, str] = {}    # "frontier_works_organisation" -> slug
        self.version = 0                         # bumped by every change
        self.settled: tuple[str, int] | None = None  # (text, version): discovery found nothing new there

    # --- building ---------------------------------------------------------------

    @classmethod
    def from_graph(cls, graph: Graph, *, reference: bool = True) -> Gazetteer:
        gaz = cls()
        gaz.add_graph(graph, reference=reference)
        return gaz

    def add_graph(self, graph: Graph, *, reference: bool = False) -> None:
        """Add every typed entity of `graph` (reference data, or entities found in the store)."""
        for subject, cls in graph.subject_objects(RDF.type):
            if not (isinstance(subject, URIRef) and subject.startswith(str(ID))
                    and cls.startswith(str(SC))):
                continue
            slug = subject.removeprefix(str(ID))
            type_ = cls.removeprefix(str(SC))
            label = graph.value(subject, SKOS.prefLabel) or graph.value(subject, RDFS.label) or slug
            names = {str(n) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                     for n in graph.objects(subject, p)}
            known = self._ensure(slug, type_, str(label), reference)
            for name in names:
                self._index(name, known)
            state = graph.value(subject, SC.agencyOf)
            if state is not None:
                known.state = state.removeprefix(str(ID))
            citizen = graph.value(subject, SC.citizenOf)
            if citizen is not None:
                known.citizen_of = citizen.removeprefix(str(ID))
            located = graph.value(subject, SC.locatedIn)
            if located is not None:
                known.located_in = located.removeprefix(str(ID))
            for demonym in graph.objects(subject, SC.demonym):
                known.demonyms.add(str(demonym))
                self.demonyms[str(demonym)] = slug
        for state, city in graph.subject_objects(SC.capital):
            city_slug = city.removeprefix(str(ID))
            if city_slug in self.entities:
                self.entities[city_slug].capital_of = state.removeprefix(str(ID))
        self.version += 1

    def add_entity(self, entity: Entity, *, state: str | None = None) -> Known:
        """Add or update a document's entity; the latest declaration's type and label win
        (curated annotations load after discovery), reference entities keep theirs."""
        known = self._ensure(entity.slug, entity.type, entity.label, False)
        if not known.from_reference:
            known.type, known.label = entity.type, entity.label
        for name in (entity.label, *entity.aliases):
            self._index(name, known)
        if state:
            known.state = state
        self.version += 1
        return known

    def add_alias(self, slug: str, name: str) -> None:
        self._index(name, self.entities[slug])
        self.version += 1

    def _ensure(self, slug: str, type_: str, label: str, reference: bool) -> Known:
        known = self.entities.get(slug)
        if known is None:
            known = self.entities[slug] = Known(slug, type_, label, from_reference=reference)
            self._slug_lower.setdefault(slug.lower(), slug)
        elif reference:
            known.from_reference = True
        known.names.add(label)
        return known

    def _index(self, name: str, known: Known) -> None:
        name = name.strip()
        if not name:
            return
        known.names.add(name)
        self._by_name.setdefault(name, known.slug)
        if not is_case_sensitive(name):
            self._by_lower.setdefault(name.lower(), known.slug)

    def copy(self) -> Gazetteer:
        other = Gazetteer()
        other.entities = {k: Known(**{**v.__dict__, "names": set(v.names), "demonyms": set(v.demonyms)})
                          for k, v in self.entities.items()}
        other._by_name = dict(self._by_name)
        other._by_lower = dict(self._by_lower)
        other.demonyms = dict(self.demonyms)
        other._slug_lower = dict(self._slug_lower)
        other.version = self.version
        return other

    # --- looking up ---------------------------------------------------------------

    def resolve(self, name: str) -> str | None:
        """The slug a name stands for: exact name, then case-insensitive, then slug itself."""
        name = name.strip()
        slug = self._by_name.get(name) or self._by_lower.get(name.lower())
        if slug:
            return slug
        if name in self.entities:
            return name
        return self._slug_lower.get(name.replace(" ", "_").lower())

    def names(self) -> Iterable[tuple[str, str]]:
        """Every (name, slug) pair, for building matchers."""
        yield from self._by_name.items()

    def country_of(self, slug: str) -> str | None:
        """The state a place lies in, up its sc:locatedIn chain ('Natanz' -> Isfahan -> Iran)."""
        seen: set[str] = set()
        while slug not in seen and (known := self.entities.get(slug)) is not None:
            if known.type == "State":
                return slug
            seen.add(slug)
            if known.located_in is None:
                return known.capital_of
            slug = known.located_in
        return None

    def state_of(self, slug: str) -> str | None:
        """The state an actor stands for: itself, its capital's state, or its agency's state."""
        known = self.entities.get(slug)
        if known is None:
            return None
        if known.type == "State":
            return slug
        return known.capital_of or known.state
