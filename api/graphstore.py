"""/store: the SPARQL 1.1 Graph Store HTTP Protocol (graphs read and written whole).

`?graph=<IRI>` names a named graph, `?default` the default graph. GET and HEAD read
(content negotiation as for /sparql); PUT replaces, POST merges and DELETE drops, only
with the update token, as /sparql's updates. Uploads are parsed by Oxigraph's parsers
before anything is written (no XML entity expansion, no remote JSON-LD contexts: a body
is data, never a reason to fetch), and a write is one transaction.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kg.errors import KGError
from kg.executor import QueryFailed, QueryTimeout
from kg.rdfio import read_rdf

from .app import state
from .negotiation import choose
from .sparql import ProtocolError, _protocol_error, authorise, failure

bp = Blueprint("graphstore", __name__)
bp.register_error_handler(ProtocolError, _protocol_error)

# Content-Type of an upload -> Oxigraph parser.
UPLOAD_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
READ_FORMATS = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]


def _target() -> str | None:
    """The graph IRI the request names, or None for the default graph."""
    graph, default = request.args.get("graph"), "default" in request.args
    if (graph is None) == (not default):
        raise ProtocolError(400, "name exactly one graph: ?graph=<IRI> or ?default")
    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        raise ProtocolError(400, f"graph {graph!r} is not an absolute IRI")
    return graph


def _graph_pattern(graph: str | None) -> str:
    return f"GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }}" if graph else "?s ?p ?o"


@bp.route("/store", methods=["GET", "HEAD"])
def read() -> Response:
    graph = _target()
    media = choose(request.headers.get("Accept", ""), READ_FORMATS)
    if media is None:
        raise ProtocolError(406, "offered: " + ", ".join(READ_FORMATS))
    try:
        executor = state().executor
        if not _graph_exists(graph):
            raise ProtocolError(404, f"no graph {graph} in the store")
        construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {_graph_pattern(graph)} }}"
        result = executor.query(construct, graph_format=media, union_default_graph=False)
    except QueryTimeout as exc:
        raise ProtocolError(503, exc.message, {"Retry-After": "5"}) from None
    except QueryFailed as exc:
        raise failure(exc, "read") from None
    response = Response(result.body if request.method == "GET" else b"", mimetype=media)
    response.headers["Vary"] = "Accept"
    return response


def _parse_upload(graph: str | None) -> list[ox.Quad]:
    """Parse the body safely (kg.rdfio: no entity expansion, nothing fetched) into the target graph."""
    media = request.mimetype
    fmt = UPLOAD_FORMATS.get(media)
    if fmt is None:
        raise ProtocolError(415, f"cannot read {media or 'a body without Content-Type'}; send one of "
                                 + ", ".join(UPLOAD_FORMATS))
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    try:
        parsed = read_rdf(request.get_data(), fmt, base_iri=graph or request.base_url, source="request body")
    except KGError as exc:
        raise ProtocolError(400, str(exc)) from None
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed]


def _write(graph: str | None, quads: list[ox.Quad], *, replace: bool) -> None:
    name = ox.NamedNode(graph) if graph else None
    clear = (f"DROP SILENT GRAPH {name}" if name else "DROP SILENT DEFAULT") if replace else ""
    body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    insert = f"INSERT DATA {{ {f'GRAPH {name} {{ {body} }}' if name else body} }}" if quads else ""
    update = " ;\n".join(part for part in (clear, insert) if part)
    if not update:
        return
    try:
        state().executor.update(update)
    except QueryTimeout as exc:
        raise ProtocolError(503, exc.message, {"Retry-After": "5"}) from None
    except QueryFailed as exc:
        raise failure(exc, "write") from None


def _graph_exists(graph: str | None) -> bool:
    if graph is None:
        return True
    result = state().executor.query(f"ASK {{ {_graph_pattern(graph)} }}", union_default_graph=False)
    return bool(json.loads(result.body)["boolean"])


def _authorise() -> None:
    token = state().config.update_token
    if not token:
        raise ProtocolError(403, "writes are disabled on this server; start kg serve with --update-token")
    authorise(token)


@bp.route("/store", methods=["PUT", "POST"])
def write() -> Response:
    """PUT replaces the graph with the body, POST merges the body into it."""
    _authorise()
    graph = _target()
    quads = _parse_upload(graph)
    existed = _graph_exists(graph)
    _write(graph, quads, replace=request.method == "PUT")
    return Response(status=204 if existed else 201)


@bp.route("/store", methods=["DELETE"])
def drop() -> Response:
    _authorise()
    graph = _target()
    if not _graph_exists(graph):
        raise ProtocolError(404, f"no graph {graph} in the store")
    _write(graph, [], replace=True)
    return Response(status=204)

