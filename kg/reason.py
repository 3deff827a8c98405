"""The ontology's axioms compiled into SPARQL updates that the store runs to a fixpoint.

A general OWL reasoner is far too slow for a growing store (owlrl's OWL RL closure
takes seconds on ten thousand triples), and the product relies on a handful of axiom
kinds only. Each is turned into one INSERT … WHERE over all graphs, writing only
triples no graph holds yet into the inferred graph:

==========================  ===================================================
axiom                       rule
==========================  ===================================================
C rdfs:subClassOf D         ?x a C  ->  ?x a D      (closed over the hierarchy)
p rdfs:subPropertyOf q      ?x p ?y ->  ?x q ?y
p rdfs:domain C             ?x p ?y ->  ?x a C
p rdfs:range C              ?x p ?y ->  ?y a C      (object properties only)
p owl:inverseOf q           ?x p ?y ->  ?y q ?x     (and back)
p a owl:SymmetricProperty   ?x p ?y ->  ?y p ?x
p a owl:TransitiveProperty  ?x p ?y . ?y p ?z  ->  ?x p ?z
p owl:propertyChainAxiom    ?x q1 ?y . ?y q2 ?z  ->  ?x p ?z   (chains of two)
==========================  ===================================================

`tests/test_reason.py` checks that on the seed graph these rules derive what HermiT
derives for the same axioms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import INFERRED_GRAPH, ONTOLOGY_IRI, PROV
from .store import Store

_MAX_ROUNDS = 32


@dataclass(frozen=True)
class Rule:
    """One compiled axiom: a name for reports and the SPARQL update that applies it."""

    name: str
    update: str


# Inference is computed into a graph of its own and swapped in by one update at the end,
# so a process killed midway leaves the previous inferred graph whole.
NEXT_GRAPH = URIRef(f"{INFERRED_GRAPH}-next")


def _insert(name: str, head: str, body: str) -> Rule:
    """A rule inserting `head` into the next inferred graph where `body` holds and `head` is new.

    Every body pattern is matched in any named graph but the previous inferred one, so
    documents, reference data and this round's inferences combine; the head is skipped
    where some such graph already has it.
    """
    # The body is solved once per distinct conclusion: a fact repeated in many documents
    # would otherwise be joined (and checked) once per pair of graphs holding it, which on a
    # large store costs seconds and hundreds of megabytes for a handful of new triples.
    variables = " ".join(dict.fromkeys(re.findall(r"\?\w+", head)))
    return Rule(name, (
        f"INSERT {{ GRAPH {NEXT_GRAPH.n3()} {{ {head} }} }}\n"
        f"WHERE {{ {{ SELECT DISTINCT {variables} WHERE {{ {body} }} }} "
        f"FILTER NOT EXISTS {{ GRAPH ?_any {{ {head} }} FILTER(?_any != {INFERRED_GRAPH.n3()}) }} }}"
    ))


def _in_graph(pattern: str, var: str) -> str:
    return f"GRAPH ?{var} {{ {pattern} }} FILTER(?{var} != {INFERRED_GRAPH.n3()}) "


def _superclasses(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sub, set()).add(sup)
    closed: dict[URIRef, set[URIRef]] = {}
    for cls in direct:
        seen: set[URIRef] = set()
        todo = list(direct[cls])
        while todo:
            sup = todo.pop()
            if sup not in seen:
                seen.add(sup)
                todo.extend(direct.get(sup, ()))
        closed[cls] = seen
    return closed


def compile_rules(ontology: Graph) -> list[Rule]:
    """Turn the ontology's axioms into rules, in a stable order (pure: reads only `ontology`)."""
    rules: list[Rule] = []
    subclasses: dict[URIRef, set[URIRef]] = {}
    for cls, supers in _superclasses(ontology).items():
        for sup in supers:
            subclasses.setdefault(sup, set()).add(cls)
    for sup, subs in sorted(subclasses.items()):
        # One rule per ancestor, matching any of its descendants through VALUES.
        values = " ".join(c.n3() for c in sorted(subs))
        rules.append(_insert(f"subclass {sup.n3()}", f"?x a {sup.n3()}",
                             f"VALUES ?c {{ {values} }} " + _in_graph("?x a ?c", "g1")))
    for p, q in sorted(ontology.subject_objects(RDFS.subPropertyOf)):
        rules.append(_insert(f"subproperty {p.n3()} {q.n3()}", f"?x {q.n3()} ?y",
                             _in_graph(f"?x {p.n3()} ?y", "g1")))
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    for p, cls in sorted(ontology.subject_objects(RDFS.domain)):
        if isinstance(cls, URIRef):
            rules.append(_insert(f"domain {p.n3()}", f"?x a {cls.n3()}",
                                 _in_graph(f"?x {p.n3()} ?y", "g1")))
    for p, cls in sorted(ontology.subject_objects(RDFS.range)):
        if isinstance(cls, URIRef) and p in object_properties and cls != RDFS.Literal:
            rules.append(_insert(f"range {p.n3()}", f"?y a {cls.n3()}",
                                 _in_graph(f"?x {p.n3()} ?y", "g1") + "FILTER(!isLiteral(?y))"))
    for p, q in sorted(ontology.subject_objects(OWL.inverseOf)):
        rules.append(_insert(f"inverse {p.n3()} {q.n3()}", f"?y {q.n3()} ?x",
                             _in_graph(f"?x {p.n3()} ?y", "g1")))
        rules.append(_insert(f"inverse {q.n3()} {p.n3()}", f"?y {p.n3()} ?x",
                             _in_graph(f"?x {q.n3()} ?y", "g1")))
    for p in sorted(ontology.subjects(RDF.type, OWL.SymmetricProperty)):
        rules.append(_insert(f"symmetric {p.n3()}", f"?y {p.n3()} ?x",
                             _in_graph(f"?x {p.n3()} ?y", "g1")))
    for p in sorted(ontology.subjects(RDF.type, OWL.TransitiveProperty)):
        rules.append(_insert(f"transitive {p.n3()}", f"?x {p.n3()} ?z",
                             _in_graph(f"?x {p.n3()} ?y", "g1")
                             + _in_graph(f"?y {p.n3()} ?z", "g2") + "FILTER(?x != ?z)"))
    for p, chain_node in sorted(ontology.subject_objects(OWL.propertyChainAxiom)):
        chain = list(Collection(ontology, chain_node))
        if len(chain) != 2:
            raise ValueError(f"only property chains of two are compiled; {p} has {len(chain)}")
        q1, q2 = chain
        rules.append(_insert(f"chain {p.n3()}", f"?x {p.n3()} ?z",
                             _in_graph(f"?x {q1.n3()} ?y", "g1")
                             + _in_graph(f"?y {q2.n3()} ?z", "g2")))
    return rules


