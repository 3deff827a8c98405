"""`kg validate`: parse, OWL consistency (HermiT, or OWL RL without Java) and SHACL.

The checks run over the ontology, the reference data, any RDF files named on the
command line and, when a store is given, every graph in it. Problems come back as
rows (term, problem, where) so the report reads like a linter's.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from .errors import KGError
from .namespaces import INFERRED_GRAPH, ONTOLOGY_IRI, REFERENCE_GRAPH, SC
from .ontology import ONTOLOGY_FILE, REFERENCE_FILE, SHAPES_FILE, parse_rdf_file
from .store import Store

VIOLATION = "violation"
WARNING = "warning"

# Datatypes HermiT accepts (the OWL 2 datatype map); other literals are left out of
# the consistency check, since xsd:date or xsd:gYear would make it refuse the input.
_OWL2_DATATYPES = {
    XSD.string, XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.boolean, XSD.double,
    XSD.float, XSD.dateTime, XSD.anyURI, RDF.PlainLiteral, RDF.langString,
}


@dataclass(frozen=True)
class Problem:
    severity: str
    check: str
    term: str
    message: str
    where: str


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == VIOLATION for p in self.problems)

    def format(self) -> str:
        lines = [f"checked {item}" for item in self.checked]
        for p in sorted(self.problems, key=lambda p: (p.severity != VIOLATION, p.check, p.where, p.term)):
            term = "" if p.term == "-" else f"{p.term}: "
            lines.append(f"{p.severity.upper():9} {p.check:5} {p.where}: {term}{p.message}")
        violations = sum(p.severity == VIOLATION for p in self.problems)
        warnings = len(self.problems) - violations
        lines.append(f"{'OK' if self.ok else 'FAILED'}: {violations} violation(s), {warnings} warning(s)")
        return "\n".join(lines)


def validate(*, ontology_dir: Path | None = None, files: Iterable[Path] = (),
             store: Store | None = None, reasoner: str = "auto") -> Report:
    """Run every check and collect the problems; raises nothing for bad input."""
    report = Report()
    onto_file = ontology_dir / ONTOLOGY_FILE.name if ontology_dir else ONTOLOGY_FILE
    ref_file = ontology_dir / REFERENCE_FILE.name if ontology_dir else REFERENCE_FILE
    shapes_file = ontology_dir / SHAPES_FILE.name if ontology_dir else SHAPES_FILE

    parsed: dict[str, Graph] = {}
    for path in (onto_file, ref_file, shapes_file, *files):
        try:
            parsed[str(path)] = parse_rdf_file(path)
            report.checked.append(f"{path}: parses ({len(parsed[str(path)])} triples)")
        except KGError as exc:
            report.problems.append(Problem(VIOLATION, "parse", "-", exc.message, exc.where or str(path)))
    ontology = parsed.get(str(onto_file))
    shapes = parsed.get(str(shapes_file))
    if ontology is None:
        return report

    data: dict[str, Graph] = {k: g for k, g in parsed.items() if k not in (str(onto_file), str(shapes_file))}
    if store is not None:
        for name in sorted(store.graph_names()):
            data[str(name)] = store.graph(name)
        report.checked.append(f"store {store.location}: {len(data) - len(parsed) + 2} graphs")

    report.problems.extend(_check_terms(ontology, str(onto_file)))
    report.problems.extend(check_consistency(ontology, data.values(), reasoner=reasoner,
                                             where=str(onto_file), report=report))
    if shapes is not None:
        report.problems.extend(check_shapes(ontology, shapes, data))
    return report


def _check_terms(ontology: Graph, where: str) -> Iterable[Problem]:
    """Every sc: term is labelled and defined: the ontology is for people too."""
    skos_definition = URIRef("http://www.w3.org/2004/02/skos/core#definition")
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(SC))}
    for term in sorted(terms):
        if (term, RDFS.label, None) not in ontology:
            yield Problem(VIOLATION, "terms", term.n3(), "no rdfs:label", where)
        if (term, skos_definition, None) not in ontology:
            yield Problem(VIOLATION, "terms", term.n3(), "no skos:definition", where)


def _reasoner_input(ontology: Graph, data: Iterable[Graph]) -> Graph:
    """Ontology plus the data triples that are OWL 2 DL assertions about declared terms."""
    declared = set(ontology.subjects(RDF.type, None))
    merged = Graph()
    merged += ontology
    for graph in data:
        for s, p, o in graph:
            if p == RDF.type:
                if o in declared and o not in (RDF.Statement,):
                    merged.add((s, p, o))
            elif p in declared and (ontology.value(p, RDF.type) in (OWL.ObjectProperty, OWL.DatatypeProperty)
                                    or (p, RDF.type, OWL.ObjectProperty) in ontology):
                if isinstance(o, Literal) and (o.datatype or XSD.string) not in _OWL2_DATATYPES:
                    continue
                merged.add((s, p, o))
            elif p == RDFS.label:
                merged.add((s, p, o))
    return merged


def check_consistency(ontology: Graph, data: Iterable[Graph], *, reasoner: str = "auto",
                      where: str = "ontology", report: Report | None = None) -> list[Problem]:
    """HermiT through owlready2 when Java is here; otherwise owlrl's OWL RL rules."""
    merged = _reasoner_input(ontology, data)
    use_hermit = reasoner == "hermit" or (reasoner == "auto" and shutil.which("java"))
    if use_hermit:
        problems = _hermit(merged, where)
        if report is not None:
            report.checked.append(f"OWL 2 DL consistency with HermiT ({len(merged)} triples)")
        return problems
    if report is not None:
        report.checked.append("OWL RL consistency with owlrl (no Java found: HermiT needs a JRE; "
                              "install one, e.g. `apt-get install default-jre-headless`, for full OWL 2 DL)")
    return _owlrl(merged, where)


