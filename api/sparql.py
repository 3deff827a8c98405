"""`/sparql`: the SPARQL 1.1 Protocol — query, update and service description.

    GET  /sparql?query=…                              a query
    POST /sparql  (form: query=…)                     a query
    POST /sparql  (application/sparql-query body)     a query
    POST /sparql  (form: update=… | application/sparql-update body, Authorization: Bearer TOKEN)
    GET  /sparql                                      the service description (sd: vocabulary)

Decisions a client may want to know (the service description says the same in RDF):

- **Dataset.** Without `default-graph-uri`/`named-graph-uri` and without FROM/FROM NAMED, the
  default graph is the union of every graph in the store and every named graph is visible. The
  protocol parameters, when given, replace any FROM/FROM NAMED in the query (Protocol §2.1.4); a
  query's own FROM/FROM NAMED otherwise define the dataset (FROM NAMED alone: empty default graph).
- **Graph IRIs are names, never addresses.** A graph IRI in FROM, FROM NAMED or a `*-graph-uri`
  parameter is looked up in the store and nothing else: a graph the store does not hold is empty.
  Nothing is ever fetched (the W3C suite itself names graphs the store lacks and expects success).
- **Never fetching.** `SERVICE` (federated query) and `LOAD` are refused with 400 before anything
  runs, because Oxigraph would otherwise go to the network for them. They are found by a SPARQL
  tokenizer that skips strings, IRIs and comments, so `"Federal Security Service"` is fine.
- **Row limit.** A result longer than `max_rows` solutions (or triples, for CONSTRUCT/DESCRIBE)
  is cut to its first `max_rows`, evaluation stops there, and the response carries
  `X-Statecraft-Truncated: true`; add LIMIT/OFFSET to page through. Never silently.
- **Status codes.** 400 malformed or refused request (the parser's message in `detail`);
  401 update without the right bearer token (`WWW-Authenticate: Bearer`); 403 updates disabled;
  405 other methods; 406 no acceptable format; 413 body or query text too long; 415 unsupported
  Content-Type or charset; 503 query stopped at the time limit or server busy; update 204.
- **Formats** by `Accept` (q-values honoured, ties to the server's order) or `format=`/`output=`
  (`json`, `xml`, `csv`, `tsv`, `turtle`, `nt`, `jsonld`, `rdfxml`, or a media type). Results:
  SPARQL JSON (default), XML, CSV, TSV. Graphs: Turtle (default), N-Triples, JSON-LD, RDF/XML.
- **Updates** only when the server was started with an update token, from requests bearing it;
  `using-graph-uri`/`using-named-graph-uri` become USING/USING NAMED on each DELETE/INSERT … WHERE
  (refused together with USING or WITH in the text, Protocol §2.2.3). Relative IRIs, in queries and
  updates, resolve against the endpoint's URL. An update's WHERE reads the store's own default
  graph (standard SPARQL Update), not the union that queries see.
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.http import HTTP_STATUS_CODES

from kg.executor import QueryFailed, QueryTimeout, generation

from .app import state
from .negotiation import choose

bp = Blueprint("sparql", __name__)

# --- formats ------------------------------------------------------------------------------

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"

SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"

# What each kind of answer can be sent as: Accept value -> the format sent, in the server's order
# of preference (ties in q go to the earlier entry), canonical names first, then the other names
# clients use for the same format (SPARQLWrapper asks for application/turtle, text/n3, …).
_RESULT_OFFERS = {
    JSON_RESULTS: JSON_RESULTS, XML_RESULTS: XML_RESULTS, CSV: CSV, TSV: TSV,
    "application/json": JSON_RESULTS, "application/xml": XML_RESULTS, "text/xml": XML_RESULTS,
}
_GRAPH_OFFERS = {
    TURTLE: TURTLE, NTRIPLES: NTRIPLES, JSONLD: JSONLD, RDFXML: RDFXML,
    "application/x-turtle": TURTLE, "application/turtle": TURTLE, "text/n3": TURTLE, "text/rdf+n3": TURTLE,
    "application/n3": TURTLE, "text/plain": NTRIPLES, "application/json": JSONLD, "application/x-json+ld": JSONLD,
    "application/xml": RDFXML, "text/xml": RDFXML,
}
# The service description is for RDF clients; a browser's application/xml;q=0.9 should not
# turn Turtle, the default, into RDF/XML.
_DESCRIPTION_OFFERS = {
    TURTLE: TURTLE, RDFXML: RDFXML, JSONLD: JSONLD, NTRIPLES: NTRIPLES,
    "application/x-turtle": TURTLE, "application/turtle": TURTLE, "text/plain": NTRIPLES,
}
OFFERS = {"solutions": _RESULT_OFFERS, "boolean": _RESULT_OFFERS, "graph": _GRAPH_OFFERS}

# `format=` / `output=` names (Fuseki's, Virtuoso's and SPARQLWrapper's) per kind of answer.
_RESULT_NAMES = {"json": JSON_RESULTS, "srj": JSON_RESULTS, "xml": XML_RESULTS, "srx": XML_RESULTS,
                 "csv": CSV, "tsv": TSV}
_GRAPH_NAMES = {"turtle": TURTLE, "ttl": TURTLE, "n3": TURTLE, "nt": NTRIPLES, "ntriples": NTRIPLES,
                "n-triples": NTRIPLES, "json-ld": JSONLD, "jsonld": JSONLD, "json": JSONLD, "xml": RDFXML,
                "rdf": RDFXML, "rdfxml": RDFXML, "rdf+xml": RDFXML, "rdf/xml": RDFXML}
FORMAT_NAMES = {"solutions": _RESULT_NAMES, "boolean": _RESULT_NAMES, "graph": _GRAPH_NAMES}

# Content-Type sent for each format: a charset where the media type defines one.
CONTENT_TYPES = {
    JSON_RESULTS: JSON_RESULTS,
    XML_RESULTS: f"{XML_RESULTS}; charset=utf-8",
    CSV: f"{CSV}; charset=utf-8",
    TSV: f"{TSV}; charset=utf-8",
    TURTLE: f"{TURTLE}; charset=utf-8",
    NTRIPLES: NTRIPLES,
    JSONLD: JSONLD,
    RDFXML: f"{RDFXML}; charset=utf-8",
}
# W3C format IRIs (https://www.w3.org/ns/formats/) for sd:resultFormat.
FORMAT_IRIS = {
    JSON_RESULTS: "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    XML_RESULTS: "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    CSV: "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    TSV: "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    TURTLE: "http://www.w3.org/ns/formats/Turtle",
    NTRIPLES: "http://www.w3.org/ns/formats/N-Triples",
    JSONLD: "http://www.w3.org/ns/formats/JSON-LD",
    RDFXML: "http://www.w3.org/ns/formats/RDF_XML",
}
_RDF_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES, JSONLD: ox.RdfFormat.JSON_LD,
                RDFXML: ox.RdfFormat.RDF_XML}

_FORMS = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def negotiate(kind: str, accept: str | None, names: Iterable[str] = ()) -> str | None:
    """The format to send an answer of `kind` in: from `format=`/`output=` values if any were
    given (a short name or media types), else from the Accept header; None if nothing fits."""
    offers = OFFERS[kind]
    names = [n.strip().lower() for n in names if n.strip()]
    for name in names:
        if name in FORMAT_NAMES[kind]:
            return FORMAT_NAMES[kind][name]
        if "/" in name and (chosen := choose(name, list(offers))):
            return offers[chosen]
    if names:
        return None
    chosen = choose(accept, list(offers))
    return offers[chosen] if chosen else None


# --- errors -------------------------------------------------------------------------------

class ProtocolError(Exception):
    """A request this endpoint answers with an error status and a JSON explanation."""

    def __init__(self, code: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.code, self.detail, self.headers = code, detail, headers or {}


@bp.errorhandler(ProtocolError)
def _protocol_error(exc: ProtocolError) -> Response:
    response = jsonify(error=HTTP_STATUS_CODES.get(exc.code, "Error"), detail=exc.detail)
    response.status_code = exc.code
    response.headers.update(exc.headers)
    return response


@bp.after_request
def _vary(response: Response) -> Response:
    response.vary.add("Accept")
    return response


# --- reading SPARQL without parsing it -----------------------------------------------------
#
# pyoxigraph has no public parser and rdflib's is slow on long queries, so a tokenizer finds
# the few things the endpoint must know before running anything: the query form (for content
# negotiation), FROM, SERVICE and LOAD, USING and WITH, and where each update's WHERE is.
# It skips comments, strings and IRIs as SPARQL does, so a keyword inside them does not count.

class Token(NamedTuple):
    kind: str    # word, var, pname, iri, string, lang, number, punct
    text: str
    start: int
    depth: int   # open brackets around it: 0 is the top level of the request


_PN_LOCAL = r"(?:(?:[\w:%-]|\\.)(?:(?:[\w.:%-]|\\.)*(?:[\w:%-]|\\.))?)?"
_TOKEN = re.compile("|".join([
    r"(?P<ws>\s+)",
    r"(?P<comment>#[^\r\n]*)",
    r"(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\")",
    r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
    r"(?P<var>[?$]\w+)",
    r"(?P<pname>(?:[^\W\d](?:[\w.-]*[\w-])?)?:" + _PN_LOCAL + ")",
    r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)",
    r"(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)",
    r"(?P<word>[^\W\d]\w*)",
    r"(?P<punct>\^\^|&&|\|\||!=|<=|>=|.)",
]), re.DOTALL)
_LESS_THAN = re.compile(r"<=?")
_OPERANDS = {"var", "string", "number", "iri", "pname", "lang"}
_OPEN, _CLOSE = "({[", ")}]"


def tokenize(text: str, operators: frozenset[int] = frozenset()) -> tuple[list[Token], list[int]]:
    """The tokens of `text`, and the offsets of each `<` that might be a less-than instead.

    `<…>` is read as an IRI wherever it can be one (SPARQL's longest match), except at the
    offsets in `operators`. Oxigraph's parser decides by context instead, so `?a<?b&&'x>'`
    is a comparison to it; where such a reading would move a string or comment boundary (the
    would-be IRI holds `'` or `#`, inside parentheses, after an operand) the offset is reported
    so `keywords` can read the text both ways.
    """
    tokens: list[Token] = []
    ambiguous: list[int] = []
    stack: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        match = _TOKEN.match(text, pos)
        kind = match.lastgroup
        if kind == "iri":
            if pos in operators:
                match, kind = _LESS_THAN.match(text, pos), "punct"
            elif (("'" in match.group() or "#" in match.group()) and stack and stack[-1] == "("
                  and tokens and (tokens[-1].kind in _OPERANDS or tokens[-1].text in (")", "]"))):
                ambiguous.append(pos)
        value = match.group()
        pos = match.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "punct" and value in _CLOSE and stack:
            stack.pop()
        tokens.append(Token(kind, value, match.start(), len(stack)))
        if kind == "punct" and value in _OPEN:
            stack.append(value)
    return tokens, ambiguous


def keywords(text: str, readings: int = 16) -> set[str]:
    """Every upper-cased bare word of `text` under any reading of its ambiguous `<`s, with the
    prefixes of prefixed names and language tags: Oxigraph matches keywords without a word
    boundary, so `SERVICE:x {…}`, `SERVICEex:x {…}` and `?s ?p trueSERVICE<…> {…}` are SERVICE
    to it. Callers look for a keyword *inside* these words.

    Past `readings` readings, every word of the raw text counts: refusing too much is safe.
    """
    found: set[str] = set()
    todo, done = [frozenset()], set()
    while todo:
        operators = todo.pop()
        if operators in done:
            continue
        done.add(operators)
        if len(done) > readings:
            return {w.upper() for w in re.findall(r"[^\W\d]\w*", text)}
        tokens, ambiguous = tokenize(text, operators)
        found.update(t.text.split(":", 1)[0].upper() for t in tokens if t.kind in ("word", "pname", "lang"))
        todo.extend(operators | {offset} for offset in ambiguous)
    return found


def query_form(tokens: list[Token]) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
    i = 0
    while i < len(tokens):
        word = tokens[i].text.upper() if tokens[i].kind == "word" else None
        if word == "BASE":
            i += 2
        elif word == "PREFIX":
            i += 3
        else:
            return word if word in _FORMS else None
    return None


def top_level_words(tokens: list[Token]) -> set[str]:
    return {t.text.upper() for t in tokens if t.kind == "word" and t.depth == 0}


def with_using(text: str, tokens: list[Token], using: list[str], using_named: list[str]) -> str:
    """`text` with `USING <g> … USING NAMED <h> …` before the WHERE of every DELETE/INSERT
    operation (not `DELETE WHERE`, which takes no USING): the protocol's using-graph-uri and
    using-named-graph-uri written into the update itself."""
    clause = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    cuts = [t.start for i, t in enumerate(tokens)
            if t.kind == "word" and t.depth == 0 and t.text.upper() == "WHERE"
            and not (i and tokens[i - 1].kind == "word" and tokens[i - 1].text.upper() == "DELETE")]
    pieces, last = [], 0
    for cut in cuts:
        pieces += [text[last:cut], clause]
        last = cut
    pieces.append(text[last:])
    return "".join(pieces)


# --- the request --------------------------------------------------------------------------

@dataclass
class Operation:
    kind: str          # "query" or "update"
    text: str
    params: MultiDict  # URL parameters, and the form's for a form POST


def read_operation() -> Operation | None:
    """The query or update a request carries (None: neither), checked against SPARQL 1.1 Protocol §2."""
    params = MultiDict(request.args)
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == FORM:
            for name, values in request.form.lists():
                params.setlist(name, params.getlist(name) + values)
        elif mimetype in (SPARQL_QUERY, SPARQL_UPDATE):
            field = "query" if mimetype == SPARQL_QUERY else "update"
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ProtocolError(415, f"{mimetype} must be UTF-8, not {charset}")
            for name in ("query", "update"):
                if name in params:
                    raise ProtocolError(400, f"with {mimetype} the {field} is the request body; "
                                             f"a {name}= parameter is not allowed too")
            try:
                params.setlist(field, [request.get_data().decode("utf-8")])
            except UnicodeDecodeError as exc:
                raise ProtocolError(400, f"the request body is not UTF-8: {exc}") from None
        else:
            raise ProtocolError(415, f"POST a form ({FORM}), {SPARQL_QUERY} or {SPARQL_UPDATE}; "
                                     + (f"not {mimetype}" if mimetype else "the request had no Content-Type"))
    queries, updates = params.getlist("query"), params.getlist("update")
    if len(queries) > 1 or len(updates) > 1:
        raise ProtocolError(400, "one request carries one query or one update, not several")
    if queries and updates:
        raise ProtocolError(400, "a request carries a query or an update, not both")
    if queries:
        return Operation("query", queries[0], params)
    if updates:
        if request.method != "POST":
            raise ProtocolError(400, "an update must be sent with POST (SPARQL 1.1 Protocol §2.2)")
        return Operation("update", updates[0], params)
    return None


def graph_iris(params: MultiDict, name: str) -> list[str]:
    """The absolute IRIs given as the repeatable parameter `name`."""
    iris = params.getlist(name)
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise ProtocolError(400, f"{name} must be an absolute IRI, not {iri!r}: {exc}") from None
    return iris


def check_length(text: str, what: str) -> None:
    limit = state().config.max_query_length
    if len(text) > limit:
        raise ProtocolError(413, f"the {what} is {len(text)} characters long; this server takes at most {limit}")


def refuse_remote(text: str) -> None:
    """400 for anything that would make the store fetch from the network.

    Conservative: a word, prefix or language tag merely containing SERVICE or LOAD is refused
    too (`PREFIX services: …`), since Oxigraph would read `SERVICEs:x {…}` as SERVICE.
    """
    found = keywords(text)
    if any("SERVICE" in word for word in found):
        raise ProtocolError(400, "SERVICE (federated query) is refused: this endpoint answers from its own "
                                 "store and never fetches from other services (a prefix whose name holds "
                                 "'service' counts too; rename it)")
    if any("LOAD" in word for word in found):
        raise ProtocolError(400, "LOAD is refused: this endpoint never fetches documents from the web "
                                 "(add documents with `kg add`; a prefix whose name holds 'load' counts too)")


def failure(exc: QueryFailed, what: str) -> ProtocolError:
    message = exc.message
    if message.startswith(("the query worker died", "the update process died", "the store is busy", "OSError",
                           "RuntimeError")):
        # the server's trouble (a worker lost, the store busy or unreadable), not the client's
        return ProtocolError(503, message, {"Retry-After": "1"})
    if message.startswith("malformed SPARQL"):
        return ProtocolError(400, message)
    return ProtocolError(400, f"the {what} failed: {message}")


# --- the view -----------------------------------------------------------------------------

@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    operation = read_operation()
    if operation is None:
        if request.method == "POST":
            raise ProtocolError(400, "nothing to do: send a query (query=…) or an update (update=…)")
        return service_description()
    if operation.kind == "update":
        return run_update(operation)
    return run_query(operation)


def run_query(operation: Operation) -> Response:
    config, params, text = state().config, operation.params, operation.text
    check_length(text, "query")
    if "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise ProtocolError(400, "using-graph-uri and using-named-graph-uri are for updates; "
                                 "a query takes default-graph-uri and named-graph-uri")
    default, named = graph_iris(params, "default-graph-uri"), graph_iris(params, "named-graph-uri")
    refuse_remote(text)
    tokens, _ = tokenize(text)
    expected = _FORMS.get(query_form(tokens) or "")
    names = params.getlist("format") + params.getlist("output")
    accept = request.headers.get("Accept")
    chosen = {kind: negotiate(kind, accept, names) for kind in OFFERS}
    if expected and chosen[expected] is None:
        raise not_acceptable(expected, names)
    dataset = {"default_graphs": default, "named_graphs": named} if default or named else {
        "union_default_graph": "FROM" not in top_level_words(tokens)}
    try:
        result = state().executor.query(
            text, solutions_format=chosen["solutions"] or JSON_RESULTS,
            boolean_format=chosen["boolean"] or JSON_RESULTS, graph_format=chosen["graph"] or TURTLE,
            base_iri=request.base_url, max_rows=config.max_rows, **dataset)
    except QueryTimeout as exc:
        raise ProtocolError(503, exc.message, {"Retry-After": "5"}) from None
    except QueryFailed as exc:
        raise failure(exc, "query") from None
    if chosen[result.kind] is None:
        raise not_acceptable(result.kind, names)
    response = Response(result.body, content_type=CONTENT_TYPES[result.media_type])
    if result.truncated:
        response.headers["X-Statecraft-Truncated"] = "true"
        response.headers["X-Statecraft-Max-Rows"] = str(config.max_rows)
    return response


def not_acceptable(kind: str, names: list[str]) -> ProtocolError:
    offered = ", ".join(dict.fromkeys(OFFERS[kind].values()))
    short = ", ".join(FORMAT_NAMES[kind])
    asked = f"format={'/'.join(names)}" if names else f"Accept: {request.headers.get('Accept')}"
    return ProtocolError(406, f"cannot send this {kind} result as {asked}; offered: {offered} "
                              f"(or format= one of {short})")


def run_update(operation: Operation) -> Response:
    config, params, text = state().config, operation.params, operation.text
    if not config.update_token:
        raise ProtocolError(403, "updates are disabled on this server (it was started without --update-token)")
    authorise(config.update_token)
    check_length(text, "update")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in params:
            raise ProtocolError(400, f"{name} is for queries; an update takes using-graph-uri "
                                     "and using-named-graph-uri")
    using, using_named = graph_iris(params, "using-graph-uri"), graph_iris(params, "using-named-graph-uri")
    refuse_remote(text)
    if using or using_named:
        tokens, _ = tokenize(text)
        if top_level_words(tokens) & {"USING", "WITH"}:
            raise ProtocolError(400, "the update names its dataset with USING or WITH and the request with "
                                     "using-graph-uri/using-named-graph-uri; give one or the other "
                                     "(SPARQL 1.1 Protocol §2.2.3)")
        text = with_using(text, tokens, using, using_named)
    try:
        state().executor.update(text, base_iri=request.base_url)
    except QueryTimeout as exc:
        raise ProtocolError(503, exc.message, {"Retry-After": "5"}) from None
    except QueryFailed as exc:
        raise failure(exc, "update") from None
    response = Response(status=204)
    del response.headers["Content-Type"]  # no content, so no type
    return response


def authorise(token: str) -> None:
    """401 unless the request bears `Authorization: Bearer <token>` (compared in constant time)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ProtocolError(401, "updates need an 'Authorization: Bearer <token>' header",
                            {"WWW-Authenticate": 'Bearer realm="statecraft-kg"'})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ProtocolError(401, "the bearer token is not this server's update token",
                            {"WWW-Authenticate": 'Bearer realm="statecraft-kg", error="invalid_token"'})


# --- service description ------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_PREFIXES = {"sd": SD, "void": VOID, "formats": "http://www.w3.org/ns/formats/",
             "ent": "http://www.w3.org/ns/entailment/"}
