"""Entity and document pages (HTML for people, RDF for RDF clients), the UI, OpenAPI, health.

Every entity IRI `https://w3id.org/statecraft/id/<slug>` and document IRI
`…/doc/<doc-id>` is served here under the same path, so the graph's IRIs are
dereferenceable when the server stands behind the w3id redirect.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for
from rdflib import URIRef

from kg.executor import QueryFailed, QueryTimeout
from kg.namespaces import DOC, GRAPH, ID, PREFIXES
from kg.questions import bind_values

from .app import state
from .negotiation import choose
from .openapi import openapi_document
from .questions import answer, select

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")

HTML = "text/html"
RDF_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
_SLUG = re.compile(r"[A-Za-z0-9_.\-]+")

_DESCRIBE_ENTITY = """
CONSTRUCT { ?e ?p ?o . ?s ?q ?e . ?o <http://www.w3.org/2000/01/rdf-schema#label> ?ol .
            ?s <http://www.w3.org/2000/01/rdf-schema#label> ?sl }
WHERE {
  { ?e ?p ?o OPTIONAL { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?ol } }
  UNION
  { ?s ?q ?e FILTER(?q NOT IN (<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>,
                                <http://www.w3.org/1999/02/22-rdf-syntax-ns#object>))
    OPTIONAL { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?sl } }
}"""

_DOCUMENT_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _rdf_or_html() -> str:
    """HTML for browsers, RDF for clients asking for it; browsers send */* with text/html first."""
    chosen = choose(request.headers.get("Accept", ""), [HTML, *RDF_TYPES])
    if chosen is None:
        abort(406, description="offered: " + ", ".join([HTML, *RDF_TYPES]))
    return chosen


def _rdf(query: str, media: str) -> Response:
    try:
        result = state().executor.query(query, graph_format=media)
    except QueryTimeout as exc:
        abort(503, description=exc.message)
    except QueryFailed as exc:
        abort(500, description=exc.message)
    response = Response(result.body, mimetype=media)
    response.headers["Vary"] = "Accept"
    return response


def _page(template: str, **context: object) -> Response:
    """An HTML page (the RDF form of the same URL is a content negotiation away)."""
    response = Response(render_template(template, short=shorten, link=link, **context), mimetype=HTML)
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/id/<slug>")
def entity(slug: str) -> Response:
    if not _SLUG.fullmatch(slug):
        abort(404, description="entity slugs are letters, digits, '_', '.' and '-'")
    iri = f"{ID}{slug}"
    rows = answer("entity", {"entity": iri}).rows
    if not rows:
        abort(404, description=f"nothing is known about {iri}")
    media = _rdf_or_html()
    if media != HTML:
        return _rdf(bind_values(_DESCRIBE_ENTITY, {"e": [URIRef(iri)]}), media)
    labels = {r["objectLabel"] for r in rows if r["object"] == iri and r["objectLabel"]}
    label = next(iter(sorted(labels)), slug.replace("_", " "))
    for r in rows:
        if r["subject"] == iri and r["predicate"].endswith("#label"):
            label = r["object"]
    return _page("entity.html", iri=iri, label=label, rows=rows)


@bp.get("/doc/<doc_id>")
def document(doc_id: str) -> Response:
    if not _SLUG.fullmatch(doc_id):
        abort(404, description="document ids are letters, digits, '_', '.' and '-'")
    graph, doc = URIRef(f"{GRAPH}{doc_id}"), URIRef(f"{DOC}{doc_id}")
    rows = select(bind_values(_DOCUMENT_FACTS, {"g": [graph]}))
    info = select(bind_values(_DOCUMENT_INFO, {"g": [graph], "doc": [doc]}))
    if not info:
        abort(404, description=f"no document {doc_id!r} in the store")
    media = _rdf_or_html()
    if media != HTML:
        return _rdf(bind_values(_DOCUMENT_GRAPH, {"g": [graph]}), media)
    meta = {k: str(v) for k, v in info[0].items()}
    facts = [{k: str(v) for k, v in r.items()} for r in rows]
    return _page("document.html", doc_id=doc_id, meta=meta, facts=facts,
                 paragraphs=_highlight(meta.get("text", ""), facts))


_DOCUMENT_INFO = """
PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?title ?text ?issued ?creator ?source WHERE {
  GRAPH ?g { ?doc sc:text ?text .
    OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:issued ?issued }
    OPTIONAL { ?doc dcterms:creator ?creator } OPTIONAL { ?doc dcterms:source ?source } }
}"""

_DOCUMENT_FACTS = """
PREFIX sc: <https://w3id.org/statecraft/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?subject ?predicate ?object ?start ?end ?modality ?method WHERE {
  GRAPH ?g {
    ?statement rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
               sc:assertion [ sc:evidence ?span ; sc:modality ?m ; sc:method ?method ] .
    ?span sc:start ?start ; sc:end ?end .
  }
  ?m rdfs:label ?modality .
}
ORDER BY ?start"""


def _highlight(text: str, facts: list[dict[str, str]]) -> list[list[tuple[str, bool]]]:
    """The document's paragraphs as (piece, is_evidence) runs, for the HTML page."""
    marked = [False] * len(text)
    for fact in facts:
        for i in range(int(fact["start"]), min(int(fact["end"]), len(text))):
            marked[i] = True
    paragraphs: list[list[tuple[str, bool]]] = []
    for block in re.finditer(r"[^\n]+", text):
        runs, begin = [], block.start()
        for i in range(block.start() + 1, block.end() + 1):
            if i == block.end() or marked[i] != marked[begin]:
                runs.append((text[begin:i], marked[begin]))
                begin = i
        paragraphs.append(runs)
    return paragraphs


def shorten(value: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    return value


def link(value: str) -> str | None:
    """A local URL for an entity or document IRI, so pages link to each other."""
    if value.startswith(str(ID)):
        return url_for("pages.entity", slug=value[len(str(ID)):])
    if value.startswith(str(DOC)):
        return url_for("pages.document", doc_id=value[len(str(DOC)):].split("#")[0])
    return None


@bp.get("/")
def index() -> Response:
    questions = list(state().questions.values())
    return Response(render_template("index.html", questions=questions), mimetype=HTML)


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(state().questions, request.host_url.rstrip("/")))


@bp.get("/health")
def health() -> Response:
    try:
        rows = state().executor.select(
            "SELECT (COUNT(*) AS ?graphs) WHERE { SELECT DISTINCT ?g WHERE { GRAPH ?g { } } }", timeout=5)
        graphs = int(rows[0]["graphs"]["value"])
    except (QueryFailed, QueryTimeout) as exc:
        return jsonify(status="error", detail=exc.message), 503
    return jsonify(status="ok", store=state().config.store, graphs=graphs,
                   questions=len(state().questions), workers=len(state().executor.pids()),
                   isolation=state().executor.isolation())
