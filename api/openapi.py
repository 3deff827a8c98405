"""The OpenAPI 3.1 description, generated from the queries folder (as grlc does)."""

from __future__ import annotations

from typing import Any

from kg import __version__
from kg.questions import Catalogue

_ERROR = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


def _answer_schema(columns: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["question", "columns", "rows"],
        "properties": {
            "question": {"type": "string"},
            "columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": {
                "type": "object",
                "properties": {c: {"type": "string"} for c in columns},
                "additionalProperties": {"type": "string"},
            }},
            "truncated": {"type": "boolean"},
            "limit": {"type": "integer"},
        },
    }


def _sparql_parameters() -> list[dict[str, Any]]:
    return [
        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "a SPARQL 1.1 query; without it, the Service Description"},
        {"name": "default-graph-uri", "in": "query", "required": False,
         "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True},
        {"name": "named-graph-uri", "in": "query", "required": False,
         "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True},
    ]


def openapi_document(questions: Catalogue, server: str = "/") -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/questions": {"get": {
            "operationId": "listQuestions", "summary": "The canned questions and their parameters",
            "tags": ["questions"],
            "responses": {"200": {"description": "the questions", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/QuestionList"}}}}},
        }},
        "/sparql": {
            "get": {"operationId": "sparqlGet", "summary": "SPARQL 1.1 Protocol query (or Service Description)",
                    "tags": ["sparql"], "parameters": _sparql_parameters(), "responses": _sparql_responses()},
            "post": {"operationId": "sparqlPost", "summary": "SPARQL 1.1 Protocol query or update",
                     "tags": ["sparql"], "requestBody": {"required": True, "content": {
                         "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                             "query": {"type": "string"}, "update": {"type": "string"}}}},
                         "application/sparql-query": {"schema": {"type": "string"}},
                         "application/sparql-update": {"schema": {"type": "string"}}}},
                     "responses": {**_sparql_responses(), "204": {"description": "update applied"},
                                   "401": _error("update without the right token"),
                                   "403": _error("updates are disabled"), "413": _error("request too large"),
                                   "415": _error("unsupported Content-Type or charset")}},
        },
        "/store": _graph_store(),
        "/id/{slug}": {"get": {
            "operationId": "entity", "summary": "An entity: HTML for browsers, RDF by content negotiation",
            "tags": ["pages"],
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "the entity", "content": {
                "text/html": {"schema": {"type": "string"}}, "text/turtle": {"schema": {"type": "string"}},
                "application/ld+json": {"schema": {}}}},
                "404": _error("unknown entity"), "406": _error("no acceptable format")},
        }},
        "/doc/{docId}": {"get": {
            "operationId": "document", "summary": "A document with its facts: HTML, or its named graph as RDF",
            "tags": ["pages"],
            "parameters": [{"name": "docId", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "the document", "content": {
                "text/html": {"schema": {"type": "string"}}, "text/turtle": {"schema": {"type": "string"}}}},
                "404": _error("unknown document"), "406": _error("no acceptable format")},
        }},
        "/health": {"get": {"operationId": "health", "summary": "Liveness and what the store holds",
                            "tags": ["meta"], "responses": {
                                "200": {"description": "serving", "content": {"application/json": {
                                    "schema": {"type": "object"}}}},
                                "503": _error("the store cannot be read")}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This description", "tags": ["meta"],
                                  "responses": {"200": {"description": "OpenAPI 3.1", "content": {
                                      "application/json": {"schema": {"type": "object"}}}}}}},
        "/": {"get": {"operationId": "ui", "summary": "The web UI", "tags": ["meta"], "responses": {
            "200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
    }
    for question in questions.values():
        parameters = [{
            "name": p.name, "in": "query", "required": p.required, "description": p.description,
            "schema": {"type": "string", **({"enum": list(p.values)} if p.values else {})},
            **({"example": p.example} if p.example else {}),
        } for p in question.parameters]
        parameters.append({"name": "format", "in": "query", "required": False,
                           "schema": {"type": "string", "enum": ["json", "csv"]},
                           "description": "json (default) or csv; Accept: text/csv works too"})
        paths[f"/api/questions/{question.id}"] = {"get": {
            "operationId": f"ask_{question.id}", "summary": question.title,
            "description": question.description, "tags": ["questions", *question.tags],
            "parameters": parameters,
            "responses": {
                "200": {"description": "the answer", "content": {
                    "application/json": {"schema": _answer_schema(question.columns)},
                    "text/csv": {"schema": {"type": "string"}}}},
                "400": _error("a parameter is missing, unknown or names nothing in the graph"),
                "406": _error("no acceptable format"),
                "503": _error("the query ran past the time limit and was stopped"),
            },
        }}
    for operations in paths.values():
        for operation in operations.values():
            operation["responses"]["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Statecraft KG", "version": __version__,
                 "description": "Evidence-backed knowledge graph of geopolitical analysis: canned questions, "
                                "a SPARQL 1.1 endpoint, and dereferenceable entities and documents. "
                                "A method a path does not list is answered 405, with an Allow header "
                                "naming those it does."},
        "servers": [{"url": server or "/"}],
        "paths": paths,
        "components": {"responses": {
            "TooManyRequests": {**_error("too many requests in flight from this client; retry after "
                                         "Retry-After seconds"),
                                "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
        }, "schemas": {
            "Error": {"type": "object", "required": ["error", "detail"],
                      "properties": {"error": {"type": "string"}, "detail": {"type": "string"}}},
            "QuestionList": {"type": "object", "required": ["questions"], "properties": {"questions": {
                "type": "array", "items": {"type": "object", "required": ["id", "title", "parameters"],
                                           "properties": {
                                               "id": {"type": "string"}, "title": {"type": "string"},
                                               "description": {"type": "string"},
                                               "tags": {"type": "array", "items": {"type": "string"}},
                                               "columns": {"type": "array", "items": {"type": "string"}},
                                               "parameters": {"type": "array", "items": {
                                                   "type": "object", "required": ["name", "required"]}}}}}}},
        }},
    }


def _graph_store() -> dict[str, Any]:
    """SPARQL 1.1 Graph Store HTTP Protocol: read by anyone, write with the update token."""
    target = [{"name": "graph", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "the named graph's IRI"},
              {"name": "default", "in": "query", "required": False, "schema": {"type": "string"},
               "allowEmptyValue": True, "description": "the default graph instead"}]
    rdf = {m: {"schema": {"type": "string"}} for m in (
        "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")}
    write = {"parameters": target, "tags": ["sparql"], "requestBody": {"required": True, "content": rdf},
             "responses": {"201": {"description": "graph created"}, "204": {"description": "graph written"},
                           "400": _error("unreadable body (or XML entity declarations)"),
                           "401": _error("no or wrong update token"), "403": _error("writes are disabled"),
                           "413": _error("request too large"), "415": _error("unknown Content-Type")}}
    return {
        "get": {"operationId": "graphGet", "summary": "A whole graph", "tags": ["sparql"], "parameters": target,
                "responses": {"200": {"description": "the graph", "content": rdf},
                              "400": _error("not exactly one of ?graph=<absolute IRI> and ?default"),
                              "404": _error("no such graph"), "406": _error("no acceptable format")}},
        "put": {"operationId": "graphPut", "summary": "Replace a graph", **write},
        "post": {"operationId": "graphPost", "summary": "Merge into a graph", **write},
        "delete": {"operationId": "graphDelete", "summary": "Drop a graph", "tags": ["sparql"],
                   "parameters": target, "responses": {"204": {"description": "dropped"},
                                                       "400": _error("not exactly one of ?graph=<absolute IRI> "
                                                                     "and ?default"),
                                                       "404": _error("no such graph"),
                                                       "401": _error("no or wrong update token"),
                                                       "403": _error("writes are disabled")}},
    }


def _sparql_responses() -> dict[str, Any]:
    return {
        "200": {"description": "results, a graph, or the Service Description", "content": {
            media: {"schema": {}} for media in (
                "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
                "application/rdf+xml")}},
        "400": _error("malformed query, or one that would fetch from outside the store"),
        "406": _error("no acceptable format"),
        "503": _error("the query ran past the time limit and was stopped"),
    }
