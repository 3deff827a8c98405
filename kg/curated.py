"""Curated annotations (`<name>.facts.yaml`, docs/annotations.md) -> entities and facts.

Each quote is located in the document text; a quote that is not there stops the load
with the annotation file and line, so a typo never becomes a fact without evidence.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from .documents import Document
from .errors import KGError
from .facts import ENTITIES, ENTITY, MODALITIES, NUMBER, RELATIONS, TOPICS, Entity, Evidence, Fact
from .gazetteer import Gazetteer
from .namespaces import slugify


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line each mapping starts on (as '__line__')."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def annotation_path(document_path: Path) -> Path | None:
    """The curated annotations beside a document: `<name>.facts.yaml` or `<name>.facts.ttl`."""
    for suffix in (".facts.yaml", ".facts.yml", ".facts.ttl"):
        candidate = document_path.with_name(document_path.name.split(".")[0] + suffix)
        if candidate.is_file():
            return candidate
    return None


def _topic(name: str) -> str:
    return "".join(part.capitalize() for part in str(name).replace("-", " ").split())


def load_annotations(path: Path, document: Document, gazetteer: Gazetteer) -> tuple[list[Entity], list[Fact]]:
    """Read `path` for `document`; declared entities join `gazetteer`."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KGError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=path,
                      line=mark.line + 1 if mark else None) from exc
    except (ValueError, TypeError, IndexError, RecursionError) as exc:  # values PyYAML cannot build
        raise KGError(f"not valid YAML: a value cannot be read ({exc})", path=path) from exc
    if not isinstance(data, dict):
        raise KGError("expected a mapping with 'entities' and 'facts'", path=path)

    entities = []
    for item in data.get("entities") or []:
        line = item.get("__line__")
        if not item.get("label") or not item.get("type"):
            raise KGError("an entity needs 'label' and 'type'", path=path, line=line)
        aliases = tuple(item.get("aliases") or ())
        # An entity the gazetteer already knows by any of these names keeps its slug, so
        # curated and extracted facts about "FWO" name one node.
        slug = next((s for s in map(gazetteer.resolve, (item["label"], *aliases)) if s), None)
        entity = Entity(slug or slugify(item["label"]), item["type"], item["label"], aliases)
        if slug and gazetteer.entities[slug].from_reference:
            for alias in (item["label"], *aliases):
                gazetteer.add_alias(slug, alias)
        else:
            gazetteer.add_entity(entity, state=item.get("agencyOf") and gazetteer.resolve(item["agencyOf"]))
        entities.append(entity)

    facts = []
    for item in data.get("facts") or []:
        facts.append(_fact(item, path, document, gazetteer))
    return entities, facts


def _fact(item: dict[str, Any], path: Path, document: Document, gazetteer: Gazetteer) -> Fact:
    line = item.get("__line__")

    def fail(message: str) -> KGError:
        return KGError(message, path=path, line=line)

    relation = RELATIONS.get(item.get("relation", ""))
    if relation is None:
        raise fail(f"unknown relation {item.get('relation')!r}; expected one of {', '.join(RELATIONS)}")
    quote = item.get("quote")
    if not quote:
        raise fail("fact has no quote")
    occurrence = int(item.get("occurrence", 1))
    start = -1
    for _ in range(occurrence):
        start = document.text.find(quote, start + 1)
        if start < 0:
            raise fail(f"quote not found in {document.path or document.id}: {quote[:80]!r}")
    modality = str(item.get("modality", "asserted"))
    if modality not in MODALITIES:
        raise fail(f"modality {modality!r} is not one of {', '.join(MODALITIES)}")

    def entity(name: Any) -> str:
        slug = gazetteer.resolve(str(name))
        if slug is None:
            slug = slugify(str(name))
            gazetteer.add_entity(Entity(slug, "Organization", str(name)))
        return slug

    roles: dict[str, Any] = {}
    for role, kind in relation.roles.items():
        value = item.get(role)
        if value is None:
            continue
        if kind == ENTITY:
            roles[role] = entity(value)
        elif kind == ENTITIES:
            roles[role] = tuple(entity(v) for v in (value if isinstance(value, list) else [value]))
        elif kind == TOPICS:
            roles[role] = tuple(_topic(v) for v in (value if isinstance(value, list) else [value]))
        elif kind == NUMBER:
            try:
                roles[role] = float(value)
            except (TypeError, ValueError):
                raise fail(f"{role} must be a number, not {value!r}") from None
        else:
            roles[role] = str(value)
    try:
        return Fact(relation.name, roles, Evidence(document.id, start, start + len(quote), quote), modality,
                    float(item.get("confidence", 1.0)), "curated")
    except ValueError as exc:
        raise fail(str(exc)) from None


