"""/api/questions: the canned questions, listed and answered as JSON or CSV."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request
from werkzeug.exceptions import HTTPException

from kg.executor import QueryFailed, QueryTimeout
from kg.questions import Answer, BadParameter, Question, ask
from kg.store import json_term

from .app import state
from .negotiation import choose

bp = Blueprint("questions", __name__)

RESERVED = {"format"}


def describe(question: Question) -> dict:
    return {
        "id": question.id,
        "title": question.title,
        "description": question.description,
        "tags": list(question.tags),
        "parameters": [{"name": p.name, "required": p.required, "description": p.description,
                        **({"example": p.example} if p.example else {}),
                        **({"enum": list(p.values)} if p.values else {})}
                       for p in question.parameters],
        "columns": list(question.columns),
    }


@bp.get("/api/questions")
def list_questions() -> Response:
    return jsonify(questions=[describe(q) for q in state().questions.values()])


def select(sparql: str) -> list[dict]:
    rows = state().executor.select(sparql)
    return [{k: json_term(v) for k, v in row.items()} for row in rows]


def answer(question_id: str, params: dict[str, str]) -> Answer:
    """Run a question for a request; errors become 400, 404 or 503 with a clear detail."""
    question = state().questions.get(question_id)
    if question is None:
        abort(404, description=f"no question {question_id!r}; see /api/questions for the list")
    try:
        return ask(question, params, select)
    except BadParameter as exc:
        abort(400, description=exc.message)
    except QueryTimeout as exc:
        abort(503, description=exc.message)
    except QueryFailed as exc:
        abort(500, description=exc.message)


@bp.get("/api/questions/<question_id>")
def answer_question(question_id: str) -> Response:
    params = {k: v for k, v in request.args.items() if k not in RESERVED}
    result = answer(question_id, params)
    wanted = request.args.get("format") or choose(request.headers.get("Accept", ""),
                                                  ["application/json", "text/csv"])
    limit = state().config.max_rows
    truncated = len(result.rows) > limit
    rows = result.rows[:limit]
    if wanted in ("csv", "text/csv"):
        body = Answer(result.question, result.columns, rows).to_csv()
        response = Response(body, mimetype="text/csv")
        response.headers["Content-Disposition"] = f'inline; filename="{question_id}.csv"'
    elif wanted in (None, "json", "application/json"):
        response = jsonify(question=result.question, columns=list(result.columns), rows=rows,
                           **({"truncated": True, "limit": limit} if truncated else {}))
    else:
        raise_not_acceptable(wanted)
    if truncated:
        response.headers["X-Statecraft-Truncated"] = "true"
    response.headers["Vary"] = "Accept"
    return response


def raise_not_acceptable(wanted: str) -> HTTPException:
    abort(406 if "/" in wanted else 400,
          description=f"format {wanted!r} is not offered; use json or csv (or Accept: application/json, text/csv)")
