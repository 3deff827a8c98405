"""The HTTP API beside the SPARQL endpoint: questions, entity and document pages, OpenAPI,
health. Flask's test client over a real store built from the seeds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate
from rdflib import Graph, URIRef

from api.app import Config, create_app
from kg.build import build

from .conftest import ROOT

ISI = "https://w3id.org/statecraft/id/ISI"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    path: Path = tmp_path_factory.mktemp("api") / "store"
    build(ROOT / "seeds", path)
    application = create_app(Config(store=str(path), workers=2, query_timeout=10))
    yield application
    application.extensions["statecraft"].executor.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_questions_are_listed_with_their_parameters(client: FlaskClient) -> None:
    body = client.get("/api/questions").get_json()
    listed = {q["id"]: q for q in body["questions"]}
    assert {"agencies", "cooperation", "resources", "agreements", "tariffs", "events", "ownership",
            "tensions", "recommendations", "leaders", "evidence"} <= set(listed)
    assert listed["evidence"]["parameters"] == [
        {"name": "entity", "required": True, "description": listed["evidence"]["parameters"][0]["description"]}]
    assert all({"id", "title", "description", "tags", "parameters"} <= set(q) for q in listed.values())


def test_question_answers_as_json_with_columns_and_evidence(client: FlaskClient) -> None:
    response = client.get("/api/questions/agencies?state=pakistan")
    body = response.get_json()
    assert response.status_code == 200 and body["question"] == "agencies"
    isi = [r for r in body["rows"] if r["agency"] == ISI]
    assert isi and isi[0]["stateLabel"] == "Pakistan" and "Inter-Services Intelligence" in isi[0]["quote"]
    assert all(set(body["columns"]) == set(row) for row in body["rows"])


@pytest.mark.parametrize("how", [{"query_string": {"format": "csv"}}, {"headers": {"Accept": "text/csv"}}])
def test_question_answers_as_csv(client: FlaskClient, how: dict) -> None:
    response = client.get("/api/questions/tariffs", **how)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["fromRate"], r["toRate"]) for r in rows] == [("29", "19")]


def test_unknown_question_is_404_json(client: FlaskClient) -> None:
    response = client.get("/api/questions/nope")
    assert response.status_code == 404 and "nope" in response.get_json()["detail"]


def test_bad_parameter_is_400_naming_it(client: FlaskClient) -> None:
    response = client.get("/api/questions/agencies?state=Narnia")
    assert response.status_code == 400
    assert "'state'" in response.get_json()["detail"] and "Narnia" in response.get_json()["detail"]
    assert client.get("/api/questions/evidence").status_code == 400


def test_entity_page_is_html_for_browsers(client: FlaskClient) -> None:
    response = client.get("/id/ISI", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Inter-Services Intelligence" in page and "its Pakistani counterpart" in page


@pytest.mark.parametrize("media,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                       ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_entity_is_rdf_for_rdf_clients(client: FlaskClient, media: str, fmt: str) -> None:
    response = client.get("/id/ISI", headers={"Accept": media})
    assert response.status_code == 200 and response.mimetype == media
    graph = Graph().parse(data=response.get_data(as_text=True), format=fmt)
    assert (URIRef(ISI), URIRef("https://w3id.org/statecraft/ontology#agencyOf"),
            URIRef("https://w3id.org/statecraft/id/Pakistan")) in graph


def test_unknown_entity_is_404(client: FlaskClient) -> None:
    assert client.get("/id/Atlantis").status_code == 404


def test_document_page_shows_text_with_evidence_marked(client: FlaskClient) -> None:
    response = client.get("/doc/us-pakistan-strategic-realism", headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<mark>" in page and "from 29% to 19%" in page


def test_document_graph_as_turtle(client: FlaskClient) -> None:
    response = client.get("/doc/us-pakistan-strategic-realism", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert len(graph) > 500


def test_openapi_is_valid_and_covers_every_route_and_question(client: FlaskClient, app: Flask) -> None:
    document = client.get("/openapi.json").get_json()
    validate(document)
    questions = app.extensions["statecraft"].questions
    assert {f"/api/questions/{q}" for q in questions} <= set(document["paths"])
    assert {"/sparql", "/api/questions", "/id/{slug}", "/doc/{docId}", "/health", "/openapi.json", "/"} <= set(
        document["paths"])
    params = {p["name"] for p in document["paths"]["/api/questions/agreements"]["get"]["parameters"]}
    assert {"actor", "format"} <= params


def test_every_operation_says_a_client_may_be_told_to_wait(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert operations and all("429" in op["responses"] for op in operations)


@pytest.mark.parametrize(("path", "allowed"), [("/api/questions", {"GET"}), ("/sparql", {"GET", "POST"}),
                                               ("/id/Pakistan", {"GET"}), ("/health", {"GET"})])
def test_a_method_a_route_does_not_take_gets_405_naming_those_it_does(
        client: FlaskClient, path: str, allowed: set[str]) -> None:
    response = client.delete(path)
    assert response.status_code == 405 and set(response.get_json()) == {"error", "detail"}
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_health_reports_the_store(client: FlaskClient) -> None:
    body = client.get("/health").get_json()
    assert body["status"] == "ok" and body["graphs"] >= 4 and body["questions"] >= 11


def test_errors_are_json_never_a_stack_trace(client: FlaskClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404 and set(response.get_json()) == {"error", "detail"}


def test_ui_page_lists_the_questions(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert 'value="agencies"' in page and "/static/app.js" in page