_DESCRIBE_TTL = 30.0  # seconds a store's graph listing is reused while the store is unchanged


def store_graphs() -> tuple[list[tuple[str, int]], int | None]:
    """(named graph, triple count) pairs and the union default graph's size, cached per store state."""
    executor = state().executor
    now, stamp = time.monotonic(), generation(executor.location)
    cache = current_app.extensions.setdefault("statecraft.sparql.graphs", {})
    if cache and cache["stamp"] == stamp and now - cache["at"] < _DESCRIBE_TTL:
        return cache["graphs"], cache["size"]
    try:
        rows = executor.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        graphs = [(r["g"]["value"], int(r["n"]["value"])) for r in rows if r["g"]["type"] == "uri"]
        total = executor.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        size = int(total[0]["n"]["value"])
    except (QueryFailed, QueryTimeout):
        return [], None  # describe the service anyway, without the dataset's contents
    cache.update(stamp=stamp, at=now, graphs=graphs, size=size)
    return graphs, size


def description_triples(endpoint: str, updates: bool) -> list[ox.Triple]:
    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("feature"), sd("EmptyGraphs")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
    ]
    if updates:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(iri)) for iri in FORMAT_IRIS.values()]
    graphs, size = store_graphs()
    if size is not None:
        triples.append(ox.Triple(default, ox.NamedNode(VOID + "triples"), ox.Literal(str(size), datatype=_INTEGER)))
    for i, (name, count) in enumerate(graphs):
        node, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(node, sd("name"), ox.NamedNode(name)),
            ox.Triple(node, sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), ox.Literal(str(count), datatype=_INTEGER)),
        ]
    first = {}
    for t in triples:
        first.setdefault(str(t.subject), len(first))
    return sorted(triples, key=lambda t: first[str(t.subject)])  # one block per subject in Turtle


_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def service_description() -> Response:
    names = request.args.getlist("format") + request.args.getlist("output")
    if names:
        media = negotiate("graph", None, names)
    else:
        chosen = choose(request.headers.get("Accept"), list(_DESCRIPTION_OFFERS))
        media = _DESCRIPTION_OFFERS[chosen] if chosen else None
    if media is None:
        raise not_acceptable("graph", names)
    triples = description_triples(request.base_url, updates=bool(state().config.update_token))
    body = ox.serialize(triples, format=_RDF_FORMATS[media], prefixes=_PREFIXES)
    return Response(body, content_type=CONTENT_TYPES[media])
