"""The web UI in a real headless Chromium against a real `kg serve`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import running_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    with running_server(tmp_path_factory.mktemp("ui")) as url:
        yield url


def rendered(url: str, tmp: Path) -> str:
    """The page's DOM after its scripts ran (Chromium's virtual time lets fetches finish)."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed (apt-get install chromium); .ci/run installs it")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp}", "--virtual-time-budget=10000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_ui_loads_the_question_list(server: str, tmp_path: Path) -> None:
    dom = rendered(f"{server}/", tmp_path)
    assert 'data-ready="true"' in dom
    assert dom.count("<option") >= 11


def test_ui_answers_a_question_from_a_link(server: str, tmp_path: Path) -> None:
    dom = rendered(f"{server}/?ask=tariffs", tmp_path)
    result = dom.split('id="question-result"')[1].split("</section>")[0]
    assert "<table>" in result and "29" in result and "19" in result and "1 row" in result


def test_ui_runs_sparql_from_a_link(server: str, tmp_path: Path) -> None:
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/statecraft/ontology#TariffChange> }"
    from urllib.parse import quote
    dom = rendered(f"{server}/?sparql={quote(query)}", tmp_path)
    assert "TariffChange_United_States_Pakistan" in dom.split('id="sparql-result"')[1]


def test_ui_draws_the_graph(server: str, tmp_path: Path) -> None:
    dom = rendered(f"{server}/?graph", tmp_path)
    svg = dom.split('id="graph-view"')[1].split("</svg>")[0]
    assert "<circle" in svg and "<line" in svg and "Pakistan" in svg