# --- annotations in Turtle -----------------------------------------------------------------------

def load_turtle_annotations(path: Path, document: Document, gazetteer: Gazetteer) -> list[tuple]:
    """Hand-checked facts written in RDF, for analysts who curate with RDF tools.

    The file uses the vocabulary the graph stores, but an assertion carries its quote
    (`sc:quote`) instead of a span; the loader finds the quote in the text and writes the
    span, so offsets cannot be mistyped::

        [] rdf:subject id:ISI ; rdf:predicate sc:agencyOf ; rdf:object id:Pakistan ;
           sc:assertion [ sc:quote "its Pakistani counterpart Inter-Services Intelligence (ISI)" ;
                          sc:modality sc:Asserted ] .

    Typed entities with labels in the file join the gazetteer. Returns the triples for the
    document's graph: the stated triples, their statements and assertions, and the spans.
    """
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS, XSD

    from .namespaces import ID, SC, document_iri, span_iri
    from .rdfio import read_rdf_file

    graph = read_rdf_file(path)
    gazetteer.add_graph(graph)
    out: list[tuple] = []
    for statement in set(graph.subjects(RDF.predicate, None)):
        s, p, o = (graph.value(statement, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assertion = graph.value(statement, SC.assertion)
        quote = graph.value(assertion, SC.quote) if assertion is not None else None
        if None in (s, p, o) or quote is None:
            raise KGError("every statement needs rdf:subject, rdf:predicate, rdf:object and an "
                          "sc:assertion with an sc:quote", path=path)
        start = document.text.find(str(quote))
        if start < 0:
            raise KGError(f"quote not found in {document.path or document.id}: {str(quote)[:80]!r}", path=path)
        end = start + len(str(quote))
        span = span_iri(document.id, start, end)
        digest = hashlib.sha1(f"{s}|{p}|{o.n3()}|{start}|{end}".encode()).hexdigest()[:16]
        reading = URIRef(f"{document_iri(document.id)}#curated-{digest}")
        node = BNode() if isinstance(statement, BNode) else statement
        out += [(s, p, o), (node, RDF.type, RDF.Statement), (node, RDF.subject, s), (node, RDF.predicate, p),
                (node, RDF.object, o), (node, SC.assertion, reading),
                (reading, RDF.type, SC.Assertion), (reading, SC.evidence, span),
                (reading, SC.modality, graph.value(assertion, SC.modality) or SC.Asserted),
                (reading, SC.confidence, graph.value(assertion, SC.confidence) or Literal("1", datatype=XSD.decimal)),
                (reading, SC.method, Literal("curated")),
                (span, RDF.type, SC.TextSpan), (span, SC.document, document_iri(document.id)),
                (span, SC.quote, Literal(str(quote))), (span, SC.start, Literal(start, datatype=XSD.integer)),
                (span, SC.end, Literal(end, datatype=XSD.integer))]
    for entity, cls in graph.subject_objects(RDF.type):
        if isinstance(entity, URIRef) and entity.startswith(str(ID)):
            out.append((entity, RDF.type, cls))
            # skos:prefLabel marks a described entity, so later documents' gazetteers find it
            out += [(entity, p, label) for label in graph.objects(entity, RDFS.label) for p in (RDFS.label,
                                                                                           SKOS.prefLabel)]
    return out