def _hermit(merged: Graph, where: str) -> list[Problem]:
    import owlready2

    world = owlready2.World()
    data = merged.serialize(format="nt", encoding="utf-8")
    onto = world.get_ontology(str(ONTOLOGY_IRI)).load(fileobj=io.BytesIO(data), format="ntriples")
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        return [Problem(VIOLATION, "owl", "-", f"inconsistent: {str(exc).strip()[:300]}", where)]
    return [Problem(VIOLATION, "owl", f"<{cls.iri}>", "unsatisfiable class", where)
            for cls in world.inconsistent_classes() if cls is not owlready2.Nothing]


def _owlrl(merged: Graph, where: str) -> list[Problem]:
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(merged)
    # owlrl writes each inconsistency into the graph as an err:ErrorMessage node.
    errors = URIRef("http://www.daml.org/2002/03/agents/agent-ont#")
    messages = [merged.value(node, errors + "error") or merged.value(node, RDFS.comment) or "?"
                for node in merged.subjects(RDF.type, errors + "ErrorMessage")]
    problems = [Problem(VIOLATION, "owl", "-", f"inconsistent: {m}", where) for m in messages]
    for s in merged.subjects(RDF.type, OWL.Nothing):
        if s != OWL.Nothing:
            problems.append(Problem(VIOLATION, "owl", s.n3(), "is an instance of owl:Nothing", where))
    return problems


def check_shapes(ontology: Graph, shapes: Graph, data: dict[str, Graph]) -> list[Problem]:
    """Run the SHACL shapes; each result names the focus node and the graph it sits in."""
    import pyshacl

    merged = Graph()
    for graph in data.values():
        merged += graph
    _conforms, results, _text = pyshacl.validate(
        merged, shacl_graph=shapes, ont_graph=ontology, inference="none",
        allow_warnings=True, advanced=True)
    problems = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage) or "constraint not met"
        path = results.value(result, SH.resultPath)
        text = f"{message}" + (f" (path {path.n3()})" if isinstance(path, URIRef) else "")
        problems.append(Problem(
            WARNING if severity in (SH.Warning, SH.Info) else VIOLATION, "shacl",
            focus.n3() if focus is not None else "-", text, _graph_of(focus, data)))
    return problems


def _graph_of(node: object, data: dict[str, Graph]) -> str:
    """The file or named graph that says something about `node` (for 'where' in the report)."""
    for name, graph in data.items():
        if (node, None, None) in graph:
            return _short(name)
    return "-"


def _short(name: str) -> str:
    return {str(REFERENCE_GRAPH): "graph/reference", str(INFERRED_GRAPH): "graph/inferred"}.get(name, name)
