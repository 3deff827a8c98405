"""Canned questions: `queries/<id>.rq` files with grlc-style `#+` decorators.

The queries folder is the single source of the questions, their parameters, the
`/api/questions` listing and the OpenAPI description. Conventions (after grlc):

* `?_name` in a query is a required parameter, `?__name` an optional one;
* `#+ summary:`, `#+ description:`, `#+ tags:`, `#+ defaults:` (example values for
  documentation, never applied silently), `#+ enumerate:` (parameters whose allowed
  values are listed), and `#+ parameters:` (a description per parameter) are YAML.

A parameter naming an entity accepts its IRI, slug, label or any alias, in any case;
it is resolved to IRIs in the store and bound as RDF terms through a VALUES block at
the head of the query's WHERE clause (never spliced from the user's text). A name
matching several entities binds them all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import KGError
from .namespaces import ID

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

Select = Callable[[str], list[dict[str, Node]]]

_PARAM = re.compile(r"\?(__?)([A-Za-z][A-Za-z0-9]*)\b")
_PROJECTION = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", re.S | re.I)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


class BadParameter(KGError):
    """A parameter is missing, unknown, or names nothing in the store."""

    def __init__(self, name: str, message: str):
        self.name = name
        super().__init__(f"parameter {name!r}: {message}")


@dataclass(frozen=True)
class Parameter:
    name: str
    required: bool
    description: str = ""
    example: str | None = None
    values: tuple[str, ...] = ()     # from `enumerate`: the values allowed


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    sparql: str
    path: Path

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


@dataclass(frozen=True)
class Answer:
    question: str
    columns: tuple[str, ...]
    rows: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "columns": list(self.columns), "rows": self.rows}

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(self.columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


def parse_question(path: Path) -> Question:
    """Read one `.rq` file: decorators (YAML in `#+` lines), parameters, columns."""
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+"))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise KGError(f"bad #+ decorators: {exc}", path=path) from exc
    described = meta.get("parameters") or {}
    examples = {k: str(v) for item in meta.get("defaults") or [] for k, v in item.items()}
    allowed = {k: tuple(map(str, v)) for item in meta.get("enumerate") or []
               for k, v in (item.items() if isinstance(item, dict) else [(item, ())])}
    parameters: dict[str, Parameter] = {}
    for underscores, name in _PARAM.findall(text):
        parameters.setdefault(name, Parameter(name, underscores == "_", str(described.get(name, "")),
                                              examples.get(name), allowed.get(name, ())))
    projection = _PROJECTION.search(text)
    columns = tuple(re.findall(r"(?:\bAS\s+)?\?(\w+)\)?", _strip_aggregates(projection.group(1)))) if projection else ()
    return Question(path.stem, str(meta.get("summary", path.stem)), " ".join(str(meta.get("description", "")).split()),
                    tuple(meta.get("tags") or ()), tuple(parameters.values()), columns, text, path)


def _strip_aggregates(projection: str) -> str:
    """'?a (SAMPLE(?x) AS ?b)' -> '?a ?b': only the names a SELECT gives its columns."""
    return re.sub(r"\((?:[^()]|\([^()]*\))*\bAS\s+(\?\w+)\)", r"\1", projection)


class Catalogue(dict[str, Question]):
    """The questions, by id, in a stable order."""


def load_catalogue(folder: Path = QUERIES_DIR) -> Catalogue:
    if not folder.is_dir():
        raise KGError("no queries folder", path=folder)
    return Catalogue((q.id, q) for q in map(parse_question, sorted(folder.glob("*.rq"))))


# --- binding parameters -----------------------------------------------------------------------

_RESOLVE = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity WHERE {{
  {{ ?entity rdfs:label ?name }} UNION {{ ?entity skos:prefLabel ?name }} UNION {{ ?entity skos:altLabel ?name }}
  FILTER(LCASE(STR(?name)) = ?needle)
  FILTER(STRSTARTS(STR(?entity), "{ID}"))
}}"""


def resolve_entity(value: str, select: Select, parameter: str) -> list[URIRef]:
    """IRIs a parameter value names: an IRI, a slug, a label or an alias (any case)."""
    value = value.strip()
    if not value:
        raise BadParameter(parameter, "is empty; expected a name, alias or IRI (e.g. Pakistan, ISI)")
    if re.match(r"https?://", value):
        try:
            ox.NamedNode(value)  # the store's own IRI parser: what it refuses cannot be bound in a query
        except ValueError as exc:
            raise BadParameter(parameter, f"{value!r} is not a valid IRI ({exc}); expected a name, alias or IRI "
                                          "of something in the graph") from None
        return [URIRef(value)]
    rows = select(bind_values(_RESOLVE, {"needle": [Literal(value.lower())]}))
    found = [URIRef(r["entity"]) for r in rows]
    if not found and re.fullmatch(r"[A-Za-z0-9_.\-]+", value):
        slug = URIRef(f"{ID}{value}")
        if select(bind_values("SELECT ?p WHERE { ?e ?p ?o } LIMIT 1", {"e": [slug]})):
            found = [slug]
    if not found:
        raise BadParameter(parameter, f"no entity is called {value!r}; expected a name, alias or IRI "
                                      "of something in the graph (e.g. Pakistan, ISI, Inter-Services Intelligence)")
    return found


def bind_values(sparql: str, values: Mapping[str, list[Node]]) -> str:
    """Bind variables to RDF terms with a VALUES block at the head of the WHERE clause.

    Terms are serialised by rdflib (`n3()`, which escapes), so no user text is ever
    spliced into the query.
    """
    if not values:
        return sparql
    where = _WHERE.search(sparql)
    if where is None:
        raise KGError("query has no WHERE clause to bind parameters in")
    blocks = " ".join(f"VALUES ?{name} {{ {' '.join(t.n3() for t in terms)} }}" for name, terms in values.items())
    return f"{sparql[:where.end()]} {blocks} {sparql[where.end():]}"


def bind(question: Question, params: Mapping[str, str], select: Select) -> str:
    """The question's SPARQL with its parameters bound; raises BadParameter on bad input."""
    unknown = sorted(set(params) - {p.name for p in question.parameters})
    if unknown:
        expected = ", ".join(p.name for p in question.parameters) or "none"
        raise BadParameter(unknown[0], f"{question.id!r} takes no such parameter; it takes: {expected}")
    values: dict[str, list[Node]] = {}
    for parameter in question.parameters:
        raw = params.get(parameter.name)
        if raw is None or raw == "":
            if parameter.required:
                raise BadParameter(parameter.name, f"is required by {question.id!r}: {parameter.description}")
            continue
        if parameter.values and raw not in parameter.values:
            raise BadParameter(parameter.name, f"must be one of {', '.join(parameter.values)}")
        variable = ("_" if parameter.required else "__") + parameter.name
        values[variable] = list(resolve_entity(raw, select, parameter.name))
    return bind_values(question.sparql, values)


def ask(question: Question, params: Mapping[str, str], select: Select) -> Answer:
    """Run a question; every column present in every row, empty when unbound."""
    rows = select(bind(question, params, select))
    return Answer(question.id, question.columns,
                  [{c: _text(row.get(c)) for c in question.columns} for row in rows])


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)
