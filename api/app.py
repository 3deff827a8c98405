"""The Flask application factory: one app per store, configuration passed in.

Blueprints, one per area (Flask's layout, Datasette's one view per resource):

    api.sparql     /sparql                 SPARQL 1.1 Protocol (query, update, service description)
    api.graphstore /store                  SPARQL 1.1 Graph Store HTTP Protocol
    api.questions  /api/questions[/<id>]   canned questions as JSON and CSV
    api.pages      /id/<slug>, /doc/<id>,  dereferenceable entities and documents, the UI,
                   /, /openapi.json, /health
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, g, jsonify, request
from werkzeug.exceptions import HTTPException

from kg.executor import DEFAULT_TIMEOUT, QueryExecutor, default_workers
from kg.questions import Catalogue, load_catalogue


@dataclass
class Config:
    store: str = "data/store"
    update_token: str | None = None
    query_timeout: float = DEFAULT_TIMEOUT
    workers: int = field(default_factory=default_workers)
    max_rows: int = 10_000
    max_body: int = 1_000_000       # bytes of a request body
    max_query_length: int = 100_000  # characters of a query or update
    max_client_requests: int = 16   # requests one client (IP address) may have running at once


@dataclass
class State:
    """What the views share: the configuration, the query workers, the questions."""

    config: Config
    executor: QueryExecutor
    questions: Catalogue


def state() -> State:
    from flask import current_app

    return current_app.extensions["statecraft"]


def _limit_clients(app: Flask, limit: int) -> None:
    """At most `limit` requests in flight per client address; the next gets 429.

    One client flooding the server must not starve the others: worker processes are few,
    and every queued request holds an HTTP thread.
    """
    counts: dict[str, int] = {}
    lock = threading.Lock()

    @app.before_request
    def admit():
        client = request.remote_addr or "?"
        with lock:
            if counts.get(client, 0) >= limit:
                response = jsonify(error="Too Many Requests",
                                   detail=f"at most {limit} requests at once per client; wait for one to finish")
                response.status_code = 429
                response.headers["Retry-After"] = "1"
                return response
            counts[client] = counts.get(client, 0) + 1
            g.statecraft_client = client
        return None

    @app.teardown_request
    def release(_exc: BaseException | None) -> None:
        client = g.pop("statecraft_client", None)
        if client is not None:
            with lock:
                counts[client] -= 1
                if not counts[client]:
                    del counts[client]


def create_app(config: Config | None = None) -> Flask:
    config = config or Config()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body
    app.config["JSON_SORT_KEYS"] = False
    app.json.sort_keys = False
    executor = QueryExecutor(Path(config.store), workers=config.workers, timeout=config.query_timeout)
    app.extensions["statecraft"] = State(config, executor, load_catalogue())

    from . import graphstore, pages, questions, sparql

    app.register_blueprint(sparql.bp)
    app.register_blueprint(graphstore.bp)
    app.register_blueprint(questions.bp)
    app.register_blueprint(pages.bp)

    _limit_clients(app, config.max_client_requests)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):  # every error is JSON, never a stack trace
        # keep what the error says in headers: a 405 must name the methods allowed (RFC 9110)
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return jsonify(error=exc.name, detail=exc.description), exc.code, headers

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        return jsonify(error="Internal Server Error", detail=type(exc).__name__), 500

    return app