def _describe_inferred_graph() -> Iterable[tuple]:
    activity = URIRef(f"{INFERRED_GRAPH}#reasoning")
    yield INFERRED_GRAPH, RDF.type, PROV.Entity
    yield INFERRED_GRAPH, RDFS.label, Literal("facts inferred by reasoning", lang="en")
    yield INFERRED_GRAPH, PROV.wasGeneratedBy, activity
    yield activity, RDF.type, PROV.Activity
    yield activity, RDFS.label, Literal("compiled ontology rules run to a fixpoint", lang="en")
    yield activity, PROV.used, ONTOLOGY_IRI


def materialize(store: Store, rules: list[Rule]) -> int:
    """Recompute the inferred graph from scratch and return how many triples it holds.

    Starting from nothing keeps it honest after a document is removed: nothing inferred
    from a fact that is gone survives. The new graph replaces the old in one update.
    """
    store.update(f"DROP SILENT GRAPH {NEXT_GRAPH.n3()}")
    before = -1
    for _ in range(_MAX_ROUNDS):
        for rule in rules:
            store.update(rule.update)
        size = store.count(NEXT_GRAPH)
        if size == before:
            break
        before = size
    else:
        raise RuntimeError(f"inference did not reach a fixpoint in {_MAX_ROUNDS} rounds")
    description = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in _describe_inferred_graph())
    store.update(
        f"DROP SILENT GRAPH {INFERRED_GRAPH.n3()} ;\n"
        f"INSERT {{ GRAPH {INFERRED_GRAPH.n3()} {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ GRAPH {NEXT_GRAPH.n3()} {{ ?s ?p ?o }} }} ;\n"
        f"INSERT DATA {{ GRAPH {INFERRED_GRAPH.n3()} {{ {description} }} }} ;\n"
        f"DROP SILENT GRAPH {NEXT_GRAPH.n3()}")
    return size
